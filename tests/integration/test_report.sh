#!/usr/bin/env bash
# test_report: `trygg report` on a municipal database built with the real
# command line over two years: this year's walk recorded with walk/spot/sync
# (the real clock) and imported; last year's walk, and this year's answers
# to it, from a bundle written here by hand (the spec's CSV) and imported;
# decisions set with `trygg spot status`. The reports (full, public,
# English, with an installed map) are read with Python's html.parser
# (check_report.py): self-contained, A4 rules, one inline SVG map with a
# dot per spot, every table's counts; the public one holds none of the free
# texts. Then headless Chromium renders one offline, with every host name
# unresolvable and a net log: the screenshot is not blank and shows the
# category colours, nothing was requested, and it prints to a PDF.
#
# usage: bash tests/integration/test_report.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CHECK="python3 $HERE/check_report.py"
CATS=$HERE/../../assets/categories.csv
MAPS=$HERE/../map
export XDG_DATA_HOME=$WORK/data
export TZ=Europe/Stockholm
Y=$(date -u +%Y)
P=$((Y - 1))
DEV=$WORK/dev.sqlite
MUNI=$WORK/muni.sqlite

# Last year's spots, by a fixed id each (the hand-made bundle's).
S_LAMP=5a000001-1111-4111-8111-111111111111  # lighting 2, planned, "still"
S_DARK=5a000002-1111-4111-8111-111111111111  # lighting 3, fixed, fixed
S_BUSH=5a000003-1111-4111-8111-111111111111  # vegetation 1, open, none
S_ROAD=5a000004-1111-4111-8111-111111111111  # traffic 3, wontfix, fixed
S_GOOD=5a000005-1111-4111-8111-111111111111  # safe
S_GONE=5a000006-1111-4111-8111-111111111111  # lighting 1, deleted
W_LAST=22222222-2222-4222-8222-000000000001
W_FOLLOW=22222222-2222-4222-8222-000000000002
LAST_DEVICE=a1b2c3d4e5f60718

# crlf: stdin to stdout with CRLF line ends, as the spec writes CSV.
crlf() { sed 's/$/\r/'; }

# last_year_bundle DIR: writes a bundle (bundle.md, checks.csv from
# docs/bundle-format.md) from another device with last year's walk and its
# spots, and a follow-up walk early this year with three answers about them
# (S_DARK answered twice: the newer answer counts). Prints its folder.
last_year_bundle() {
    local b=$1/trygg-$LAST_DEVICE-${Y}0102T120000Z
    mkdir -p "$b"
    crlf >"$b/walks.csv" <<EOF
walk_id,device_id,title,area,role,started_at,ended_at,participants,light
$W_LAST,$LAST_DEVICE,Höstvandring Hemliga gränd,Norrmalm Hemliga,citizen,$P-10-14T16:30:00Z,$P-10-14T18:00:00Z,5,dusk
$W_FOLLOW,$LAST_DEVICE,Uppföljning januari,,staff,$Y-01-02T09:00:00Z,$Y-01-02T10:00:00Z,,daylight
EOF
    crlf >"$b/spots.csv" <<EOF
spot_id,walk_id,created_at,updated_at,latitude,longitude,accuracy_m,position_source,category,severity,note,deleted,revision
$S_LAMP,$W_LAST,$P-10-14T16:40:00Z,$P-10-14T16:40:00Z,59.7090000,14.1610000,5.0,gps,lighting,2,Lampan vid Lastgatan blinkar,0,1
$S_DARK,$W_LAST,$P-10-14T16:45:00Z,$P-10-14T16:45:00Z,59.7095000,14.1640000,,map,lighting,3,Kolsvart under bron,0,1
$S_BUSH,$W_LAST,$P-10-14T16:50:00Z,$P-10-14T16:50:00Z,59.7110000,14.1680000,4.0,gps,vegetation,1,Buskar vid skolan,0,1
$S_ROAD,$W_LAST,$P-10-14T17:00:00Z,$P-10-14T17:00:00Z,59.7120000,14.1700000,4.0,gps,traffic,3,Ingen övergång vid Stora vägen,0,1
$S_GOOD,$W_LAST,$P-10-14T17:10:00Z,$P-10-14T17:10:00Z,59.7130000,14.1720000,4.0,gps,safe,,Fint upplyst torg,0,1
$S_GONE,$W_LAST,$P-10-14T17:20:00Z,$P-10-14T17:25:00Z,59.7140000,14.1740000,4.0,gps,lighting,1,Fel plats,1,2
EOF
    crlf >"$b/checks.csv" <<EOF
check_id,spot_id,walk_id,answered_at,answer
33333333-3333-4333-8333-000000000001,$S_LAMP,$W_FOLLOW,$Y-01-02T09:10:00Z,still
33333333-3333-4333-8333-000000000002,$S_DARK,$W_FOLLOW,$Y-01-02T09:20:00Z,still
33333333-3333-4333-8333-000000000003,$S_DARK,$W_FOLLOW,$Y-01-02T09:40:00Z,fixed
33333333-3333-4333-8333-000000000004,$S_ROAD,$W_FOLLOW,$Y-01-02T09:30:00Z,fixed
EOF
    crlf <"$CATS" | sed 's/\r\r$/\r/' >"$b/categories.csv"
    crlf >"$b/manifest.csv" <<EOF
key,value
format,trygg-bundle
format_version,1
device_id,$LAST_DEVICE
app_version,hand-made
created_at,$Y-01-02T12:00:00Z
walks,2
spots,6
categories,$(($(wc -l <"$CATS") - 1))
checks,4
EOF
    (cd "$b" && sha256sum manifest.csv walks.csv spots.csv categories.csv \
        checks.csv >SHA256SUMS)
    echo "$b"
}

# ---------------------------------------------------------------------------
section "usage"

run_trygg report --help
check_rc "report --help exits 0" 0
check_has "help names --public" "--public" "$OUT"
run_trygg --db "$MUNI" report --out "$WORK/x.html"
check_rc "without --year: usage error" 2
run_trygg --db "$MUNI" report --year 25 --out "$WORK/x.html"
check_rc "a two-digit year: usage error" 2
run_trygg --db "$MUNI" report --year "$Y" --lang de --out "$WORK/x.html"
check_rc "--lang de: usage error" 2
check_has "the message names sv and en" "sv or en" "$ERR"
run_trygg --db "$MUNI" report --year "$Y"
check_rc "without --out: usage error" 2

# ---------------------------------------------------------------------------
section "this year's walk with the real command line, and last year's bundle"

must_trygg --db "$DEV" walk start --title 'Kvällsvandring <Torget> & "Parken"' \
    --area "Centrum Hemligt" --role volunteer --light dark --participants 6
must_trygg --db "$DEV" spot add --lat 59.7083 --lon 14.1595 --category lighting \
    --severity 3 --note '<script>alert(1)</script> vid stationen'
must_trygg --db "$DEV" spot add --lat 59.7101 --lon 14.1650 --category lighting \
    --severity 1 --note "Svag lampa, Anna Andersson bor intill"
must_trygg --db "$DEV" spot add --lat 59.7125 --lon 14.1710 \
    --category vegetation --severity 1 --note "Häcken skymmer"
must_trygg --db "$DEV" spot add --lat 59.7140 --lon 14.1760 --category traffic \
    --severity 2 --note "Bilar kör fort"
S_FAST=$LAST
must_trygg --db "$DEV" spot add --lat 59.7110 --lon 14.1780 --category safe \
    --note "Tryggt och ljust vid biblioteket"
must_trygg --db "$DEV" spot add --lat 59.3793 --lon 13.5036 --category other \
    --severity 2 --note "Lagd i Karlstad av misstag"
must_trygg --db "$DEV" spot add --lat 59.7100 --lon 14.1700 --category drugs \
    --severity 3 --note "Borttagen"
must_trygg --db "$DEV" spot delete "$LAST"
must_trygg --db "$DEV" walk end
mkdir -p "$WORK/sync" "$WORK/hand"
must_trygg --db "$DEV" sync --out "$WORK/sync"
THIS_BUNDLE=$LAST
HAND_BUNDLE=$(last_year_bundle "$WORK/hand")
must_trygg --db "$MUNI" import "$THIS_BUNDLE" "$HAND_BUNDLE"
check_eq "hand-made answers imported" 4 "$(sql "$MUNI" "SELECT COUNT(*) FROM checks")"

must_trygg --db "$MUNI" spot status "$S_LAMP" planned \
    --comment "Ny armatur beställd, kontakt Bo Berg 070-1234567"
must_trygg --db "$MUNI" spot status "$S_DARK" planned --comment "Utreds"
must_trygg --db "$MUNI" spot status "$S_DARK" fixed --comment "Lampan bytt i mars"
must_trygg --db "$MUNI" spot status "$S_ROAD" wontfix \
    --comment "Trafikverkets väg, skickat vidare"
must_trygg --db "$MUNI" spot status "$S_FAST" planned \
    --comment "Farthinder i vår"

# ---------------------------------------------------------------------------
section "the full report (staff)"

FULL=$WORK/full.html
run_trygg --db "$MUNI" report --year "$Y" --out "$FULL"
check_rc "report exits 0" 0
check_eq "last line is the file" "$FULL" "$LAST"
check_has "summary counts walks and spots" "2 walks, 6 spots" "$OUT"
check_has "summary names the spot off the map" "1 of them lie outside" "$OUT"
check_eq "only its owner may read the full report" 600 "$(stat -c %a "$FULL")"
check_eq "no temporary file left" "" "$(find "$WORK" -name '.trygg-report.*')"

CAT_HEAD=("Kategori" "Allv. 1" "Allv. 2" "Allv. 3" "Trygg / utan" "Totalt")
cat >"$WORK/full.json" <<EOF
{"lang": "sv", "dots": 6,
 "kpi": ["2 vandringar", "6 deltagare", "5 otrygga platser", "1 trygga platser",
         "1 av 4 förra årets platser åtgärdade"],
 "caption": ["1 plats ligger utanför kartans utsnitt", "Trafikverket"],
 "text": ["Intern version", "Vandrarnas svar", "Planerad: Farthinder i vår"],
 "raw": ["&lt;script&gt;alert(1)&lt;/script&gt; vid stationen",
         "Kvällsvandring &lt;Torget&gt; &amp; &quot;Parken&quot;"],
 "columns": {
   "Platser per kategori och allvarlighet": $(printf '"%s",' "${CAT_HEAD[@]}" | sed 's/,$//; s/^/[/; s/$/]/'),
   "Vandringar": ["Datum", "Namn", "Område", "Vem", "Ljus", "Deltagare", "Platser"],
   "Platserna en och en": ["Nr", "Hittad", "Kategori", "Allv.", "Status", "Beslut",
                           "Kommentar", "Vandrarnas svar", "Svarat"],
   "Alla årets platser": ["Nr", "Datum", "Kategori", "Allv.", "Position (WGS84)",
                          "Anteckning", "Status"]},
 "tables": {
   "Platser per kategori och allvarlighet": {
     "Dålig belysning": ["1", "0", "1", "0", "2"],
     "Buskar och träd skymmer": ["1", "0", "0", "0", "1"],
     "Trafikfara": ["0", "1", "0", "0", "1"],
     "Narkotika och missbruk": ["0", "0", "0", "0", "0"],
     "Annat": ["0", "1", "0", "0", "1"],
     "Trygg plats": ["0", "0", "0", "1", "1"],
     "Totalt": ["2", "2", "1", "1", "6"]},
   "Jämfört med förra året": {
     "Dålig belysning": ["2", "2", "±0"],
     "Annat": ["1", "0", "+1"],
     "Trafikfara": ["1", "1", "±0"],
     "Trygg plats": ["1", "1", "±0"],
     "Totalt": ["6", "5", "+1"]},
   "Status nu per kategori": {
     "Dålig belysning": ["2", "0", "1", "1", "0", "1", "1", "0"],
     "Buskar och träd skymmer": ["1", "1", "0", "0", "0", "0", "0", "1"],
     "Trafikfara": ["1", "0", "0", "0", "1", "0", "1", "0"],
     "Totalt": ["4", "1", "1", "1", "1", "1", "2", "1"]},
   "Platserna en och en": {
     "5a000001": ["$P-10-14", "Dålig belysning", "2", "Planerad", "$(date +%F)",
                  "Ny armatur beställd, kontakt Bo Berg 070-1234567", "Kvar",
                  "$Y-01-02"]}},
 "absent": ["Fel plats", "Borttagen"]}
EOF
check_cmd "full report: structure and counts" $CHECK html "$FULL" "$WORK/full.json"

# ---------------------------------------------------------------------------
section "the public report"

PUB=$WORK/public.html
run_trygg --db "$MUNI" report --year "$Y" --public --out "$PUB"
check_rc "public report exits 0" 0
check_eq "the public report may be shared" 644 "$(stat -c %a "$PUB")"
cat >"$WORK/public.json" <<EOF
{"lang": "sv", "dots": 6,
 "kpi": ["2 vandringar", "1 av 4 förra årets platser åtgärdade"],
 "text": ["Offentlig version"],
 "columns": {
   "Vandringar": ["Datum", "Vem", "Ljus", "Deltagare", "Platser"],
   "Trygga platser": ["Datum", "Kategori", "Position (WGS84)"],
   "Platserna en och en": ["Nr", "Hittad", "Kategori", "Allv.", "Status", "Beslut",
                           "Vandrarnas svar", "Svarat"]},
 "tables": {
   "Platser per kategori och allvarlighet": {"Totalt": ["2", "2", "1", "1", "6"]},
   "Status nu per kategori": {"Totalt": ["4", "1", "1", "1", "1", "1", "2", "1"]}},
 "no_table": ["Alla årets platser"],
 "absent": ["script", "Farthinder", "alert(1)", "vid stationen", "Anna Andersson", "Häcken",
            "Bilar kör fort", "biblioteket", "Karlstad", "Kvällsvandring",
            "Torget", "Centrum Hemligt", "Höstvandring", "Hemliga", "Norrmalm",
            "Uppföljning januari", "Lastgatan", "Kolsvart", "Fint upplyst",
            "Ny armatur", "Bo Berg", "070-1234567", "Utreds", "Lampan bytt",
            "Trafikverkets väg", "skickat vidare"]}
EOF
check_cmd "public report: no free text, same counts" $CHECK html "$PUB" "$WORK/public.json"

# ---------------------------------------------------------------------------
section "in English, with an installed base map"

must_trygg map install "$MAPS/good-all.geojson"
EN=$WORK/en.html
run_trygg --db "$MUNI" report --year "$Y" --lang en --public --out "$EN"
check_rc "English report exits 0" 0
cat >"$WORK/en.json" <<EOF
{"lang": "en", "dots": 6,
 "kpi": ["2 walks", "5 unsafe spots", "1 of 4 last year's spots fixed"],
 "caption": ["Test data, made up for trygg's tests",
             "1 spot lies outside the map's view"],
 "text": ["Public version", "Compared with last year"],
 "tables": {
   "Spots by category and severity": {"Poor lighting": ["1", "0", "1", "0", "2"],
                                      "Total": ["2", "2", "1", "1", "6"]},
   "Status now by category": {"Poor lighting": ["2", "0", "1", "1", "0", "1", "1", "0"]},
   "The spots one by one": {
     "5a000002": ["$P-10-14", "Poor lighting", "3", "Fixed", "$(date +%F)",
                  "Fixed", "$Y-01-02"]}},
 "absent": ["Dålig belysning", "Lampan bytt"]}
EOF
check_cmd "English report: labels and words" $CHECK html "$EN" "$WORK/en.json"
EN_HTML=$(cat "$EN")
check_has "the installed map's park is drawn" '<path class="a3" d="M' "$EN_HTML"
check_has "the installed map's roads are drawn" '<use href="#roads"' "$EN_HTML"
check_has "its landmark is named" '>Station</text>' "$EN_HTML"

printf '{"type": "FeatureCollection", "features": []}' \
    >"$XDG_DATA_HOME/trygg/map.geojson"
run_trygg --db "$MUNI" report --year "$Y" --public --out "$WORK/fallback.html"
check_rc "a broken installed map does not stop the report" 0
check_has "it is named on stderr" "installed base map cannot be used" "$ERR"
check_has "the built-in map is drawn instead" "Trafikverket" \
    "$(cat "$WORK/fallback.html")"
rm -f "$XDG_DATA_HOME/trygg/map.geojson"

# ---------------------------------------------------------------------------
section "a year without walks, and failures"

run_trygg --db "$MUNI" report --year 1999 --out "$WORK/empty.html"
check_rc "an empty year is a report too" 0
cat >"$WORK/empty.json" <<EOF
{"lang": "sv", "dots": 0, "kpi": ["0 vandringar"],
 "text": ["Inga vandringar registrerades det här året.",
          "Förra året markerades inga otrygga platser."],
 "caption": ["Inga platser att visa."],
 "tables": {"Platser per kategori och allvarlighet": {"Totalt": ["0", "0", "0", "0", "0"]}}}
EOF
check_cmd "empty year: zeros everywhere" $CHECK html "$WORK/empty.html" "$WORK/empty.json"

run_trygg --db "$MUNI" report --year "$Y" --out "$WORK/no/such/dir/r.html"
check_rc "an unwritable place fails" 1
check_match "one sentence naming the folder" "^trygg report: cannot create a file in .*/no/such/dir" "$ERR"
check_eq "nothing written there" "" "$(find "$WORK" -path '*no/such*')"

cp "$FULL" "$WORK/old.html"
run_trygg --db "$MUNI" report --year "$P" --out "$FULL"
check_rc "an existing report is replaced" 0
check_lacks "the new one is last year's" "Trygghetsvandringar i Filipstad $Y<" \
    "$(cat "$FULL")"
check_has "the new one names its year" "Trygghetsvandringar i Filipstad $P<" \
    "$(cat "$FULL")"

# ---------------------------------------------------------------------------
section "rendered offline in headless Chromium"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $CHROMIUM ]]; then
    fail "chromium is installed (CI installs it; this test needs it)"
    finish
    exit 1
fi
pass "chromium is installed"
# Every host name fails to resolve, so a reference to the net could only
# break the page; the net log shows whether one was tried at all.
CHROME_FLAGS=(--headless --no-sandbox --disable-gpu --no-first-run
    --disable-background-networking --disable-component-update
    --disable-sync --disable-default-apps --user-data-dir="$WORK/chrome"
    --host-resolver-rules="MAP * ~NOTFOUND")
# chrome_run OUT_LOG ARGS...: one headless run; its own exit code is not
# the verdict (the files it writes are checked).
chrome_run() {
    local log=$1
    shift
    timeout 60 "$CHROMIUM" "${CHROME_FLAGS[@]}" "$@" >"$log" 2>&1 || true
}
PNG=$WORK/public.png
chrome_run "$WORK/chrome.out" --window-size=1240,1754 \
    --log-net-log="$WORK/net.json" --screenshot="$PNG" "file://$PUB"
check_cmd "chromium wrote a screenshot" test -s "$PNG"
# lighting, vegetation, traffic, other, safe: every category on the map.
check_cmd "the screenshot shows the report and its map's colours" \
    $CHECK png "$PNG" 0.10 F2C200 2E8B3A E53935 757575 00C853
check_cmd "the page asked for nothing outside the file" \
    $CHECK netlog "$WORK/net.json"
# The same check on a page that does fetch: it must catch it.
printf '<p>x</p><img src="http://example.invalid/x.png">' >"$WORK/bad.html"
chrome_run "$WORK/chrome-bad.out" --window-size=400,300 \
    --log-net-log="$WORK/net-bad.json" --screenshot="$WORK/bad.png" \
    "file://$WORK/bad.html"
if $CHECK netlog "$WORK/net-bad.json" >"$WORK/net-bad.txt" 2>&1; then
    fail "the net log check catches a page that fetches" "$(cat "$WORK/net-bad.txt")"
else
    pass "the net log check catches a page that fetches"
fi
PDF=$WORK/full.pdf
chrome_run "$WORK/chrome-pdf.out" --no-pdf-header-footer \
    --print-to-pdf="$PDF" "file://$WORK/old.html"
check_cmd "the full report prints on a few A4 pages" $CHECK pdf "$PDF" 2 6

finish
