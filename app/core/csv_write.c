/* csv_write: the writing half of csv.h. */
#include "csv.h"
#include "txt.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int csv_out_init(csv_out *o, int fd, int hash, err_t *e)
{
    o->fd = fd;
    o->hashing = 0;
    o->at_row_start = 1;
    o->failed = 0;
    o->used = 0;
    o->sha.md = NULL;
    if (hash) {
        if (sha_begin(&o->sha, e))
            return -1;
        o->hashing = 1;
    }
    return 0;
}

static void drain(csv_out *o)
{
    size_t off = 0;
    if (o->hashing)
        sha_update(&o->sha, o->buf, o->used);
    while (off < o->used && !o->failed) {
        ssize_t w = write(o->fd, o->buf + off, o->used - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            o->failed = errno;
        else
            off += (size_t)w;
    }
    o->used = 0;
}

static void put(csv_out *o, const char *s, size_t len)
{
    while (len > 0) {
        if (o->used == sizeof o->buf)
            drain(o);
        size_t room = sizeof o->buf - o->used;
        size_t n = len < room ? len : room;
        memcpy(o->buf + o->used, s, n);
        o->used += n;
        s += n;
        len -= n;
    }
}

static void putc_(csv_out *o, char c)
{
    if (o->used == sizeof o->buf)
        drain(o);
    o->buf[o->used++] = c;
}

static void begin_field(csv_out *o)
{
    if (!o->at_row_start)
        putc_(o, ',');
    o->at_row_start = 0;
}

static int needs_quotes(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return 1;
    return 0;
}

static void put_field(csv_out *o, const char *s, size_t len, int guard)
{
    begin_field(o);
    int quote = needs_quotes(s, len);
    if (quote)
        putc_(o, '"');
    if (guard)
        putc_(o, '\'');
    if (!quote) {
        put(o, s, len);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            putc_(o, '"');
        putc_(o, s[i]);
    }
    putc_(o, '"');
}

void csv_out_field(csv_out *o, const char *s, size_t len)
{
    put_field(o, s, len, 0);
}

void csv_out_text(csv_out *o, const char *s, size_t len)
{
    put_field(o, s, len, txt_needs_guard(s, len));
}

void csv_out_str(csv_out *o, const char *s)
{
    csv_out_field(o, s ? s : "", s ? strlen(s) : 0);
}

void csv_out_textz(csv_out *o, const char *s)
{
    csv_out_text(o, s ? s : "", s ? strlen(s) : 0);
}

void csv_out_int(csv_out *o, int64_t v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRId64, v);
    begin_field(o);
    put(o, tmp, (size_t)n);
}

void csv_out_fixed(csv_out *o, double v, int decimals)
{
    char tmp[64];
    int n = isfinite(v) ? snprintf(tmp, sizeof tmp, "%.*f", decimals, v) : 0;
    begin_field(o);
    if (n > 0 && (size_t)n < sizeof tmp)
        put(o, tmp, (size_t)n);
}

void csv_out_raw(csv_out *o, const char *s, size_t len)
{
    put(o, s, len);
}

void csv_out_end_row(csv_out *o)
{
    put(o, "\r\n", 2);
    o->at_row_start = 1;
}

int csv_out_flush(csv_out *o, err_t *e)
{
    drain(o);
    if (o->failed)
        return err_os(e, o->failed, "%s", "write failed");
    return 0;
}

int csv_out_finish(csv_out *o, char *hex, err_t *e)
{
    if (csv_out_flush(o, e))
        return -1;
    if (!o->hashing)
        return 0;
    o->hashing = 0;
    return sha_finish_hex(&o->sha, hex, e);
}

void csv_out_discard(csv_out *o)
{
    sha_discard(&o->sha);
    o->hashing = 0;
}
