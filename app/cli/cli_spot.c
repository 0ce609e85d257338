/* cli_spot: `trygg spot add|edit|delete|list`; `spot add --gps` averages
 * a few seconds of fixes from gpsd (fix.h, platform/gps) and stores the
 * spot only when the average is good enough. */
#include "bundle.h"
#include "cli.h"
#include "fix.h"
#include "gpsrc.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char SPOT_HELP[] =
    "usage: trygg [--db FILE] spot add --lat L --lon L [--accuracy M]\n"
    "                 --category CODE [--severity 1-3] [--note TEXT]\n"
    "       trygg [--db FILE] [--gpsd HOST:PORT] spot add --gps\n"
    "                 [--gps-timeout S] [--max-accuracy M]\n"
    "                 --category CODE [--severity 1-3] [--note TEXT]\n"
    "       trygg [--db FILE] spot edit ID [--lat L --lon L] [--accuracy M]\n"
    "                 [--category CODE] [--severity 1-3] [--note TEXT]\n"
    "       trygg [--db FILE] spot delete ID\n"
    "       trygg [--db FILE] spot list [--walk WALK_ID] [--csv]\n"
    "       trygg [--db FILE] spot status ID [STATUS [--comment TEXT]]\n"
    "\n"
    "add     adds a spot to the open walk and prints its id on the last\n"
    "        line once it is safely stored. With --accuracy the position\n"
    "        came from GPS (position_source=gps), else it was placed on the\n"
    "        map. Severity: 1 a little unsafe, 2 unsafe (default), 3 very\n"
    "        unsafe; none for a category that marks a safe place.\n"
    "        With --gps the position comes from gpsd (default\n"
    "        localhost:2947): fixes are averaged for 3 s after the first\n"
    "        one within --max-accuracy M metres (default 20). Without one\n"
    "        within --gps-timeout S seconds (default 30) nothing is stored\n"
    "        and the exit code is 1.\n"
    "edit    changes the given fields; a new --lat/--lon without --accuracy\n"
    "        counts as moved by hand. ID may be a unique prefix.\n"
    "delete  deletes the spot (sent once more at the next sync).\n"
    "list    shows live spots, newest first; --csv prints every spot in\n"
    "        the database, deleted ones too, as the bundle's spots.csv.\n";

/* What the command line gave; has_* says which options were present. */
typedef struct spot_args {
    spot s;
    int has_lat, has_lon, has_accuracy, has_category, has_severity, has_note;
    int csv;
    const char *walk_id;
    int gps, has_gps_opt;  /* --gps; --gps-timeout or --max-accuracy */
    int64_t gps_timeout_s;
    double max_accuracy_m;
} spot_args;

#define GPS_TIMEOUT_S 30
#define GPS_AVERAGE_MS 3000 /* averaging after the first good fix */
#define GPS_POLL_MS 250

/* --gps, --gps-timeout S, --max-accuracy M. */
static int apply_gps_opt(spot_args *a, const char *name, const char *v,
                         err_t *e)
{
    size_t n = strlen(v);
    if (strcmp(name, "gps") == 0)
        return a->gps = 1, 0;
    a->has_gps_opt = 1;
    if (strcmp(name, "gps-timeout") == 0)
        return model_parse_int(v, n, 1, 3600, &a->gps_timeout_s, e);
    if (model_parse_accuracy(v, n, &a->max_accuracy_m, e))
        return -1;
    return a->max_accuracy_m > 0 ? 0 : err_set(e, "must be more than 0");
}

static int apply_opt(spot_args *a, const char *name, const char *v, err_t *e)
{
    size_t n = strlen(v);
    if (strcmp(name, "lat") == 0)
        return a->has_lat = 1, model_parse_lat(v, n, &a->s.lat, e);
    if (strcmp(name, "lon") == 0)
        return a->has_lon = 1, model_parse_lon(v, n, &a->s.lon, e);
    if (strcmp(name, "accuracy") == 0)
        return a->has_accuracy = 1,
               model_parse_accuracy(v, n, &a->s.accuracy_m, e);
    if (strcmp(name, "category") == 0)
        return a->has_category = 1, model_parse_code(v, n, a->s.category, e);
    if (strcmp(name, "severity") == 0)
        return a->has_severity = 1,
               model_parse_severity(v, n, &a->s.severity, e);
    if (strcmp(name, "note") == 0)
        return a->has_note = 1,
               model_parse_text(v, n, MODEL_NOTE_MAX_CHARS, a->s.note, e);
    if (strcmp(name, "walk") == 0)
        return a->walk_id = v, 0;
    if (strncmp(name, "gps", 3) == 0 || strcmp(name, "max-accuracy") == 0)
        return apply_gps_opt(a, name, v, e);
    a->csv = 1;
    return 0;
}

/* Parse options; positional arguments are left at argv[optind..). */
static int parse_args(const char *cmd, int argc, char **argv, spot_args *a,
                      int *first_pos)
{
    static const struct option opts[] = {
        {"lat", required_argument, 0, 0},
        {"lon", required_argument, 0, 0},
        {"accuracy", required_argument, 0, 0},
        {"category", required_argument, 0, 0},
        {"severity", required_argument, 0, 0},
        {"note", required_argument, 0, 0},
        {"walk", required_argument, 0, 0},
        {"csv", no_argument, 0, 0},
        {"gps", no_argument, 0, 0},
        {"gps-timeout", required_argument, 0, 0},
        {"max-accuracy", required_argument, 0, 0},
        {0, 0, 0, 0}};
    err_t e;
    int ch, li = 0;
    memset(a, 0, sizeof *a);
    a->gps_timeout_s = GPS_TIMEOUT_S;
    a->max_accuracy_m = FIX_MAX_ERR_M;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, &li)) != -1) {
        if (ch != 0)
            return cli_usage_error(cmd, "unknown option or missing value: %s",
                                   argv[optind - 1]);
        if (apply_opt(a, opts[li].name, optarg ? optarg : "", &e))
            return cli_usage_error(cmd, "--%s: %s", opts[li].name, e.msg);
    }
    if ((a->gps || a->has_gps_opt) && strcmp(cmd, "spot add") != 0)
        return cli_usage_error(cmd, "--gps, --gps-timeout and --max-accuracy "
                               "are for spot add");
    *first_pos = optind;
    return CLI_OK;
}

static int print_saved(const char *what, const spot *p)
{
    printf("Spot %s: %s, %.6f %.6f (%s%s), revision %lld.\n%s\n", what,
           p->category, p->lat, p->lon, model_source_name(p->source),
           p->has_accuracy ? ", with accuracy" : "", (long long)p->revision,
           p->id);
    return CLI_OK;
}

/* Severity 2 ("unsafe") unless given; none for a positive category. */
static void default_severity(store *st, spot_args *a)
{
    const cat_entry *c = cat_find(store_categories(st), a->s.category);
    if (c && c->positive && !a->has_severity)
        a->s.severity = 0;
    else if (c && !c->positive && !a->s.severity)
        a->s.severity = 2;
}

/* What `spot add --gps` heard: the average, and the source's last word. */
typedef struct gps_take {
    fix_avg avg;
    char detail[sizeof ((gpsrc_event *)0)->detail];
} gps_take;

/* Average fixes until GPS_AVERAGE_MS after the first one within the
 * threshold, or until the timeout. Poorer fixes count too, with their
 * small weight. */
static void gps_collect(gpsrc_queue *q, const spot_args *a, gps_take *t)
{
    int64_t now = gpsrc_now_ms(), end = now + a->gps_timeout_s * 1000;
    int have_good = 0;
    gpsrc_event ev;
    fix_avg_reset(&t->avg);
    snprintf(t->detail, sizeof t->detail, "no word from the GPS source");
    for (; now < end; now = gpsrc_now_ms()) {
        int64_t wait = end - now < GPS_POLL_MS ? end - now : GPS_POLL_MS;
        if (!gpsrc_queue_get(q, (int)wait, &ev))
            continue;
        memcpy(t->detail, ev.detail, sizeof t->detail);
        if (!ev.has_fix)
            continue;
        fix_avg_add(&t->avg, ev.fix.lat, ev.fix.lon, ev.fix.err_m,
                    ev.fix.got_ms);
        if (!have_good && ev.fix.err_m <= a->max_accuracy_m) {
            have_good = 1;
            if (end > ev.fix.got_ms + GPS_AVERAGE_MS)
                end = ev.fix.got_ms + GPS_AVERAGE_MS;
        }
    }
}

/* Run the gpsd source for the time gps_collect needs. */
static int gps_listen(gpsrc_opts *o, const spot_args *a, gps_take *t,
                      err_t *e)
{
    gpsrc_queue *q;
    gpsrc *g;
    if (gpsrc_queue_new(&q, e))
        return -1;
    o->fn = gpsrc_queue_put;
    o->ctx = q;
    if (gpsrc_start(&g, o, e)) {
        gpsrc_queue_free(q);
        return -1;
    }
    if (isatty(STDERR_FILENO))
        fprintf(stderr, "trygg spot add: waiting for GPS (up to %lld s)\n",
                (long long)a->gps_timeout_s);
    gps_collect(q, a, t);
    gpsrc_stop(g);
    gpsrc_queue_free(q);
    return 0;
}

/* The average, if it is good enough for a gps spot; else why not. */
static int gps_judge(const gps_take *t, const spot_args *a, fix_result *r,
                     err_t *e)
{
    *r = fix_avg_result(&t->avg, gpsrc_now_ms(), a->max_accuracy_m,
                        FIX_MAX_AGE_MS);
    if (r->usable)
        return 0;
    if (r->n == 0)
        return err_set(e, "no GPS fix within %lld s: %s; nothing stored",
                       (long long)a->gps_timeout_s, t->detail);
    if (r->err_m > a->max_accuracy_m)
        return err_set(e, "best GPS fix was %.3g m, worse than %g m "
                       "(--max-accuracy); nothing stored", r->err_m,
                       a->max_accuracy_m);
    return err_set(e, "the last GPS fix is %.0f s old (%s); nothing stored",
                   (double)r->age_ms / 1000, t->detail);
}

/* Refuse before waiting for GPS what the store would refuse after it. */
static int gps_precheck(store *st, const spot_args *a, err_t *e)
{
    char walk_id[IDS_UUID_LEN + 1];
    if (!cat_find(store_categories(st), a->s.category))
        return err_set(e, "\"%s\" is not a known category", a->s.category);
    int open = store_walk_open(st, walk_id, e);
    if (open == 0)
        return err_set(e, "no walk is open; start one first (trygg walk "
                       "start)");
    return open < 0 ? -1 : 0;
}

/* The spot takes the average's position and error (to 0.1 m, as the
 * bundle writes it). */
static void take_gps_position(spot *s, const fix_result *r)
{
    s->lat = r->lat;
    s->lon = r->lon;
    s->accuracy_m = round(r->err_m * 10) / 10;
    s->has_accuracy = 1;
    s->source = SRC_GPS;
}

static int spot_add_gps(cli_ctx *c, spot_args *a)
{
    gpsrc_opts o = {.kind = GPSRC_GPSD};
    char server[256];
    gps_take t;
    fix_result r;
    store *st;
    err_t e;
    if (a->has_lat || a->has_lon || a->has_accuracy)
        return cli_usage_error("spot add", "--gps takes the position from "
                               "GPS: no --lat, --lon or --accuracy with it");
    if (c->gpsd && gpsrc_parse_server(c->gpsd, &o, server, sizeof server, &e))
        return cli_usage_error("spot add", "--gpsd: %s", e.msg);
    if (cli_open(c, &st))
        return CLI_FAIL;
    default_severity(st, a);
    int rc = gps_precheck(st, a, &e) || gps_listen(&o, a, &t, &e) ||
             gps_judge(&t, a, &r, &e);
    if (rc == 0) {
        take_gps_position(&a->s, &r);
        rc = store_spot_add(st, &a->s, &e);
    }
    if (rc == 0)
        printf("GPS: %d fixes averaged, error %.1f m.\n", r.n,
               a->s.accuracy_m);
    rc = rc ? cli_error("spot add", &e) : print_saved("saved", &a->s);
    store_close(st);
    return rc;
}

static int spot_add(cli_ctx *c, int argc, char **argv)
{
    spot_args a;
    store *st;
    err_t e;
    int pos, rc = parse_args("spot add", argc, argv, &a, &pos);
    if (rc != CLI_OK)
        return rc;
    if (pos < argc)
        return cli_usage_error("spot add", "unexpected argument: %s",
                               argv[pos]);
    if (a.has_gps_opt && !a.gps)
        return cli_usage_error("spot add", "--gps-timeout and --max-accuracy "
                               "go with --gps");
    if (a.gps && !a.has_category)
        return cli_usage_error("spot add", "--category is required");
    if (a.gps)
        return spot_add_gps(c, &a);
    if (!a.has_lat || !a.has_lon || !a.has_category)
        return cli_usage_error("spot add", "--lat, --lon and --category are "
                               "required");
    a.s.has_accuracy = a.has_accuracy;
    a.s.source = a.has_accuracy ? SRC_GPS : SRC_MAP;
    if (cli_open(c, &st))
        return CLI_FAIL;
    default_severity(st, &a);
    rc = store_spot_add(st, &a.s, &e) ? cli_error("spot add", &e)
                                      : print_saved("saved", &a.s);
    store_close(st);
    return rc;
}

/* Lay the edit's fields over the stored spot. */
static void merge_edit(store *st, spot_args *a, spot *s)
{
    if (a->has_lat) {
        s->lat = a->s.lat;
        s->lon = a->s.lon;
        s->source = a->has_accuracy ? SRC_GPS : SRC_MAP;
        s->has_accuracy = a->has_accuracy;
    }
    if (a->has_accuracy)
        s->accuracy_m = a->s.accuracy_m;
    if (a->has_category)
        memcpy(s->category, a->s.category, sizeof s->category);
    if (a->has_note)
        memcpy(s->note, a->s.note, sizeof s->note);
    if (a->has_severity)
        s->severity = a->s.severity;
    memcpy(a->s.category, s->category, sizeof s->category);
    a->s.severity = s->severity;
    default_severity(st, a);
    s->severity = a->s.severity;
}

static int spot_edit(cli_ctx *c, int argc, char **argv)
{
    spot_args a;
    spot s;
    store *st;
    err_t e;
    int pos, rc = parse_args("spot edit", argc, argv, &a, &pos);
    if (rc != CLI_OK)
        return rc;
    if (pos != argc - 1)
        return cli_usage_error("spot edit", "give exactly one spot id");
    if (a.has_lat != a.has_lon)
        return cli_usage_error("spot edit", "give --lat and --lon together");
    if (cli_open(c, &st))
        return CLI_FAIL;
    int found = store_spot_get(st, argv[pos], &s, &e);
    if (found == 0)
        err_set(&e, "no spot with id %s", argv[pos]);
    if (found <= 0) {
        store_close(st);
        return cli_error("spot edit", &e);
    }
    merge_edit(st, &a, &s);
    rc = store_spot_update(st, &s, &e) ? cli_error("spot edit", &e)
                                       : print_saved("changed", &s);
    store_close(st);
    return rc;
}

static int spot_delete(cli_ctx *c, int argc, char **argv)
{
    store *st;
    err_t e;
    spot s;
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error("spot delete", "give exactly one spot id");
    if (cli_open(c, &st))
        return CLI_FAIL;
    int rc = CLI_OK, found = store_spot_get(st, argv[1], &s, &e);
    if (found == 0)
        err_set(&e, "no spot with id %s", argv[1]);
    if (found <= 0 || store_spot_delete(st, s.id, &e))
        rc = cli_error("spot delete", &e);
    else
        printf("Spot deleted.\n%s\n", s.id);
    store_close(st);
    return rc;
}

static int print_spot(void *ctx, const spot *p)
{
    char t[TM_ISO_LEN + 1];
    (void)ctx;
    tm_format_iso(p->created_at, t);
    printf("%s  %s  %11.6f %11.6f  %-4s %-12s %s  %s\n", p->id, t, p->lat,
           p->lon, model_source_name(p->source), p->category,
           p->severity ? (const char[]){(char)('0' + p->severity), 0} : "-",
           p->note);
    return 0;
}

static int csv_spot(void *ctx, const spot *p)
{
    bundle_csv_spot(ctx, p);
    return 0;
}

static int spot_list(cli_ctx *c, int argc, char **argv)
{
    spot_args a;
    store *st;
    err_t e;
    csv_out out;
    int pos, rc = parse_args("spot list", argc, argv, &a, &pos);
    if (rc != CLI_OK)
        return rc;
    if (pos < argc)
        return cli_usage_error("spot list", "unexpected argument: %s",
                               argv[pos]);
    if (cli_open(c, &st))
        return CLI_FAIL;
    if (a.csv) {
        fflush(stdout);
        rc = csv_out_init(&out, STDOUT_FILENO, 0, &e);
        if (rc == 0) {
            bundle_csv_spot_header(&out);
            rc = store_spot_each(st, a.walk_id,
                                 STORE_WITH_DELETED | STORE_BY_ID, csv_spot,
                                 &out, &e);
        }
        if (rc == 0)
            rc = csv_out_finish(&out, NULL, &e);
    } else {
        printf("%-36s  %-20s  %11s %11s  %-4s %-12s %s  %s\n", "spot_id",
               "created", "latitude", "longitude", "src", "category", "s",
               "note");
        rc = store_spot_each(st, a.walk_id, 0, print_spot, NULL, &e);
    }
    store_close(st);
    return rc ? cli_error("spot list", &e) : CLI_OK;
}

int cli_spot(cli_ctx *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(SPOT_HELP, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    if (strcmp(argv[1], "add") == 0)
        return spot_add(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "edit") == 0)
        return spot_edit(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "delete") == 0)
        return spot_delete(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") == 0)
        return spot_list(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "status") == 0)
        return cli_spot_status(c, argc - 1, argv + 1);
    return cli_usage_error("spot", "unknown subcommand \"%s\"", argv[1]);
}
