#!/usr/bin/env bash
# test_new_walk: the new-walk form. The defaults on a fresh database;
# Tillbaka starts nothing; each role and each light can be chosen (four
# walks: the defaults, staff + dusk, volunteer + dark, citizen + daylight
# chosen again); participants count with + and − and never go below zero
# (zero is stored as not given); a title cancelled on the keyboard is not
# kept, a typed one is. Read back from a bundle's walks.csv.
#
# usage: bash tests/ui/test_new_walk.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
OUTDIR=$WORK/out
mkdir -p "$OUTDIR"

section "Four walks through the form"
must_app "$DB" new_walk.script --sync-dir "$WORK/sync"
must_trygg --db "$DB" walk list
check_eq "four walks, none from Tillbaka" 5 "$(wc -l <"$WORK/.out")"
check_lacks "every walk has ended" " open " "$OUT"

section "What each walk stored (walks.csv of a full sync)"
must_trygg --db "$DB" sync --out "$OUTDIR"
the_bundle "$OUTDIR"
csv_load "$BUNDLE/walks.csv"
check_eq "walks.csv: four walks" 4 "$CSV_N"
# one_walk NAME ROLE LIGHT TITLE PARTICIPANTS: the one walk with that role,
# light and title has that many participants.
one_walk() {
    local r hit=0
    for ((r = 1; r <= CSV_N; r++)); do
        [[ ${CSV[$r,role]} == "$2" && ${CSV[$r,light]} == "$3" &&
            ${CSV[$r,title]} == "$4" ]] || continue
        hit=$((hit + 1))
        check_fields "$1" "$r" "participants=$5"
        check_match "$1: ended" '^[0-9]{4}-.*Z$' "${CSV[$r,ended_at]}"
    done
    check_eq "$1: one walk with role $2, light $3, title \"$4\"" 1 "$hit"
}
# Zero participants is "not given": an empty field.
one_walk "defaults" citizen daylight "" ""
one_walk "staff, dusk" staff dusk "" 1
one_walk "volunteer, dark, title cancelled" volunteer dark "" ""
one_walk "citizen, daylight chosen again" citizen daylight "Fyra" 12

check_dark "the form with Mörker chosen" new_03_volunteer_dark.png
check_white_band "the form with Dagsljus" new_01_defaults.png

ui_finish
