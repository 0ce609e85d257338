/*
 * test_ui: the widget layer (ui) driven with plain input, frame by frame.
 * A button clicks on press and release inside it without a drag, and not
 * when released outside, dragged, or pressed elsewhere first; labels are
 * recorded for ui_find; a clipped widget takes touches (and is found)
 * only on its visible part; the layout cuts give exact rectangles; full
 * command, text and label lists set ui->overflow instead of writing past
 * the arrays; millimetres scale with the display's density.
 */
#include "testhelp.h"
#include "ui.h"
#include "ui_theme.h"

#define DPI_160 (160.0f / 25.4f)

/* Two buttons side by side, well apart. */
static const ui_rect BTN = {100, 200, 300, 80};
static const ui_rect OTHER = {500, 200, 150, 80};

static ui_ctx *new_ui(float px_per_mm)
{
    ui_ctx *ui = calloc(1, sizeof *ui);
    if (!ui) {
        perror("calloc");
        exit(2);
    }
    ui_init(ui, px_per_mm, 720, 1280, &ui_theme_day);
    ui->in.pinch = 1.0f;
    return ui;
}

/* One frame with the buttons "Spara" at BTN and "Avbryt" at OTHER; the
 * result flags of "Spara" (and of "Avbryt" into *other, when not NULL). */
static int frame(ui_ctx *ui, int *other)
{
    ui_begin(ui);
    int res = ui_button(ui, "Spara", BTN, UI_BTN_PRIMARY);
    int o = ui_button(ui, "Avbryt", OTHER, UI_BTN_NORMAL);
    ui_end(ui);
    if (other)
        *other = o;
    return res;
}

static void press(ui_ctx *ui, int x, int y)
{
    ui->in = (ui_input){.x = x, .y = y, .down = 1, .pressed = 1,
                        .pinch = 1.0f};
}

static void move_to(ui_ctx *ui, int x, int y, int dragged)
{
    ui->in.dx = x - ui->in.x;
    ui->in.dy = y - ui->in.y;
    ui->in.x = x;
    ui->in.y = y;
    ui->in.dragged |= dragged;
}

static void release(ui_ctx *ui)
{
    ui->in.down = 0;
    ui->in.released = 1;
}

static int mid_x(ui_rect r) { return r.x + r.w / 2; }
static int mid_y(ui_rect r) { return r.y + r.h / 2; }

#define CHECK_RECT(got, wx, wy, ww, wh)                                        \
    do {                                                                       \
        ui_rect g_ = (got);                                                    \
        th_checks++;                                                           \
        if (g_.x != (wx) || g_.y != (wy) || g_.w != (ww) || g_.h != (wh))      \
            TH_FAIL("%s: got {%d, %d, %d, %d}, want {%d, %d, %d, %d}", #got,   \
                    g_.x, g_.y, g_.w, g_.h, (wx), (wy), (ww), (wh));           \
    } while (0)

/* ---- buttons ---- */

static void test_click_inside(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    CHECK_INT(frame(ui, NULL), 0); /* no input: nothing */
    press(ui, mid_x(BTN), mid_y(BTN));
    CHECK_INT(frame(ui, NULL), UI_HELD); /* held, not yet clicked */
    move_to(ui, mid_x(BTN) + 3, mid_y(BTN) - 2, 0); /* jitter in tap range */
    CHECK_INT(frame(ui, NULL), UI_HELD);
    release(ui);
    CHECK_INT(frame(ui, NULL), UI_CLICKED);
    CHECK_INT(ui->active, 0); /* ui_end forgets the widget on release */
    CHECK_INT(frame(ui, NULL), 0); /* the click is reported once */
    /* down and up in one frame (events that came together) */
    press(ui, BTN.x, BTN.y); /* the top left pixel is inside */
    release(ui);
    CHECK_INT(frame(ui, NULL), UI_CLICKED);
    free(ui);
}

static void test_no_click_released_outside(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    press(ui, mid_x(BTN), mid_y(BTN));
    frame(ui, NULL);
    /* one pixel past the right edge: outside (x + w is exclusive) */
    move_to(ui, BTN.x + BTN.w, mid_y(BTN), 0);
    release(ui);
    CHECK_INT(frame(ui, NULL), 0);
    /* sliding off and back on without a drag still clicks */
    press(ui, mid_x(BTN), mid_y(BTN));
    frame(ui, NULL);
    move_to(ui, mid_x(BTN), BTN.y + BTN.h + 5, 0);
    frame(ui, NULL);
    move_to(ui, mid_x(BTN), mid_y(BTN), 0);
    release(ui);
    CHECK_INT(frame(ui, NULL), UI_CLICKED);
    free(ui);
}

static void test_no_click_when_dragged(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    press(ui, mid_x(BTN), mid_y(BTN));
    frame(ui, NULL);
    move_to(ui, mid_x(BTN) + 40, mid_y(BTN), 1); /* a drag (a list scroll) */
    CHECK_INT(frame(ui, NULL), 0);               /* and no longer held */
    move_to(ui, mid_x(BTN), mid_y(BTN), 1);      /* back over it */
    release(ui);
    CHECK_INT(frame(ui, NULL), 0);
    free(ui);
}

static void test_no_click_pressed_elsewhere(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    int other = -1;
    /* pressed on empty ground, released on the button */
    press(ui, 20, 20);
    CHECK_INT(frame(ui, NULL), 0);
    move_to(ui, mid_x(BTN), mid_y(BTN), 0);
    CHECK_INT(frame(ui, NULL), 0);
    release(ui);
    CHECK_INT(frame(ui, &other), 0);
    CHECK_INT(other, 0);
    /* pressed on the other button, released on this one: neither */
    press(ui, mid_x(OTHER), mid_y(OTHER));
    frame(ui, &other);
    CHECK_INT(other, UI_HELD);
    move_to(ui, mid_x(BTN), mid_y(BTN), 0);
    release(ui);
    CHECK_INT(frame(ui, &other), 0);
    CHECK_INT(other, 0);
    /* and the other one still works on its own */
    press(ui, mid_x(OTHER), mid_y(OTHER));
    frame(ui, NULL);
    release(ui);
    CHECK_INT(frame(ui, &other), 0);
    CHECK_INT(other, UI_CLICKED);
    free(ui);
}

/* ---- labels ---- */

static void test_find_counts(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    ui_rect r = {-1, -1, -1, -1};
    ui_begin(ui);
    ui_button(ui, "Spara", BTN, UI_BTN_PRIMARY);
    ui_button(ui, "Lista", (ui_rect){0, 400, 200, 76}, UI_BTN_NORMAL);
    ui_button(ui, "Lista", (ui_rect){300, 400, 200, 76}, UI_BTN_NORMAL);
    ui_tile(ui, "Trygg plats", "14:05", (ui_rect){0, 600, 400, 90},
            (ui_color){0, 200, 83, 255}, UI_BTN_NORMAL);
    ui_end(ui);
    CHECK_INT(ui_find(ui, "Ångra", &r), 0);
    CHECK_RECT(r, -1, -1, -1, -1); /* untouched when not found */
    CHECK_INT(ui_find(ui, "Spara", &r), 1);
    CHECK_RECT(r, BTN.x, BTN.y, BTN.w, BTN.h);
    CHECK_INT(ui_find(ui, "Lista", &r), 2);
    CHECK_RECT(r, 0, 400, 200, 76); /* the first one */
    CHECK_INT(ui_find(ui, "Lista", NULL), 2);
    CHECK_INT(ui_find(ui, "Trygg plats", NULL), 1); /* tiles too */
    CHECK_INT(ui_find(ui, "14:05", NULL), 0);       /* not the sub line */
    CHECK_INT(ui_find(ui, "Spar", NULL), 0);        /* whole labels only */
    /* the next frame starts with an empty list */
    ui_begin(ui);
    CHECK_INT(ui_find(ui, "Spara", NULL), 0);
    ui_end(ui);
    free(ui);
}

/* Every button records its label, whatever its style, and draws it as a
 * text command. */
static void test_every_button_records_label(void)
{
    static const char *const LABELS[] = {"Normal", "Primär", "Vald",
                                         "Fara", "Tyst"};
    ui_ctx *ui = new_ui(DPI_160);
    ui_begin(ui);
    for (int s = UI_BTN_NORMAL; s <= UI_BTN_QUIET; s++)
        ui_button(ui, LABELS[s], (ui_rect){0, 100 * s, 300, 80},
                  (ui_btn_style)s);
    ui_end(ui);
    CHECK_INT(ui->n_seen, 5);
    for (int s = UI_BTN_NORMAL; s <= UI_BTN_QUIET; s++) {
        ui_rect r;
        int n = ui_find(ui, LABELS[s], &r);
        if (n != 1)
            TH_FAIL("style %d: label \"%s\" found %d times, want 1", s,
                    LABELS[s], n);
        th_checks++;
        CHECK_RECT(r, 0, 100 * s, 300, 80);
        int drawn = 0;
        for (size_t i = 0; i < ui->n_cmd; i++)
            drawn += ui->cmd[i].kind == UI_CMD_TEXT &&
                     strcmp(ui->text + ui->cmd[i].text, LABELS[s]) == 0;
        if (drawn != 1)
            TH_FAIL("style %d: \"%s\" drawn %d times, want 1", s, LABELS[s],
                    drawn);
        th_checks++;
    }
    /* an empty label is not recorded */
    ui_begin(ui);
    ui_seen_add(ui, "", BTN);
    ui_seen_add(ui, NULL, BTN);
    CHECK_INT(ui->n_seen, 0);
    ui_end(ui);
    free(ui);
}

/* A widget partly outside the clip takes touches only on its visible
 * part, and ui_find gives that part; a widget wholly outside is not seen.
 * (A list row scrolled under the header must not take the Back tap.) */
static void test_clip_limits_touch(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    ui_rect clip = {0, 240, 720, 400};   /* BTN is 200..280: half out */
    ui_rect gone = {0, 700, 300, 80};    /* wholly below the clip */
    ui_rect r;
    int res = 0;
    for (int step = 0; step < 4; step++) {
        ui_begin(ui);
        ui_clip(ui, clip);
        res = ui_button(ui, "Rad", BTN, UI_BTN_NORMAL);
        ui_button(ui, "Borta", gone, UI_BTN_NORMAL);
        ui_unclip(ui);
        ui_end(ui);
        if (step == 0) {
            CHECK_INT(ui_find(ui, "Rad", &r), 1);
            CHECK_RECT(r, BTN.x, 240, BTN.w, 40); /* the visible half */
            CHECK_INT(ui_find(ui, "Borta", NULL), 0);
            press(ui, mid_x(BTN), 220); /* on the hidden half */
        } else if (step == 1) {
            CHECK_INT(res, 0);
            release(ui);
        } else if (step == 2) {
            CHECK_INT(res, 0); /* no click through the clip */
            press(ui, mid_x(BTN), 260); /* on the visible half */
            release(ui);
        }
    }
    CHECK_INT(res, UI_CLICKED);
    /* after ui_unclip, widgets are whole again */
    ui_begin(ui);
    ui_clip(ui, clip);
    ui_unclip(ui);
    ui_button(ui, "Rad", BTN, UI_BTN_NORMAL);
    CHECK_INT(ui_find(ui, "Rad", &r), 1);
    CHECK_RECT(r, BTN.x, BTN.y, BTN.w, BTN.h);
    ui_end(ui);
    free(ui);
}

/* ---- layout ---- */

static void test_layout(void)
{
    ui_rect r = {10, 20, 300, 400};
    CHECK_RECT(ui_cut_top(&r, 50), 10, 20, 300, 50);
    CHECK_RECT(r, 10, 70, 300, 350);
    CHECK_RECT(ui_cut_bottom(&r, 30), 10, 390, 300, 30);
    CHECK_RECT(r, 10, 70, 300, 320);
    CHECK_RECT(ui_cut_left(&r, 100), 10, 70, 100, 320);
    CHECK_RECT(r, 110, 70, 200, 320);
    CHECK_RECT(ui_shrink(r, 5), 115, 75, 190, 310);
    /* cuts larger than what is left take all of it and leave nothing */
    ui_rect s = {0, 0, 100, 40};
    CHECK_RECT(ui_cut_top(&s, 60), 0, 0, 100, 40);
    CHECK_RECT(s, 0, 40, 100, 0);
    s = (ui_rect){0, 0, 100, 40};
    CHECK_RECT(ui_cut_bottom(&s, 60), 0, 0, 100, 40);
    CHECK_RECT(s, 0, 0, 100, 0);
    s = (ui_rect){0, 0, 100, 40};
    CHECK_RECT(ui_cut_left(&s, 150), 0, 0, 100, 40);
    CHECK_RECT(s, 100, 0, 0, 40);
    /* shrinking more than half collapses to the middle, never negative */
    CHECK_RECT(ui_shrink((ui_rect){0, 0, 100, 40}, 30), 20, 20, 60, 0);
    /* columns: (700 - 2 * 20) / 3 = 220 wide, 240 apart */
    ui_rect row = {10, 5, 700, 76};
    CHECK_RECT(ui_column(row, 0, 3, 20), 10, 5, 220, 76);
    CHECK_RECT(ui_column(row, 1, 3, 20), 250, 5, 220, 76);
    CHECK_RECT(ui_column(row, 2, 3, 20), 490, 5, 220, 76);
    CHECK_RECT(ui_column(row, 0, 1, 20), 10, 5, 700, 76);
    /* two columns of an odd width: (701 - 9) / 2 = 346 */
    ui_rect odd = {0, 0, 701, 10};
    CHECK_RECT(ui_column(odd, 1, 2, 9), 355, 0, 346, 10);
    CHECK(ui_inside(row, 10, 5));
    CHECK(!ui_inside(row, 710, 5));
    CHECK(!ui_inside(row, 10, 81));
    CHECK(!ui_inside(row, 9, 40));
}

/* ---- command lists ---- */

static void test_cmd_overflow(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    ui_begin(ui);
    CHECK_INT(ui->overflow, 0);
    for (int i = 0; i < UI_MAX_CMDS; i++)
        ui_fill(ui, (ui_rect){i, 0, 1, 1}, ui_theme_day.bg);
    CHECK_INT(ui->n_cmd, UI_MAX_CMDS);
    CHECK_INT(ui->overflow, 0); /* exactly full is not an overflow */
    ui_fill(ui, BTN, ui_theme_day.bg);
    ui_frame(ui, BTN, 2, ui_theme_day.bg);
    ui_circle(ui, 5, 5, 5, ui_theme_day.bg);
    ui_line(ui, 0, 0, 9, 9, 1, ui_theme_day.bg);
    ui_text(ui, BTN, "ryms inte", UI_TEXT_BODY, 0, ui_theme_day.text);
    ui_clip(ui, BTN);
    ui_unclip(ui);
    int res = ui_button(ui, "Spara", BTN, UI_BTN_PRIMARY);
    CHECK_INT(res, 0);
    CHECK_INT(ui->n_cmd, UI_MAX_CMDS);
    CHECK_INT(ui->overflow, 1);
    for (size_t i = 0; i < ui->n_cmd; i++) /* no stray text command */
        if (ui->cmd[i].kind != UI_CMD_RECT) {
            TH_FAIL("cmd[%zu]: got kind %d, want only the fills",
                    i, (int)ui->cmd[i].kind);
            break;
        }
    CHECK_INT(ui->cmd[UI_MAX_CMDS - 1].kind, UI_CMD_RECT);
    CHECK_INT(ui->cmd[UI_MAX_CMDS - 1].r.x, UI_MAX_CMDS - 1);
    /* the label is still recorded: a script can tap what it cannot see */
    CHECK_INT(ui_find(ui, "Spara", NULL), 1);
    ui_end(ui);
    ui_begin(ui); /* a new frame starts clean */
    CHECK_INT(ui->overflow, 0);
    CHECK_INT(ui->n_cmd, 0);
    ui_end(ui);
    free(ui);
}

static void test_text_and_seen_overflow(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    char s[1000];
    memset(s, 'x', sizeof s - 1);
    s[sizeof s - 1] = '\0';
    ui_begin(ui);
    int n = 0;
    while (!ui->overflow && n < 1000) {
        ui_text(ui, BTN, s, UI_TEXT_BODY, 0, ui_theme_day.text);
        n++;
    }
    CHECK_INT(ui->overflow, 1);
    CHECK_INT(n, UI_MAX_TEXT / 1000 + 1); /* 65 fit, the 66th does not */
    CHECK_INT(ui->n_text, (UI_MAX_TEXT / 1000) * 1000);
    CHECK(ui->n_text <= UI_MAX_TEXT);
    CHECK_INT(ui->n_cmd, UI_MAX_TEXT / 1000);
    ui_end(ui);

    ui_begin(ui);
    for (int i = 0; i < UI_MAX_SEEN + 5; i++) {
        char label[16];
        snprintf(label, sizeof label, "k%d", i);
        ui_seen_add(ui, label, (ui_rect){i, 0, 1, 1});
    }
    CHECK_INT(ui->n_seen, UI_MAX_SEEN);
    CHECK_INT(ui->overflow, 1);
    CHECK_INT(ui_find(ui, "k255", NULL), 1);
    CHECK_INT(ui_find(ui, "k256", NULL), 0);
    ui_end(ui);
    free(ui);
}

static void test_text_stored(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    ui_color c = ui_theme_day.text;
    ui_begin(ui);
    ui_text(ui, BTN, "Dålig belysning", UI_TEXT_LARGE,
            UI_ALIGN_CENTER | UI_WRAP, c);
    ui_text(ui, OTHER, "", UI_TEXT_BODY, 0, c); /* nothing to draw */
    ui_text(ui, OTHER, "Ångra", UI_TEXT_SMALL, UI_ALIGN_RIGHT, c);
    CHECK_INT(ui->n_cmd, 2);
    const ui_cmd *k = &ui->cmd[0];
    CHECK_INT(k->kind, UI_CMD_TEXT);
    CHECK_STR(ui->text + k->text, "Dålig belysning");
    CHECK_INT(k->size, UI_TEXT_LARGE);
    CHECK_INT(k->align, UI_ALIGN_CENTER | UI_WRAP);
    CHECK_RECT(k->r, BTN.x, BTN.y, BTN.w, BTN.h);
    CHECK_INT(k->color.r, c.r);
    k = &ui->cmd[1];
    CHECK_STR(ui->text + k->text, "Ångra");
    CHECK_INT(k->size, UI_TEXT_SMALL);
    CHECK_INT(k->align, UI_ALIGN_RIGHT);
    CHECK_INT(ui->n_text, strlen("Dålig belysning") + 1 + strlen("Ångra") + 1);
    ui_end(ui);
    free(ui);
}

/* ---- scale ---- */

static void test_mm_and_target(void)
{
    ui_ctx *ui = new_ui(DPI_160);
    CHECK_INT(ui_target(ui), 76); /* 12 mm at 160 dpi = 75.59 px */
    CHECK_INT(ui_mm(ui, 12), 76);
    CHECK_INT(ui_mm(ui, 1), 6);
    CHECK_INT(ui_mm(ui, 0), 0);
    CHECK_INT(ui_mm(ui, 25.4f), 160);
    CHECK_INT(ui->text_px[UI_TEXT_BODY], 25); /* 4 mm */
    free(ui);
    ui = new_ui(320.0f / 25.4f);
    CHECK_INT(ui_target(ui), 151); /* 151.18 */
    CHECK_INT(ui_mm(ui, 25.4f), 320);
    CHECK_INT(ui->text_px[UI_TEXT_BODY], 50);
    free(ui);
    ui = new_ui(120.0f / 25.4f);
    CHECK_INT(ui_target(ui), 57); /* 56.69 */
    free(ui);
    ui = new_ui(0); /* a display that tells nothing: 160 dpi */
    CHECK_INT(ui_target(ui), 76);
    free(ui);
}

int main(void)
{
    test_click_inside();
    test_no_click_released_outside();
    test_no_click_when_dragged();
    test_no_click_pressed_elsewhere();
    test_find_counts();
    test_every_button_records_label();
    test_clip_limits_touch();
    test_layout();
    test_cmd_overflow();
    test_text_and_seen_overflow();
    test_text_stored();
    test_mm_and_target();
    return th_report("test_ui");
}
