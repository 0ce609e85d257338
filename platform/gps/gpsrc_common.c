/* gpsrc_common: what every source shares: parsing the options, starting
 * and stopping the thread, its stop flag, the clocks, and reporting state
 * changes to the owner. The sources themselves are gpsrc_gpsd.c and
 * gpsrc_sim.c. See gpsrc.h. */
#include "gpsrc_int.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int gpsrc_parse_kind(const char *s, gpsrc_kind *out, err_t *e)
{
    if (strcmp(s, "gpsd") == 0)
        *out = GPSRC_GPSD;
    else if (strcmp(s, "sim") == 0)
        *out = GPSRC_SIM;
    else if (strcmp(s, "none") == 0)
        *out = GPSRC_NONE;
    else
        return err_set(e, "\"%s\" is not a GPS source (gpsd, sim or none)",
                       s);
    return 0;
}

/* Split s into host and port: "HOST:PORT", "HOST", ":PORT", and for IPv6
 * "[ADDR]:PORT". Pointers into s, lengths out; port_len 0: none given. */
static int split_server(const char *s, const char **host, size_t *host_len,
                        const char **port, size_t *port_len)
{
    const char *colon;
    *host = s;
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (!end || (end[1] != '\0' && end[1] != ':'))
            return -1;
        *host = s + 1;
        *host_len = (size_t)(end - s - 1);
        colon = end[1] == ':' ? end + 1 : NULL;
    } else {
        colon = strrchr(s, ':');
        if (colon && strchr(s, ':') != colon)
            return -1; /* a bare IPv6 address needs brackets */
        *host_len = colon ? (size_t)(colon - s) : strlen(s);
    }
    *port = colon ? colon + 1 : "";
    *port_len = strlen(*port);
    return colon && *port_len == 0 ? -1 : 0;
}

static int port_ok(const char *p, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9' || (v = v * 10 + (p[i] - '0')) > 65535)
            return 0;
    }
    return n > 0 && v > 0;
}

int gpsrc_parse_server(const char *s, gpsrc_opts *opts, char *buf,
                       size_t cap, err_t *e)
{
    const char *host, *port;
    size_t hl, pl;
    if (split_server(s, &host, &hl, &port, &pl) ||
        (pl > 0 && !port_ok(port, pl)))
        return err_set(e, "\"%s\" is not HOST:PORT (e.g. localhost:2947)", s);
    if (hl == 0)
        host = "localhost", hl = strlen(host);
    if (pl == 0)
        port = "2947", pl = strlen(port);
    if (hl + pl + 2 > cap || hl >= GPSRC_HOST_MAX || pl >= GPSRC_PORT_MAX)
        return err_set(e, "gpsd server \"%s\" is too long", s);
    memcpy(buf, host, hl);
    buf[hl] = '\0';
    memcpy(buf + hl + 1, port, pl);
    buf[hl + 1 + pl] = '\0';
    opts->host = buf;
    opts->port = buf + hl + 1;
    return 0;
}

int64_t gpsrc_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t gpsrc_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int gpsrc_stopping(gpsrc *g)
{
    pthread_mutex_lock(&g->mu);
    int stop = g->stop;
    pthread_mutex_unlock(&g->mu);
    return stop;
}

int gpsrc_sleep(gpsrc *g, int64_t ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t)(ms / 1000);
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&g->mu);
    int rc = 0;
    while (!g->stop && rc == 0)
        rc = pthread_cond_timedwait(&g->cv, &g->mu, &until);
    int stop = g->stop;
    pthread_mutex_unlock(&g->mu);
    return stop;
}

static void emit(gpsrc *g, const gpsrc_fix *f)
{
    gpsrc_event ev;
    memset(&ev, 0, sizeof ev);
    ev.state = g->state;
    ev.has_fix = f != NULL;
    if (f)
        ev.fix = *f;
    memcpy(ev.detail, g->detail, sizeof ev.detail);
    g->fn(g->ctx, &ev);
}

/* Set state and detail; 1 when either changed. */
static int set_state(gpsrc *g, gpsrc_state st, const char *fmt, va_list ap)
{
    char detail[sizeof g->detail];
    vsnprintf(detail, sizeof detail, fmt, ap);
    int changed = st != g->state || strcmp(detail, g->detail) != 0;
    g->state = st;
    memcpy(g->detail, detail, sizeof detail);
    return changed;
}

void gpsrc_report(gpsrc *g, gpsrc_state st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int changed = set_state(g, st, fmt, ap);
    va_end(ap);
    if (changed)
        emit(g, NULL);
}

void gpsrc_report_fix(gpsrc *g, const gpsrc_fix *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_state(g, GPSRC_FIX, fmt, ap);
    va_end(ap);
    emit(g, f);
}

static void ignore_event(void *ctx, const gpsrc_event *ev)
{
    (void)ctx;
    (void)ev;
}

static int init_sync(gpsrc *g, err_t *e)
{
    pthread_condattr_t ca;
    int rc = pthread_condattr_init(&ca);
    if (rc == 0 && (rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC)) == 0)
        rc = pthread_cond_init(&g->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (rc)
        return err_os(e, rc, "GPS source: condition variable");
    if ((rc = pthread_mutex_init(&g->mu, NULL))) {
        pthread_cond_destroy(&g->cv);
        return err_os(e, rc, "GPS source: mutex");
    }
    return 0;
}

/* Copy what the source needs out of opts; read a sim route. */
static int take_opts(gpsrc *g, const gpsrc_opts *o, err_t *e)
{
    const char *host = o->host && *o->host ? o->host : "localhost";
    const char *port = o->port && *o->port ? o->port : "2947";
    g->kind = o->kind;
    g->fn = o->fn ? o->fn : ignore_event;
    g->ctx = o->ctx;
    if (o->kind == GPSRC_GPSD &&
        (snprintf(g->host, sizeof g->host, "%s", host) >= (int)sizeof g->host ||
         snprintf(g->port, sizeof g->port, "%s", port) >= (int)sizeof g->port))
        return err_set(e, "gpsd server %s:%s is too long", host, port);
    if (o->kind == GPSRC_SIM) {
        if (!o->route || !*o->route)
            return err_set(e, "the sim GPS source needs a route file");
        return gpsrc_sim_load(g, o->route, e);
    }
    return 0;
}

/* The thread takes no signals: they go to the owner's threads, whose
 * handlers only set a flag; the reader then never sees EINTR. */
static int start_thread(gpsrc *g, err_t *e)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&g->thread, NULL,
                            g->kind == GPSRC_GPSD ? gpsrc_gpsd_main
                                                  : gpsrc_sim_main,
                            g);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc)
        return err_os(e, rc, "GPS source: cannot start its thread");
    g->has_thread = 1;
    return 0;
}

int gpsrc_start(gpsrc **out, const gpsrc_opts *opts, err_t *e)
{
    gpsrc *g = calloc(1, sizeof *g);
    *out = NULL;
    if (!g)
        return err_os(e, ENOMEM, "GPS source");
    g->state = GPSRC_OFF;
    if (init_sync(g, e)) {
        free(g);
        return -1;
    }
    if (take_opts(g, opts, e) ||
        (g->kind != GPSRC_NONE && start_thread(g, e))) {
        gpsrc_stop(g);
        return -1;
    }
    *out = g;
    return 0;
}

void gpsrc_stop(gpsrc *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->mu);
    g->stop = 1;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
    if (g->has_thread)
        pthread_join(g->thread, NULL);
    pthread_cond_destroy(&g->cv);
    pthread_mutex_destroy(&g->mu);
    free(g->route);
    free(g);
}
