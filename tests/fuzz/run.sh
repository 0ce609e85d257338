#!/usr/bin/env bash
# run.sh: runs trygg's libFuzzer targets (tests/fuzz/fuzz_*.c) over a
# scratch copy of their seed corpus, so a run never grows the committed
# corpus/. Builds nothing: build first with clang and TRYGG_FUZZ=ON,
#
#   CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
#       -DTRYGG_FUZZ=ON && cmake --build build-fuzz -j2 \
#       --target fuzz_csv fuzz_import fuzz_followup
#
# The short run (what CTest's fuzz.short and CI run): every target for
# 20 s, seeds first:
#
#   tests/fuzz/run.sh --ci
#
# The long run (by hand, before a release or after a change to csv_read.c
# or import*.c; about an hour of one core each, niced so that it only
# takes what nobody else wants):
#
#   nice -n 19 tests/fuzz/run.sh --only fuzz_csv --runs 10000000
#   nice -n 19 tests/fuzz/run.sh --only fuzz_import --time 1800
#   nice -n 19 tests/fuzz/run.sh --only fuzz_followup --time 1800
#
# and write its result (executions, exec/s, cov, ft, crashes) into
# tests/fuzz/README.md. With --keep DIR the inputs a run found are kept in
# DIR/<target>/; to add the few that matter to the seed corpus, merge:
#   build-fuzz/tests/fuzz/fuzz_csv -merge=1 tests/fuzz/corpus/fuzz_csv \
#       DIR/fuzz_csv
#
# usage: tests/fuzz/run.sh [--ci] [--bin DIR] [--only TARGET] [--time S]
#                          [--runs N] [--keep DIR] [--artifacts DIR]
#   --ci         every target for 20 s (the default when neither --time
#                nor --runs is given is the same)
#   --bin        folder with the fuzz_* programs (default:
#                build-fuzz/tests/fuzz)
#   --only       run just this target (repeatable)
#   --time S     stop each target after S seconds (-max_total_time)
#   --runs N     stop each target after N executions (-runs); with --time
#                too, whichever comes first
#   --keep DIR   keep the new inputs found (default: thrown away)
#   --artifacts DIR  where a crashing, leaking or slow input is saved
#                (default: <bin>/artifacts; its path is printed), and each
#                target's whole libFuzzer log (<target>.log)
#
# Per target it prints executions, exec/s, coverage (cov: edges, ft:
# features), corpus size and peak memory; then one line
# "fuzz: N passed, N failed". A target fails on any crash, sanitizer
# report, invariant break (the targets abort), leak, input slower than
# 10 s, or more than 2 GB of memory. Exit status: 0 all passed, 1 a target
# failed, 2 the harness itself failed (a program missing, bad options).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$root/build-fuzz/tests/fuzz
only=()
time_s=
runs=
keep=
artifacts=

usage() { # usage EXIT_STATUS
    sed -n '/^# usage:/,/^# Per target/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit "$1"
}

while (($#)); do
    case $1 in
    --ci) time_s=20 ;;
    --bin) bin=${2:?}; shift ;;
    --only) only+=("${2:?}"); shift ;;
    --time) time_s=${2:?}; shift ;;
    --runs) runs=${2:?}; shift ;;
    --keep) keep=${2:?}; shift ;;
    --artifacts) artifacts=${2:?}; shift ;;
    -h | --help) usage 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
    esac
    shift
done
[[ -z $time_s && -z $runs ]] && time_s=20
artifacts=${artifacts:-$bin/artifacts}

# Inputs at most this long (bytes): room for a field past CSV_MAX_FIELD in
# fuzz_csv, for a bundle of a few dozen rows in the others.
max_len_of() {
    case $1 in
    fuzz_csv) echo 20000 ;;
    fuzz_import) echo 8192 ;;
    *) echo 4096 ;;
    esac
}

if ((${#only[@]} == 0)); then
    for f in "$here"/corpus/*/; do
        only+=("$(basename "$f")")
    done
fi
for t in "${only[@]}"; do
    if [[ ! -x $bin/$t ]]; then
        echo "run.sh: $bin/$t is missing: build with CC=clang and" \
            "-DTRYGG_FUZZ=ON first (see the top of this file)" >&2
        exit 2
    fi
done

# Scratch in RAM when there is some: the import targets write a bundle
# folder and a SQLite file at every input.
parent=/dev/shm
[[ -d $parent && -w $parent ]] || parent=${TMPDIR:-/tmp}
scratch=$(mktemp -d "$parent/trygg-fuzz-run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$artifacts"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# stat NAME LOG: a -print_final_stats value ("stat::NAME: value").
stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }
# cov LOG: the last status line's "cov: N ft: N corp: N/..." part.
cov() {
    grep -E '^#[0-9]+' "$1" | tail -n 1 |
        sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [0-9]+\/[^ ]+).*/\1/'
}

# run_target NAME: one target; 0 passed, 1 failed.
run_target() {
    local t=$1 work=$scratch/$t log=$artifacts/$t.log rc=0
    local args=(-max_len="$(max_len_of "$t")" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$artifacts/$t-")
    [[ -n $time_s ]] && args+=(-max_total_time="$time_s")
    [[ -n $runs ]] && args+=(-runs="$runs")
    [[ -f $here/$t.dict ]] && args+=(-dict="$here/$t.dict")
    mkdir -p "$work/new" "$work/tmp"
    cp -R "$here/corpus/$t/." "$work/new/"
    echo "== $t: ${args[*]}"
    TRYGG_FUZZ_TMP=$work/tmp "$bin/$t" "${args[@]}" "$work/new" \
        >"$log" 2>&1 || rc=$?
    local execs speed
    execs=$(stat number_of_executed_units "$log")
    speed=$(stat average_exec_per_sec "$log")
    printf '   %s executions, %s exec/s, %s, peak %s MB\n' "${execs:-?}" \
        "${speed:-?}" "$(cov "$log")" "$(stat peak_rss_mb "$log")"
    if [[ -n $keep ]]; then
        mkdir -p "$keep/$t"
        cp -R "$work/new/." "$keep/$t/"
    fi
    if ((rc != 0)) || [[ -z $execs ]]; then
        echo "   FAIL $t (exit $rc); the end of its log:"
        grep -v -E '^#[0-9]+|^(INFO|\s+NEW_FUNC)' "$log" | tail -n 60 |
            sed 's/^/     /'
        grep -E 'artifact_prefix|Test unit written to' "$log" | sed 's/^/   /'
        return 1
    fi
    echo "   ok   $t"
}

pass=0
fail=0
for t in "${only[@]}"; do
    if run_target "$t"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
    fi
done
echo "fuzz: $pass passed, $fail failed"
((fail == 0))
