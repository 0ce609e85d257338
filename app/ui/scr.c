/* scr: the screens' shared state and helpers, and the dispatch of a frame
 * to the current screen. See scr.h. */
#include "scr.h"
#include "ui_theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int scr_init(scr_app *a, store *st, const char *sync_dir,
             const char *app_version, ui_lang lang, err_t *e)
{
    memset(a, 0, sizeof *a);
    a->st = st;
    a->sync_dir = sync_dir;
    a->app_version = app_version;
    a->lang = lang;
    a->draft.role = ROLE_CITIZEN;
    a->draft.light = LIGHT_DAYLIGHT;
    char id[IDS_UUID_LEN + 1];
    int open = store_walk_open(st, id, e);
    if (open < 0)
        return -1;
    if (open && store_walk_get(st, id, &a->cur, e) < 0)
        return -1;
    a->walk_open = open;
    if ((open && scr_reload_spots(a)) || scr_reload_followup(a))
        return err_set(e, "%s", a->error);
    return 0;
}

void scr_free(scr_app *a)
{
    scr_gps_free(a);
    free(a->spots);
    a->spots = NULL;
    free(a->fu);
    a->fu = NULL;
    a->n_fu = a->cap_fu = 0;
}

const char *scr_tr(const scr_app *a, ui_str s)
{
    return ui_tr(a->lang, s);
}

void scr_count(const scr_app *a, int n, ui_str one, ui_str many, char *out,
               size_t cap)
{
    if (n == 1)
        snprintf(out, cap, "%s", scr_tr(a, one));
    else
        snprintf(out, cap, scr_tr(a, many), n);
}

const ui_theme *scr_theme(const scr_app *a)
{
    /* The new-walk form (and its title keyboard) previews its light. */
    int drafting = a->screen == SCR_NEW_WALK ||
                   (a->screen == SCR_NOTE && a->text_for_title);
    /* After a walk ends its light stays: the walker is still out there. */
    int dark = drafting ? a->draft.light == LIGHT_DARK
                        : a->cur.id[0] && a->cur.light == LIGHT_DARK;
    return dark ? &ui_theme_night : &ui_theme_day;
}

void scr_go(scr_app *a, scr_id s)
{
    a->screen = s;
    a->list_scroll = 0;
    a->error[0] = '\0';
}

void scr_error(scr_app *a, const char *what, const err_t *e)
{
    snprintf(a->error, sizeof a->error, "%s: %s", what, e->msg);
}

typedef struct spot_list {
    scr_app *a;
    int failed;
} spot_list;

static int keep_spot(void *ctx, const spot *p)
{
    scr_app *a = ctx;
    if (a->n_spots == a->cap_spots) {
        int cap = a->cap_spots ? a->cap_spots * 2 : 64;
        spot *v = realloc(a->spots, (size_t)cap * sizeof *v);
        if (!v)
            return 1;
        a->spots = v;
        a->cap_spots = cap;
    }
    a->spots[a->n_spots++] = *p;
    return 0;
}

int scr_reload_spots(scr_app *a)
{
    err_t e;
    a->n_spots = 0;
    if (!a->walk_open)
        return 0;
    int rc = store_spot_each(a->st, a->cur.id, 0, keep_spot, a, &e);
    if (rc > 0)
        err_set(&e, "out of memory listing spots");
    if (rc) {
        scr_error(a, "cannot list the walk's spots", &e);
        return -1;
    }
    return 0;
}

const char *scr_cat_label(const scr_app *a, const char *code)
{
    const cat_entry *c = cat_find(store_categories(a->st), code);
    if (!c)
        return code;
    return a->lang == LANG_EN ? c->label_en : c->label_sv;
}

int scr_header(scr_app *a, ui_ctx *ui, ui_rect *body, const char *title,
               const char *back, const char *action)
{
    (void)a;
    int res = 0, w = ui_mm(ui, 28), gap = ui_mm(ui, 2);
    ui_rect bar = ui_cut_top(body, ui_target(ui) + ui_mm(ui, 2));
    ui_rect inner = ui_shrink(bar, ui_mm(ui, 1));
    if (back) {
        ui_rect b = ui_cut_left(&inner, w);
        if (ui_button(ui, back, b, UI_BTN_NORMAL) == UI_CLICKED)
            res = SCR_BACK;
        ui_cut_left(&inner, gap);
    }
    if (action) {
        ui_rect b = {inner.x + inner.w - w, inner.y, w, inner.h};
        inner.w -= w + gap;
        if (ui_button(ui, action, b, UI_BTN_PRIMARY) == UI_CLICKED)
            res = SCR_ACTION;
    }
    ui_text(ui, inner, title, UI_TEXT_LARGE, UI_ALIGN_LEFT,
            ui->theme->text);
    return res;
}

ui_rect scr_scroll(scr_app *a, ui_ctx *ui, ui_rect r, int content_h)
{
    if (ui->in.down && ui->in.dragged && ui_inside(r, ui->in.x, ui->in.y))
        a->list_scroll -= ui->in.dy;
    int max = content_h > r.h ? content_h - r.h : 0;
    if (a->list_scroll > max)
        a->list_scroll = max;
    if (a->list_scroll < 0)
        a->list_scroll = 0;
    ui_clip(ui, r);
    return (ui_rect){r.x, r.y - a->list_scroll, r.w, content_h};
}

static void error_banner(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    if (!a->error[0])
        return;
    const ui_theme *t = ui->theme;
    ui_rect b = ui_cut_bottom(r, ui_mm(ui, 22));
    ui_fill(ui, b, t->danger);
    ui_text(ui, ui_shrink(b, ui_mm(ui, 2)), a->error, UI_TEXT_SMALL,
            UI_ALIGN_LEFT | UI_WRAP, t->on_danger);
    if (ui->in.released)
        a->error[0] = '\0'; /* read: any tap dismisses it */
}

/* The toast after a save or an end (any screen): text, and Ångra while
 * the saved spot can still be taken back. */
static void toast_bar(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    if (!a->toast[0])
        return;
    if ((int32_t)(a->now_ms - a->toast_until) >= 0) { /* wraps at 49 days */
        a->toast[0] = a->toast_spot[0] = '\0';
        return;
    }
    const ui_theme *t = ui->theme;
    ui_rect bar = ui_cut_bottom(r, ui_target(ui) + ui_mm(ui, 3));
    ui_fill(ui, bar, t->toast);
    ui_rect in = ui_shrink(bar, ui_mm(ui, 1.5f));
    ui_rect undo = {in.x + in.w - ui_mm(ui, 30), in.y, ui_mm(ui, 30), in.h};
    ui_text(ui, in, a->toast, UI_TEXT_LARGE, UI_ALIGN_LEFT, t->on_toast);
    /* Ångra only where the saved spot is what the walker looks at. */
    if (!a->toast_spot[0] || a->screen != SCR_WALK ||
        ui_button(ui, scr_tr(a, T_UNDO), undo, UI_BTN_NORMAL) != UI_CLICKED)
        return;
    err_t e;
    if (store_spot_delete(a->st, a->toast_spot, &e)) {
        scr_error(a, "cannot undo", &e);
        return;
    }
    snprintf(a->toast, sizeof a->toast, "%s", scr_tr(a, T_UNDONE));
    a->toast_spot[0] = '\0';
    a->toast_until = a->now_ms + SCR_TOAST_MS / 2;
    scr_reload_spots(a);
}

void scr_frame(scr_app *a, ui_ctx *ui)
{
    static void (*const SCREENS[])(scr_app *, ui_ctx *, ui_rect) = {
        [SCR_START] = scr_start, [SCR_NEW_WALK] = scr_new_walk,
        [SCR_WALK] = scr_walk,   [SCR_MARK] = scr_mark,
        [SCR_NOTE] = scr_note,   [SCR_LIST] = scr_list,
        [SCR_SYNC] = scr_sync,   [SCR_END] = scr_end,
        [SCR_CHECK] = scr_check, [SCR_DAMAGED] = scr_damaged,
    };
    ui->theme = scr_theme(a);
    ui_rect r = {0, 0, ui->w, ui->h};
    ui_fill(ui, r, ui->theme->bg);
    r = ui_shrink(r, ui_mm(ui, 2));
    error_banner(a, ui, &r);
    if (a->screen == SCR_START || a->screen == SCR_WALK ||
        a->screen == SCR_LIST)
        toast_bar(a, ui, &r);
    SCREENS[a->screen](a, ui, r);
}

/* A shown fix turns stale, or a stale one ages by a second: the GPS line
 * changes without an event. */
static uint32_t gps_wake_ms(const scr_app *a)
{
    const scr_gps *g = &a->gps;
    if (!g->enabled || !g->has_fix ||
        (a->screen != SCR_WALK && a->screen != SCR_MARK))
        return UINT32_MAX;
    int64_t age = a->mono_ms - g->last.got_ms;
    if (age <= FIX_MAX_AGE_MS)
        return (uint32_t)(FIX_MAX_AGE_MS - age + 1);
    return (uint32_t)(1000 - age % 1000);
}

uint32_t scr_wake_ms(const scr_app *a)
{
    uint32_t gps = gps_wake_ms(a);
    if (!a->toast[0])
        return gps;
    int32_t left = (int32_t)(a->toast_until - a->now_ms); /* wrap-safe */
    uint32_t toast = left > 0 ? (uint32_t)left : 0;
    return toast < gps ? toast : gps;
}
