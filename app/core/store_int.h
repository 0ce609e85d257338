/*
 * store_int: what the store_*.c files share and nobody else sees: the store
 * struct, the statement cache and small SQLite helpers.
 */
#ifndef TRYGG_STORE_INT_H
#define TRYGG_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* Cached prepared statements: one slot per statement, prepared on first use
 * from the SQL text that the using file passes (so SQL stays beside its use). */
enum store_stmt {
    SQ_WALK_OPEN,
    SQ_WALK_INSERT,
    SQ_WALK_END,
    SQ_WALK_GET,
    SQ_SPOT_INSERT,
    SQ_SPOT_GET,
    SQ_SPOT_UPDATE,
    SQ_SPOT_SET_DELETED,
    SQ_IMP_WALK_GET,
    SQ_IMP_WALK_INSERT,
    SQ_IMP_WALK_UPDATE,
    SQ_IMP_SPOT_GET,
    SQ_IMP_SPOT_UPSERT,
    SQ_IMP_CAT_INSERT,
    SQ_WALK_KNOWN,
    SQ_STATUS_INSERT,
    SQ_STATUS_NOW,
    SQ_FOLLOWUP_PUT,
    SQ_CHECK_INSERT,
    SQ_IMP_CHECK_GET,
    SQ_IMP_CHECK_INSERT,
    SQ_SPOT_KNOWN,
    SQ_SALV_WALK,
    SQ_SALV_WALK_KNOWN,
    SQ_SALV_SPOT,
    SQ_SALV_CHECK,
    SQ_COUNT
};

struct store {
    sqlite3 *db;
    char *path;
    char device_id[33];
    tm_clock_fn clock;
    void *clock_ctx;
    cat_table cats;
    sqlite3_stmt *stmt[SQ_COUNT];
    int bulk;             /* in store_begin_bulk: foreign keys are off */
    int batch;            /* in store_begin_batch: transactions nest as
                             savepoints */
    int batch_lost;       /* SQLite rolled the batch back by itself */
};

/* The cached statement for id (prepared from sql on first use), reset and
 * with bindings cleared. NULL with a message on error. */
sqlite3_stmt *store_stmt(store *st, enum store_stmt id, const char *sql,
                         err_t *e);

/* 1 when id can be a spot id or a prefix of one (4 to 36 of 0-9 a-f -). */
int store_valid_prefix(const char *id);

/* Report the connection's last error with what we were doing. */
int store_fail(store *st, const char *doing, err_t *e);

/* Bind helpers: NULL for empty strings / absent values. Text is copied
 * (SQLITE_TRANSIENT) unless noted. */
void store_bind_text(sqlite3_stmt *s, int i, const char *v);
void store_bind_opt_text(sqlite3_stmt *s, int i, const char *v);
void store_bind_time(sqlite3_stmt *s, int i, int64_t t);
/* Not copied: v must stay unchanged until the statement is reset. */
void store_bind_static(sqlite3_stmt *s, int i, const char *v);
/* Copy column i as text into out (cap bytes); NULL gives "". */
void store_col_text(sqlite3_stmt *s, int i, char *out, size_t cap);
/* Parse a time column written by store_bind_time. */
int64_t store_col_time(sqlite3_stmt *s, int i);

/* Shared row readers (column order of SPOT_COLS / WALK_COLS below). */
void store_read_spot(sqlite3_stmt *s, spot *out);
void store_read_walk(sqlite3_stmt *s, walk *out);
/* A follow-up row in the column order spot_id, walked_on, latitude,
 * longitude, category, severity, status, comment, status_at, answer,
 * answered_at (store_followup.c; the report reads the same). */
void store_read_followup(sqlite3_stmt *s, followup_spot *f);

#define STORE_SPOT_COLS                                                        \
    "spot_id, walk_id, created_at, updated_at, latitude, longitude, "          \
    "accuracy_m, position_source, category, severity, note, deleted, revision"
#define STORE_WALK_COLS                                                        \
    "walk_id, device_id, title, area, role, started_at, ended_at, "            \
    "participants, light"

/* meta table: returns 1 found / 0 not found / -1 error; put returns 0/-1. */
int store_meta_get(store *st, const char *key, char *out, size_t cap,
                   err_t *e);
int store_meta_put(store *st, const char *key, const char *value, err_t *e);

/* Bring the categories table up to the built-in default (when that changed)
 * and load it into st->cats (store_cats.c). */
int store_load_categories(store *st, err_t *e);

/* Run one statement for its side effect; 0 or -1 with context. */
int store_exec(store *st, const char *sql, const char *doing, err_t *e);

#endif
