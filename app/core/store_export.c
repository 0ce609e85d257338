/* store_export: the rows of `trygg export`: every live spot with its walk,
 * its category's labels, its newest status and its newest answer.
 *
 * One query streams the live spots; what goes beside them is looked up in
 * memory. Each SQL join costs an index search per spot: on a million spots
 * joining walks took 1.3 s of CPU, and spot_status_now and check_now 3.5 s
 * each, more than reading the spots (the view spot_status_now as written
 * even probes every decided spot per spot: that join ran for minutes). So
 * the walks (of the year asked for) are read once into an array sorted by
 * id, the labels come from the store's category table, and the newest
 * status and answer are looked up only for spots that may have one: a
 * filter of the ids with a decision, and one of those with an answer, each
 * read in one pass over its index, say "none" for the others in a few
 * nanoseconds. The lookups use the same ORDER BY ... LIMIT 1 rules as the
 * views. Memory grows with the number of walks only. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A one-hash Bloom filter of spot ids (1 MB): "maybe" for every id added,
 * "no" for almost every other one. A "maybe" is settled by the exact SQL
 * lookup, so a false one costs only that lookup. */
#define FILTER_BITS (UINT64_C(1) << 23)

typedef struct id_filter {
    uint64_t *bits;
    int64_t n;       /* ids added: 0 skips every test */
} id_filter;

/* The first 8 bytes of a UUID are 8 random hex digits: enough to spread. */
static uint64_t filter_bit(const char *id)
{
    uint64_t h = 0;
    memcpy(&h, id, strnlen(id, sizeof h));
    return (h * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - 23);
}

static void filter_add(id_filter *f, const char *id)
{
    uint64_t b = filter_bit(id);
    f->bits[b / 64] |= UINT64_C(1) << (b % 64);
    f->n++;
}

static int filter_maybe(const id_filter *f, const char *id)
{
    uint64_t b = filter_bit(id);
    return f->n && (f->bits[b / 64] >> (b % 64) & 1);
}

/* Columns in the order of STORE_SPOT_COLS, for store_read_spot. */
static const char EXPORT_SELECT[] =
    "SELECT " STORE_SPOT_COLS " FROM spots WHERE deleted = 0";

/* The walks an export may show, in the order bsearch needs (BINARY
 * collation is strcmp's order). */
static const char EXPORT_WALKS[] =
    "SELECT walk_id, started_at, role, light FROM walks"
    " WHERE ?1 = 0 OR (started_at >= ?2 AND started_at < ?3)"
    " ORDER BY walk_id";

/* A walk as the rows show it. */
typedef struct exp_walk {
    char id[IDS_UUID_LEN + 1];
    int64_t started_at;
    model_role role;
    model_light light;
} exp_walk;

/* check_now's rule for one spot. */
static const char ANSWER_NOW[] =
    "SELECT answer, answered_at FROM checks WHERE spot_id = ?1"
    " ORDER BY answered_at DESC, check_id DESC LIMIT 1";

typedef struct exp_ctx {
    store *st;
    id_filter decided;    /* spot ids with a row in spot_status */
    id_filter answered;   /* spot ids with a row in checks */
    sqlite3_stmt *answer; /* ANSWER_NOW */
    sqlite3_stmt *rows;   /* EXPORT_SELECT */
    exp_walk *walks;      /* EXPORT_WALKS, n_walks of them */
    size_t n_walks;
    const cat_entry *cat; /* the last category looked up */
} exp_ctx;

static int load_ids(store *st, const char *sql, id_filter *f, err_t *e)
{
    sqlite3_stmt *s = NULL;
    f->bits = calloc(FILTER_BITS / 64, sizeof *f->bits);
    if (!f->bits)
        return err_set(e, "out of memory for the export");
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read spot ids for the export", e);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(s, 0);
        if (id)
            filter_add(f, id);
    }
    if (rc != SQLITE_DONE)
        store_fail(st, "cannot read spot ids for the export", e);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int add_walk(exp_ctx *c, sqlite3_stmt *s, size_t *cap, err_t *e)
{
    char tmp[16];
    if (c->n_walks == *cap) {
        size_t n = *cap ? *cap * 2 : 1024;
        exp_walk *v = realloc(c->walks, n * sizeof *v);
        if (!v)
            return err_set(e, "out of memory for %zu walks", n);
        c->walks = v;
        *cap = n;
    }
    exp_walk *w = &c->walks[c->n_walks++];
    store_col_text(s, 0, w->id, sizeof w->id);
    w->started_at = store_col_time(s, 1);
    store_col_text(s, 2, tmp, sizeof tmp);
    if (model_parse_role(tmp, strlen(tmp), &w->role, NULL))
        w->role = ROLE_CITIZEN; /* the schema's CHECK keeps this out */
    store_col_text(s, 3, tmp, sizeof tmp);
    if (model_parse_light(tmp, strlen(tmp), &w->light, NULL))
        w->light = LIGHT_NONE;
    return 0;
}

static int load_walks(exp_ctx *c, int year, err_t *e)
{
    sqlite3_stmt *s = NULL;
    char from[16], to[16];
    size_t cap = 0;
    if (sqlite3_prepare_v2(c->st->db, EXPORT_WALKS, -1, &s, NULL) !=
        SQLITE_OK)
        return store_fail(c->st, "cannot read the walks to export", e);
    snprintf(from, sizeof from, "%04d-", year);
    snprintf(to, sizeof to, "%04d-", year + 1);
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, from);
    store_bind_text(s, 3, to);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (add_walk(c, s, &cap, e))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store_fail(c->st, "cannot read the walks to export", e);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int by_id(const void *key, const void *w)
{
    return strcmp(key, ((const exp_walk *)w)->id);
}

static int prepare(exp_ctx *c, int year, err_t *e)
{
    store *st = c->st;
    if (load_walks(c, year, e) ||
        load_ids(st, "SELECT DISTINCT spot_id FROM spot_status", &c->decided,
                 e) ||
        load_ids(st, "SELECT DISTINCT spot_id FROM checks", &c->answered, e))
        return -1;
    if (sqlite3_prepare_v2(st->db, ANSWER_NOW, -1, &c->answer, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(st->db, EXPORT_SELECT, -1, &c->rows, NULL) !=
            SQLITE_OK)
        return store_fail(st, "cannot prepare the export", e);
    return 0;
}

/* The row of the spot under c->rows, with its walk's fields; 0 when its
 * walk is not one to export (another year, or not in the database). */
static int read_row(exp_ctx *c, store_export_row *r)
{
    store_read_spot(c->rows, &r->spot);
    if (c->n_walks == 0) /* bsearch must not be given a NULL array */
        return 0;
    const exp_walk *w = bsearch(r->spot.walk_id, c->walks, c->n_walks,
                                sizeof *c->walks, by_id);
    if (!w)
        return 0;
    r->walk_started_at = w->started_at;
    r->role = w->role;
    r->light = w->light;
    return 1;
}

/* The labels from the store's category table (the categories table as
 * loaded at open, kept up to date by imports): a lookup in memory instead
 * of an index search per spot. A code it lacks shows as itself. */
static void add_labels(exp_ctx *c, store_export_row *r)
{
    if (!c->cat || strcmp(c->cat->code, r->spot.category) != 0)
        c->cat = cat_find(store_categories(c->st), r->spot.category);
    const char *sv = c->cat ? c->cat->label_sv : r->spot.category;
    const char *en = c->cat ? c->cat->label_en : r->spot.category;
    /* Both fit: the row's labels are as long as the table's, and a code
     * is shorter. */
    strcpy(r->label_sv, sv);
    strcpy(r->label_en, en);
    r->positive = c->cat ? c->cat->positive : 0;
}

static int add_status(exp_ctx *c, store_export_row *r, err_t *e)
{
    if (filter_maybe(&c->decided, r->spot.id))
        return store_status_now(c->st, r->spot.id, &r->status, e);
    memcpy(r->status.spot_id, r->spot.id, sizeof r->status.spot_id);
    r->status.status = STATUS_OPEN;
    r->status.comment[0] = '\0';
    r->status.set_at = 0;
    return 0;
}

static int add_answer(exp_ctx *c, store_export_row *r, err_t *e)
{
    char tmp[16];
    r->has_answer = 0;
    if (!filter_maybe(&c->answered, r->spot.id))
        return 0;
    sqlite3_reset(c->answer);
    store_bind_static(c->answer, 1, r->spot.id);
    int rc = sqlite3_step(c->answer);
    if (rc == SQLITE_ROW) {
        store_col_text(c->answer, 0, tmp, sizeof tmp);
        r->has_answer = !model_parse_answer(tmp, strlen(tmp), &r->answer,
                                            NULL);
        r->answered_at = store_col_time(c->answer, 1);
    }
    sqlite3_reset(c->answer);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(c->st, "cannot read a spot's answers", e);
    return 0;
}

/* Fill batches and hand them on; returns fn's non-zero, -1, or 0. */
static int run(exp_ctx *c, store_export_row *rows, size_t cap,
               store_export_fn fn, void *ctx, err_t *e)
{
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(c->rows)) == SQLITE_ROW) {
        store_export_row *r = &rows[n];
        if (!read_row(c, r))
            continue;
        add_labels(c, r);
        if (add_status(c, r, e) || add_answer(c, r, e))
            return -1;
        if (++n == cap) {
            int stop = fn(ctx, rows, n);
            if (stop)
                return stop;
            n = 0;
        }
    }
    if (rc != SQLITE_DONE)
        return store_fail(c->st, "cannot read the spots to export", e);
    return n ? fn(ctx, rows, n) : 0;
}

int store_export_each(store *st, int year, store_export_row *rows,
                      size_t cap, store_export_fn fn, void *ctx, err_t *e)
{
    exp_ctx c = {.st = st};
    /* One read transaction: the ids, the rows and the lookups see the same
     * database even while a walk is imported beside us. */
    if (store_exec(st, "BEGIN", "cannot start reading the export", e))
        return -1;
    int rc = prepare(&c, year, e);
    if (rc == 0)
        rc = run(&c, rows, cap, fn, ctx, e);
    sqlite3_finalize(c.rows);
    sqlite3_finalize(c.answer);
    free(c.decided.bits);
    free(c.answered.bits);
    free(c.walks);
    if (store_exec(st, "COMMIT", "cannot end reading the export",
                   rc ? NULL : e) && rc == 0)
        rc = -1;
    return rc;
}
