/* scr_check: follow-up on the device. The list the walk screen draws
 * (read from the store when the app starts, after an import and after an
 * answer), and the answer screen a tap on a follow-up marker opens: what
 * the spot is, when it was found, what the municipality says, this
 * device's earlier answer, and two big buttons, Kvar and Åtgärdat. An
 * answer is a new record on the open walk (store_check_add), durable
 * before the walk screen shows Sparat, and goes with the next sync.
 *
 * Not for: drawing the markers (map_followup.c), finding and importing a
 * list (the sync screen, followup.h). */
#include "scr.h"
#include "ui_theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int keep_followup(void *ctx, const followup_spot *f)
{
    scr_app *a = ctx;
    if (a->n_fu == a->cap_fu) {
        int cap = a->cap_fu ? a->cap_fu * 2 : 64;
        followup_spot *v = realloc(a->fu, (size_t)cap * sizeof *v);
        if (!v)
            return 1;
        a->fu = v;
        a->cap_fu = cap;
    }
    a->fu[a->n_fu++] = *f;
    a->fu_left += !f->has_answer;
    return 0;
}

int scr_reload_followup(scr_app *a)
{
    err_t e;
    a->n_fu = a->fu_left = 0;
    int rc = store_followup_each(a->st, keep_followup, a, &e);
    if (rc > 0)
        err_set(&e, "out of memory listing the follow-up spots");
    if (rc) {
        a->n_fu = a->fu_left = 0;
        scr_error(a, "cannot read the follow-up list", &e);
        return -1;
    }
    return 0;
}

void scr_check_open(scr_app *a, const followup_spot *f)
{
    a->check = *f;
    scr_go(a, SCR_CHECK);
}

/* ---- the answer screen ---- */

/* t as the device's local date (with_time: and time of day). */
static void local_date(int64_t t, int with_time, char *out, size_t cap)
{
    time_t tt = (time_t)t;
    struct tm lt;
    if (!localtime_r(&tt, &lt) ||
        !strftime(out, cap, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &lt))
        snprintf(out, cap, "?");
}

static const char *status_word(const scr_app *a, model_status s)
{
    switch (s) {
    case STATUS_PLANNED: return scr_tr(a, T_STATUS_PLANNED);
    case STATUS_FIXED: return scr_tr(a, T_STATUS_FIXED);
    case STATUS_WONTFIX: return scr_tr(a, T_STATUS_WONTFIX);
    default: return scr_tr(a, T_STATUS_OPEN);
    }
}

static const char *answer_word(const scr_app *a, model_answer ans)
{
    return scr_tr(a, ans == ANSWER_FIXED ? T_FU_FIXED : T_FU_STILL);
}

/* The category beside a stripe of its colour, as a tile shows it. */
static void category_line(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    const followup_spot *f = &a->check;
    ui_rect row = ui_cut_top(r, ui_mm(ui, 12));
    ui_cut_top(r, ui_mm(ui, 1));
    ui_fill(ui, ui_cut_left(&row, ui_mm(ui, 3)),
            ui_category_color(f->category, ui->theme));
    ui_cut_left(&row, ui_mm(ui, 2));
    ui_text(ui, row, scr_cat_label(a, f->category), UI_TEXT_LARGE,
            UI_ALIGN_LEFT | UI_WRAP, ui->theme->text);
}

static void text_line(ui_ctx *ui, ui_rect *r, const char *s, float mm,
                      ui_color c)
{
    ui_text(ui, ui_cut_top(r, ui_mm(ui, mm)), s, UI_TEXT_BODY,
            UI_ALIGN_LEFT | UI_ALIGN_TOP | UI_WRAP, c);
}

/* Severity, when found, the municipality's status and comment, and this
 * device's earlier answer. */
static void facts(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    static const ui_str SEV[4] = {T_N_STRINGS, T_SEVERITY_1, T_SEVERITY_2,
                                  T_SEVERITY_3};
    const followup_spot *f = &a->check;
    const ui_theme *t = ui->theme;
    char line[MODEL_TEXT_BYTES(MODEL_NOTE_MAX_CHARS) + 64], when[40];
    if (f->severity >= 1 && f->severity <= 3)
        text_line(ui, r, scr_tr(a, SEV[f->severity]), 7, t->text);
    local_date(f->walked_on, 0, when, sizeof when);
    snprintf(line, sizeof line, scr_tr(a, T_FU_FOUND), when);
    text_line(ui, r, line, 7, t->text);
    snprintf(line, sizeof line, scr_tr(a, T_FU_STATUS),
             status_word(a, f->status));
    text_line(ui, r, line, 7, t->text);
    if (f->comment[0]) /* the municipality's words: up to a few lines */
        text_line(ui, r, f->comment, 22, t->text_dim);
    if (!f->has_answer)
        return;
    ui_cut_top(r, ui_mm(ui, 2));
    local_date(f->answered_at, 1, when, sizeof when);
    snprintf(line, sizeof line, scr_tr(a, T_FU_EARLIER), when,
             answer_word(a, f->answer));
    text_line(ui, r, line, 7, t->text);
}

/* Store the answer on the open walk; back to the map with Sparat. */
static void answer(scr_app *a, model_answer ans)
{
    err_t e;
    if (store_check_add(a->st, a->check.spot_id, ans, NULL, &e)) {
        scr_error(a, "cannot save the answer", &e);
        return;
    }
    scr_reload_followup(a);
    scr_go(a, SCR_WALK);
    snprintf(a->toast, sizeof a->toast, "%s", scr_tr(a, T_SAVED));
    a->toast_spot[0] = '\0'; /* an answer is never taken back: no Ångra */
    a->toast_until = a->now_ms + SCR_TOAST_MS;
}

/* Two big buttons at the bottom, one above the other: room for cold
 * fingers and gloves, and a gap no finger falls into by mistake. */
static void answer_buttons(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    int h = ui_target(ui) + ui_mm(ui, 10), gap = ui_mm(ui, 4);
    ui_rect fixed = ui_cut_bottom(r, h);
    ui_cut_bottom(r, gap);
    ui_rect still = ui_cut_bottom(r, h);
    ui_cut_bottom(r, ui_mm(ui, 2));
    ui_text(ui, ui_cut_bottom(r, ui_mm(ui, 9)), scr_tr(a, T_FU_ASK),
            UI_TEXT_LARGE, UI_ALIGN_LEFT, ui->theme->text);
    int got_still = ui_button(ui, scr_tr(a, T_FU_STILL), still,
                              UI_BTN_PRIMARY) == UI_CLICKED;
    int got_fixed = ui_button(ui, scr_tr(a, T_FU_FIXED), fixed,
                              UI_BTN_PRIMARY) == UI_CLICKED;
    if (got_still || got_fixed)
        answer(a, got_fixed ? ANSWER_FIXED : ANSWER_STILL);
}

void scr_check(scr_app *a, ui_ctx *ui, ui_rect r)
{
    if (scr_header(a, ui, &r, scr_tr(a, T_FOLLOWUP), scr_tr(a, T_BACK),
                   NULL) == SCR_BACK) {
        scr_go(a, SCR_WALK);
        return;
    }
    answer_buttons(a, ui, &r);
    ui_cut_top(&r, ui_mm(ui, 2));
    ui_clip(ui, r); /* a long comment stops above the question */
    category_line(a, ui, &r);
    facts(a, ui, &r);
    ui_unclip(ui);
}
