#!/usr/bin/env bash
# The headless demo: a whole walk through the real program, from the first
# spot to the municipality's database, in a folder it names at the end.
#   demo.sh TRYGG_BINARY [OUT_DIR]
# The spots come from assets/demo/walk.csv: invented observations placed
# around Filipstad's railway station and centre, for showing the flow only.
set -euo pipefail
trygg=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${2:-$root/out/demo-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/sync"
device="$out/device.sqlite"
muni="$out/municipality.sqlite"
say() { printf '\n== %s\n' "$*"; }

say "A walker starts an evening walk (police volunteer, dark, 12 people)"
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
bundle=$("$trygg" --db "$device" sync --out "$out/sync" | tee /dev/stderr | tail -n 1)
(cd "$bundle" && sha256sum -c SHA256SUMS)

say "The municipality imports the bundle (twice: the second time changes nothing)"
"$trygg" --db "$muni" import "$bundle"
"$trygg" --db "$muni" import "$bundle"

say "What the municipality now has"
"$trygg" --db "$muni" spot list

say "Done. Everything is in $out"
echo "  device database:       $device"
echo "  bundle:                $bundle"
echo "  municipal database:    $muni"
