/*
 * test_ui_theme: the day and night palettes. Every text colour reaches
 * 7:1 (WCAG AAA) on each ground it is drawn on (the pairs below are the
 * ones ui.c, map.c, kbd.c and the screens draw, plus text and text_dim on
 * surface, which a tile's second line may use); ui_contrast gives the
 * WCAG ratios; the night theme has no bright fill; a follow-up marker's
 * ink differs from the ink of the walk's spot markers in the day theme (in
 * the night theme both are the dim amber that keeps eyes adapted: there
 * the shape tells them apart); the category colours
 * of the default table differ pairwise and none falls back to the unknown
 * grey.
 */
#include "cat.h"
#include "testhelp.h"
#include "ui_theme.h"

#include <math.h>
#include <stddef.h>

#define AAA 7.0
#define NIGHT_MAX_FILL_LUMINANCE 0.05

/* A text colour and the ground it is drawn on, by field name. */
typedef struct pair {
    const char *text, *ground;
    size_t text_off, ground_off;
    const char *where; /* who draws it */
} pair;

#define PAIR(t, g, w)                                                          \
    {#t, #g, offsetof(ui_theme, t), offsetof(ui_theme, g), w}

static const pair PAIRS[] = {
    PAIR(text, bg, "headers, captions, summary, note text, QUIET buttons"),
    PAIR(text_dim, bg, "captions, note line, sync path (scr_start/mark/sync)"),
    PAIR(on_surface, surface, "NORMAL buttons, tiles and their sub line, "
                              "keys, zoom buttons, Ångra"),
    PAIR(on_primary, primary, "PRIMARY buttons (Markera plats, Spara)"),
    PAIR(on_selected, selected, "SELECTED buttons and tiles"),
    PAIR(on_danger, danger, "DANGER buttons, the error banner"),
    PAIR(map_ink, map_bg, "scale bar label, crosshair"),
    PAIR(on_toast, toast, "the Sparat/Ångra toast"),
    PAIR(followup_ink, map_bg, "a follow-up marker's outline on the map"),
    PAIR(followup_ink, followup_bg, "the ? or check mark in a follow-up "
                                    "marker (map_followup.c)"),
    PAIR(text, surface, "not drawn today; kept at 7:1 for tiles"),
    PAIR(text_dim, surface, "not drawn today; kept at 7:1 for tiles"),
};

/* Fills a screen may cover large areas with. */
static const struct {
    const char *name;
    size_t off;
} FILLS[] = {
    {"bg", offsetof(ui_theme, bg)},
    {"surface", offsetof(ui_theme, surface)},
    {"primary", offsetof(ui_theme, primary)},
    {"selected", offsetof(ui_theme, selected)},
    {"danger", offsetof(ui_theme, danger)},
    {"map_bg", offsetof(ui_theme, map_bg)},
    {"toast", offsetof(ui_theme, toast)},
    {"followup_bg", offsetof(ui_theme, followup_bg)},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static ui_color field(const ui_theme *t, size_t off)
{
    return *(const ui_color *)((const char *)t + off);
}

static ui_color rgb(uint32_t v)
{
    return (ui_color){(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
}

static unsigned hex(ui_color c)
{
    return (unsigned)c.r << 16 | (unsigned)c.g << 8 | c.b;
}

/* |got - want| <= tol, printing both on failure. */
#define CHECK_NEAR(got, want, tol)                                             \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        th_checks++;                                                           \
        if (!(fabs(g_ - w_) <= (tol)))                                         \
            TH_FAIL("%s: got %.6f, want %.6f (tolerance %g)", #got, g_, w_,    \
                    (double)(tol));                                            \
    } while (0)

/* Relative luminance (WCAG 2), from the ratio against black (L = 0). */
static double luminance(ui_color c)
{
    return ui_contrast(c, rgb(0x000000)) * 0.05 - 0.05;
}

static void test_contrast_values(void)
{
    ui_color black = rgb(0x000000), white = rgb(0xFFFFFF);
    CHECK_NEAR(ui_contrast(black, white), 21.0, 1e-9);
    CHECK_NEAR(ui_contrast(white, black), 21.0, 1e-9); /* symmetric */
    CHECK_NEAR(ui_contrast(white, white), 1.0, 1e-12);
    CHECK_NEAR(ui_contrast(black, black), 1.0, 1e-12);
    CHECK_NEAR(ui_contrast(rgb(0x7A5420), rgb(0x7A5420)), 1.0, 1e-12);
    /* known WCAG values: #767676 is the lightest grey at 4.5:1 on white,
     * #777777 just misses it (4.48) */
    CHECK_NEAR(ui_contrast(rgb(0x767676), white), 4.54, 0.005);
    CHECK_NEAR(ui_contrast(rgb(0x777777), white), 4.48, 0.005);
    /* luminances of pure primaries (sRGB coefficients) */
    CHECK_NEAR(luminance(rgb(0xFF0000)), 0.2126, 1e-9);
    CHECK_NEAR(luminance(rgb(0x00FF00)), 0.7152, 1e-9);
    CHECK_NEAR(luminance(rgb(0x0000FF)), 0.0722, 1e-9);
}

static void check_pairs(const ui_theme *t)
{
    for (size_t i = 0; i < COUNT(PAIRS); i++) {
        const pair *p = &PAIRS[i];
        ui_color fg = field(t, p->text_off), bg = field(t, p->ground_off);
        double c = ui_contrast(fg, bg);
        th_checks++;
        if (!(c >= AAA))
            TH_FAIL("%s theme: %s #%06X on %s #%06X: got %.2f:1, want >= "
                    "%.0f:1 (%s)",
                    t->name, p->text, hex(fg), p->ground, hex(bg), c, AAA,
                    p->where);
    }
}

static void test_text_contrast(void)
{
    check_pairs(&ui_theme_day);
    check_pairs(&ui_theme_night);
    CHECK_STR(ui_theme_day.name, "day");
    CHECK_STR(ui_theme_night.name, "night");
}

static void test_night_has_no_bright_fill(void)
{
    for (size_t i = 0; i < COUNT(FILLS); i++) {
        ui_color c = field(&ui_theme_night, FILLS[i].off);
        double l = luminance(c);
        th_checks++;
        if (!(l < NIGHT_MAX_FILL_LUMINANCE))
            TH_FAIL("night %s #%06X: luminance got %.4f, want < %.2f",
                    FILLS[i].name, hex(c), l, NIGHT_MAX_FILL_LUMINANCE);
    }
    /* and the night text is not white: warm, dimmer than day's white */
    CHECK(luminance(ui_theme_night.text) < 0.5);
    CHECK(ui_theme_night.text.b < ui_theme_night.text.r);
}

static int same(ui_color a, ui_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static void check_categories(const cat_table *cats, const ui_theme *t)
{
    ui_color grey = ui_category_color("no-such-code", t);
    for (size_t i = 0; i < cats->n; i++) {
        const char *a = cats->v[i].code;
        ui_color ca = ui_category_color(a, t);
        th_checks++;
        if (same(ca, grey))
            TH_FAIL("%s theme: category %s has the unknown grey #%06X",
                    t->name, a, hex(grey));
        CHECK_INT(ca.a, 255);
        for (size_t k = i + 1; k < cats->n; k++) {
            const char *b = cats->v[k].code;
            ui_color cb = ui_category_color(b, t);
            th_checks++;
            if (same(ca, cb))
                TH_FAIL("%s theme: categories %s and %s share #%06X",
                        t->name, a, b, hex(ca));
        }
    }
}

static void test_category_colors(void)
{
    cat_table cats = {0};
    err_t e;
    int rc = cat_default(&cats, &e);
    if (rc)
        TH_FAIL("cat_default: got %d (%s), want 0", rc, e.msg);
    th_checks++;
    if (rc)
        return;
    CHECK_INT(cats.n, 16); /* assets/categories.csv */
    check_categories(&cats, &ui_theme_day);
    check_categories(&cats, &ui_theme_night);
    /* unknown codes: a neutral, opaque grey in both themes, dimmer at
     * night like every marker colour */
    ui_color u = ui_category_color("x", &ui_theme_day);
    ui_color n = ui_category_color("", &ui_theme_night);
    CHECK(u.r == u.g && u.g == u.b && u.a == 255);
    CHECK(n.r == n.g && n.g == n.b && n.a == 255 && n.r < u.r);
    cat_free(&cats);
}

/* Follow-up markers are told from spot markers by shape everywhere and
 * by colour in the day theme. */
static void test_followup_ink(void)
{
    CHECK(!same(ui_theme_day.followup_ink, ui_theme_day.map_ink));
    CHECK(luminance(ui_theme_night.followup_ink) < 0.5); /* not white */
}

int main(void)
{
    test_contrast_values();
    test_text_contrast();
    test_night_has_no_bright_fill();
    test_category_colors();
    test_followup_ink();
    return th_report("test_ui_theme");
}
