/* fuzz_csvref: the reference CSV reading. See fuzz_csvref.h. */
#include "fuzz_csvref.h"
#include "fuzz_util.h"

#include <stdlib.h>
#include <string.h>

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    if (!(p = realloc(p, n * size)))
        fz_fail("out of memory keeping records");
    *cap = n;
    return p;
}

void ref_clear(ref_records *k)
{
    k->n_bytes = k->n_fields = k->n_recs = 0;
}

void ref_free(ref_records *k)
{
    free(k->bytes);
    free(k->fields);
    free(k->recs);
    memset(k, 0, sizeof *k);
}

static void add_bytes(ref_records *k, const void *s, size_t n)
{
    if (n == 0)
        return; /* s may be NULL then, and memcpy must not see that */
    k->bytes = grow(k->bytes, &k->cap_bytes, k->n_bytes + n, 1);
    memcpy(k->bytes + k->n_bytes, s, n);
    k->n_bytes += n;
}

static void begin_field(ref_records *k)
{
    k->fields = grow(k->fields, &k->cap_fields, k->n_fields + 1,
                     sizeof *k->fields);
    k->fields[k->n_fields++] = (ref_field){k->n_bytes, 0};
}

/* Close the last field: its length, and its NUL. */
static void end_field(ref_records *k)
{
    ref_field *f = &k->fields[k->n_fields - 1];
    f->len = k->n_bytes - f->off;
    add_bytes(k, "", 1);
}

static void add_record(ref_records *k, size_t first, long line)
{
    k->recs = grow(k->recs, &k->cap_recs, k->n_recs + 1, sizeof *k->recs);
    k->recs[k->n_recs++] = (ref_record){first, k->n_fields - first, line};
}

void ref_keep_row(ref_records *k, const csv_row *row)
{
    size_t first = k->n_fields;
    for (size_t i = 0; i < row->n; i++) {
        begin_field(k);
        add_bytes(k, row->f[i], row->len[i]);
        end_field(k);
    }
    add_record(k, first, row->line);
}

void ref_get(const ref_records *k, size_t i, csv_row *row)
{
    const ref_record *r = &k->recs[i];
    row->n = r->n;
    row->line = r->line;
    for (size_t j = 0; j < r->n && j < CSV_MAX_FIELDS; j++) {
        row->f[j] = k->bytes + k->fields[r->first + j].off;
        row->len[j] = k->fields[r->first + j].len;
    }
}

/* ---- the reading ---- */

typedef struct cursor {
    const uint8_t *d;
    size_t size, i;
    long line;
} cursor;

/* A quoted field, from its opening quote. 0, or -1 refused. */
static int quoted(ref_records *k, cursor *c)
{
    for (c->i++;; c->i++) {
        if (c->i == c->size || c->d[c->i] == '\0')
            return -1;
        if (c->d[c->i] == '"') {
            if (c->i + 1 < c->size && c->d[c->i + 1] == '"') {
                add_bytes(k, "\"", 1);
                c->i++;
                continue;
            }
            c->i++;
            break;
        }
        c->line += c->d[c->i] == '\n';
        add_bytes(k, c->d + c->i, 1);
    }
    if (c->i == c->size)
        return 0;
    uint8_t ch = c->d[c->i];
    return ch == ',' || ch == '\r' || ch == '\n' ? 0 : -1;
}

static int unquoted(ref_records *k, cursor *c)
{
    size_t start = c->i;
    while (c->i < c->size && !memchr(",\"\r\n", c->d[c->i], 5))
        c->i++;
    add_bytes(k, c->d + start, c->i - start);
    return c->i < c->size && (c->d[c->i] == '"' || c->d[c->i] == '\0') ? -1
                                                                      : 0;
}

/* One field and what ends it: 0 more fields follow, 1 the record ended,
 * -1 refused. *content grows by the field's length. */
static int field(ref_records *k, cursor *c, size_t *content)
{
    begin_field(k);
    int rc = c->i < c->size && c->d[c->i] == '"' ? quoted(k, c)
                                                  : unquoted(k, c);
    end_field(k);
    size_t len = k->fields[k->n_fields - 1].len;
    *content += len;
    if (rc || len > CSV_MAX_FIELD || *content > CSV_MAX_RECORD)
        return -1;
    if (c->i == c->size)
        return 1;
    uint8_t ch = c->d[c->i++];
    if (ch == ',')
        return 0;
    if (ch == '\r' && (c->i == c->size || c->d[c->i++] != '\n'))
        return -1;
    c->line++;
    return 1;
}

/* One record into k (or nothing, for a skipped empty one). */
static int record(ref_records *k, cursor *c)
{
    size_t first = k->n_fields, bytes = k->n_bytes, content = 0;
    long line = c->line;
    int rc;
    while ((rc = field(k, c, &content)) == 0)
        if (k->n_fields - first >= CSV_MAX_FIELDS)
            return -1;
    if (rc < 0)
        return -1;
    if (k->n_fields - first == 1 && k->fields[first].len == 0) {
        k->n_fields = first; /* an empty line */
        k->n_bytes = bytes;
        return 0;
    }
    add_record(k, first, line);
    return 0;
}

int ref_parse(ref_records *k, const uint8_t *data, size_t size)
{
    cursor c = {data, size, 0, 1};
    ref_clear(k);
    while (c.i < size) {
        if (record(k, &c))
            return -1;
    }
    return 0;
}
