/*
 * fuzz_import: libFuzzer target for the whole sync bundle import
 * (import_bundle in import.h): sums, manifest, categories, walks, spots
 * and the walkers' answers (checks.csv), merged into a real store.
 *
 * The input is a bundle in fuzz_bundle.h's container form: manifest.csv,
 * walks.csv, spots.csv, categories.csv and checks.csv, separated by "%%"
 * lines, with a correct SHA256SUMS made for them. It is imported into one
 * store that lives across inputs (fuzz_store.h), and then:
 *   - a refused bundle says why, reports nothing, and the store committed
 *     nothing (data_version seen from another connection is unchanged);
 *   - an accepted bundle imported a second time is accepted again and adds
 *     or updates nothing, walks, spots, answers or categories (the spec's
 *     idempotence);
 *   - every CHECK_EVERY accepted imports the store passes integrity_check
 *     and foreign_key_check.
 * Any break aborts, which libFuzzer reports as a crash.
 *
 * Not for: the reading of one CSV file (fuzz_csv goes deeper there).
 */
#include "cat.h"
#include "fuzz_bundle.h"
#include "fuzz_store.h"
#include "fuzz_util.h"
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_EVERY 128 /* accepted imports between full store checks */
/* A new store when the old one has this many categories (an import may add
 * any code it lists, and a full table would refuse every new one) or this
 * many bytes (a store that keeps growing slows every import down). */
#define RESET_CATEGORIES (CAT_MAX - 40)
#define RESET_BYTES (32LL << 20)

static const char *const FILES[] = {"manifest.csv", "walks.csv", "spots.csv",
                                    "categories.csv", "checks.csv"};

/* What lives from one input to the next (see fuzz_csv.c for why static). */
typedef struct fz_import {
    char bundle[PATH_MAX];
    fzs db;
    uint64_t accepted;
    int verbose; /* $TRYGG_FUZZ_VERBOSE: say what became of each input */
} fz_import;

static fz_import *import_ctx(void)
{
    static fz_import *c;
    if (!c) {
        const char *dir = fz_scratch_dir("import");
        if (!(c = calloc(1, sizeof *c)))
            fz_fail("out of memory");
        fz_join(c->bundle, sizeof c->bundle, dir, "trygg-fuzz-bundle");
        fzs_open(&c->db, dir);
        c->verbose = getenv("TRYGG_FUZZ_VERBOSE") != NULL;
    }
    return c;
}

static int report_is_empty(const import_report *r)
{
    static const import_report zero;
    return memcmp(r, &zero, sizeof zero) == 0;
}

static void check_refused(fz_import *c, int rc, int64_t before,
                          const import_report *rep, const err_t *e)
{
    if (rc != -1)
        fz_fail("import_bundle returned %d", rc);
    if (e->msg[0] == '\0')
        fz_fail("a refused bundle with no message");
    if (!report_is_empty(rep))
        fz_fail("a refused bundle reported counts (%s)", e->msg);
    if (fzs_version(&c->db) != before)
        fz_fail("a refused bundle committed something (%s)", e->msg);
}

/* The same bundle again: accepted, and nothing added or updated. */
static void check_idempotent(fz_import *c)
{
    import_report rep;
    err_t e = {{0}, 0};
    if (import_bundle(c->db.st, c->bundle, &rep, &e))
        fz_fail("accepted once, refused the second time: %s", e.msg);
    if (rep.walks[IMP_ADDED] || rep.walks[IMP_UPDATED] ||
        rep.spots[IMP_ADDED] || rep.spots[IMP_UPDATED] ||
        rep.checks[IMP_ADDED] || rep.checks[IMP_UPDATED] ||
        rep.categories_added)
        fz_fail("the second import changed something: walks +%lld ~%lld, "
                "spots +%lld ~%lld, checks +%lld ~%lld, categories +%lld",
                (long long)rep.walks[IMP_ADDED],
                (long long)rep.walks[IMP_UPDATED],
                (long long)rep.spots[IMP_ADDED],
                (long long)rep.spots[IMP_UPDATED],
                (long long)rep.checks[IMP_ADDED],
                (long long)rep.checks[IMP_UPDATED],
                (long long)rep.categories_added);
}

static void after_accepted(fz_import *c)
{
    check_idempotent(c);
    if (++c->accepted % CHECK_EVERY != 0)
        return;
    fzs_check(&c->db);
    if (store_categories(c->db.st)->n >= RESET_CATEGORIES ||
        fzs_size(&c->db) >= RESET_BYTES)
        fzs_reset(&c->db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_import *c = import_ctx();
    import_report rep;
    err_t e = {{0}, 0};
    fzb_write(c->bundle, data, size, FILES, sizeof FILES / sizeof *FILES);
    int64_t before = fzs_version(&c->db);
    int rc = import_bundle(c->db.st, c->bundle, &rep, &e);
    if (c->verbose)
        fprintf(stderr, "fuzz_import: %s%s\n", rc ? "refused: " : "accepted",
                rc ? e.msg : "");
    if (rc != 0)
        check_refused(c, rc, before, &rep, &e);
    else
        after_accepted(c);
    return 0;
}
