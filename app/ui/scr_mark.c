/* scr_mark: marking a spot (category tiles, severity, note, Spara), editing
 * and deleting one, and the keyboard screen for notes and walk titles. */
#include "scr.h"
#include "ui_theme.h"

#include <stdio.h>
#include <string.h>

void scr_mark_new(scr_app *a)
{
    memset(&a->form, 0, sizeof a->form);
    a->form.p.severity = 2; /* Otryggt: category + Spara is a whole spot */
    /* Average from the tap on: the newest fix, then each while the walker
     * picks a category. */
    fix_avg_reset(&a->gps.avg);
    if (a->gps.has_fix)
        fix_avg_add(&a->gps.avg, a->gps.last.lat, a->gps.last.lon,
                    a->gps.last.err_m, a->gps.last.got_ms);
    scr_go(a, SCR_MARK);
}

void scr_mark_edit(scr_app *a, const spot *p)
{
    memset(&a->form, 0, sizeof a->form);
    a->form.editing = 1;
    a->form.p = *p;
    if (!a->form.p.severity)
        a->form.p.severity = 2;
    scr_go(a, SCR_MARK);
}

static const cat_entry *chosen_cat(const scr_app *a)
{
    return a->form.p.category[0]
               ? cat_find(store_categories(a->st), a->form.p.category)
               : NULL;
}

static void category_tiles(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    const cat_table *t = store_categories(a->st);
    int gap = ui_mm(ui, 1.5f), h = ui_target(ui);
    ui_rect row = {0};
    for (size_t i = 0; i < t->n; i++) {
        if (i % 2 == 0) {
            row = ui_cut_top(r, h);
            ui_cut_top(r, gap);
        }
        const cat_entry *c = &t->v[i];
        int on = strcmp(a->form.p.category, c->code) == 0;
        ui_rect cell = ui_column(row, (int)(i % 2), 2, gap);
        if (ui_tile(ui, scr_cat_label(a, c->code), NULL, cell,
                    ui_category_color(c->code, ui->theme),
                    on ? UI_BTN_SELECTED : UI_BTN_NORMAL) == UI_CLICKED)
            snprintf(a->form.p.category, sizeof a->form.p.category, "%s",
                     c->code);
    }
}

static void severity_row(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    const cat_entry *c = chosen_cat(a);
    ui_rect row = ui_cut_top(r, ui_target(ui));
    ui_cut_top(r, ui_mm(ui, 2));
    if (c && c->positive) {
        ui_text(ui, row, scr_tr(a, T_POSITIVE_NO_SEVERITY), UI_TEXT_BODY,
                UI_ALIGN_LEFT | UI_WRAP, ui->theme->text_dim);
        return;
    }
    static const ui_str LABELS[3] = {T_SEVERITY_1, T_SEVERITY_2,
                                     T_SEVERITY_3};
    for (int i = 0; i < 3; i++) {
        ui_rect cell = ui_column(row, i, 3, ui_mm(ui, 1.5f));
        if (ui_button(ui, scr_tr(a, LABELS[i]), cell,
                      a->form.p.severity == i + 1 ? UI_BTN_SELECTED
                                                  : UI_BTN_NORMAL) ==
            UI_CLICKED)
            a->form.p.severity = i + 1;
    }
}

static void note_row(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    ui_rect row = ui_cut_top(r, ui_target(ui));
    ui_cut_top(r, ui_mm(ui, 2));
    ui_rect btn = ui_cut_left(&row, ui_mm(ui, 34));
    if (ui_button(ui, scr_tr(a, T_NOTE), btn, UI_BTN_NORMAL) == UI_CLICKED)
        scr_note_open(a, 0);
    const char *note = a->form.p.note[0] ? a->form.p.note
                                         : scr_tr(a, T_NOTE_EMPTY);
    ui_text(ui, ui_shrink(row, ui_mm(ui, 1.5f)), note, UI_TEXT_SMALL,
            UI_ALIGN_LEFT | UI_WRAP, ui->theme->text_dim);
}

/* GPS when its average is fresh and good enough, else the crosshair
 * (which follows the GPS, so it is the best guess the walker confirmed). */
static void place_new_spot(scr_app *a, spot *p)
{
    fix_result f;
    p->walk_id[0] = '\0';
    if (scr_gps_spot(a, a->mono_ms, &f)) {
        p->lat = f.lat;
        p->lon = f.lon;
        p->source = SRC_GPS;
        p->has_accuracy = 1;
        p->accuracy_m = f.err_m;
        return;
    }
    map_crosshair(&a->map, &p->lat, &p->lon);
    p->source = SRC_MAP;
    p->has_accuracy = 0;
}

/* Where a new spot will go, in words; or, when editing, a button that
 * moves the spot to the crosshair (the map as the walker left it). */
static void position_row(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    ui_rect row = ui_cut_top(r, ui_target(ui));
    ui_cut_top(r, ui_mm(ui, 2));
    if (a->form.editing) {
        if (ui_button(ui, scr_tr(a, T_MOVE_HERE), row, UI_BTN_NORMAL) ==
            UI_CLICKED) {
            map_crosshair(&a->map, &a->form.p.lat, &a->form.p.lon);
            a->form.p.source = SRC_MAP;
            a->form.p.has_accuracy = 0;
        }
        return;
    }
    char line[200];
    fix_result f = fix_avg_result(&a->gps.avg, a->mono_ms, FIX_MAX_ERR_M,
                                  FIX_MAX_AGE_MS);
    if (f.usable)
        snprintf(line, sizeof line, scr_tr(a, T_GPS_TAKES), f.err_m, f.n);
    else if (f.n > 0 && f.age_ms <= FIX_MAX_AGE_MS) /* fresh, but poor */
        snprintf(line, sizeof line, scr_tr(a, T_GPS_POOR), f.err_m);
    else
        snprintf(line, sizeof line, "%s",
                 scr_tr(a, a->gps.enabled ? T_GPS_NONE : T_POS_MAP));
    ui_text(ui, row, line, UI_TEXT_SMALL, UI_ALIGN_LEFT | UI_WRAP,
            ui->theme->text);
}

static void saved(scr_app *a, const char *spot_id, ui_str what)
{
    snprintf(a->toast, sizeof a->toast, "%s", scr_tr(a, what));
    snprintf(a->toast_spot, sizeof a->toast_spot, "%s", spot_id);
    a->toast_until = a->now_ms + SCR_TOAST_MS;
    scr_reload_spots(a);
    scr_go(a, a->form.editing ? SCR_LIST : SCR_WALK);
}

static void save(scr_app *a)
{
    err_t e;
    spot *p = &a->form.p;
    const cat_entry *c = chosen_cat(a);
    if (!c) {
        snprintf(a->error, sizeof a->error, "%s", scr_tr(a, T_PICK_FIRST));
        return;
    }
    int sev = p->severity;
    if (c->positive)
        p->severity = 0;
    if (!a->form.editing)
        place_new_spot(a, p);
    int rc = a->form.editing ? store_spot_update(a->st, p, &e)
                             : store_spot_add(a->st, p, &e);
    p->severity = sev;
    if (rc) {
        scr_error(a, "cannot save the spot", &e);
        return;
    }
    saved(a, a->form.editing ? "" : p->id, T_SAVED);
}

static void delete_spot(scr_app *a)
{
    err_t e;
    if (store_spot_delete(a->st, a->form.p.id, &e)) {
        scr_error(a, "cannot delete the spot", &e);
        return;
    }
    saved(a, "", T_DELETED);
}

static void actions(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    int gap = ui_mm(ui, 2), h = ui_target(ui) + ui_mm(ui, 4);
    ui_rect row = ui_cut_bottom(r, h);
    if (a->form.ask_delete) {
        ui_text(ui, ui_cut_bottom(r, ui_mm(ui, 9)), scr_tr(a, T_DELETE_ASK),
                UI_TEXT_LARGE, UI_ALIGN_LEFT, ui->theme->text);
        if (ui_button(ui, scr_tr(a, T_DELETE_NO), ui_column(row, 0, 2, gap),
                      UI_BTN_NORMAL) == UI_CLICKED)
            a->form.ask_delete = 0;
        if (ui_button(ui, scr_tr(a, T_DELETE_YES), ui_column(row, 1, 2, gap),
                      UI_BTN_DANGER) == UI_CLICKED)
            delete_spot(a);
        return;
    }
    ui_rect save_r = a->form.editing ? ui_column(row, 1, 2, gap) : row;
    if (a->form.editing &&
        ui_button(ui, scr_tr(a, T_DELETE), ui_column(row, 0, 2, gap),
                  UI_BTN_DANGER) == UI_CLICKED)
        a->form.ask_delete = 1;
    if (ui_button(ui, scr_tr(a, a->form.editing ? T_SAVE_CHANGES : T_SAVE),
                  save_r, UI_BTN_PRIMARY) == UI_CLICKED)
        save(a);
}

void scr_mark(scr_app *a, ui_ctx *ui, ui_rect r)
{
    const char *title = scr_tr(a, a->form.editing ? T_EDIT_SPOT
                                                  : T_CHOOSE_CATEGORY);
    if (scr_header(a, ui, &r, title, scr_tr(a, T_CANCEL), NULL) ==
        SCR_BACK) {
        scr_go(a, a->form.editing ? SCR_LIST : SCR_WALK);
        return;
    }
    actions(a, ui, &r);
    /* Tiles, severity and note scroll when the screen is too short. */
    int h = ui_target(ui), gap = ui_mm(ui, 1.5f);
    int rows = (int)(store_categories(a->st)->n + 1) / 2;
    int content = ui_mm(ui, 2) + rows * (h + gap) + 3 * (h + ui_mm(ui, 2));
    ui_rect c = scr_scroll(a, ui, r, content);
    ui_cut_top(&c, ui_mm(ui, 1));
    category_tiles(a, ui, &c);
    ui_cut_top(&c, ui_mm(ui, 1));
    severity_row(a, ui, &c);
    note_row(a, ui, &c);
    position_row(a, ui, &c);
    ui_unclip(ui);
}

/* ---- the keyboard screen ---- */

void scr_note_open(scr_app *a, int for_title)
{
    a->text_for_title = for_title;
    a->text_back = a->screen;
    if (for_title)
        kbd_init(&a->text, a->draft.title, MODEL_TITLE_MAX_CHARS);
    else
        kbd_init(&a->text, a->form.p.note, MODEL_NOTE_MAX_CHARS);
    a->text.english = a->lang == LANG_EN;
    a->screen = SCR_NOTE;
}

static void note_done(scr_app *a)
{
    char *dst = a->text_for_title ? a->draft.title : a->form.p.note;
    size_t cap = a->text_for_title ? sizeof a->draft.title
                                   : sizeof a->form.p.note;
    /* kbd kept to the field's limit in characters, so this fits */
    size_t n = strlen(a->text.text);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, a->text.text, n);
    dst[n] = '\0';
    scr_go(a, a->text_back);
}

void scr_note(scr_app *a, ui_ctx *ui, ui_rect r)
{
    const char *phrases[] = {scr_tr(a, T_PHRASE_1), scr_tr(a, T_PHRASE_2),
                             scr_tr(a, T_PHRASE_3), scr_tr(a, T_PHRASE_4),
                             NULL};
    ui_str title = a->text_for_title ? T_NAME : T_NOTE_TITLE;
    /* Klar sits in the header, so the keyboard and the text share the
     * rest even on a small screen. */
    int head = scr_header(a, ui, &r, scr_tr(a, title), scr_tr(a, T_CANCEL),
                          scr_tr(a, T_DONE));
    if (head == SCR_BACK) {
        scr_go(a, a->text_back);
        return;
    }
    if (head == SCR_ACTION) {
        note_done(a);
        return;
    }
    ui_rect keys = ui_cut_bottom(&r, kbd_height(ui, r.w));
    ui_cut_bottom(&r, ui_mm(ui, 2));
    ui_frame(ui, r, ui_mm(ui, 0.5f), ui->theme->border);
    char shown[KBD_MAX_BYTES + 4];
    snprintf(shown, sizeof shown, "%s\u258F", a->text.text); /* caret */
    ui_text(ui, ui_shrink(r, ui_mm(ui, 2)), shown, UI_TEXT_LARGE,
            UI_ALIGN_LEFT | UI_ALIGN_TOP | UI_WRAP, ui->theme->text);
    kbd_do(ui, &a->text, keys, a->text_for_title ? NULL : phrases);
}
