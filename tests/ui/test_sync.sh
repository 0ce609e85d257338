#!/usr/bin/env bash
# test_sync: the sync screen. Nothing stored: nothing is written. Folders
# that cannot be written (a path under a regular file, ENOTDIR, which fails
# for root too; a read-only folder: chmod 555 when not root, /sys as root):
# no bundle, nothing marked synced, so the next sync to a good folder still
# carries every spot. Right after that, a second sync has nothing new, in the same run
# and after a restart.
#
# usage: bash tests/ui/test_sync.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$WORK/device.sqlite
GOOD=$WORK/usb

# Region of the sync screen under the one tile, where the message goes.
MSG_AREA=(13 290 694 200)

section "Nothing stored yet"
must_app "$DB" sync_once.script --sync-dir "$GOOD"
check_eq "no bundle written" 0 "$(count_bundles "$GOOD")"
check_has_text "a message is shown" sync_once.png "${MSG_AREA[@]}"
mv "$SHOTS/sync_once.png" "$SHOTS/sync_01_nothing.png"

section "A walk with two spots (made on the command line)"
must_trygg --db "$DB" walk start --title "Synktest" --role citizen
must_trygg --db "$DB" spot add --lat 59.7121 --lon 14.1702 --category lighting \
    --note "Lampa, trasig"
must_trygg --db "$DB" spot add --lat 59.7130 --lon 14.1715 --category safe
must_trygg --db "$DB" walk end

section "A folder that cannot be made (its parent is a file)"
: >"$WORK/not-a-folder"
BAD=$WORK/not-a-folder/sync
must_app "$DB" sync_once.script --sync-dir "$BAD"
mv "$SHOTS/sync_once.png" "$SHOTS/sync_02_error_notdir.png"
check_has_text "an error is shown" sync_02_error_notdir.png "${MSG_AREA[@]}"
check_eq "nothing left beside the file" "not-a-folder" \
    "$(find "$WORK" -maxdepth 1 -name 'not-a-folder*' -printf '%f\n')"

if [[ $(id -u) -ne 0 ]]; then
    section "A read-only folder (not root)"
    RO=$WORK/readonly
    mkdir -p "$RO"
    chmod 555 "$RO"
    must_app "$DB" sync_once.script --sync-dir "$RO"
    mv "$SHOTS/sync_once.png" "$SHOTS/sync_03_error_readonly.png"
    check_has_text "an error is shown" sync_03_error_readonly.png \
        "${MSG_AREA[@]}"
    check_eq "no bundle, no partial folder" "" "$(ls -A "$RO")"
    chmod 755 "$RO"
elif [[ $(stat -f -c %T /sys 2>/dev/null) == sysfs ]]; then
    # Root writes into a chmod 555 folder; sysfs refuses a new folder even
    # to root (EPERM), which the app names as read-only.
    section "A folder no one may write in, root included (/sys)"
    must_app "$DB" sync_once.script --sync-dir /sys
    mv "$SHOTS/sync_once.png" "$SHOTS/sync_03_error_readonly.png"
    check_has_text "an error is shown" sync_03_error_readonly.png \
        "${MSG_AREA[@]}"
else
    section "A read-only folder: skipped (root, and no sysfs at /sys)"
fi

section "Then a folder that works: every spot is still there to send"
must_app "$DB" sync_twice.script --sync-dir "$GOOD"
the_bundle "$GOOD"
if [[ -n $BUNDLE ]]; then
    check_bundle_sums "sha256sum -c SHA256SUMS passes" "$BUNDLE"
    check_eq "manifest: walks" 1 "$(manifest_get "$BUNDLE" walks)"
    check_eq "manifest: spots" 2 "$(manifest_get "$BUNDLE" spots)"
    load_spots "$DB"
    check_same_rows "spots.csv holds both spots" "$WORK/spots.csv" \
        "$BUNDLE/spots.csv"
fi
check_has_text "the second tap says something too" sync_second.png \
    "${MSG_AREA[@]}"

section "Nothing new after a restart"
must_app "$DB" sync_once.script --sync-dir "$GOOD"
mv "$SHOTS/sync_once.png" "$SHOTS/sync_04_nothing_new.png"
check_eq "still one bundle" 1 "$(count_bundles "$GOOD")"
check_eq "no partial folder left" "" \
    "$(find "$GOOD" -mindepth 1 -maxdepth 1 -name '.*')"

ui_finish
