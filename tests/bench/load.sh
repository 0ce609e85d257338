# load.sh: rows 10 and 11 of run.sh, which sources this file and whose
# helpers and settings it uses (not a program of its own):
#
#  10. load: a municipality's decade, as devices really make it: each of
#      load_devices devices syncs once a year for load_years years, each
#      time load_per spots (full size 20 x 10 x 500 = 100,000 spots in 200
#      bundles). One `trygg import` of all of them into a fresh database
#      against sqlite3's .import of the same spots.csv files (one
#      transaction per file, as trygg's one per bundle); then, on that
#      database with statuses added, `trygg report --year 2025` and `trygg
#      export --format csv` against the references of rows 8 and 9. Each
#      row also shows both sides' peak RSS; trygg's must stay under 64 MB:
#      README says an export of a million spots peaks at about 35 MB, and a
#      program that streams has no reason to need more for a tenth of it.
#  11. memory: does memory stay flat when the data grows? Peak RSS of
#      importing import_bundles x import_per spots (row 3's data) against
#      one bundle of import_per (the same bundles, a quarter of the data),
#      and of exporting the municipal database of rows 8 and 9 (csv)
#      against the load database of row 10 (a tenth of the data). Flat: the
#      big one needs at most 1.5 x the small one + 16 MB. An import's
#      memory is bounded by constants (STORE_BULK_CACHE_MB of page cache,
#      IMPORT_BATCH_MAX rows waiting to be merged) plus the ids of the
#      largest single bundle; a small import that fills neither is shown too
#      (import_per/10 spots x import_bundles), not judged.

# ---- 10. load ----

LOAD_RSS_MB=64

# The decade's bundles, made once into load_b (an array of folders).
load_bundles() {
    local list=$log/load-bundles.txt
    if [ ! -d "$work/load/bundles" ]; then
        mkdir -p "$work/load/bundles"
        "$bin/bench_bundles" "$work/load/bundles" "$load_devices" "$load_per" \
            11 "$load_years" yearly >"$list" || die "bench_bundles (load) failed"
    fi
    mapfile -t load_b <"$list"
    [ "${#load_b[@]}" = $((load_devices * load_years)) ] \
        || die "bench_bundles made ${#load_b[@]} load bundles, not $((load_devices * load_years))"
}

# The imports leave their database as fresh.sqlite; the last trygg one
# becomes the municipality's (load.sqlite) for the report and export.
load_import_trygg_once() {
    local -n lt_out=$1
    local db=$work/load/fresh.sqlite
    rm_db "$db"
    timed lt_out "$log/load-import-trygg.txt" peaked "$trygg" --db "$db" \
        import "${load_b[@]}"
    max_kb rss_t "$(peak_kb)"
    [ "$(count_spots "$db")" = "$load_total" ] || die "load import: wrong count in $db"
}

load_import_ref_once() {
    local -n lr_out=$1
    local db=$work/load/ref.sqlite
    rm_db "$db"
    timed lr_out "$log/load-import-ref.txt" ref_import "$db" "$work/load/ref.sql"
    max_kb rss_r "$(peak_kb)"
    [ "$(count_spots "$db")" = "$load_total" ] || die "load reference import: wrong count"
    rm_db "$db"
}

# load_db: the municipality's database of row 10 with statuses, made here
# (untimed) when row 10 did not run.
load_db() {
    local db=$work/load/load.sqlite
    [ -f "$db" ] && return 0
    load_total=$((load_devices * load_years * load_per))
    load_bundles
    "$trygg" --db "$db" import "${load_b[@]}" >"$log/load-setup.txt" 2>&1 \
        || die "load import failed (see $log/load-setup.txt)"
    add_statuses "$db"
}

# How many live spots the report's year holds in the database mdb.
year_spots() {
    sqlite3 "$mdb" "SELECT count(*) FROM spots s JOIN walks w USING (walk_id)
      WHERE s.deleted = 0 AND w.started_at >= '$1-' AND w.started_at < '$(($1 + 1))-'"
}

bench_load() {
    local nb=$((load_devices * load_years)) db=$work/load/load.sqlite name
    load_total=$((nb * load_per))
    echo "== 10. load: $load_devices devices x $load_years years x $load_per" \
        "spots = $load_total spots in $nb bundles: $load_reps repetitions each side"
    mkdir -p "$work/load"
    load_bundles
    write_ref_script "$work/load/ref.sql" "${load_b[@]}"
    rss_t='' rss_r=''
    alternate "$load_reps" load_import_trygg_once load_import_ref_once
    name="load: import, $nb bundles, $(thousands "$load_total") spots"
    record "$name" "$ALT_T" "$ALT_R" "$(ms_from_us "$ALT_T")" \
        "$(ms_from_us "$ALT_R")" 200
    row_rss "$rss_t" "$rss_r" "$LOAD_RSS_MB"
    rm_db "$db"
    mv "$work/load/fresh.sqlite" "$db"
    add_statuses "$db"
    [ "$keep" = 1 ] || rm -rf "$work/load/bundles"

    mdb=$db rss_t='' rss_r=''
    alternate "$load_reps" report_trygg_once report_ref_once
    name="load: report --year 2025 ($(thousands "$(year_spots 2025)") spots)"
    record_secs "$name" "$ALT_T" "$ALT_R" 10
    row_rss "$rss_t" "$rss_r" "$LOAD_RSS_MB"

    export_format=csv rss_t='' rss_r=''
    alternate "$load_reps" export_trygg_once export_ref_once
    record "load: export --format csv, $(thousands "$load_total") spots" \
        "$ALT_T" "$ALT_R" "$(ms_from_us "$ALT_T")" "$(ms_from_us "$ALT_R")" 150
    row_rss "$rss_t" "$rss_r" "$LOAD_RSS_MB"
    rss_export_small=$rss_t # for row 11
}

# ---- 11. memory ----

# mem_import VAR N PER: peak RSS (KiB) of one import of N bundles of PER
# spots each into a fresh database.
mem_import() {
    local -n mi_out=$1
    local dir=$work/memory/bundles-$2-$3 db=$work/memory/m.sqlite t
    mkdir -p "$dir"
    "$bin/bench_bundles" "$dir" "$2" "$3" >"$log/memory-bundles.txt" \
        || die "bench_bundles (memory) failed"
    mapfile -t mem_b <"$log/memory-bundles.txt"
    rm_db "$db"
    timed t "$log/memory-import.txt" peaked "$trygg" --db "$db" import "${mem_b[@]}"
    mi_out=$(peak_kb)
    [ "$(count_spots "$db")" = $(($2 * $3)) ] || die "memory import: wrong count"
    rm_db "$db"
    rm -rf "$dir"
    echo "import of $2 x $3 spots: $(ms_from_us "$t"), peak $(mb_from_kb "$mi_out")"
}

# mem_export VAR DB: peak RSS (KiB) of one `export --format csv` of DB.
mem_export() {
    local -n me_out=$1
    local t
    mdb=$2 export_format=csv rss_t=''
    export_trygg_once t
    me_out=$rss_t
    echo "export of $(count_spots "$2") spots: $(ms_from_us "$t"), peak $(mb_from_kb "$me_out")"
}

# record_flat NAME BIG_KB N_BIG SMALL_KB N_SMALL: the peak RSS with N_BIG
# spots in the trygg column, with N_SMALL in the reference one; judged flat
# when BIG <= 1.5 x SMALL + 16 MB.
record_flat() {
    names+=("$1") trygg_shown+=("$(mb_from_kb "$2") ($(thousands "$3"))")
    ref_shown+=("$(mb_from_kb "$4") ($(thousands "$5"))")
    ratios+=("$(ratio "$2" "$4")") targets+=("<= 1.5 x + 16 MB") rss_shown+=("-")
    verdict "$([ $(($2 * 2)) -le $(($4 * 3 + 2 * 16384)) ] && echo 1)"
}

bench_memory() {
    local tenth=$((import_per / 10)) kb_one kb_tenth n_big n_small
    echo "== 11. memory: peak RSS of import and export as the data grows"
    mkdir -p "$work/memory"
    mem_import kb_one 1 "$import_per"
    [ -n "${rss_import_big:-}" ] || mem_import rss_import_big "$import_bundles" "$import_per"
    record_flat "memory: import peak RSS, 1 -> $import_bundles bundles (spots)" \
        "$rss_import_big" $((import_bundles * import_per)) \
        "$kb_one" "$import_per"
    mem_import kb_tenth "$import_bundles" "$tenth"
    names+=("memory: import peak RSS below the caches (spots)")
    trygg_shown+=("$(mb_from_kb "$kb_tenth") ($(thousands $((import_bundles * tenth))))")
    ref_shown+=("-") ratios+=("-") targets+=("shown") rss_shown+=("-")
    verdicts+=("shown")
    if [ -z "${rss_export_big:-}" ]; then
        muni_db
        mem_export rss_export_big "$work/muni/muni.sqlite"
    fi
    if [ -z "${rss_export_small:-}" ]; then
        load_db
        mem_export rss_export_small "$work/load/load.sqlite"
    fi
    n_big=$((muni_bundles * muni_per))
    n_small=$((load_devices * load_years * load_per))
    record_flat "memory: export --format csv peak RSS (spots)" \
        "$rss_export_big" "$n_big" "$rss_export_small" "$n_small"
}
