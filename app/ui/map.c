/*
 * map: the walk screen's map canvas. See map.h.
 *
 * Projection: local metres east (e) and north (n) of an origin, with the
 * equirectangular formula on the mean Earth radius; the screen puts the
 * view centre (the crosshair) at the middle of the canvas, north up.
 *
 * map_do follows the widget shape of ui.c: id -> rectangle -> update from
 * input (pan, pinch) -> draw (ground, grid, markers, crosshair, scale bar)
 * -> result (1 when the view moved).
 *
 * Not for: SDL, the base map tiles (they come with the GPS issue), the zoom
 * buttons (the walk screen draws those over the canvas and calls map_zoom).
 */
#include "map.h"
#include "ui_theme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EARTH_RADIUS_M 6371008.8 /* IUGG mean radius */
#define INIT_SPAN_M 300.0        /* map_init shows about this much across */
#define GRID_STEP_M 100.0
#define GRID_MIN_GAP_MM 5.0f
#define MARKER_MM 3.5f
#define MARKER_RING_MM 0.6f
#define CROSS_ARM_MM 8.0f        /* from the centre to an arm's tip */
#define CROSS_GAP_MM 2.0f        /* empty middle: what is under stays seen */
#define CROSS_WIDTH_MM 0.6f
#define SCALE_MAX_MM 25.0f
#define SCALE_MARGIN_MM 3.0f
#define SCALE_PAD_MM 1.0f
#define SCALE_TICK_MM 1.5f
#define SCALE_WIDTH_MM 0.5f
/* Anything this far from the view is off every screen: keeps doubles far
 * from the int range before they are converted to pixels. */
#define FAR_PX 1.0e9
#define MAX_OFFSET_M 2.0e7       /* half the Earth's circumference */

static double pi(void) { return acos(-1.0); }

/* Metres per degree of latitude. */
static double m_per_deg(void) { return EARTH_RADIUS_M * pi() / 180.0; }

static double m_per_deg_lon(const map_view *v)
{
    return m_per_deg() * cos(v->lat0 * pi() / 180.0);
}

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

/* The canvas centre, where the crosshair is and v->e, v->n project to. */
static int centre_x(ui_rect r) { return r.x + r.w / 2; }
static int centre_y(ui_rect r) { return r.y + r.h / 2; }

static double screen_x(const map_view *v, ui_rect r, double e)
{
    return centre_x(r) + (e - v->e) * v->px_per_m;
}

static double screen_y(const map_view *v, ui_rect r, double n)
{
    return centre_y(r) - (n - v->n) * v->px_per_m;
}

/* Round to a pixel, keeping far-off and NaN values inside the int range. */
static int to_px(double d)
{
    if (!(d > -FAR_PX)) /* also NaN */
        return (int)-FAR_PX;
    return d < FAR_PX ? (int)lround(d) : (int)FAR_PX;
}

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
static uint32_t map_id(ui_rect r)
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

/* A pinch centred on the canvas zooms about its centre: the ground under
 * the two fingers stays under them. */
static int take_pinch(ui_ctx *ui, map_view *v, ui_rect r)
{
    const ui_input *in = &ui->in;
    if (in->pinch == 1.0f || !(in->pinch > 0.0f) || !isfinite(in->pinch) ||
        !ui_inside(r, in->px, in->py))
        return 0;
    double ox = in->px - centre_x(r), oy = in->py - centre_y(r);
    double e = v->e + ox / v->px_per_m, n = v->n - oy / v->px_per_m;
    double before = v->px_per_m;
    map_zoom(v, in->pinch);
    v->e = e - ox / v->px_per_m;
    v->n = n + oy / v->px_per_m;
    return v->px_per_m != before;
}

/* Keep the view usable whatever a caller stored in it. */
static void view_sane(map_view *v)
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

static int at_least_1(int px) { return px < 1 ? 1 : px; }

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

/* Each marker is an ink ring around a dot of its colour, so a pale
 * category still shows on the ground; those off the canvas are skipped. */
static void draw_markers(ui_ctx *ui, const map_view *v, ui_rect r,
                         const map_marker *m, size_t n)
{
    int rad = at_least_1(ui_mm(ui, MARKER_MM));
    int outer = rad + at_least_1(ui_mm(ui, MARKER_RING_MM));
    for (size_t i = 0; i < n; i++) {
        double e, nn;
        map_to_local(v, m[i].lat, m[i].lon, &e, &nn);
        double x = screen_x(v, r, e), y = screen_y(v, r, nn);
        if (!(x >= r.x - outer && x <= r.x + r.w + outer &&
              y >= r.y - outer && y <= r.y + r.h + outer))
            continue; /* also NaN positions */
        ui_circle(ui, to_px(x), to_px(y), outer, ui->theme->map_ink);
        ui_circle(ui, to_px(x), to_px(y), rad, m[i].color);
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
 * ground colour so both read over markers and grid. */
static void draw_scale(ui_ctx *ui, const map_view *v, ui_rect r)
{
    int margin = ui_mm(ui, SCALE_MARGIN_MM), pad = ui_mm(ui, SCALE_PAD_MM);
    int th = ui->text_px[UI_TEXT_SMALL], tick = ui_mm(ui, SCALE_TICK_MM);
    int max_px = ui_mm(ui, SCALE_MAX_MM), room = r.w - 2 * (margin + pad);
    int px, w = at_least_1(ui_mm(ui, SCALE_WIDTH_MM));
    char label[32];
    scale_label(map_scale_length(v, max_px < room ? max_px : room, &px),
                label, sizeof label);
    if (px < 1)
        return;
    int text_w = (int)strlen(label) * th * 3 / 5; /* a rough digit width */
    ui_rect plate = {r.x + margin, 0, (px > text_w ? px : text_w) + 2 * pad,
                     th + tick + 2 * pad};
    plate.y = r.y + r.h - margin - plate.h;
    ui_fill(ui, plate, ui->theme->map_bg);
    ui_rect text = {plate.x + pad, plate.y + pad, plate.w - 2 * pad, th};
    ui_text(ui, text, label, UI_TEXT_SMALL, UI_ALIGN_LEFT, ui->theme->map_ink);
    int x0 = plate.x + pad, yb = plate.y + plate.h - pad - w / 2;
    ui_line(ui, x0, yb, x0 + px, yb, w, ui->theme->map_ink);
    ui_line(ui, x0, yb - tick, x0, yb, w, ui->theme->map_ink);
    ui_line(ui, x0 + px, yb - tick, x0 + px, yb, w, ui->theme->map_ink);
}

int map_do(ui_ctx *ui, map_view *v, ui_rect r, const map_marker *m,
           size_t n)
{
    view_sane(v);
    int moved = take_drag(ui, v, r);
    moved |= take_pinch(ui, v, r);
    view_sane(v);
    ui_clip(ui, r);
    ui_fill(ui, r, ui->theme->map_bg);
    draw_grid(ui, v, r);
    if (m)
        draw_markers(ui, v, r, m, n);
    draw_crosshair(ui, r);
    draw_scale(ui, v, r);
    ui_unclip(ui);
    return moved;
}
