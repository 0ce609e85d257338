/*
 * store: the one SQLite file that holds a device's walks and spots (or, at
 * the municipality, everything imported). All SQL of the program lives in
 * the store_*.c files; callers see plain structs from model.h.
 *
 * Durability: WAL with synchronous=FULL, so every function that writes
 * returns only after its transaction is on disk. Open runs quick_check on an
 * existing file and refuses a damaged one without writing to it.
 *
 * Not for: CSV, bundles or presentation.
 */
#ifndef TRYGG_STORE_H
#define TRYGG_STORE_H

#include <stdint.h>

#include "cat.h"
#include "err.h"
#include "model.h"
#include "tm.h"

#define STORE_SCHEMA_VERSION 2
#define STORE_BULK_CACHE_MB 64

typedef struct store store;

typedef struct store_opts {
    tm_clock_fn clock;  /* NULL: the real clock */
    void *clock_ctx;
} store_opts;

/* store_open's answer for a file that is there but damaged or not a
 * database: it was left exactly as it was (salvage.h reads what it can). */
#define STORE_DAMAGED (-2)

/* Open or create the database at path. opts may be NULL. 0, -1 on error,
 * or STORE_DAMAGED. */
int store_open(store **out, const char *path, const store_opts *opts,
               err_t *e);
void store_close(store *st);

const char *store_device_id(const store *st);
const char *store_path(const store *st);
const cat_table *store_categories(const store *st);
int64_t store_now(const store *st);

/* ---- walks (store_walk.c) ---- */

/* Start a walk from w's title, area, role, light, participants; fills w's
 * id, device_id and started_at. Refuses when a walk is already open. */
int store_walk_start(store *st, walk *w, err_t *e);
/* The open walk's id into id (IDS_UUID_LEN + 1). Returns 1 if one is open,
 * 0 if none, -1 on error. */
int store_walk_open(store *st, char *id, err_t *e);
int store_walk_end(store *st, const char *walk_id, err_t *e);
/* Returns 1 found, 0 not found, -1 error. */
int store_walk_get(store *st, const char *walk_id, walk *out, err_t *e);

typedef int (*store_walk_fn)(void *ctx, const walk *w, int64_t n_spots);
/* Every walk, newest first, with its number of live spots. A callback that
 * returns non-zero stops the walk and that value is returned. */
int store_walk_each(store *st, store_walk_fn fn, void *ctx, err_t *e);

/* ---- spots (store_spot.c) ---- */

/* Add s to the open walk (s->walk_id empty) or to s->walk_id. Fills id,
 * times and revision. Returns only after the commit is durable. */
int store_spot_add(store *st, spot *s, err_t *e);
/* Find a spot by full id or by a unique prefix of at least 4 characters.
 * Returns 1 found, 0 not found, -1 error (also for an ambiguous prefix). */
int store_spot_get(store *st, const char *id, spot *out, err_t *e);
/* Write s's fields over the stored spot with the same id; bumps revision and
 * updated_at (both written back into s). Refuses a deleted spot. */
int store_spot_update(store *st, spot *s, err_t *e);
/* Tombstone: deleted=1, revision+1. */
int store_spot_delete(store *st, const char *id, err_t *e);
/* Take back a delete (the UI's undo): deleted=0, revision+1. */
int store_spot_undelete(store *st, const char *id, err_t *e);

typedef int (*store_spot_fn)(void *ctx, const spot *s);
enum {
    STORE_WITH_DELETED = 1, /* tombstones too */
    STORE_BY_ID = 2,        /* ties of created_at by spot_id, the same in
                               every database (exports); else by the order
                               they were saved here (screens) */
};
/* Spots of walk_id (NULL: all walks), newest first; flags STORE_*. Stops
 * like store_walk_each. */
int store_spot_each(store *st, const char *walk_id, int flags,
                    store_spot_fn fn, void *ctx, err_t *e);

/* ---- decisions about spots, at the municipality (store_status.c) ---- */

/* Record status with comment ("" for none) for the spot with full id or a
 * unique prefix; out (may be NULL) gets the row as written. Refuses an
 * unknown or deleted spot. Durable on return. */
int store_status_set(store *st, const char *id, model_status status,
                     const char *comment, spot_status *out, err_t *e);
/* The newest decision about spot_id: STATUS_OPEN with set_at 0 when none. */
int store_status_now(store *st, const char *spot_id, spot_status *out,
                     err_t *e);
typedef int (*store_status_fn)(void *ctx, const spot_status *r);
/* Every decision about spot_id, oldest first. Stops like store_walk_each. */
int store_status_each(store *st, const char *spot_id, store_status_fn fn,
                      void *ctx, err_t *e);

/* ---- follow-up (store_followup.c) ---- */

typedef int (*store_followup_fn)(void *ctx, const followup_spot *f);
/* At the municipality: the live, non-positive spots whose status now is
 * open or planned, of walks started in year (0: every year), oldest walk
 * first, with the newest answer any device gave. */
int store_followup_candidates(store *st, int year, store_followup_fn fn,
                              void *ctx, err_t *e);
/* On a device, inside a write transaction: forget the follow-up list
 * (answers already given stay), then put the new one spot by spot. */
int store_followup_clear(store *st, err_t *e);
int store_followup_put(store *st, const followup_spot *f, err_t *e);
/* The follow-up list, oldest walk first, each with this device's newest
 * answer. */
int store_followup_each(store *st, store_followup_fn fn, void *ctx, err_t *e);
/* Returns 1 found, 0 not on the list, -1 error. */
int store_followup_get(store *st, const char *spot_id, followup_spot *out,
                       err_t *e);

/* ---- answers at follow-up spots (store_check.c) ---- */

/* Answer the follow-up spot spot_id on the open walk; fills out (may be
 * NULL). Refuses when no walk is open or the spot is not on the list.
 * Durable on return; goes with the next sync. */
int store_check_add(store *st, const char *spot_id, model_answer answer,
                    spot_check *out, err_t *e);
typedef int (*store_check_fn)(void *ctx, const spot_check *c);
/* Answers about spot_id (NULL: all), oldest first. */
int store_check_each(store *st, const char *spot_id, store_check_fn fn,
                     void *ctx, err_t *e);

/* ---- follow-up additions (helper) ---- */

/* On a device: the follow-up spot with full id or a unique prefix of at
 * least 4 characters. Returns 1 found, 0 not on the list, -1 error (also
 * for an ambiguous prefix). */
int store_followup_find(store *st, const char *id, followup_spot *out,
                        err_t *e);
/* On a device: created_at of the follow-up bundle its list came from (0:
 * no list yet); set it inside the transaction that puts the list. Setting
 * it also records when the list arrived: answers given before that do not
 * count as answers to this list (store_followup_each). */
int store_followup_list_time(store *st, int64_t *out, err_t *e);
int store_followup_set_list_time(store *st, int64_t t, err_t *e);
/* At the municipality: created_at of the last follow-up bundle written
 * here (0: none), so the next one is always newer; record a new one inside
 * the transaction that chose its spots. */
int store_followup_written_time(store *st, int64_t *out, err_t *e);
int store_followup_set_written_time(store *st, int64_t t, err_t *e);
/* 1 when a spot with exactly this id is in spots (deleted or not). */
int store_spot_known(store *st, const char *spot_id, err_t *e);

/* ---- export (store_export.c) ---- */

/* A live spot with what an export shows beside it. */
typedef struct store_export_row {
    spot spot;                /* never a tombstone */
    int64_t walk_started_at;
    model_role role;
    model_light light;        /* LIGHT_NONE when not given */
    char label_sv[MODEL_TEXT_BYTES(CAT_LABEL_MAX_CHARS)]; /* the code when */
    char label_en[MODEL_TEXT_BYTES(CAT_LABEL_MAX_CHARS)]; /* unknown */
    int positive;
    spot_status status;       /* the newest decision; set_at 0: none (open) */
    int has_answer;           /* the newest walker's answer, if any */
    model_answer answer;
    int64_t answered_at;
} store_export_row;

/* Gets rows[0..n); may change them. Non-zero stops the export. */
typedef int (*store_export_fn)(void *ctx, store_export_row *rows, size_t n);
/* Every live spot of walks started in year (0: every year), in the order
 * they are stored, handed to fn in batches of up to cap rows filled into
 * the caller's rows. Stops like store_walk_each. */
int store_export_each(store *st, int year, store_export_row *rows,
                      size_t cap, store_export_fn fn, void *ctx, err_t *e);

/* ---- report (store_report.c) ---- */

/* The yearly report reads one snapshot: store_report_begin opens a read
 * transaction and copies the walks started in year and in the year before,
 * and their live spots, into temporary tables in one pass over spots (with
 * public_only, notes, walk titles, areas and status comments are left out
 * already there). Every other store_report_* call reads those tables;
 * store_report_end drops them and ends the transaction. Refused inside
 * another transaction. */
int store_report_begin(store *st, int year, int public_only, err_t *e);
void store_report_end(store *st);

/* Live spots counted per year, category and severity. */
typedef struct store_report_group {
    int this_year;         /* 1: the report's year, 0: the year before */
    const char *category;  /* valid during the callback only */
    int severity;          /* 0: none */
    int64_t n;
} store_report_group;
typedef int (*store_report_group_fn)(void *ctx, const store_report_group *g);
int store_report_groups(store *st, store_report_group_fn fn, void *ctx,
                        err_t *e);

/* The box (degrees) that the year's live spots inside limit fill: 1 and
 * *out set, or 0 when none lies inside. Spots far off (a GPS glitch, a
 * spot placed in the wrong town) do not stretch the report's map. */
typedef struct store_report_box {
    double lat_min, lat_max, lon_min, lon_max;
} store_report_box;
int store_report_extent(store *st, const store_report_box *limit,
                        store_report_box *out, err_t *e);

/* The year's walks, oldest first, with their number of live spots. */
int store_report_walks(store *st, store_walk_fn fn, void *ctx, err_t *e);

enum {
    STORE_REPORT_MAP_ORDER = 1, /* positive categories first, then severity
                                   3, 2, 1, none; each category's spots
                                   together (category sort order); only
                                   position, time, category and severity
                                   are filled in */
    STORE_REPORT_POSITIVE = 2,  /* only spots of positive categories */
};
/* The year's live spots; without STORE_REPORT_MAP_ORDER oldest walk first,
 * then by created_at and spot_id. Stops like store_walk_each. */
int store_report_spots(store *st, int flags, store_spot_fn fn, void *ctx,
                       err_t *e);

/* Last year's live spots of non-positive categories, counted per category,
 * status now and newest walker's answer. */
typedef struct store_report_fu_count {
    const char *category;  /* valid during the callback only */
    model_status status;
    int has_answer;
    model_answer answer;   /* when has_answer */
    int64_t n;
} store_report_fu_count;
typedef int (*store_report_fu_fn)(void *ctx, const store_report_fu_count *c);
int store_report_followup_counts(store *st, store_report_fu_fn fn, void *ctx,
                                 err_t *e);
/* The same spots one by one, oldest walk first, each with its status now
 * (comment "" in a public report) and newest answer. */
int store_report_followup(store *st, store_followup_fn fn, void *ctx,
                          err_t *e);

/* ---- transactions for sync and import (store_sync.c) ---- */

int store_begin_write(store *st, err_t *e); /* BEGIN IMMEDIATE */
/* A large write transaction (an import), ended by store_commit or
 * store_rollback. It has a page cache big enough that SQLite does not spill
 * half-built pages into the WAL and read them back (bounded by
 * STORE_BULK_CACHE_MB, whatever the input size), and no foreign key checks:
 * the importer checks every walk and category reference itself before it
 * writes a row, and two index probes a row are a tenth of an import. */
int store_begin_bulk(store *st, err_t *e);
int store_commit(store *st, err_t *e);
void store_rollback(store *st);

/* Several imports in one transaction (`trygg import` of many bundles):
 * inside a batch, each begin/commit/rollback above is a savepoint, so a
 * refused bundle still changes nothing while the others' pages are written
 * once, at the end, instead of once per bundle. The batch runs in bulk
 * mode. store_end_batch commits (commit = 1) or rolls back everything; it
 * fails when SQLite ended the transaction itself after an error (a full
 * disk), and then nothing of the batch was saved. */
int store_begin_batch(store *st, err_t *e);
int store_end_batch(store *st, int commit, err_t *e);

/* What a sync will send: rows changed after the last sync, or all. */
typedef struct store_sync {
    int all;
    int pending;        /* 1 when there is anything to send */
    int64_t walk_seq_from, walk_seq_to;
    int64_t spot_seq_from, spot_seq_to;
    int64_t check_seq_from, check_seq_to;
    int64_t last_created; /* created_at of this device's last bundle, or 0 */
} store_sync;

/* Inside a write transaction: fix the range of rows for this sync. */
int store_sync_range(store *st, int all, store_sync *ss, err_t *e);
int store_sync_each_walk(store *st, const store_sync *ss, store_walk_fn fn,
                         void *ctx, err_t *e);
int store_sync_each_spot(store *st, const store_sync *ss, store_spot_fn fn,
                         void *ctx, err_t *e);
/* Answers to send, oldest first; a walk they were given on goes too
 * (store_sync_each_walk). */
int store_sync_each_check(store *st, const store_sync *ss, store_check_fn fn,
                          void *ctx, err_t *e);
/* Record that the range was synced in a bundle made at created (still
 * inside the transaction). */
int store_sync_mark(store *st, const store_sync *ss, int64_t created,
                    err_t *e);

/* ---- import (store_import.c); call inside store_begin_write ---- */

typedef enum { IMP_ADDED, IMP_UPDATED, IMP_SAME } store_outcome;

/* Merge a walk from a bundle created at bundle_time. A newer bundle's copy
 * replaces an older one. Refuses a walk id known from another device. */
int store_import_walk(store *st, const walk *w, int64_t bundle_time,
                      store_outcome *out, err_t *e);
/* Merge a spot: the higher revision wins; equal or lower is left alone.
 * Refuses a spot known under another walk and one whose walk is unknown. */
int store_import_spot(store *st, const spot *s, store_outcome *out, err_t *e);
/* Merge an answer: a new id is added, a known one with the same content is
 * IMP_SAME. Refuses an answer about a spot this database does not hold,
 * one on an unknown walk, and a known id with other content. */
int store_import_check(store *st, const spot_check *c, store_outcome *out,
                       err_t *e);
/* Learn a category the database does not know yet (labels of known codes
 * are kept). */
int store_import_category(store *st, const cat_entry *c, err_t *e);
/* 1 when the walk is in the database (or was merged in this transaction). */
int store_walk_known(store *st, const char *walk_id, err_t *e);

/* ---- rescue from a damaged file (store_salvage.c) ---- */

typedef struct salvage_counts {
    int64_t walks, spots, checks; /* copied */
    int64_t invalid;       /* read, but values a bundle may not carry */
    int64_t orphans;       /* spots and answers whose walk was lost */
    int64_t unreadable;    /* rows lost in damaged pages (from rowid gaps) */
    int damaged_parts;     /* places where reading stopped */
    int tail_lost;         /* a table's end could not be read: rows there
                              are lost without a count */
    int tables_lost;       /* tables that could not be read at all */
} salvage_counts;

/* Copy every walk, spot and answer of the damaged device database that can
 * be read and is valid into dst (a new, empty store), under the damaged
 * file's device id. The damaged file is only read. */
int store_salvage_from(store *dst, const char *damaged, salvage_counts *n,
                       err_t *e);

#endif
