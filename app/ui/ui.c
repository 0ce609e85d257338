/* ui: widgets, layout and the per-frame command list. See ui.h. */
#include "ui.h"
#include "ui_theme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Body text is 4 mm tall (cap-to-descender), readable at arm's length. */
static const float TEXT_MM[UI_TEXT_N] = {3.2f, 4.0f, 5.0f, 6.5f};
#define UI_TARGET_MM 12.0f

void ui_init(ui_ctx *ui, float px_per_mm, int w, int h,
             const struct ui_theme *theme)
{
    ui->px_per_mm = px_per_mm > 0 ? px_per_mm : 160.0f / 25.4f;
    ui->w = w;
    ui->h = h;
    ui->theme = theme;
    for (int i = 0; i < UI_TEXT_N; i++)
        ui->text_px[i] = ui_mm(ui, TEXT_MM[i]);
}

void ui_begin(ui_ctx *ui)
{
    ui->clipped = 0;
    ui->n_cmd = 0;
    ui->n_text = 0;
    ui->n_seen = 0;
    ui->n_xy = 0;
    ui->overflow = 0;
}

void ui_end(ui_ctx *ui)
{
    if (ui->in.released)
        ui->active = 0;
    ui->in.pressed = ui->in.released = 0;
    ui->in.dx = ui->in.dy = 0;
    ui->in.pinch = 1.0f;
}

int ui_mm(const ui_ctx *ui, float mm)
{
    return (int)lroundf(mm * ui->px_per_mm);
}

int ui_target(const ui_ctx *ui)
{
    return ui_mm(ui, UI_TARGET_MM);
}

int ui_inside(ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* ---- commands ---- */

static ui_cmd *push(ui_ctx *ui, ui_cmd_kind kind, ui_color c)
{
    if (ui->n_cmd >= UI_MAX_CMDS) {
        ui->overflow = 1;
        return NULL;
    }
    ui_cmd *k = &ui->cmd[ui->n_cmd++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->color = c;
    return k;
}

void ui_fill(ui_ctx *ui, ui_rect r, ui_color c)
{
    ui_cmd *k = push(ui, UI_CMD_RECT, c);
    if (k)
        k->r = r;
}

void ui_frame(ui_ctx *ui, ui_rect r, int border, ui_color c)
{
    ui_cmd *k = push(ui, UI_CMD_FRAME, c);
    if (k) {
        k->r = r;
        k->width = border;
    }
}

void ui_circle(ui_ctx *ui, int cx, int cy, int radius, ui_color c)
{
    ui_cmd *k = push(ui, UI_CMD_CIRCLE, c);
    if (k) {
        k->x1 = cx;
        k->y1 = cy;
        k->width = radius;
    }
}

void ui_line(ui_ctx *ui, int x1, int y1, int x2, int y2, int width,
             ui_color c)
{
    ui_cmd *k = push(ui, UI_CMD_LINE, c);
    if (k) {
        k->x1 = x1;
        k->y1 = y1;
        k->x2 = x2;
        k->y2 = y2;
        k->width = width;
    }
}

/* Copy s into the frame's text arena; its offset, or -1 when full. */
static long keep_text(ui_ctx *ui, const char *s)
{
    size_t len = strlen(s);
    if (ui->n_text + len + 1 > UI_MAX_TEXT) {
        ui->overflow = 1;
        return -1;
    }
    size_t at = ui->n_text;
    memcpy(ui->text + at, s, len + 1);
    ui->n_text += len + 1;
    return (long)at;
}

void ui_text(ui_ctx *ui, ui_rect r, const char *s, ui_text_size size,
             int align, ui_color c)
{
    if (!s[0] || ui->n_cmd >= UI_MAX_CMDS) {
        ui->overflow |= ui->n_cmd >= UI_MAX_CMDS;
        return;
    }
    long at = keep_text(ui, s);
    if (at < 0)
        return;
    ui_cmd *k = push(ui, UI_CMD_TEXT, c);
    k->r = r;
    k->size = size;
    k->align = align;
    k->text = (size_t)at;
}

static int same_color(ui_color a, ui_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The last command, when it is a TRIS of colour c whose vertices end where
 * the arena does: new triangles can extend it. */
static ui_cmd *open_tris(ui_ctx *ui, ui_color c)
{
    if (ui->n_cmd == 0)
        return NULL;
    ui_cmd *k = &ui->cmd[ui->n_cmd - 1];
    if (k->kind != UI_CMD_TRIS || !same_color(k->color, c) ||
        k->xy + 2 * k->n_xy != ui->n_xy)
        return NULL;
    return k;
}

void ui_tris(ui_ctx *ui, const float *xy, size_t n_vertices, ui_color c)
{
    n_vertices -= n_vertices % 3;
    if (n_vertices == 0)
        return;
    if (n_vertices > (UI_MAX_XY - ui->n_xy) / 2) {
        ui->overflow = 1;
        return;
    }
    ui_cmd *k = open_tris(ui, c);
    if (!k) {
        k = push(ui, UI_CMD_TRIS, c);
        if (!k)
            return;
        k->xy = ui->n_xy;
    }
    memcpy(ui->xy + ui->n_xy, xy, 2 * n_vertices * sizeof *xy);
    ui->n_xy += 2 * n_vertices;
    k->n_xy += n_vertices;
}

void ui_quad_line(ui_ctx *ui, float x1, float y1, float x2, float y2,
                  float width, ui_color c)
{
    float dx = x2 - x1, dy = y2 - y1, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 0.0f) || !(width > 0.0f))
        return;
    float nx = -dy / len * width / 2, ny = dx / len * width / 2;
    float q[12] = {x1 + nx, y1 + ny, x2 + nx, y2 + ny, x2 - nx, y2 - ny,
                   x1 + nx, y1 + ny, x2 - nx, y2 - ny, x1 - nx, y1 - ny};
    ui_tris(ui, q, 6, c);
}

void ui_clip(ui_ctx *ui, ui_rect r)
{
    ui_cmd *k = push(ui, UI_CMD_CLIP, (ui_color){0, 0, 0, 0});
    if (k)
        k->r = r;
    ui->clip = r;
    ui->clipped = 1;
}

void ui_unclip(ui_ctx *ui)
{
    push(ui, UI_CMD_UNCLIP, (ui_color){0, 0, 0, 0});
    ui->clipped = 0;
}

/* The part of r that can be seen and touched. */
static ui_rect visible(const ui_ctx *ui, ui_rect r)
{
    if (!ui->clipped)
        return r;
    int x0 = r.x > ui->clip.x ? r.x : ui->clip.x;
    int y0 = r.y > ui->clip.y ? r.y : ui->clip.y;
    int x1 = r.x + r.w, y1 = r.y + r.h;
    int cx1 = ui->clip.x + ui->clip.w, cy1 = ui->clip.y + ui->clip.h;
    x1 = x1 < cx1 ? x1 : cx1;
    y1 = y1 < cy1 ? y1 : cy1;
    return (ui_rect){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
}

/* ---- labels seen this frame ---- */

void ui_seen_add(ui_ctx *ui, const char *label, ui_rect r)
{
    r = visible(ui, r);
    if (!label || !label[0] || r.w <= 0 || r.h <= 0)
        return;
    if (ui->n_seen >= UI_MAX_SEEN) {
        ui->overflow = 1;
        return;
    }
    long at = keep_text(ui, label);
    if (at < 0)
        return;
    ui->seen[ui->n_seen++] = (ui_seen){ui->text + at, r};
}

int ui_find(const ui_ctx *ui, const char *label, ui_rect *r)
{
    int n = 0;
    for (size_t i = 0; i < ui->n_seen; i++) {
        if (strcmp(ui->seen[i].label, label) != 0)
            continue;
        if (n++ == 0 && r)
            *r = ui->seen[i].r;
    }
    return n;
}

/* ---- widgets ---- */

/* FNV-1a of the label and the rectangle: the same button in the same
 * place is the same widget from frame to frame. */
static uint32_t widget_id(const char *label, ui_rect r)
{
    uint32_t h = 2166136261u;
    for (const char *p = label; *p; p++)
        h = (h ^ (uint8_t)*p) * 16777619u;
    int v[4] = {r.x, r.y, r.w, r.h};
    for (int i = 0; i < 4; i++)
        h = (h ^ (uint32_t)v[i]) * 16777619u;
    return h ? h : 1;
}

/* A press inside r makes the widget active; a release inside it, with no
 * drag since, is a click. */
static int press_logic(ui_ctx *ui, uint32_t id, ui_rect r)
{
    const ui_input *in = &ui->in;
    r = visible(ui, r);
    if (in->pressed && ui_inside(r, in->x, in->y))
        ui->active = id;
    if (ui->active != id)
        return 0;
    if (in->released)
        return !in->dragged && ui_inside(r, in->x, in->y) ? UI_CLICKED : 0;
    return in->down && !in->dragged && ui_inside(r, in->x, in->y) ? UI_HELD
                                                                  : 0;
}

typedef struct btn_colors {
    ui_color fill, text, border;
} btn_colors;

static btn_colors colors_of(const ui_theme *t, ui_btn_style style, int held)
{
    btn_colors c = {t->surface, t->on_surface, t->border};
    switch (style) {
    case UI_BTN_PRIMARY:
        c = (btn_colors){t->primary, t->on_primary, t->primary};
        break;
    case UI_BTN_SELECTED:
        c = (btn_colors){t->selected, t->on_selected, t->selected};
        break;
    case UI_BTN_DANGER:
        c = (btn_colors){t->danger, t->on_danger, t->danger};
        break;
    case UI_BTN_QUIET:
        c = (btn_colors){t->bg, t->text, t->bg};
        break;
    default:
        break;
    }
    if (held) /* pressed feedback: the border colour inverts the fill */
        c = (btn_colors){c.fill, c.text, c.text};
    return c;
}

static int button_box(ui_ctx *ui, const char *label, ui_rect r,
                      ui_btn_style style, btn_colors *out)
{
    int res = press_logic(ui, widget_id(label, r), r);
    btn_colors c = colors_of(ui->theme, style, res & UI_HELD);
    int border = ui_mm(ui, (res & UI_HELD) ? 1.2f : 0.4f);
    ui_fill(ui, r, c.fill);
    if (style != UI_BTN_QUIET || (res & UI_HELD))
        ui_frame(ui, r, border < 1 ? 1 : border, c.border);
    ui_seen_add(ui, label, r);
    *out = c;
    return res;
}

int ui_button(ui_ctx *ui, const char *label, ui_rect r, ui_btn_style style)
{
    btn_colors c;
    int res = button_box(ui, label, r, style, &c);
    ui_text(ui, ui_shrink(r, ui_mm(ui, 1.5f)), label, UI_TEXT_BODY,
            UI_ALIGN_CENTER | UI_WRAP, c.text);
    return res;
}

int ui_tile(ui_ctx *ui, const char *label, const char *sub, ui_rect r,
            ui_color stripe, ui_btn_style style)
{
    btn_colors c;
    int res = button_box(ui, label, r, style, &c);
    ui_rect body = r;
    ui_fill(ui, ui_cut_left(&body, ui_mm(ui, 3)), stripe);
    body = ui_shrink(body, ui_mm(ui, 1.5f));
    if (sub && sub[0]) {
        ui_rect top = ui_cut_top(&body, body.h * 3 / 5);
        ui_text(ui, top, label, UI_TEXT_BODY, UI_ALIGN_LEFT | UI_WRAP,
                c.text);
        ui_text(ui, body, sub, UI_TEXT_SMALL, UI_ALIGN_LEFT | UI_WRAP,
                c.text);
    } else {
        ui_text(ui, body, label, UI_TEXT_BODY, UI_ALIGN_LEFT | UI_WRAP,
                c.text);
    }
    return res;
}

/* ---- layout ---- */

ui_rect ui_cut_top(ui_rect *r, int h)
{
    if (h > r->h)
        h = r->h;
    ui_rect out = {r->x, r->y, r->w, h};
    r->y += h;
    r->h -= h;
    return out;
}

ui_rect ui_cut_bottom(ui_rect *r, int h)
{
    if (h > r->h)
        h = r->h;
    r->h -= h;
    return (ui_rect){r->x, r->y + r->h, r->w, h};
}

ui_rect ui_cut_left(ui_rect *r, int w)
{
    if (w > r->w)
        w = r->w;
    ui_rect out = {r->x, r->y, w, r->h};
    r->x += w;
    r->w -= w;
    return out;
}

ui_rect ui_shrink(ui_rect r, int by)
{
    if (2 * by > r.w)
        by = r.w / 2;
    if (2 * by > r.h)
        by = r.h / 2;
    return (ui_rect){r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by};
}

ui_rect ui_column(ui_rect r, int i, int n, int gap)
{
    int w = (r.w - gap * (n - 1)) / n;
    return (ui_rect){r.x + i * (w + gap), r.y, w, r.h};
}
