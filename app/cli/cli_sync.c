/* cli_sync: `trygg sync --out DIR [--all]`. */
#include "bundle.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char SYNC_HELP[] =
    "usage: trygg [--db FILE] sync --out DIR [--all]\n"
    "\n"
    "Writes one bundle folder into DIR (a folder, a USB stick, a shared\n"
    "drive) with every walk and spot that is new or changed since the last\n"
    "sync, and every answer given at follow-up spots since then (checks.csv),\n"
    "and prints its path on the last line. With nothing new it writes\n"
    "nothing and says so. --all writes everything this device has; such a\n"
    "bundle imports cleanly over earlier ones.\n";

int cli_sync(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"out", required_argument, 0, 'o'},
                                         {"all", no_argument, 0, 'a'},
                                         {0, 0, 0, 0}};
    const char *out = NULL;
    int all = 0, ch;
    if (cli_wants_help(argc, argv)) {
        fputs(SYNC_HELP, stdout);
        return CLI_OK;
    }
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'o')
            out = optarg;
        else if (ch == 'a')
            all = 1;
        else
            return cli_usage_error("sync", "unknown option or missing value: "
                                   "%s", argv[optind - 1]);
    }
    if (!out || optind < argc)
        return cli_usage_error("sync", "give the target folder with --out "
                               "DIR");
    store *st;
    err_t e;
    bundle_result res;
    if (cli_open(c, &st))
        return CLI_FAIL;
    int rc = bundle_write(st, out, all, c->version, &res, &e);
    store_close(st);
    if (rc) {
        cli_error("sync", &e);
        /* The walker's question after a failure: is my walk lost? */
        if (!res.written)
            fputs("trygg sync: nothing was marked as synced; the next sync "
                  "sends the same walks and spots again.\n", stderr);
        return CLI_FAIL;
    }
    if (!res.written) {
        printf("Nothing new since the last sync; no bundle written.\n");
        return CLI_OK;
    }
    printf("Synced %lld walks and %lld spots", (long long)res.n_walks,
           (long long)res.n_spots);
    if (res.n_checks)
        printf(" and %lld follow-up answers", (long long)res.n_checks);
    printf(".\n%s\n", res.path);
    return CLI_OK;
}
