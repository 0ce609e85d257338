/*
 * map_int: what the map canvas's files share, and nothing else includes.
 * map.c (view, projection, input, grid, crosshair, scale bar, map_draw),
 * map_base.c (palettes, areas, lines, landmarks, labels, attribution),
 * map_spots.c (spot markers, clusters, taps, the GPS trail and dot) and
 * map_followup.c (follow-up markers and their taps) see one another
 * through it: the sizes they agree on, the structs of one frame's
 * drawing, the small screen helpers as static inline functions, and the
 * map_-prefixed functions one file calls in another.
 *
 * Not for: anything outside app/ui/map*.c (the public API is map.h).
 */
#ifndef TRYGG_MAP_INT_H
#define TRYGG_MAP_INT_H

#include "geo.h"
#include "map.h"
#include "ui_theme.h"

#include <math.h>
#include <stdint.h>

#define SCALE_MARGIN_MM 3.0f     /* scale bar and attribution plates */
#define SCALE_PAD_MM 1.0f
/* Anything this far from the view is off every screen: keeps doubles far
 * from the int range before they are converted to pixels. */
#define FAR_PX 1.0e9
#define LABEL_CHAR_W 0.55f       /* text width per character, of its height */
#define MAX_LABELS 128           /* placed labels and plates per frame */
#define TRI_BUF 1536             /* floats buffered before ui_tris */
/* Spots: one marker or cluster per cell. */
#define MAX_CELLS 1024

/* ---- projection and screen coordinates ---- */

static inline double pi(void) { return acos(-1.0); }

/* Metres per degree of latitude, and of longitude at the view's origin
 * (geo.h: the projection the base map was made with). */
static inline double m_per_deg(void) { return geo_m_per_deg_lat(); }

static inline double m_per_deg_lon(const map_view *v)
{
    return geo_m_per_deg_lon(v->lat0);
}

/* The canvas centre, where the crosshair is and v->e, v->n project to. */
static inline int centre_x(ui_rect r) { return r.x + r.w / 2; }
static inline int centre_y(ui_rect r) { return r.y + r.h / 2; }

static inline double screen_x(const map_view *v, ui_rect r, double e)
{
    return centre_x(r) + (e - v->e) * v->px_per_m;
}

static inline double screen_y(const map_view *v, ui_rect r, double n)
{
    return centre_y(r) - (n - v->n) * v->px_per_m;
}

/* Round to a pixel, keeping far-off and NaN values inside the int range. */
static inline int to_px(double d)
{
    if (!(d > -FAR_PX)) /* also NaN */
        return (int)-FAR_PX;
    return d < FAR_PX ? (int)lround(d) : (int)FAR_PX;
}

static inline int at_least_1(int px) { return px < 1 ? 1 : px; }

/* ---- palettes (map_base.c) ---- */

typedef struct map_palette {
    ui_color area[BM_KIND_N]; /* fills of areas, by kind */
    ui_color line[BM_KIND_N]; /* lines, by kind */
    ui_color casing;          /* road edges */
    ui_color landmark;
    ui_color plate;           /* under labels and the attribution */
    ui_color trail, gps, halo, ring; /* GPS trail, dot, accuracy, dot ring */
} map_palette;

/* Night for the night theme or any dark ground, else day. */
const map_palette *map_palette_of(const ui_theme *t);

/* ---- one frame's drawing ---- */

typedef struct map_frame {
    ui_ctx *ui;
    const map_view *v;
    ui_rect r;
    const map_palette *pal;
    float x0, y0, x1, y1;    /* the canvas */
    double bx, by, bsx, bsy; /* base metres to screen: x = bx + e * bsx,
                                y = by - n * bsy */
    double kx, ky;           /* metres per degree of longitude, latitude */
    ui_rect placed[MAX_LABELS]; /* labels and plates so far */
    size_t n_placed;
    float buf[TRI_BUF];      /* triangles on their way to ui_tris */
    size_t n_buf;
    ui_color buf_color;
} map_frame;

static inline int same_color(ui_color a, ui_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static inline void tri_flush(map_frame *f)
{
    ui_tris(f->ui, f->buf, f->n_buf / 2, f->buf_color);
    f->n_buf = 0;
}

/* The colour of the triangles that follow. */
static inline void tri_color(map_frame *f, ui_color c)
{
    if (f->n_buf && !same_color(c, f->buf_color))
        tri_flush(f);
    f->buf_color = c;
}

static inline void tri_add(map_frame *f, float ax, float ay, float bx,
                           float by, float cx, float cy)
{
    if (f->n_buf + 6 > TRI_BUF)
        tri_flush(f);
    float *p = f->buf + f->n_buf;
    p[0] = ax, p[1] = ay, p[2] = bx, p[3] = by, p[4] = cx, p[5] = cy;
    f->n_buf += 6;
}

/* A box misses the canvas (NaN boxes miss too). */
static inline int box_off(const map_frame *f, float x0, float y0, float x1,
                          float y1)
{
    return !(x1 >= f->x0 && x0 <= f->x1 && y1 >= f->y0 && y0 <= f->y1);
}

/* Screen position of a latitude, longitude (doubles: GPS and spots). */
static inline void ll_xy(const map_frame *f, double lat, double lon,
                         double *x, double *y)
{
    const map_view *v = f->v;
    *x = screen_x(v, f->r, (lon - v->lon0) * f->kx);
    *y = screen_y(v, f->r, (lat - v->lat0) * f->ky);
}

/* ---- lines of a width (map_base.c) ---- */

/* A polyline fed one screen point at a time: see map_base.c. */
typedef struct pline {
    map_frame *f;
    float hw;     /* half the width, px */
    float step;   /* largest arc step (radians) that stays round */
    int n;        /* points drawn */
    float x, y;   /* the last point drawn */
    float dx, dy; /* unit direction of the last segment */
    int held;     /* a point waits in cx, cy */
    float cx, cy; /* the last point taken, not drawn yet */
    float a0;     /* the wedge: direction of its first point, */
    float lo, hi; /* and the angles either side of a0 still allowed */
} pline;

void map_pl_begin(pline *pl, map_frame *f, float width, ui_color c);
void map_pl_point(pline *pl, float x, float y);
void map_pl_end(pline *pl);

/* ---- labels and the base map (map_base.c) ---- */

/* A label's plate, at 0, 0: text of the small size, padded. */
ui_rect map_label_box(const map_frame *f, const char *s);
/* The label s on its plate at a. */
void map_label_draw(map_frame *f, ui_rect a, const char *s);
/* The base map under everything else, with its names. */
void map_draw_base(map_frame *f, const basemap *b);
/* Bottom right: where the map comes from; over the spots. */
void map_draw_attribution(map_frame *f, const basemap *b);

/* ---- spots (map_spots.c) ---- */

typedef struct spot_cell {
    float sx, sy;          /* sum of the spots' screen positions */
    int n;
    int first, second;     /* the first two spots in it */
} spot_cell;

/* Points (the walk's spots, or the follow-up spots) gathered per cell of
 * a grid fixed to the ground (so a pan does not regroup them), for one
 * view. The points are read in place from an array of structs that hold
 * a latitude and, right after it, a longitude (map_marker, map_followup). */
typedef struct spot_grid {
    const map_view *v;
    ui_rect r;
    const char *pos;       /* the first point's latitude */
    size_t stride;         /* bytes from one point to the next */
    size_t n;
    double kx, ky;
    int rad, outer;        /* a marker's body and outline, px (a disc's
                              radii; a diamond's half-diagonals) */
    int grouped;           /* 0: every point drawn as its own marker */
    float size;            /* cell side, px */
    double gx, gy;         /* screen corner of cell (0, 0) */
    int cols, rows;
    spot_cell c[MAX_CELLS];
} spot_grid;

/* Gather n points (first: the first one's latitude; stride: the size of
 * their struct) into g for the view v of canvas r; rad and outer as in
 * spot_grid. */
void map_grid_gather(spot_grid *g, const ui_ctx *ui, const map_view *v,
                     ui_rect r, const double *first, size_t stride, size_t n,
                     int rad, int outer);
/* What g shows, one item at a time: a point (count 1, its index) or a
 * cluster (count > 1, index -1) at screen x, y. */
typedef void (*map_item_fn)(void *ctx, double x, double y, int index,
                            int count);
void map_grid_items(const spot_grid *g, map_item_fn fn, void *ctx);
/* A cluster's body: big enough for its count, at least a marker's. */
int map_cluster_rad(const spot_grid *g, const ui_ctx *ui, int count);

/* Gather L's spots into g for the view v of canvas r. */
void map_spots_gather(spot_grid *g, const ui_ctx *ui, const map_view *v,
                      ui_rect r, const map_layers *L);
/* A tap on a spot, a follow-up spot (fg; it is drawn on top, so it wins a
 * tie) or a cluster of either; 1 when it zoomed the view. */
int map_take_tap(ui_ctx *ui, map_view *v, ui_rect r, spot_grid *g,
                 spot_grid *fg, const map_layers *L, int *tapped);
void map_draw_spots(map_frame *f, const spot_grid *g);
/* The GPS trail, accuracy circle and dot. */
void map_draw_gps(map_frame *f, const map_layers *L);

/* ---- follow-up spots (map_followup.c) ---- */

/* Gather L's follow-up spots into fg, apart from the walk's spots. */
void map_followups_gather(spot_grid *fg, const ui_ctx *ui, const map_view *v,
                          ui_rect r, const map_layers *L);
/* Their markers and clusters, over the walk's spots. */
void map_draw_followups(map_frame *f, const spot_grid *fg,
                        const map_layers *L);
/* How far a tap reaches from a marker's centre (spots and follow-ups). */
#define MAP_TAP_MM 6.0f

/* ---- view and input (map.c) ---- */

/* The canvas's widget id, as ui.c names its widgets. */
uint32_t map_id(ui_rect r);
/* Zoom by factor about the screen point (px, py); 1 when it changed. */
int map_zoom_about(map_view *v, ui_rect r, double px, double py,
                   double factor);
/* Keep the view usable whatever a caller stored in it. */
void map_view_sane(map_view *v);
/* The scale bar's plate; its length and label when asked for. */
ui_rect map_scale_plate(const ui_ctx *ui, const map_view *v, ui_rect r,
                        char *label, size_t size, int *px);

#endif
