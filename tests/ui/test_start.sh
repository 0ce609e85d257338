#!/usr/bin/env bash
# test_start: the start screen. Without an open walk: Ny vandring, Synka and
# the language switch both ways (and the language carried to the next
# screen); --lang en; with an open walk: Fortsätt vandring and no Ny
# vandring.
#
# usage: bash tests/ui/test_start.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
SYNC=$WORK/sync

section "No open walk"
must_app "$DB" start_lang.script --sync-dir "$SYNC"
app_fails_at "after In English no Ny vandring is shown" "$DB" \
    start_lang_gone.script 'expect "Ny vandring"' --sync-dir "$SYNC"
must_app "$DB" start_en.script --lang en --sync-dir "$SYNC"
must_trygg --db "$DB" walk list
check_eq "looking around started no walk" 1 "$(wc -l <"$WORK/.out")"
check_white_band "start screen (day)" start_01_sv.png

section "An open walk"
must_trygg --db "$DB" walk start --title "Öppen" --role staff
must_app "$DB" start_open.script --sync-dir "$SYNC"
app_fails_at "with a walk open there is no Ny vandring" "$DB" \
    start_open_no_new.script 'expect "Ny vandring"' --sync-dir "$SYNC"
must_trygg --db "$DB" walk list
check_has "the walk is still open" " open " "$OUT"

ui_finish
