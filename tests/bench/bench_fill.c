/*
 * bench_fill: make a device database with many spots, fast, for the sync
 * benchmark.
 *
 *   trygg --db DB walk start     (schema, device id, categories, one walk)
 *   bench_fill DB N [SEED]
 *
 * Adds N spots (change_seq continuing the table's, so 1..N on a new
 * database) and one more ended walk per BD_SPOTS_PER_WALK spots, all with
 * raw INSERTs into the real schema in one transaction, then checkpoints the
 * WAL so the file is what a device would hold. The rows are what the app
 * itself could have written; the store's CHECKs and foreign keys vouch for
 * it.
 */
#include "bench_data.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CATS 200

typedef struct fill {
    sqlite3 *db;
    bd_rng rng;
    char device_id[33];
    int n_cats;
    char codes[MAX_CATS][33];
    int positive[MAX_CATS];
    int64_t walk_seq, spot_seq; /* the last change_seq used */
} fill;

static int fail(fill *f, const char *doing)
{
    fprintf(stderr, "bench_fill: %s: %s\n", doing, sqlite3_errmsg(f->db));
    return -1;
}

/* One-value query into an int64; 0 or -1. */
static int query_int(fill *f, const char *sql, int64_t *out)
{
    sqlite3_stmt *s = NULL;
    int ok = sqlite3_prepare_v2(f->db, sql, -1, &s, NULL) == SQLITE_OK &&
             sqlite3_step(s) == SQLITE_ROW;
    if (ok)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return ok ? 0 : fail(f, sql);
}

static int read_device(fill *f)
{
    sqlite3_stmt *s = NULL;
    int ok = sqlite3_prepare_v2(f->db,
                                "SELECT value FROM meta WHERE key='device_id'",
                                -1, &s, NULL) == SQLITE_OK &&
             sqlite3_step(s) == SQLITE_ROW;
    if (ok)
        snprintf(f->device_id, sizeof f->device_id, "%s",
                 (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return ok ? 0 : fail(f, "no device id; run `trygg --db DB walk start`");
}

static int read_categories(fill *f)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(f->db, "SELECT code, positive FROM categories"
                           " ORDER BY sort", -1, &s, NULL) != SQLITE_OK)
        return fail(f, "cannot read categories");
    while (f->n_cats < MAX_CATS && sqlite3_step(s) == SQLITE_ROW) {
        snprintf(f->codes[f->n_cats], sizeof f->codes[0], "%s",
                 (const char *)sqlite3_column_text(s, 0));
        f->positive[f->n_cats++] = sqlite3_column_int(s, 1);
    }
    sqlite3_finalize(s);
    return f->n_cats > 0 ? 0 : fail(f, "no categories");
}

static int add_walk(fill *f, sqlite3_stmt *s, int64_t t, char *walk_id)
{
    bd_walk w;
    char started[BD_ISO_LEN + 1], ended[BD_ISO_LEN + 1];
    bd_walk_make(&f->rng, t, &w);
    bd_iso(w.started_at, started);
    bd_iso(w.ended_at, ended);
    sqlite3_bind_text(s, 1, w.id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, f->device_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, w.title[0] ? w.title : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, w.area[0] ? w.area : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, w.role, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, started, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, ended, -1, SQLITE_STATIC);
    if (w.participants)
        sqlite3_bind_int(s, 8, w.participants);
    else
        sqlite3_bind_null(s, 8);
    sqlite3_bind_text(s, 9, w.light[0] ? w.light : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 10, ++f->walk_seq);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    memcpy(walk_id, w.id, sizeof w.id);
    return rc == SQLITE_DONE ? 0 : fail(f, "cannot insert a walk");
}

static int add_spot(fill *f, sqlite3_stmt *s, int64_t t, const char *walk_id)
{
    bd_spot p;
    char created[BD_ISO_LEN + 1], updated[BD_ISO_LEN + 1];
    bd_spot_make(&f->rng, t, f->positive, (unsigned)f->n_cats, &p);
    bd_iso(p.created_at, created);
    bd_iso(p.updated_at, updated);
    sqlite3_bind_text(s, 1, p.id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, walk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, created, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, updated, -1, SQLITE_STATIC);
    sqlite3_bind_double(s, 5, p.lat);
    sqlite3_bind_double(s, 6, p.lon);
    if (p.has_accuracy)
        sqlite3_bind_double(s, 7, p.accuracy_m);
    else
        sqlite3_bind_null(s, 7);
    sqlite3_bind_text(s, 8, p.has_accuracy ? "gps" : "map", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, f->codes[p.category], -1, SQLITE_STATIC);
    if (p.severity)
        sqlite3_bind_int(s, 10, p.severity);
    else
        sqlite3_bind_null(s, 10);
    sqlite3_bind_text(s, 11, p.note, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 12, p.deleted);
    sqlite3_bind_int(s, 13, p.revision);
    sqlite3_bind_int64(s, 14, ++f->spot_seq);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : fail(f, "cannot insert a spot");
}

static const char WALK_INSERT[] =
    "INSERT INTO walks(walk_id, device_id, title, area, role, started_at,"
    " ended_at, participants, light, change_seq)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char SPOT_INSERT[] =
    "INSERT INTO spots(spot_id, walk_id, created_at, updated_at, latitude,"
    " longitude, accuracy_m, position_source, category, severity, note,"
    " deleted, revision, change_seq)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

/* Spots in walks of BD_SPOTS_PER_WALK; the first walk is the one that
 * `walk start` made, the others are new. */
static int add_rows(fill *f, sqlite3_stmt *ws, sqlite3_stmt *ss, long n)
{
    char walk_id[BD_UUID_LEN + 1];
    sqlite3_stmt *first = NULL;
    if (sqlite3_prepare_v2(f->db, "SELECT walk_id FROM walks LIMIT 1", -1,
                           &first, NULL) != SQLITE_OK ||
        sqlite3_step(first) != SQLITE_ROW) {
        sqlite3_finalize(first);
        return fail(f, "no walk; run `trygg --db DB walk start`");
    }
    snprintf(walk_id, sizeof walk_id, "%s",
             (const char *)sqlite3_column_text(first, 0));
    sqlite3_finalize(first);
    for (long i = 0; i < n; i++) {
        int64_t t = BD_BASE_TIME - 7 * (n - i);
        if (i > 0 && i % BD_SPOTS_PER_WALK == 0 && add_walk(f, ws, t, walk_id))
            return -1;
        if (add_spot(f, ss, t, walk_id))
            return -1;
    }
    return 0;
}

static int run(fill *f, long n)
{
    sqlite3_stmt *ws = NULL, *ss = NULL;
    int rc = -1;
    if (sqlite3_exec(f->db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
                     " BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(f, "cannot start");
    if (read_device(f) || read_categories(f) ||
        query_int(f, "SELECT COALESCE(MAX(change_seq), 0) FROM walks",
                  &f->walk_seq) ||
        query_int(f, "SELECT COALESCE(MAX(change_seq), 0) FROM spots",
                  &f->spot_seq))
        goto out;
    if (sqlite3_prepare_v2(f->db, WALK_INSERT, -1, &ws, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(f->db, SPOT_INSERT, -1, &ss, NULL) != SQLITE_OK) {
        fail(f, "cannot prepare");
        goto out;
    }
    if (add_rows(f, ws, ss, n) == 0)
        rc = 0;
out:
    sqlite3_finalize(ws);
    sqlite3_finalize(ss);
    if (sqlite3_exec(f->db, rc ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(f->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
                     NULL) != SQLITE_OK)
        rc = fail(f, "cannot commit");
    return rc;
}

int main(int argc, char **argv)
{
    fill f;
    memset(&f, 0, sizeof f);
    long n = argc >= 3 ? atol(argv[2]) : 0;
    if ((argc != 3 && argc != 4) || n < 1) {
        fprintf(stderr, "usage: bench_fill DB N [SEED]\n");
        return 2;
    }
    bd_seed(&f.rng, argc == 4 ? strtoull(argv[3], NULL, 10) : 1);
    if (sqlite3_open_v2(argv[1], &f.db, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK) {
        fprintf(stderr, "bench_fill: cannot open %s: %s\n", argv[1],
                f.db ? sqlite3_errmsg(f.db) : "out of memory");
        sqlite3_close(f.db);
        return 1;
    }
    int rc = run(&f, n);
    sqlite3_close(f.db);
    if (rc == 0)
        printf("bench_fill: %ld spots in %s\n", n, argv[1]);
    return rc ? 1 : 0;
}
