/*
 * gpsrc_int: what the sources share inside platform/gps (not for owners of
 * a source: they use gpsrc.h). gpsrc_common.c keeps the thread, its stop
 * flag and the reported state; gpsrc_gpsd.c and gpsrc_sim.c each give one
 * thread body and own their part of the struct.
 */
#ifndef TRYGG_GPSRC_INT_H
#define TRYGG_GPSRC_INT_H

#include "gpsrc.h"

#include <pthread.h>

#define GPSRC_HOST_MAX 128
#define GPSRC_PORT_MAX 32
#define GPSRC_NAME_MAX 128

/* One point of a sim route. */
typedef struct gpsrc_point {
    double t_s, lat, lon, err_m;
} gpsrc_point;

struct gpsrc {
    gpsrc_kind kind;
    gpsrc_fn fn;
    void *ctx;
    char host[GPSRC_HOST_MAX], port[GPSRC_PORT_MAX]; /* gpsd */
    char route_name[GPSRC_NAME_MAX];                 /* sim: file name */
    gpsrc_point *route;                              /* sim: owned */
    size_t n_route;

    pthread_t thread;
    int has_thread;
    pthread_mutex_t mu;   /* guards stop; cv wakes a sleeping thread */
    pthread_cond_t cv;    /* on CLOCK_MONOTONIC */
    int stop;

    /* Only the source's thread touches these. */
    gpsrc_state state;
    char detail[sizeof ((gpsrc_event *)0)->detail];
};

/* Set by the owner's gpsrc_stop: 1 when the thread should return. */
int gpsrc_stopping(gpsrc *g);
/* Sleep ms, waking at once on stop. Returns gpsrc_stopping(g). */
int gpsrc_sleep(gpsrc *g, int64_t ms);

/* Report a state with its detail (printf-style); the owner hears of it
 * only when state or detail changed. */
void gpsrc_report(gpsrc *g, gpsrc_state st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report a usable fix: state FIX, with this detail; always heard. */
void gpsrc_report_fix(gpsrc *g, const gpsrc_fix *f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* CLOCK_REALTIME in milliseconds since the epoch. */
int64_t gpsrc_wall_ms(void);

/* Thread bodies, and the sim source's route reader. */
void *gpsrc_gpsd_main(void *g);
void *gpsrc_sim_main(void *g);
int gpsrc_sim_load(gpsrc *g, const char *path, err_t *e);

#endif
