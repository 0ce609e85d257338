/*
 * export: the municipality's spots for GIS and spreadsheets (`trygg
 * export`), three formats of the same rows:
 *
 *   geojson  RFC 7946 FeatureCollection of Points (WGS 84, [lon, lat]) with
 *            every field as a property, for QGIS as is;
 *   csv      RFC 4180, the columns of a bundle's spots.csv and more;
 *   excel    for Excel in Swedish: UTF-8 with BOM, ';', decimal comma,
 *            local time (Europe/Stockholm), Swedish headers and labels, and
 *            the formula guard on every text cell.
 *
 * Every format carries SWEREF 99 TM (EPSG:3006) northing and easting from
 * PROJ (sweref.h), the spot's status (open when none was set) and the
 * newest answer of a follow-up walk. Deleted spots are left out. Output is
 * streamed: memory stays flat however many spots there are.
 *
 * Not for: the yearly report, or bundles (bundle.h, followup.h).
 */
#ifndef TRYGG_EXPORT_H
#define TRYGG_EXPORT_H

#include <stdint.h>

#include "err.h"
#include "store.h"
#include "sweref.h"

typedef enum {
    EXPORT_GEOJSON = 1,
    EXPORT_CSV,
    EXPORT_EXCEL
} export_format;

/* "geojson", "csv" or "excel". */
int export_parse_format(const char *s, export_format *out, err_t *e);

/* The export of the spots of walks started in year (0: every year) into
 * the file path, whole or not at all: written to a temporary file in the
 * same folder, fsynced, then renamed over path (an older file of that name
 * is replaced only by a complete new one). Opens PROJ itself. The number of
 * spots written goes to *n_spots. */
int export_write(store *st, export_format fmt, int year, const char *path,
                 int64_t *n_spots, err_t *e);

/* The same export to fd (not owned: not synced, not closed), with the
 * caller's PROJ transformation. */
int export_stream(store *st, export_format fmt, int year, sweref *sw, int fd,
                  int64_t *n_spots, err_t *e);

/* ---- local time for the excel format (export_excel.c) ----
 *
 * Taken from the C library and tzdata, with the process's time zone: the
 * caller sets TZ=Europe/Stockholm and calls tzset() (the core holds no
 * global state), and export_check_zone verifies it took. */

#define EXPORT_LOCAL_LEN 16 /* "YYYY-MM-DD HH:MM" */

/* 0 when local time is Sweden's (a known winter instant is UTC+1, a summer
 * one UTC+2); else -1 with a message naming the zone and tzdata. */
int export_check_zone(err_t *e);
/* t as local "YYYY-MM-DD HH:MM" into out (EXPORT_LOCAL_LEN + 1 bytes). */
void export_local_time(int64_t t, char *out);

#endif
