/*
 * kbd: the on-screen Swedish keyboard (see kbd.h). Plain C on ui.h.
 *
 * Layout rule (kbd_layout_sv), for a width w:
 *   - keys are ui_target (12 mm) tall, with 1 mm gaps between keys and rows;
 *   - fit = how many 12 mm keys with 1 mm gaps fit across w;
 *   - fit >= 11: the letter page is Swedish QWERTY (q..p å / a..l ö ä /
 *     z..m , .) in 11 columns, keys as wide as fit but at most 18 mm, the
 *     grid centred and each row centred in it;
 *   - else: a-z å ä ö , . in alphabetical rows of max(fit, 5) columns that
 *     fill w (keys are narrower than 12 mm only when even 5 do not fit);
 *   - the digit page has 1-9 0, then - ? ! : / ( ) from a new row, in the
 *     same columns (at most 10);
 *   - from the top: one phrase row (always reserved, empty without
 *     phrases; phrases that do not fit in it are not shown), the key grid
 *     (as many rows as the taller page needs), and the bottom row Skift,
 *     123/ABC, Mellanslag (the rest of the width), Radera.
 *
 * A key acts when it is released. The keyboard is then laid out again in
 * the same frame, so this frame's labels (ui_find) already show the new
 * state: a script that taps "Skift" finds "A" right after.
 *
 * Not for: showing the text being edited, SDL, storing the note.
 */
#include "kbd.h"
#include "txt.h"
#include "ui_theme.h"

#include <string.h>

#define GAP_MM 1.0f
#define QWERTY_COLS 11  /* this many 12 mm keys fit: QWERTY */
#define MIN_COLS 5      /* fewer never: keys shrink instead */
#define DIGIT_COLS 10
#define PHRASE_COLS 4   /* at most this many phrase buttons */
#define N_LETTERS 29    /* a-z å ä ö: the keys Skift applies to */
#define N_ALPHA 31      /* the letters and , . */
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The named keys in the keyboard's language (Swedish by default). */
static const char *const KEY_NAMES[2][3] = {
    {"Skift", "Mellanslag", "Radera"},
    {"Shift", "Space", "Delete"},
};

const char *kbd_name(const kbd *k, kbd_key key)
{
    return KEY_NAMES[k->english ? 1 : 0][key];
}

static const char *const ALPHA_LO[N_ALPHA] = {
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k",
    "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
    "w", "x", "y", "z", "å", "ä", "ö", ",", "."};
static const char *const ALPHA_UP[N_ALPHA] = {
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K",
    "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", "V",
    "W", "X", "Y", "Z", "Å", "Ä", "Ö", ",", "."};
static const char *const QWERTY[3][QWERTY_COLS] = {
    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "å"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ö", "ä"},
    {"z", "x", "c", "v", "b", "n", "m", ",", "."}};
static const int QWERTY_N[3] = {11, 11, 9};
static const char *const DIGITS[] = {"1", "2", "3", "4", "5",
                                     "6", "7", "8", "9", "0"};
static const char *const PUNCT[] = {"-", "?", "!", ":", "/", "(", ")"};

/* ---- text ---- */

/* Bytes of the UTF-8 sequence led by c (c from valid text). */
static size_t seq_bytes(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* Appends s whole, or nothing when the characters or bytes would not fit. */
static int text_append(kbd *k, const char *s)
{
    size_t len = strlen(k->text), add = strlen(s);
    if (add == 0 || len + add + 1 > KBD_MAX_BYTES)
        return 0;
    if (txt_utf8_count(k->text, len) + txt_utf8_count(s, add) > k->max_chars)
        return 0;
    memcpy(k->text + len, s, add + 1);
    return 1;
}

/* Removes the last code point: its continuation bytes and its lead byte. */
static int text_backspace(kbd *k)
{
    size_t i = strlen(k->text);
    if (i == 0)
        return 0;
    do
        i--;
    while (i > 0 && ((unsigned char)k->text[i] & 0xc0) == 0x80);
    k->text[i] = '\0';
    return 1;
}

/* The phrase with a space before it unless the text is empty or ends in
 * one; all of it or nothing. */
static int text_append_phrase(kbd *k, const char *phrase)
{
    size_t len = strlen(k->text), plen = strlen(phrase);
    if (plen == 0 || !txt_utf8_valid(phrase, plen, NULL))
        return 0;
    const char *sep = len > 0 && k->text[len - 1] != ' ' ? " " : "";
    char buf[KBD_MAX_BYTES];
    size_t n = strlen(sep);
    if (n + plen + 1 > sizeof buf)
        return 0;
    memcpy(buf, sep, n);
    memcpy(buf + n, phrase, plen + 1);
    return text_append(k, buf);
}

void kbd_init(kbd *k, const char *initial, size_t max_chars)
{
    memset(k, 0, sizeof *k);
    k->max_chars = max_chars;
    if (!initial)
        return;
    size_t valid = strlen(initial), at = 0, n = 0;
    txt_utf8_valid(initial, valid, &valid); /* only the valid prefix */
    while (at < valid && n < max_chars) {
        size_t step = seq_bytes((unsigned char)initial[at]);
        if (at + step + 1 > KBD_MAX_BYTES)
            break;
        at += step;
        n++;
    }
    memcpy(k->text, initial, at);
    k->text[at] = '\0';
}

/* ---- keys ---- */

static int index_in(const char *const *keys, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(keys[i], s) == 0)
            return i;
    return -1;
}

static int is_letter(const char *label)
{
    return index_in(ALPHA_LO, N_LETTERS, label) >= 0 ||
           index_in(ALPHA_UP, N_LETTERS, label) >= 0;
}

/* The label a key shows: its upper case while Skift is on. */
static const char *key_label(const kbd *k, const char *lower)
{
    int i = k->shift ? index_in(ALPHA_LO, N_ALPHA, lower) : -1;
    return i >= 0 ? ALPHA_UP[i] : lower;
}

/* ---- layout ---- */

typedef struct kbd_layout {
    int qwerty;            /* Swedish QWERTY letter rows, else a-ö */
    int cols;              /* columns of the letter page */
    int key_w, key_h, gap; /* pixels */
    int rows;              /* grid rows: the taller of the two pages */
    int grid_w;            /* width of the centred grid */
} kbd_layout;

static int rows_of(int n, int cols)
{
    return (n + cols - 1) / cols;
}

static int digit_cols(const kbd_layout *L)
{
    return L->cols < DIGIT_COLS ? L->cols : DIGIT_COLS;
}

static int grid_rows(const kbd_layout *L)
{
    int letters = L->qwerty ? COUNT(QWERTY) : rows_of(N_ALPHA, L->cols);
    int dc = digit_cols(L);
    int digits = rows_of(COUNT(DIGITS), dc) + rows_of(COUNT(PUNCT), dc);
    return letters > digits ? letters : digits;
}

static kbd_layout kbd_layout_sv(const ui_ctx *ui, int w)
{
    kbd_layout L = {0};
    int t = ui_target(ui);
    L.gap = ui_mm(ui, GAP_MM) > 0 ? ui_mm(ui, GAP_MM) : 1;
    int fit = (w + L.gap) / (t + L.gap);
    L.qwerty = fit >= QWERTY_COLS;
    L.cols = L.qwerty ? QWERTY_COLS : fit > MIN_COLS ? fit : MIN_COLS;
    L.key_w = (w - (L.cols - 1) * L.gap) / L.cols;
    if (L.key_w > t * 3 / 2) /* wide screens: no 4 cm keys */
        L.key_w = t * 3 / 2;
    if (L.key_w < 1)
        L.key_w = 1;
    L.key_h = t;
    L.rows = grid_rows(&L);
    L.grid_w = L.cols * L.key_w + (L.cols - 1) * L.gap;
    return L;
}

int kbd_height(const ui_ctx *ui, int w)
{
    kbd_layout L = kbd_layout_sv(ui, w);
    int rows = L.rows + 2; /* phrase row, grid, bottom row */
    return rows * L.key_h + (rows - 1) * L.gap + 2 * L.gap;
}

/* ---- one frame ---- */

typedef enum { ACT_NONE, ACT_KEY, ACT_PHRASE, ACT_SHIFT, ACT_PAGE,
               ACT_BACK } kbd_act_kind;

typedef struct kbd_act {
    kbd_act_kind kind;
    const char *text; /* ACT_KEY: what it types; ACT_PHRASE: the phrase */
} kbd_act;

typedef struct kbd_frame {
    ui_ctx *ui;
    const kbd *k;
    kbd_layout L;
    int x0, y0;   /* top left of the phrase row */
    kbd_act act;  /* the key released on this frame */
} kbd_frame;

static void key(kbd_frame *f, const char *label, ui_rect r,
                ui_btn_style style, kbd_act_kind kind, const char *text)
{
    if (ui_button(f->ui, label, r, style) & UI_CLICKED)
        f->act = (kbd_act){kind, text};
}

/* Row 0 is the phrase row, 1..rows the grid, rows + 1 the bottom row. */
static int row_y(const kbd_frame *f, int row)
{
    return f->y0 + row * (f->L.key_h + f->L.gap);
}

/* n keys (lower-case labels) centred in grid row `row`. */
static void draw_row(kbd_frame *f, int row, const char *const *keys, int n)
{
    const kbd_layout *L = &f->L;
    int step = L->key_w + L->gap;
    int x = f->x0 + (L->cols - n) * step / 2;
    for (int i = 0; i < n; i++) {
        const char *label = key_label(f->k, keys[i]);
        ui_rect r = {x + i * step, row_y(f, row), L->key_w, L->key_h};
        key(f, label, r, UI_BTN_NORMAL, ACT_KEY, label);
    }
}

/* n keys in rows of per_row from grid row `row`; returns the next row. */
static int draw_rows(kbd_frame *f, int row, const char *const *keys, int n,
                     int per_row)
{
    for (int i = 0; i < n; i += per_row, row++)
        draw_row(f, row, keys + i, n - i < per_row ? n - i : per_row);
    return row;
}

static void draw_letters(kbd_frame *f)
{
    if (!f->L.qwerty) {
        draw_rows(f, 1, ALPHA_LO, N_ALPHA, f->L.cols);
        return;
    }
    for (int i = 0; i < COUNT(QWERTY); i++)
        draw_row(f, 1 + i, QWERTY[i], QWERTY_N[i]);
}

static void draw_digits(kbd_frame *f)
{
    int dc = digit_cols(&f->L);
    int row = draw_rows(f, 1, DIGITS, COUNT(DIGITS), dc);
    draw_rows(f, row, PUNCT, COUNT(PUNCT), dc);
}

/* Skift, 123/ABC, Mellanslag (the rest), Radera. */
static void draw_bottom(kbd_frame *f)
{
    const kbd_layout *L = &f->L;
    int side = L->key_w * 3 / 2, quarter = (L->grid_w - 3 * L->gap) / 4;
    if (side > quarter) /* narrow: Mellanslag keeps at least a quarter */
        side = quarter;
    int space = L->grid_w - 3 * side - 3 * L->gap;
    int x = f->x0, y = row_y(f, L->rows + 1), h = L->key_h;
    key(f, kbd_name(f->k, KBD_SHIFT), (ui_rect){x, y, side, h},
        f->k->shift ? UI_BTN_SELECTED : UI_BTN_NORMAL, ACT_SHIFT, NULL);
    x += side + L->gap;
    key(f, f->k->digits ? "ABC" : "123", (ui_rect){x, y, side, h},
        UI_BTN_NORMAL, ACT_PAGE, NULL);
    x += side + L->gap;
    key(f, kbd_name(f->k, KBD_SPACE), (ui_rect){x, y, space, h}, UI_BTN_NORMAL, ACT_KEY,
        " ");
    x += space + L->gap;
    key(f, kbd_name(f->k, KBD_BACK), (ui_rect){x, y, side, h}, UI_BTN_NORMAL, ACT_BACK, NULL);
}

/* As many phrases as fit at 24 mm each (at most PHRASE_COLS), in order. */
static void draw_phrases(kbd_frame *f, const char *const *phrases)
{
    const kbd_layout *L = &f->L;
    int n = 0, t = ui_target(f->ui);
    while (phrases && phrases[n])
        n++;
    int cols = (L->grid_w + L->gap) / (2 * t + L->gap);
    cols = cols < 1 ? 1 : cols > PHRASE_COLS ? PHRASE_COLS : cols;
    ui_rect row = {f->x0, row_y(f, 0), L->grid_w, L->key_h};
    for (int i = 0; i < n && i < cols; i++)
        key(f, phrases[i], ui_column(row, i, cols, L->gap), UI_BTN_NORMAL,
            ACT_PHRASE, phrases[i]);
}

static kbd_act draw_keyboard(ui_ctx *ui, const kbd *k, ui_rect r,
                             const char *const *phrases)
{
    kbd_frame f = {.ui = ui, .k = k, .L = kbd_layout_sv(ui, r.w)};
    f.x0 = r.x + (r.w - f.L.grid_w) / 2;
    f.y0 = r.y + f.L.gap;
    ui_fill(ui, r, ui->theme->bg);
    draw_phrases(&f, phrases);
    if (k->digits)
        draw_digits(&f);
    else
        draw_letters(&f);
    draw_bottom(&f);
    return f.act;
}

/* Returns 1 when the text changed. */
static int apply(kbd *k, kbd_act a)
{
    int typed;
    switch (a.kind) {
    case ACT_KEY:
        typed = text_append(k, a.text);
        if (typed && is_letter(a.text))
            k->shift = 0; /* one-shot */
        return typed;
    case ACT_PHRASE:
        return text_append_phrase(k, a.text);
    case ACT_SHIFT:
        k->shift = !k->shift;
        return 0;
    case ACT_PAGE:
        k->digits = !k->digits;
        return 0;
    case ACT_BACK:
        return text_backspace(k);
    default:
        return 0;
    }
}

/* Where this frame's lists stood before the keyboard. */
typedef struct kbd_mark {
    size_t n_cmd, n_text, n_seen;
} kbd_mark;

/* Takes back this frame's keyboard commands and labels and lays the
 * keyboard out again in its new state, with no press or release to act
 * on (the release was handled). */
static void redraw(ui_ctx *ui, const kbd *k, ui_rect r,
                   const char *const *phrases, const kbd_mark *mark)
{
    ui->n_cmd = mark->n_cmd;
    ui->n_text = mark->n_text;
    ui->n_seen = mark->n_seen;
    ui_input saved = ui->in;
    ui->in.pressed = ui->in.released = 0;
    draw_keyboard(ui, k, r, phrases);
    ui->in = saved;
}

int kbd_do(ui_ctx *ui, kbd *k, ui_rect r, const char *const *phrases)
{
    kbd_mark mark = {ui->n_cmd, ui->n_text, ui->n_seen};
    kbd_act a = draw_keyboard(ui, k, r, phrases);
    if (a.kind == ACT_NONE)
        return 0;
    int changed = apply(k, a);
    redraw(ui, k, r, phrases, &mark);
    return changed;
}

/* ---- plans for scripts ---- */

/* What typing a code point needs: a key, a page and a Skift state
 * (-1: either). */
typedef struct kbd_need {
    const char *label;
    int digits, shift;
} kbd_need;

/* UTF-8 of cp into buf; only 1- and 2-byte ones are on the keyboard. */
static int encode(uint32_t cp, char buf[3])
{
    if (cp >= 0x800)
        return 0;
    if (cp < 0x80) {
        buf[0] = (char)cp, buf[1] = '\0';
        return 1;
    }
    buf[0] = (char)(0xc0 | (cp >> 6));
    buf[1] = (char)(0x80 | (cp & 0x3f));
    buf[2] = '\0';
    return 1;
}

static int find_key(const kbd *k, uint32_t cp, kbd_need *need)
{
    char s[3];
    int i;
    if (cp == ' ' || cp == '\b') {
        *need = (kbd_need){kbd_name(k, cp == ' ' ? KBD_SPACE : KBD_BACK),
                           -1, -1};
        return 1;
    }
    if (cp == 0 || !encode(cp, s))
        return 0;
    if ((i = index_in(ALPHA_LO, N_ALPHA, s)) >= 0)
        *need = (kbd_need){ALPHA_LO[i], 0, i < N_LETTERS ? 0 : -1};
    else if ((i = index_in(ALPHA_UP, N_LETTERS, s)) >= 0)
        *need = (kbd_need){ALPHA_UP[i], 0, 1};
    else if ((i = index_in(DIGITS, COUNT(DIGITS), s)) >= 0)
        *need = (kbd_need){DIGITS[i], 1, -1};
    else if ((i = index_in(PUNCT, COUNT(PUNCT), s)) >= 0)
        *need = (kbd_need){PUNCT[i], 1, -1};
    return i >= 0;
}

int kbd_plan(const kbd *k, uint32_t cp, const char **labels, int max)
{
    kbd_need need;
    const char *plan[3];
    int n = 0;
    if (!find_key(k, cp, &need))
        return 0;
    if (need.digits >= 0 && need.digits != !!k->digits)
        plan[n++] = k->digits ? "ABC" : "123";
    if (need.shift >= 0 && need.shift != !!k->shift)
        plan[n++] = kbd_name(k, KBD_SHIFT);
    plan[n++] = need.label;
    if (n > max)
        return 0;
    memcpy(labels, plan, (size_t)n * sizeof *plan);
    return n;
}
