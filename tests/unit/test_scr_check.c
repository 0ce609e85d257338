/*
 * test_scr_check: follow-up on the device's screens (scr_check.c, the
 * walk screen's follow-up markers and line, the sync screen's Hämta
 * uppföljning), driven without SDL as a finger would, against real SQLite
 * stores in a temp folder. A frame is ui_begin, scr_frame, ui_end; tap
 * presses at the centre of the one widget with a label (the map names
 * its follow-up markers "Uppföljning N: category"), releases in the next
 * frame, and draws one more.
 *
 * Checks: the walk screen draws the follow-up markers (diamonds in the
 * follow-up ink, not the discs of the walk's spots) and says how many are
 * left, and says nothing when there is no list; a tap on one opens the
 * answer screen with category, severity, when it was found, the
 * municipality's status and comment; Tillbaka stores nothing; Kvar stores
 * a `still` answer on the open walk, Åtgärdat a `fixed` one (read back
 * with store_check_each), each back on the walk screen with Sparat, and
 * the answered marker shows its check mark; the earlier answer shows on
 * the answer screen; English and the night theme; Hämta uppföljning with
 * no list, a real list written by followup_write at a "municipality", the
 * same list again, and an unreadable place.
 */
#include "followup.h"
#include "scr.h"
#include "store.h"
#include "testhelp.h"
#include "ui.h"
#include "ui_theme.h"

#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#define DPI_160 (160.0f / 25.4f)
#define WIN_W 720
#define WIN_H 1280
#define T_FOUND 1795199400   /* 2026-11-20T18:30:00Z */
#define T_NOW 1795545000     /* 2026-11-24T18:30:00Z */
#define MAX_CHECKS 16

static char dir[256];

typedef struct rig {
    store *st;
    ui_ctx *ui;      /* heap: the command lists are large */
    scr_app a;
    int64_t clock;   /* the store's clock, seconds */
    char sync_dir[512];
} rig;

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

static store *open_store(const char *name, int64_t *clock)
{
    char path[600];
    err_t e;
    store *st;
    store_opts o = {fake_now, clock};
    snprintf(path, sizeof path, "%s/%s.sqlite", dir, name);
    if (store_open(&st, path, &o, &e)) {
        fprintf(stderr, "store_open %s: %s\n", path, e.msg);
        exit(2);
    }
    return st;
}

static void frame(rig *g)
{
    ui_begin(g->ui);
    scr_frame(&g->a, g->ui);
    ui_end(g->ui);
}

static rig *rig_open(const char *name)
{
    rig *g = xcalloc(sizeof *g);
    g->clock = T_NOW;
    g->st = open_store(name, &g->clock);
    snprintf(g->sync_dir, sizeof g->sync_dir, "%s/%s-sync", dir, name);
    g->ui = xcalloc(sizeof *g->ui);
    ui_init(g->ui, DPI_160, WIN_W, WIN_H, &ui_theme_day);
    g->ui->in.pinch = 1.0f;
    return g;
}

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

static void tap_at(rig *g, int x, int y)
{
    g->ui->in = (ui_input){.x = x, .y = y, .down = 1, .pressed = 1,
                           .pinch = 1.0f};
    frame(g);
    g->ui->in.down = 0;
    g->ui->in.released = 1;
    frame(g);
    frame(g);
}

static int tap(rig *g, const char *label)
{
    ui_rect r;
    if (!find_one(g, label, &r))
        return 0;
    tap_at(g, r.x + r.w / 2, r.y + r.h / 2);
    return 1;
}

/* How many text commands say exactly s. */
static int texts(const rig *g, const char *s)
{
    int n = 0;
    for (size_t i = 0; i < g->ui->n_cmd; i++)
        n += g->ui->cmd[i].kind == UI_CMD_TEXT &&
             strcmp(g->ui->text + g->ui->cmd[i].text, s) == 0;
    return n;
}

#define CHECK_TEXT(g, s, want)                                                 \
    do {                                                                       \
        int h_ = texts((g), (s)), w_ = (want);                                 \
        th_checks++;                                                           \
        if (h_ != w_) {                                                        \
            TH_FAIL("text \"%s\": got %d drawn, want %d", (s), h_, w_);        \
            dump_texts(g);                                                     \
        }                                                                      \
    } while (0)

#define CHECK_SCREEN(g, want) CHECK_INT((g)->a.screen, (want))

static int same_color(ui_color a, ui_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* Drawn commands of a kind and colour. */
static int cmds(const rig *g, ui_cmd_kind kind, ui_color c)
{
    int n = 0;
    for (size_t i = 0; i < g->ui->n_cmd; i++)
        n += g->ui->cmd[i].kind == kind && same_color(g->ui->cmd[i].color, c);
    return n;
}

/* ---- the device's follow-up list, put straight into the store ---- */

static followup_spot fu_spot(const char *id, double lat, double lon,
                             const char *code, int severity,
                             model_status status, const char *comment)
{
    followup_spot f = {.walked_on = T_FOUND, .lat = lat, .lon = lon,
                       .severity = severity, .status = status,
                       .status_at = status == STATUS_OPEN ? 0 : T_FOUND + 86400};
    snprintf(f.spot_id, sizeof f.spot_id, "%s", id);
    snprintf(f.category, sizeof f.category, "%s", code);
    snprintf(f.comment, sizeof f.comment, "%s", comment);
    return f;
}

/* Three spots near the map's start view, in spot_id order (they share a
 * walk, so that is the list's order): lighting, traffic, vegetation. */
static void put_list(store *st)
{
    err_t e;
    const followup_spot v[] = {
        fu_spot("10000000-0000-4000-8000-000000000001", 59.7125, 14.170833,
                "lighting", 3, STATUS_PLANNED, "Ny lampa i vår"),
        fu_spot("20000000-0000-4000-8000-000000000002", 59.7130, 14.1720,
                "traffic", 2, STATUS_OPEN, ""),
        fu_spot("30000000-0000-4000-8000-000000000003", 59.7119, 14.1695,
                "vegetation", 1, STATUS_OPEN, ""),
    };
    int rc = store_begin_write(st, &e);
    rc = rc ? rc : store_followup_clear(st, &e);
    for (size_t i = 0; i < 3 && !rc; i++)
        rc = store_followup_put(st, &v[i], &e);
    rc = rc ? rc : store_commit(st, &e);
    if (rc) {
        fprintf(stderr, "putting the follow-up list: %s\n", e.msg);
        exit(2);
    }
}

typedef struct check_list {
    spot_check v[MAX_CHECKS];
    int n;
} check_list;

static int keep_check(void *ctx, const spot_check *c)
{
    check_list *l = ctx;
    if (l->n < MAX_CHECKS)
        l->v[l->n++] = *c;
    return 0;
}

static check_list *stored_checks(rig *g)
{
    static check_list l;
    err_t e;
    l.n = 0;
    int rc = store_check_each(g->st, NULL, keep_check, &l, &e);
    if (rc)
        TH_FAIL("store_check_each: got %d (%s), want 0", rc, e.msg);
    th_checks++;
    return &l;
}

static void start_walk(rig *g, const char *light)
{
    tap(g, g->a.lang == LANG_EN ? "New walk" : "Ny vandring");
    if (light)
        tap(g, light);
    tap(g, g->a.lang == LANG_EN ? "Start" : "Starta");
    CHECK_SCREEN(g, SCR_WALK);
}

/* ---- tests ---- */

#define FU1 "Uppföljning 1: Dålig belysning"
#define FU2 "Uppföljning 2: Trafikfara"
#define FU3 "Uppföljning 3: Buskar och träd skymmer"

static void test_walk_screen_markers(void)
{
    rig *g = rig_open("markers");
    put_list(g->st);
    app_start(g, LANG_SV);
    start_walk(g, NULL);
    CHECK_INT(g->a.n_fu, 3);
    CHECK_TEXT(g, "Uppföljning: 3 kvar att titta på", 1);
    CHECK_SEEN(g, FU1, 1);
    CHECK_SEEN(g, FU2, 1);
    CHECK_SEEN(g, FU3, 1);
    /* three diamonds in the follow-up ink and three "?"; no disc, since
     * the walk has no spots of its own yet */
    const ui_theme *t = &ui_theme_day;
    CHECK_INT(cmds(g, UI_CMD_TRIS, t->followup_ink), 3);
    CHECK_INT(cmds(g, UI_CMD_TEXT, t->followup_ink), 3);
    CHECK_INT(cmds(g, UI_CMD_CIRCLE, t->map_ink), 0);
    /* a spot of the walk is a disc in the spot markers' ink */
    tap(g, "Markera plats");
    tap(g, "Nedskräpning");
    tap(g, "Spara");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK_INT(cmds(g, UI_CMD_CIRCLE, t->map_ink), 1);
    CHECK_INT(cmds(g, UI_CMD_TRIS, t->followup_ink), 3);
    CHECK_TEXT(g, "Uppföljning: 3 kvar att titta på", 1);
    rig_close(g);
}

static void test_no_list_no_line(void)
{
    rig *g = rig_open("nolist");
    app_start(g, LANG_SV);
    start_walk(g, NULL);
    CHECK_INT(g->a.n_fu, 0);
    CHECK_INT(cmds(g, UI_CMD_TRIS, ui_theme_day.followup_ink), 0);
    for (size_t i = 0; i < g->ui->n_cmd; i++) {
        const ui_cmd *k = &g->ui->cmd[i];
        th_checks++;
        if (k->kind == UI_CMD_TEXT &&
            strncmp(g->ui->text + k->text, "Uppföljning", 12) == 0)
            TH_FAIL("text \"%s\": got drawn, want no follow-up line",
                    g->ui->text + k->text);
    }
    rig_close(g);
}

static void test_answer_screen_and_back(void)
{
    rig *g = rig_open("back");
    put_list(g->st);
    app_start(g, LANG_SV);
    start_walk(g, NULL);
    tap(g, FU1);
    CHECK_SCREEN(g, SCR_CHECK);
    CHECK_TEXT(g, "Uppföljning", 1);
    CHECK_TEXT(g, "Dålig belysning", 1);
    CHECK_TEXT(g, "Mycket otryggt", 1);
    CHECK_TEXT(g, "Hittad 2026-11-20", 1);
    CHECK_TEXT(g, "Kommunen: Planerad", 1);
    CHECK_TEXT(g, "Ny lampa i vår", 1);
    CHECK_SEEN(g, "Kvar", 1);
    CHECK_SEEN(g, "Åtgärdat", 1);
    ui_rect r;
    if (find_one(g, "Kvar", &r)) /* big enough for cold fingers */
        CHECK(r.h >= ui_target(g->ui) && r.w >= ui_target(g->ui));
    tap(g, "Tillbaka");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK_INT(stored_checks(g)->n, 0);
    CHECK_TEXT(g, "Uppföljning: 3 kvar att titta på", 1);
    tap(g, FU2);
    CHECK_TEXT(g, "Trafikfara", 1);
    CHECK_TEXT(g, "Otryggt", 1);
    CHECK_TEXT(g, "Kommunen: Öppen", 1);
    rig_close(g);
}

static void check_answer(const spot_check *c, const char *spot_id,
                         model_answer want, const char *walk_id)
{
    CHECK_STR(c->spot_id, spot_id);
    CHECK_INT(c->answer, want);
    CHECK_STR(c->walk_id, walk_id);
    CHECK(c->answered_at >= T_NOW);
}

static void test_answers_are_stored(void)
{
    rig *g = rig_open("answer");
    put_list(g->st);
    app_start(g, LANG_SV);
    start_walk(g, NULL);
    tap(g, FU1);
    tap(g, "Kvar");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK_TEXT(g, "Sparat", 1);
    CHECK_SEEN(g, "Ångra", 0); /* an answer is never taken back */
    CHECK_TEXT(g, "Uppföljning: 2 kvar att titta på", 1);
    check_list *l = stored_checks(g);
    CHECK_INT(l->n, 1);
    if (l->n == 1)
        check_answer(&l->v[0], "10000000-0000-4000-8000-000000000001",
                     ANSWER_STILL, g->a.cur.id);
    /* the answered marker: a check mark (two ink strokes), one "?" less */
    CHECK_INT(cmds(g, UI_CMD_TEXT, ui_theme_day.followup_ink), 2);
    CHECK_INT(g->a.fu[0].has_answer, 1);
    tap(g, FU2);
    tap(g, "Åtgärdat");
    CHECK_SCREEN(g, SCR_WALK);
    CHECK_TEXT(g, "Uppföljning: 1 kvar att titta på", 1);
    l = stored_checks(g);
    CHECK_INT(l->n, 2);
    if (l->n == 2)
        check_answer(&l->v[1], "20000000-0000-4000-8000-000000000002",
                     ANSWER_FIXED, g->a.cur.id);
    CHECK_INT(cmds(g, UI_CMD_TEXT, ui_theme_day.followup_ink), 1);
    /* the earlier answer shows; a second answer is a new record */
    tap(g, FU1);
    char line[128], when[32];
    time_t t = (time_t)l->v[0].answered_at;
    struct tm lt;
    gmtime_r(&t, &lt); /* TZ is UTC here */
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &lt);
    snprintf(line, sizeof line, "Svar härifrån %s: Kvar", when);
    CHECK_TEXT(g, line, 1);
    tap(g, "Åtgärdat");
    CHECK_INT(stored_checks(g)->n, 3);
    tap(g, FU3);
    tap(g, "Kvar");
    CHECK_TEXT(g, "Uppföljning: alla är besvarade", 1);
    CHECK_INT(cmds(g, UI_CMD_TEXT, ui_theme_day.followup_ink), 0);
    /* the app started again reads the answers back from the store */
    app_start(g, LANG_SV);
    tap(g, "Fortsätt vandring");
    CHECK_TEXT(g, "Uppföljning: alla är besvarade", 1);
    rig_close(g);
}

static void test_english_and_night(void)
{
    rig *g = rig_open("en");
    put_list(g->st);
    app_start(g, LANG_EN);
    start_walk(g, "Dark");
    CHECK(g->ui->theme == &ui_theme_night);
    CHECK_TEXT(g, "Follow-up: 3 left to look at", 1);
    CHECK_INT(cmds(g, UI_CMD_TRIS, ui_theme_night.followup_ink), 3);
    CHECK_INT(cmds(g, UI_CMD_TRIS, ui_theme_day.followup_ink), 0);
    tap(g, "Follow-up 1: Poor lighting");
    CHECK_SCREEN(g, SCR_CHECK);
    CHECK(g->ui->theme == &ui_theme_night);
    CHECK_TEXT(g, "Follow-up", 1);
    CHECK_TEXT(g, "Found 2026-11-20", 1);
    CHECK_TEXT(g, "Very unsafe", 1);
    CHECK_TEXT(g, "The municipality: Planned", 1);
    CHECK_SEEN(g, "Still a problem", 1);
    CHECK_SEEN(g, "Fixed", 1);
    tap(g, "Fixed");
    CHECK_TEXT(g, "Saved", 1);
    check_list *l = stored_checks(g);
    CHECK_INT(l->n, 1);
    CHECK_INT(l->n ? (int)l->v[0].answer : 0, ANSWER_FIXED);
    tap(g, "Follow-up 2: Traffic hazard");
    CHECK_TEXT(g, "The municipality: Open", 1);
    rig_close(g);
}

/* ---- Hämta uppföljning ---- */

/* A "municipality" with one walk of three spots, two still open (one of
 * them planned, one safe place that is never followed up, one fixed):
 * its follow-up bundle written into out_dir. */
static void municipal_bundle(const char *out_dir, int64_t *clock)
{
    err_t e;
    store *m = open_store("muni", clock);
    walk w = {.role = ROLE_STAFF, .light = LIGHT_DARK};
    int rc = store_walk_start(m, &w, &e);
    spot p[4] = {{.lat = 59.7125, .lon = 14.170833, .source = SRC_MAP,
                  .severity = 3, .category = "lighting"},
                 {.lat = 59.7130, .lon = 14.1720, .source = SRC_MAP,
                  .severity = 2, .category = "traffic"},
                 {.lat = 59.7128, .lon = 14.1710, .source = SRC_MAP,
                  .category = "safe"},
                 {.lat = 59.7120, .lon = 14.1700, .source = SRC_MAP,
                  .severity = 1, .category = "litter"}};
    for (int i = 0; i < 4 && !rc; i++)
        rc = store_spot_add(m, &p[i], &e);
    rc = rc ? rc : store_walk_end(m, w.id, &e);
    rc = rc ? rc : store_status_set(m, p[1].id, STATUS_PLANNED, "Nästa år",
                                    NULL, &e);
    rc = rc ? rc : store_status_set(m, p[3].id, STATUS_FIXED, "", NULL, &e);
    followup_result res;
    rc = rc ? rc : mkdir(out_dir, 0755);
    rc = rc ? rc : followup_write(m, out_dir, 0, "test", &res, &e);
    if (rc)
        TH_FAIL("making a follow-up bundle: %s", e.msg);
    th_checks++;
    CHECK_INT(rc ? -1 : res.n_spots, 2);
    store_close(m);
}

static void test_fetch(void)
{
    rig *g = rig_open("fetch");
    app_start(g, LANG_SV);
    tap(g, "Synka");
    CHECK_SCREEN(g, SCR_SYNC);
    CHECK_SEEN(g, "Hämta uppföljning", 1);
    /* no list anywhere (the default folder does not exist yet) */
    tap(g, "Hämta uppföljning");
    char want[1024];
    snprintf(want, sizeof want, "Ingen uppföljningslista hittades i %s",
             g->sync_dir);
    th_checks++;
    if (strncmp(g->a.fu_msg, want, strlen(want)) != 0)
        TH_FAIL("fu_msg: got \"%s\", want \"%s...\"", g->a.fu_msg, want);
    CHECK_TEXT(g, g->a.fu_msg, 1);
    CHECK_INT(g->a.n_fu, 0);
    /* the municipality's list in the default folder */
    municipal_bundle(g->sync_dir, &g->clock);
    tap(g, "Hämta uppföljning");
    CHECK_STR(g->a.fu_msg, "2 platser att följa upp, lista från 2026-11-24");
    CHECK_TEXT(g, g->a.fu_msg, 1);
    CHECK_INT(g->a.n_fu, 2);
    CHECK_INT(g->a.fu_left, 2);
    tap(g, "Hämta uppföljning");
    CHECK_STR(g->a.fu_msg, "Listan här är redan den senaste (från 2026-11-24).");
    CHECK_INT(g->a.n_fu, 2);
    /* and the walk screen shows them */
    tap(g, "Tillbaka");
    start_walk(g, NULL);
    CHECK_TEXT(g, "Uppföljning: 2 kvar att titta på", 1);
    /* one walk: the list is in spot_id order, which is random here */
    char lighting[64], traffic[64];
    int k = strcmp(g->a.fu[0].category, "traffic") == 0;
    snprintf(lighting, sizeof lighting, "Uppföljning %d: Dålig belysning",
             k + 1);
    snprintf(traffic, sizeof traffic, "Uppföljning %d: Trafikfara", 2 - k);
    CHECK_SEEN(g, lighting, 1);
    CHECK_SEEN(g, traffic, 1);
    tap(g, traffic);
    CHECK_TEXT(g, "Kommunen: Planerad", 1);
    CHECK_TEXT(g, "Nästa år", 1);
    CHECK_TEXT(g, "Hittad 2026-11-24", 1);
    rig_close(g);
}

/* A place that is not a folder: the error's message, nothing imported. */
static void test_fetch_error(void)
{
    rig *g = rig_open("fetcherr");
    FILE *f = fopen(g->sync_dir, "w"); /* a file where the folder goes */
    CHECK(f != NULL);
    if (f)
        fclose(f);
    app_start(g, LANG_SV);
    tap(g, "Synka");
    tap(g, "Hämta uppföljning");
    th_checks++;
    if (strncmp(g->a.fu_msg, "Det gick inte: ", 15) != 0 ||
        !strstr(g->a.fu_msg, g->sync_dir))
        TH_FAIL("fu_msg: got \"%s\", want \"Det gick inte: ...%s...\"",
                g->a.fu_msg, g->sync_dir);
    CHECK_INT(g->a.n_fu, 0);
    rig_close(g);
}

int main(void)
{
    setenv("TZ", "UTC", 1); /* dates on screen are local dates */
    tzset();
    th_tmpdir(dir, "scrcheck");
    test_walk_screen_markers();
    test_no_list_no_line();
    test_answer_screen_and_back();
    test_answers_are_stored();
    test_english_and_night();
    test_fetch();
    test_fetch_error();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return th_report("test_scr_check");
}
