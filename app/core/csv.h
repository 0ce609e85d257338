/*
 * csv: RFC 4180 reading and writing, the one CSV module for both directions.
 *
 * Writer: buffered output to a file descriptor with CRLF line ends, quoting
 * only where a field needs it, the formula guard on free-text fields, and an
 * optional running SHA-256 of every byte written (so a bundle file is hashed
 * as it is written, never read back). RFC 4180 by default; a dialect with
 * another separator and decimal mark serves spreadsheets that expect them
 * (Excel in Swedish: ';' and ',').
 *
 * Reader: streaming from a file descriptor, one record at a time, with a
 * running SHA-256 of every byte read, hard limits on field and record size,
 * and errors that name the line the record starts on and, for a fault in
 * one field, the field. Accepts CRLF or LF line ends; refuses NUL bytes,
 * bare CR, stray quotes and unterminated quoted fields. In strict mode
 * (bundle files) it also keeps the header's names for its messages, refuses
 * a record whose width differs from the header's and any field that is not
 * valid UTF-8.
 *
 * Not for: knowing what the columns mean (bundle/import do that).
 */
#ifndef TRYGG_CSV_H
#define TRYGG_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "err.h"
#include "sha.h"

#define CSV_BUF 65536
#define CSV_MAX_FIELD 16384  /* bytes; a note is at most 1000 characters */
#define CSV_MAX_FIELDS 64
#define CSV_MAX_RECORD 65536 /* bytes of field content in one record */

/* ---- writer ---- */

typedef struct csv_out {
    int fd;
    int hashing;      /* 1 when sha below is live */
    int at_row_start; /* no separator before the next field */
    int failed;       /* errno of the first failed write, 0 if none */
    char sep;         /* between fields: ',' unless csv_out_set_dialect */
    char decimal;     /* decimal mark of csv_out_fixed: '.' unless set */
    size_t used;
    sha_ctx sha;
    char buf[CSV_BUF];
} csv_out;

/* Start writing to fd (not owned: the caller closes it). With hash = 1 a
 * SHA-256 of every byte is kept for csv_out_finish. */
int csv_out_init(csv_out *o, int fd, int hash, err_t *e);

/* Write fields separated by sep (quoting fields that hold it) and numbers
 * of csv_out_fixed with the decimal mark decimal. Call before the first
 * field. */
void csv_out_set_dialect(csv_out *o, char sep, char decimal);

/* Plain field: quoted when it holds the separator, " CR or LF. */
void csv_out_field(csv_out *o, const char *s, size_t len);
/* Free-text field: like csv_out_field, with the formula guard. */
void csv_out_text(csv_out *o, const char *s, size_t len);
/* Convenience for NUL-terminated strings; NULL writes an empty field. */
void csv_out_str(csv_out *o, const char *s);
void csv_out_textz(csv_out *o, const char *s);
void csv_out_int(csv_out *o, int64_t v);
/* Fixed-point decimal with `decimals` digits after the decimal mark; never
 * quoted or guarded, so a negative number stays a number. NaN and infinity
 * give an empty field. */
void csv_out_fixed(csv_out *o, double v, int decimals);
/* The text of csv_out_fixed: v with decimals digits after the mark
 * decimal, exactly as printf's "%.*f" rounds it, into out (CSV_FIXED_MAX
 * bytes). Returns the length; 0 for NaN, infinity or a text too long. */
#define CSV_FIXED_MAX 64
size_t csv_fixed_text(char *out, double v, int decimals, char decimal);
void csv_out_end_row(csv_out *o);
/* Bytes as they are, outside the CSV rules (sha256sum-style lines, a BOM,
 * the GeoJSON export, which uses csv_out as its buffered writer). */
void csv_out_raw(csv_out *o, const char *s, size_t len);

/* csv_out_raw for the short pieces of a hot loop, inlined so that a
 * literal's copy is a few moves (the GeoJSON export appends some forty
 * pieces a feature). */
static inline void csv_out_bytes(csv_out *o, const char *s, size_t len)
{
    if (len <= sizeof o->buf - o->used) {
        memcpy(o->buf + o->used, s, len);
        o->used += len;
    } else {
        csv_out_raw(o, s, len);
    }
}

/* Flush what is buffered. Returns 0, or -1 with the write error in e. */
int csv_out_flush(csv_out *o, err_t *e);
/* Flush and, if hashing, write the hex digest (SHA_HEX_LEN + 1 bytes) into
 * hex (may be NULL when not hashing). Does not fsync or close. Frees the
 * hash whether it succeeds or not. */
int csv_out_finish(csv_out *o, char *hex, err_t *e);
/* Free resources after an error; safe after csv_out_finish. */
void csv_out_discard(csv_out *o);

/* ---- reader ---- */

typedef struct csv_row {
    size_t n;                          /* number of fields */
    long line;                         /* line where the record starts */
    const char *f[CSV_MAX_FIELDS];     /* NUL-terminated field texts */
    size_t len[CSV_MAX_FIELDS];        /* their lengths in bytes */
} csv_row;

typedef struct csv_in csv_in;

/* Read from fd (not owned). With hash = 1 every byte read is hashed. */
csv_in *csv_in_new(int fd, int hash, err_t *e);
/* Read from a memory buffer (not copied; must outlive the reader). */
csv_in *csv_in_new_mem(const char *data, size_t len, err_t *e);

/* Next record into row (valid until the next call). Returns 1 for a record,
 * 0 at end of input, -1 on a malformed input or read error. A malformed
 * input's message starts with the line the record starts on: "line 7: ..."
 * for the record as a whole, "line 7, field F: ..." for one field, where F
 * is the header's name for it in strict mode, else its number from 1.
 * Empty lines are skipped. */
int csv_in_next(csv_in *r, csv_row *row, err_t *e);

/* Strict mode, for files whose first record is a header (every bundle
 * file); call before the first csv_in_next. The header's names are kept
 * for messages, every later record must have as many fields as the header,
 * and every field, the header's too, must be valid UTF-8. */
void csv_in_strict(csv_in *r);

/* Read and hash the rest of the input without parsing it, then give the hex
 * digest (SHA_HEX_LEN + 1 bytes). */
int csv_in_finish_hash(csv_in *r, char *hex, err_t *e);

void csv_in_free(csv_in *r);

/* Index of the column named `name` in a header row, or -1. */
int csv_row_find(const csv_row *header, const char *name);

#endif
