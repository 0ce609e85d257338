/*
 * import_int: what the import*.c and followup_read.c files share: the state
 * of one bundle being imported, the reading of its CSV members and of its
 * manifest.
 */
#ifndef TRYGG_IMPORT_INT_H
#define TRYGG_IMPORT_INT_H

#include "cat.h"
#include "csv.h"
#include "idset.h"
#include "import.h"

/* Validated spots on their way to the store (import_batch.c). */
#define IMPORT_BATCH_MAX 65536
typedef struct pending pending;
typedef struct spot_batch {
    pending *rows;
    pending **order;
    size_t n, cap, order_cap;
    char *notes;
    size_t notes_len, notes_cap;
    spot *scratch;         /* one row unpacked for the store */
} spot_batch;

/* A bundle folder being read: where, and what its SHA256SUMS lists. */
typedef struct import_src {
    const char *dir;
    import_sums sums;
} import_src;

/* The manifest counts a sync bundle declares. */
enum { DECL_WALKS, DECL_SPOTS, DECL_CATEGORIES, DECL_CHECKS, DECL_N };

typedef struct imp {
    store *st;
    import_src src;
    cat_table cats;        /* the bundle's own categories.csv */
    idset walk_ids, spot_ids, check_ids;
    char device_id[33];
    int64_t created_at;
    int64_t declared[DECL_N]; /* manifest counts; checks -1: key absent */
    import_report *rep;
    spot_batch batch;
} imp;

/* One CSV member file being read, hashed as it goes. */
typedef struct member {
    const char *name;
    int fd;
    csv_in *in;
    csv_row header;
} member;

int member_open(const import_src *src, member *f, const char *name,
                err_t *e);
void member_close(member *f);
/* After the last row: the file's sum must be the one listed. */
int member_check_sum(const import_src *src, member *f, err_t *e);
/* Header: map each name of cols (NULL-terminated) to its column index. */
int member_columns(member *f, const char *const *cols, int *idx, err_t *e);
/* Next data row: 1, 0 at end, -1 on error (fields must match header). */
int member_next(member *f, csv_row *row, err_t *e);

/* A field's text, and the same with the formula guard taken off. */
typedef struct field {
    const char *s;
    size_t len;
} field;

field member_field(const csv_row *row, const int *idx, int i);
field member_unguard(field f);

/* ---- manifest.csv (import_manifest.c) ---- */

#define MANIFEST_MAX_KEYS 16
#define MANIFEST_VALUE_MAX 255 /* bytes of a known key's value */

typedef struct manifest_key {
    const char *name;
    int optional;          /* 0: a bundle without it is refused */
} manifest_key;

/* The values of the keys a reader knows (unknown keys are for later
 * versions and skipped). */
typedef struct manifest {
    const manifest_key *keys; /* ended by {NULL, 0} */
    long line[MANIFEST_MAX_KEYS]; /* 0: the key is absent */
    char value[MANIFEST_MAX_KEYS][MANIFEST_VALUE_MAX + 1];
    size_t len[MANIFEST_MAX_KEYS];
} manifest;

/* Read manifest.csv (header key,value) for keys, refusing a key given
 * twice, and check its sum. */
int manifest_read(const import_src *src, const manifest_key *keys,
                  manifest *mf, err_t *e);
/* Call parse for every key in table order (absent optional keys skipped,
 * absent required keys refused); a message gets the key's line and name. */
typedef int (*manifest_parse_fn)(void *ctx, int key, field v, err_t *e);
int manifest_each(const manifest *mf, manifest_parse_fn parse, void *ctx,
                  err_t *e);
/* The `format` and `format_version` rules: exactly want, and a version
 * this program knows. */
int manifest_check_format(field v, const char *want, err_t *e);
int manifest_check_version(field v, int known, err_t *e);

/* import_rows.c: walks.csv and spots.csv into the store (in the open
 * transaction). */
int import_walks(imp *m, err_t *e);
int import_spots(imp *m, err_t *e);
/* The walk is in this bundle's walks.csv or stored as this bundle's
 * device's. */
int import_check_walk_ref(imp *m, const char *walk_id, err_t *e);

/* import_checks.c: checks.csv, when the bundle has one, after the spots. */
int import_checks(imp *m, err_t *e);

/* A whole member file through row(): header, rows, count, sum. A row
 * function that fails sets pl->col to the field at fault (NULL when its
 * message names its own place). */
typedef struct place {
    const char *file;
    long line;
    const char *col;
} place;
/* In a row function: name the field, then check it. */
#define CHECK_FIELD(pl, colname, expr)                                         \
    do {                                                                       \
        (pl)->col = (colname);                                                 \
        if (expr)                                                              \
            return -1;                                                         \
    } while (0)
typedef int (*import_row_fn)(void *ctx, const csv_row *r, const int *ix,
                             place *pl, err_t *e);
int import_each_row(const import_src *src, const char *name,
                    const char *const *cols, int64_t declared,
                    import_row_fn row, void *ctx, err_t *e);

int batch_init(spot_batch *b, err_t *e);
void batch_free(spot_batch *b);
/* Keep a validated spot; `line` is its line in spots.csv. */
int batch_add(spot_batch *b, const spot *p, long line, err_t *e);
/* Merge every kept spot into the store in spot_id order, then empty. */
int batch_flush(imp *m, err_t *e);

#endif
