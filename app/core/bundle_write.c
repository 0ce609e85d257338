/* bundle_write: a sync bundle, whole or not at all (bundle_dir.c).
 *
 * Only after the folder is in place are the rows marked synced, inside the
 * same write transaction that fixed which rows to send, so nothing can
 * change between reading and marking. checks.csv is written only when
 * there are answers to send, so a device that never did a follow-up walk
 * writes exactly the bundles it always did. */
#include "bundle.h"
#include "tm.h"

#include <stdio.h>
#include <string.h>

/* In SHA256SUMS order. */
static const char *const FILES[] = {BUNDLE_MANIFEST, BUNDLE_WALKS,
                                    BUNDLE_SPOTS,    BUNDLE_CATEGORIES,
                                    BUNDLE_CHECKS,   NULL};

typedef struct sync_args {
    store *st;
    const store_sync *ss;
} sync_args;

static int walk_row(void *ctx, const walk *w, int64_t n_spots)
{
    bundle_dir *d = ctx;
    (void)n_spots;
    bundle_csv_walk(&d->out, w);
    d->rows++;
    return 0;
}

static int spot_row(void *ctx, const spot *p)
{
    bundle_dir *d = ctx;
    bundle_csv_spot(&d->out, p);
    d->rows++;
    return 0;
}

static int check_row(void *ctx, const spot_check *c)
{
    bundle_dir *d = ctx;
    bundle_csv_check(&d->out, c);
    d->rows++;
    return 0;
}

static int walks_body(bundle_dir *d, const void *arg, err_t *e)
{
    const sync_args *a = arg;
    bundle_csv_walk_header(&d->out);
    return store_sync_each_walk(a->st, a->ss, walk_row, d, e) ? -1 : 0;
}

static int spots_body(bundle_dir *d, const void *arg, err_t *e)
{
    const sync_args *a = arg;
    bundle_csv_spot_header(&d->out);
    return store_sync_each_spot(a->st, a->ss, spot_row, d, e) ? -1 : 0;
}

static int checks_body(bundle_dir *d, const void *arg, err_t *e)
{
    const sync_args *a = arg;
    bundle_csv_check_header(&d->out);
    return store_sync_each_check(a->st, a->ss, check_row, d, e) ? -1 : 0;
}

static int categories_body(bundle_dir *d, const void *arg, err_t *e)
{
    (void)e;
    bundle_csv_categories(&d->out,
                          store_categories(((const sync_args *)arg)->st));
    return 0;
}

typedef struct manifest_args {
    store *st;
    const char *app_version;
    int64_t created;
    const bundle_result *res;
} manifest_args;

static int manifest_body(bundle_dir *d, const void *arg, err_t *e)
{
    const manifest_args *m = arg;
    char iso[TM_ISO_LEN + 1];
    (void)e;
    tm_format_iso(m->created, iso);
    bundle_csv_kv(&d->out, "key", "value");
    bundle_csv_kv(&d->out, "format", BUNDLE_FORMAT);
    bundle_csv_kv_int(&d->out, "format_version", BUNDLE_FORMAT_VERSION);
    bundle_csv_kv(&d->out, "device_id", store_device_id(m->st));
    bundle_csv_kv(&d->out, "app_version", m->app_version);
    bundle_csv_kv(&d->out, "created_at", iso);
    bundle_csv_kv_int(&d->out, "walks", m->res->n_walks);
    bundle_csv_kv_int(&d->out, "spots", m->res->n_spots);
    bundle_csv_kv_int(&d->out, "categories", m->res->n_categories);
    if (m->res->n_checks > 0)
        bundle_csv_kv_int(&d->out, "checks", m->res->n_checks);
    return 0;
}

static int first_only(void *ctx, const spot_check *c)
{
    (void)ctx;
    (void)c;
    return 1;
}

/* 1 when the sync has answers to send, 0 when not, -1 on error. */
static int has_checks(store *st, const store_sync *ss, err_t *e)
{
    return store_sync_each_check(st, ss, first_only, NULL, e);
}

static int write_files(bundle_dir *d, const sync_args *a, manifest_args *m,
                       bundle_result *res, err_t *e)
{
    int checks = has_checks(a->st, a->ss, e);
    if (checks < 0 || bundle_dir_csv(d, BUNDLE_WALKS, walks_body, a, e))
        return -1;
    res->n_walks = d->rows;
    if (bundle_dir_csv(d, BUNDLE_SPOTS, spots_body, a, e))
        return -1;
    res->n_spots = d->rows;
    if (checks && bundle_dir_csv(d, BUNDLE_CHECKS, checks_body, a, e))
        return -1;
    res->n_checks = checks ? d->rows : 0;
    res->n_categories = (int64_t)store_categories(a->st)->n;
    if (bundle_dir_csv(d, BUNDLE_CATEGORIES, categories_body, a, e) ||
        bundle_dir_csv(d, BUNDLE_MANIFEST, manifest_body, m, e))
        return -1;
    return 0;
}

/* The bundle's time: times of one device's bundles only grow, even for two
 * syncs in one second or a clock set back, because the import lets the
 * newer bundle's copy of a walk win. */
static int publish(store *st, const char *out_dir, const char *app_version,
                   bundle_result *res, const store_sync *ss, int64_t *created,
                   err_t *e)
{
    char prefix[64];
    bundle_dir d;
    *created = store_now(st);
    if (*created <= ss->last_created)
        *created = ss->last_created + 1;
    snprintf(prefix, sizeof prefix, "trygg-%s-", store_device_id(st));
    if (bundle_dir_open(&d, out_dir, prefix, FILES, created, e))
        return -1;
    sync_args a = {st, ss};
    manifest_args m = {st, app_version, *created, res};
    if (write_files(&d, &a, &m, res, e)) {
        bundle_dir_abandon(&d);
        return -1;
    }
    if (bundle_dir_publish(&d, e))
        return -1;
    memcpy(res->path, d.path, sizeof res->path);
    return 0;
}

int bundle_write(store *st, const char *out_dir, int all,
                 const char *app_version, bundle_result *res, err_t *e)
{
    store_sync ss;
    int64_t created;
    memset(res, 0, sizeof *res);
    if (bundle_dir_usable(out_dir, e) || store_begin_write(st, e))
        return -1;
    if (store_sync_range(st, all, &ss, e))
        goto fail;
    if (!ss.pending) {
        store_rollback(st);
        return 0;
    }
    if (publish(st, out_dir, app_version, res, &ss, &created, e))
        goto fail;
    res->written = 1;
    if (store_sync_mark(st, &ss, created, e) || store_commit(st, e)) {
        store_rollback(st);
        return err_prefix(e, "bundle %s was written, but its rows could not "
                          "be marked as synced, so the next sync sends them "
                          "again", res->path);
    }
    return 0;
fail:
    store_rollback(st);
    return -1;
}
