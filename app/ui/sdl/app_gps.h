/*
 * app_gps: the touch app's end of the GPS. The source (platform/gps) calls
 * back on its own thread; each event is copied into an SDL user event, so
 * the main loop, which sleeps in SDL's wait, wakes for it and hands it to
 * the screens. The screens ask for a redraw only when what they show
 * changed, so 1 Hz fixes of a walker standing still cost no frames.
 */
#ifndef TRYGG_APP_GPS_H
#define TRYGG_APP_GPS_H

#include <SDL.h>

#include "app.h"
#include "gpsrc.h"
#include "scr.h"

typedef struct app_gps {
    gpsrc *src;
    Uint32 type;        /* our SDL event type; 0 before start */
    char server[256];   /* copies of host and port for the source */
} app_gps;

/* Start the source the options ask for (none: nothing runs). */
int app_gps_start(app_gps *g, const app_opts *o, scr_app *s, err_t *e);
/* 1 when ev is ours: handed to the screens (*redraw: they changed) and
 * freed; 0 for any other event. */
int app_gps_handle(app_gps *g, const SDL_Event *ev, scr_app *s, int *redraw);
/* Stop the source and free the events still queued. */
void app_gps_stop(app_gps *g);

#endif
