/* report_html: the report's output: a buffered writer to a temporary file
 * that is renamed into place when whole, HTML escaping of every text that
 * did not come from this program, and the number and date formats.
 *
 * Not for: what the document says (report.c, report_tables.c, report_svg.c).
 */
#include "report_int.h"
#include "fsx.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- the file ---- */

int rh_open(rh_out *o, const char *dest, int mode, err_t *e)
{
    char dir[PATH_MAX];
    o->fd = -1;
    o->failed = 0;
    o->used = 0;
    o->tmp[0] = '\0';
    if (snprintf(o->dest, sizeof o->dest, "%s", dest) >= (int)sizeof o->dest)
        return err_set(e, "the path %s is too long", dest);
    fsx_dir_of(dest, dir, sizeof dir);
    if (snprintf(o->tmp, sizeof o->tmp, "%s/.trygg-report.XXXXXX", dir) >=
        (int)sizeof o->tmp) {
        o->tmp[0] = '\0';
        return err_set(e, "the path %s is too long", dest);
    }
    o->fd = mkstemp(o->tmp);
    if (o->fd < 0) {
        o->tmp[0] = '\0';
        return err_os(e, errno, "cannot create a file in %s", dir);
    }
    if (fchmod(o->fd, (mode_t)mode) != 0) {
        err_os(e, errno, "cannot set the mode of %s", o->tmp);
        rh_abort(o);
        return -1;
    }
    return 0;
}

static void flush(rh_out *o)
{
    const char *p = o->buf;
    size_t left = o->used;
    while (left > 0 && !o->failed) {
        ssize_t n = write(o->fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            o->failed = errno;
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    o->used = 0;
}

int rh_commit(rh_out *o, err_t *e)
{
    char dir[PATH_MAX];
    flush(o);
    if (o->failed) {
        err_os(e, o->failed, "cannot write %s", o->dest);
        rh_abort(o);
        return -1;
    }
    int fd = o->fd;
    o->fd = -1;
    if (fsx_sync_close(fd, o->tmp, e) != 0) {
        rh_abort(o);
        return -1;
    }
    if (rename(o->tmp, o->dest) != 0) {
        err_os(e, errno, "cannot rename %s to %s", o->tmp, o->dest);
        rh_abort(o);
        return -1;
    }
    o->tmp[0] = '\0';
    fsx_dir_of(o->dest, dir, sizeof dir);
    return fsx_sync_dir(dir, e);
}

void rh_abort(rh_out *o)
{
    if (o->fd >= 0)
        close(o->fd);
    o->fd = -1;
    if (o->tmp[0])
        unlink(o->tmp);
    o->tmp[0] = '\0';
}

/* ---- writing ---- */

void rh_rawn(rh_out *o, const char *s, size_t n)
{
    while (n > 0) {
        if (o->used == RH_BUF)
            flush(o);
        size_t k = RH_BUF - o->used < n ? RH_BUF - o->used : n;
        memcpy(o->buf + o->used, s, k);
        o->used += k;
        s += k;
        n -= k;
    }
}

void rh_raw(rh_out *o, const char *s) { rh_rawn(o, s, strlen(s)); }

void rh_fmt(rh_out *o, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        rh_rawn(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* The entity for a byte that must not stand as it is, else NULL. */
static const char *entity(unsigned char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    case '\t': case '\n': return NULL;
    default: return c < 0x20 || c == 0x7f ? " " : NULL;
    }
}

void rh_text(rh_out *o, const char *s)
{
    const char *run = s; /* the start of bytes that go out as they are */
    for (; *s; s++) {
        const char *ent = entity((unsigned char)*s);
        if (!ent)
            continue;
        rh_rawn(o, run, (size_t)(s - run));
        rh_raw(o, ent);
        run = s + 1;
    }
    rh_rawn(o, run, (size_t)(s - run));
}

void rh_count(rh_out *o, report_lang l, int64_t n)
{
    char digits[32], out[64];
    int len = snprintf(digits, sizeof digits, "%lld",
                       (long long)(n < 0 ? -n : n));
    /* Swedish groups with a no-break space, English with a comma. */
    const char *sep = l == REPORT_SV ? "\xc2\xa0" : ",";
    size_t k = 0;
    if (n < 0)
        out[k++] = '-';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            for (const char *p = sep; *p; p++)
                out[k++] = *p;
        out[k++] = digits[i];
    }
    rh_rawn(o, out, k);
}

static void local_time(int64_t t, const char *fmt, rh_out *o)
{
    /* Times are stored in UTC; people read them in local time. The
     * command sets the zone to Europe/Stockholm (cli_swedish_time). */
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    if (!localtime_r(&tt, &tm) || !strftime(buf, sizeof buf, fmt, &tm))
        snprintf(buf, sizeof buf, "?");
    rh_raw(o, buf);
}

void rh_date(rh_out *o, int64_t t) { local_time(t, "%Y-%m-%d", o); }
void rh_datetime(rh_out *o, int64_t t) { local_time(t, "%Y-%m-%d %H:%M", o); }

void rh_coord(rh_out *o, double v)
{
    long tenths = lround(v * 10.0);
    long whole = labs(tenths) / 10, frac = labs(tenths) % 10;
    if (frac)
        rh_fmt(o, "%s%ld.%ld", tenths < 0 ? "-" : "", whole, frac);
    else
        rh_fmt(o, "%s%ld", tenths < 0 ? "-" : "", whole);
}
