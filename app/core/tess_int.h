/*
 * tess_int: what tess.c (rings, the crossing check, the whole cut) and
 * tess_cut.c (joining holes, clipping ears) share: the working state and
 * the exact orientation tests. Not for use outside the tess module.
 */
#ifndef TRYGG_TESS_INT_H
#define TRYGG_TESS_INT_H

#include "tess.h"

typedef struct pt { double x, y; } pt;

/* One ring: point indexes into the caller's xy, cleaned and oriented. */
typedef struct ring {
    unsigned *v;
    size_t n;
    size_t first;  /* index of its first point in xy, for messages */
    size_t id;     /* its place in the input: 0 outer, 1.. holes */
    double maxx;   /* for the hole order */
} ring;

/* One cut: the caller's points, the rings, the triangles so far. */
typedef struct tess {
    const float *xy;
    ring *r;
    size_t n_rings;
    unsigned *out;
    size_t n_out, cap_out;
    err_t *e;
} tess;

static inline pt P(const tess *t, unsigned i)
{
    pt p = {t->xy[2 * (size_t)i], t->xy[2 * (size_t)i + 1]};
    return p;
}

static inline int same(pt a, pt b) { return a.x == b.x && a.y == b.y; }

/* > 0: a, b, c turn left (counter-clockwise); 0: collinear. */
static inline double orient(pt a, pt b, pt c)
{
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

static inline int sgn(double v) { return (v > 0) - (v < 0); }

static inline double ring_area2(const tess *t, const ring *r)
{
    double s = 0;
    for (size_t i = 0, j = r->n - 1; i < r->n; j = i++) {
        pt a = P(t, r->v[j]), b = P(t, r->v[i]);
        s += (a.x - b.x) * (a.y + b.y);
    }
    return s; /* twice the signed area, > 0 counter-clockwise */
}

static inline void ring_reverse(ring *r)
{
    for (size_t i = 0, j = r->n - 1; i < j; i++, j--) {
        unsigned tmp = r->v[i];
        r->v[i] = r->v[j];
        r->v[j] = tmp;
    }
}

/* Segments ab and cd cross at one point inside both (touching is
 * tolerated). */
static inline int cross_properly(pt a, pt b, pt c, pt d)
{
    return sgn(orient(a, b, c)) * sgn(orient(a, b, d)) < 0 &&
           sgn(orient(c, d, a)) * sgn(orient(c, d, b)) < 0;
}

/* p lies on the segment ab, ends included. */
static inline int on_segment(pt a, pt b, pt p)
{
    return orient(a, b, p) == 0 &&
           (a.x < b.x ? a.x <= p.x && p.x <= b.x : b.x <= p.x && p.x <= a.x) &&
           (a.y < b.y ? a.y <= p.y && p.y <= b.y : b.y <= p.y && p.y <= a.y);
}

/* Turn the holes clockwise and join them to the outer ring t->r[0]. */
int tess_join_holes(tess *t);
/* Cut the outer ring t->r[0] into triangles, appended to t->out. */
int tess_ear_clip(tess *t);

#endif
