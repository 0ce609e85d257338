/*
 * scr: the touch app's screens and the state they share. One function per
 * screen builds its frame through ui.h and calls the core (store, bundle)
 * for every read and write; nothing here includes SDL or runs SQL.
 *
 * The SDL layer (app/ui/sdl/app.c) owns the window and the event loop: it
 * fills ui->in from events, calls scr_frame, draws ui's command list, and
 * sleeps until the next event or scr_wake_ms.
 */
#ifndef TRYGG_SCR_H
#define TRYGG_SCR_H

#include <limits.h>
#include <stdint.h>

#include "basemap.h"
#include "fix.h"
#include "gpsrc.h"
#include "kbd.h"
#include "map.h"
#include "model.h"
#include "store.h"
#include "ui.h"
#include "ui_tr.h"

typedef enum { SCR_START, SCR_NEW_WALK, SCR_WALK, SCR_MARK, SCR_NOTE,
               SCR_LIST, SCR_SYNC, SCR_END, SCR_CHECK, SCR_DAMAGED } scr_id;

#define SCR_TOAST_MS 6000
#define SCR_MAX_TARGETS 8

/* A place a bundle can go: the default folder or a removable medium. */
typedef struct scr_target {
    char label[96];
    char path[PATH_MAX];
} scr_target;

#define SCR_TRAIL_MAX 20000

/* What the GPS says, as the screens need it (scr_gps.c). */
typedef struct scr_gps {
    int enabled;                 /* a source runs (not --gps none) */
    gpsrc_state state;
    char detail[128];
    int has_fix;
    gpsrc_fix last;              /* the newest usable fix */
    fix_avg avg;                 /* fixes since Markera plats */
    double *trail;               /* lat, lon pairs of this walk, in memory */
    size_t n_trail;
    int follow;                  /* the map keeps the GPS position centred */
} scr_gps;

/* The spot being made or edited on the mark screen. */
typedef struct scr_form {
    int editing;                 /* 0: new spot at the crosshair */
    spot p;                      /* category, severity, note; id when editing */
    int ask_delete;
} scr_form;

typedef struct scr_app {
    store *st;
    const char *app_version;
    ui_lang lang;
    scr_id screen;
    uint32_t now_ms;             /* set by the caller before each frame */
    int64_t mono_ms;             /* CLOCK_MONOTONIC ms, for GPS fix ages */
    int quit;

    /* the open walk and its live spots, newest first */
    int walk_open;
    walk cur;
    spot *spots;
    int n_spots, cap_spots;
    map_view map;
    int map_ready;
    const basemap *base;         /* the base map, or NULL: a grid */
    scr_gps gps;

    /* new walk form */
    walk draft;
    kbd text;                    /* the keyboard of SCR_NOTE */
    int text_for_title;          /* SCR_NOTE edits draft.title, not a note */
    scr_id text_back;            /* where SCR_NOTE returns */
    scr_form form;
    int list_scroll;             /* pixels */

    /* the toast after a save: Sparat + Ångra */
    char toast[96];
    char toast_spot[IDS_UUID_LEN + 1];
    uint32_t toast_until;

    /* the device's follow-up list, oldest walk first, each with this
     * device's newest answer: read when the app starts, after an import
     * and after an answer (never every frame) */
    followup_spot *fu;
    int n_fu, cap_fu;
    int fu_left;                 /* not answered here yet */
    followup_spot check;         /* the one on the answer screen */

    /* sync */
    const char *sync_dir;        /* the default folder */
    scr_target targets[SCR_MAX_TARGETS];
    int n_targets;
    char sync_msg[640];
    char sync_path[PATH_MAX];
    char fu_msg[640];            /* what Hämta uppföljning did */

    char error[ERR_MSG_MAX + 64];/* shown in a banner until the next tap */

    /* a damaged database (SCR_DAMAGED; st is NULL): its path and why */
    char damaged[PATH_MAX];
    char damaged_why[ERR_MSG_MAX];
} scr_app;

/* Load the open walk (if any) from st. sync_dir: the default folder. */
int scr_init(scr_app *a, store *st, const char *sync_dir,
             const char *app_version, ui_lang lang, err_t *e);
void scr_free(scr_app *a);
/* Instead of scr_init when the database is damaged (store_open said
 * STORE_DAMAGED): the app shows only the rescue screen (scr_damaged.c),
 * which saves what can be read as a bundle; why: store_open's message. */
void scr_init_damaged(scr_app *a, const char *db_path, const char *why,
                      const char *sync_dir, const char *app_version,
                      ui_lang lang);

/* Build one frame of the current screen (uses and may change ui->theme). */
void scr_frame(scr_app *a, ui_ctx *ui);

/* Milliseconds from now until the app must draw again without input (a
 * toast to hide); UINT32_MAX when nothing is timed. */
uint32_t scr_wake_ms(const scr_app *a);

/* The theme of the current state: night for a walk in Mörker. */
const struct ui_theme *scr_theme(const scr_app *a);

/* ---- shared by the screen files (scr_*.c) ---- */
void scr_go(scr_app *a, scr_id s);
void scr_error(scr_app *a, const char *what, const err_t *e);
int scr_reload_spots(scr_app *a);
/* Read the follow-up list again (scr_check.c). */
int scr_reload_followup(scr_app *a);
/* Header bar with a title and, when not NULL, a back button at the left
 * and an action button at the right. Returns SCR_BACK or SCR_ACTION when
 * one was tapped, else 0. Cuts it off the top of *body. */
enum { SCR_BACK = 1, SCR_ACTION = 2 };
int scr_header(scr_app *a, ui_ctx *ui, ui_rect *body, const char *title,
               const char *back, const char *action);
/* A region of height content_h shown in r, scrolled by dragging (offset
 * in a->list_scroll, reset by scr_go). Clips to r; returns the content's
 * rectangle. End with ui_unclip. */
ui_rect scr_scroll(scr_app *a, ui_ctx *ui, ui_rect r, int content_h);
const char *scr_cat_label(const scr_app *a, const char *code);
const char *scr_tr(const scr_app *a, ui_str s);
/* "1 plats" / "3 platser" (one: the singular text, many: with %d). */
void scr_count(const scr_app *a, int n, ui_str one, ui_str many, char *out,
               size_t cap);

void scr_start(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_new_walk(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_walk(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_mark(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_note(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_list(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_sync(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_end(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_check(scr_app *a, ui_ctx *ui, ui_rect r);
void scr_damaged(scr_app *a, ui_ctx *ui, ui_rect r);

/* Open the answer screen for follow-up spot f (copied). */
void scr_check_open(scr_app *a, const followup_spot *f);
/* Hämta uppföljning: the newest follow-up bundle in the sync folder and on
 * the media of a->targets, imported; a->fu_msg says how it went. */
void scr_followup_fetch(scr_app *a);

/* Open the keyboard for the walk's title (1) or the spot's note (0). */
void scr_note_open(scr_app *a, int for_title);
/* Open the mark screen for a new spot, or for editing stored spot p. */
void scr_mark_new(scr_app *a);
void scr_mark_edit(scr_app *a, const spot *p);

/* ---- GPS (scr_gps.c) ---- */
/* Take one event of the GPS source (now: CLOCK_MONOTONIC ms). Returns 1
 * when the screen shows something that changed. */
int scr_gps_event(scr_app *a, const gpsrc_event *ev, int64_t now_ms);
/* The position a new spot takes now: 1 and the GPS average when it is
 * usable, else 0 (the crosshair). */
int scr_gps_spot(scr_app *a, int64_t now_ms, fix_result *out);
/* A line for the walk and mark screens: "GPS ±4 m", "Ingen GPS"... */
void scr_gps_line(const scr_app *a, int64_t now_ms, char *out, size_t cap);
void scr_gps_free(scr_app *a);

/* Find removable media and the default folder (platform/media). */
void scr_sync_targets(scr_app *a);
/* One tile per place of a->targets, cut off the top of *r (sync and
 * rescue screens); the one tapped this frame, or NULL. */
const scr_target *scr_target_tiles(scr_app *a, ui_ctx *ui, ui_rect *r);

#endif
