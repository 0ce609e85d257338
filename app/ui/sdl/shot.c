/* shot: see shot.h. */
#include "shot.h"

#include <assert.h>
#include <errno.h>
#include <png.h>
#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* Where libpng's error callback leaves its message before it jumps back. */
typedef struct png_failure {
    char msg[200];
} png_failure;

static void on_png_error(png_structp p, png_const_charp msg)
{
    png_failure *f = png_get_error_ptr(p);
    snprintf(f->msg, sizeof f->msg, "%s", msg);
    png_longjmp(p, 1);
}

static void on_png_warning(png_structp p, png_const_charp msg)
{
    (void)p; /* warnings (e.g. about ancillary chunks) are not failures */
    (void)msg;
}

/* The PNG stream into the open file f; tmp names it in messages. fail
 * belongs to the caller, so that no local of this function changes between
 * setjmp and longjmp. */
static int write_stream(FILE *f, const uint8_t *px, int w, int h, int pitch,
                        const char *tmp, png_failure *fail, err_t *e)
{
    png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, fail,
                                            on_png_error, on_png_warning);
    png_infop info = p ? png_create_info_struct(p) : NULL;
    if (!info) {
        png_destroy_write_struct(&p, NULL);
        return err_set(e, "%s: out of memory for libpng", tmp);
    }
    if (setjmp(png_jmpbuf(p))) {
        /* p and info are not changed after setjmp, so they are valid. */
        png_destroy_write_struct(&p, &info);
        return err_set(e, "%s: %s", tmp, fail->msg);
    }
    png_init_io(p, f);
    png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, 8,
                 PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(p, info);
    for (int y = 0; y < h; y++)
        png_write_row(p, px + (size_t)y * (size_t)pitch);
    png_write_end(p, NULL);
    png_destroy_write_struct(&p, &info);
    return 0;
}

int shot_write_png(const char *path, const uint8_t *px, int w, int h,
                   int pitch, err_t *e)
{
    char tmp[PATH_MAX];
    png_failure fail = {{0}};
    assert(px && w > 0 && h > 0 && pitch >= 4 * w);
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return err_set(e, "%s: path too long", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return err_set(e, "%s: %s", tmp, strerror(errno));
    int rc = write_stream(f, px, w, h, pitch, tmp, &fail, e);
    if (fclose(f) != 0 && rc == 0)
        rc = err_set(e, "%s: %s", tmp, strerror(errno));
    if (rc == 0 && rename(tmp, path) != 0)
        rc = err_set(e, "%s: cannot rename %s: %s", path, tmp,
                     strerror(errno));
    if (rc != 0)
        remove(tmp);
    return rc;
}
