#!/usr/bin/env bash
# test_gps_sim: the simulated GPS source, through `trygg gps --sim ROUTE`.
# The demo route stays inside Filipstad centre; fixes come once a second,
# marked simulated, interpolated between the route's points; the route
# starts again after its last point; a bad route file is refused with file,
# line and field; SIGINT stops it at once.
#
# usage: bash tests/integration/test_gps_sim.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEMO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../assets/gps" && pwd)/demo-route.csv

# ---------------------------------------------------------------------------
section "the demo route"

check_eq "every point lies in lat 59.700..59.722, lon 14.150..14.190" "" \
    "$(awk -F, '!/^#/ && !/^t_s/ && NF {
        if ($2 < 59.700 || $2 > 59.722 || $3 < 14.150 || $3 > 14.190) print }' "$DEMO")"
last_t=$(awk -F, '!/^#/ && !/^t_s/ && NF { t = $1 } END { print t }' "$DEMO")
if [[ $last_t -ge 120 && $last_t -le 900 ]]; then
    pass "it lasts a few minutes ($last_t s)"
else
    fail "it lasts a few minutes" "last point at $last_t s"
fi

t0=$(date +%s%N)
run_trygg gps --sim "$DEMO" --count 3
ms=$((($(date +%s%N) - t0) / 1000000))
check_rc "trygg gps --sim exits 0 after 3 fixes" 0
check_eq "three simulated FIX lines" 3 "$(grep -c '^FIX .* simulated$' <<<"$OUT" || true)"
check_match "the first is the route's first point" \
    '^FIX +lat 59\.712000 lon 14\.169300 err 4\.0 m ' "$(head -n 1 <<<"$OUT")"
# t=1 s lies a fifth of the way from the first point (t=0) to the second (t=5).
check_match "the second is interpolated" \
    '^FIX +lat 59\.712011 lon 14\.169297 err 4\.2 m ' "$(sed -n 2p <<<"$OUT")"
if [[ $ms -ge 1800 && $ms -le 4500 ]]; then
    pass "one fix a second: 3 fixes in ${ms} ms"
else
    fail "one fix a second" "3 fixes took ${ms} ms"
fi

# ---------------------------------------------------------------------------
section "a short route loops"

cat >"$WORK/short.csv" <<'CSV'
t_s,lat,lon,err_m
# three seconds: two points 2 s apart, the last held for one second
0,59.7100,14.1600,3
2,59.7110,14.1610,
CSV
run_trygg gps --sim "$WORK/short.csv" --count 5
check_rc "trygg gps --sim exits 0" 0
lats=$(awk '/^FIX / { printf "%s ", $3 }' <<<"$OUT")
check_eq "first point, halfway, last point, then again from the start" \
    "59.710000 59.710500 59.711000 59.710000 59.710500 " "$lats"
check_match "an empty err_m is shown as unknown" 'lat 59\.711000 lon 14\.161000 err \? m' "$OUT"

# ---------------------------------------------------------------------------
section "bad route files"

bad_route() {
    local name=$1 want=$2
    printf '%s' "$3" >"$WORK/$name.csv"
    run_trygg gps --sim "$WORK/$name.csv" --count 1
    if [[ $RC -eq 1 && $ERR == *"$want"* ]]; then
        pass "refused: $name"
    else
        fail "refused: $name" "want exit 1 and stderr with: $want" \
            "got exit $RC, stderr: $ERR"
    fi
}
bad_route lat 'lat.csv line 3, field lat: is not in -90..90' \
    $'t_s,lat,lon,err_m\n0,59.7,14.1,3\n1,91,14.1,3\n'
bad_route word 'word.csv line 2, field lon: "east" is not a number' \
    $'t_s,lat,lon,err_m\n0,59.7,east,3\n'
bad_route back 'back.csv line 3, field t_s: must not go back in time' \
    $'0,59.7,14.1,3\n5,59.7,14.1,3\n4,59.7,14.1,3\n'
bad_route fields 'fields.csv line 1: expected 4 fields' $'0,59.7,14.1\n'
bad_route empty 'has no points' $'t_s,lat,lon,err_m\n'
run_trygg gps --sim "$WORK/missing.csv"
check_has "a missing file is named" "missing.csv: No such file" "$ERR"
run_trygg --gpsd localhost:2947 gps --sim "$DEMO"
check_rc "--sim with --gpsd is a usage error" 2

# ---------------------------------------------------------------------------
section "SIGINT stops it at once"

"$TRYGG" gps --sim "$DEMO" >"$WORK/int.out" 2>&1 &
pid=$!
sleep 1.5
t0=$(date +%s%N)
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
check_eq "trygg gps exits 0 on SIGINT after fixes" 0 "$rc"
if [[ $ms -le 1000 ]]; then
    pass "it stopped ${ms} ms after SIGINT (at most 1 s)"
else
    fail "it stops within 1 s of SIGINT" "took ${ms} ms"
fi

finish
