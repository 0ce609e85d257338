/* draw: see draw.h. */
#include "draw.h"

#include <limits.h>
#include <math.h>
#include <string.h>

/* Opaque colours are copied, not blended: the software renderer fills a
 * whole screen several times faster that way. */
static int set_blend(SDL_Renderer *ren, ui_color c)
{
    return SDL_SetRenderDrawBlendMode(ren, c.a == 255 ? SDL_BLENDMODE_NONE
                                                      : SDL_BLENDMODE_BLEND);
}

static int set_color(SDL_Renderer *ren, ui_color c)
{
    return set_blend(ren, c) ||
           SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a);
}

static int fill(SDL_Renderer *ren, ui_rect r, ui_color c)
{
    SDL_Rect s = {r.x, r.y, r.w, r.h};
    return set_color(ren, c) || SDL_RenderFillRect(ren, &s);
}

static int frame(SDL_Renderer *ren, ui_rect r, int b, ui_color c)
{
    return fill(ren, (ui_rect){r.x, r.y, r.w, b}, c) ||
           fill(ren, (ui_rect){r.x, r.y + r.h - b, r.w, b}, c) ||
           fill(ren, (ui_rect){r.x, r.y, b, r.h}, c) ||
           fill(ren, (ui_rect){r.x + r.w - b, r.y, b, r.h}, c);
}

/* What a frame is drawn with. On SDL's software renderer, discs and
 * triangles are cut into rows of pixels here and filled as rectangles:
 * its triangle rasteriser tests every pixel of each triangle's box (about
 * 12 instructions a pixel) and queues one command per triangle (about
 * 1,600), while a row of a rectangle costs a few dozen in all. Other
 * renderers get the triangles as they are (SDL_RenderGeometry). */
typedef struct draw_ctx {
    SDL_Renderer *ren;
    text_cache *tc;
    const ui_ctx *ui;
    int soft;            /* SDL's software renderer */
    float cx0, cy0, cx1, cy1; /* the clip rectangle */
} draw_ctx;

#define SPAN_BATCH 256
#define SPAN_MAX_PX 15
#define SPAN_LONG_PX 128

typedef struct spans {
    SDL_Renderer *ren;
    SDL_Rect r[SPAN_BATCH];
    int n, rc, opaque;
} spans;

static void spans_flush(spans *s)
{
    if (s->n > 0 && s->rc == 0)
        s->rc = SDL_RenderFillRects(s->ren, s->r, s->n);
    s->n = 0;
}

/* Row y from x0 to x1 (exclusive). Opaque rows of 16 to 127 pixels go in
 * pieces under 16: SDL's SSE fill writes rows of 16 and more with
 * non-temporal stores and a fence, about 350 ns a row whatever its length
 * (measured on SDL 2.26, x86-64), while a piece written with plain stores
 * costs about 70 ns. */
static void spans_add(spans *s, int x0, int x1, int y)
{
    int len = x1 - x0;
    int step = s->opaque && len < SPAN_LONG_PX ? SPAN_MAX_PX : len;
    for (int x = x0; x < x1; x += step) {
        if (s->n == SPAN_BATCH)
            spans_flush(s);
        s->r[s->n++] = (SDL_Rect){x, y, x1 - x < step ? x1 - x : step, 1};
    }
}

static void spans_begin(spans *s, const draw_ctx *d, ui_color c)
{
    s->ren = d->ren;
    s->n = 0;
    s->opaque = c.a == 255;
    s->rc = set_color(d->ren, c);
}

/* Pixels whose centres lie in [xl, xr) on row y, inside the clip. */
static void spans_cover(spans *s, const draw_ctx *d, float xl, float xr,
                        int y)
{
    xl = xl > d->cx0 ? xl : d->cx0;
    xr = xr < d->cx1 ? xr : d->cx1;
    if (xr > xl)
        spans_add(s, (int)ceilf(xl - 0.5f), (int)ceilf(xr - 0.5f), y);
}

/* The rows whose pixel centres lie in [y0, y1), inside the clip. */
static void row_range(const draw_ctx *d, float y0, float y1, int *a, int *b)
{
    *a = (int)ceilf((y0 > d->cy0 ? y0 : d->cy0) - 0.5f);
    *b = (int)ceilf((y1 < d->cy1 ? y1 : d->cy1) - 0.5f);
}

/* Half the width of a disc of radius rad at dy from its centre, or -1
 * where the row misses it. */
static double half_width(int rad, double dy)
{
    double h = (double)rad * rad - dy * dy;
    return h > 0 ? sqrt(h) : -1;
}

/* A disc as one row of pixels after another; with hole > 0, only what
 * lies outside the disc of that radius (the ring under a smaller disc
 * drawn next: its pixels are not written twice). */
static void disc_spans(spans *s, const draw_ctx *d, int cx, int cy, int rad,
                       int hole)
{
    int y0, y1;
    row_range(d, (float)(cy - rad), (float)(cy + rad), &y0, &y1);
    for (int y = y0; y < y1 && s->rc == 0; y++) {
        double dy = y + 0.5 - cy, out = half_width(rad, dy);
        double in = hole > 0 ? half_width(hole, dy) : -1;
        if (out <= 0)
            continue;
        if (in <= 0) {
            spans_cover(s, d, (float)(cx - out), (float)(cx + out), y);
            continue;
        }
        spans_cover(s, d, (float)(cx - out), (float)(cx - in), y);
        spans_cover(s, d, (float)(cx + in), (float)(cx + out), y);
    }
}

#define CIRCLE_MAX_SEGMENTS 64

/* Enough segments that the polygon strays less than 0.4 px from the
 * circle (for renderers that take the triangles). */
static int circle_segments(int rad)
{
    if (rad < 2)
        return 8;
    int n = (int)ceil(M_PI / acos(1.0 - 0.4 / rad));
    return n < 8 ? 8 : n > CIRCLE_MAX_SEGMENTS ? CIRCLE_MAX_SEGMENTS : n;
}

static int disc_fan(SDL_Renderer *ren, int cx, int cy, int rad, ui_color c)
{
    SDL_Vertex v[CIRCLE_MAX_SEGMENTS + 1];
    int idx[CIRCLE_MAX_SEGMENTS * 3];
    int n = circle_segments(rad);
    SDL_Color col = {c.r, c.g, c.b, c.a};
    v[0] = (SDL_Vertex){{(float)cx, (float)cy}, col, {0, 0}};
    for (int i = 0; i < n; i++) {
        double t = 2 * M_PI * i / n;
        v[i + 1] = (SDL_Vertex){{(float)(cx + rad * cos(t)),
                                 (float)(cy + rad * sin(t))}, col, {0, 0}};
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = (i + 1) % n + 1;
    }
    /* Untextured geometry is drawn with the draw blend mode. */
    return set_blend(ren, c) ||
           SDL_RenderGeometry(ren, NULL, v, n + 1, idx, n * 3);
}

/* The radius of the opaque disc that the next command draws over this
 * one at the same centre (a marker's dot in its ring), else 0. */
static int covered_by(const ui_cmd *k, const ui_cmd *next)
{
    if (!next || next->kind != UI_CMD_CIRCLE || next->color.a != 255 ||
        next->x1 != k->x1 || next->y1 != k->y1 || next->width >= k->width)
        return 0;
    return next->width;
}

static int circle(const draw_ctx *d, const ui_cmd *k, const ui_cmd *next)
{
    if (!d->soft)
        return disc_fan(d->ren, k->x1, k->y1, k->width, k->color);
    spans s;
    spans_begin(&s, d, k->color);
    disc_spans(&s, d, k->x1, k->y1, k->width, covered_by(k, next));
    spans_flush(&s);
    return s.rc;
}

/* An edge as rows meet it: from its upper end (x, y) down to y_end, x
 * moving by dxdy a row. The ends are put in one order first, so two
 * polygons that share an edge compute the same crossings and meet
 * without gaps or overlaps. */
typedef struct edge {
    float x, y, y_end, dxdy;
} edge;

static int edge_of(const float *a, const float *b, edge *e)
{
    if (a[1] > b[1] || (a[1] == b[1] && a[0] > b[0])) {
        const float *t = a;
        a = b, b = t;
    }
    if (!(b[1] > a[1]))
        return 0; /* level: no row crosses it */
    *e = (edge){a[0], a[1], b[1], (b[0] - a[0]) / (b[1] - a[1])};
    return 1;
}

/* A convex polygon of n corners (3 or 4) as rows: a pixel is in when its
 * centre is (left edges in, right edges out, as SDL's own rule). */
static void poly_spans(spans *s, const draw_ctx *d, const float *v, int n)
{
    edge e[4];
    int m = 0;
    float top = v[1], bottom = v[1];
    for (int i = 0; i < 2 * n; i++)
        if (!isfinite(v[i]))
            return; /* not a place on the screen */
    for (int i = 0; i < n; i++) {
        m += edge_of(v + 2 * i, v + 2 * ((i + 1) % n), &e[m]);
        top = v[2 * i + 1] < top ? v[2 * i + 1] : top;
        bottom = v[2 * i + 1] > bottom ? v[2 * i + 1] : bottom;
    }
    int y0, y1;
    row_range(d, top, bottom, &y0, &y1);
    for (int y = y0; y < y1; y++) {
        float yc = y + 0.5f, xl = INFINITY, xr = -INFINITY;
        for (int i = 0; i < m; i++) {
            if (yc < e[i].y || yc >= e[i].y_end)
                continue;
            float x = e[i].x + e[i].dxdy * (yc - e[i].y);
            xl = x < xl ? x : xl;
            xr = x > xr ? x : xr;
        }
        spans_cover(s, d, xl, xr, y);
    }
}

/* A line of any width as a quad. */
static int line(const draw_ctx *d, const ui_cmd *k)
{
    double dx = k->x2 - k->x1, dy = k->y2 - k->y1;
    double len = sqrt(dx * dx + dy * dy);
    if (len < 0.5)
        return 0;
    double w = k->width > 1 ? k->width / 2.0 : 0.5;
    float nx = (float)(-dy / len * w), ny = (float)(dx / len * w);
    float q[8] = {k->x1 + nx, k->y1 + ny, k->x2 + nx, k->y2 + ny,
                  k->x2 - nx, k->y2 - ny, k->x1 - nx, k->y1 - ny};
    if (d->soft) {
        spans s;
        spans_begin(&s, d, k->color);
        poly_spans(&s, d, q, 4);
        spans_flush(&s);
        return s.rc;
    }
    SDL_Color col = {k->color.r, k->color.g, k->color.b, k->color.a};
    SDL_Vertex v[4];
    for (int i = 0; i < 4; i++)
        v[i] = (SDL_Vertex){{q[2 * i], q[2 * i + 1]}, col, {0, 0}};
    static const int idx[6] = {0, 1, 2, 0, 2, 3};
    return set_blend(d->ren, k->color) ||
           SDL_RenderGeometry(d->ren, NULL, v, 4, idx, 6);
}

static float cross(const float *o, const float *a, const float *b)
{
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/* Triangles (a, b, c) and (a, c, d), as quads are cut (ui_quad_line, map
 * lines, fans), that make a convex quadrilateral: its corners into q.
 * Scanned as one, each row is one span instead of two. */
static int quad_of(const float *p, float *q)
{
    const float *t = p + 6;
    if (t[0] != p[0] || t[1] != p[1] || t[2] != p[4] || t[3] != p[5])
        return 0;
    const float c[8] = {p[0], p[1], p[2], p[3], p[4], p[5], t[4], t[5]};
    float s0 = cross(c, c + 2, c + 4), s1 = cross(c + 2, c + 4, c + 6);
    float s2 = cross(c + 4, c + 6, c), s3 = cross(c + 6, c, c + 2);
    if (!((s0 >= 0 && s1 >= 0 && s2 >= 0 && s3 >= 0) ||
          (s0 <= 0 && s1 <= 0 && s2 <= 0 && s3 <= 0)))
        return 0;
    memcpy(q, c, sizeof c);
    return 1;
}

/* A batch of one-coloured triangles from the frame's vertex arena. */
static int tris(const draw_ctx *d, const ui_cmd *k)
{
    const ui_ctx *ui = d->ui;
    if (k->n_xy < 3 || k->n_xy > INT_MAX ||
        k->xy + 2 * k->n_xy > ui->n_xy) /* not from ui_tris */
        return 0;
    if (d->soft) {
        spans s;
        spans_begin(&s, d, k->color);
        float q[8];
        for (size_t i = 0; i + 2 < k->n_xy && s.rc == 0; i += 3) {
            const float *p = ui->xy + k->xy + 2 * i;
            if (i + 5 < k->n_xy && quad_of(p, q)) {
                poly_spans(&s, d, q, 4);
                i += 3;
            } else {
                poly_spans(&s, d, p, 3);
            }
        }
        spans_flush(&s);
        return s.rc;
    }
    /* The x, y pairs are read in place; a colour stride of 0 gives every
     * vertex the one colour. */
    SDL_Color col = {k->color.r, k->color.g, k->color.b, k->color.a};
    return set_blend(d->ren, k->color) ||
           SDL_RenderGeometryRaw(d->ren, NULL, ui->xy + k->xy,
                                 2 * (int)sizeof(float), &col, 0, NULL, 0,
                                 (int)k->n_xy, NULL, 0, 0);
}

/* Text centred vertically in its rectangle, aligned horizontally; what
 * does not fit in the height is cut at the bottom. */
static int text(SDL_Renderer *ren, text_cache *tc, const ui_ctx *ui,
                const ui_cmd *k)
{
    int wrap = k->align & UI_WRAP ? k->r.w : 0;
    const text_entry *t = text_get(tc, ui->text + k->text, k->size,
                                   wrap > 0 ? wrap : 0, k->align, k->color);
    if (!t)
        return -1;
    int w = t->w < k->r.w ? t->w : k->r.w, h = t->h < k->r.h ? t->h : k->r.h;
    int x = k->r.x;
    if (k->align & UI_ALIGN_CENTER)
        x += (k->r.w - w) / 2;
    else if (k->align & UI_ALIGN_RIGHT)
        x += k->r.w - w;
    int y = k->align & UI_ALIGN_TOP ? k->r.y : k->r.y + (k->r.h - h) / 2;
    SDL_Rect src = {0, 0, w, h}, dst = {x, y, w, h};
    return SDL_RenderCopy(ren, t->tex, &src, &dst);
}

static int clip(draw_ctx *d, const ui_cmd *k)
{
    int w = d->ui->w, h = d->ui->h;
    if (k->kind == UI_CMD_UNCLIP) {
        d->cx0 = d->cy0 = 0, d->cx1 = (float)w, d->cy1 = (float)h;
        return SDL_RenderSetClipRect(d->ren, NULL);
    }
    SDL_Rect r = {k->r.x, k->r.y, k->r.w, k->r.h};
    d->cx0 = (float)r.x, d->cy0 = (float)r.y;
    d->cx1 = (float)(r.x + r.w), d->cy1 = (float)(r.y + r.h);
    return SDL_RenderSetClipRect(d->ren, &r);
}

static int one(draw_ctx *d, const ui_cmd *k, const ui_cmd *next)
{
    switch (k->kind) {
    case UI_CMD_RECT: return fill(d->ren, k->r, k->color);
    case UI_CMD_FRAME: return frame(d->ren, k->r, k->width, k->color);
    case UI_CMD_CIRCLE: return circle(d, k, next);
    case UI_CMD_LINE: return line(d, k);
    case UI_CMD_TEXT: return text(d->ren, d->tc, d->ui, k);
    case UI_CMD_CLIP:
    case UI_CMD_UNCLIP: return clip(d, k);
    case UI_CMD_TRIS: return tris(d, k);
    }
    return 0;
}

int draw_frame(SDL_Renderer *ren, text_cache *tc, const ui_ctx *ui)
{
    SDL_RendererInfo info;
    draw_ctx d = {ren, tc, ui, 0, 0, 0, (float)ui->w, (float)ui->h};
    int rc = 0;
    d.soft = SDL_GetRendererInfo(ren, &info) == 0 &&
             (info.flags & SDL_RENDERER_SOFTWARE);
    text_frame(tc);
    for (size_t i = 0; i < ui->n_cmd; i++)
        if (one(&d, &ui->cmd[i], i + 1 < ui->n_cmd ? &ui->cmd[i + 1] : NULL))
            rc = -1;
    SDL_RenderSetClipRect(ren, NULL);
    return rc;
}
