/* scr_walk: the walk screen (map with crosshair, the walk's spots and the
 * follow-up spots, spot count, how many follow-up spots are left, Markera
 * plats, Lista, Avsluta vandring) with the Sparat/Ångra toast, and the
 * end-of-walk summary. */
#include "scr.h"
#include "ui_theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void place_map(scr_app *a, ui_rect r)
{
    if (a->map_ready)
        return;
    map_init(&a->map, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, r.w);
    if (a->gps.has_fix) /* where the walker is */
        map_center_on(&a->map, a->gps.last.lat, a->gps.last.lon);
    else if (a->n_spots > 0) /* back on a walk: where its last spot is */
        map_center_on(&a->map, a->spots[0].lat, a->spots[0].lon);
    a->gps.follow = a->gps.enabled;
    a->map_ready = 1;
}

/* What the map shows this frame, in the theme's colours: the walk's spots
 * and the follow-up spots, each named "Uppföljning N: category" (N its
 * place in the list) for scripts. Built every frame from the lists in
 * memory (cheap: colours change with the theme); freed by free_markers. */
#define MARKER_NAME_BYTES (MODEL_TEXT_BYTES(CAT_LABEL_MAX_CHARS) + 32)

typedef struct walk_markers {
    map_marker *m;
    map_followup *fu;
    char (*names)[MARKER_NAME_BYTES]; /* a whole label always fits */
} walk_markers;

static void followup_markers(scr_app *a, const ui_ctx *ui, walk_markers *w)
{
    for (int i = 0; i < a->n_fu; i++) {
        const followup_spot *f = &a->fu[i];
        snprintf(w->names[i], sizeof w->names[i], scr_tr(a, T_FU_MARKER),
                 i + 1, scr_cat_label(a, f->category));
        w->fu[i] = (map_followup){f->lat, f->lon,
                                  ui_category_color(f->category, ui->theme),
                                  f->has_answer, w->names[i]};
    }
}

static map_layers layers_of(scr_app *a, const ui_ctx *ui, walk_markers *w)
{
    size_t n = (size_t)a->n_spots, n_fu = (size_t)a->n_fu;
    w->m = n ? malloc(n * sizeof *w->m) : NULL;
    w->fu = n_fu ? malloc(n_fu * sizeof *w->fu) : NULL;
    w->names = n_fu ? malloc(n_fu * sizeof *w->names) : NULL;
    if (!w->m) /* out of memory: a map without them beats no map */
        n = 0;
    if (!w->fu || !w->names)
        n_fu = 0;
    for (size_t i = 0; i < n; i++)
        w->m[i] = (map_marker){a->spots[i].lat, a->spots[i].lon,
                               ui_category_color(a->spots[i].category,
                                                 ui->theme)};
    if (n_fu)
        followup_markers(a, ui, w);
    const scr_gps *g = &a->gps;
    return (map_layers){
        .base = a->base, .m = w->m, .n = n, .gps = g->has_fix,
        .gps_lat = g->last.lat, .gps_lon = g->last.lon,
        .gps_err_m = g->last.err_m, .gps_simulated = g->last.simulated,
        .trail = g->trail, .n_trail = g->n_trail, .fu = w->fu,
        .n_fu = n_fu};
}

static void free_markers(walk_markers *w)
{
    free(w->m);
    free(w->fu);
    free(w->names);
}

static void draw_map(scr_app *a, ui_ctx *ui, ui_rect r)
{
    place_map(a, r);
    walk_markers w;
    map_layers L = layers_of(a, ui, &w);
    int tapped = -1;
    if (map_draw(ui, &a->map, r, &L, &tapped))
        a->gps.follow = 0; /* the walker moved the map: it stays put */
    free_markers(&w);
    if (tapped >= 0 && (size_t)tapped < L.n)
        scr_mark_edit(a, &a->spots[tapped]);
    else if (tapped >= 0 && (size_t)tapped < L.n + L.n_fu)
        scr_check_open(a, &a->fu[(size_t)tapped - L.n]);
}

/* Back to following the GPS, once the walker has moved the map away. */
static void my_position(scr_app *a, ui_ctx *ui, ui_rect map)
{
    if (a->gps.follow || !a->gps.has_fix)
        return;
    int pad = ui_mm(ui, 2), w = ui_mm(ui, 34);
    ui_rect b = {map.x + pad, map.y + pad, w, ui_target(ui)};
    if (ui_button(ui, scr_tr(a, T_MY_POS), b, UI_BTN_NORMAL) == UI_CLICKED) {
        a->gps.follow = 1;
        map_center_on(&a->map, a->gps.last.lat, a->gps.last.lon);
    }
}

/* How many follow-up spots are left, when the device has a list. */
static void followup_line(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    char line[160];
    if (a->n_fu == 0)
        return;
    if (a->fu_left > 0)
        snprintf(line, sizeof line, scr_tr(a, T_FU_LEFT), a->fu_left);
    else
        snprintf(line, sizeof line, "%s", scr_tr(a, T_FU_ALL_DONE));
    ui_text(ui, ui_cut_top(r, ui_mm(ui, 7)), line, UI_TEXT_BODY,
            UI_ALIGN_LEFT, ui->theme->text);
}

static void gps_line(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    char line[200];
    if (!a->gps.enabled)
        return;
    scr_gps_line(a, a->mono_ms, line, sizeof line);
    ui_text(ui, ui_cut_top(r, ui_mm(ui, 7)), line, UI_TEXT_SMALL,
            UI_ALIGN_LEFT, ui->theme->text);
}

static void zoom_buttons(scr_app *a, ui_ctx *ui, ui_rect map)
{
    int s = ui_target(ui), pad = ui_mm(ui, 2), w = ui_mm(ui, 24);
    ui_rect in = {map.x + map.w - w - pad, map.y + pad, w, s};
    ui_rect out = {in.x, in.y + s + pad, w, s};
    if (ui_button(ui, scr_tr(a, T_ZOOM_IN), in, UI_BTN_NORMAL) == UI_CLICKED)
        map_zoom(&a->map, 2.0);
    if (ui_button(ui, scr_tr(a, T_ZOOM_OUT), out, UI_BTN_NORMAL) ==
        UI_CLICKED)
        map_zoom(&a->map, 0.5);
}

static void bottom_bar(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    int gap = ui_mm(ui, 2), h = ui_target(ui);
    ui_rect row = ui_cut_bottom(r, h);
    ui_cut_bottom(r, gap);
    if (ui_button(ui, scr_tr(a, T_LIST), ui_column(row, 0, 2, gap),
                  UI_BTN_NORMAL) == UI_CLICKED)
        scr_go(a, SCR_LIST);
    if (ui_button(ui, scr_tr(a, T_END_WALK), ui_column(row, 1, 2, gap),
                  UI_BTN_DANGER) == UI_CLICKED)
        scr_go(a, SCR_END);
    ui_rect mark = ui_cut_bottom(r, h + ui_mm(ui, 10));
    ui_cut_bottom(r, gap);
    if (ui_button(ui, scr_tr(a, T_MARK), mark, UI_BTN_PRIMARY) == UI_CLICKED)
        scr_mark_new(a);
}

void scr_walk(scr_app *a, ui_ctx *ui, ui_rect r)
{
    char head[128];
    scr_count(a, a->n_spots, T_ONE_SPOT, T_N_SPOTS, head, sizeof head);
    if (scr_header(a, ui, &r, head, scr_tr(a, T_BACK), NULL) == SCR_BACK) {
        scr_go(a, SCR_START);
        return;
    }
    gps_line(a, ui, &r);
    followup_line(a, ui, &r);
    bottom_bar(a, ui, &r);
    draw_map(a, ui, r);
    zoom_buttons(a, ui, r);
    my_position(a, ui, r);
}

/* ---- end of walk: summary by category ---- */

static void summary(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    const cat_table *t = store_categories(a->st);
    char line[256];
    int row = ui_mm(ui, 8);
    for (size_t i = 0; i < t->n; i++) {
        int n = 0;
        for (int k = 0; k < a->n_spots; k++)
            n += strcmp(a->spots[k].category, t->v[i].code) == 0;
        if (n == 0)
            continue;
        snprintf(line, sizeof line, "%3d   %s", n,
                 scr_cat_label(a, t->v[i].code));
        ui_text(ui, ui_cut_top(r, row), line, UI_TEXT_BODY, UI_ALIGN_LEFT,
                ui->theme->text);
    }
    char n[64];
    scr_count(a, a->n_spots, T_ONE_SPOT, T_N_SPOTS, n, sizeof n);
    snprintf(line, sizeof line, scr_tr(a, T_SUMMARY_TOTAL), n);
    ui_text(ui, ui_cut_top(r, row + ui_mm(ui, 2)), line, UI_TEXT_LARGE,
            UI_ALIGN_LEFT, ui->theme->text);
}

static void end_walk(scr_app *a)
{
    err_t e;
    if (store_walk_end(a->st, a->cur.id, &e)) {
        scr_error(a, "cannot end the walk", &e);
        return;
    }
    a->walk_open = 0;
    a->n_spots = 0;
    a->toast[0] = a->toast_spot[0] = '\0';
    scr_go(a, SCR_START);
    snprintf(a->toast, sizeof a->toast, "%s", scr_tr(a, T_WALK_ENDED));
    a->toast_until = a->now_ms + SCR_TOAST_MS;
}

void scr_end(scr_app *a, ui_ctx *ui, ui_rect r)
{
    scr_header(a, ui, &r, scr_tr(a, T_END_ASK), NULL, NULL);
    ui_cut_top(&r, ui_mm(ui, 2));
    summary(a, ui, &r);
    int gap = ui_mm(ui, 2), h = ui_target(ui) + ui_mm(ui, 4);
    ui_rect row = ui_cut_bottom(&r, h);
    if (ui_button(ui, scr_tr(a, T_END_NO), ui_column(row, 0, 2, gap),
                  UI_BTN_NORMAL) == UI_CLICKED)
        scr_go(a, SCR_WALK);
    if (ui_button(ui, scr_tr(a, T_END_YES), ui_column(row, 1, 2, gap),
                  UI_BTN_DANGER) == UI_CLICKED)
        end_walk(a);
}
