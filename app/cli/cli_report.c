/* cli_report: `trygg report --year YYYY [--public] [--lang sv|en] --out
 * FILE.html` at the municipality: the yearly follow-up report (report.h).
 * The base map is chosen as the touch app chooses it: the installed one
 * (trygg map install) when it loads, else the built-in map of the centre;
 * a broken installed map is named on stderr and the built-in one used. */
#include "basemap.h"
#include "cli.h"
#include "paths.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char REPORT_HELP[] =
    "usage: trygg [--db FILE] report --year YYYY --out FILE.html\n"
    "                 [--public] [--lang sv|en]\n"
    "\n"
    "Writes the yearly follow-up of the safety walks as one HTML file that\n"
    "opens offline (nothing is fetched from anywhere) and prints on A4:\n"
    "a map of the centre with the year's spots (colour: category, size:\n"
    "severity, ring: a safe place), spots per category and severity, the\n"
    "walks, the safe places, this year against last year, and what became\n"
    "of last year's spots: the status set with `trygg spot status` and what\n"
    "walkers answered on follow-up walks.\n"
    "\n"
    "A year is the walks that started in it; deleted spots are not counted.\n"
    "Run it on the municipality's database, after importing the bundles.\n"
    "\n"
    "--public   for the website and the paper: leaves out every free text\n"
    "           that may name a person (notes, walk titles and areas, status\n"
    "           comments). Without it the report is for staff: it lists\n"
    "           every spot with its note, and only its owner may read it.\n"
    "--lang     sv (default) or en: headings, words and category labels.\n"
    "\n"
    "The map is the installed base map (trygg map install), else the\n"
    "built-in one. The file appears whole or not at all; an existing FILE\n"
    "is replaced. Prints a summary and the file's path on the last line.\n";

typedef struct report_args {
    int year;
    int public_only;
    report_lang lang;
    const char *out;
} report_args;

static int parse_year(const char *s, int *out)
{
    char *end;
    errno = 0;
    long y = strtol(s, &end, 10);
    if (errno || *end || end - s != 4 || y < 1000 || y > 9998)
        return -1;
    *out = (int)y;
    return 0;
}

/* Returns CLI_OK, or the exit code of a usage error already reported. */
static int parse_args(int argc, char **argv, report_args *a)
{
    static const struct option opts[] = {
        {"year", required_argument, 0, 'y'}, {"out", required_argument, 0, 'o'},
        {"public", no_argument, 0, 'p'},     {"lang", required_argument, 0, 'l'},
        {0, 0, 0, 0}};
    int ch, have_year = 0;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'y':
            if (parse_year(optarg, &a->year))
                return cli_usage_error("report", "--year takes a year like "
                                       "2025, not \"%s\"", optarg);
            have_year = 1;
            break;
        case 'o': a->out = optarg; break;
        case 'p': a->public_only = 1; break;
        case 'l':
            if (!report_parse_lang(optarg, &a->lang))
                return cli_usage_error("report", "--lang is sv or en, not "
                                       "\"%s\"", optarg);
            break;
        default:
            return cli_usage_error("report", "unknown option or missing "
                                   "value: %s", argv[optind - 1]);
        }
    }
    if (!have_year || !a->out || !a->out[0] || optind < argc)
        return cli_usage_error("report", "give the year with --year YYYY and "
                               "the file with --out FILE.html");
    return CLI_OK;
}

/* The app's rule: the installed map when there is one and it loads. */
static int load_map(basemap *m)
{
    char path[PATH_MAX];
    struct stat sb;
    err_t e;
    if (paths_default_map(path, sizeof path, &e) == 0 &&
        stat(path, &sb) == 0) {
        if (basemap_load(m, path, BASEMAP_ORIGIN_LAT, BASEMAP_ORIGIN_LON,
                         &e) == 0)
            return 1;
        fprintf(stderr, "trygg report: note: the installed base map cannot "
                "be used (%s); the built-in map is drawn\n", e.msg);
    }
    if (basemap_load_default(m, BASEMAP_ORIGIN_LAT, BASEMAP_ORIGIN_LON,
                             &e) == 0)
        return 1;
    fprintf(stderr, "trygg report: note: no base map (%s); the report's map "
            "shows a grid\n", e.msg);
    return 0;
}

int cli_report(cli_ctx *c, int argc, char **argv)
{
    report_args a = {.lang = REPORT_SV};
    if (cli_wants_help(argc, argv))
        return fputs(REPORT_HELP, stdout) < 0;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    if (cli_swedish_time("report"))
        return CLI_FAIL;
    store *st;
    if (cli_open(c, &st))
        return CLI_FAIL;
    basemap m;
    int have_map = load_map(&m);
    report_opts o = {.year = a.year, .public_only = a.public_only,
                     .lang = a.lang, .map = have_map ? &m : NULL,
                     .now = store_now(st), .version = c->version};
    report_result res;
    err_t e;
    rc = report_write(st, &o, a.out, &res, &e);
    store_close(st);
    if (have_map)
        basemap_free(&m);
    if (rc)
        return cli_error("report", &e);
    printf("Report for %d (%s): %lld walks, %lld spots.\n", a.year,
           a.public_only ? "public" : "full, for staff only",
           (long long)res.n_walks, (long long)res.n_spots);
    if (res.n_outside)
        printf("%lld of them lie outside the map's view and are drawn at "
               "its edge.\n", (long long)res.n_outside);
    printf("%s\n", a.out);
    return CLI_OK;
}
