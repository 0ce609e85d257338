/* app: see app.h. */
#include "app.h"
#include "app_gps.h"
#include "app_stats.h"
#include "basemap.h"

#include "draw.h"
#include "gpsrc.h"
#include "input.h"
#include "kbd.h"
#include "paths.h"
#include "shot.h"
#include "scr.h"
#include "script.h"
#include "store.h"
#include "text.h"
#include "ui_theme.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_DPI 160.0f  /* Android's baseline, when the display is mute */

typedef struct app {
    SDL_Window *win;
    SDL_Renderer *ren;
    text_cache text;
    input_state input;
    ui_ctx *ui;
    store *st;
    scr_app scr;
    script *sc;
    SDL_sem *wake;      /* offscreen only: posted by every queued event */
    char sync_dir[4096];
    int dirty;
    app_stats stats;
    app_gps gps;
    basemap base;
    uint64_t input_at;  /* performance counter at the oldest input not yet
                           on screen, 0 when none */
} app;

static int sdl_fail(const char *what)
{
    fprintf(stderr, "trygg: %s: %s\n", what, SDL_GetError());
    return -1;
}

/* No display (a server, CI, ssh): SDL's offscreen driver, so scripts and
 * the demo run anyway. Offscreen, SDL's own software renderer draws into
 * the window's plain framebuffer; left alone, SDL would load Mesa's EGL
 * and software OpenGL for both, which costs start-up time and leaves
 * allocations that no SDL call frees. */
static void pick_video_driver(void)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (!drv && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        drv = "offscreen";
    }
    if (drv && strcmp(drv, "offscreen") == 0) {
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
}

static float display_px_per_mm(const app_opts *o)
{
    float dpi = o->dpi;
    const char *env = getenv("TRYGG_DPI");
    if (dpi <= 0 && env)
        dpi = strtof(env, NULL);
    if (dpi <= 0) {
        float ddpi = 0;
        if (SDL_GetDisplayDPI(0, &ddpi, NULL, NULL) != 0 || ddpi < 50)
            ddpi = DEFAULT_DPI;
        dpi = ddpi;
    }
    return dpi / 25.4f;
}

/* A phone-sized window (90 x 170 mm) on a real display, within its usable
 * area; 720 x 1280 offscreen, the size scripts and benchmarks assume. */
static void window_size(const app_opts *o, float ppm, int *w, int *h)
{
    SDL_Rect usable;
    const char *drv = SDL_GetCurrentVideoDriver();
    *w = o->w > 0 ? o->w : 720;
    *h = o->h > 0 ? o->h : 1280;
    if (o->w > 0 || (drv && strcmp(drv, "offscreen") == 0) ||
        SDL_GetDisplayUsableBounds(0, &usable) != 0)
        return;
    *w = (int)(90 * ppm);
    *h = (int)(170 * ppm);
    if (*h > usable.h * 9 / 10) {
        *w = *w * (usable.h * 9 / 10) / *h;
        *h = usable.h * 9 / 10;
    }
}

static int open_window(app *a, const app_opts *o)
{
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "1"); /* one input path */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return sdl_fail("cannot start SDL video");
    if (TTF_Init() != 0)
        return sdl_fail("cannot start SDL_ttf");
    int w, h;
    window_size(o, display_px_per_mm(o), &w, &h);
    a->win = SDL_CreateWindow("trygg", SDL_WINDOWPOS_UNDEFINED,
                              SDL_WINDOWPOS_UNDEFINED, w, h,
                              SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!a->win)
        return sdl_fail("cannot open a window");
    a->ren = SDL_CreateRenderer(a->win, -1, 0);
    if (!a->ren)
        return sdl_fail("cannot create a renderer");
    return 0;
}

static int output_size(app *a, int *w, int *h)
{
    return SDL_GetRendererOutputSize(a->ren, w, h);
}

static int open_ui(app *a, const app_opts *o)
{
    err_t e;
    int w, h;
    if (output_size(a, &w, &h))
        return sdl_fail("cannot read the window size");
    a->ui = calloc(1, sizeof *a->ui);
    if (!a->ui)
        return fprintf(stderr, "trygg: out of memory\n"), -1;
    ui_init(a->ui, display_px_per_mm(o), w, h, &ui_theme_day);
    a->ui->in.pinch = 1.0f;
    input_init(&a->input, ui_mm(a->ui, 3));
    if (text_open(&a->text, a->ren, o->font, a->ui->text_px, &e)) {
        fprintf(stderr, "trygg: %s\n", e.msg);
        return -1;
    }
    return 0;
}

/* The installed base map (trygg map install), else the built-in one of
 * the centre. A broken installed map is told on screen, and the built-in
 * one drawn. */
static void load_base(app *a)
{
    err_t e;
    char path[4096];
    if (paths_default_map(path, sizeof path, &e) == 0 &&
        access(path, F_OK) == 0 &&
        basemap_load(&a->base, path, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, &e) == 0) {
        a->scr.base = &a->base;
        return;
    }
    if (access(path, F_OK) == 0)
        scr_error(&a->scr, "the installed base map cannot be used", &e);
    if (basemap_load_default(&a->base, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, &e))
        fprintf(stderr, "trygg: built-in base map: %s\n", e.msg);
    else
        a->scr.base = &a->base;
}

static int open_data(app *a, const app_opts *o)
{
    err_t e;
    char db[4096];
    const char *path = o->db_path;
    if (!path && paths_default_db(db, sizeof db, &e) == 0)
        path = db;
    if (!path)
        return fprintf(stderr, "trygg: %s\n", e.msg), -1;
    err_t why;
    int rc = store_open(&a->st, path, NULL, &why);
    if (rc && rc != STORE_DAMAGED)
        return fprintf(stderr, "trygg: %s\n", why.msg), -1;
    if (o->sync_dir)
        snprintf(a->sync_dir, sizeof a->sync_dir, "%s", o->sync_dir);
    else if (paths_default_sync(a->sync_dir, sizeof a->sync_dir, &e))
        return fprintf(stderr, "trygg: %s\n", e.msg), -1;
    ui_lang lang = o->lang && strcmp(o->lang, "en") == 0 ? LANG_EN : LANG_SV;
    if (rc == STORE_DAMAGED) {
        /* Not the end: the walker can still rescue what the file holds. */
        fprintf(stderr, "trygg: %s\n", why.msg);
        scr_init_damaged(&a->scr, path, why.msg, a->sync_dir, o->version,
                         lang);
        return 0;
    }
    if (scr_init(&a->scr, a->st, a->sync_dir, o->version, lang, &e))
        return fprintf(stderr, "trygg: %s\n", e.msg), -1;
    load_base(a);
    return 0;
}

static void set_clocks(app *a)
{
    a->scr.now_ms = SDL_GetTicks();
    a->scr.mono_ms = gpsrc_now_ms();
}

/* After a wait with no event: is something timed due now? (The wait may
 * also end early, for signals, with nothing due.) */
static int timer_due(app *a)
{
    set_clocks(a);
    return scr_wake_ms(&a->scr) == 0;
}

/* One UI frame: the screens see the input of one event (or none). */
static void run_frame(app *a)
{
    set_clocks(a);
    a->stats.frames++;
    ui_begin(a->ui);
    scr_frame(&a->scr, a->ui);
    ui_end(a->ui);
    a->dirty = 1;
}

static int present(app *a)
{
    if (draw_frame(a->ren, &a->text, a->ui))
        fprintf(stderr, "trygg: drawing failed: %s\n", SDL_GetError());
    SDL_RenderPresent(a->ren);
    a->dirty = 0;
    stats_presented(&a->stats);
    if (a->input_at) {
        double ms = (double)(SDL_GetPerformanceCounter() - a->input_at) *
                    1000.0 / (double)SDL_GetPerformanceFrequency();
        stats_latency(&a->stats, ms);
        a->input_at = 0;
    }
    return 0;
}

static void resized(app *a)
{
    int w, h;
    if (output_size(a, &w, &h) == 0) {
        a->ui->w = w;
        a->ui->h = h;
    }
}

/* Handle one event; returns 1 when the app should end. */
static int handle(app *a, const SDL_Event *ev)
{
    if (ev->type == SDL_QUIT)
        return 1;
    if (ev->type == SDL_WINDOWEVENT) {
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            resized(a);
        if (ev->window.event != SDL_WINDOWEVENT_MOVED)
            run_frame(a); /* exposed, resized, shown: draw again */
        return 0;
    }
    int redraw = 0;
    if (app_gps_handle(&a->gps, ev, &a->scr, &redraw)) {
        if (redraw)
            run_frame(a);
        return 0;
    }
    if (!a->input_at)
        a->input_at = SDL_GetPerformanceCounter();
    if (input_event(&a->input, ev, &a->ui->in, a->ui->w, a->ui->h)) {
        /* An immediate-mode frame acts on a tap while it draws; a second
         * frame, without the tap, draws what the tap led to (the next
         * screen), so what is presented is never a frame behind. */
        run_frame(a);
        run_frame(a);
    }
    return a->scr.quit;
}

/* ---- the script's view of the app ---- */

static int host_find(void *ctx, const char *label, ui_rect *r)
{
    app *a = ctx;
    return ui_find(a->ui, label, r);
}

static int host_plan(void *ctx, uint32_t cp, const char **labels, int max)
{
    app *a = ctx;
    if (a->scr.screen != SCR_NOTE)
        return 0;
    return kbd_plan(&a->scr.text, cp, labels, max);
}

static int host_shot(void *ctx, const char *path, err_t *e)
{
    app *a = ctx;
    int w = a->ui->w, h = a->ui->h;
    uint8_t *px = malloc((size_t)w * (size_t)h * 4);
    if (!px)
        return err_set(e, "out of memory for a screenshot");
    draw_frame(a->ren, &a->text, a->ui); /* the frame now on screen */
    int rc = SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGBA32, px,
                                  w * 4);
    if (rc != 0)
        err_set(e, "cannot read the screen: %s", SDL_GetError());
    else
        rc = shot_write_png(path, px, w, h, w * 4, e);
    free(px);
    return rc;
}

static script_host make_host(app *a)
{
    return (script_host){.ctx = a, .find = host_find, .kbd_plan = host_plan,
                         .shot = host_shot, .w = a->ui->w, .h = a->ui->h,
                         .window_id = SDL_GetWindowID(a->win)};
}

/* After a presented frame with an empty queue: the script's next step.
 * Returns 1 to end the app, -1 for a failed step; *wait_ms as SDL waits. */
static int script_turn(app *a, int *wait_ms)
{
    err_t e;
    uint32_t ms = 0;
    script_host h = make_host(a);
    switch (script_next(a->sc, &h, SDL_GetTicks(), &ms, &e)) {
    case SCRIPT_RUN: *wait_ms = 0; return 0;
    case SCRIPT_WAIT: *wait_ms = ms > 0x7fffffff ? 0x7fffffff : (int)ms; return 0;
    case SCRIPT_DONE: return 1;
    default: fprintf(stderr, "trygg: %s\n", e.msg); return -1;
    }
}

/* How long SDL may sleep: until the next event, a toast to hide, or the
 * script's wait; -1 is "until an event". */
static int sleep_ms(app *a, int script_ms)
{
    uint32_t toast = scr_wake_ms(&a->scr);
    int ms = toast == UINT32_MAX ? -1 : (int)(toast > 60000 ? 60000 : toast);
    if (script_ms >= 0 && (ms < 0 || script_ms < ms))
        ms = script_ms;
    return ms;
}

/* SDL_WaitEvent sleeps in the OS on real video drivers (X11, Wayland),
 * but drivers without an event source (offscreen) fall back to a 1 ms
 * polling loop. There every event is pushed by us (script, timers), so a
 * semaphore that an event watch posts lets the app sleep for real. */
static int SDLCALL post_wake(void *sem, SDL_Event *ev)
{
    if (ev->type != SDL_POLLSENTINEL) /* SDL's own mark, every poll */
        SDL_SemPost(sem);
    return 0;
}

static int setup_wake(app *a)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!drv || (strcmp(drv, "offscreen") && strcmp(drv, "dummy")))
        return 0;
    if (!a->sc) { /* nobody could see or touch it */
        fprintf(stderr, "trygg: no display to open a window on (DISPLAY "
                "and WAYLAND_DISPLAY are unset or unusable); give a script "
                "with --script FILE, or run platform/setup/run-app.sh for "
                "the demo\n");
        return -1;
    }
    if (!(a->wake = SDL_CreateSemaphore(0)))
        return sdl_fail("cannot create a semaphore");
    SDL_AddEventWatch(post_wake, a->wake);
    return 0;
}

static int wait_event(app *a, SDL_Event *ev, int ms)
{
    if (!a->wake)
        return ms < 0 ? SDL_WaitEvent(ev) : SDL_WaitEventTimeout(ev, ms);
    if (SDL_PollEvent(ev))
        return 1;
    /* SIGINT and SIGTERM reach SDL as a flag that only a pump turns into
     * SDL_QUIT: so wake at least once a second to let it. */
    SDL_SemWaitTimeout(a->wake, ms < 0 || ms > 1000 ? 1000 : (Uint32)ms);
    return SDL_PollEvent(ev);
}

static int loop(app *a)
{
    SDL_Event ev;
    int script_ms = -1;
    run_frame(a);
    for (;;) {
        while (SDL_PollEvent(&ev))
            if (handle(a, &ev))
                return 0;
        if (a->dirty)
            present(a);
        if (a->sc) {
            int end = script_turn(a, &script_ms);
            if (end)
                return end < 0 ? 1 : 0;
            if (script_ms == 0)
                continue; /* events were pushed: handle them first */
        }
        int ms = sleep_ms(a, a->sc ? script_ms : -1);
        int got = wait_event(a, &ev, ms);
        if (got && handle(a, &ev))
            return 0;
        if (!got && timer_due(a))
            run_frame(a); /* a toast ran out, a fix turned stale */
    }
}

static void close_all(app *a)
{
    if (getenv("TRYGG_STATS")) {
        a->stats.text_renders = a->text.renders;
        stats_print(&a->stats, stderr);
    }
    app_gps_stop(&a->gps);
    basemap_free(&a->base);
    if (a->wake) {
        SDL_DelEventWatch(post_wake, a->wake);
        SDL_DestroySemaphore(a->wake);
    }
    script_free(a->sc);
    scr_free(&a->scr);
    store_close(a->st);
    text_close(&a->text);
    free(a->ui);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

/* The database opens (and is checked) on a thread of its own while SDL
 * and the fonts start: the two take about as long, and a walker waits for
 * the longer of them, not for both. They touch different fields of app. */
typedef struct data_job {
    app *a;
    const app_opts *o;
    int rc;
} data_job;

static int SDLCALL data_thread(void *p)
{
    data_job *j = p;
    j->rc = open_data(j->a, j->o);
    return 0;
}

static int open_all(app *a, const app_opts *o)
{
    data_job job = {a, o, -1};
    pick_video_driver(); /* before the thread: it may set the environment */
    SDL_Thread *t = SDL_CreateThread(data_thread, "trygg-data", &job);
    if (!t)
        job.rc = open_data(a, o); /* no thread: the same work, in turn */
    int ui_rc = open_window(a, o) || open_ui(a, o) ? -1 : 0;
    if (t)
        SDL_WaitThread(t, NULL);
    if (job.rc || ui_rc || setup_wake(a))
        return -1;
    err_t e;
    if (app_gps_start(&a->gps, o, &a->scr, &e)) {
        fprintf(stderr, "trygg: %s\n", e.msg);
        return -1;
    }
    return 0;
}

int app_run(const app_opts *o)
{
    app a = {0};
    err_t e;
    int rc = 1;
    if (o->script && script_load(&a.sc, o->script, &e)) {
        fprintf(stderr, "trygg: %s\n", e.msg);
        return 1;
    }
    if (open_all(&a, o) == 0)
        rc = loop(&a);
    close_all(&a);
    return rc;
}
