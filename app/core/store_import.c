/* store_import: merging rows that came in a bundle. The caller (import.c)
 * validates every field first and holds one write transaction around a
 * whole bundle, so a refused bundle leaves nothing behind. */
#include "store_int.h"

#include <string.h>

static int same_walk(const walk *a, const walk *b)
{
    return strcmp(a->title, b->title) == 0 && strcmp(a->area, b->area) == 0 &&
           a->role == b->role && a->light == b->light &&
           a->started_at == b->started_at && a->has_ended == b->has_ended &&
           (!a->has_ended || a->ended_at == b->ended_at) &&
           a->participants == b->participants;
}

static void bind_walk(sqlite3_stmt *s, const walk *w, int64_t bundle_time)
{
    store_bind_text(s, 1, w->id);
    store_bind_text(s, 2, w->device_id);
    store_bind_opt_text(s, 3, w->title);
    store_bind_opt_text(s, 4, w->area);
    store_bind_text(s, 5, model_role_name(w->role));
    store_bind_time(s, 6, w->started_at);
    if (w->has_ended)
        store_bind_time(s, 7, w->ended_at);
    if (w->participants > 0)
        sqlite3_bind_int(s, 8, w->participants);
    store_bind_opt_text(s, 9, model_light_name(w->light));
    store_bind_time(s, 10, bundle_time);
}

/* Stored copy of walk id: 1 found (into old, *old_time), 0 not, -1 error. */
static int get_stored_walk(store *st, const char *id, walk *old,
                           int64_t *old_time, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_IMP_WALK_GET,
        "SELECT " STORE_WALK_COLS ", source_created_at, change_seq"
        " FROM walks WHERE walk_id=?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return store_fail(st, "cannot read a walk", e);
    store_read_walk(s, old);
    /* A walk made in this very database (change_seq > 0) counts as newest. */
    *old_time = sqlite3_column_int64(s, 10) > 0 ? INT64_MAX
                                                : store_col_time(s, 9);
    sqlite3_reset(s);
    return 1;
}

int store_import_walk(store *st, const walk *w, int64_t bundle_time,
                      store_outcome *out, err_t *e)
{
    walk old;
    int64_t old_time = 0;
    int found = get_stored_walk(st, w->id, &old, &old_time, e);
    if (found < 0)
        return -1;
    if (found && strcmp(old.device_id, w->device_id) != 0)
        return err_set(e, "walk %s is already known from device %s, not %s",
                       w->id, old.device_id, w->device_id);
    *out = !found ? IMP_ADDED : same_walk(&old, w) ? IMP_SAME : IMP_UPDATED;
    if (found && bundle_time <= old_time) {
        *out = IMP_SAME; /* an older or the same bundle never wins */
        return 0;
    }
    sqlite3_stmt *s = store_stmt(
        st, found ? SQ_IMP_WALK_UPDATE : SQ_IMP_WALK_INSERT,
        found ? "UPDATE walks SET title=?3, area=?4, role=?5, started_at=?6,"
                " ended_at=?7, participants=?8, light=?9,"
                " source_created_at=?10 WHERE walk_id=?1 AND device_id=?2"
              : "INSERT INTO walks(walk_id, device_id, title, area, role,"
                " started_at, ended_at, participants, light,"
                " source_created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                " ?9, ?10)",
        e);
    if (!s)
        return -1;
    bind_walk(s, w, bundle_time);
    if (sqlite3_step(s) != SQLITE_DONE)
        return store_fail(st, "cannot store a walk", e);
    return 0;
}

/* The spot outlives the statement's step, so its texts are bound without a
 * copy: a million-row import saves five allocations a row. */
static void bind_spot(sqlite3_stmt *s, const spot *p)
{
    store_bind_static(s, 1, p->id);
    store_bind_static(s, 2, p->walk_id);
    store_bind_time(s, 3, p->created_at);
    store_bind_time(s, 4, p->updated_at);
    sqlite3_bind_double(s, 5, p->lat);
    sqlite3_bind_double(s, 6, p->lon);
    if (p->has_accuracy)
        sqlite3_bind_double(s, 7, p->accuracy_m);
    store_bind_static(s, 8, model_source_name(p->source));
    store_bind_static(s, 9, p->category);
    if (p->severity)
        sqlite3_bind_int(s, 10, p->severity);
    store_bind_static(s, 11, p->note);
    sqlite3_bind_int(s, 12, p->deleted);
    sqlite3_bind_int64(s, 13, p->revision);
}

/* Why a spot row changed nothing: an equal or lower revision (fine), or a
 * spot id known under another walk (refused). */
static int explain_skip(store *st, const spot *p, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_IMP_SPOT_GET, "SELECT walk_id FROM spots WHERE spot_id=?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, p->id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW)
        return store_fail(st, "cannot read a spot", e);
    const char *walk_id = (const char *)sqlite3_column_text(s, 0);
    if (walk_id && strcmp(walk_id, p->walk_id) != 0)
        return err_set(e, "spot %s is already known under walk %s, not %s",
                       p->id, walk_id, p->walk_id);
    sqlite3_reset(s);
    return 0;
}

int store_import_spot(store *st, const spot *p, store_outcome *out, err_t *e)
{
    /* One statement per row: the unique index is searched once. An upsert
     * that ends in DO UPDATE is not an INSERT, so last_insert_rowid tells a
     * new row from a replaced one. */
    sqlite3_stmt *s = store_stmt(
        st, SQ_IMP_SPOT_UPSERT,
        "INSERT INTO spots(" STORE_SPOT_COLS ") VALUES(?1, ?2, ?3, ?4, ?5,"
        " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT(spot_id) DO UPDATE"
        " SET created_at=?3, updated_at=?4, latitude=?5, longitude=?6,"
        " accuracy_m=?7, position_source=?8, category=?9, severity=?10,"
        " note=?11, deleted=?12, revision=?13"
        " WHERE ?13 > spots.revision AND spots.walk_id = ?2",
        e);
    if (!s)
        return -1;
    bind_spot(s, p);
    sqlite3_set_last_insert_rowid(st->db, 0);
    if (sqlite3_step(s) != SQLITE_DONE)
        return store_fail(st, "cannot store a spot", e);
    if (sqlite3_changes(st->db) == 0) {
        *out = IMP_SAME;
        return explain_skip(st, p, e);
    }
    *out = sqlite3_last_insert_rowid(st->db) ? IMP_ADDED : IMP_UPDATED;
    return 0;
}

int store_walk_known(store *st, const char *walk_id, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_WALK_KNOWN, "SELECT 1 FROM walks WHERE walk_id=?1", e);
    if (!s)
        return -1;
    store_bind_text(s, 1, walk_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot look up a walk", e);
    return rc == SQLITE_ROW;
}
