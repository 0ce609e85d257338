/* cli_gps: `trygg gps`: what gpsd says, live, one line per change of state
 * and per fix, for finding out why a spot gets no GPS position (no gpsd,
 * no receiver, no fix, a poor fix). It reads the same source the touch app
 * and `spot add --gps` use (platform/gps) and stores nothing. With --sim
 * it plays a route file instead, to check one before a demo. */
#include "cli.h"
#include "gpsrc.h"
#include "tm.h"

#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char GPS_HELP[] =
    "usage: trygg [--gpsd HOST:PORT] gps [--count N] [--timeout S]\n"
    "       trygg gps --sim ROUTE.csv [--count N] [--timeout S]\n"
    "\n"
    "Connects to gpsd (default localhost:2947) and prints a line for each\n"
    "change of state and each fix:\n"
    "  CONNECTING  gpsd on localhost:2947 does not answer (...)\n"
    "  NO_FIX      receiver reports no fix\n"
    "  FIX         lat 59.708349 lon 14.159470 err 5.0 m age 0.0 s sats 8 ...\n"
    "err is the receiver's horizontal error estimate (? when it gives none),\n"
    "age how long ago the fix came. A lost gpsd is retried every 2 s.\n"
    "\n"
    "--count N    exit 0 after N fixes (default: run until interrupted)\n"
    "--timeout S  exit 1 when S seconds pass without a fix (default: never)\n"
    "--sim ROUTE  play a route file (t_s,lat,lon,err_m, as\n"
    "             assets/gps/demo-route.csv) in real time instead of gpsd\n";

#define GPS_POLL_MS 250

/* Set by SIGINT/SIGTERM; the wait loop looks at it every GPS_POLL_MS. */
static volatile sig_atomic_t gps_interrupted;

static void on_signal(int sig)
{
    (void)sig;
    gps_interrupted = 1;
}

typedef struct gps_args {
    int64_t count;     /* 0: until interrupted */
    int64_t timeout;   /* seconds without a fix; 0: never */
    const char *route; /* --sim, or NULL for gpsd */
} gps_args;

static int parse_args(int argc, char **argv, gps_args *a)
{
    static const struct option opts[] = {
        {"count", required_argument, 0, 'n'},
        {"timeout", required_argument, 0, 't'},
        {"sim", required_argument, 0, 's'},
        {0, 0, 0, 0}};
    err_t e;
    int ch, li = 0;
    memset(a, 0, sizeof *a);
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, &li)) != -1) {
        if (ch == 's') {
            a->route = optarg;
            continue;
        }
        if (ch != 'n' && ch != 't')
            return cli_usage_error("gps", "unknown option or missing value: "
                                   "%s", argv[optind - 1]);
        if (model_parse_int(optarg, strlen(optarg), 1, 1000000,
                            ch == 'n' ? &a->count : &a->timeout, &e))
            return cli_usage_error("gps", "--%s: %s", opts[li].name, e.msg);
    }
    if (optind < argc)
        return cli_usage_error("gps", "unexpected argument: %s", argv[optind]);
    return CLI_OK;
}

static const char *state_name(gpsrc_state s)
{
    switch (s) {
    case GPSRC_CONNECTING:
        return "CONNECTING";
    case GPSRC_NO_FIX:
        return "NO_FIX";
    case GPSRC_FIX:
        return "FIX";
    default:
        return "OFF";
    }
}

static void print_fix(const gpsrc_fix *f, int64_t now_ms)
{
    char err[32], sats[16], when[TM_ISO_LEN + 1];
    if (isnan(f->err_m))
        snprintf(err, sizeof err, "?");
    else
        snprintf(err, sizeof err, "%.1f", f->err_m);
    if (f->sats_used >= 0)
        snprintf(sats, sizeof sats, "%d", f->sats_used);
    else
        snprintf(sats, sizeof sats, "?");
    tm_format_iso(f->time_ms / 1000, when);
    printf("%-11s lat %.6f lon %.6f err %s m age %.1f s sats %s time %s%s\n",
           "FIX", f->lat, f->lon, err, (double)(now_ms - f->got_ms) / 1000,
           sats, when, f->simulated ? " simulated" : "");
}

/* Print one event: a fix line, or the new state and its detail. */
static void print_event(const gpsrc_event *ev)
{
    if (ev->has_fix)
        print_fix(&ev->fix, gpsrc_now_ms());
    else
        printf("%-11s %s\n", state_name(ev->state), ev->detail);
    fflush(stdout);
}

/* Print events until count fixes, a timeout without a fix, or a signal.
 * Returns the exit code. */
static int watch(gpsrc_queue *q, const gps_args *a)
{
    int64_t n = 0, last_fix = gpsrc_now_ms();
    char detail[sizeof ((gpsrc_event *)0)->detail] = "";
    gpsrc_event ev;
    while (!gps_interrupted) {
        if (a->timeout && gpsrc_now_ms() - last_fix > a->timeout * 1000) {
            fprintf(stderr, "trygg gps: no GPS fix for %lld s: %s\n",
                    (long long)a->timeout, detail);
            return CLI_FAIL;
        }
        if (!gpsrc_queue_get(q, GPS_POLL_MS, &ev))
            continue;
        print_event(&ev);
        memcpy(detail, ev.detail, sizeof detail);
        if (ev.has_fix) {
            last_fix = gpsrc_now_ms();
            if (++n == a->count)
                return CLI_OK;
        }
    }
    return n > 0 ? CLI_OK : CLI_FAIL;
}

static int run(gpsrc_opts *o, const gps_args *a)
{
    err_t e;
    gpsrc_queue *q;
    gpsrc *g;
    if (gpsrc_queue_new(&q, &e))
        return cli_error("gps", &e);
    o->fn = gpsrc_queue_put;
    o->ctx = q;
    if (gpsrc_start(&g, o, &e)) {
        gpsrc_queue_free(q);
        return cli_error("gps", &e);
    }
    int rc = watch(q, a);
    gpsrc_stop(g);
    gpsrc_queue_free(q);
    return rc;
}

int cli_gps(cli_ctx *c, int argc, char **argv)
{
    gps_args a;
    err_t e;
    char server[256];
    gpsrc_opts o = {.kind = GPSRC_GPSD};
    struct sigaction sa, old_int, old_term;
    if (cli_wants_help(argc, argv))
        return fputs(GPS_HELP, stdout), CLI_OK;
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc;
    if (a.route && c->gpsd)
        return cli_usage_error("gps", "--sim and --gpsd do not go together");
    if (c->gpsd && gpsrc_parse_server(c->gpsd, &o, server, sizeof server, &e))
        return cli_usage_error("gps", "--gpsd: %s", e.msg);
    if (a.route) {
        o.kind = GPSRC_SIM;
        o.route = a.route;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    rc = run(&o, &a);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    return rc;
}
