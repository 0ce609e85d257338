/* store_export: the rows of `trygg export`: every live spot with its walk,
 * its category's labels, its newest status and its newest answer.
 *
 * One query streams the spots joined with their walks. The labels come from
 * the store's category table in memory, and the newest status and answer
 * are looked up only for the spots that may have any: each SQL join costs
 * an index search per spot, and on a million spots joining spot_status_now
 * and check_now took 3.5 s of CPU each, more than the rest of the query
 * together (the view spot_status_now as written even probes every decided
 * spot per spot: that join ran for minutes). Instead a filter of the ids
 * that have a decision, and one of those with an answer, each read in one
 * pass over its index, say "none" for the others in a few nanoseconds; the
 * lookups use the same ORDER BY ... LIMIT 1 rules as the views. */
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

/* Columns 0..12 in the order of STORE_SPOT_COLS, for store_read_spot. */
static const char EXPORT_SELECT[] =
    "SELECT s.spot_id, s.walk_id, s.created_at, s.updated_at, s.latitude,"
    " s.longitude, s.accuracy_m, s.position_source, s.category, s.severity,"
    " s.note, s.deleted, s.revision,"
    " w.started_at, w.role, w.light"
    " FROM spots s JOIN walks w ON w.walk_id = s.walk_id"
    " WHERE s.deleted = 0"
    " AND (?1 = 0 OR (w.started_at >= ?2 AND w.started_at < ?3))";

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

static int prepare(exp_ctx *c, int year, err_t *e)
{
    store *st = c->st;
    if (load_ids(st, "SELECT DISTINCT spot_id FROM spot_status", &c->decided,
                 e) ||
        load_ids(st, "SELECT DISTINCT spot_id FROM checks", &c->answered, e))
        return -1;
    if (sqlite3_prepare_v2(st->db, ANSWER_NOW, -1, &c->answer, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(st->db, EXPORT_SELECT, -1, &c->rows, NULL) !=
            SQLITE_OK)
        return store_fail(st, "cannot prepare the export", e);
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-", year);
    snprintf(to, sizeof to, "%04d-", year + 1);
    sqlite3_bind_int(c->rows, 1, year);
    store_bind_text(c->rows, 2, from);
    store_bind_text(c->rows, 3, to);
    return 0;
}

static void read_row(sqlite3_stmt *s, store_export_row *r)
{
    char tmp[16];
    store_read_spot(s, &r->spot);
    r->walk_started_at = store_col_time(s, 13);
    store_col_text(s, 14, tmp, sizeof tmp);
    if (model_parse_role(tmp, strlen(tmp), &r->role, NULL))
        r->role = ROLE_CITIZEN; /* the schema's CHECK keeps this out */
    store_col_text(s, 15, tmp, sizeof tmp);
    if (model_parse_light(tmp, strlen(tmp), &r->light, NULL))
        r->light = LIGHT_NONE;
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
        read_row(c->rows, r);
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
    if (store_exec(st, "COMMIT", "cannot end reading the export",
                   rc ? NULL : e) && rc == 0)
        rc = -1;
    return rc;
}
