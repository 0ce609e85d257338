/*
 * test_scr: whole screens (scr) driven without SDL, as a finger would,
 * against a real SQLite store in a temp folder. A frame is ui_begin,
 * scr_frame, ui_end; tap(label) finds the one widget with that label,
 * presses at its centre in one frame, releases in the next, and draws one
 * more frame without input (the app draws again after each input, so the
 * labels seen are those of the screen now shown). The clock (now_ms) is set
 * by the test.
 *
 * Checks: three taps make a spot at the crosshair; Ångra tombstones it;
 * the toast times out (also across the 32-bit clock's wrap); a safe place
 * has no severity; Spara without a category says so; editing bumps the
 * revision; delete asks once; English labels; the night theme for Mörker;
 * ending a walk (and not ending it); coming back to an open walk; typing a
 * note on the keyboard; sync to the default folder; list rows that scroll
 * under the header or the toast do not take their taps; every text drawn
 * and every label is valid UTF-8.
 */
#include "kbd.h"
#include "scr.h"
#include "store.h"
#include "testhelp.h"
#include "txt.h"
#include "ui.h"
#include "ui_theme.h"

#include <math.h>
#include <stdint.h>

#define DPI_160 (160.0f / 25.4f)
#define WIN_W 720   /* the app's default window */
#define WIN_H 1280
#define MAX_SPOTS 64

static char dir[256];

typedef struct rig {
    store *st;
    ui_ctx *ui;      /* heap: the command lists are large */
    scr_app a;
    int64_t clock;   /* the store's clock, seconds */
    char sync_dir[512];
} rig;

/* |got - want| <= tol, printing both on failure. */
#define CHECK_NEAR(got, want, tol)                                             \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        th_checks++;                                                           \
        if (!(fabs(g_ - w_) <= (tol)))                                         \
            TH_FAIL("%s: got %.12g, want %.12g (tolerance %g)", #got, g_,     \
                    w_, (double)(tol));                                        \
    } while (0)

static int64_t fake_now(void *ctx)
{
    int64_t *t = ctx;
    return (*t)++;
}

static void *xcalloc(size_t n)
{
    void *p = calloc(1, n);
    if (!p) {
        perror("calloc");
        exit(2);
    }
    return p;
}

static void frame(rig *g)
{
    ui_begin(g->ui);
    scr_frame(&g->a, g->ui);
    ui_end(g->ui);
}

/* A store of its own (name under dir), the app state on it, one frame. */
static rig *rig_open(const char *name)
{
    rig *g = xcalloc(sizeof *g);
    char path[600];
    err_t e;
    g->clock = 1795545000; /* 2026-11-24T18:30:00Z */
    store_opts o = {fake_now, &g->clock};
    snprintf(path, sizeof path, "%s/%s.sqlite", dir, name);
    snprintf(g->sync_dir, sizeof g->sync_dir, "%s/%s-sync", dir, name);
    if (store_open(&g->st, path, &o, &e)) {
        fprintf(stderr, "store_open %s: %s\n", path, e.msg);
        exit(2);
    }
    g->ui = xcalloc(sizeof *g->ui);
    ui_init(g->ui, DPI_160, WIN_W, WIN_H, &ui_theme_day);
    g->ui->in.pinch = 1.0f;
    return g;
}

/* Start (or restart) the app on the rig's store. */
static void app_start(rig *g, ui_lang lang)
{
    err_t e;
    scr_free(&g->a);
    int rc = scr_init(&g->a, g->st, g->sync_dir, "test", lang, &e);
    if (rc)
        TH_FAIL("scr_init: got %d (%s), want 0", rc, e.msg);
    th_checks++;
    g->a.now_ms = 1000;
    frame(g);
}

static void rig_close(rig *g)
{
    scr_free(&g->a);
    store_close(g->st);
    free(g->ui);
    free(g);
}

/* The labels on screen, for failure messages. */
static void dump_labels(const rig *g)
{
    fprintf(stderr, "    on screen %d:", (int)g->a.screen);
    for (size_t i = 0; i < g->ui->n_seen; i++)
        fprintf(stderr, " \"%s\"", g->ui->seen[i].label);
    fprintf(stderr, "\n");
}

static void dump_texts(const rig *g)
{
    fprintf(stderr, "    texts:");
    for (size_t i = 0; i < g->ui->n_cmd; i++)
        if (g->ui->cmd[i].kind == UI_CMD_TEXT)
            fprintf(stderr, " \"%s\"", g->ui->text + g->ui->cmd[i].text);
    fprintf(stderr, "\n");
}

/* How many widgets show label, checked against want. */
#define CHECK_SEEN(g, label, want)                                             \
    do {                                                                       \
        int n_ = ui_find((g)->ui, (label), NULL), w_ = (want);                 \
        th_checks++;                                                           \
        if (n_ != w_) {                                                        \
            TH_FAIL("label \"%s\": got %d on screen, want %d", (label), n_,    \
                    w_);                                                       \
            dump_labels(g);                                                    \
        }                                                                      \
    } while (0)

/* The one widget with this label in the last frame. */
static int find_one(rig *g, const char *label, ui_rect *r)
{
    int n = ui_find(g->ui, label, r);
    th_checks++;
    if (n != 1) {
        TH_FAIL("tap \"%s\": got %d widgets with that label, want 1", label,
                n);
        dump_labels(g);
    }
    return n == 1;
}

static void press_at(rig *g, int x, int y)
{
    g->ui->in = (ui_input){.x = x, .y = y, .down = 1, .pressed = 1,
                           .pinch = 1.0f};
}

static void release_here(rig *g)
{
    g->ui->in.down = 0;
    g->ui->in.released = 1;
}

/* Press at x, y, frame, release, frame, and a frame without input. */
static void tap_at(rig *g, int x, int y)
{
    press_at(g, x, y);
    frame(g);
    release_here(g);
    frame(g);
    frame(g);
}

/* The same at the centre of the one widget with this label. */
static int tap(rig *g, const char *label)
{
    ui_rect r;
    if (!find_one(g, label, &r))
        return 0;
    tap_at(g, r.x + r.w / 2, r.y + r.h / 2);
    return 1;
}

/* A text command whose text is s (exact) or starts with s (prefix). */
static int has_text(const rig *g, const char *s, int prefix)
{
    const ui_ctx *ui = g->ui;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        if (ui->cmd[i].kind != UI_CMD_TEXT)
            continue;
        const char *t = ui->text + ui->cmd[i].text;
        if (prefix ? strncmp(t, s, strlen(s)) == 0 : strcmp(t, s) == 0)
            return 1;
    }
    return 0;
}

#define CHECK_TEXT(g, s, want)                                                 \
    do {                                                                       \
        int h_ = has_text((g), (s), 0);                                        \
        th_checks++;                                                           \
        if (h_ != (want)) {                                                    \
            TH_FAIL("text \"%s\": got %s, want %s", (s),                       \
                    h_ ? "shown" : "not shown",                                \
                    (want) ? "shown" : "not shown");                           \
            dump_texts(g);                                                     \
        }                                                                      \
    } while (0)

/* A text command that starts with s is drawn. */
#define CHECK_TEXT_PREFIX(g, s)                                                \
    do {                                                                       \
        th_checks++;                                                           \
        if (!has_text((g), (s), 1)) {                                          \
            TH_FAIL("text starting \"%s\": got not shown, want shown", (s));  \
            dump_texts(g);                                                     \
        }                                                                      \
    } while (0)

#define CHECK_SCREEN(g, want) CHECK_INT((g)->a.screen, (want))

/* ---- the store's view ---- */

typedef struct spot_list {
    spot v[MAX_SPOTS];
    int n;
} spot_list;

static int keep(void *ctx, const spot *p)
{
    spot_list *l = ctx;
    if (l->n < MAX_SPOTS)
        l->v[l->n++] = *p;
    return 0;
}

/* The spots of walk_id, newest first; with_deleted as in the store. */
static spot_list *stored_spots(rig *g, const char *walk_id, int with_deleted)
{
    static spot_list l;
    err_t e;
    l.n = 0;
    int rc = store_spot_each(g->st, walk_id, with_deleted, keep, &l, &e);
    if (rc)
        TH_FAIL("store_spot_each: got %d (%s), want 0", rc, e.msg);
    th_checks++;
    return &l;
}

static int walk_open_in_store(rig *g, char *id)
{
    err_t e;
    char tmp[IDS_UUID_LEN + 1];
    int rc = store_walk_open(g->st, id ? id : tmp, &e);
    if (rc < 0)
        TH_FAIL("store_walk_open: %s", e.msg);
    return rc;
}

/* From the start screen: Ny vandring, Starta. */
static void start_walk(rig *g)
{
    tap(g, "Ny vandring");
    CHECK_SCREEN(g, SCR_NEW_WALK);
    tap(g, "Starta");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK_INT(walk_open_in_store(g, NULL), 1);
}

/* From the walk screen: Markera plats, a category, Spara. */
static void mark(rig *g, const char *category_label)
{
    tap(g, "Markera plats");
    CHECK_SCREEN(g, SCR_MARK);
    tap(g, category_label);
    tap(g, "Spara");
    CHECK_SCREEN(g, SCR_WALK);
}

/* ---- tests ---- */

static void test_three_taps_make_a_spot(void)
{
    rig *g = rig_open("mark");
    app_start(g, LANG_SV);
    CHECK_SCREEN(g, SCR_START);
    CHECK_INT(scr_wake_ms(&g->a), UINT32_MAX);
    start_walk(g);
    CHECK_TEXT(g, "0 platser", 1);
    tap(g, "Markera plats");
    CHECK_SCREEN(g, SCR_MARK);
    CHECK_SEEN(g, "Dålig belysning", 1);
    CHECK_SEEN(g, "Trygg plats", 1);
    CHECK_SEEN(g, "Otryggt", 1); /* the default severity is shown */
    tap(g, "Dålig belysning");
    CHECK_INT(stored_spots(g, g->a.cur.id, 1)->n, 0); /* nothing yet */
    tap(g, "Spara");
    CHECK_SCREEN(g, SCR_WALK);

    spot_list *l = stored_spots(g, g->a.cur.id, 1);
    CHECK_INT(l->n, 1);
    if (l->n == 1) {
        const spot *p = &l->v[0];
        CHECK_STR(p->category, "lighting");
        CHECK_INT(p->severity, 2);
        CHECK_INT(p->source, SRC_MAP);
        CHECK_STR(model_source_name(p->source), "map");
        CHECK_INT(p->has_accuracy, 0);
        CHECK_NEAR(p->lat, MAP_ORIGIN_LAT, 1e-9); /* the crosshair, unpanned */
        CHECK_NEAR(p->lon, MAP_ORIGIN_LON, 1e-9);
        CHECK_STR(p->note, "");
        CHECK_INT(p->deleted, 0);
        CHECK_INT(p->revision, 1);
        CHECK_STR(p->walk_id, g->a.cur.id);
    }
    CHECK_TEXT(g, "1 plats", 1);
    CHECK_TEXT(g, "Sparat", 1);
    CHECK_SEEN(g, "Ångra", 1);
    CHECK_INT(scr_wake_ms(&g->a), SCR_TOAST_MS);

    /* Ångra: the spot becomes a tombstone */
    tap(g, "Ångra");
    l = stored_spots(g, g->a.cur.id, 1);
    CHECK_INT(l->n, 1);
    if (l->n == 1) {
        CHECK_INT(l->v[0].deleted, 1);
        CHECK_INT(l->v[0].revision, 2);
    }
    CHECK_INT(stored_spots(g, g->a.cur.id, 0)->n, 0);
    CHECK_SCREEN(g, SCR_WALK);
    CHECK_TEXT(g, "0 platser", 1);
    CHECK_TEXT(g, "Platsen togs bort", 1);
    CHECK_SEEN(g, "Ångra", 0); /* no undo of the undo */
    rig_close(g);
}

static void test_toast_times_out(void)
{
    rig *g = rig_open("toast");
    app_start(g, LANG_SV);
    start_walk(g);
    g->a.now_ms = 50000;
    mark(g, "Trafikfara");
    CHECK_INT(scr_wake_ms(&g->a), 6000);
    CHECK_SEEN(g, "Ångra", 1);
    g->a.now_ms = 52500;
    CHECK_INT(scr_wake_ms(&g->a), 3500);
    frame(g);
    CHECK_SEEN(g, "Ångra", 1);
    g->a.now_ms = 55999;
    CHECK_INT(scr_wake_ms(&g->a), 1);
    frame(g);
    CHECK_SEEN(g, "Ångra", 1);
    CHECK_TEXT(g, "Sparat", 1);
    g->a.now_ms = 56000;
    CHECK_INT(scr_wake_ms(&g->a), 0); /* due: the app draws now */
    frame(g);
    CHECK_SEEN(g, "Ångra", 0);
    CHECK_TEXT(g, "Sparat", 0);
    CHECK_INT(scr_wake_ms(&g->a), UINT32_MAX);
    CHECK_SEEN(g, "Markera plats", 1); /* the walk screen is still there */
    /* late: the spot is kept */
    spot_list *l = stored_spots(g, g->a.cur.id, 1);
    CHECK_INT(l->n, 1);
    CHECK_INT(l->n ? l->v[0].deleted : -1, 0);
    rig_close(g);
}

/* now_ms is SDL_GetTicks(): 32 bits, it wraps after 49.7 days. A toast
 * made just before the wrap still lasts SCR_TOAST_MS. */
static void test_toast_across_clock_wrap(void)
{
    rig *g = rig_open("wrap");
    app_start(g, LANG_SV);
    start_walk(g);
    g->a.now_ms = UINT32_MAX - 999; /* 1 s before the wrap */
    mark(g, "Trafikfara");
    CHECK_INT(scr_wake_ms(&g->a), SCR_TOAST_MS);
    CHECK_SEEN(g, "Ångra", 1);
    g->a.now_ms += 3000; /* wrapped: 2000 */
    CHECK_INT(scr_wake_ms(&g->a), SCR_TOAST_MS - 3000);
    frame(g);
    CHECK_SEEN(g, "Ångra", 1);
    g->a.now_ms += 3000;
    CHECK_INT(scr_wake_ms(&g->a), 0);
    frame(g);
    CHECK_SEEN(g, "Ångra", 0);
    CHECK_INT(scr_wake_ms(&g->a), UINT32_MAX);
    rig_close(g);
}

static void test_safe_place_has_no_severity(void)
{
    rig *g = rig_open("safe");
    app_start(g, LANG_SV);
    start_walk(g);
    tap(g, "Markera plats");
    tap(g, "Trygg plats");
    CHECK_SEEN(g, "Otryggt", 0);
    CHECK_SEEN(g, "Lite otryggt", 0);
    CHECK_SEEN(g, "Mycket otryggt", 0);
    CHECK_TEXT(g, "En trygg plats har ingen grad.", 1);
    tap(g, "Spara");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK(!g->a.error[0]);
    spot_list *l = stored_spots(g, g->a.cur.id, 1);
    CHECK_INT(l->n, 1);
    if (l->n == 1) {
        CHECK_STR(l->v[0].category, "safe");
        CHECK_INT(l->v[0].severity, 0);
    }
    /* switching from a safe place back to a concern brings severity back */
    tap(g, "Markera plats");
    tap(g, "Trygg plats");
    tap(g, "Våld eller hot");
    CHECK_SEEN(g, "Otryggt", 1);
    tap(g, "Lite otryggt");
    tap(g, "Spara");
    l = stored_spots(g, g->a.cur.id, 1);
    CHECK_INT(l->n, 2);
    if (l->n == 2) {
        CHECK_STR(l->v[0].category, "violence");
        CHECK_INT(l->v[0].severity, 1);
    }
    rig_close(g);
}

static void test_spara_without_category(void)
{
    rig *g = rig_open("nocat");
    app_start(g, LANG_SV);
    start_walk(g);
    tap(g, "Markera plats");
    tap(g, "Spara");
    CHECK_SCREEN(g, SCR_MARK);
    CHECK_STR(g->a.error, ui_tr(LANG_SV, T_PICK_FIRST));
    CHECK_INT(stored_spots(g, g->a.cur.id, 1)->n, 0);
    tap(g, "Avbryt");
    CHECK_SCREEN(g, SCR_WALK);
    rig_close(g);
}

static void test_edit_and_delete(void)
{
    rig *g = rig_open("edit");
    app_start(g, LANG_SV);
    start_walk(g);
    mark(g, "Dålig belysning");
    tap(g, "Lista");
    CHECK_SCREEN(g, SCR_LIST);
    tap(g, "1. Dålig belysning");
    CHECK_SCREEN(g, SCR_MARK);
    CHECK_SEEN(g, "Spara ändringar", 1);
    CHECK_SEEN(g, "Spara", 0);
    tap(g, "Mycket otryggt");
    tap(g, "Spara ändringar");
    CHECK_SCREEN(g, SCR_LIST);
    spot_list *l = stored_spots(g, g->a.cur.id, 1);
    CHECK_INT(l->n, 1);
    if (l->n == 1) {
        CHECK_INT(l->v[0].severity, 3);
        CHECK_INT(l->v[0].revision, 2);
        CHECK_STR(l->v[0].category, "lighting");
        CHECK_INT(l->v[0].deleted, 0);
    }
    CHECK_TEXT(g, "Sparat", 1);
    CHECK_SEEN(g, "Ångra", 0); /* an edit has no undo */

    /* delete asks once: Ta bort, Avbryt keeps it; Ta bort, Ja deletes */
    tap(g, "1. Dålig belysning");
    tap(g, "Ta bort");
    CHECK_SCREEN(g, SCR_MARK);
    CHECK_TEXT(g, "Ta bort platsen?", 1);
    CHECK_SEEN(g, "Ja, ta bort", 1);
    CHECK_SEEN(g, "Ta bort", 0);
    CHECK_SEEN(g, "Spara ändringar", 0);
    CHECK_INT(stored_spots(g, g->a.cur.id, 0)->n, 1); /* not yet */
    /* the question's cancel must be tellable from the header's Avbryt
     * (which leaves the editor): a script taps by label */
    CHECK_SEEN(g, "Avbryt", 1);
    /* so tap it by place: the left column of the row of Ja, ta bort */
    ui_rect yes;
    if (find_one(g, "Ja, ta bort", &yes))
        tap_at(g, yes.x - ui_mm(g->ui, 2) - yes.w / 2, yes.y + yes.h / 2);
    CHECK_SCREEN(g, SCR_MARK);
    CHECK_SEEN(g, "Ja, ta bort", 0);
    CHECK_SEEN(g, "Ta bort", 1);
    CHECK_INT(stored_spots(g, g->a.cur.id, 0)->n, 1);
    tap(g, "Ta bort");
    tap(g, "Ja, ta bort");
    CHECK_SCREEN(g, SCR_LIST);
    l = stored_spots(g, g->a.cur.id, 1);
    CHECK_INT(l->n, 1);
    if (l->n == 1) {
        CHECK_INT(l->v[0].deleted, 1);
        CHECK_INT(l->v[0].revision, 3);
    }
    CHECK_TEXT(g, "Borttagen", 1);
    CHECK_TEXT(g, "Inga platser ännu.", 1);
    CHECK_SEEN(g, "1. Dålig belysning", 0);
    rig_close(g);
}

static void test_english(void)
{
    rig *g = rig_open("lang");
    app_start(g, LANG_SV);
    CHECK_SEEN(g, "Ny vandring", 1);
    tap(g, "In English");
    CHECK_SEEN(g, "New walk", 1);
    CHECK_SEEN(g, "Ny vandring", 0);
    CHECK_SEEN(g, "Sync", 1);
    CHECK_TEXT(g, "Safety walk", 1);
    tap(g, "New walk");
    CHECK_SEEN(g, "Dark", 1);
    CHECK_SEEN(g, "Start", 1);
    tap(g, "Start");
    tap(g, "Mark spot");
    CHECK_SEEN(g, "Poor lighting", 1);
    CHECK_SEEN(g, "Unsafe", 1);
    tap(g, "Poor lighting");
    tap(g, "Save");
    CHECK_SEEN(g, "Undo", 1);
    CHECK_TEXT(g, "Saved", 1);
    tap(g, "Back");
    tap(g, "På svenska");
    CHECK_SEEN(g, "Fortsätt vandring", 1);
    CHECK_SEEN(g, "Continue walk", 0);
    rig_close(g);
}

static void test_night_theme(void)
{
    rig *g = rig_open("night");
    app_start(g, LANG_SV);
    CHECK(scr_theme(&g->a) == &ui_theme_day);
    CHECK(g->ui->theme == &ui_theme_day);
    tap(g, "Ny vandring");
    tap(g, "Mörker");
    CHECK(scr_theme(&g->a) == &ui_theme_night);
    CHECK(g->ui->theme == &ui_theme_night);
    tap(g, "Dagsljus");
    CHECK(scr_theme(&g->a) == &ui_theme_day);
    CHECK(g->ui->theme == &ui_theme_day);
    tap(g, "Mörker");
    tap(g, "Starta");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK(g->ui->theme == &ui_theme_night); /* the walk is in the dark */
    walk w;
    err_t e;
    CHECK_INT(store_walk_get(g->st, g->a.cur.id, &w, &e), 1);
    CHECK_INT(w.light, LIGHT_DARK);
    mark(g, "Dålig belysning");
    CHECK(g->ui->theme == &ui_theme_night);
    tap(g, "Avsluta vandring");
    tap(g, "Ja, avsluta");
    /* the walker is still out in the dark: the ended walk's light stays */
    CHECK(g->ui->theme == &ui_theme_night);
    rig_close(g);
}

static void test_end_walk(void)
{
    rig *g = rig_open("end");
    app_start(g, LANG_SV);
    start_walk(g);
    char id[IDS_UUID_LEN + 1];
    snprintf(id, sizeof id, "%s", g->a.cur.id);
    mark(g, "Dålig belysning");
    mark(g, "Dålig belysning");
    mark(g, "Trygg plats");
    tap(g, "Avsluta vandring");
    CHECK_SCREEN(g, SCR_END);
    CHECK_TEXT(g, "Avsluta vandringen?", 1);
    CHECK_TEXT(g, "  2   Dålig belysning", 1);
    CHECK_TEXT(g, "  1   Trygg plats", 1);
    CHECK_TEXT(g, "Totalt 3 platser", 1);
    tap(g, "Fortsätt vandra");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK_INT(walk_open_in_store(g, NULL), 1);
    tap(g, "Avsluta vandring");
    tap(g, "Ja, avsluta");
    CHECK_SCREEN(g, SCR_START);
    CHECK_INT(walk_open_in_store(g, NULL), 0);
    walk w;
    err_t e;
    CHECK_INT(store_walk_get(g->st, id, &w, &e), 1);
    CHECK_INT(w.has_ended, 1);
    CHECK_TEXT(g, "Vandringen är avslutad", 1);
    CHECK_SEEN(g, "Ny vandring", 1);
    CHECK_SEEN(g, "Fortsätt vandring", 0);
    CHECK_SEEN(g, "Ångra", 0);
    CHECK_INT(stored_spots(g, id, 0)->n, 3); /* the spots stay */
    rig_close(g);
}

static void test_reopen_open_walk(void)
{
    rig *g = rig_open("reopen");
    err_t e;
    walk w = {.role = ROLE_VOLUNTEER, .light = LIGHT_DUSK};
    snprintf(w.title, sizeof w.title, "Kvällsvandring");
    CHECK_INT(store_walk_start(g->st, &w, &e), 0);
    spot p = {.lat = 59.7130, .lon = 14.1720, .source = SRC_MAP,
              .severity = 1};
    snprintf(p.category, sizeof p.category, "litter");
    CHECK_INT(store_spot_add(g->st, &p, &e), 0);
    app_start(g, LANG_SV);
    CHECK_SCREEN(g, SCR_START);
    CHECK_INT(g->a.walk_open, 1);
    CHECK_STR(g->a.cur.id, w.id);
    CHECK_SEEN(g, "Fortsätt vandring", 1);
    CHECK_SEEN(g, "Ny vandring", 0);
    tap(g, "Fortsätt vandring");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK_TEXT(g, "1 plats", 1);
    tap(g, "Lista");
    CHECK_SEEN(g, "1. Nedskräpning", 1);
    tap(g, "Tillbaka");
    /* the map opened on the walk's last spot: a new spot goes there */
    mark(g, "Nedskräpning");
    spot_list *l = stored_spots(g, w.id, 0);
    CHECK_INT(l->n, 2);
    if (l->n == 2) {
        CHECK_NEAR(l->v[0].lat, 59.7130, 1e-9);
        CHECK_NEAR(l->v[0].lon, 14.1720, 1e-9);
    }
    rig_close(g);
}

/* Next code point of valid UTF-8 at *s. */
static uint32_t next_cp(const char **s)
{
    uint32_t cp;
    *s += txt_utf8_next(*s, &cp);
    return cp;
}

/* Type s on the note screen by kbd_plan, one tap a key. */
static void type(rig *g, const char *s)
{
    while (*s) {
        const char *labels[4];
        uint32_t cp = next_cp(&s);
        int n = kbd_plan(&g->a.text, cp, labels, 4);
        th_checks++;
        if (n == 0)
            TH_FAIL("kbd_plan(U+%04X): got no keys, want at least 1",
                    (unsigned)cp);
        for (int i = 0; i < n; i++)
            tap(g, labels[i]);
    }
}

static void test_type_note(void)
{
    static const char NOTE[] = "Hej, åäö";
    rig *g = rig_open("note");
    app_start(g, LANG_SV);
    start_walk(g);
    tap(g, "Markera plats");
    tap(g, "Skymd sikt och gömställen");
    CHECK_TEXT(g, "(ingen anteckning)", 1);
    tap(g, "Anteckning");
    CHECK_SCREEN(g, SCR_NOTE);
    CHECK_SEEN(g, "Klar", 1);
    CHECK_SEEN(g, "Mellanslag", 1);
    type(g, NOTE);
    CHECK_STR(g->a.text.text, NOTE);
    CHECK_TEXT_PREFIX(g, NOTE); /* the field shows it (and a caret) */
    tap(g, "Klar");
    CHECK_SCREEN(g, SCR_MARK);
    CHECK_STR(g->a.form.p.note, NOTE);
    CHECK_TEXT(g, NOTE, 1);
    CHECK_SEEN(g, "Skymd sikt och gömställen", 1); /* the choice is kept */
    tap(g, "Spara");
    CHECK_SCREEN(g, SCR_WALK);
    spot_list *l = stored_spots(g, g->a.cur.id, 0);
    CHECK_INT(l->n, 1);
    if (l->n == 1) {
        CHECK_STR(l->v[0].note, NOTE);
        CHECK_STR(l->v[0].category, "sightline");
    }
    /* Avbryt on the keyboard leaves the note as it was */
    tap(g, "Lista");
    tap(g, "1. Skymd sikt och gömställen");
    tap(g, "Anteckning");
    CHECK_STR(g->a.text.text, NOTE);
    tap(g, "Radera");
    tap(g, "Avbryt");
    CHECK_SCREEN(g, SCR_MARK);
    CHECK_STR(g->a.form.p.note, NOTE);
    rig_close(g);
}

static void test_sync_default_folder(void)
{
    rig *g = rig_open("sync");
    app_start(g, LANG_SV);
    start_walk(g);
    mark(g, "Dålig belysning");
    mark(g, "Trafikfara");
    tap(g, "Tillbaka");
    tap(g, "Synka");
    CHECK_SCREEN(g, SCR_SYNC);
    tap(g, "Standardmapp");
    CHECK_TEXT(g, "1 vandring och 2 platser sparades i", 1);
    CHECK(strncmp(g->a.sync_path, g->sync_dir, strlen(g->sync_dir)) == 0);
    tap(g, "Standardmapp");
    CHECK_TEXT(g, "Inget nytt att synka.", 1);
    rig_close(g);
}

/* n spots of category code at the origin, straight into the store's open
 * walk; the app reloads its list. */
static void add_spots(rig *g, int n, const char *code, const char *note)
{
    err_t e;
    for (int i = 0; i < n; i++) {
        spot p = {.lat = MAP_ORIGIN_LAT, .lon = MAP_ORIGIN_LON,
                  .source = SRC_MAP, .severity = 2};
        snprintf(p.category, sizeof p.category, "%s", code);
        snprintf(p.note, sizeof p.note, "%s", note);
        if (store_spot_add(g->st, &p, &e))
            TH_FAIL("store_spot_add: %s", e.msg);
    }
    scr_reload_spots(&g->a);
}

/* Drag the list up by dy pixels from the middle of row "label". */
static void drag_list(rig *g, const char *label, int dy)
{
    ui_rect row;
    if (!find_one(g, label, &row))
        return;
    press_at(g, row.x + row.w / 2, row.y + row.h / 2);
    frame(g);
    g->ui->in.dy = -dy;
    g->ui->in.y -= dy;
    g->ui->in.dragged = 1;
    frame(g);
    release_here(g);
    frame(g);
    frame(g);
}

/* 1 when a list row ("N. ...") lies under the centre of widget "label",
 * visible or not: a row's seen rectangle is only its visible part, so it is
 * grown back to the row's full height (scr_list: 12 mm + 4 mm) from the
 * edge that was not clipped. */
static int row_covers(rig *g, const char *label)
{
    ui_rect w;
    int full = ui_target(g->ui) + ui_mm(g->ui, 4);
    if (ui_find(g->ui, label, &w) != 1)
        return 0;
    for (size_t i = 0; i < g->ui->n_seen; i++) {
        ui_rect r = g->ui->seen[i].r;
        if (!strstr(g->ui->seen[i].label, ". ") || r.h >= full)
            continue; /* not a row, or a row wholly in view */
        if (i == 0 || strstr(g->ui->seen[i - 1].label, ". ") == NULL)
            r.y = r.y + r.h - full; /* the first row: cut at its top */
        r.h = full;
        if (ui_inside(r, w.x + w.w / 2, w.y + w.h / 2))
            return 1;
    }
    return 0;
}

/* The list's rows are clipped to the list, and so must their taps be: a
 * row scrolled half under the header must not take a tap on Tillbaka.
 * Ångra is only on the walk screen (elsewhere it would undo a spot the
 * walker is not looking at), and it still undoes the newest spot there. */
static void test_list_rows_under_header_and_toast(void)
{
    rig *g = rig_open("overlap");
    app_start(g, LANG_SV);
    start_walk(g);
    add_spots(g, 10, "litter", "");
    mark(g, "Dålig belysning"); /* the 11th, with Sparat + Ångra */
    char newest[IDS_UUID_LEN + 1];
    snprintf(newest, sizeof newest, "%s", g->a.toast_spot);
    tap(g, "Lista");
    CHECK_SEEN(g, "Ångra", 0);
    int scrolled = -1; /* scroll until a row lies under Tillbaka */
    while (scrolled != g->a.list_scroll && !row_covers(g, "Tillbaka")) {
        scrolled = g->a.list_scroll;
        drag_list(g, "10. Nedskräpning", 5);
    }
    scrolled = g->a.list_scroll;
    CHECK_SCREEN(g, SCR_LIST); /* the drags opened nothing */
    CHECK(row_covers(g, "Tillbaka"));
    tap(g, "Tillbaka");
    th_checks++;
    if (g->a.screen != SCR_WALK)
        TH_FAIL("Tillbaka over a scrolled list row (scroll %d px): got "
                "screen %d, want %d (the walk)",
                scrolled, (int)g->a.screen, (int)SCR_WALK);
    tap(g, "Ångra");
    spot s;
    err_t e;
    CHECK_INT(store_spot_get(g->st, newest, &s, &e), 1);
    CHECK_INT(s.deleted, 1);
    rig_close(g);
}

/* Every text drawn and every label recorded is valid UTF-8 (the fonts
 * get them as UTF-8, scripts compare them): checked on the list, where a
 * row's second line quotes the start of a long note, and on the new-walk
 * form, whose title button is labelled with a long title. */
static void check_frame_utf8(rig *g, const char *where)
{
    const ui_ctx *ui = g->ui;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        if (ui->cmd[i].kind != UI_CMD_TEXT)
            continue;
        const char *t = ui->text + ui->cmd[i].text;
        size_t bad = 0;
        th_checks++;
        if (!txt_utf8_valid(t, strlen(t), &bad))
            TH_FAIL("%s: drawn text of %zu bytes is not valid UTF-8 at "
                    "byte %zu (\"...%s\"), want valid UTF-8",
                    where, strlen(t), bad, t + (bad > 8 ? bad - 8 : 0));
    }
    for (size_t i = 0; i < ui->n_seen; i++) {
        const char *t = ui->seen[i].label;
        size_t bad = 0;
        th_checks++;
        if (!txt_utf8_valid(t, strlen(t), &bad))
            TH_FAIL("%s: label of %zu bytes is not valid UTF-8 at byte %zu, "
                    "want valid UTF-8", where, strlen(t), bad);
    }
}

static void test_text_is_valid_utf8(void)
{
    rig *g = rig_open("utf8");
    app_start(g, LANG_SV);
    start_walk(g);
    char note[200];
    memset(note, 'x', 119); /* then å straddles byte 120 */
    snprintf(note + 119, sizeof note - 119, "åäö");
    add_spots(g, 1, "lighting", note);
    tap(g, "Lista");
    CHECK_SEEN(g, "1. Dålig belysning", 1);
    check_frame_utf8(g, "list row with a long note");
    tap(g, "Tillbaka");
    tap(g, "Avsluta vandring");
    tap(g, "Ja, avsluta");
    tap(g, "Ny vandring");
    char title[MODEL_TEXT_BYTES(MODEL_TITLE_MAX_CHARS)] = "";
    for (int i = 0; i < 60; i++)
        strcat(title, "å"); /* 120 bytes */
    snprintf(g->a.draft.title, sizeof g->a.draft.title, "%s", title);
    frame(g);
    check_frame_utf8(g, "new walk form with a 60-character title");
    rig_close(g);
}

int main(void)
{
    th_tmpdir(dir, "scr");
    test_three_taps_make_a_spot();
    test_toast_times_out();
    test_toast_across_clock_wrap();
    test_safe_place_has_no_severity();
    test_spara_without_category();
    test_edit_and_delete();
    test_english();
    test_night_theme();
    test_end_walk();
    test_reopen_open_walk();
    test_type_note();
    test_sync_default_folder();
    test_list_rows_under_header_and_toast();
    test_text_is_valid_utf8();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return th_report("test_scr");
}
