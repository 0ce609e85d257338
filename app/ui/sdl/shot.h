/*
 * shot: save an RGBA picture (a screenshot) as a PNG file with libpng.
 *
 * The file is written as PATH.tmp and renamed over PATH only when complete,
 * so a crash or a full disk never leaves half a PNG under the real name.
 * It is not fsynced: screenshots are for people to look at, not records.
 *
 * Not for: reading PNGs, other pixel formats.
 */
#ifndef TRYGG_SHOT_H
#define TRYGG_SHOT_H

#include <stdint.h>

#include "err.h"

/* Write w x h pixels of 8-bit R, G, B, A bytes in that order (SDL's
 * SDL_PIXELFORMAT_RGBA32), rows pitch bytes apart (pitch >= 4 * w), to
 * path. Returns 0, or -1 with a message naming path. */
int shot_write_png(const char *path, const uint8_t *px, int w, int h,
                   int pitch, err_t *e);

#endif
