#!/usr/bin/env bash
# test_damaged: the app on a damaged database. It does not stop at an error
# message: it opens on the rescue screen, which says the file is damaged and
# unchanged, and Standardmapp saves what can be read as a bundle that the
# municipality imports. The damaged file stays byte for byte as it was.
#
# usage: bash tests/ui/test_damaged.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
SYNC=$WORK/sync

section "setup: 25 spots, then one page of them overwritten"
must_trygg --db "$DB" walk start --title 'Vandring före skadan'
for i in $(seq 25); do
    must_trygg --db "$DB" spot add --lat "59.70$i" --lon "14.16$i" \
        --category lighting --severity 3 --note "plats $i: $(printf 'ö%.0s' $(seq 200))"
done
PAGE=$(sql "$DB" "SELECT pageno FROM dbstat WHERE name='spots'
                  AND pagetype='leaf' ORDER BY path LIMIT 1 OFFSET 1")
SIZE=$(sql "$DB" 'PRAGMA page_size')
head -c "$SIZE" /dev/zero | tr '\0' '\377' |
    dd of="$DB" bs="$SIZE" seek=$((PAGE - 1)) conv=notrunc status=none
BEFORE=$(sha256sum <"$DB")

section "the rescue screen"
must_app "$DB" damaged.script --sync-dir "$SYNC"
check_has "the app says on stderr what is wrong" "is damaged" "$ERR"
check_has_text "the screen explains (text under the title)" damaged_01.png 13 90 694 150
BUNDLE=$(ls -d "$SYNC"/trygg-* 2>/dev/null || true)
check_match "Standardmapp wrote one bundle" "^$SYNC/trygg-[0-9a-f]+-" "$BUNDLE"
check_has_text "the screen says what was rescued" damaged_02_saved.png 13 600 694 120
N=$(manifest_get "$BUNDLE" spots)
if [[ $N -ge 1 && $N -lt 25 ]]; then
    pass "the bundle holds the readable spots, not the lost ones ($N of 25)"
else
    fail "the bundle holds the readable spots, not the lost ones ($N of 25)"
fi
check_eq "the damaged file is byte-identical" "$BEFORE" "$(sha256sum <"$DB")"

section "the municipality imports it"
run_trygg --db "$WORK/muni.sqlite" import "$BUNDLE"
check_rc "import: exit 0" 0
check_eq "import: all $N rescued spots" "$N" \
    "$(sql "$WORK/muni.sqlite" 'SELECT COUNT(*) FROM spots')"

ui_finish
