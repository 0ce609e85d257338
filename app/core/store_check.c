/* store_check: walkers' answers at follow-up spots (`Kvar` / `Åtgärdat`).
 * An answer is made once on a device and never edited; it travels in the
 * next bundle's checks.csv and is merged at the municipality by its id. */
#include "store_int.h"
#include "ids.h"

#include <string.h>

#define CHECK_COLS "check_id, spot_id, walk_id, answered_at, answer"

static void read_check(sqlite3_stmt *s, spot_check *c)
{
    char tmp[16];
    store_col_text(s, 0, c->id, sizeof c->id);
    store_col_text(s, 1, c->spot_id, sizeof c->spot_id);
    store_col_text(s, 2, c->walk_id, sizeof c->walk_id);
    c->answered_at = store_col_time(s, 3);
    store_col_text(s, 4, tmp, sizeof tmp);
    if (model_parse_answer(tmp, strlen(tmp), &c->answer, NULL))
        c->answer = ANSWER_STILL; /* kept out by the CHECK constraint */
}

static int insert_check(store *st, const spot_check *c, int local, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, local ? SQ_CHECK_INSERT : SQ_IMP_CHECK_INSERT,
        local ? "INSERT INTO checks(" CHECK_COLS ", change_seq)"
                " VALUES(?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(change_seq),"
                " 0) + 1 FROM checks WHERE change_seq > 0))"
              : "INSERT INTO checks(" CHECK_COLS ") VALUES(?1, ?2, ?3, ?4, ?5)",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, c->id);
    store_bind_text(s, 2, c->spot_id);
    store_bind_text(s, 3, c->walk_id);
    store_bind_time(s, 4, c->answered_at);
    store_bind_static(s, 5, model_answer_name(c->answer));
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot store an answer", e);
    return 0;
}

int store_check_add(store *st, const char *spot_id, model_answer answer,
                    spot_check *out, err_t *e)
{
    spot_check c = {.answer = answer};
    followup_spot f;
    int open = store_walk_open(st, c.walk_id, e);
    if (open < 0)
        return -1;
    if (!open)
        return err_set(e, "start a walk before answering a follow-up spot");
    int found = store_followup_find(st, spot_id, &f, e);
    if (found < 0)
        return -1;
    if (!found)
        return err_set(e, "spot %s is not on this device's follow-up list",
                       spot_id);
    memcpy(c.spot_id, f.spot_id, sizeof c.spot_id);
    if (ids_uuid_v4(c.id, e))
        return -1;
    c.answered_at = store_now(st);
    if (insert_check(st, &c, 1, e))
        return -1;
    if (out)
        *out = c;
    return 0;
}

static int each_check(store *st, sqlite3_stmt *s, store_check_fn fn,
                      void *ctx, err_t *e)
{
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        spot_check c;
        read_check(s, &c);
        stop = fn(ctx, &c);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = store_fail(st, "cannot read answers", e);
    return stop;
}

int store_check_each(store *st, const char *spot_id, store_check_fn fn,
                     void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT " CHECK_COLS " FROM checks"
                           " WHERE ?1 IS NULL OR spot_id = ?1"
                           " ORDER BY answered_at, check_id",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read answers", e);
    if (spot_id)
        store_bind_text(s, 1, spot_id);
    int rc = each_check(st, s, fn, ctx, e);
    sqlite3_finalize(s);
    return rc;
}

int store_sync_each_check(store *st, const store_sync *ss, store_check_fn fn,
                          void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    const char *sql =
        ss->all ? "SELECT " CHECK_COLS " FROM checks WHERE walk_id IN"
                  " (SELECT walk_id FROM walks WHERE device_id = ?1)"
                  " ORDER BY answered_at, check_id"
                : "SELECT " CHECK_COLS " FROM checks"
                  " WHERE change_seq > ?2 AND change_seq <= ?3"
                  " ORDER BY change_seq";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read answers to sync", e);
    if (ss->all) {
        store_bind_text(s, 1, st->device_id);
    } else {
        sqlite3_bind_int64(s, 2, ss->check_seq_from);
        sqlite3_bind_int64(s, 3, ss->check_seq_to);
    }
    int rc = each_check(st, s, fn, ctx, e);
    sqlite3_finalize(s);
    return rc;
}

int store_spot_known(store *st, const char *spot_id, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_SPOT_KNOWN, "SELECT 1 FROM spots WHERE spot_id = ?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, spot_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot look up a spot", e);
    return rc == SQLITE_ROW;
}

/* 1 and the stored copy in old when the id is known, 0 when new. */
static int check_get(store *st, const char *id, spot_check *old, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_IMP_CHECK_GET,
        "SELECT " CHECK_COLS " FROM checks WHERE check_id = ?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_check(s, old);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot look up an answer", e);
    return rc == SQLITE_ROW;
}

int store_import_check(store *st, const spot_check *c, store_outcome *out,
                       err_t *e)
{
    spot_check old;
    int known = check_get(st, c->id, &old, e);
    if (known < 0)
        return -1;
    if (known) {
        if (strcmp(old.spot_id, c->spot_id) ||
            strcmp(old.walk_id, c->walk_id) ||
            old.answered_at != c->answered_at || old.answer != c->answer)
            return err_set(e, "answer %s was imported before with other "
                           "content; answers are never changed", c->id);
        *out = IMP_SAME;
        return 0;
    }
    int got = store_spot_known(st, c->spot_id, e);
    if (got <= 0)
        return got < 0 ? -1 : err_set(e, "spot %s is not in this database; "
                                      "was the follow-up list made here?",
                                      c->spot_id);
    if ((got = store_walk_known(st, c->walk_id, e)) <= 0)
        return got < 0 ? -1 : err_set(e, "walk %s is not in this bundle or "
                                      "the database", c->walk_id);
    if (insert_check(st, c, 0, e))
        return -1;
    *out = IMP_ADDED;
    return 0;
}
