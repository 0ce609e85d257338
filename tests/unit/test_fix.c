/*
 * test_fix: the GPS average a gps spot takes (fix): equal and unequal
 * weights, an unknown error, stale and over-threshold results, the empty
 * average, and the error never better than the best fix. Times are
 * injected, so every case is exact.
 */
#include "fix.h"
#include "testhelp.h"

#include <math.h>

/* Doubles equal within tol (weighted sums round in the last bits). */
#define CHECK_NEAR(got, want, tol)                                             \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        th_checks++;                                                           \
        if (!(fabs(g_ - w_) <= (tol)))                                         \
            TH_FAIL("%s: got %.12f, want %.12f", #got, g_, w_);                \
    } while (0)

#define DEG 1e-12 /* degrees: far below a millimetre */

static void test_fix_empty(void)
{
    fix_avg a;
    fix_avg_reset(&a);
    fix_result r = fix_avg_result(&a, 1000, FIX_MAX_ERR_M, FIX_MAX_AGE_MS);
    CHECK_INT(r.n, 0);
    CHECK_INT(r.usable, 0);
    CHECK(isnan(r.lat) && isnan(r.lon) && isnan(r.err_m));
}

/* Two 10 m fixes: the midpoint, 10 m (not 10/sqrt(2)). */
static void test_fix_equal_weights(void)
{
    fix_avg a;
    fix_avg_reset(&a);
    fix_avg_add(&a, 59.7120, 14.1700, 10, 1000);
    fix_avg_add(&a, 59.7130, 14.1720, 10, 2000);
    fix_result r = fix_avg_result(&a, 2500, FIX_MAX_ERR_M, FIX_MAX_AGE_MS);
    CHECK_INT(r.n, 2);
    CHECK_NEAR(r.lat, 59.7125, DEG);
    CHECK_NEAR(r.lon, 14.1710, DEG);
    CHECK_NEAR(r.err_m, 10.0, 0);
    CHECK_INT(r.age_ms, 500);
    CHECK_INT(r.usable, 1);
}

/* 5 m and 10 m: weights 1/25 and 1/100, so 4:1. */
static void test_fix_unequal_weights(void)
{
    fix_avg a;
    fix_avg_reset(&a);
    fix_avg_add(&a, 59.7000, 14.1500, 5, 1000);
    fix_avg_add(&a, 59.7100, 14.1600, 10, 1000);
    fix_result r = fix_avg_result(&a, 1000, FIX_MAX_ERR_M, FIX_MAX_AGE_MS);
    CHECK_NEAR(r.lat, 59.7020, DEG);
    CHECK_NEAR(r.lon, 14.1520, DEG);
    CHECK_NEAR(r.err_m, 5.0, 0);
    CHECK_INT(r.usable, 1);
}

/* No error given (NAN, 0 or below): FIX_UNKNOWN_ERR_M, so it weighs
 * 1/2500 next to a 10 m fix's 1/100, and alone it is not good enough. */
static void test_fix_unknown_error(void)
{
    fix_avg a;
    fix_avg_reset(&a);
    fix_avg_add(&a, 59.7000, 14.1500, NAN, 1000);
    fix_result r = fix_avg_result(&a, 1000, FIX_MAX_ERR_M, FIX_MAX_AGE_MS);
    CHECK_NEAR(r.err_m, FIX_UNKNOWN_ERR_M, 0);
    CHECK_INT(r.usable, 0);
    r = fix_avg_result(&a, 1000, 60, FIX_MAX_AGE_MS);
    CHECK_INT(r.usable, 1);

    fix_avg_add(&a, 59.7260, 14.1760, 10, 1000);
    r = fix_avg_result(&a, 1000, FIX_MAX_ERR_M, FIX_MAX_AGE_MS);
    CHECK_NEAR(r.lat, 59.7250, DEG); /* (1*59.7 + 25*59.726) / 26 */
    CHECK_NEAR(r.lon, 14.1750, DEG);
    CHECK_NEAR(r.err_m, 10.0, 0);
    CHECK_INT(r.usable, 1);

    fix_avg_reset(&a);
    fix_avg_add(&a, 59.7, 14.15, 0, 1000);
    fix_avg_add(&a, 59.7, 14.15, -3, 1000);
    r = fix_avg_result(&a, 1000, 100, FIX_MAX_AGE_MS);
    CHECK_INT(r.n, 2);
    CHECK_NEAR(r.err_m, FIX_UNKNOWN_ERR_M, 0);
}

/* Freshness goes by the newest fix's got time, in whatever order they
 * came; an age of exactly max_age is still fresh. */
static void test_fix_stale(void)
{
    fix_avg a;
    fix_avg_reset(&a);
    fix_avg_add(&a, 59.71, 14.17, 5, 7000);
    fix_avg_add(&a, 59.71, 14.17, 5, 3000);
    fix_result r = fix_avg_result(&a, 7000 + FIX_MAX_AGE_MS, FIX_MAX_ERR_M,
                                  FIX_MAX_AGE_MS);
    CHECK_INT(r.age_ms, FIX_MAX_AGE_MS);
    CHECK_INT(r.usable, 1);
    r = fix_avg_result(&a, 7001 + FIX_MAX_AGE_MS, FIX_MAX_ERR_M,
                       FIX_MAX_AGE_MS);
    CHECK_INT(r.age_ms, FIX_MAX_AGE_MS + 1);
    CHECK_INT(r.usable, 0);
    CHECK_NEAR(r.lat, 59.71, DEG); /* the position is still given */
}

/* An error of exactly the threshold is good enough; above is not. */
static void test_fix_threshold(void)
{
    fix_avg a;
    fix_avg_reset(&a);
    fix_avg_add(&a, 59.71, 14.17, 20.0, 0);
    CHECK_INT(fix_avg_result(&a, 0, 20.0, FIX_MAX_AGE_MS).usable, 1);
    fix_avg_reset(&a);
    fix_avg_add(&a, 59.71, 14.17, 20.5, 0);
    fix_result r = fix_avg_result(&a, 0, 20.0, FIX_MAX_AGE_MS);
    CHECK_INT(r.usable, 0);
    CHECK_NEAR(r.err_m, 20.5, 0);
    CHECK_INT(fix_avg_result(&a, 0, 1.0, FIX_MAX_AGE_MS).usable, 0);
}

/* A hundred 10 m fixes would say 1 m by 1/sqrt(sw); it stays 10 m. */
static void test_fix_never_better_than_best(void)
{
    fix_avg a;
    fix_avg_reset(&a);
    for (int i = 0; i < 100; i++)
        fix_avg_add(&a, 59.71, 14.17, 10, i * 100);
    fix_result r = fix_avg_result(&a, 9900, FIX_MAX_ERR_M, FIX_MAX_AGE_MS);
    CHECK_INT(r.n, 100);
    CHECK_NEAR(r.err_m, 10.0, 0);
    CHECK_NEAR(a.best_err, 10.0, 0);
    CHECK_INT(a.last_ms, 9900);
}

/* A fix without a position is not counted; reset forgets everything. */
static void test_fix_nan_position_and_reset(void)
{
    fix_avg a;
    fix_avg_reset(&a);
    fix_avg_add(&a, NAN, 14.17, 5, 0);
    fix_avg_add(&a, 59.71, INFINITY, 5, 0);
    CHECK_INT(fix_avg_result(&a, 0, FIX_MAX_ERR_M, FIX_MAX_AGE_MS).n, 0);
    fix_avg_add(&a, 59.71, 14.17, 5, 0);
    CHECK_INT(fix_avg_result(&a, 0, FIX_MAX_ERR_M, FIX_MAX_AGE_MS).n, 1);
    fix_avg_reset(&a);
    fix_result r = fix_avg_result(&a, 0, FIX_MAX_ERR_M, FIX_MAX_AGE_MS);
    CHECK_INT(r.n, 0);
    CHECK_INT(r.usable, 0);
}

int main(void)
{
    test_fix_empty();
    test_fix_equal_weights();
    test_fix_unequal_weights();
    test_fix_unknown_error();
    test_fix_stale();
    test_fix_threshold();
    test_fix_never_better_than_best();
    test_fix_nan_position_and_reset();
    return th_report("test_fix");
}
