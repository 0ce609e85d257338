/* csv_read: the reading half of csv.h, a byte-at-a-time state machine over
 * a chunk buffer, so memory stays flat whatever the file size. */
#include "csv.h"
#include "txt.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum rd_state { ST_FIELD_START, ST_UNQUOTED, ST_QUOTED, ST_QUOTE_IN_QUOTED,
                ST_CR };

struct csv_in {
    int fd;              /* -1 for a memory reader */
    int hashing;
    int eof;             /* no more input bytes */
    sha_ctx sha;
    const char *mem;     /* memory reader: all input */
    const char *chunk;   /* current input bytes */
    size_t chunk_len, pos;
    long line;           /* physical line of the next byte */
    long rec_line;       /* line the record being read starts on */
    int strict;          /* csv_in_strict */
    char *head;          /* strict: the header's fields, NUL-terminated */
    size_t n_head;       /* strict: their number, 0 until the header is read */
    size_t head_offs[CSV_MAX_FIELDS];
    char *rec;           /* field texts of the record being built */
    size_t rec_len;
    size_t field_start;
    size_t n_fields;
    size_t offs[CSV_MAX_FIELDS];
    char buf[CSV_BUF];
    char rec_store[CSV_MAX_RECORD + CSV_MAX_FIELDS];
};

static csv_in *new_reader(err_t *e)
{
    csv_in *r = calloc(1, sizeof *r);
    if (!r) {
        err_set(e, "out of memory for a CSV reader");
        return NULL;
    }
    r->line = 1;
    r->rec = r->rec_store;
    return r;
}

csv_in *csv_in_new(int fd, int hash, err_t *e)
{
    csv_in *r = new_reader(e);
    if (!r)
        return NULL;
    r->fd = fd;
    r->chunk = r->buf;
    if (hash) {
        if (sha_begin(&r->sha, e)) {
            free(r);
            return NULL;
        }
        r->hashing = 1;
    }
    return r;
}

csv_in *csv_in_new_mem(const char *data, size_t len, err_t *e)
{
    csv_in *r = new_reader(e);
    if (!r)
        return NULL;
    r->fd = -1;
    r->mem = data;
    r->chunk = data;
    r->chunk_len = len;
    return r;
}

void csv_in_free(csv_in *r)
{
    if (!r)
        return;
    sha_discard(&r->sha);
    free(r->head);
    free(r);
}

void csv_in_strict(csv_in *r)
{
    r->strict = 1;
}

/* Longest header name a message shows; a longer one, or one with control
 * characters, is shown by its number instead. */
#define NAME_SHOWN_MAX 40

static const char *shown_name(const csv_in *r, size_t field)
{
    if (field >= r->n_head)
        return NULL;
    const char *s = r->head + r->head_offs[field];
    size_t n = strlen(s);
    if (n == 0 || n > NAME_SHOWN_MAX)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return NULL;
    return s;
}

/* Refuse the record being read, in the form csv_in_next promises. field is
 * the 0-based field at fault, or -1 for the record as a whole. */
__attribute__((format(printf, 4, 5))) static int
fail(const csv_in *r, long field, err_t *e, const char *fmt, ...)
{
    char what[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (field < 0)
        return err_set(e, "line %ld: %s", r->rec_line, what);
    const char *name = shown_name(r, (size_t)field);
    if (name)
        return err_set(e, "line %ld, field %s: %s", r->rec_line, name, what);
    return err_set(e, "line %ld, field %ld: %s", r->rec_line, field + 1, what);
}

/* Refill the chunk buffer. Returns 1 with bytes, 0 at EOF, -1 on error. */
static int refill(csv_in *r, err_t *e)
{
    if (r->fd < 0 || r->eof) {
        r->eof = 1;
        return 0;
    }
    for (;;) {
        ssize_t n = read(r->fd, r->buf, sizeof r->buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return err_set(e, "read error: %s", strerror(errno));
        if (n == 0) {
            r->eof = 1;
            return 0;
        }
        if (r->hashing)
            sha_update(&r->sha, r->buf, (size_t)n);
        r->chunk_len = (size_t)n;
        r->pos = 0;
        return 1;
    }
}

static int add_byte(csv_in *r, char c, err_t *e)
{
    if (r->rec_len - r->field_start >= CSV_MAX_FIELD)
        return fail(r, (long)r->n_fields, e, "longer than %d bytes",
                    CSV_MAX_FIELD);
    /* rec holds one NUL per finished field: those are not content. */
    if (r->rec_len - r->n_fields >= CSV_MAX_RECORD)
        return fail(r, -1, e, "record is longer than %d bytes",
                    CSV_MAX_RECORD);
    r->rec[r->rec_len++] = c;
    return 0;
}

/* A run of plain bytes, copied at once (the common case by far). */
static int add_run(csv_in *r, const char *s, size_t n, err_t *e)
{
    if (r->rec_len - r->field_start + n > CSV_MAX_FIELD)
        return fail(r, (long)r->n_fields, e, "longer than %d bytes",
                    CSV_MAX_FIELD);
    if (r->rec_len - r->n_fields + n > CSV_MAX_RECORD) /* as in add_byte */
        return fail(r, -1, e, "record is longer than %d bytes",
                    CSV_MAX_RECORD);
    memcpy(r->rec + r->rec_len, s, n);
    r->rec_len += n;
    return 0;
}

/* Length of the run of bytes at s that need no decision in state st. */
static size_t plain_run(const char *s, size_t n, enum rd_state st)
{
    size_t i = 0;
    if (st == ST_UNQUOTED)
        while (i < n && s[i] != ',' && s[i] != '"' && s[i] != '\r' &&
               s[i] != '\n' && s[i] != '\0')
            i++;
    else if (st == ST_QUOTED)
        while (i < n && s[i] != '"' && s[i] != '\n' && s[i] != '\0')
            i++;
    return i;
}

static int end_field(csv_in *r, err_t *e)
{
    size_t bad;
    if (r->n_fields >= CSV_MAX_FIELDS)
        return fail(r, -1, e, "more than %d fields", CSV_MAX_FIELDS);
    if (r->strict && !txt_utf8_valid(r->rec + r->field_start,
                                     r->rec_len - r->field_start, &bad))
        return fail(r, (long)r->n_fields, e,
                    "not valid UTF-8 (byte %zu of the field)", bad + 1);
    r->rec[r->rec_len++] = '\0'; /* room reserved in rec_store */
    r->offs[r->n_fields++] = r->field_start;
    r->field_start = r->rec_len;
    return 0;
}

static void emit(csv_in *r, csv_row *row, long start_line)
{
    row->n = r->n_fields;
    row->line = start_line;
    for (size_t i = 0; i < r->n_fields; i++) {
        row->f[i] = r->rec + r->offs[i];
        size_t end = i + 1 < r->n_fields ? r->offs[i + 1] : r->rec_len;
        row->len[i] = end - r->offs[i] - 1;
    }
    r->rec_len = r->field_start = r->n_fields = 0;
}

static int is_empty_record(const csv_in *r)
{
    return r->n_fields == 1 && r->offs[0] + 1 == r->rec_len;
}

/* Strict mode: the first record is the header, kept for messages; every
 * later one must be as wide. */
static int check_record(csv_in *r, err_t *e)
{
    if (!r->strict)
        return 0;
    if (r->n_head)
        return r->n_fields == r->n_head
                   ? 0
                   : fail(r, -1, e, "%zu fields, but the header has %zu",
                          r->n_fields, r->n_head);
    r->head = malloc(r->rec_len);
    if (!r->head)
        return err_set(e, "out of memory for a CSV header");
    memcpy(r->head, r->rec, r->rec_len);
    memcpy(r->head_offs, r->offs, r->n_fields * sizeof *r->offs);
    r->n_head = r->n_fields;
    return 0;
}

/* One step of the state machine for byte c. Sets *done when a record ended. */
static int step(csv_in *r, enum rd_state *st, char c, int *done, err_t *e)
{
    if (c == '\0')
        return fail(r, (long)r->n_fields, e, "NUL byte in the data");
    switch (*st) {
    case ST_CR:
        if (c != '\n')
            return fail(r, -1, e, "carriage return without line feed");
        r->line++;
        *done = 1;
        *st = ST_FIELD_START;
        return 0;
    case ST_QUOTED:
        if (c == '"') {
            *st = ST_QUOTE_IN_QUOTED;
            return 0;
        }
        if (c == '\n')
            r->line++;
        return add_byte(r, c, e);
    case ST_QUOTE_IN_QUOTED:
        if (c == '"') {
            *st = ST_QUOTED;
            return add_byte(r, c, e);
        }
        if (c != ',' && c != '\r' && c != '\n')
            return fail(r, (long)r->n_fields, e, "text after a closing quote");
        break;
    case ST_FIELD_START:
        if (c == '"') {
            *st = ST_QUOTED;
            return 0;
        }
        break;
    case ST_UNQUOTED:
        if (c == '"')
            return fail(r, (long)r->n_fields, e,
                        "quote inside an unquoted field");
        break;
    }
    /* Outside quotes: separators, line ends or plain bytes. */
    if (c == ',') {
        *st = ST_FIELD_START;
        return end_field(r, e);
    }
    if (c == '\r' || c == '\n') {
        if (end_field(r, e))
            return -1;
        if (c == '\n') {
            r->line++;
            *done = 1;
            *st = ST_FIELD_START;
        } else {
            *st = ST_CR;
        }
        return 0;
    }
    *st = ST_UNQUOTED;
    return add_byte(r, c, e);
}

static int at_eof(csv_in *r, enum rd_state st, csv_row *row, err_t *e)
{
    if (st == ST_QUOTED)
        return fail(r, (long)r->n_fields, e, "quoted field never closed");
    if (st == ST_CR)
        return fail(r, -1, e, "carriage return without line feed");
    if (r->n_fields == 0 && r->rec_len == 0 && st == ST_FIELD_START)
        return 0;
    if (end_field(r, e))
        return -1;
    if (is_empty_record(r)) {
        r->rec_len = r->field_start = r->n_fields = 0;
        return 0;
    }
    if (check_record(r, e))
        return -1;
    emit(r, row, r->rec_line);
    return 1;
}

int csv_in_next(csv_in *r, csv_row *row, err_t *e)
{
    enum rd_state st = ST_FIELD_START;
    r->rec_line = r->line;
    for (;;) {
        if (r->pos == r->chunk_len) {
            int got = refill(r, e);
            if (got < 0)
                return -1;
            if (got == 0)
                return at_eof(r, st, row, e);
        }
        size_t run = plain_run(r->chunk + r->pos, r->chunk_len - r->pos, st);
        if (run) {
            if (add_run(r, r->chunk + r->pos, run, e))
                return -1;
            r->pos += run;
            continue;
        }
        int done = 0;
        if (step(r, &st, r->chunk[r->pos++], &done, e))
            return -1;
        if (!done)
            continue;
        if (is_empty_record(r)) {
            r->rec_len = r->field_start = r->n_fields = 0;
            r->rec_line = r->line;
            continue;
        }
        if (check_record(r, e))
            return -1;
        emit(r, row, r->rec_line);
        return 1;
    }
}

int csv_in_finish_hash(csv_in *r, char *hex, err_t *e)
{
    if (!r->hashing)
        return err_set(e, "reader was not hashing");
    for (;;) {
        int got = refill(r, e);
        if (got < 0)
            return -1;
        if (got == 0)
            break;
    }
    r->hashing = 0;
    return sha_finish_hex(&r->sha, hex, e);
}

int csv_row_find(const csv_row *header, const char *name)
{
    for (size_t i = 0; i < header->n; i++)
        if (strcmp(header->f[i], name) == 0)
            return (int)i;
    return -1;
}
