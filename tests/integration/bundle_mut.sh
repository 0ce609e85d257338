# shellcheck shell=bash
# bundle_mut.sh: breaking a copy of a bundle on purpose, and checking that
# the import refuses it. Sourced (after lib.sh) by the integration scripts
# that test refusals; never run.
#
# The editing helpers run inside the copy of the bundle. LC_ALL=C keeps awk
# and sed byte-exact whatever the bytes are.
#
# The refuse engine needs, from the sourcing script: GOOD (the bundle to
# copy, or BASE when set), MUNI (the municipal database) and MUNI_BEFORE
# (its db_fingerprint), and $WORK/municipality.pristine (a copy of MUNI, to
# undo a case that wrongly changed it). RESUM names the function that
# re-makes SHA256SUMS (remake_sums unless set); BM_RUN the function that
# runs trygg (run_trygg_bounded unless set; run_measured also gives the
# peak memory and time).
#
# Also here: byte-level mutations (bit flips, cuts, bytes put into a field,
# odd members of the folder, the map of a file's structural bytes) and
# makers of huge inputs.

# ---------------------------------------------------------------------------
# Editing helpers

# col_of FILE NAME: 1-based index of column NAME in FILE's header.
col_of() {
    LC_ALL=C awk -F, -v name="$2" \
        'NR == 1 { sub(/\r$/, ""); for (i = 1; i <= NF; i++) if ($i == name) print i; exit }' "$1"
}

# set_field FILE LINE COLUMN VALUE: replace one field (no quoting added).
set_field() {
    local c
    c=$(col_of "$1" "$3")
    [[ -n $c ]] || die "no column $3 in $1"
    LC_ALL=C awk -F, -v OFS=, -v line="$2" -v c="$c" -v val="$4" \
        'NR == line { sub(/\r$/, ""); $c = val; $0 = $0 "\r" } { print }' "$1" >"$1.tmp"
    mv "$1.tmp" "$1"
}

# get_field FILE LINE COLUMN
get_field() {
    LC_ALL=C awk -F, -v line="$2" -v c="$(col_of "$1" "$3")" \
        'NR == line { sub(/\r$/, ""); print $c }' "$1"
}

# drop_column FILE COLUMN: remove a column from the header and every row.
drop_column() {
    LC_ALL=C awk -v c="$(col_of "$1" "$2")" '{
        sub(/\r$/, ""); n = split($0, f, ","); out = ""; sep = ""
        for (i = 1; i <= n; i++) if (i != c) { out = out sep f[i]; sep = "," }
        print out "\r" }' "$1" >"$1.tmp"
    mv "$1.tmp" "$1"
}

# drop_last_field FILE LINE: one row loses its last field.
drop_last_field() {
    LC_ALL=C awk -v line="$2" \
        'NR == line { sub(/\r$/, ""); sub(/,[^,]*$/, ""); $0 = $0 "\r" } { print }' "$1" >"$1.tmp"
    mv "$1.tmp" "$1"
}

# drop_line FILE LINE
drop_line() {
    sed -i "${2}d" "$1"
}

# append_to_line FILE LINE TEXT: add TEXT at the end of a line (before CR).
append_to_line() {
    LC_ALL=C awk -v line="$2" -v t="$3" \
        'NR == line { sub(/\r$/, ""); $0 = $0 t "\r" } { print }' "$1" >"$1.tmp"
    mv "$1.tmp" "$1"
}

# manifest_set KEY VALUE
manifest_set() {
    set_field manifest.csv "$(grep -n "^$1," manifest.csv | cut -d: -f1)" value "$2"
}

# line_with FILE TEXT: the first line number containing TEXT.
line_with() {
    grep -n -F -- "$2" "$1" | head -n 1 | cut -d: -f1
}

# ---------------------------------------------------------------------------
# Running trygg and the refuse engine

# run_trygg_bounded ARGS...: run_trygg, but killed after BM_TIMEOUT seconds
# (60 unless set), so that a hang is a failed case (exit 124), not a
# stuck test.
run_trygg_bounded() {
    RC=0
    timeout -k 5 "${BM_TIMEOUT:-60}" "$TRYGG" "$@" >"$WORK/.out" 2>"$WORK/.err" || RC=$?
    OUT=$(<"$WORK/.out")
    ERR=$(<"$WORK/.err")
    # shellcheck disable=SC2034 # used by the sourcing scripts
    LAST=${OUT##*$'\n'}
}

# refuse NAME SUMS EXPECT MUTATION...
#   SUMS   resum: re-make SHA256SUMS after the mutation; keep: leave it.
#   EXPECT texts that must all appear on stderr, separated by '|'.
# Copies the good bundle ($BASE when set, re-summed with $RESUM), runs
# MUTATION inside the copy, imports it and checks: exit 1, the message, and
# an unchanged municipal database.
N_CASE=0   # every variant of the bundle, for folder names
N_REFUSE=0 # the refusal cases
refuse() {
    local name=$1 sums=$2 expect=$3 want missing="" dir base=${BASE:-$GOOD}
    shift 3
    N_CASE=$((N_CASE + 1))
    N_REFUSE=$((N_REFUSE + 1))
    dir=$WORK/case-$N_CASE/${base##*/}
    mkdir -p "$WORK/case-$N_CASE"
    cp -a "$base" "$dir"
    (cd "$dir" && "$@") || die "case '$name': the mutation failed"
    if [[ $sums == resum ]]; then
        "${RESUM:-remake_sums}" "$dir"
    fi
    "${BM_RUN:-run_trygg_bounded}" --db "$MUNI" import "$dir"
    echo "  -- $name"
    check_rc "$name: exit 1" 1
    IFS='|' read -r -a want <<<"$expect"
    for w in "${want[@]}"; do
        [[ $ERR == *"$w"* ]] || missing+=" \"$w\""
    done
    if [[ -z $missing ]]; then
        pass "$name: message names $expect"
    else
        fail "$name: message names $expect" "missing:$missing" "stderr: $ERR"
    fi
    # Byte for byte the pristine copy, with no WAL data beside it: what
    # db_fingerprint checks, in one cmp (this runs for every case).
    if [[ ! -s $MUNI-wal ]] && cmp -s "$MUNI" "$WORK/municipality.pristine"; then
        pass "$name: municipal db unchanged (byte for byte)"
    else
        fail "$name: municipal db unchanged (byte for byte)" \
            "expected: $MUNI_BEFORE" "got:      $(db_fingerprint "$MUNI")"
        # Undone, so that one bug does not fail every later case.
        rm -f "$MUNI-wal" "$MUNI-shm"
        cp "$WORK/municipality.pristine" "$MUNI"
    fi
    rm -rf "$WORK/case-$N_CASE"
}

# ---------------------------------------------------------------------------
# Byte-level mutations (inside the copy, like the editing helpers)

# flip_bit FILE OFFSET BIT: one bit of one byte, in place.
flip_bit() {
    local b
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    # shellcheck disable=SC2059 # the format is the byte's octal escape
    printf "$(printf '\\%03o' $((b ^ (1 << $3))))" |
        dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# byte_at FILE OFFSET: the byte's value, 0..255.
byte_at() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }
# cut_to FILE BYTES; add_row FILE TEXT: a CRLF row at the end.
cut_to() { truncate -s "$2" "$1"; }
add_row() { printf '%s\r\n' "$2" >>"$1"; }
# dup_row FILE LINE KEY: line LINE twice, and the manifest's count KEY one
# more, so that the duplicate is the only fault.
dup_row() {
    sed -i "${2}p" "$1"
    manifest_set "$3" $(($(manifest_get . "$3") + 1))
}
# put_bytes FILE LINE COLUMN HEX [end]: the bytes (sed's \xHH form) in
# front of the field's value, or after it with `end`.
put_bytes() {
    LC_ALL=C awk -F, -v OFS=, -v line="$2" -v c="$(col_of "$1" "$3")" -v end="${5:-}" \
        'NR == line { sub(/\r$/, ""); $c = end ? $c "@BAD@" : "@BAD@" $c; $0 = $0 "\r" } { print }' \
        "$1" >"$1.tmp"
    LC_ALL=C sed "s/@BAD@/$4/" "$1.tmp" >"$1"
    rm "$1.tmp"
}
# list_name NAME: a line for NAME in SHA256SUMS (with manifest.csv's sum);
# list_file FILE: a true line for FILE.
list_name() { printf '%s  %s\n' "$(sha256sum <manifest.csv | cut -c1-64)" "$1" >>SHA256SUMS; }
list_file() { sha256sum "$1" >>SHA256SUMS; }
# link_outside NAME: a symlink to /etc/passwd; fifo_for NAME: NAME becomes
# a FIFO; sums_is_link: SHA256SUMS a symlink to a copy outside the folder.
link_outside() { ln -s /etc/passwd "$1"; }
fifo_for() { rm -f "$1" && mkfifo "$1"; }
sums_is_link() { cp SHA256SUMS ../sums.real && rm SHA256SUMS && ln -s ../sums.real SHA256SUMS; }

# header_names FILE: the header's names, one a line.
header_names() { head -n 1 "$1" | tr -d '\r' | tr , '\n'; }

# structure FILE: the bytes whose damage a reader must always catch, one a
# line: "CLASS OFFSET LINE FIELD PREV NEXT" (FIELD 0-based, PREV and NEXT
# the neighbouring bytes, -1 at an end). CLASS: head (a byte of line 1 but
# its LF), comma and cr (outside quotes, in a row), lf (any line's end),
# quote (any double quote).
structure() {
    od -An -v -tu1 -w1 "$1" | awk '{ b[n++] = $1 } END {
        line = 1; field = 0; quoted = 0
        for (i = 0; i < n; i++) {
            x = b[i]; prev = i ? b[i - 1] : -1; next_ = i + 1 < n ? b[i + 1] : -1
            at = " " i " " line " " field " " prev " " next_
            if (x == 34) {
                print "quote" at; quoted = !quoted
                if (line == 1) print "head" at
                continue
            }
            if (quoted) { line += x == 10; continue }
            if (line == 1 && x != 10) print "head" at
            if (x == 44) { if (line > 1) print "comma" at; field++ }
            else if (x == 13 && line > 1) print "cr" at
            else if (x == 10) { print "lf" at; line++; field = 0 }
        } }'
}

# put_header_bytes FILE HEX [end]: the bytes in front of the header's first
# name, or after it with `end`.
put_header_bytes() {
    if [[ ${3:-} == end ]]; then sed -i '1s/,/@BAD@,/' "$1"; else sed -i '1s/^/@BAD@/' "$1"; fi
    LC_ALL=C sed -i "s/@BAD@/$2/" "$1"
}

# ---------------------------------------------------------------------------
# Huge inputs

# big_value FILE LINE COLUMN BYTES: the field becomes BYTES x's.
big_value() {
    set_field "$1" "$2" "$3" @BIG@
    LC_ALL=C awk -v n="$4" 'BEGIN { s = "x"
        while (length(s) < n) s = s s; big = substr(s, 1, n) }
        { i = index($0, "@BIG@"); if (i) $0 = substr($0, 1, i - 1) big substr($0, i + 5); print }' \
        "$1" >"$1.tmp"
    mv "$1.tmp" "$1"
}
# long_line FILE BYTES: a line of BYTES a's with no line end, at the end.
long_line() { head -c "$2" /dev/zero | tr '\0' a >>"$1"; }
# quoted_lines LINE N: the note becomes a quoted field of N lines "x".
quoted_lines() {
    set_field spots.csv "$1" note @Q@
    LC_ALL=C awk -v n="$2" '{ i = index($0, "@Q@")
        if (!i) { print; next }
        printf "%s\"", substr($0, 1, i - 1); for (k = 0; k < n; k++) printf "x\r\n"
        print "\"" substr($0, i + 3) }' spots.csv >spots.tmp
    mv spots.tmp spots.csv
}
crlfs() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "\r\n" }'; }
# empty_lines FILE N: FILE is N empty lines.
empty_lines() { crlfs "$2" >"$1"; }
# empty_lines_before FILE LINE N: N empty lines (CRLF) before line LINE.
empty_lines_before() {
    { head -n $(($2 - 1)) "$1"; crlfs "$3"; tail -n +"$2" "$1"; } >"$1.tmp"
    mv "$1.tmp" "$1"
}
# more_spots N: N more valid rows of the last spot, each its own id.
more_spots() {
    LC_ALL=C awk -F, -v OFS=, -v n="$1" '{ print } END { sub(/\r$/, "")
        for (i = 1; i <= n; i++) { $1 = sprintf("00000000-0000-4000-8000-%012d", i); print $0 "\r" } }' \
        spots.csv >spots.tmp
    mv spots.tmp spots.csv
}
# many_columns FILE N: a first line of N fields before the header.
many_columns() { seq -s , "$2" | sed 's/$/\r/' >"$1.tmp" && cat "$1" >>"$1.tmp" && mv "$1.tmp" "$1"; }
# wide_row FILE N: a last row of N fields.
wide_row() { seq -s , "$2" | sed 's/$/\r/' >>"$1"; }
# many_categories N: N more categories, counted in the manifest.
many_categories() {
    seq "$1" | awk '{ printf "c%d,Kategori %d,Category %d,0\r\n", $1, $1, $1 }' >>categories.csv
    manifest_set categories $(($(manifest_get . categories) + $1))
}

# ---------------------------------------------------------------------------
# Measuring one run

# run_measured ARGS...: run_trygg_bounded, with the peak resident memory of
# the trygg process (PEAK_KB, from wait4) and its wall time (SECS).
run_measured() {
    local res
    RC=0
    res=$(python3 - "${BM_TIMEOUT:-60}" "$WORK/.out" "$WORK/.err" "$TRYGG" "$@" <<'PY'
import os, subprocess, sys, threading, time
limit, out, err, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
t0 = time.monotonic()
with open(out, 'wb') as o, open(err, 'wb') as e:
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=o, stderr=e)
kill = threading.Timer(limit, p.kill)
kill.start()
_, status, usage = os.wait4(p.pid, 0)  # this child's own peak RSS
kill.cancel()
p.returncode = 0  # reaped here, not by Popen
rc = os.waitstatus_to_exitcode(status)
print(124 if rc == -9 else rc % 256, usage.ru_maxrss, '%.2f' % (time.monotonic() - t0))
PY
    )
    # shellcheck disable=SC2034 # used by the sourcing scripts
    read -r RC PEAK_KB SECS <<<"$res"
    OUT=$(cat "$WORK/.out")
    ERR=$(cat "$WORK/.err")
}

# other_device_with_answers: a second device ($OTHER) whose walk the
# municipality ($MUNI) imports; the municipality's follow-up list then goes
# to that device, which answers twice on a new walk and syncs. Sets
# OTHER_WALK, OTHER_SPOT and CHECKS (the bundle with checks.csv).
other_device_with_answers() {
    mkdir -p "$WORK/out" "$WORK/followup" "$WORK/out-checks"
    must_trygg --db "$OTHER" walk start --title 'Torget'
    OTHER_WALK=$LAST
    must_trygg --db "$OTHER" spot add --lat 59.2 --lon 17.9 --category broken --severity 2
    OTHER_SPOT=$LAST
    must_trygg --db "$OTHER" walk end
    must_trygg --db "$OTHER" sync --out "$WORK/out"
    must_trygg --db "$MUNI" import "$LAST"
    must_trygg --db "$MUNI" followup --out "$WORK/followup"
    must_trygg --db "$OTHER" import "$LAST"
    must_trygg --db "$OTHER" walk start --title 'Uppföljning'
    must_trygg --db "$OTHER" followup answer "$OTHER_SPOT" still
    must_trygg --db "$OTHER" followup answer "$OTHER_SPOT" fixed
    must_trygg --db "$OTHER" walk end
    must_trygg --db "$OTHER" sync --out "$WORK/out-checks"
    CHECKS=$LAST
}
