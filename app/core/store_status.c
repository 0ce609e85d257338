/* store_status: what the municipality decided about each spot (`trygg spot
 * status`). Decisions are a history, never overwritten: the newest one is
 * the spot's status, and the report can say when it changed. */
#include "store_int.h"

#include <string.h>

static void read_status(sqlite3_stmt *s, spot_status *out)
{
    char tmp[16];
    store_col_text(s, 0, out->spot_id, sizeof out->spot_id);
    store_col_text(s, 1, tmp, sizeof tmp);
    if (model_parse_status(tmp, strlen(tmp), &out->status, NULL))
        out->status = STATUS_OPEN; /* the CHECK constraint keeps this out */
    store_col_text(s, 2, out->comment, sizeof out->comment);
    out->set_at = store_col_time(s, 3);
}

static int insert_status(store *st, const spot_status *r, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_STATUS_INSERT,
        "INSERT INTO spot_status(spot_id, status, comment, set_at)"
        " VALUES(?1, ?2, ?3, ?4)",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, r->spot_id);
    store_bind_static(s, 2, model_status_name(r->status));
    store_bind_text(s, 3, r->comment);
    store_bind_time(s, 4, r->set_at);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot record the status", e);
    return 0;
}

int store_status_set(store *st, const char *id, model_status status,
                     const char *comment, spot_status *out, err_t *e)
{
    spot p;
    int found = store_spot_get(st, id, &p, e);
    if (found < 0)
        return -1;
    if (!found)
        return err_set(e, "no spot \"%s\" in %s", id, st->path);
    if (p.deleted)
        return err_set(e, "spot %s was deleted on its device; it has no "
                       "status", p.id);
    spot_status r = {.status = status, .set_at = store_now(st)};
    memcpy(r.spot_id, p.id, sizeof r.spot_id);
    if (strlen(comment) >= sizeof r.comment)
        return err_set(e, "the comment is too long");
    strcpy(r.comment, comment);
    if (insert_status(st, &r, e))
        return -1;
    if (out)
        *out = r;
    return 0;
}

int store_status_now(store *st, const char *spot_id, spot_status *out,
                     err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_STATUS_NOW,
        "SELECT spot_id, status, comment, set_at FROM spot_status"
        " WHERE spot_id = ?1 ORDER BY seq DESC LIMIT 1",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, spot_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        read_status(s, out);
    } else {
        memset(out, 0, sizeof *out);
        strncpy(out->spot_id, spot_id, sizeof out->spot_id - 1);
        out->status = STATUS_OPEN;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot read the status", e);
    return 0;
}

int store_status_each(store *st, const char *spot_id, store_status_fn fn,
                      void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT spot_id, status, comment, set_at"
                           " FROM spot_status WHERE spot_id = ?1"
                           " ORDER BY seq",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read the status history", e);
    store_bind_text(s, 1, spot_id);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        spot_status r;
        read_status(s, &r);
        stop = fn(ctx, &r);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = store_fail(st, "cannot read the status history", e);
    sqlite3_finalize(s);
    return stop;
}
