/* main: the `trygg` program. With a subcommand it runs the command line
 * (app/cli); without one (only options) it starts the touch app
 * (app/ui/sdl/app.c). The global option --db FILE may stand anywhere. */
#include "app.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

#ifndef TRYGG_VERSION
#error "TRYGG_VERSION comes from CMakeLists.txt"
#endif

static const char MAIN_HELP[] =
    "usage: trygg [--db FILE] COMMAND [ARGS]\n"
    "\n"
    "The field recorder for safety walks (trygghetsvandringar).\n"
    "\n"
    "  walk start|end|list           begin, end and list walks\n"
    "  spot add|edit|delete|list     record and correct unsafe spots\n"
    "  sync --out DIR [--all]        write a bundle for the municipality\n"
    "  import BUNDLE...              merge bundles into this database\n"
    "  spot status ID STATUS         open|planned|fixed|wontfix (municipality)\n"
    "  report --year YYYY --out F    the yearly follow-up report (HTML)\n"
    "  export --format F --out FILE  geojson, csv or excel, with SWEREF 99 TM\n"
    "  followup --out DIR            spots to check again, for devices;\n"
    "  followup list|answer          on a device: that list and its answers\n"
    "  salvage --out DIR             a bundle of what a damaged database\n"
    "                                still holds\n"
    "  gps                           live GPS status from gpsd\n"
    "  map install FILE.geojson      use a municipality's own base map\n"
    "  version                       print the version\n"
    "\n"
    "With no command, trygg starts the touch app (options: trygg --help-app).\n"
    "--db FILE  the database (default $XDG_DATA_HOME/trygg/trygg.sqlite)\n"
    "--gpsd HOST:PORT  the gpsd to ask (default localhost:2947)\n"
    "Each command takes --help.\n";

/* Take --db FILE and --gpsd HOST:PORT (or --opt=VALUE) out of argv
 * wherever they stand. Returns the
 * new argc, or -1 when --db has no value. */
static int take_global(int argc, char **argv, cli_ctx *c)
{
    int out = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < argc)
                argv[out++] = argv[i++];
            break;
        }
        if (strncmp(argv[i], "--db=", 5) == 0) {
            c->db_path = argv[i] + 5;
        } else if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc)
                return -1;
            c->db_path = argv[++i];
        } else if (strncmp(argv[i], "--gpsd=", 7) == 0) {
            c->gpsd = argv[i] + 7;
        } else if (strcmp(argv[i], "--gpsd") == 0) {
            if (i + 1 >= argc)
                return -1;
            c->gpsd = argv[++i];
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    return out;
}

static int run_app(const cli_ctx *c, int argc, char **argv)
{
    app_opts o = {.db_path = c->db_path, .gpsd = c->gpsd,
                  .version = c->version};
    int help;
    int rc = app_parse_args(argc, argv, &o, &help);
    if (rc || help)
        return rc;
    return app_run(&o);
}

int main(int argc, char **argv)
{
    cli_ctx c = {.db_path = NULL, .version = TRYGG_VERSION};
    argc = take_global(argc, argv, &c);
    if (argc < 0 || (c.db_path && !c.db_path[0])) {
        fprintf(stderr, "trygg: --db and --gpsd need a value\n");
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (argc < 2 || (strncmp(cmd, "--", 2) == 0 && strcmp(cmd, "--help") &&
                     strcmp(cmd, "--version")))
        return run_app(&c, argc, argv);
    if (strcmp(cmd, "walk") == 0)
        return cli_walk(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "spot") == 0)
        return cli_spot(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "sync") == 0)
        return cli_sync(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "import") == 0)
        return cli_import(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return cli_report(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "export") == 0)
        return cli_export(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "salvage") == 0)
        return cli_salvage(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "followup") == 0)
        return cli_followup(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "gps") == 0)
        return cli_gps(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "map") == 0)
        return cli_map(&c, argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0)
        return printf("trygg %s\n", TRYGG_VERSION) < 0;
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "-h") == 0)
        return fputs(MAIN_HELP, stdout) < 0;
    fprintf(stderr, "trygg: unknown command \"%s\" (see trygg --help)\n", cmd);
    return CLI_USAGE;
}
