#!/usr/bin/env bash
# test_gps_reconnect: gpsd dies in the middle of `trygg gps --count 8` and
# comes back on the same port. trygg keeps running, reports CONNECTING
# (and that gpsd does not answer while it is gone), connects again by
# itself and reports fixes again until it has its eight. Every fix lies on
# the logged walk in Filipstad centre.
#
# usage: bash tests/integration/test_gps_reconnect.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../gps/gpsfake.sh"

GPS_OUT=$WORK/gps.out

# wait_lines REGEX N SECONDS: until trygg's output has N lines matching.
wait_lines() {
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        [[ $(grep -cE "$1" "$GPS_OUT" || true) -ge $2 ]] && return 0
        sleep 0.1
    done
    return 1
}

# line_no REGEX [AFTER]: number of the first line matching after line AFTER.
line_no() {
    awk -v re="$1" -v after="${2:-0}" 'NR > after && $0 ~ re { print NR; exit }' \
        "$GPS_OUT"
}

PORT=$(free_port)
start_gpsfake "$PORT" walk-centre.nmea
GF1=$GPSFAKE_PID

"$TRYGG" --gpsd "localhost:$PORT" gps --count 8 --timeout 25 \
    >"$GPS_OUT" 2>"$WORK/gps.err" &
TRYGG_PID=$!

# ---------------------------------------------------------------------------
section "gpsd dies"

wait_lines '^FIX ' 3 15 || die "no 3 fixes from the first gpsd" "$(cat "$GPS_OUT")"
GPSD1=$(gpsd_of "$GF1")
[[ -n $GPSD1 ]] || die "no gpsd under gpsfake $GF1"
kill -KILL "$GPSD1"
stop_gpsfake "$GF1" # it sees its gpsd die and exits; if not, it is stopped
t_kill=$(date +%s%N)
if wait_lines '^CONNECTING +lost the connection to gpsd' 1 10; then
    pass "trygg reports the lost connection"
else
    fail "trygg reports the lost connection" "$(cat "$GPS_OUT")"
fi
if wait_lines "^CONNECTING +gpsd on localhost:$PORT does not answer" 1 10; then
    pass "it tries again while gpsd is gone"
else
    fail "it tries again while gpsd is gone" "$(cat "$GPS_OUT")"
fi
kill -0 "$TRYGG_PID" 2>/dev/null && pass "trygg gps is still running" ||
    fail "trygg gps is still running" "$(cat "$WORK/gps.err")"

# ---------------------------------------------------------------------------
section "gpsd comes back"

start_gpsfake "$PORT" walk-centre.nmea
for ((i = 0; i < 200; i++)); do
    kill -0 "$TRYGG_PID" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$TRYGG_PID" 2>/dev/null; then
    kill -TERM "$TRYGG_PID"
    fail "trygg gps ends after 8 fixes" "still running 20 s after the restart" \
        "$(cat "$GPS_OUT")"
fi
RC=0
wait "$TRYGG_PID" || RC=$?
ms=$((($(date +%s%N) - t_kill) / 1000000))
check_eq "trygg gps --count 8 exits 0" 0 "$RC"
check_eq "eight FIX lines" 8 "$(grep -c '^FIX ' "$GPS_OUT" || true)"

first_fix=$(line_no '^FIX ')
lost=$(line_no '^CONNECTING' "$first_fix")
again=$(line_no '^NO_FIX +connected to gpsd' "$lost")
fix_again=$(line_no '^FIX ' "$lost")
if [[ -n $lost && -n $again && -n $fix_again && $again -lt $fix_again ]]; then
    pass "FIX, then CONNECTING, connected again, then FIX (lines $first_fix, $lost, $again, $fix_again)"
else
    fail "FIX, then CONNECTING, connected again, then FIX" "$(cat "$GPS_OUT")"
fi
if [[ $ms -le 20000 ]]; then
    pass "back to eight fixes ${ms} ms after the kill (at most 20 s)"
else
    fail "back to eight fixes within 20 s of the kill" "took ${ms} ms"
fi

# The walk goes from 59.7120,14.1690 towards 59.7125,14.1708.
bad=$(awk '/^FIX / { lat = $3; lon = $5
           if (lat < 59.71195 || lat > 59.71255 || lon < 14.16895 || lon > 14.17085)
               print }' "$GPS_OUT")
check_eq "every fix lies on the logged walk" "" "$bad"

finish
