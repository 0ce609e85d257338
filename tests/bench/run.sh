#!/usr/bin/env bash
# run.sh: trygg's benchmarks. The first three each against a plain SQLite
# reference measured in the same run, on the same disk, alternating trygg
# and the reference, median of several repetitions:
#
#   1. durable spot commit: store_spot_add vs a bare sqlite3 INSERT (same
#      table, same pragmas), per commit               target ratio <= 1.3
#   2. sync --all of 100,000 spots vs `sqlite3 -csv ... > f.csv &&
#      sha256sum f.csv`, whole commands                target ratio <= 1.5
#   3. import of 4 bundles x 250,000 spots into a fresh database vs the
#      sqlite3 CLI's .import of the same spots.csv files into a plain table
#      (WAL, synchronous=FULL like the store), whole commands
#                                                      target ratio <= 2
#
# and three for the touch app, on SDL's offscreen video driver (unless
# SDL_VIDEODRIVER says otherwise), software renderer:
#
#   4. ui-start: cold start to the first presented frame, `trygg --script`
#      with a script that only says quit, vs bench_sdl_ref (a bare SDL2 +
#      SDL2_ttf program: same window, renderer and font, one line of text,
#      one present); from before the process starts to the end of its first
#      SDL_RenderPresent (each prints that moment), median, alternating
#                                                      target ratio <= 1.5
#   5. ui-idle: CPU time of the app resting on the walk screen (tap "Ny
#      vandring", "Starta", then wait 60 s), from /proc/PID/stat utime+stime
#      between 2 s after the start and 1 s before the wait ends, as % of one
#      core; shown next to bench_sdl_ref resting in SDL_WaitEventTimeout for
#      the same time (what SDL's driver costs by itself)
#                                                      target < 1 %
#   5b. ui-idle-gps: the same rest while a real gpsd (gpsfake) streams a
#      standing receiver's fixes at 1 Hz: the app wakes for each but draws
#      only what changed; CPU and frames presented     target < 1 %
#   6. ui-tap: every input of a scripted session (mark spots, zoom, pan,
#      list and back, 40 rounds) timed from the event's arrival to the end of
#      the SDL_RenderPresent that shows its result (TRYGG_STATS), p95
#                                                      target < 16.7 ms
#   7. ui-frame: one frame of the walk screen with 10,000 spots and a
#      detailed base map at 720x1280 (bench_frame: ui_begin, map_draw,
#      ui_end, draw_frame, SDL_RenderPresent), 300 frames over four zoom
#      levels while panning, p95                       target < 8 ms
#
# and two for the municipality's tools, on one municipal database of
# 1,000,000 spots (40 devices' bundles over ten years, imported with trygg;
# a tenth of the spots have a status, a twentieth a walker's answer):
#
#   8. report: `trygg report --year 2025` (about 100,000 spots that year and
#      as many the year before) vs a plain `sqlite3` query writing the same
#      two years' spot and walk rows to a file, whole commands
#                                                      target < 10 s
#   9. export: `trygg export --format geojson|csv|excel` of all 1,000,000
#      spots vs `sqlite3 -csv` writing the same rows (spots joined with
#      walks and categories) to a file, whole commands. Both write a few
#      hundred MB, so on a slow disk both take seconds; the ratio is what
#      trygg adds (PROJ, formatting, statuses)      target ratio <= 1.5
#
# Rows 3, 8, 9 and the ones below also show the peak resident memory of
# both sides (bench_peak: the kernel's high-water mark, as GNU time's %M).
#
#  10. load (load.sh): a municipality's decade, 20 devices x 10 years x 500
#      spots per device and year = 100,000 spots in 200 bundles (one per
#      device and year, as devices sync), imported with one `trygg import`
#      into a fresh database, then `trygg report --year 2025` and `trygg
#      export --format csv` of it; each against the same reference as rows
#      3, 8 and 9, on the same data      targets: import ratio <= 2,
#      report < 10 s, export ratio <= 1.5; each peak RSS < 64 MB
#  11. memory (load.sh): does memory stay flat? Peak RSS of importing
#      4 x 250,000 spots (row 3's data) against 4 x 25,000, and of exporting
#      row 9's 1,000,000 spots against row 10's 100,000 (csv)
#                             target: at 10 x the data, <= 1.5 x + 16 MB
#  12. callgrind (callgrind.sh): instructions counted by valgrind's
#      callgrind, which load on a shared machine cannot blur; trygg against
#      a reference in the same run, shown, not judged:
#      - cold start to the end of the first SDL_RenderPresent (all threads)
#        vs bench_sdl_ref, as row 4;
#      - one input of row 6's session, from the last present to the one that
#        shows its result (script step, events, UI frames, draw, present),
#        median, vs bench_sdl_ref answering a touch with a whole frame;
#      - one frame of bench_frame (row 7), median, vs the same reference;
#      - one durable commit (row 1): store_spot_add vs the bare INSERT,
#        median; CPU only: callgrind counts no kernel work, so fsync and
#        the writes are not in it.
#
# usage: tests/bench/run.sh [--quick] [--trygg FILE] [--bin DIR] [--work DIR]
#                           [--font FILE] [--keep]
#                           [--only commit|sync|import|ui-start|ui-idle|
#                                   ui-idle-gps|ui-tap|ui-frame|report|
#                                   export|load|memory|callgrind]
#   --quick  small sizes: a smoke run of the harness; ratios are shown but
#            not judged. The callgrind rows run, smaller and without the
#            walk frame's, when valgrind is installed and trygg is not a
#            sanitizer build (valgrind cannot run those); otherwise they say
#            "not run" and why
#   --trygg  the trygg program (default: build/trygg)
#   --bin    folder with bench_commit, bench_fill, bench_bundles,
#            bench_sdl_ref, bench_frame, bench_peak
#            (default: build/tests/bench)
#   --font   the TrueType font for both sides of ui-start and ui-idle, and
#            for ui-frame
#            (default: /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
#   --work   scratch folder on the disk to measure (default:
#            build/bench-work; emptied first, so a non-empty folder that
#            run.sh did not make is refused; never use tmpfs for real runs)
#   --only   run just that benchmark (to re-measure one while optimizing)
#   --keep   leave the generated databases and bundles in the work folder
#
# Builds nothing. Needs bash, coreutils, grep, sed, the sqlite3 CLI,
# gpsfake (gpsd-clients) and python3 for ui-idle-gps, and valgrind for the
# callgrind rows of a full run.
# Exit status: 0 all ran (and, full size, met their targets); 1 a full-size
# target was missed; 2 a program or the harness failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
quick=0 keep=0 only=
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
trygg=$root/build/trygg
bin=$root/build/tests/bench
work=$root/build/bench-work

die() { echo "run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case $1 in
    --quick) quick=1 ;;
    --keep) keep=1 ;;
    --only) only=${2:?--only needs a benchmark name}; shift ;;
    --font) font=${2:?--font needs a file}; shift ;;
    --trygg) trygg=${2:?--trygg needs a file}; shift ;;
    --bin) bin=${2:?--bin needs a folder}; shift ;;
    --work) work=${2:?--work needs a folder}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
    esac
    shift
done

for p in "$trygg" "$bin/bench_commit" "$bin/bench_fill" "$bin/bench_bundles" \
    "$bin/bench_sdl_ref" "$bin/bench_frame" "$bin/bench_peak"; do
    [ -x "$p" ] || die "$p is missing or not executable; build first" \
        "(cmake --build build), or pass --trygg / --bin"
done
command -v sqlite3 >/dev/null || die "the sqlite3 command line tool is missing"
[ -r "$font" ] || die "font $font is missing; pass --font"
trygg=$(cd "$(dirname "$trygg")" && pwd)/$(basename "$trygg")

if [ "$quick" = 1 ]; then
    commit_n=200 commit_reps=3
    sync_n=5000 sync_reps=3
    import_bundles=4 import_per=5000 import_reps=3
    ui_start_reps=5 ui_idle_ms=5000 ui_tap_rounds=3 ui_frames=40 gps_idle_s=6
    muni_bundles=4 muni_per=5000 muni_reps=2
    load_devices=4 load_years=3 load_per=200 load_reps=1
    # bench_frame under callgrind alone takes 7 s or more: not in a smoke run
    cg_commits=5 cg_frames=0 cg_ref_frames=3 cg_tap_rounds=1
else
    commit_n=1000 commit_reps=9
    sync_n=100000 sync_reps=5
    import_bundles=4 import_per=250000 import_reps=5
    ui_start_reps=21 ui_idle_ms=60000 ui_tap_rounds=40 ui_frames=300 gps_idle_s=30
    muni_bundles=40 muni_per=25000 muni_reps=3
    load_devices=20 load_years=10 load_per=500 load_reps=3
    cg_commits=200 cg_frames=64 cg_ref_frames=20 cg_tap_rounds=$ui_tap_rounds
fi

case $only in
"" | commit | sync | import | ui-start | ui-idle | ui-idle-gps | ui-tap | ui-frame) ;;
report | export | load | memory | callgrind) ;;
*) die "--only $only: not a benchmark" ;;
esac

# The touch app needs no screen: SDL's offscreen driver draws in memory.
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}

# The work folder is emptied, so it must be new, empty, or hold only what
# run.sh puts there.
if [ -d "$work" ]; then
    for f in "$work"/* "$work"/.[!.]*; do
        case ${f##*/} in
        '*'|'.[!.]*'|.trygg-bench|logs|commit|sync|import|ui|muni|load|\
        memory|cg) ;;
        *) die "work folder $work holds ${f##*/}, which run.sh did not make" ;;
        esac
    done
fi
rm -rf "$work"
mkdir -p "$work"
: >"$work/.trygg-bench"
work=$(cd "$work" && pwd)
log=$work/logs
mkdir -p "$log"

# ---- helpers ----

# EPOCHREALTIME is bash's own clock (no fork): "seconds.micros".
now_us() { local t=$EPOCHREALTIME; echo "${t/[.,]/}"; }

# timed VAR LOGFILE CMD...: run CMD, output to LOGFILE, wall time (µs) into
# VAR; a failing CMD stops the run.
timed() {
    local -n timed_out=$1
    local logfile=$2 t0 t1
    shift 2
    t0=${EPOCHREALTIME/[.,]/}
    if ! "$@" >"$logfile" 2>&1; then
        cat "$logfile" >&2
        die "failed: $*"
    fi
    t1=${EPOCHREALTIME/[.,]/}
    timed_out=$((t1 - t0))
}

# alternate REPS TRYGG_ONCE REF_ONCE: REPS timed runs of each side, which
# one goes first alternating; each is called as FN VAR REP and sets VAR to
# its time in microseconds. The medians go to ALT_T and ALT_R.
alternate() {
    local n=$1 tf=$2 rf=$3 i t r ts=() rs=()
    for ((i = 0; i < n; i++)); do
        if ((i % 2 == 0)); then
            "$tf" t "$i"; "$rf" r "$i"
        else
            "$rf" r "$i"; "$tf" t "$i"
        fi
        echo "rep $((i + 1)): trygg $(ms_from_us "$t"), ref $(ms_from_us "$r")"
        ts+=("$t") rs+=("$r")
    done
    ALT_T=$(median "${ts[@]}") ALT_R=$(median "${rs[@]}")
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

# ratio A B: A/B with two decimals, rounded.
ratio() { local x=$((($1 * 100 + $2 / 2) / $2)); printf '%d.%02d' $((x / 100)) $((x % 100)); }
ratio_x100() { echo $((($1 * 100 + $2 / 2) / $2)); }

# ms_from_us / ms_from_ns: a time as "12.345 ms".
ms_from_us() { printf '%d.%01d ms' $(($1 / 1000)) $((($1 % 1000) / 100)); }
ms_from_ns() { printf '%d.%03d ms' $(($1 / 1000000)) $((($1 % 1000000) / 1000)); }

count_spots() { sqlite3 "$1" "SELECT count(*) FROM spots"; }

rm_db() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }

# thousands 100000: "100,000"
thousands() {
    local n=$1 s=""
    while ((n >= 1000)); do
        s=$(printf ",%03d" $((n % 1000)))$s
        n=$((n / 1000))
    done
    echo "$n$s"
}

# ---- peak memory ----

# bench_peak writes the peak RSS of the command it ran here.
peak_file=$log/peak.txt

# peaked CMD...: CMD under bench_peak (stdin and stdout stay CMD's).
peaked() { "$bin/bench_peak" "$peak_file" "$@"; }

# peak_kb: what the last peaked command peaked at, in KiB.
peak_kb() {
    local kb
    kb=$(sed -n 's/^peak_rss_kb=\([0-9]*\)$/\1/p' "$peak_file")
    [ -n "$kb" ] || die "bench_peak left no peak in $peak_file"
    echo "$kb"
}

# max_kb VAR KB: VAR = the larger of VAR (empty: none yet) and KB.
max_kb() {
    local -n mk_var=$1
    if [ -z "$mk_var" ] || [ "$2" -gt "$mk_var" ]; then mk_var=$2; fi
}

# mb_from_kb 32752: "32.0 MB" (MiB, as GNU time's %M / 1024)
mb_from_kb() { printf '%d.%d MB' $(($1 / 1024)) $((($1 % 1024) * 10 / 1024)); }

# Results, one entry per benchmark, filled as they finish.
names=() trygg_shown=() ref_shown=() ratios=() targets=() verdicts=()
rss_shown=()
failed=0

# row_rss T_KB R_KB [LIMIT_MB]: the last row's peak RSS, trygg / reference;
# with LIMIT_MB, trygg's must stay below it too.
row_rss() {
    local i=$((${#names[@]} - 1))
    rss_shown[i]="$(mb_from_kb "$1") / $(mb_from_kb "$2")"
    [ -n "${3:-}" ] || return 0
    targets[i]+="; RSS < $3 MB"
    if [ "$quick" = 0 ] && [ "$1" -ge $(($3 * 1024)) ]; then
        case ${verdicts[i]} in
        ok) verdicts[i]="MISSED (RSS)" ;;
        *) verdicts[i]="MISSED (time and RSS)" ;;
        esac
        failed=1
    fi
}

# record NAME TRYGG REF (same unit) TRYGG_SHOWN REF_SHOWN TARGET_X100
record() {
    local r100
    r100=$(ratio_x100 "$2" "$3")
    names+=("$1") trygg_shown+=("$4") ref_shown+=("$5") rss_shown+=("-")
    ratios+=("$(ratio "$2" "$3")")
    targets+=("<= $(ratio "$6" 100)")
    verdict "$([ "$r100" -le "$6" ] && echo 1)"
}

# verdict MET: the row's verdict: ok when MET is non-empty, else MISSED
# (and the run fails); not judged in a --quick run.
verdict() {
    if [ "$quick" = 1 ]; then
        verdicts+=("smoke (not judged)")
    elif [ -n "$1" ]; then
        verdicts+=("ok")
    else
        verdicts+=("MISSED")
        failed=1
    fi
}

# record_limit NAME VALUE_X100 LIMIT_X100 SHOWN REF_SHOWN TARGET_SHOWN: a
# row judged by trygg's own value (VALUE < LIMIT); the reference is shown.
record_limit() {
    names+=("$1") trygg_shown+=("$4") ref_shown+=("$5") ratios+=("-")
    rss_shown+=("-")
    targets+=("$6")
    verdict "$([ "$2" -lt "$3" ] && echo 1)"
}

# ---- 1. durable spot commit ----

bench_commit() {
    echo "== 1. durable spot commit: $commit_reps x $commit_n commits each side"
    mkdir -p "$work/commit"
    "$bin/bench_commit" "$work/commit" "$commit_n" "$commit_reps" \
        | tee "$log/commit.txt" || die "bench_commit failed"
    local last t r
    last=$(tail -n 1 "$log/commit.txt")
    case $last in median_ns_per_commit*) ;; *) die "bench_commit: no result" ;; esac
    read -r _ t r <<<"$last"
    t=${t#trygg=} r=${r#ref=}
    record "durable spot commit (per commit, N=$(thousands "$commit_n"))" "$t" "$r" \
        "$(ms_from_ns "$t")" "$(ms_from_ns "$r")" 130
}

# ---- 2. sync of a device with many spots ----

SPOT_COLS="spot_id, walk_id, created_at, updated_at, latitude, longitude,\
 accuracy_m, position_source, category, severity, note, deleted, revision"

ref_sync() { sqlite3 -csv "$1" "SELECT $SPOT_COLS FROM spots" >"$2" && sha256sum "$2"; }

sync_trygg_once() {
    local -n st_out=$1
    local out=$work/sync/out-$2
    mkdir -p "$out"
    timed st_out "$log/sync-trygg.txt" "$trygg" --db "$db" sync --all --out "$out"
    grep -qx "spots,$sync_n"$'\r' "$out"/trygg-*/manifest.csv \
        || die "sync: the bundle in $out does not hold $sync_n spots"
    rm -rf "$out"
}

sync_ref_once() {
    local -n sr_out=$1
    rm -f "$work/sync/f.csv"
    timed sr_out "$log/sync-ref.txt" ref_sync "$db" "$work/sync/f.csv"
    rm -f "$work/sync/f.csv"
}

bench_sync() {
    echo "== 2. sync --all of $sync_n spots: $sync_reps repetitions each side"
    local db=$work/sync/device.sqlite t r
    mkdir -p "$work/sync"
    "$trygg" --db "$db" walk start --title "Benchmark" >"$log/sync-setup.txt" \
        || die "trygg walk start failed"
    "$bin/bench_fill" "$db" "$sync_n" >>"$log/sync-setup.txt" \
        || die "bench_fill failed"
    [ "$(count_spots "$db")" = "$sync_n" ] || die "bench_fill: wrong count"
    sync_trygg_once t warm # warm the cache, first sync marks rows
    sync_ref_once r
    alternate "$sync_reps" sync_trygg_once sync_ref_once
    t=$ALT_T r=$ALT_R
    record "sync --all, $(thousands "$sync_n") spots" "$t" "$r" \
        "$(ms_from_us "$t")" "$(ms_from_us "$r")" 150
    [ "$keep" = 1 ] || rm_db "$db"
}

# ---- 3. import of several bundles into a fresh database ----

ref_import() { peaked sqlite3 -bail "$1" <"$2" >/dev/null; }

# write_ref_script FILE BUNDLE...: the sqlite3 script that imports every
# bundle's spots.csv into a plain table.
write_ref_script() {
    local f=$1 b
    shift
    {
        echo "PRAGMA journal_mode=WAL;"
        echo "PRAGMA synchronous=FULL;"
        echo "CREATE TABLE spots($SPOT_COLS);"
        for b in "$@"; do
            echo ".import --csv --skip 1 \"$b/spots.csv\" spots"
        done
    } >"$f"
}

import_trygg_once() {
    local -n it_out=$1
    local db=$work/import/fresh.sqlite
    rm_db "$db"
    timed it_out "$log/import-trygg.txt" peaked "$trygg" --db "$db" import \
        "${bundles[@]}"
    max_kb rss_t "$(peak_kb)"
    [ "$(count_spots "$db")" = "$import_total" ] || die "import: wrong count in $db"
    [ "$keep" = 1 ] || rm_db "$db"
}

import_ref_once() {
    local -n ir_out=$1
    local db=$work/import/fresh2.sqlite
    rm_db "$db"
    timed ir_out "$log/import-ref.txt" ref_import "$db" "$work/import/ref.sql"
    max_kb rss_r "$(peak_kb)"
    [ "$(count_spots "$db")" = "$import_total" ] || die "reference import: wrong count"
    [ "$keep" = 1 ] || rm_db "$db"
}

bench_import() {
    import_total=$((import_bundles * import_per))
    echo "== 3. import of $import_bundles bundles x $import_per spots:" \
        "$import_reps repetitions each side"
    local t r
    mkdir -p "$work/import/bundles"
    "$bin/bench_bundles" "$work/import/bundles" "$import_bundles" "$import_per" \
        >"$log/bundles.txt" || die "bench_bundles failed"
    mapfile -t bundles <"$log/bundles.txt"
    write_ref_script "$work/import/ref.sql" "${bundles[@]}"
    rss_t='' rss_r=''
    alternate "$import_reps" import_trygg_once import_ref_once
    t=$ALT_T r=$ALT_R
    record "import, $import_bundles x $(thousands "$import_per") spots" "$t" "$r" \
        "$(ms_from_us "$t")" "$(ms_from_us "$r")" 200
    row_rss "$rss_t" "$rss_r"
    rss_import_big=$rss_t # for the memory row
    [ "$keep" = 1 ] || rm -rf "$work/import/bundles"
}

# ---- 4. cold start of the touch app to its first presented frame ----

# timed_first_present VAR LOG CMD...: microseconds from just before CMD
# starts to the end of its first SDL_RenderPresent, which both programs
# print as first_present_epoch_us (the app with TRYGG_STATS): start-up to a
# visible frame, without the exit after it.
timed_first_present() {
    local -n tfp_out=$1
    local logfile=$2 t0 t1
    shift 2
    t0=${EPOCHREALTIME/[.,]/}
    if ! "$@" >"$logfile" 2>&1; then
        cat "$logfile" >&2
        die "failed: $*"
    fi
    t1=$(sed -n 's/.*first_present_epoch_us=\([0-9]*\).*/\1/p' "$logfile")
    [ -n "$t1" ] || { cat "$logfile" >&2; die "no first_present_epoch_us from $1"; }
    tfp_out=$((t1 - t0))
}

ui_start_trygg_once() {
    local -n ut_out=$1
    TRYGG_STATS=1 timed_first_present ut_out "$log/ui-start-trygg.txt" \
        "$trygg" --db "$work/ui/start.sqlite" --font "$font" \
        --script "$work/ui/quit.txt"
}

ui_start_ref_once() {
    local -n ur_out=$1
    timed_first_present ur_out "$log/ui-start-ref.txt" "$bin/bench_sdl_ref" \
        "$font"
}

bench_ui_start() {
    echo "== 4. cold start to the first presented frame ($SDL_VIDEODRIVER):" \
        "$ui_start_reps repetitions each side"
    local t r
    mkdir -p "$work/ui"
    echo quit >"$work/ui/quit.txt"
    # The first run makes the database; both warm the page cache, so what
    # is timed is a process start, not the disk.
    ui_start_trygg_once t
    ui_start_ref_once r
    alternate "$ui_start_reps" ui_start_trygg_once ui_start_ref_once
    t=$ALT_T r=$ALT_R
    record "cold start to first frame, 720x1280" "$t" "$r" \
        "$(ms_from_us "$t")" "$(ms_from_us "$r")" 150
    [ "$keep" = 1 ] || rm_db "$work/ui/start.sqlite"
}

# ---- 5. idle CPU of the touch app on the walk screen ----

# cpu_ticks PID: utime + stime of a running process, in clock ticks. The
# command name in field 2 may hold spaces, so fields count from its ')'.
cpu_ticks() {
    local stat f
    stat=$(<"/proc/$1/stat") || return 1
    read -r -a f <<<"${stat##*) }"
    echo $((f[11] + f[12])) # fields 14 and 15
}

# sleep_until_us T: sleep until now_us reaches T.
sleep_until_us() {
    local left=$(($1 - $(now_us)))
    ((left <= 0)) || sleep "$(printf '%d.%06d' $((left / 1000000)) $((left % 1000000)))"
}

# idle_ticks PID VAR: read the process' CPU ticks into VAR, or fail the run
# with its log when it has ended.
idle_ticks() {
    local -n it_out=$2
    it_out=$(cpu_ticks "$1") || {
        cat "$log/ui-idle-trygg.txt" "$log/ui-idle-ref.txt" >&2
        die "ui-idle: a program ended before the measurement did"
    }
}

# pct_x100 TICKS WALL_US: CPU time as % of one core, times 100.
pct_x100() { echo $(($1 * 1000000 / hz * 10000 / $2)); }
pct_shown() { printf '%d.%02d %%' $(($1 / 100)) $(($1 % 100)); }

bench_ui_idle() {
    local db=$work/ui/idle.sqlite tpid rpid t_spawn t0 t1 tc0 tc1 rc0 rc1 t r hz
    hz=$(getconf CLK_TCK)
    echo "== 5. idle CPU on the walk screen ($SDL_VIDEODRIVER): trygg and" \
        "bench_sdl_ref rest $((ui_idle_ms / 1000)) s side by side"
    mkdir -p "$work/ui"
    rm_db "$db"
    printf '%s\n' 'tap "Ny vandring"' 'tap "Starta"' 'expect "Markera plats"' \
        "wait $ui_idle_ms" quit >"$work/ui/idle.txt"
    t_spawn=$(now_us)
    "$trygg" --db "$db" --font "$font" --script "$work/ui/idle.txt" \
        >"$log/ui-idle-trygg.txt" 2>&1 &
    tpid=$!
    "$bin/bench_sdl_ref" "$font" "$ui_idle_ms" >"$log/ui-idle-ref.txt" 2>&1 &
    rpid=$!
    # Skip the start-up; stop 1 s before the waits end.
    sleep_until_us $((t_spawn + 2000000))
    t0=$(now_us)
    idle_ticks "$tpid" tc0; idle_ticks "$rpid" rc0
    sleep_until_us $((t_spawn + (ui_idle_ms - 1000) * 1000))
    t1=$(now_us)
    idle_ticks "$tpid" tc1; idle_ticks "$rpid" rc1
    wait "$tpid" || { cat "$log/ui-idle-trygg.txt" >&2; die "ui-idle: trygg failed"; }
    wait "$rpid" || { cat "$log/ui-idle-ref.txt" >&2; die "ui-idle: bench_sdl_ref failed"; }
    t=$(pct_x100 $((tc1 - tc0)) $((t1 - t0)))
    r=$(pct_x100 $((rc1 - rc0)) $((t1 - t0)))
    echo "in $(ms_from_us $((t1 - t0))): trygg $((tc1 - tc0)) ticks," \
        "ref $((rc1 - rc0)) ticks ($hz a second)"
    record_limit "idle CPU, walk screen, $(((t1 - t0 + 500000) / 1000000)) s" \
        "$t" 100 "$(pct_shown "$t")" "$(pct_shown "$r")" "< 1 %"
    [ "$keep" = 1 ] || rm_db "$db"
}

# ---- 5b. idle while gpsd streams fixes ----

# A real gpsd (gpsfake) plays a receiver standing at the station, one fix a
# second; the app rests on the walk screen. It wakes for every fix but
# draws only when what it shows changes: CPU and frames presented.
bench_ui_idle_gps() {
    local db=$work/ui/idle-gps.sqlite port gf tpid t_spawn t0 t1 c0 c1 p stats hz
    hz=$(getconf CLK_TCK)
    command -v gpsfake >/dev/null || die "ui-idle-gps: gpsfake is missing"
    echo "== 5b. idle on the walk screen while gpsd streams 1 Hz fixes," \
        "$gps_idle_s s"
    mkdir -p "$work/ui"
    rm_db "$db"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    gpsfake -1 -q -P "$port" -c 0.333 "$root/tests/gps/station-5m.nmea" \
        >"$log/ui-idle-gps-gpsfake.txt" 2>&1 &
    gf=$!
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    printf '%s\n' 'tap "Ny vandring"' 'tap "Starta"' \
        "wait $((gps_idle_s * 1000))" quit >"$work/ui/idle-gps.txt"
    t_spawn=$(now_us)
    TRYGG_STATS=1 "$trygg" --db "$db" --font "$font" --gps gpsd \
        --gpsd "127.0.0.1:$port" --script "$work/ui/idle-gps.txt" \
        >"$log/ui-idle-gps.txt" 2>&1 &
    tpid=$!
    sleep_until_us $((t_spawn + 3000000))
    t0=$(now_us); c0=$(cpu_ticks "$tpid") || die "ui-idle-gps: trygg ended early"
    sleep_until_us $((t_spawn + (gps_idle_s - 1) * 1000000))
    t1=$(now_us); c1=$(cpu_ticks "$tpid") || die "ui-idle-gps: trygg ended early"
    wait "$tpid" || { cat "$log/ui-idle-gps.txt" >&2; die "ui-idle-gps: trygg failed"; }
    # gpsfake's gpsd is its child: end it by its parent's id, then gpsfake.
    pkill -KILL -P "$gf" 2>/dev/null || true
    kill -KILL "$gf" 2>/dev/null || true
    stats=$(grep '^stats ' "$log/ui-idle-gps.txt") || die "ui-idle-gps: no stats"
    p=$(sed 's/.*presents=\([0-9]*\).*/\1/' <<<"$stats")
    echo "in $(ms_from_us $((t1 - t0))): $((c1 - c0)) ticks; $p frames presented in all"
    record_limit "idle, gpsd 1 Hz fixes, $gps_idle_s s ($p frames in all)" \
        "$(pct_x100 $((c1 - c0)) $((t1 - t0)))" 100 \
        "$(pct_shown "$(pct_x100 $((c1 - c0)) $((t1 - t0)))")" "-" "< 1 %"
    [ "$keep" = 1 ] || rm_db "$db"
}

# ---- 6. a tap answers within a frame ----

bench_ui_tap() {
    local db=$work/ui/tap.sqlite sc=$work/ui/tap.txt i stats p50 p95 max n
    echo "== 6. tap to screen: $ui_tap_rounds rounds of taps through the walk" \
        "and mark screens, each from the event to the end of its present"
    mkdir -p "$work/ui"
    rm_db "$db"
    {
        echo 'tap "Ny vandring"'
        echo 'tap "Starta"'
        for ((i = 0; i < ui_tap_rounds; i++)); do
            printf '%s\n' 'tap "Markera plats"' 'tap "Trafikfara"' \
                'tap "Spara"' 'tap "Zooma in"' 'tap "Zooma ut"' \
                'drag 200 500 260 560' 'tap "Lista"' 'tap "Tillbaka"'
        done
        echo quit
    } >"$sc"
    TRYGG_STATS=1 "$trygg" --db "$db" --font "$font" --script "$sc" \
        >"$log/ui-tap.txt" 2>&1 || { cat "$log/ui-tap.txt" >&2; die "ui-tap: trygg failed"; }
    stats=$(grep '^stats ' "$log/ui-tap.txt") || die "ui-tap: no stats line"
    echo "$stats"
    n=$(sed 's/.*inputs=\([0-9]*\).*/\1/' <<<"$stats")
    p50=$(sed 's/.*p50=\([0-9.]*\).*/\1/' <<<"$stats")
    p95=$(sed 's/.*p95=\([0-9.]*\).*/\1/' <<<"$stats")
    max=$(sed 's/.*max=\([0-9.]*\).*/\1/' <<<"$stats")
    # One frame at 60 Hz is 16.7 ms; the value is compared in microseconds.
    record_limit "tap to screen p95 ($n inputs; p50 $p50, max $max ms)" \
        "$(awk -v v="$p95" 'BEGIN { printf "%d", v * 1000 }')" 16667 \
        "$p95 ms" "-" "< 16.7 ms"
    [ "$keep" = 1 ] || rm_db "$db"
}

# ---- 7. a frame of the walk screen ----

bench_ui_frame() {
    local res p50 p95 max n
    echo "== 7. walk-screen frame: $ui_frames frames, 10,000 spots and a" \
        "base map, 720x1280, SDL's software renderer"
    "$bin/bench_frame" --font "$font" "$ui_frames" | tee "$log/ui-frame.txt" \
        || die "bench_frame failed"
    res=$(grep '^frame_ms ' "$log/ui-frame.txt") || die "ui-frame: no result line"
    p50=$(sed 's/.*p50=\([0-9.]*\).*/\1/' <<<"$res")
    p95=$(sed 's/.*p95=\([0-9.]*\).*/\1/' <<<"$res")
    max=$(sed 's/.*max=\([0-9.]*\).*/\1/' <<<"$res")
    n=$(sed 's/.*frames=\([0-9]*\).*/\1/' <<<"$res")
    # Compared in microseconds, as ui-tap.
    record_limit "walk frame p95 ($n frames; p50 $p50, max $max ms)" \
        "$(awk -v v="$p95" 'BEGIN { printf "%d", v * 1000 }')" 8000 \
        "$p95 ms" "-" "< 8 ms"
}

# ---- 8 and 9. the municipality's report and exports ----

# add_statuses DB: what a municipality adds to its imported spots: a tenth
# get a status, a twentieth a walker's answer (setup, not measured).
add_statuses() {
    sqlite3 "$1" "INSERT INTO spot_status(spot_id, status, comment, set_at)
      SELECT spot_id, CASE rowid % 3 WHEN 0 THEN 'planned' WHEN 1 THEN 'fixed'
      ELSE 'wontfix' END, 'Åtgärd ' || rowid, '2026-06-01T10:00:00Z'
      FROM spots WHERE rowid % 10 = 0;
      INSERT INTO checks(check_id, spot_id, walk_id, answered_at, answer)
      SELECT lower(hex(randomblob(16))), spot_id, walk_id,
      '2026-10-01T18:00:00Z', CASE rowid % 2 WHEN 0 THEN 'still'
      ELSE 'fixed' END FROM spots WHERE rowid % 20 = 0;" \
        || die "statuses for $1 failed"
}

# One municipal database for both, made once: a decade of bundles from many
# devices, imported by trygg, then statuses and answers.
muni_db() {
    local db=$work/muni/muni.sqlite
    [ -f "$db" ] && return 0
    mkdir -p "$work/muni/bundles"
    "$bin/bench_bundles" "$work/muni/bundles" "$muni_bundles" "$muni_per" 7 10 \
        >"$log/muni-bundles.txt" || die "bench_bundles failed"
    mapfile -t mb <"$log/muni-bundles.txt"
    "$trygg" --db "$db" import "${mb[@]}" >"$log/muni-import.txt" 2>&1 \
        || die "muni import failed (see $log/muni-import.txt)"
    add_statuses "$db"
    rm -rf "$work/muni/bundles"
}

MUNI_JOIN="FROM spots s JOIN walks w ON w.walk_id = s.walk_id\
 JOIN categories k ON k.code = s.category WHERE s.deleted = 0"

# The report and export rows run on the database in $mdb (row 8 and 9: the
# municipal one, row 10: the load one); their outputs go next to it. The
# peak RSS of each side goes to rss_t and rss_r, the largest of the runs.

ref_report() {
    peaked sqlite3 "$1" "SELECT s.*, w.* $MUNI_JOIN AND w.started_at >= '2024-'
      AND w.started_at < '2026-'" >"$2"
}

report_trygg_once() {
    local -n rt_out=$1
    local out=${mdb%/*}/report.html
    rm -f "$out"
    timed rt_out "$log/report-trygg.txt" peaked "$trygg" --db "$mdb" report \
        --year 2025 --out "$out"
    max_kb rss_t "$(peak_kb)"
    grep -q '<svg' "$out" || die "report: $out holds no map"
}

report_ref_once() {
    local -n rr_out=$1
    timed rr_out "$log/report-ref.txt" ref_report "$mdb" "${mdb%/*}/ref.txt"
    max_kb rss_r "$(peak_kb)"
    rm -f "${mdb%/*}/ref.txt"
}

# record_secs NAME T R LIMIT_S: a row with its ratio shown, judged by
# trygg's own time (T < LIMIT_S seconds).
record_secs() {
    names+=("$1") trygg_shown+=("$(ms_from_us "$2")") rss_shown+=("-")
    ref_shown+=("$(ms_from_us "$3")") ratios+=("$(ratio "$2" "$3")")
    targets+=("< $4 s")
    verdict "$([ "$2" -lt $(($4 * 1000000)) ] && echo 1)"
}

bench_report() {
    echo "== 8. report --year 2025 over $((muni_bundles * muni_per)) spots:" \
        "$muni_reps repetitions each side"
    muni_db
    mdb=$work/muni/muni.sqlite rss_t='' rss_r=''
    alternate "$muni_reps" report_trygg_once report_ref_once
    record_secs "report --year 2025, $(thousands $((muni_bundles * muni_per))) spots in db" \
        "$ALT_T" "$ALT_R" 10
    row_rss "$rss_t" "$rss_r"
}

ref_export() {
    peaked sqlite3 -csv "$1" "SELECT s.*, w.started_at, w.role, w.light, k.label_sv
      $MUNI_JOIN" >"$2"
}

export_trygg_once() {
    local -n et_out=$1
    local out=${mdb%/*}/export.out
    rm -f "$out"
    timed et_out "$log/export-trygg.txt" peaked "$trygg" --db "$mdb" \
        export --format "$export_format" --out "$out"
    max_kb rss_t "$(peak_kb)"
    [ -s "$out" ] || die "export: $out is empty"
    rm -f "$out"
}

export_ref_once() {
    local -n er_out=$1
    timed er_out "$log/export-ref.txt" ref_export "$mdb" "${mdb%/*}/ref.csv"
    max_kb rss_r "$(peak_kb)"
    rm -f "${mdb%/*}/ref.csv"
}

bench_export() {
    local n=$((muni_bundles * muni_per))
    echo "== 9. export of $n spots: $muni_reps repetitions each side and format"
    muni_db
    mdb=$work/muni/muni.sqlite
    for export_format in geojson csv excel; do
        rss_t='' rss_r=''
        alternate "$muni_reps" export_trygg_once export_ref_once
        record "export --format $export_format, $(thousands "$n") spots" \
            "$ALT_T" "$ALT_R" "$(ms_from_us "$ALT_T")" "$(ms_from_us "$ALT_R")" 150
        row_rss "$rss_t" "$rss_r"
        [ "$export_format" != csv ] || rss_export_big=$rss_t # for row 11
    done
}

# ---- 10 to 12, in files of their own ----

# shellcheck source=load.sh
. "$here/load.sh"
# shellcheck source=callgrind.sh
. "$here/callgrind.sh"

# ---- report ----

# pkg_version PACKAGE: the installed Debian package's version, or "?".
pkg_version() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "?"; }

machine() {
    local cpu dev rot os
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
    os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
    echo "machine:    ${cpu:-unknown CPU}, $(nproc) cores," \
        "$(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
    echo "system:     ${os:-unknown OS} $(cat /etc/debian_version 2>/dev/null)," \
        "$(uname -sr)"
    dev=$(df --output=source "$work" | tail -n 1)
    rot=$(cat "/sys/block/$(basename "$dev" | sed 's/[0-9]*$//')/queue/rotational" \
        2>/dev/null || echo "?")
    echo "disk:       $(df --output=fstype "$work" | tail -n 1 | tr -d ' ') on" \
        "$dev, rotational=$rot (work folder $work)"
    echo "sqlite:     library $(pkg_version libsqlite3-0)," \
        "CLI $(sqlite3 --version | cut -d' ' -f1)"
    echo "SDL:        SDL2 $(pkg_version libsdl2-2.0-0), SDL2_ttf" \
        "$(pkg_version libsdl2-ttf-2.0-0); $SDL_VIDEODRIVER driver, software" \
        "renderer; font $font"
    echo "valgrind:   $(valgrind --version 2>/dev/null || echo "not installed")"
    echo "trygg:      $trygg"
    echo "load:       $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at" \
        "$(date -u +%H:%M:%SZ)"
}

# The results, as a plain table (columns as wide as their widest cell) and,
# for the README, as a Markdown one in logs/table.md.
table() {
    local i c w=(9 5 9 5 6 14 7) row
    local -a head=(benchmark trygg reference ratio target "peak RSS t / r" verdict)
    for i in "${!names[@]}"; do
        row=("${names[i]}" "${trygg_shown[i]}" "${ref_shown[i]}" "${ratios[i]}"
            "${targets[i]}" "${rss_shown[i]}" "${verdicts[i]}")
        for c in 0 1 2 3 4 5 6; do
            ((${#row[c]} <= w[c])) || w[c]=${#row[c]}
        done
    done
    table_row "${head[@]}"
    table_row "$(printf -- '-%.0s' $(seq "${w[0]}"))" \
        "$(printf -- '-%.0s' $(seq "${w[1]}"))" "$(printf -- '-%.0s' $(seq "${w[2]}"))" \
        "$(printf -- '-%.0s' $(seq "${w[3]}"))" "$(printf -- '-%.0s' $(seq "${w[4]}"))" \
        "$(printf -- '-%.0s' $(seq "${w[5]}"))" "$(printf -- '-%.0s' $(seq "${w[6]}"))"
    {
        printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${head[@]}"
        echo "|---|---|---|---|---|---|---|"
    } >"$log/table.md"
    for i in "${!names[@]}"; do
        table_row "${names[i]}" "${trygg_shown[i]}" "${ref_shown[i]}" \
            "${ratios[i]}" "${targets[i]}" "${rss_shown[i]}" "${verdicts[i]}"
        printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${names[i]}" \
            "${trygg_shown[i]}" "${ref_shown[i]}" "${ratios[i]}" \
            "${targets[i]}" "${rss_shown[i]}" "${verdicts[i]}" >>"$log/table.md"
    done
}

# table_row CELL x 7, padded to the widths in w (table's).
table_row() {
    printf "%-${w[0]}s | %-${w[1]}s | %-${w[2]}s | %-${w[3]}s | %-${w[4]}s | %-${w[5]}s | %s\n" "$@"
}

size=full
[ "$quick" = 1 ] && size="SMOKE (--quick: small sizes, ratios not judged)"
echo "trygg benchmarks, $size, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
machine
echo
for b in commit sync import ui-start ui-idle ui-idle-gps ui-tap ui-frame \
    report export load memory callgrind; do
    if [ -z "$only" ] || [ "$only" = "$b" ]; then
        bench_t0=$(now_us)
        "bench_${b//-/_}"
        echo "($b took $(ms_from_us $(($(now_us) - bench_t0))) in all)"
    fi
done
echo
echo "== results ($size)"
machine
table
echo "(also as Markdown: $log/table.md)"
[ "$keep" = 1 ] || rm -rf "$work/commit" "$work/sync" "$work/import" "$work/ui" \
    "$work/muni" "$work/load" "$work/memory" "$work/cg"
if [ "$failed" = 1 ]; then
    echo "run.sh: a target was missed" >&2
    exit 1
fi
exit 0
