/* export: see export.h. Rows come from store_export_each in batches; each
 * batch's points go through PROJ in one call, then row by row through the
 * format's writer into one buffered output. */
#define _GNU_SOURCE /* sync_file_range */
#include "export_int.h"
#include "fsx.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rows per PROJ call: big enough that the call costs nothing per point,
 * small enough that the rows (about 9 kB each, notes included) stay a few
 * MB. */
#define EXPORT_BATCH 256
/* Bytes written between two starts of writeback (see start_writeback). */
#define EXPORT_WRITEBACK (16 << 20)

typedef struct ex_run {
    const export_writer *w;
    sweref *sw;
    err_t *e;
    int64_t n;          /* rows written */
    off_t written_back; /* the file up to here is on its way to disk */
    csv_out out;
    double lat[EXPORT_BATCH], lon[EXPORT_BATCH];
    double north[EXPORT_BATCH], east[EXPORT_BATCH];
    store_export_row rows[EXPORT_BATCH];
} ex_run;

int export_parse_format(const char *s, export_format *out, err_t *e)
{
    static const char *const NAMES[] = {"", "geojson", "csv", "excel"};
    for (int i = EXPORT_GEOJSON; i <= EXPORT_EXCEL; i++)
        if (strcmp(s, NAMES[i]) == 0) {
            *out = (export_format)i;
            return 0;
        }
    return err_set(e, "\"%s\" is not an export format (geojson, csv, excel)",
                   s);
}

static const export_writer *writer_of(export_format f)
{
    return f == EXPORT_GEOJSON ? &export_geojson_writer
           : f == EXPORT_CSV   ? &export_csv_writer
                               : &export_excel_writer;
}

/* Have the kernel start writing what is done to disk while the rest is
 * made: the fsync at the end then waits for the tail only (a second and
 * more of a million-spot GeoJSON). Errors show at that fsync. */
static void start_writeback(ex_run *r)
{
#ifdef SYNC_FILE_RANGE_WRITE
    off_t at = lseek(r->out.fd, 0, SEEK_CUR);
    if (at - r->written_back < EXPORT_WRITEBACK)
        return;
    sync_file_range(r->out.fd, r->written_back, at - r->written_back,
                    SYNC_FILE_RANGE_WRITE);
    r->written_back = at;
#else
    (void)r;
#endif
}

static int write_batch(void *ctx, store_export_row *rows, size_t n)
{
    ex_run *r = ctx;
    for (size_t i = 0; i < n; i++) {
        r->lat[i] = rows[i].spot.lat;
        r->lon[i] = rows[i].spot.lon;
    }
    if (sweref_transform(r->sw, r->lat, r->lon, r->north, r->east, n, r->e))
        return -1;
    for (size_t i = 0; i < n; i++)
        r->w->row(&r->out, &rows[i], r->north[i], r->east[i], r->n++);
    /* A full disk: stop now, not after formatting every row. */
    if (r->out.failed)
        return err_os(r->e, r->out.failed, "%s", "");
    start_writeback(r);
    return 0;
}

int export_stream(store *st, export_format fmt, int year, sweref *sw, int fd,
                  int64_t *n_spots, err_t *e)
{
    *n_spots = 0;
    if (fmt == EXPORT_EXCEL && export_check_zone(e))
        return -1;
    ex_run *r = calloc(1, sizeof *r);
    if (!r)
        return err_set(e, "out of memory for the export");
    r->w = writer_of(fmt);
    r->sw = sw;
    r->e = e;
    int rc = csv_out_init(&r->out, fd, 0, e);
    if (rc == 0) {
        r->w->begin(&r->out);
        rc = store_export_each(st, year, r->rows, EXPORT_BATCH, write_batch,
                               r, e);
    }
    if (rc == 0) {
        r->w->end(&r->out);
        rc = csv_out_finish(&r->out, NULL, e);
    }
    csv_out_discard(&r->out);
    *n_spots = r->n;
    free(r);
    return rc ? -1 : 0;
}

/* The folder of path into dir and a fresh temporary file beside path,
 * created, into tmp (both PATH_MAX). Returns its descriptor or -1. */
static int create_temp(const char *path, char *dir, char *tmp, err_t *e)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    struct stat sb;
    if (!base[0] || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)))
        return err_set(e, "%s is a folder; give the name of the file to "
                       "write", path);
    int n = !slash        ? snprintf(dir, PATH_MAX, ".")
            : slash == path ? snprintf(dir, PATH_MAX, "/")
                            : snprintf(dir, PATH_MAX, "%.*s",
                                       (int)(slash - path), path);
    for (int i = 0; n > 0 && n < PATH_MAX && i < 10; i++) {
        if (snprintf(tmp, PATH_MAX, "%s/.%s.%ld-%d.partial", dir, base,
                     (long)getpid(), i) >= PATH_MAX)
            break;
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST)
            return err_os(e, errno, "cannot write the export to %s", path);
    }
    return err_set(e, "cannot write the export to %s: no free name for a "
                   "temporary file beside it", path);
}

/* fsync, close, rename into place, fsync the folder. Closes fd. After
 * the rename the new file is whole at path; a failure after it (a stick
 * pulled out right then) is still reported, since the file may be lost. */
static int publish(int fd, const char *tmp, const char *dir, const char *path,
                   err_t *e)
{
    struct stat sb;
    if (fsx_sync_close(fd, tmp, e))
        return err_prefix(e, "cannot write the export to %s", path);
    if (rename(tmp, path) != 0)
        return err_os(e, errno, "cannot put the export in place as %s",
                      path);
    if (fsx_sync_dir(dir, e))
        return err_prefix(e, "the export %s is complete, but it could not "
                          "be confirmed on the storage", path);
    if (stat(path, &sb) != 0)
        return err_os(e, errno, "the export %s was gone right after it was "
                      "written", path);
    return 0;
}

int export_write(store *st, export_format fmt, int year, const char *path,
                 int64_t *n_spots, err_t *e)
{
    char dir[PATH_MAX], tmp[PATH_MAX];
    sweref *sw;
    *n_spots = 0;
    if (sweref_open(&sw, e))
        return -1;
    int fd = create_temp(path, dir, tmp, e);
    int rc = fd < 0 ? -1 : export_stream(st, fmt, year, sw, fd, n_spots, e);
    sweref_close(sw);
    if (fd < 0)
        return fsx_explain(e);
    if (rc) {
        close(fd);
        unlink(tmp);
        err_prefix(e, "cannot write the export to %s", path);
        return fsx_explain(e);
    }
    if (publish(fd, tmp, dir, path, e)) {
        unlink(tmp); /* no longer there once renamed */
        return fsx_explain(e);
    }
    return 0;
}
