/* cli_export: `trygg export --format geojson|csv|excel [--year YYYY]
 * --out FILE` at the municipality: the spots for GIS and spreadsheets. */
#include "cli.h"
#include "export.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char EXPORT_HELP[] =
    "usage: trygg [--db FILE] export --format geojson|csv|excel\n"
    "                 [--year YYYY] --out FILE\n"
    "\n"
    "Writes every spot (deleted ones left out) with its status, the date,\n"
    "role and light of its walk, the newest answer from a follow-up walk,\n"
    "and its SWEREF 99 TM northing and easting into FILE, and prints the\n"
    "path on the last line.\n"
    "  geojson  for QGIS and other GIS: points in WGS 84, [lon, lat]\n"
    "  csv      the columns of a bundle's spots.csv, then the others\n"
    "  excel    for Excel in Swedish: ';', decimal comma, Swedish local\n"
    "           time and labels\n"
    "--year YYYY  only the spots of walks started in that year.\n"
    "FILE is replaced only by a complete export. Needs PROJ (libproj and\n"
    "proj-data); excel also needs tzdata.\n";

typedef struct export_args {
    export_format format;
    int has_format;
    int year;            /* 0: every year */
    const char *out;
} export_args;

/* One option of getopt_long; CLI_OK or CLI_USAGE (said on stderr). */
static int take_option(int ch, const char *arg, export_args *a)
{
    err_t e;
    int64_t year;
    if (ch == 'f') {
        if (export_parse_format(arg, &a->format, &e))
            return cli_usage_error("export", "%s", e.msg);
        a->has_format = 1;
    } else if (ch == 'y') {
        if (model_parse_int(arg, strlen(arg), 1000, 9998, &year, &e))
            return cli_usage_error("export", "--year %s: %s", arg, e.msg);
        a->year = (int)year;
    } else {
        a->out = arg;
    }
    return CLI_OK;
}

static int parse_args(int argc, char **argv, export_args *a)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'},
        {"year", required_argument, 0, 'y'},
        {"out", required_argument, 0, 'o'},
        {0, 0, 0, 0}};
    int ch;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch != 'f' && ch != 'y' && ch != 'o')
            return cli_usage_error("export", "unknown option or missing "
                                   "value: %s", argv[optind - 1]);
        if (take_option(ch, optarg, a) != CLI_OK)
            return CLI_USAGE;
    }
    if (!a->has_format || !a->out || optind < argc)
        return cli_usage_error("export", "give --format geojson|csv|excel "
                               "and --out FILE");
    return CLI_OK;
}

int cli_export(cli_ctx *c, int argc, char **argv)
{
    export_args a = {.year = 0};
    if (cli_wants_help(argc, argv))
        return fputs(EXPORT_HELP, stdout) < 0;
    int rc = parse_args(argc, argv, &a);
    if (rc != CLI_OK)
        return rc;
    if (cli_swedish_time("export"))
        return CLI_FAIL;
    store *st;
    if (cli_open(c, &st))
        return CLI_FAIL;
    err_t e;
    int64_t n = 0;
    rc = export_write(st, a.format, a.year, a.out, &n, &e);
    store_close(st);
    if (rc)
        return cli_error("export", &e);
    printf("Exported %lld spots.\n%s\n", (long long)n, a.out);
    return CLI_OK;
}
