/* scr_damaged: the one screen of an app whose database is damaged. It says
 * so in plain words, promises the file was left alone, and saves what can
 * still be read as an ordinary sync bundle (salvage.h) to the default
 * folder or a USB stick, then says what was rescued and what was lost. */
#include "scr.h"
#include "fsx.h"
#include "salvage.h"
#include "ui_theme.h"

#include <stdio.h>
#include <string.h>

void scr_init_damaged(scr_app *a, const char *db_path, const char *why,
                      const char *sync_dir, const char *app_version,
                      ui_lang lang)
{
    memset(a, 0, sizeof *a);
    a->sync_dir = sync_dir;
    a->app_version = app_version;
    a->lang = lang;
    a->screen = SCR_DAMAGED;
    snprintf(a->damaged, sizeof a->damaged, "%s", db_path);
    snprintf(a->damaged_why, sizeof a->damaged_why, "%s", why);
    scr_sync_targets(a);
}

/* "Räddat: 1 vandring och 279 platser. 21 rader gick inte att läsa." */
static void told(scr_app *a, const salvage_result *r)
{
    char w[64], s[64], lost[128] = "", tail[128] = "";
    const salvage_counts *n = &r->n;
    if (!r->bundle.written) {
        snprintf(a->sync_msg, sizeof a->sync_msg, "%s",
                 scr_tr(a, T_DMG_NOTHING));
        a->sync_path[0] = '\0';
        return;
    }
    scr_count(a, (int)n->walks, T_ONE_WALK, T_N_WALKS, w, sizeof w);
    scr_count(a, (int)n->spots, T_ONE_SPOT, T_N_SPOTS, s, sizeof s);
    long long gone = (long long)(n->unreadable + n->invalid + n->orphans);
    if (gone)
        snprintf(lost, sizeof lost, scr_tr(a, T_DMG_LOST), gone);
    if (n->tail_lost || n->tables_lost)
        snprintf(tail, sizeof tail, "%s", scr_tr(a, T_DMG_TAIL));
    int k = snprintf(a->sync_msg, sizeof a->sync_msg, scr_tr(a, T_DMG_DONE),
                     w, s);
    if (k > 0 && (size_t)k < sizeof a->sync_msg)
        snprintf(a->sync_msg + k, sizeof a->sync_msg - (size_t)k, "%s%s%s%s",
                 lost[0] ? " " : "", lost, tail[0] ? " " : "", tail);
    snprintf(a->sync_path, sizeof a->sync_path, "%s", r->bundle.path);
}

static void rescue_to(scr_app *a, const scr_target *t)
{
    err_t e = {{0}, 0};
    salvage_result r;
    if ((t == &a->targets[0] && fsx_mkdirs(t->path, &e)) ||
        salvage_bundle(a->damaged, t->path, a->app_version, &r, &e)) {
        snprintf(a->sync_msg, sizeof a->sync_msg, scr_tr(a, T_DMG_FAILED),
                 e.msg);
        a->sync_path[0] = '\0';
        return;
    }
    told(a, &r);
}

void scr_damaged(scr_app *a, ui_ctx *ui, ui_rect r)
{
    const ui_theme *th = ui->theme;
    scr_header(a, ui, &r, scr_tr(a, T_DMG_TITLE), NULL, NULL);
    ui_rect quit = ui_cut_bottom(&r, ui_target(ui) + ui_mm(ui, 2));
    if (ui_button(ui, scr_tr(a, T_QUIT), quit, UI_BTN_NORMAL) == UI_CLICKED)
        a->quit = 1;
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 28)), scr_tr(a, T_DMG_TEXT),
            UI_TEXT_BODY, UI_ALIGN_LEFT | UI_ALIGN_TOP | UI_WRAP, th->text);
    /* The technical reason, for the staff who get the device back. */
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 16)), a->damaged_why, UI_TEXT_SMALL,
            UI_ALIGN_LEFT | UI_ALIGN_TOP | UI_WRAP, th->text_dim);
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 9)), scr_tr(a, T_DMG_WHERE),
            UI_TEXT_BODY, UI_ALIGN_LEFT, th->text);
    const scr_target *t = scr_target_tiles(a, ui, &r);
    if (t)
        rescue_to(a, t);
    if (!a->sync_msg[0])
        return;
    ui_cut_top(&r, ui_mm(ui, 2));
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 20)), a->sync_msg, UI_TEXT_LARGE,
            UI_ALIGN_LEFT | UI_ALIGN_TOP | UI_WRAP, th->text);
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 14)), a->sync_path, UI_TEXT_SMALL,
            UI_ALIGN_LEFT | UI_ALIGN_TOP | UI_WRAP, th->text_dim);
}
