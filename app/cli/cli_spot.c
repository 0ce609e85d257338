/* cli_spot: `trygg spot add|edit|delete|list`. */
#include "bundle.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char SPOT_HELP[] =
    "usage: trygg [--db FILE] spot add --lat L --lon L [--accuracy M]\n"
    "                 --category CODE [--severity 1-3] [--note TEXT]\n"
    "       trygg [--db FILE] spot edit ID [--lat L --lon L] [--accuracy M]\n"
    "                 [--category CODE] [--severity 1-3] [--note TEXT]\n"
    "       trygg [--db FILE] spot delete ID\n"
    "       trygg [--db FILE] spot list [--walk WALK_ID] [--csv]\n"
    "\n"
    "add     adds a spot to the open walk and prints its id on the last\n"
    "        line once it is safely stored. With --accuracy the position\n"
    "        came from GPS (position_source=gps), else it was placed on the\n"
    "        map. Severity: 1 a little unsafe, 2 unsafe (default), 3 very\n"
    "        unsafe; none for a category that marks a safe place.\n"
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
} spot_args;

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
        {0, 0, 0, 0}};
    err_t e;
    int ch, li = 0;
    memset(a, 0, sizeof *a);
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, &li)) != -1) {
        if (ch != 0)
            return cli_usage_error(cmd, "unknown option or missing value: %s",
                                   argv[optind - 1]);
        if (apply_opt(a, opts[li].name, optarg ? optarg : "", &e))
            return cli_usage_error(cmd, "--%s: %s", opts[li].name, e.msg);
    }
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
    return cli_usage_error("spot", "unknown subcommand \"%s\"", argv[1]);
}
