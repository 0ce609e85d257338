/* gpsrc_gpsd: the gpsd source. A reader thread talks to gpsd through
 * libgps as gpsd's own clients do (gps_open, gps_stream with
 * WATCH_ENABLE|WATCH_JSON, gps_waiting, gps_read) and turns TPV reports
 * into gpsrc events. It never gives up: when gpsd is missing or the
 * connection breaks it reports CONNECTING and tries again every
 * GPSD_RETRY_MS. It is not a gpsd client library: one watch, positions
 * only. See gpsrc.h. */
#include "gpsrc_int.h"

#include <gps.h>

#include <errno.h>
#include <math.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#if GPSD_API_MAJOR_VERSION < 9
#error "trygg needs libgps API 9 or later (gpsd 3.20+): fix.time is a timespec"
#endif

#define GPSD_POLL_MS 250        /* longest wait before the stop flag is seen */
#define GPSD_RETRY_MS 2000      /* between connection attempts */
#define GPSD_CONNECT_MS 3000    /* a host that does not answer at all */
#define GPSD_QUIET_MS 5000      /* FIX becomes NO_FIX after this without one */

/* What the reader thread keeps between messages. */
typedef struct reader {
    char server[GPSRC_HOST_MAX + GPSRC_PORT_MAX + 4]; /* "host:port" */
    char why[96];         /* why the last attempt or connection failed */
    int sats_used;        /* from the last SKY report, -1 unknown */
    int sats_seen;        /* satellites in view, from SKY, 0 unknown */
    int64_t last_fix_ms;  /* got_ms of the newest usable fix */
} reader;

static void server_name(const gpsrc *g, char *out, size_t cap)
{
    int v6 = strchr(g->host, ':') != NULL;
    snprintf(out, cap, "%s%s%s:%s", v6 ? "[" : "", g->host, v6 ? "]" : "",
             g->port);
}

/* Wait for a non-blocking connect to finish, hearing a stop in time.
 * Returns 0 or an errno value. */
static int wait_connected(gpsrc *g, int fd)
{
    int64_t until = gpsrc_now_ms() + GPSD_CONNECT_MS;
    while (!gpsrc_stopping(g) && gpsrc_now_ms() < until) {
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int n = poll(&p, 1, GPSD_POLL_MS);
        if (n < 0 && errno != EINTR)
            return errno;
        if (n > 0) {
            int so = 0;
            socklen_t len = sizeof so;
            if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &so, &len) != 0)
                return errno;
            return so;
        }
    }
    return ETIMEDOUT;
}

static int try_connect(gpsrc *g, const struct addrinfo *ai)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
                    SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0)
        return errno;
    int err = 0;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        err = errno;
        if (err == EINPROGRESS)
            err = wait_connected(g, fd);
    }
    close(fd);
    return err;
}

/* Does anything accept a connection on host:port? Asked without blocking,
 * since gps_open's own connect blocks for minutes on a host that does not
 * answer, and a stop must be heard within GPSD_POLL_MS. (The name lookup
 * itself can still block: localhost and numeric addresses do not.) */
static int probe(gpsrc *g, reader *r)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(g->host, g->port, &hints, &res);
    if (rc != 0) {
        snprintf(r->why, sizeof r->why, "%s", gai_strerror(rc));
        return -1;
    }
    int err = ECONNREFUSED;
    for (const struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        if ((err = try_connect(g, ai)) == 0 || gpsrc_stopping(g))
            break;
    }
    freeaddrinfo(res);
    if (err)
        snprintf(r->why, sizeof r->why, "%s", strerror(err));
    return err ? -1 : 0;
}

/* Connect and ask for JSON reports. 0: gd is open (gps_close it). */
static int open_stream(gpsrc *g, struct gps_data_t *gd, reader *r)
{
    memset(gd, 0, sizeof *gd);
    if (probe(g, r) != 0)
        return -1;
    if (gps_open(g->host, g->port, gd) != 0) {
        snprintf(r->why, sizeof r->why, "%s", gps_errstr(errno));
        return -1;
    }
    if (gps_stream(gd, WATCH_ENABLE | WATCH_JSON, NULL) != 0) {
        snprintf(r->why, sizeof r->why, "the watch request failed");
        (void)gps_close(gd); /* the socket is broken anyway */
        return -1;
    }
    r->sats_used = -1;
    r->sats_seen = 0;
    return 0;
}

/* Horizontal error in metres: eph, else from the per-axis errors. */
static double horizontal_err(const struct gps_fix_t *fx)
{
    if (isfinite(fx->eph) && fx->eph > 0)
        return fx->eph;
    if (isfinite(fx->epx) && isfinite(fx->epy))
        return sqrt(fx->epx * fx->epx + fx->epy * fx->epy);
    return NAN;
}

static void take_fix(gpsrc *g, const struct gps_data_t *gd, reader *r)
{
    gpsrc_fix f;
    memset(&f, 0, sizeof f);
    f.lat = gd->fix.latitude;
    f.lon = gd->fix.longitude;
    f.err_m = horizontal_err(&gd->fix);
    f.got_ms = gpsrc_now_ms();
    /* Before its first date (RMC) a receiver's fix has no time: ours. */
    f.time_ms = (gd->set & TIME_SET) && gd->fix.time.tv_sec > 0
                    ? (int64_t)gd->fix.time.tv_sec * 1000 +
                          gd->fix.time.tv_nsec / 1000000
                    : gpsrc_wall_ms();
    f.sats_used = r->sats_used;
    r->last_fix_ms = f.got_ms;
    gpsrc_report_fix(g, &f, "fix from gpsd on %s", r->server);
}

/* One message from gpsd: satellites, the device list, or a TPV. */
static void on_message(gpsrc *g, const struct gps_data_t *gd, reader *r)
{
    if (gd->set & SATELLITE_SET) {
        r->sats_used = gd->satellites_used;
        r->sats_seen = gd->satellites_visible;
    }
    if ((gd->set & DEVICELIST_SET) && gd->devices.ndevices == 0)
        gpsrc_report(g, GPSRC_NO_FIX, "gpsd on %s has no receiver",
                     r->server);
    if (!(gd->set & MODE_SET))
        return;
    if (gd->fix.mode >= MODE_2D && isfinite(gd->fix.latitude) &&
        isfinite(gd->fix.longitude))
        take_fix(g, gd, r);
    else if (r->sats_seen > 0)
        gpsrc_report(g, GPSRC_NO_FIX, "receiver reports no fix, %d "
                     "satellites in view", r->sats_seen);
    else
        gpsrc_report(g, GPSRC_NO_FIX, "receiver reports no fix");
}

static void watch_quiet(gpsrc *g, const reader *r)
{
    if (g->state == GPSRC_FIX &&
        gpsrc_now_ms() - r->last_fix_ms > GPSD_QUIET_MS)
        gpsrc_report(g, GPSRC_NO_FIX, "no fix from the receiver for %d s",
                     GPSD_QUIET_MS / 1000);
}

/* Read reports until a stop or an error. gps_waiting says false both on
 * silence and on errors: errno tells them apart (it stays 0 on a plain
 * timeout). A closed connection shows as readable, then gps_read -1. */
static void read_reports(gpsrc *g, struct gps_data_t *gd, reader *r)
{
    gpsrc_report(g, GPSRC_NO_FIX, "connected to gpsd on %s; waiting for "
                 "the receiver", r->server);
    while (!gpsrc_stopping(g)) {
        errno = 0;
        if (!gps_waiting(gd, GPSD_POLL_MS * 1000)) {
            if (errno != 0 && errno != EINTR) {
                snprintf(r->why, sizeof r->why, "%s", strerror(errno));
                return;
            }
            watch_quiet(g, r);
            continue;
        }
        gd->set = 0;
        errno = 0;
        if (gps_read(gd, NULL, 0) == -1) {
            snprintf(r->why, sizeof r->why, "%s",
                     errno > 0 ? strerror(errno) : "gpsd closed it");
            return;
        }
        on_message(g, gd, r);
        watch_quiet(g, r);
    }
}

void *gpsrc_gpsd_main(void *arg)
{
    gpsrc *g = arg;
    reader r;
    memset(&r, 0, sizeof r);
    server_name(g, r.server, sizeof r.server);
    gpsrc_report(g, GPSRC_CONNECTING, "connecting to gpsd on %s", r.server);
    while (!gpsrc_stopping(g)) {
        struct gps_data_t gd;
        if (open_stream(g, &gd, &r) == 0) {
            read_reports(g, &gd, &r);
            (void)gps_close(&gd); /* nothing to do if closing fails */
            if (gpsrc_stopping(g))
                break;
            gpsrc_report(g, GPSRC_CONNECTING, "lost the connection to gpsd "
                         "on %s (%s); connecting again", r.server, r.why);
        } else if (!gpsrc_stopping(g)) {
            gpsrc_report(g, GPSRC_CONNECTING, "gpsd on %s does not answer "
                         "(%s)", r.server, r.why);
        }
        gpsrc_sleep(g, GPSD_RETRY_MS);
    }
    return NULL;
}
