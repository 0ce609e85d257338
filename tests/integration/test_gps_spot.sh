#!/usr/bin/env bash
# test_gps_spot: `trygg spot add --gps` against a real gpsd fed by gpsfake.
# A receiver standing at Filipstad's railway station with a 5 m fix gives a
# spot within a few metres of the station, position_source gps, accuracy
# 5.0; --max-accuracy 1 refuses that fix; a 35 m fix is refused at the
# default 20 m; `trygg gps --count 7` prints seven fixes. Refusals store
# nothing. Also the usage errors of --gps, and that the committed NMEA logs
# are exactly what tests/gps/make_nmea.py makes.
#
# usage: bash tests/integration/test_gps_spot.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../gps/gpsfake.sh"

STATION_LAT=59.708349420
STATION_LON=14.159470306

# ---------------------------------------------------------------------------
section "the NMEA logs are what make_nmea.py makes"

for log in "$GPS_LOGS"/*.nmea; do
    args=$(head -n 1 "$log" | sed 's/^# make_nmea.py //')
    eval "python3 \"\$GPS_LOGS/make_nmea.py\" $args" >"$WORK/regen.nmea"
    check_same_file "$(basename "$log") is make_nmea.py $args" "$log" \
        "$WORK/regen.nmea"
done

# ---------------------------------------------------------------------------
section "usage errors"

new_db usage
usage_case() {
    local want=$1
    shift
    run_trygg --db "$DB" "$@"
    if [[ $RC -eq 2 && $ERR == *"$want"* ]]; then
        pass "usage error exits 2: trygg $*"
    else
        fail "usage error exits 2: trygg $*" "want exit 2 and stderr with: $want" \
            "got exit $RC, stderr: $ERR"
    fi
}
usage_case 'no --lat, --lon or --accuracy' spot add --gps --lat 59.7 --lon 14.1 --category lighting
usage_case 'no --lat, --lon or --accuracy' spot add --gps --accuracy 5 --category lighting
usage_case '--category is required' spot add --gps
usage_case 'go with --gps' spot add --lat 59.7 --lon 14.1 --category lighting --gps-timeout 5
usage_case 'more than 0' spot add --gps --max-accuracy 0 --category lighting
usage_case 'not in 1..3600' spot add --gps --gps-timeout 0 --category lighting
usage_case 'is not HOST:PORT' --gpsd 'a:b:c' spot add --gps --category lighting
usage_case 'are for spot add' spot edit 0123 --gps
usage_case 'unknown option' gps --bogus
usage_case 'not in 1..1000000' gps --count 0
check_eq "nothing stored by usage errors" 0 "$(spot_count "$DB")"

run_trygg --db "$DB" gps --help
check_eq "trygg gps --help exits 0 and prints usage" "0 usage:" "$RC ${OUT:0:6}"

# ---------------------------------------------------------------------------
section "a 5 m fix at the railway station"

PORT=$(free_port)
start_gpsfake "$PORT" station-5m.nmea
new_db station
t0=$(date +%s%N)
run_trygg --db "$DB" --gpsd "localhost:$PORT" spot add --gps --gps-timeout 20 \
    --category lighting --note "Stationen"
ms=$((($(date +%s%N) - t0) / 1000000))
check_rc "spot add --gps exits 0" 0
ID=$LAST
check_match "it prints the spot id last" "$UUID_RE" "$ID"
check_match "it says how many fixes it averaged" '^GPS: [0-9]+ fixes averaged, error 5\.0 m\.' "$OUT"
check_eq "position_source is gps" gps "$(spot_col "$DB" "$ID" position_source)"
check_eq "accuracy_m is the fix's 5.0 m" 5.0 "$(spot_col "$DB" "$ID" "printf('%.1f', accuracy_m)")"
lat=$(spot_col "$DB" "$ID" latitude)
lon=$(spot_col "$DB" "$ID" longitude)
d=$(metres_between "$STATION_LAT" "$STATION_LON" "$lat" "$lon")
if awk -v d="$d" 'BEGIN { exit !(d <= 2.0) }'; then
    pass "the spot is ${d} m from the station (at most 2 m)"
else
    fail "the spot is at most 2 m from the station" "got $lat $lon: $d m away"
fi
if [[ $ms -le 12000 ]]; then
    pass "first fix and 3 s of averaging took ${ms} ms (at most 12 s)"
else
    fail "spot add --gps takes at most 12 s with a fix at hand" "took ${ms} ms"
fi

# ---------------------------------------------------------------------------
section "--max-accuracy 1 refuses the 5 m fix"

run_trygg --db "$DB" --gpsd "localhost:$PORT" spot add --gps --gps-timeout 3 \
    --max-accuracy 1 --category lighting
check_rc "spot add --gps --max-accuracy 1 exits 1" 1
check_has "it says the fix was too poor" "best GPS fix was 4.99 m, worse than 1 m" "$ERR"
check_has "it says nothing was stored" "nothing stored" "$ERR"
check_eq "still one spot stored" 1 "$(spot_count "$DB")"

# ---------------------------------------------------------------------------
section "trygg gps --count 7"

# The log lists the satellites (GSV) every fifth second; by the seventh fix
# gpsd has reported them.
run_trygg --gpsd "localhost:$PORT" gps --count 7 --timeout 10
check_rc "trygg gps --count 7 exits 0" 0
check_eq "seven FIX lines" 7 "$(grep -c '^FIX ' <<<"$OUT" || true)"
check_match "a FIX line has position, error, age and satellites" \
    'FIX +lat 59\.70834[89] lon 14\.15947[01] err 5\.0 m age [0-9.]+ s sats 8 time 2024-05-14T18:30:[0-9]{2}Z' \
    "$(grep '^FIX ' <<<"$OUT" | tail -n 1)"
stop_gpsfake "$GPSFAKE_PID"

# ---------------------------------------------------------------------------
section "a 35 m fix is refused at the default 20 m"

PORT=$(free_port)
start_gpsfake "$PORT" centre-35m.nmea
new_db poor
run_trygg --db "$DB" --gpsd "localhost:$PORT" spot add --gps --gps-timeout 4 \
    --category lighting
check_rc "spot add --gps exits 1" 1
check_has "it names the fix and the limit" "best GPS fix was 35 m, worse than 20 m" "$ERR"
check_eq "nothing stored" 0 "$(spot_count "$DB")"
stop_gpsfake "$GPSFAKE_PID"

finish
