/* scr_start: the first screen (Ny vandring, Fortsätt vandring, Synka,
 * language) and the new-walk form (role, light, title, participants). */
#include "scr.h"
#include "ui_theme.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* "14:05" (today) or "2026-11-24 14:05" in the device's local time. */
static void local_time(int64_t t, char *out, size_t cap)
{
    time_t tt = (time_t)t, now = time(NULL);
    struct tm lt, ln;
    if (!localtime_r(&tt, &lt) || !localtime_r(&now, &ln)) {
        snprintf(out, cap, "?");
        return;
    }
    int today = lt.tm_year == ln.tm_year && lt.tm_yday == ln.tm_yday;
    strftime(out, cap, today ? "%H:%M" : "%Y-%m-%d %H:%M", &lt);
}

void scr_start(scr_app *a, ui_ctx *ui, ui_rect r)
{
    int gap = ui_mm(ui, 3), tall = ui_target(ui) + ui_mm(ui, 6);
    scr_header(a, ui, &r, scr_tr(a, T_APP_TITLE), NULL, NULL);
    char line[160], when[40];
    if (a->walk_open) {
        local_time(a->cur.started_at, when, sizeof when);
        snprintf(line, sizeof line, scr_tr(a, T_OPEN_WALK_SINCE), when);
    } else {
        snprintf(line, sizeof line, "%s", scr_tr(a, T_NO_OPEN_WALK));
    }
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 12)), line, UI_TEXT_BODY,
            UI_ALIGN_LEFT | UI_WRAP, ui->theme->text);
    ui_str go = a->walk_open ? T_CONTINUE_WALK : T_NEW_WALK;
    if (ui_button(ui, scr_tr(a, go), ui_cut_top(&r, tall), UI_BTN_PRIMARY) ==
        UI_CLICKED)
        scr_go(a, a->walk_open ? SCR_WALK : SCR_NEW_WALK);
    ui_cut_top(&r, gap);
    if (ui_button(ui, scr_tr(a, T_SYNC), ui_cut_top(&r, tall),
                  UI_BTN_NORMAL) == UI_CLICKED) {
        scr_sync_targets(a);
        a->sync_msg[0] = a->fu_msg[0] = '\0';
        scr_go(a, SCR_SYNC);
    }
    ui_rect lang = ui_cut_bottom(&r, ui_target(ui));
    if (ui_button(ui, scr_tr(a, T_OTHER_LANG), lang, UI_BTN_NORMAL) ==
        UI_CLICKED)
        a->lang = a->lang == LANG_SV ? LANG_EN : LANG_SV;
}

/* One row of n exclusive options; returns the index tapped or -1. */
static int choice_row(ui_ctx *ui, ui_rect row, const char *const *labels,
                      int n, int chosen)
{
    int hit = -1;
    for (int i = 0; i < n; i++) {
        ui_rect c = ui_column(row, i, n, ui_mm(ui, 1.5f));
        if (ui_button(ui, labels[i], c,
                      i == chosen ? UI_BTN_SELECTED : UI_BTN_NORMAL) ==
            UI_CLICKED)
            hit = i;
    }
    return hit;
}

static void caption(ui_ctx *ui, ui_rect *r, const char *s)
{
    ui_cut_top(r, ui_mm(ui, 2));
    ui_text(ui, ui_cut_top(r, ui_mm(ui, 7)), s, UI_TEXT_BODY, UI_ALIGN_LEFT,
            ui->theme->text_dim);
}

static void role_and_light(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    const char *roles[] = {scr_tr(a, T_ROLE_CITIZEN),
                           scr_tr(a, T_ROLE_VOLUNTEER),
                           scr_tr(a, T_ROLE_STAFF)};
    const char *lights[] = {scr_tr(a, T_LIGHT_DAY), scr_tr(a, T_LIGHT_DUSK),
                            scr_tr(a, T_LIGHT_DARK)};
    int h = ui_target(ui) + ui_mm(ui, 2);
    caption(ui, r, scr_tr(a, T_ROLE));
    int i = choice_row(ui, ui_cut_top(r, h), roles, 3, (int)a->draft.role - 1);
    if (i >= 0)
        a->draft.role = (model_role)(i + 1);
    caption(ui, r, scr_tr(a, T_LIGHT));
    i = choice_row(ui, ui_cut_top(r, h), lights, 3, (int)a->draft.light - 1);
    if (i >= 0)
        a->draft.light = (model_light)(i + 1);
}

static void participants(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    char n[32];
    caption(ui, r, scr_tr(a, T_PARTICIPANTS));
    ui_rect row = ui_cut_top(r, ui_target(ui));
    if (ui_button(ui, "−", ui_column(row, 0, 3, ui_mm(ui, 2)),
                  UI_BTN_NORMAL) == UI_CLICKED && a->draft.participants > 0)
        a->draft.participants--;
    snprintf(n, sizeof n, "%d", a->draft.participants);
    ui_text(ui, ui_column(row, 1, 3, ui_mm(ui, 2)),
            a->draft.participants ? n : "–", UI_TEXT_LARGE, UI_ALIGN_CENTER,
            ui->theme->text);
    if (ui_button(ui, "+", ui_column(row, 2, 3, ui_mm(ui, 2)),
                  UI_BTN_NORMAL) == UI_CLICKED &&
        a->draft.participants < 9999)
        a->draft.participants++;
}

static void start_walk(scr_app *a)
{
    err_t e;
    walk w = a->draft;
    if (store_walk_start(a->st, &w, &e)) {
        scr_error(a, "cannot start the walk", &e);
        return;
    }
    a->cur = w;
    a->walk_open = 1;
    a->map_ready = 0;
    memset(&a->draft, 0, sizeof a->draft);
    a->draft.role = w.role;
    a->draft.light = w.light;
    scr_reload_spots(a);
    scr_go(a, SCR_WALK);
}

void scr_new_walk(scr_app *a, ui_ctx *ui, ui_rect r)
{
    if (scr_header(a, ui, &r, scr_tr(a, T_NEW_WALK), scr_tr(a, T_BACK),
                   NULL) == SCR_BACK) {
        scr_go(a, SCR_START);
        return;
    }
    role_and_light(a, ui, &r);
    ui_cut_top(&r, ui_mm(ui, 4));
    const char *title =
        a->draft.title[0] ? a->draft.title : scr_tr(a, T_TITLE_OPT);
    if (ui_button(ui, title, ui_cut_top(&r, ui_target(ui)), UI_BTN_NORMAL) ==
        UI_CLICKED)
        scr_note_open(a, 1);
    participants(a, ui, &r);
    ui_rect go = ui_cut_bottom(&r, ui_target(ui) + ui_mm(ui, 6));
    if (ui_button(ui, scr_tr(a, T_START), go, UI_BTN_PRIMARY) == UI_CLICKED)
        start_walk(a);
}
