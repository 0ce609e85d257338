/*
 * test_map_base: the base map on the map canvas (map_base.c), and the
 * triangle commands (ui_tris) it is drawn with. A base map made by hand:
 * road widths by zoom, names that never overlap, the attribution, a dark
 * night palette, culling, a huge lake cut near the canvas.
 */
#include "map_testkit.h"

/* ---- triangles (ui_tris) ---- */

static void test_tris_command(void)
{
    ui_ctx *ui = new_ui();
    ui_color a = {10, 20, 30, 255}, b = {40, 50, 60, 128};
    float t[12] = {0, 0, 10, 0, 0, 10, 5, 5, 15, 5, 5, 15};
    ui_begin(ui);
    ui_tris(ui, t, 3, a);
    ui_tris(ui, t + 6, 3, a); /* same colour: the same command grows */
    CHECK_INT(ui->n_cmd, 1);
    CHECK_INT(ui->cmd[0].kind, UI_CMD_TRIS);
    CHECK_INT(ui->cmd[0].n_xy, 6);
    CHECK_INT(ui->n_xy, 12);
    ui_tris(ui, t, 5, b); /* another colour; 5 vertices: one triangle */
    CHECK_INT(ui->n_cmd, 2);
    CHECK_INT(ui->cmd[1].n_xy, 3);
    CHECK_INT(ui->cmd[1].xy, 12);
    CHECK(ui->xy[ui->cmd[1].xy + 2] == 10.0f);
    ui_fill(ui, (ui_rect){0, 0, 1, 1}, a);
    ui_tris(ui, t, 3, b); /* after another command: a new one */
    CHECK_INT(ui->n_cmd, 4);
    ui_quad_line(ui, 0, 0, 10, 0, 4, a);
    CHECK_INT(ui->cmd[4].n_xy, 6);
    CHECK(ui->xy[ui->cmd[4].xy + 1] == 2.0f || ui->xy[ui->cmd[4].xy + 1] == -2.0f);
    ui_tris(ui, t, 0, a);
    CHECK_INT(ui->n_cmd, 5);
    CHECK_INT(ui->overflow, 0);
    ui_begin(ui); /* the arena starts again, in O(1) */
    CHECK_INT(ui->n_xy, 0);
    free(ui);
}

static void test_tris_overflow(void)
{
    ui_ctx *ui = new_ui();
    ui_color a = {10, 20, 30, 255};
    float t[6] = {0, 0, 10, 0, 0, 10};
    ui_begin(ui);
    size_t fit = UI_MAX_XY / 6, i;
    for (i = 0; i < fit; i++)
        ui_tris(ui, t, 3, a);
    CHECK_INT(ui->overflow, 0);
    CHECK_INT(ui->n_cmd, 1);
    ui_tris(ui, t, 3, a);
    CHECK_INT(ui->overflow, 1);
    CHECK(ui->n_xy <= UI_MAX_XY);
    CHECK_INT(ui->cmd[0].n_xy, 3 * fit);
    ui_begin(ui); /* a full command list: no command, no vertices */
    for (i = 0; i < UI_MAX_CMDS; i++)
        ui_fill(ui, (ui_rect){0, 0, 1, 1}, a);
    ui_tris(ui, t, 3, (ui_color){1, 2, 3, 255});
    CHECK_INT(ui->overflow, 1);
    CHECK_INT(ui->n_cmd, UI_MAX_CMDS);
    CHECK_INT(ui->n_xy, 0);
    free(ui);
}

/* ---- a base map made by hand ---- */

#define TB_MAX 64

typedef struct tbase {
    basemap m;
    bm_xy xy[TB_MAX * 8];
    unsigned tri[TB_MAX * 6];
    bm_feature f[TB_MAX];
} tbase;

static void tb_init(tbase *t)
{
    memset(t, 0, sizeof *t);
    t->m.lat0 = MAP_ORIGIN_LAT;
    t->m.lon0 = MAP_ORIGIN_LON;
    t->m.xy = t->xy;
    t->m.tri = t->tri;
    t->m.f = t->f;
    t->m.attribution = "";
}

/* A feature over the last n points added (and the last n_tri indexes). */
static bm_feature *tb_feature(tbase *t, bm_kind k, bm_geom g, const char *name,
                              size_t n, size_t n_tri)
{
    bm_feature *f = &t->f[t->m.n_f++];
    *f = (bm_feature){.kind = k, .geom = g, .name = name,
                      .first = t->m.n_xy - n, .n = n,
                      .tri_first = t->m.n_tri - n_tri, .n_tri = n_tri,
                      .min_e = 1e30f, .min_n = 1e30f, .max_e = -1e30f,
                      .max_n = -1e30f};
    for (size_t i = f->first; i < t->m.n_xy; i++) {
        f->min_e = fminf(f->min_e, t->xy[i].e);
        f->max_e = fmaxf(f->max_e, t->xy[i].e);
        f->min_n = fminf(f->min_n, t->xy[i].n);
        f->max_n = fmaxf(f->max_n, t->xy[i].n);
    }
    return f;
}

static void tb_pt(tbase *t, float e, float n) { t->xy[t->m.n_xy++] = (bm_xy){e, n}; }

static void tb_line(tbase *t, bm_kind k, const char *name, float e0, float n0,
                    float e1, float n1)
{
    tb_pt(t, e0, n0);
    tb_pt(t, e1, n1);
    tb_feature(t, k, BM_LINE, name, 2, 0);
}

/* An axis-parallel rectangle as two triangles. */
static void tb_rect(tbase *t, bm_kind k, const char *name, float e0, float n0,
                    float e1, float n1)
{
    size_t a = t->m.n_xy;
    tb_pt(t, e0, n0);
    tb_pt(t, e1, n0);
    tb_pt(t, e1, n1);
    tb_pt(t, e0, n1);
    static const unsigned idx[6] = {0, 1, 2, 0, 2, 3};
    for (int i = 0; i < 6; i++)
        t->tri[t->m.n_tri++] = (unsigned)a + idx[i];
    tb_feature(t, k, BM_AREA, name, 4, 6);
}

static void tb_point(tbase *t, bm_kind k, const char *name, float e, float n)
{
    tb_pt(t, e, n);
    tb_feature(t, k, BM_POINT, name, 1, 0);
}

/* The TRIS commands of colour c: how many vertices, and their box. */
static size_t tris_of(const ui_ctx *ui, ui_color c, float *y0, float *y1)
{
    size_t n = 0;
    *y0 = 1e30f, *y1 = -1e30f;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *k = &ui->cmd[i];
        if (k->kind != UI_CMD_TRIS || !same_color(k->color, c))
            continue;
        n += k->n_xy;
        for (size_t j = 0; j < k->n_xy; j++) {
            *y0 = fminf(*y0, ui->xy[k->xy + 2 * j + 1]);
            *y1 = fmaxf(*y1, ui->xy[k->xy + 2 * j + 1]);
        }
    }
    return n;
}

/* ---- the base map ---- */

static void test_road_width(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    tbase t;
    float y0, y1;
    tb_init(&t);
    tb_line(&t, BM_ROAD, NULL, -2000, 0, 2000, 0);
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    map_layers L = {.base = &t.m};
    ui_color white = {255, 255, 255, 255};
    static const double zooms[] = {0.5, 1.0, 2.0, 4.0};
    for (size_t i = 0; i < COUNT(zooms); i++) {
        v.px_per_m = zooms[i];
        draw_layers(ui, &v, &L, NULL);
        CHECK(tris_of(ui, white, &y0, &y1) >= 6);
        CHECK_NEAR(y1 - y0, 8.0 * zooms[i], 0.01);
    }
    v.px_per_m = 0.02; /* 0.16 px: a pixel still */
    draw_layers(ui, &v, &L, NULL);
    tris_of(ui, white, &y0, &y1);
    CHECK_NEAR(y1 - y0, 1.0, 0.01);
    CHECK_INT(ui->overflow, 0);
    free(ui);
}

static int rects_overlap(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

static const char *const NAMES[] = {"Storgatan", "Kyrkogatan", "Torget",
                                    "Hamnen", "Parken", "Biblioteket"};

/* Crowded names: every label drawn is one of them, none overlaps another
 * or the attribution, and some had to give way. */
static void test_labels_apart(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    tbase t;
    tb_init(&t);
    t.m.attribution = "© OpenStreetMap contributors, ODbL";
    for (int i = 0; i < 24; i++)
        tb_point(&t, BM_LANDMARK, NAMES[i % 6], (float)(i % 6) * 12 - 30,
                 (float)(i / 6) * 8 - 10);
    for (int i = 0; i < 8; i++)
        tb_line(&t, BM_ROAD, NAMES[i % 2], -150, i * 10.0f - 40, 150,
                i * 10.0f - 40);
    tb_rect(&t, BM_PARK, "Parken", -60, -60, 60, 60);
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    map_layers L = {.base = &t.m};
    draw_layers(ui, &v, &L, NULL);
    ui_rect r[256];
    int n = 0, attr = 0;
    for (size_t i = 0; i < ui->n_cmd && n < 256; i++) {
        const ui_cmd *k = &ui->cmd[i];
        const char *s = ui->text + k->text;
        if (k->kind != UI_CMD_TEXT)
            continue;
        attr += strcmp(s, t.m.attribution) == 0;
        for (size_t j = 0; j < COUNT(NAMES); j++)
            if (strcmp(s, NAMES[j]) == 0 || strcmp(s, t.m.attribution) == 0) {
                r[n++] = k->r;
                break;
            }
    }
    CHECK_INT(attr, 1);
    CHECK(n >= 4);
    CHECK(n < 24 + 8 + 1 + 1); /* some gave way */
    for (int i = 0; i < n; i++) {
        CHECK(r[i].x >= CANVAS.x && r[i].x + r[i].w <= CANVAS.x + CANVAS.w);
        for (int j = i + 1; j < n; j++)
            if (rects_overlap(r[i], r[j]))
                TH_FAIL("labels %d and %d overlap: %d,%d %dx%d and %d,%d "
                        "%dx%d", i, j, r[i].x, r[i].y, r[i].w, r[i].h, r[j].x,
                        r[j].y, r[j].w, r[j].h);
    }
    free(ui);
}

static void test_attribution(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    tbase t;
    tb_init(&t);
    tb_point(&t, BM_LANDMARK, NULL, 0, 0);
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    map_layers L = {.base = &t.m};
    draw_layers(ui, &v, &L, NULL); /* no attribution, not schematic */
    CHECK_INT(count_kind(ui, UI_CMD_TEXT), 1); /* the scale's only */
    t.m.attribution = "© OpenStreetMap contributors, ODbL";
    t.m.schematic = 1;
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(count_text(ui, "© OpenStreetMap contributors, ODbL"), 1);
    CHECK_INT(count_text(ui, "Schematisk karta – bara verifierade punkter"),
              1);
    for (size_t i = 0; i < ui->n_cmd; i++) /* bottom right, inside */
        if (ui->cmd[i].kind == UI_CMD_TEXT &&
            strncmp(ui->text + ui->cmd[i].text, "Schematisk", 10) == 0) {
            ui_rect a = ui->cmd[i].r;
            CHECK(a.x > CANVAS.x + CANVAS.w / 4);
            CHECK(a.x + a.w <= CANVAS.x + CANVAS.w);
            CHECK(a.x + a.w >= CANVAS.x + CANVAS.w - ui_mm(ui, 6));
            CHECK(a.y > CANVAS.y + CANVAS.h * 3 / 4);
            CHECK(a.y + a.h <= CANVAS.y + CANVAS.h);
        }
    CHECK_INT(grid_gap(ui), 0); /* a base map: no grid */
    free(ui);
}

/* A long attribution (the built-in map's names every source) wraps in the
 * room right of the scale bar: it never runs over the scale, and the plate
 * is tall enough for the rows it wraps into. */
static void test_attribution_wraps(void)
{
    static char LONG[] =
        "Schematic, verified points only. Railway station: Trafikverket "
        "open data (CC0). Trons kapell and town reference point: "
        "coordinates from Wikipedia.";
    ui_ctx *ui = new_ui();
    map_view v;
    tbase t;
    tb_init(&t);
    tb_point(&t, BM_LANDMARK, NULL, 0, 0);
    t.m.attribution = LONG;
    t.m.schematic = 1;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    map_layers L = {.base = &t.m};
    draw_layers(ui, &v, &L, NULL);
    ui_rect scale = {0, 0, 0, 0}; /* the scale bar's label: "50 m" */
    for (size_t i = 0; i < ui->n_cmd; i++)
        if (ui->cmd[i].kind == UI_CMD_TEXT &&
            strcmp(ui->text + ui->cmd[i].text, "50 m") == 0)
            scale = ui->cmd[i].r;
    CHECK(scale.w > 0);
    int found = 0;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *k = &ui->cmd[i];
        if (k->kind != UI_CMD_TEXT || strcmp(ui->text + k->text, LONG) != 0)
            continue;
        found++;
        CHECK(k->align & UI_WRAP);
        CHECK(k->r.x >= scale.x + scale.w); /* right of the scale, not over */
        CHECK(k->r.x >= CANVAS.x && k->r.x + k->r.w <= CANVAS.x + CANVAS.w);
        /* rows x width hold the text at the label estimate */
        int th = ui->text_px[UI_TEXT_SMALL];
        CHECK((double)(k->r.h / th) * k->r.w >=
              (double)(sizeof LONG - 1) * th * 0.55);
    }
    CHECK_INT(found, 1);
    free(ui);
}

/* sRGB relative luminance, from the WCAG contrast against black. */
static double lum(ui_color c)
{
    ui_color black = {0, 0, 0, 255};
    return ui_contrast((ui_color){c.r, c.g, c.b, 255}, black) * 0.05 - 0.05;
}

static void tb_every_kind(tbase *t)
{
    for (int k = 0; k < BM_KIND_N; k++) {
        tb_rect(t, (bm_kind)k, NULL, -300 + k * 80.0f, -100, -240 + k * 80.0f,
                100);
        tb_line(t, (bm_kind)k, NULL, -300, k * 20.0f - 60, 300,
                k * 20.0f - 50);
        tb_point(t, (bm_kind)k, "Plats", -200 + k * 60.0f, 150);
    }
}

static void test_night_dark(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    tbase t;
    tb_init(&t);
    tb_every_kind(&t);
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    map_layers L = {.base = &t.m};
    ui->theme = &ui_theme_night;
    static const double zooms[] = {0.3, 2.4, 12.0};
    for (size_t z = 0; z < COUNT(zooms); z++) {
        v.px_per_m = zooms[z];
        draw_layers(ui, &v, &L, NULL);
        int fills = 0;
        for (size_t i = 0; i < ui->n_cmd; i++) {
            const ui_cmd *k = &ui->cmd[i];
            if (k->kind != UI_CMD_TRIS && k->kind != UI_CMD_RECT)
                continue;
            fills++;
            if (!(lum(k->color) < 0.05))
                TH_FAIL("night, %g px/m: a fill of #%02x%02x%02x has "
                        "luminance %.3f, want < 0.05", zooms[z], k->color.r,
                        k->color.g, k->color.b, lum(k->color));
            th_checks++;
        }
        CHECK(fills >= 5);
    }
    ui->theme = &ui_theme_day; /* day fills differ */
    draw_layers(ui, &v, &L, NULL);
    int light = 0;
    for (size_t i = 0; i < ui->n_cmd; i++)
        light += ui->cmd[i].kind == UI_CMD_TRIS && lum(ui->cmd[i].color) > 0.3;
    CHECK(light >= 3);
    free(ui);
}

/* A feature far off the canvas adds nothing: the same commands and
 * vertices as without it. */
static void test_culling(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    tbase t;
    tb_init(&t);
    tb_point(&t, BM_LANDMARK, NULL, 0, 0);
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    map_layers L = {.base = &t.m};
    draw_layers(ui, &v, &L, NULL);
    size_t cmds = ui->n_cmd, xy = ui->n_xy;
    tb_line(&t, BM_ROAD, "Långt bort", 5000, 5000, 6000, 5000);
    tb_rect(&t, BM_WATER, "Sjön", -9000, -9000, -8000, -8000);
    tb_point(&t, BM_LANDMARK, "Kyrkan", 400, 0); /* 960 px east */
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(ui->n_cmd, cmds);
    CHECK_INT(ui->n_xy, xy);
    v.e = 5500; /* pan onto the road: now it is drawn */
    v.n = 5000;
    draw_layers(ui, &v, &L, NULL);
    CHECK(ui->n_xy > xy);
    free(ui);
}

/* A lake far larger than the canvas is cut into pieces near it: every
 * vertex stays within reach of the canvas, and the canvas is covered. */
static void test_big_area(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    tbase t;
    float y0, y1;
    tb_init(&t);
    tb_rect(&t, BM_WATER, NULL, -4000, -3000, 5000, 4000);
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    v.px_per_m = 20.0; /* corners 80,000 px and more away */
    map_layers L = {.base = &t.m};
    draw_layers(ui, &v, &L, NULL);
    ui_color water = {0xA9, 0xCC, 0xE3, 255};
    size_t n = tris_of(ui, water, &y0, &y1);
    CHECK(n >= 6 && n < 3000);
    CHECK(y0 <= CANVAS.y && y1 >= CANVAS.y + CANVAS.h);
    CHECK(y0 >= CANVAS.y - 1100 && y1 <= CANVAS.y + CANVAS.h + 1100);
    double area = 0;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *k = &ui->cmd[i];
        if (k->kind != UI_CMD_TRIS || !same_color(k->color, water))
            continue;
        for (size_t j = 0; j + 2 < k->n_xy; j += 3) {
            const float *p = ui->xy + k->xy + 2 * j;
            area += fabs((p[2] - p[0]) * (p[5] - p[1]) -
                         (p[4] - p[0]) * (p[3] - p[1])) / 2;
        }
    }
    CHECK(area >= (double)CANVAS.w * CANVAS.h);
    free(ui);
}

int main(void)
{
    test_tris_command();
    test_tris_overflow();
    test_road_width();
    test_labels_apart();
    test_attribution();
    test_attribution_wraps();
    test_night_dark();
    test_culling();
    test_big_area();
    return th_report("test_map_base");
}
