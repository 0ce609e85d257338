/*
 * test_tess: cutting polygons into triangles (tess). Each good case checks
 * that the triangles are counter-clockwise, cover exactly the polygon's
 * area (outer minus holes) and use only its points; each refused case
 * checks the message. A polygon that could loop forever must end.
 */
#include "tess.h"
#include "testhelp.h"

#include <math.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static double tri_area(const float *xy, const unsigned *t)
{
    const float *a = xy + 2 * t[0], *b = xy + 2 * t[1], *c = xy + 2 * t[2];
    return 0.5 * (((double)b[0] - a[0]) * ((double)c[1] - a[1]) -
                  ((double)b[1] - a[1]) * ((double)c[0] - a[0]));
}

/* Shoelace area of n points, positive counter-clockwise. */
static double ring_area(const float *xy, size_t n)
{
    double s = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        s += (double)xy[2 * j] * xy[2 * i + 1] - (double)xy[2 * i] * xy[2 * j + 1];
    return s / 2;
}

/* Cut; check every triangle is counter-clockwise with a valid index, and
 * that the areas add up to want. Returns the number of triangles, or -1
 * when refused. */
static long cut(const float *xy, const size_t *counts, size_t n_rings,
                double want, double tol)
{
    size_t n_pts = 0, n_out = 0;
    unsigned *out = NULL;
    err_t e = {{0}, 0};
    for (size_t i = 0; i < n_rings; i++)
        n_pts += counts[i];
    if (tess_polygon(xy, counts, n_rings, &out, &n_out, &e)) {
        TH_FAIL("tess_polygon refused: %s", e.msg);
        return -1;
    }
    CHECK_INT(n_out % 3, 0);
    double sum = 0;
    int bad_index = 0, turned = 0;
    for (size_t i = 0; i + 2 < n_out; i += 3) {
        for (int k = 0; k < 3; k++)
            bad_index += out[i + k] >= n_pts;
        if (bad_index)
            break;
        double a = tri_area(xy, out + i);
        turned += a < 0;
        sum += a;
    }
    CHECK_INT(bad_index, 0);
    CHECK_INT(turned, 0);
    if (fabs(sum - want) > tol)
        TH_FAIL("triangle area %.6f, want %.6f", sum, want);
    free(out);
    return (long)(n_out / 3);
}

static void test_square(void)
{
    static const float ccw[] = {0, 0, 10, 0, 10, 10, 0, 10};
    static const float cw[] = {0, 0, 0, 10, 10, 10, 10, 0};
    size_t n[] = {4};
    CHECK_INT(cut(ccw, n, 1, 100, 1e-9), 2);
    CHECK_INT(cut(cw, n, 1, 100, 1e-9), 2);
}

static void test_concave_l(void)
{
    /* An L: 3 x 3 minus the 2 x 2 top right corner; its reflex corner at
     * (1, 1) must not be cut across. */
    static const float l[] = {0, 0, 3, 0, 3, 1, 1, 1, 1, 3, 0, 3};
    size_t n[] = {6};
    CHECK_INT(cut(l, n, 1, 5, 1e-9), 4);
    static const float rev[] = {0, 3, 1, 3, 1, 1, 3, 1, 3, 0, 0, 0};
    CHECK_INT(cut(rev, n, 1, 5, 1e-9), 4);
}

static void test_hole(void)
{
    /* 10 x 10 with a 4 x 2 hole; both rings given counter-clockwise (the
     * hole is turned round inside). */
    static const float xy[] = {0, 0, 10, 0, 10, 10, 0, 10,
                               3, 4, 7, 4, 7, 6, 3, 6};
    size_t n[] = {4, 4};
    CHECK(cut(xy, n, 2, 100 - 8, 1e-9) >= 8);
}

static void test_two_holes_and_closed_rings(void)
{
    /* Closed rings (last point = first), two holes side by side, and a
     * collinear point on the outer edge. */
    static const float xy[] = {0, 0, 5, 0, 10, 0, 10, 10, 0, 10, 0, 0,
                               2, 2, 4, 2, 4, 4, 2, 4, 2, 2,
                               6, 6, 8, 6, 8, 8, 6, 8, 6, 6};
    size_t n[] = {6, 5, 5};
    CHECK(cut(xy, n, 3, 100 - 4 - 4, 1e-9) > 0);
}

static void test_hole_touching_bridge_line(void)
{
    /* Two holes, a rectangle (area 8) and a diamond (area 6), with their
     * rightmost points on one horizontal line: the diamond's bridge may
     * go to the rectangle's. */
    static const float xy[] = {0, 0, 20, 0, 20, 10, 0, 10,
                               12, 4, 16, 4, 16, 6, 12, 6,
                               2, 5, 6, 4, 8, 5, 6, 6};
    size_t n[] = {4, 4, 4};
    CHECK(cut(xy, n, 3, 200 - 8 - 6, 1e-9) > 0);
}

static void test_touching_holes(void)
{
    /* Holes may touch the outer ring (on an edge, at a corner) and each
     * other, as in real map data. */
    static const float on_edge[] = {0, 0, 10, 0, 10, 10, 0, 10,
                                    10, 5, 5, 8, 5, 2};
    static const float at_corner[] = {0, 0, 10, 0, 10, 10, 0, 10,
                                      10, 10, 7, 8, 8, 7};
    static const float shared[] = {0, 0, 10, 0, 10, 10, 0, 10,
                                   5, 5, 3, 6, 3, 4, 5, 5, 7, 4, 7, 6};
    size_t n1[] = {4, 3}, n2[] = {4, 3, 3};
    CHECK(cut(on_edge, n1, 2, 100 - 15, 1e-9) > 0);
    CHECK(cut(at_corner, n1, 2, 100 - 2.5, 1e-9) > 0);
    CHECK(cut(shared, n2, 3, 100 - 2 - 2, 1e-9) > 0);
}

static void test_circle(void)
{
    enum { N = 2000 };
    static float xy[2 * N];
    for (int i = 0; i < N; i++) {
        double a = 2 * acos(-1.0) * i / N;
        xy[2 * i] = (float)(500 * cos(a));
        xy[2 * i + 1] = (float)(500 * sin(a));
    }
    size_t n[] = {N};
    CHECK_INT(cut(xy, n, 1, ring_area(xy, N), 1e-3), N - 2);
}

static void test_star_with_hole(void)
{
    /* A 40-point star (every other point reflex) around a square hole. */
    enum { N = 40 };
    float xy[2 * N + 8];
    for (int i = 0; i < N; i++) {
        double a = 2 * acos(-1.0) * i / N, r = i % 2 ? 40 : 100;
        xy[2 * i] = (float)(r * cos(a));
        xy[2 * i + 1] = (float)(r * sin(a));
    }
    static const float hole[] = {-10, -10, -10, 10, 10, 10, 10, -10};
    memcpy(xy + 2 * N, hole, sizeof hole);
    size_t n[] = {N, 4};
    CHECK(cut(xy, n, 2, ring_area(xy, N) - 400, 1e-2) > 0);
}

static void test_degenerate(void)
{
    /* All on one line: no area, no triangles, no error. */
    static const float line[] = {0, 0, 1, 1, 2, 2, 3, 3};
    size_t n4[] = {4};
    CHECK_INT(cut(line, n4, 1, 0, 0), 0);
    /* Repeated points: a square given with every corner twice. */
    static const float dup[] = {0, 0, 0, 0, 4, 0, 4, 0, 4, 4, 4, 4, 0, 4, 0, 4};
    size_t n8[] = {8};
    CHECK_INT(cut(dup, n8, 1, 16, 1e-9), 2);
    /* A hole with no area is ignored. */
    static const float flat_hole[] = {0, 0, 4, 0, 4, 4, 0, 4, 1, 1, 2, 2, 3, 3};
    size_t nh[] = {4, 3};
    CHECK_INT(cut(flat_hole, nh, 2, 16, 1e-9), 2);
}

/* ---- random polygons on a small lattice (many collinear points, shared
 * corners, crossings): every accepted one must cover each sample point as
 * often as the rings wind round it (outer ring counted counter-clockwise,
 * holes clockwise), and never loop. ---- */

static unsigned lcg(unsigned *s) { return (*s = *s * 1103515245u + 12345u) >> 16; }

/* Winding number of ring (n points) round x, y. */
static int winding(const float *xy, size_t n, double x, double y)
{
    int w = 0;
    for (size_t i = 0; i < n; i++) {
        const float *a = xy + 2 * i, *b = xy + 2 * ((i + 1) % n);
        double o = ((double)b[0] - a[0]) * (y - a[1]) -
                   ((double)b[1] - a[1]) * (x - a[0]);
        if (a[1] <= y && b[1] > y && o > 0)
            w++;
        else if (a[1] > y && b[1] <= y && o < 0)
            w--;
    }
    return w;
}

static int covered(const float *xy, const unsigned *t, size_t n_idx, double x,
                   double y)
{
    int c = 0;
    for (size_t k = 0; k + 2 < n_idx; k += 3) {
        int neg = 0;
        for (int j = 0; j < 3; j++) {
            const float *a = xy + 2 * t[k + j], *b = xy + 2 * t[k + (j + 1) % 3];
            neg += ((double)b[0] - a[0]) * (y - a[1]) -
                   ((double)b[1] - a[1]) * (x - a[0]) < 0;
        }
        c += neg == 0;
    }
    return c;
}

/* Samples where the triangles disagree with the rings' winding. */
static int coverage_errors(const float *xy, const size_t *cnt, size_t n_rings,
                           const unsigned *t, size_t n_idx)
{
    int wrong = 0;
    for (int i = 0; i < 40; i++)
        for (int j = 0; j < 40; j++) {
            double x = i * 0.25 + 0.0937, y = j * 0.25 + 0.0411; /* off edges */
            int w = 0;
            for (size_t r = 0, off = 0; r < n_rings; off += cnt[r++]) {
                double a = ring_area(xy + 2 * off, cnt[r]);
                int sign = (a > 0) == (r == 0) ? 1 : -1;
                w += a == 0 ? 0 : sign * winding(xy + 2 * off, cnt[r], x, y);
            }
            wrong += n_idx && covered(xy, t, n_idx, x, y) != w;
        }
    return wrong;
}

static void test_random_lattice(void)
{
    unsigned seed = 7, n_ok = 0;
    for (int it = 0; it < 3000; it++) {
        float xy[2 * 24];
        size_t cnt[4] = {4 + lcg(&seed) % 6, 0, 0, 0}, n = cnt[0];
        size_t n_rings = 1 + lcg(&seed) % 3, n_idx = 0;
        for (size_t r = 1; r < n_rings; r++)
            n += cnt[r] = 3 + lcg(&seed) % 3;
        for (size_t i = 0; i < 2 * n; i++)
            xy[i] = (float)(lcg(&seed) % 9) + (i % 2 ? 0 : 0.5f * (lcg(&seed) % 2));
        unsigned *t = NULL;
        err_t e;
        if (tess_polygon(xy, cnt, n_rings, &t, &n_idx, &e) == 0) {
            n_ok++;
            int wrong = coverage_errors(xy, cnt, n_rings, t, n_idx);
            if (wrong)
                TH_FAIL("random polygon %d: %d samples covered wrongly", it, wrong);
        }
        free(t);
    }
    CHECK(n_ok > 100); /* enough of them were accepted to mean something */
}

/* tess_polygon refuses; the message holds want. */
static void refused(const char *what, const float *xy, const size_t *counts,
                    size_t n_rings, const char *want)
{
    unsigned *out = (unsigned *)&out; /* must become NULL */
    size_t n_out = 99;
    err_t e = {{0}, 0};
    int rc = tess_polygon(xy, counts, n_rings, &out, &n_out, &e);
    if (rc != -1)
        TH_FAIL("%s: accepted", what);
    CHECK(out == NULL && n_out == 0);
    CHECK_HAS(e.msg, want);
    free(out);
}

static void test_refused(void)
{
    static const float bowtie[] = {0, 0, 10, 10, 10, 0, 0, 10};
    size_t n4[] = {4};
    refused("bow-tie", bowtie, n4, 1, "crosses");
    static const float lopsided[] = {0, 0, 10, 10, 10, 0, 0, 3};
    refused("lopsided bow-tie", lopsided, n4, 1, "the outer ring's edge");
    static const float two[] = {0, 0, 1, 1};
    size_t n2[] = {2};
    refused("two points", two, n2, 1, "the outer ring has 2 points");
    size_t n0[] = {0};
    refused("no rings", two, n0, 0, "needs an outer ring");
    static const float eight[] = {0, 0, 2, 0, 1, 1, 0, 2, 2, 2, 1, 1};
    size_t n6[] = {6};
    refused("figure 8 through a point", eight, n6, 1, "encloses no area");
    size_t big[] = {TESS_MAX_POINTS + 1};
    refused("too many points", bowtie, big, 1, "simplify");
}

static void test_refused_holes(void)
{
    static const float out_hole[] = {0, 0, 4, 0, 4, 4, 0, 4,
                                     10, 10, 12, 10, 12, 12, 10, 12};
    size_t nh[] = {4, 4};
    refused("hole outside", out_hole, nh, 2, "hole 1 is not inside");
    static const float cross_hole[] = {0, 0, 4, 0, 4, 4, 0, 4,
                                       3, 1, 6, 1, 6, 3, 3, 3};
    refused("hole across the edge", cross_hole, nh, 2, "hole 1's edge");
    static const float nested[] = {0, 0, 10, 0, 10, 10, 0, 10, 2, 2, 8, 2,
                                   8, 8, 2, 8, 4, 4, 6, 4, 6, 6, 4, 6};
    size_t n3[] = {4, 4, 4};
    refused("hole in a hole", nested, n3, 3, "hole 2 is not inside");
    static const float shared_edge[] = {0, 0, 10, 0, 10, 10, 0, 10, 2, 2, 5,
                                        2, 5, 5, 2, 5, 5, 2, 8, 2, 8, 5, 5, 5};
    refused("holes sharing an edge", shared_edge, n3, 3, "runs along hole");
    static const float along_outer[] = {0, 0, 10, 0, 10, 10, 0, 10,
                                        8, 2, 10, 2, 10, 4, 8, 4};
    refused("hole along the outer edge", along_outer, nh, 2,
            "runs along hole 1's edge from point 1 (rings may touch only "
            "at points)");
}

/* A ring that touches itself at one point (two squares corner to corner):
 * either cut correctly or refused, but never a loop or a wrong area. */
static void test_touching_ends(void)
{
    static const float xy[] = {0, 0, 2, 0, 2, 2, 4, 2, 4, 4, 2, 4, 2, 2, 0, 2};
    size_t n[] = {8};
    unsigned *out = NULL;
    size_t n_out = 0;
    err_t e = {{0}, 0};
    if (tess_polygon(xy, n, 1, &out, &n_out, &e) == 0) {
        double sum = 0;
        for (size_t i = 0; i + 2 < n_out; i += 3)
            sum += tri_area(xy, out + i);
        if (fabs(sum - 8) > 1e-9)
            TH_FAIL("touching squares: area %.3f, want 8", sum);
    }
    th_checks++;
    free(out);
}

int main(void)
{
    test_square();
    test_concave_l();
    test_hole();
    test_two_holes_and_closed_rings();
    test_hole_touching_bridge_line();
    test_touching_holes();
    test_circle();
    test_star_with_hole();
    test_degenerate();
    test_refused();
    test_refused_holes();
    test_touching_ends();
    test_random_lattice();
    return th_report("test_tess");
}
