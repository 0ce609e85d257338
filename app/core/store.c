/* store: opening, checking and migrating the database, and the helpers that
 * the other store_*.c files share. See store.h. */
#include "store_int.h"
#include "ids.h"
#include "sha.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Forward migrations: entry i takes user_version i to i + 1. Never edit a
 * released entry; append a new one. */
static const char *const MIGRATIONS[STORE_SCHEMA_VERSION] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE categories("
    " code TEXT PRIMARY KEY, label_sv TEXT NOT NULL, label_en TEXT NOT NULL,"
    " positive INTEGER NOT NULL CHECK(positive IN (0,1)),"
    " sort INTEGER NOT NULL);"
    "CREATE TABLE walks("
    " walk_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, title TEXT,"
    " area TEXT,"
    " role TEXT NOT NULL CHECK(role IN ('citizen','volunteer','staff')),"
    " started_at TEXT NOT NULL, ended_at TEXT,"
    " participants INTEGER CHECK(participants IS NULL OR participants >= 1),"
    " light TEXT CHECK(light IS NULL OR light IN ('daylight','dusk','dark')),"
    /* change_seq > 0: changed here, to be synced; 0: came by import. */
    " change_seq INTEGER NOT NULL DEFAULT 0,"
    /* created_at of the bundle this row came from (imports only). */
    " source_created_at TEXT);"
    "CREATE TABLE spots("
    " spot_id TEXT PRIMARY KEY,"
    " walk_id TEXT NOT NULL REFERENCES walks(walk_id),"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
    " latitude REAL NOT NULL CHECK(latitude BETWEEN -90 AND 90),"
    " longitude REAL NOT NULL CHECK(longitude BETWEEN -180 AND 180),"
    " accuracy_m REAL CHECK(accuracy_m IS NULL OR accuracy_m >= 0),"
    " position_source TEXT NOT NULL CHECK(position_source IN ('gps','map')),"
    " category TEXT NOT NULL REFERENCES categories(code),"
    " severity INTEGER CHECK(severity IS NULL OR severity BETWEEN 1 AND 3),"
    " note TEXT NOT NULL DEFAULT '',"
    " deleted INTEGER NOT NULL DEFAULT 0 CHECK(deleted IN (0,1)),"
    " revision INTEGER NOT NULL CHECK(revision >= 1),"
    " change_seq INTEGER NOT NULL DEFAULT 0);"
    /* No index on spots(walk_id): nothing deletes walks, lists group in
     * one pass, and an import of a million spots is a third faster without
     * it. */
    "CREATE INDEX spots_by_change ON spots(change_seq) WHERE change_seq > 0;"
    "CREATE INDEX walks_by_change ON walks(change_seq) WHERE change_seq > 0;",

    /* 2: follow-up. At the municipality, the history of what was decided
     * about each spot (no foreign key to spots: a bulk import runs without
     * them, and a status is only ever set on a spot looked up first). */
    "CREATE TABLE spot_status("
    " seq INTEGER PRIMARY KEY,"
    " spot_id TEXT NOT NULL,"
    " status TEXT NOT NULL"
    "  CHECK(status IN ('open','planned','fixed','wontfix')),"
    " comment TEXT NOT NULL DEFAULT '',"
    " set_at TEXT NOT NULL);"
    "CREATE INDEX spot_status_by_spot ON spot_status(spot_id, seq);"
    /* The newest decision per spot; spots without one are open. Written
     * as a per-spot MAX so that a join on spot_id uses the index: a
     * GROUP BY form would be re-scanned for every joined spot. */
    "CREATE VIEW spot_status_now AS"
    " SELECT spot_id, status, comment, set_at FROM spot_status s"
    " WHERE seq = (SELECT MAX(seq) FROM spot_status x"
    "  WHERE x.spot_id = s.spot_id);"
    /* On a device, the spots of a follow-up bundle to look at again. */
    "CREATE TABLE followup_spots("
    " spot_id TEXT PRIMARY KEY,"
    " walked_on TEXT NOT NULL,"
    " latitude REAL NOT NULL CHECK(latitude BETWEEN -90 AND 90),"
    " longitude REAL NOT NULL CHECK(longitude BETWEEN -180 AND 180),"
    " category TEXT NOT NULL,"
    " severity INTEGER CHECK(severity IS NULL OR severity BETWEEN 1 AND 3),"
    " status TEXT NOT NULL"
    "  CHECK(status IN ('open','planned','fixed','wontfix')),"
    " comment TEXT NOT NULL DEFAULT '',"
    " status_at TEXT) WITHOUT ROWID;"
    /* Walkers' answers at follow-up spots: made on a device, synced in
     * checks.csv, imported at the municipality. spot_id names a spot of an
     * earlier walk, which a device need not hold in spots. */
    "CREATE TABLE checks("
    " check_id TEXT PRIMARY KEY,"
    " spot_id TEXT NOT NULL,"
    " walk_id TEXT NOT NULL REFERENCES walks(walk_id),"
    " answered_at TEXT NOT NULL,"
    " answer TEXT NOT NULL CHECK(answer IN ('still','fixed')),"
    " change_seq INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX checks_by_spot ON checks(spot_id, answered_at);"
    /* The newest answer per spot. */
    "CREATE VIEW check_now AS"
    " SELECT spot_id, answer, answered_at FROM checks c"
    " WHERE check_id = (SELECT check_id FROM checks d"
    "  WHERE d.spot_id = c.spot_id"
    "  ORDER BY answered_at DESC, check_id DESC LIMIT 1);"
    "CREATE INDEX checks_by_change ON checks(change_seq) WHERE change_seq > 0;",
};

int store_fail(store *st, const char *doing, err_t *e)
{
    return err_set(e, "%s: %s (database %s)", doing, sqlite3_errmsg(st->db),
                   st->path);
}

int store_exec(store *st, const char *sql, const char *doing, err_t *e)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(st, doing, e);
    return 0;
}

sqlite3_stmt *store_stmt(store *st, enum store_stmt id, const char *sql,
                         err_t *e)
{
    sqlite3_stmt *s = st->stmt[id];
    if (!s) {
        if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
                               NULL) != SQLITE_OK) {
            store_fail(st, "cannot prepare a statement", e);
            return NULL;
        }
        st->stmt[id] = s;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
}

void store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

void store_bind_static(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

void store_bind_opt_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v && v[0])
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

void store_bind_time(sqlite3_stmt *s, int i, int64_t t)
{
    char iso[TM_ISO_LEN + 1];
    tm_format_iso(t, iso);
    sqlite3_bind_text(s, i, iso, TM_ISO_LEN, SQLITE_TRANSIENT);
}

void store_col_text(sqlite3_stmt *s, int i, char *out, size_t cap)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    size_t n = v ? (size_t)sqlite3_column_bytes(s, i) : 0;
    if (n >= cap)
        n = cap - 1;
    if (n)
        memcpy(out, v, n);
    out[n] = '\0';
}

int64_t store_col_time(sqlite3_stmt *s, int i)
{
    int64_t t = 0;
    const char *v = (const char *)sqlite3_column_text(s, i);
    if (v)
        tm_parse_iso(v, (size_t)sqlite3_column_bytes(s, i), &t);
    return t;
}

/* Ids are checked to be hex and '-', so a prefix needs no LIKE escaping. */
int store_valid_prefix(const char *id)
{
    size_t n = strlen(id);
    if (n < 4 || n > IDS_UUID_LEN)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdef-", id[i]))
            return 0;
    return 1;
}

int64_t store_now(const store *st) { return st->clock(st->clock_ctx); }
const char *store_device_id(const store *st) { return st->device_id; }
const char *store_path(const store *st) { return st->path; }
const cat_table *store_categories(const store *st) { return &st->cats; }

/* ---- opening ---- */

static int file_is_new(const char *path)
{
    struct stat sb;
    return stat(path, &sb) != 0 || sb.st_size == 0;
}

/* quick_check before anything writes: a damaged file is left as it is.
 * Until it passes, closing must not checkpoint: that would copy the -wal
 * into the damaged file. Returns 0, -1 (cannot check) or STORE_DAMAGED. */
static int check_integrity(store *st, err_t *e)
{
    sqlite3_stmt *s = NULL;
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        int code = sqlite3_errcode(st->db) & 0xff;
        err_set(e, "database %s cannot be read (%s); it was not changed",
                st->path, sqlite3_errmsg(st->db));
        sqlite3_finalize(s);
        return code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? STORE_DAMAGED
                                                               : -1;
    }
    const char *res = (const char *)sqlite3_column_text(s, 0);
    if (!res || strcmp(res, "ok") != 0) {
        err_set(e, "database %s is damaged (quick_check: %s); it was not "
                "changed", st->path, res ? res : "no answer");
        sqlite3_finalize(s);
        return STORE_DAMAGED;
    }
    sqlite3_finalize(s);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
    return 0;
}

static int pragma_int(store *st, const char *sql, int *out, err_t *e)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
        *out = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
        return 0;
    }
    sqlite3_finalize(s);
    return store_fail(st, "cannot read a setting", e);
}

static int set_pragmas(store *st, err_t *e)
{
    /* journal_mode answers with a row; sqlite3_exec ignores it. */
    return store_exec(st,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                      " PRAGMA foreign_keys=ON;",
                      "cannot set up the database", e);
}

static int migrate(store *st, err_t *e)
{
    int v = 0;
    if (pragma_int(st, "PRAGMA user_version", &v, e))
        return -1;
    if (v > STORE_SCHEMA_VERSION)
        return err_set(e, "database %s has schema version %d, newer than this "
                       "trygg knows (%d); update trygg. It was not changed",
                       st->path, v, STORE_SCHEMA_VERSION);
    for (; v < STORE_SCHEMA_VERSION; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version=%d", v + 1);
        if (store_exec(st, "BEGIN IMMEDIATE", "cannot start migration", e))
            return -1;
        if (store_exec(st, MIGRATIONS[v], "cannot migrate the schema", e) ||
            store_exec(st, bump, "cannot record the schema version", e) ||
            store_exec(st, "COMMIT", "cannot commit migration", e)) {
            store_rollback(st);
            return -1;
        }
    }
    return 0;
}

int store_meta_get(store *st, const char *key, char *out, size_t cap,
                    err_t *e)
{
    sqlite3_stmt *s = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key=?1", -1,
                           &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read settings", e);
    store_bind_text(s, 1, key);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_col_text(s, 0, out, cap);
        found = 1;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot read settings", e);
    return found;
}

int store_meta_put(store *st, const char *key, const char *value, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO meta(key, value) VALUES(?1, ?2)"
                           " ON CONFLICT(key) DO UPDATE SET value=?2",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot write settings", e);
    store_bind_text(s, 1, key);
    store_bind_text(s, 2, value);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot write settings", e);
    return 0;
}

static int ensure_device_id(store *st, err_t *e)
{
    int got =
        store_meta_get(st, "device_id", st->device_id, sizeof st->device_id, e);
    if (got != 0)
        return got < 0 ? -1 : 0;
    if (ids_random_hex(st->device_id, IDS_DEVICE_LEN, e))
        return -1;
    return store_meta_put(st, "device_id", st->device_id, e);
}

int store_open(store **out, const char *path, const store_opts *opts,
               err_t *e)
{
    store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return err_set(e, "out of memory opening %s", path);
    }
    st->clock = opts && opts->clock ? opts->clock : tm_now_real;
    st->clock_ctx = opts ? opts->clock_ctx : NULL;
    int is_new = file_is_new(path);
    if (sqlite3_open_v2(path, &st->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) !=
        SQLITE_OK) {
        err_set(e, "cannot open database %s: %s", path,
                st->db ? sqlite3_errmsg(st->db) : "out of memory");
        store_close(st);
        return -1;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 5000);
    int rc = is_new ? 0 : check_integrity(st, e);
    if (rc || set_pragmas(st, e) || migrate(st, e) ||
        ensure_device_id(st, e) || store_load_categories(st, e))
        goto fail;
    *out = st;
    return 0;
fail:
    store_close(st);
    return rc == STORE_DAMAGED ? STORE_DAMAGED : -1;
}

void store_close(store *st)
{
    if (!st)
        return;
    for (int i = 0; i < SQ_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    sqlite3_close(st->db);
    cat_free(&st->cats);
    free(st->path);
    free(st);
}

/* Foreign keys back on after a bulk transaction. Should that fail, the
 * store stays marked bulk and the next transaction tries again. */
static void end_bulk(store *st)
{
    if (st->bulk && sqlite3_get_autocommit(st->db) &&
        sqlite3_exec(st->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) ==
            SQLITE_OK)
        st->bulk = 0;
}

/* Inside a batch: a savepoint, unless SQLite already ended the batch's
 * transaction after an error (then nothing more may go in). */
static int begin_nested(store *st, err_t *e)
{
    if (st->batch_lost || sqlite3_get_autocommit(st->db)) {
        st->batch_lost = 1;
        return err_set(e, "the import's transaction in %s was ended by an "
                       "earlier error; nothing of this import is saved",
                       st->path);
    }
    return store_exec(st, "SAVEPOINT one", "cannot start a savepoint", e);
}

int store_begin_write(store *st, err_t *e)
{
    if (st->batch)
        return begin_nested(st, e);
    end_bulk(st);
    if (st->bulk)
        return err_set(e, "cannot turn foreign key checks back on in %s",
                       st->path);
    return store_exec(st, "BEGIN IMMEDIATE", "cannot start a transaction", e);
}

int store_begin_bulk(store *st, err_t *e)
{
    if (st->batch)
        return begin_nested(st, e);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d",
             STORE_BULK_CACHE_MB * 1024);
    /* foreign_keys is a no-op inside a transaction: set it before BEGIN,
     * and back after COMMIT or ROLLBACK (end_bulk). */
    if (store_exec(st, sql, "cannot size the page cache", e) ||
        store_exec(st, "PRAGMA foreign_keys=OFF", "cannot set up an import",
                   e))
        return -1;
    int rc = store_begin_write(st, e);
    st->bulk = 1; /* after BEGIN, which would otherwise end it at once */
    if (rc)
        end_bulk(st);
    return rc;
}

int store_commit(store *st, err_t *e)
{
    if (st->batch)
        return store_exec(st, "RELEASE one", "cannot end a savepoint", e);
    int rc = store_exec(st, "COMMIT", "cannot commit", e);
    if (rc == 0)
        end_bulk(st);
    return rc;
}

void store_rollback(store *st)
{
    if (st->batch) {
        if (sqlite3_get_autocommit(st->db))
            st->batch_lost = 1; /* SQLite rolled it all back already */
        else
            sqlite3_exec(st->db, "ROLLBACK TO one; RELEASE one", NULL, NULL,
                         NULL);
        if (store_load_categories(st, NULL))
            cat_free(&st->cats);
        return;
    }
    if (sqlite3_get_autocommit(st->db)) {
        end_bulk(st);
        return;
    }
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    end_bulk(st);
    /* An import may have taught the cache categories that are gone now. If
     * the re-read fails the cache is empty, so adds refuse rather than
     * trust a stale code. */
    if (store_load_categories(st, NULL))
        cat_free(&st->cats);
}

int store_begin_batch(store *st, err_t *e)
{
    if (store_begin_bulk(st, e))
        return -1;
    st->batch = 1;
    st->batch_lost = 0;
    return 0;
}

int store_end_batch(store *st, int commit, err_t *e)
{
    int lost = st->batch_lost || sqlite3_get_autocommit(st->db);
    st->batch = st->batch_lost = 0;
    if (lost) {
        store_rollback(st);
        return err_set(e, "an error ended the import's transaction in %s; "
                       "nothing of this import was saved", st->path);
    }
    if (!commit) {
        store_rollback(st);
        return 0;
    }
    if (store_commit(st, e)) {
        store_rollback(st);
        return -1;
    }
    return 0;
}
