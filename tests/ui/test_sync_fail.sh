#!/usr/bin/env bash
# test_sync_fail: the sync screen when the folder fails under the app: a
# USB stick pulled out while the bundle is written (EIO from the second
# file on), a folder that vanishes (rm -rf) at the first file, and a
# read-only file system (EROFS). The faults come from tests/fault/faultfs.c
# (see tests/integration/test_sync_faults.sh, which goes through every
# call; this test looks at what the walker sees).
#
# Each time: the script runs to its end (the app neither crashes nor
# hangs), the screen shows a message and, under it, a detail line (which
# file, what the system said); no bundle folder on the stick; the
# database byte-identical, so nothing is marked as synced; and after all
# three, a sync to a good folder sends every spot. The screenshots are
# kept for a person to read: they must say that the sync failed, why, and
# that nothing was marked as synced (a script cannot read text).
#
# usage: bash tests/ui/test_sync_fail.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=../fault/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../fault/lib.sh"
faultfs_find

DB=$WORK/device.sqlite
STICK=$WORK/stick
# The sync screen at 720x1280 and 160 dpi, below the one tile: the message
# in large text, then the detail line in small text.
MSG_AREA=(13 300 694 105)
DETAIL_AREA=(13 412 694 120)

# faulty_app PREFIX [VAR=VALUE...] -- DB SCRIPT [APP_OPTIONS...]: run_app
# with the faultfs shim on the folder PREFIX (settings as faulty takes).
faulty_app() {
    local prefix=$1 settings=() envs=() kv
    shift
    while [[ $1 != -- ]]; do
        settings+=("$1")
        shift
    done
    shift
    mapfile -d '' envs < <(faultfs_env "$prefix" "${settings[@]}")
    : >"$FAULTFS_LOG"
    for kv in "${envs[@]}"; do
        export "${kv?}"
    done
    run_app "$@"
    for kv in "${envs[@]}"; do
        unset "${kv%%=*}"
    done
    faultfs_scan
}

# failed_sync NAME SHOT: the checks after a failed sync on the screen;
# the screenshot is kept as SHOT.
failed_sync() {
    local name=$1 shot=$2
    if [[ $RC -eq 0 ]]; then
        pass "$name: the script ran to its end"
    else
        fail "$name: the script ran to its end" "exit $RC, stderr: $ERR"
    fi
    check_match "$name: the fault happened" '.' "$FAULTFS_HIT"
    check_eq "$name: no descriptor on the stick left open" "" "$FAULTFS_LEAKS"
    mv "$SHOTS/sync_fail.png" "$SHOTS/$shot"
    check_has_text "$name: a message is shown" "$shot" "${MSG_AREA[@]}"
    check_has_text "$name: ... with the detail under it" "$shot" \
        "${DETAIL_AREA[@]}"
    check_eq "$name: no bundle folder on the stick" 0 "$(count_bundles "$STICK")"
    check_eq "$name: the database is unchanged" "$PRINT" "$(db_fingerprint "$DB")"
}

section "A walk with two spots (made on the command line)"
must_trygg --db "$DB" walk start --title "Utdraget" --role citizen
must_trygg --db "$DB" spot add --lat 59.7121 --lon 14.1702 \
    --category lighting --note "Lampa, trasig"
must_trygg --db "$DB" spot add --lat 59.7130 --lon 14.1715 --category safe
must_trygg --db "$DB" walk end
PRINT=$(db_fingerprint "$DB")

section "The stick is pulled out while spots.csv is written"
mkdir -p "$STICK"
faulty_app "$STICK" FAULTFS_OPS=write FAULTFS_FAIL_AT=2 FAULTFS_STICKY=1 \
    FAULTFS_ERRNO=EIO -- "$DB" sync_fail.script --sync-dir "$STICK"
failed_sync "pulled" sync_fail_1_pulled.png

section "The stick's folder vanishes at the first file"
rm -rf "$STICK"
mkdir -p "$STICK"
faulty_app "$STICK" FAULTFS_OPS=open FAULTFS_FAIL_AT=1 FAULTFS_VANISH=1 -- \
    "$DB" sync_fail.script --sync-dir "$STICK"
failed_sync "vanished" sync_fail_2_vanished.png

section "A read-only file system"
rm -rf "$STICK"
mkdir -p "$STICK"
# Call 1 is the app making sure its default folder is there (mkdir of a
# folder that exists), which a read-only file system answers with EEXIST
# as any other: the refusals start at call 2, the bundle's own folder.
faulty_app "$STICK" FAULTFS_FAIL_AT=2 FAULTFS_STICKY=1 FAULTFS_ERRNO=EROFS -- \
    "$DB" sync_fail.script --sync-dir "$STICK"
check_match "read-only: refused at the bundle's folder" '^2 mkdir EROFS ' \
    "$FAULTFS_HIT"
failed_sync "read-only" sync_fail_3_readonly.png
check_eq "read-only: nothing at all on the stick" "" "$(ls -A "$STICK")"

section "Then a good folder: every spot goes"
rm -rf "$STICK"
must_app "$DB" sync_once.script --sync-dir "$STICK"
mv "$SHOTS/sync_once.png" "$SHOTS/sync_fail_4_good.png"
the_bundle "$STICK"
if [[ -n $BUNDLE ]]; then
    check_bundle_sums "sha256sum -c SHA256SUMS passes" "$BUNDLE"
    check_eq "manifest: both spots" 2 "$(manifest_get "$BUNDLE" spots)"
fi

ui_finish
