#!/usr/bin/env bash
# test_theme: day and night. In the day theme the background is white; in a
# walk with Mörker every screen of the walk (the form once Mörker is chosen,
# the title keyboard, the walk, marking, the note keyboard, the toast, the
# list, deleting, the end) is dark: low mean luminance, no near-white
# pixel, bright pixels only a small share (text and markers).
#
# usage: bash tests/ui/test_theme.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite

must_app "$DB" theme.script --sync-dir "$WORK/sync"

section "Day"
for s in th_01_start_day th_02_walk_day th_03_mark_day; do
    check_white_band "$s" "$s.png"
done
png_stat "$SHOTS/th_02_walk_day.png"
check_num "walk screen (day) is light: mean luminance ${PNG[mean_luma]}" \
    "${PNG[mean_luma]}" ">" 150

section "Night (Mörker)"
for s in th_11_new_walk_night th_12_title_keyboard_night th_13_walk_night \
    th_14_mark_night th_15_note_night th_16_walk_toast_night \
    th_17_list_night th_18_delete_night th_19_end_night; do
    check_dark "$s" "$s.png"
done

ui_finish
