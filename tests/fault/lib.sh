# tests/fault/lib.sh: running trygg with the faultfs shim (faultfs.c)
# preloaded, for the tests that pull a USB stick out from under it. Sourced
# after tests/integration/lib.sh (it uses $TRYGG, $WORK, die, RC, OUT, ERR,
# LAST), never run.
#
# faultfs_find sets FAULTFS_LIB: the shim CMake built beside trygg
# (<build>/tests/fault/libfaultfs.so), or, when that build has no
# tests/fault, one compiled here into $WORK, so the tests never depend on
# how the build was configured. No shim is a failed setup, never a skip.

# shellcheck shell=bash
# Globals set here (RC, OUT, ERR, LAST, FAULTFS_*) are read by the sourcing
# scripts.
# shellcheck disable=SC2034

FAULTFS_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/faultfs.c
FAULTFS_LIB=
# The calls one faulted run made, one line each: "K OP RESULT PATH", then
# "leak fd N PATH" for each descriptor on the folder it never closed.
FAULTFS_LOG=$WORK/.faults

faultfs_find() {
    local built
    built=$(dirname "$TRYGG")/tests/fault/libfaultfs.so
    if [[ -f $built ]]; then
        FAULTFS_LIB=$built
    else
        FAULTFS_LIB=$WORK/libfaultfs.so
        "${CC:-cc}" -std=c11 -O1 -fPIC -shared -Wall -Wextra -Werror \
            -o "$FAULTFS_LIB" "$FAULTFS_SRC" -ldl ||
            die "cannot build the faultfs shim from $FAULTFS_SRC"
    fi
    echo "faultfs shim: $FAULTFS_LIB"
}

# faultfs_env PREFIX [VAR=VALUE...]: the environment (as env arguments) of
# one faulted run: every FAULTFS_* set, so nothing leaks in from outside,
# then the caller's. fsyncs on the stick that do not fail skip the disk
# (FAULTFS_NOSYNC): they are still made and counted. ASan wants its runtime first among the preloads; the
# shim is no sanitizer and is let go first.
faultfs_env() {
    local prefix=$1
    shift
    printf '%s\0' "LD_PRELOAD=$FAULTFS_LIB" \
        "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
        "FAULTFS_PREFIX=$prefix" "FAULTFS_REPORT=$FAULTFS_LOG" \
        FAULTFS_OPS= FAULTFS_FAIL_AT=0 FAULTFS_STICKY=0 FAULTFS_VANISH=0 \
        FAULTFS_ERRNO=EIO FAULTFS_BYTES=-1 FAULTFS_NOSYNC=1 "$@"
}

# faulty PREFIX [VAR=VALUE...] -- ARGS...: trygg ARGS with faults on the
# folder PREFIX as the VAR=VALUE settings say (see faultfs.c). Sets RC,
# OUT, ERR and LAST like run_trygg; the calls are in $FAULTFS_LOG.
faulty() {
    local prefix=$1 settings=() envs=()
    shift
    while [[ $1 != -- ]]; do
        settings+=("$1")
        shift
    done
    shift
    mapfile -d '' envs < <(faultfs_env "$prefix" "${settings[@]}")
    : >"$FAULTFS_LOG"
    RC=0
    env "${envs[@]}" "$TRYGG" "$@" >"$WORK/.out" 2>"$WORK/.err" || RC=$?
    # Builtins only from here: a test makes a few hundred of these runs.
    OUT=$(<"$WORK/.out")
    ERR=$(<"$WORK/.err")
    LAST=${OUT##*$'\n'}
    faultfs_scan
}

# faultfs_scan: the log of the last faulted run into FAULTFS_N (counted
# calls), FAULTFS_HIT ("K OP RESULT PATH" of the call made to fail, or
# where the folder vanished; empty when none was) and FAULTFS_LEAKS (the
# descriptors on the folder it left open, "N PATH" each).
faultfs_scan() {
    local k op result path
    FAULTFS_N=0
    FAULTFS_HIT=
    FAULTFS_LEAKS=
    while read -r k op result path; do
        if [[ $k == leak ]]; then
            FAULTFS_LEAKS+="$result $path;"
            continue
        fi
        FAULTFS_N=$((FAULTFS_N + 1))
        if [[ -z $FAULTFS_HIT && $result != ok ]]; then
            FAULTFS_HIT="$k $op $result $path"
        fi
    done <"$FAULTFS_LOG"
}

