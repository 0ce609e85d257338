#!/usr/bin/env bash
# test_import_refusals: a damaged or invalid bundle is refused whole, with the
# file (and for a field: line and field) named, exit code 1, and the
# municipality's database left byte for byte as it was.
#
# One good bundle is made by a real device; each case copies it, breaks it
# one way, re-makes SHA256SUMS unless the case is about the sums, and
# imports it into a municipal database that already holds another device's
# bundle. At the end the unbroken bundle must import fine.
#
# usage: bash tests/integration/test_import_refusals.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/bundle_mut.sh"

DEV=$WORK/device.sqlite
OTHER=$WORK/other-device.sqlite
MUNI=$WORK/municipality.sqlite
mkdir -p "$WORK/out"

# ---------------------------------------------------------------------------
section "setup: a good bundle, and a municipality that is not empty"

# Plain notes and titles (no commas, quotes or line breaks), so the cases
# below can edit the CSV files field by field with awk.
must_trygg --db "$DEV" walk start --title 'Norra parken' --area 'Norr' \
    --role volunteer --light dark --participants 4
must_trygg --db "$DEV" spot add --lat 59.330001 --lon 18.060001 --category lighting --note 'trasig lampa'
must_trygg --db "$DEV" spot add --lat 59.330002 --lon 18.060002 --category vegetation --severity 1 --note 'höga buskar'
must_trygg --db "$DEV" spot add --lat 59.330003 --lon 18.060003 --category safe --note 'bra belyst'
must_trygg --db "$DEV" walk end
must_trygg --db "$DEV" walk start --title 'Stationen' --role citizen --light dusk
must_trygg --db "$DEV" spot add --lat 59.340001 --lon 18.070001 --accuracy 5 --category traffic --severity 3
must_trygg --db "$DEV" spot add --lat 59.340002 --lon 18.070002 --category litter --severity 1
must_trygg --db "$DEV" walk end
must_trygg --db "$DEV" walk start --title 'Skolan' --role staff --light daylight
must_trygg --db "$DEV" spot add --lat 59.350001 --lon 18.080001 --category deserted --note 'öde'
must_trygg --db "$DEV" walk end
must_trygg --db "$DEV" sync --out "$WORK/out"
GOOD=$LAST
N_SPOTS=6
LAST_SPOT_LINE=$((N_SPOTS + 1))
SAFE_LINE=$(grep -n ',safe,' "$GOOD/spots.csv" | cut -d: -f1)
[[ -d $GOOD && $(manifest_get "$GOOD" spots) == "$N_SPOTS" && $(manifest_get "$GOOD" walks) == 3 ]] ||
    die "the good bundle does not have 3 walks and $N_SPOTS spots" "$GOOD"
# Line 3 of spots.csv must be a negative spot with a severity, for the
# severity cases below.
[[ $(sed -n 3p "$GOOD/spots.csv") == *,vegetation,1,* ]] ||
    die "spots.csv line 3 is not the vegetation spot" "$(sed -n 3p "$GOOD/spots.csv")"

# A bundle with walkers' answers (checks.csv), from a second device.
other_device_with_answers
[[ $(manifest_get "$CHECKS" checks) == 2 ]] ||
    die "the answers bundle does not have 2 checks" "$CHECKS"

# remake_sums_checks DIR: SHA256SUMS of a bundle with answers.
remake_sums_checks() {
    (cd "$1" && sha256sum "${BUNDLE_FILES[@]}" checks.csv >SHA256SUMS)
}
cp -a "$CHECKS" "$WORK/resum-checks"
remake_sums_checks "$WORK/resum-checks"
check_same_file "remake_sums_checks writes the same SHA256SUMS as trygg" \
    "$CHECKS/SHA256SUMS" "$WORK/resum-checks/SHA256SUMS"

# The helper that re-makes SHA256SUMS must write exactly what trygg writes,
# or the cases below would test the helper rather than trygg.
cp -a "$GOOD" "$WORK/resum-check"
remake_sums "$WORK/resum-check"
check_same_file "remake_sums writes the same SHA256SUMS as trygg" \
    "$GOOD/SHA256SUMS" "$WORK/resum-check/SHA256SUMS"

MUNI_BEFORE=$(db_fingerprint "$MUNI")
# A pristine copy: a case that wrongly changes the database is reported,
# then undone, so that one bug does not fail every later case.
cp "$MUNI" "$WORK/municipality.pristine"
check_match "municipal db holds the other device's bundle" '^1$' \
    "$(sql "$MUNI" 'SELECT COUNT(*) FROM walks')"

# ---------------------------------------------------------------------------
# The editing helpers (set_field, get_field, ...) and the refuse engine are
# in bundle_mut.sh.

# A few mutations need more than one command.
replace_with_symlink() { cp "$1" "../$1.real" && rm "$1" && ln -s "../$1.real" "$1"; }
add_extra_file() { echo "$2" >"$1"; }
list_extra_file() { echo "$2" >"$1" && sha256sum "$1" >>SHA256SUMS; }
list_missing_file() { printf '%064d  %s\n' 0 "$1" >>SHA256SUMS; }
sum_line() { printf '%s  %s\n' "$(sha256sum <"$1" | cut -d' ' -f1)" "$2" >>SHA256SUMS; }
put_nul_in_note() {
    set_field spots.csv 3 note 'vid@NUL@bron'
    LC_ALL=C sed -i 's/@NUL@/\x00/' spots.csv
}
long_note() { set_field spots.csv 3 note "$(printf 'x%.0s' $(seq "$1"))"; }
unterminated_quote() { set_field spots.csv "$LAST_SPOT_LINE" note '"öppet citat'; }
add_bom() { printf '\xef\xbb\xbf' | cat - spots.csv >spots.tmp && mv spots.tmp spots.csv; }
dup_spot_id() { set_field spots.csv 3 spot_id "$(get_field spots.csv 2 spot_id)"; }
dup_walk_id() {
    # Also repoint that walk's spots, so walks.csv is the only fault.
    local old new
    old=$(get_field walks.csv 3 walk_id)
    new=$(get_field walks.csv 2 walk_id)
    set_field walks.csv 3 walk_id "$new"
    sed -i "s/$old/$new/g" spots.csv
}
wrong_sum() {
    # walks.csv gets manifest.csv's sum: well-formed, but wrong.
    sed -i "s/^[0-9a-f]\{64\}  walks\.csv\$/$(sha256sum <manifest.csv | cut -c1-64)  walks.csv/" SHA256SUMS
}
change_after_sums() { set_field spots.csv 3 note 'ändrad efteråt'; }
extra_listed_then_changed() { list_extra_file readme.txt hej && echo ändrad >readme.txt; }
upper_spot_id() { set_field spots.csv 3 spot_id "$(get_field spots.csv 3 spot_id | tr a-f A-F)"; }
long_title() { set_field walks.csv 3 title "$(printf 't%.0s' $(seq "$1"))"; }
note_of_two_byte_chars() { set_field spots.csv 3 note "$(printf 'ö%.0s' $(seq "$1"))"; }
take_other_devices_walk_id() {
    # walks.csv line 3 (and its spots) get the other device's walk id.
    sed -i "s/$(get_field walks.csv 3 walk_id)/$OTHER_WALK/g" walks.csv spots.csv
}
extra_column() {
    local l
    append_to_line spots.csv 1 ,photo
    for l in $(seq 2 "$LAST_SPOT_LINE"); do
        append_to_line spots.csv "$l" ,x
    done
}
unknown_manifest_key() { printf 'region,Stockholm\r\n' >>manifest.csv; }

# ---------------------------------------------------------------------------
section "SHA256SUMS and the set of files"

# A sum that does not match its file (SHA256SUMS itself was edited).
refuse "wrong sum for walks.csv" keep "walks.csv|does not match" wrong_sum
# A file changed after the sums were made (a valid change: only the sum tells).
refuse "spots.csv changed after the sums" keep "spots.csv|does not match" change_after_sums
# Sums are checked before fields: a bad field in a damaged file is reported
# as damage, not as the field.
refuse "bad field in a file changed after the sums" keep "spots.csv|does not match" \
    set_field spots.csv 3 latitude 90.5
# A file the sums list is gone.
refuse "walks.csv missing" keep "walks.csv|missing" rm walks.csv
# No sums at all.
refuse "SHA256SUMS missing" keep "SHA256SUMS|missing" rm SHA256SUMS
# The sums do not list one of the four files.
refuse "SHA256SUMS does not list categories.csv" keep "SHA256SUMS|categories.csv" \
    sed -i '/  categories\.csv$/d' SHA256SUMS
# A file in the folder that no sum covers.
refuse "extra file not in SHA256SUMS" keep "notes.txt|SHA256SUMS" add_extra_file notes.txt hej
# A listed extra file with a wrong sum: a wrong sum refuses the bundle.
refuse "extra listed file with a wrong sum" keep "readme.txt|does not match" \
    extra_listed_then_changed
# A listed file that is not there: a missing file refuses the bundle.
refuse "listed file missing from the folder" keep "later.csv|missing" list_missing_file later.csv
# Names that walk out of the folder are never opened.
refuse "SHA256SUMS names ../x" keep "SHA256SUMS line 5|../x" sum_line manifest.csv ../x
refuse "SHA256SUMS names a/b" keep "SHA256SUMS line 5|a/b" sum_line manifest.csv a/b
# A member that is a symlink (could point anywhere) is not read.
refuse "walks.csv is a symlink" keep "walks.csv" replace_with_symlink walks.csv

# ---------------------------------------------------------------------------
section "manifest.csv"

# Only trygg bundles are read.
refuse "format not trygg-bundle" resum "manifest.csv|format" manifest_set format csv-export
# A newer format than this trygg knows is refused, not guessed at.
refuse "format_version 2" resum "manifest.csv|format_version|2" manifest_set format_version 2
# The version must be a whole number.
refuse "format_version not a number" resum "manifest.csv|format_version" manifest_set format_version one
# Every required manifest key must be present.
refuse "key app_version missing" resum "manifest.csv|app_version|missing" \
    drop_line manifest.csv "$(line_with "$GOOD/manifest.csv" app_version,)"
refuse "key device_id missing" resum "manifest.csv|device_id|missing" \
    drop_line manifest.csv "$(line_with "$GOOD/manifest.csv" device_id,)"
# The device id has the spec's form (8-32 lowercase hex).
refuse "device_id not hex" resum "manifest.csv|device_id" manifest_set device_id XYZ12345
# The manifest's counts must match the rows: a truncated file is caught.
refuse "spots count one too many" resum "spots.csv|$N_SPOTS rows|manifest.csv" \
    manifest_set spots $((N_SPOTS + 1))
refuse "walks count one too few" resum "walks.csv|3 rows|manifest.csv" manifest_set walks 2
refuse "categories count wrong" resum "categories.csv|manifest.csv" manifest_set categories 15
# The export time is a real UTC time.
refuse "created_at not a time" resum "manifest.csv|created_at" manifest_set created_at yesterday

# ---------------------------------------------------------------------------
section "columns and CSV syntax"

# A missing required column refuses the bundle, in either file.
refuse "spots.csv without column latitude" resum 'spots.csv|"latitude"|missing' \
    drop_column spots.csv latitude
refuse "spots.csv without column revision" resum 'spots.csv|"revision"|missing' \
    drop_column spots.csv revision
refuse "walks.csv without column light" resum 'walks.csv|"light"|missing' \
    drop_column walks.csv light
refuse "walks.csv without column walk_id" resum 'walks.csv|"walk_id"|missing' \
    drop_column walks.csv walk_id
# The spec says UTF-8 without BOM; a BOM hides the first column's name.
refuse "spots.csv starts with a BOM" resum 'spots.csv|"spot_id"' add_bom
# Broken CSV quoting is caught and located.
refuse "unterminated quote in the last row" resum "spots.csv|line $LAST_SPOT_LINE" unterminated_quote
# Every row has as many fields as the header.
refuse "a row with one field too many" resum "spots.csv line 3|14 fields|13" \
    append_to_line spots.csv 3 ',x'
refuse "a row with one field too few" resum "walks.csv line 3|8 fields|9" \
    drop_last_field walks.csv 3
# A NUL byte is never valid text.
refuse "NUL byte in a note" resum "spots.csv|line 3|NUL" put_nul_in_note

# ---------------------------------------------------------------------------
section "spots.csv fields"

# spot_id: lowercase UUID version 4 with hyphens, nothing else.
refuse "spot_id uppercase" resum "spots.csv line 3, field spot_id" \
    upper_spot_id
refuse "spot_id version 1" resum "spots.csv line 3, field spot_id" \
    set_field spots.csv 3 spot_id 6ba7b810-9dad-11d1-80b4-00c04fd430c8
refuse "spot_id too short" resum "spots.csv line 3, field spot_id" \
    set_field spots.csv 3 spot_id 6ba7b810-9dad-41d1-80b4-00c04fd430c
# Times: a real calendar date, with seconds and Z.
refuse "created_at month 13" resum "spots.csv line 3, field created_at" \
    set_field spots.csv 3 created_at 2026-13-01T00:00:00Z
refuse "created_at without Z" resum "spots.csv line 3, field created_at" \
    set_field spots.csv 3 created_at 2026-11-24T18:30:05
refuse "updated_at February 30" resum "spots.csv line 3, field updated_at" \
    set_field spots.csv 3 updated_at 2026-02-30T12:00:00Z
# Latitude in [-90, 90] as a plain decimal (no exponent, not empty).
refuse "latitude 90.5" resum "spots.csv line 3, field latitude" set_field spots.csv 3 latitude 90.5
refuse "latitude -91" resum "spots.csv line 3, field latitude" set_field spots.csv 3 latitude -91
refuse "latitude abc" resum "spots.csv line 3, field latitude" set_field spots.csv 3 latitude abc
refuse "latitude 1e3" resum "spots.csv line 3, field latitude" set_field spots.csv 3 latitude 1e3
refuse "latitude empty" resum "spots.csv line 3, field latitude" set_field spots.csv 3 latitude ''
# Longitude in [-180, 180], a plain decimal.
refuse "longitude 181" resum "spots.csv line 3, field longitude" set_field spots.csv 3 longitude 181
refuse "longitude nan" resum "spots.csv line 3, field longitude" set_field spots.csv 3 longitude nan
# An error estimate is never negative.
refuse "accuracy_m negative" resum "spots.csv line 3, field accuracy_m" set_field spots.csv 3 accuracy_m -5
# Only gps and map are position sources.
refuse "position_source wifi" resum "spots.csv line 3, field position_source" \
    set_field spots.csv 3 position_source wifi
# The category must be in categories.csv; the message must name the
# category field, not another one.
refuse "unknown category" resum "spots.csv line 3, field category" set_field spots.csv 3 category ufo
# Severity is 1, 2 or 3 ...
refuse "severity 4" resum "spots.csv line 3, field severity" set_field spots.csv 3 severity 4
refuse "severity 0" resum "spots.csv line 3, field severity" set_field spots.csv 3 severity 0
# ... empty for a positive category ...
refuse "severity on the positive category safe" resum "spots.csv line $SAFE_LINE, field severity" \
    set_field spots.csv "$SAFE_LINE" severity 2
# ... and present for a negative one.
refuse "severity missing on a negative category" resum "spots.csv line 3, field severity" \
    set_field spots.csv 3 severity ''
# Notes are valid UTF-8: no stray bytes, no encoded surrogates.
refuse "invalid UTF-8 in a note" resum "spots.csv line 3, field note" \
    set_field spots.csv 3 note $'tr\xffasig'
refuse "UTF-16 surrogate (CESU) bytes in a note" resum "spots.csv line 3, field note" \
    set_field spots.csv 3 note $'x\xed\xa0\x80y'
# At most 1000 characters in a note.
refuse "note of 1001 characters" resum "spots.csv line 3, field note" long_note 1001
# deleted is 0 or 1; revision starts at 1.
refuse "deleted 2" resum "spots.csv line 3, field deleted" set_field spots.csv 3 deleted 2
refuse "revision 0" resum "spots.csv line 3, field revision" set_field spots.csv 3 revision 0
refuse "revision -1" resum "spots.csv line 3, field revision" set_field spots.csv 3 revision -1
# Faults in the last row: the rows before it were already merged inside the
# transaction, so this proves the rollback.
refuse "revision not a number in the last row" resum "spots.csv line $LAST_SPOT_LINE, field revision" \
    set_field spots.csv "$LAST_SPOT_LINE" revision x
# One spot appears once in a bundle.
refuse "duplicate spot id in one spots.csv" resum "spots.csv line 3, field spot_id|appears twice" \
    dup_spot_id
# A spot's walk is in walks.csv or already imported.
refuse "spot pointing to an unknown walk" resum "spots.csv line 3, field walk_id" \
    set_field spots.csv 3 walk_id 0d4c3f0e-5b0a-4c1e-9f7a-1b2c3d4e5f60
# The municipality already knows these from the other device.
refuse "spot pointing to another device's walk" resum "spots.csv line 3, field walk_id|$OTHER_WALK" \
    set_field spots.csv 3 walk_id "$OTHER_WALK"
# A spot id never moves to another walk.
refuse "spot id known under another walk" resum "spots.csv line 3|$OTHER_SPOT" \
    set_field spots.csv 3 spot_id "$OTHER_SPOT"

# ---------------------------------------------------------------------------
section "walks.csv fields"

# One walk appears once in a bundle.
refuse "duplicate walk id" resum "walks.csv line 3, field walk_id|appears twice" dup_walk_id
# A bundle carries only its own device's walks ...
refuse "walk device_id not the manifest's" resum "walks.csv line 3, field device_id" \
    set_field walks.csv 3 device_id 0123456789abcdef
# ... and cannot take over another device's walk.
refuse "walk id known from another device" resum "walks.csv line 3|$OTHER_WALK" \
    take_other_devices_walk_id
# role and light come from fixed lists.
refuse "role boss" resum "walks.csv line 3, field role" set_field walks.csv 3 role boss
refuse "light night" resum "walks.csv line 3, field light" set_field walks.csv 3 light night
# participants is a whole number >= 1 (or empty).
refuse "participants 0" resum "walks.csv line 2, field participants" \
    set_field walks.csv 2 participants 0
refuse "participants -2" resum "walks.csv line 2, field participants" \
    set_field walks.csv 2 participants -2
# Walk times are checked like spot times.
refuse "started_at no Z" resum "walks.csv line 3, field started_at" \
    set_field walks.csv 3 started_at 2026-11-24T18:30:05
refuse "ended_at February 30" resum "walks.csv line 3, field ended_at" \
    set_field walks.csv 3 ended_at 2026-02-30T18:30:05Z
# Titles have the same length limit as `walk start --title` (200).
refuse "title of 201 characters" resum "walks.csv line 3, field title" \
    long_title 201

# ---------------------------------------------------------------------------
section "checks.csv (walkers' answers)"

BASE=$CHECKS
RESUM=remake_sums_checks
UNKNOWN_ID=0d4c3f0e-5b0a-4c1e-9f7a-1b2c3d4e5f60
dup_check_id() { set_field checks.csv 3 check_id "$(get_field checks.csv 2 check_id)"; }
# An answer is still or fixed, nothing else.
refuse "answer maybe" resum "checks.csv line 2, field answer|maybe" \
    set_field checks.csv 2 answer maybe
# Answers are about spots the municipality holds ...
refuse "answer about an unknown spot" resum "checks.csv line 2, field spot_id|$UNKNOWN_ID" \
    set_field checks.csv 2 spot_id "$UNKNOWN_ID"
# ... given on a walk of this bundle or imported before.
refuse "answer on an unknown walk" resum "checks.csv line 3, field walk_id|$UNKNOWN_ID" \
    set_field checks.csv 3 walk_id "$UNKNOWN_ID"
refuse "answered_at not a time" resum "checks.csv line 2, field answered_at" \
    set_field checks.csv 2 answered_at igår
# One answer appears once in a bundle.
refuse "duplicate check id" resum "checks.csv line 3, field check_id|appears twice" dup_check_id
# The manifest's count must match, and be there when the file is.
refuse "checks count one too many" resum "checks.csv has 2 rows|manifest.csv says 3" \
    manifest_set checks 3
refuse "checks key missing" resum "checks.csv|no key checks" \
    drop_line manifest.csv "$(line_with "$CHECKS/manifest.csv" checks,)"
refuse "checks.csv without column answer" resum 'checks.csv|"answer"|missing' \
    drop_column checks.csv answer
# The file is covered by the sums like the others.
refuse "checks.csv changed after the sums" keep "checks.csv|does not match" \
    set_field checks.csv 2 answer fixed
refuse "checks.csv not in SHA256SUMS" keep "checks.csv|not in SHA256SUMS" \
    sed -i '/  checks\.csv$/d' SHA256SUMS
unset BASE RESUM

# ---------------------------------------------------------------------------
section "what is not a fault"

# Each on a scratch copy of the municipal db.
# accept NAME MUTATION...: the changed bundle imports with exit 0.
accept() {
    local name=$1
    shift
    N_CASE=$((N_CASE + 1))
    local dir scratch=$WORK/scratch-$N_CASE.sqlite
    dir=$WORK/case-$N_CASE/$(basename "$GOOD")
    mkdir -p "$(dirname "$dir")"
    cp -a "$GOOD" "$dir"
    cp "$MUNI" "$scratch"
    (cd "$dir" && "$@") || die "case '$name': the mutation failed"
    remake_sums "$dir"
    (cd "$dir" && for f in *; do
        case $f in SHA256SUMS | *.csv) ;; *) sha256sum "$f" >>SHA256SUMS ;; esac
    done)
    run_trygg --db "$scratch" import "$dir"
    check_rc "accepted: $name" 0
}
# Unknown extra columns are ignored (spec).
accept "an extra column in spots.csv" extra_column
# Extra files may be added by later versions (spec), when listed.
accept "an extra file listed in SHA256SUMS" add_extra_file photos.txt 'inga foton'
# Unknown manifest keys are for later versions.
accept "an unknown manifest key" unknown_manifest_key
# 1000 characters is the limit, counted in characters, not bytes.
accept "a note of 1000 two-byte characters" note_of_two_byte_chars 1000

# Two bundles in one command: the good one goes in, the bad one is refused,
# and the exit code still says something was refused.
SCRATCH=$WORK/two-bundles.sqlite
cp "$MUNI" "$SCRATCH"
mkdir -p "$WORK/bad"
cp -a "$GOOD" "$WORK/bad/"
BAD=$WORK/bad/$(basename "$GOOD")
(cd "$BAD" && set_field spots.csv 3 latitude 91)
remake_sums "$BAD"
run_trygg --db "$SCRATCH" import "$GOOD" "$BAD"
check_rc "good + bad bundle in one import: exit 1" 1
check_has "... says 1 of 2 imported" "1 of 2 bundles imported" "$OUT"
check_eq "... and the good one's spots are in" $((N_SPOTS + 1)) \
    "$(sql "$SCRATCH" 'SELECT COUNT(*) FROM spots')"

# ---------------------------------------------------------------------------
section "positive control"

# Nothing above touched the good bundle: it still verifies and imports.
check_cmd "the good bundle still passes sha256sum -c" \
    bash -c "cd '$GOOD' && sha256sum --strict -c SHA256SUMS"
run_trygg --db "$MUNI" import "$GOOD"
check_rc "the unbroken bundle imports (exit 0)" 0
check_has "... with every walk and spot added" \
    "walks 3 added, 0 updated, 0 unchanged; spots $N_SPOTS added, 0 updated, 0 unchanged" "$OUT"
check_eq "municipal db now has both devices' spots" $((N_SPOTS + 1)) \
    "$(sql "$MUNI" 'SELECT COUNT(*) FROM spots')"
run_trygg --db "$MUNI" import "$CHECKS"
check_rc "the unbroken bundle with answers imports (exit 0)" 0
check_has "... with both answers added" "answers 2 added, 0 unchanged" "$OUT"
check_eq "integrity_check after all refusals" ok "$(sql "$MUNI" 'PRAGMA integrity_check')"

echo
echo "($N_REFUSE refusal cases, $((N_CASE - N_REFUSE)) accepted variants)"
finish
