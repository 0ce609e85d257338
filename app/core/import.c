/* import: one sync bundle into a store, whole or not at all. See import.h.
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
       MF_SPOTS, MF_CATEGORIES, MF_CHECKS };
static const manifest_key MANIFEST_KEYS[] = {
    {"format", 0},      {"format_version", 0}, {"device_id", 0},
    {"app_version", 0}, {"created_at", 0},     {"walks", 0},
    {"spots", 0},       {"categories", 0},     {"checks", 1},
    {NULL, 0}};

static int manifest_value(void *ctx, int key, field v, err_t *e)
{
    imp *m = ctx;
    switch (key) {
    case MF_FORMAT:
        return manifest_check_format(v, BUNDLE_FORMAT, e);
    case MF_VERSION:
        return manifest_check_version(v, BUNDLE_FORMAT_VERSION, e);
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

static int read_manifest(imp *m, err_t *e)
{
    manifest mf;
    m->declared[DECL_CHECKS] = -1;
    return manifest_read(&m->src, MANIFEST_KEYS, &mf, e) ||
                   manifest_each(&mf, manifest_value, m, e)
               ? -1
               : 0;
}

static int read_categories(imp *m, err_t *e)
{
    member f;
    int rc = -1;
    if (member_open(&m->src, &f, BUNDLE_CATEGORIES, e) == 0 &&
        cat_read(&m->cats, f.in, BUNDLE_CATEGORIES, e) == 0)
        rc = member_check_sum(&m->src, &f, e);
    member_close(&f);
    if (rc == 0 && (int64_t)m->cats.n != m->declared[DECL_CATEGORIES])
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

/* The files a sync bundle must have, and those the import hashes as it
 * reads them (checks.csv is optional: import_checks). */
static const char *const REQUIRED[] = {BUNDLE_MANIFEST, BUNDLE_WALKS,
                                       BUNDLE_SPOTS, BUNDLE_CATEGORIES, NULL};
static const char *const HASHED_AS_READ[] = {
    BUNDLE_MANIFEST, BUNDLE_WALKS, BUNDLE_SPOTS, BUNDLE_CATEGORIES,
    BUNDLE_CHECKS, NULL};

static int run(imp *m, err_t *e)
{
    if (import_read_sums(m->src.dir, REQUIRED, &m->src.sums, e)) {
        /* Not a list to check the files against: the message stands. */
        m->src.sums.n = 0;
        return -1;
    }
    if (import_verify_all(m->src.dir, &m->src.sums, HASHED_AS_READ, e) ||
        read_manifest(m, e) || read_categories(m, e))
        return -1;
    memcpy(m->rep->device_id, m->device_id, sizeof m->device_id);
    tm_format_iso(m->created_at, m->rep->created_at);
    if (store_begin_bulk(m->st, e))
        return -1;
    if (merge_categories(m, e) || import_walks(m, e) || import_spots(m, e) ||
        import_checks(m, e) || store_commit(m->st, e)) {
        store_rollback(m->st);
        return -1;
    }
    return 0;
}

/* A hidden ".<name>.partial" folder is a bundle whose writing was cut off
 * (bundle_dir.c): even when its files look whole, its writer never
 * confirmed it, and the device did not mark its rows as synced. */
static int unfinished(const char *dir, err_t *e)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && dir[start - 1] != '/')
        start--;
    static const char suffix[] = ".partial";
    size_t k = sizeof suffix - 1;
    if (dir[start] == '.' && n - start > k &&
        memcmp(dir + n - k, suffix, k) == 0)
        return err_set(e, "%.*s is a bundle whose writing was cut off (a "
                       "sync that did not finish); the device sends its rows "
                       "again in its next sync", (int)(n - start), dir + start);
    return 0;
}

int import_bundle(store *st, const char *dir, import_report *rep, err_t *e)
{
    imp m = {.st = st, .src = {.dir = dir}, .rep = rep};
    memset(rep, 0, sizeof *rep);
    if (unfinished(dir, e))
        return -1;
    idset_init(&m.walk_ids);
    idset_init(&m.spot_ids);
    idset_init(&m.check_ids);
    int rc = run(&m, e);
    if (rc && m.src.sums.n > 0) {
        err_t sum_err;
        if (import_verify_all(dir, &m.src.sums, NULL, &sum_err) && e)
            *e = sum_err;
    }
    if (rc)
        memset(rep, 0, sizeof *rep);
    cat_free(&m.cats);
    idset_free(&m.walk_ids);
    idset_free(&m.spot_ids);
    idset_free(&m.check_ids);
    return rc;
}
