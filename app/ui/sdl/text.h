/*
 * text: fonts and rendered text for the touch app. Finds DejaVu Sans at run
 * time (an override path first, for devices that keep fonts elsewhere),
 * opens it at the pixel sizes of ui_text_size, and keeps rendered strings
 * as textures, so a frame only draws textures and no text is rasterised
 * again while it stays on screen.
 */
#ifndef TRYGG_TEXT_H
#define TRYGG_TEXT_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "err.h"
#include "ui.h"

#define TEXT_CACHE_SIZE 1024

typedef struct text_entry {
    uint64_t hash;       /* 0: empty slot */
    char *s;             /* the text (owned) */
    int size, wrap;      /* ui_text_size, wrap width or 0 */
    int align;
    ui_color color;
    SDL_Texture *tex;
    int w, h;
    uint64_t used;       /* frame stamp, for eviction */
} text_entry;

typedef struct text_cache {
    SDL_Renderer *ren;
    TTF_Font *font[UI_TEXT_N]; /* opened at first use */
    int px[UI_TEXT_N];
    char path[1024];     /* the font file in use */
    text_entry e[TEXT_CACHE_SIZE];
    uint64_t stamp;
    long renders;        /* strings rasterised so far (for tests, benches) */
} text_cache;

/* Find the font (override, $TRYGG_FONT, then Debian's paths) and open it
 * at px heights text_px. */
int text_open(text_cache *c, SDL_Renderer *ren, const char *override,
              const int *text_px, err_t *e);
void text_close(text_cache *c);
/* A new frame: entries unused for a while may be evicted. */
void text_frame(text_cache *c);
/* The texture of s (rendered now or from the cache); NULL on failure. */
const text_entry *text_get(text_cache *c, const char *s, ui_text_size size,
                           int wrap_w, int align, ui_color color);

#endif
