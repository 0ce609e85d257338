/* test_followup: the follow-up bundle between real databases: which spots
 * the municipality sends (status, positive, deleted, --year), that no note
 * or walk title travels, the device's import (replacing the list, newer and
 * older lists, answers kept), answering (needs an open walk, unique
 * prefixes), refusals that leave the device unchanged, and finding the
 * newest bundle in a folder. The answers' way back is
 * test_followup_checks.c. */
#include "test_followup_kit.h"

/* ---- the municipality ---- */

typedef struct muni_data {
    spot open25, planned25, fixed25, wontfix25, safe25, deleted25, open26;
} muni_data;

/* Two walks, 2025 and 2026, with a spot for every rule of the list. */
static void make_muni(db *m, muni_data *d)
{
    err_t e;
    m->clock = iso("2025-10-01T18:00:00Z");
    walk_start(m, "Hemlig titel Anna Andersson");
    d->open25 = add_spot(m, "lighting", 3, "HEMLIG anteckning om grannen");
    d->planned25 = add_spot(m, "traffic", 2, "HEMLIG två");
    d->fixed25 = add_spot(m, "litter", 1, "HEMLIG tre");
    d->wontfix25 = add_spot(m, "broken", 2, "");
    d->safe25 = add_spot(m, "safe", 0, "");
    d->deleted25 = add_spot(m, "vandalism", 2, "");
    CHECK_INT(store_spot_delete(m->st, d->deleted25.id, &e), 0);
    walk_end(m);
    m->clock = iso("2026-10-01T18:00:00Z");
    walk_start(m, "Andra");
    d->open26 = add_spot(m, "deserted", 1, "");
    walk_end(m);
    set_status(m, &d->planned25, STATUS_PLANNED,
               "=Ny lampa beställd, \"snart\"");
    set_status(m, &d->fixed25, STATUS_FIXED, "");
    set_status(m, &d->wontfix25, STATUS_WONTFIX, "Privat mark");
    /* Reopened: the newest decision counts. */
    set_status(m, &d->open26, STATUS_FIXED, "");
    set_status(m, &d->open26, STATUS_OPEN, "Lampan gick sönder igen");
}

static followup_result write_fu(db *m, int year)
{
    char out[300];
    followup_result r;
    err_t e;
    snprintf(out, sizeof out, "%s/fu-out", dir);
    mkdir(out, 0755);
    if (followup_write(m->st, out, year, "test", &r, &e)) {
        TH_FAIL("followup_write: %s", e.msg);
        memset(&r, 0, sizeof r);
    }
    return r;
}

static void test_write(db *m, const muni_data *d, followup_result *all,
                       followup_result *y25)
{
    *all = write_fu(m, 0);
    CHECK_INT(all->n_spots, 3);
    char *csv = read_member(all->path, FOLLOWUP_SPOTS);
    CHECK(strstr(csv, d->open25.id) && strstr(csv, d->planned25.id) &&
          strstr(csv, d->open26.id));
    CHECK(!strstr(csv, d->fixed25.id) && !strstr(csv, d->wontfix25.id) &&
          !strstr(csv, d->safe25.id) && !strstr(csv, d->deleted25.id));
    /* The comment is free text: quoted, and guarded against formulas. */
    CHECK_HAS(csv, "planned,\"'=Ny lampa beställd, \"\"snart\"\"\",");
    CHECK_HAS(csv, "open,Lampan gick sönder igen,");
    free(csv);
    static const char *const files[] = {BUNDLE_MANIFEST, FOLLOWUP_SPOTS,
                                        BUNDLE_CATEGORIES, BUNDLE_SUMS, NULL};
    for (int i = 0; files[i]; i++) { /* nothing that may name a person */
        char *s = read_member(all->path, files[i]);
        CHECK(!strstr(s, "HEMLIG") && !strstr(s, "Anna Andersson"));
        free(s);
    }
    char *mf = read_member(all->path, BUNDLE_MANIFEST);
    CHECK_HAS(mf, "format,trygg-followup\r\n");
    CHECK_HAS(mf, "year,\r\n");
    CHECK_HAS(mf, "spots,3\r\n");
    free(mf);
    *y25 = write_fu(m, 2025);
    CHECK_INT(y25->n_spots, 2);
    mf = read_member(y25->path, BUNDLE_MANIFEST);
    CHECK_HAS(mf, "year,2025\r\n");
    free(mf);
    /* Each bundle is newer than the last one written here. */
    CHECK(strcmp(strrchr(y25->path, '/'), strrchr(all->path, '/')) > 0);
    err_t e;
    followup_result r;
    CHECK_INT(followup_write(m->st, "/nonexistent/x", 0, "t", &r, &e), -1);
    CHECK_HAS(e.msg, "/nonexistent/x");
    CHECK_INT(followup_write(m->st, dir, 1850, "t", &r, &e), -1);
}

/* ---- the device ---- */

static int add_line(void *ctx, const followup_spot *f)
{
    char *s = ctx;
    snprintf(s + strlen(s), 4096 - strlen(s), "%s %s %s %d|", f->spot_id,
             model_status_name(f->status), f->comment, f->has_answer);
    return 0;
}

/* The device's list and its time as text, to see whether anything
 * changed. */
static void list_of(db *d, char *out)
{
    err_t e;
    int64_t t;
    CHECK_INT(store_followup_list_time(d->st, &t, &e), 0);
    snprintf(out, 4096, "%lld:", (long long)t);
    CHECK_INT(store_followup_each(d->st, add_line, out, &e), 0);
}

static int count_list(void *ctx, const followup_spot *f)
{
    (void)f;
    (*(int *)ctx)++;
    return 0;
}

static int list_len(db *d)
{
    int n = 0;
    err_t e;
    CHECK_INT(store_followup_each(d->st, count_list, &n, &e), 0);
    return n;
}

static followup_report import_fu(db *d, const char *path)
{
    followup_report r;
    err_t e;
    if (followup_import(d->st, path, &r, &e))
        TH_FAIL("followup_import %s: %s", path, e.msg);
    return r;
}

static void test_device(db *dv, const muni_data *d, const followup_result *all,
                        const followup_result *y25)
{
    err_t e;
    followup_spot f;
    spot_check c;
    followup_report r = import_fu(dv, y25->path); /* the newer one first */
    CHECK(r.replaced == 1 && r.n_spots == 2);
    CHECK_INT(list_len(dv), 2);
    CHECK_INT(store_followup_get(dv->st, d->planned25.id, &f, &e), 1);
    CHECK_STR(f.comment, "=Ny lampa beställd, \"snart\"");
    CHECK(f.status == STATUS_PLANNED && f.severity == 2 && !f.has_answer);
    CHECK_STR(f.category, "traffic");
    CHECK(f.lat == d->planned25.lat &&
          f.walked_on == iso("2025-10-01T18:00:00Z"));
    /* No answer without a walk; then one on the open walk. */
    CHECK_INT(store_check_add(dv->st, d->planned25.id, ANSWER_STILL, &c, &e),
              -1);
    CHECK_HAS(e.msg, "start a walk");
    walk_start(dv, "Uppföljning");
    char prefix[8];
    snprintf(prefix, sizeof prefix, "%.6s", d->planned25.id);
    CHECK_INT(store_check_add(dv->st, prefix, ANSWER_FIXED, &c, &e), 0);
    CHECK_STR(c.spot_id, d->planned25.id);
    CHECK_INT(store_check_add(dv->st, d->open26.id, ANSWER_STILL, &c, &e), -1);
    CHECK_HAS(e.msg, "not on this device's follow-up list");
    CHECK_INT(store_check_add(dv->st, "xyz", ANSWER_STILL, &c, &e), -1);
    CHECK_INT(store_followup_get(dv->st, d->planned25.id, &f, &e), 1);
    CHECK(f.has_answer && f.answer == ANSWER_FIXED);
    /* An older list, and the same list again, change nothing. */
    char before[4096], after[4096];
    list_of(dv, before);
    r = import_fu(dv, all->path);
    CHECK(r.replaced == 0 && r.n_spots == 3);
    r = import_fu(dv, y25->path);
    CHECK_INT(r.replaced, 0);
    list_of(dv, after);
    CHECK_STR(after, before);
    CHECK_INT(list_len(dv), 2);
}

static void test_newer_list(db *m, db *dv, const muni_data *d)
{
    err_t e;
    followup_spot f;
    set_status(m, &d->planned25, STATUS_FIXED, "Klar");
    followup_result newer = write_fu(m, 0);
    CHECK_INT(newer.n_spots, 2);
    followup_report r = import_fu(dv, newer.path);
    CHECK(r.replaced == 1 && r.n_spots == 2);
    /* The fixed spot left the list; its answer stays on the device. */
    CHECK_INT(store_followup_get(dv->st, d->planned25.id, &f, &e), 0);
    CHECK_INT(store_followup_get(dv->st, d->open26.id, &f, &e), 1);
    int n = 0;
    CHECK_INT(store_check_each(dv->st, d->planned25.id, count_check, &n, &e),
              0);
    CHECK_INT(n, 1);
    /* An answer counts for the list it was given on: when the next list
     * still holds that spot, the walker is asked again. */
    CHECK_INT(store_check_add(dv->st, d->open26.id, ANSWER_STILL, NULL, &e),
              0);
    CHECK_INT(store_followup_get(dv->st, d->open26.id, &f, &e), 1);
    CHECK(f.has_answer && f.answer == ANSWER_STILL);
    followup_result next = write_fu(m, 0);
    r = import_fu(dv, next.path);
    CHECK(r.replaced == 1 && r.n_spots == 2);
    CHECK_INT(store_followup_get(dv->st, d->open26.id, &f, &e), 1);
    CHECK(!f.has_answer);
    n = 0;
    CHECK_INT(store_check_each(dv->st, d->open26.id, count_check, &n, &e), 0);
    CHECK_INT(n, 1);
}

/* ---- refusals ---- */

typedef struct fault {
    const char *name, *file, *old, *new;
    int resum;
    const char *want1, *want2;
} fault;

static void refuse(db *dv, const char *good, const fault *f, int i)
{
    char copy[768], tag[32], before[4096], after[4096];
    followup_report r;
    err_t e;
    snprintf(tag, sizeof tag, "case%d", i);
    copy_bundle(good, tag, copy);
    edit(copy, f->file, f->old, f->new);
    if (f->resum)
        resum(copy);
    list_of(dv, before);
    if (followup_import(dv->st, copy, &r, &e) == 0) {
        TH_FAIL("%s: accepted", f->name);
        return;
    }
    CHECK_HAS(e.msg, f->want1);
    CHECK_HAS(e.msg, f->want2);
    CHECK(r.replaced == 0 && r.n_spots == 0);
    list_of(dv, after);
    CHECK_STR(after, before);
}

static void test_refusals(db *m, db *dv, const muni_data *d)
{
    followup_result good = write_fu(m, 0); /* newer than the device's */
    const fault faults[] = {
        {"changed after the sums", FOLLOWUP_SPOTS, "59.7083000", "59.7084000",
         0, "followup.csv", "does not match"},
        {"latitude 91", FOLLOWUP_SPOTS, "59.7083000", "91.0000000", 1,
         "followup.csv line 2, field latitude", "90"},
        {"a fixed spot", FOLLOWUP_SPOTS, ",open,", ",fixed,", 1,
         "followup.csv line 2, field status", "fixed"},
        {"unknown category", FOLLOWUP_SPOTS, "deserted", "ufo", 1,
         "followup.csv line 3, field category", "ufo"},
        {"bad status time", FOLLOWUP_SPOTS, "Z\r\n", "\r\n", 1,
         "followup.csv line 3, field status_at", "UTC time"},
        {"duplicate spot", FOLLOWUP_SPOTS, d->open26.id, d->open25.id, 1,
         "followup.csv line 3, field spot_id", "appears twice"},
        {"missing column", FOLLOWUP_SPOTS, "status_at", "status_when", 1,
         "followup.csv", "\"status_at\""},
        {"a sync bundle's format", BUNDLE_MANIFEST, "trygg-followup",
         "trygg-bundle", 1, "manifest.csv line 2, field format",
         "trygg-bundle"},
        {"format version 2", BUNDLE_MANIFEST, "format_version,1",
         "format_version,2", 1, "field format_version", "newer"},
        {"spots count", BUNDLE_MANIFEST, "spots,2", "spots,3", 1,
         "followup.csv has 2 rows", "manifest.csv says 3"},
        {"year", BUNDLE_MANIFEST, "year,", "year,20x6", 1,
         "manifest.csv line 6, field year", ""},
    };
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        refuse(dv, good.path, &faults[i], (int)i);
    /* Positive control: the unbroken bundle replaces the list. */
    followup_report r = import_fu(dv, good.path);
    CHECK(r.replaced == 1 && r.n_spots == 2);
}

/* ---- finding the newest ---- */

static void make_dir(const char *parent, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", parent, name);
    CHECK_INT(mkdir(p, 0755), 0);
}

static void test_find(void)
{
    char where[300], found[600], none[320];
    err_t e;
    snprintf(where, sizeof where, "%s/find", dir);
    mkdir(where, 0755);
    CHECK_INT(followup_find(where, found, sizeof found, &e), 0);
    make_dir(where, "trygg-followup-20261231T235959Z");
    make_dir(where, "trygg-followup-20260101T000000Z");
    /* Not bundles: half-written, renamed, another kind, a plain file. */
    make_dir(where, ".trygg-followup-20270101T000000Z.partial");
    make_dir(where, "trygg-followup-20280101T000000Z.old");
    make_dir(where, "trygg-0123456789abcdef-20290101T000000Z");
    char file[600];
    snprintf(file, sizeof file, "%s/trygg-followup-20300101T000000Z", where);
    put_file(file, "x");
    CHECK_INT(followup_find(where, found, sizeof found, &e), 1);
    CHECK_HAS(found, "/find/trygg-followup-20261231T235959Z");
    CHECK_INT(followup_find(where, found, 10, &e), -1);
    snprintf(none, sizeof none, "%s/none", dir);
    CHECK_INT(followup_find(none, found, sizeof found, &e), -1);
    CHECK_HAS(e.msg, none);
}

int main(void)
{
    db m, dv;
    muni_data d;
    followup_result all, y25;
    th_tmpdir(dir, "followup");
    db_open(&m, "muni", "2025-10-01T18:00:00Z");
    db_open(&dv, "device", "2026-11-01T18:00:00Z");
    make_muni(&m, &d);
    test_write(&m, &d, &all, &y25);
    test_device(&dv, &d, &all, &y25);
    test_newer_list(&m, &dv, &d);
    test_refusals(&m, &dv, &d);
    test_find();
    store_close(m.st);
    store_close(dv.st);
    return th_report("test_followup");
}
