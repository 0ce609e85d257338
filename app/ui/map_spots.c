/*
 * map_spots: what the map canvas shows over the base map. The walk's
 * spots as category-coloured markers, gathered per cell of a grid fixed
 * to the ground into counted clusters where they would overlap (the grid
 * serves the follow-up spots too, apart: map_followup.c); taps on a spot
 * or a follow-up spot (named to the caller) or a cluster (zoomed in on);
 * the GPS trail, accuracy circle and dot.
 *
 * Not for: GPS itself (platform/gps), what a tapped spot opens (the walk
 * screen), the base map (map_base.c).
 */
#include "map_int.h"

#include <stdio.h>
#include <string.h>

#define MARKER_MM 3.5f          /* a cluster's disc is at least as big */
#define MARKER_RING_MM 0.6f
#define TRAIL_MM 1.0f
#define GPS_DOT_MM 1.8f
#define GPS_RING_MM 0.6f
/* One marker or cluster per cell (a tap reaches MAP_TAP_MM). */
#define CELL_MM 12.0f
#define CLUSTER_MAX_PX_PER_M 20.0 /* closer in, every spot is its own */
#define CLUSTER_ZOOM 2.0

/* ---- GPS: trail, accuracy circle, dot ---- */

static void draw_trail(map_frame *f, const map_layers *L)
{
    double x, y;
    if (!L->trail || L->n_trail < 2)
        return;
    pline pl;
    map_pl_begin(&pl, f, (float)at_least_1(ui_mm(f->ui, TRAIL_MM)),
                 f->pal->trail);
    for (size_t i = 0; i < L->n_trail; i++) {
        ll_xy(f, L->trail[2 * i], L->trail[2 * i + 1], &x, &y);
        map_pl_point(&pl, (float)fmax(-FAR_PX, fmin(FAR_PX, x)),
                     (float)fmax(-FAR_PX, fmin(FAR_PX, y)));
    }
    map_pl_end(&pl);
    tri_flush(f);
}

/* The translucent circle of the fix's accuracy; one that holds the whole
 * canvas is a plain translucent fill. */
static void draw_halo(map_frame *f, double x, double y, double err_m,
                      int dot)
{
    double rad = err_m * f->v->px_per_m;
    if (!(rad > dot) || !isfinite(rad) ||
        box_off(f, (float)(x - rad), (float)(y - rad), (float)(x + rad),
                (float)(y + rad)))
        return;
    double far_x = fmax(fabs(x - f->x0), fabs(x - f->x1));
    double far_y = fmax(fabs(y - f->y0), fabs(y - f->y1));
    if (rad >= hypot(far_x, far_y))
        ui_fill(f->ui, f->r, f->pal->halo);
    else
        ui_circle(f->ui, to_px(x), to_px(y), to_px(rad), f->pal->halo);
}

void map_draw_gps(map_frame *f, const map_layers *L)
{
    double x, y;
    ui_ctx *ui = f->ui;
    draw_trail(f, L);
    if (!L->gps)
        return;
    ll_xy(f, L->gps_lat, L->gps_lon, &x, &y);
    int dot = at_least_1(ui_mm(ui, GPS_DOT_MM));
    int ring = dot + at_least_1(ui_mm(ui, GPS_RING_MM));
    if (box_off(f, (float)(x - ring), (float)(y - ring), (float)(x + ring),
                (float)(y + ring)))
        return;
    draw_halo(f, x, y, L->gps_err_m, dot);
    int sim = L->gps_simulated;
    ui_circle(ui, to_px(x), to_px(y), ring, sim ? f->pal->gps : f->pal->ring);
    ui_circle(ui, to_px(x), to_px(y), dot, sim ? ui->theme->map_bg
                                               : f->pal->gps);
    if (sim) { /* said in words too, over whatever is there */
        ui_rect a = map_label_box(f, "SIM");
        a.x = to_px(x) + ring + ui_mm(ui, 1);
        a.y = to_px(y - a.h / 2.0);
        map_label_draw(f, a, "SIM");
    }
}

/* ---- spots: markers, and clusters where they would overlap ---- */

/* (spot_cell and spot_grid are in map_int.h.) */

static int spot_xy(const spot_grid *g, size_t i, double *x, double *y)
{
    const map_view *v = g->v;
    const double *ll = (const double *)(g->pos + i * g->stride);
    *x = screen_x(v, g->r, (ll[1] - v->lon0) * g->kx);
    *y = screen_y(v, g->r, (ll[0] - v->lat0) * g->ky);
    return *x >= g->r.x - g->outer && *x <= g->r.x + g->r.w + g->outer &&
           *y >= g->r.y - g->outer && *y <= g->r.y + g->r.h + g->outer;
}

/* The cell boundaries lie on multiples of size from the origin's screen
 * position, so they move with the ground. */
static void grid_layout(spot_grid *g, float size)
{
    const map_view *v = g->v;
    double ox = centre_x(g->r) - v->e * v->px_per_m;
    double oy = centre_y(g->r) + v->n * v->px_per_m;
    double left = g->r.x - g->outer, top = g->r.y - g->outer;
    g->size = size;
    g->gx = ox + floor((left - ox) / size) * size;
    g->gy = oy + floor((top - oy) / size) * size;
    g->cols = (int)ceil((g->r.x + g->r.w + g->outer - g->gx) / size) + 1;
    g->rows = (int)ceil((g->r.y + g->r.h + g->outer - g->gy) / size) + 1;
}

static void grid_fill(spot_grid *g)
{
    double x, y;
    memset(g->c, 0, (size_t)g->cols * (size_t)g->rows * sizeof g->c[0]);
    for (size_t i = 0; i < g->n; i++) {
        if (!spot_xy(g, i, &x, &y))
            continue; /* off the canvas, or not a position (NaN) */
        int col = (int)((x - g->gx) / g->size);
        int row = (int)((y - g->gy) / g->size);
        if (col < 0 || row < 0 || col >= g->cols || row >= g->rows)
            continue;
        spot_cell *c = &g->c[row * g->cols + col];
        if (c->n == 0)
            c->first = (int)i;
        else if (c->n == 1)
            c->second = (int)i;
        c->n++;
        c->sx += (float)x, c->sy += (float)y;
    }
}

int map_cluster_rad(const spot_grid *g, const ui_ctx *ui, int count)
{
    int digits = 1;
    for (int n = count; n >= 10; n /= 10)
        digits++;
    int text = (int)lroundf(digits * ui->text_px[UI_TEXT_SMALL] * LABEL_CHAR_W);
    int need = text / 2 + ui_mm(ui, 1.0f);
    return g->rad > need ? g->rad : need;
}

/* The radius of what a cell shows, ring included. */
static int cell_rad(const spot_grid *g, const ui_ctx *ui, const spot_cell *c)
{
    return c->n == 1 ? g->outer
                     : map_cluster_rad(g, ui, c->n) + g->outer - g->rad;
}

static void cell_absorb(spot_cell *a, spot_cell *b)
{
    if (a->n == 1)
        a->second = b->first;
    a->sx += b->sx, a->sy += b->sy, a->n += b->n;
    b->n = 0;
}

/* A cell whose marker or cluster would overlap a neighbour's takes the
 * neighbour in (right, below and the two lower diagonals; one pass), so
 * clusters near a cell border do not sit on each other. */
static void grid_merge(spot_grid *g, const ui_ctx *ui)
{
    static const int nb[4][2] = {{1, 0}, {-1, 1}, {0, 1}, {1, 1}};
    for (int i = 0; i < g->cols * g->rows; i++) {
        spot_cell *a = &g->c[i];
        int col = i % g->cols, row = i / g->cols;
        for (int k = 0; k < 4 && a->n > 0; k++) {
            int c2 = col + nb[k][0], r2 = row + nb[k][1];
            if (c2 < 0 || c2 >= g->cols || r2 >= g->rows)
                continue;
            spot_cell *b = &g->c[r2 * g->cols + c2];
            if (b->n == 0)
                continue;
            double dx = a->sx / a->n - b->sx / b->n;
            double dy = a->sy / a->n - b->sy / b->n;
            double reach = cell_rad(g, ui, a) + cell_rad(g, ui, b);
            if (dx * dx + dy * dy < reach * reach)
                cell_absorb(a, b);
        }
    }
}

void map_grid_gather(spot_grid *g, const ui_ctx *ui, const map_view *v,
                     ui_rect r, const double *first, size_t stride, size_t n,
                     int rad, int outer)
{
    g->v = v, g->r = r;
    g->pos = (const char *)first, g->stride = stride, g->n = first ? n : 0;
    g->kx = m_per_deg_lon(v), g->ky = m_per_deg();
    g->rad = rad, g->outer = outer;
    g->grouped = v->px_per_m < CLUSTER_MAX_PX_PER_M && g->n > 1;
    if (!g->grouped)
        return;
    float size = (float)at_least_1(ui_mm(ui, CELL_MM));
    for (grid_layout(g, size); g->cols * g->rows > MAX_CELLS;
         grid_layout(g, size))
        size *= 1.25f; /* a huge canvas: fewer, bigger cells */
    grid_fill(g);
    grid_merge(g, ui);
}

void map_spots_gather(spot_grid *g, const ui_ctx *ui, const map_view *v,
                      ui_rect r, const map_layers *L)
{
    int rad = at_least_1(ui_mm(ui, MARKER_MM));
    map_grid_gather(g, ui, v, r, L->m ? &L->m[0].lat : NULL, sizeof *L->m,
                    L->n, rad, rad + at_least_1(ui_mm(ui, MARKER_RING_MM)));
}

/* Two spots in a cell that would not touch are drawn as two. */
static int cell_items(const spot_grid *g, const spot_cell *c,
                      map_item_fn fn, void *ctx)
{
    double x1, y1, x2, y2;
    if (c->n == 1 || c->n == 2) {
        spot_xy(g, (size_t)c->first, &x1, &y1);
        if (c->n == 1)
            return fn(ctx, x1, y1, c->first, 1), 1;
        spot_xy(g, (size_t)c->second, &x2, &y2);
        if (hypot(x2 - x1, y2 - y1) >= 2.0 * g->outer) {
            fn(ctx, x1, y1, c->first, 1);
            fn(ctx, x2, y2, c->second, 1);
            return 2;
        }
    }
    fn(ctx, c->sx / c->n, c->sy / c->n, -1, c->n);
    return 1;
}

void map_grid_items(const spot_grid *g, map_item_fn fn, void *ctx)
{
    double x, y;
    if (!g->grouped) {
        for (size_t i = 0; i < g->n; i++)
            if (spot_xy(g, i, &x, &y))
                fn(ctx, x, y, (int)i, 1);
        return;
    }
    for (int i = 0; i < g->cols * g->rows; i++)
        if (g->c[i].n > 0)
            cell_items(g, &g->c[i], fn, ctx);
}

typedef struct spot_draw {
    map_frame *f;
    const spot_grid *g;
    const map_marker *m;
} spot_draw;

/* Each marker is an ink ring around a dot of its colour, so a pale
 * category still shows on the ground; a cluster is a bigger ringed disc
 * with the number of spots in it. */
static void draw_item(void *ctx, double x, double y, int index, int count)
{
    const spot_draw *d = ctx;
    ui_ctx *ui = d->f->ui;
    int cx = to_px(x), cy = to_px(y);
    if (count == 1) {
        ui_circle(ui, cx, cy, d->g->outer, ui->theme->map_ink);
        ui_circle(ui, cx, cy, d->g->rad, d->m[index].color);
        return;
    }
    int rad = map_cluster_rad(d->g, ui, count);
    int th = ui->text_px[UI_TEXT_SMALL];
    char s[24];
    snprintf(s, sizeof s, "%d", count);
    ui_circle(ui, cx, cy, rad + d->g->outer - d->g->rad, ui->theme->map_ink);
    ui_circle(ui, cx, cy, rad, ui->theme->surface);
    ui_text(ui, (ui_rect){cx - rad, cy - th / 2, 2 * rad, th}, s,
            UI_TEXT_SMALL, UI_ALIGN_CENTER, ui->theme->on_surface);
}

void map_draw_spots(map_frame *f, const spot_grid *g)
{
    /* the spots' grid reads them from their first member, lat */
    spot_draw d = {f, g, (const map_marker *)g->pos};
    map_grid_items(g, draw_item, &d);
}

/* ---- taps on spots and clusters ---- */

typedef struct spot_hit {
    const ui_ctx *ui;
    const spot_grid *g;
    double x, y;           /* the tap */
    double best;           /* squared distance to the nearest so far */
    int index, count;      /* what is there (count 0: nothing) */
    double hx, hy;         /* where it is */
} spot_hit;

static void hit_item(void *ctx, double x, double y, int index, int count)
{
    spot_hit *h = ctx;
    double reach = ui_mm(h->ui, MAP_TAP_MM);
    if (count > 1)
        reach = fmax(reach, map_cluster_rad(h->g, h->ui, count));
    double d = (x - h->x) * (x - h->x) + (y - h->y) * (y - h->y);
    if (d > reach * reach || d >= h->best)
        return;
    h->best = d, h->index = index, h->count = count, h->hx = x, h->hy = y;
}

/* A tap: pressed on the canvas and released there without a drag. */
static int tapped_now(const ui_ctx *ui, ui_rect r)
{
    const ui_input *in = &ui->in;
    return in->released && !in->dragged && ui->active == map_id(r) &&
           ui_inside(r, in->x, in->y);
}

/* The nearest item of g within reach of the tap, nearer than best. */
static spot_hit nearest(const ui_ctx *ui, const spot_grid *g, double best)
{
    spot_hit h = {ui, g, ui->in.x, ui->in.y, best, -1, 0, 0, 0};
    map_grid_items(g, hit_item, &h);
    return h;
}

/* A tap on a cluster zooms in about it (it stays under the finger); a tap
 * near a marker names its spot: a follow-up spot (drawn on top, so it
 * wins a tie: its search starts a hair beyond the nearest walk spot) as
 * L->n + its index. Resolved before drawing, so the frame shows the view
 * it returns. */
int map_take_tap(ui_ctx *ui, map_view *v, ui_rect r, spot_grid *g,
                 spot_grid *fg, const map_layers *L, int *tapped)
{
    if (!tapped_now(ui, r))
        return 0;
    spot_hit h = nearest(ui, g, INFINITY);
    spot_hit hf = nearest(ui, fg, nextafter(h.best, INFINITY));
    int fu = hf.count > 0;
    if (fu)
        h = hf;
    if (h.count == 1 && tapped)
        *tapped = fu ? (int)L->n + h.index : h.index;
    if (h.count <= 1 || !map_zoom_about(v, r, h.hx, h.hy, CLUSTER_ZOOM))
        return 0;
    map_view_sane(v);
    map_spots_gather(g, ui, v, r, L);
    map_followups_gather(fg, ui, v, r, L);
    return 1;
}
