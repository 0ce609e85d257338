#!/usr/bin/env bash
# test_gps_nogpsd: nothing listens where gpsd should be. `spot add --gps`
# refuses within its --gps-timeout, names the server, and stores nothing;
# `trygg gps --timeout` says the same and exits 1; a host that does not
# answer at all does not hold up the refusal either. An unknown category or
# no open walk is refused before any waiting.
#
# usage: bash tests/integration/test_gps_nogpsd.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../gps/gpsfake.sh"

# timed NAME MIN_MS MAX_MS ARGS...: run_trygg ARGS and check its duration.
timed() {
    local name=$1 lo=$2 hi=$3 t0 ms
    shift 3
    t0=$(date +%s%N)
    run_trygg "$@"
    ms=$((($(date +%s%N) - t0) / 1000000))
    if [[ $ms -ge $lo && $ms -le $hi ]]; then
        pass "$name: ${ms} ms (${lo}..${hi})"
    else
        fail "$name" "took ${ms} ms, want ${lo}..${hi}" "stderr: $ERR"
    fi
}

PORT=$(free_port)
port_open "$PORT" && die "port $PORT is taken"

# ---------------------------------------------------------------------------
section "spot add --gps with no gpsd"

new_db nogpsd
timed "refused within the 3 s timeout" 2900 6000 --db "$DB" \
    --gpsd "localhost:$PORT" spot add --gps --gps-timeout 3 --category lighting
check_rc "spot add --gps exits 1" 1
check_has "it names the server" \
    "no GPS fix within 3 s: gpsd on localhost:$PORT does not answer" "$ERR"
check_has "it says nothing was stored" "nothing stored" "$ERR"
check_eq "nothing stored" 0 "$(spot_count "$DB")"

run_trygg --db "$DB" --gpsd "[::1]:$PORT" spot add --gps --gps-timeout 1 \
    --category lighting
check_has "an IPv6 server is named in brackets" "gpsd on [::1]:$PORT does not answer" "$ERR"

if port_open 2947; then
    pass "(skipped: something listens on 2947, the default)"
else
    run_trygg --db "$DB" spot add --gps --gps-timeout 1 --category lighting
    check_has "without --gpsd it asks localhost:2947" \
        "gpsd on localhost:2947 does not answer" "$ERR"
fi

# ---------------------------------------------------------------------------
section "trygg gps with no gpsd"

timed "trygg gps --timeout 2 gives up after 2 s" 1900 5000 \
    --gpsd "localhost:$PORT" gps --timeout 2
check_rc "trygg gps exits 1" 1
check_match "it shows CONNECTING with the reason" \
    "CONNECTING +gpsd on localhost:$PORT does not answer" "$OUT"
check_has "stderr says why" "no GPS fix for 2 s: gpsd on localhost:$PORT does not answer" "$ERR"
check_lacks "no FIX line" "FIX " "$(grep -v NO_FIX <<<"$OUT" || true)"

# ---------------------------------------------------------------------------
section "a host that does not answer at all"

# 192.0.2.1 (TEST-NET-1, RFC 5737) is never routed: a connect there hangs
# until it times out, or fails at once where there is no route. Either way
# the refusal comes on time.
timed "refused within the 2 s timeout" 1900 4500 --db "$DB" \
    --gpsd 192.0.2.1:2947 spot add --gps --gps-timeout 2 --category lighting
check_rc "spot add --gps exits 1" 1
check_has "it names the server" "gpsd on 192.0.2.1:2947" "$ERR"
check_eq "nothing stored" 0 "$(spot_count "$DB")"

# ---------------------------------------------------------------------------
section "what the store would refuse is refused before waiting for GPS"

timed "an unknown category: at once" 0 1500 --db "$DB" \
    --gpsd "localhost:$PORT" spot add --gps --gps-timeout 20 --category bogus
check_rc "spot add --gps --category bogus exits 1" 1
check_has "it names the category" '"bogus" is not a known category' "$ERR"
must_trygg --db "$DB" walk end
timed "no open walk: at once" 0 1500 --db "$DB" \
    --gpsd "localhost:$PORT" spot add --gps --gps-timeout 20 --category lighting
check_rc "spot add --gps with no open walk exits 1" 1
check_has "it says why" "no walk is open" "$ERR"
check_eq "nothing stored" 0 "$(spot_count "$DB")"

finish
