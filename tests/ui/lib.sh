# lib.sh: helpers shared by the UI scripts (tests/ui/test_*.sh). Sourced,
# never run. Builds on tests/integration/lib.sh (checks, run_trygg, $WORK,
# the summary line) and adds: running the real app on a script, reading
# spots.csv and walks.csv without sqlite3, and looking at screenshots.
#
# The sourcing script gets two arguments: the trygg binary and the png_stat
# helper (tests/ui/png_stat.c). Screenshots go to $SHOTS, a temporary
# folder of its own that is kept (and named at the start and the end) so a
# person can look at them; $WORK is removed on exit as in the integration
# tests.

# Globals set here (OUT, SPOT_ROW, BUNDLE, PNG...) are read by the sourcing
# scripts.
# shellcheck disable=SC2034
# shellcheck source=../integration/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh"

PNG_STAT=${2:-}
if [[ -z $PNG_STAT || ! -x $PNG_STAT ]]; then
    echo "usage: bash $0 /abs/path/to/trygg /abs/path/to/png_stat" >&2
    exit 2
fi
UI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCRIPTS=$UI_DIR/scripts
SHOTS=$(mktemp -d "${TMPDIR:-/tmp}/trygg-ui-$TEST_NAME.XXXXXX")
# The app picks the offscreen driver itself when there is no display; a
# test wants it even on a desktop, so no window pops up.
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
APP_SIZE=720x1280
echo "$TEST_NAME: screenshots in $SHOTS"

# ui_finish: the summary line, and where the screenshots are.
ui_finish() {
    echo "$TEST_NAME: screenshots in $SHOTS"
    finish
}

# Running the app -------------------------------------------------------------

# run_app DB SCRIPT [APP_OPTIONS...]: the touch app on tests/ui/scripts/
# SCRIPT (a bare name) or SCRIPT (a path), started in $SHOTS so that its
# `shot` lines land there. Sets RC, OUT, ERR like run_trygg.
run_app() {
    local db=$1 script=$2
    shift 2
    [[ $script == */* ]] || script=$SCRIPTS/$script
    RC=0
    (
        cd "$SHOTS"
        # no GPS unless a test asks (a later --gps wins): a gpsd that
        # happens to run on the machine must not move the map
        exec "$TRYGG" --db "$db" --script "$script" --size "$APP_SIZE" \
            --gps none "$@"
    ) >"$WORK/.out" 2>"$WORK/.err" || RC=$?
    OUT=$(cat "$WORK/.out")
    ERR=$(cat "$WORK/.err")
}

# must_app DB SCRIPT [APP_OPTIONS...]: run_app; a failed line stops the
# test (the app names FILE:LINE and what failed).
must_app() {
    run_app "$@"
    if [[ $RC -eq 0 ]]; then
        pass "script $(basename "$2") ran to its end"
    else
        die "script $(basename "$2") failed (exit $RC)" "stderr: $ERR"
    fi
}

# line_of SCRIPT TEXT: the number of the one line of SCRIPT (a bare name
# under scripts/) that is exactly TEXT.
line_of() {
    local n
    n=$(grep -n -x -F -- "$2" "$SCRIPTS/$1" | cut -d: -f1)
    [[ $n =~ ^[0-9]+$ ]] || die "line_of: no single line \"$2\" in $1" "$n"
    echo "$n"
}

# app_fails_at NAME DB SCRIPT LINE_TEXT [APP_OPTIONS...]: a "negative
# expect". The script's last line (LINE_TEXT) is an expect that must fail:
# it names a widget that must NOT be on screen. Passes when the app exits
# non-zero naming exactly that line, and only that.
app_fails_at() {
    local name=$1 db=$2 script=$3 text=$4 line
    shift 4
    line=$(line_of "$script" "$text")
    run_app "$db" "$script" "$@"
    if [[ $RC -ne 0 && $ERR == *"$script:$line: "* ]]; then
        pass "$name"
    else
        fail "$name" "expected the script to fail at $script:$line ($text)" \
            "exit $RC, stderr: $ERR"
    fi
}

# CSV without sqlite3 ----------------------------------------------------------

declare -gA CSV=()
CSV_N=0
FIELDS=()

# csv_split LINE: the fields of one RFC 4180 record without line breaks in
# its fields (trygg's notes and titles have none) into FIELDS.
csv_split() {
    local line=$1 f="" c i q=0 n=${#1}
    FIELDS=()
    for ((i = 0; i < n; i++)); do
        c=${line:i:1}
        if ((q)); then
            if [[ $c != '"' ]]; then
                f+=$c
            elif [[ ${line:i+1:1} == '"' ]]; then
                f+='"'
                i=$((i + 1))
            else
                q=0
            fi
        elif [[ $c == '"' ]]; then
            q=1
        elif [[ $c == , ]]; then
            FIELDS+=("$f")
            f=""
        else
            f+=$c
        fi
    done
    FIELDS+=("$f")
}

# csv_load FILE: the rows of FILE into CSV[ROW,COLUMN] by the header's
# column names, ROW from 1; CSV_N rows. CRLF or LF.
csv_load() {
    local line i header=()
    CSV=()
    CSV_N=0
    while IFS= read -r line || [[ -n $line ]]; do
        csv_split "${line%$'\r'}"
        if ((${#header[@]} == 0)); then
            header=("${FIELDS[@]}")
            continue
        fi
        CSV_N=$((CSV_N + 1))
        for i in "${!header[@]}"; do
            CSV[$CSV_N,${header[i]}]=${FIELDS[i]-}
        done
    done <"$1"
}

# csv_rows COLUMN VALUE: the rows (space-separated) where COLUMN is VALUE.
csv_rows() {
    local r out=()
    for ((r = 1; r <= CSV_N; r++)); do
        [[ ${CSV[$r,$1]-} == "$2" ]] && out+=("$r")
    done
    echo "${out[*]}"
}

# csv_row COLUMN VALUE: the one row where COLUMN is VALUE; a check fails
# (and the row is 0) when there is none or more than one.
csv_row() {
    local rows
    rows=$(csv_rows "$1" "$2")
    if [[ $rows =~ ^[0-9]+$ ]]; then
        echo "$rows"
    else
        echo 0
        return 1
    fi
}

# load_spots DB: every spot (deleted too) of DB, through the command line's
# spot list --csv, into CSV; the CSV text stays in $WORK/spots.csv.
load_spots() {
    must_trygg --db "$1" spot list --csv
    cp "$WORK/.out" "$WORK/spots.csv"
    csv_load "$WORK/spots.csv"
}

# spot_row NAME COLUMN VALUE: like csv_row, counted as a check.
spot_row() {
    local row
    if row=$(csv_row "$2" "$3"); then
        pass "$1: one spot with $2 = $3"
    else
        fail "$1: one spot with $2 = $3" \
            "rows: $(csv_rows "$2" "$3")" "spots: $(cat "$WORK/spots.csv")"
    fi
    SPOT_ROW=$row
}

# check_fields NAME ROW COLUMN=VALUE...: the row's columns, exactly.
check_fields() {
    local name=$1 row=$2 kv
    shift 2
    for kv in "$@"; do
        check_eq "$name: ${kv%%=*}" "${kv#*=}" "${CSV[$row,${kv%%=*}]-<none>}"
    done
}

# Numbers ------------------------------------------------------------------

# num_cmp A OP B: true when A OP B (OP one of < > <= >= ==), as decimals.
num_cmp() {
    awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN {
        if (op == "<") r = a + 0 < b + 0
        else if (op == ">") r = a + 0 > b + 0
        else if (op == "<=") r = a + 0 <= b + 0
        else if (op == ">=") r = a + 0 >= b + 0
        else r = a + 0 == b + 0
        exit !r }'
}

# check_num NAME A OP B
check_num() {
    if num_cmp "$2" "$3" "$4"; then
        pass "$1"
    else
        fail "$1" "expected $2 $3 $4"
    fi
}

# metres_between LAT1 LON1 LAT2 LON2: the distance, rounded (a few km at
# most, so the flat-earth formula is exact enough).
metres_between() {
    awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" 'BEGIN {
        pi = atan2(0, -1); k = 6371000 * pi / 180
        dn = (c - a) * k; de = (d - b) * k * cos(a * pi / 180)
        printf "%d\n", sqrt(dn * dn + de * de) + 0.5 }'
}

# Bundles ------------------------------------------------------------------

# the_bundle DIR: the one trygg-* folder in DIR (a check fails otherwise).
the_bundle() {
    local b=("$1"/trygg-*)
    if [[ ${#b[@]} -eq 1 && -d ${b[0]} ]]; then
        pass "one bundle in $(basename "$1")"
        BUNDLE=${b[0]}
    else
        fail "one bundle in $(basename "$1")" "found: $(ls -A "$1" 2>&1)"
        BUNDLE=""
    fi
}

# count_bundles DIR: how many trygg-* folders DIR has (0 when it is gone).
count_bundles() {
    find "$1" -mindepth 1 -maxdepth 1 -name 'trygg-*' 2>/dev/null | wc -l
}

# check_same_rows NAME A B: the two CSV files have the same header and the
# same rows in any order (a bundle lists rows in change order, spot list
# --csv newest first).
check_same_rows() {
    local a b
    a=$(head -n 1 "$2"; tail -n +2 "$2" | LC_ALL=C sort)
    b=$(head -n 1 "$3"; tail -n +2 "$3" | LC_ALL=C sort)
    if [[ $a == "$b" ]]; then
        pass "$1"
    else
        fail "$1" "$(diff <(echo "$a") <(echo "$b") | head -n 8)"
    fi
}

# check_bundle_sums NAME DIR: sha256sum -c SHA256SUMS passes inside DIR.
check_bundle_sums() {
    # shellcheck disable=SC2016 # $1 is the inner shell's
    check_cmd "$1" bash -c 'cd "$1" && sha256sum --quiet -c SHA256SUMS' _ "$2"
}

# Screenshots ---------------------------------------------------------------

# png_stat FILE [X Y W H]: the helper's key=value line into PNG[key].
declare -gA PNG=()
png_stat() {
    local kv line
    PNG=()
    line=$("$PNG_STAT" "$@") || { fail "png_stat $*" "$line"; return 1; }
    for kv in $line; do
        PNG[${kv%%=*}]=${kv#*=}
    done
}

# check_dark NAME SHOT: a night screen: low mean luminance, no near-white
# pixel, and only small bright areas (text, markers).
check_dark() {
    local f=$SHOTS/$2
    [[ -f $f ]] || { fail "$1" "no screenshot $f"; return; }
    png_stat "$f" || return
    check_num "$1: mean luminance ${PNG[mean_luma]} is low (< 40)" \
        "${PNG[mean_luma]}" "<" 40
    check_eq "$1: no near-white pixel" 0 "${PNG[near_white]}"
    check_num "$1: bright pixels ${PNG[bright_frac]} are a small share (< 5 %)" \
        "${PNG[bright_frac]}" "<" 0.05
}

# check_white_band NAME SHOT: the day theme: the top band of the screen
# (above the header's widgets, where only the background shows) is white.
check_white_band() {
    local f=$SHOTS/$2
    [[ -f $f ]] || { fail "$1" "no screenshot $f"; return; }
    png_stat "$f" 0 0 720 10 || return
    check_eq "$1: background is white (min luminance of the top band)" \
        255 "${PNG[min_luma]}"
}

# check_has_text NAME SHOT X Y W H: something dark is drawn on the white
# rectangle (a message the script cannot `expect`, since expect only sees
# buttons and tiles).
check_has_text() {
    local name=$1 f=$SHOTS/$2
    shift 2
    [[ -f $f ]] || { fail "$name" "no screenshot $f"; return; }
    png_stat "$f" "$@" || return
    check_num "$name (darkest pixel ${PNG[min_luma]})" "${PNG[min_luma]}" "<" 100
}
