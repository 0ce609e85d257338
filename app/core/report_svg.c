/* report_svg: the report's map as inline SVG: the base map (the app's own,
 * in the app's day colours), a grid under a schematic map, the year's spots
 * (colour: category, size: severity, ring: positive); in a band under
 * the map a scale bar and north arrow, and below it all the legend and
 * where the map comes from.
 *
 * The SVG stays compact for a year of 100,000 spots: each group of spots
 * (one category at one severity) is one <path> of zero-length segments
 * whose round caps draw the dots ("M12 34h0" is a dot), in integer
 * coordinates of a 1000-unit-wide view; it is drawn twice through <use>,
 * first wider in dark ink as an outline, then in the category's colour.
 *
 * Not for: the tables (report_tables.c), reading the base map (basemap.c).
 */
#include "report_int.h"
#include "geo.h"
#include "txt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define SV_W 1000.0          /* view width in SVG units */
#define SV_MAX_ASPECT 1.0    /* height / width: taller views are widened so
                                that the map, its band and its legend fit
                                one A4 page at the page's full width */
#define SV_MIN_ASPECT 0.5    /* flatter ones are made taller */
#define SV_MIN_SPAN_M 400.0  /* a single spot still shows its streets */
#define SV_MARGIN 0.05       /* of the span, on each side */
#define SV_REACH_M 1500.0    /* spots this far beyond the base map (or the
                                origin, without one) widen the view;
                                farther ones are clamped to its edge */
#define SV_STRIP_U 44.0      /* the band under the map: scale, north */
#define SV_GRID_M 100.0      /* the app's grid step */
#define SV_GRID_MIN_U 25.0   /* grid lines at least this far apart */
#define SV_EDGE_U 6.0        /* clamped spots stay this far inside */
#define ROAD_M 8.0           /* line widths on the ground, as in the app */
#define PATH_M 3.0
#define RIVER_M 5.0
#define THIN_M 1.5
#define MIN_LINE_U 0.8
#define MIN_ROAD_U 3.5       /* on paper a road stays a road (0.6 mm) */
#define FONT_U 15            /* map text size */
#define LABEL_EM (0.6 * FONT_U) /* about a character's width */


/* The base map's day palette (app/ui/map_base.c, DAY) and the map
 * theme's ground, grid and ink (ui_theme_day). */
static const uint32_t AREA_RGB[BM_KIND_N] = {
    [BM_ROAD] = 0xFFFFFF, [BM_PATH] = 0xEDE4D0, [BM_WATER] = 0xA9CCE3,
    [BM_PARK] = 0xC5DFA8, [BM_BUILDING] = 0xD9D0C3,
    [BM_LANDMARK] = 0xD9D0C3, [BM_OTHER] = 0xE6E0D0};
static const uint32_t LINE_RGB[BM_KIND_N] = {
    [BM_ROAD] = 0xFFFFFF, [BM_PATH] = 0xB89A74, [BM_WATER] = 0x8DB8D8,
    [BM_PARK] = 0x9CC27A, [BM_BUILDING] = 0xB8AE9F,
    [BM_LANDMARK] = 0x8A7F70, [BM_OTHER] = 0xBDB5A5};
#define CASING_RGB 0xB5AC9A
#define LANDMARK_RGB 0x5E3A8C
#define GROUND_RGB 0xF4F1E8
#define GRID_RGB 0xC8C2B0

static const int DOT_U[4] = {RP_DOT_U_NONE, RP_DOT_U_1, RP_DOT_U_2,
                             RP_DOT_U_3};
#define POS_DOT_U RP_DOT_U_POS
#define POS_HOLE_U RP_HOLE_U
#define OUTLINE_U 3
#define INK_RGB RP_INK_RGB


/* ---- style ---- */

/* The base map's classes: the app's day palette. */
static void base_style(rh_out *h)
{
    rh_fmt(h, "svg.map .bg{fill:#%06X}\nsvg.map .grid{fill:none;"
           "stroke:#%06X;stroke-width:1}\n", GROUND_RGB, GRID_RGB);
    for (int k = 0; k < BM_KIND_N; k++)
        rh_fmt(h, "svg.map .a%d{fill:#%06X}\nsvg.map .l%d{fill:none;"
               "stroke:#%06X;stroke-linecap:round;stroke-linejoin:round}\n",
               k, AREA_RGB[k], k, LINE_RGB[k]);
    rh_fmt(h, "svg.map .cs{fill:none;stroke:#%06X;stroke-linecap:round;"
           "stroke-linejoin:round}\nsvg.map .lm{fill:#%06X}\n"
           "svg.map .pt{fill:#%06X}\n"
           "svg.map text{font-family:\"DejaVu Sans\",Arial,sans-serif;"
           "font-size:%dpx;fill:#%06X}\n"
           "svg.map .halo{paint-order:stroke;stroke:#%06X;stroke-width:4px;"
           "stroke-linejoin:round}\nsvg.map .plate{fill:#fff}\n"
           "svg.map .ink{fill:none;stroke:#%06X;stroke-width:2}\n",
           CASING_RGB, LANDMARK_RGB, LINE_RGB[BM_LANDMARK], FONT_U, INK_RGB,
           GROUND_RGB, INK_RGB);
}

/* The spots' classes: outline, size per severity, colour per category
 * (and the same colour as a background for the tables' swatches). */
void rp_map_style(rp *r)
{
    rh_out *h = r->h;
    base_style(h);
    rh_fmt(h, ".spots{fill:none;stroke-linecap:round}\n"
           ".spots .o{stroke:#%06X}\n.spots .hole{stroke:#fff;"
           "stroke-width:%d}\n.spots .zp{stroke-width:%d}\n"
           ".spots .o.zp{stroke-width:%d}\n",
           INK_RGB, POS_HOLE_U, POS_DOT_U, POS_DOT_U + OUTLINE_U);
    for (int z = 0; z < 4; z++)
        rh_fmt(h, ".spots .z%d{stroke-width:%d}\n.spots .o.z%d{"
               "stroke-width:%d}\n", z, DOT_U[z], z, DOT_U[z] + OUTLINE_U);
    rh_fmt(h, ".sw{display:inline-block;width:2.6mm;height:2.6mm;"
           "border-radius:50%%;border:.5pt solid #%06X;margin-right:1.5mm;"
           "vertical-align:-.3mm}\n", INK_RGB);
    for (size_t i = 0; i < r->cats->n; i++) {
        uint32_t c = cat_rgb(r->cats->v[i].code);
        rh_fmt(h, ".spots .k%zu{stroke:#%06X}\n.b%zu{background:#%06X}\n", i,
               c, i, c);
    }
}

/* ---- the view ---- */

typedef struct sv_box {
    double e0, n0, e1, n1; /* metres east and north of the origin */
} sv_box;

typedef struct sv {
    rp *r;
    const basemap *m;
    double lat0, lon0, m_lat, m_lon; /* projection: metres per degree */
    sv_box v;                       /* what the map shows */
    double k, w, h;                 /* SVG units per metre; SVG size */
    int cur_cat, cur_z, n_groups;   /* the group of spots being written */
    long last_x, last_y;            /* the group's previous dot */
} sv;

static void box_union(sv_box *a, const sv_box *b)
{
    a->e0 = fmin(a->e0, b->e0), a->n0 = fmin(a->n0, b->n0);
    a->e1 = fmax(a->e1, b->e1), a->n1 = fmax(a->n1, b->n1);
}

/* Grow b around its centre so that its north-south span is at least dn
 * and its east-west one at least de. */
static void box_at_least(sv_box *b, double de, double dn)
{
    double ce = (b->e0 + b->e1) / 2, cn = (b->n0 + b->n1) / 2;
    de = fmax(de, b->e1 - b->e0) / 2, dn = fmax(dn, b->n1 - b->n0) / 2;
    b->e0 = ce - de, b->e1 = ce + de, b->n0 = cn - dn, b->n1 = cn + dn;
}

/* The year's spots inside limit (metres), as a box in metres: 0 when none
 * lies there, -1 on error. */
static int near_spots(sv *s, const sv_box *limit, sv_box *out, err_t *e)
{
    store_report_box deg = {s->lat0 + limit->n0 / s->m_lat,
                            s->lat0 + limit->n1 / s->m_lat,
                            s->lon0 + limit->e0 / s->m_lon,
                            s->lon0 + limit->e1 / s->m_lon}, got;
    int found = store_report_extent(s->r->st, &deg, &got, e);
    if (found == 1) {
        out->e0 = (got.lon_min - s->lon0) * s->m_lon;
        out->e1 = (got.lon_max - s->lon0) * s->m_lon;
        out->n0 = (got.lat_min - s->lat0) * s->m_lat;
        out->n1 = (got.lat_max - s->lat0) * s->m_lat;
    }
    return found;
}

/* The base map's box (without one, the town around the origin) and the
 * year's spots near it; spots far beyond are left out of the view (they
 * are clamped to its edge and counted). Then a margin, and a shape that
 * fits a page. */
static int fit_view(sv *s, err_t *e)
{
    const basemap *m = s->m;
    sv_box b = {0, 0, 0, 0}, sb;
    int have_map = m && m->n_f;
    if (have_map)
        b = (sv_box){m->min_e, m->min_n, m->max_e, m->max_n};
    double reach = fmax(SV_REACH_M, fmax(b.e1 - b.e0, b.n1 - b.n0));
    sv_box limit = {b.e0 - reach, b.n0 - reach, b.e1 + reach, b.n1 + reach};
    int found = s->r->has_spots ? near_spots(s, &limit, &sb, e) : 0;
    if (found < 0)
        return -1;
    if (found && have_map)
        box_union(&b, &sb);
    else if (found)
        b = sb;
    box_at_least(&b, SV_MIN_SPAN_M, SV_MIN_SPAN_M);
    double pad = SV_MARGIN * fmax(b.e1 - b.e0, b.n1 - b.n0);
    b.e0 -= pad, b.n0 -= pad, b.e1 += pad, b.n1 += pad;
    double de = b.e1 - b.e0, dn = b.n1 - b.n0;
    box_at_least(&b, dn / SV_MAX_ASPECT, de * SV_MIN_ASPECT);
    s->v = b;
    s->k = SV_W / (b.e1 - b.e0);
    s->w = SV_W;
    s->h = ceil((b.n1 - b.n0) * s->k);
    return 0;
}

static double sx(const sv *s, double e) { return (e - s->v.e0) * s->k; }
static double sy(const sv *s, double n) { return (s->v.n1 - n) * s->k; }

static int feature_in_view(const sv *s, const bm_feature *f)
{
    return f->max_e >= s->v.e0 && f->min_e <= s->v.e1 &&
           f->max_n >= s->v.n0 && f->min_n <= s->v.n1;
}

/* ---- the base map ---- */

static void point(sv *s, char cmd, bm_xy p)
{
    rh_rawn(s->r->h, &cmd, 1);
    rh_coord(s->r->h, sx(s, p.e));
    rh_raw(s->r->h, " ");
    rh_coord(s->r->h, sy(s, p.n));
}

/* Every triangle of the areas of one kind in one path: filled together,
 * neighbouring triangles show no seams between them. */
static void areas_of(sv *s, bm_kind kind)
{
    const basemap *m = s->m;
    int open = 0;
    for (size_t i = 0; i < m->n_f; i++) {
        const bm_feature *f = &m->f[i];
        if (f->geom != BM_AREA || f->kind != kind || !feature_in_view(s, f))
            continue;
        if (!open++)
            rh_fmt(s->r->h, "<path class=\"a%d\" d=\"", (int)kind);
        const unsigned *t = m->tri + f->tri_first;
        for (size_t j = 0; j + 2 < f->n_tri; j += 3) {
            if (t[j] >= m->n_xy || t[j + 1] >= m->n_xy || t[j + 2] >= m->n_xy)
                continue;
            point(s, 'M', m->xy[t[j]]);
            point(s, 'L', m->xy[t[j + 1]]);
            point(s, ' ', m->xy[t[j + 2]]);
            rh_raw(s->r->h, "Z");
        }
    }
    if (open)
        rh_raw(s->r->h, "\"/>\n");
}

static double line_m(bm_kind k)
{
    return k == BM_ROAD ? ROAD_M : k == BM_PATH ? PATH_M
           : k == BM_WATER ? RIVER_M : THIN_M;
}

/* The lines of one kind as one path's d; 0 when there are none. */
static int line_d(sv *s, bm_kind kind)
{
    const basemap *m = s->m;
    int n = 0;
    for (size_t i = 0; i < m->n_f; i++) {
        const bm_feature *f = &m->f[i];
        if (f->geom != BM_LINE || f->kind != kind || !feature_in_view(s, f))
            continue;
        if (!n++)
            rh_raw(s->r->h, " d=\"");
        for (size_t j = 0; j < f->n && f->first + j < m->n_xy; j++)
            point(s, j == 0 ? 'M' : j == 1 ? 'L' : ' ', m->xy[f->first + j]);
    }
    if (n)
        rh_raw(s->r->h, "\"");
    return n;
}

/* Roads get an edge: the path goes in <defs> once and is drawn twice. */
static void lines_of(sv *s, bm_kind kind)
{
    rh_out *h = s->r->h;
    double w = fmax(kind == BM_ROAD ? MIN_ROAD_U : MIN_LINE_U,
                    line_m(kind) * s->k);
    if (kind != BM_ROAD) {
        rh_fmt(h, "<path class=\"l%d\" stroke-width=\"%.1f\"", (int)kind, w);
        rh_raw(h, line_d(s, kind) ? "/>\n" : " d=\"\"/>\n");
        return;
    }
    rh_raw(h, "<defs><path id=\"roads\"");
    int any = line_d(s, kind);
    rh_raw(h, "/></defs>\n");
    if (any)
        rh_fmt(h, "<use href=\"#roads\" class=\"cs\" stroke-width=\"%.1f\"/>"
               "\n<use href=\"#roads\" class=\"l%d\" stroke-width=\"%.1f\"/>"
               "\n", w + fmax(2.0, w * 0.3), (int)kind, w);
}

static void points(sv *s)
{
    const basemap *m = s->m;
    rh_out *h = s->r->h;
    for (size_t i = 0; i < m->n_f; i++) {
        const bm_feature *f = &m->f[i];
        if (f->geom != BM_POINT || !feature_in_view(s, f) ||
            f->first >= m->n_xy)
            continue;
        double x = sx(s, m->xy[f->first].e), y = sy(s, m->xy[f->first].n);
        rh_fmt(h, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"7\" "
               "height=\"7\"/>\n", f->kind == BM_LANDMARK ? "lm" : "pt",
               x - 3.5, y - 3.5);
        if (!f->name)
            continue;
        /* Names of points only: a town map's few landmarks; street names
         * would need the app's placement to keep from overlapping. A name
         * that would run off the right edge goes left of its point. */
        double len = LABEL_EM * txt_utf8_count(f->name, strlen(f->name));
        int left = x + 7 + len > s->w - 4;
        rh_fmt(h, "<text class=\"halo\" x=\"%.1f\" y=\"%.1f\"%s>",
               left ? x - 7 : x + 7, y + 5,
               left ? " text-anchor=\"end\"" : "");
        rh_text(h, f->name);
        rh_raw(h, "</text>\n");
    }
}

/* A 100 m grid (wider when lines would crowd), as the app draws under a
 * schematic map. */
static void grid(sv *s)
{
    double step = SV_GRID_M;
    while (step * s->k < SV_GRID_MIN_U)
        step *= 2;
    rh_raw(s->r->h, "<path class=\"grid\" d=\"");
    for (double e = ceil(s->v.e0 / step) * step; e <= s->v.e1; e += step)
        rh_fmt(s->r->h, "M%.1f 0V%.0f", sx(s, e), s->h);
    for (double n = ceil(s->v.n0 / step) * step; n <= s->v.n1; n += step)
        rh_fmt(s->r->h, "M0 %.1fH%.0f", sy(s, n), s->w);
    rh_raw(s->r->h, "\"/>\n");
}

static void base(sv *s)
{
    static const bm_kind order[] = {BM_OTHER, BM_PARK, BM_WATER, BM_PATH,
                                    BM_ROAD, BM_LANDMARK, BM_BUILDING};
    static const bm_kind line_order[] = {BM_OTHER, BM_PARK, BM_BUILDING,
                                         BM_LANDMARK, BM_WATER, BM_PATH,
                                         BM_ROAD};
    rh_fmt(s->r->h, "<rect class=\"bg\" width=\"%.0f\" height=\"%.0f\"/>\n",
           s->w, s->h);
    if (!s->m || s->m->schematic)
        grid(s);
    if (!s->m)
        return;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        areas_of(s, order[i]);
    for (size_t i = 0; i < sizeof line_order / sizeof line_order[0]; i++)
        lines_of(s, line_order[i]);
    points(s);
}

/* ---- spots ---- */

static void group_end(sv *s)
{
    if (s->cur_cat < 0)
        return;
    rh_out *h = s->r->h;
    int g = s->n_groups - 1;
    rh_raw(h, "\"/></g>");
    if (s->cur_z < 0)
        rh_fmt(h, "<use href=\"#s%d\" class=\"k%d zp\"/><use href=\"#s%d\" "
               "class=\"hole\"/>\n", g, s->cur_cat, g);
    else
        rh_fmt(h, "<use href=\"#s%d\" class=\"k%d z%d\"/>\n", g, s->cur_cat,
               s->cur_z);
    s->cur_cat = -1;
}

static void group_begin(sv *s, int cat, int z)
{
    group_end(s);
    s->cur_cat = cat, s->cur_z = z;
    s->last_x = s->last_y = -1;
    if (z < 0)
        rh_fmt(s->r->h, "<g class=\"o zp\"><path id=\"s%d\" d=\"",
               s->n_groups++);
    else
        rh_fmt(s->r->h, "<g class=\"o z%d\"><path id=\"s%d\" d=\"", z,
               s->n_groups++);
}

/* x in [lo, hi], counting a spot that had to be moved. */
static long clamp_u(double x, double lo, double hi, int *moved)
{
    if (x < lo || x > hi || !isfinite(x))
        *moved = 1;
    return lround(isfinite(x) ? fmin(hi, fmax(lo, x)) : lo);
}

static int dot(void *ctx, const spot *p)
{
    sv *s = ctx;
    int cat = rp_cat_index(s->r, p->category);
    if (cat < 0)
        return 0; /* gather() refused unknown categories already */
    int z = s->r->cats->v[cat].positive ? -1
            : p->severity >= 1 && p->severity <= 3 ? p->severity : 0;
    if (cat != s->cur_cat || z != s->cur_z)
        group_begin(s, cat, z);
    int moved = 0;
    long x = clamp_u(sx(s, (p->lon - s->lon0) * s->m_lon), SV_EDGE_U,
                     s->w - SV_EDGE_U, &moved);
    long y = clamp_u(sy(s, (p->lat - s->lat0) * s->m_lat), SV_EDGE_U,
                     s->h - SV_EDGE_U, &moved);
    s->r->n_outside += moved;
    if (x == s->last_x && y == s->last_y)
        return 0; /* the same dot again adds nothing */
    s->last_x = x, s->last_y = y;
    rh_fmt(s->r->h, "M%ld %ldh0", x, y);
    return 0;
}

/* ---- the band under the map: scale bar, north, a schematic map's note ---- */

static void scale_bar(sv *s, double y)
{
    static const double nice[] = {20, 50, 100, 200, 250, 500, 1000, 2000,
                                  5000, 10000, 20000, 50000};
    double len = nice[0];
    for (size_t i = 0; i < sizeof nice / sizeof nice[0]; i++)
        if (nice[i] * s->k <= 0.25 * s->w)
            len = nice[i];
    double px = len * s->k, x0 = 14;
    rh_out *h = s->r->h;
    rh_fmt(h, "<path class=\"ink\" d=\"M%.1f %.1fv7H%.1fv-7\"/>\n", x0,
           y + 22, x0 + px);
    rh_fmt(h, "<text x=\"%.1f\" y=\"%.1f\">%g %s</text>\n", x0 + px + 8,
           y + 30, len >= 1000 ? len / 1000 : len, len >= 1000 ? "km" : "m");
}

static void north_arrow(sv *s, double y)
{
    double x = s->w - 40;
    rh_fmt(s->r->h, "<path d=\"M%.1f %.1fl7 20l-7-5l-7 5z\" fill=\"#%06X\"/>"
           "\n<text x=\"%.1f\" y=\"%.1f\">N</text>\n",
           x, y + 10, INK_RGB, x + 12, y + 30);
}

static void strip(sv *s)
{
    rh_out *h = s->r->h;
    rh_fmt(h, "<rect class=\"plate\" y=\"%.0f\" width=\"%.0f\" "
           "height=\"%.0f\"/>\n<path class=\"ink\" d=\"M0 %.0fH%.0f\"/>\n",
           s->h, s->w, SV_STRIP_U, s->h, s->w);
    scale_bar(s, s->h);
    north_arrow(s, s->h);
    if (!s->m || !s->m->schematic)
        return;
    rh_fmt(h, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" "
           "font-style=\"italic\">", s->w / 2, s->h + 30);
    rh_text(h, tr(s->r->l, TR_SCHEMATIC));
    rh_raw(h, "</text>\n");
}

/* ---- the map ---- */

int rp_map(rp *r, err_t *e)
{
    const basemap *m = r->o->map;
    sv s = {.r = r, .m = m, .cur_cat = -1};
    s.lat0 = m ? m->lat0 : BASEMAP_ORIGIN_LAT;
    s.lon0 = m ? m->lon0 : BASEMAP_ORIGIN_LON;
    s.m_lat = geo_m_per_deg_lat();
    s.m_lon = geo_m_per_deg_lon(s.lat0);
    if (fit_view(&s, e))
        return -1;
    rh_raw(r->h, "<h2>");
    rh_text(r->h, tr(r->l, TR_H_MAP));
    rh_fmt(r->h, "</h2>\n<figure>\n<svg class=\"map\" viewBox=\"0 0 %.0f "
           "%.0f\" role=\"img\" aria-label=\"", s.w, s.h + SV_STRIP_U);
    rh_text(r->h, tr(r->l, TR_MAP_ARIA));
    /* The map in a nested viewport, which clips what reaches past it. */
    rh_fmt(r->h, "\">\n<svg width=\"%.0f\" height=\"%.0f\">\n", s.w, s.h);
    base(&s);
    rh_raw(r->h, "<g class=\"spots\">\n");
    if (r->has_spots &&
        store_report_spots(r->st, STORE_REPORT_MAP_ORDER, dot, &s, e))
        return -1;
    group_end(&s);
    rh_raw(r->h, "</g>\n</svg>\n");
    strip(&s);
    rh_raw(r->h, "</svg>\n");
    rp_legend(r);
    rp_caption(r, m);
    rh_raw(r->h, "</figure>\n");
    return 0;
}
