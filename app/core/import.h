/*
 * import: reading a sync bundle and merging it into a store, exactly as the
 * spec's "Reading a bundle" says: sums first, format and version, required
 * columns, every field validated, one transaction per bundle, idempotent.
 * A refused bundle changes nothing, and the message names file, line and
 * field.
 */
#ifndef TRYGG_IMPORT_H
#define TRYGG_IMPORT_H

#include <stdint.h>

#include "err.h"
#include "store.h"
#include "tm.h"

typedef struct import_report {
    char device_id[33];
    char created_at[TM_ISO_LEN + 1];
    int64_t walks[3];        /* by store_outcome: added, updated, same */
    int64_t spots[3];
    int64_t categories_added;
} import_report;

int import_bundle(store *st, const char *dir, import_report *rep, err_t *e);

/* ---- shared between import*.c ---- */

#define IMPORT_MAX_FILES 16

typedef struct import_sums {
    size_t n;
    char name[IMPORT_MAX_FILES][256];
    char hex[IMPORT_MAX_FILES][65];
} import_sums;

/* Read dir/SHA256SUMS, check the names in it, that the four bundle files are
 * listed, and that the folder holds nothing unlisted (dot-files aside). */
int import_read_sums(const char *dir, import_sums *sums, err_t *e);
/* Open a listed member for reading: a plain file, never a link. */
int import_open_member(const char *dir, const char *name, err_t *e);
/* The listed sum of name, or NULL. */
const char *import_sum_of(const import_sums *sums, const char *name);
/* Hash every listed file (extras_only: only those that are not one of the
 * four CSV files, which the import hashes as it reads them); -1 with a
 * message naming the first mismatch. */
int import_verify_all(const char *dir, const import_sums *sums,
                      int extras_only, err_t *e);

#endif
