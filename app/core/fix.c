/* fix: the weighted average of GPS fixes that a gps spot takes. See fix.h.
 *
 * Each fix weighs 1/err^2 (inverse variance), so one 5 m fix counts as
 * much as sixteen 20 m ones. The average's own error would shrink as
 * 1/sqrt(sw) if the fixes' errors were independent; they are not (a
 * receiver standing still repeats the same bias), so it is never reported
 * better than the best single fix. Longitudes are averaged as numbers:
 * fine anywhere but across the antimeridian, far from Filipstad. */
#include "fix.h"

#include <math.h>
#include <string.h>

void fix_avg_reset(fix_avg *a)
{
    memset(a, 0, sizeof *a);
    a->best_err = NAN;
}

void fix_avg_add(fix_avg *a, double lat, double lon, double err_m,
                 int64_t got_ms)
{
    if (!isfinite(lat) || !isfinite(lon))
        return; /* not a position: the sources never give one */
    if (!isfinite(err_m) || err_m <= 0)
        err_m = FIX_UNKNOWN_ERR_M;
    double w = 1.0 / (err_m * err_m);
    a->sw += w;
    a->slat += w * lat;
    a->slon += w * lon;
    if (a->n == 0 || err_m < a->best_err)
        a->best_err = err_m;
    if (a->n == 0 || got_ms > a->last_ms)
        a->last_ms = got_ms;
    a->n++;
}

fix_result fix_avg_result(const fix_avg *a, int64_t now_ms, double max_err_m,
                          int64_t max_age_ms)
{
    fix_result r;
    memset(&r, 0, sizeof r);
    r.n = a->n;
    if (a->n == 0 || !(a->sw > 0)) {
        r.lat = r.lon = r.err_m = NAN;
        r.age_ms = -1;
        return r;
    }
    r.lat = a->slat / a->sw;
    r.lon = a->slon / a->sw;
    r.err_m = fmax(a->best_err, 1.0 / sqrt(a->sw));
    r.age_ms = now_ms - a->last_ms;
    r.usable = r.age_ms <= max_age_ms && r.err_m <= max_err_m;
    return r;
}
