#!/usr/bin/env bash
# test_gps_dies: gpsd dies in the middle of a walk in the touch app and
# comes back. A real gpsd fed by gpsfake plays a receiver at Filipstad
# railway station; the app (scripts/gps_dies.script) marks a spot with it.
# Then this test SIGKILLs gpsd and gpsfake, the walker marks a second spot
# more than 5 s later (no fresh fix any more), gpsd comes back on the same
# port playing a walk in the town centre, about a kilometre away, and the
# walker marks a third spot.
#
# Checks: the app never crashes and runs its script to the end; the three
# spots are stored: the first gps at the station, the second map (at the
# crosshair, where the GPS last was, without an accuracy), the third gps
# on the centre walk (so from the new gpsd, not an old fix); and the
# screens say what happened (the GPS line changes when gpsd dies and again
# when it is back, and the mark screen without GPS says the spot goes to
# the crosshair).
#
# The script cannot wait for an event, so the test follows it through its
# screenshots: it kills gpsd when the first save's screenshot appears and
# restarts it when the second's does; the script's waits after those give
# the time. The test checks that its actions came in time (before the next
# screenshot), so a slow machine fails the test rather than passing it.
#
# usage: bash tests/ui/test_gps_dies.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=../gps/gpsfake.sh
source "$(dirname "${BASH_SOURCE[0]}")/../gps/gpsfake.sh"

STATION_LAT=59.708349420 STATION_LON=14.159470306
# walk-centre.nmea walks from 59.7120,14.1690 to 59.7125,14.1708 (115 m).
WALK_MID_LAT=59.71225 WALK_MID_LON=14.1699
SCRIPT=gps_dies.script
APP_PID=""

# Stop the app too if the test stops early, then gpsfake and $WORK.
trap '[[ -z $APP_PID ]] || kill -KILL "$APP_PID" 2>/dev/null || true; gps_cleanup' EXIT

# wait_shot NAME SECONDS: until the app has saved screenshot NAME; fails
# the test (die) when the app ended first or the time ran out.
wait_shot() {
    local i
    for ((i = 0; i < $2 * 20; i++)); do
        [[ -e $SHOTS/$1 ]] && return 0
        running "$APP_PID" || die "the app ended before $1" "$(cat "$WORK/app.err")"
        sleep 0.05
    done
    die "no $1 after $2 s" "$(cat "$WORK/app.err")"
}

# now_ns, mtime_ns FILE: for the checks that the test acted in time.
now_ns() { date +%s%N; }
mtime_ns() { date -r "$1" +%s%N; }

# before NAME T_NS SHOT: the moment T_NS came before SHOT was saved.
check_before() {
    local shot_ns
    shot_ns=$(mtime_ns "$SHOTS/$3")
    if [[ $2 -lt $shot_ns ]]; then
        pass "$1 ($(((shot_ns - $2) / 1000000)) ms before $3)"
    else
        fail "$1" "it came $((($2 - shot_ns) / 1000000)) ms after $3"
    fi
}

# ---------------------------------------------------------------------------
section "a walk with gpsd streaming"

PORT=$(free_port)
start_gpsfake "$PORT" station-5m.nmea
GF1=$GPSFAKE_PID
DB=$WORK/walk.sqlite
(
    cd "$SHOTS"
    exec "$TRYGG" --db "$DB" --script "$SCRIPTS/$SCRIPT" --size "$APP_SIZE" \
        --gps gpsd --gpsd "127.0.0.1:$PORT"
) >"$WORK/app.out" 2>"$WORK/app.err" &
APP_PID=$!
wait_shot gps_dies_02_saved.png 40

# ---------------------------------------------------------------------------
section "gpsd dies"

GPSD1=$(gpsd_of "$GF1")
[[ -n $GPSD1 ]] || die "no gpsd under gpsfake $GF1"
kill -KILL "$GPSD1" "$GF1"
t_kill=$(now_ns)
{ wait "$GF1" || true; } 2>/dev/null # no "Killed" notice
if running "$GPSD1" || port_open "$PORT"; then
    fail "gpsd is gone" "pid $GPSD1 runs or port $PORT answers"
else
    pass "gpsd is gone (SIGKILL to gpsd $GPSD1 and gpsfake $GF1)"
fi
wait_shot gps_dies_05_saved_lost.png 40
check_before "gpsd was killed before the app showed the lost GPS" "$t_kill" \
    gps_dies_03_lost.png

# ---------------------------------------------------------------------------
section "gpsd comes back"

start_gpsfake "$PORT" walk-centre.nmea
t_back=$(now_ns)
RC=0
for ((i = 0; i < 60 * 20; i++)); do
    running "$APP_PID" || break
    sleep 0.05
done
if running "$APP_PID"; then
    fail "the app ends its script" "still running after 60 s"
    kill -KILL "$APP_PID"
fi
wait "$APP_PID" || RC=$?
APP_PID=""
check_eq "the app ran the script to its end, exit 0 (stderr: $(cat "$WORK/app.err"))" \
    0 "$RC"
check_eq "the app said nothing on stderr" "" "$(cat "$WORK/app.err")"
# 3 s: the app tries gpsd every 2 s, and gpsd needs a moment for a fix.
check_before "gpsd was back well before the app looked for it" \
    "$((t_back + 3000000000))" gps_dies_06_back.png

# ---------------------------------------------------------------------------
section "the screens"

# The GPS line under the header (y 108-140 at 720x1280), told apart by
# how far its text reaches (as drawn in DejaVu Sans at the default DPI):
# a fresh fix ("GPS ±5 m") ends before x=150, a stale one ("GPS ±5 m, 8 s
# gammal") or "GPS söker position…" before x=400, and only "GPS saknas:
# <why>" (no connection to gpsd) goes beyond.
# gps_line NAME SHOT fix|missing
gps_line() {
    local f=$SHOTS/$2 mid far
    [[ -f $f ]] || { fail "$1" "no screenshot $f"; return; }
    png_stat "$f" 150 108 250 32 || return
    mid=${PNG[min_luma]}
    png_stat "$f" 400 108 310 32 || return
    far=${PNG[min_luma]}
    if [[ $3 == fix ]]; then
        check_eq "$1: a fresh fix (nothing drawn from x=150 on)" "255 255" "$mid $far"
    else
        check_num "$1: \"GPS saknas\" and why (text beyond x=400, darkest $far)" \
            "$far" "<" 100
    fi
}
check_has_text "with gpsd: the GPS line shows" gps_dies_01_walk.png 0 108 150 32
gps_line "with gpsd" gps_dies_01_walk.png fix
gps_line "with gpsd, after the first save" gps_dies_02_saved.png fix
gps_line "gpsd dead" gps_dies_03_lost.png missing
gps_line "gpsd dead, after the second save" gps_dies_05_saved_lost.png missing
gps_line "gpsd back" gps_dies_06_back.png fix
gps_line "gpsd back, after the third save" gps_dies_08_saved_back.png fix

# ---------------------------------------------------------------------------
section "the spots"

load_spots "$DB"
check_eq "three spots" 3 "$CSV_N"

spot_row "before the death" category traffic
r=$SPOT_ROW
check_fields "before the death" "$r" position_source=gps deleted=0
check_num "before the death: accuracy is given and good" "${CSV[$r,accuracy_m]:-999}" "<=" 20
d=$(metres_between "${CSV[$r,latitude]}" "${CSV[$r,longitude]}" "$STATION_LAT" "$STATION_LON")
check_num "before the death: at the station ($d m off)" "$d" "<" 10

spot_row "gpsd dead" category lighting
r=$SPOT_ROW
check_fields "gpsd dead" "$r" position_source=map accuracy_m= deleted=0
d=$(metres_between "${CSV[$r,latitude]}" "${CSV[$r,longitude]}" "$STATION_LAT" "$STATION_LON")
check_num "gpsd dead: at the crosshair, where the GPS last was ($d m off)" "$d" "<" 10

spot_row "gpsd back" category safe
r=$SPOT_ROW
check_fields "gpsd back" "$r" position_source=gps deleted=0
check_num "gpsd back: accuracy is given and good" "${CSV[$r,accuracy_m]:-999}" "<=" 20
d=$(metres_between "${CSV[$r,latitude]}" "${CSV[$r,longitude]}" "$WALK_MID_LAT" "$WALK_MID_LON")
check_num "gpsd back: on the centre walk ($d m from its middle)" "$d" "<" 75

ui_finish
