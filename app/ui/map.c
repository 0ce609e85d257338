/*
 * map: the walk screen's map canvas. See map.h. This file holds the view
 * (projection, zoom), its input, the grid, crosshair and scale bar, and
 * map_draw, which puts a frame together; the base map is drawn by
 * map_base.c, spots and GPS by map_spots.c, follow-up spots by
 * map_followup.c (shared parts: map_int.h).
 *
 * Projection: local metres east (e) and north (n) of an origin, with the
 * equirectangular formula on the mean Earth radius; the screen puts the
 * view centre (the crosshair) at the middle of the canvas, north up.
 *
 * map_draw follows the widget shape of ui.c: id -> rectangle -> update from
 * input (pan, pinch, a tap on a spot or a cluster) -> draw -> result (1
 * when the view moved). Taps are resolved before anything is drawn, so a
 * frame shows the view it returns.
 *
 * Speed (10,000 spots and a base map in a few ms on SDL's software
 * renderer): the base map is already in local metres, so a point costs one
 * multiply-add per axis; features are culled by their bounding boxes before
 * any point is projected; lines drop points that do not change them by
 * half a pixel; filled areas and lines become triangle batches of one
 * colour per layer (UI_CMD_TRIS); houses are left out when zoomed out;
 * spots are gathered per 12 mm cell, so at most one marker or cluster is
 * drawn per cell (and one of the follow-up spots, gathered apart). Nothing
 * is kept between frames.
 *
 * Not for: SDL, reading the base map (basemap.c), the zoom buttons (the
 * walk screen draws those over the canvas and calls map_zoom).
 */
#include "map_int.h"

#include <stdio.h>
#include <string.h>

#define INIT_SPAN_M 300.0        /* map_init shows about this much across */
#define GRID_STEP_M 100.0
#define GRID_MIN_GAP_MM 5.0f
#define CROSS_ARM_MM 8.0f        /* from the centre to an arm's tip */
#define CROSS_GAP_MM 2.0f        /* empty middle: what is under stays seen */
#define CROSS_WIDTH_MM 0.6f
#define SCALE_MAX_MM 25.0f
#define SCALE_TICK_MM 1.5f
#define SCALE_WIDTH_MM 0.5f
#define MAX_OFFSET_M 2.0e7       /* half the Earth's circumference */

static double clamp_zoom(double px_per_m)
{
    if (!(px_per_m >= MAP_MIN_PX_PER_M)) /* also NaN */
        return MAP_MIN_PX_PER_M;
    return px_per_m > MAP_MAX_PX_PER_M ? MAP_MAX_PX_PER_M : px_per_m;
}

void map_init(map_view *v, double lat0, double lon0, int width_px)
{
    v->lat0 = lat0;
    v->lon0 = lon0;
    v->e = v->n = 0.0;
    v->px_per_m = clamp_zoom(width_px / INIT_SPAN_M);
}

void map_to_local(const map_view *v, double lat, double lon, double *e,
                  double *n)
{
    *e = (lon - v->lon0) * m_per_deg_lon(v);
    *n = (lat - v->lat0) * m_per_deg();
}

void map_to_latlon(const map_view *v, double e, double n, double *lat,
                   double *lon)
{
    *lat = v->lat0 + n / m_per_deg();
    *lon = v->lon0 + e / m_per_deg_lon(v);
}

void map_crosshair(const map_view *v, double *lat, double *lon)
{
    map_to_latlon(v, v->e, v->n, lat, lon);
}

void map_center_on(map_view *v, double lat, double lon)
{
    map_to_local(v, lat, lon, &v->e, &v->n);
}

void map_zoom(map_view *v, double factor)
{
    v->px_per_m = clamp_zoom(v->px_per_m * factor);
}

/* ---- screen coordinates ---- */

void map_project(const map_view *v, ui_rect r, double lat, double lon,
                 int *x, int *y)
{
    double e, n;
    map_to_local(v, lat, lon, &e, &n);
    *x = to_px(screen_x(v, r, e));
    *y = to_px(screen_y(v, r, n));
}

/* ---- the scale: round lengths ---- */

/* The largest 1, 2 or 5 x 10^k not above m (m > 0). */
static double round_down_125(double m)
{
    double base = pow(10.0, floor(log10(m)));
    while (base > m) /* log10 may land a hair off at exact powers */
        base /= 10.0;
    while (base * 10.0 <= m)
        base *= 10.0;
    if (5.0 * base <= m)
        return 5.0 * base;
    return 2.0 * base <= m ? 2.0 * base : base;
}

/* The next 1, 2 or 5 x 10^k above a value of that series. */
static double next_125(double step)
{
    double base = pow(10.0, floor(log10(step) + 1e-9));
    double mant = step / base;
    if (mant < 1.5)
        return 2.0 * base;
    return mant < 3.5 ? 5.0 * base : 10.0 * base;
}

double map_scale_length(const map_view *v, int max_px, int *px)
{
    double ppm = clamp_zoom(v->px_per_m);
    *px = 0;
    if (max_px < 1)
        return 0.0;
    double len = round_down_125(max_px / ppm);
    *px = (int)lround(len * ppm);
    if (*px > max_px) /* rounding at the very edge */
        *px = max_px;
    return len;
}

/* "100 m", "0.5 m", "1 km", "2 km": the same words in Swedish and English. */
static void scale_label(double len_m, char *out, size_t size)
{
    if (len_m < 1000.0)
        snprintf(out, size, "%g m", len_m);
    else
        snprintf(out, size, "%g km", len_m / 1000.0);
}

/* ---- input ---- */

/* FNV-1a of "map" and the rectangle, as ui.c names its widgets: the same
 * canvas in the same place is the same widget from frame to frame. */
uint32_t map_id(ui_rect r)
{
    uint32_t h = 2166136261u;
    for (const char *p = "map"; *p; p++)
        h = (h ^ (uint8_t)*p) * 16777619u;
    int v[4] = {r.x, r.y, r.w, r.h};
    for (int i = 0; i < 4; i++)
        h = (h ^ (uint32_t)v[i]) * 16777619u;
    return h ? h : 1;
}

/* A press on the canvas makes it active; once the finger has moved off
 * tap range, each frame's movement pans (the ground follows the finger). */
static int take_drag(ui_ctx *ui, map_view *v, ui_rect r)
{
    const ui_input *in = &ui->in;
    uint32_t id = map_id(r);
    if (in->pressed && ui_inside(r, in->x, in->y))
        ui->active = id;
    if (ui->active != id || !in->dragged || (in->dx == 0 && in->dy == 0))
        return 0;
    v->e -= in->dx / v->px_per_m;
    v->n += in->dy / v->px_per_m;
    return 1;
}

/* Zoom by factor about the screen point (px, py): the ground under it
 * stays under it. 1 when the zoom changed. */
int map_zoom_about(map_view *v, ui_rect r, double px, double py,
                   double factor)
{
    double ox = px - centre_x(r), oy = py - centre_y(r);
    double e = v->e + ox / v->px_per_m, n = v->n - oy / v->px_per_m;
    double before = v->px_per_m;
    map_zoom(v, factor);
    v->e = e - ox / v->px_per_m;
    v->n = n + oy / v->px_per_m;
    return v->px_per_m != before;
}

/* A pinch centred on the canvas zooms about its centre: the ground under
 * the two fingers stays under them. */
static int take_pinch(ui_ctx *ui, map_view *v, ui_rect r)
{
    const ui_input *in = &ui->in;
    if (in->pinch == 1.0f || !(in->pinch > 0.0f) || !isfinite(in->pinch) ||
        !ui_inside(r, in->px, in->py))
        return 0;
    return map_zoom_about(v, r, in->px, in->py, in->pinch);
}

/* Keep the view usable whatever a caller stored in it. */
void map_view_sane(map_view *v)
{
    v->px_per_m = clamp_zoom(v->px_per_m);
    if (!isfinite(v->e))
        v->e = 0.0;
    if (!isfinite(v->n))
        v->n = 0.0;
    v->e = fmax(-MAX_OFFSET_M, fmin(MAX_OFFSET_M, v->e));
    v->n = fmax(-MAX_OFFSET_M, fmin(MAX_OFFSET_M, v->n));
}

/* ---- drawing ---- */

/* 100 m, or the next round step whose lines are at least 5 mm apart. */
static double grid_step(const ui_ctx *ui, const map_view *v)
{
    double min_gap = at_least_1(ui_mm(ui, GRID_MIN_GAP_MM));
    double step = GRID_STEP_M;
    while (step * v->px_per_m < min_gap)
        step = next_125(step);
    return step;
}

static void draw_grid(ui_ctx *ui, const map_view *v, ui_rect r)
{
    double step = grid_step(ui, v), ppm = v->px_per_m;
    int w = at_least_1(ui_mm(ui, 0.3f));
    ui_color c = ui->theme->map_grid;
    double half_e = r.w / 2.0 / ppm, half_n = r.h / 2.0 / ppm;
    long k0 = (long)ceil((v->e - half_e) / step);
    long k1 = (long)floor((v->e + half_e) / step);
    for (long k = k0; k <= k1; k++) {
        int x = to_px(screen_x(v, r, k * step));
        ui_line(ui, x, r.y, x, r.y + r.h, w, c);
    }
    k0 = (long)ceil((v->n - half_n) / step);
    k1 = (long)floor((v->n + half_n) / step);
    for (long k = k0; k <= k1; k++) {
        int y = to_px(screen_y(v, r, k * step));
        ui_line(ui, r.x, y, r.x + r.w, y, w, c);
    }
}

/* Two lines through the centre with the middle left open. */
static void draw_crosshair(ui_ctx *ui, ui_rect r)
{
    int cx = centre_x(r), cy = centre_y(r);
    int arm = ui_mm(ui, CROSS_ARM_MM), gap = ui_mm(ui, CROSS_GAP_MM);
    int w = at_least_1(ui_mm(ui, CROSS_WIDTH_MM));
    ui_color c = ui->theme->map_ink;
    ui_line(ui, cx - arm, cy, cx - gap, cy, w, c);
    ui_line(ui, cx + gap, cy, cx + arm, cy, w, c);
    ui_line(ui, cx, cy - arm, cx, cy - gap, w, c);
    ui_line(ui, cx, cy + gap, cx, cy + arm, w, c);
}

/* Bottom left: the label over a bar with end ticks, on a plate of the
 * ground colour so both read over the map. The plate's rectangle; the
 * bar's length into *px and its label into label (when not NULL). */
ui_rect map_scale_plate(const ui_ctx *ui, const map_view *v, ui_rect r,
                        char *label, size_t size, int *px)
{
    int margin = ui_mm(ui, SCALE_MARGIN_MM), pad = ui_mm(ui, SCALE_PAD_MM);
    int th = ui->text_px[UI_TEXT_SMALL], tick = ui_mm(ui, SCALE_TICK_MM);
    int max_px = ui_mm(ui, SCALE_MAX_MM), room = r.w - 2 * (margin + pad);
    int len_px;
    char text[32];
    scale_label(map_scale_length(v, max_px < room ? max_px : room, &len_px),
                text, sizeof text);
    if (label)
        snprintf(label, size, "%s", text);
    if (px)
        *px = len_px;
    int text_w = (int)strlen(text) * th * 3 / 5; /* a rough digit width */
    ui_rect plate = {r.x + margin, 0,
                     (len_px > text_w ? len_px : text_w) + 2 * pad,
                     th + tick + 2 * pad};
    plate.y = r.y + r.h - margin - plate.h;
    return plate;
}

static void draw_scale(ui_ctx *ui, const map_view *v, ui_rect r)
{
    int pad = ui_mm(ui, SCALE_PAD_MM), th = ui->text_px[UI_TEXT_SMALL];
    int tick = ui_mm(ui, SCALE_TICK_MM), px;
    int w = at_least_1(ui_mm(ui, SCALE_WIDTH_MM));
    char label[32];
    ui_rect plate = map_scale_plate(ui, v, r, label, sizeof label, &px);
    if (px < 1)
        return;
    ui_fill(ui, plate, ui->theme->map_bg);
    ui_rect text = {plate.x + pad, plate.y + pad, plate.w - 2 * pad, th};
    ui_text(ui, text, label, UI_TEXT_SMALL, UI_ALIGN_LEFT, ui->theme->map_ink);
    int x0 = plate.x + pad, yb = plate.y + plate.h - pad - w / 2;
    ui_line(ui, x0, yb, x0 + px, yb, w, ui->theme->map_ink);
    ui_line(ui, x0, yb - tick, x0, yb, w, ui->theme->map_ink);
    ui_line(ui, x0 + px, yb - tick, x0 + px, yb, w, ui->theme->map_ink);
}

/* ---- one frame ---- */

static void frame_base(map_frame *f, const basemap *b)
{
    const map_view *v = f->v;
    double oe, on, ppm = v->px_per_m;
    map_to_local(v, b->lat0, b->lon0, &oe, &on);
    /* Another origin's metres east are a little longer or shorter. */
    double se = cos(b->lat0 * pi() / 180.0) / cos(v->lat0 * pi() / 180.0);
    f->bsx = (isfinite(se) && se > 0 ? se : 1.0) * ppm;
    f->bsy = ppm;
    f->bx = screen_x(v, f->r, oe);
    f->by = screen_y(v, f->r, on);
}

static void frame_init(map_frame *f, ui_ctx *ui, const map_view *v,
                       ui_rect r, const basemap *b)
{
    f->n_placed = f->n_buf = 0;
    f->bx = f->by = f->bsx = f->bsy = 0.0;
    f->ui = ui;
    f->v = v;
    f->r = r;
    f->pal = map_palette_of(ui->theme);
    f->x0 = (float)r.x, f->y0 = (float)r.y;
    f->x1 = (float)(r.x + r.w), f->y1 = (float)(r.y + r.h);
    f->kx = m_per_deg_lon(v);
    f->ky = m_per_deg();
    if (b)
        frame_base(f, b);
}

int map_draw(ui_ctx *ui, map_view *v, ui_rect r, const map_layers *L,
             int *tapped)
{
    /* the walk's spots and the follow-up spots, gathered apart: about 20
     * kB each, on the stack, nothing kept between frames */
    spot_grid g, fg;
    map_frame f;
    if (tapped)
        *tapped = -1;
    map_view_sane(v);
    int moved = take_drag(ui, v, r);
    moved |= take_pinch(ui, v, r);
    map_view_sane(v);
    map_spots_gather(&g, ui, v, r, L);
    map_followups_gather(&fg, ui, v, r, L);
    moved |= map_take_tap(ui, v, r, &g, &fg, L, tapped);
    frame_init(&f, ui, v, r, L->base);
    ui_clip(ui, r);
    ui_fill(ui, r, ui->theme->map_bg);
    if (L->base)
        map_draw_base(&f, L->base);
    else
        draw_grid(ui, v, r);
    map_draw_gps(&f, L);
    map_draw_spots(&f, &g);
    map_draw_followups(&f, &fg, L);
    if (L->base)
        map_draw_attribution(&f, L->base);
    draw_crosshair(ui, r);
    draw_scale(ui, v, r);
    ui_unclip(ui);
    return moved;
}

int map_do(ui_ctx *ui, map_view *v, ui_rect r, const map_marker *m,
           size_t n)
{
    map_layers L = {.m = m, .n = n};
    return map_draw(ui, v, r, &L, NULL);
}
