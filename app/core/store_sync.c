/* store_sync: which rows a sync sends, and remembering what was sent.
 *
 * Every local change gives its row the next change_seq of its table; a sync
 * sends the rows with change_seq in (last synced, current max] and then
 * stores the max. Marking a sync is thus one small write however many rows
 * went, and a row changed again later gets a new number and goes again. */
#include "store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int meta_int(store *st, const char *key, int64_t *out, err_t *e)
{
    char buf[32];
    int got = store_meta_get(st, key, buf, sizeof buf, e);
    if (got < 0)
        return -1;
    *out = got ? strtoll(buf, NULL, 10) : 0;
    return 0;
}

static int max_seq(store *st, const char *sql, int64_t *out, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW) {
        store_fail(st, "cannot read change numbers", e);
        sqlite3_finalize(s);
        return -1;
    }
    *out = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return 0;
}

static int count_own_walks(store *st, int64_t *out, err_t *e)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(
        st->db, "SELECT COUNT(*) FROM walks WHERE device_id = ?1", -1, &s,
        NULL);
    if (rc == SQLITE_OK) {
        store_bind_text(s, 1, st->device_id);
        rc = sqlite3_step(s);
    }
    if (rc != SQLITE_ROW) {
        store_fail(st, "cannot count walks", e);
        sqlite3_finalize(s);
        return -1;
    }
    *out = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return 0;
}

int store_sync_range(store *st, int all, store_sync *ss, err_t *e)
{
    ss->all = all;
    if (meta_int(st, "last_bundle_created", &ss->last_created, e))
        return -1;
    if (max_seq(st, "SELECT COALESCE(MAX(change_seq), 0) FROM walks",
                &ss->walk_seq_to, e) ||
        max_seq(st, "SELECT COALESCE(MAX(change_seq), 0) FROM spots",
                &ss->spot_seq_to, e) ||
        max_seq(st, "SELECT COALESCE(MAX(change_seq), 0) FROM checks",
                &ss->check_seq_to, e))
        return -1;
    if (all) {
        int64_t n_own;
        ss->walk_seq_from = ss->spot_seq_from = ss->check_seq_from = -1;
        if (count_own_walks(st, &n_own, e))
            return -1;
        ss->pending = n_own > 0;
        return 0;
    }
    if (meta_int(st, "synced_walk_seq", &ss->walk_seq_from, e) ||
        meta_int(st, "synced_spot_seq", &ss->spot_seq_from, e) ||
        meta_int(st, "synced_check_seq", &ss->check_seq_from, e))
        return -1;
    ss->pending = ss->walk_seq_to > ss->walk_seq_from ||
                  ss->spot_seq_to > ss->spot_seq_from ||
                  ss->check_seq_to > ss->check_seq_from;
    return 0;
}

int store_sync_each_walk(store *st, const store_sync *ss, store_walk_fn fn,
                         void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    /* A walk goes when it changed, or when one of its spots or answers
     * goes: a bundle always carries the walks its rows point to. */
    if (sqlite3_prepare_v2(
            st->db,
            "SELECT " STORE_WALK_COLS " FROM walks WHERE device_id = ?1 AND"
            " (?2 < 0 OR (change_seq > ?2 AND change_seq <= ?3) OR walk_id IN"
            " (SELECT walk_id FROM spots WHERE change_seq > ?4"
            " AND change_seq <= ?5) OR walk_id IN"
            " (SELECT walk_id FROM checks WHERE change_seq > ?6"
            " AND change_seq <= ?7)) ORDER BY started_at, walk_id",
            -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read walks to sync", e);
    store_bind_text(s, 1, st->device_id);
    sqlite3_bind_int64(s, 2, ss->walk_seq_from);
    sqlite3_bind_int64(s, 3, ss->walk_seq_to);
    sqlite3_bind_int64(s, 4, ss->spot_seq_from);
    sqlite3_bind_int64(s, 5, ss->spot_seq_to);
    sqlite3_bind_int64(s, 6, ss->check_seq_from);
    sqlite3_bind_int64(s, 7, ss->check_seq_to);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        walk w;
        store_read_walk(s, &w);
        stop = fn(ctx, &w, 0);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = store_fail(st, "cannot read walks to sync", e);
    sqlite3_finalize(s);
    return stop;
}

int store_sync_each_spot(store *st, const store_sync *ss, store_spot_fn fn,
                         void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    const char *sql =
        ss->all ? "SELECT " STORE_SPOT_COLS " FROM spots WHERE walk_id IN"
                  " (SELECT walk_id FROM walks WHERE device_id = ?1)"
                  " ORDER BY rowid"
                : "SELECT " STORE_SPOT_COLS " FROM spots"
                  " WHERE change_seq > ?2 AND change_seq <= ?3"
                  " ORDER BY change_seq";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read spots to sync", e);
    if (ss->all) {
        store_bind_text(s, 1, st->device_id);
    } else {
        sqlite3_bind_int64(s, 2, ss->spot_seq_from);
        sqlite3_bind_int64(s, 3, ss->spot_seq_to);
    }
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        spot p;
        store_read_spot(s, &p);
        stop = fn(ctx, &p);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = store_fail(st, "cannot read spots to sync", e);
    sqlite3_finalize(s);
    return stop;
}

int store_sync_mark(store *st, const store_sync *ss, int64_t created,
                    err_t *e)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRId64, created);
    if (store_meta_put(st, "last_bundle_created", buf, e))
        return -1;
    snprintf(buf, sizeof buf, "%" PRId64, ss->walk_seq_to);
    if (store_meta_put(st, "synced_walk_seq", buf, e))
        return -1;
    snprintf(buf, sizeof buf, "%" PRId64, ss->spot_seq_to);
    if (store_meta_put(st, "synced_spot_seq", buf, e))
        return -1;
    snprintf(buf, sizeof buf, "%" PRId64, ss->check_seq_to);
    return store_meta_put(st, "synced_check_seq", buf, e);
}
