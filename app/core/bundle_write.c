/* bundle_write: a sync bundle, whole or not at all.
 *
 * Files go into a hidden ".<name>.partial" folder beside the final one, each
 * is hashed as it is written and fsynced; SHA256SUMS comes last; then the
 * folder is renamed into place and its parent fsynced. Only after that are
 * the rows marked synced, inside the same write transaction that fixed which
 * rows to send, so nothing can change between reading and marking. */
#include "bundle.h"
#include "fsx.h"
#include "tm.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct bw_ctx {
    store *st;
    const char *dir;      /* the .partial folder */
    csv_out out;
    int64_t rows;
    char sums[4][SHA_HEX_LEN + 1];
} bw_ctx;

static int walk_row(void *ctx, const walk *w, int64_t n_spots)
{
    bw_ctx *c = ctx;
    (void)n_spots;
    bundle_csv_walk(&c->out, w);
    c->rows++;
    return 0;
}

static int spot_row(void *ctx, const spot *p)
{
    bw_ctx *c = ctx;
    bundle_csv_spot(&c->out, p);
    c->rows++;
    return 0;
}

static int open_new(const bw_ctx *c, const char *name, char *path,
                    err_t *e)
{
    snprintf(path, PATH_MAX, "%s/%s", c->dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        err_os(e, errno, "cannot create %s", path);
    return fd;
}

/* Close the file being written: finish its hash, fsync, close. */
static int close_file(bw_ctx *c, int fd, const char *path, char *hex,
                      err_t *e)
{
    if (csv_out_finish(&c->out, hex, e)) {
        err_prefix(e, "cannot write %s", path);
        close(fd);
        return -1;
    }
    return fsx_sync_close(fd, path, e);
}

enum { F_MANIFEST, F_WALKS, F_SPOTS, F_CATEGORIES };
static const char *const FILES[4] = {BUNDLE_MANIFEST, BUNDLE_WALKS,
                                     BUNDLE_SPOTS, BUNDLE_CATEGORIES};

/* Write one CSV file; body() fills c->out. */
static int write_csv(bw_ctx *c, int which,
                     int (*body)(bw_ctx *, const void *, err_t *),
                     const void *arg, err_t *e)
{
    char path[PATH_MAX];
    int fd = open_new(c, FILES[which], path, e);
    if (fd < 0)
        return -1;
    c->rows = 0;
    if (csv_out_init(&c->out, fd, 1, e) || body(c, arg, e)) {
        csv_out_discard(&c->out);
        close(fd);
        return -1;
    }
    return close_file(c, fd, path, c->sums[which], e);
}

static int walks_body(bw_ctx *c, const void *ss, err_t *e)
{
    bundle_csv_walk_header(&c->out);
    return store_sync_each_walk(c->st, ss, walk_row, c, e) ? -1 : 0;
}

static int spots_body(bw_ctx *c, const void *ss, err_t *e)
{
    bundle_csv_spot_header(&c->out);
    return store_sync_each_spot(c->st, ss, spot_row, c, e) ? -1 : 0;
}

static int categories_body(bw_ctx *c, const void *arg, err_t *e)
{
    (void)arg;
    (void)e;
    bundle_csv_categories(&c->out, store_categories(c->st));
    return 0;
}

static void kv(csv_out *o, const char *k, const char *v)
{
    csv_out_str(o, k);
    csv_out_str(o, v);
    csv_out_end_row(o);
}

static void kv_int(csv_out *o, const char *k, int64_t v)
{
    csv_out_str(o, k);
    csv_out_int(o, v);
    csv_out_end_row(o);
}

typedef struct manifest_args {
    const char *app_version;
    const char *created_iso;
    const bundle_result *res;
} manifest_args;

static int manifest_body(bw_ctx *c, const void *arg, err_t *e)
{
    const manifest_args *m = arg;
    (void)e;
    kv(&c->out, "key", "value");
    kv(&c->out, "format", BUNDLE_FORMAT);
    kv_int(&c->out, "format_version", BUNDLE_FORMAT_VERSION);
    kv(&c->out, "device_id", store_device_id(c->st));
    kv(&c->out, "app_version", m->app_version);
    kv(&c->out, "created_at", m->created_iso);
    kv_int(&c->out, "walks", m->res->n_walks);
    kv_int(&c->out, "spots", m->res->n_spots);
    kv_int(&c->out, "categories", m->res->n_categories);
    return 0;
}

static int write_sums(bw_ctx *c, err_t *e)
{
    char path[PATH_MAX], line[SHA_HEX_LEN + 64];
    int fd = open_new(c, BUNDLE_SUMS, path, e);
    if (fd < 0)
        return -1;
    if (csv_out_init(&c->out, fd, 0, e)) {
        close(fd);
        return -1;
    }
    /* sha256sum's own format: hex, two spaces, name, LF. */
    for (int i = 0; i < 4; i++) {
        int n = snprintf(line, sizeof line, "%s  %s\n", c->sums[i], FILES[i]);
        csv_out_raw(&c->out, line, (size_t)n);
    }
    return close_file(c, fd, path, NULL, e);
}

static int write_files(bw_ctx *c, const store_sync *ss, const manifest_args *m,
                       bundle_result *res, err_t *e)
{
    if (write_csv(c, F_WALKS, walks_body, ss, e))
        return -1;
    res->n_walks = c->rows;
    if (write_csv(c, F_SPOTS, spots_body, ss, e))
        return -1;
    res->n_spots = c->rows;
    res->n_categories = (int64_t)store_categories(c->st)->n;
    if (write_csv(c, F_CATEGORIES, categories_body, NULL, e) ||
        write_csv(c, F_MANIFEST, manifest_body, m, e) || write_sums(c, e))
        return -1;
    return fsx_sync_dir(c->dir, e);
}

/* Pick the bundle's time and folder name. Times of one device's bundles
 * only grow, even for two syncs in one second or a clock set back, because
 * the import lets the newer bundle's copy of a walk win. */
static int pick_name(store *st, const store_sync *ss, const char *out_dir,
                     char *final, char *partial, int64_t *created, err_t *e)
{
    struct stat sb;
    *created = store_now(st);
    if (*created <= ss->last_created)
        *created = ss->last_created + 1;
    for (int tries = 0; tries < 5; tries++, (*created)++) {
        char compact[17];
        tm_format_compact(*created, compact);
        snprintf(final, PATH_MAX, "%s/trygg-%s-%s", out_dir,
                 store_device_id(st), compact);
        snprintf(partial, PATH_MAX, "%s/.trygg-%s-%s.partial", out_dir,
                 store_device_id(st), compact);
        if (lstat(final, &sb) != 0 && lstat(partial, &sb) != 0)
            return 0;
    }
    return err_set(e, "a bundle named %s already exists", final);
}

static int check_out_dir(const char *out_dir, err_t *e)
{
    struct stat sb;
    if (stat(out_dir, &sb) != 0)
        return err_os(e, errno, "sync folder %s cannot be used", out_dir);
    if (!S_ISDIR(sb.st_mode))
        return err_set(e, "sync folder %s is not a folder", out_dir);
    return 0;
}

static int publish(store *st, const char *out_dir, const char *app_version,
                   bundle_result *res, const store_sync *ss, int64_t *created,
                   err_t *e)
{
    char partial[PATH_MAX], iso[TM_ISO_LEN + 1];
    bw_ctx c = {.st = st, .dir = partial};
    if (pick_name(st, ss, out_dir, res->path, partial, created, e))
        return -1;
    tm_format_iso(*created, iso);
    manifest_args m = {app_version, iso, res};
    if (mkdir(partial, 0755) != 0)
        return err_os(e, errno, "cannot create a folder in %s", out_dir);
    if (write_files(&c, ss, &m, res, e) ||
        fsx_rename_noreplace(partial, res->path, e) ||
        fsx_sync_dir(out_dir, e)) {
        fsx_remove_flat_dir(partial);
        return -1;
    }
    return 0;
}

int bundle_write(store *st, const char *out_dir, int all,
                 const char *app_version, bundle_result *res, err_t *e)
{
    store_sync ss;
    int64_t created;
    memset(res, 0, sizeof *res);
    if (check_out_dir(out_dir, e) || store_begin_write(st, e))
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
