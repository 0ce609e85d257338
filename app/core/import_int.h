/*
 * import_int: what import.c, import_member.c and import_rows.c share: the
 * state of one bundle being imported and the reading of its CSV members.
 */
#ifndef TRYGG_IMPORT_INT_H
#define TRYGG_IMPORT_INT_H

#include "cat.h"
#include "csv.h"
#include "idset.h"
#include "import.h"

/* Validated spots on their way to the store (import_batch.c). */
#define IMPORT_BATCH_MAX 262144
typedef struct pending pending;
typedef struct spot_batch {
    pending *rows;
    pending **order;
    size_t n, cap, order_cap;
    char *notes;
    size_t notes_len, notes_cap;
    spot *scratch;         /* one row unpacked for the store */
} spot_batch;

typedef struct imp {
    store *st;
    const char *dir;
    import_sums sums;
    cat_table cats;        /* the bundle's own categories.csv */
    idset walk_ids, spot_ids;
    char device_id[33];
    int64_t created_at;
    int64_t declared[3];   /* manifest counts: walks, spots, categories */
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

int member_open(imp *m, member *f, const char *name, err_t *e);
void member_close(member *f);
/* After the last row: the file's sum must be the one listed. */
int member_check_sum(imp *m, member *f, err_t *e);
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

/* import_rows.c: walks.csv and spots.csv into the store (in the open
 * transaction). */
int import_walks(imp *m, err_t *e);
int import_spots(imp *m, err_t *e);

int batch_init(spot_batch *b, err_t *e);
void batch_free(spot_batch *b);
/* Keep a validated spot; `line` is its line in spots.csv. */
int batch_add(spot_batch *b, const spot *p, long line, err_t *e);
/* Merge every kept spot into the store in spot_id order, then empty. */
int batch_flush(imp *m, err_t *e);

#endif
