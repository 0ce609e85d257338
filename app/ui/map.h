/*
 * map: the walk screen's map canvas. Positions are projected to local
 * metres east and north of an origin (Filipstad centre) with an
 * equirectangular projection, which is exact to centimetres over a town
 * centre of a few km. The view is a centre (where the crosshair is) and a
 * zoom in pixels per metre; drag pans, pinch and the zoom buttons zoom.
 *
 * Draws through ui.h (no SDL): a ground with a 100 m grid (the base map
 * comes with the GPS issue), the walk's spots as category-coloured markers,
 * a crosshair in the middle and a scale bar with a round length.
 */
#ifndef TRYGG_MAP_H
#define TRYGG_MAP_H

#include <stddef.h>

#include "ui.h"

/* Filipstad centre (the tätort reference point; shared/data/filipstad). */
#define MAP_ORIGIN_LAT 59.7125
#define MAP_ORIGIN_LON 14.170833

#define MAP_MIN_PX_PER_M 0.02
#define MAP_MAX_PX_PER_M 40.0

typedef struct map_view {
    double lat0, lon0;   /* projection origin */
    double e, n;         /* view centre = crosshair, metres from origin */
    double px_per_m;     /* zoom */
} map_view;

typedef struct map_marker {
    double lat, lon;
    ui_color color;
} map_marker;

/* Origin at lat0, lon0; view centred there at a zoom that shows about
 * 300 m across a screen of width_px. */
void map_init(map_view *v, double lat0, double lon0, int width_px);

void map_to_local(const map_view *v, double lat, double lon, double *e,
                  double *n);
void map_to_latlon(const map_view *v, double e, double n, double *lat,
                   double *lon);
/* Where the crosshair points. */
void map_crosshair(const map_view *v, double *lat, double *lon);
/* Centre the view on lat, lon (keeps the zoom). */
void map_center_on(map_view *v, double lat, double lon);
/* Multiply the zoom by factor, clamped to MAP_MIN/MAX_PX_PER_M. */
void map_zoom(map_view *v, double factor);

/* Screen position of a point for a canvas r. */
void map_project(const map_view *v, ui_rect r, double lat, double lon,
                 int *x, int *y);

/* Draw the canvas into r and take drags (pan) and pinches (zoom) that
 * started on it. Returns 1 when the view moved this frame. */
int map_do(ui_ctx *ui, map_view *v, ui_rect r, const map_marker *m,
           size_t n);

/* The scale bar: the roundest length (1, 2, 5 x 10^k m) not longer than
 * max_px at this zoom; its pixel length into *px. */
double map_scale_length(const map_view *v, int max_px, int *px);

#endif
