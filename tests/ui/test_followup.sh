#!/usr/bin/env bash
# test_followup: follow-up walks in the touch app, end to end with the real
# binary. A field device records two walks; the municipality imports them,
# decides (planned, fixed) and writes a follow-up bundle (`trygg followup
# --out`). A day device gets the list with `trygg import` and answers both
# follow-up spots in the app (Kvar, Åtgärdat), ends the walk and syncs: the
# answers are in its store, in the bundle's checks.csv, and at the
# municipality after the import. A night device gets the list with the
# sync screen's Hämta uppföljning during a walk in Mörker. Screenshots:
# the day screens have a white ground, the night ones stay dark, and the
# follow-up marker shows up on the night map where the spot is.
#
# usage: bash tests/ui/test_followup.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FIELD=$WORK/field.sqlite
MUNI=$WORK/muni.sqlite
DAY=$WORK/day.sqlite
NIGHT=$WORK/night.sqlite
DAY_SYNC=$WORK/day-sync
NIGHT_SYNC=$WORK/night-sync
mkdir -p "$WORK/field-out" "$WORK/fu-out" "$DAY_SYNC" "$NIGHT_SYNC"

# The traffic spot: 50 m east and 40 m north of the map's start centre
# (app/ui/map.h), so it lands on screen at a place this test can measure.
TRAFFIC_LAT=59.7128597
TRAFFIC_LON=14.1717244
# The sync screen's follow-up message, under Hämta uppföljning.
FU_MSG_AREA=(13 1145 694 110)

section "Two walks in the field, at the municipality"
must_trygg --db "$FIELD" walk start --title "Kvällsvandring" --role citizen \
    --light dark
must_trygg --db "$FIELD" spot add --lat 59.7125 --lon 14.170833 \
    --category lighting --severity 3 --note "Lampan är trasig"
LIGHTING=$LAST
must_trygg --db "$FIELD" spot add --lat 59.7119 --lon 14.1695 \
    --category litter --severity 1
LITTER=$LAST
must_trygg --db "$FIELD" spot add --lat 59.7122 --lon 14.1712 --category safe
must_trygg --db "$FIELD" walk end
sleep 1 # the list is in walk order: the second walk starts a second later
must_trygg --db "$FIELD" walk start --title "Andra vandringen" --role staff
must_trygg --db "$FIELD" spot add --lat "$TRAFFIC_LAT" --lon "$TRAFFIC_LON" \
    --category traffic --severity 2
TRAFFIC=$LAST
must_trygg --db "$FIELD" walk end
must_trygg --db "$FIELD" sync --out "$WORK/field-out"
must_trygg --db "$MUNI" import "$LAST"
must_trygg --db "$MUNI" spot status "$TRAFFIC" planned --comment "Ny skylt i vår"
must_trygg --db "$MUNI" spot status "$LITTER" fixed
must_trygg --db "$MUNI" followup --out "$WORK/fu-out"
FU_BUNDLE=$LAST
check_match "spot ids from spot add" "^[0-9a-f-]{36}$" "$LIGHTING"
check_eq "the follow-up bundle holds lighting and traffic" 2 \
    "$(data_rows "$FU_BUNDLE/followup.csv")"

section "Day device: the list by trygg import, both answered in the app"
must_trygg --db "$DAY" import "$FU_BUNDLE"
cp -r "$FU_BUNDLE" "$DAY_SYNC/"
must_app "$DAY" followup.script --sync-dir "$DAY_SYNC"
must_trygg --db "$DAY" followup list --csv
cp "$WORK/.out" "$WORK/day-list.csv"
csv_load "$WORK/day-list.csv"
check_eq "the device's list has two spots" 2 "$CSV_N"
row=$(csv_row spot_id "$LIGHTING") || true
check_fields "lighting" "$row" category=lighting answer=still status=open
row=$(csv_row spot_id "$TRAFFIC") || true
check_fields "traffic" "$row" category=traffic answer=fixed status=planned
WALK=$(sql "$DAY" "SELECT walk_id FROM walks")
check_match "one walk on the day device" "^[0-9a-f-]{36}$" "$WALK"
check_eq "both answers belong to the app's walk" "2" \
    "$(sql "$DAY" "SELECT COUNT(*) FROM checks WHERE walk_id = '$WALK'")"
check_eq "Kvar is a still answer about the lighting spot" "still" \
    "$(sql "$DAY" "SELECT answer FROM checks WHERE spot_id = '$LIGHTING'")"
check_eq "Åtgärdat is a fixed answer about the traffic spot" "fixed" \
    "$(sql "$DAY" "SELECT answer FROM checks WHERE spot_id = '$TRAFFIC'")"

section "The day device's sync bundle carries the answers"
SYNCED=()
for b in "$DAY_SYNC"/trygg-*; do
    [[ $(basename "$b") == trygg-followup-* ]] || SYNCED+=("$b")
done
check_eq "one sync bundle beside the follow-up list" 1 "${#SYNCED[@]}"
BUNDLE=${SYNCED[0]:-$WORK/none}
if [[ -f $BUNDLE/checks.csv ]]; then
    pass "the bundle has checks.csv"
    check_bundle_sums "sha256sum -c SHA256SUMS passes" "$BUNDLE"
    csv_load "$BUNDLE/checks.csv"
    check_eq "checks.csv: two answers" 2 "$CSV_N"
    row=$(csv_row spot_id "$LIGHTING") || true
    check_fields "checks.csv lighting" "$row" answer=still walk_id="$WALK"
    row=$(csv_row spot_id "$TRAFFIC") || true
    check_fields "checks.csv traffic" "$row" answer=fixed walk_id="$WALK"
else
    fail "the bundle has checks.csv" "files: $(ls "$BUNDLE" 2>&1)"
fi
must_trygg --db "$MUNI" import "$BUNDLE"
check_eq "the municipality has both answers" "still fixed" \
    "$(sql "$MUNI" "SELECT group_concat(answer, ' ') FROM (SELECT answer
        FROM checks ORDER BY answer = 'fixed')")"

section "Night device: Hämta uppföljning on the sync screen, in Mörker"
cp -r "$FU_BUNDLE" "$NIGHT_SYNC/"
must_app "$NIGHT" followup_night.script --sync-dir "$NIGHT_SYNC"
must_trygg --db "$NIGHT" followup list --csv
cp "$WORK/.out" "$WORK/night-list.csv"
csv_load "$WORK/night-list.csv"
check_eq "the list came through the sync screen" 2 "$CSV_N"
row=$(csv_row spot_id "$TRAFFIC") || true
check_fields "traffic, answered at night" "$row" answer=still
row=$(csv_row spot_id "$LIGHTING") || true
check_fields "lighting, not answered at night" "$row" answer=

section "Screens"
for s in fu_01_walk_day fu_02_answer_day fu_04_answer_planned_day \
    fu_05_walk_all_answered_day fu_06_sync_same_list; do
    check_white_band "$s" "$s.png"
done
for s in fu_10_walk_night_no_list fu_11_sync_fetched_night fu_12_walk_night \
    fu_13_answer_night fu_14_walk_answered_night; do
    check_dark "$s" "$s.png"
done
check_has_text "the sync screen says the list is the newest already" \
    fu_06_sync_same_list.png "${FU_MSG_AREA[@]}"

# Where the traffic marker is drawn: the walk screen's map canvas at 160
# dpi with the follow-up line is (13, 146, 694 x 880), its centre (360,
# 586) is the start centre, at 694 / 300 px a metre; 50 m east and 40 m
# north is (476, 493). A box of 60 px around it:
MARKER=(446 463 60 60)
png_stat "$SHOTS/fu_01_walk_day.png" "${MARKER[@]}"
check_num "day: the marker's ink is there (darkest ${PNG[min_luma]})" \
    "${PNG[min_luma]}" "<" 60
check_eq "day: and its white centre, whiter than the map's ground" 255 \
    "${PNG[max_luma]}"
png_stat "$SHOTS/fu_10_walk_night_no_list.png" "${MARKER[@]}"
check_num "night, no list yet: nothing bright there (${PNG[bright_frac]})" \
    "${PNG[bright_frac]}" "==" 0
png_stat "$SHOTS/fu_12_walk_night.png" "${MARKER[@]}"
check_num "night: the marker shows (bright share ${PNG[bright_frac]})" \
    "${PNG[bright_frac]}" ">" 0.05

ui_finish
