/*
 * test_kbd: the on-screen keyboard (kbd) driven like a finger would: run
 * frames (ui_begin, kbd_do, ui_end), find a key by its label (ui_find),
 * press and release at its centre. Typing follows kbd_plan, as `--script`
 * does. Checks the text (UTF-8 backspace, limits, phrases, one-shot Skift)
 * and the layout at three widths (160 dpi): 360 px (5 narrow columns),
 * 720 px (alphabetical) and 1600 px (QWERTY).
 */
#include "kbd.h"
#include "testhelp.h"
#include "txt.h"
#include "ui.h"
#include "ui_theme.h"

#include <stdint.h>

#define DPI_160 (160.0f / 25.4f)

typedef struct rig {
    ui_ctx *ui;      /* heap: the command lists are large */
    kbd k;
    const char *const *phrases;
    ui_rect r;       /* the keyboard's rectangle, at the window's bottom */
    int changed;     /* kbd_do's result on the last frame */
} rig;

static void frame(rig *g)
{
    ui_begin(g->ui);
    g->changed = kbd_do(g->ui, &g->k, g->r, g->phrases);
    ui_end(g->ui);
}

static void rig_open(rig *g, int w, int h, const char *initial,
                     size_t max_chars, const char *const *phrases)
{
    g->ui = calloc(1, sizeof *g->ui);
    if (!g->ui) {
        perror("calloc");
        exit(2);
    }
    ui_init(g->ui, DPI_160, w, h, &ui_theme_day);
    g->ui->in.pinch = 1.0f;
    kbd_init(&g->k, initial, max_chars);
    g->phrases = phrases;
    int kh = kbd_height(g->ui, w);
    g->r = (ui_rect){0, h - kh, w, kh};
    frame(g);
}

static void rig_close(rig *g)
{
    free(g->ui);
    g->ui = NULL;
}

/* The one visible widget with this label, from the last frame. */
static int find_one(rig *g, const char *label, ui_rect *r)
{
    int n = ui_find(g->ui, label, r);
    if (n != 1)
        TH_FAIL("label \"%s\": %d widgets on screen, want 1", label, n);
    th_checks++;
    return n == 1;
}

/* Finger down at the key's centre in one frame, up in the next. */
static int tap(rig *g, const char *label)
{
    ui_rect r;
    if (!find_one(g, label, &r))
        return 0;
    ui_input *in = &g->ui->in;
    in->x = r.x + r.w / 2;
    in->y = r.y + r.h / 2;
    in->pressed = in->down = 1;
    frame(g);
    in->released = 1;
    in->down = 0;
    frame(g);
    return g->changed;
}

/* Down and up within one frame (a script's events often arrive so). */
static int tap_one_frame(rig *g, const char *label)
{
    ui_rect r;
    if (!find_one(g, label, &r))
        return 0;
    ui_input *in = &g->ui->in;
    in->x = r.x + r.w / 2;
    in->y = r.y + r.h / 2;
    in->pressed = in->released = 1;
    in->down = 0;
    frame(g);
    return g->changed;
}

/* Next code point of valid UTF-8 at *s. */
static uint32_t next_cp(const char **s)
{
    uint32_t cp;
    *s += txt_utf8_next(*s, &cp);
    return cp;
}

/* Types s as a script would: plan each character, tap its labels. */
static void type(rig *g, const char *s)
{
    while (*s) {
        const char *labels[4];
        uint32_t cp = next_cp(&s);
        int n = kbd_plan(&g->k, cp, labels, 4);
        if (n == 0)
            TH_FAIL("kbd_plan(U+%04X): no keys", (unsigned)cp);
        for (int i = 0; i < n; i++)
            tap(g, labels[i]);
    }
}

static int same_rect(ui_rect a, ui_rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

static int overlap(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

/* ---- text ---- */

static void test_type_by_plan(int w)
{
    rig g;
    rig_open(&g, w, 1280, NULL, 200, NULL);
    type(&g, "Hej, åäö 12");
    CHECK_STR(g.k.text, "Hej, åäö 12");
    type(&g, " Åsa? (Ö-7): x/y!.");
    CHECK_STR(g.k.text, "Hej, åäö 12 Åsa? (Ö-7): x/y!.");
    type(&g, "\b\bZ");
    CHECK_STR(g.k.text, "Hej, åäö 12 Åsa? (Ö-7): x/yZ");
    rig_close(&g);
}

static void test_plan_labels(void)
{
    kbd k;
    const char *l[4];
    kbd_init(&k, NULL, 10);
    CHECK_INT(kbd_plan(&k, 'A', l, 4), 2);
    CHECK_STR(l[0], "Skift");
    CHECK_STR(l[1], "A");
    CHECK_INT(kbd_plan(&k, 0xC5, l, 4), 2); /* Å */
    CHECK_STR(l[1], "Å");
    CHECK_INT(kbd_plan(&k, '7', l, 4), 2);
    CHECK_STR(l[0], "123");
    CHECK_STR(l[1], "7");
    CHECK_INT(kbd_plan(&k, ' ', l, 4), 1);
    CHECK_STR(l[0], "Mellanslag");
    CHECK_INT(kbd_plan(&k, 0x08, l, 4), 1);
    CHECK_STR(l[0], "Radera");
    CHECK_INT(kbd_plan(&k, '#', l, 4), 0);
    CHECK_INT(kbd_plan(&k, 0xE9, l, 4), 0);    /* é */
    CHECK_INT(kbd_plan(&k, 0x1F6B6, l, 4), 0); /* emoji */
    CHECK_INT(kbd_plan(&k, 'A', l, 1), 0);     /* does not fit in max */
}

static void test_plan_labels_from_state(void)
{
    kbd k;
    const char *l[4];
    kbd_init(&k, NULL, 10);
    k.shift = 1;
    CHECK_INT(kbd_plan(&k, 'a', l, 4), 2);
    CHECK_STR(l[0], "Skift");
    CHECK_STR(l[1], "a");
    CHECK_INT(kbd_plan(&k, ',', l, 4), 1); /* Skift does not matter */
    CHECK_STR(l[0], ",");
    k.shift = 0;
    k.digits = 1;
    CHECK_INT(kbd_plan(&k, 'a', l, 4), 2);
    CHECK_STR(l[0], "ABC");
    CHECK_STR(l[1], "a");
    CHECK_INT(kbd_plan(&k, 0xD6, l, 4), 3); /* Ö from digits */
    CHECK_STR(l[0], "ABC");
    CHECK_STR(l[1], "Skift");
    CHECK_STR(l[2], "Ö");
    CHECK_INT(kbd_plan(&k, '(', l, 4), 1);
    CHECK_STR(l[0], "(");
}

static void test_radera(void)
{
    rig g;
    /* a, å (2 bytes), woman walking (4 bytes + ZWJ + 3 + VS16) */
    rig_open(&g, 720, 1280, "aå🚶\u200d♀\ufe0f", 50, NULL);
    CHECK_INT(tap(&g, "Radera"), 1);
    CHECK_STR(g.k.text, "aå🚶\u200d♀");
    tap(&g, "Radera");
    tap(&g, "Radera");
    CHECK_STR(g.k.text, "aå🚶");
    tap(&g, "Radera");
    CHECK_STR(g.k.text, "aå");
    tap(&g, "Radera");
    CHECK_STR(g.k.text, "a");
    tap(&g, "Radera");
    CHECK_STR(g.k.text, "");
    CHECK_INT(tap(&g, "Radera"), 0); /* nothing left: no change */
    CHECK_STR(g.k.text, "");
    rig_close(&g);
}

static void test_init_limits(void)
{
    kbd k;
    kbd_init(&k, "åäöabc", 4);
    CHECK_STR(k.text, "åäöa");
    kbd_init(&k, "ok\xc3(", 10); /* invalid UTF-8: the valid prefix */
    CHECK_STR(k.text, "ok");
    kbd_init(&k, NULL, 3);
    CHECK_STR(k.text, "");
    CHECK_INT(k.shift, 0);
    CHECK_INT(k.digits, 0);
}

static void test_max_chars_keys(void)
{
    rig g;
    rig_open(&g, 720, 1280, "åå", 4, NULL);
    type(&g, "ä");
    CHECK_STR(g.k.text, "ååä");
    CHECK_INT(tap(&g, "Mellanslag"), 1);
    CHECK_STR(g.k.text, "ååä ");
    CHECK_INT(tap(&g, "b"), 0);
    CHECK_INT(tap(&g, "Mellanslag"), 0);
    CHECK_STR(g.k.text, "ååä ");
    type(&g, "7");
    CHECK_STR(g.k.text, "ååä ");
    tap(&g, "Radera");
    type(&g, "7");
    CHECK_STR(g.k.text, "ååä7");
    rig_close(&g);
}

static const char *const PHRASES[] = {"Mörkt", "Halt", "Trasig lampa",
                                      NULL};

static void test_phrases(void)
{
    rig g;
    rig_open(&g, 720, 1280, NULL, 10, PHRASES);
    CHECK_INT(tap(&g, "Mörkt"), 1);
    CHECK_STR(g.k.text, "Mörkt"); /* empty text: no space before */
    CHECK_INT(tap(&g, "Halt"), 1);
    CHECK_STR(g.k.text, "Mörkt Halt"); /* exactly 10 */
    CHECK_INT(tap(&g, "Halt"), 0);
    CHECK_STR(g.k.text, "Mörkt Halt");
    rig_close(&g);

    rig_open(&g, 720, 1280, "ab ", 16, PHRASES);
    tap(&g, "Halt");
    CHECK_STR(g.k.text, "ab Halt"); /* already ends in a space */
    CHECK_INT(tap(&g, "Trasig lampa"), 0); /* 7 + 1 + 12 > 16: none */
    CHECK_STR(g.k.text, "ab Halt");
    rig_close(&g);

    rig_open(&g, 720, 1280, "ab", 7, PHRASES);
    CHECK_INT(tap(&g, "Halt"), 1); /* "ab Halt" is 7 */
    CHECK_STR(g.k.text, "ab Halt");
    rig_close(&g);

    rig_open(&g, 720, 1280, "ab", 6, PHRASES);
    CHECK_INT(tap(&g, "Halt"), 0); /* the space would make it 7 */
    CHECK_STR(g.k.text, "ab");
    rig_close(&g);
}

/* ---- Skift ---- */

/* The button's fill colour this frame is the theme's "selected". */
static int drawn_selected(rig *g, const char *label)
{
    ui_rect r;
    if (!find_one(g, label, &r))
        return 0;
    for (size_t i = 0; i < g->ui->n_cmd; i++) {
        const ui_cmd *c = &g->ui->cmd[i];
        if (c->kind == UI_CMD_RECT && same_rect(c->r, r))
            return memcmp(&c->color, &ui_theme_day.selected,
                          sizeof c->color) == 0;
    }
    return 0;
}

static void test_shift_one_shot(void)
{
    rig g;
    rig_open(&g, 720, 1280, NULL, 50, NULL);
    CHECK_INT(drawn_selected(&g, "Skift"), 0);
    CHECK_INT(tap(&g, "Skift"), 0);
    CHECK_INT(g.k.shift, 1);
    CHECK_INT(drawn_selected(&g, "Skift"), 1);
    CHECK_INT(ui_find(g.ui, "a", NULL), 0);
    CHECK_INT(ui_find(g.ui, "A", NULL), 1);
    CHECK_INT(ui_find(g.ui, "Å", NULL), 1);
    CHECK_INT(ui_find(g.ui, ",", NULL), 1);
    tap(&g, "Mellanslag"); /* not a letter: Skift stays */
    CHECK_INT(g.k.shift, 1);
    tap(&g, "A");
    CHECK_STR(g.k.text, " A");
    CHECK_INT(g.k.shift, 0);
    CHECK_INT(drawn_selected(&g, "Skift"), 0);
    tap(&g, "a");
    CHECK_STR(g.k.text, " Aa");
    tap(&g, "Skift");
    tap(&g, "Skift"); /* a second tap turns it off */
    CHECK_INT(g.k.shift, 0);
    tap(&g, "b");
    CHECK_STR(g.k.text, " Aab");
    rig_close(&g);
}

/* The frame that handles a tap already shows the new state, so a script
 * can tap "Skift" and then "B" without waiting a frame. */
static void test_same_frame_labels(void)
{
    rig g;
    rig_open(&g, 720, 1280, NULL, 50, NULL);
    tap_one_frame(&g, "Skift");
    CHECK_INT(ui_find(g.ui, "B", NULL), 1);
    CHECK_INT(tap_one_frame(&g, "B"), 1);
    CHECK_INT(ui_find(g.ui, "a", NULL), 1); /* "a" comes before "B" */
    tap_one_frame(&g, "a");
    tap_one_frame(&g, "123");
    CHECK_INT(ui_find(g.ui, "7", NULL), 1);
    CHECK_INT(ui_find(g.ui, "ABC", NULL), 1);
    CHECK_INT(ui_find(g.ui, "123", NULL), 0);
    tap_one_frame(&g, "7");
    CHECK_STR(g.k.text, "Ba7");
    rig_close(&g);
}

/* ---- layout ---- */

/* Every label once, every rect inside the keyboard, no two overlapping,
 * all at least min_w wide and 12 mm tall. */
static void check_keys(rig *g, int min_w, const char *what)
{
    const ui_ctx *ui = g->ui;
    int t = ui_target(ui);
    for (size_t i = 0; i < ui->n_seen; i++) {
        const ui_seen *s = &ui->seen[i];
        ui_rect r = s->r;
        if (r.w < min_w || r.h < t)
            TH_FAIL("%s: key \"%s\" is %dx%d px, want >= %dx%d", what,
                    s->label, r.w, r.h, min_w, t);
        if (r.x < g->r.x || r.y < g->r.y || r.x + r.w > g->r.x + g->r.w ||
            r.y + r.h > g->r.y + g->r.h)
            TH_FAIL("%s: key \"%s\" at %d,%d %dx%d is outside the keyboard "
                    "%d,%d %dx%d", what, s->label, r.x, r.y, r.w, r.h,
                    g->r.x, g->r.y, g->r.w, g->r.h);
        if (ui_find(ui, s->label, NULL) != 1)
            TH_FAIL("%s: label \"%s\" shown %d times, want 1", what,
                    s->label, ui_find(ui, s->label, NULL));
        for (size_t j = 0; j < i; j++)
            if (overlap(r, ui->seen[j].r))
                TH_FAIL("%s: keys \"%s\" and \"%s\" overlap", what, s->label,
                        ui->seen[j].label);
        th_checks += 4;
    }
}

/* Keys on the same row as the key with this label. */
static int keys_in_row_of(rig *g, const char *label)
{
    ui_rect r;
    int n = 0;
    if (!find_one(g, label, &r))
        return 0;
    for (size_t i = 0; i < g->ui->n_seen; i++)
        n += g->ui->seen[i].r.y == r.y;
    return n;
}

/* b is right of a on the same row. */
static int left_of(rig *g, const char *a, const char *b)
{
    ui_rect ra, rb;
    if (!find_one(g, a, &ra) || !find_one(g, b, &rb))
        return 0;
    return ra.y == rb.y && ra.x < rb.x;
}

static int row_below(rig *g, const char *a, const char *b)
{
    ui_rect ra, rb;
    if (!find_one(g, a, &ra) || !find_one(g, b, &rb))
        return 0;
    return rb.y == ra.y + ra.h + ui_mm(g->ui, 1.0f);
}

/* Check all three states of the keyboard: letters, Skift, digits. */
static void check_pages(rig *g, int min_w, const char *what)
{
    check_keys(g, min_w, what);
    tap(g, "Skift");
    check_keys(g, min_w, what);
    tap(g, "123");
    check_keys(g, min_w, what);
    CHECK_INT(ui_find(g->ui, "0", NULL), 1);
    CHECK_INT(ui_find(g->ui, ")", NULL), 1);
    tap(g, "ABC");
    tap(g, "Skift");
}

static void test_layout_720(void)
{
    rig g;
    rig_open(&g, 720, 1280, NULL, 50, NULL);
    /* 114 mm: 8 keys of 12 mm with 1 mm gaps; alphabetical, 4 rows */
    CHECK_INT(keys_in_row_of(&g, "a"), 8);
    CHECK(left_of(&g, "a", "h"));
    CHECK(row_below(&g, "a", "i"));
    CHECK(left_of(&g, "y", "."));
    CHECK(left_of(&g, "Skift", "123"));
    CHECK(left_of(&g, "123", "Mellanslag"));
    CHECK(left_of(&g, "Mellanslag", "Radera"));
    CHECK(row_below(&g, "y", "Skift"));
    CHECK(!left_of(&g, "w", "e")); /* not QWERTY */
    CHECK(row_below(&g, "a", "q") == 0 && left_of(&g, "a", "b"));
    check_pages(&g, ui_target(g.ui), "720 px");
    /* 1 phrase row + 4 + 1 bottom rows of 76 px, 5 gaps + 2 pads of 6 */
    CHECK_INT(kbd_height(g.ui, 720), 6 * 76 + 7 * 6);
    rig_close(&g);
}

static void test_layout_wide_qwerty(void)
{
    rig g;
    rig_open(&g, 1600, 900, NULL, 50, NULL);
    CHECK(left_of(&g, "q", "w"));
    CHECK(left_of(&g, "p", "å"));
    CHECK(row_below(&g, "q", "a"));
    CHECK(left_of(&g, "l", "ö"));
    CHECK(left_of(&g, "ö", "ä"));
    CHECK(row_below(&g, "a", "z"));
    CHECK(left_of(&g, "m", ","));
    CHECK(left_of(&g, ",", "."));
    CHECK_INT(keys_in_row_of(&g, "q"), 11);
    CHECK_INT(keys_in_row_of(&g, "z"), 9);
    check_pages(&g, ui_target(g.ui), "1600 px");
    CHECK_INT(kbd_height(g.ui, 1600), 5 * 76 + 6 * 6);
    rig_close(&g);
}

static void test_layout_narrow(void)
{
    rig g;
    rig_open(&g, 360, 640, NULL, 50, NULL);
    /* 57 mm: four 12 mm keys fit; five narrower ones instead */
    int t = ui_target(g.ui), gap = ui_mm(g.ui, 1.0f);
    int key_w = (360 - 4 * gap) / 5;
    CHECK(key_w < t);
    CHECK_INT(keys_in_row_of(&g, "a"), 5);
    CHECK(left_of(&g, "a", "e"));
    CHECK(row_below(&g, "a", "f"));
    ui_rect a, sp;
    find_one(&g, "a", &a);
    CHECK_INT(a.w, key_w);
    CHECK_INT(a.h, t);
    find_one(&g, "Mellanslag", &sp);
    CHECK(sp.w >= t);
    check_pages(&g, key_w, "360 px");
    CHECK(kbd_height(g.ui, 360) > kbd_height(g.ui, 720));
    rig_close(&g);
}

static void test_phrase_row(void)
{
    rig g;
    rig_open(&g, 720, 1280, NULL, 50, PHRASES);
    ui_rect p, q;
    find_one(&g, "Trasig lampa", &p);
    find_one(&g, "a", &q);
    CHECK(p.y + p.h <= q.y);
    CHECK(p.w >= 2 * ui_target(g.ui));
    CHECK(left_of(&g, "Mörkt", "Halt"));
    check_keys(&g, ui_target(g.ui), "720 px with phrases");
    /* the height does not depend on the phrases */
    CHECK_INT(g.r.h, kbd_height(g.ui, 720));
    rig_close(&g);
}

int main(void)
{
    test_plan_labels();
    test_plan_labels_from_state();
    test_type_by_plan(720);
    test_type_by_plan(1600);
    test_type_by_plan(360);
    test_radera();
    test_init_limits();
    test_max_chars_keys();
    test_phrases();
    test_shift_one_shot();
    test_same_frame_labels();
    test_layout_720();
    test_layout_wide_qwerty();
    test_layout_narrow();
    test_phrase_row();
    return th_report("test_kbd");
}
