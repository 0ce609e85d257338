#!/usr/bin/env bash
# test_kill9: a crash at any moment loses nothing that was acknowledged and
# never damages the database.
#
# Three kinds of trial, each ends in SIGKILL to a whole process group:
#
# 1. The command line. A writer in its own process group keeps running
#    `trygg spot add` and appends a spot's id to an ack file only after
#    trygg returned 0 (trygg prints the id only once the commit is
#    durable). After a random 10-350 ms the group gets SIGKILL, so trygg
#    itself often dies in the middle of a write. Then: trygg still opens
#    the file, every acknowledged id is in `trygg spot list --csv`,
#    integrity_check is ok.
# 2. The first start on a brand-new file (creating the schema and the
#    device id), killed after 5-60 ms; the same checks.
# 3. The touch app itself, on a script that saves spot after spot
#    (Markera plats, a category, Spara). After each Spara the script
#    expects Ångra, which shows only on the walk screen after a save that
#    returned, and then takes a screenshot: a screenshot file (or its .tmp,
#    since it is begun only after the expect passed) is the test's proof
#    that the screen showed "Sparat" for that spot. The app gets SIGKILL
#    after a random 20-1200 ms. Then: the spots added by that run are at
#    least the saves the screen showed and at most one more (the one
#    committed but killed before its screen), trygg opens the file,
#    integrity_check is ok.
#
# SIGKILL is a process crash, not a power cut: data already handed to the
# kernel survives it. What this proves is that trygg never acknowledges
# before its commit and that a half-done write is always rolled back.
#
# usage: bash tests/integration/test_kill9.sh /abs/path/to/trygg
#   KILL9_SEED=N         repeat a run's random delays
#   KILL9_TRIALS=N       command-line kills (default 100)
#   KILL9_FRESH_TRIALS=N kills of the first start (default 10)
#   KILL9_APP_TRIALS=N   kills of the touch app (default 20)
# The long run (tests/LONG-RUNS.md) is KILL9_TRIALS=1000 and more.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# whole_number NAME VALUE: VALUE, or the script stops when it is not >= 1.
whole_number() {
    [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 must be a whole number >= 1, not \"$2\""
    echo "$2"
}
TRIALS=$(whole_number KILL9_TRIALS "${KILL9_TRIALS:-100}")
FRESH_TRIALS=$(whole_number KILL9_FRESH_TRIALS "${KILL9_FRESH_TRIALS:-10}")
APP_TRIALS=$(whole_number KILL9_APP_TRIALS "${KILL9_APP_TRIALS:-20}")
APP_SAVES=60 # per app start: more than fit in the longest delay
SEED=${KILL9_SEED:-$$}
RANDOM=$SEED
DB=$WORK/device.sqlite
PGID_FILE=$WORK/writer.pgid
# The app: offscreen even on a desktop; a small window draws and saves
# its screenshots faster, so more saves fall in a trial.
export SDL_VIDEODRIVER=offscreen
APP_SIZE=360x640

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

# The app's runner: own session, records its group id, runs the app in
# DIR (where its screenshots land) and leaves the exit status in DIR/rc
# when the app ends by itself. Arguments: pgid file, dir, then the app's
# command line.
# shellcheck disable=SC2016 # expanded by the runner's bash, not here
APP_RUNNER='
pgid_file=$1 dir=$2
shift 2
echo $$ >"$pgid_file.tmp" && mv "$pgid_file.tmp" "$pgid_file"
cd "$dir" || exit 1
rc=0
"$@" >stdout 2>stderr || rc=$?
echo "$rc" >rc
'

# wait_pgid: wait until a started group has written its id.
wait_pgid() {
    for _ in $(seq 500); do
        [[ -s $PGID_FILE ]] && return 0
        sleep 0.01
    done
    die "the $1 did not start"
}

# start_writer DB ACK ERRLOG FIRST: start it and wait for its group id.
start_writer() {
    rm -f "$PGID_FILE"
    setsid bash -c "$WRITER" writer "$TRYGG" "$1" "$2" "$3" "$PGID_FILE" "$4" \
        </dev/null >/dev/null 2>&1 &
    disown # no "Killed" job notices; group_alive tells when it is gone
    wait_pgid writer
}

# start_app DB DIR SCRIPT: the touch app on SCRIPT in DIR, in its own group.
start_app() {
    rm -f "$PGID_FILE"
    setsid bash -c "$APP_RUNNER" runner "$PGID_FILE" "$2" \
        "$TRYGG" --db "$1" --script "$3" --size "$APP_SIZE" --gps none \
        </dev/null >/dev/null 2>&1 &
    disown
    wait_pgid "touch app"
}

# group_alive PGID: is any process of the group still running, not a
# zombie? (`kill -0` also sees zombies: a killed trygg whose parent died
# with it waits for init to reap it, and not every container's init does.)
# The writer and the runner are session leaders (setsid), so the session
# id is the group id, and ps selects by session.
group_alive() {
    # shellcheck disable=SC2009 # pgrep cannot leave the zombies out
    ps -s "$1" -o stat= 2>/dev/null | grep -q '^[^ZX]'
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

# opens_again LABEL DB: trygg opens the file as it was left (with its
# -wal), before sqlite3 gets a chance to recover it. Leaves the list in
# $WORK/.out.
opens_again() {
    run_trygg --db "$2" spot list --csv
    if [[ $RC -eq 0 ]]; then
        pass "$1: trygg opens the file again (spot list --csv)"
    else
        fail "$1: trygg opens the file again (spot list --csv)" "exit $RC: $ERR"
    fi
}

# check_after_crash LABEL DB ACK ERRLOG: the checks after one kill of a
# command-line writer. Adds the acknowledged ids not listed to LOST.
check_after_crash() {
    local label=$1 db=$2 ack=$3 errlog=$4 lost
    opens_again "$label" "$db"
    lost=$(comm -23 <(sort -u "$ack") <(tail -n +2 "$WORK/.out" | cut -d, -f1 | sort -u))
    check_eq "$label: all $(wc -l <"$ack") acknowledged spots are listed" "" "$lost"
    [[ -z $lost ]] || LOST=$((LOST + $(wc -l <<<"$lost")))
    check_eq "$label: PRAGMA integrity_check" ok "$(sql "$db" 'PRAGMA integrity_check' 2>&1)"
    check_eq "$label: no spot add failed except by the kill" "" "$(cat "$errlog")"
}

SECONDS=0
LOST=0
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
    random_delay 10 350
    kill_and_reap
    # trygg removes the -wal file when it closes; one left behind means
    # trygg itself died with the database open.
    if [[ -e $DB-wal ]]; then
        KILLED_OPEN=$((KILLED_OPEN + 1))
    fi
    check_after_crash "trial $t" "$DB" "$ack" "$errlog"
    TOTAL_ACKED=$((TOTAL_ACKED + $(wc -l <"$ack")))
    rm -f "$ack" "$errlog"
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

# ---------------------------------------------------------------------------
section "$APP_TRIALS kills of the touch app while it saves spots"

# save_script FILE N: continue the open walk, then N times: mark a spot,
# see the saved screen (Ångra), take the screenshot that acknowledges it.
save_script() {
    local i
    {
        echo '# written by test_kill9.sh'
        echo 'tap "Fortsätt vandring"'
        for ((i = 1; i <= $2; i++)); do
            echo 'tap "Markera plats"'
            echo 'tap "Dålig belysning"'
            echo 'tap "Spara"'
            echo 'expect "Ångra"'
            printf 'shot saved_%03d.png\n' "$i"
        done
        echo quit
    } >"$1"
}

# app_acked DIR: the saves the screen showed in DIR: screenshots, finished
# or begun (a .tmp is written only after its expect "Ångra" passed).
app_acked() {
    find "$1" -maxdepth 1 -name 'saved_*.png*' | sed 's/\.tmp$//' | sort -u | wc -l
}

APP_DB=$WORK/app.sqlite
save_script "$WORK/save.script" "$APP_SAVES"
must_trygg --db "$APP_DB" walk start --title 'Appkrasch'
APP_ACKED=0 APP_KILLED=0 APP_KILLED_OPEN=0 APP_KILLED_SAVING=0 APP_UNSHOWN=0
for t in $(seq "$APP_TRIALS"); do
    dir=$WORK/app.$t
    mkdir "$dir"
    before=$(sql "$APP_DB" 'SELECT COUNT(*) FROM spots')
    start_app "$APP_DB" "$dir" "$WORK/save.script"
    random_delay 20 1200
    kill_and_reap
    acked=$(app_acked "$dir")
    if [[ -e $dir/rc ]]; then
        # The app got to the end (or failed a line) before the kill.
        check_eq "app $t: ended by itself with exit 0 (stderr: $(cat "$dir/stderr"))" \
            0 "$(cat "$dir/rc")"
    else
        APP_KILLED=$((APP_KILLED + 1))
        if [[ -e $APP_DB-wal ]]; then
            APP_KILLED_OPEN=$((APP_KILLED_OPEN + 1))
        fi
        if [[ $acked -gt 0 ]]; then
            APP_KILLED_SAVING=$((APP_KILLED_SAVING + 1))
        fi
    fi
    opens_again "app $t" "$APP_DB"
    added=$(($(sql "$APP_DB" 'SELECT COUNT(*) FROM spots') - before))
    if [[ $added -ge $acked ]]; then
        pass "app $t: all $acked spots shown as saved are stored ($added added)"
    else
        fail "app $t: all $acked spots shown as saved are stored ($added added)"
        LOST=$((LOST + acked - added))
    fi
    # Each save waits for the previous one's screenshot, so at most one
    # spot can be committed and not yet shown.
    if [[ $added -le $((acked + 1)) ]]; then
        pass "app $t: at most one spot more than shown"
    else
        fail "app $t: at most one spot more than shown" "$added added, $acked shown"
    fi
    if [[ $added -gt $acked ]]; then
        APP_UNSHOWN=$((APP_UNSHOWN + 1))
    fi
    check_eq "app $t: PRAGMA integrity_check" ok \
        "$(sql "$APP_DB" 'PRAGMA integrity_check' 2>&1)"
    check_eq "app $t: the app said nothing on stderr" "" "$(cat "$dir/stderr" 2>/dev/null)"
    APP_ACKED=$((APP_ACKED + acked))
    rm -rf "$dir"
done
check_match "the app showed saves ($APP_ACKED in all)" '^[1-9][0-9]+$' "$APP_ACKED"
check_match "the app was killed between saves ($APP_KILLED_SAVING of $APP_TRIALS trials)" \
    '^[1-9]' "$APP_KILLED_SAVING"
check_match "the app was killed with the database open ($APP_KILLED_OPEN of $APP_TRIALS trials)" \
    '^[1-9]' "$APP_KILLED_OPEN"
check_eq "every app spot is a lighting spot at the crosshair" \
    "$(sql "$APP_DB" 'SELECT COUNT(*) FROM spots')" \
    "$(sql "$APP_DB" "SELECT COUNT(*) FROM spots WHERE category = 'lighting'
                      AND position_source = 'map'")"
# The app still works on the file: one more save, to the end of its script.
save_script "$WORK/one.script" 1
mkdir "$WORK/app.last"
before=$(sql "$APP_DB" 'SELECT COUNT(*) FROM spots')
RC=0
(cd "$WORK/app.last" && exec "$TRYGG" --db "$APP_DB" --script "$WORK/one.script" \
    --size "$APP_SIZE" --gps none) >"$WORK/.out" 2>"$WORK/.err" || RC=$?
# shellcheck disable=SC2034 # OUT and ERR are for check_rc's message
OUT=$(cat "$WORK/.out") ERR=$(cat "$WORK/.err")
check_rc "the app saves a spot after all the kills" 0
check_eq "and it is stored" "$((before + 1))" "$(sql "$APP_DB" 'SELECT COUNT(*) FROM spots')"

echo
echo "kill9 figures: seed=$SEED duration_s=$SECONDS" \
    "cli_trials=$TRIALS cli_killed_db_open=$KILLED_OPEN cli_acked=$TOTAL_ACKED" \
    "fresh_trials=$FRESH_TRIALS app_trials=$APP_TRIALS app_killed=$APP_KILLED" \
    "app_killed_db_open=$APP_KILLED_OPEN app_killed_after_a_save=$APP_KILLED_SAVING" \
    "app_shown_saved=$APP_ACKED app_committed_not_shown=$APP_UNSHOWN lost=$LOST"
finish
