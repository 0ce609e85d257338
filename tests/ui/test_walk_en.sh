#!/usr/bin/env bash
# test_walk_en: a walk in English with the night theme (scripts/
# walk_en.script): typed title and notes, a safe place (no severity), one
# spot taken back with Undo, the walk ended and synced. The database is read
# through the command line; the night screens are checked for brightness.
#
# usage: bash tests/ui/test_walk_en.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
SYNC=$WORK/sync

section "The walk, driven through the app in English"
must_app "$DB" walk_en.script --lang en --sync-dir "$SYNC"

section "Spots"
load_spots "$DB"
check_eq "three spots stored (tombstone included)" 3 "$CSV_N"
spot_row "lamp" note "Broken lamp, 3 lamps by the Bridge"
check_fields "lamp" "$SPOT_ROW" category=lighting severity=2 deleted=0 \
    revision=1 position_source=map
spot_row "safe place" note "Well lit, cafe open"
check_fields "safe place" "$SPOT_ROW" category=safe severity= deleted=0 \
    revision=1
spot_row "deserted, undone" note "Empty lot after 22"
check_fields "deserted, undone" "$SPOT_ROW" category=deserted severity=3 \
    deleted=1 revision=2

section "The walk"
must_trygg --db "$DB" walk list
read -r w_id w_start w_end w_role w_light w_spots w_title < <(sed -n 2p "$WORK/.out")
check_match "walk has ended" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "$w_end"
check_eq "role" staff "$w_role"
check_eq "light" dark "$w_light"
check_eq "live spots" 2 "$w_spots"
check_eq "title" "Night walk 7" "$w_title"
: "$w_id" "$w_start"

section "The bundle"
the_bundle "$SYNC"
if [[ -n $BUNDLE ]]; then
    check_bundle_sums "sha256sum -c SHA256SUMS passes" "$BUNDLE"
    check_same_rows "spots.csv holds every spot" "$WORK/spots.csv" \
        "$BUNDLE/spots.csv"
    csv_load "$BUNDLE/walks.csv"
    check_fields "walks.csv" 1 role=staff light=dark participants=1 \
        "title=Night walk 7"
fi

section "Night screens are dark"
check_dark "new walk form with Dark" en_02_new_walk.png
check_dark "walk screen" en_03_walk.png
check_dark "mark screen" en_04_mark.png
check_dark "note keyboard" en_05_note_keyboard.png
check_dark "walk screen with the toast" en_07_saved_toast.png
check_dark "list" en_09_list.png
check_dark "end of walk" en_10_end.png

ui_finish
