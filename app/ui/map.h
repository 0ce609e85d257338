/*
 * map: the walk screen's map canvas. Positions are projected to local
 * metres east and north of an origin (Filipstad centre) with an
 * equirectangular projection, which is exact to centimetres over a town
 * centre of a few km. The view is a centre (where the crosshair is) and a
 * zoom in pixels per metre; drag pans, pinch and the zoom buttons zoom.
 *
 * Draws through ui.h (no SDL), in this order: the ground; the base map
 * (basemap.h: water, parks, buildings filled; roads and paths as lines as
 * wide as they are in metres; landmarks as squares; names that do not
 * collide; the attribution bottom right), or a 100 m grid without one; the
 * GPS trail, accuracy circle and dot; the walk's spots as
 * category-coloured markers, gathered into counted clusters where they
 * would overlap; the follow-up spots (spots of earlier walks to look at
 * again) as diamonds with a question mark, or a check mark once answered,
 * over the walk's spots and never clustered with them (where they would
 * overlap one another, a diamond counts them); a crosshair in the middle
 * and a scale bar with a round length. Palettes for day and night (dark fills only) are chosen from the
 * theme.
 *
 * Not for: reading the base map (basemap.c), GPS (platform/gps), what a
 * tapped spot opens (the walk screen).
 */
#ifndef TRYGG_MAP_H
#define TRYGG_MAP_H

#include <stddef.h>

#include "basemap.h"
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

/* A follow-up spot: a spot of an earlier walk the walker is asked to look
 * at again. */
typedef struct map_followup {
    double lat, lon;
    ui_color color;      /* its category's */
    int answered;        /* answered on this device: a check mark, dimmed */
    const char *label;   /* its name for ui_find (scripts, tests), or NULL */
} map_followup;

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

/* What the map shows besides the ground. Every pointer may be NULL (with
 * its count 0); the caller keeps them valid for the call only. */
typedef struct map_layers {
    const basemap *base;     /* the base map, or NULL for a grid */
    const map_marker *m;     /* the walk's spots */
    size_t n;
    int gps;                 /* 1: gps_lat, gps_lon is a fix to show */
    double gps_lat, gps_lon;
    double gps_err_m;        /* accuracy radius; NaN or <= 0: none shown */
    int gps_simulated;       /* a hollow dot marked "SIM" */
    const double *trail;     /* lat, lon pairs, oldest first */
    size_t n_trail;          /* pairs */
    const map_followup *fu;  /* follow-up spots, over the walk's spots */
    size_t n_fu;
} map_layers;

/* Draw the canvas into r and take its input: drags pan, pinches zoom
 * about their centre, a tap (no drag) on a cluster (of spots or of
 * follow-up spots) zooms in on it. A tap
 * within 6 mm of a marker sets *tapped to the nearest one's index: a
 * spot's index in L->m, or L->n + a follow-up spot's index in L->fu (on a
 * tie the follow-up spot, which is drawn on top); else *tapped is -1.
 * Follow-up markers with a label are recorded for ui_find (at most
 * MAP_FU_NAMED a frame, so the screen's own buttons always find room).
 * Returns 1 when the view moved this frame. */
#define MAP_FU_NAMED 64
int map_draw(ui_ctx *ui, map_view *v, ui_rect r, const map_layers *L,
             int *tapped);

/* map_draw with spots only (no base map, no GPS); a tapped spot is not
 * reported (a tapped cluster still zooms in). */
int map_do(ui_ctx *ui, map_view *v, ui_rect r, const map_marker *m,
           size_t n);

/* The scale bar: the roundest length (1, 2, 5 x 10^k m) not longer than
 * max_px at this zoom; its pixel length into *px. */
double map_scale_length(const map_view *v, int max_px, int *px);

#endif
