#!/usr/bin/env bash
# make-corpus.sh: (re)make the seed corpus of the fuzz targets from real
# bundles written by the real trygg command line. Not run by CTest or CI:
# the corpus is committed (corpus/<target>/), and this script says how it
# was made. Run it after a change to the bundle format, then look at the
# diff; keep the corpus small (under ~50 files, ~200 KB).
#
# usage: tests/fuzz/make-corpus.sh /abs/path/to/trygg
#
# What it makes:
#   corpus/fuzz_import/  each bundle as one file in fuzz_bundle.h's
#                        container form: manifest.csv, walks.csv, spots.csv,
#                        categories.csv and checks.csv (when the bundle has
#                        one) joined by "%%" lines
#   corpus/fuzz_csv/     every distinct CSV file of those bundles, plus a
#                        few hand-made ones for the dialect's corners
#   corpus/fuzz_followup/ the follow-up bundle in container form:
#                        manifest.csv, followup.csv, categories.csv
#
# The bundles: a dark walk by a volunteer with a Swedish title; spots whose
# notes hold quotes, commas, a line break, å ä ö, and a formula-like start
# (=, +, -, @); a positive (safe) spot without severity; a GPS spot with
# accuracy; then a second sync after an edit (revision 2) and a delete; a
# --all re-export; and a bundle with follow-up answers (checks.csv) from a
# device that imported the municipality's follow-up list.
set -euo pipefail

trygg=${1:?usage: $0 /abs/path/to/trygg}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/trygg-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT
dev="$work/device.sqlite"
muni="$work/muni.sqlite"

t() { "$trygg" --db "$1" "${@:2}"; }
last() { tail -n 1; }

# join OUT FILE...: the files in container form (absent ones end the list:
# a bundle without checks.csv simply has four parts).
join() {
    local out=$1 f first=1
    shift
    : >"$out"
    for f in "$@"; do
        [[ -f $f ]] || break
        ((first)) || printf '%%%%\n' >>"$out"
        cat "$f" >>"$out"
        first=0
    done
}

bundle_to_corpus() { # bundle-dir name
    local b=$1 name=$2
    join "$here/corpus/fuzz_import/$name" "$b/manifest.csv" "$b/walks.csv" \
        "$b/spots.csv" "$b/categories.csv" "$b/checks.csv"
    local f
    for f in "$b"/*.csv; do
        cp "$f" "$here/corpus/fuzz_csv/$name-$(basename "$f" .csv)"
    done
}

mkdir -p "$work/out" "$work/fu"
rm -rf "$here/corpus"
mkdir -p "$here/corpus/fuzz_import" "$here/corpus/fuzz_csv" \
    "$here/corpus/fuzz_followup"

# --- device: one walk, notes that test the dialect ---------------------------
t "$dev" walk start --title 'Kvällsvandring i Filipstad, "centrum"' \
    --area 'Storgatan–Hyttbäcken' --role volunteer --light dark \
    --participants 7 >/dev/null
add() { t "$dev" spot add "$@" | last; }
s1=$(add --lat 59.7083 --lon 14.1595 --category lighting --severity 3 \
    --note 'Lampan vid "gångtunneln" är trasig, igen; mörkt')
s2=$(add --lat 59.709123 --lon 14.161234 --accuracy 6.5 --category \
    vegetation --severity 2 \
    --note $'Buskarna skymmer sikten\nfrån busshållplatsen, åäö ÅÄÖ')
s3=$(add --lat 59.707001 --lon 14.158002 --category other --severity 1 \
    --note '=HYPERLINK("http://x","klicka")')
s4=$(add --lat 59.70805 --lon 14.16011 --category safe \
    --note 'Trygg plats: bra belysning vid torget')
add --lat 59.7101 --lon 14.1622 --category traffic --severity 2 \
    --note '+46 70 123 45 67 ringde, -vänster sväng, @kommunen' >/dev/null
t "$dev" walk end >/dev/null
b1=$(t "$dev" sync --out "$work/out" | last)
bundle_to_corpus "$b1" bundle-first

# --- second sync: an edit (revision 2) and a delete (tombstone) ------------
t "$dev" spot edit "$s1" --note 'Lampan lagad? Nej, fortfarande mörkt' \
    --severity 2 >/dev/null
t "$dev" spot delete "$s3" >/dev/null
b2=$(t "$dev" sync --out "$work/out" | last)
bundle_to_corpus "$b2" bundle-edit-delete

# --- a full re-export ---------------------------------------------------------
b3=$(t "$dev" sync --out "$work/out" --all | last)
bundle_to_corpus "$b3" bundle-all

# --- follow-up: municipality's list to the device, answers back ------------
t "$muni" import "$b1" "$b2" >/dev/null
t "$muni" spot status "$s2" planned --comment 'Röjs i vår, "etapp 2"' \
    >/dev/null
fdir=$(t "$muni" followup --out "$work/fu" | last)
join "$here/corpus/fuzz_followup/followup-list" "$fdir/manifest.csv" \
    "$fdir/followup.csv" "$fdir/categories.csv"
for f in "$fdir"/*.csv; do
    cp "$f" "$here/corpus/fuzz_csv/followup-$(basename "$f" .csv)"
done
t "$dev" import "$fdir" >/dev/null
t "$dev" walk start --title 'Uppföljning' --light dusk >/dev/null
t "$dev" followup answer "$s2" still >/dev/null
t "$dev" followup answer "${s1:0:8}" fixed >/dev/null
add --lat 59.7079 --lon 14.1601 --category litter --severity 1 \
    --note '' >/dev/null
t "$dev" walk end >/dev/null
b4=$(t "$dev" sync --out "$work/out" | last)
bundle_to_corpus "$b4" bundle-checks

# --- hand-made corners of the CSV dialect (fuzz_csv only) -------------------
c="$here/corpus/fuzz_csv"
printf 'a,b,c\r\n1,"two, with comma","three ""quoted"""\r\n' >"$c/dialect-quotes"
printf 'a,b\n\n"line\r\nbreak",x\n,\n' >"$c/dialect-lf-empty"
printf 'key,value\r\n"",""\r\n"unterminated\r\n' >"$c/dialect-unterminated"
printf "note\r\n'=1+1\r\n'@x\r\n\"'-y\"\r\n" >"$c/dialect-guard"
printf 'a,b\r\n1,2' >"$c/dialect-no-final-newline"
# the field limit (CSV_MAX_FIELD, 16384 bytes): one field just at it, one
# just past it, so a mutation or two crosses the line either way
{
    printf 'a,b\r\n"'
    head -c 16384 /dev/zero | tr '\0' x
    printf '",1\r\n'
    head -c 16385 /dev/zero | tr '\0' y
    printf ',2\r\n'
} >"$c/dialect-field-limit"

# Every file gets its content's hash in its name, and a file whose content
# is already there (every bundle has the same categories.csv) goes.
for d in "$here"/corpus/*/; do
    declare -A seen=()
    for f in "$d"*; do
        [[ -f $f ]] || continue
        sum=$(sha1sum "$f" | cut -c1-12)
        if [[ -n ${seen[$sum]:-} ]]; then
            rm "$f"
            continue
        fi
        seen[$sum]=1
        mv "$f" "$d$(basename "$f")-$sum"
    done
    unset seen
done
echo "corpus: $(find "$here/corpus" -type f | wc -l) files," \
    "$(du -sb "$here/corpus" | cut -f1) bytes"
