/*
 * test_map_spots: what the map canvas shows over the base map
 * (map_spots.c). Markers on and off the canvas, clusters by zoom, taps on
 * a spot (named) and on a cluster (zoomed in on), and the GPS layer:
 * trail, accuracy circle, dot, a simulated fix.
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
    test_gps();
    return th_report("test_map_spots");
}
