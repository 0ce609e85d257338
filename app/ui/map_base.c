/*
 * map_base: the base map on the map canvas (map.c draws the frame). The
 * day and night palettes; filled areas (water, parks, buildings) as
 * triangle batches cut near the canvas; roads, paths and rivers as lines
 * as wide as they are in metres (drawn by map_line.c); landmarks as
 * squares; names that never overlap; the attribution bottom right.
 *
 * Not for: reading the base map (basemap.c), spots and GPS (map_spots.c),
 * the grid drawn without a base map (map.c).
 */
#include "map_int.h"

#include <string.h>

/* The base map's line widths on the ground, and how it draws. */
#define ROAD_M 8.0
#define PATH_M 3.0
#define RIVER_M 5.0
#define THIN_M 1.5               /* outlines of other kinds drawn as lines */
#define CASING_FRAC 0.12         /* road edges, of the road's width */
#define CASING_MIN_PX 6.0        /* narrower roads have no edges */
#define BUILDING_MIN_PX_PER_M 1.0 /* farther out, houses are left out */
#define LANDMARK_MM 2.0f
#define LABEL_PAD_MM 0.6f
#define LABEL_GAP_MM 2.0f        /* between names, so they read as apart */
#define GPS_HALO_ALPHA 60
#define SPLIT_DEPTH 28           /* see area_tri */
#define GUARD_PX 1024.0f         /* triangles reach at most this far out */

/* ---- palettes ---- */

#define RGBA(hex, a)                                                           \
    {(uint8_t)((hex) >> 16), (uint8_t)((hex) >> 8), (uint8_t)(hex), (a)}
#define RGB(hex) RGBA(hex, 255)

/* Day: muted fills on the light ground, white roads with grey edges. */
static const map_palette DAY = {
    .area = {[BM_ROAD] = RGB(0xFFFFFF), [BM_PATH] = RGB(0xEDE4D0),
             [BM_WATER] = RGB(0xA9CCE3), [BM_PARK] = RGB(0xC5DFA8),
             [BM_BUILDING] = RGB(0xD9D0C3), [BM_LANDMARK] = RGB(0xD9D0C3),
             [BM_OTHER] = RGB(0xE6E0D0)},
    .line = {[BM_ROAD] = RGB(0xFFFFFF), [BM_PATH] = RGB(0xB89A74),
             [BM_WATER] = RGB(0x8DB8D8), [BM_PARK] = RGB(0x9CC27A),
             [BM_BUILDING] = RGB(0xB8AE9F), [BM_LANDMARK] = RGB(0x8A7F70),
             [BM_OTHER] = RGB(0xBDB5A5)},
    .casing = RGB(0xB5AC9A),
    .landmark = RGB(0x5E3A8C),
    .plate = RGBA(0xF4F1E8, 210),
    .trail = RGB(0x1565C0),
    .gps = RGB(0x1A73E8),
    .halo = RGBA(0x1A73E8, GPS_HALO_ALPHA),
    .ring = RGB(0xFFFFFF),
};

/* Night: every fill stays near black (luminance below 0.05), so the map
 * does not flood dark-adapted eyes; kinds differ in hue more than light. */
static const map_palette NIGHT = {
    .area = {[BM_ROAD] = RGB(0x2A2418), [BM_PATH] = RGB(0x1E1912),
             [BM_WATER] = RGB(0x0A1626), [BM_PARK] = RGB(0x0D1A0D),
             [BM_BUILDING] = RGB(0x1C1915), [BM_LANDMARK] = RGB(0x1C1915),
             [BM_OTHER] = RGB(0x121110)},
    .line = {[BM_ROAD] = RGB(0x3A3020), [BM_PATH] = RGB(0x3A2C14),
             [BM_WATER] = RGB(0x102238), [BM_PARK] = RGB(0x162816),
             [BM_BUILDING] = RGB(0x24201A), [BM_LANDMARK] = RGB(0x2C261C),
             [BM_OTHER] = RGB(0x201C16)},
    .casing = RGB(0x141008),
    .landmark = RGB(0x503510),
    .plate = RGBA(0x080808, 210),
    .trail = RGB(0x8A5A18),
    .gps = RGB(0x3D7CC9),
    .halo = RGBA(0x3D7CC9, GPS_HALO_ALPHA),
    .ring = RGB(0xE0A040), /* the night theme's map ink */
};

const map_palette *map_palette_of(const ui_theme *t)
{
    static const ui_color black = {0, 0, 0, 255};
    int dark = (t->name && strcmp(t->name, "night") == 0) ||
               ui_contrast(t->map_bg, black) < 5.0; /* luminance < 0.2 */
    return dark ? &NIGHT : &DAY;
}

/* ---- placing the base map on screen ---- */

static void base_xy(const map_frame *f, bm_xy p, float *x, float *y)
{
    *x = (float)(f->bx + p.e * f->bsx);
    *y = (float)(f->by - p.n * f->bsy);
}

/* A feature's box on screen, grown by margin px: 0 when it misses the
 * canvas. Nothing of the feature is projected before this says yes. */
static int feature_on(const map_frame *f, const bm_feature *ft, float margin,
                      float *w, float *h)
{
    float x0 = (float)(f->bx + ft->min_e * f->bsx) - margin;
    float x1 = (float)(f->bx + ft->max_e * f->bsx) + margin;
    float y0 = (float)(f->by - ft->max_n * f->bsy) - margin;
    float y1 = (float)(f->by - ft->min_n * f->bsy) + margin;
    *w = x1 - x0 - 2 * margin;
    *h = y1 - y0 - 2 * margin;
    return !box_off(f, x0, y0, x1, y1);
}

/* ---- filled areas ---- */

static void tri_box(const float *p, float *x0, float *y0, float *x1,
                    float *y1)
{
    *x0 = fminf(p[0], fminf(p[2], p[4]));
    *x1 = fmaxf(p[0], fmaxf(p[2], p[4]));
    *y0 = fminf(p[1], fminf(p[3], p[5]));
    *y1 = fmaxf(p[1], fmaxf(p[3], p[5]));
}

static float tri_area(const float *p)
{
    return fabsf((p[2] - p[0]) * (p[5] - p[1]) -
                 (p[4] - p[0]) * (p[3] - p[1])) / 2;
}

/* One triangle of an area. One that reaches far off the canvas (a lake
 * seen from close by) is split at the middle of its longest edge until
 * its pieces lie near the canvas, so that coordinates stay small; pieces
 * off the canvas are dropped. */
static void area_tri(map_frame *f, const float *p, int depth)
{
    float x0, y0, x1, y1;
    tri_box(p, &x0, &y0, &x1, &y1);
    if (box_off(f, x0, y0, x1, y1))
        return;
    if (x0 >= f->x0 - GUARD_PX && x1 <= f->x1 + GUARD_PX &&
        y0 >= f->y0 - GUARD_PX && y1 <= f->y1 + GUARD_PX) {
        tri_add(f, p[0], p[1], p[2], p[3], p[4], p[5]);
        return;
    }
    if (depth >= SPLIT_DEPTH)
        return;
    int e = 0; /* the longest edge runs from corner e to corner e + 1 */
    float best = -1;
    for (int i = 0; i < 3; i++) {
        int j = (i + 1) % 3;
        float dx = p[2 * j] - p[2 * i], dy = p[2 * j + 1] - p[2 * i + 1];
        if (dx * dx + dy * dy > best)
            best = dx * dx + dy * dy, e = i;
    }
    int a = e, b = (e + 1) % 3, c = (e + 2) % 3;
    float mx = (p[2 * a] + p[2 * b]) / 2, my = (p[2 * a + 1] + p[2 * b + 1]) / 2;
    float one[6] = {p[2 * a], p[2 * a + 1], mx, my, p[2 * c], p[2 * c + 1]};
    float two[6] = {mx, my, p[2 * b], p[2 * b + 1], p[2 * c], p[2 * c + 1]};
    area_tri(f, one, depth + 1);
    area_tri(f, two, depth + 1);
}

static void draw_area(map_frame *f, const basemap *b, const bm_feature *ft)
{
    float w, h, p[6];
    if (!feature_on(f, ft, 0, &w, &h) || (w < 2 && h < 2))
        return; /* off the canvas, or a speck */
    const unsigned *t = b->tri + ft->tri_first;
    for (size_t i = 0; i + 2 < ft->n_tri; i += 3) {
        if (t[i] >= b->n_xy || t[i + 1] >= b->n_xy || t[i + 2] >= b->n_xy)
            continue;
        base_xy(f, b->xy[t[i]], &p[0], &p[1]);
        base_xy(f, b->xy[t[i + 1]], &p[2], &p[3]);
        base_xy(f, b->xy[t[i + 2]], &p[4], &p[5]);
        area_tri(f, p, 0);
    }
}

/* Ground cover first, buildings on top: one batch per kind. */
static void draw_areas(map_frame *f, const basemap *b)
{
    static const bm_kind order[] = {BM_OTHER, BM_PARK, BM_WATER, BM_PATH,
                                    BM_ROAD, BM_LANDMARK, BM_BUILDING};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        if (order[k] == BM_BUILDING &&
            f->v->px_per_m < BUILDING_MIN_PX_PER_M)
            continue; /* specks that hide the streets */
        tri_color(f, f->pal->area[order[k]]);
        for (size_t i = 0; i < b->n_f; i++)
            if (b->f[i].geom == BM_AREA && b->f[i].kind == order[k])
                draw_area(f, b, &b->f[i]);
    }
    tri_flush(f);
}

/* ---- the base map's lines and landmarks ---- */

static float line_m(bm_kind k)
{
    switch (k) {
    case BM_ROAD: return (float)ROAD_M;
    case BM_PATH: return (float)PATH_M;
    case BM_WATER: return (float)RIVER_M;
    default: return (float)THIN_M;
    }
}

/* A line's width on screen: its metres at this zoom, at least a pixel. */
static float line_px(const map_frame *f, bm_kind k)
{
    float w = line_m(k) * (float)f->v->px_per_m;
    return w > 1.0f ? w : 1.0f;
}

static void draw_line(map_frame *f, const basemap *b, const bm_feature *ft,
                      float width, ui_color c)
{
    float w, h, x, y;
    if (!feature_on(f, ft, width / 2, &w, &h) || (w < 1 && h < 1))
        return;
    pline pl;
    map_pl_begin(&pl, f, width, c);
    for (size_t i = 0; i < ft->n && ft->first + i < b->n_xy; i++) {
        base_xy(f, b->xy[ft->first + i], &x, &y);
        map_pl_point(&pl, x, y);
    }
    map_pl_end(&pl);
}

/* Every line of kind k, at width px (plus 2 * grow for edges). */
static void draw_lines_of(map_frame *f, const basemap *b, bm_kind k,
                          float grow, ui_color c)
{
    float width = line_px(f, k) + 2 * grow;
    for (size_t i = 0; i < b->n_f; i++)
        if (b->f[i].geom == BM_LINE && b->f[i].kind == k)
            draw_line(f, b, &b->f[i], width, c);
}

/* Road edges under everything, then the thin lines, paths, water and
 * roads on top: one batch each. */
static void draw_lines(map_frame *f, const basemap *b)
{
    static const bm_kind thin[] = {BM_OTHER, BM_PARK, BM_BUILDING,
                                   BM_LANDMARK};
    const map_palette *p = f->pal;
    float road = line_px(f, BM_ROAD);
    if (road >= CASING_MIN_PX)
        draw_lines_of(f, b, BM_ROAD, fmaxf(1.0f, road * (float)CASING_FRAC),
                      p->casing);
    for (size_t k = 0; k < sizeof thin / sizeof thin[0]; k++)
        draw_lines_of(f, b, thin[k], 0, p->line[thin[k]]);
    draw_lines_of(f, b, BM_WATER, 0, p->line[BM_WATER]);
    draw_lines_of(f, b, BM_PATH, 0, p->line[BM_PATH]);
    draw_lines_of(f, b, BM_ROAD, 0, p->line[BM_ROAD]);
    tri_flush(f);
}

static void draw_landmarks(map_frame *f, const basemap *b)
{
    int s = at_least_1(ui_mm(f->ui, LANDMARK_MM));
    float w, h, x, y;
    for (size_t i = 0; i < b->n_f; i++) {
        const bm_feature *ft = &b->f[i];
        if (ft->geom != BM_POINT || ft->kind != BM_LANDMARK ||
            ft->first >= b->n_xy || !feature_on(f, ft, (float)s, &w, &h))
            continue;
        base_xy(f, b->xy[ft->first], &x, &y);
        ui_fill(f->ui, (ui_rect){to_px(x) - s / 2, to_px(y) - s / 2, s, s},
                f->pal->landmark);
    }
}

/* ---- labels: names that never overlap ---- */

static int overlap(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

static int within(ui_rect a, ui_rect r)
{
    return a.x >= r.x && a.y >= r.y && a.x + a.w <= r.x + r.w &&
           a.y + a.h <= r.y + r.h;
}

/* Keep a rectangle for this frame when it is on the canvas and at least
 * LABEL_GAP_MM clear of every one kept before; 1 when kept. */
static int place(map_frame *f, ui_rect a)
{
    int gap = ui_mm(f->ui, LABEL_GAP_MM);
    ui_rect wide = {a.x - gap, a.y - gap, a.w + 2 * gap, a.h + 2 * gap};
    if (!within(a, f->r) || f->n_placed >= MAX_LABELS)
        return 0;
    for (size_t i = 0; i < f->n_placed; i++)
        if (overlap(wide, f->placed[i]))
            return 0;
    f->placed[f->n_placed++] = a;
    return 1;
}

/* Characters, not bytes, of UTF-8 text. */
static int n_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((uint8_t)*s & 0xC0) != 0x80;
    return n;
}

/* A label's plate: text of the small size, padded; the ui cannot measure
 * text, so a character is taken as LABEL_CHAR_W of the text height. */
ui_rect map_label_box(const map_frame *f, const char *s)
{
    int th = f->ui->text_px[UI_TEXT_SMALL];
    int pad = ui_mm(f->ui, LABEL_PAD_MM);
    return (ui_rect){0, 0, (int)lroundf(n_chars(s) * th * LABEL_CHAR_W) +
                               2 * pad, th + pad};
}

void map_label_draw(map_frame *f, ui_rect a, const char *s)
{
    ui_fill(f->ui, a, f->pal->plate);
    ui_text(f->ui, a, s, UI_TEXT_SMALL, UI_ALIGN_CENTER,
            f->ui->theme->map_ink);
}

/* The label centred on (x, y), or with its left edge there (left); 1 when
 * it found room. */
static int label_at(map_frame *f, const char *s, float x, float y, int left)
{
    ui_rect a = map_label_box(f, s);
    a.x = left ? to_px(x) : to_px(x - a.w / 2.0f);
    a.y = to_px(y - a.h / 2.0f);
    if (!place(f, a))
        return 0;
    map_label_draw(f, a, s);
    return 1;
}

/* A line's name at its middle point, else at one of a few others. */
static void label_line(map_frame *f, const basemap *b, const bm_feature *ft)
{
    static const int at[] = {4, 2, 6, 1, 7}; /* eighths along the points */
    float x, y;
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        size_t k = ft->first + ft->n * (size_t)at[i] / 8;
        if (k >= b->n_xy)
            return;
        base_xy(f, b->xy[k], &x, &y);
        if (label_at(f, ft->name, x, y, 0))
            return;
    }
}

/* An area's name at the middle of its largest triangle (always inside
 * the area, unlike the middle of its box). */
static void label_area(map_frame *f, const basemap *b, const bm_feature *ft)
{
    const unsigned *t = b->tri + ft->tri_first;
    float best = -1, p[6], cx = 0, cy = 0;
    for (size_t i = 0; i + 2 < ft->n_tri; i += 3) {
        if (t[i] >= b->n_xy || t[i + 1] >= b->n_xy || t[i + 2] >= b->n_xy)
            continue;
        for (int j = 0; j < 3; j++)
            base_xy(f, b->xy[t[i + j]], &p[2 * j], &p[2 * j + 1]);
        float a = tri_area(p);
        if (a > best) {
            best = a;
            cx = (p[0] + p[2] + p[4]) / 3, cy = (p[1] + p[3] + p[5]) / 3;
        }
    }
    if (best >= 0)
        label_at(f, ft->name, cx, cy, 0);
}

static void label_feature(map_frame *f, const basemap *b, const bm_feature *ft)
{
    float w, h, x, y;
    if (!ft->name || !ft->name[0] || !feature_on(f, ft, 0, &w, &h))
        return;
    ui_rect a = map_label_box(f, ft->name);
    if (ft->geom == BM_POINT && ft->first < b->n_xy) {
        base_xy(f, b->xy[ft->first], &x, &y);
        float gap = ui_mm(f->ui, LANDMARK_MM); /* right of the square */
        if (!label_at(f, ft->name, x + gap, y, 1))
            label_at(f, ft->name, x - gap - a.w, y, 1);
    } else if (ft->geom == BM_LINE && fmaxf(w, h) >= a.w) {
        label_line(f, b, ft);
    } else if (ft->geom == BM_AREA && w >= a.w / 2.0f && h >= a.h) {
        label_area(f, b, ft);
    }
}

/* Places first, then areas, roads and paths: when names collide, the
 * earlier keeps its place. */
static void draw_labels(map_frame *f, const basemap *b)
{
    static const struct { bm_geom geom; int road; } pass[] = {
        {BM_POINT, 0}, {BM_AREA, 0}, {BM_LINE, 1}, {BM_LINE, 0}};
    for (size_t p = 0; p < sizeof pass / sizeof pass[0]; p++)
        for (size_t i = 0; i < b->n_f && f->n_placed < MAX_LABELS; i++) {
            const bm_feature *ft = &b->f[i];
            if (ft->geom == pass[p].geom &&
                (ft->geom != BM_LINE || (ft->kind == BM_ROAD) == pass[p].road))
                label_feature(f, b, ft);
        }
}

/* Bottom right: where the map comes from, and for a schematic map that
 * only its verified points are true to place. */
#define SCHEMATIC_NOTE "Schematisk karta – bara verifierade punkter"

/* The attribution's lines, bottom right, as wide as a label of their
 * length; a line too long for the room that the scale bar leaves at its
 * left wraps there, into rows[i] rows, counted a little wider than a
 * label (ATTR_CHAR_W) so the plate is never shorter than the text SDL_ttf
 * wraps. */
#define ATTR_CHAR_W 0.62f

static ui_rect attribution_plate(const map_frame *f, const basemap *b,
                                 const char **lines, int *rows, int *n)
{
    const ui_ctx *ui = f->ui;
    int th = ui->text_px[UI_TEXT_SMALL], pad = ui_mm(ui, SCALE_PAD_MM);
    int margin = ui_mm(ui, SCALE_MARGIN_MM), w = 0, h = 2 * pad;
    ui_rect scale = map_scale_plate(ui, f->v, f->r, NULL, 0, NULL);
    int room = f->r.x + f->r.w - margin - (scale.x + scale.w + margin);
    *n = 0;
    if (b->attribution && b->attribution[0])
        lines[(*n)++] = b->attribution;
    if (b->schematic)
        lines[(*n)++] = SCHEMATIC_NOTE;
    for (int i = 0; i < *n; i++) {
        int label_w = (int)lroundf(n_chars(lines[i]) * th * LABEL_CHAR_W);
        int wrap_w = (int)lroundf(n_chars(lines[i]) * th * ATTR_CHAR_W);
        int line = room - 2 * pad;
        rows[i] = line > 0 && label_w > line ? 1 + wrap_w / line : 1;
        label_w = rows[i] > 1 ? room : label_w + 2 * pad;
        w = label_w > w ? label_w : w;
        h += rows[i] * th;
    }
    w = w < room ? w : room;
    return (ui_rect){f->r.x + f->r.w - margin - w,
                     f->r.y + f->r.h - margin - h, w, h};
}

void map_draw_attribution(map_frame *f, const basemap *b)
{
    const char *lines[2];
    int n, rows[2], th = f->ui->text_px[UI_TEXT_SMALL];
    int pad = ui_mm(f->ui, SCALE_PAD_MM);
    ui_rect a = attribution_plate(f, b, lines, rows, &n);
    if (n == 0)
        return;
    ui_fill(f->ui, a, f->ui->theme->map_bg);
    for (int i = 0, y = a.y + pad; i < n; y += rows[i++] * th)
        ui_text(f->ui, (ui_rect){a.x + pad, y, a.w - 2 * pad, rows[i] * th},
                lines[i], UI_TEXT_SMALL,
                UI_ALIGN_RIGHT | UI_ALIGN_TOP | UI_WRAP,
                f->ui->theme->map_ink);
}

/* Scale and attribution plates are placed before any name, so names
 * keep clear of them; the attribution is drawn over the spots (the map's
 * licence wants it seen). */
void map_draw_base(map_frame *f, const basemap *b)
{
    const char *lines[2];
    int n, rows[2];
    ui_rect scale = map_scale_plate(f->ui, f->v, f->r, NULL, 0, NULL);
    ui_rect attr = attribution_plate(f, b, lines, rows, &n);
    f->placed[f->n_placed++] = scale;
    if (n > 0)
        f->placed[f->n_placed++] = attr;
    draw_areas(f, b);
    draw_lines(f, b);
    draw_landmarks(f, b);
    draw_labels(f, b);
}
