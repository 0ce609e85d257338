/* tess_cut: the second half of tess.h: holes joined to the outer ring by
 * bridges, then ears clipped from the one ring left (see tess.c). */
#include "tess_int.h"

#include <stdint.h>
#include <stdlib.h>

/* Points of one hole tried as the start of its bridge, at most. */
#define HOLE_TRIES 16

/* ---- bridges from holes to the outer ring ------------------------------- */

/* Does the direction from v towards target point into the region left of
 * the corner prev -> v -> next (the polygon's inside there)? */
static int in_wedge(pt prev, pt v, pt next, pt target)
{
    int l1 = orient(prev, v, target) > 0, l2 = orient(v, next, target) > 0;
    return orient(prev, v, next) >= 0 ? l1 && l2 : l1 || l2;
}

/* The segment m-v meets no edge of ring r, apart from edges that end at m
 * or v, or pass through them (a hole may touch the outer ring there). */
static int ring_clear(const tess *t, const ring *r, pt m, pt v)
{
    for (size_t i = 0; i < r->n; i++) {
        pt a = P(t, r->v[i]), b = P(t, r->v[(i + 1) % r->n]);
        if (same(a, m) || same(a, v) || same(b, m) || same(b, v))
            continue;
        if (cross_properly(m, v, a, b) || on_segment(m, v, a) ||
            on_segment(m, v, b))
            return 0;
    }
    return 1;
}

static pt ring_at(const tess *t, const ring *r, size_t i)
{
    return P(t, r->v[(i + r->n) % r->n]);
}

/* Can hole h (not merged yet, like holes h+1..) be joined from its point
 * hm to point ov of the outer ring t->r[0]? */
static int bridge_ok(const tess *t, size_t h, size_t hm, size_t ov)
{
    const ring *o = &t->r[0], *hole = &t->r[h];
    pt m = ring_at(t, hole, hm), v = ring_at(t, o, ov);
    pt op = ring_at(t, o, ov - 1), on = ring_at(t, o, ov + 1);
    if (same(m, v)) /* a shared corner: a bridge of length 0 */
        return in_wedge(op, v, on, ring_at(t, hole, hm - 1)) &&
               in_wedge(op, v, on, ring_at(t, hole, hm + 1));
    if (!in_wedge(op, v, on, m) ||
        !in_wedge(ring_at(t, hole, hm - 1), m, ring_at(t, hole, hm + 1), v))
        return 0;
    for (size_t i = 0; i < t->n_rings; i++)
        if ((i == 0 || i >= h) && !ring_clear(t, &t->r[i], m, v))
            return 0;
    return 1;
}

typedef struct cand { double d2; size_t i; } cand;

static int cand_cmp(const void *a, const void *b)
{
    double x = ((const cand *)a)->d2, y = ((const cand *)b)->d2;
    return (x > y) - (x < y);
}

/* The outer-ring point nearest to the hole's point hm that it can see;
 * SIZE_MAX when none (the hole is not inside the outer ring). */
static size_t find_bridge(tess *t, size_t h, size_t hm, cand *c)
{
    const ring *o = &t->r[0];
    pt m = ring_at(t, &t->r[h], hm);
    for (size_t i = 0; i < o->n; i++) {
        pt v = P(t, o->v[i]);
        c[i].d2 = (v.x - m.x) * (v.x - m.x) + (v.y - m.y) * (v.y - m.y);
        c[i].i = i;
    }
    qsort(c, o->n, sizeof *c, cand_cmp);
    for (size_t i = 0; i < o->n; i++)
        if (bridge_ok(t, h, hm, c[i].i))
            return c[i].i;
    return SIZE_MAX;
}

/* New outer ring: o[0..ov], hole from hm round to hm again, o[ov..]. */
static int splice(tess *t, size_t h, size_t hm, size_t ov)
{
    ring *o = &t->r[0], *hole = &t->r[h];
    size_t n = o->n + hole->n + 2;
    unsigned *v = malloc(n * sizeof *v);
    if (!v)
        return err_set(t->e, "out of memory joining hole %zu", hole->id);
    size_t k = 0;
    for (size_t i = 0; i <= ov; i++)
        v[k++] = o->v[i];
    for (size_t i = 0; i <= hole->n; i++)
        v[k++] = hole->v[(hm + i) % hole->n];
    for (size_t i = ov; i < o->n; i++)
        v[k++] = o->v[i];
    free(o->v);
    o->v = v;
    o->n = n;
    return 0;
}

/* p is inside ring r (even-odd; for a point on an edge either answer). */
static int ring_contains(const tess *t, const ring *r, pt p)
{
    int in = 0;
    for (size_t i = 0, j = r->n - 1; i < r->n; j = i++) {
        pt a = P(t, r->v[i]), b = P(t, r->v[j]);
        if ((a.y > p.y) != (b.y > p.y) &&
            p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y))
            in = !in;
    }
    return in;
}

/* Point p of hole h lies outside the outer ring or inside a hole not
 * joined yet (joined holes are part of the outer ring now: their bridges
 * count twice). */
static int hole_misplaced(const tess *t, size_t h, pt p)
{
    if (!ring_contains(t, &t->r[0], p))
        return 1;
    for (size_t j = h + 1; j < t->n_rings; j++)
        if (ring_contains(t, &t->r[j], p))
            return 1;
    return 0;
}

/* Try the hole's points from the right; SIZE_MAX when none can see an
 * outer point. A few tries are enough (the rightmost fails only where it
 * touches the outer ring) and keep the time bounded. */
static size_t bridge_from(tess *t, size_t h, const cand *order, size_t *hm,
                          cand *c)
{
    size_t n = t->r[h].n < HOLE_TRIES ? t->r[h].n : HOLE_TRIES;
    for (size_t k = 0; k < n; k++) {
        size_t ov = find_bridge(t, h, order[k].i, c);
        if (ov != SIZE_MAX) {
            *hm = order[k].i;
            return ov;
        }
    }
    return SIZE_MAX;
}

static int merge_hole(tess *t, size_t h)
{
    ring *hole = &t->r[h];
    size_t ov = SIZE_MAX, hm = 0;
    cand *c = malloc(t->r[0].n * sizeof *c);
    cand *order = malloc(hole->n * sizeof *order); /* by -x: rightmost first */
    if (!c || !order) {
        free(c);
        free(order);
        return err_set(t->e, "out of memory joining hole %zu", hole->id);
    }
    for (size_t i = 0; i < hole->n; i++)
        order[i] = (cand){-P(t, hole->v[i]).x, i};
    qsort(order, hole->n, sizeof *order, cand_cmp);
    /* A quick answer for a hole in the wrong place, at its rightmost and
     * leftmost points (either may lie on the outer ring, where touching
     * is allowed). */
    if (!hole_misplaced(t, h, P(t, hole->v[order[0].i])) ||
        !hole_misplaced(t, h, P(t, hole->v[order[hole->n - 1].i])))
        ov = bridge_from(t, h, order, &hm, c);
    free(c);
    free(order);
    if (ov == SIZE_MAX)
        return err_set(t->e, "hole %zu is not inside the outer ring (or "
                       "lies in another hole)", hole->id);
    return splice(t, h, hm, ov);
}

static int hole_cmp(const void *a, const void *b)
{
    double x = ((const ring *)a)->maxx, y = ((const ring *)b)->maxx;
    return (x < y) - (x > y); /* rightmost first */
}

/* Holes are turned clockwise and joined, rightmost first, so a later
 * hole may bridge to an earlier one. */
int tess_join_holes(tess *t)
{
    for (size_t i = 1; i < t->n_rings; i++) {
        double a = ring_area2(t, &t->r[i]);
        if (a == 0)
            return err_set(t->e, "hole %zu encloses no area: it turns both "
                           "ways, like a figure 8", t->r[i].id);
        if (a > 0)
            ring_reverse(&t->r[i]);
    }
    qsort(t->r + 1, t->n_rings - 1, sizeof *t->r, hole_cmp);
    for (size_t h = 1; h < t->n_rings; h++)
        if (merge_hole(t, h))
            return -1;
    return 0;
}

/* ---- ear clipping ----------------------------------------------------- */

typedef struct clip {
    size_t *prev, *next;
    const unsigned *v;
    size_t n;
} clip;

static pt cp(const tess *t, const clip *c, size_t i) { return P(t, c->v[i]); }

static int in_triangle(pt a, pt b, pt c, pt p)
{
    return orient(a, b, p) >= 0 && orient(b, c, p) >= 0 &&
           orient(c, a, p) >= 0;
}

/* At corner x of the counter-clockwise triangle x, y, z: does q lie
 * strictly inside the triangle's angle there? */
static int in_angle(pt x, pt y, pt z, pt q)
{
    return orient(x, y, q) > 0 && orient(z, x, q) > 0;
}

/* A point p at the same place as a corner of the triangle (the two ends of
 * a bridge) blocks the ear when one of its edges leaves into the triangle. */
static int corner_blocks(pt a, pt b, pt c, pt p, pt q1, pt q2)
{
    if (same(p, a))
        return in_angle(a, b, c, q1) || in_angle(a, b, c, q2);
    if (same(p, b))
        return in_angle(b, c, a, q1) || in_angle(b, c, a, q2);
    return in_angle(c, a, b, q1) || in_angle(c, a, b, q2);
}

static int is_ear(const tess *t, const clip *c, size_t i)
{
    size_t ia = c->prev[i], ib = c->next[i];
    pt a = cp(t, c, ia), b = cp(t, c, i), d = cp(t, c, ib);
    double minx = a.x < b.x ? a.x : b.x, maxx = a.x > b.x ? a.x : b.x;
    double miny = a.y < b.y ? a.y : b.y, maxy = a.y > b.y ? a.y : b.y;
    minx = d.x < minx ? d.x : minx, maxx = d.x > maxx ? d.x : maxx;
    miny = d.y < miny ? d.y : miny, maxy = d.y > maxy ? d.y : maxy;
    for (size_t k = c->next[ib]; k != ia; k = c->next[k]) {
        pt p = cp(t, c, k);
        if (p.x < minx || p.x > maxx || p.y < miny || p.y > maxy)
            continue;
        if (same(p, a) || same(p, b) || same(p, d)) {
            if (corner_blocks(a, b, d, p, cp(t, c, c->prev[k]),
                              cp(t, c, c->next[k])))
                return 0;
        } else if (in_triangle(a, b, d, p)) {
            return 0;
        }
    }
    return 1;
}

static int emit(tess *t, unsigned a, unsigned b, unsigned c)
{
    if (t->n_out + 3 > t->cap_out) {
        size_t cap = t->cap_out ? 2 * t->cap_out : 48;
        unsigned *o = realloc(t->out, cap * sizeof *o);
        if (!o)
            return err_set(t->e, "out of memory for triangles");
        t->out = o;
        t->cap_out = cap;
    }
    t->out[t->n_out++] = a;
    t->out[t->n_out++] = b;
    t->out[t->n_out++] = c;
    return 0;
}

static void unlink_node(clip *c, size_t i)
{
    c->next[c->prev[i]] = c->next[i];
    c->prev[c->next[i]] = c->prev[i];
    c->n--;
}

/* One step at node *i: drop it when it has no area, cut it when it is an
 * ear, else move on. Returns 1 on progress, 0 when none, -1 on error. */
static int clip_step(tess *t, clip *c, size_t *i)
{
    size_t a = c->prev[*i], b = c->next[*i];
    double o = orient(cp(t, c, a), cp(t, c, *i), cp(t, c, b));
    if (o == 0 || (o > 0 && is_ear(t, c, *i))) {
        if (o > 0 && emit(t, c->v[a], c->v[*i], c->v[b]))
            return -1;
        unlink_node(c, *i);
        *i = o == 0 ? a : b; /* a's corner changed: look at it again */
        return 1;
    }
    *i = b;
    return 0;
}

/* Each full round of the ring without progress ends the cut: the loop
 * runs at most n rounds of n steps, whatever the input. */
static int clip_ring(tess *t, clip *c)
{
    size_t i = 0, idle = 0;
    while (c->n > 3) {
        int rc = clip_step(t, c, &i);
        if (rc < 0)
            return -1;
        idle = rc ? 0 : idle + 1;
        if (idle > c->n)
            return err_set(t->e, "cannot cut it into triangles: no corner "
                           "can be cut off among the %zu points left (do "
                           "rings touch or cross?)", c->n);
    }
    size_t a = c->prev[i], b = c->next[i];
    double o = orient(cp(t, c, a), cp(t, c, i), cp(t, c, b));
    if (o < 0)
        return err_set(t->e, "cannot cut it into triangles: the last "
                       "triangle is turned over (do rings cross?)");
    return o > 0 ? emit(t, c->v[a], c->v[i], c->v[b]) : 0;
}

int tess_ear_clip(tess *t)
{
    const ring *o = &t->r[0];
    if (o->n < 3)
        return 0;
    clip c = {malloc(o->n * sizeof(size_t)), malloc(o->n * sizeof(size_t)),
              o->v, o->n};
    int rc = -1;
    if (!c.prev || !c.next) {
        err_set(t->e, "out of memory for a polygon of %zu points", o->n);
        goto out;
    }
    for (size_t i = 0; i < o->n; i++) {
        c.prev[i] = i ? i - 1 : o->n - 1;
        c.next[i] = i + 1 < o->n ? i + 1 : 0;
    }
    rc = clip_ring(t, &c);
out:
    free(c.prev);
    free(c.next);
    return rc;
}
