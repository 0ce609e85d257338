#!/usr/bin/env bash
# test_hostile_bundles: bundles damaged in transport or made by an attacker
# are refused whole: exit 1, a message that names the file (and, for a fault
# in a row, `line N` and the field), and the municipal database byte for
# byte as it was. Hangs, crashes and unbounded memory count as failures.
#
# Systematic where test_import_refusals.sh is hand-picked (its cases are not
# repeated here): bit flips at positions drawn by a seeded RNG, truncation
# of every file, every file missing, odd members of the folder, path-like
# names, huge fields, lines and files under a memory and time bound, invalid
# UTF-8 and NUL in every column of every file, wrong versions, duplicate
# rows and ids of the wrong kind. Each case is one line: NAME, sums kept or
# re-made, the texts the message must hold, the mutation.
#
# usage: bash tests/integration/test_hostile_bundles.sh /abs/path/to/trygg
#        HOSTILE_SEED=N repeats the positions of an earlier run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/bundle_mut.sh"

SEED=${HOSTILE_SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$SEED
echo "seed $SEED (repeat this run with HOSTILE_SEED=$SEED)"
# rand N: R = a number in 0..N-1 from the seeded sequence. Never call it
# inside $(...): a subshell's draw does not advance the sequence.
rand() { R=$(((RANDOM * 32768 + RANDOM) % $1)); }

DEV=$WORK/device.sqlite
OTHER=$WORK/other-device.sqlite
MUNI=$WORK/municipality.sqlite
# shellcheck disable=SC2034 # read by bundle_mut.sh
BM_TIMEOUT=30        # any one import; a hang fails its case
MAX_RSS_KB=65536     # peak memory of one import of a huge bundle
MAX_SECS=20          # and its time
MB=1000000
DATA_FILES=(manifest.csv walks.csv spots.csv categories.csv checks.csv)

# ---------------------------------------------------------------------------
section "setup: a good bundle, one with answers, a municipality that is not empty"

# Plain texts, except one note that needs CSV quoting: the only quoted
# field, so the quote cases below know exactly where the reader must stop.
QUOTED_NOTE='trasig, "lampa" vid bron'
must_trygg --db "$DEV" walk start --title 'Norra parken' --area 'Norr' \
    --role volunteer --light dark --participants 4
must_trygg --db "$DEV" spot add --lat 59.330001 --lon 18.060001 --category lighting --note 'trasig lampa'
must_trygg --db "$DEV" spot add --lat 59.330002 --lon 18.060002 --category vegetation --severity 1 \
    --note "$QUOTED_NOTE"
must_trygg --db "$DEV" spot add --lat 59.330003 --lon 18.060003 --category safe --note 'bra belyst'
must_trygg --db "$DEV" walk end
must_trygg --db "$DEV" walk start --title 'Stationen' --role citizen --light dusk
must_trygg --db "$DEV" spot add --lat 59.340001 --lon 18.070001 --accuracy 5 --category traffic --severity 3
OWN_SPOT=$LAST
must_trygg --db "$DEV" walk end
mkdir -p "$WORK/out" "$WORK/followup" "$WORK/out-checks"
must_trygg --db "$DEV" sync --out "$WORK/out"
GOOD=$LAST
N_SPOTS=4

# Answers: a second device answers the municipality's follow-up list.
other_device_with_answers

# remake_present DIR: SHA256SUMS for the data files present as plain files,
# in the order trygg writes them.
remake_present() {
    (
        cd "$1" || exit 1
        list=()
        for f in "${DATA_FILES[@]}"; do
            [[ -f $f && ! -L $f ]] && list+=("$f")
        done
        sha256sum -- "${list[@]}" </dev/null >SHA256SUMS
    )
}
# shellcheck disable=SC2034 # read by bundle_mut.sh
RESUM=remake_present
# The helper must write exactly what trygg writes, or the cases would test
# the helper rather than trygg.
for b in "$GOOD" "$CHECKS"; do
    cp -a "$b" "$WORK/resum-check"
    remake_present "$WORK/resum-check"
    check_same_file "remake_present writes trygg's SHA256SUMS ($(basename "$b"))" \
        "$b/SHA256SUMS" "$WORK/resum-check/SHA256SUMS"
    rm -rf "$WORK/resum-check"
done
# What the cases below count on.
[[ $(manifest_get "$GOOD" spots) == "$N_SPOTS" && $(manifest_get "$CHECKS" checks) == 2 ]] ||
    die "the bundles do not have $N_SPOTS spots and 2 answers"
[[ $(grep -c '"' "$GOOD/spots.csv") == 1 && $(cat "$GOOD"/*.csv | tr -cd '"' | wc -c) == 6 ]] ||
    die "the quoted note is not the only quoted field, with 6 quotes"
for f in "${DATA_FILES[@]}"; do
    b=$GOOD
    [[ $f == checks.csv ]] && b=$CHECKS
    [[ $(grep -c $'\r$' "$b/$f") == $(wc -l <"$b/$f") ]] || die "$f does not end every line in CRLF"
done
PLAIN_LINE=$(line_with "$GOOD/spots.csv" ',trasig lampa,')
QUOTED_LINE=$(line_with "$GOOD/spots.csv" '"')
APP_LINE=$(line_with "$GOOD/manifest.csv" app_version,)

MUNI_BEFORE=$(db_fingerprint "$MUNI")
cp "$MUNI" "$WORK/municipality.pristine"
check_match "municipal db holds the other device's walk" '^1$' \
    "$(sql "$MUNI" 'SELECT COUNT(*) FROM walks')"

# (The mutations are in bundle_mut.sh.)

# ---------------------------------------------------------------------------
section "bit flips with the sums kept (transport damage)"

# A flipped bit anywhere in a file changes its SHA-256: the file is named
# as not matching its sum, whatever the flip did to its content. A flip in
# SHA256SUMS itself breaks a sum, a name or the form of a line: every such
# message names SHA256SUMS.
FLIPS=3
for f in manifest.csv walks.csv spots.csv categories.csv SHA256SUMS checks.csv; do
    BASE=$GOOD
    [[ $f == checks.csv ]] && BASE=$CHECKS
    expect="$f|does not match"
    [[ $f == SHA256SUMS ]] && expect="SHA256SUMS"
    size=$(stat -c %s "$BASE/$f")
    for _ in $(seq "$FLIPS"); do
        rand "$size"
        off=$R
        rand 8
        refuse "$f: byte $off bit $R flipped, sums kept" keep "$expect" flip_bit "$f" "$off" "$R"
    done
done
unset BASE

# ---------------------------------------------------------------------------
section "bit flips in structural bytes, sums re-made"

# With the sums re-made, only the CSV rules can catch a flip. These bytes
# are the ones where every flip must be caught, and with which words:
#   lf     (every line): the CR before it no longer ends a line.
#   comma  (in a row): the row is one field short, unless the merged field
#          meets a quote first (the neighbour is one) or is no longer UTF-8
#          (the new byte is >= 0x80; this field is named).
#   cr     (in a row): the last field gets a byte no value of it allows
#          (its field is named; in manifest.csv the key, except the free
#          text app_version, which is left out), or one >= 0x80.
#   head   (line 1): a required column is gone, or a quote or non-UTF-8
#          byte is found in a name (named by its number).
#   quote  (the one quoted note, all six): see quote_expect.
# expect_flip FILE CLASS LINE FIELD PREV NEXT NEW: EXP = the texts.
declare -A HEADER
for f in "${BUNDLE_FILES[@]}"; do HEADER[$f]=$(header_names "$GOOD/$f" | paste -sd,); done
HEADER[checks.csv]=$(header_names "$CHECKS/checks.csv" | paste -sd,)
expect_flip() {
    local f=$1 cls=$2 l=$3 k=$4 prev=$5 next=$6 x=$7 names
    IFS=, read -r -a names <<<"${HEADER[$f]}"
    case $cls in
    lf) EXP="$f|line $l:|carriage return without line feed" ;;
    head)
        if ((x >= 128)); then
            EXP="$f|line 1, field $((k + 1)):|not valid UTF-8"
        elif ((x == 34)); then
            EXP="$f|line 1, field $((k + 1)):|quote inside an unquoted field"
        else
            EXP="$f|line 1:|required column"
        fi
        ;;
    comma)
        if ((prev == 34)); then
            EXP="$f|line $l, field ${names[k]}:|text after a closing quote"
        elif ((next == 34)); then
            EXP="$f|line $l, field ${names[k]}:|quote inside an unquoted field"
        elif ((x >= 128)); then
            EXP="$f|line $l, field ${names[k]}:|not valid UTF-8"
        else
            EXP="$f|line $l:|$((${#names[@]} - 1)) fields, but the header has ${#names[@]}"
        fi
        ;;
    cr)
        if ((x >= 128)); then
            EXP="$f|line $l, field ${names[k]}:|not valid UTF-8"
        elif [[ $f == manifest.csv ]]; then
            EXP="$f|line $l, field $(sed -n "${l}p" "$BASE/$f" | cut -d, -f1):"
        else
            EXP="$f|line $l, field ${names[k]}:"
        fi
        ;;
    esac
}

# quote_expect N NEW: EXP for the Nth quote of '"trasig, ""lampa"" vid
# bron"'. The opening one makes the field unquoted: its comma splits it and
# the next field meets a quote (or the first half is not UTF-8). An escaped
# quote's half, or the closing one, turns into text after a closing quote,
# or into a field that never closes (the last: no quote follows in the file).
quote_expect() {
    local at="spots.csv|line $QUOTED_LINE, field"
    case $1 in
    0) if (($2 >= 128)); then EXP="$at note:|not valid UTF-8"; else
        EXP="$at deleted:|quote inside an unquoted field"; fi ;;
    5) EXP="$at note:|quoted field never closed" ;;
    *) EXP="$at note:|text after a closing quote" ;;
    esac
}

PICKS=(head 2 comma 2 cr 1 lf 2)
for f in manifest.csv walks.csv spots.csv categories.csv checks.csv; do
    BASE=$GOOD
    [[ $f == checks.csv ]] && BASE=$CHECKS
    map=$(structure "$BASE/$f")
    for ((p = 0; p < ${#PICKS[@]}; p += 2)); do
        cls=${PICKS[p]}
        # (The free-text manifest value takes any trailing byte: not a cr.)
        skip=0
        [[ $f == manifest.csv ]] && skip=$APP_LINE
        mapfile -t pool < <(awk -v c="$cls" -v skip="$skip" '$1 == c && !(c == "cr" && $3 == skip)' <<<"$map")
        ((${#pool[@]})) || die "$f has no $cls bytes"
        for _ in $(seq "${PICKS[p + 1]}"); do
            rand "${#pool[@]}"
            read -r c off l k prev next <<<"${pool[R]}"
            rand 8
            x=$(($(byte_at "$BASE/$f" "$off") ^ (1 << R)))
            expect_flip "$f" "$cls" "$l" "$k" "$prev" "$next" "$x"
            refuse "$f: $cls byte $off (line $l) bit $R flipped, sums re-made" resum "$EXP" \
                flip_bit "$f" "$off" "$R"
        done
    done
done
BASE=$GOOD
mapfile -t S < <(structure "$GOOD/spots.csv" | grep '^quote ')
for n in "${!S[@]}"; do
    read -r c off l k prev next <<<"${S[n]}"
    rand 8
    quote_expect "$n" $((34 ^ (1 << R)))
    refuse "spots.csv: quote $n of the note (byte $off) bit $R flipped, sums re-made" resum "$EXP" \
        flip_bit spots.csv "$off" "$R"
done
unset BASE

# ---------------------------------------------------------------------------
section "truncation of every file"

# Each file cut to 0 bytes, 1 byte, the middle of its last line, and one
# byte short (its last LF). Sums kept: the file no longer matches its sum.
# Sums re-made: no header; a header that names no required column; a last
# row a few fields short (the cut is before its last comma); a last CR
# without its LF. SHA256SUMS has no sum of its own: every cut of it is
# named (a last line without its LF is a cut file).
for f in manifest.csv walks.csv spots.csv categories.csv checks.csv SHA256SUMS; do
    BASE=$GOOD
    [[ $f == checks.csv ]] && BASE=$CHECKS
    size=$(stat -c %s "$BASE/$f")
    L=$(wc -l <"$BASE/$f")
    end=$((size - 2)) # the last line's CR
    [[ $f == SHA256SUMS ]] && end=$((size - 1))
    start=$((end - $(tail -n 1 "$BASE/$f" | tr -d '\r\n' | wc -c)))
    mid=$(((start + end) / 2))
    # Not inside a UTF-8 sequence: the cut must leave whole characters.
    while (($(byte_at "$BASE/$f" "$mid") >= 128 && $(byte_at "$BASE/$f" "$mid") < 192)); do
        mid=$((mid - 1))
    done
    [[ $f == SHA256SUMS || $(tail -c +$((mid + 1)) "$BASE/$f" | head -c $((end - mid))) == *,* ]] ||
        die "$f: the middle of the last line is not before its last comma"
    for cut in 0 1 "$mid" $((size - 1)); do
        if [[ $f == SHA256SUMS ]]; then
            refuse "$f cut to $cut of $size bytes" keep "SHA256SUMS" cut_to "$f" "$cut"
            continue
        fi
        refuse "$f cut to $cut of $size bytes, sums kept" keep "$f|does not match" cut_to "$f" "$cut"
        case $cut in
        0) EXP="$f|empty" ;;
        1) EXP="$f|line 1:|required column" ;;
        "$mid") EXP="$f|line $L:|fields, but the header has" ;;
        *) EXP="$f|line $L:|carriage return without line feed" ;;
        esac
        refuse "$f cut to $cut of $size bytes, sums re-made" resum "$EXP" cut_to "$f" "$cut"
    done
done
unset BASE

# ---------------------------------------------------------------------------
section "missing files, and what else a folder can hold"

# (walks.csv and SHA256SUMS missing, an unlisted extra file and a member
# that is a symlink are in test_import_refusals.sh.)
refuse "manifest.csv missing"        keep  "manifest.csv|missing"  rm manifest.csv
refuse "spots.csv missing"           keep  "spots.csv|missing"     rm spots.csv
refuse "categories.csv missing"      keep  "categories.csv|missing" rm categories.csv
refuse "manifest.csv gone, unlisted" resum "SHA256SUMS does not list manifest.csv" rm manifest.csv
refuse "walks.csv gone, unlisted"    resum "SHA256SUMS does not list walks.csv" rm walks.csv
refuse "spots.csv gone, unlisted"    resum "SHA256SUMS does not list spots.csv" rm spots.csv
refuse "categories.csv gone, unlisted" resum "SHA256SUMS does not list categories.csv" rm categories.csv
BASE=$CHECKS
refuse "checks.csv missing"          keep  "checks.csv|missing"    rm checks.csv
refuse "checks.csv gone, unlisted, manifest counts it" resum "manifest.csv says checks 2|no checks.csv" \
    rm checks.csv
BASE=$GOOD
refuse "a sub-folder"                keep  "sub|not in SHA256SUMS" mkdir sub
refuse "a listed sub-folder"         keep  "sub|not a plain file"  eval 'mkdir sub && list_name sub'
refuse "a symlink to /etc/passwd"    keep  "passwd|not in SHA256SUMS" link_outside passwd
refuse "a listed symlink to /etc/passwd" keep "passwd|symbolic link" eval 'link_outside passwd && list_name passwd'
refuse "a dangling symlink"          keep  "gone|not in SHA256SUMS" ln -s /nonexistent/x gone
refuse "SHA256SUMS a symlink out of the folder" keep "SHA256SUMS|symbolic link" sums_is_link
# FIFOs: opening one for reading waits for a writer, unless the reader
# never blocks (a hang here is a failed case, not a stuck test).
refuse "a FIFO"                      keep  "pipe|not in SHA256SUMS" mkfifo pipe
refuse "a listed FIFO"               keep  "pipe|not a plain file" eval 'mkfifo pipe && list_name pipe'
refuse "walks.csv a FIFO"            keep  "walks.csv|not a plain file" fifo_for walks.csv
refuse "manifest.csv a FIFO"         keep  "manifest.csv|not a plain file" fifo_for manifest.csv
refuse "SHA256SUMS a FIFO"           keep  "SHA256SUMS|not a plain file" fifo_for SHA256SUMS
refuse "a file named with a newline" keep  "evil|name is in the bundle folder but not in SHA256SUMS" \
    touch $'evil\nname'
# sha256sum marks a name it had to escape with a leading backslash.
refuse "a listed file named with a newline" keep "SHA256SUMS line 5:|not a" \
    eval 'touch $'"'"'evil\nname'"'"' && sha256sum -- $'"'"'evil\nname'"'"' >>SHA256SUMS'
refuse "a file named a..b"           keep  "a..b|not in SHA256SUMS" touch a..b
refuse "a listed hidden file"        keep  "SHA256SUMS line 5:|not a plain file name" \
    eval 'touch .hidden && list_file .hidden'

# ---------------------------------------------------------------------------
section "path-like and broken names in SHA256SUMS"

# An extra line 5 in SHA256SUMS; no name that could leave the folder, or
# that is not one plain name, is ever opened.
for name in /etc/passwd '..\x' 'a\x' a/../b . .. -rf 'walks.csv/' $'a\tb' $'a\x7fb' \
    $'a\xffb' $'a\xed\xa0\x80b' "$(printf 'n%.0s' $(seq 256))" "$(printf 'n%.0s' $(seq 1000))"; do
    refuse "SHA256SUMS names $(shorten "${name:0:40}")" keep "SHA256SUMS line 5:|not a plain file name" \
        list_name "$name"
done
refuse "SHA256SUMS names a<NUL>b" keep "SHA256SUMS line 5:|not a plain file name" \
    eval 'list_name a@NUL@b && LC_ALL=C sed -i "s/@NUL@/\x00/" SHA256SUMS'
refuse "SHA256SUMS names a<CR>b" keep "SHA256SUMS line 5:|not a plain file name" list_name $'a\rb'
refuse "SHA256SUMS lists manifest.csv twice (CRLF)" keep "SHA256SUMS line 5:|listed twice" \
    eval 'head -n 1 SHA256SUMS | sed "s/\$/\r/" >>SHA256SUMS'
refuse "SHA256SUMS in upper-case hex" keep "SHA256SUMS line 1:|not a" \
    sed -i '1s/^\(.\{64\}\)/\U\1/' SHA256SUMS
refuse "SHA256SUMS with a 63-digit sum" keep "SHA256SUMS line 2:|not a" sed -i '2s/^.//' SHA256SUMS
refuse "SHA256SUMS with one space" keep "SHA256SUMS line 3:|not a" sed -i '3s/  / /' SHA256SUMS
refuse "SHA256SUMS lists 17 files" keep "SHA256SUMS line 17:|more than 16 files" \
    eval 'for i in $(seq 13); do list_name "x$i"; done'
refuse "SHA256SUMS of 20000 bytes" keep "SHA256SUMS is larger than 16384 bytes" \
    eval 'head -c 20000 /dev/zero | tr "\0" "\n" >>SHA256SUMS'

# ---------------------------------------------------------------------------
section "bundle folder names"

# A folder's name is the importer's choice (a renamed copy is fine): only
# its content decides. A path that is no bundle folder is refused; the good
# bundle under a path-like or very long name imports exactly as under its
# own; a broken one there is refused with its own message. (A NUL cannot
# reach a program through argv.)
tables() { sql "$1" '.dump walks spots categories checks'; }
cp "$WORK/municipality.pristine" "$WORK/ref.sqlite"
must_trygg --db "$WORK/ref.sqlite" import "$GOOD"
REF_TABLES=$(tables "$WORK/ref.sqlite")
for path in /etc/passwd / "$WORK/no/such/..\\x" ''; do
    run_trygg_bounded --db "$MUNI" import "$path"
    check_rc "import $(shorten "$path"): exit 1" 1
    check_has "... names it" "refused $path:" "$ERR"
    check_eq "... municipal db unchanged" "$MUNI_BEFORE" "$(db_fingerprint "$MUNI")"
done
long=$WORK/long
while ((${#long} < 3800)); do long+=/$(printf 'd%.0s' $(seq 200)); done
long+=/$(printf 'e%.0s' $(seq $((4085 - ${#long} - 1))))
mkdir -p "$WORK/names/a"
for path in "$WORK/names/..\\x" "$WORK/names/a/../b" "$WORK/names/"$'new\nline' \
    "$WORK/names/-dash" "$WORK/names/$(printf 'n%.0s' $(seq 255))" "$long"; do
    label="folder $(shorten "${path#"$WORK"/}")"
    ((${#path} > 100)) && label="folder path of ${#path} bytes"
    mkdir -p "$path"
    (cd "$path" && cp -a "$GOOD/." .)
    cp "$WORK/municipality.pristine" "$WORK/scratch.sqlite"
    run_trygg_bounded --db "$WORK/scratch.sqlite" import "$path"
    check_rc "$label: the good bundle imports" 0
    check_eq "... exactly as under its own name" "$REF_TABLES" "$(tables "$WORK/scratch.sqlite")"
    (cd "$path" && set_field spots.csv "$PLAIN_LINE" latitude 91) && remake_present "$path"
    run_trygg_bounded --db "$MUNI" import "$path"
    check_rc "$label: a broken bundle is refused" 1
    check_has "... naming the field" "spots.csv line $PLAIN_LINE, field latitude:" "$ERR"
    check_eq "... municipal db unchanged" "$MUNI_BEFORE" "$(db_fingerprint "$MUNI")"
    rm -rf "$path" "$WORK/scratch.sqlite"*
done
rm -rf "$WORK/long" "$WORK/names"

# ---------------------------------------------------------------------------
section "huge fields, lines and files: refused in bounded time and memory"

# refuse_bounded NAME SUMS EXPECT MUTATION...: refuse, and the import stays
# under MAX_RSS_KB and MAX_SECS.
refuse_bounded() {
    BM_RUN=run_measured refuse "$@"
    if [[ $PEAK_KB =~ ^[0-9]+$ ]] && ((PEAK_KB <= MAX_RSS_KB)); then
        pass "$1: peak RSS $PEAK_KB KB <= $MAX_RSS_KB KB"
    else
        fail "$1: peak RSS $PEAK_KB KB is over $MAX_RSS_KB KB"
    fi
    if awk -v s="$SECS" -v m="$MAX_SECS" 'BEGIN { exit !(s <= m) }'; then
        pass "$1: $SECS s <= $MAX_SECS s"
    else
        fail "$1: $SECS s is over $MAX_SECS s"
    fi
}

refuse_bounded "a note of 10 MB" resum "spots.csv|line $PLAIN_LINE, field note:|longer than 16384 bytes" \
    big_value spots.csv "$PLAIN_LINE" note $((10 * MB))
refuse_bounded "a title of 10 MB" resum "walks.csv|line 2, field title:|longer than 16384 bytes" \
    big_value walks.csv 2 title $((10 * MB))
refuse_bounded "app_version of 10 MB" resum "manifest.csv|line $APP_LINE, field value:|longer than 16384" \
    big_value manifest.csv "$APP_LINE" value $((10 * MB))
refuse_bounded "a category label of 10 MB" resum "categories.csv|line 2, field label_sv:|longer than 16384" \
    big_value categories.csv 2 label_sv $((10 * MB))
# The message names the line the record starts on, not where the reader
# gave up.
refuse_bounded "a quoted note of 100,000 lines" resum \
    "spots.csv|line $PLAIN_LINE, field note:|longer than 16384 bytes" quoted_lines "$PLAIN_LINE" 100000
refuse_bounded "a line of 50 MB without a line end" resum \
    "spots.csv|line $((N_SPOTS + 2)), field spot_id:|longer than 16384 bytes" long_line spots.csv $((50 * MB))
refuse_bounded "SHA256SUMS with a line of 50 MB" keep "SHA256SUMS is larger than 16384 bytes" \
    long_line SHA256SUMS $((50 * MB))
refuse_bounded "manifest.csv with a line of 50 MB" resum \
    "manifest.csv|line $(($(wc -l <"$GOOD/manifest.csv") + 1)), field key:|longer than 16384" \
    long_line manifest.csv $((50 * MB))
refuse_bounded "walks.csv of 1,000,000 empty lines" resum "walks.csv is empty" empty_lines walks.csv 1000000
refuse_bounded "spots.csv with 1,000,000 empty lines, then a bad row" resum \
    "spots.csv|line $((PLAIN_LINE + 1000000)), field latitude:" \
    eval 'set_field spots.csv $PLAIN_LINE latitude 91 && empty_lines_before spots.csv 2 1000000'
refuse_bounded "spots.csv with 200,000 rows more than the manifest" resum \
    "spots.csv|line $((N_SPOTS + 2)):|at least $((N_SPOTS + 1)) rows|manifest.csv says $N_SPOTS" more_spots 200000
refuse_bounded "a header of 100,000 columns" resum "spots.csv|line 1:|more than 64 fields" \
    many_columns spots.csv 100000
refuse_bounded "a row of 100,000 fields" resum \
    "walks.csv|line $(($(wc -l <"$GOOD/walks.csv") + 1)):|more than 64 fields" \
    wide_row walks.csv 100000
refuse_bounded "100,000 categories" resum "categories.csv|more than 200 categories" many_categories 100000

# ---------------------------------------------------------------------------
section "invalid UTF-8 and NUL in every column of every file"

# Every column of a row of each file (in manifest.csv the free-text value of
# app_version, and the key and the value of a key this reader does not
# know, which it would otherwise skip unread), and the header. Each gets
# two of these eight forms in turn, so that every form meets nine or more
# columns across the files. Bytes go in front of the value, a cut sequence
# at its end.
KINDS=(nul overlong2 overlong3 continuation ff surrogate above-max cut-at-end)
declare -A HEX=([nul]='\x00' [overlong2]='\xc0\xaf' [overlong3]='\xe0\x80\xaf' [continuation]='\x80'
    [ff]='\xff' [surrogate]='\xed\xa0\x80' [above-max]='\xf4\x90\x80\x80' [cut-at-end]='\xe2\x82')
UNKNOWN_KEY=region
add_unknown_key() { add_row manifest.csv "$UNKNOWN_KEY,Värmland"; }
MF_LINES=$(wc -l <"$GOOD/manifest.csv")
TARGETS=("manifest.csv $APP_LINE value" "manifest.csv $((MF_LINES + 1)) key"
    "manifest.csv $((MF_LINES + 1)) value")
for f in walks.csv spots.csv categories.csv checks.csv; do
    b=$GOOD l=2
    [[ $f == checks.csv ]] && b=$CHECKS
    [[ $f == spots.csv ]] && l=$PLAIN_LINE
    for c in $(header_names "$b/$f"); do TARGETS+=("$f $l $c"); done
done
for f in "${DATA_FILES[@]}"; do TARGETS+=("$f 1 -"); done
t=0
for target in "${TARGETS[@]}"; do
    read -r f l c <<<"$target"
    BASE=$GOOD
    [[ $f == checks.csv ]] && BASE=$CHECKS
    for kind in "${KINDS[t % 8]}" "${KINDS[(t + 1) % 8]}"; do
        end=""
        [[ $kind == cut-at-end ]] && end=end
        why="not valid UTF-8"
        [[ $kind == nul ]] && why="NUL byte"
        at="line $l, field $c:"
        where="$f line $l, field $c"
        mut=(put_bytes "$f" "$l" "$c" "${HEX[$kind]}" "$end")
        if [[ $c == - ]]; then # the header's first name, numbered: no names yet
            at="line 1, field 1:"
            where="the header of $f"
            mut=(put_header_bytes "$f" "${HEX[$kind]}" "$end")
        elif [[ $f == manifest.csv ]] && ((l > MF_LINES)); then
            mut=(eval "add_unknown_key && put_bytes $f $l $c '${HEX[$kind]}' '$end'")
        fi
        refuse "$kind in $where" resum "$f|$at|$why" "${mut[@]}"
    done
    t=$((t + 2))
done
unset BASE

# ---------------------------------------------------------------------------
section "wrong format versions"

# (2 and "one" are in test_import_refusals.sh.) A version is a plain whole
# number this trygg knows: 1.
for v in 0 99 -1 1.0 '' ' 1' '1 ' 01 +1 0x1 1e0 999999999999999999 9999999999999999999 \
    $'\xef\xbc\x91'; do
    refuse "format_version $(shorten "$v")" resum \
        "manifest.csv|line $(line_with "$GOOD/manifest.csv" format_version,), field format_version:" \
        manifest_set format_version "$v"
done

# ---------------------------------------------------------------------------
section "duplicates inside one bundle, rows as wide as the header, ids of the wrong kind"

# (A duplicate walk, spot and answer id on two different rows are in
# test_import_refusals.sh.) The very same row twice, with the count raised
# so that the duplicate is the only fault: a reader that drops identical
# rows silently would accept these.
refuse "the same walk row twice" resum "walks.csv|line 3, field walk_id:|appears twice" \
    dup_row walks.csv 2 walks
refuse "the same spot row twice" resum "spots.csv|line $((PLAIN_LINE + 1)), field spot_id:|appears twice" \
    dup_row spots.csv "$PLAIN_LINE" spots
refuse "the same category row twice" resum "categories.csv|line 3, field code:|appears twice" \
    dup_row categories.csv 2 categories
refuse "a category code on two rows" resum "categories.csv|line 3, field code:|appears twice" \
    eval 'set_field categories.csv 3 code "$(get_field categories.csv 2 code)"'
DEVICE_LINE=$(line_with "$GOOD/manifest.csv" device_id,)
refuse "a manifest key twice" resum "manifest.csv line $((DEVICE_LINE + 1)):|device_id appears twice" \
    sed -i "${DEVICE_LINE}p" manifest.csv
# categories.csv is held to the header's width like the other files
# (test_import_refusals.sh has spots.csv and walks.csv).
refuse "a category row with one field too many" resum "categories.csv|line 3:|5 fields, but the header has 4" \
    append_to_line categories.csv 3 ,x
refuse "an extra category column, the rows without it" resum \
    "categories.csv|line 2:|4 fields, but the header has 5" append_to_line categories.csv 1 ,extra
# Ids are looked up among their own kind only.
refuse "a spot whose walk_id is a spot id" resum \
    "spots.csv|line $PLAIN_LINE, field walk_id:|neither in walks.csv nor imported" \
    set_field spots.csv "$PLAIN_LINE" walk_id "$OWN_SPOT"
BASE=$CHECKS
refuse "the same answer row twice" resum "checks.csv|line 3, field check_id:|appears twice" \
    dup_row checks.csv 2 checks
refuse "an answer whose spot_id is a walk id" resum "checks.csv|line 2, field spot_id:|not in this database" \
    set_field checks.csv 2 spot_id "$OTHER_WALK"
refuse "an answer whose walk_id is a spot id" resum \
    "checks.csv|line 2, field walk_id:|neither in walks.csv nor imported" \
    set_field checks.csv 2 walk_id "$OTHER_SPOT"
unset BASE

# ---------------------------------------------------------------------------
section "what is not a fault"

# accept NAME MUTATION...: the changed bundle (sums re-made) imports into a
# scratch copy of the municipal database.
accept() {
    local name=$1 dir=$WORK/accept/${GOOD##*/}
    shift
    mkdir -p "$WORK/accept"
    cp -a "$GOOD" "$dir"
    cp "$WORK/municipality.pristine" "$WORK/scratch.sqlite"
    (cd "$dir" && "$@") || die "case '$name': the mutation failed"
    remake_present "$dir"
    run_measured --db "$WORK/scratch.sqlite" import "$dir"
    check_rc "accepted: $name" 0
    check_eq "... with every spot" $((N_SPOTS + 1)) "$(sql "$WORK/scratch.sqlite" 'SELECT COUNT(*) FROM spots')"
    rm -rf "$WORK/accept" "$WORK/scratch.sqlite"*
}
# Dot-files are what file managers leave behind (spec).
accept "a hidden file" eval 'echo x >.DS_Store'
accept "a hidden folder" mkdir .Trash-1000
# Empty lines are skipped (spec), a million of them in bounded time and memory.
accept "1,000,000 empty lines between rows" empty_lines_before spots.csv 3 1000000
if [[ $PEAK_KB =~ ^[0-9]+$ ]] && ((PEAK_KB <= MAX_RSS_KB)); then
    pass "... peak RSS $PEAK_KB KB <= $MAX_RSS_KB KB, $SECS s"
else
    fail "... peak RSS $PEAK_KB KB is over $MAX_RSS_KB KB"
fi

# ---------------------------------------------------------------------------
section "positive control"

# Nothing above touched the good bundles: they still verify and import.
check_cmd "the good bundle still passes sha256sum -c" bash -c "cd '$GOOD' && sha256sum --strict -c SHA256SUMS"
run_trygg_bounded --db "$MUNI" import "$GOOD"
check_rc "the unbroken bundle imports (exit 0)" 0
check_has "... with every walk and spot added" \
    "walks 2 added, 0 updated, 0 unchanged; spots $N_SPOTS added, 0 updated, 0 unchanged" "$OUT"
run_trygg_bounded --db "$MUNI" import "$CHECKS"
check_rc "the unbroken bundle with answers imports (exit 0)" 0
check_has "... with both answers added" "answers 2 added, 0 unchanged" "$OUT"
check_eq "integrity_check after all refusals" ok "$(sql "$MUNI" 'PRAGMA integrity_check')"

echo
echo "($N_REFUSE refusal cases, seed $SEED)"
finish
