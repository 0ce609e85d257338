/*
 * tm: UTC timestamps as the bundle writes them.
 *
 * Times are seconds since the Unix epoch (int64_t), shown as ISO 8601 UTC
 * with seconds and 'Z' ("2026-11-24T18:30:05Z"), or compact for folder names
 * ("20261124T183005Z"). Not for local time: that is the reports' business.
 */
#ifndef TRYGG_TM_H
#define TRYGG_TM_H

#include <stddef.h>
#include <stdint.h>

#define TM_ISO_LEN 20 /* "YYYY-MM-DDTHH:MM:SSZ" without the NUL */

/* A clock the caller injects: production passes tm_now_real, tests their own. */
typedef int64_t (*tm_clock_fn)(void *ctx);

int64_t tm_now_real(void *ctx);

/* Write t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least TM_ISO_LEN + 1 bytes). */
void tm_format_iso(int64_t t, char *out);

/* Write t as "YYYYMMDDTHHMMSSZ" into out (at least 17 bytes). */
void tm_format_compact(int64_t t, char *out);

/* Parse exactly "YYYY-MM-DDTHH:MM:SSZ" (len bytes, no NUL needed) with a real
 * calendar date. Returns 0 and sets *t, or -1. */
int tm_parse_iso(const char *s, size_t len, int64_t *t);

#endif
