/*
 * draw: puts a frame's ui command list on an SDL renderer: rectangles,
 * frames, circles and thick lines as geometry, text as cached textures.
 */
#ifndef TRYGG_DRAW_H
#define TRYGG_DRAW_H

#include <SDL.h>

#include "text.h"
#include "ui.h"

/* Draw every command of ui; returns 0, or -1 when SDL failed (the frame
 * may be incomplete; SDL_GetError says why). */
int draw_frame(SDL_Renderer *ren, text_cache *tc, const ui_ctx *ui);

#endif
