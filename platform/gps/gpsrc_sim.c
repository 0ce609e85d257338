/* gpsrc_sim: the simulated source, for demos and the touch app without a
 * receiver. It replays a route file (t_s,lat,lon,err_m; a header line and
 * # comments allowed; err_m may be empty) at real time speed, one fix a
 * second, positions interpolated between the route's points, and starts
 * again after the last point. Every fix is marked simulated. Not a test
 * double for gpsd: the gpsd tests use a real gpsd fed by gpsfake. */
#include "gpsrc_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIM_STEP_MS 1000

/* One decimal field; empty is NAN when empty_ok. Returns 0 or -1. */
static int parse_field(char *s, int empty_ok, double *out)
{
    char *end;
    while (*s == ' ')
        s++;
    if (*s == '\0' && empty_ok)
        return *out = NAN, 0;
    errno = 0;
    *out = strtod(s, &end);
    while (*end == ' ')
        end++;
    return end == s || *end != '\0' || errno || !isfinite(*out) ? -1 : 0;
}

static const char *const FIELD_NAMES[] = {"t_s", "lat", "lon", "err_m"};

/* Check a parsed point against the one before; NULL or what is wrong. */
static const char *point_problem(const gpsrc_point *p, const gpsrc_point *prev,
                                 int *field)
{
    if (p->t_s < 0 || (prev && p->t_s < prev->t_s))
        return *field = 0, "must not go back in time or below 0";
    if (p->lat < -90 || p->lat > 90)
        return *field = 1, "is not in -90..90";
    if (p->lon < -180 || p->lon > 180)
        return *field = 2, "is not in -180..180";
    if (p->err_m < 0)
        return *field = 3, "must not be negative";
    return NULL;
}

/* Split one line into its four fields and check them. */
static int parse_point(char *line, const gpsrc_point *prev, gpsrc_point *p,
                       const char *name, int lineno, err_t *e)
{
    double *v[4] = {&p->t_s, &p->lat, &p->lon, &p->err_m};
    char *f = line;
    int i;
    for (i = 0; i < 4; i++) {
        char *comma = strchr(f, ',');
        if ((comma != NULL) != (i < 3))
            return err_set(e, "%s line %d: expected 4 fields (t_s,lat,lon,"
                           "err_m)", name, lineno);
        if (comma)
            *comma = '\0';
        if (parse_field(f, i == 3, v[i]))
            return err_set(e, "%s line %d, field %s: \"%s\" is not a number",
                           name, lineno, FIELD_NAMES[i], f);
        if (comma)
            f = comma + 1;
    }
    const char *why = point_problem(p, prev, &i);
    if (why)
        return err_set(e, "%s line %d, field %s: %s", name, lineno,
                       FIELD_NAMES[i], why);
    return 0;
}

static int add_point(gpsrc *g, const gpsrc_point *p, size_t *cap, err_t *e)
{
    if (g->n_route == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        gpsrc_point *n = realloc(g->route, ncap * sizeof *n);
        if (!n)
            return err_os(e, ENOMEM, "%s", g->route_name);
        g->route = n;
        *cap = ncap;
    }
    g->route[g->n_route++] = *p;
    return 0;
}

/* 1 for lines that hold no point: blank, # comment, the header. */
static int skip_line(const char *line)
{
    return line[0] == '\0' || line[0] == '#' || strncmp(line, "t_s", 3) == 0;
}

static int read_route(gpsrc *g, FILE *f, err_t *e)
{
    char *line = NULL;
    size_t lcap = 0, cap = 0;
    int lineno = 0, rc = 0;
    while (rc == 0 && getline(&line, &lcap, f) != -1) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (skip_line(line))
            continue;
        gpsrc_point p;
        rc = parse_point(line, g->n_route ? &g->route[g->n_route - 1] : NULL,
                         &p, g->route_name, lineno, e);
        if (rc == 0)
            rc = add_point(g, &p, &cap, e);
    }
    if (rc == 0 && ferror(f))
        rc = err_os(e, errno, "%s: read", g->route_name);
    free(line);
    return rc;
}

int gpsrc_sim_load(gpsrc *g, const char *path, err_t *e)
{
    const char *slash = strrchr(path, '/');
    snprintf(g->route_name, sizeof g->route_name, "%s",
             slash ? slash + 1 : path);
    FILE *f = fopen(path, "r");
    if (!f)
        return err_os(e, errno, "GPS route %s", path);
    int rc = read_route(g, f, e);
    fclose(f);
    if (rc == 0 && g->n_route == 0)
        rc = err_set(e, "GPS route %s has no points", path);
    return rc;
}

/* The route's position at t seconds after its first point. */
static void route_at(const gpsrc *g, double t, gpsrc_fix *f)
{
    const gpsrc_point *r = g->route;
    size_t i = 0;
    t += r[0].t_s;
    while (i + 1 < g->n_route && r[i + 1].t_s <= t)
        i++;
    if (i + 1 == g->n_route || r[i + 1].t_s == r[i].t_s) {
        f->lat = r[i].lat, f->lon = r[i].lon, f->err_m = r[i].err_m;
        return;
    }
    double k = (t - r[i].t_s) / (r[i + 1].t_s - r[i].t_s);
    f->lat = r[i].lat + k * (r[i + 1].lat - r[i].lat);
    f->lon = r[i].lon + k * (r[i + 1].lon - r[i].lon);
    f->err_m = isnan(r[i + 1].err_m)
                   ? r[i].err_m
                   : r[i].err_m + k * (r[i + 1].err_m - r[i].err_m);
}

void *gpsrc_sim_main(void *arg)
{
    gpsrc *g = arg;
    /* The last point is held for one step, then the route starts again. */
    int64_t period_ms = llround((g->route[g->n_route - 1].t_s -
                                 g->route[0].t_s) * 1000) + SIM_STEP_MS;
    int64_t t0 = gpsrc_now_ms();
    for (int64_t k = 0; !gpsrc_stopping(g); k++) {
        gpsrc_fix f;
        memset(&f, 0, sizeof f);
        route_at(g, (double)(k * SIM_STEP_MS % period_ms) / 1000, &f);
        f.got_ms = gpsrc_now_ms();
        f.time_ms = gpsrc_wall_ms();
        f.sats_used = -1;
        f.simulated = 1;
        gpsrc_report_fix(g, &f, "simulated: %s", g->route_name);
        int64_t wait = t0 + (k + 1) * SIM_STEP_MS - gpsrc_now_ms();
        if (gpsrc_sleep(g, wait > 0 ? wait : 0))
            break;
    }
    return NULL;
}
