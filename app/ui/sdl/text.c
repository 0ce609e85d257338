/* text: see text.h. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const FONT_PATHS[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", /* Debian, Ubuntu */
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",          /* Fedora */
    "/usr/share/fonts/TTF/DejaVuSans.ttf",             /* Arch */
    "/system/fonts/DejaVuSans.ttf",
    NULL,
};

static int find_font(const char *override, char *out, size_t cap, err_t *e)
{
    const char *env = getenv("TRYGG_FONT");
    const char *first[] = {override, env && env[0] ? env : NULL};
    for (int i = 0; i < 2; i++) {
        if (!first[i])
            continue;
        if (access(first[i], R_OK) != 0)
            return err_set(e, "font %s cannot be read (from %s)", first[i],
                           i == 0 ? "--font" : "TRYGG_FONT");
        snprintf(out, cap, "%s", first[i]);
        return 0;
    }
    for (int i = 0; FONT_PATHS[i]; i++)
        if (access(FONT_PATHS[i], R_OK) == 0) {
            snprintf(out, cap, "%s", FONT_PATHS[i]);
            return 0;
        }
    return err_set(e, "no DejaVu Sans font found (install fonts-dejavu-core, "
                   "or give one with --font FILE or TRYGG_FONT)");
}

/* Fonts open at their first use: a screen uses two or three of the sizes,
 * and each open parses the font file again. */
static TTF_Font *font_of(text_cache *c, ui_text_size size)
{
    if (c->font[size])
        return c->font[size];
    /* TTF sizes are points at 72 dpi, i.e. pixels of the em square; the
     * line height is about 1.17 em for DejaVu. */
    int pt = c->px[size] * 100 / 117;
    c->font[size] = TTF_OpenFont(c->path, pt > 4 ? pt : 4);
    if (c->font[size])
        /* No hinting: at 12 mm targets on phone DPIs the text is large
         * enough to stay sharp with anti-aliasing alone (as phones draw
         * it), and the first frame draws in about half the time that
         * FreeType's hinters need to analyse each new size. */
        TTF_SetFontHinting(c->font[size], TTF_HINTING_NONE);
    return c->font[size];
}

int text_open(text_cache *c, SDL_Renderer *ren, const char *override,
              const int *text_px, err_t *e)
{
    memset(c, 0, sizeof *c);
    c->ren = ren;
    memcpy(c->px, text_px, sizeof c->px);
    if (find_font(override, c->path, sizeof c->path, e))
        return -1;
    /* Body and large text are on every screen: opened now, while the
     * database opens on its own thread; a broken file is told at start. */
    if (!font_of(c, UI_TEXT_BODY) || !font_of(c, UI_TEXT_LARGE)) {
        err_set(e, "cannot open font %s: %s", c->path, TTF_GetError());
        text_close(c);
        return -1;
    }
    return 0;
}

void text_close(text_cache *c)
{
    for (int i = 0; i < TEXT_CACHE_SIZE; i++) {
        free(c->e[i].s);
        if (c->e[i].tex)
            SDL_DestroyTexture(c->e[i].tex);
    }
    for (int i = 0; i < UI_TEXT_N; i++)
        if (c->font[i])
            TTF_CloseFont(c->font[i]);
    memset(c, 0, sizeof *c);
}

void text_frame(text_cache *c)
{
    c->stamp++;
}

static uint64_t hash_of(const char *s, int size, int wrap, int align,
                        ui_color col)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ull;
    uint32_t v[4] = {(uint32_t)size, (uint32_t)wrap, (uint32_t)align,
                     (uint32_t)col.r << 24 | col.g << 16 | col.b << 8 | col.a};
    for (int i = 0; i < 4; i++)
        h = (h ^ v[i]) * 1099511628211ull;
    return h ? h : 1;
}

static int same(const text_entry *t, uint64_t h, const char *s, int size,
                int wrap, int align, ui_color col)
{
    return t->hash == h && t->size == size && t->wrap == wrap &&
           t->align == align && !memcmp(&t->color, &col, sizeof col) &&
           strcmp(t->s, s) == 0;
}

/* Open addressing over a small window; the least recently used entry of
 * the window makes room. */
#define PROBE 8

static text_entry *slot_for(text_cache *c, uint64_t h, const char *s,
                            int size, int wrap, int align, ui_color col,
                            int *hit)
{
    text_entry *victim = NULL;
    for (int i = 0; i < PROBE; i++) {
        text_entry *t = &c->e[(h + (uint64_t)i) % TEXT_CACHE_SIZE];
        if (t->hash && same(t, h, s, size, wrap, align, col)) {
            *hit = 1;
            return t;
        }
        if (!victim || !t->hash || (victim->hash && t->used < victim->used))
            victim = t;
    }
    *hit = 0;
    return victim;
}

static int render_into(text_cache *c, text_entry *t, const char *s)
{
    SDL_Color fg = {t->color.r, t->color.g, t->color.b, t->color.a};
    TTF_Font *f = font_of(c, (ui_text_size)t->size);
    if (!f)
        return -1;
    TTF_SetFontWrappedAlign(f, t->align & UI_ALIGN_CENTER ? TTF_WRAPPED_ALIGN_CENTER
                               : t->align & UI_ALIGN_RIGHT ? TTF_WRAPPED_ALIGN_RIGHT
                                                           : TTF_WRAPPED_ALIGN_LEFT);
    SDL_Surface *surf =
        t->wrap > 0 ? TTF_RenderUTF8_Blended_Wrapped(f, s, fg, (Uint32)t->wrap)
                    : TTF_RenderUTF8_Blended(f, s, fg);
    if (!surf)
        return -1;
    t->tex = SDL_CreateTextureFromSurface(c->ren, surf);
    t->w = surf->w;
    t->h = surf->h;
    SDL_FreeSurface(surf);
    c->renders++;
    return t->tex ? 0 : -1;
}

static void clear_entry(text_entry *t)
{
    free(t->s);
    if (t->tex)
        SDL_DestroyTexture(t->tex);
    memset(t, 0, sizeof *t);
}

const text_entry *text_get(text_cache *c, const char *s, ui_text_size size,
                           int wrap_w, int align, ui_color color)
{
    int hit;
    uint64_t h = hash_of(s, (int)size, wrap_w, align, color);
    text_entry *t = slot_for(c, h, s, (int)size, wrap_w, align, color, &hit);
    if (!hit) {
        clear_entry(t);
        *t = (text_entry){.hash = h, .s = strdup(s), .size = (int)size,
                          .wrap = wrap_w, .align = align, .color = color};
        if (!t->s || render_into(c, t, s)) {
            clear_entry(t);
            return NULL;
        }
    }
    t->used = c->stamp;
    return t;
}
