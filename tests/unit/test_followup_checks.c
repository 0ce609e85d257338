/* test_followup_checks: the walkers' answers on their way back: checks.csv
 * in the sync bundle only when there are answers, the manifest's count,
 * the merge at the municipality (idempotent), and the refusals of bad
 * answers, which leave the municipal database as it was. */
#include "test_followup_kit.h"

typedef struct loop {
    db dev, muni;
    spot a, b, c;                 /* a, c: followed up; b: fixed meanwhile */
    char walk2[IDS_UUID_LEN + 1]; /* the walk the answers were given on */
    bundle_result first, answers;
} loop;

static bundle_result sync_dev(db *d, int all)
{
    char out[300];
    bundle_result r;
    err_t e;
    snprintf(out, sizeof out, "%s/sync-out", dir);
    mkdir(out, 0755);
    if (bundle_write(d->st, out, all, "test", &r, &e)) {
        TH_FAIL("sync: %s", e.msg);
        memset(&r, 0, sizeof r);
    }
    return r;
}

static int has_member(const char *bundle, const char *name)
{
    struct stat sb;
    return stat(member_path(bundle, name), &sb) == 0;
}

static int n_checks(db *d)
{
    int n = 0;
    err_t e;
    CHECK_INT(store_check_each(d->st, NULL, count_check, &n, &e), 0);
    return n;
}

static int count_walk(void *ctx, const walk *w, int64_t n)
{
    (void)w;
    (void)n;
    (*(int *)ctx)++;
    return 0;
}

static int n_walks(db *d)
{
    int n = 0;
    err_t e;
    CHECK_INT(store_walk_each(d->st, count_walk, &n, &e), 0);
    return n;
}

/* A device's first walk goes to the municipality, which decides and sends
 * its follow-up list back; the device answers on a second walk. */
static void first_round(loop *l)
{
    err_t e;
    followup_result fr;
    followup_report rep;
    import_report ir;
    char out[300];
    walk_start(&l->dev, "Första");
    l->a = add_spot(&l->dev, "lighting", 3, "mörkt");
    l->b = add_spot(&l->dev, "traffic", 2, "");
    l->c = add_spot(&l->dev, "litter", 1, "");
    walk_end(&l->dev);
    l->first = sync_dev(&l->dev, 0);
    CHECK(l->first.written && l->first.n_checks == 0);
    CHECK(!has_member(l->first.path, BUNDLE_CHECKS));
    char *mf = read_member(l->first.path, BUNDLE_MANIFEST);
    CHECK(!strstr(mf, "checks"));
    free(mf);
    CHECK_INT(import_bundle(l->muni.st, l->first.path, &ir, &e), 0);
    CHECK(ir.spots[IMP_ADDED] == 3 && ir.checks[IMP_ADDED] == 0);
    set_status(&l->muni, &l->b, STATUS_FIXED, "");
    snprintf(out, sizeof out, "%s/fu-out", dir);
    mkdir(out, 0755);
    CHECK_INT(followup_write(l->muni.st, out, 0, "test", &fr, &e), 0);
    CHECK_INT(fr.n_spots, 2);
    CHECK_INT(followup_import(l->dev.st, fr.path, &rep, &e), 0);
    CHECK_INT(rep.replaced, 1);
}

static void answer_round(loop *l)
{
    err_t e;
    spot_check c;
    CHECK_INT(sync_dev(&l->dev, 0).written, 0); /* a list is not news */
    walk_start(&l->dev, "Uppföljning");
    CHECK_INT(store_walk_open(l->dev.st, l->walk2, &e), 1);
    CHECK_INT(store_check_add(l->dev.st, l->a.id, ANSWER_STILL, &c, &e), 0);
    CHECK_INT(store_check_add(l->dev.st, l->c.id, ANSWER_FIXED, &c, &e), 0);
    walk_end(&l->dev);
    l->answers = sync_dev(&l->dev, 0);
    CHECK(l->answers.written && l->answers.n_checks == 2 &&
          l->answers.n_walks == 1 && l->answers.n_spots == 0);
    char *csv = read_member(l->answers.path, BUNDLE_CHECKS);
    CHECK(!strncmp(csv, "check_id,spot_id,walk_id,answered_at,answer\r\n", 45));
    CHECK_HAS(csv, l->a.id);
    CHECK_HAS(csv, ",still\r\n");
    CHECK_HAS(csv, ",fixed\r\n");
    free(csv);
    char *mf = read_member(l->answers.path, BUNDLE_MANIFEST);
    CHECK_HAS(mf, "\r\nchecks,2\r\n");
    free(mf);
    char *sums = read_member(l->answers.path, BUNDLE_SUMS);
    CHECK_HAS(sums, "  checks.csv\n");
    free(sums);
    CHECK_INT(sync_dev(&l->dev, 0).written, 0); /* answers marked synced */
}

/* ---- refusals, before the good bundle goes in ---- */

typedef struct fault {
    const char *name, *file, *old, *new;
    const char *want1, *want2;
} fault;

static void refuse(loop *l, const char *bundle, const fault *f, int i,
                   int do_resum)
{
    char copy[768], tag[32];
    import_report r;
    err_t e;
    int checks = n_checks(&l->muni), walks = n_walks(&l->muni);
    snprintf(tag, sizeof tag, "checks-case%d", i);
    copy_bundle(bundle, tag, copy);
    edit(copy, f->file, f->old, f->new);
    if (do_resum)
        resum(copy);
    if (import_bundle(l->muni.st, copy, &r, &e) == 0) {
        TH_FAIL("%s: accepted", f->name);
        return;
    }
    CHECK_HAS(e.msg, f->want1);
    CHECK_HAS(e.msg, f->want2);
    CHECK_INT(n_checks(&l->muni), checks);
    CHECK_INT(n_walks(&l->muni), walks);
}

static void refusals(loop *l)
{
    const char *unknown = "0d4c3f0e-5b0a-4c1e-9f7a-1b2c3d4e5f60";
    char *csv = read_member(l->answers.path, BUNDLE_CHECKS);
    char first_id[IDS_UUID_LEN + 1], second_id[IDS_UUID_LEN + 1];
    /* Line 2 and 3 start with the answers' ids. */
    snprintf(first_id, sizeof first_id, "%s", strstr(csv, "\r\n") + 2);
    snprintf(second_id, sizeof second_id, "%s",
             strstr(strstr(csv, "\r\n") + 2, "\r\n") + 2);
    free(csv);
    const fault faults[] = {
        {"answer maybe", BUNDLE_CHECKS, ",still\r\n", ",maybe\r\n",
         "checks.csv line 2, field answer", "maybe"},
        {"unknown spot", BUNDLE_CHECKS, l->a.id, unknown,
         "checks.csv line 2, field spot_id", "not in this database"},
        {"unknown walk", BUNDLE_CHECKS, l->walk2, unknown,
         "checks.csv line 2, field walk_id", unknown},
        {"duplicate id", BUNDLE_CHECKS, second_id, first_id,
         "checks.csv line 3, field check_id", "appears twice"},
        {"answered_at without Z", BUNDLE_CHECKS, "Z,still", ",still",
         "checks.csv line 2, field answered_at", ""},
        {"check_id not a uuid", BUNDLE_CHECKS, first_id, "42",
         "checks.csv line 2, field check_id", ""},
        {"count mismatch", BUNDLE_MANIFEST, "checks,2", "checks,3",
         "checks.csv has 2 rows", "manifest.csv says 3"},
        {"count missing", BUNDLE_MANIFEST, "checks,2\r\n", "", "checks.csv",
         "no key checks"},
        {"missing column", BUNDLE_CHECKS, "answered_at,", "answered,",
         "checks.csv", "\"answered_at\""},
    };
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        refuse(l, l->answers.path, &faults[i], (int)i, 1);
    /* Damage is found by the sum, whatever the content. */
    fault damaged = {"changed after the sums",
                     BUNDLE_CHECKS,
                     ",still\r\n",
                     ",fixed\r\n",
                     "checks.csv",
                     "does not match"};
    refuse(l, l->answers.path, &damaged, 90, 0);
}

/* The manifest counts answers that are not there. */
static void refuse_missing_file(loop *l)
{
    char copy[768];
    import_report r;
    err_t e;
    copy_bundle(l->answers.path, "checks-nofile", copy);
    CHECK_INT(unlink(member_path(copy, BUNDLE_CHECKS)), 0);
    char *sums = read_member(copy, BUNDLE_SUMS);
    char *line = strstr(sums, "  checks.csv\n");
    if (line)
        edit(copy, BUNDLE_SUMS, line - SHA_HEX_LEN, "");
    free(sums);
    CHECK_INT(import_bundle(l->muni.st, copy, &r, &e), -1);
    CHECK_HAS(e.msg, "no checks.csv");
    CHECK_INT(n_checks(&l->muni), 0);
}

static void merge(loop *l)
{
    import_report r;
    err_t e;
    CHECK_INT(import_bundle(l->muni.st, l->answers.path, &r, &e), 0);
    CHECK(r.checks[IMP_ADDED] == 2 && r.checks[IMP_SAME] == 0 &&
          r.walks[IMP_ADDED] == 1);
    CHECK_INT(n_checks(&l->muni), 2);
    int n = 0;
    CHECK_INT(store_check_each(l->muni.st, l->a.id, count_check, &n, &e), 0);
    CHECK_INT(n, 1);
    /* The same bundle again, and everything again (--all): nothing new. */
    CHECK_INT(import_bundle(l->muni.st, l->answers.path, &r, &e), 0);
    CHECK(r.checks[IMP_SAME] == 2 && r.checks[IMP_ADDED] == 0);
    bundle_result all = sync_dev(&l->dev, 1);
    CHECK_INT(all.n_checks, 2);
    CHECK_INT(import_bundle(l->muni.st, all.path, &r, &e), 0);
    CHECK(r.checks[IMP_SAME] == 2 && r.checks[IMP_ADDED] == 0);
    CHECK_INT(n_checks(&l->muni), 2);
    /* An answer is never changed: the same id with other content. */
    fault changed = {"changed answer",
                     BUNDLE_CHECKS,
                     ",still\r\n",
                     ",fixed\r\n",
                     "checks.csv line 2, field check_id",
                     "never changed"};
    refuse(l, l->answers.path, &changed, 91, 1);
}

static int find_a(void *ctx, const followup_spot *f)
{
    followup_spot *out = ctx;
    if (strcmp(f->spot_id, out->spot_id) == 0)
        *out = *f;
    return 0;
}

/* The municipality's candidates carry the newest answer any device gave. */
static void newest_answer_at_muni(loop *l)
{
    err_t e;
    followup_spot f = {0};
    snprintf(f.spot_id, sizeof f.spot_id, "%s", l->a.id);
    CHECK_INT(store_followup_candidates(l->muni.st, 0, find_a, &f, &e), 0);
    CHECK(f.has_answer && f.answer == ANSWER_STILL);
}

int main(void)
{
    loop l;
    memset(&l, 0, sizeof l);
    th_tmpdir(dir, "fuchecks");
    db_open(&l.dev, "device", "2026-11-01T18:00:00Z");
    db_open(&l.muni, "muni", "2026-11-02T09:00:00Z");
    first_round(&l);
    answer_round(&l);
    refusals(&l);
    refuse_missing_file(&l);
    merge(&l);
    newest_answer_at_muni(&l);
    store_close(l.dev.st);
    store_close(l.muni.st);
    return th_report("test_followup_checks");
}
