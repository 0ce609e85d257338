/* draw: see draw.h. */
#include "draw.h"

#include <math.h>

/* Opaque colours are copied, not blended: the software renderer fills a
 * whole screen several times faster that way. */
static int set_color(SDL_Renderer *ren, ui_color c)
{
    return SDL_SetRenderDrawBlendMode(ren, c.a == 255 ? SDL_BLENDMODE_NONE
                                                      : SDL_BLENDMODE_BLEND) ||
           SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a);
}

static int fill(SDL_Renderer *ren, ui_rect r, ui_color c)
{
    SDL_Rect s = {r.x, r.y, r.w, r.h};
    return set_color(ren, c) || SDL_RenderFillRect(ren, &s);
}

static int frame(SDL_Renderer *ren, ui_rect r, int b, ui_color c)
{
    return fill(ren, (ui_rect){r.x, r.y, r.w, b}, c) ||
           fill(ren, (ui_rect){r.x, r.y + r.h - b, r.w, b}, c) ||
           fill(ren, (ui_rect){r.x, r.y, b, r.h}, c) ||
           fill(ren, (ui_rect){r.x + r.w - b, r.y, b, r.h}, c);
}

#define CIRCLE_SEGMENTS 32

static int circle(SDL_Renderer *ren, int cx, int cy, int rad, ui_color c)
{
    SDL_Vertex v[CIRCLE_SEGMENTS + 1];
    int idx[CIRCLE_SEGMENTS * 3];
    SDL_Color col = {c.r, c.g, c.b, c.a};
    v[0] = (SDL_Vertex){{(float)cx, (float)cy}, col, {0, 0}};
    for (int i = 0; i < CIRCLE_SEGMENTS; i++) {
        double t = 2 * M_PI * i / CIRCLE_SEGMENTS;
        v[i + 1] = (SDL_Vertex){{(float)(cx + rad * cos(t)),
                                 (float)(cy + rad * sin(t))}, col, {0, 0}};
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = (i + 1) % CIRCLE_SEGMENTS + 1;
    }
    return SDL_RenderGeometry(ren, NULL, v, CIRCLE_SEGMENTS + 1, idx,
                              CIRCLE_SEGMENTS * 3);
}

/* A line of any width as a quad. */
static int line(SDL_Renderer *ren, const ui_cmd *k)
{
    double dx = k->x2 - k->x1, dy = k->y2 - k->y1;
    double len = sqrt(dx * dx + dy * dy);
    if (len < 0.5)
        return 0;
    double w = k->width > 1 ? k->width / 2.0 : 0.5;
    float nx = (float)(-dy / len * w), ny = (float)(dx / len * w);
    SDL_Color col = {k->color.r, k->color.g, k->color.b, k->color.a};
    SDL_Vertex v[4] = {
        {{k->x1 + nx, k->y1 + ny}, col, {0, 0}},
        {{k->x2 + nx, k->y2 + ny}, col, {0, 0}},
        {{k->x2 - nx, k->y2 - ny}, col, {0, 0}},
        {{k->x1 - nx, k->y1 - ny}, col, {0, 0}},
    };
    static const int idx[6] = {0, 1, 2, 0, 2, 3};
    return SDL_RenderGeometry(ren, NULL, v, 4, idx, 6);
}

/* Text centred vertically in its rectangle, aligned horizontally; what
 * does not fit in the height is cut at the bottom. */
static int text(SDL_Renderer *ren, text_cache *tc, const ui_ctx *ui,
                const ui_cmd *k)
{
    int wrap = k->align & UI_WRAP ? k->r.w : 0;
    const text_entry *t = text_get(tc, ui->text + k->text, k->size,
                                   wrap > 0 ? wrap : 0, k->align, k->color);
    if (!t)
        return -1;
    int w = t->w < k->r.w ? t->w : k->r.w, h = t->h < k->r.h ? t->h : k->r.h;
    int x = k->r.x;
    if (k->align & UI_ALIGN_CENTER)
        x += (k->r.w - w) / 2;
    else if (k->align & UI_ALIGN_RIGHT)
        x += k->r.w - w;
    int y = k->align & UI_ALIGN_TOP ? k->r.y : k->r.y + (k->r.h - h) / 2;
    SDL_Rect src = {0, 0, w, h}, dst = {x, y, w, h};
    return SDL_RenderCopy(ren, t->tex, &src, &dst);
}

static int clip(SDL_Renderer *ren, const ui_cmd *k)
{
    if (k->kind == UI_CMD_UNCLIP)
        return SDL_RenderSetClipRect(ren, NULL);
    SDL_Rect r = {k->r.x, k->r.y, k->r.w, k->r.h};
    return SDL_RenderSetClipRect(ren, &r);
}

static int one(SDL_Renderer *ren, text_cache *tc, const ui_ctx *ui,
               const ui_cmd *k)
{
    switch (k->kind) {
    case UI_CMD_RECT: return fill(ren, k->r, k->color);
    case UI_CMD_FRAME: return frame(ren, k->r, k->width, k->color);
    case UI_CMD_CIRCLE: return circle(ren, k->x1, k->y1, k->width, k->color);
    case UI_CMD_LINE: return line(ren, k);
    case UI_CMD_TEXT: return text(ren, tc, ui, k);
    case UI_CMD_CLIP:
    case UI_CMD_UNCLIP: return clip(ren, k);
    }
    return 0;
}

int draw_frame(SDL_Renderer *ren, text_cache *tc, const ui_ctx *ui)
{
    int rc = 0;
    text_frame(tc);
    for (size_t i = 0; i < ui->n_cmd; i++)
        if (one(ren, tc, ui, &ui->cmd[i]))
            rc = -1;
    SDL_RenderSetClipRect(ren, NULL);
    return rc;
}
