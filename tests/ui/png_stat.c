/*
 * png_stat: how bright a screenshot (or a rectangle of it) is, for the UI
 * tests' theme checks. Prints one line of key=value pairs:
 *
 *   png_stat FILE [X Y W H]
 *   pixels=N mean_luma=M min_luma=A max_luma=B near_white=K
 *   bright_frac=F max_cell_bright=C
 *
 * luma is Rec. 709 on the 8-bit sRGB values (0..255); near_white counts
 * pixels whose R, G and B are all >= 200; bright_frac is the share of
 * pixels with luma >= 128; max_cell_bright is that share in the brightest
 * 32x32 cell of a grid over the rectangle (a large bright area shows up
 * there even when the whole picture is dark on average).
 *
 * Not for: comparing pictures. Exit 1 with a message when FILE cannot be
 * read, 2 on wrong usage.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>

#define CELL 32
#define NEAR_WHITE 200
#define BRIGHT 128

typedef struct image {
    png_uint_32 w, h;
    png_bytep px; /* RGBA, w * h * 4; owned */
} image;

typedef struct rect {
    long x, y, w, h;
} rect;

static int load(const char *path, image *im)
{
    png_image pi = {0};
    pi.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&pi, path)) {
        fprintf(stderr, "png_stat: %s: %s\n", path, pi.message);
        return -1;
    }
    pi.format = PNG_FORMAT_RGBA;
    im->w = pi.width;
    im->h = pi.height;
    im->px = malloc(PNG_IMAGE_SIZE(pi));
    if (!im->px) {
        png_image_free(&pi);
        fprintf(stderr, "png_stat: %s: out of memory\n", path);
        return -1;
    }
    if (!png_image_finish_read(&pi, NULL, im->px, 0, NULL)) {
        fprintf(stderr, "png_stat: %s: %s\n", path, pi.message);
        free(im->px);
        im->px = NULL;
        return -1;
    }
    return 0;
}

static double luma_at(const image *im, long x, long y)
{
    const png_byte *p = im->px + ((size_t)y * im->w + (size_t)x) * 4;
    return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
}

static int near_white_at(const image *im, long x, long y)
{
    const png_byte *p = im->px + ((size_t)y * im->w + (size_t)x) * 4;
    return p[0] >= NEAR_WHITE && p[1] >= NEAR_WHITE && p[2] >= NEAR_WHITE;
}

/* Share of bright pixels in the cell at cx, cy (clipped to r). */
static double cell_bright(const image *im, rect r, long cx, long cy)
{
    long n = 0, bright = 0;
    for (long y = cy; y < cy + CELL && y < r.y + r.h; y++)
        for (long x = cx; x < cx + CELL && x < r.x + r.w; x++, n++)
            bright += luma_at(im, x, y) >= BRIGHT;
    return n ? (double)bright / (double)n : 0.0;
}

static void report(const image *im, rect r)
{
    double sum = 0, lo = 255, hi = 0, cell_max = 0;
    long white = 0, bright = 0, n = r.w * r.h;
    for (long y = r.y; y < r.y + r.h; y++)
        for (long x = r.x; x < r.x + r.w; x++) {
            double l = luma_at(im, x, y);
            sum += l;
            lo = l < lo ? l : lo;
            hi = l > hi ? l : hi;
            bright += l >= BRIGHT;
            white += near_white_at(im, x, y);
        }
    for (long cy = r.y; cy < r.y + r.h; cy += CELL)
        for (long cx = r.x; cx < r.x + r.w; cx += CELL) {
            double c = cell_bright(im, r, cx, cy);
            cell_max = c > cell_max ? c : cell_max;
        }
    printf("pixels=%ld mean_luma=%.1f min_luma=%.0f max_luma=%.0f "
           "near_white=%ld bright_frac=%.4f max_cell_bright=%.3f\n",
           n, sum / (double)n, lo, hi, white, (double)bright / (double)n,
           cell_max);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 6) {
        fprintf(stderr, "usage: png_stat FILE [X Y W H]\n");
        return 2;
    }
    image im = {0};
    if (load(argv[1], &im))
        return 1;
    rect r = {0, 0, (long)im.w, (long)im.h};
    if (argc == 6)
        r = (rect){atol(argv[2]), atol(argv[3]), atol(argv[4]),
                   atol(argv[5])};
    if (r.x < 0 || r.y < 0 || r.w <= 0 || r.h <= 0 ||
        r.x + r.w > (long)im.w || r.y + r.h > (long)im.h) {
        fprintf(stderr, "png_stat: %s: rectangle %ld %ld %ld %ld is not "
                "inside the %ux%u picture\n", argv[1], r.x, r.y, r.w, r.h,
                (unsigned)im.w, (unsigned)im.h);
        free(im.px);
        return 2;
    }
    report(&im, r);
    free(im.px);
    return 0;
}
