# lib.sh: helpers shared by the integration scripts (test_*.sh). Sourced,
# never run. The sourcing script passes the trygg binary as its first
# argument; this file makes a private work folder ($WORK, removed on exit),
# counts checks and prints the summary line.
#
# Every check_* prints one "ok"/"FAIL" line and counts it; a FAIL line says
# what was expected and what came. Setup steps that must work for the rest
# of a script to mean anything use must_trygg, which stops the script (as a
# failure) when the command fails.

TEST_NAME=$(basename "${0%.sh}")
TRYGG=${1:-}
if [[ -z $TRYGG || ! -x $TRYGG ]]; then
    echo "usage: bash $0 /abs/path/to/trygg" >&2
    exit 2
fi
PASS=0
FAIL=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/$TEST_NAME.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Sections and results -------------------------------------------------------

section() { printf '\n== %s\n' "$*"; }

pass() {
    PASS=$((PASS + 1))
    printf '  ok    %s\n' "$1"
}

# fail NAME [DETAIL...]: one failed check, each DETAIL on its own line.
fail() {
    FAIL=$((FAIL + 1))
    printf '  FAIL  %s\n' "$1"
    shift
    local l
    for l in "$@"; do
        printf '        %s\n' "$l"
    done
}

# finish: the summary line; exit status 1 when any check failed.
finish() {
    echo
    echo "$TEST_NAME: $PASS passed, $FAIL failed"
    [[ $FAIL -eq 0 ]]
}

# die MESSAGE [DETAIL...]: a setup step failed; nothing after it would mean
# anything. Also said on stderr, since it may happen inside $(...).
die() {
    fail "setup: $1" "${@:2}"
    printf '%s: setup failed: %s\n' "$TEST_NAME" "$*" >&2
    finish || true
    exit 1
}

# Running trygg -------------------------------------------------------------

# run_trygg ARGS...: run trygg, never stopping the script. Sets RC, OUT, ERR
# (OUT and ERR without trailing newlines) and LAST (last line of stdout).
# The raw stdout stays in $WORK/.out for byte-exact comparisons.
run_trygg() {
    RC=0
    "$TRYGG" "$@" >"$WORK/.out" 2>"$WORK/.err" || RC=$?
    OUT=$(cat "$WORK/.out")
    ERR=$(cat "$WORK/.err")
    # shellcheck disable=SC2034 # used by the sourcing scripts
    LAST=$(tail -n 1 "$WORK/.out")
}

# must_trygg ARGS...: like run_trygg, but a non-zero exit stops the script.
must_trygg() {
    run_trygg "$@"
    [[ $RC -eq 0 ]] || die "trygg $* exited $RC" "stderr: $ERR"
}

# Checks ---------------------------------------------------------------------

# check_eq NAME EXPECTED ACTUAL
check_eq() {
    if [[ $2 == "$3" ]]; then
        pass "$1"
    else
        fail "$1" "expected: $(printf '%q' "$2")" "got:      $(printf '%q' "$3")"
    fi
}

# check_rc NAME EXPECTED: the exit code of the last run_trygg.
check_rc() {
    if [[ $RC -eq $2 ]]; then
        pass "$1"
    else
        fail "$1" "expected exit $2, got $RC" "stdout: $OUT" "stderr: $ERR"
    fi
}

# check_match NAME REGEX TEXT (bash extended regex)
check_match() {
    if [[ $3 =~ $2 ]]; then
        pass "$1"
    else
        fail "$1" "expected to match: $2" "got: $(printf '%q' "$3")"
    fi
}

# shorten TEXT: TEXT quoted for a message, cut to 400 characters.
shorten() {
    local q
    q=$(printf '%q' "$1")
    if [[ ${#q} -gt 400 ]]; then
        q="${q:0:400}..."
    fi
    printf '%s' "$q"
}

# check_has NAME NEEDLE TEXT: TEXT contains NEEDLE as a plain string.
check_has() {
    if [[ $3 == *"$2"* ]]; then
        pass "$1"
    else
        fail "$1" "expected to contain: $(printf '%q' "$2")" \
            "got: $(shorten "$3")"
    fi
}

# check_lacks NAME NEEDLE TEXT: TEXT does not contain NEEDLE.
check_lacks() {
    if [[ $3 != *"$2"* ]]; then
        pass "$1"
    else
        fail "$1" "expected not to contain: $(printf '%q' "$2")" \
            "got: $(shorten "$3")"
    fi
}

# check_cmd NAME COMMAND...: the command exits 0.
check_cmd() {
    local name=$1 out rc=0
    shift
    out=$("$@" 2>&1) || rc=$?
    if [[ $rc -eq 0 ]]; then
        pass "$name"
    else
        fail "$name" "command failed (exit $rc): $*" "$out"
    fi
}

# check_same_file NAME A B: byte-identical files.
check_same_file() {
    if cmp -s "$2" "$3"; then
        pass "$1"
    else
        fail "$1" "$2 and $3 differ:" "$(diff <(od -c "$2") <(od -c "$3") | head -n 8)"
    fi
}

# Bundles and databases -------------------------------------------------------

# shellcheck disable=SC2034 # used by the sourcing scripts
UUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
BUNDLE_FILES=(manifest.csv walks.csv spots.csv categories.csv)

# remake_sums DIR: SHA256SUMS for the four CSV files, as the writer makes it.
remake_sums() {
    (cd "$1" && sha256sum "${BUNDLE_FILES[@]}" >SHA256SUMS)
}

# manifest_get DIR KEY: a value from manifest.csv (simple unquoted values).
manifest_get() {
    awk -F, -v k="$2" '$1 == k { sub(/\r$/, "", $2); print $2 }' "$1/manifest.csv"
}

# data_rows FILE: rows after the header, for files without line breaks in
# fields (manifest, walks, categories, simple spots).
data_rows() {
    echo $(($(wc -l <"$1") - 1))
}

# sql DB QUERY: plain sqlite3. (Not -readonly: that leaves -wal and -shm
# files behind; a read-write connection that only reads removes them on close
# and leaves the database file itself untouched.)
sql() {
    sqlite3 -batch "$1" "$2"
}

# db_fingerprint DB: sha256 of the file and of its full SQL dump. Fails the
# check "no WAL data" when a -wal file with content is left next to it,
# since then the file alone would not show a change.
db_fingerprint() {
    if [[ -s $1-wal ]]; then
        fail "no WAL data left beside $(basename "$1")" \
            "$(stat -c %s "$1-wal") bytes in $1-wal"
    fi
    printf '%s %s\n' "$(sha256sum <"$1" | cut -d' ' -f1)" \
        "$(sql "$1" .dump | sha256sum | cut -d' ' -f1)"
}

# spot_col DB SPOT_ID COLUMN: one column of one stored spot.
spot_col() {
    sql "$1" "SELECT $3 FROM spots WHERE spot_id = '$2'"
}
