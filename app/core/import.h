/*
 * import: reading a sync bundle and merging it into a store, exactly as
 * docs/bundle-format.md says: sums first, format and version, required
 * columns, every field validated, one transaction per bundle, idempotent.
 * A refused bundle changes nothing, and the message names file, line and
 * field. The walkers' answers (checks.csv) are merged after the walks and
 * spots, in the same transaction; a bundle without that file imports as
 * before. Also the checks of a bundle folder that every reader shares
 * (SHA256SUMS, the manifest's format); a follow-up bundle is followup.h.
 */
#ifndef TRYGG_IMPORT_H
#define TRYGG_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "store.h"
#include "tm.h"

typedef struct import_report {
    char device_id[33];
    char created_at[TM_ISO_LEN + 1];
    int64_t walks[3];        /* by store_outcome: added, updated, same */
    int64_t spots[3];
    int64_t checks[3];       /* walkers' answers (checks.csv) */
    int64_t categories_added;
} import_report;

int import_bundle(store *st, const char *dir, import_report *rep, err_t *e);

/* The manifest's `format` value of the bundle folder dir into out (cap
 * bytes), without checking anything else: for choosing the importer
 * (trygg-bundle: import_bundle; trygg-followup: followup_import). */
int import_peek_format(const char *dir, char *out, size_t cap, err_t *e);

/* ---- shared between import*.c ---- */

#define IMPORT_MAX_FILES 16

typedef struct import_sums {
    size_t n;
    char name[IMPORT_MAX_FILES][256];
    char hex[IMPORT_MAX_FILES][65];
} import_sums;

/* Read dir/SHA256SUMS, check the names in it, that every file of required
 * (NULL-terminated) is listed, and that the folder holds nothing unlisted
 * (dot-files aside). */
int import_read_sums(const char *dir, const char *const *required,
                     import_sums *sums, err_t *e);
/* Open a listed member for reading: a plain file, never a link. */
int import_open_member(const char *dir, const char *name, err_t *e);
/* The listed sum of name, or NULL. */
const char *import_sum_of(const import_sums *sums, const char *name);
/* Hash every listed file except those in skip (NULL-terminated, or NULL
 * for none: the files the import hashes as it reads them); -1 with a
 * message naming the first mismatch. */
int import_verify_all(const char *dir, const import_sums *sums,
                      const char *const *skip, err_t *e);

#endif
