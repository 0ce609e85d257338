/* bundle_dir: one bundle folder written whole or not at all, for sync and
 * follow-up bundles alike. See bundle.h for the steps; what goes into the
 * files is the callers' business. */
#include "bundle.h"
#include "fsx.h"
#include "tm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every error that leaves this file goes through fsx_explain, so that the
 * message of a sync or follow-up bundle that could not be written says in
 * plain words what the stick did. */

int bundle_dir_usable(const char *out_dir, err_t *e)
{
    struct stat sb;
    if (stat(out_dir, &sb) != 0) {
        err_os(e, errno, "folder %s cannot be used", out_dir);
        return fsx_explain(e);
    }
    if (!S_ISDIR(sb.st_mode))
        return err_set(e, "%s is not a folder", out_dir);
    return 0;
}

/* A name that is free both as the final and as the partial folder. */
static int pick_name(bundle_dir *d, const char *prefix, int64_t *created,
                     err_t *e)
{
    struct stat sb;
    for (int tries = 0; tries < 5; tries++, (*created)++) {
        char compact[17];
        tm_format_compact(*created, compact);
        if (snprintf(d->path, sizeof d->path, "%s/%s%s", d->out_dir, prefix,
                     compact) >= (int)sizeof d->path ||
            snprintf(d->partial, sizeof d->partial, "%s/.%s%s.partial",
                     d->out_dir, prefix, compact) >= (int)sizeof d->partial)
            return err_set(e, "the folder name %s is too long", d->out_dir);
        if (lstat(d->path, &sb) != 0 && lstat(d->partial, &sb) != 0)
            return 0;
    }
    return err_set(e, "a bundle named %s already exists", d->path);
}

int bundle_dir_open(bundle_dir *d, const char *out_dir, const char *prefix,
                    const char *const *files, int64_t *created, err_t *e)
{
    memset(d->sums, 0, sizeof d->sums);
    d->out_dir = out_dir;
    d->files = files;
    d->partial[0] = '\0';
    if (bundle_dir_usable(out_dir, e))
        return -1;
    if (pick_name(d, prefix, created, e)) {
        d->partial[0] = '\0'; /* not ours: never remove it */
        return -1;
    }
    if (mkdir(d->partial, 0755) != 0) {
        int errnum = errno;
        d->partial[0] = '\0'; /* not ours: never remove it */
        err_os(e, errnum, "cannot create a folder in %s", out_dir);
        return fsx_explain(e);
    }
    return 0;
}

static int file_index(const bundle_dir *d, const char *name)
{
    for (int i = 0; d->files[i]; i++)
        if (strcmp(d->files[i], name) == 0)
            return i;
    return -1;
}

static int open_new(const bundle_dir *d, const char *name, char *path, err_t *e)
{
    if (snprintf(path, PATH_MAX, "%s/%s", d->partial, name) >= PATH_MAX)
        return err_set(e, "the path of %s in %s is too long", name, d->partial);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        err_os(e, errno, "cannot create %s", path);
    return fd;
}

/* Finish the file being written: its hash, fsync, close. */
static int close_file(bundle_dir *d, int fd, const char *path, char *hex,
                      err_t *e)
{
    if (csv_out_finish(&d->out, hex, e)) {
        err_prefix(e, "cannot write %s", path);
        close(fd);
        return -1;
    }
    return fsx_sync_close(fd, path, e);
}

static int write_csv(bundle_dir *d, int i, bundle_body_fn body,
                     const void *arg, err_t *e)
{
    char path[PATH_MAX];
    int fd = open_new(d, d->files[i], path, e);
    if (fd < 0)
        return -1;
    d->rows = 0;
    if (csv_out_init(&d->out, fd, 1, e) || body(d, arg, e)) {
        csv_out_discard(&d->out);
        close(fd);
        return -1;
    }
    return close_file(d, fd, path, d->sums[i], e);
}

int bundle_dir_csv(bundle_dir *d, const char *name, bundle_body_fn body,
                   const void *arg, err_t *e)
{
    int i = file_index(d, name);
    if (i < 0 || i >= BUNDLE_DIR_MAX_FILES)
        return err_set(e, "%s is not a file of this bundle", name);
    return write_csv(d, i, body, arg, e) ? fsx_explain(e) : 0;
}

static int write_sums(bundle_dir *d, err_t *e)
{
    char path[PATH_MAX], line[SHA_HEX_LEN + 300];
    int fd = open_new(d, BUNDLE_SUMS, path, e);
    if (fd < 0)
        return -1;
    if (csv_out_init(&d->out, fd, 0, e)) {
        close(fd);
        return -1;
    }
    /* sha256sum's own format: hex, two spaces, name, LF. */
    for (int i = 0; d->files[i] && i < BUNDLE_DIR_MAX_FILES; i++) {
        if (!d->sums[i][0])
            continue;
        int n =
            snprintf(line, sizeof line, "%s  %s\n", d->sums[i], d->files[i]);
        csv_out_raw(&d->out, line, (size_t)n);
    }
    return close_file(d, fd, path, NULL, e);
}

/* After the rename the bundle is whole under its final name, but it counts
 * as delivered only once its parent folder is on the storage and it is
 * still there: a stick pulled out (or the folder removed) at this moment
 * shows here, before the device marks anything as synced. */
static int confirm(const bundle_dir *d, err_t *e)
{
    struct stat sb;
    if (fsx_sync_dir(d->out_dir, e))
        return -1;
    if (lstat(d->path, &sb) != 0)
        return err_os(e, errno, "bundle %s was gone right after it was "
                      "written", d->path);
    return 0;
}

/* A bundle that could not be confirmed goes back out of its final name,
 * so that the folder agrees with a device that marked nothing as synced.
 * When even that fails (the stick is gone), it may stay there whole, and
 * the message says so: importing it does no harm, and the next sync sends
 * the same rows again. */
static void unpublish(bundle_dir *d, err_t *e)
{
    struct stat sb;
    if (fsx_rename_noreplace(d->path, d->partial, NULL) == 0) {
        fsx_remove_flat_dir(d->partial);
    } else if (lstat(d->path, &sb) == 0) {
        err_prefix(e, "bundle %s may be left there complete, but it could "
                   "not be confirmed on the storage", d->path);
    }
    d->partial[0] = '\0';
}

int bundle_dir_publish(bundle_dir *d, err_t *e)
{
    if (write_sums(d, e) || fsx_sync_dir(d->partial, e) ||
        fsx_rename_noreplace(d->partial, d->path, e)) {
        bundle_dir_abandon(d);
        return fsx_explain(e);
    }
    if (confirm(d, e)) {
        unpublish(d, e);
        return fsx_explain(e);
    }
    d->partial[0] = '\0'; /* renamed: nothing left to clean up */
    return 0;
}

void bundle_dir_abandon(bundle_dir *d)
{
    if (d->partial[0])
        fsx_remove_flat_dir(d->partial);
    d->partial[0] = '\0';
}
