#!/usr/bin/env bash
# test_damaged_db: a device database that is damaged (pages overwritten,
# the file cut short, the header gone, damage with a -wal beside it) is
# found when trygg opens it, reported with what to do, and never changed;
# `trygg salvage --out DIR` writes what can still be read as an ordinary
# bundle that the municipality imports, and says honestly what was lost.
#
# The damage is real: bytes of the SQLite file are overwritten where
# sqlite3's dbstat says the spots table keeps its rows.
#
# usage: bash tests/integration/test_damaged_db.sh /abs/path/to/trygg
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEV=$WORK/device.sqlite
MUNI=$WORK/municipality.sqlite
NOTE_PAD=$(printf 'x%.0s' $(seq 300)) # long notes: many pages of spots

# add_spots N TAG: N spots on the open walk of $DEV.
add_spots() {
    local i
    for i in $(seq "$1"); do
        must_trygg --db "$DEV" spot add --lat "59.70$i" --lon "14.16$i" \
            --category lighting --severity 2 --note "$2 nr $i, vid bron; $NOTE_PAD"
    done
}

# files_sum DB: sha256 of the file and of its -wal when that holds
# anything. (SQLite may create an empty -wal when it opens the file; an
# empty one holds no data.)
files_sum() {
    local f
    for f in "$1" "$1-wal"; do
        if [[ -s $f ]]; then sha256sum <"$f" | cut -d' ' -f1; fi
    done | tr '\n' ' '
}

# overwrite_pages DB PAGE...: fill whole pages with 0xff. (The page size
# comes from the healthy file: opening a damaged one with a -wal would
# checkpoint it.)
overwrite_pages() {
    local db=$1 pg
    shift
    for pg in "$@"; do
        head -c "$PAGE_SIZE" /dev/zero | tr '\0' '\377' |
            dd of="$db" bs="$PAGE_SIZE" seek=$((pg - 1)) conv=notrunc status=none
    done
}

# ids FILE...: the distinct spot ids of bundles' spots.csv files.
ids() {
    tail -q -n +2 "$@" | cut -d, -f1 | sort -u
}

# spot_leaves DB: the leaf pages of the spots table, in b-tree order.
spot_leaves() {
    sql "$1" "SELECT pageno FROM dbstat WHERE name='spots' AND pagetype='leaf'
              ORDER BY path"
}

# refused_unchanged LABEL DB: every command refuses the file, names the
# damage and the way out, and leaves the file (and its -wal) as it was.
refused_unchanged() {
    local label=$1 db=$2 before
    before=$(files_sum "$db")
    run_trygg --db "$db" walk list
    check_rc "$label: walk list refuses the file" 1
    check_match "$label: ... saying it is damaged or unreadable and unchanged" \
        '(damaged|cannot be read).*it was not changed' "$ERR"
    check_has "$label: ... and how to rescue it" "salvage --out DIR" "$ERR"
    run_trygg --db "$db" spot add --lat 59.7 --lon 14.1 --category lighting \
        --severity 1
    check_rc "$label: spot add refuses the file" 1
    check_eq "$label: the file (and -wal) are byte-identical" "$before" \
        "$(files_sum "$db")"
}

# rescued_match LABEL BUNDLE: every spot of the bundle is, field for field,
# the spot as the healthy device had it.
rescued_match() {
    local scratch=$WORK/cmp.sqlite
    rm -f "$scratch"
    sqlite3 "$scratch" ".import --csv $2/spots.csv s" >/dev/null
    check_eq "$1: rescued spots equal the healthy device's (note, place, revision)" 0 \
        "$(sqlite3 "$scratch" "ATTACH '$WORK/healthy.sqlite' AS h;
           SELECT COUNT(*) FROM s LEFT JOIN h.spots t USING(spot_id)
           WHERE t.spot_id IS NULL OR s.note <> t.note OR s.revision <> t.revision
              OR abs(s.latitude - t.latitude) > 1e-9 OR s.walk_id <> t.walk_id")"
}

# ---------------------------------------------------------------------------
section "setup: a device with two walks, one already at the municipality"

must_trygg --db "$DEV" walk start --title 'Kvällsvandring, Storgatan'
add_spots 30 'första'
mkdir -p "$WORK/sync1"
must_trygg --db "$DEV" sync --out "$WORK/sync1"
must_trygg --db "$MUNI" import "$LAST"
must_trygg --db "$DEV" walk end
must_trygg --db "$DEV" walk start --title 'Andra rundan'
add_spots 40 'andra'
FIRST=$(sql "$DEV" 'SELECT spot_id FROM spots ORDER BY rowid LIMIT 1')
must_trygg --db "$DEV" spot edit "$FIRST" --note 'ändrad efter synk'
TOTAL=$(sql "$DEV" 'SELECT COUNT(*) FROM spots')
check_eq "the device holds 70 spots" 70 "$TOTAL"
cp "$DEV" "$WORK/healthy.sqlite"
SYNC1=$(ls -d "$WORK"/sync1/trygg-*)
PAGE_SIZE=$(sql "$DEV" 'PRAGMA page_size')
mapfile -t LEAVES < <(spot_leaves "$DEV")
check_match "the spots fill many pages (${#LEAVES[@]} leaves)" '^([5-9]|[1-9][0-9]+)$' \
    "${#LEAVES[@]}"

# ---------------------------------------------------------------------------
section "two pages of spots overwritten"

BAD=$WORK/pages.sqlite
cp "$DEV" "$BAD"
MID=$((${#LEAVES[@]} / 2))
overwrite_pages "$BAD" "${LEAVES[MID]}" "${LEAVES[MID + 1]}"
refused_unchanged "pages" "$BAD"
BEFORE=$(files_sum "$BAD")
mkdir -p "$WORK/out-pages"
run_trygg --db "$BAD" salvage --out "$WORK/out-pages"
check_rc "salvage: exit 0" 0
check_eq "salvage: the damaged file is byte-identical afterwards" "$BEFORE" \
    "$(files_sum "$BAD")"
B=$LAST
check_cmd "salvage: its bundle verifies with sha256sum -c" \
    bash -c "cd '$B' && sha256sum --strict -c SHA256SUMS"
RESCUED=$(manifest_get "$B" spots)
LOST=$(sed -n 's/^Lost where the file is damaged: \([0-9]*\) rows$/\1/p' <<<"$OUT")
check_match "salvage: some spots rescued ($RESCUED), some lost ($LOST)" \
    '^[1-9][0-9]* [1-9][0-9]*$' "$RESCUED ${LOST:-none}"
check_eq "salvage: rescued + lost = the 70 spots the device had" 70 \
    $((RESCUED + ${LOST:-0}))
check_has "salvage: says how many walks and spots it rescued" \
    "Rescued 2 walks, $RESCUED spots" "$OUT"
rescued_match "pages" "$B"
# The municipality takes it like any bundle: the spots it had are
# unchanged or newer, and the rescued new ones are added.
cp "$MUNI" "$WORK/m-pages.sqlite"
run_trygg --db "$WORK/m-pages.sqlite" import "$B"
check_rc "import of the rescued bundle: exit 0" 0
check_eq "import: the municipality holds the earlier and the rescued spots" \
    "$(ids "$SYNC1/spots.csv" "$B/spots.csv" | wc -l)" \
    "$(sql "$WORK/m-pages.sqlite" 'SELECT COUNT(*) FROM spots')"
check_eq "import: each rescued spot arrived as the bundle has it" 0 \
    "$(sqlite3 "$WORK/cmp.sqlite" "ATTACH '$WORK/m-pages.sqlite' AS m;
       SELECT COUNT(*) FROM s LEFT JOIN m.spots t USING(spot_id)
       WHERE t.spot_id IS NULL OR t.note <> s.note OR t.revision <> s.revision")"

# ---------------------------------------------------------------------------
section "the file cut short"

BAD=$WORK/cut.sqlite
cp "$DEV" "$BAD"
# Cut after the middle leaf of spots: the rows before it stay readable.
truncate -s $((LEAVES[MID] * PAGE_SIZE)) "$BAD"
refused_unchanged "cut" "$BAD"
mkdir -p "$WORK/out-cut"
run_trygg --db "$BAD" salvage --out "$WORK/out-cut"
check_rc "salvage of a cut file: exit 0" 0
check_has "salvage: says the end is lost without a count" \
    "how many rows were there cannot be told" "$OUT"
RESCUED=$(manifest_get "$LAST" spots)
if [[ $RESCUED -ge 1 && $RESCUED -lt 70 ]]; then
    pass "salvage: some of the 70 spots rescued ($RESCUED)"
else
    fail "salvage: some of the 70 spots rescued ($RESCUED)"
fi
rescued_match "cut" "$LAST"
cp "$MUNI" "$WORK/m-cut.sqlite"
run_trygg --db "$WORK/m-cut.sqlite" import "$LAST"
check_rc "import of the bundle rescued from the cut file: exit 0" 0

# ---------------------------------------------------------------------------
section "the header overwritten: nothing can be read"

BAD=$WORK/header.sqlite
cp "$DEV" "$BAD"
printf 'this is not a database at all' | dd of="$BAD" conv=notrunc status=none
refused_unchanged "header" "$BAD"
mkdir -p "$WORK/out-header"
BEFORE=$(files_sum "$BAD")
run_trygg --db "$BAD" salvage --out "$WORK/out-header"
check_rc "salvage of an unreadable file: exit 1" 1
check_has "salvage: says nothing can be read" "nothing can be read from $BAD" "$ERR"
check_eq "salvage: no bundle folder written" "" "$(ls -A "$WORK/out-header")"
check_eq "salvage: the file is byte-identical" "$BEFORE" "$(files_sum "$BAD")"

# ---------------------------------------------------------------------------
section "damage with a -wal beside it (the last changes not yet in the file)"

# A copy whose newest changes are only in its -wal, as after a crash.
BAD=$WORK/wal.sqlite
python3 - "$DEV" "$BAD" <<'EOF'
import shutil, sqlite3, sys
src, dst = sys.argv[1], sys.argv[2]
shutil.copy(src, dst)
c = sqlite3.connect(dst)
c.execute("PRAGMA wal_autocheckpoint=0")
# only the newest rows: their pages are in the -wal, the first ones not
c.execute("UPDATE spots SET note = note || ' (i WAL)', revision = revision + 1,"
          " change_seq = change_seq + 1000 WHERE rowid > 64")
c.commit()
shutil.copy(dst, dst + ".snap")
shutil.copy(dst + "-wal", dst + ".snap-wal")
c.close()
shutil.move(dst + ".snap", dst)
shutil.move(dst + ".snap-wal", dst + "-wal")
EOF
rm -f "$BAD-shm"
check_cmd "the copy has a -wal with content" test -s "$BAD-wal"
overwrite_pages "$BAD" "${LEAVES[1]}"
refused_unchanged "wal" "$BAD"
mkdir -p "$WORK/out-wal"
BEFORE=$(files_sum "$BAD")
run_trygg --db "$BAD" salvage --out "$WORK/out-wal"
check_rc "salvage with a -wal: exit 0" 0
check_eq "salvage: file and -wal byte-identical" "$BEFORE" "$(files_sum "$BAD")"
check_match "salvage: the changes only in the -wal are rescued" '^[1-9][0-9]*$' \
    "$(grep -c '(i WAL)' "$LAST/spots.csv" || true)"

# ---------------------------------------------------------------------------
section "where the bundle cannot go"

BAD=$WORK/pages.sqlite
BEFORE=$(files_sum "$BAD")
run_trygg --db "$BAD" salvage --out "$WORK/no/such/stick"
check_rc "salvage to a folder that is not there: exit 1" 1
check_has "... naming the folder" "$WORK/no/such/stick" "$ERR"
check_eq "... and the damaged file is byte-identical" "$BEFORE" "$(files_sum "$BAD")"
run_trygg --db "$BAD" salvage
check_rc "salvage without --out: usage error (exit 2)" 2

# ---------------------------------------------------------------------------
section "positive control: a healthy file"

mkdir -p "$WORK/out-healthy"
run_trygg --db "$WORK/healthy.sqlite" salvage --out "$WORK/out-healthy"
check_rc "salvage of a healthy file: exit 0" 0
check_eq "... every one of the 70 spots" 70 "$(manifest_get "$LAST" spots)"
check_lacks "... and nothing reported lost" "Lost" "$OUT"
rescued_match "healthy" "$LAST"

finish
