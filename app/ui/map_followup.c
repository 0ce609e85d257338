/*
 * map_followup: the follow-up spots on the map canvas, spots of earlier
 * walks the municipality asks walkers to look at again. Each is a diamond
 * (the walk's own spots are discs): an outline in the theme's follow-up
 * ink, a band of its category's colour, and a centre of the follow-up
 * ground with a question mark; once answered on this device, the band is
 * dimmed and the question mark becomes a check mark, so the walker sees
 * what is left. They are drawn over the walk's spots and never gathered
 * with them; where follow-up diamonds would overlap each other they are
 * gathered among themselves (the grid of map_spots.c) into an ink diamond
 * with their number, which a tap zooms in on, as spot clusters do. That
 * keeps a zoomed-out frame of a few hundred of them as cheap as one of a
 * few dozen: each marker is some 400 rows of pixels to fill.
 *
 * Not for: reading the list (the walk screen loads it once, from the
 * store), what a tap opens (the answer screen), the walk's spots
 * (map_spots.c).
 */
#include "map_int.h"

#include <stdio.h>
#include <string.h>

/* Half-diagonals of the three diamonds: the outline is as wide as a spot
 * marker's ring, the colour band wider than a line so the category
 * shows, the centre big enough for a body-size "?". */
#define FU_OUTER_MM 5.5f
#define FU_BAND_MM 4.6f
#define FU_CENTRE_MM 3.0f
#define FU_CHECK_MM 0.7f        /* the check mark's stroke */

void map_followups_gather(spot_grid *fg, const ui_ctx *ui, const map_view *v,
                          ui_rect r, const map_layers *L)
{
    map_grid_gather(fg, ui, v, r, L->fu ? &L->fu[0].lat : NULL,
                    sizeof *L->fu, L->n_fu,
                    at_least_1(ui_mm(ui, FU_BAND_MM)),
                    at_least_1(ui_mm(ui, FU_OUTER_MM)));
}

/* Half-way to the map's ground: an answered spot steps back. */
static ui_color dimmed(ui_color c, ui_color ground)
{
    return (ui_color){(uint8_t)((c.r + ground.r) / 2),
                      (uint8_t)((c.g + ground.g) / 2),
                      (uint8_t)((c.b + ground.b) / 2), 255};
}

static void diamond(map_frame *f, float x, float y, float h, ui_color c)
{
    tri_color(f, c);
    tri_add(f, x - h, y, x, y - h, x + h, y);
    tri_add(f, x - h, y, x + h, y, x, y + h);
}

static void check_mark(ui_ctx *ui, float x, float y, float h, ui_color c)
{
    float w = (float)at_least_1(ui_mm(ui, FU_CHECK_MM));
    float ax = x - 0.55f * h, ay = y;
    float bx = x - 0.15f * h, by = y + 0.4f * h;
    float cx = x + 0.55f * h, cy = y - 0.45f * h;
    ui_quad_line(ui, ax, ay, bx, by, w, c);
    ui_quad_line(ui, bx - w / 3, by + w / 3, cx, cy, w, c);
}

/* Text centred on x, y over the triangles drawn so far. */
static void mark_text(map_frame *f, float x, float y, int half,
                      const char *s, ui_text_size size)
{
    int th = f->ui->text_px[size];
    ui_text(f->ui, (ui_rect){to_px(x) - half, to_px(y) - th / 2, 2 * half, th},
            s, size, UI_ALIGN_CENTER, f->ui->theme->followup_ink);
}

static void draw_one(map_frame *f, const map_followup *m, const spot_grid *g,
                     float x, float y)
{
    const ui_theme *t = f->ui->theme;
    float centre = (float)at_least_1(ui_mm(f->ui, FU_CENTRE_MM));
    diamond(f, x, y, (float)g->outer, t->followup_ink);
    diamond(f, x, y, (float)g->rad, m->answered ? dimmed(m->color, t->map_bg)
                                                : m->color);
    diamond(f, x, y, centre, t->followup_bg);
    tri_flush(f); /* the mark goes on top of the triangles */
    if (m->answered)
        check_mark(f->ui, x, y, centre, t->followup_ink);
    else
        mark_text(f, x, y, (int)centre, "?", UI_TEXT_BODY);
}

/* Several follow-up spots: their number on the follow-up ground, inside
 * an outline of ink as wide as a marker's outline and band together. */
static void draw_cluster(map_frame *f, const spot_grid *g, float x, float y,
                         int count)
{
    const ui_theme *t = f->ui->theme;
    int body = map_cluster_rad(g, f->ui, count);
    char s[24];
    snprintf(s, sizeof s, "%d", count);
    diamond(f, x, y, (float)(body + g->outer - g->rad), t->followup_ink);
    diamond(f, x, y, (float)(body - (g->outer - g->rad)), t->followup_bg);
    tri_flush(f);
    mark_text(f, x, y, body, s, UI_TEXT_SMALL);
}

typedef struct fu_draw {
    map_frame *f;
    const spot_grid *g;
    const map_layers *L;
    int named;             /* labels recorded so far */
} fu_draw;

/* Scripts and tests find a marker on the canvas by its name; its square
 * is what a finger can hit. */
static void name_one(fu_draw *d, const map_followup *m, float x, float y)
{
    int k = ui_mm(d->f->ui, MAP_TAP_MM), cx = to_px(x), cy = to_px(y);
    if (!m->label || d->named >= MAP_FU_NAMED || !ui_inside(d->f->r, cx, cy))
        return;
    ui_seen_add(d->f->ui, m->label, (ui_rect){cx - k, cy - k, 2 * k, 2 * k});
    d->named++;
}

static void draw_item(void *ctx, double x, double y, int index, int count)
{
    fu_draw *d = ctx;
    if (count > 1) {
        draw_cluster(d->f, d->g, (float)x, (float)y, count);
        return;
    }
    const map_followup *m = &d->L->fu[index];
    draw_one(d->f, m, d->g, (float)x, (float)y);
    name_one(d, m, (float)x, (float)y);
}

void map_draw_followups(map_frame *f, const spot_grid *fg,
                        const map_layers *L)
{
    fu_draw d = {f, fg, L, 0};
    map_grid_items(fg, draw_item, &d);
}
