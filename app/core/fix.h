/*
 * fix: turning GPS fixes into the position of a spot. While the walker
 * picks a category the fixes are averaged, each weighted by 1/err^2, so a
 * few seconds of standing still give a steadier point than the last fix.
 * A spot takes position_source=gps only from an average whose newest fix
 * is fresh and whose error is within a threshold (20 m by default);
 * otherwise the walker places it on the map.
 *
 * Plain data, no threads, no clock of its own: times come from the caller
 * (CLOCK_MONOTONIC ms), so tests drive it exactly.
 */
#ifndef TRYGG_FIX_H
#define TRYGG_FIX_H

#include <stdint.h>

#define FIX_MAX_ERR_M 20.0      /* default threshold for a gps spot */
#define FIX_MAX_AGE_MS 5000     /* a fix older than this is stale */
#define FIX_UNKNOWN_ERR_M 50.0  /* error assumed when a receiver gives none */

typedef struct fix_avg {
    double sw, slat, slon;  /* weight sum, weighted sums */
    double best_err;        /* smallest error of the fixes taken */
    int64_t last_ms;        /* when the newest fix was got */
    int n;
} fix_avg;

void fix_avg_reset(fix_avg *a);
/* Take one fix (err_m NAN or <= 0: FIX_UNKNOWN_ERR_M). */
void fix_avg_add(fix_avg *a, double lat, double lon, double err_m,
                 int64_t got_ms);

typedef struct fix_result {
    int usable;     /* fresh and within max_err_m: position_source=gps */
    double lat, lon;
    double err_m;   /* of the average: never better than its best fix */
    int64_t age_ms; /* of the newest fix */
    int n;          /* fixes averaged */
} fix_result;

/* The average now. With no fixes: n = 0, usable = 0. */
fix_result fix_avg_result(const fix_avg *a, int64_t now_ms, double max_err_m,
                          int64_t max_age_ms);

#endif
