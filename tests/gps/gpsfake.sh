# gpsfake.sh: a real gpsd fed by gpsfake, for the GPS integration tests
# (tests/integration/test_gps_*.sh). Sourced after lib.sh, never run.
#
# gpsfake starts its own gpsd (-b -N, on the port we give) and plays an
# NMEA log into it through a pty, one sentence every DELAY seconds, from
# the moment it starts, whether or not a client listens: a log must last
# longer than the test needs it (GPS_DELAY x 3 sentences x epochs). -1
# plays it once, as gpsd's own regression tests do. gpsfake finds gpsd in
# PATH and adds /usr/sbin itself; as root it needs no extra flags (gpsd
# drops privileges after opening the pty, which stays readable).

GPS_LOGS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GPS_DELAY=${GPS_DELAY:-0.2}
GPSFAKE_PIDS=()

command -v gpsfake >/dev/null || die "gpsfake is missing (apt-get install gpsd-clients)"
[[ -x /usr/sbin/gpsd ]] || command -v gpsd >/dev/null ||
    die "gpsd is missing (apt-get install gpsd)"

# free_port: a TCP port nothing listens on now (the kernel picks it).
free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# port_open PORT: something accepts connections on localhost:PORT.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start_gpsfake PORT LOG: gpsd on PORT playing tests/gps/LOG once; waits
# until gpsd listens. Sets GPSFAKE_PID.
start_gpsfake() {
    local port=$1 log=$GPS_LOGS/$2 i
    TMPDIR=$WORK gpsfake -1 -q -P "$port" -c "$GPS_DELAY" "$log" \
        >>"$WORK/gpsfake.$port.log" 2>&1 &
    GPSFAKE_PID=$!
    GPSFAKE_PIDS+=("$GPSFAKE_PID")
    for ((i = 0; i < 100; i++)); do
        port_open "$port" && return 0
        kill -0 "$GPSFAKE_PID" 2>/dev/null || break
        sleep 0.1
    done
    die "gpsfake on port $port did not start" "$(cat "$WORK/gpsfake.$port.log")"
}

# gpsd_of PID: the gpsd that gpsfake PID runs.
gpsd_of() {
    pgrep -P "$1" -x gpsd || true
}

# running PID: the process exists and is not a zombie.
running() {
    local st
    st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ $st != Z* ]]
}

# stop_gpsfake PID: gpsfake stops its gpsd on SIGTERM, but once its log has
# played out it goes on running (spinning) after that: so SIGKILL after
# 2 s. A gpsd left behind is stopped by its own pid.
stop_gpsfake() {
    local pid=$1 gpsd i
    gpsd=$(gpsd_of "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
        running "$pid" || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [[ -n $gpsd && $(cat "/proc/$gpsd/comm" 2>/dev/null) == gpsd ]]; then
        kill -TERM "$gpsd" 2>/dev/null || true
    fi
}

# The test's EXIT trap: every gpsfake this script started, then $WORK.
gps_cleanup() {
    local pid
    for pid in "${GPSFAKE_PIDS[@]}"; do
        stop_gpsfake "$pid"
    done
    rm -rf "$WORK"
}
trap gps_cleanup EXIT

# new_db NAME: DB=a new database with an open walk.
new_db() {
    DB=$WORK/$1.sqlite
    must_trygg --db "$DB" walk start --title "GPS test"
}

# spot_count DB: live and deleted spots stored.
spot_count() {
    sql "$1" "SELECT count(*) FROM spots"
}

# metres_between LAT1 LON1 LAT2 LON2: distance, 0.1 m.
metres_between() {
    awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" 'BEGIN {
        k = 6371008.8 * 3.14159265358979 / 180
        dn = (c - a) * k; de = (d - b) * k * cos(a * 3.14159265358979 / 180)
        printf "%.1f\n", sqrt(dn * dn + de * de) }'
}
