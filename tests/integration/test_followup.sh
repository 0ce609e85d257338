#!/usr/bin/env bash
# test_followup: the whole follow-up loop with the real command line and two
# databases. A device walks and syncs; the municipality imports, decides
# (one spot planned with a comment, one fixed) and writes a follow-up
# bundle; the device imports it, answers on a new walk and syncs; the
# municipality imports the answers and shows them. Also: the same bundle
# twice changes nothing, an old-style bundle without answers still imports,
# and a follow-up bundle given to the municipal database is applied as a
# follow-up list (any database takes one: docs/bundle-format.md).
#
# usage: bash tests/integration/test_followup.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEV=$WORK/device.sqlite
MUNI=$WORK/municipality.sqlite
mkdir -p "$WORK/to-muni" "$WORK/to-devices" "$WORK/to-muni-2"

# ---------------------------------------------------------------------------
section "a device walks and syncs; the municipality decides"

must_trygg --db "$DEV" walk start --title 'Kvällsvandring med Beatrice Qvist' --role citizen --light dark
must_trygg --db "$DEV" spot add --lat 59.7083 --lon 14.1595 --category lighting --severity 3 --note 'HEMLIG: lampan vid Annas hus'
LAMP=$LAST
must_trygg --db "$DEV" spot add --lat 59.7090 --lon 14.1600 --category traffic --severity 2 --note 'bilar kör fort'
ROAD=$LAST
must_trygg --db "$DEV" spot add --lat 59.7100 --lon 14.1610 --category vegetation --severity 1
BUSH=$LAST
must_trygg --db "$DEV" spot add --lat 59.7110 --lon 14.1620 --category safe --note 'bra belyst'
SAFE=$LAST
must_trygg --db "$DEV" walk end
must_trygg --db "$DEV" sync --out "$WORK/to-muni"
OLD_STYLE=$LAST
check_eq "a bundle without answers has no checks.csv" "no" \
    "$([[ -e $OLD_STYLE/checks.csv ]] && echo yes || echo no)"
check_eq "... and no checks key" "" "$(manifest_get "$OLD_STYLE" checks)"

# An old-style bundle (the four files only) imports as it always did.
run_trygg --db "$MUNI" import "$OLD_STYLE"
check_rc "the old-style bundle imports" 0
check_has "... with its four spots" "spots 4 added" "$OUT"
must_trygg --db "$MUNI" spot status "$LAMP" planned --comment 'Ny lampa beställd'
must_trygg --db "$MUNI" spot status "$ROAD" fixed --comment 'Farthinder byggt'

# ---------------------------------------------------------------------------
section "the follow-up bundle"

run_trygg --db "$MUNI" followup --out "$WORK/to-devices"
check_rc "trygg followup --out: exit 0" 0
FU=$LAST
check_match "the path is the last line" "/trygg-followup-[0-9]{8}T[0-9]{6}Z$" "$FU"
check_has "it says how many spots" "Wrote 2 spots" "$OUT"
check_cmd "sha256sum -c passes in the folder" \
    bash -c "cd '$FU' && sha256sum --strict -c SHA256SUMS"
check_eq "manifest format" "trygg-followup" "$(manifest_get "$FU" format)"
check_eq "manifest spots" "2" "$(manifest_get "$FU" spots)"
check_eq "followup.csv has the two unresolved spots" 2 "$(data_rows "$FU/followup.csv")"
ALLFILES=$(cat "$FU"/*)
check_lacks "no note travels" "HEMLIG" "$ALLFILES"
check_lacks "no walk title travels" "Qvist" "$ALLFILES"
check_has "the status comment travels" "Ny lampa beställd" "$(cat "$FU/followup.csv")"
check_eq "no partial folder is left" "" "$(find "$WORK/to-devices" -mindepth 1 -name '.*')"

run_trygg --db "$MUNI" followup --out "$WORK/to-devices" --year 1999
check_rc "--year 1999: exit 0" 0
check_has "... with no spots" "Wrote 0 spots" "$OUT"
EMPTY=$LAST
run_trygg --db "$MUNI" followup --out "$WORK/to-devices" --year 19x9
check_rc "--year 19x9: usage error" 2

# ---------------------------------------------------------------------------
section "the device takes the list"

run_trygg --db "$DEV" import "$FU"
check_rc "the device imports the follow-up bundle" 0
check_has "... as a follow-up list" "2 spots to follow up" "$OUT"
run_trygg --db "$DEV" followup list
check_rc "followup list: exit 0" 0
LIST=$OUT
check_has "the planned spot is listed" "$LAMP" "$LIST"
check_has "... with its status and comment" "planned  answer -  Ny lampa beställd" "$LIST"
check_has "the open spot is listed" "$BUSH" "$LIST"
check_lacks "the fixed spot is not" "$ROAD" "$LIST"
check_lacks "the safe place is not" "$SAFE" "$LIST"
run_trygg --db "$DEV" followup list --csv
check_eq "--csv: a header and two rows" 3 "$(wc -l <"$WORK/.out")"

# The empty 1999 list is newer; then the first one is older: nothing changes.
run_trygg --db "$DEV" import "$EMPTY"
check_has "a newer, empty list replaces it" "0 spots to follow up" "$OUT"
run_trygg --db "$DEV" import "$FU"
check_rc "an older list: exit 0" 0
check_has "... says nothing changed" "not newer" "$OUT"
must_trygg --db "$MUNI" followup --out "$WORK/to-devices"
FU=$LAST
must_trygg --db "$DEV" import "$FU"

# ---------------------------------------------------------------------------
section "answers on a new walk go back with the next sync"

run_trygg --db "$DEV" followup answer "$LAMP" kvar
check_rc "no answer without an open walk" 1
check_has "... and it says why" "start a walk" "$ERR"
must_trygg --db "$DEV" walk start --title 'Uppföljning' --role citizen --light dark
WALK2=$LAST
run_trygg --db "$DEV" followup answer "${LAMP:0:6}" still
check_rc "answer still by a 6-character prefix" 0
check_match "... prints the answer's id" "$UUID_RE" "$LAST"
run_trygg --db "$DEV" followup answer "$BUSH" åtgärdat
check_rc "answer åtgärdat" 0
run_trygg --db "$DEV" followup answer "$BUSH" kanske
check_rc "a word that is no answer: usage error" 2
run_trygg --db "$DEV" followup answer "$ROAD" still
check_rc "a spot not on the list is refused" 1
must_trygg --db "$DEV" walk end
run_trygg --db "$DEV" followup list
check_has "the list shows the answers" "answer fixed" "$OUT"

must_trygg --db "$DEV" sync --out "$WORK/to-muni-2"
ANSWERS=$LAST
check_has "sync says it sends 2 answers" "2 follow-up answers" "$OUT"
check_eq "checks.csv has 2 rows" 2 "$(data_rows "$ANSWERS/checks.csv")"
check_eq "the manifest counts them" 2 "$(manifest_get "$ANSWERS" checks)"
check_cmd "sha256sum -c passes, checks.csv included" \
    bash -c "cd '$ANSWERS' && sha256sum --strict -c SHA256SUMS && grep -q '  checks.csv$' SHA256SUMS"
check_has "answers are on the new walk" "$WALK2" "$(cat "$ANSWERS/checks.csv")"

# ---------------------------------------------------------------------------
section "the municipality takes the answers"

run_trygg --db "$MUNI" import "$ANSWERS"
check_rc "the municipality imports the answers" 0
check_has "... 2 added" "answers 2 added, 0 unchanged" "$OUT"
run_trygg --db "$MUNI" spot status "$LAMP"
check_has "spot status shows the walker's answer" "answer still" "$OUT"
check_has "... on the follow-up walk" "$WALK2" "$OUT"
run_trygg --db "$MUNI" spot status "$BUSH"
check_has "the other answer too" "answer fixed" "$OUT"

BEFORE=$(sql "$MUNI" .dump)
run_trygg --db "$MUNI" import "$ANSWERS"
check_rc "the same bundle again: exit 0" 0
check_has "... every answer unchanged" "answers 0 added, 2 unchanged" "$OUT"
check_eq "... and the database dump is the same" "$BEFORE" "$(sql "$MUNI" .dump)"

# ---------------------------------------------------------------------------
section "a follow-up bundle given to the municipal database"

must_trygg --db "$MUNI" followup --out "$WORK/to-devices"
run_trygg --db "$MUNI" import "$LAST"
check_rc "it is applied as a follow-up list" 0
check_has "... and says so" "follow-up list" "$OUT"
check_eq "its answers are untouched" 2 "$(sql "$MUNI" 'SELECT COUNT(*) FROM checks')"
check_eq "integrity_check" ok "$(sql "$MUNI" 'PRAGMA integrity_check')"

finish
