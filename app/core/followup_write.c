/* followup_write: the municipality's follow-up bundle, the spots still open
 * or planned, for devices to look at again. Written whole or not at all
 * like a sync bundle (bundle_dir.c). Its time only grows from one database,
 * so a device can always tell the newer of two lists. */
#include "bundle.h"
#include "followup.h"

#include <stdio.h>
#include <string.h>

/* In SHA256SUMS order. */
static const char *const FILES[] = {BUNDLE_MANIFEST, FOLLOWUP_SPOTS,
                                    BUNDLE_CATEGORIES, NULL};

typedef struct fw_args {
    store *st;
    int year;
    const char *app_version;
    int64_t created;
    int64_t n_spots, n_categories;
} fw_args;

static int spot_row(void *ctx, const followup_spot *f)
{
    bundle_dir *d = ctx;
    followup_csv_fields(&d->out, f);
    csv_out_end_row(&d->out);
    d->rows++;
    return 0;
}

static int spots_body(bundle_dir *d, const void *arg, err_t *e)
{
    const fw_args *a = arg;
    followup_csv_header(&d->out);
    csv_out_end_row(&d->out);
    return store_followup_candidates(a->st, a->year, spot_row, d, e) ? -1 : 0;
}

static int categories_body(bundle_dir *d, const void *arg, err_t *e)
{
    (void)e;
    bundle_csv_categories(&d->out,
                          store_categories(((const fw_args *)arg)->st));
    return 0;
}

static int manifest_body(bundle_dir *d, const void *arg, err_t *e)
{
    const fw_args *a = arg;
    char iso[TM_ISO_LEN + 1], year[16] = "";
    (void)e;
    tm_format_iso(a->created, iso);
    if (a->year)
        snprintf(year, sizeof year, "%04d", a->year);
    bundle_csv_kv(&d->out, "key", "value");
    bundle_csv_kv(&d->out, "format", FOLLOWUP_FORMAT);
    bundle_csv_kv_int(&d->out, "format_version", FOLLOWUP_FORMAT_VERSION);
    bundle_csv_kv(&d->out, "created_at", iso);
    bundle_csv_kv(&d->out, "app_version", a->app_version);
    bundle_csv_kv(&d->out, "year", year);
    bundle_csv_kv_int(&d->out, "spots", a->n_spots);
    bundle_csv_kv_int(&d->out, "categories", a->n_categories);
    return 0;
}

static int write_bundle(fw_args *a, const char *out_dir, followup_result *res,
                        err_t *e)
{
    bundle_dir d;
    if (bundle_dir_open(&d, out_dir, FOLLOWUP_PREFIX, FILES, &a->created, e))
        return -1;
    a->n_categories = (int64_t)store_categories(a->st)->n;
    if (bundle_dir_csv(&d, FOLLOWUP_SPOTS, spots_body, a, e))
        goto fail;
    a->n_spots = d.rows;
    if (bundle_dir_csv(&d, BUNDLE_CATEGORIES, categories_body, a, e) ||
        bundle_dir_csv(&d, BUNDLE_MANIFEST, manifest_body, a, e))
        goto fail;
    if (bundle_dir_publish(&d, e))
        return -1;
    memcpy(res->path, d.path, sizeof res->path);
    res->n_spots = a->n_spots;
    return 0;
fail:
    bundle_dir_abandon(&d);
    return -1;
}

int followup_write(store *st, const char *out_dir, int year,
                   const char *app_version, followup_result *res, err_t *e)
{
    fw_args a = {.st = st, .year = year, .app_version = app_version};
    int64_t last;
    memset(res, 0, sizeof *res);
    if (year != 0 && (year < 1970 || year > 9999))
        return err_set(e, "year %d is not between 1970 and 9999", year);
    /* One write transaction: the spots are read from one snapshot, and no
     * other follow-up bundle can take the same time. */
    if (bundle_dir_usable(out_dir, e) || store_begin_write(st, e))
        return -1;
    if (store_followup_written_time(st, &last, e))
        goto fail;
    a.created = store_now(st);
    if (a.created <= last)
        a.created = last + 1;
    if (write_bundle(&a, out_dir, res, e))
        goto fail;
    if (store_followup_set_written_time(st, a.created, e) ||
        store_commit(st, e)) {
        store_rollback(st);
        return err_prefix(e,
                          "follow-up bundle %s was written, but its time "
                          "could not be recorded",
                          res->path);
    }
    return 0;
fail:
    store_rollback(st);
    return -1;
}
