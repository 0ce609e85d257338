/* store_spot: spots in the database. Every write is one autocommit
 * statement, so it is durable (WAL, synchronous=FULL) when it returns. */
#include "store_int.h"
#include "ids.h"

#include <string.h>

#define NEXT_SPOT_SEQ                                                          \
    "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM spots WHERE change_seq > 0)"

void store_read_spot(sqlite3_stmt *s, spot *p)
{
    char tmp[8];
    store_col_text(s, 0, p->id, sizeof p->id);
    store_col_text(s, 1, p->walk_id, sizeof p->walk_id);
    p->created_at = store_col_time(s, 2);
    p->updated_at = store_col_time(s, 3);
    p->lat = sqlite3_column_double(s, 4);
    p->lon = sqlite3_column_double(s, 5);
    p->has_accuracy = sqlite3_column_type(s, 6) != SQLITE_NULL;
    p->accuracy_m = p->has_accuracy ? sqlite3_column_double(s, 6) : 0;
    store_col_text(s, 7, tmp, sizeof tmp);
    p->source = strcmp(tmp, "gps") == 0 ? SRC_GPS : SRC_MAP;
    store_col_text(s, 8, p->category, sizeof p->category);
    p->severity = sqlite3_column_int(s, 9);
    store_col_text(s, 10, p->note, sizeof p->note);
    p->deleted = sqlite3_column_int(s, 11);
    p->revision = sqlite3_column_int64(s, 12);
}

/* The category must exist and agree with the severity. */
static int check_category(store *st, const spot *p, err_t *e)
{
    const cat_entry *c = cat_find(&st->cats, p->category);
    if (!c)
        return err_set(e, "\"%s\" is not a known category", p->category);
    if (c->positive && p->severity)
        return err_set(e, "category %s marks a safe place and takes no "
                       "severity", p->category);
    if (!c->positive && (p->severity < 1 || p->severity > 3))
        return err_set(e, "category %s needs a severity of 1, 2 or 3",
                       p->category);
    return 0;
}

static void bind_fields(sqlite3_stmt *s, const spot *p)
{
    /* ?5.. are the editable fields in the same slots for insert and update */
    sqlite3_bind_double(s, 5, p->lat);
    sqlite3_bind_double(s, 6, p->lon);
    if (p->has_accuracy)
        sqlite3_bind_double(s, 7, p->accuracy_m);
    store_bind_text(s, 8, model_source_name(p->source));
    store_bind_text(s, 9, p->category);
    if (p->severity)
        sqlite3_bind_int(s, 10, p->severity);
    store_bind_text(s, 11, p->note);
}

static int resolve_walk(store *st, spot *p, err_t *e)
{
    if (p->walk_id[0]) {
        walk w;
        int found = store_walk_get(st, p->walk_id, &w, e);
        if (found <= 0)
            return found < 0 ? -1 : err_set(e, "no walk with id %s",
                                            p->walk_id);
        return 0;
    }
    int open = store_walk_open(st, p->walk_id, e);
    if (open <= 0)
        return open < 0 ? -1 : err_set(e, "no walk is open; start one first "
                                       "(trygg walk start)");
    return 0;
}

int store_spot_add(store *st, spot *p, err_t *e)
{
    if (check_category(st, p, e) || resolve_walk(st, p, e) ||
        ids_uuid_v4(p->id, e))
        return -1;
    p->created_at = p->updated_at = store_now(st);
    p->revision = 1;
    p->deleted = 0;
    sqlite3_stmt *s = store_stmt(
        st, SQ_SPOT_INSERT,
        "INSERT INTO spots(spot_id, walk_id, created_at, updated_at,"
        " latitude, longitude, accuracy_m, position_source, category,"
        " severity, note, deleted, revision, change_seq)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, 1, "
        NEXT_SPOT_SEQ ")",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, p->id);
    store_bind_text(s, 2, p->walk_id);
    store_bind_time(s, 3, p->created_at);
    store_bind_time(s, 4, p->updated_at);
    bind_fields(s, p);
    if (sqlite3_step(s) != SQLITE_DONE)
        return store_fail(st, "cannot save the spot", e);
    return 0;
}

int store_spot_get(store *st, const char *id, spot *out, err_t *e)
{
    if (!store_valid_prefix(id))
        return err_set(e, "\"%s\" is not a spot id (at least 4 characters "
                       "of 0-9, a-f and -)", id);
    sqlite3_stmt *s = store_stmt(
        st, SQ_SPOT_GET,
        "SELECT " STORE_SPOT_COLS " FROM spots WHERE spot_id >= ?1"
        " AND spot_id < ?1 || 'g' ORDER BY spot_id LIMIT 2",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, id);
    int rc = sqlite3_step(s), found = 0;
    if (rc == SQLITE_ROW) {
        store_read_spot(s, out);
        found = 1;
        rc = sqlite3_step(s);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return err_set(e, "\"%s\" matches more than one spot; give more of "
                       "the id", id);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot read the spot", e);
    return found;
}

static int must_get(store *st, const char *id, spot *out, err_t *e)
{
    int found = store_spot_get(st, id, out, e);
    if (found <= 0)
        return found < 0 ? -1 : err_set(e, "no spot with id %s", id);
    return 0;
}

int store_spot_update(store *st, spot *p, err_t *e)
{
    spot old;
    if (must_get(st, p->id, &old, e))
        return -1;
    if (old.deleted)
        return err_set(e, "spot %s is deleted", old.id);
    if (check_category(st, p, e))
        return -1;
    memcpy(p->id, old.id, sizeof p->id);
    p->revision = old.revision + 1;
    p->updated_at = store_now(st);
    sqlite3_stmt *s = store_stmt(
        st, SQ_SPOT_UPDATE,
        "UPDATE spots SET updated_at=?3, latitude=?5, longitude=?6,"
        " accuracy_m=?7, position_source=?8, category=?9, severity=?10,"
        " note=?11, revision=?4, change_seq=" NEXT_SPOT_SEQ
        " WHERE spot_id=?1 AND revision=?2",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, p->id);
    sqlite3_bind_int64(s, 2, old.revision);
    store_bind_time(s, 3, p->updated_at);
    sqlite3_bind_int64(s, 4, p->revision);
    bind_fields(s, p);
    if (sqlite3_step(s) != SQLITE_DONE)
        return store_fail(st, "cannot save the spot", e);
    if (sqlite3_changes(st->db) != 1)
        return err_set(e, "spot %s changed while it was being edited; try "
                       "again", p->id);
    return 0;
}

static int set_deleted(store *st, const char *id, int deleted, err_t *e)
{
    spot old;
    if (must_get(st, id, &old, e))
        return -1;
    if (old.deleted == deleted)
        return err_set(e, "spot %s is %s", old.id,
                       deleted ? "already deleted" : "not deleted");
    sqlite3_stmt *s = store_stmt(
        st, SQ_SPOT_SET_DELETED,
        "UPDATE spots SET deleted=?3, updated_at=?4, revision=revision + 1,"
        " change_seq=" NEXT_SPOT_SEQ " WHERE spot_id=?1 AND revision=?2",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, old.id);
    sqlite3_bind_int64(s, 2, old.revision);
    sqlite3_bind_int(s, 3, deleted);
    store_bind_time(s, 4, store_now(st));
    if (sqlite3_step(s) != SQLITE_DONE)
        return store_fail(st, "cannot change the spot", e);
    if (sqlite3_changes(st->db) != 1)
        return err_set(e, "spot %s changed meanwhile; try again", old.id);
    return 0;
}

int store_spot_delete(store *st, const char *id, err_t *e)
{
    return set_deleted(st, id, 1, e);
}

int store_spot_undelete(store *st, const char *id, err_t *e)
{
    return set_deleted(st, id, 0, e);
}

int store_spot_each(store *st, const char *walk_id, int flags,
                    store_spot_fn fn, void *ctx, err_t *e)
{
    sqlite3_stmt *s = NULL;
    const char *sql =
        flags & STORE_BY_ID
            ? "SELECT " STORE_SPOT_COLS " FROM spots"
              " WHERE (?1 IS NULL OR walk_id = ?1) AND (?2 OR deleted = 0)"
              " ORDER BY created_at DESC, spot_id DESC"
            : "SELECT " STORE_SPOT_COLS " FROM spots"
              " WHERE (?1 IS NULL OR walk_id = ?1) AND (?2 OR deleted = 0)"
              " ORDER BY created_at DESC, rowid DESC";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot list spots", e);
    if (walk_id)
        store_bind_text(s, 1, walk_id);
    sqlite3_bind_int(s, 2, (flags & STORE_WITH_DELETED) != 0);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        spot p;
        store_read_spot(s, &p);
        stop = fn(ctx, &p);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = store_fail(st, "cannot list spots", e);
    sqlite3_finalize(s);
    return stop;
}
