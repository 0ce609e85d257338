/* app_gps: see app_gps.h. */
#include "app_gps.h"

#include <stdlib.h>
#include <string.h>

/* On the source's thread: copy and queue (SDL_PushEvent is thread-safe). */
static void on_gps(void *ctx, const gpsrc_event *ev)
{
    app_gps *g = ctx;
    gpsrc_event *copy = malloc(sizeof *copy);
    if (!copy)
        return; /* the next fix will do */
    *copy = *ev;
    SDL_Event sev;
    memset(&sev, 0, sizeof sev);
    sev.type = g->type;
    sev.user.data1 = copy;
    if (SDL_PushEvent(&sev) != 1)
        free(copy);
}

static int source_opts(app_gps *g, const app_opts *o, gpsrc_opts *so,
                       err_t *e)
{
    memset(so, 0, sizeof *so);
    if (gpsrc_parse_kind(o->gps ? o->gps : "gpsd", &so->kind, e))
        return -1;
    if (o->gpsd &&
        gpsrc_parse_server(o->gpsd, so, g->server, sizeof g->server, e))
        return -1;
    so->route = o->gps_route;
    so->fn = on_gps;
    so->ctx = g;
    return 0;
}

int app_gps_start(app_gps *g, const app_opts *o, scr_app *s, err_t *e)
{
    gpsrc_opts so;
    memset(g, 0, sizeof *g);
    if (source_opts(g, o, &so, e))
        return -1;
    s->gps.enabled = so.kind != GPSRC_NONE;
    if (!s->gps.enabled)
        return 0;
    g->type = SDL_RegisterEvents(1);
    if (g->type == (Uint32)-1)
        return err_set(e, "cannot register a GPS event: %s", SDL_GetError());
    return gpsrc_start(&g->src, &so, e);
}

int app_gps_handle(app_gps *g, const SDL_Event *ev, scr_app *s, int *redraw)
{
    if (!g->type || ev->type != g->type)
        return 0;
    gpsrc_event *gev = ev->user.data1;
    *redraw = scr_gps_event(s, gev, gpsrc_now_ms());
    free(gev);
    return 1;
}

void app_gps_stop(app_gps *g)
{
    gpsrc_stop(g->src); /* joins: no event is queued after this */
    g->src = NULL;
    if (!g->type)
        return;
    SDL_Event ev;
    while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, g->type, g->type) == 1)
        free(ev.user.data1);
}
