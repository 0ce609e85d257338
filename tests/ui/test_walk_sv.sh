#!/usr/bin/env bash
# test_walk_sv: a whole walk through the touch app in Swedish, day theme
# (scripts/walk_sv.script): a new walk with role, light, a typed title and
# participants; three spots with typed notes at three map positions; one
# changed and one deleted through the list; a fourth saved and taken back
# with Ångra; the walk ended and synced. Then the database is read through
# the command line and the bundle is checked.
#
# usage: bash tests/ui/test_walk_sv.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
SYNC=$WORK/sync # made by the app when it syncs

section "The walk, driven through the app"
must_app "$DB" walk_sv.script --sync-dir "$SYNC"

section "Spots: two live, one deleted, one taken back"
load_spots "$DB"
check_eq "four spots stored (tombstones included)" 4 "$CSV_N"

spot_row "lamp" note "Trasig lampa, två lampor vid Ågatan 12"
LAMP=$SPOT_ROW
check_fields "lamp" "$LAMP" category=lighting severity=3 deleted=0 \
    revision=1 position_source=map accuracy_m=

spot_row "traffic, changed" note "Bilar kör fort, 50 km/h förbi skolan"
CARS=$SPOT_ROW
check_fields "traffic, changed" "$CARS" category=sightline severity=3 \
    deleted=0 revision=2 position_source=map accuracy_m=

spot_row "hedges, deleted" note "Höga häckar, ingen ser en"
HEDGE=$SPOT_ROW
check_fields "hedges, deleted" "$HEDGE" category=vegetation severity=1 \
    deleted=1 revision=2

spot_row "litter, undone" category litter
LITTER=$SPOT_ROW
check_fields "litter, undone" "$LITTER" severity=2 note= deleted=1 \
    revision=2 position_source=map

section "Positions follow the drags"
lat() { echo "${CSV[$1,latitude]}"; }
lon() { echo "${CSV[$1,longitude]}"; }
check_num "spot 2 is east of spot 1 (map dragged left)" \
    "$(lon "$CARS")" ">" "$(lon "$LAMP")"
check_num "spot 2 is south of spot 1 (map dragged up)" \
    "$(lat "$CARS")" "<" "$(lat "$LAMP")"
check_num "spot 3 is west of spot 2 (map dragged right)" \
    "$(lon "$HEDGE")" "<" "$(lon "$CARS")"
check_num "spot 3 is north of spot 2 (map dragged down)" \
    "$(lat "$HEDGE")" ">" "$(lat "$CARS")"
check_num "spot 4 is north of spot 3" "$(lat "$LITTER")" ">" "$(lat "$HEDGE")"
apart() { # NAME ROW_A ROW_B: at least 20 m between the two spots
    local d
    d=$(metres_between "$(lat "$2")" "$(lon "$2")" "$(lat "$3")" "$(lon "$3")")
    check_num "$1 are $d m apart (>= 20)" "$d" ">=" 20
}
apart "spots 1 and 2" "$LAMP" "$CARS"
apart "spots 2 and 3" "$CARS" "$HEDGE"
apart "spots 3 and 4" "$HEDGE" "$LITTER"
apart "spots 1 and 3" "$LAMP" "$HEDGE"

section "The walk"
WALK=${CSV[$LAMP,walk_id]}
for r in "$CARS" "$HEDGE" "$LITTER"; do
    check_eq "spot $r is on the walk" "$WALK" "${CSV[$r,walk_id]}"
done
must_trygg --db "$DB" walk list
check_eq "one walk listed" 2 "$(wc -l <"$WORK/.out")"
read -r w_id w_start w_end w_role w_light w_spots w_title < <(sed -n 2p "$WORK/.out")
check_eq "walk id" "$WALK" "$w_id"
check_match "walk has ended" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "$w_end"
check_eq "role" volunteer "$w_role"
check_eq "light" daylight "$w_light"
check_eq "live spots" 2 "$w_spots"
check_eq "title" "Kvällsvandring Åsen, del 2" "$w_title"
: "$w_start"

section "The bundle the app wrote"
the_bundle "$SYNC"
if [[ -n $BUNDLE ]]; then
    check_bundle_sums "sha256sum -c SHA256SUMS passes" "$BUNDLE"
    check_same_rows "spots.csv holds every spot, as spot list --csv" \
        "$WORK/spots.csv" "$BUNDLE/spots.csv"
    check_eq "manifest: walks" 1 "$(manifest_get "$BUNDLE" walks)"
    check_eq "manifest: spots" 4 "$(manifest_get "$BUNDLE" spots)"
    csv_load "$BUNDLE/walks.csv"
    check_eq "walks.csv: one walk" 1 "$CSV_N"
    check_fields "walks.csv" 1 "walk_id=$WALK" role=volunteer light=daylight \
        participants=3 "title=Kvällsvandring Åsen, del 2"
    check_match "walks.csv: ended_at" '^[0-9]{4}-.*Z$' "${CSV[1,ended_at]}"
fi

section "Screens"
check_white_band "walk screen (day)" sv_04_walk.png
check_has_text "sync screen says where the bundle went" sv_17_synced.png \
    13 300 694 200

ui_finish
