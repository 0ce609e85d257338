/*
 * test_map: the map canvas's view (map.c). Projection round trips and
 * distances in Filipstad, zoom limits, and map_do driven frame by frame
 * with plain input: drag pans by exactly the finger's movement, a tap does
 * not, a pinch keeps the point under its centre; the scale bar's round
 * lengths and label; the crosshair after a pan, the grid, the crosshair's
 * arms. The base map is tested in test_map_base, spots and GPS in
 * test_map_spots.
 */
#include "map_testkit.h"

static double haversine_m(double lat1, double lon1, double lat2, double lon2)
{
    double rad = acos(-1.0) / 180.0;
    double a = pow(sin((lat2 - lat1) * rad / 2), 2) +
               cos(lat1 * rad) * cos(lat2 * rad) *
                   pow(sin((lon2 - lon1) * rad / 2), 2);
    return 2 * 6371008.8 * asin(sqrt(a));
}

static void test_round_trip(void)
{
    static const double pts[][2] = {
        {MAP_ORIGIN_LAT, MAP_ORIGIN_LON}, {STATION_LAT, STATION_LON},
        {59.7200, 14.1800}, {59.7050, 14.1900}, {59.7300, 14.1500},
        {59.6900, 14.2100}, {59.7125, 14.100000},
    };
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    for (size_t i = 0; i < COUNT(pts); i++) {
        double e, n, lat, lon;
        map_to_local(&v, pts[i][0], pts[i][1], &e, &n);
        map_to_latlon(&v, e, n, &lat, &lon);
        CHECK_NEAR(lat, pts[i][0], 1e-9);
        CHECK_NEAR(lon, pts[i][1], 1e-9);
    }
}

static void test_distance(void)
{
    map_view v;
    double e, n;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    map_to_local(&v, STATION_LAT, STATION_LON, &e, &n);
    CHECK_NEAR(e, -637.2, 1.0); /* west */
    CHECK_NEAR(n, -461.5, 1.0); /* south */
    double h = haversine_m(MAP_ORIGIN_LAT, MAP_ORIGIN_LON, STATION_LAT,
                           STATION_LON);
    CHECK_NEAR(hypot(e, n), h, h * 0.005);
    map_to_local(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, &e, &n);
    CHECK_NEAR(e, 0.0, 1e-9);
    CHECK_NEAR(n, 0.0, 1e-9);
}

static void test_init_zoom_center(void)
{
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    CHECK_NEAR(v.px_per_m * 300.0, 720.0, 1e-9);
    CHECK_NEAR(v.e, 0.0, 0.0);
    CHECK_NEAR(v.n, 0.0, 0.0);
    int x, y;
    map_project(&v, CANVAS, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, &x, &y);
    CHECK_INT(x, CANVAS.x + CANVAS.w / 2);
    CHECK_INT(y, CANVAS.y + CANVAS.h / 2);
    map_project(&v, CANVAS, STATION_LAT, STATION_LON, &x, &y);
    CHECK(x < CANVAS.x + CANVAS.w / 2 && y > CANVAS.y + CANVAS.h / 2);
    double z = v.px_per_m, lat, lon;
    map_center_on(&v, STATION_LAT, STATION_LON);
    CHECK_NEAR(v.px_per_m, z, 0.0);
    map_crosshair(&v, &lat, &lon);
    CHECK_NEAR(lat, STATION_LAT, 1e-9);
    CHECK_NEAR(lon, STATION_LON, 1e-9);
}

static void test_zoom_clamps(void)
{
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    map_zoom(&v, 2.0);
    CHECK_NEAR(v.px_per_m, 4.8, 1e-12);
    map_zoom(&v, 1e6);
    CHECK_NEAR(v.px_per_m, MAP_MAX_PX_PER_M, 0.0);
    map_zoom(&v, 1e-9);
    CHECK_NEAR(v.px_per_m, MAP_MIN_PX_PER_M, 0.0);
    map_zoom(&v, 0.0);
    CHECK_NEAR(v.px_per_m, MAP_MIN_PX_PER_M, 0.0);
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 1); /* 1/300 < MIN */
    CHECK_NEAR(v.px_per_m, MAP_MIN_PX_PER_M, 0.0);
}

static void test_drag_pans(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    double e0 = v.e, n0 = v.n, ppm = v.px_per_m;
    press(ui, 300, 500);
    CHECK_INT(frame(ui, &v, NULL, 0), 0);
    CHECK(ui->active != 0);
    static const int steps[][2] = {{10, -4}, {25, 7}, {-5, 30}};
    int sx = 0, sy = 0;
    for (size_t i = 0; i < COUNT(steps); i++) {
        move(ui, steps[i][0], steps[i][1]);
        CHECK_INT(frame(ui, &v, NULL, 0), 1);
        sx += steps[i][0];
        sy += steps[i][1];
    }
    release(ui);
    CHECK_INT(frame(ui, &v, NULL, 0), 0);
    CHECK_INT(ui->active, 0);
    CHECK_NEAR(v.e, e0 - sx / ppm, 1e-9);
    CHECK_NEAR(v.n, n0 + sy / ppm, 1e-9);
    CHECK_NEAR(v.px_per_m, ppm, 0.0);
    free(ui);
}

static void test_tap_and_outside_drag_keep_view(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    press(ui, 300, 500); /* a tap with a small wobble, not a drag */
    frame(ui, &v, NULL, 0);
    ui->in.dx = 3;
    ui->in.dy = -2;
    CHECK_INT(frame(ui, &v, NULL, 0), 0);
    release(ui);
    CHECK_INT(frame(ui, &v, NULL, 0), 0);
    CHECK_NEAR(v.e, 0.0, 0.0);
    CHECK_NEAR(v.n, 0.0, 0.0);
    press(ui, 300, 100); /* above the canvas, then dragged onto it */
    frame(ui, &v, NULL, 0);
    move(ui, 40, 400);
    CHECK_INT(frame(ui, &v, NULL, 0), 0);
    CHECK_NEAR(v.e, 0.0, 0.0);
    CHECK_NEAR(v.n, 0.0, 0.0);
    free(ui);
}

/* The ground position under a screen point, by inverting the projection. */
static void under(const map_view *v, int x, int y, double *e, double *n)
{
    *e = v->e + (x - (CANVAS.x + CANVAS.w / 2)) / v->px_per_m;
    *n = v->n - (y - (CANVAS.y + CANVAS.h / 2)) / v->px_per_m;
}

static void pinch_at(ui_ctx *ui, map_view *v, int px, int py, float f,
                     int want_moved)
{
    double e0, n0, e1, n1;
    under(v, px, py, &e0, &n0);
    ui->in.pinch = f;
    ui->in.px = px;
    ui->in.py = py;
    CHECK_INT(frame(ui, v, NULL, 0), want_moved);
    under(v, px, py, &e1, &n1);
    CHECK_NEAR(e1, e0, 1e-6);
    CHECK_NEAR(n1, n0, 1e-6);
}

static void test_pinch_keeps_point(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    pinch_at(ui, &v, 150, 400, 1.5f, 1);
    CHECK_NEAR(v.px_per_m, 2.4 * 1.5, 1e-6);
    pinch_at(ui, &v, 600, 900, 0.5f, 1);
    CHECK_NEAR(v.px_per_m, 2.4 * 0.75, 1e-6);
    pinch_at(ui, &v, 360, 600, 1e6f, 1); /* clamped, point still fixed */
    CHECK_NEAR(v.px_per_m, MAP_MAX_PX_PER_M, 0.0);
    pinch_at(ui, &v, 100, 300, 2.0f, 0); /* already at the limit */
    double e = v.e, n = v.n, z = v.px_per_m;
    ui->in.pinch = 0.5f; /* centre above the canvas: not ours */
    ui->in.px = 300;
    ui->in.py = 100;
    CHECK_INT(frame(ui, &v, NULL, 0), 0);
    CHECK(v.e == e && v.n == n && v.px_per_m == z);
    free(ui);
}

/* The mantissa of len when it is 1, 2 or 5 times a power of ten, else 0. */
static int round_mantissa(double len)
{
    double base = pow(10.0, floor(log10(len) + 1e-9));
    for (int m = 1; m <= 5; m++)
        if (fabs(len / base - m) < 1e-9 && (m == 1 || m == 2 || m == 5))
            return m;
    return 0;
}

static void check_scale(double ppm, int max_px)
{
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    v.px_per_m = ppm;
    int px = -1;
    double len = map_scale_length(&v, max_px, &px);
    int mant = round_mantissa(len);
    double next = mant == 2 ? len * 2.5 : len * 2; /* next round length */
    if (!mant || px > max_px || px < 1 || fabs(px - len * ppm) > 0.5 ||
        next * ppm <= max_px)
        TH_FAIL("scale at %g px/m, max %d px: got %g m in %d px, want the "
                "largest 1/2/5 x 10^k length that fits", ppm, max_px, len,
                px);
    th_checks++;
}

static int has_text(const ui_ctx *ui, const char *s)
{
    for (size_t i = 0; i < ui->n_cmd; i++)
        if (ui->cmd[i].kind == UI_CMD_TEXT &&
            strcmp(ui->text + ui->cmd[i].text, s) == 0)
            return 1;
    return 0;
}

static void check_label(double ppm, double want_m, const char *want_label)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    v.px_per_m = ppm;
    int px;
    CHECK_NEAR(map_scale_length(&v, ui_mm(ui, 25), &px), want_m, 1e-9);
    frame(ui, &v, NULL, 0);
    if (!has_text(ui, want_label))
        TH_FAIL("scale label at %g px/m: want \"%s\", got \"%s\"", ppm,
                want_label, ui->n_text ? ui->text : "(no text)");
    th_checks++;
    free(ui);
}

static void test_scale(void)
{
    static const double zooms[] = {0.02, 0.037, 0.1, 0.33, 1, 2.4, 7.7, 40};
    static const int maxes[] = {20, 99, 100, 157, 300, 1000};
    for (size_t i = 0; i < COUNT(zooms); i++)
        for (size_t j = 0; j < COUNT(maxes); j++)
            check_scale(zooms[i], maxes[j]);
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    v.px_per_m = 1.0;
    int px;
    CHECK_NEAR(map_scale_length(&v, 100, &px), 100.0, 0.0); /* exact fit */
    CHECK_INT(px, 100);
    CHECK_NEAR(map_scale_length(&v, 0, &px), 0.0, 0.0);
    CHECK_INT(px, 0);
    /* 25 mm at 160 dpi is 157 px. */
    check_label(2.4, 50.0, "50 m");
    check_label(1.0, 100.0, "100 m");
    check_label(0.1, 1000.0, "1 km");
    check_label(0.06, 2000.0, "2 km");
}

static void test_crosshair_after_pan(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    int sx, sy;
    map_project(&v, CANVAS, STATION_LAT, STATION_LON, &sx, &sy);
    int cx = CANVAS.x + CANVAS.w / 2, cy = CANVAS.y + CANVAS.h / 2;
    /* Drag the station's spot to the centre, in a few frames. */
    press(ui, 400, 600);
    frame(ui, &v, NULL, 0);
    move(ui, (cx - sx) / 2, (cy - sy) / 2);
    frame(ui, &v, NULL, 0);
    move(ui, cx - sx - (cx - sx) / 2, cy - sy - (cy - sy) / 2);
    frame(ui, &v, NULL, 0);
    release(ui);
    frame(ui, &v, NULL, 0);
    double lat, lon, want_lat, want_lon, e, n;
    under(&v, cx, cy, &e, &n);
    map_to_latlon(&v, e, n, &want_lat, &want_lon);
    map_crosshair(&v, &lat, &lon);
    CHECK_NEAR(lat, want_lat, 1e-12);
    CHECK_NEAR(lon, want_lon, 1e-12);
    /* whole-pixel drag: within half a pixel (~0.2 m) of the station */
    CHECK_NEAR(lat, STATION_LAT, 0.5 / v.px_per_m / 111195.0);
    CHECK_NEAR(lon, STATION_LON, 0.5 / v.px_per_m / 56090.0);
    free(ui);
}

static void test_grid(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    v.px_per_m = 1.0; /* 100 m grid = 100 px */
    frame(ui, &v, NULL, 0);
    CHECK_INT(grid_gap(ui), 100);
    static const double zooms[] = {0.02, 0.05, 0.2, 0.31, 0.32, 40};
    for (size_t i = 0; i < COUNT(zooms); i++) {
        v.px_per_m = zooms[i];
        frame(ui, &v, NULL, 0);
        int gap = grid_gap(ui);
        if (gap != 0 && gap < ui_mm(ui, 5) - 1)
            TH_FAIL("grid at %g px/m: lines %d px apart, want >= %d", zooms[i],
                    gap, ui_mm(ui, 5) - 1);
        th_checks++;
    }
    free(ui);
}

/* Four ink arms reaching to the centre's row and column, none covering
 * the centre itself. */
static void test_crosshair_arms(void)
{
    ui_ctx *ui = new_ui();
    map_view v;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 720);
    frame(ui, &v, NULL, 0);
    int cx = CANVAS.x + CANVAS.w / 2, cy = CANVAS.y + CANVAS.h / 2, arms = 0;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *c = &ui->cmd[i];
        if (c->kind != UI_CMD_LINE ||
            !same_color(c->color, ui_theme_day.map_ink))
            continue;
        if ((c->y1 == cy && c->y2 == cy && (c->x1 - cx) * (c->x2 - cx) > 0) ||
            (c->x1 == cx && c->x2 == cx && (c->y1 - cy) * (c->y2 - cy) > 0))
            arms++;
    }
    CHECK_INT(arms, 4);
    free(ui);
}

int main(void)
{
    test_round_trip();
    test_distance();
    test_init_zoom_center();
    test_zoom_clamps();
    test_drag_pans();
    test_tap_and_outside_drag_keep_view();
    test_pinch_keeps_point();
    test_scale();
    test_crosshair_after_pan();
    test_grid();
    test_crosshair_arms();
    return th_report("test_map");
}
