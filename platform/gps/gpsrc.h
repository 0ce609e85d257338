/*
 * gpsrc: where positions come from, behind one small interface (not gps_:
 * that prefix is libgps's). Three sources:
 *
 *   gpsd  libgps, as gpsd's own clients use it (gps_open, gps_stream with
 *         WATCH_ENABLE|WATCH_JSON, gps_waiting, gps_read), on a reader
 *         thread of its own; when gpsd is missing or dies it says so and
 *         connects again by itself, every few seconds
 *   sim   replays a route file (a CSV in assets/gps/: t_s,lat,lon,err_m)
 *         in a loop, for the demo; every fix it gives is marked simulated
 *   none  never gives a fix
 *
 * A source calls the owner's callback from its own thread with each fix and
 * each change of state; the owner copies what it needs (the touch app posts
 * an SDL event, the CLI signals a condition variable). Nothing here knows
 * SDL.
 */
#ifndef TRYGG_GPSRC_H
#define TRYGG_GPSRC_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef enum { GPSRC_NONE, GPSRC_GPSD, GPSRC_SIM } gpsrc_kind;

typedef enum {
    GPSRC_OFF,        /* source none, or stopped */
    GPSRC_CONNECTING, /* gpsd: no connection (yet, or lost: retrying) */
    GPSRC_NO_FIX,     /* connected, no usable fix (mode < 2, RMC status V) */
    GPSRC_FIX,        /* fixes arrive */
} gpsrc_state;

typedef struct gpsrc_fix {
    double lat, lon;      /* WGS84 degrees */
    double err_m;         /* estimated horizontal error (95 %), metres; NAN
                             when the receiver gives none */
    int64_t time_ms;      /* when it was taken: the receiver's time, ms
                             since the epoch (UTC) */
    int64_t got_ms;       /* when we got it: CLOCK_MONOTONIC ms */
    int sats_used;        /* satellites in the solution; -1 when not known */
    int simulated;        /* from the sim source */
} gpsrc_fix;

typedef struct gpsrc_event {
    gpsrc_state state;
    int has_fix;          /* fix is new and usable */
    gpsrc_fix fix;
    char detail[128];     /* for the walker: "gpsd on localhost:2947 does
                             not answer", "no fix: 3 satellites" */
} gpsrc_event;

/* Called on the source's thread; must be quick and must not call back into
 * the source. */
typedef void (*gpsrc_fn)(void *ctx, const gpsrc_event *ev);

typedef struct gpsrc gpsrc;

typedef struct gpsrc_opts {
    gpsrc_kind kind;
    const char *host, *port; /* gpsd: default "localhost", "2947" */
    const char *route;       /* sim: the route file */
    gpsrc_fn fn;
    void *ctx;
} gpsrc_opts;

/* Parse "sim", "gpsd", "none". */
int gpsrc_parse_kind(const char *s, gpsrc_kind *out, err_t *e);
/* Parse "HOST:PORT" (or "HOST", ":PORT", "[IPV6]:PORT") into opts->host
 * and opts->port, which point into buf (cap bytes); the parts not given
 * are "localhost" and "2947". gpsrc_start copies them. */
int gpsrc_parse_server(const char *s, gpsrc_opts *opts, char *buf,
                       size_t cap, err_t *e);

/* Start the source's thread. The strings in opts are copied; a sim route
 * is read here, so a bad route file fails now, with file and line in e.
 * Source none starts no thread and never calls fn. */
int gpsrc_start(gpsrc **out, const gpsrc_opts *opts, err_t *e);
/* Stop the thread (joins it, within about 250 ms) and free. After it
 * returns, fn is not called again. NULL is fine. */
void gpsrc_stop(gpsrc *g);

/* A mailbox for owners that wait for events on a thread of their own (the
 * command line): pass gpsrc_queue_put as opts.fn and the queue as opts.ctx.
 * It keeps the newest GPSRC_QUEUE_CAP events; older ones are dropped when
 * the owner falls behind. Free it only after gpsrc_stop. */
#define GPSRC_QUEUE_CAP 64
typedef struct gpsrc_queue gpsrc_queue;
int gpsrc_queue_new(gpsrc_queue **out, err_t *e);
void gpsrc_queue_free(gpsrc_queue *q);
/* A gpsrc_fn: copies ev into the queue (ctx) and wakes the waiter. */
void gpsrc_queue_put(void *ctx, const gpsrc_event *ev);
/* Take the oldest event, waiting up to timeout_ms for one. Returns 1 with
 * *out filled, 0 when none came in time. */
int gpsrc_queue_get(gpsrc_queue *q, int timeout_ms, gpsrc_event *out);

/* CLOCK_MONOTONIC in milliseconds (fix ages are measured with it). */
int64_t gpsrc_now_ms(void);

#endif
