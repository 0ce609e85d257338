#!/usr/bin/env bash
# test_disk_full: writes that fail half-way (a full USB stick, a full disk)
# during a sync and an import. RLIMIT_FSIZE (`ulimit -f`) makes every write
# past the limit fail with EFBIG, as a full disk fails with ENOSPC, at a
# size the test chooses; SIGXFSZ is ignored so the write returns the error
# instead of killing trygg.
#
# The limit is above what opening a database needs (its -shm is 32 KB) and
# below the bundle's spots.csv.
#
# A sync that cannot write its bundle leaves no folder a reader would take
# for a bundle, marks nothing as synced, and says why; the next sync with
# room sends everything. An import that cannot write into the municipal
# database leaves it as it was and says why.
#
# usage: bash tests/integration/test_disk_full.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEV=$WORK/device.sqlite
MUNI=$WORK/muni.sqlite
LIMIT_KB=40

# limited CMD...: run trygg with writes limited to LIMIT_KB kilobytes per
# file; sets RC, OUT, ERR like run_trygg.
limited() {
    RC=0
    (trap '' XFSZ; ulimit -f "$LIMIT_KB"; exec "$TRYGG" "$@") \
        >"$WORK/.out" 2>"$WORK/.err" || RC=$?
    OUT=$(cat "$WORK/.out")
    ERR=$(cat "$WORK/.err")
}

# A walk whose bundle is far bigger than the limit: 100 notes of 900
# characters.
note=$(printf 'Lång anteckning om belysningen vid gångtunneln. %.0s' {1..18})
must_trygg --db "$DEV" walk start --title "Full disk" --role staff
for i in $(seq 1 100); do
    must_trygg --db "$DEV" spot add --lat 59.708$((i % 10)) --lon 14.16$((i % 7)) \
        --category lighting --severity 2 --note "$i $note"
done
must_trygg --db "$DEV" walk end

section "a sync onto a full stick"
mkdir -p "$WORK/stick"
before=$(db_fingerprint "$DEV")
limited --db "$DEV" sync --out "$WORK/stick"
check_rc "sync fails" 1
echo "  (trygg said: $ERR)"
check_match "the message names the write error" "[Ff]ile too large|No space" "$ERR"
check_has "the message names the folder" "$WORK/stick" "$ERR"
check_eq "no bundle folder a reader would take" "" \
    "$(find "$WORK/stick" -mindepth 1 -maxdepth 1 -name 'trygg-*')"
check_eq "the device database is unchanged" "$before" "$(db_fingerprint "$DEV")"

section "the next sync, with room, sends every spot"
must_trygg --db "$DEV" sync --out "$WORK/stick"
BUNDLE=$LAST
check_eq "all 100 spots in the bundle" 100 "$(manifest_get "$BUNDLE" spots)"
check_cmd "the bundle verifies" bash -c "cd '$BUNDLE' && sha256sum -c --quiet SHA256SUMS"

section "an import into a full disk"
# The municipal database exists and holds a small walk already.
SMALL=$WORK/small.sqlite
must_trygg --db "$SMALL" walk start --title "Liten"
must_trygg --db "$SMALL" spot add --lat 59.7083 --lon 14.1595 --category safe
must_trygg --db "$SMALL" walk end
mkdir -p "$WORK/small-out"
must_trygg --db "$SMALL" sync --out "$WORK/small-out"
must_trygg --db "$MUNI" import "$LAST"
before=$(db_fingerprint "$MUNI")
limited --db "$MUNI" import "$BUNDLE"
check_rc "import fails" 1
echo "  (trygg said: $ERR)"
check_match "the message names the write error" \
    "[Ff]ile too large|full|No space|disk I/O error" "$ERR"
check_eq "the municipal database is unchanged" "$before" "$(db_fingerprint "$MUNI")"
check_eq "still one spot" 1 "$(sql "$MUNI" "SELECT COUNT(*) FROM spots")"
check_eq "integrity_check ok" ok "$(sql "$MUNI" "PRAGMA integrity_check")"

section "with room the same bundle imports"
must_trygg --db "$MUNI" import "$BUNDLE"
check_eq "101 spots" 101 "$(sql "$MUNI" "SELECT COUNT(*) FROM spots")"

finish
