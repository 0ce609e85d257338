/*
 * bench_commit: what one durable spot commit costs through the core API
 * (store_spot_add into the open walk) against a bare SQLite INSERT of the
 * same row into the same table, with the same pragmas (WAL,
 * synchronous=FULL, foreign_keys=ON), prepared once, autocommit per row.
 *
 *   bench_commit DIR N REPS
 *
 * Every repetition makes fresh database files in DIR (put DIR on the disk
 * being measured, not on tmpfs), opens both, and lets the two sides commit
 * the same rows in turns (TURN rows each, alternating who goes first), so
 * that a slow patch of a shared disk hits both alike. Rows are generated before the
 * clock starts, so both sides time only the commits. Prints one line per
 * repetition, then "median_ns_per_commit trygg=T ref=R". Under callgrind,
 * each call of store_spot_add and of ref_insert is one commit of its side.
 *
 * Not a test of correctness: it stops at the first error.
 */
#include "bench_data.h"
#include "store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Commits per side before the other side takes over. 1 pairs the sides
 * most tightly: turns of 10 or 50 gave visibly noisier ratios on a shared
 * virtual disk. */
#define TURN 1

typedef struct bench {
    const char *dir;
    int n;              /* commits per repetition */
    spot *rows;         /* n rows, made once; store_spot_add fills ids */
    char (*ids)[BD_UUID_LEN + 1]; /* the reference's spot ids */
} bench;

static void remove_db(const char *path)
{
    static const char *const SUFFIXES[] = {"", "-wal", "-shm", "-journal"};
    char p[4096];
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", path, SUFFIXES[i]);
        unlink(p);
    }
}

/* A store with an open walk, as the app has during a walk. */
static int open_walking(const char *path, store **st, char *walk_id, err_t *e)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.role = ROLE_VOLUNTEER;
    w.light = LIGHT_DARK;
    snprintf(w.title, sizeof w.title, "Benchmark walk");
    if (store_open(st, path, NULL, e))
        return -1;
    if (store_walk_start(*st, &w, e)) {
        store_close(*st);
        return -1;
    }
    memcpy(walk_id, w.id, sizeof w.id);
    return 0;
}

/* The rows both sides commit, with the store's category table. */
static void make_rows(bench *b, const cat_table *cats, uint64_t seed)
{
    int positive[CAT_MAX];
    bd_rng r;
    bd_seed(&r, seed);
    for (size_t i = 0; i < cats->n && i < CAT_MAX; i++)
        positive[i] = cats->v[i].positive;
    for (int i = 0; i < b->n; i++) {
        bd_spot g;
        spot *p = &b->rows[i];
        bd_spot_make(&r, BD_BASE_TIME, positive, (unsigned)cats->n, &g);
        memset(p, 0, sizeof *p);
        p->lat = g.lat;
        p->lon = g.lon;
        p->has_accuracy = g.has_accuracy;
        p->accuracy_m = g.accuracy_m;
        p->source = g.has_accuracy ? SRC_GPS : SRC_MAP;
        snprintf(p->category, sizeof p->category, "%s",
                 cats->v[g.category].code);
        p->severity = g.severity;
        snprintf(p->note, sizeof p->note, "%s", g.note);
        memcpy(b->ids[i], g.id, sizeof b->ids[i]);
    }
}

/* ---- the reference: the sqlite3 C API and nothing else ---- */

static const char REF_INSERT[] =
    "INSERT INTO spots(spot_id, walk_id, created_at, updated_at, latitude,"
    " longitude, accuracy_m, position_source, category, severity, note,"
    " deleted, revision, change_seq)"
    " VALUES(?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, 1, ?11)";

/* The same schema as the store's, made by the store itself (so it cannot
 * drift), with one walk for the rows' foreign key. */
static int make_ref_db(const char *path, char *walk_id, err_t *e)
{
    store *st;
    if (open_walking(path, &st, walk_id, e))
        return -1;
    store_close(st);
    return 0;
}

static int ref_open(const char *path, sqlite3 **db, sqlite3_stmt **ins,
                    err_t *e)
{
    if (sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(*db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     " PRAGMA foreign_keys=ON;", NULL, NULL, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(*db, REF_INSERT, -1, ins, NULL) != SQLITE_OK) {
        err_set(e, "reference %s: %s", path,
                *db ? sqlite3_errmsg(*db) : "out of memory");
        sqlite3_close(*db);
        *db = NULL;
        return -1;
    }
    return 0;
}

/* Never inlined: run.sh's callgrind row counts the instructions of each
 * call (--dump-after=ref_insert) against those of store_spot_add. */
__attribute__((noinline)) static int
ref_insert(sqlite3_stmt *s, const spot *p, const char *id, const char *walk_id,
           const char *iso, int64_t seq)
{
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, walk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, iso, -1, SQLITE_STATIC);
    sqlite3_bind_double(s, 4, p->lat);
    sqlite3_bind_double(s, 5, p->lon);
    if (p->has_accuracy)
        sqlite3_bind_double(s, 6, p->accuracy_m);
    else
        sqlite3_bind_null(s, 6);
    sqlite3_bind_text(s, 7, p->has_accuracy ? "gps" : "map", -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(s, 8, p->category, -1, SQLITE_STATIC);
    if (p->severity)
        sqlite3_bind_int(s, 9, p->severity);
    else
        sqlite3_bind_null(s, 9);
    sqlite3_bind_text(s, 10, p->note, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 11, seq);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- one repetition: both sides open, taking turns ---- */

typedef struct sides {
    store *st;          /* trygg */
    sqlite3 *db;        /* the reference */
    sqlite3_stmt *ins;
    char ref_walk[IDS_UUID_LEN + 1];
    char iso[BD_ISO_LEN + 1];
    char trygg_path[4096], ref_path[4096];
} sides;

static void close_sides(sides *s)
{
    store_close(s->st);
    sqlite3_finalize(s->ins);
    sqlite3_close(s->db);
    remove_db(s->trygg_path);
    remove_db(s->ref_path);
}

/* Fresh files for both, and the rows of this repetition. */
static int open_sides(bench *b, int rep, sides *s, err_t *e)
{
    char walk_id[IDS_UUID_LEN + 1];
    memset(s, 0, sizeof *s);
    snprintf(s->trygg_path, sizeof s->trygg_path, "%s/commit-trygg.sqlite",
             b->dir);
    snprintf(s->ref_path, sizeof s->ref_path, "%s/commit-ref.sqlite", b->dir);
    remove_db(s->trygg_path);
    remove_db(s->ref_path);
    if (make_ref_db(s->ref_path, s->ref_walk, e) ||
        ref_open(s->ref_path, &s->db, &s->ins, e) ||
        open_walking(s->trygg_path, &s->st, walk_id, e)) {
        close_sides(s);
        return -1;
    }
    make_rows(b, store_categories(s->st), (uint64_t)rep);
    bd_iso(BD_BASE_TIME, s->iso);
    return 0;
}

static int trygg_turn(bench *b, sides *s, int from, int to, int64_t *ns,
                      err_t *e)
{
    int64_t t0 = bd_now_ns();
    for (int i = from; i < to; i++)
        if (store_spot_add(s->st, &b->rows[i], e))
            return -1;
    *ns += bd_now_ns() - t0;
    return 0;
}

static int ref_turn(bench *b, sides *s, int from, int to, int64_t *ns,
                    err_t *e)
{
    int64_t t0 = bd_now_ns();
    for (int i = from; i < to; i++)
        if (ref_insert(s->ins, &b->rows[i], b->ids[i], s->ref_walk, s->iso,
                       i + 1))
            return err_set(e, "reference insert into %s: %s", s->ref_path,
                           sqlite3_errmsg(s->db));
    *ns += bd_now_ns() - t0;
    return 0;
}

/* Both sides commit the same rows, TURN at a time, alternating who goes
 * first, so a slow patch of the disk hits both alike. */
static int run_rep(bench *b, int rep, int64_t *t, int64_t *r, err_t *e)
{
    sides s;
    int rc = 0;
    if (open_sides(b, rep, &s, e))
        return -1;
    *t = *r = 0;
    for (int from = 0, k = rep; rc == 0 && from < b->n; from += TURN, k++) {
        int to = from + TURN < b->n ? from + TURN : b->n;
        rc = k % 2 == 0 ? trygg_turn(b, &s, from, to, t, e) ||
                              ref_turn(b, &s, from, to, r, e)
                        : ref_turn(b, &s, from, to, r, e) ||
                              trygg_turn(b, &s, from, to, t, e);
    }
    *t /= b->n;
    *r /= b->n;
    close_sides(&s);
    return rc ? -1 : 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int64_t median(int64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_i64);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int run_all(bench *b, int reps, int64_t *t, int64_t *r, err_t *e)
{
    for (int rep = 0; rep < reps; rep++) {
        if (run_rep(b, rep, &t[rep], &r[rep], e))
            return -1;
        printf("rep %d: trygg %lld ns/commit, ref %lld ns/commit\n", rep + 1,
               (long long)t[rep], (long long)r[rep]);
        fflush(stdout);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4 || atoi(argv[2]) < 1 || atoi(argv[3]) < 1) {
        fprintf(stderr, "usage: bench_commit DIR N REPS\n");
        return 2;
    }
    bench b = {.dir = argv[1], .n = atoi(argv[2])};
    int reps = atoi(argv[3]), rc = 1;
    int64_t *t = calloc((size_t)reps, sizeof *t);
    int64_t *r = calloc((size_t)reps, sizeof *r);
    b.rows = calloc((size_t)b.n, sizeof *b.rows);
    b.ids = calloc((size_t)b.n, sizeof *b.ids);
    err_t e = {{0}, 0};
    if (!t || !r || !b.rows || !b.ids)
        fprintf(stderr, "bench_commit: out of memory\n");
    else if (run_all(&b, reps, t, r, &e))
        fprintf(stderr, "bench_commit: %s\n", e.msg);
    else {
        printf("median_ns_per_commit trygg=%lld ref=%lld\n",
               (long long)median(t, reps), (long long)median(r, reps));
        rc = 0;
    }
    free(t);
    free(r);
    free(b.rows);
    free(b.ids);
    return rc;
}
