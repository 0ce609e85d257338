#!/usr/bin/env bash
# test_kill9: a crash at any moment loses nothing that was acknowledged and
# never damages the database.
#
# Each trial starts a writer in its own process group that keeps running
# `trygg spot add` and appends a spot's id to an ack file only after trygg
# returned 0 (trygg prints the id only once the commit is durable). After a
# random 50-400 ms the whole group gets SIGKILL, so trygg itself often dies
# in the middle of a write. Then: integrity_check is ok, trygg still opens
# the file, and every acknowledged id is in `trygg spot list --csv`.
#
# A few extra trials kill the very first start on a brand-new file (creating
# the schema and the device id), then check the same things.
#
# SIGKILL is a process crash, not a power cut: data already handed to the
# kernel survives it. What this proves is that trygg never acknowledges
# before its commit and that a half-done write is always rolled back.
#
# usage: bash tests/integration/test_kill9.sh /abs/path/to/trygg
#        (KILL9_SEED=N to repeat a run's random delays)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRIALS=30
FRESH_TRIALS=6
SEED=${KILL9_SEED:-$$}
RANDOM=$SEED
DB=$WORK/device.sqlite
PGID_FILE=$WORK/writer.pgid

# Never leave a writer running, whatever happens to this script.
kill_writer() {
    local pgid
    pgid=$(cat "$PGID_FILE" 2>/dev/null || true)
    if [[ -n $pgid ]]; then
        kill -9 -- "-$pgid" 2>/dev/null || true
    fi
    rm -f "$PGID_FILE"
}
trap 'kill_writer; rm -rf "$WORK"' EXIT

# The writer: own session and process group (setsid), records its group id,
# then adds spots forever. An id goes to the ack file only after trygg
# exited 0; a failure that is not our SIGKILL goes to the error log.
# Arguments: trygg, db, ack file, error log, pgid file, first command
# ("walk" to start a walk first on a new file, or "spot").
# shellcheck disable=SC2016 # expanded by the writer's bash, not here
WRITER='
trygg=$1 db=$2 ack=$3 errlog=$4 pgid_file=$5 first=$6
echo $$ >"$pgid_file.tmp" && mv "$pgid_file.tmp" "$pgid_file"
if [[ $first == walk ]]; then
    "$trygg" --db "$db" walk start --title "Krasch" >/dev/null 2>>"$errlog" || exit 0
fi
n=0
while :; do
    n=$((n + 1))
    rc=0
    out=$("$trygg" --db "$db" spot add --lat 59.3$n --lon 18.0$n \
        --category lighting --severity 2 --note "försök $n" 2>>"$errlog") || rc=$?
    if [[ $rc -eq 0 ]]; then
        printf "%s\n" "$out" | tail -n 1 >>"$ack"
    else
        echo "spot add exited $rc" >>"$errlog"
    fi
done
'

# start_writer DB ACK ERRLOG FIRST: start it and wait for its group id.
start_writer() {
    rm -f "$PGID_FILE"
    setsid bash -c "$WRITER" writer "$TRYGG" "$1" "$2" "$3" "$PGID_FILE" "$4" \
        </dev/null >/dev/null 2>&1 &
    disown # no "Killed" job notices; group_alive tells when it is gone
    for _ in $(seq 200); do
        [[ -s $PGID_FILE ]] && return 0
        sleep 0.01
    done
    die "the writer did not start"
}

# group_alive PGID: is any process of the group still running? Read from
# /proc, since `kill -0` also sees zombies: a killed trygg whose parent died
# with it waits for init to reap it, and not every container's init does.
group_alive() {
    local f line rest
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue # gone meanwhile
        rest=${line##*) }           # after "pid (comm) ": state ppid pgrp ...
        read -r -a rest <<<"$rest"
        [[ ${rest[2]} == "$1" && ${rest[0]} != Z && ${rest[0]} != X ]] && return 0
    done
    return 1
}

# kill_and_reap: SIGKILL the whole group and wait until none of it runs.
kill_and_reap() {
    local pgid
    pgid=$(cat "$PGID_FILE")
    kill -9 -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 500); do
        group_alive "$pgid" || break
        sleep 0.01
    done
    if group_alive "$pgid"; then
        die "process group $pgid still runs after SIGKILL"
    fi
    rm -f "$PGID_FILE"
}

# random_delay LO_MS HI_MS: sleep a random time in [LO, HI] ms.
random_delay() {
    local ms=$(($1 + RANDOM % ($2 - $1 + 1)))
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
}

# check_after_crash LABEL DB ACK ERRLOG: the checks after one kill. trygg
# opens the file first, as it was left (with its -wal), before sqlite3 gets
# a chance to recover it.
check_after_crash() {
    local label=$1 db=$2 ack=$3 errlog=$4 lost
    run_trygg --db "$db" spot list --csv
    if [[ $RC -eq 0 ]]; then
        pass "$label: trygg opens the file again (spot list --csv)"
    else
        fail "$label: trygg opens the file again (spot list --csv)" "exit $RC: $ERR"
    fi
    lost=$(comm -23 <(sort -u "$ack") <(tail -n +2 "$WORK/.out" | cut -d, -f1 | sort -u))
    check_eq "$label: all $(wc -l <"$ack") acknowledged spots are listed" "" "$lost"
    check_eq "$label: PRAGMA integrity_check" ok "$(sql "$db" 'PRAGMA integrity_check' 2>&1)"
    check_eq "$label: no spot add failed except by the kill" "" "$(cat "$errlog")"
}

echo "seed $SEED (KILL9_SEED=$SEED repeats this run)"

# ---------------------------------------------------------------------------
section "$TRIALS kills of a writer adding spots"

must_trygg --db "$DB" walk start --title 'Kraschvandring'
TOTAL_ACKED=0
KILLED_OPEN=0
for t in $(seq "$TRIALS"); do
    ack=$WORK/ack.$t errlog=$WORK/err.$t
    : >"$ack"
    : >"$errlog"
    start_writer "$DB" "$ack" "$errlog" spot
    random_delay 50 400
    kill_and_reap
    # trygg removes the -wal file when it closes; one left behind means
    # trygg itself died with the database open.
    if [[ -e $DB-wal ]]; then
        KILLED_OPEN=$((KILLED_OPEN + 1))
    fi
    check_after_crash "trial $t" "$DB" "$ack" "$errlog"
    TOTAL_ACKED=$((TOTAL_ACKED + $(wc -l <"$ack")))
done

# The trials mean something only if spots were really being written.
check_match "the writers acknowledged spots ($TOTAL_ACKED in all)" '^[1-9][0-9]+$' "$TOTAL_ACKED"
check_match "trygg itself was killed with the database open ($KILLED_OPEN of $TRIALS trials)" \
    '^[1-9]' "$KILLED_OPEN"
STORED=$(sql "$DB" 'SELECT COUNT(*) FROM spots')
if [[ $STORED -ge $TOTAL_ACKED ]]; then
    pass "stored spots ($STORED) >= acknowledged ($TOTAL_ACKED)"
else
    fail "stored spots ($STORED) >= acknowledged ($TOTAL_ACKED)"
fi
# Still a working database: one more spot, and a sync of everything.
run_trygg --db "$DB" spot add --lat 59.3 --lon 18.0 --category safe
check_rc "spot add works after all the kills" 0
mkdir -p "$WORK/out"
run_trygg --db "$DB" sync --out "$WORK/out"
check_rc "sync works after all the kills" 0
check_eq "the bundle has every stored spot" "$((STORED + 1))" \
    "$(manifest_get "$LAST" spots 2>/dev/null || true)"

# ---------------------------------------------------------------------------
section "$FRESH_TRIALS kills during the first start on a new file"

for t in $(seq "$FRESH_TRIALS"); do
    db=$WORK/fresh-$t.sqlite ack=$WORK/fresh-ack.$t errlog=$WORK/fresh-err.$t
    : >"$ack"
    : >"$errlog"
    start_writer "$db" "$ack" "$errlog" walk
    random_delay 5 60
    kill_and_reap
    if [[ ! -s $db ]]; then
        # Killed before SQLite wrote the file: nothing to check but that
        # nothing was acknowledged and trygg can still start on it.
        check_eq "fresh $t: killed before the file was written, nothing acknowledged" \
            0 "$(wc -l <"$ack")"
        run_trygg --db "$db" walk list
        check_rc "fresh $t: trygg starts on the empty file" 0
        continue
    fi
    check_after_crash "fresh $t" "$db" "$ack" "$errlog"
    check_match "fresh $t: the device id exists after the crash and open" '^[0-9a-f]{16}$' \
        "$(sql "$db" "SELECT value FROM meta WHERE key='device_id'")"
done

finish
