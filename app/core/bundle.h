/*
 * bundle: the sync bundle (format version 1, docs/bundle-format.md):
 * writing one from a device's store, the file names and columns that both
 * directions share, and the writing of any bundle folder whole or not at
 * all (bundle_dir.c, also used for follow-up bundles: followup.h).
 * Reading and merging is import.h.
 */
#ifndef TRYGG_BUNDLE_H
#define TRYGG_BUNDLE_H

#include <limits.h>
#include <stdint.h>

#include "csv.h"
#include "err.h"
#include "store.h"

#define BUNDLE_FORMAT "trygg-bundle"
#define BUNDLE_FORMAT_VERSION 1

#define BUNDLE_MANIFEST "manifest.csv"
#define BUNDLE_WALKS "walks.csv"
#define BUNDLE_SPOTS "spots.csv"
#define BUNDLE_CATEGORIES "categories.csv"
#define BUNDLE_SUMS "SHA256SUMS"
/* Walkers' answers at follow-up spots: only in a bundle that has some. */
#define BUNDLE_CHECKS "checks.csv"

extern const char *const bundle_walk_cols[];  /* NULL-terminated, spec order */
extern const char *const bundle_spot_cols[];
extern const char *const bundle_check_cols[];

/* Rows in the bundle's CSV form (bundle_rows.c); also what `spot list --csv`
 * prints. */
void bundle_csv_walk_header(csv_out *o);
void bundle_csv_walk(csv_out *o, const walk *w);
void bundle_csv_spot_header(csv_out *o);
void bundle_csv_spot(csv_out *o, const spot *p);
/* The same fields without ending the row (an export adds its own). */
void bundle_csv_spot_fields(csv_out *o, const spot *p);
void bundle_csv_categories(csv_out *o, const cat_table *t);
void bundle_csv_check_header(csv_out *o);
void bundle_csv_check(csv_out *o, const spot_check *c);
/* A time as the bundles write it (ISO 8601 UTC); 0 as an empty field when
 * zero_empty is set. */
void bundle_csv_time(csv_out *o, int64_t t, int zero_empty);
/* One manifest row. */
void bundle_csv_kv(csv_out *o, const char *key, const char *value);
void bundle_csv_kv_int(csv_out *o, const char *key, int64_t value);

typedef struct bundle_result {
    int written;          /* 0: nothing new, no bundle made */
    char path[PATH_MAX];  /* the bundle folder */
    int64_t n_walks, n_spots, n_categories;
    int64_t n_checks;     /* answers; 0: no checks.csv in the bundle */
} bundle_result;

/* Write a bundle of what changed since the last sync (all = every walk and
 * spot of this device) into a new folder under out_dir, whole or not at all,
 * then mark those rows synced. With nothing new, writes nothing and sets
 * res->written = 0. */
int bundle_write(store *st, const char *out_dir, int all,
                 const char *app_version, bundle_result *res, err_t *e);

/* ---- writing any bundle folder (bundle_dir.c) ----
 *
 * Files go into a hidden ".<name>.partial" folder beside the final one;
 * each is hashed as it is written and fsynced; SHA256SUMS comes last, in
 * the order of the file list given at open; then the folder is renamed
 * into place and its parent fsynced. A reader that finds the folder under
 * its final name therefore finds it whole. */

#define BUNDLE_DIR_MAX_FILES 8

typedef struct bundle_dir {
    char path[PATH_MAX];      /* the final folder */
    char partial[PATH_MAX];   /* where it is written */
    const char *out_dir;
    const char *const *files; /* names in SHA256SUMS order, NULL-ended */
    char sums[BUNDLE_DIR_MAX_FILES][SHA_HEX_LEN + 1]; /* "": not written */
    csv_out out;              /* the file being written */
    int64_t rows;             /* rows the body counted in it */
} bundle_dir;

/* 0 when out_dir is an existing folder, else -1 with a message. */
int bundle_dir_usable(const char *out_dir, err_t *e);
/* Make the partial folder of out_dir/<prefix><created, compact>. When that
 * name is taken, *created moves on a second at a time (a few tries), so
 * the name and the time in the manifest always agree. files: see above. */
int bundle_dir_open(bundle_dir *d, const char *out_dir, const char *prefix,
                    const char *const *files, int64_t *created, err_t *e);
/* Write the member name (one of files) as CSV; body writes d->out and
 * counts d->rows. */
typedef int (*bundle_body_fn)(bundle_dir *d, const void *arg, err_t *e);
int bundle_dir_csv(bundle_dir *d, const char *name, bundle_body_fn body,
                   const void *arg, err_t *e);
/* SHA256SUMS of the members written, then into place. On failure the
 * partial folder is removed. */
int bundle_dir_publish(bundle_dir *d, err_t *e);
/* Remove the partial folder after a failure (any time after open). */
void bundle_dir_abandon(bundle_dir *d);

#endif
