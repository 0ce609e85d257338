/* tess: see tess.h.
 *
 * Steps: clean each ring (drop repeated points), refuse rings whose edges
 * cross (a sort-and-sweep over edge x-ranges), orient the outer ring
 * counter-clockwise and the holes clockwise, join each hole to the outer
 * ring by a bridge (two coincident edges) from its rightmost point (or the
 * next ones, where that touches the outer ring) to the nearest outer point
 * it sees, then clip ears from the one ring that is left (tess_cut.c).
 * Arithmetic is in double on the caller's float points, so the
 * orientation tests are exact in practice. */
#include "tess_int.h"

#include <stdio.h>
#include <stdlib.h>

/* Copy ring points first..first+n-1, leaving out a point equal to the one
 * before it (also across the end: a closed ring loses its last point). */
static int ring_clean(tess *t, ring *r, size_t first, size_t n)
{
    r->v = malloc(n * sizeof *r->v);
    if (!r->v)
        return err_set(t->e, "out of memory for a polygon of %zu points", n);
    r->first = first;
    r->id = (size_t)(r - t->r);
    r->n = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned k = (unsigned)(first + i);
        if (r->n && same(P(t, r->v[r->n - 1]), P(t, k)))
            continue;
        r->v[r->n++] = k;
    }
    while (r->n > 1 && same(P(t, r->v[0]), P(t, r->v[r->n - 1])))
        r->n--;
    r->maxx = -1e300;
    for (size_t i = 0; i < r->n; i++)
        if (P(t, r->v[i]).x > r->maxx)
            r->maxx = P(t, r->v[i]).x;
    return 0;
}

/* ---- refusing rings that cross ---------------------------------------- */

typedef struct edge {
    double minx, maxx;
    size_t ring, k;       /* edge from r[ring].v[k] to the next point */
} edge;

static int edge_cmp(const void *a, const void *b)
{
    double x = ((const edge *)a)->minx, y = ((const edge *)b)->minx;
    return (x > y) - (x < y);
}

static void edge_ends(const tess *t, const edge *g, pt *a, pt *b)
{
    const ring *r = &t->r[g->ring];
    *a = P(t, r->v[g->k]);
    *b = P(t, r->v[(g->k + 1) % r->n]);
}

/* Segments ab and cd lie on one line and share a piece of it. */
static int run_along(pt a, pt b, pt c, pt d)
{
    if (orient(a, b, c) != 0 || orient(a, b, d) != 0)
        return 0;
    int by_x = (b.x - a.x) * (b.x - a.x) >= (b.y - a.y) * (b.y - a.y);
    double p0 = by_x ? a.x : a.y, p1 = by_x ? b.x : b.y;
    double q0 = by_x ? c.x : c.y, q1 = by_x ? d.x : d.y;
    double lo = p0 < p1 ? p0 : p1, hi = p0 < p1 ? p1 : p0;
    double lo2 = q0 < q1 ? q0 : q1, hi2 = q0 < q1 ? q1 : q0;
    return (lo > lo2 ? lo : lo2) < (hi < hi2 ? hi : hi2);
}

/* Edges one after the other in a ring (they share a point; a spike that
 * turns straight back is not an overlap). */
static int adjacent(const tess *t, const edge *g, const edge *h)
{
    size_t n = t->r[g->ring].n;
    return g->ring == h->ring &&
           ((g->k + 1) % n == h->k || (h->k + 1) % n == g->k);
}

static void ring_label(const tess *t, size_t ring_i, size_t k, char *out,
                       size_t cap)
{
    const ring *r = &t->r[ring_i];
    size_t pos = r->v[k] - r->first;
    if (r->id == 0)
        snprintf(out, cap, "the outer ring's edge from point %zu", pos);
    else
        snprintf(out, cap, "hole %zu's edge from point %zu", r->id, pos);
}

static int crossing_error(const tess *t, const edge *g, const edge *h,
                          int along)
{
    char a[80], b[80];
    ring_label(t, g->ring, g->k, a, sizeof a);
    ring_label(t, h->ring, h->k, b, sizeof b);
    return err_set(t->e, "%s %s %s%s", a, along ? "runs along" : "crosses",
                   b, along ? " (rings may touch only at points)" : "");
}

static int first_crossing(const tess *t, const edge *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        pt a, b;
        edge_ends(t, &g[i], &a, &b);
        for (size_t j = i + 1; j < n && g[j].minx <= g[i].maxx; j++) {
            pt c, d;
            edge_ends(t, &g[j], &c, &d);
            if (cross_properly(a, b, c, d))
                return crossing_error(t, &g[i], &g[j], 0);
            if (!adjacent(t, &g[i], &g[j]) && run_along(a, b, c, d))
                return crossing_error(t, &g[i], &g[j], 1);
        }
    }
    return 0;
}

static int check_crossings(tess *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n_rings; i++)
        n += t->r[i].n;
    edge *g = malloc((n ? n : 1) * sizeof *g);
    if (!g)
        return err_set(t->e, "out of memory for %zu polygon edges", n);
    n = 0;
    for (size_t i = 0; i < t->n_rings; i++)
        for (size_t k = 0; k < t->r[i].n; k++) {
            edge x = {0, 0, i, k};
            pt a, b;
            edge_ends(t, &x, &a, &b);
            x.minx = a.x < b.x ? a.x : b.x;
            x.maxx = a.x < b.x ? b.x : a.x;
            g[n++] = x;
        }
    qsort(g, n, sizeof *g, edge_cmp);
    int rc = first_crossing(t, g, n);
    free(g);
    return rc;
}

/* ---- the whole cut ----------------------------------------------------- */

static int check_input(const size_t *counts, size_t n_rings, err_t *e)
{
    size_t total = 0;
    if (n_rings == 0)
        return err_set(e, "a polygon needs an outer ring");
    for (size_t i = 0; i < n_rings; i++) {
        if (counts[i] < 3 && i == 0)
            return err_set(e, "the outer ring has %zu points; a ring needs "
                           "at least 3", counts[i]);
        if (counts[i] < 3)
            return err_set(e, "hole %zu has %zu points; a ring needs at "
                           "least 3", i, counts[i]);
        if (counts[i] > TESS_MAX_POINTS - total)
            return err_set(e, "more than %d points in one polygon; simplify "
                           "it", TESS_MAX_POINTS);
        total += counts[i];
    }
    return 0;
}

/* All points of the ring on one line (or fewer than 3 left). */
static int flat(const tess *t, const ring *r)
{
    if (r->n < 3)
        return 1;
    pt a = P(t, r->v[0]), b = P(t, r->v[1]); /* distinct after cleaning */
    for (size_t i = 2; i < r->n; i++)
        if (orient(a, b, P(t, r->v[i])) != 0)
            return 0;
    return 1;
}

/* Flat holes cut nothing out: drop them. */
static void drop_flat_holes(tess *t)
{
    size_t k = 1;
    for (size_t i = 1; i < t->n_rings; i++) {
        if (flat(t, &t->r[i]))
            free(t->r[i].v);
        else
            t->r[k++] = t->r[i];
    }
    t->n_rings = k;
}

static int tess_run(tess *t, const size_t *counts)
{
    size_t first = 0;
    for (size_t i = 0; i < t->n_rings; i++) {
        if (ring_clean(t, &t->r[i], first, counts[i]))
            return -1;
        first += counts[i];
    }
    ring *o = &t->r[0];
    drop_flat_holes(t);
    if (flat(t, o))
        return 0; /* no area: nothing to fill */
    if (check_crossings(t))
        return -1;
    double a = ring_area2(t, o);
    if (a == 0)
        return err_set(t->e, "the outer ring encloses no area: it turns both "
                       "ways, like a figure 8");
    if (a < 0)
        ring_reverse(o);
    if (tess_join_holes(t))
        return -1;
    return tess_ear_clip(t);
}

int tess_polygon(const float *xy, const size_t *counts, size_t n_rings,
                 unsigned **out, size_t *n_out, err_t *e)
{
    *out = NULL;
    *n_out = 0;
    if (check_input(counts, n_rings, e))
        return -1;
    tess t = {xy, calloc(n_rings, sizeof(ring)), n_rings, NULL, 0, 0, e};
    if (!t.r)
        return err_set(e, "out of memory for %zu rings", n_rings);
    int rc = tess_run(&t, counts);
    for (size_t i = 0; i < t.n_rings; i++)
        free(t.r[i].v);
    free(t.r);
    if (rc) {
        free(t.out);
        return -1;
    }
    *out = t.out;
    *n_out = t.n_out;
    return 0;
}
