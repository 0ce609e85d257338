/*
 * store_salvage: copy what can still be read from a damaged device
 * database into a fresh store (see salvage.h for the whole rescue).
 *
 * The damaged file is opened read-only on a connection of its own, so
 * nothing here can write to it. Each table is read in rowid order; where a
 * damaged page stops the read, the reader probes forward for the next row
 * that can be read and goes on from there. Device rowids are dense (rows
 * are only appended or updated in place), so the gap between the last good
 * row and the next one estimates the rows lost in between.
 *
 * A row that reads but whose values break the bundle's rules (a flipped bit
 * can do that) is left out: the bundle made from the copy must import
 * whole at the municipality.
 */
#include "store_int.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

typedef struct salv {
    store *dst;
    sqlite3 *src;
    salvage_counts *n;
    int64_t seq;         /* change_seq for copied rows: all to be synced */
    int64_t max_rows;    /* more rows than the file could hold: a loop */
} salv;

/* Returns 1 copied, 0 left out (counted by the callee), -1 fatal. */
typedef int (*salv_row_fn)(salv *sv, sqlite3_stmt *s, err_t *e);

/* ---- reading past damaged pages ---- */

/* The first rowid >= at: 1 found, 0 none, -1 the read failed there. */
static int probe(sqlite3_stmt *p, int64_t at, int64_t *found)
{
    sqlite3_reset(p);
    sqlite3_bind_int64(p, 1, at);
    int rc = sqlite3_step(p);
    if (rc == SQLITE_ROW) {
        *found = sqlite3_column_int64(p, 0);
        return 1;
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

/* After a failed read from rowid `from` on: the first rowid >= from that
 * can be read (1), none (0: the rest of the table is lost or absent). Doubling steps
 * find a readable probe point beyond the damage, then a binary search finds
 * the first one, so readable rows just after the damage are not skipped. */
static int next_readable(sqlite3_stmt *p, int64_t from, int64_t *found)
{
    int64_t bad = from, step = 1, good;
    int r = probe(p, bad, found);
    if (r >= 0)
        return r;
    for (;;) {
        if (step > (INT64_MAX - bad) / 2)
            return 0;
        good = bad + step;
        r = probe(p, good, found);
        if (r >= 0)
            break;
        bad = good;
        step *= 2;
    }
    while (good - bad > 1) {
        int64_t mid = bad + (good - bad) / 2, f = 0;
        int m = probe(p, mid, &f);
        if (m < 0) {
            bad = mid;
        } else {
            good = mid;
            r = m;
            *found = f;
        }
    }
    return r;
}

/* Read every row of `table` that can be read, in rowid order, handing each
 * to fn. A table that cannot be read at all counts in n->tables_lost. */
static int scan(salv *sv, const char *table, const char *cols, salv_row_fn fn,
                err_t *e)
{
    char sql[512], psql[160];
    sqlite3_stmt *s = NULL, *p = NULL;
    snprintf(sql, sizeof sql,
             "SELECT %s FROM %s WHERE rowid >= ?1 ORDER BY rowid", cols, table);
    snprintf(psql, sizeof psql,
             "SELECT rowid FROM %s WHERE rowid >= ?1 ORDER BY rowid LIMIT 1",
             table);
    if (sqlite3_prepare_v2(sv->src, sql, -1, &s, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(sv->src, psql, -1, &p, NULL) != SQLITE_OK) {
        sv->n->tables_lost++;
        sqlite3_finalize(s);
        sqlite3_finalize(p);
        return 0;
    }
    /* next: the rowid to read from. Reads start at a rowid (>=), never
     * after one (>): a seek to the last good row would land on the damaged
     * page again when that row ends its page. */
    int64_t next = 1, resumed_at = 0, f = 0; /* SQLite's rowids start at 1 */
    /* A damaged b-tree can hand out rows out of order or in a loop: the
     * rowid to read from only ever grows, and the whole scan has a budget
     * no healthy file of this size could use up. */
    int64_t budget = sv->max_rows;
    int rc = 0;
    for (;;) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, next);
        int step;
        while ((step = sqlite3_step(s)) == SQLITE_ROW) {
            /* the rowid is the last column: fn reads the others by index */
            int64_t id = sqlite3_column_int64(s, sqlite3_column_count(s) - 1);
            if (fn(sv, s, e) < 0) {
                rc = -1;
                goto done;
            }
            if (id == INT64_MAX) /* nothing can follow (a damaged cell?) */
                goto done;
            if (id >= next)
                next = id + 1;
            if (--budget < 0)
                break;
        }
        if (budget < 0 || --budget < 0) {
            sv->n->damaged_parts++;
            sv->n->tail_lost = 1;
            break;
        }
        if (step == SQLITE_DONE)
            break;
        sv->n->damaged_parts++;
        if (next == resumed_at) {
            /* Nothing read from where the probe found a row: that row
             * itself (its overflow pages, say) is damaged. Skip it. */
            sv->n->unreadable++;
            next++;
            continue;
        }
        if (next_readable(p, next, &f) != 1) {
            sv->n->tail_lost = 1;
            break;
        }
        if (f < next) /* the probe went backwards: damage; step past it */
            f = next + 1;
        /* rowids are dense on a device: the gap is what was lost (unless
         * a damaged rowid makes it larger than the file could hold) */
        if (f - next > sv->max_rows)
            sv->n->tail_lost = 1;
        else
            sv->n->unreadable += f - next;
        next = resumed_at = f;
    }
done:
    sqlite3_finalize(s);
    sqlite3_finalize(p);
    return rc;
}

/* ---- checking values as a bundle would carry them ---- */

static int col_text(sqlite3_stmt *s, int i, const char **v, size_t *len)
{
    if (sqlite3_column_type(s, i) != SQLITE_TEXT)
        return -1;
    *v = (const char *)sqlite3_column_text(s, i);
    *len = (size_t)sqlite3_column_bytes(s, i);
    return *v ? 0 : -1;
}

static int ok_uuid(sqlite3_stmt *s, int i, char *out)
{
    const char *v;
    size_t n;
    err_t e;
    return col_text(s, i, &v, &n) == 0 && model_parse_uuid(v, n, out, &e) == 0;
}

static int ok_time(sqlite3_stmt *s, int i)
{
    const char *v;
    size_t n;
    int64_t t;
    err_t e;
    return col_text(s, i, &v, &n) == 0 && model_parse_time(v, n, &t, &e) == 0;
}

/* NULL or valid text of at most max characters. */
static int ok_opt_text(sqlite3_stmt *s, int i, size_t max)
{
    char buf[MODEL_TEXT_BYTES(MODEL_NOTE_MAX_CHARS)];
    const char *v;
    size_t n;
    err_t e;
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return 1;
    return col_text(s, i, &v, &n) == 0 &&
           model_parse_text(v, n, max, buf, &e) == 0;
}

static int ok_real(sqlite3_stmt *s, int i, double lo, double hi)
{
    int t = sqlite3_column_type(s, i);
    double v = sqlite3_column_double(s, i);
    return (t == SQLITE_FLOAT || t == SQLITE_INTEGER) && isfinite(v) &&
           v >= lo && v <= hi;
}

static int ok_int(sqlite3_stmt *s, int i, int64_t lo, int64_t hi)
{
    int64_t v = sqlite3_column_int64(s, i);
    return sqlite3_column_type(s, i) == SQLITE_INTEGER && v >= lo && v <= hi;
}

static int ok_walk_enums(sqlite3_stmt *s)
{
    const char *v;
    size_t n;
    model_role role;
    model_light light;
    err_t e;
    if (col_text(s, 4, &v, &n) || model_parse_role(v, n, &role, &e))
        return 0;
    if (sqlite3_column_type(s, 8) != SQLITE_NULL &&
        (col_text(s, 8, &v, &n) || model_parse_light(v, n, &light, &e)))
        return 0;
    return 1;
}

/* Insert the first ncols columns of s with the next change_seq as the
 * last value: 1 copied (counted in *copied), 0 the id was there already (a
 * damaged copy of a row: counted invalid), -1 error. */
static int copy_row(salv *sv, enum store_stmt id, const char *sql,
                    sqlite3_stmt *s, int ncols, int64_t *copied, err_t *e)
{
    sqlite3_stmt *ins = store_stmt(sv->dst, id, sql, e);
    if (!ins)
        return -1;
    for (int i = 0; i < ncols; i++)
        sqlite3_bind_value(ins, i + 1, sqlite3_column_value(s, i));
    sqlite3_bind_int64(ins, ncols + 1, ++sv->seq);
    if (sqlite3_step(ins) != SQLITE_DONE)
        return store_fail(sv->dst, "cannot copy a row into the rescue", e);
    if (sqlite3_changes(sv->dst->db) == 0) {
        sv->n->invalid++;
        return 0;
    }
    (*copied)++;
    return 1;
}

/* ---- the rows ---- */

#define SALV_WALK_COLS STORE_WALK_COLS ", rowid"
static int walk_row(salv *sv, sqlite3_stmt *s, err_t *e)
{
    char id[IDS_UUID_LEN + 1];
    const char *dev;
    size_t n;
    if (!ok_uuid(s, 0, id) || col_text(s, 1, &dev, &n) ||
        n != strlen(sv->dst->device_id) || memcmp(dev, sv->dst->device_id, n) ||
        !ok_opt_text(s, 2, MODEL_TITLE_MAX_CHARS) ||
        !ok_opt_text(s, 3, MODEL_TITLE_MAX_CHARS) || !ok_walk_enums(s) ||
        !ok_time(s, 5) ||
        (sqlite3_column_type(s, 6) != SQLITE_NULL && !ok_time(s, 6)) ||
        (sqlite3_column_type(s, 7) != SQLITE_NULL &&
         !ok_int(s, 7, 1, 100000))) {
        sv->n->invalid++;
        return 0;
    }
    return copy_row(sv, SQ_SALV_WALK,
                    "INSERT OR IGNORE INTO walks(" STORE_WALK_COLS
                    ", change_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                    " ?10)",
                    s, 9, &sv->n->walks, e);
}

/* A spot's category is known and its severity fits it: none for a
 * positive category, 1-3 for the others. */
static int ok_category(salv *sv, sqlite3_stmt *s)
{
    const char *v;
    size_t n;
    char code[MODEL_CODE_MAX + 1];
    err_t e;
    if (col_text(s, 8, &v, &n) || model_parse_code(v, n, code, &e))
        return 0;
    const cat_entry *c = cat_find(&sv->dst->cats, code);
    if (!c)
        return 0;
    if (c->positive)
        return sqlite3_column_type(s, 9) == SQLITE_NULL;
    return ok_int(s, 9, 1, 3);
}

static int walk_known(salv *sv, sqlite3_stmt *s, int col, err_t *e)
{
    sqlite3_stmt *q = store_stmt(
        sv->dst, SQ_SALV_WALK_KNOWN, "SELECT 1 FROM walks WHERE walk_id=?1", e);
    if (!q)
        return -1;
    sqlite3_bind_value(q, 1, sqlite3_column_value(s, col));
    int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(sv->dst, "cannot look up a walk", e);
    return rc == SQLITE_ROW;
}

#define SALV_SPOT_COLS STORE_SPOT_COLS ", rowid"
static int spot_row(salv *sv, sqlite3_stmt *s, err_t *e)
{
    char id[IDS_UUID_LEN + 1], wid[IDS_UUID_LEN + 1];
    const char *v;
    size_t n;
    model_source src;
    err_t pe;
    if (!ok_uuid(s, 0, id) || !ok_uuid(s, 1, wid) || !ok_time(s, 2) ||
        !ok_time(s, 3) || !ok_real(s, 4, -90, 90) || !ok_real(s, 5, -180, 180) ||
        (sqlite3_column_type(s, 6) != SQLITE_NULL &&
         !ok_real(s, 6, 0, 100000)) ||
        col_text(s, 7, &v, &n) || model_parse_source(v, n, &src, &pe) ||
        !ok_category(sv, s) || !ok_opt_text(s, 10, MODEL_NOTE_MAX_CHARS) ||
        sqlite3_column_type(s, 10) == SQLITE_NULL || !ok_int(s, 11, 0, 1) ||
        !ok_int(s, 12, 1, 999999999999999999)) {
        sv->n->invalid++;
        return 0;
    }
    int known = walk_known(sv, s, 1, e);
    if (known <= 0) {
        if (known == 0)
            sv->n->orphans++;
        return known;
    }
    return copy_row(sv, SQ_SALV_SPOT,
                    "INSERT OR IGNORE INTO spots(" STORE_SPOT_COLS
                    ", change_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                    " ?10, ?11, ?12, ?13, ?14)",
                    s, 13, &sv->n->spots, e);
}

#define SALV_CHECK_COLS "check_id, spot_id, walk_id, answered_at, answer, rowid"
static int check_row(salv *sv, sqlite3_stmt *s, err_t *e)
{
    char id[IDS_UUID_LEN + 1];
    const char *v;
    size_t n;
    model_answer a;
    err_t pe;
    if (!ok_uuid(s, 0, id) || !ok_uuid(s, 1, id) || !ok_uuid(s, 2, id) ||
        !ok_time(s, 3) || col_text(s, 4, &v, &n) ||
        model_parse_answer(v, n, &a, &pe)) {
        sv->n->invalid++;
        return 0;
    }
    int known = walk_known(sv, s, 2, e);
    if (known <= 0) {
        if (known == 0)
            sv->n->orphans++;
        return known;
    }
    return copy_row(sv, SQ_SALV_CHECK,
                    "INSERT OR IGNORE INTO checks(check_id, spot_id, walk_id,"
                    " answered_at, answer, change_seq)"
                    " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                    s, 5, &sv->n->checks, e);
}

/* Categories the device had beyond the built-in ones (rare, but a spot
 * needs its category to travel). */
static int category_row(salv *sv, sqlite3_stmt *s, err_t *e)
{
    cat_entry c;
    const char *v;
    size_t n;
    err_t pe;
    memset(&c, 0, sizeof c);
    if (col_text(s, 0, &v, &n) || model_parse_code(v, n, c.code, &pe) ||
        col_text(s, 1, &v, &n) ||
        model_parse_text(v, n, CAT_LABEL_MAX_CHARS, c.label_sv, &pe) ||
        col_text(s, 2, &v, &n) ||
        model_parse_text(v, n, CAT_LABEL_MAX_CHARS, c.label_en, &pe) ||
        !ok_int(s, 3, 0, 1))
        return 0; /* the built-in table covers the usual codes */
    c.positive = sqlite3_column_int(s, 3);
    return store_import_category(sv->dst, &c, e) ? -1 : 1;
}

/* ---- the device id ---- */

/* The damaged file's device id: from meta, else from its first readable
 * walk. 1 found, 0 not. */
static int find_device_id(sqlite3 *src, char *out)
{
    static const char *const sql[] = {
        "SELECT value FROM meta WHERE key='device_id'",
        "SELECT device_id FROM walks ORDER BY rowid LIMIT 1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *s = NULL;
        int ok = 0;
        if (sqlite3_prepare_v2(src, sql[i], -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW &&
            sqlite3_column_type(s, 0) == SQLITE_TEXT) {
            const char *v = (const char *)sqlite3_column_text(s, 0);
            size_t n = strlen(v);
            ok = n >= 8 && n <= 32 && strspn(v, "0123456789abcdef") == n;
            if (ok)
                memcpy(out, v, n + 1);
        }
        sqlite3_finalize(s);
        if (ok)
            return 1;
    }
    return 0;
}

int store_salvage_from(store *dst, const char *damaged, salvage_counts *n,
                       err_t *e)
{
    struct stat sb;
    /* A row takes at least a few bytes of a page; a healthy file holds
     * fewer than size / 4 of them. */
    salv sv = {dst, NULL, n, 0,
               stat(damaged, &sb) == 0 ? (int64_t)sb.st_size / 4 + 1000 : 0};
    memset(n, 0, sizeof *n);
    if (sqlite3_open_v2(damaged, &sv.src, SQLITE_OPEN_READONLY, NULL) !=
        SQLITE_OK) {
        err_set(e, "cannot open %s to read it: %s", damaged,
                sv.src ? sqlite3_errmsg(sv.src) : "out of memory");
        sqlite3_close(sv.src);
        return -1;
    }
    /* writable_schema lets the schema load when a table's root page lies
     * past a truncated end (the connection is read-only: nothing can be
     * written); cell_size_check finds damaged cells instead of reading
     * garbage from them. */
    sqlite3_exec(sv.src, "PRAGMA writable_schema=ON; PRAGMA cell_size_check=ON",
                 NULL, NULL, NULL);
    char dev[33];
    if (!find_device_id(sv.src, dev)) {
        sqlite3_close(sv.src);
        return err_set(e, "nothing can be read from %s: not even which "
                       "device it belongs to", damaged);
    }
    int rc = store_begin_write(dst, e);
    if (rc == 0) {
        memcpy(dst->device_id, dev, sizeof dst->device_id);
        rc = store_meta_put(dst, "device_id", dev, e);
    }
    if (rc == 0)
        rc = scan(&sv, "categories", "code, label_sv, label_en, positive, rowid",
                  category_row, e);
    if (rc == 0)
        rc = scan(&sv, "walks", SALV_WALK_COLS, walk_row, e);
    if (rc == 0)
        rc = scan(&sv, "spots", SALV_SPOT_COLS, spot_row, e);
    if (rc == 0)
        rc = scan(&sv, "checks", SALV_CHECK_COLS, check_row, e);
    if (rc == 0)
        rc = store_commit(dst, e);
    if (rc)
        store_rollback(dst);
    sqlite3_close(sv.src);
    return rc;
}
