#!/usr/bin/env bash
# test_gps_nofix: gpsd runs and its receiver reports no fix (GGA quality 0,
# GSA mode 1, RMC status V). `spot add --gps` refuses after its timeout,
# says the receiver has no fix, and stores nothing; `trygg gps` shows
# NO_FIX and exits 1 on its timeout.
#
# usage: bash tests/integration/test_gps_nofix.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../gps/gpsfake.sh"

PORT=$(free_port)
start_gpsfake "$PORT" no-fix.nmea

# ---------------------------------------------------------------------------
section "spot add --gps with no fix"

new_db nofix
run_trygg --db "$DB" --gpsd "localhost:$PORT" spot add --gps --gps-timeout 4 \
    --category lighting
check_rc "spot add --gps exits 1" 1
check_has "it says the receiver has no fix" \
    "no GPS fix within 4 s: receiver reports no fix" "$ERR"
check_has "it says nothing was stored" "nothing stored" "$ERR"
check_eq "nothing stored" 0 "$(spot_count "$DB")"

# ---------------------------------------------------------------------------
section "trygg gps with no fix"

run_trygg --gpsd "localhost:$PORT" gps --count 1 --timeout 3
check_rc "trygg gps --timeout 3 exits 1" 1
check_match "it shows the connection" "NO_FIX +connected to gpsd on localhost:$PORT" "$OUT"
check_match "it shows NO_FIX from the receiver" "NO_FIX +receiver reports no fix" "$OUT"
check_eq "no FIX line" 0 "$(grep -c '^FIX ' <<<"$OUT" || true)"
check_has "stderr says why" "no GPS fix for 3 s: receiver reports no fix" "$ERR"

stop_gpsfake "$GPSFAKE_PID"
finish
