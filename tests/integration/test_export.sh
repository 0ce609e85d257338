#!/usr/bin/env bash
# test_export: `trygg export` on a municipal database built with the real
# command line (two devices, notes that break naive CSV, a formula-like
# note, a deleted spot, a status), each format read back by Python's json
# and csv modules (check_export.py); --year; and the failures: a missing or
# read-only folder, a write error, missing tzdata or proj.db, wrong usage.
# A failed export leaves no file behind, not even a temporary one.
#
# usage: bash tests/integration/test_export.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEV1=$WORK/device1.sqlite
DEV2=$WORK/device2.sqlite
MUNI=$WORK/municipality.sqlite
EXP=$WORK/exports
mkdir -p "$WORK/usb" "$EXP"

# py KIND FILE ARGS...: run check_export.py; each line it prints is a check.
py() {
    local line name detail
    while IFS=$'\t' read -r line name detail; do
        if [[ $line == ok ]]; then pass "$name"; else fail "$name" "$detail"; fi
    done < <(python3 "$HERE/check_export.py" "$@" || echo "FAIL	check_export.py $1 ran	exit $?")
}

# only_files DIR: the names in DIR, dot-files too, space-separated.
only_files() {
    find "$1" -mindepth 1 -maxdepth 1 -printf '%f ' | sed 's/ $//'
}

# ---------------------------------------------------------------------------
section "setup: two devices, one municipality"

must_trygg --db "$DEV1" walk start --title 'Centrum' --role citizen --light dark
must_trygg --db "$DEV1" spot add --lat 59.708349420 --lon 14.159470306 \
    --category lighting --severity 3 --note $'Mörkt; "väldigt" mörkt\när'
STATION=$LAST
must_trygg --db "$DEV1" spot add --lat 59.7090 --lon 14.1600 \
    --category vegetation --severity 2 --note '=HYPERLINK("http://x")'
HYPERLINK=$LAST
must_trygg --db "$DEV1" spot add --lat 59.7100 --lon 14.1610 --accuracy 6 \
    --category safe --note '-2+3'
MINUS=$LAST
must_trygg --db "$DEV1" spot add --lat 59.7110 --lon 14.1620 \
    --category litter --severity 1 --note 'fel plats'
DELETED=$LAST
must_trygg --db "$DEV1" spot delete "$DELETED"
must_trygg --db "$DEV1" walk end
must_trygg --db "$DEV1" sync --out "$WORK/usb"
BUNDLE1=$LAST

# The second device's walk is moved to a summer evening of 2024 in its
# bundle (sums re-made), for --year and for summer time.
must_trygg --db "$DEV2" walk start --title 'Skolan' --role staff --light dusk
must_trygg --db "$DEV2" spot add --lat 59.7120 --lon 14.1630 \
    --category traffic --severity 2 --note 'Bilar kör fort'
OTHER=$LAST
must_trygg --db "$DEV2" walk end
must_trygg --db "$DEV2" sync --out "$WORK/usb"
BUNDLE2=$LAST
sed -i -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/2024-07-10T18:05:00Z/g' \
    "$BUNDLE2/walks.csv" "$BUNDLE2/spots.csv"
remake_sums "$BUNDLE2"

must_trygg --db "$MUNI" import "$BUNDLE1" "$BUNDLE2"
must_trygg --db "$MUNI" spot status "$STATION" planned \
    --comment 'Beställt; ny lampa'
THIS_YEAR=$(sql "$MUNI" "SELECT substr(started_at, 1, 4) FROM walks
                         WHERE walk_id != (SELECT walk_id FROM spots
                                           WHERE spot_id = '$OTHER')")
[[ $THIS_YEAR =~ ^[0-9]{4}$ && $THIS_YEAR != 2024 ]] ||
    die "the first walk's year is $THIS_YEAR"
IDS="station=$STATION hyperlink=$HYPERLINK minus=$MINUS deleted=$DELETED other=$OTHER"

# ---------------------------------------------------------------------------
section "geojson, csv and excel"

for f in geojson csv excel; do
    run_trygg --db "$MUNI" export --format "$f" --out "$EXP/spots.$f"
    check_rc "export --format $f" 0
    check_eq "export --format $f: path on the last line" "$EXP/spots.$f" "$LAST"
    check_has "export --format $f: says how many" "Exported 4 spots." "$OUT"
done
# shellcheck disable=SC2086 # IDS is KEY=VALUE words
py geojson "$EXP/spots.geojson" $IDS n=4 status=planned \
    'status_comment=Beställt; ny lampa'
# shellcheck disable=SC2086
py csv "$EXP/spots.csv" $IDS n=4 status=planned bundle="$BUNDLE1/spots.csv"
# shellcheck disable=SC2086
py excel "$EXP/spots.excel" $IDS n=4 status_sv=Planerad \
    other_local='2024-07-10 20:05' geojson="$EXP/spots.geojson"
check_eq "only the three exports in the folder" \
    "spots.csv spots.excel spots.geojson" "$(only_files "$EXP" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"

# ---------------------------------------------------------------------------
section "--year: the spots of walks started that year"

run_trygg --db "$MUNI" export --format geojson --year 2024 --out "$EXP/y2024.geojson"
check_rc "export --year 2024" 0
py count "$EXP/y2024.geojson" year=2024 ids="$OTHER"
run_trygg --db "$MUNI" export --format geojson --year "$THIS_YEAR" --out "$EXP/ythis.geojson"
check_rc "export --year $THIS_YEAR" 0
py count "$EXP/ythis.geojson" year="$THIS_YEAR" ids="$STATION,$HYPERLINK,$MINUS"
run_trygg --db "$MUNI" export --format geojson --year 1999 --out "$EXP/y1999.geojson"
py count "$EXP/y1999.geojson" year=1999 ids=

# ---------------------------------------------------------------------------
section "an existing file is replaced only by a whole export"

printf 'old\n' >"$EXP/replace.csv"
run_trygg --db "$MUNI" export --format csv --out "$EXP/replace.csv"
check_rc "export over an existing file" 0
check_match "the old file was replaced" '^spot_id,' "$(head -c 8 "$EXP/replace.csv")"
printf 'old\n' >"$EXP/keep.excel"
TZDIR=/nonexistent-tzdata run_trygg --db "$MUNI" export --format excel --out "$EXP/keep.excel"
check_rc "excel without tzdata fails" 1
check_has "excel without tzdata: says so" "install tzdata" "$ERR"
check_eq "excel without tzdata: the old file untouched" "old" "$(cat "$EXP/keep.excel")"

# ---------------------------------------------------------------------------
section "failures leave no file"

mkdir -p "$WORK/fail"
run_trygg --db "$MUNI" export --format csv --out "$WORK/fail/no-such/out.csv"
check_rc "missing folder: exit 1" 1
check_has "missing folder: names the file" "$WORK/fail/no-such/out.csv" "$ERR"
check_has "missing folder: says why" "No such file or directory" "$ERR"
check_eq "missing folder: one sentence on stderr" 1 "$(wc -l <"$WORK/.err")"

# Root writes into any folder whatever its mode, so the read-only case runs
# as nobody on a copy of the database that nobody may open.
mkdir -p "$WORK/fail/ro" "$WORK/fail/shared"
cp "$MUNI" "$WORK/fail/shared/muni.sqlite"
chmod 755 "$WORK" "$WORK/fail"
chmod 777 "$WORK/fail/shared"
chmod 666 "$WORK/fail/shared/muni.sqlite"
chmod 555 "$WORK/fail/ro"
AS=()
if [[ $(id -u) == 0 ]]; then
    AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
RC=0
"${AS[@]}" "$TRYGG" --db "$WORK/fail/shared/muni.sqlite" export --format geojson \
    --out "$WORK/fail/ro/out.geojson" >"$WORK/.out" 2>"$WORK/.err" || RC=$?
ERR=$(cat "$WORK/.err")
check_rc "read-only folder: exit 1" 1
check_has "read-only folder: names the file" "$WORK/fail/ro/out.geojson" "$ERR"
check_has "read-only folder: says why" "Permission denied" "$ERR"
check_eq "read-only folder: nothing written" "" "$(only_files "$WORK/fail/ro")"

# A write error midway (the file-size limit, as a full disk would): the
# temporary file is removed and nothing appears under the name. SQLite
# needs 32 kB for its -shm file, so the limit is 64 kB and the export, of
# 60 spots with long notes, is larger.
BIG=$WORK/fail/shared/big.sqlite
LONG_NOTE=$(printf 'lång anteckning %.0s' {1..58})
must_trygg --db "$BIG" walk start --title 'Lång' --role staff
for i in $(seq 10 69); do
    must_trygg --db "$BIG" spot add --lat "59.70$i" --lon "14.16$i" \
        --category other --severity 1 --note "$i $LONG_NOTE"
done
must_trygg --db "$BIG" walk end
RC=0
(
    trap '' XFSZ
    ulimit -f 64
    exec "$TRYGG" --db "$BIG" export --format geojson --out "$WORK/fail/big.geojson"
) >"$WORK/.out" 2>"$WORK/.err" || RC=$?
ERR=$(cat "$WORK/.err")
check_rc "write error: exit 1" 1
check_has "write error: names the file" "$WORK/fail/big.geojson" "$ERR"
check_has "write error: says why" "File too large" "$ERR"
check_eq "write error: nothing left in the folder" "ro shared" \
    "$(only_files "$WORK/fail" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"
run_trygg --db "$BIG" export --format geojson --out "$WORK/big.geojson"
check_rc "without the limit the same export works" 0
check_match "and is larger than the limit" '^[0-9]{6,}$' "$(stat -c %s "$WORK/big.geojson")"

PROJ_DATA=/nonexistent-proj PROJ_LIB=/nonexistent-proj HOME=/nonexistent-home \
    run_trygg --db "$MUNI" export --format csv --out "$WORK/fail/noproj.csv"
check_rc "no proj.db: exit 1" 1
check_has "no proj.db: says so" "proj.db" "$ERR"
check_eq "no proj.db: nothing written" "ro shared" \
    "$(only_files "$WORK/fail" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"

# ---------------------------------------------------------------------------
section "usage"

run_trygg --db "$MUNI" export --out "$EXP/x.csv"
check_rc "no --format: exit 2" 2
run_trygg --db "$MUNI" export --format pdf --out "$EXP/x.pdf"
check_rc "--format pdf: exit 2" 2
check_has "--format pdf: names the formats" "geojson, csv, excel" "$ERR"
run_trygg --db "$MUNI" export --format csv --year 20x5 --out "$EXP/x.csv"
check_rc "--year 20x5: exit 2" 2
run_trygg --db "$MUNI" export --format csv
check_rc "no --out: exit 2" 2
run_trygg export --help
check_rc "--help: exit 0" 0
check_has "--help: shows the formats" "geojson|csv|excel" "$OUT"
check_eq "usage errors wrote nothing" "" "$(find "$EXP" -name 'x.*')"

finish
