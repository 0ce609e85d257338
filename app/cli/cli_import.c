/* cli_import: `trygg import BUNDLE...` into the municipality's database. */
#include "cli.h"
#include "import.h"

#include <stdio.h>
#include <string.h>

static const char IMPORT_HELP[] =
    "usage: trygg [--db FILE] import BUNDLE...\n"
    "\n"
    "Verifies each bundle folder (SHA256SUMS, format, every field) and\n"
    "merges it into the database: new walks and spots are added, a spot with\n"
    "a higher revision replaces the stored one, anything else is left alone,\n"
    "so importing a bundle twice changes nothing. A bundle with any fault is\n"
    "refused whole, with the file, line and field named, and changes\n"
    "nothing. The exit code is 1 when any bundle was refused.\n";

static void print_report(const char *dir, const import_report *r)
{
    printf("Imported %s (device %s, made %s): walks %lld added, %lld "
           "updated, %lld unchanged; spots %lld added, %lld updated, %lld "
           "unchanged",
           dir, r->device_id, r->created_at, (long long)r->walks[IMP_ADDED],
           (long long)r->walks[IMP_UPDATED], (long long)r->walks[IMP_SAME],
           (long long)r->spots[IMP_ADDED], (long long)r->spots[IMP_UPDATED],
           (long long)r->spots[IMP_SAME]);
    if (r->categories_added)
        printf("; %lld new categories", (long long)r->categories_added);
    printf(".\n");
}

int cli_import(cli_ctx *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(IMPORT_HELP, stdout);
        return CLI_OK;
    }
    if (argc < 2)
        return cli_usage_error("import", "give one or more bundle folders");
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-')
            return cli_usage_error("import", "unknown option %s", argv[i]);
    store *st;
    if (cli_open(c, &st))
        return CLI_FAIL;
    int refused = 0;
    for (int i = 1; i < argc; i++) {
        import_report r;
        err_t e;
        if (import_bundle(st, argv[i], &r, &e) == 0) {
            print_report(argv[i], &r);
            continue;
        }
        fprintf(stderr, "trygg import: refused %s: %s. Nothing from it was "
                "imported.\n", argv[i], e.msg);
        refused++;
    }
    store_close(st);
    if (argc > 2)
        printf("%d of %d bundles imported.\n", argc - 1 - refused, argc - 1);
    return refused ? CLI_FAIL : CLI_OK;
}
