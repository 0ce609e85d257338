#!/usr/bin/env bash
# test_mark: the mark screen. Avbryt stores nothing; Spara without a
# category stores nothing and stays; "Trygg plats" shows no severity and
# stores none; the note keyboard's Avbryt throws the typed text away and
# Radera takes one letter; choosing an unsafe category after the safe one
# brings the preselected Otryggt back.
#
# usage: bash tests/ui/test_mark.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
SYNC=$WORK/sync

section "Marking"
must_app "$DB" mark.script --sync-dir "$SYNC"
app_fails_at "a safe place shows no severity buttons" "$DB" \
    mark_safe_no_severity.script 'expect "Otryggt"' --sync-dir "$SYNC"

section "What was stored"
load_spots "$DB"
check_eq "two spots: nothing from Avbryt or a Spara without category" \
    2 "$CSV_N"
spot_row "safe place" category safe
check_fields "safe place" "$SPOT_ROW" severity= note=Fin deleted=0 \
    revision=1 position_source=map
spot_row "unsafe after safe" category traffic
check_fields "unsafe after safe" "$SPOT_ROW" severity=2 note= deleted=0

ui_finish
