#!/usr/bin/env bash
# test_list: the list of a walk's spots. Empty: a line of text and no rows.
# Two spots: numbered from the first; Avbryt on the edit screen changes
# nothing; a note extended on the keyboard and a new severity are saved as
# one edit (revision 2). A list longer than the screen: the oldest row is
# off screen (not tappable) until the list is dragged.
#
# usage: bash tests/ui/test_list.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
SYNC=$WORK/sync

section "Empty list"
must_app "$DB" list_empty.script --sync-dir "$SYNC"
# Expect only sees buttons and tiles: the empty-list text is checked as
# pixels: some text under the header, and nothing (no row) further down.
check_has_text "a text under the header" list_01_empty.png 13 102 694 60
png_stat "$SHOTS/list_01_empty.png" 13 200 694 900
check_eq "no rows below it (all background)" 255 "${PNG[min_luma]}"

section "Edit through the list"
must_app "$DB" list_edit.script --sync-dir "$SYNC"
load_spots "$DB"
check_eq "two spots" 2 "$CSV_N"
spot_row "edited" category violence
check_fields "edited" "$SPOT_ROW" "note=Hot mot kvinna, två personer" \
    severity=1 revision=2 deleted=0
check_num "edited: updated_at >= created_at" \
    "$(tr -d ':TZ-' <<<"${CSV[$SPOT_ROW,updated_at]}")" ">=" \
    "$(tr -d ':TZ-' <<<"${CSV[$SPOT_ROW,created_at]}")"
spot_row "opened and cancelled" category other
check_fields "opened and cancelled" "$SPOT_ROW" note= severity=2 revision=1

section "A long list scrolls"
for i in $(seq 1 12); do # 14 spots in all: more rows than fit
    must_trygg --db "$DB" spot add --lat 59.71 --lon 14.17 --category other \
        --note "rad $i"
done
app_fails_at "the oldest row is off screen before scrolling" "$DB" \
    list_scroll_hidden.script 'expect "1. Våld eller hot"' --sync-dir "$SYNC"
must_app "$DB" list_scroll.script --sync-dir "$SYNC"

ui_finish
