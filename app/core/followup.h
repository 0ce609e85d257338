/*
 * followup: the follow-up bundle, the municipality's list of spots to look
 * at again, carried to devices (docs/bundle-format.md). Writing one from
 * the municipal store, reading one into a device's store, and finding the
 * newest one in a folder. The walkers' answers travel back in the ordinary
 * sync bundle (checks.csv; bundle.h and import.h).
 */
#ifndef TRYGG_FOLLOWUP_H
#define TRYGG_FOLLOWUP_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "err.h"
#include "store.h"
#include "tm.h"

#define FOLLOWUP_FORMAT "trygg-followup"
#define FOLLOWUP_FORMAT_VERSION 1
#define FOLLOWUP_SPOTS "followup.csv"
#define FOLLOWUP_PREFIX "trygg-followup-"

typedef struct followup_result {
    char path[PATH_MAX]; /* the bundle folder */
    int64_t n_spots;
} followup_result;

/* Write a follow-up bundle of store_followup_candidates(year) into a new
 * folder under out_dir, whole or not at all (an empty list is a valid
 * bundle: it tells devices there is nothing left to check). */
int followup_write(store *st, const char *out_dir, int year,
                   const char *app_version, followup_result *res, err_t *e);

typedef struct followup_report {
    char created_at[TM_ISO_LEN + 1];
    int64_t n_spots;
    int replaced; /* 1: the device's list is now this one; 0: it already
                     had this or a newer list, and nothing changed */
} followup_report;

/* Check and read the follow-up bundle in dir into a device's store: it
 * replaces the device's follow-up list in one transaction (answers given
 * stay). A refused bundle changes nothing; the message names file, line
 * and field. */
int followup_import(store *st, const char *dir, followup_report *rep,
                    err_t *e);

/* The newest follow-up bundle folder directly under dir into out (cap
 * bytes): 1 found, 0 none, -1 error (dir unreadable). */
int followup_find(const char *dir, char *out, size_t cap, err_t *e);

/* ---- additions (followup_rows.c) ---- */

/* The columns of followup.csv, NULL-terminated, in the order written. */
extern const char *const followup_cols[];
/* followup.csv's header, and the fields of one spot in that order; both
 * without ending the row, so that a caller may add columns. */
void followup_csv_header(csv_out *o);
void followup_csv_fields(csv_out *o, const followup_spot *f);

#endif
