/* store_walk: walks in the database. See store.h. */
#include "store_int.h"
#include "ids.h"

#include <string.h>

/* Next change sequence number for a table: rows with a number above the last
 * synced one are what the next sync sends. */
#define NEXT_WALK_SEQ                                                          \
    "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM walks WHERE change_seq > 0)"

void store_read_walk(sqlite3_stmt *s, walk *w)
{
    store_col_text(s, 0, w->id, sizeof w->id);
    store_col_text(s, 1, w->device_id, sizeof w->device_id);
    store_col_text(s, 2, w->title, sizeof w->title);
    store_col_text(s, 3, w->area, sizeof w->area);
    char tmp[16];
    store_col_text(s, 4, tmp, sizeof tmp);
    if (model_parse_role(tmp, strlen(tmp), &w->role, NULL))
        w->role = ROLE_CITIZEN; /* the schema's CHECK makes this unreachable */
    w->started_at = store_col_time(s, 5);
    w->has_ended = sqlite3_column_type(s, 6) != SQLITE_NULL;
    w->ended_at = w->has_ended ? store_col_time(s, 6) : 0;
    w->participants = sqlite3_column_int(s, 7);
    store_col_text(s, 8, tmp, sizeof tmp);
    if (model_parse_light(tmp, strlen(tmp), &w->light, NULL))
        w->light = LIGHT_NONE;
}

int store_walk_open(store *st, char *id, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_WALK_OPEN,
        "SELECT walk_id FROM walks WHERE ended_at IS NULL AND device_id=?1"
        " ORDER BY started_at DESC LIMIT 1",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, st->device_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_col_text(s, 0, id, IDS_UUID_LEN + 1);
        sqlite3_reset(s);
        return 1;
    }
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot look for the open walk", e);
    return 0;
}

int store_walk_start(store *st, walk *w, err_t *e)
{
    char open_id[IDS_UUID_LEN + 1];
    int open = store_walk_open(st, open_id, e);
    if (open < 0)
        return -1;
    if (open)
        return err_set(e, "walk %s is still open; end it first (trygg walk "
                       "end)", open_id);
    if (ids_uuid_v4(w->id, e))
        return -1;
    memcpy(w->device_id, st->device_id, sizeof w->device_id);
    w->started_at = store_now(st);
    w->has_ended = 0;
    sqlite3_stmt *s = store_stmt(
        st, SQ_WALK_INSERT,
        "INSERT INTO walks(walk_id, device_id, title, area, role, started_at,"
        " participants, light, change_seq)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " NEXT_WALK_SEQ ")",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, w->id);
    store_bind_text(s, 2, w->device_id);
    store_bind_opt_text(s, 3, w->title);
    store_bind_opt_text(s, 4, w->area);
    store_bind_text(s, 5, model_role_name(w->role));
    store_bind_time(s, 6, w->started_at);
    if (w->participants > 0)
        sqlite3_bind_int(s, 7, w->participants);
    store_bind_opt_text(s, 8, model_light_name(w->light));
    if (sqlite3_step(s) != SQLITE_DONE)
        return store_fail(st, "cannot save the new walk", e);
    return 0;
}

int store_walk_end(store *st, const char *walk_id, err_t *e)
{
    walk w;
    int found = store_walk_get(st, walk_id, &w, e);
    if (found <= 0)
        return found < 0 ? -1 : err_set(e, "no walk with id %s", walk_id);
    if (w.has_ended)
        return err_set(e, "walk %s has already ended", walk_id);
    sqlite3_stmt *s = store_stmt(
        st, SQ_WALK_END,
        "UPDATE walks SET ended_at=?2, change_seq=" NEXT_WALK_SEQ
        " WHERE walk_id=?1",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, walk_id);
    store_bind_time(s, 2, store_now(st));
    if (sqlite3_step(s) != SQLITE_DONE)
        return store_fail(st, "cannot end the walk", e);
    return 0;
}

int store_walk_get(store *st, const char *walk_id, walk *out, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_WALK_GET,
        "SELECT " STORE_WALK_COLS " FROM walks WHERE walk_id=?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, walk_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_read_walk(s, out);
        sqlite3_reset(s);
        return 1;
    }
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot read the walk", e);
    return 0;
}

int store_walk_each(store *st, store_walk_fn fn, void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(
            st->db,
            "SELECT " STORE_WALK_COLS ", COALESCE(n, 0) FROM walks"
            " LEFT JOIN (SELECT walk_id, COUNT(*) AS n FROM spots"
            " WHERE deleted = 0 GROUP BY walk_id) USING (walk_id)"
            " ORDER BY started_at DESC, walk_id",
            -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot list walks", e);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        walk w;
        store_read_walk(s, &w);
        stop = fn(ctx, &w, sqlite3_column_int64(s, 9));
    }
    if (!stop && rc != SQLITE_DONE)
        stop = store_fail(st, "cannot list walks", e);
    sqlite3_finalize(s);
    return stop;
}
