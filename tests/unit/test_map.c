/*
 * test_map: the map canvas (map). Projection round trips and distances in
 * Filipstad, zoom limits, and map_do driven frame by frame with plain
 * input: drag pans by exactly the finger's movement, a tap does not, a
 * pinch keeps the point under its centre; the scale bar's round lengths
 * and label; markers on and off the canvas; the crosshair after a pan.
 */
#include "map.h"
#include "testhelp.h"
#include "ui_theme.h"

#include <math.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define STATION_LAT 59.708349420 /* Filipstad railway station */
#define STATION_LON 14.159470306

/* |got - want| <= tol, printing both on failure. */
#define CHECK_NEAR(got, want, tol)                                             \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        th_checks++;                                                           \
        if (!(fabs(g_ - w_) <= (tol)))                                         \
            TH_FAIL("%s: got %.12g, want %.12g (tolerance %g)", #got, g_,     \
                    w_, (double)(tol));                                        \
    } while (0)

static const ui_rect CANVAS = {0, 200, 720, 800};

static ui_ctx *new_ui(void)
{
    ui_ctx *ui = calloc(1, sizeof *ui);
    if (!ui) {
        perror("calloc");
        exit(2);
    }
    ui_init(ui, 160 / 25.4f, 720, 1280, &ui_theme_day);
    ui->in.pinch = 1.0f;
    return ui;
}

/* One frame: the input already in ui->in, the canvas drawn, edges cleared. */
static int frame(ui_ctx *ui, map_view *v, const map_marker *m, size_t n)
{
    ui_begin(ui);
    int moved = map_do(ui, v, CANVAS, m, n);
    ui_end(ui);
    return moved;
}

static void press(ui_ctx *ui, int x, int y)
{
    ui->in = (ui_input){.x = x, .y = y, .down = 1, .pressed = 1,
                        .pinch = 1.0f};
}

static void move(ui_ctx *ui, int dx, int dy)
{
    ui->in.x += dx;
    ui->in.y += dy;
    ui->in.dx = dx;
    ui->in.dy = dy;
    ui->in.dragged = 1;
}

static void release(ui_ctx *ui)
{
    ui->in.down = 0;
    ui->in.released = 1;
}

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

static int same_color(ui_color a, ui_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static int circles_at(const ui_ctx *ui, int x, int y)
{
    int k = 0;
    for (size_t i = 0; i < ui->n_cmd; i++)
        if (ui->cmd[i].kind == UI_CMD_CIRCLE && ui->cmd[i].x1 == x &&
            ui->cmd[i].y1 == y)
            k++;
    return k;
}

static int count_kind(const ui_ctx *ui, ui_cmd_kind kind)
{
    int k = 0;
    for (size_t i = 0; i < ui->n_cmd; i++)
        k += ui->cmd[i].kind == kind;
    return k;
}

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

/* The smallest gap between vertical grid lines, or 0 with fewer than two. */
static int grid_gap(const ui_ctx *ui)
{
    int last = 0, gap = 0, seen = 0;
    for (size_t i = 0; i < ui->n_cmd; i++) {
        const ui_cmd *c = &ui->cmd[i];
        if (c->kind != UI_CMD_LINE || c->x1 != c->x2 ||
            !same_color(c->color, ui_theme_day.map_grid))
            continue;
        if (seen++ && (gap == 0 || c->x1 - last < gap))
            gap = c->x1 - last;
        last = c->x1;
    }
    return gap;
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
    test_markers();
    test_crosshair_after_pan();
    test_grid();
    test_crosshair_arms();
    return th_report("test_map");
}
