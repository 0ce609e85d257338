/* import: one bundle into a store, whole or not at all. See import.h.
 *
 * Each file is hashed while it is parsed and its sum compared at its end.
 * When anything is refused, every sum is checked again from scratch before
 * the message is given, so a damaged file is reported as damaged rather
 * than as a bad field (the spec checks sums first; this gives the same
 * answers while reading the big files once). */
#include "import_int.h"
#include "bundle.h"

#include <string.h>

enum { MF_FORMAT, MF_VERSION, MF_DEVICE, MF_APP, MF_CREATED, MF_WALKS,
       MF_SPOTS, MF_CATEGORIES, MF_N };
static const char *const MANIFEST_KEYS[MF_N] = {
    "format", "format_version", "device_id", "app_version", "created_at",
    "walks", "spots", "categories"};

static int manifest_value(imp *m, int key, field v, err_t *e)
{
    int64_t n;
    switch (key) {
    case MF_FORMAT:
        if (v.len != strlen(BUNDLE_FORMAT) || memcmp(v.s, BUNDLE_FORMAT, v.len))
            return err_set(e, "this is not a trygg bundle (format \"%.*s\")",
                           (int)(v.len > 40 ? 40 : v.len), v.s);
        return 0;
    case MF_VERSION:
        if (model_parse_int(v.s, v.len, 1, 1000000, &n, e))
            return -1;
        if (n > BUNDLE_FORMAT_VERSION)
            return err_set(e, "format version %lld is newer than this trygg "
                           "reads (%d); update trygg", (long long)n,
                           BUNDLE_FORMAT_VERSION);
        return 0;
    case MF_DEVICE:
        if (!ids_is_device_id(v.s, v.len))
            return err_set(e, "not a device id (8 to 32 of 0-9, a-f)");
        memcpy(m->device_id, v.s, v.len);
        m->device_id[v.len] = '\0';
        return 0;
    case MF_APP:
        return v.len ? 0 : err_set(e, "empty");
    case MF_CREATED:
        return model_parse_time(v.s, v.len, &m->created_at, e);
    default:
        return model_parse_int(v.s, v.len, 0, INT64_MAX / 2,
                               &m->declared[key - MF_WALKS], e);
    }
}

static int manifest_row(imp *m, const csv_row *r, const int *ix, int *seen,
                        err_t *e)
{
    field k = member_field(r, ix, 0), v = member_field(r, ix, 1);
    for (int i = 0; i < MF_N; i++) {
        if (k.len != strlen(MANIFEST_KEYS[i]) ||
            memcmp(k.s, MANIFEST_KEYS[i], k.len) != 0)
            continue;
        if (seen[i])
            return err_set(e, "manifest.csv line %ld: key %s appears twice",
                           r->line, MANIFEST_KEYS[i]);
        seen[i] = 1;
        if (manifest_value(m, i, v, e))
            return err_prefix(e, "manifest.csv line %ld, field %s", r->line,
                              MANIFEST_KEYS[i]);
    }
    return 0; /* unknown keys are for later versions */
}

static int read_manifest(imp *m, err_t *e)
{
    static const char *const cols[] = {"key", "value", NULL};
    member f;
    csv_row r;
    int ix[2], seen[MF_N] = {0}, got = -1;
    if (member_open(m, &f, BUNDLE_MANIFEST, e) ||
        member_columns(&f, cols, ix, e))
        goto out;
    while ((got = member_next(&f, &r, e)) == 1)
        if (manifest_row(m, &r, ix, seen, e)) {
            got = -1;
            break;
        }
    for (int i = 0; got == 0 && i < MF_N; i++)
        if (!seen[i])
            got = err_set(e, "manifest.csv: key %s is missing",
                          MANIFEST_KEYS[i]);
    if (got == 0)
        got = member_check_sum(m, &f, e);
out:
    member_close(&f);
    return got;
}

static int read_categories(imp *m, err_t *e)
{
    member f;
    int rc = -1;
    if (member_open(m, &f, BUNDLE_CATEGORIES, e) == 0 &&
        cat_read(&m->cats, f.in, BUNDLE_CATEGORIES, e) == 0)
        rc = member_check_sum(m, &f, e);
    member_close(&f);
    if (rc == 0 && (int64_t)m->cats.n != m->declared[2])
        rc = err_set(e, "categories.csv has %zu rows, but manifest.csv says "
                     "%lld", m->cats.n, (long long)m->declared[2]);
    return rc;
}

static int merge_categories(imp *m, err_t *e)
{
    for (size_t i = 0; i < m->cats.n; i++) {
        size_t before = store_categories(m->st)->n;
        if (store_import_category(m->st, &m->cats.v[i], e))
            return -1;
        m->rep->categories_added += store_categories(m->st)->n > before;
    }
    return 0;
}

static int run(imp *m, err_t *e)
{
    if (import_read_sums(m->dir, &m->sums, e) ||
        import_verify_all(m->dir, &m->sums, 1, e) || read_manifest(m, e) ||
        read_categories(m, e))
        return -1;
    memcpy(m->rep->device_id, m->device_id, sizeof m->device_id);
    tm_format_iso(m->created_at, m->rep->created_at);
    if (store_begin_bulk(m->st, e))
        return -1;
    if (merge_categories(m, e) || import_walks(m, e) || import_spots(m, e) ||
        store_commit(m->st, e)) {
        store_rollback(m->st);
        return -1;
    }
    return 0;
}

int import_bundle(store *st, const char *dir, import_report *rep, err_t *e)
{
    imp m = {.st = st, .dir = dir, .rep = rep};
    memset(rep, 0, sizeof *rep);
    idset_init(&m.walk_ids);
    idset_init(&m.spot_ids);
    int rc = run(&m, e);
    if (rc && m.sums.n > 0) {
        err_t sum_err;
        if (import_verify_all(dir, &m.sums, 0, &sum_err) && e)
            *e = sum_err;
    }
    if (rc)
        memset(rep, 0, sizeof *rep);
    cat_free(&m.cats);
    idset_free(&m.walk_ids);
    idset_free(&m.spot_ids);
    return rc;
}
