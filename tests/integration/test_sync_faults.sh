#!/usr/bin/env bash
# test_sync_faults: the sync folder fails under trygg's feet (issue 6,
# "Faults"): a read-only folder, a folder that is not there, and a USB
# stick pulled out in the middle of a sync, a follow-up bundle or an
# export.
#
# The faults come from tests/fault/faultfs.c, an LD_PRELOAD shim that makes
# the K-th file-system call on the stick's folder fail (EIO once; ENODEV
# from then on, as a pulled stick does), or removes the whole folder at
# that call (rm -rf of the mount point), or lets writes take N bytes in
# all. A clean run counts the calls; the loops then fail each one in turn,
# so every mkdir, open, write, fsync, close and rename of a sync is hit
# once, deterministically. It needs neither ptrace nor mount rights, and
# works in the ASan build.
#
# After every failure: exit status 1; a message that names the stick's
# folder and says in plain words what happened; no folder under a bundle's
# final name unless it is whole (sha256sum -c passes, every spot) and the
# message says it may be there; the device database byte-identical
# (nothing marked as synced); and a later sync to a good folder sends
# every spot. A leftover hidden .partial folder is allowed where the stick
# is gone for good (nothing can remove it then): the next sync and the
# readers must pass it by, which is checked too. The follow-up bundle and
# the CSV export leave the previous bundle or file as it was.
#
# usage: bash tests/integration/test_sync_faults.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=../fault/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../fault/lib.sh"
faultfs_find
# Globs list hidden names too and give nothing for no match (or a folder
# that is gone): the checks below look at a stick's contents with them.
shopt -s nullglob dotglob

DEV=$WORK/device.sqlite
STICK=$WORK/stick
N_SPOTS=3
# What the message must say besides the system's words (fsx_explain).
PLAIN='USB stick|read-only|is full|may not write'
UNMARKED='nothing was marked as synced'

must_trygg --db "$DEV" walk start --title "Stickan" --role volunteer
for i in $(seq 1 "$N_SPOTS"); do
    must_trygg --db "$DEV" spot add --lat 59.70$((80 + i)) --lon "14.16$i" \
        --category lighting --severity 2 --note "Lampa $i, trasig"
done
must_trygg --db "$DEV" walk end
DEV_PRINT=$(db_fingerprint "$DEV")

# Helpers ---------------------------------------------------------------------

new_stick() {
    rm -rf "$STICK"
    mkdir -p "$STICK"
}

# whole DIR NFILES KEY N: what a reader checks: SHA256SUMS lists NFILES
# files and they verify, and the manifest says KEY is N.
whole() {
    [[ -f $1/SHA256SUMS && $(wc -l <"$1/SHA256SUMS") -eq $2 ]] &&
        (cd "$1" && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1) &&
        [[ $(manifest_get "$1" "$3") == "$4" ]]
}

# Failures of one loop are gathered per property (BAD[property] = the K
# that broke it) and checked once at its end, so a loop of thirty runs
# gives a handful of lines.
declare -A BAD=()
ODD= # what trygg said the first time the exit status was not 1
bad() { BAD[$1]="${BAD[$1]-} $2"; }

# report_loop NAME PROPERTY=TEXT...: one check per property.
report_loop() {
    local name=$1 kv
    shift
    for kv in "$@"; do
        check_eq "$name: ${kv#*=}" "" "${BAD[${kv%%=*}]-}"
    done
    [[ -z $ODD ]] || echo "        first odd exit: $(shorten "$ODD")"
    BAD=()
    ODD=
}

# the_db_is DB COPY K: the database file is byte-identical to COPY (taken
# when its db_fingerprint was known) with no WAL data beside it, which is
# what db_fingerprint checks, in one process instead of five; when not,
# counted against K and put back, so later runs still mean something.
the_db_is() {
    if ! cmp -s "$1" "$2" || [[ -s $1-wal ]]; then
        bad db "$3"
        cp "$2" "$1"
        rm -f "$1-wal" "$1-shm"
    fi
}

# common_checks K FOLDER: exit status, the fault happened, the message
# names FOLDER and says what happened in plain words.
common_checks() {
    if [[ $RC -ne 1 ]]; then
        bad rc "$1"
        [[ -n $ODD ]] || ODD="K=$1, exit $RC: $ERR"
    fi
    [[ -n $FAULTFS_HIT ]] || bad hit "$1"
    [[ $ERR == *"$2"* ]] || bad names "$1"
    [[ $ERR =~ $PLAIN ]] || bad words "$1"
    [[ -z $FAULTFS_LEAKS ]] || bad fd "$1"
}

# sync_left K MODE: what a failed sync left on the stick. Any folder
# under a final name must be whole and owned up to in the message; a hidden
# .partial one only where the stick stays broken (sticky); after a fault
# that passes (once, bytes) the stick is as empty as before.
sync_left() {
    local b all=("$STICK"/*)
    for b in "$STICK"/trygg-*; do
        if ! whole "$b" 4 spots "$N_SPOTS" ||
            [[ $ERR != *"may be left there complete"* ]]; then
            bad half "$1"
        fi
    done
    if [[ $2 == sticky ]]; then
        for b in "${all[@]}"; do
            [[ ${b##*/} == trygg-* || ${b##*/} == .trygg-*.partial ]] ||
                bad left "$1"
        done
    elif ((${#all[@]} > 0)); then
        bad left "$1"
    fi
}

# next_sync_sends_all NAME: a later sync to a good folder, from a copy of
# the device database, sends every walk and spot.
next_sync_sends_all() {
    local db=$WORK/next.sqlite good=$WORK/good
    rm -rf "$good" "$db" "$db-wal" "$db-shm"
    mkdir -p "$good"
    cp "$DEV" "$db"
    run_trygg --db "$db" sync --out "$good"
    check_rc "$1: the next sync to a good folder works" 0
    check_eq "$1: ... and sends every spot" "$N_SPOTS" \
        "$(manifest_get "$LAST" spots 2>/dev/null)"
}

cp "$DEV" "$WORK/pristine.sqlite"

section "the shim sees every call of a sync"
new_stick
cp "$DEV" "$WORK/count.sqlite"
faulty "$STICK" -- --db "$WORK/count.sqlite" sync --out "$STICK"
check_rc "a sync with the shim and no fault works" 0
N_SYNC=$FAULTFS_N
ops=$(awk '$1 ~ /^[0-9]+$/ { print $2 }' "$FAULTFS_LOG" | sort -u | tr '\n' ' ')
check_eq "it counted mkdir, open, write, fsync, close and rename" \
    "close fsync mkdir open rename write " "$ops"
check_match "... in $N_SYNC calls (at least 5 files of 4 calls)" \
    '^(2[0-9]|[3-9][0-9])$' "$N_SYNC"
check_eq "... and closed every descriptor it opened there" "" "$FAULTFS_LEAKS"
# The bytes of the bundle, file by file, for the byte-limit loop.
BYTES=()
total=0
for f in walks.csv spots.csv categories.csv manifest.csv SHA256SUMS; do
    total=$((total + $(stat -c %s "$LAST/$f")))
    BYTES+=("$total")
done

section "a read-only folder, for real (no write permission)"
# as_nobody ARGS...: ARGS run as the user nobody (65534).
as_nobody() {
    setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# nobody_ready: root writes anywhere, so trygg runs as nobody, with a copy
# of the database that nobody may write (RO_DB), on a stick that nobody
# may not. False when this machine does not allow it.
nobody_ready() {
    chmod o+x "$WORK"
    mkdir -p "$WORK/nobody"
    cp "$DEV" "$WORK/nobody/device.sqlite"
    chown -R 65534:65534 "$WORK/nobody"
    RO_DB=$WORK/nobody/device.sqlite
    as_nobody test -w "$RO_DB" -a -x "$TRYGG" -a ! -w "$STICK" 2>/dev/null
}

new_stick
RO_DB=$DEV
if [[ $(id -u) -ne 0 ]]; then
    chmod 555 "$STICK"
    run_trygg --db "$DEV" sync --out "$STICK"
elif nobody_ready; then
    RC=0
    as_nobody "$TRYGG" --db "$RO_DB" sync --out "$STICK" \
        >"$WORK/.out" 2>"$WORK/.err" || RC=$?
    OUT=$(<"$WORK/.out")
    ERR=$(<"$WORK/.err")
else
    RC=skip
    echo "  (not checked: root, and nobody cannot run trygg here; the"
    echo "   injected EROFS below stands in)"
fi
if [[ $RC != skip ]]; then
    echo "  (trygg said: $ERR)"
    check_rc "sync fails" 1
    check_has "the message names the folder" "$STICK" "$ERR"
    check_has "... and why: permission" "Permission denied" "$ERR"
    check_has "... in plain words" "may not write in that folder" "$ERR"
    check_has "... and that nothing was marked" "$UNMARKED" "$ERR"
    check_eq "nothing written on the stick" "" "$(ls -A "$STICK")"
    check_eq "the device database is unchanged" "$DEV_PRINT" \
        "$(db_fingerprint "$RO_DB")"
fi
chmod 755 "$STICK"

section "a read-only file system (EROFS from the first call on)"
new_stick
faulty "$STICK" FAULTFS_FAIL_AT=1 FAULTFS_STICKY=1 FAULTFS_ERRNO=EROFS -- \
    --db "$DEV" sync --out "$STICK"
echo "  (trygg said: $ERR)"
check_rc "sync fails" 1
check_has "the message names the folder" "$STICK" "$ERR"
check_has "... and says read-only" "read-only" "$ERR"
check_has "... and that nothing was marked" "$UNMARKED" "$ERR"
check_eq "nothing written on the stick" "" "$(ls -A "$STICK")"
check_eq "the device database is unchanged" "$DEV_PRINT" "$(db_fingerprint "$DEV")"

section "a folder that is not there (no stick, or unmounted before)"
run_trygg --db "$DEV" sync --out "$WORK/no-stick"
echo "  (trygg said: $ERR)"
check_rc "sync fails" 1
check_has "the message names the folder" "$WORK/no-stick" "$ERR"
check_has "... and says it is not there" "The folder is not there" "$ERR"
check_has "... and that nothing was marked" "$UNMARKED" "$ERR"
check_cmd "the folder was not created" test ! -e "$WORK/no-stick"
check_eq "the device database is unchanged" "$DEV_PRINT" "$(db_fingerprint "$DEV")"
next_sync_sends_all "after the refusals"

# sync_loop MODE SETTINGS...: a sync failed at each call K in turn.
sync_loop() {
    local mode=$1 k
    shift
    for ((k = 1; k <= N_SYNC; k++)); do
        new_stick
        faulty "$STICK" FAULTFS_FAIL_AT=$k "$@" -- --db "$DEV" sync --out "$STICK"
        common_checks "$k" "$STICK"
        [[ $ERR == *"$UNMARKED"* ]] || bad marked "$k"
        sync_left "$k" "$mode"
        the_db_is "$DEV" "$WORK/pristine.sqlite" "$k"
    done
    echo "  (the last one said: $ERR)"
}

SYNC_PROPS=(rc="exit status 1 every time" hit="the fault happened every time"
    fd="no descriptor on the stick left open"
    names="the message names the folder" words="... says what happened"
    marked="... and that nothing was marked"
    half="no bundle folder that is not whole and owned up to"
    left="nothing else left on the stick"
    db="the device database is unchanged")

section "stick pulled: one call fails with EIO, each of the $N_SYNC in turn"
sync_loop once FAULTFS_ERRNO=EIO
report_loop "EIO at each call" "${SYNC_PROPS[@]}"
next_sync_sends_all "after the EIO loop"

section "stick pulled for good: ENODEV from call K on, each K in turn"
sync_loop sticky FAULTFS_STICKY=1 FAULTFS_ERRNO=ENODEV
report_loop "ENODEV from each call on" "${SYNC_PROPS[@]}"
next_sync_sends_all "after the ENODEV loop"

section "the stick's folder vanishes (rm -rf) at each call in turn"
sync_loop vanish FAULTFS_VANISH=1
report_loop "vanished at each call" "${SYNC_PROPS[@]}"
next_sync_sends_all "after the vanish loop"

section "writes stop after N bytes (at each file's end, and one byte off)"
for n in 0 1 "${BYTES[@]}"; do
    for m in $((n - 1)) "$n"; do
        ((m >= 0)) || continue
        new_stick
        faulty "$STICK" FAULTFS_BYTES="$m" FAULTFS_ERRNO=EIO -- \
            --db "$DEV" sync --out "$STICK"
        # the last limit lets every byte through: that sync must work
        if ((m == total)); then
            continue
        fi
        if [[ $RC -ne 1 ]]; then
            bad rc "$m"
            [[ -n $ODD ]] || ODD="N=$m, exit $RC: $ERR"
        fi
        [[ $ERR == *"$STICK"* ]] || bad names "$m"
        [[ $ERR =~ $PLAIN ]] || bad words "$m"
        [[ $ERR == *"$UNMARKED"* ]] || bad marked "$m"
        [[ -z $FAULTFS_LEAKS ]] || bad fd "$m"
        sync_left "$m" bytes
        the_db_is "$DEV" "$WORK/pristine.sqlite" "$m"
    done
done
report_loop "a byte limit" rc="exit status 1 every time" \
    names="the message names the folder" words="... says what happened" \
    marked="... and that nothing was marked" \
    fd="no descriptor on the stick left open" \
    half="no bundle folder that is not whole" left="nothing left on the stick" \
    db="the device database is unchanged"
check_rc "with room for every byte the sync works" 0
check_eq "... and sends every spot" "$N_SPOTS" "$(manifest_get "$LAST" spots)"
cp "$WORK/pristine.sqlite" "$DEV" # that sync marked the spots as synced

section "leftover .partial folders: the next sync and the readers pass them by"
new_stick
# The stick stays broken from the write of spots.csv on (an unfinished
# folder without SHA256SUMS), then, on a second try, from the rename on
# (every file and SHA256SUMS written, not renamed). Counting unlink and
# rmdir too makes the clean-up fail as well, as on a pulled stick.
faulty "$STICK" FAULTFS_OPS=write,unlink,rmdir FAULTFS_FAIL_AT=2 \
    FAULTFS_STICKY=1 -- --db "$DEV" sync --out "$STICK"
check_match "the first try stops at the write of spots.csv" \
    '^2 write EIO .*/spots\.csv$' "$FAULTFS_HIT"
faulty "$STICK" FAULTFS_OPS=rename,unlink,rmdir FAULTFS_FAIL_AT=1 \
    FAULTFS_STICKY=1 -- --db "$DEV" sync --out "$STICK"
check_match "the second stops at the rename" '^1 rename EIO ' "$FAULTFS_HIT"
partials=("$STICK"/.trygg-*.partial)
finals=("$STICK"/trygg-*)
check_eq "two .partial folders are left, nothing else" \
    "2 0" "${#partials[@]} ${#finals[@]}"
check_eq "the device database is unchanged" "$DEV_PRINT" "$(db_fingerprint "$DEV")"
must_trygg --db "$DEV" sync --out "$STICK"
finals=("$STICK"/trygg-*)
check_eq "the next sync makes one bundle" "$LAST" "${finals[*]}"
check_cmd "... whole, with every spot" whole "$LAST" 4 spots "$N_SPOTS"
MUNI=$WORK/muni.sqlite
run_trygg --db "$MUNI" import "$STICK"/trygg-*
check_rc "import DIR/trygg-* (as documented) works" 0
check_has "... and takes the one bundle only" "spots $N_SPOTS added" "$OUT"
check_eq "... whose spots are all there" "$N_SPOTS" \
    "$(sql "$MUNI" "SELECT COUNT(*) FROM spots")"
unfinished=() whole=()
for p in "${partials[@]}"; do
    if [[ -f $p/SHA256SUMS ]]; then whole+=("$p"); else unfinished+=("$p"); fi
done
check_eq "one of the two has no SHA256SUMS" "1 1" "${#unfinished[@]} ${#whole[@]}"
# Imported by name, neither goes in: not even the one whose files are all
# there, since its writer never confirmed it.
for p in "${partials[@]}"; do
    run_trygg --db "$WORK/muni2.sqlite" import "$p"
    check_rc "$(basename "$p"), imported by name, is refused" 1
    check_has "... as a bundle whose writing was cut off" "writing was cut off" "$ERR"
done
check_eq "... and nothing of them is in" 0 \
    "$(sql "$WORK/muni2.sqlite" "SELECT COUNT(*) FROM spots" 2>/dev/null || echo 0)"
cp "$WORK/pristine.sqlite" "$DEV"

# ---- the municipality's side: follow-up bundle and export ----------------

section "the municipality: a follow-up bundle and an export already on the stick"
cp "$WORK/pristine.sqlite" "$WORK/dev-for-muni.sqlite"
mkdir -p "$WORK/to-muni"
must_trygg --db "$WORK/dev-for-muni.sqlite" sync --out "$WORK/to-muni"
TO_MUNI=$LAST
MUNI=$WORK/muni-fu.sqlite
# The old export: from before the import, no spots at all.
PREV_STICK=$WORK/prev-stick
mkdir -p "$PREV_STICK"
must_trygg --db "$MUNI" export --format csv --out "$PREV_STICK/spots.csv"
must_trygg --db "$MUNI" import "$TO_MUNI"
must_trygg --db "$MUNI" followup --out "$PREV_STICK"
PREV_FU=$(basename "$LAST")
check_cmd "the previous follow-up bundle is whole" \
    whole "$LAST" 3 spots "$N_SPOTS"
MUNI_PRINT=$(db_fingerprint "$MUNI")
# The export as it is when it works, to compare with.
must_trygg --db "$MUNI" export --format csv --out "$WORK/good.csv"
# shellcheck disable=SC2016 # $1 and $2 are the inner shell's
check_cmd "it differs from the old one (so the checks can tell them apart)" \
    bash -c '! cmp -s "$1" "$2"' _ "$WORK/good.csv" "$PREV_STICK/spots.csv"
cp "$MUNI" "$WORK/muni-copy.sqlite"

# restore_stick: the stick as it was before each try.
restore_stick() {
    rm -rf "$STICK"
    cp -a "$PREV_STICK" "$STICK"
}

restore_stick
cp "$MUNI" "$WORK/count.sqlite"
faulty "$STICK" -- --db "$WORK/count.sqlite" followup --out "$STICK"
check_rc "a follow-up bundle with the shim and no fault works" 0
N_FU=$FAULTFS_N
check_match "a follow-up bundle takes $N_FU counted calls" '^[1-9][0-9]$' "$N_FU"
restore_stick
faulty "$STICK" -- --db "$MUNI" export --format csv --out "$STICK/spots.csv"
check_rc "an export with the shim and no fault works" 0
N_EX=$FAULTFS_N
K_EX_RENAME=$(awk '$1 ~ /^[0-9]+$/ && $2 == "rename" { print $1; exit }' \
    "$FAULTFS_LOG")
check_match "an export takes $N_EX counted calls, one a rename" \
    '^[1-9][0-9]* [1-9][0-9]*$' "$N_EX ${K_EX_RENAME:-none}"

# prev_untouched K MODE WHAT: the old follow-up bundle and (but for an
# export, whose file ex_file checks) the old export, as they were.
prev_untouched() {
    [[ $2 == vanish ]] && return 0 # the stick took them along
    diff -r -q "$PREV_STICK/$PREV_FU" "$STICK/$PREV_FU" >/dev/null 2>&1 ||
        bad prev "$1"
    if [[ $3 == followup ]]; then
        cmp -s "$STICK/spots.csv" "$PREV_STICK/spots.csv" || bad prev "$1"
    fi
}

# stick_left K MODE WHAT: what a failed follow-up bundle (WHAT followup)
# or export left beside the old files: a new follow-up bundle only whole
# and owned up to in the message; a hidden .partial only where the stick
# stays broken (sticky); nothing else.
stick_left() {
    local b name
    for b in "$STICK"/*; do
        name=${b##*/}
        case $name in
        spots.csv | "$PREV_FU") ;;
        trygg-followup-*)
            if [[ $3 != followup ]] || ! whole "$b" 3 spots "$N_SPOTS" ||
                [[ $ERR != *"may be left there complete"* ]]; then
                bad half "$1"
            fi
            ;;
        .trygg-followup-*.partial | .spots.csv.*.partial)
            [[ $2 == sticky ]] || bad left "$1"
            ;;
        *) bad left "$1" ;;
        esac
    done
}

fu_loop() {
    local mode=$1 k
    shift
    for ((k = 1; k <= N_FU; k++)); do
        restore_stick
        faulty "$STICK" FAULTFS_FAIL_AT=$k "$@" -- --db "$MUNI" followup --out "$STICK"
        common_checks "$k" "$STICK"
        stick_left "$k" "$mode" followup
        prev_untouched "$k" "$mode" followup
        the_db_is "$MUNI" "$WORK/muni-copy.sqlite" "$k"
    done
    echo "  (the last one said: $ERR)"
}

FU_PROPS=(rc="exit status 1 every time" hit="the fault happened every time"
    fd="no descriptor on the stick left open"
    names="the message names the folder" words="... says what happened"
    half="no new bundle folder that is not whole and owned up to"
    left="no leftovers" prev="the previous bundle and export are untouched"
    db="the municipal database is unchanged")

section "followup --out: EIO at each of the $N_FU calls in turn"
fu_loop once FAULTFS_ERRNO=EIO
report_loop "followup, EIO at each call" "${FU_PROPS[@]}"

section "followup --out: stick pulled for good (ENODEV) from each call on"
fu_loop sticky FAULTFS_STICKY=1 FAULTFS_ERRNO=ENODEV
report_loop "followup, ENODEV from each call on" "${FU_PROPS[@]}"

restore_stick
cp "$MUNI" "$WORK/count.sqlite"
must_trygg --db "$WORK/count.sqlite" followup --out "$STICK"
check_cmd "then, on a good stick, a whole follow-up bundle" \
    whole "$LAST" 3 spots "$N_SPOTS"

# ex_file K MODE: the file at the export's path: the old one, or (only
# when the fault came after the rename, and the message says so) the
# whole new one.
ex_file() {
    local hit_k f=$STICK/spots.csv
    [[ $2 == vanish ]] && return 0
    hit_k=${FAULTFS_HIT%% *}
    if cmp -s "$f" "$PREV_STICK/spots.csv"; then
        :
    elif ((${hit_k:-0} > K_EX_RENAME)) && cmp -s "$f" "$WORK/good.csv"; then
        [[ $ERR == *"is complete, but it could not be confirmed"* ]] ||
            bad file "$1"
    else
        bad file "$1"
    fi
}

ex_loop() {
    local mode=$1 k
    shift
    for ((k = 1; k <= N_EX; k++)); do
        restore_stick
        faulty "$STICK" FAULTFS_FAIL_AT=$k "$@" -- \
            --db "$MUNI" export --format csv --out "$STICK/spots.csv"
        common_checks "$k" "$STICK/spots.csv"
        ex_file "$k" "$mode"
        stick_left "$k" "$mode" export
        prev_untouched "$k" "$mode" export
        the_db_is "$MUNI" "$WORK/muni-copy.sqlite" "$k"
    done
    echo "  (the last one said: $ERR)"
}

EX_PROPS=(rc="exit status 1 every time" hit="the fault happened every time"
    fd="no descriptor on the stick left open"
    names="the message names the file" words="... says what happened"
    file="the file is the old one (or, after the rename, the whole new one)"
    left="no leftovers" prev="the rest of the stick is untouched"
    db="the municipal database is unchanged")

section "export --format csv: EIO at each of the $N_EX calls in turn"
ex_loop once FAULTFS_ERRNO=EIO
report_loop "export, EIO at each call" "${EX_PROPS[@]}"

section "export --format csv: stick pulled for good (ENODEV) from each call on"
ex_loop sticky FAULTFS_STICKY=1 FAULTFS_ERRNO=ENODEV
report_loop "export, ENODEV from each call on" "${EX_PROPS[@]}"

section "export --format csv: the stick's folder vanishes at each call"
ex_loop vanish FAULTFS_VANISH=1
report_loop "export, vanished at each call" "${EX_PROPS[@]}"

check_eq "after all of it, the municipal database is as it was (db_fingerprint)" \
    "$MUNI_PRINT" "$(db_fingerprint "$MUNI")"

finish
