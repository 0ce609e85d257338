/*
 * report: the yearly follow-up report of the safety walks (`trygg report`),
 * one self-contained HTML file for the municipality's website, the local
 * paper and the clerk's printer: no request leaves the file (styles and
 * the map are inline), and it prints on A4.
 *
 * It holds a map of the centre with the year's spots (colour: category,
 * size: severity, ring: a positive spot), tables per category and
 * severity, per walk, of the positive spots, this year against last year,
 * and what became of last year's spots (status now and walkers' answers).
 * The full report (for staff) adds every spot with its note; the public
 * one leaves out every free text that may name a person: notes, walk
 * titles and areas, status comments. Every text from a bundle is escaped.
 *
 * Not for: the queries (store_report.c), choosing the base map (the
 * caller's: installed or built-in), other formats (export).
 */
#ifndef TRYGG_REPORT_H
#define TRYGG_REPORT_H

#include <stdint.h>

#include "basemap.h"
#include "err.h"
#include "store.h"

typedef enum { REPORT_SV = 0, REPORT_EN = 1 } report_lang;

typedef struct report_opts {
    int year;              /* walks whose started_at lies in this year */
    int public_only;       /* 1: no notes, titles, areas, comments */
    report_lang lang;
    const basemap *map;    /* the base map; NULL: a grid only */
    int64_t now;           /* when the report is made (shown in it) */
    const char *version;   /* trygg's version, shown in the footer */
} report_opts;

/* What report_write found, for the caller's summary line. */
typedef struct report_result {
    int64_t n_walks;       /* walks of the year */
    int64_t n_spots;       /* their live spots */
    int64_t n_outside;     /* spots drawn clamped to the map's edge */
} report_result;

/* Write the report to path in one step: a temporary file beside it,
 * flushed to disk and renamed over path, so readers see the old file or
 * the whole new one; on failure nothing is left behind. res may be NULL. */
int report_write(store *st, const report_opts *o, const char *path,
                 report_result *res, err_t *e);

/* A --lang value: 1 and *out set for "sv" or "en", else 0. */
int report_parse_lang(const char *s, report_lang *out);

#endif
