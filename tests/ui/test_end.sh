#!/usr/bin/env bash
# test_end: the end screen. Fortsätt vandra keeps the walk open (and the
# start screen then offers Fortsätt vandring); after a restart the open walk
# is found again; Ja, avsluta ends it and keeps its spot.
#
# usage: bash tests/ui/test_end.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
SYNC=$WORK/sync

section "Fortsätt vandra"
must_app "$DB" end.script --sync-dir "$SYNC"
must_trygg --db "$DB" walk list
read -r w_id w_start w_end w_role w_light w_spots _ < <(sed -n 2p "$WORK/.out")
check_eq "the walk is still open" open "$w_end"
check_eq "with its spot" 1 "$w_spots"
check_has_text "the end screen shows a summary" end_01_ask.png 13 102 694 200

section "Ja, avsluta after a restart"
must_app "$DB" end_yes.script --sync-dir "$SYNC"
must_trygg --db "$DB" walk list
read -r w_id2 _ w_end _ _ w_spots _ < <(sed -n 2p "$WORK/.out")
check_eq "the same walk" "$w_id" "$w_id2"
check_match "it has ended" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "$w_end"
check_eq "its spot kept" 1 "$w_spots"
: "$w_start" "$w_role" "$w_light"

ui_finish
