/* store_followup: the list of spots to look at again. At the municipality
 * it is chosen from the spots and their status (for `trygg followup`); on a
 * device it is the copy from the newest follow-up bundle, which the walk
 * screen shows and the walker answers (store_check.c). The times of the
 * lists written and held live in the meta table. */
#include "store_int.h"

#include <stdio.h>
#include <string.h>

/* Column order of every query here. */
#define FU_COLS                                                                \
    "spot_id, walked_on, latitude, longitude, category, severity, status,"     \
    " comment, status_at, answer, answered_at"

void store_read_followup(sqlite3_stmt *s, followup_spot *f)
{
    char tmp[16];
    memset(f, 0, sizeof *f);
    store_col_text(s, 0, f->spot_id, sizeof f->spot_id);
    f->walked_on = store_col_time(s, 1);
    f->lat = sqlite3_column_double(s, 2);
    f->lon = sqlite3_column_double(s, 3);
    store_col_text(s, 4, f->category, sizeof f->category);
    f->severity = sqlite3_column_int(s, 5);
    store_col_text(s, 6, tmp, sizeof tmp);
    if (model_parse_status(tmp, strlen(tmp), &f->status, NULL))
        f->status = STATUS_OPEN; /* kept out by CHECK constraints */
    store_col_text(s, 7, f->comment, sizeof f->comment);
    f->status_at = store_col_time(s, 8);
    store_col_text(s, 9, tmp, sizeof tmp);
    f->has_answer = tmp[0] && !model_parse_answer(tmp, strlen(tmp),
                                                  &f->answer, NULL);
    f->answered_at = f->has_answer ? store_col_time(s, 10) : 0;
}

static int each_row(store *st, sqlite3_stmt *s, store_followup_fn fn,
                    void *ctx, err_t *e)
{
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        followup_spot f;
        store_read_followup(s, &f);
        stop = fn(ctx, &f);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = store_fail(st, "cannot read follow-up spots", e);
    return stop;
}

int store_followup_candidates(store *st, int year, store_followup_fn fn,
                              void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(
            st->db,
            "SELECT " FU_COLS " FROM (SELECT s.spot_id, w.started_at AS"
            " walked_on, s.latitude, s.longitude, s.category, s.severity,"
            " COALESCE(n.status, 'open') AS status,"
            " COALESCE(n.comment, '') AS comment, n.set_at AS status_at,"
            " a.answer, a.answered_at, s.created_at"
            " FROM spots s JOIN walks w ON w.walk_id = s.walk_id"
            " JOIN categories k ON k.code = s.category"
            " LEFT JOIN spot_status_now n ON n.spot_id = s.spot_id"
            " LEFT JOIN check_now a ON a.spot_id = s.spot_id"
            " WHERE s.deleted = 0 AND k.positive = 0"
            " AND (?1 = 0 OR (w.started_at >= ?2 AND w.started_at < ?3)))"
            " WHERE status IN ('open', 'planned')"
            " ORDER BY walked_on, created_at, spot_id",
            -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot choose follow-up spots", e);
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-", year);
    snprintf(to, sizeof to, "%04d-", year + 1);
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, from);
    store_bind_text(s, 3, to);
    int rc = each_row(st, s, fn, ctx, e);
    sqlite3_finalize(s);
    return rc;
}

int store_followup_clear(store *st, err_t *e)
{
    return store_exec(st, "DELETE FROM followup_spots",
                      "cannot clear the follow-up list", e);
}

int store_followup_put(store *st, const followup_spot *f, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_FOLLOWUP_PUT,
        "INSERT OR REPLACE INTO followup_spots(spot_id, walked_on, latitude,"
        " longitude, category, severity, status, comment, status_at)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, f->spot_id);
    store_bind_time(s, 2, f->walked_on);
    sqlite3_bind_double(s, 3, f->lat);
    sqlite3_bind_double(s, 4, f->lon);
    store_bind_text(s, 5, f->category);
    if (f->severity)
        sqlite3_bind_int(s, 6, f->severity);
    store_bind_static(s, 7, model_status_name(f->status));
    store_bind_text(s, 8, f->comment);
    if (f->status_at)
        store_bind_time(s, 9, f->status_at);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot store a follow-up spot", e);
    return 0;
}

/* An answer counts for the list only when given after the list arrived on
 * this device: a spot still open a year later is to be looked at again.
 * Both times are this device's clock, so a skew against the municipality's
 * does not matter. */
#define DEVICE_FU_SELECT                                                       \
    "SELECT f.spot_id, f.walked_on, f.latitude, f.longitude, f.category,"      \
    " f.severity, f.status, f.comment, f.status_at, a.answer, a.answered_at"   \
    " FROM followup_spots f LEFT JOIN check_now a ON a.spot_id = f.spot_id"    \
    " AND a.answered_at >= COALESCE((SELECT value FROM meta"                   \
    " WHERE key = 'followup_list_received'), '')"

int store_followup_each(store *st, store_followup_fn fn, void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           DEVICE_FU_SELECT
                           " ORDER BY f.walked_on, f.spot_id",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read the follow-up list", e);
    int rc = each_row(st, s, fn, ctx, e);
    sqlite3_finalize(s);
    return rc;
}

static int copy_one(void *ctx, const followup_spot *f)
{
    *(followup_spot *)ctx = *f;
    return 1;
}

int store_followup_get(store *st, const char *spot_id, followup_spot *out,
                       err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, DEVICE_FU_SELECT " WHERE f.spot_id = ?1",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read the follow-up list", e);
    store_bind_text(s, 1, spot_id);
    int rc = each_row(st, s, copy_one, out, e);
    sqlite3_finalize(s);
    return rc; /* 1: copied, 0: none, -1: error */
}

typedef struct first_two {
    followup_spot *out;
    int n;
} first_two;

static int keep_first(void *ctx, const followup_spot *f)
{
    first_two *t = ctx;
    if (t->n++ == 0)
        *t->out = *f;
    return t->n == 2; /* a second match: stop, the prefix is ambiguous */
}

int store_followup_find(store *st, const char *id, followup_spot *out,
                        err_t *e)
{
    if (!store_valid_prefix(id))
        return err_set(e, "\"%s\" is not a spot id (at least 4 characters "
                       "of 0-9, a-f and -)", id);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           DEVICE_FU_SELECT " WHERE f.spot_id >= ?1 AND"
                           " f.spot_id < ?1 || 'g' ORDER BY f.spot_id"
                           " LIMIT 2",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read the follow-up list", e);
    store_bind_text(s, 1, id);
    first_two t = {out, 0};
    int rc = each_row(st, s, keep_first, &t, e);
    sqlite3_finalize(s);
    if (rc < 0)
        return -1;
    if (t.n > 1)
        return err_set(e, "\"%s\" matches more than one follow-up spot; "
                       "give more of the id", id);
    return t.n;
}

static int meta_time(store *st, const char *key, int64_t *out, err_t *e)
{
    char buf[TM_ISO_LEN + 1];
    *out = 0;
    int got = store_meta_get(st, key, buf, sizeof buf, e);
    if (got <= 0)
        return got;
    if (tm_parse_iso(buf, strlen(buf), out))
        return err_set(e, "the stored %s \"%s\" is not a time", key, buf);
    return 0;
}

static int meta_set_time(store *st, const char *key, int64_t t, err_t *e)
{
    char buf[TM_ISO_LEN + 1];
    tm_format_iso(t, buf);
    return store_meta_put(st, key, buf, e);
}

int store_followup_list_time(store *st, int64_t *out, err_t *e)
{
    return meta_time(st, "followup_list_created", out, e);
}

int store_followup_set_list_time(store *st, int64_t t, err_t *e)
{
    if (meta_set_time(st, "followup_list_received", store_now(st), e))
        return -1;
    return meta_set_time(st, "followup_list_created", t, e);
}

int store_followup_written_time(store *st, int64_t *out, err_t *e)
{
    return meta_time(st, "followup_written_created", out, e);
}

int store_followup_set_written_time(store *st, int64_t t, err_t *e)
{
    return meta_set_time(st, "followup_written_created", t, e);
}
