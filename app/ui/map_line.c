/*
 * map_line: lines of a width on the map canvas, fed one screen point at a
 * time (the pline of map_int.h): quads for the segments, round joins and
 * ends, and points that do not change the line dropped first. Roads,
 * paths, rivers and the GPS trail are drawn with it.
 *
 * Not for: which lines to draw or in which colour (map_base.c,
 * map_spots.c).
 */
#include "map_int.h"

#define SIMPLIFY_PX 0.5f         /* dropped points stay this near the line */
#define MIN_STEP_PX 1.0f         /* closer points of a line are skipped */
#define ARC_ERR_PX 0.4f          /* round joins stray less than this */
#define JOIN_MIN_PX 6.0f         /* thinner lines need no round joins */

/* ---- lines of a width: quads, round joins and ends ---- */

/* A polyline fed one screen point at a time. Points that lie within
 * SIMPLIFY_PX of the line through their neighbours are dropped first
 * (Zhao and Saalfeld's sleeve: the directions from the last kept point
 * that pass near every dropped point narrow to a wedge, and a point
 * outside it keeps the one before), so a zoomed-out street of many
 * points costs a few quads. Joins and ends are round: a fan over the
 * outer side of each bend (only as wide as the bend) and a half disc at
 * each end. The struct pline is in map_int.h. */
void map_pl_begin(pline *pl, map_frame *f, float width, ui_color c)
{
    pl->f = f;
    pl->hw = width / 2;
    pl->step = pl->hw > ARC_ERR_PX ? 2 * acosf(1 - ARC_ERR_PX / pl->hw)
                                   : (float)pi() / 2;
    pl->n = pl->held = 0;
    tri_color(f, c);
}

/* A fan around (cx, cy) from angle a0 through sweep radians. */
static void pl_arc(pline *pl, float cx, float cy, float a0, float sweep)
{
    float r = pl->hw;
    if (2 * r < JOIN_MIN_PX || box_off(pl->f, cx - r, cy - r, cx + r, cy + r))
        return; /* on a thin line, the notch at a bend does not show */
    int k = (int)ceilf(fabsf(sweep) / pl->step);
    float da = sweep / (k > 0 ? k : 1);
    float px = cx + r * cosf(a0), py = cy + r * sinf(a0);
    for (int i = 1; i <= k; i++) {
        float qx = cx + r * cosf(a0 + da * i), qy = cy + r * sinf(a0 + da * i);
        tri_add(pl->f, cx, cy, px, py, qx, qy);
        px = qx, py = qy;
    }
}

/* Where a segment from (x0, y0) along (dx, dy) for len px enters and
 * leaves the canvas grown by the half width (Liang-Barsky): 0 if never. */
static int pl_clip(const pline *pl, float x0, float y0, float dx, float dy,
                   float len, float *t0, float *t1)
{
    const map_frame *f = pl->f;
    float lo[2] = {f->x0 - pl->hw - x0, f->y0 - pl->hw - y0};
    float hi[2] = {f->x1 + pl->hw - x0, f->y1 + pl->hw - y0};
    float d[2] = {dx, dy};
    *t0 = 0, *t1 = len;
    for (int i = 0; i < 2; i++) {
        if (d[i] == 0.0f) {
            if (lo[i] > 0 || hi[i] < 0)
                return 0;
            continue;
        }
        float a = lo[i] / d[i], b = hi[i] / d[i];
        *t0 = fmaxf(*t0, fminf(a, b));
        *t1 = fminf(*t1, fmaxf(a, b));
    }
    return *t0 <= *t1;
}

/* The body of a segment as a quad, the part of it near the canvas. */
static void pl_segment(pline *pl, float x0, float y0, float dx, float dy,
                       float len)
{
    float t0, t1;
    if (!pl_clip(pl, x0, y0, dx, dy, len, &t0, &t1))
        return;
    float nx = -dy * pl->hw, ny = dx * pl->hw;
    float ax = x0 + dx * t0, ay = y0 + dy * t0;
    float bx = x0 + dx * t1, by = y0 + dy * t1;
    tri_add(pl->f, ax + nx, ay + ny, bx + nx, by + ny, bx - nx, by - ny);
    tri_add(pl->f, ax + nx, ay + ny, bx - nx, by - ny, ax - nx, ay - ny);
}

/* The outer side of a bend from the last direction to (dx, dy): the fan
 * turns with the line, starting at the normal on the outside. */
static void pl_join(pline *pl, float dx, float dy)
{
    float cross = pl->dx * dy - pl->dy * dx, dot = pl->dx * dx + pl->dy * dy;
    float turn = atan2f(cross, dot);
    if (fabsf(turn) * pl->hw < 0.5f)
        return; /* the gap would be under half a pixel */
    float side = turn > 0 ? -1.0f : 1.0f;
    pl_arc(pl, pl->x, pl->y, atan2f(side * pl->dx, -side * pl->dy), turn);
}

/* A point of the drawn line: its segment from the last one, with the
 * start's round end or the join before it. */
static void pl_vertex(pline *pl, float x, float y)
{
    if (pl->n == 0) {
        pl->x = x, pl->y = y, pl->n = 1;
        return;
    }
    float dx = x - pl->x, dy = y - pl->y, len = sqrtf(dx * dx + dy * dy);
    if (!(len >= MIN_STEP_PX))
        return;
    dx /= len, dy /= len;
    if (pl->n == 1) /* the start: a half disc behind the first point */
        pl_arc(pl, pl->x, pl->y, atan2f(dx, -dy), (float)pi());
    else
        pl_join(pl, dx, dy);
    pl_segment(pl, pl->x, pl->y, dx, dy, len);
    pl->x = x, pl->y = y, pl->dx = dx, pl->dy = dy;
    pl->n++;
}

/* The angle of b relative to a, in -pi..pi. */
static float rel_angle(float b, float a)
{
    float d = b - a, two_pi = 2 * (float)pi();
    return d > (float)pi() ? d - two_pi : d < -(float)pi() ? d + two_pi : d;
}

/* Start a new wedge at the last point drawn, through (x, y) at d px. */
static void sleeve_start(pline *pl, float x, float y, float d)
{
    float half = asinf(fminf(1.0f, SIMPLIFY_PX / d));
    pl->a0 = atan2f(y - pl->y, x - pl->x);
    pl->lo = -half, pl->hi = half;
    pl->cx = x, pl->cy = y, pl->held = 1;
}

void map_pl_point(pline *pl, float x, float y)
{
    if (!isfinite(x) || !isfinite(y))
        return;
    if (pl->n == 0)
        return pl_vertex(pl, x, y);
    float d = sqrtf((x - pl->x) * (x - pl->x) + (y - pl->y) * (y - pl->y));
    if (d <= SIMPLIFY_PX)
        return; /* near the last point drawn: on any line from it */
    if (!pl->held)
        return sleeve_start(pl, x, y, d);
    float a = rel_angle(atan2f(y - pl->y, x - pl->x), pl->a0);
    if (a < pl->lo || a > pl->hi) { /* off the wedge: keep the last point */
        pl_vertex(pl, pl->cx, pl->cy);
        d = sqrtf((x - pl->x) * (x - pl->x) + (y - pl->y) * (y - pl->y));
        if (d <= SIMPLIFY_PX)
            return (void)(pl->held = 0);
        return sleeve_start(pl, x, y, d);
    }
    float half = asinf(fminf(1.0f, SIMPLIFY_PX / d));
    pl->lo = fmaxf(pl->lo, a - half), pl->hi = fminf(pl->hi, a + half);
    pl->cx = x, pl->cy = y;
}

void map_pl_end(pline *pl)
{
    if (pl->held)
        pl_vertex(pl, pl->cx, pl->cy);
    pl->held = 0;
    if (pl->n >= 2) /* a half disc beyond the last point */
        pl_arc(pl, pl->x, pl->y, atan2f(-pl->dx, pl->dy), (float)pi());
}
