/* csv_write: the writing half of csv.h. */
#include "csv.h"
#include "txt.h"

#include <errno.h>
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
    o->sep = ',';
    o->decimal = '.';
    o->sha.md = NULL;
    if (hash) {
        if (sha_begin(&o->sha, e))
            return -1;
        o->hashing = 1;
    }
    return 0;
}

void csv_out_set_dialect(csv_out *o, char sep, char decimal)
{
    o->sep = sep;
    o->decimal = decimal;
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
        else if (w == 0) /* nothing taken: would spin forever */
            o->failed = EIO;
        else
            off += (size_t)w;
    }
    o->used = 0;
}

static void put(csv_out *o, const char *s, size_t len)
{
    if (len <= sizeof o->buf - o->used) { /* the common case */
        memcpy(o->buf + o->used, s, len);
        o->used += len;
        return;
    }
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
        putc_(o, o->sep);
    o->at_row_start = 0;
}

static int needs_quotes(const csv_out *o, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == o->sep || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return 1;
    return 0;
}

static void put_field(csv_out *o, const char *s, size_t len, int guard)
{
    begin_field(o);
    int quote = needs_quotes(o, s, len);
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
    size_t n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do /* digits from the right end of tmp */
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        tmp[sizeof tmp - 1 - n++] = '-';
    begin_field(o);
    put(o, tmp + sizeof tmp - n, n);
}

/* Exact powers of ten for the fast path of csv_fixed_text. */
static const double POW10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                               1e9};

/* |v| * 10^decimals rounded as printf rounds it into *out, when that can
 * be known from one multiplication: the product is within half an ulp of
 * the exact one, so only a product very near a half-way point is in doubt
 * (then printf decides). Returns 1 when *out is set. */
static int scaled_round(double v, int decimals, uint64_t *out)
{
    if (decimals < 0 || decimals > 9)
        return 0;
    double a = fabs(v) * POW10[decimals];
    if (!(a < 0x1p52))
        return 0;
    double whole = floor(a), frac = a - whole;
    if (fabs(frac - 0.5) <= a * 0x1p-50 + 0x1p-60)
        return 0;
    *out = (uint64_t)whole + (frac > 0.5);
    return 1;
}

size_t csv_fixed_text(char *out, double v, int decimals, char decimal)
{
    uint64_t r;
    if (!isfinite(v))
        return 0;
    if (!scaled_round(v, decimals, &r)) {
        int n = snprintf(out, CSV_FIXED_MAX, "%.*f", decimals, v);
        if (n <= 0 || n >= CSV_FIXED_MAX)
            return 0;
        if (decimals > 0)
            out[n - decimals - 1] = decimal;
        return (size_t)n;
    }
    char digits[24];
    int nd = 0;
    do
        digits[nd++] = (char)('0' + r % 10);
    while ((r /= 10) > 0 || nd <= decimals);
    size_t n = 0;
    if (signbit(v)) /* printf keeps the sign: -0.001 is "-0.00" */
        out[n++] = '-';
    while (nd > 0) {
        if (nd == decimals)
            out[n++] = decimal;
        out[n++] = digits[--nd];
    }
    return n;
}

void csv_out_fixed(csv_out *o, double v, int decimals)
{
    char tmp[CSV_FIXED_MAX];
    size_t n = csv_fixed_text(tmp, v, decimals, o->decimal);
    begin_field(o);
    put(o, tmp, n);
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
    if (csv_out_flush(o, e)) {
        csv_out_discard(o); /* a failed write must not leak the hash */
        return -1;
    }
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
