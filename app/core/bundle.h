/*
 * bundle: the sync bundle of ../shared/spec/bundle.md (format version 1):
 * writing one from a device's store, and the file names and manifest keys
 * that both directions share. Reading and merging is import.h.
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

extern const char *const bundle_walk_cols[];  /* NULL-terminated, spec order */
extern const char *const bundle_spot_cols[];

/* Rows in the bundle's CSV form (bundle_rows.c); also what `spot list --csv`
 * prints. */
void bundle_csv_walk_header(csv_out *o);
void bundle_csv_walk(csv_out *o, const walk *w);
void bundle_csv_spot_header(csv_out *o);
void bundle_csv_spot(csv_out *o, const spot *p);
void bundle_csv_categories(csv_out *o, const cat_table *t);

typedef struct bundle_result {
    int written;          /* 0: nothing new, no bundle made */
    char path[PATH_MAX];  /* the bundle folder */
    int64_t n_walks, n_spots, n_categories;
} bundle_result;

/* Write a bundle of what changed since the last sync (all = every walk and
 * spot of this device) into a new folder under out_dir, whole or not at all,
 * then mark those rows synced. With nothing new, writes nothing and sets
 * res->written = 0. */
int bundle_write(store *st, const char *out_dir, int all,
                 const char *app_version, bundle_result *res, err_t *e);

#endif
