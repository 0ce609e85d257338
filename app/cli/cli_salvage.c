/* cli_salvage: `trygg salvage --out DIR`, the command line's way to send
 * what can still be read from a damaged device database (salvage.h). */
#include "cli.h"
#include "paths.h"
#include "salvage.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

static const char SALVAGE_HELP[] =
    "usage: trygg [--db FILE] salvage --out DIR\n"
    "\n"
    "For a device database that trygg refuses as damaged. Reads every walk,\n"
    "spot and follow-up answer that can still be read, past the damaged\n"
    "parts, and writes them as an ordinary sync bundle into DIR (all of\n"
    "them, also those synced before: the municipality's import skips what it\n"
    "has). Prints what was rescued and what was lost, and the bundle's path\n"
    "on the last line. The damaged file is only read, never changed: keep it\n"
    "for the municipality's staff.\n";

static void print_losses(const salvage_counts *n)
{
    if (n->unreadable)
        printf("Lost where the file is damaged: %lld rows\n",
               (long long)n->unreadable);
    if (n->tail_lost)
        printf("Lost: the end of a table that is cut off or damaged; how "
               "many rows were there cannot be told\n");
    if (n->tables_lost)
        printf("Tables that could not be read at all: %d\n", n->tables_lost);
    if (n->invalid)
        printf("Rows left out because their values are damaged: %lld\n",
               (long long)n->invalid);
    if (n->orphans)
        printf("Spots and answers left out because their walk was lost: "
               "%lld\n", (long long)n->orphans);
}

int cli_salvage(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"out", required_argument, 0, 'o'},
                                         {0, 0, 0, 0}};
    const char *out = NULL;
    int ch;
    if (cli_wants_help(argc, argv)) {
        fputs(SALVAGE_HELP, stdout);
        return CLI_OK;
    }
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch != 'o')
            return cli_usage_error("salvage", "unknown option or missing "
                                   "value: %s", argv[optind - 1]);
        out = optarg;
    }
    if (!out || optind < argc)
        return cli_usage_error("salvage", "give the target folder with "
                               "--out DIR");
    err_t e;
    char path[PATH_MAX];
    const char *db = c->db_path;
    if (!db && paths_default_db(path, sizeof path, &e) == 0)
        db = path;
    if (!db)
        return cli_error("salvage", &e);
    salvage_result r;
    if (salvage_bundle(db, out, c->version, &r, &e))
        return cli_error("salvage", &e);
    printf("Rescued %lld walks, %lld spots and %lld follow-up answers from "
           "%s\n", (long long)r.n.walks, (long long)r.n.spots,
           (long long)r.n.checks, db);
    print_losses(&r.n);
    if (!r.bundle.written) {
        fprintf(stderr, "trygg salvage: no walk could be read from %s; no "
                "bundle written\n", db);
        return CLI_FAIL;
    }
    printf("%s\n", r.bundle.path);
    return CLI_OK;
}
