/*
 * fuzz_csvref: a second, deliberately plain reading of the CSV dialect of
 * csv.h, written from the spec and csv.h's promises rather than from
 * csv_read.c, so fuzz_csv can compare the two on every input: the same
 * records (fields and start lines) and the same verdict (all read, or
 * refused). Also the place where records are kept: a csv_row lives only
 * until its reader's next call.
 *
 * The rules: fields separated by ',', records ended by LF or CRLF; a field
 * that starts with '"' is quoted ("" is one quote; anything but NUL inside,
 * line breaks too) and must be followed by ',', a line end or the end; an
 * unquoted field holds no '"', CR, LF or NUL; a CR outside quotes must be
 * followed by LF; a record that is one empty field ("" too) is skipped;
 * more than CSV_MAX_FIELDS fields, a field longer than CSV_MAX_FIELD bytes
 * or a record longer than CSV_MAX_RECORD bytes is refused.
 *
 * Not for: speed; it is a test oracle.
 */
#ifndef TRYGG_FUZZ_CSVREF_H
#define TRYGG_FUZZ_CSVREF_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"

typedef struct ref_field {
    size_t off, len; /* into bytes */
} ref_field;

typedef struct ref_record {
    size_t first, n; /* into fields */
    long line;
} ref_record;

/* Records kept in growing arrays, reused from one input to the next. */
typedef struct ref_records {
    char *bytes;     /* field texts, each NUL-terminated */
    ref_field *fields;
    ref_record *recs;
    size_t n_bytes, n_fields, n_recs;
    size_t cap_bytes, cap_fields, cap_recs;
} ref_records;

/* Empty k (keeps its memory); ref_free releases it. */
void ref_clear(ref_records *k);
void ref_free(ref_records *k);
/* Append a copy of row. */
void ref_keep_row(ref_records *k, const csv_row *row);
/* Record i as a csv_row pointing into k (valid until k changes). */
void ref_get(const ref_records *k, size_t i, csv_row *row);

/* Read data into k (which it clears first). Returns 0 when the whole input
 * is good, -1 when it is refused; k then holds the records before the bad
 * one. */
int ref_parse(ref_records *k, const uint8_t *data, size_t size);

#endif
