/* scr_gps: the GPS as the screens see it: state and detail for the status
 * line, the newest fix for the dot and the map to follow, the average a
 * new spot takes (fix.h), and the walk's trail (kept in memory: it is for
 * the walker's orientation, not a record). See scr.h. */
#include "scr.h"
#include "geo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A move smaller than this is not worth a redraw or a trail point. */
#define SCR_GPS_MOVE_M 1.0
#define SCR_TRAIL_STEP_M 3.0

static void add_trail(scr_gps *g, const gpsrc_fix *f)
{
    if (g->n_trail > 0) {
        const double *last = g->trail + 2 * (g->n_trail - 1);
        if (geo_metres(last[0], last[1], f->lat, f->lon) < SCR_TRAIL_STEP_M)
            return;
    }
    if (!g->trail && !(g->trail = malloc(SCR_TRAIL_MAX * 2 * sizeof *g->trail)))
        return; /* no trail is no loss: it is only drawn */
    if (g->n_trail == SCR_TRAIL_MAX) { /* keep the newest half */
        memmove(g->trail, g->trail + SCR_TRAIL_MAX, SCR_TRAIL_MAX * sizeof *g->trail);
        g->n_trail = SCR_TRAIL_MAX / 2;
    }
    g->trail[2 * g->n_trail] = f->lat;
    g->trail[2 * g->n_trail + 1] = f->lon;
    g->n_trail++;
}

static int fix_changed(const scr_gps *g, const gpsrc_fix *f)
{
    if (!g->has_fix)
        return 1;
    double de = fabs((isnan(f->err_m) ? 0 : f->err_m) -
                     (isnan(g->last.err_m) ? 0 : g->last.err_m));
    return de >= 1.0 ||
           geo_metres(g->last.lat, g->last.lon, f->lat, f->lon) >=
               SCR_GPS_MOVE_M;
}

static int shows_gps(const scr_app *a)
{
    return a->screen == SCR_WALK || a->screen == SCR_MARK;
}

int scr_gps_event(scr_app *a, const gpsrc_event *ev, int64_t now_ms)
{
    scr_gps *g = &a->gps;
    (void)now_ms;
    int changed = ev->state != g->state || strcmp(ev->detail, g->detail);
    g->state = ev->state;
    snprintf(g->detail, sizeof g->detail, "%s", ev->detail);
    if (ev->state != GPSRC_FIX && g->has_fix && ev->state != GPSRC_NO_FIX)
        changed = 1;
    if (!ev->has_fix)
        return changed && shows_gps(a);
    changed |= fix_changed(g, &ev->fix);
    g->last = ev->fix;
    g->has_fix = 1;
    if (a->walk_open)
        add_trail(g, &ev->fix);
    if (a->screen == SCR_MARK && !a->form.editing)
        fix_avg_add(&g->avg, ev->fix.lat, ev->fix.lon, ev->fix.err_m,
                    ev->fix.got_ms);
    if (g->follow && a->map_ready)
        map_center_on(&a->map, ev->fix.lat, ev->fix.lon);
    return changed && shows_gps(a);
}

int scr_gps_spot(scr_app *a, int64_t now_ms, fix_result *out)
{
    *out = fix_avg_result(&a->gps.avg, now_ms, FIX_MAX_ERR_M, FIX_MAX_AGE_MS);
    return out->usable;
}

void scr_gps_line(const scr_app *a, int64_t now_ms, char *out, size_t cap)
{
    const scr_gps *g = &a->gps;
    const char *sim = g->has_fix && g->last.simulated ? scr_tr(a, T_GPS_SIM)
                                                      : "";
    char body[160];
    int64_t age_s = (now_ms - g->last.got_ms) / 1000;
    double err = isnan(g->last.err_m) ? FIX_UNKNOWN_ERR_M : g->last.err_m;
    if (!g->enabled)
        snprintf(body, sizeof body, "%s", scr_tr(a, T_GPS_OFF));
    else if (g->state == GPSRC_CONNECTING || g->state == GPSRC_OFF)
        snprintf(body, sizeof body, scr_tr(a, T_GPS_CONNECTING), g->detail);
    else if (!g->has_fix || g->state == GPSRC_NO_FIX)
        snprintf(body, sizeof body, "%s", scr_tr(a, T_GPS_NO_FIX));
    else if (age_s * 1000 > FIX_MAX_AGE_MS)
        snprintf(body, sizeof body, scr_tr(a, T_GPS_STALE), err, (int)age_s);
    else
        snprintf(body, sizeof body, scr_tr(a, T_GPS_FIX), err);
    snprintf(out, cap, "%s%s", sim, body);
}

void scr_gps_free(scr_app *a)
{
    free(a->gps.trail);
    a->gps.trail = NULL;
    a->gps.n_trail = 0;
}
