/*
 * fuzz_followup: libFuzzer target for reading a follow-up bundle into a
 * device's store (followup_import in followup.h).
 *
 * The input is a follow-up bundle in fuzz_bundle.h's container form:
 * manifest.csv, followup.csv and categories.csv separated by "%%" lines,
 * with a correct SHA256SUMS made for them. It is imported into a real
 * store (fuzz_store.h), and then:
 *   - a refused bundle says why, reports nothing, and the store committed
 *     nothing (data_version seen from another connection is unchanged);
 *   - an accepted list that is not newer than the one held committed
 *     nothing either;
 *   - an accepted list that replaced the held one is exactly as long as the
 *     report says, and the same bundle again is accepted, replaces nothing
 *     and commits nothing.
 * After a list replaced the held one the store starts again empty, so each
 * input meets the same store and a crash reproduces from its input alone
 * (a held list from the far future would otherwise make every later list
 * "not newer" and stop the fuzzer from going deeper).
 *
 * Not for: the sync bundle import (fuzz_import) or one CSV file (fuzz_csv).
 */
#include "followup.h"
#include "fuzz_bundle.h"
#include "fuzz_store.h"
#include "fuzz_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_EVERY 64 /* replaced lists between full store checks */

static const char *const FILES[] = {"manifest.csv", "followup.csv",
                                    "categories.csv"};

/* What lives from one input to the next (see fuzz_csv.c for why static). */
typedef struct fz_followup {
    char bundle[PATH_MAX];
    fzs db;
    uint64_t replaced;
    int verbose; /* $TRYGG_FUZZ_VERBOSE: say what became of each input */
} fz_followup;

static fz_followup *followup_ctx(void)
{
    static fz_followup *c;
    if (!c) {
        const char *dir = fz_scratch_dir("followup");
        if (!(c = calloc(1, sizeof *c)))
            fz_fail("out of memory");
        fz_join(c->bundle, sizeof c->bundle, dir, "trygg-followup-fuzz");
        fzs_open(&c->db, dir);
        c->verbose = getenv("TRYGG_FUZZ_VERBOSE") != NULL;
    }
    return c;
}

static int count_spot(void *ctx, const followup_spot *f)
{
    (void)f;
    ++*(int64_t *)ctx;
    return 0;
}

static void check_list_length(fz_followup *c, const followup_report *rep)
{
    int64_t n = 0;
    err_t e = {{0}, 0};
    if (store_followup_each(c->db.st, count_spot, &n, &e))
        fz_fail("store_followup_each: %s", e.msg);
    if (n != rep->n_spots)
        fz_fail("the report says %lld spots, the store holds %lld",
                (long long)rep->n_spots, (long long)n);
}

/* The same bundle again: accepted, not newer, nothing committed. */
static void check_again(fz_followup *c)
{
    followup_report rep;
    err_t e = {{0}, 0};
    int64_t before = fzs_version(&c->db);
    if (followup_import(c->db.st, c->bundle, &rep, &e))
        fz_fail("accepted once, refused the second time: %s", e.msg);
    if (rep.replaced || fzs_version(&c->db) != before)
        fz_fail("the same list again replaced the held one");
}

static void after_accepted(fz_followup *c, const followup_report *rep,
                           int64_t before)
{
    int committed = fzs_version(&c->db) != before;
    if (rep->replaced != committed)
        fz_fail("replaced = %d, but the store %s", rep->replaced,
                committed ? "committed" : "did not commit");
    if (!rep->replaced)
        return;
    check_list_length(c, rep);
    check_again(c);
    if (++c->replaced % CHECK_EVERY == 0)
        fzs_check(&c->db);
    fzs_reset(&c->db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_followup *c = followup_ctx();
    followup_report rep;
    err_t e = {{0}, 0};
    fzb_write(c->bundle, data, size, FILES, sizeof FILES / sizeof *FILES);
    int64_t before = fzs_version(&c->db);
    int rc = followup_import(c->db.st, c->bundle, &rep, &e);
    if (c->verbose)
        fprintf(stderr, "fuzz_followup: %s%s\n",
                rc ? "refused: " : "accepted", rc ? e.msg : "");
    if (rc == 0) {
        after_accepted(c, &rep, before);
        return 0;
    }
    if (rc != -1 || e.msg[0] == '\0')
        fz_fail("followup_import returned %d, \"%s\"", rc, e.msg);
    if (fzs_version(&c->db) != before)
        fz_fail("a refused list committed something (%s)", e.msg);
    return 0;
}
