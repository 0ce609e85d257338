#!/usr/bin/env bash
# test_gps: the app marks a spot with the GPS. A real gpsd fed by gpsfake
# plays a receiver standing at Filipstad railway station (5 m); the spot
# must take position_source=gps, an accuracy, and lie within a few metres
# of the station. With gpsd missing the same taps give a map spot at the
# crosshair, and with the sim source a GPS spot on the demo route.
#
# usage: bash tests/ui/test_gps.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=../gps/gpsfake.sh
source "$(dirname "${BASH_SOURCE[0]}")/../gps/gpsfake.sh"

STATION_LAT=59.708349420 STATION_LON=14.159470306

section "gpsd with a 5 m fix at the station"
PORT=$(free_port)
start_gpsfake "$PORT" station-5m.nmea
must_app "$WORK/a.sqlite" gps_mark.script --gps gpsd --gpsd "127.0.0.1:$PORT"
load_spots "$WORK/a.sqlite"
check_eq "one spot" 1 "$CSV_N"
check_fields "the spot" 1 position_source=gps category=traffic
check_num "its accuracy is given and good" "${CSV[1,accuracy_m]:-999}" "<=" 20
d=$(metres_between "${CSV[1,latitude]}" "${CSV[1,longitude]}" \
    "$STATION_LAT" "$STATION_LON")
check_num "it lies at the station (metres off)" "$d" "<" 10

section "no gpsd: the crosshair"
PORT2=$(free_port)
must_app "$WORK/b.sqlite" gps_mark.script --gps gpsd --gpsd "127.0.0.1:$PORT2"
load_spots "$WORK/b.sqlite"
check_fields "the spot" 1 position_source=map accuracy_m=
d=$(metres_between "${CSV[1,latitude]}" "${CSV[1,longitude]}" 59.7125 14.170833)
check_num "at the map's centre (metres off)" "$d" "<" 1

section "sim source: a GPS spot on the demo route"
must_app "$WORK/c.sqlite" gps_mark.script --gps sim
load_spots "$WORK/c.sqlite"
check_fields "the spot" 1 position_source=gps
check_num "inside the centre's box (lat)" "${CSV[1,latitude]}" ">" 59.700
check_num "inside the centre's box (lat)" "${CSV[1,latitude]}" "<" 59.722
check_num "inside the centre's box (lon)" "${CSV[1,longitude]}" ">" 14.150
check_num "inside the centre's box (lon)" "${CSV[1,longitude]}" "<" 14.190

ui_finish
