/*
 * export_int: what the export_*.c files share and nobody else needs: one
 * writer per format, all writing through a csv_out (our buffered writer to
 * a file descriptor, which keeps the first write error; the GeoJSON writer
 * uses only its raw bytes).
 */
#ifndef TRYGG_EXPORT_INT_H
#define TRYGG_EXPORT_INT_H

#include <stdint.h>

#include "csv.h"
#include "export.h"
#include "store.h"

/* One format: begin (BOM, header or the collection's opening), one call per
 * row with its SWEREF 99 TM coordinates (NAN when PROJ could not place the
 * point; index counts rows from 0), end. */
typedef struct export_writer {
    void (*begin)(csv_out *o);
    void (*row)(csv_out *o, const store_export_row *r, double north,
                double east, int64_t index);
    void (*end)(csv_out *o);
} export_writer;

extern const export_writer export_geojson_writer; /* export_geojson.c */
extern const export_writer export_csv_writer;     /* export_csv.c */
extern const export_writer export_excel_writer;   /* export_excel.c */

/* Decimals of the numbers, the same in every format: 7 for degrees (about
 * a centimetre), 2 for SWEREF metres, 1 for the accuracy. */
#define EXPORT_DEG_DECIMALS 7
#define EXPORT_GRID_DECIMALS 2
#define EXPORT_ACC_DECIMALS 1

/* s as a JSON string with its quotes, escaped per RFC 8259 (quote,
 * backslash, control characters; UTF-8 passes through). */
void export_json_string(csv_out *o, const char *s);

#endif
