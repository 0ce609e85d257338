/*
 * test_map_spots: what the map canvas shows over the base map
 * (map_spots.c). Markers on and off the canvas, clusters by zoom, taps on
 * a spot (named) and on a cluster (zoomed in on); follow-up spots
 * (diamonds of their own colours with "?" or a check mark, over the
 * walk's spots, gathered apart from them, named for scripts, tapped as
 * L->n + k);
 * and the GPS layer: trail, accuracy circle, dot, a simulated fix.
 */
#include "map_testkit.h"

/* ---- markers ---- */

/* The first marker drawn: an ink ring, then a smaller disc of its colour;
 * the canvas is clipped. */
static void check_marker_look(const ui_ctx *ui, ui_color color)
{
    size_t c = 0;
    while (c < ui->n_cmd && ui->cmd[c].kind != UI_CMD_CIRCLE)
        c++;
    CHECK(c + 1 < ui->n_cmd);
    if (c + 1 < ui->n_cmd) {
        CHECK(ui->cmd[c].width > ui->cmd[c + 1].width);
        CHECK(same_color(ui->cmd[c].color, ui_theme_day.map_ink));
        CHECK(same_color(ui->cmd[c + 1].color, color));
    }
    CHECK_INT(ui->cmd[0].kind, UI_CMD_CLIP);
    CHECK_INT(ui->cmd[ui->n_cmd - 1].kind, UI_CMD_UNCLIP);
    CHECK_INT(ui->overflow, 0);
}

static void test_markers(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    ui_color red = {200, 30, 30, 255};
    map_marker m[] = {
        {MAP_ORIGIN_LAT, MAP_ORIGIN_LON, red},
        {59.7130, 14.1720, red},           /* ~65 m east, 55 m north */
        {STATION_LAT, STATION_LON, red},   /* 637 m west: off at 2.4 px/m */
        {59.80, 14.40, red}, {0.0, 0.0, red}, {NAN, 14.17, red},
        {MAP_ORIGIN_LAT, 14.15, red},      /* only west of the canvas */
        {0, 0, red}, {0, 0, red},          /* set below: edge cases */
    };
    /* Centre 10 px left of the canvas: its disc still shows. */
    map_to_latlon(&v, (CANVAS.x - 10 - 360) / v.px_per_m, 0, &m[7].lat,
                  &m[7].lon);
    /* 200 px below the canvas: nothing of it shows. */
    map_to_latlon(&v, 0, -(CANVAS.h / 2 + 200) / v.px_per_m, &m[8].lat,
                  &m[8].lon);
    frame(ui, &v, m, COUNT(m));
    CHECK_INT(count_kind(ui, UI_CMD_CIRCLE), 6);
    static const size_t shown[] = {0, 1, 7};
    for (size_t k = 0; k < COUNT(shown); k++) {
        int x, y;
        map_project(&v, CANVAS, m[shown[k]].lat, m[shown[k]].lon, &x, &y);
        CHECK_INT(circles_at(ui, x, y), 2);
    }
    check_marker_look(ui, red);
    free(ui);
}

/* ---- spots: clusters and taps ---- */

/* n markers on a grid of cols columns, step_m apart, from 20 m west and
 * 15 m north of the origin. */
static void spots_grid(const map_view *v, map_marker *m, int n, int cols,
                       double step_m)
{
    ui_color red = {200, 30, 30, 255};
    for (int i = 0; i < n; i++) {
        m[i].color = red;
        map_to_latlon(v, -20.0 + (i % cols) * step_m, 15.0 - (i / cols) * step_m,
                      &m[i].lat, &m[i].lon);
    }
}

static void test_clusters(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_marker m[10];
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    spots_grid(&v, m, 10, 5, 10.0);
    map_layers L = {.m = m, .n = 10};
    v.px_per_m = 0.1; /* 10 m is a pixel: one cluster */
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(count_text(ui, "10"), 1);
    CHECK_INT(count_kind(ui, UI_CMD_CIRCLE), 2);
    v.px_per_m = 10.0; /* 100 px apart: every spot its own marker */
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(count_text(ui, "10"), 0);
    CHECK_INT(count_kind(ui, UI_CMD_CIRCLE), 20);
    for (int i = 0; i < 10; i++) {
        int x, y;
        map_project(&v, CANVAS, m[i].lat, m[i].lon, &x, &y);
        CHECK_INT(circles_at(ui, x, y), 2);
    }
    v.px_per_m = 0.5; /* 5 px apart: still one cluster, and no overlap */
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(count_text(ui, "10"), 1);
    free(ui);
}

static void test_tap_marker(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_marker m[10];
    int x, y, tapped = 99;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    v.px_per_m = 10.0;
    spots_grid(&v, m, 10, 5, 10.0);
    map_layers L = {.m = m, .n = 10};
    map_project(&v, CANVAS, m[3].lat, m[3].lon, &x, &y);
    press(ui, x + 20, y - 10); /* 22 px from spot 3, 80 from spot 2/4 */
    CHECK_INT(draw_layers(ui, &v, &L, &tapped), 0);
    CHECK_INT(tapped, -1); /* pressed, not yet released */
    release(ui);
    CHECK_INT(draw_layers(ui, &v, &L, &tapped), 0);
    CHECK_INT(tapped, 3);
    press(ui, x + 45, y); /* 45 px (over 6 mm) from 3, 55 from 4 */
    draw_layers(ui, &v, &L, &tapped);
    release(ui);
    draw_layers(ui, &v, &L, &tapped);
    CHECK_INT(tapped, -1);
    press(ui, x, y); /* a drag that ends on the spot is no tap */
    draw_layers(ui, &v, &L, &tapped);
    move(ui, 30, 0);
    draw_layers(ui, &v, &L, &tapped);
    move(ui, -30, 0);
    release(ui);
    draw_layers(ui, &v, &L, &tapped);
    CHECK_INT(tapped, -1);
    free(ui);
}

static void test_tap_cluster_zooms(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_marker m[10];
    int x, y, tapped = 99;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    spots_grid(&v, m, 10, 5, 10.0);
    map_layers L = {.m = m, .n = 10};
    v.px_per_m = 0.1;
    map_project(&v, CANVAS, m[0].lat, m[0].lon, &x, &y);
    press(ui, x, y);
    draw_layers(ui, &v, &L, &tapped);
    release(ui);
    CHECK_INT(draw_layers(ui, &v, &L, &tapped), 1);
    CHECK_INT(tapped, -1);
    CHECK_NEAR(v.px_per_m, 0.2, 1e-9);
    free(ui);
}

/* ---- follow-up spots ---- */

/* The box of n vertices from xy. */
typedef struct box {
    float x0, y0, x1, y1;
} box;

static box box_of(const float *xy, size_t n)
{
    box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t k = 0; k < n; k++) {
        b.x0 = fminf(b.x0, xy[2 * k]), b.x1 = fmaxf(b.x1, xy[2 * k]);
        b.y0 = fminf(b.y0, xy[2 * k + 1]), b.y1 = fmaxf(b.y1, xy[2 * k + 1]);
    }
    return b;
}

/* Pairs of triangles in colour c centred within 30 px of x, y (a diamond
 * is two, and so is each stroke of a check mark; commands of one colour
 * may run together): those whose box is a square centred on x, y (1 px)
 * are diamonds, counted into *diamonds with the last one's half width in
 * *half; the others into *others. */
static void pairs_at(const ui_ctx *ui, ui_color c, int x, int y,
                     int *diamonds, float *half, int *others)
{
    *diamonds = *others = 0;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *k = &ui->cmd[i];
        if (k->kind != UI_CMD_TRIS || !same_color(k->color, c))
            continue;
        for (size_t v = 0; v + 6 <= k->n_xy; v += 6) {
            box b = box_of(ui->xy + k->xy + 2 * v, 6);
            float dx = (b.x0 + b.x1) / 2 - x, dy = (b.y0 + b.y1) / 2 - y;
            if (fabsf(dx) > 30 || fabsf(dy) > 30)
                continue; /* another marker's */
            int centred = fabsf(dx) <= 1 && fabsf(dy) <= 1 &&
                          fabsf((b.x1 - b.x0) - (b.y1 - b.y0)) <= 1;
            *(centred ? diamonds : others) += 1;
            if (centred)
                *half = (b.x1 - b.x0) / 2;
        }
    }
}

static int diamonds_at(const ui_ctx *ui, ui_color c, int x, int y,
                       float *half)
{
    int n, others;
    pairs_at(ui, c, x, y, &n, half, &others);
    return n;
}

/* A "?" drawn centred (1 px) on x, y. */
static int question_at(const ui_ctx *ui, int x, int y)
{
    int n = 0;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *k = &ui->cmd[i];
        n += k->kind == UI_CMD_TEXT && strcmp(ui->text + k->text, "?") == 0 &&
             abs(k->r.x + k->r.w / 2 - x) <= 1 &&
             abs(k->r.y + k->r.h / 2 - y) <= 1 &&
             same_color(k->color, ui->theme->followup_ink);
    }
    return n;
}

static void test_followup_look(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    int x, y;
    float half = 0, band = 0, centre = 0;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    ui_color green = {46, 139, 58, 255}, red = {200, 30, 30, 255};
    map_marker m[] = {{59.7130, 14.1720, red}};
    map_followup fu[] = {{MAP_ORIGIN_LAT, MAP_ORIGIN_LON, green, 0, "F1"},
                         {59.7130, 14.1720, green, 1, "F2"},
                         {STATION_LAT, STATION_LON, green, 0, "F3"}};
    map_layers L = {.m = m, .n = 1, .fu = fu, .n_fu = 3};
    draw_layers(ui, &v, &L, NULL);
    const ui_theme *t = &ui_theme_day;
    /* open: ink outline, band of its colour, white centre, a "?" */
    map_project(&v, CANVAS, fu[0].lat, fu[0].lon, &x, &y);
    CHECK_INT(diamonds_at(ui, t->followup_ink, x, y, &half), 1);
    CHECK_INT(diamonds_at(ui, green, x, y, &band), 1);
    CHECK_INT(diamonds_at(ui, t->followup_bg, x, y, &centre), 1);
    CHECK_INT(lroundf(half), ui_mm(ui, 5.5f)); /* 11 mm across */
    CHECK(half > band && band > centre && centre > 0);
    CHECK_INT(question_at(ui, x, y), 1);
    CHECK_INT(circles_at(ui, x, y), 0); /* not a spot's disc */
    /* answered, on top of a walk spot: the spot's disc and ring, then the
     * diamond with a dimmed band and a check mark, no "?" */
    map_project(&v, CANVAS, fu[1].lat, fu[1].lon, &x, &y);
    CHECK_INT(circles_at(ui, x, y), 2);
    CHECK_INT(diamonds_at(ui, t->followup_ink, x, y, &half), 1);
    CHECK_INT(diamonds_at(ui, green, x, y, &band), 0);
    CHECK_INT(diamonds_at(ui, t->followup_bg, x, y, &centre), 1);
    CHECK_INT(question_at(ui, x, y), 0);
    size_t last_circle = 0, first_tris = ui->n_cmd;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *k = &ui->cmd[i];
        if (k->kind == UI_CMD_CIRCLE)
            last_circle = i;
        if (k->kind == UI_CMD_TRIS && first_tris == ui->n_cmd &&
            same_color(k->color, t->followup_ink))
            first_tris = i;
    }
    CHECK(first_tris > last_circle); /* drawn over the walk's spots */
    int diamonds, strokes;
    pairs_at(ui, t->followup_ink, x, y, &diamonds, &half, &strokes);
    CHECK_INT(diamonds, 1);
    CHECK_INT(strokes, 2); /* the check mark: the open marker has none */
    /* the station is off the canvas: neither drawn nor named */
    CHECK_INT(count_text(ui, "?"), 1);
    CHECK_INT(ui_find(ui, "F1", NULL), 1);
    CHECK_INT(ui_find(ui, "F2", NULL), 1);
    CHECK_INT(ui_find(ui, "F3", NULL), 0);
    ui_rect r;
    ui_find(ui, "F1", &r); /* the tap square: 12 mm */
    map_project(&v, CANVAS, fu[0].lat, fu[0].lon, &x, &y);
    CHECK_INT(r.w, 2 * ui_mm(ui, 6.0f));
    CHECK_INT(r.x + r.w / 2, x);
    CHECK_INT(ui->overflow, 0);
    /* night: the theme's own ink and centre */
    ui->theme = &ui_theme_night;
    draw_layers(ui, &v, &L, NULL);
    map_project(&v, CANVAS, fu[0].lat, fu[0].lon, &x, &y);
    CHECK_INT(diamonds_at(ui, ui_theme_night.followup_ink, x, y, &half), 1);
    CHECK_INT(diamonds_at(ui, ui_theme_night.followup_bg, x, y, &half), 1);
    CHECK_INT(question_at(ui, x, y), 1);
    free(ui);
}

/* The text commands saying s in colour c. */
static int texts_in(const ui_ctx *ui, const char *s, ui_color c)
{
    int n = 0;
    for (size_t i = 0; i < ui->n_cmd; i++)
        n += ui->cmd[i].kind == UI_CMD_TEXT &&
             strcmp(ui->text + ui->cmd[i].text, s) == 0 &&
             same_color(ui->cmd[i].color, c);
    return n;
}

/* Follow-up spots are never gathered with the walk's spots: zoomed out so
 * far that ten of each at the same places overlap, there is a cluster of
 * the spots (a disc) and one of the follow-up spots (an ink diamond with
 * its number on the follow-up ground, drawn later); closer in, each is
 * its own marker again. */
static void test_followups_gathered_apart(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_marker m[10];
    map_followup fu[10];
    float half;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    spots_grid(&v, m, 10, 5, 10.0);
    for (int i = 0; i < 10; i++)
        fu[i] = (map_followup){m[i].lat, m[i].lon, m[i].color, 0, NULL};
    map_layers L = {.m = m, .n = 10, .fu = fu, .n_fu = 10};
    const ui_theme *t = &ui_theme_day;
    v.px_per_m = 0.1;
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(texts_in(ui, "10", t->on_surface), 1);  /* the spots' */
    CHECK_INT(texts_in(ui, "10", t->followup_ink), 1); /* the follow-ups' */
    CHECK_INT(count_text(ui, "?"), 0);
    CHECK_INT(count_kind(ui, UI_CMD_CIRCLE), 2);
    size_t k = 0; /* the follow-up cluster's number sits on its diamonds */
    while (k < ui->n_cmd && !(ui->cmd[k].kind == UI_CMD_TEXT &&
                              same_color(ui->cmd[k].color, t->followup_ink)))
        k++;
    if (k < ui->n_cmd) {
        int x = ui->cmd[k].r.x + ui->cmd[k].r.w / 2;
        int y = ui->cmd[k].r.y + ui->cmd[k].r.h / 2;
        CHECK_INT(diamonds_at(ui, t->followup_ink, x, y, &half), 1);
        CHECK_INT(diamonds_at(ui, t->followup_bg, x, y, &half), 1);
    }
    th_checks++;
    if (k == ui->n_cmd)
        TH_FAIL("%s", "the follow-up cluster's number: got none drawn");
    v.px_per_m = 10.0; /* 100 px apart */
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(count_text(ui, "?"), 10);
    CHECK_INT(count_kind(ui, UI_CMD_CIRCLE), 20);
    free(ui);
}

/* More labelled follow-ups on the canvas than MAP_FU_NAMED: all drawn,
 * MAP_FU_NAMED named, and the frame complete. */
static void test_followup_names_capped(void)
{
    enum { N = MAP_FU_NAMED + 20 };
    ui_ctx *ui = new_ui();
    map_view v;
    static map_followup fu[N];
    static char names[N][16];
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    v.px_per_m = 25.0; /* none gathered: each its own marker, 80 px apart */
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "F%d", i);
        map_to_latlon(&v, (i % 9 - 4) * 3.2, (i / 9 - 4.5) * 3.2, &fu[i].lat,
                      &fu[i].lon);
        fu[i].color = (ui_color){200, 30, 30, 255};
        fu[i].label = names[i];
    }
    map_layers L = {.fu = fu, .n_fu = N};
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(count_text(ui, "?"), N);
    CHECK_INT((int)ui->n_seen, MAP_FU_NAMED);
    CHECK_INT(ui->overflow, 0);
    free(ui);
}

static void tap_at(ui_ctx *ui, map_view *v, const map_layers *L, int x,
                   int y, int *tapped)
{
    press(ui, x, y);
    draw_layers(ui, v, L, tapped);
    release(ui);
    draw_layers(ui, v, L, tapped);
}

static void test_tap_followup(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_marker m[10];
    map_followup fu[2];
    int x, y, tapped = 99;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    v.px_per_m = 10.0;
    spots_grid(&v, m, 10, 5, 10.0);
    /* follow-up 0 on spot 3 exactly, follow-up 1 between spots 7 and 8 */
    fu[0] = (map_followup){m[3].lat, m[3].lon, m[3].color, 0, NULL};
    fu[1] = (map_followup){(m[7].lat + m[8].lat) / 2,
                           (m[7].lon + m[8].lon) / 2, m[7].color, 1, NULL};
    map_layers L = {.m = m, .n = 10, .fu = fu, .n_fu = 2};
    map_project(&v, CANVAS, m[3].lat, m[3].lon, &x, &y);
    tap_at(ui, &v, &L, x + 3, y, &tapped);
    CHECK_INT(tapped, 10); /* a tie with spot 3: the follow-up on top */
    map_project(&v, CANVAS, fu[1].lat, fu[1].lon, &x, &y);
    tap_at(ui, &v, &L, x + 20, y + 20, &tapped); /* 28 px: inside 6 mm */
    CHECK_INT(tapped, 11);
    map_project(&v, CANVAS, m[0].lat, m[0].lon, &x, &y);
    tap_at(ui, &v, &L, x, y, &tapped);
    CHECK_INT(tapped, 0); /* a walk spot still answers for itself */
    map_project(&v, CANVAS, fu[1].lat, fu[1].lon, &x, &y);
    tap_at(ui, &v, &L, x, y + 45, &tapped); /* 45 px: over 6 mm from all */
    CHECK_INT(tapped, -1);
    /* zoomed out, the two follow-ups a pixel apart are a cluster: a tap
     * zooms in on it and names nothing */
    v.px_per_m = 0.1;
    map_project(&v, CANVAS, fu[0].lat, fu[0].lon, &x, &y);
    tap_at(ui, &v, &L, x, y, &tapped);
    CHECK_INT(tapped, -1);
    CHECK_NEAR(v.px_per_m, 0.2, 1e-12);
    /* one follow-up alone among clustered spots opens, it does not zoom */
    L.n_fu = 1;
    tap_at(ui, &v, &L, x, y, &tapped);
    CHECK_INT(tapped, 10);
    CHECK_NEAR(v.px_per_m, 0.2, 1e-12);
    free(ui);
}

/* ---- GPS ---- */

static void test_gps(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    double trail[2 * 5];
    int x, y;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    for (int i = 0; i < 5; i++)
        map_to_latlon(&v, i * 10.0 - 40, i * 5.0, &trail[2 * i],
                      &trail[2 * i + 1]);
    map_layers L = {.gps = 1, .gps_lat = trail[8], .gps_lon = trail[9],
                    .gps_err_m = 15.0, .trail = trail, .n_trail = 5};
    draw_layers(ui, &v, &L, NULL);
    map_project(&v, CANVAS, trail[8], trail[9], &x, &y);
    CHECK_INT(circles_at(ui, x, y), 3); /* accuracy, ring, dot */
    int halo = 0;
    for (size_t i = 0; i < ui->n_cmd; i++)
        if (ui->cmd[i].kind == UI_CMD_CIRCLE && ui->cmd[i].x1 == x &&
            ui->cmd[i].color.a < 255) {
            halo++;
            CHECK_NEAR(ui->cmd[i].width, 15.0 * v.px_per_m, 1.0);
        }
    CHECK_INT(halo, 1);
    CHECK_INT(count_kind(ui, UI_CMD_TRIS), 1); /* the trail */
    CHECK_INT(count_text(ui, "SIM"), 0);
    L.gps_simulated = 1;
    L.gps_err_m = NAN;
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(circles_at(ui, x, y), 2);
    CHECK_INT(count_text(ui, "SIM"), 1);
    L.gps = 0;
    draw_layers(ui, &v, &L, NULL);
    CHECK_INT(circles_at(ui, x, y), 0);
    free(ui);
}

int main(void)
{
    test_markers();
    test_clusters();
    test_tap_marker();
    test_tap_cluster_zooms();
    test_followup_look();
    test_followups_gathered_apart();
    test_followup_names_capped();
    test_tap_followup();
    test_gps();
    return th_report("test_map_spots");
}
