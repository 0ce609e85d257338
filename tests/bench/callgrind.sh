# callgrind.sh: row 12 of run.sh, which sources this file and whose helpers
# and settings it uses (not a program of its own).
#
# valgrind's callgrind counts the instructions a program executes (Ir). On a
# machine that others share, times swing with their load; counts do not
# (the same run gives the same count within a few hundredths of a percent).
# So the rows whose times are noisy get a count too, trygg against a
# reference in the same run. Shown, not judged: a count is not a time (it
# ignores caches, the disk and waiting), and threads that run side by side
# are summed.
#
# How one thing is cut out of a whole run: --dump-after=FN writes the counts
# so far each time FN returns and starts from zero, so each dump holds the
# work between two returns of FN. Dump 1 is from the start to the first
# return; run.sh takes the medians of the later ones.
#
#   start   trygg --script (an existing database, --gps none, so no thread
#           waits for a gpsd) up to the end of its first SDL_RenderPresent,
#           against bench_sdl_ref up to the end of its one present.
#   input   the same trygg run, row 6's rounds: each dump after the first
#           is one script step (a tap or a drag) from the present before to
#           the present that shows its result: the script runner, SDL's
#           queue, the UI frames, drawing, the present. Against
#           bench_sdl_ref answering a touch with a whole frame (clear, one
#           line of text, present), the least an SDL program does.
#   frame   bench_frame (row 7): each dump after the 10 untimed warm-up
#           frames is one frame of the walk screen; against the same
#           reference frame.
#   commit  bench_commit (row 1), one repetition: each dump is one
#           store_spot_add or one bare INSERT (its trigger says which); the
#           first of each side, which prepares statements, is left out.
#           CPU only: callgrind does not count the kernel, so fsync and the
#           writes, which are most of a commit's time, are not in it.

# Why callgrind cannot run here, or nothing when it can.
cg_why_not() {
    if ! command -v valgrind >/dev/null; then
        echo "valgrind is not installed"
    elif grep -qa -e __asan_init -e __ubsan_handle "$trygg"; then
        echo "trygg is a sanitizer build, which valgrind cannot run"
    fi
}

# cg_run OUT VALGRIND_ARGS... PROGRAM ARGS...: a callgrind run, its dumps
# in OUT.1, OUT.2, ... and the rest in OUT (OUT.* is emptied first: name
# no other file like that).
cg_run() {
    local out=$1
    shift
    rm -f "$out" "$out".*
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" \
        >"$out.log" 2>&1 || { tail -n 30 "$out.log" >&2; die "callgrind: failed: $*"; }
}

# cg_dumps OUT: one line per numbered dump, in order: its count and the
# function whose return triggered it.
cg_dumps() {
    local i=1
    [ -f "$1.1" ] || die "callgrind: no dumps from $1 (see $1.log)"
    while [ -f "$1.$i" ]; do
        echo "$(sed -n 's/^totals: //p' "$1.$i")" \
            "$(sed -n 's/^desc: Trigger: --dump-after=//p' "$1.$i")"
        i=$((i + 1))
    done
}

# ir_shown 28218838: "28.2 M"
ir_shown() {
    if (($1 >= 1000000)); then
        printf '%d.%d M' $(($1 / 1000000)) $((($1 % 1000000) / 100000))
    else
        printf '%d.%d k' $(($1 / 1000)) $((($1 % 1000) / 100))
    fi
}

# p95 VALUE...: the 95th percentile (nearest rank).
p95() {
    printf '%s\n' "$@" | sort -n | sed -n "$(((95 * $# + 99) / 100))p"
}

# record_ir NAME T R T_SHOWN R_SHOWN: a row of counts, shown, not judged.
record_ir() {
    names+=("$1") trygg_shown+=("$4") ref_shown+=("$5") rss_shown+=("-")
    ratios+=("$(ratio "$2" "$3")") targets+=("-")
    verdicts+=("$([ "$quick" = 1 ] && echo "smoke (not judged)" || echo "shown")")
}

# The trygg session: cold start, then row 6's inputs.
cg_app() {
    local db=$work/cg/app.sqlite sc=$work/cg/tap.txt i
    rm_db "$db"
    echo quit >"$work/cg/quit.txt"
    # The database exists before the counted start, as in row 4.
    "$trygg" --db "$db" --gps none --font "$font" --script "$work/cg/quit.txt" \
        >"$log/cg-app-setup.txt" 2>&1 || die "callgrind: trygg's first start failed"
    {
        printf '%s\n' 'tap "Ny vandring"' 'tap "Starta"' 'expect "Markera plats"'
        for ((i = 0; i < cg_tap_rounds; i++)); do
            printf '%s\n' 'tap "Markera plats"' 'tap "Trafikfara"' \
                'tap "Spara"' 'tap "Zooma in"' 'tap "Zooma ut"' \
                'drag 200 500 260 560' 'tap "Lista"' 'tap "Tillbaka"'
        done
        echo quit
    } >"$sc"
    cg_run "$work/cg/app.cg" --dump-after=SDL_RenderPresent "$trygg" --db "$db" \
        --gps none --font "$font" --script "$sc"
    cg_dumps "$work/cg/app.cg" | cut -d' ' -f1 >"$log/cg-app.txt"
}

cg_ref() {
    cg_run "$work/cg/ref.cg" --dump-after=SDL_RenderPresent "$bin/bench_sdl_ref" \
        "$font" 0 "$cg_ref_frames"
    cg_dumps "$work/cg/ref.cg" | cut -d' ' -f1 >"$log/cg-ref.txt"
}

cg_frame() {
    cg_run "$work/cg/frame.cg" --dump-after=SDL_RenderPresent "$bin/bench_frame" \
        --font "$font" "$cg_frames"
    # 10 warm-up frames first (bench_frame's WARM_FRAMES)
    cg_dumps "$work/cg/frame.cg" | cut -d' ' -f1 | tail -n +11 >"$log/cg-frame.txt"
    [ "$(wc -l <"$log/cg-frame.txt")" = "$cg_frames" ] \
        || die "callgrind: bench_frame gave $(wc -l <"$log/cg-frame.txt") frames, not $cg_frames"
}

cg_commit() {
    mkdir -p "$work/cg/commit"
    cg_run "$work/cg/commit.cg" --dump-after=store_spot_add \
        --dump-after='ref_insert*' "$bin/bench_commit" "$work/cg/commit" \
        "$cg_commits" 1
    cg_dumps "$work/cg/commit.cg" >"$log/cg-commit.txt"
}

# side_counts FILE PREFIX: the counts of FILE's dumps triggered by a
# function named PREFIX..., the first one left out.
side_counts() {
    awk -v p="$2" 'index($2, p) == 1 && seen++ { print $1 }' "$1"
}

bench_callgrind() {
    local why a r f t c n
    echo "== 12. callgrind: instruction counts, trygg and reference in the same run"
    why=$(cg_why_not)
    if [ -n "$why" ]; then
        [ "$quick" = 1 ] || die "callgrind: $why"
        echo "callgrind rows not run: $why"
        names+=("callgrind rows") trygg_shown+=("-") ref_shown+=("-")
        ratios+=("-") targets+=("-") rss_shown+=("-")
        verdicts+=("not run: $why")
        return 0
    fi
    mkdir -p "$work/cg"
    cg_app
    cg_ref
    cg_commit
    mapfile -t a <"$log/cg-app.txt"
    mapfile -t r <"$log/cg-ref.txt"
    record_ir "callgrind: cold start to first present (Ir)" "${a[0]}" "${r[0]}" \
        "$(ir_shown "${a[0]}")" "$(ir_shown "${r[0]}")"
    n=$((${#a[@]} - 1))
    t=$(median "${a[@]:1}") c=$(median "${r[@]:1}")
    record_ir "callgrind: one input to its present, median of $n (p95 $(ir_shown "$(p95 "${a[@]:1}")"))" \
        "$t" "$c" "$(ir_shown "$t")" "$(ir_shown "$c")"
    if [ "$cg_frames" -gt 0 ]; then
        cg_frame
        mapfile -t f <"$log/cg-frame.txt"
        t=$(median "${f[@]}")
        record_ir "callgrind: walk frame, median of ${#f[@]} (p95 $(ir_shown "$(p95 "${f[@]}")"))" \
            "$t" "$c" "$(ir_shown "$t")" "$(ir_shown "$c")"
    else
        names+=("callgrind: walk frame") trygg_shown+=("-") ref_shown+=("-")
        ratios+=("-") targets+=("-") rss_shown+=("-")
        verdicts+=("not run in --quick (7 s or more)")
    fi
    mapfile -t a < <(side_counts "$log/cg-commit.txt" store_spot_add)
    mapfile -t r < <(side_counts "$log/cg-commit.txt" ref_insert)
    [ "${#a[@]}" = $((cg_commits - 1)) ] && [ "${#r[@]}" = $((cg_commits - 1)) ] \
        || die "callgrind: bench_commit gave ${#a[@]} and ${#r[@]} commits, not $((cg_commits - 1)) each"
    t=$(median "${a[@]}") c=$(median "${r[@]}")
    record_ir "callgrind: durable commit, CPU only (no fsync), median of ${#a[@]}" \
        "$t" "$c" "$(ir_shown "$t")" "$(ir_shown "$c")"
    [ "$keep" = 1 ] || rm -rf "$work/cg"
}
