#!/usr/bin/env bash
# test_cli_roundtrip: the whole path a safety walk takes, through the real
# command line: record on a device, sync to a bundle folder, import at the
# municipality, and again with changes, deletes, a second device, bundles out
# of order and a full re-export. Also usage errors and --help.
#
# usage: bash tests/integration/test_cli_roundtrip.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEV1=$WORK/device1.sqlite
DEV2=$WORK/device2.sqlite
MUNI=$WORK/municipality.sqlite
USB=$WORK/usb
mkdir -p "$USB"

# flat FILE: the file as one line, CR and LF written as \r and \n, so line
# ends can be checked with plain string operations.
flat() {
    sed -z 's/\r/\\r/g; s/\n/\\n/g' "$1"
}

# list_dir DIR: every entry, dot-files too, space-separated and sorted.
list_dir() {
    find "$1" -mindepth 1 -maxdepth 1 -printf '%f\n' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}

# spot_csv DB: spots.csv-style listing of every spot, into a file; prints
# the file's path.
spot_csv() {
    local f
    f=$WORK/$(basename "$1").$2.csv
    must_trygg --db "$1" spot list --csv
    cp "$WORK/.out" "$f"
    echo "$f"
}

# spot_rows DB [EXCEPT_ID]: every stored spot field, one line per spot, by id.
spot_rows() {
    sql "$1" "SELECT spot_id, walk_id, created_at, updated_at, latitude,
              longitude, quote(accuracy_m), position_source, category,
              quote(severity), hex(note), deleted, revision
              FROM spots WHERE spot_id != '${2:-}' ORDER BY spot_id"
}

# sync_bundle DB [--all]: sync into $USB; prints the bundle path.
sync_bundle() {
    must_trygg --db "$1" sync --out "$USB" "${@:2}"
    echo "$LAST"
}

# ---------------------------------------------------------------------------
section "--help and usage errors"

# Each command documents itself and --help is never an error.
for cmd in "" walk spot sync import "walk start" "spot add" "spot edit"; do
    # shellcheck disable=SC2086 # word splitting of $cmd is wanted
    run_trygg --db "$WORK/help.sqlite" $cmd --help
    check_eq "trygg${cmd:+ $cmd} --help exits 0 and prints usage" "0 usage:" "$RC ${OUT:0:6}"
done

# Usage errors exit 2 and say on stderr what was wrong.
usage_case() {
    local want=$1
    shift
    run_trygg --db "$WORK/usage.sqlite" "$@"
    if [[ $RC -eq 2 && $ERR == *"$want"* ]]; then
        pass "usage error exits 2: trygg $*"
    else
        fail "usage error exits 2: trygg $*" "want exit 2 and stderr with: $want" \
            "got exit $RC, stderr: $ERR"
    fi
}
usage_case 'unknown command' bogus
usage_case 'unknown subcommand' walk bogus
usage_case 'required' spot add --lat 59.3
usage_case 'not a decimal' spot add --lat abc --lon 18 --category lighting
usage_case 'not in -90..90' spot add --lat 91 --lon 18 --category lighting
usage_case 'severity' spot add --lat 59 --lon 18 --category lighting --severity 4
usage_case '--out' sync
usage_case 'bundle' import
usage_case 'unknown option' import --bogus
usage_case 'role' walk start --role boss
usage_case 'participants' walk start --participants 0
usage_case 'spot id' spot delete

# A spot needs an open walk; without one nothing may be stored.
run_trygg --db "$DEV1" spot add --lat 59.3 --lon 18.0 --category lighting
check_rc "spot add without an open walk exits 1" 1
check_match "... and says why on stderr" 'walk' "$ERR"
check_eq "... and stores no spot" 0 "$(sql "$DEV1" 'SELECT COUNT(*) FROM spots')"

# ---------------------------------------------------------------------------
section "recording on device 1"

TITLE='Kvällsvandring, Åäö-parken'
must_trygg --db "$DEV1" walk start --title "$TITLE" --area '-Södra delen' \
    --role volunteer --light dark --participants 7
WALK1=$LAST
check_match "walk start prints a UUID v4 on the last line" "$UUID_RE" "$WALK1"

# Notes that a careless CSV writer or a spreadsheet would break.
NOTES=(
    'Mörkt, ingen lampa, buskar'
    'Skylt: "Stängt" hela "natten"'
    $'rad ett\r\nrad två\nrad tre\rslut'
    'Gångtunnel åäö ÅÄÖ 🚶‍♀️🌙 ✓'
    '=SUM(A1:A2)'
    '+46 8 123 45'
    '-1 trasig lampa'
    '@kommunen'
    $'\tindragen'
    "'=redan skyddad"
)
CATS=(lighting vegetation sightline walkway traffic vandalism broken litter deserted other)
IDS=()
for i in "${!NOTES[@]}"; do
    must_trygg --db "$DEV1" spot add --lat "59.32$i" --lon "18.07$i" \
        --category "${CATS[$i]}" --severity $((i % 3 + 1)) --note "${NOTES[$i]}"
    IDS+=("$LAST")
done
ok=1
for id in "${IDS[@]}"; do [[ $id =~ $UUID_RE ]] || ok=0; done
check_eq "spot add prints a UUID v4 for each of ${#NOTES[@]} tricky notes" 1 "$ok"

# Stored exactly as typed (no guard, no trimming) on the device itself.
bad=""
for i in "${!NOTES[@]}"; do
    got=$(sql "$DEV1" "SELECT hex(note) FROM spots WHERE spot_id='${IDS[$i]}'")
    want=$(printf '%s' "${NOTES[$i]}" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
    [[ $got == "$want" ]] || bad+=" $i"
done
check_eq "device stores every note byte for byte" "" "$bad"

# A positive spot: category safe, no severity.
must_trygg --db "$DEV1" spot add --lat 59.3301 --lon 18.0601 --category safe \
    --note 'Bra belysning vid busshållplatsen'
SAFE=$LAST
check_eq "positive spot is stored without severity" null "$(spot_col "$DEV1" "$SAFE" "typeof(severity)")"

# A spot with --accuracy comes from GPS.
must_trygg --db "$DEV1" spot add --lat 59.331234 --lon 18.061234 --accuracy 4.5 \
    --category lighting --severity 2 --note 'gps-fix'
GPS=$LAST
check_eq "spot with --accuracy has position_source gps, accuracy 4.5" "gps|4.5" \
    "$(spot_col "$DEV1" "$GPS" "position_source || '|' || accuracy_m")"

# Two more plain spots: one is edited, one deleted before the first sync.
must_trygg --db "$DEV1" spot add --lat 59.34 --lon 18.08 --category traffic --note 'ska ändras'
EDITED=$LAST
must_trygg --db "$DEV1" spot add --lat 59.35 --lon 18.09 --category litter --severity 1 --note 'ska bort'
GONE=$LAST
must_trygg --db "$DEV1" spot edit "$EDITED" --note 'ändrad' --severity 3
check_eq "edit raises the revision to 2" "2|ändrad|3" \
    "$(spot_col "$DEV1" "$EDITED" "revision || '|' || note || '|' || severity")"
must_trygg --db "$DEV1" spot delete "$GONE"
check_eq "delete marks the spot deleted" 1 "$(spot_col "$DEV1" "$GONE" deleted)"
must_trygg --db "$DEV1" walk end
check_match "walk end stores an end time" '^[0-9]{4}-' \
    "$(sql "$DEV1" "SELECT ended_at FROM walks WHERE walk_id='$WALK1'")"
N_DEV1=$(sql "$DEV1" 'SELECT COUNT(*) FROM spots')

# ---------------------------------------------------------------------------
section "first sync of device 1"

B1=$(sync_bundle "$DEV1")
DEVICE1_ID=$(sql "$DEV1" "SELECT value FROM meta WHERE key='device_id'")
name=$(basename "$B1")
check_match "bundle folder is named trygg-<16 hex>-YYYYMMDDTHHMMSSZ" \
    '^trygg-[0-9a-f]{16}-[0-9]{8}T[0-9]{6}Z$' "$name"
check_eq "... with this device's id" "trygg-$DEVICE1_ID-" "${name:0:23}"
check_eq "sync prints the bundle folder on its last line" "$USB/$name" "$B1"
check_eq "the bundle holds exactly the five files" \
    "SHA256SUMS categories.csv manifest.csv spots.csv walks.csv" \
    "$(list_dir "$B1")"
check_eq "no .partial folder or other leftovers in the sync folder" "$name" "$(list_dir "$USB")"
check_cmd "sha256sum -c SHA256SUMS passes inside the bundle" \
    bash -c "cd '$B1' && sha256sum --strict -c SHA256SUMS"
check_eq "manifest: format, version, device, counts" \
    "trygg-bundle 1 $DEVICE1_ID 1 $N_DEV1 16" \
    "$(for k in format format_version device_id walks spots categories; do
        manifest_get "$B1" "$k"; done | tr '\n' ' ' | sed 's/ $//')"

# CRLF after every record; the only other CR/LF bytes are the ones inside
# the quoted multi-line note, kept exactly.
for f in "${BUNDLE_FILES[@]}"; do
    rest=$(flat "$B1/$f")
    rest=${rest//'"rad ett\r\nrad två\nrad tre\rslut"'/}
    rest=${rest//'\r\n'/}
    check_eq "$f: every line ends CRLF, nothing else has CR or LF" "" \
        "$(grep -o '\\[rn]' <<<"$rest" | tr -d '\n' || true)"
done
check_has "spots.csv keeps the multi-line note quoted and exact" \
    '"rad ett\r\nrad två\nrad tre\rslut"' "$(flat "$B1/spots.csv")"
check_has "spots.csv doubles quotes inside a quoted note" \
    '"Skylt: ""Stängt"" hela ""natten"""' "$(cat "$B1/spots.csv")"
check_has "walks.csv quotes a title with a comma" "\"$TITLE\"" "$(cat "$B1/walks.csv")"
check_has "walks.csv guards an area that starts with -" ",'-Södra delen," "$(cat "$B1/walks.csv")"

# Formula guard: one leading ' for notes starting with = + - @ TAB.
spots=$(cat "$B1/spots.csv")
check_has "guard: =SUM(A1:A2) is written '=SUM(A1:A2)" ",'=SUM(A1:A2)," "$spots"
check_has "guard: +46... is written '+46..." ",'+46 8 123 45," "$spots"
check_has "guard: -1... is written '-1..." ",'-1 trasig lampa," "$spots"
check_has "guard: @kommunen is written '@kommunen" ",'@kommunen," "$spots"
check_has "guard: a leading TAB is written 'TAB" ",'"$'\t'"indragen," "$spots"
check_lacks "guard: no unguarded =SUM in the file" ",=SUM" "$spots"

# Rows whose notes have no line breaks can be checked line by line.
row_of() { grep -a "^$1," "$B1/spots.csv" | tr -d '\r'; }
check_match "positive spot row: empty severity, map, revision 1" \
    "^$SAFE,$WALK1,[^,]+,[^,]+,59\.3301000*,18\.0601000*,,map,safe,,Bra belysning vid busshållplatsen,0,1$" \
    "$(row_of "$SAFE")"
check_match "GPS spot row: accuracy 4.5, source gps" \
    "^$GPS,$WALK1,[^,]+,[^,]+,59\.3312340*,18\.0612340*,4\.5,gps,lighting,2,gps-fix,0,1$" \
    "$(row_of "$GPS")"
# A note that already starts with '= is written as it is: the spec guards
# only text that starts with one of the six characters. (Its reader then
# drops that ', a known limit of format version 1: see below.)
check_match "guard: a note starting with '= is written unchanged" ",other,1,'=redan skyddad,0,1$" \
    "$(row_of "${IDS[9]}")"
check_match "edited spot row: revision 2" ",traffic,3,ändrad,0,2$" "$(row_of "$EDITED")"
check_match "deleted spot row: deleted 1, sent once more" ",litter,1,ska bort,1,[0-9]+$" "$(row_of "$GONE")"
check_match "times in the bundle are UTC with seconds and Z" \
    "^$SAFE,$WALK1,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z," \
    "$(row_of "$SAFE")"

# ---------------------------------------------------------------------------
section "import at the municipality"

run_trygg --db "$MUNI" import "$B1"
check_rc "importing the bundle exits 0" 0
check_has "import reports 1 walk added" "walks 1 added, 0 updated, 0 unchanged" "$OUT"
check_has "import reports every spot added" "spots $N_DEV1 added, 0 updated, 0 unchanged" "$OUT"

dev_csv=$(spot_csv "$DEV1" a)
muni_csv=$(spot_csv "$MUNI" a)
check_same_file "spot list --csv: device and municipality byte-identical" "$dev_csv" "$muni_csv"
# The listing puts the guard back, so also compare what is stored: the
# note starting with '= must not have lost its '.
# (The note starting with '= has a check of its own, just below.)
q="SELECT spot_id, hex(note) FROM spots WHERE spot_id != '${IDS[9]}' ORDER BY spot_id"
check_eq "stored notes are identical byte for byte" "$(sql "$DEV1" "$q")" "$(sql "$MUNI" "$q")"
# The spec's reader removes one ' before = + - @ TAB CR, so this note arrives
# without its own apostrophe. Pinned so a change of the rule is noticed.
check_eq "note \"'=redan skyddad\" arrives as the spec reads it" "=redan skyddad" \
    "$(spot_col "$MUNI" "${IDS[9]}" note)"
check_eq "note \"=SUM(A1:A2)\" arrives without the guard" "=SUM(A1:A2)" \
    "$(spot_col "$MUNI" "${IDS[4]}" note)"
WALK_COLS="walk_id, device_id, title, area, role, started_at, ended_at, participants, light"
check_eq "walk arrives with every field (title with åäö and comma)" \
    "$(sql "$DEV1" "SELECT $WALK_COLS FROM walks")" \
    "$(sql "$MUNI" "SELECT $WALK_COLS FROM walks")"

# Importing the same bundle again changes nothing, not even a byte.
before=$(db_fingerprint "$MUNI")
run_trygg --db "$MUNI" import "$B1"
check_rc "re-import of the same bundle exits 0" 0
check_has "re-import: walks 0 added, 0 updated" "walks 0 added, 0 updated" "$OUT"
check_has "re-import: spots 0 added, 0 updated" "spots 0 added, 0 updated" "$OUT"
check_eq "re-import leaves the municipal database file and dump unchanged" \
    "$before" "$(db_fingerprint "$MUNI")"

# ---------------------------------------------------------------------------
section "incremental syncs"

# Nothing new: no bundle, still success.
run_trygg --db "$DEV1" sync --out "$USB"
check_rc "sync with nothing new exits 0" 0
check_has "... and says nothing is new" "Nothing new" "$OUT"
check_eq "... and writes no folder" "$name" "$(list_dir "$USB")"

# One more edit: the next bundle has exactly that spot and its walk.
must_trygg --db "$DEV1" spot edit "${IDS[0]}" --note 'Mörkt, lampan fortfarande trasig'
B2=$(sync_bundle "$DEV1")
check_eq "bundle 2 is a new folder" 1 "$([[ $B2 != "$B1" && -d $B2 ]] && echo 1)"
check_eq "bundle 2 manifest: 1 walk, 1 spot" "1 1" \
    "$(manifest_get "$B2" walks) $(manifest_get "$B2" spots)"
check_eq "bundle 2 spots.csv: only the edited spot, revision 2" "${IDS[0]} 2" \
    "$(tail -n +2 "$B2/spots.csv" | tr -d '\r' | awk -F, '{print $1, $NF}')"
check_eq "bundle 2 walks.csv: only its walk" "$WALK1" \
    "$(tail -n +2 "$B2/walks.csv" | cut -d, -f1)"
check_cmd "bundle 2 passes sha256sum -c" bash -c "cd '$B2' && sha256sum --strict -c SHA256SUMS"

run_trygg --db "$MUNI" import "$B2"
check_rc "import of bundle 2 exits 0" 0
check_has "bundle 2 import: spots 0 added, 1 updated" "spots 0 added, 1 updated, 0 unchanged" "$OUT"
check_eq "municipality has the edit at revision 2" "2|Mörkt, lampan fortfarande trasig" \
    "$(spot_col "$MUNI" "${IDS[0]}" "revision || '|' || note")"

# A delete after a sync travels in the next bundle.
must_trygg --db "$DEV1" spot delete "${IDS[1]}"
B3=$(sync_bundle "$DEV1")
run_trygg --db "$MUNI" import "$B3"
check_rc "import of bundle 3 (a delete) exits 0" 0
check_eq "the delete reaches the municipality (deleted=1, same revision)" \
    "$(spot_col "$DEV1" "${IDS[1]}" "deleted || '|' || revision")" \
    "$(spot_col "$MUNI" "${IDS[1]}" "deleted || '|' || revision")"
check_eq "deleted=1 at the municipality" 1 "$(spot_col "$MUNI" "${IDS[1]}" deleted)"
check_same_file "after bundles 1-3 the municipality lists what the device lists" \
    "$(spot_csv "$DEV1" b)" "$(spot_csv "$MUNI" b)"

# ---------------------------------------------------------------------------
section "bundles imported out of order"

# Newest first, then older ones: an older bundle never lowers a revision or
# brings a deleted spot back.
OOO=$WORK/out-of-order.sqlite
run_trygg --db "$OOO" import "$B3" "$B2" "$B1"
check_rc "importing bundles 3, 2, 1 in that order exits 0" 0
check_eq "edited spot keeps revision 2 and the newer note" \
    "2|Mörkt, lampan fortfarande trasig" \
    "$(spot_col "$OOO" "${IDS[0]}" "revision || '|' || note")"
check_eq "deleted spot stays deleted at its newer revision" \
    "$(spot_col "$DEV1" "${IDS[1]}" "deleted || '|' || revision")" \
    "$(spot_col "$OOO" "${IDS[1]}" "deleted || '|' || revision")"
# (Compared as stored rows, as the listing's order follows import order;
# without the '= note, whose own check is above.)
check_eq "out-of-order import ends where the device is" \
    "$(spot_rows "$DEV1" "${IDS[9]}")" "$(spot_rows "$OOO" "${IDS[9]}")"

# And bundle 2 then bundle 1 over the municipal copy, one at a time.
OOO2=$WORK/out-of-order2.sqlite
run_trygg --db "$OOO2" import "$B2"
run_trygg --db "$OOO2" import "$B1"
check_rc "bundle 1 after bundle 2 imports (exit 0)" 0
check_eq "bundle 1 after 2: revision of the edited spot not lowered" "2" \
    "$(spot_col "$OOO2" "${IDS[0]}" revision)"
run_trygg --db "$OOO2" import "$B3"
run_trygg --db "$OOO2" import "$B1"
check_eq "bundle 1 after 3: deleted spot not un-deleted" "1" \
    "$(spot_col "$OOO2" "${IDS[1]}" deleted)"

# ---------------------------------------------------------------------------
section "sync --all"

before_csv=$(spot_csv "$MUNI" d)
B4=$(sync_bundle "$DEV1" --all)
check_eq "sync --all sends every walk and spot" "1 $N_DEV1" \
    "$(manifest_get "$B4" walks) $(manifest_get "$B4" spots)"
run_trygg --db "$MUNI" import "$B4"
check_rc "sync --all bundle imports cleanly over earlier ones" 0
check_has "... walks all unchanged" "walks 0 added, 0 updated, 1 unchanged" "$OUT"
check_has "... spots all unchanged" "spots 0 added, 0 updated, $N_DEV1 unchanged" "$OUT"
check_same_file "... and the municipal listing is the same as before" \
    "$before_csv" "$(spot_csv "$MUNI" e)"

# ---------------------------------------------------------------------------
section "walk changes across bundles"

# A walk ended after its first sync: the later bundle ends it at the
# municipality, and the earlier bundle imported afterwards does not reopen it.
DEV3=$WORK/device3.sqlite
must_trygg --db "$DEV3" walk start --title 'Skolvägen'
WALK3=$LAST
must_trygg --db "$DEV3" spot add --lat 59.1 --lon 18.1 --category traffic
OPEN_B=$(sync_bundle "$DEV3")
must_trygg --db "$DEV3" walk end
ENDED_B=$(sync_bundle "$DEV3")
ENDED_AT=$(sql "$DEV3" "SELECT ended_at FROM walks WHERE walk_id='$WALK3'")
W1=$WORK/walks-in-order.sqlite
run_trygg --db "$W1" import "$OPEN_B" "$ENDED_B"
check_eq "the bundle with the walk's end ends it at the municipality" \
    "$ENDED_AT" "$(sql "$W1" "SELECT ended_at FROM walks WHERE walk_id='$WALK3'")"
W2=$WORK/walks-reversed.sqlite
run_trygg --db "$W2" import "$ENDED_B" "$OPEN_B"
check_eq "an older bundle with the walk still open does not reopen it" \
    "$ENDED_AT" "$(sql "$W2" "SELECT ended_at FROM walks WHERE walk_id='$WALK3'")"

# The same, with two bundles made within one second into two different
# folders (say a USB stick, then a shared drive). A device's bundle times
# only grow, so the second one is still the newer and its walk row wins.
DEV4=$WORK/device4.sqlite
mkdir -p "$WORK/stick" "$WORK/share"
must_trygg --db "$DEV4" walk start --title 'Torget'
WALK4=$LAST
must_trygg --db "$DEV4" spot add --lat 59.2 --lon 18.2 --category lighting
must_trygg --db "$DEV4" sync --out "$WORK/stick"
FIRST=$LAST
must_trygg --db "$DEV4" walk end
must_trygg --db "$DEV4" sync --out "$WORK/share"
SECOND=$LAST
check_match "two quick bundles of one device never share a time" "." \
    "$( [[ $(basename "$FIRST") != "$(basename "$SECOND")" ]] && echo differ)"
check_eq "the second quick bundle is the later one" 1 \
    "$( [[ $(basename "$SECOND") > $(basename "$FIRST") ]] && echo 1 || echo 0)"
W3=$WORK/walks-same-second.sqlite
run_trygg --db "$W3" import "$FIRST" "$SECOND"
check_rc "both same-second bundles import" 0
check_eq "the walk's end in the second same-second bundle reaches the municipality" \
    "$(sql "$DEV4" "SELECT ended_at FROM walks WHERE walk_id='$WALK4'")" \
    "$(sql "$W3" "SELECT ended_at FROM walks WHERE walk_id='$WALK4'")"

# ---------------------------------------------------------------------------
section "a second device"

must_trygg --db "$DEV2" walk start --title 'Stationen' --role staff --light dusk
WALK2=$LAST
must_trygg --db "$DEV2" spot add --lat 59.2 --lon 17.9 --category deserted --severity 2 --note 'Öde perrong'
must_trygg --db "$DEV2" spot add --lat 59.21 --lon 17.91 --category safe
must_trygg --db "$DEV2" walk end
DEVICE2_ID=$(sql "$DEV2" "SELECT value FROM meta WHERE key='device_id'")
check_eq "two databases get different device ids" 1 \
    "$([[ $DEVICE1_ID != "$DEVICE2_ID" ]] && echo 1)"
B5=$(sync_bundle "$DEV2")
run_trygg --db "$MUNI" import "$B5"
check_rc "device 2's bundle imports into the same municipal db" 0
run_trygg --db "$MUNI" walk list
check_has "walk list shows device 1's walk" "$WALK1" "$OUT"
check_has "walk list shows device 2's walk" "$WALK2" "$OUT"
check_eq "each walk keeps its device" "$WALK1|$DEVICE1_ID $WALK2|$DEVICE2_ID" \
    "$(sql "$MUNI" "SELECT walk_id || '|' || device_id FROM walks ORDER BY walk_id = '$WALK2'" | tr '\n' ' ' | sed 's/ $//')"
check_eq "the municipality has both devices' spots" "$((N_DEV1 + 2))" \
    "$(sql "$MUNI" 'SELECT COUNT(*) FROM spots')"

finish
