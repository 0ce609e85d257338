#!/usr/bin/env bash
# The headless demo: walks through the real program, from the first spot to
# the municipality's database, in a folder it names at the end.
#   demo.sh TRYGG_BINARY [OUT_DIR]
#
# 1. The touch app, driven by assets/demo/walk.script on SDL's offscreen
#    driver with a fresh database: a walk with five spots, the list, the
#    end and a sync. It leaves its screenshots, its database and the bundle
#    it synced directly in OUT_DIR.
# 2. The same kind of walk through the command line, with spots from
#    assets/demo/walk.csv, a correction and a delete (in OUT_DIR/cli/).
# 3. The municipality imports both bundles (the second import of each
#    changes nothing).
# 4. It acts on two spots (planned, fixed), writes the year's report (the
#    staff version and the public one), the GIS and Excel exports, and a
#    follow-up list that the command-line device takes in and answers on
#    its next walk; that answer syncs back and shows in the report.
# 5. A damaged copy of the command-line device's database (the page of its
#    spot id index overwritten): trygg refuses it without touching it, the app
#    opens on its rescue screen, and `trygg salvage` writes what can still
#    be read as a bundle that the municipality imports.
# All spots are invented observations around Filipstad's station and
# centre, for showing the flow only.
set -euo pipefail
trygg=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${2:-$root/out/demo-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/cli/sync"
out=$(cd "$out" && pwd)
app_db="$out/trygg.sqlite"
device="$out/cli/device.sqlite"
muni="$out/municipality.sqlite"
say() { printf '\n== %s\n' "$*"; }

# ---- 1. the touch app -------------------------------------------------------

say "The touch app walks assets/demo/walk.script (offscreen, screenshots of every screen)"
# Started in $out so that the script's `shot` lines land there; the default
# sync folder is $out too, so the bundle does.
# Its spots go where the map is dragged, so no GPS (--gps none): a gpsd
# running on this machine must not move them.
(cd "$out" && SDL_VIDEODRIVER=offscreen "$trygg" --db "$app_db" \
    --script "$root/assets/demo/walk.script" --sync-dir "$out" \
    --size 720x1280 --gps none)
app_bundle=$(find "$out" -mindepth 1 -maxdepth 1 -type d -name 'trygg-*' -print -quit)
[[ -n $app_bundle ]] || { echo "demo: the app wrote no bundle in $out" >&2; exit 1; }
"$trygg" --db "$app_db" walk list
"$trygg" --db "$app_db" spot list
(cd "$app_bundle" && sha256sum -c SHA256SUMS)

# ---- 2. the command line ----------------------------------------------------

say "On the command line: an evening walk (police volunteer, dark, 12 people)"
walk=$("$trygg" --db "$device" walk start --title "Demo: kvällsvandring i centrum" \
        --area "Centrum" --role volunteer --light dark --participants 12 | tail -n 1)
echo "walk $walk"

say "Spots are marked along the way (each is on disk when its id prints)"
ids=()
# Columns: latitude,longitude,accuracy_m,category,severity,note. The notes
# hold no line breaks, so each line is one row: five plain fields, then the
# note, quoted the RFC 4180 way when it has commas or quotes.
while IFS=, read -r lat lon acc cat sev note; do
  if [[ $note == \"*\" ]]; then
    note=${note:1:${#note}-2}
    note=${note//\"\"/\"}
  fi
  args=(--lat "$lat" --lon "$lon" --category "$cat" --note "$note")
  [[ -n $acc ]] && args+=(--accuracy "$acc")
  [[ -n $sev ]] && args+=(--severity "$sev")
  id=$("$trygg" --db "$device" spot add "${args[@]}" | tail -n 1)
  ids+=("$id")
  printf '  %-10s %s  %s\n' "$cat" "$id" "$note"
done < <(tail -n +2 "$root/assets/demo/walk.csv" | tr -d '\r')

say "One spot is corrected, one was marked by mistake and is deleted"
"$trygg" --db "$device" spot edit "${ids[1]}" --severity 3 \
  --note "Buskarna skymmer helt; flera i gruppen kände sig otrygga" | head -n 1
"$trygg" --db "$device" spot delete "${ids[3]}" | head -n 1

say "The walk ends"
"$trygg" --db "$device" walk end | head -n 1
"$trygg" --db "$device" walk list

say "Back at the office the device syncs to a folder (a USB stick in real life)"
# (not tee /dev/stderr: when stderr is a file, opening it again truncates it)
synced=$("$trygg" --db "$device" sync --out "$out/cli/sync")
echo "$synced"
bundle=$(tail -n 1 <<<"$synced")
(cd "$bundle" && sha256sum -c SHA256SUMS)

# ---- 3. the municipality ------------------------------------------------------

say "The municipality imports both bundles (twice: the second time changes nothing)"
"$trygg" --db "$muni" import "$app_bundle" "$bundle"
"$trygg" --db "$muni" import "$app_bundle" "$bundle"

say "What the municipality now has"
"$trygg" --db "$muni" walk list
"$trygg" --db "$muni" spot list

# ---- 4. the municipality acts, publishes and follows up ------------------------

say "The municipality decides about two spots (trygg spot status)"
"$trygg" --db "$muni" spot status "${ids[0]}" planned \
  --comment "Ny belysning beställd, klar i mars"
"$trygg" --db "$muni" spot status "${ids[2]}" fixed \
  --comment "Övergångsstället har fått belysning"
year=$(date -u +%Y)

say "The year's report: for staff (with notes) and for the website (--public)"
"$trygg" --db "$muni" report --year "$year" --out "$out/rapport-$year.html"
"$trygg" --db "$muni" report --year "$year" --public \
  --out "$out/rapport-$year-offentlig.html"

say "Exports: GeoJSON for QGIS, CSV, and CSV for Excel in Swedish"
"$trygg" --db "$muni" export --format geojson --out "$out/platser.geojson"
"$trygg" --db "$muni" export --format csv --out "$out/platser.csv"
"$trygg" --db "$muni" export --format excel --out "$out/platser-excel.csv"

say "A follow-up list for the devices: the spots still open or planned"
fu=$("$trygg" --db "$muni" followup --out "$out/cli/sync" | tail -n 1)
(cd "$fu" && sha256sum -c SHA256SUMS)
"$trygg" --db "$device" import "$fu"
"$trygg" --db "$device" followup list

say "Next walk: the walker checks a spot on the list and answers Kvar"
"$trygg" --db "$device" walk start --title "Demo: uppföljning" --role staff \
  --light dark >/dev/null
"$trygg" --db "$device" followup answer "${ids[0]}" still
"$trygg" --db "$device" walk end >/dev/null
back=$("$trygg" --db "$device" sync --out "$out/cli/sync" | tail -n 1)
"$trygg" --db "$muni" import "$back"
"$trygg" --db "$muni" spot status "${ids[0]}"
"$trygg" --db "$muni" report --year "$year" --out "$out/rapport-$year.html"

say "A damaged copy of the device's database: refused, untouched, rescued"
damaged="$out/cli/device-damaged.sqlite"
cp "$device" "$damaged"
page=$(sqlite3 "$damaged" "SELECT pageno FROM dbstat
                           WHERE name='sqlite_autoindex_spots_1' LIMIT 1")
size=$(sqlite3 "$damaged" 'PRAGMA page_size')
head -c "$size" /dev/zero | tr '\0' '\377' |
  dd of="$damaged" bs="$size" seek=$((page - 1)) conv=notrunc status=none
"$trygg" --db "$damaged" walk list || echo "(refused, as it should be)"
(cd "$out" && "$trygg" --db "$damaged" --script "$root/assets/demo/damaged.script" \
  --sync-dir "$out/cli/rescued" --gps none) || echo "the rescue screen failed" >&2
rescued=$("$trygg" --db "$damaged" salvage --out "$out/cli/sync" | tee /dev/stderr |
  tail -n 1)
"$trygg" --db "$muni" import "$rescued"

say "Done. Everything is in $out"
(cd "$out" && ls -1F)
echo
shots=("$out"/*.png)
echo "  screenshots of the touch app:  ${#shots[@]} PNGs in $out"
echo "                                 ($(basename "${shots[0]}") ... $(basename "${shots[-1]}"))"
echo "  the app's database:            $app_db"
echo "  the bundle the app synced:     $app_bundle"
echo "  command-line walk's database:  $device"
echo "  its bundle:                    $bundle"
echo "  municipal database:            $muni"
echo "  the year's report:             $out/rapport-$year.html (public: rapport-$year-offentlig.html)"
echo "  exports:                       platser.geojson, platser.csv, platser-excel.csv"
echo "  follow-up list for devices:    $fu"
echo "  a damaged database, rescued:   $damaged -> $rescued"
