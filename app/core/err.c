/* err: see err.h. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(err_t *e, const char *fmt, ...)
{
    if (!e)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->os = 0;
    return -1;
}

int err_os(err_t *e, int errnum, const char *fmt, ...)
{
    if (!e)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    size_t n = strlen(e->msg);
    const char *sep = n ? ": " : "";
    snprintf(e->msg + n, sizeof e->msg - n, "%s%s", sep, strerror(errnum));
    e->os = errnum;
    return -1;
}

int err_prefix(err_t *e, const char *fmt, ...)
{
    if (!e)
        return -1;
    char prefix[ERR_MSG_MAX];
    char old[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    size_t np = strlen(prefix), no = strlen(old);
    if (np > sizeof e->msg - 3)
        np = sizeof e->msg - 3;
    if (no > sizeof e->msg - 3 - np)
        no = sizeof e->msg - 3 - np;
    memcpy(e->msg, prefix, np);
    memcpy(e->msg + np, ": ", 2);
    memcpy(e->msg + np + 2, old, no);
    e->msg[np + 2 + no] = '\0';
    return -1;
}

void err_clear(err_t *e)
{
    if (e) {
        e->msg[0] = '\0';
        e->os = 0;
    }
}
