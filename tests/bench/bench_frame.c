/*
 * bench_frame: what one frame of the walk screen costs on SDL's software
 * renderer at 720x1280, with 10,000 spots and a detailed base map: the
 * screen's frame (header, GPS line, buttons), map_draw with the base map,
 * GPS trail and dot and every spot, ui_end, draw_frame and
 * SDL_RenderPresent, timed with SDL_GetPerformanceCounter.
 *
 *   bench_frame [--font FILE] [--shot DIR] [FRAMES]   (default 300 frames)
 *
 * --shot saves the last frame of each view as DIR/frame-K.png, and one of
 * the start view in the night theme, for a person to look at.
 *
 * The base map is made here (no file, no basemap.c): a street grid turned
 * 12 degrees (so roads are diagonal on screen, as real ones are) split
 * into blocks, curved paths, blocks of buildings, parks, a lake cut into a
 * fan of slivers (as ear clipping leaves them), a river, and named
 * landmarks. Spots: half spread evenly over 2 x 2 km, half in 30 hot spots,
 * in the 16 category colours. The frames go through four views in turn,
 * each panning a little every frame: close (9.6 px/m), the app's start
 * zoom (2.4 px/m, 300 m across), the quarter (1.2 km across) and the
 * whole area (2.4 km across, every spot in a cluster). Ten untimed frames
 * first rasterise the labels once (the text cache); the first frame's time
 * is printed apart.
 *
 * Prints per view and overall p50, p95 and max, and last
 * "frame_ms p50=A p95=B max=C frames=N". Exit 1 when a frame overflowed
 * ui's lists (it would be incomplete, so its time would lie), 2 on an SDL
 * or usage error.
 */
#include "bench_data.h"
#include "draw.h"
#include "map.h"
#include "shot.h"
#include "text.h"
#include "ui.h"
#include "ui_theme.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 720
#define H 1280
#define N_SPOTS 10000
#define N_TRAIL 600
#define HALF_M 1000.0  /* the area: -1000..1000 m both ways */
#define GRID_M 80.0    /* street spacing */
#define TURN_DEG 12.0  /* the grid's turn */
#define N_VIEWS 4
#define WARM_FRAMES 10

/* ---- a base map by hand ---- */

typedef struct mb {
    basemap m;
    size_t cap_xy, cap_tri, cap_f;
    int failed;
    char names[64][32]; /* street names, shared by their blocks */
} mb;

static void *grow(void *p, size_t *cap, size_t need, size_t size, int *failed)
{
    if (need <= *cap)
        return p;
    size_t cap2 = *cap ? *cap : 256;
    while (cap2 < need)
        cap2 *= 2;
    void *q = realloc(p, cap2 * size);
    if (!q) {
        *failed = 1;
        return p;
    }
    *cap = cap2;
    return q;
}

static size_t add_xy(mb *b, double e, double n)
{
    b->m.xy = grow(b->m.xy, &b->cap_xy, b->m.n_xy + 1, sizeof *b->m.xy,
                   &b->failed);
    if (b->failed)
        return 0;
    b->m.xy[b->m.n_xy] = (bm_xy){(float)e, (float)n};
    return b->m.n_xy++;
}

static void add_tri(mb *b, size_t i, size_t j, size_t k)
{
    b->m.tri = grow(b->m.tri, &b->cap_tri, b->m.n_tri + 3, sizeof *b->m.tri,
                    &b->failed);
    if (b->failed)
        return;
    b->m.tri[b->m.n_tri++] = (unsigned)i;
    b->m.tri[b->m.n_tri++] = (unsigned)j;
    b->m.tri[b->m.n_tri++] = (unsigned)k;
}

/* A feature over the points from first on (and triangles from tri_first
 * on), its box from those points. */
static void add_feature(mb *b, bm_kind kind, bm_geom geom, const char *name,
                        size_t first, size_t tri_first)
{
    b->m.f = grow(b->m.f, &b->cap_f, b->m.n_f + 1, sizeof *b->m.f,
                  &b->failed);
    if (b->failed)
        return;
    bm_feature *f = &b->m.f[b->m.n_f++];
    *f = (bm_feature){.kind = kind, .geom = geom, .name = name,
                      .first = first, .n = b->m.n_xy - first,
                      .tri_first = tri_first,
                      .n_tri = geom == BM_AREA ? b->m.n_tri - tri_first : 0,
                      .min_e = INFINITY, .min_n = INFINITY,
                      .max_e = -INFINITY, .max_n = -INFINITY};
    for (size_t i = first; i < b->m.n_xy; i++) {
        f->min_e = fminf(f->min_e, b->m.xy[i].e);
        f->max_e = fmaxf(f->max_e, b->m.xy[i].e);
        f->min_n = fminf(f->min_n, b->m.xy[i].n);
        f->max_n = fmaxf(f->max_n, b->m.xy[i].n);
    }
}

/* Grid coordinates (along the streets) to metres east, north. */
static void turned(double u, double w, double *e, double *n)
{
    double a = TURN_DEG * M_PI / 180.0;
    *e = u * cos(a) - w * sin(a);
    *n = u * sin(a) + w * cos(a);
}

/* Streets both ways, each cut into blocks of two crossings (as map data
 * splits ways), a point every 20 m. */
static void add_streets(mb *b)
{
    int k = (int)(HALF_M / GRID_M), name = 0;
    for (int dir = 0; dir < 2; dir++)
        for (int i = -k; i <= k; i++, name++) {
            char *nm = b->names[name % 64];
            snprintf(nm, sizeof b->names[0], "%s %d",
                     dir ? "Storgatan" : "Kyrkogatan", i + k + 1);
            for (int j = -k; j < k; j += 2) {
                size_t first = b->m.n_xy;
                for (double s = j * GRID_M; s <= (j + 2) * GRID_M; s += 20) {
                    double e, n;
                    turned(dir ? s : i * GRID_M, dir ? i * GRID_M : s, &e, &n);
                    add_xy(b, e, n);
                }
                add_feature(b, BM_ROAD, BM_LINE, nm, first, 0);
            }
        }
}

/* Curved paths through the blocks. */
static void add_paths(mb *b, bd_rng *r)
{
    for (int p = 0; p < 200; p++) {
        double e0 = (bd_unit(r) * 2 - 1) * HALF_M;
        double n0 = (bd_unit(r) * 2 - 1) * HALF_M, a = bd_unit(r) * 2 * M_PI;
        size_t first = b->m.n_xy;
        for (int i = 0; i < 12; i++)
            add_xy(b, e0 + i * 12 * cos(a) + 8 * sin(i * 0.9),
                   n0 + i * 12 * sin(a) + 8 * cos(i * 0.7));
        add_feature(b, BM_PATH, BM_LINE, p % 5 ? NULL : "Gångstig", first, 0);
    }
}

/* A convex polygon of k corners, as a fan from its first corner: slivers
 * on big ones, as ear clipping leaves. */
static void add_blob(mb *b, bm_kind kind, const char *name, double e,
                     double n, double rad, int k)
{
    size_t first = b->m.n_xy, tri_first = b->m.n_tri;
    for (int i = 0; i < k; i++) {
        double a = 2 * M_PI * i / k;
        add_xy(b, e + rad * cos(a) * (1 + 0.15 * sin(3 * a)),
               n + rad * sin(a));
    }
    for (int i = 1; i + 1 < k; i++)
        add_tri(b, first, first + (size_t)i, first + (size_t)i + 1);
    add_feature(b, kind, BM_AREA, name, first, tri_first);
}

/* A river as a strip of quads, 25 m wide, across the map. */
static void add_river(mb *b)
{
    size_t first = b->m.n_xy, tri_first = b->m.n_tri;
    int k = 80;
    for (int i = 0; i <= k; i++) {
        double e = -HALF_M * 1.2 + 2.4 * HALF_M * i / k;
        double n = -300 + 120 * sin(i * 0.15);
        add_xy(b, e, n - 12);
        add_xy(b, e, n + 12);
    }
    for (int i = 0; i < k; i++) {
        size_t a = first + 2 * (size_t)i;
        add_tri(b, a, a + 2, a + 1);
        add_tri(b, a + 1, a + 2, a + 3);
    }
    add_feature(b, BM_WATER, BM_AREA, "Skillerälven", first, tri_first);
}

/* Houses along the streets: 10-25 m rectangles. */
static void add_buildings(mb *b, bd_rng *r)
{
    for (int i = 0; i < 1500; i++) {
        double u = round((bd_unit(r) * 2 - 1) * HALF_M / GRID_M) * GRID_M +
                   GRID_M / 2, w = (bd_unit(r) * 2 - 1) * HALF_M;
        double sx = 10 + bd_unit(r) * 15, sy = 10 + bd_unit(r) * 15;
        size_t first = b->m.n_xy, tri_first = b->m.n_tri;
        static const double c[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        for (int k = 0; k < 4; k++) {
            double e, n;
            turned(u + c[k][0] * sx / 2, w + c[k][1] * sy / 2, &e, &n);
            add_xy(b, e, n);
        }
        add_tri(b, first, first + 1, first + 2);
        add_tri(b, first, first + 2, first + 3);
        add_feature(b, BM_BUILDING, BM_AREA, NULL, first, tri_first);
    }
}

static const char *const LANDMARKS[] = {
    "Filipstad station", "Kyrkan", "Torget", "Biblioteket", "Badhuset",
    "Skolan", "Vårdcentralen", "Busstationen", "Idrottsplatsen", "Folkets hus",
};

static void add_points(mb *b, bd_rng *r)
{
    for (int i = 0; i < 40; i++) {
        size_t first = b->m.n_xy;
        add_xy(b, (bd_unit(r) * 2 - 1) * HALF_M, (bd_unit(r) * 2 - 1) * HALF_M);
        add_feature(b, BM_LANDMARK, BM_POINT, LANDMARKS[i % 10], first, 0);
    }
}

static int make_base(mb *b)
{
    bd_rng r;
    bd_seed(&r, 42);
    memset(b, 0, sizeof *b);
    b->m.lat0 = MAP_ORIGIN_LAT;
    b->m.lon0 = MAP_ORIGIN_LON;
    b->m.attribution = "© OpenStreetMap contributors, ODbL";
    add_blob(b, BM_WATER, "Daglösen", -650, 550, 380, 96);
    add_river(b);
    for (int i = 0; i < 30; i++)
        add_blob(b, i % 6 ? BM_PARK : BM_WATER, i % 3 ? NULL : "Parken",
                 (bd_unit(&r) * 2 - 1) * HALF_M, (bd_unit(&r) * 2 - 1) * HALF_M,
                 30 + bd_unit(&r) * 90, 8 + (int)bd_below(&r, 24));
    add_buildings(b, &r);
    add_streets(b);
    add_paths(b, &r);
    add_points(b, &r);
    return b->failed ? -1 : 0;
}

/* ---- spots, GPS ---- */

static const char *const CATS[] = {
    "lighting", "vegetation", "sightline", "walkway", "traffic", "vandalism",
    "broken", "litter", "deserted", "wayfinding", "drugs", "disorder",
    "violence", "theft", "other", "safe",
};

static void make_spots(map_marker *m, const map_view *v)
{
    bd_rng r;
    double hot[30][2], lat, lon;
    bd_seed(&r, 7);
    for (int i = 0; i < 30; i++)
        hot[i][0] = (bd_unit(&r) * 2 - 1) * HALF_M * 0.8,
        hot[i][1] = (bd_unit(&r) * 2 - 1) * HALF_M * 0.8;
    for (int i = 0; i < N_SPOTS; i++) {
        double e = (bd_unit(&r) * 2 - 1) * HALF_M;
        double n = (bd_unit(&r) * 2 - 1) * HALF_M;
        if (i % 2) { /* near a hot spot: a sum of uniforms, sd ~ 60 m */
            const double *h = hot[bd_below(&r, 30)];
            e = h[0] + (bd_unit(&r) + bd_unit(&r) + bd_unit(&r) - 1.5) * 120;
            n = h[1] + (bd_unit(&r) + bd_unit(&r) + bd_unit(&r) - 1.5) * 120;
        }
        map_to_latlon(v, e, n, &lat, &lon);
        m[i] = (map_marker){lat, lon,
                            ui_category_color(CATS[i % 16], &ui_theme_day)};
    }
}

static void make_trail(double *t, const map_view *v)
{
    bd_rng r;
    double e = -200, n = -150, a = 0.5;
    bd_seed(&r, 9);
    for (int i = 0; i < N_TRAIL; i++) {
        a += (bd_unit(&r) - 0.5) * 0.6;
        e += 2 * cos(a), n += 2 * sin(a);
        map_to_latlon(v, e, n, &t[2 * i], &t[2 * i + 1]);
    }
}

/* ---- frames ---- */

typedef struct bench {
    SDL_Window *win;
    SDL_Renderer *ren;
    text_cache tc;
    int text_open;
    ui_ctx *ui;
    mb base;
    map_marker *spots;
    double *trail;
    map_view v;
    const char *shot_dir; /* NULL: no pictures */
} bench;

static const struct { const char *name; double ppm, pan_m; } VIEWS[] = {
    {"close, 9.6 px/m", 9.6, 0.4},
    {"start, 2.4 px/m", 2.4, 1.5},
    {"quarter, 0.6 px/m", 0.6, 6.0},
    {"all, 0.3 px/m", 0.3, 6.0},
};

/* The walk screen's frame around the map, as scr_walk lays it out. */
static ui_rect screen_frame(ui_ctx *ui)
{
    ui_rect r = {0, 0, ui->w, ui->h};
    ui_fill(ui, r, ui->theme->bg);
    r = ui_shrink(r, ui_mm(ui, 2));
    ui_rect top = ui_cut_top(&r, ui_target(ui));
    ui_button(ui, "Tillbaka", ui_cut_left(&top, ui_mm(ui, 30)), UI_BTN_NORMAL);
    ui_text(ui, top, "10000 platser", UI_TEXT_TITLE, UI_ALIGN_CENTER,
            ui->theme->text);
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 7)), "GPS: 59.71250 N 14.17083 E ±12 m",
            UI_TEXT_SMALL, UI_ALIGN_LEFT, ui->theme->text);
    int gap = ui_mm(ui, 2), h = ui_target(ui);
    ui_rect row = ui_cut_bottom(&r, h);
    ui_cut_bottom(&r, gap);
    ui_button(ui, "Lista", ui_column(row, 0, 2, gap), UI_BTN_NORMAL);
    ui_button(ui, "Avsluta vandring", ui_column(row, 1, 2, gap),
              UI_BTN_DANGER);
    ui_button(ui, "Markera plats", ui_cut_bottom(&r, h + ui_mm(ui, 10)),
              UI_BTN_PRIMARY);
    ui_cut_bottom(&r, gap);
    return r;
}

static void zoom_buttons(ui_ctx *ui, ui_rect map)
{
    int s = ui_target(ui), pad = ui_mm(ui, 2), w = ui_mm(ui, 24);
    ui_rect in = {map.x + map.w - w - pad, map.y + pad, w, s};
    ui_button(ui, "Zooma in", in, UI_BTN_NORMAL);
    in.y += s + pad;
    ui_button(ui, "Zooma ut", in, UI_BTN_NORMAL);
}

/* Frame i of view k: the view pans around a circle, a step a frame. */
static double one_frame(bench *b, int k, int i, int *overflow)
{
    double a = i * 0.1;
    b->v.px_per_m = VIEWS[k].ppm;
    b->v.e = 40 * VIEWS[k].pan_m * cos(a);
    b->v.n = 40 * VIEWS[k].pan_m * sin(a);
    map_layers L = {.base = &b->base.m, .m = b->spots, .n = N_SPOTS,
                    .gps = 1, .gps_err_m = 12.0, .trail = b->trail,
                    .n_trail = N_TRAIL};
    map_to_latlon(&b->v, -200 + 2 * i % 100, -150, &L.gps_lat, &L.gps_lon);
    int tapped;
    Uint64 t0 = SDL_GetPerformanceCounter();
    ui_begin(b->ui);
    ui_rect r = screen_frame(b->ui);
    map_draw(b->ui, &b->v, r, &L, &tapped);
    zoom_buttons(b->ui, r);
    ui_end(b->ui);
    int rc = draw_frame(b->ren, &b->tc, b->ui);
    SDL_RenderPresent(b->ren);
    Uint64 t1 = SDL_GetPerformanceCounter();
    *overflow |= b->ui->overflow;
    if (rc)
        fprintf(stderr, "bench_frame: drawing failed: %s\n", SDL_GetError());
    return (double)(t1 - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

/* Draw view k's frame i again and save it as DIR/frame-NAME.png. */
static void save_shot(bench *b, int k, int i, const char *name)
{
    char path[4096];
    err_t e;
    int overflow = 0, pitch = 4 * W;
    uint8_t *px = malloc((size_t)pitch * H);
    one_frame(b, k, i, &overflow);
    draw_frame(b->ren, &b->tc, b->ui); /* the presented frame is gone */
    snprintf(path, sizeof path, "%s/frame-%s.png", b->shot_dir, name);
    if (!px || SDL_RenderReadPixels(b->ren, NULL, SDL_PIXELFORMAT_RGBA32, px,
                                    pitch) != 0)
        fprintf(stderr, "bench_frame: cannot read pixels: %s\n",
                SDL_GetError());
    else if (shot_write_png(path, px, W, H, pitch, &e))
        fprintf(stderr, "bench_frame: %s\n", e.msg);
    else
        printf("saved %s\n", path);
    free(px);
}

static void save_shots(bench *b)
{
    static const char *const names[N_VIEWS] = {"close", "start", "quarter",
                                               "all"};
    if (!b->shot_dir)
        return;
    for (int k = 0; k < N_VIEWS; k++)
        save_shot(b, k, 0, names[k]);
    b->ui->theme = &ui_theme_night;
    save_shot(b, 1, 0, "night");
    b->ui->theme = &ui_theme_day;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts t. */
static void stats(double *t, int n, double *p50, double *p95, double *max)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    *p50 = t[(n - 1) / 2];
    *p95 = t[(int)ceil(0.95 * n) - 1];
    *max = t[n - 1];
}

static void count_frame(const ui_ctx *ui, size_t *tris, size_t *cmds)
{
    *tris = 0;
    *cmds = ui->n_cmd;
    for (size_t i = 0; i < ui->n_cmd; i++)
        if (ui->cmd[i].kind == UI_CMD_TRIS)
            *tris += ui->cmd[i].n_xy / 3;
}

static int run(bench *b, int frames)
{
    int per = frames / N_VIEWS, overflow = 0;
    double *all = malloc((size_t)frames * sizeof *all), p50, p95, max;
    double *one = malloc((size_t)per * sizeof *one);
    if (!all || !one)
        return free(all), free(one), fprintf(stderr, "out of memory\n"), 2;
    printf("first frame (fonts, label textures): %.2f ms\n",
           one_frame(b, 1, 0, &overflow));
    for (int i = 1; i < WARM_FRAMES; i++)
        one_frame(b, i % N_VIEWS, i, &overflow);
    int n = 0;
    for (int k = 0; k < N_VIEWS; k++) {
        for (int i = 0; i < per; i++)
            all[n++] = one[i] = one_frame(b, k, i, &overflow);
        size_t tris, cmds;
        count_frame(b->ui, &tris, &cmds);
        stats(one, per, &p50, &p95, &max);
        printf("%-20s p50=%.2f p95=%.2f max=%.2f ms (%zu commands, "
               "%zu triangles)\n", VIEWS[k].name, p50, p95, max, cmds, tris);
    }
    save_shots(b);
    stats(all, n, &p50, &p95, &max);
    printf("frame_ms p50=%.2f p95=%.2f max=%.2f frames=%d\n", p50, p95, max,
           n);
    free(all);
    free(one);
    if (overflow)
        fprintf(stderr, "bench_frame: a frame overflowed ui's lists\n");
    return overflow ? 1 : 0;
}

/* SDL's software renderer on the offscreen driver, as the app runs
 * without a display (app.c, pick_video_driver). */
static int open_sdl(bench *b, const char *font)
{
    err_t e;
    if (!getenv("SDL_VIDEODRIVER"))
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return fprintf(stderr, "bench_frame: SDL: %s\n", SDL_GetError()), 2;
    b->win = SDL_CreateWindow("bench_frame", SDL_WINDOWPOS_UNDEFINED,
                              SDL_WINDOWPOS_UNDEFINED, W, H, 0);
    b->ren = b->win ? SDL_CreateRenderer(b->win, -1, 0) : NULL;
    if (!b->ren)
        return fprintf(stderr, "bench_frame: SDL: %s\n", SDL_GetError()), 2;
    ui_init(b->ui, 160 / 25.4f, W, H, &ui_theme_day);
    b->ui->in.pinch = 1.0f;
    if (text_open(&b->tc, b->ren, font, b->ui->text_px, &e))
        return fprintf(stderr, "bench_frame: %s\n", e.msg), 2;
    b->text_open = 1;
    return 0;
}

static void close_all(bench *b)
{
    if (b->text_open)
        text_close(&b->tc);
    if (b->ren)
        SDL_DestroyRenderer(b->ren);
    if (b->win)
        SDL_DestroyWindow(b->win);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
    free(b->base.m.xy);
    free(b->base.m.tri);
    free(b->base.m.f);
    free(b->spots);
    free(b->trail);
    free(b->ui);
}

int main(int argc, char **argv)
{
    static bench b; /* the text cache is large */
    const char *font = NULL;
    int frames = 300, i = 1;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (strcmp(argv[i], "--font") == 0)
            font = argv[i + 1];
        else if (strcmp(argv[i], "--shot") == 0)
            b.shot_dir = argv[i + 1];
        else
            break;
    }
    if (i < argc)
        frames = atoi(argv[i++]);
    if (i != argc || frames < 4 * N_VIEWS) {
        fprintf(stderr, "usage: bench_frame [--font FILE] [--shot DIR] "
                        "[FRAMES >= 16]\n");
        return 2;
    }
    b.ui = calloc(1, sizeof *b.ui);
    b.spots = malloc(N_SPOTS * sizeof *b.spots);
    b.trail = malloc(2 * N_TRAIL * sizeof *b.trail);
    map_init(&b.v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, W);
    int rc = !b.ui || !b.spots || !b.trail || make_base(&b.base) ? 2 : 0;
    if (rc == 0) {
        make_spots(b.spots, &b.v);
        make_trail(b.trail, &b.v);
        printf("base map: %zu features, %zu points, %zu triangles; "
               "%d spots\n", b.base.m.n_f, b.base.m.n_xy, b.base.m.n_tri / 3,
               N_SPOTS);
        rc = open_sdl(&b, font);
    }
    if (rc == 0)
        rc = run(&b, frames);
    close_all(&b);
    return rc;
}
