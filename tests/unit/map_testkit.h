/*
 * map_testkit: what the map canvas's tests share (test_map, test_map_base,
 * test_map_spots): the canvas, a ui at 160 dpi, one frame of map_do or
 * map_draw, finger input, and counts of the drawn commands. Static inline,
 * so each test executable takes only what it uses.
 *
 * Not for: asserts in general (tests/testhelp.h), the tests themselves.
 */
#ifndef TRYGG_MAP_TESTKIT_H
#define TRYGG_MAP_TESTKIT_H

#include "map.h"
#include "testhelp.h"
#include "ui_theme.h"

#include <math.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define STATION_LAT 59.708349420 /* Filipstad railway station */
#define STATION_LON 14.159470306

/* |got - want| <= tol, printing both on failure. */
#define CHECK_NEAR(got, want, tol)                                             \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        th_checks++;                                                           \
        if (!(fabs(g_ - w_) <= (tol)))                                         \
            TH_FAIL("%s: got %.12g, want %.12g (tolerance %g)", #got, g_,     \
                    w_, (double)(tol));                                        \
    } while (0)

/* The map canvas, on a 720 x 1280 screen. */
static const ui_rect CANVAS = {0, 200, 720, 800};

static inline ui_ctx *new_ui(void)
{
    ui_ctx *ui = calloc(1, sizeof *ui);
    if (!ui) {
        perror("calloc");
        exit(2);
    }
    ui_init(ui, 160 / 25.4f, 720, 1280, &ui_theme_day);
    ui->in.pinch = 1.0f;
    return ui;
}

/* One frame: the input already in ui->in, the canvas drawn, edges cleared. */
static inline int frame(ui_ctx *ui, map_view *v, const map_marker *m,
                        size_t n)
{
    ui_begin(ui);
    int moved = map_do(ui, v, CANVAS, m, n);
    ui_end(ui);
    return moved;
}

static inline void press(ui_ctx *ui, int x, int y)
{
    ui->in = (ui_input){.x = x, .y = y, .down = 1, .pressed = 1,
                        .pinch = 1.0f};
}

static inline void move(ui_ctx *ui, int dx, int dy)
{
    ui->in.x += dx;
    ui->in.y += dy;
    ui->in.dx = dx;
    ui->in.dy = dy;
    ui->in.dragged = 1;
}

static inline void release(ui_ctx *ui)
{
    ui->in.down = 0;
    ui->in.released = 1;
}

static inline int same_color(ui_color a, ui_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static inline int circles_at(const ui_ctx *ui, int x, int y)
{
    int k = 0;
    for (size_t i = 0; i < ui->n_cmd; i++)
        if (ui->cmd[i].kind == UI_CMD_CIRCLE && ui->cmd[i].x1 == x &&
            ui->cmd[i].y1 == y)
            k++;
    return k;
}

static inline int count_kind(const ui_ctx *ui, ui_cmd_kind kind)
{
    int k = 0;
    for (size_t i = 0; i < ui->n_cmd; i++)
        k += ui->cmd[i].kind == kind;
    return k;
}

/* The smallest gap between vertical grid lines, or 0 with fewer than two. */
static inline int grid_gap(const ui_ctx *ui)
{
    int last = 0, gap = 0, seen = 0;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *c = &ui->cmd[i];
        if (c->kind != UI_CMD_LINE || c->x1 != c->x2 ||
            !same_color(c->color, ui_theme_day.map_grid))
            continue;
        if (seen++ && (gap == 0 || c->x1 - last < gap))
            gap = c->x1 - last;
        last = c->x1;
    }
    return gap;
}

static inline int draw_layers(ui_ctx *ui, map_view *v,
                              const map_layers *L, int *tapped)
{
    ui_begin(ui);
    int moved = map_draw(ui, v, CANVAS, L, tapped);
    ui_end(ui);
    return moved;
}

static inline int count_text(const ui_ctx *ui, const char *s)
{
    int k = 0;
    for (size_t i = 0; i < ui->n_cmd; i++)
        k += ui->cmd[i].kind == UI_CMD_TEXT &&
             strcmp(ui->text + ui->cmd[i].text, s) == 0;
    return k;
}

#endif
