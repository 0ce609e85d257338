/*
 * ui: trygg's small immediate-mode widget layer (after rxi/microui).
 *
 * Screens call widget functions every frame: each takes an id (its label
 * or a key), a rectangle and the input of this frame, and returns result
 * flags (UI_CLICKED...). Widgets do not draw; they append commands
 * (rectangles, circles, lines, triangles, text) to a list that
 * sdl/draw.c draws with SDL. Input arrives as plain data (ui_input), so tests drive widgets
 * without SDL, and nothing here includes SDL.
 *
 * Every widget that shows a label is recorded for the frame (ui_find), so
 * `--script` can tap "Spara" by its label.
 *
 * Not for: fonts, textures, windows (ui_render.c, app.c).
 */
#ifndef TRYGG_UI_H
#define TRYGG_UI_H

#include <stddef.h>
#include <stdint.h>

typedef struct ui_color {
    uint8_t r, g, b, a;
} ui_color;

typedef struct ui_rect {
    int x, y, w, h;
} ui_rect;

/* Text sizes, in multiples of the body size (set from the display's DPI). */
typedef enum { UI_TEXT_SMALL, UI_TEXT_BODY, UI_TEXT_LARGE, UI_TEXT_TITLE,
               UI_TEXT_N } ui_text_size;

enum {                       /* text alignment and wrapping */
    UI_ALIGN_LEFT = 0,
    UI_ALIGN_CENTER = 1,
    UI_ALIGN_RIGHT = 2,
    UI_WRAP = 4,             /* break lines at the rectangle's width */
    UI_ALIGN_TOP = 8,        /* from the top, not centred vertically */
};

typedef enum { UI_CMD_RECT, UI_CMD_FRAME, UI_CMD_CIRCLE, UI_CMD_LINE,
               UI_CMD_TEXT, UI_CMD_CLIP, UI_CMD_UNCLIP,
               UI_CMD_TRIS } ui_cmd_kind;

typedef struct ui_cmd {
    ui_cmd_kind kind;
    ui_rect r;          /* RECT, FRAME (border width in x2), TEXT, CLIP */
    int x1, y1, x2, y2; /* LINE; CIRCLE uses x1, y1 as centre */
    int width;          /* LINE width, CIRCLE radius, FRAME border width */
    ui_color color;
    ui_text_size size;  /* TEXT */
    int align;          /* TEXT: UI_ALIGN_* | UI_WRAP */
    size_t text;        /* TEXT: offset into ui->text */
    size_t xy, n_xy;    /* TRIS: first float in ui->xy, vertex count (a
                           multiple of 3: whole triangles, one colour) */
} ui_cmd;

/* One pointer (finger or mouse) as the frame sees it, in window pixels.
 * app.c turns SDL events into this; tests fill it by hand. */
typedef struct ui_input {
    int x, y;           /* where the pointer is (or was last) */
    int down;           /* a finger is on the glass */
    int pressed;        /* went down in this frame, at x, y */
    int released;       /* went up in this frame, at x, y */
    int dragged;        /* moved farther than a tap allows since pressed */
    int dx, dy;         /* movement in this frame while down */
    float pinch;        /* zoom factor of a two-finger pinch this frame, 1 none */
    int px, py;         /* pinch centre */
} ui_input;

/* A widget with a label that was on screen this frame. */
typedef struct ui_seen {
    const char *label;  /* in ui->text, valid until the next ui_begin */
    ui_rect r;
} ui_seen;

#define UI_MAX_LABEL 1024 /* bytes; a longer label is not findable */

/* Room for the walk screen's map: a detailed base map as triangles and
 * thousands of markers (a full list sets ui->overflow, never writes past). */
#define UI_MAX_CMDS 32768
#define UI_MAX_TEXT 65536
#define UI_MAX_SEEN 256
#define UI_MAX_XY 262144 /* floats of triangle vertices: x, y pairs */

typedef struct ui_ctx {
    float px_per_mm;    /* from the display's DPI */
    int w, h;           /* window size in pixels */
    int text_px[UI_TEXT_N]; /* pixel heights of the text sizes */
    ui_input in;
    const struct ui_theme *theme;
    /* Which widget holds the pointer since it went down (hash of its id),
     * and whether it has been dragged off tap range. */
    uint32_t active;
    /* This frame's output. */
    ui_cmd cmd[UI_MAX_CMDS];
    size_t n_cmd;
    char text[UI_MAX_TEXT];
    size_t n_text;
    ui_seen seen[UI_MAX_SEEN];
    size_t n_seen;
    float xy[UI_MAX_XY];   /* TRIS vertices, screen pixels */
    size_t n_xy;           /* floats used */
    int overflow;       /* a list was full; drawn frame is incomplete */
    ui_rect clip;       /* widgets outside it take no touches */
    int clipped;
} ui_ctx;

/* Set the scale: px_per_mm from the display; w, h the window. */
void ui_init(ui_ctx *ui, float px_per_mm, int w, int h,
             const struct ui_theme *theme);
/* Start a frame: clears the command and label lists (input stays). */
void ui_begin(ui_ctx *ui);
/* End a frame: forget per-frame input edges (pressed, released...). */
void ui_end(ui_ctx *ui);

/* Millimetres to pixels, rounded. */
int ui_mm(const ui_ctx *ui, float mm);
/* The minimum touch target (12 mm) in pixels. */
int ui_target(const ui_ctx *ui);

/* ---- drawing commands ---- */
void ui_fill(ui_ctx *ui, ui_rect r, ui_color c);
void ui_frame(ui_ctx *ui, ui_rect r, int border, ui_color c);
void ui_circle(ui_ctx *ui, int cx, int cy, int radius, ui_color c);
void ui_line(ui_ctx *ui, int x1, int y1, int x2, int y2, int width,
             ui_color c);
void ui_text(ui_ctx *ui, ui_rect r, const char *s, ui_text_size size,
             int align, ui_color c);
/* Filled triangles of one colour: n_vertices (a multiple of 3; a rest is
 * ignored) x, y pairs in screen pixels, copied from xy. Consecutive calls
 * with the same colour become one command, so a layer of a map is one
 * draw call. All or nothing: when the vertex arena or the command list is
 * full, nothing is added and ui->overflow is set. */
void ui_tris(ui_ctx *ui, const float *xy, size_t n_vertices, ui_color c);
/* A straight line of any width (pixels) with square ends, as two
 * triangles through ui_tris. */
void ui_quad_line(ui_ctx *ui, float x1, float y1, float x2, float y2,
                  float width, ui_color c);
void ui_clip(ui_ctx *ui, ui_rect r);
void ui_unclip(ui_ctx *ui);

/* Record a labelled widget for ui_find (scripts, tests). */
void ui_seen_add(ui_ctx *ui, const char *label, ui_rect r);
/* Visible widgets whose label is exactly label: the count, and the first
 * one's rectangle into *r. */
int ui_find(const ui_ctx *ui, const char *label, ui_rect *r);

int ui_inside(ui_rect r, int x, int y);

/* ---- widgets: result flags ---- */
enum { UI_CLICKED = 1, UI_HELD = 2 };

typedef enum {
    UI_BTN_NORMAL,      /* outlined */
    UI_BTN_PRIMARY,     /* filled with the theme's primary colour */
    UI_BTN_SELECTED,    /* a chosen option in a group */
    UI_BTN_DANGER,      /* delete, end */
    UI_BTN_QUIET,       /* list rows: no border */
} ui_btn_style;

/* A button with a label in words. Tapped = pressed and released inside it
 * without a drag. */
int ui_button(ui_ctx *ui, const char *label, ui_rect r, ui_btn_style style);
/* The same with a coloured stripe on the left (category tiles) and an
 * optional second line under the label (NULL for none). */
int ui_tile(ui_ctx *ui, const char *label, const char *sub, ui_rect r,
            ui_color stripe, ui_btn_style style);

/* ---- layout: cutting rectangles (after microui's row layout) ---- */
ui_rect ui_cut_top(ui_rect *r, int h);
ui_rect ui_cut_bottom(ui_rect *r, int h);
ui_rect ui_cut_left(ui_rect *r, int w);
ui_rect ui_shrink(ui_rect r, int by);
/* The i-th of n equal columns of r with gap pixels between them. */
ui_rect ui_column(ui_rect r, int i, int n, int gap);

#endif
