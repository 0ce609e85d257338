/* cli_import: `trygg import BUNDLE...`: a device's sync bundle into the
 * municipality's database, or the municipality's follow-up bundle into a
 * device's. The manifest's format says which; the same command serves both
 * so that nobody has to know which kind of folder they hold. */
#include "cli.h"
#include "followup.h"
#include "import.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char IMPORT_HELP[] =
    "usage: trygg [--db FILE] import BUNDLE...\n"
    "\n"
    "Verifies each bundle folder (SHA256SUMS, format, every field) and\n"
    "merges it into the database: new walks and spots are added, a spot with\n"
    "a higher revision replaces the stored one, anything else is left alone,\n"
    "so importing a bundle twice changes nothing. A bundle with any fault is\n"
    "refused whole, with the file, line and field named, and changes\n"
    "nothing. The exit code is 1 when any bundle was refused.\n"
    "\n"
    "A follow-up bundle (trygg-followup-..., from `trygg followup --out`)\n"
    "replaces this database's follow-up list when it is newer than the one\n"
    "held; answers given stay. Any database takes one; on a device it is\n"
    "what the walk screen shows.\n";

static void print_report(FILE *f, const char *dir, const import_report *r)
{
    char shown[PATH_MAX];
    dir = cli_shown(dir, shown, sizeof shown);
    fprintf(f, "Imported %s (device %s, made %s): walks %lld added, %lld "
           "updated, %lld unchanged; spots %lld added, %lld updated, %lld "
           "unchanged",
           dir, r->device_id, r->created_at, (long long)r->walks[IMP_ADDED],
           (long long)r->walks[IMP_UPDATED], (long long)r->walks[IMP_SAME],
           (long long)r->spots[IMP_ADDED], (long long)r->spots[IMP_UPDATED],
           (long long)r->spots[IMP_SAME]);
    if (r->checks[IMP_ADDED] || r->checks[IMP_SAME])
        fprintf(f, "; answers %lld added, %lld unchanged",
               (long long)r->checks[IMP_ADDED], (long long)r->checks[IMP_SAME]);
    if (r->categories_added)
        fprintf(f, "; %lld new categories", (long long)r->categories_added);
    fprintf(f, ".\n");
}

static void print_followup(FILE *f, const char *dir,
                           const followup_report *r)
{
    char shown[PATH_MAX];
    dir = cli_shown(dir, shown, sizeof shown);
    if (r->replaced)
        fprintf(f, "Imported follow-up list %s (made %s): %lld spots to follow "
               "up.\n", dir, r->created_at, (long long)r->n_spots);
    else
        fprintf(f, "Follow-up list %s (made %s) is not newer than the list this "
               "device has; nothing changed.\n", dir, r->created_at);
}

/* Import one folder of either kind, telling f what it did; 0 or -1 with
 * the reason in e. */
static int import_one(store *st, const char *dir, FILE *f, err_t *e)
{
    char format[64];
    /* A folder whose format cannot be read goes to the sync import, which
     * names what is wrong in its own terms (sums first). */
    if (import_peek_format(dir, format, sizeof format, NULL) == 0 &&
        strcmp(format, FOLLOWUP_FORMAT) == 0) {
        followup_report fr;
        if (followup_import(st, dir, &fr, e))
            return -1;
        print_followup(f, dir, &fr);
        return 0;
    }
    import_report r;
    if (import_bundle(st, dir, &r, e))
        return -1;
    print_report(f, dir, &r);
    return 0;
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
    /* All bundles in one transaction (a savepoint each): what each one did
     * is told only once the whole import is on disk. */
    char *told = NULL;
    size_t told_len = 0;
    FILE *f = open_memstream(&told, &told_len);
    err_t e;
    if (!f || store_begin_batch(st, &e)) {
        if (f)
            fclose(f);
        free(told);
        store_close(st);
        return f ? cli_error("import", &e)
                 : (fprintf(stderr, "trygg import: out of memory\n"),
                    CLI_FAIL);
    }
    int refused = 0;
    for (int i = 1; i < argc; i++) {
        if (import_one(st, argv[i], f, &e) == 0)
            continue;
        char shown[PATH_MAX];
        fprintf(stderr, "trygg import: refused %s: %s. Nothing from it was "
                "imported.\n", cli_shown(argv[i], shown, sizeof shown),
                e.msg);
        refused++;
    }
    fclose(f);
    int rc = store_end_batch(st, 1, &e);
    store_close(st);
    if (rc) {
        fprintf(stderr, "trygg import: %s: %s. Nothing of this import was "
                "saved.\n", c->db_path ? c->db_path : "database", e.msg);
        free(told);
        return CLI_FAIL;
    }
    fputs(told ? told : "", stdout);
    free(told);
    if (argc > 2)
        printf("%d of %d bundles imported.\n", argc - 1 - refused, argc - 1);
    return refused ? CLI_FAIL : CLI_OK;
}
