#!/usr/bin/env bash
# test_map_install: `trygg map install|check|info`. A good GeoJSON file is
# installed byte for byte as $XDG_DATA_HOME/trygg/map.geojson and `info`
# then shows it; every bad file is refused with exit 1 and a message that
# names the file and the feature, and leaves the installed map exactly as
# it was, with no temporary file behind. The test files are tests/map/.
#
# usage: bash tests/integration/test_map_install.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MAPS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../map" && pwd)
export XDG_DATA_HOME=$WORK/data
INSTALLED=$XDG_DATA_HOME/trygg/map.geojson

# no_temp_files: nothing but map.geojson in the data folder.
no_temp_files() {
    local left
    left=$(find "$XDG_DATA_HOME/trygg" -name '.map.geojson.*' 2>/dev/null)
    check_eq "no temporary file left" "" "$left"
}

# ---------------------------------------------------------------------------
section "help"

run_trygg map --help
check_rc "map --help exits 0" 0
check_has "help names install" "trygg map install FILE.geojson" "$OUT"
check_has "help tells how to export from OpenStreetMap" "QGIS" "$OUT"
check_has "help asks to keep the ODbL attribution" \
    '"attribution": "© OpenStreetMap contributors, ODbL"' "$OUT"
check_has "help gives the ogr2ogr line" \
    "ogr2ogr -t_srs EPSG:4326 -f GeoJSON out.geojson in.gpkg" "$OUT"
run_trygg map install --help
check_rc "map install --help exits 0" 0
run_trygg map
check_rc "map alone is a usage error" 2
run_trygg map frob
check_rc "unknown subcommand is a usage error" 2
check_has "unknown subcommand named" '"frob"' "$ERR"
run_trygg map install
check_rc "install without a file is a usage error" 2
run_trygg map install "$MAPS/good-all.geojson" "$MAPS/good-feature.geojson"
check_rc "install with two files is a usage error" 2

# ---------------------------------------------------------------------------
section "info before any install: the built-in map"

run_trygg map info
check_rc "info exits 0" 0
check_has "info says built-in" "the built-in map" "$OUT"
check_has "built-in map is schematic" "Schematic: yes" "$OUT"
check_has "built-in map names Trafikverket" "Trafikverket" "$OUT"
check_has "built-in map: landmarks only" "3 features (3 landmark)." "$OUT"
check_eq "last line says built-in" "built-in" "$LAST"

# ---------------------------------------------------------------------------
section "check: validates only"

run_trygg map check "$MAPS/good-all.geojson"
check_rc "check of a good file exits 0" 0
check_has "check counts by kind" "10 features (1 road, 2 path, 1 water, 1 park, 2 building, 1 landmark, 2 other)" "$OUT"
check_has "check shows the attribution" "Attribution: Test data" "$OUT"
run_trygg map check "$MAPS/bad-open-ring.geojson"
check_rc "check of a bad file exits 1" 1
check_has "check names file and feature" \
    "bad-open-ring.geojson: features[1] \"Dammen\": Polygon, ring 0: is not closed" "$ERR"
check_cmd "check installs nothing" test ! -e "$INSTALLED"

# ---------------------------------------------------------------------------
section "install: a bad file while none is installed"

run_trygg map install "$MAPS/bad-bowtie.geojson"
check_rc "bad file refused" 1
check_has "message names the feature" 'features[0] "Fluga": Polygon: cannot be filled' "$ERR"
check_has "message says nothing changed" "nothing installed" "$ERR"
check_cmd "still nothing installed" test ! -e "$INSTALLED"

# ---------------------------------------------------------------------------
section "install: a good file"

run_trygg map install "$MAPS/good-all.geojson"
check_rc "good file installed" 0
check_eq "last line is the installed path" "$INSTALLED" "$LAST"
check_same_file "installed byte for byte" "$MAPS/good-all.geojson" "$INSTALLED"
check_has "install prints the summary" "10 features (" "$OUT"
no_temp_files
run_trygg map info
check_rc "info exits 0" 0
check_has "info says installed" "Map in use: installed." "$OUT"
check_has "info counts the installed map" "1 without geometry left out" "$OUT"
check_eq "info's last line is the path" "$INSTALLED" "$LAST"

# ---------------------------------------------------------------------------
section "install: bad files leave the installed map untouched"

cp "$INSTALLED" "$WORK/before.geojson"
printf '{"type": "FeatureCollection", "features": []}\n' >"$WORK/empty-fc.geojson"
: >"$WORK/zero-bytes.geojson"
declare -A WANT=(
    ["$MAPS/bad-open-ring.geojson"]='features[1] "Dammen": Polygon, ring 0: is not closed'
    ["$MAPS/bad-not-json.geojson"]='bad-not-json.geojson: not JSON: unexpected character at line 3'
    ["$MAPS/bad-bowtie.geojson"]='features[0] "Fluga": Polygon: cannot be filled'
    ["$MAPS/bad-latitude.geojson"]='features[1] "Norr om polen": Point, position 0: latitude 95 is not in -90..90'
    ["$WORK/empty-fc.geojson"]='empty-fc.geojson: has no feature with a geometry: nothing to draw'
    ["$WORK/zero-bytes.geojson"]='zero-bytes.geojson: is empty'
    ["$WORK/no-such.geojson"]='cannot open'
    ["$WORK"]='is not a regular file'
)
for f in "${!WANT[@]}"; do
    name=$(basename "$f")
    run_trygg map install "$f"
    check_rc "$name: refused" 1
    check_has "$name: message" "${WANT[$f]}" "$ERR"
    check_has "$name: message says the map is unchanged" \
        "the map in use is unchanged" "$ERR"
    check_same_file "$name: installed map unchanged" "$WORK/before.geojson" "$INSTALLED"
done
no_temp_files

# ---------------------------------------------------------------------------
section "install: a second good file replaces the first"

run_trygg map install "$MAPS/good-feature.geojson"
check_rc "second good file installed" 0
check_same_file "replaced byte for byte" "$MAPS/good-feature.geojson" "$INSTALLED"
run_trygg map info
check_has "info shows the new map" "1 feature (1 park)." "$OUT"
check_has "no attribution is pointed out" "Attribution: none" "$OUT"
no_temp_files

# ---------------------------------------------------------------------------
section "a map far from Filipstad: installed, with a note"

cat >"$WORK/stockholm.geojson" <<'EOF'
{"type": "FeatureCollection", "attribution": "test",
 "features": [{"type": "Feature", "properties": {"kind": "landmark", "name": "Slottet"},
   "geometry": {"type": "Point", "coordinates": [18.0716, 59.3268]}}]}
EOF
run_trygg map check "$WORK/stockholm.geojson"
check_rc "far map is still good" 0
check_match "note says how far" "note: the map lies [0-9]+ km from Filipstad centre" "$ERR"

# ---------------------------------------------------------------------------
section "an installed map that was damaged afterwards"

printf '{"type": "Feature"' >"$INSTALLED"
run_trygg map info
check_rc "info of a damaged installed map exits 1" 1
check_has "info names the installed file" "$INSTALLED: not JSON" "$ERR"

finish
