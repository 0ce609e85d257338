/*
 * test_export: the export's three writers on rows made in the test, and
 * Swedish local time.
 *
 * What is checked: local time from tzdata in winter and summer and on both
 * daylight-saving switches; the zone check refusing a zone that is not
 * Sweden's or missing; the Excel dialect byte by byte (BOM, Swedish
 * headers, ';', decimal comma, CRLF, quoting) and the formula guard on
 * every text cell while numbers, negative ones too, stay numbers; numbers
 * exactly as printf rounds them; JSON string escaping exactly; a GeoJSON
 * feature parsed back with json-c; the CSV header and a row.
 */
#include "export_int.h"
#include "testhelp.h"

#include <fcntl.h>
#include <json-c/json.h>
#include <math.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

static char g_dir[256];

/* Run one writer over rows (begin, rows, end) into a file and return its
 * bytes (malloc'd, NUL added). */
static char *write_rows(const export_writer *w, const store_export_row *rows,
                        int n, const double *north, const double *east)
{
    char path[320];
    snprintf(path, sizeof path, "%s/out", g_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    csv_out *o = malloc(sizeof *o);
    err_t e = {{0}, 0};
    if (fd < 0 || !o || csv_out_init(o, fd, 0, &e)) {
        perror(path);
        exit(2);
    }
    w->begin(o);
    for (int i = 0; i < n; i++)
        w->row(o, &rows[i], north[i], east[i], i);
    w->end(o);
    CHECK_INT(csv_out_finish(o, NULL, &e), 0);
    free(o);
    off_t len = lseek(fd, 0, SEEK_END);
    char *buf = malloc((size_t)len + 1);
    CHECK_INT(pread(fd, buf, (size_t)len, 0), len);
    buf[len] = '\0';
    close(fd);
    unlink(path);
    return buf;
}

static void set_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

/* A spot at Filipstad station, winter, with a decision and an answer. */
static store_export_row station_row(void)
{
    store_export_row r;
    memset(&r, 0, sizeof r);
    strcpy(r.spot.id, "0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8");
    strcpy(r.spot.walk_id, "11111111-2222-4333-8444-555555555555");
    r.spot.created_at = 1736957400; /* 2025-01-15T16:10:00Z */
    r.spot.updated_at = 1736957400;
    r.spot.lat = 59.70834942;
    r.spot.lon = 14.159470306;
    r.spot.has_accuracy = 1;
    r.spot.accuracy_m = 4.3;
    r.spot.source = SRC_GPS;
    strcpy(r.spot.category, "lighting");
    r.spot.severity = 3;
    strcpy(r.spot.note, "Mörkt; \"väldigt\" mörkt\nhär");
    r.spot.revision = 2;
    r.walk_started_at = 1736956800; /* 2025-01-15T16:00:00Z */
    r.role = ROLE_VOLUNTEER;
    r.light = LIGHT_DARK;
    strcpy(r.label_sv, "Dålig belysning");
    strcpy(r.label_en, "Poor lighting");
    r.status.status = STATUS_PLANNED;
    r.status.set_at = 1785571200; /* 2026-08-01T08:00:00Z, summer */
    strcpy(r.status.comment, "Ny lampa, 2 st");
    r.has_answer = 1;
    r.answer = ANSWER_STILL;
    r.answered_at = 1767225600; /* 2026-01-01T00:00:00Z */
    return r;
}

/* ---- local time ---- */

static const struct {
    int64_t t;
    const char *local;
} LOCAL_CASES[] = {
    {1768478400, "2026-01-15 13:00"}, /* 12:00Z in winter: UTC+1 */
    {1784116800, "2026-07-15 14:00"}, /* 12:00Z in summer: UTC+2 */
    {1774745940, "2026-03-29 01:59"}, /* 00:59Z, the last minute of CET */
    {1774746000, "2026-03-29 03:00"}, /* 01:00Z, CEST begins */
    {1792889940, "2026-10-25 02:59"}, /* 00:59Z, still CEST */
    {1792890000, "2026-10-25 02:00"}, /* 01:00Z, CET again */
    {1767223800, "2026-01-01 00:30"}, /* 2025-12-31T23:30Z: new year */
};

static void test_local_time(void)
{
    char out[EXPORT_LOCAL_LEN + 1];
    set_tz("Europe/Stockholm");
    for (size_t i = 0; i < sizeof LOCAL_CASES / sizeof LOCAL_CASES[0]; i++) {
        export_local_time(LOCAL_CASES[i].t, out);
        CHECK_STR(out, LOCAL_CASES[i].local);
    }
}

static void test_zone_check(void)
{
    err_t e = {{0}, 0};
    set_tz("Europe/Stockholm");
    CHECK_INT(export_check_zone(&e), 0);
    set_tz("UTC");
    CHECK_INT(export_check_zone(&e), -1);
    CHECK_HAS(e.msg, "UTC+0 h in winter");
    set_tz("Europe/Nowhere-trygg"); /* what a missing tzdata looks like */
    CHECK_INT(export_check_zone(&e), -1);
    CHECK_HAS(e.msg, "Europe/Nowhere-trygg");
    CHECK_HAS(e.msg, "install tzdata");
    set_tz("Europe/Stockholm");
}

/* ---- numbers ---- */

/* csv_fixed_text, the number writer of every format (and of the bundles),
 * gives exactly what printf("%.*f") gives, ties and signs included: its
 * fast path must never change a byte. */
static void test_fixed_like_printf(void)
{
    static const double EDGES[] = {0.5, 1.5, 2.5, 0.125, 0.375, 2.25, 1e-9,
                                   -0.001, -0.0, 0.0, 59.70834942, 4.35,
                                   6619231.005, 452706.125, 1e15, -1e20,
                                   0.05, 1.005, 2.675, 9.9999999995};
    char want[400], got[CSV_FIXED_MAX];
    uint64_t x = 88172645463325252ull;
    int bad = 0;
    for (int i = 0; i < 400000 && bad < 5; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
        int d = (int)(x % 10);
        /* Few binary digits make exact ties; the scales cover lat/lon,
         * metres and more. */
        double mant = (double)((int64_t)(x >> 20) - (INT64_C(1) << 43));
        double v = i < 200 ? EDGES[i % 20] * (i % 40 < 20 ? 1 : -1)
                           : ldexp(mant, -(int)((x >> 8) % 48)) /
                                 pow(10.0, (double)((x >> 16) % 8));
        int n = snprintf(want, sizeof want, "%.*f", d, v);
        size_t m = csv_fixed_text(got, v, d, '.');
        int same = n >= CSV_FIXED_MAX /* too long: no text */
                       ? m == 0
                       : m == (size_t)n && memcmp(got, want, m) == 0;
        if (!same)
            bad++, TH_FAIL("%.17g with %d decimals: got %.*s, want %s", v, d,
                           (int)m, got, want);
    }
    CHECK_INT(bad, 0);
    CHECK_INT(csv_fixed_text(got, -2.5, 2, ','), 5);
    CHECK(memcmp(got, "-2,50", 5) == 0);
}

/* csv_out_int (severity, revision) as printf writes whole numbers. */
static void test_int_like_printf(void)
{
    static const int64_t V[] = {0, 1, -1, 9, 10, -10, 123456789,
                                INT64_MAX, INT64_MIN, INT64_MIN + 1};
    char path[320], want[600] = "", got[600] = "";
    snprintf(path, sizeof path, "%s/ints", g_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    csv_out *o = malloc(sizeof *o);
    err_t e = {{0}, 0};
    CHECK(fd >= 0 && o && csv_out_init(o, fd, 0, &e) == 0);
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++) {
        csv_out_int(o, V[i]);
        snprintf(want + strlen(want), sizeof want - strlen(want),
                 i ? ",%lld" : "%lld", (long long)V[i]);
    }
    csv_out_end_row(o);
    strcat(want, "\r\n");
    CHECK_INT(csv_out_finish(o, NULL, &e), 0);
    CHECK(pread(fd, got, sizeof got - 1, 0) > 0);
    CHECK_STR(got, want);
    free(o);
    close(fd);
    unlink(path);
}

/* ---- Excel ---- */

static void test_excel_bytes(void)
{
    store_export_row r = station_row();
    double n = 6619231.004, east = 452706.0;
    set_tz("Europe/Stockholm");
    char *got = write_rows(&export_excel_writer, &r, 1, &n, &east);
    CHECK_STR(got,
              "\xEF\xBB\xBF"
              "Datum;Kategori;Allvarlighet;Anteckning;Status;Status ändrad;"
              "Statuskommentar;Senaste svar;Svarat;Vandringens datum;Roll;"
              "Ljus;Position från;Noggrannhet (m);Punkt-id;Vandrings-id;"
              "SWEREF99TM N;SWEREF99TM E;Latitud;Longitud\r\n"
              "2025-01-15 17:10;Dålig belysning;3;"
              "\"Mörkt; \"\"väldigt\"\" mörkt\nhär\";Planerad;"
              "2026-08-01 10:00;Ny lampa, 2 st;Kvar;2026-01-01 01:00;"
              "2025-01-15 17:00;Polisvolontär;Mörker;GPS;4,3;"
              "0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8;"
              "11111111-2222-4333-8444-555555555555;6619231,00;452706,00;"
              "59,7083494;14,1594703\r\n");
    free(got);
}

/* Split one ';' record at *p (quotes as RFC 4180) into cells (malloc'd
 * texts, quotes removed); returns the count and moves *p past its CRLF. */
static int split_record(const char **p, char **cells, int max)
{
    int n = 0;
    const char *s = *p;
    while (n < max) {
        char *c = malloc(strlen(s) + 1), *o = c;
        int quoted = *s == '"';
        for (s += quoted; *s; s++) {
            if (quoted && *s == '"' && s[1] == '"')
                *o++ = *s++;
            else if (quoted && *s == '"')
                quoted = 0;
            else if (!quoted && (*s == ';' || *s == '\r'))
                break;
            else
                *o++ = *s;
        }
        *o = '\0';
        cells[n++] = c;
        if (*s++ != ';')
            break;
    }
    *p = s + (*s == '\n');
    return n;
}

/* A number of the dialect: -?digits(,digits)? */
static int is_number(const char *s)
{
    s += *s == '-';
    size_t d = strspn(s, "0123456789");
    if (d == 0)
        return 0;
    s += d;
    return !*s || (*s == ',' && s[1] && !s[1 + strspn(s + 1, "0123456789")]);
}

/* No cell starts like a formula unless it is a number. */
static void check_no_formula(char **head, char **cells, int n)
{
    for (int i = 0; i < n; i++) {
        int formula = strchr("=+-@\t\r", cells[i][0]) && cells[i][0];
        if (formula && !is_number(cells[i]))
            TH_FAIL("cell %s = \"%s\" would run as a formula", head[i],
                    cells[i]);
        th_checks++;
    }
}

/* Every text that could start a formula does, in every text cell: each
 * must come out with its apostrophe, while negative coordinates (a spot
 * far from Sweden) stay numbers. */
static void test_excel_guard_every_cell(void)
{
    store_export_row r = station_row();
    strcpy(r.spot.id, "=id");
    strcpy(r.spot.walk_id, "@walk");
    strcpy(r.label_sv, "+label");
    strcpy(r.spot.note, "-2+3");
    strcpy(r.status.comment, "\tcomment");
    r.spot.lat = -33.9;
    r.spot.lon = -70.6;
    double n = -1234.5, east = NAN;
    char *got = write_rows(&export_excel_writer, &r, 1, &n, &east);
    const char *p = got;
    char *head[40], *cells[40];
    int nh = split_record(&p, head, 40), nc = split_record(&p, cells, 40);
    CHECK_INT(nc, nh);
    check_no_formula(head, cells, nc < nh ? nc : nh);
    CHECK_STR(cells[0], "2025-01-15 17:10");
    CHECK_STR(cells[1], "'+label");
    CHECK_STR(cells[3], "'-2+3");
    CHECK_STR(cells[6], "'\tcomment");
    CHECK_STR(cells[14], "'=id");
    CHECK_STR(cells[15], "'@walk");
    CHECK_STR(cells[16], "-1234,50"); /* a number, not text */
    CHECK_STR(cells[17], "");         /* NAN: no coordinate */
    CHECK_STR(cells[18], "-33,9000000");
    CHECK_STR(cells[19], "-70,6000000");
    for (int i = 0; i < nh; i++)
        free(head[i]);
    for (int i = 0; i < nc; i++)
        free(cells[i]);
    free(got);
}

/* ---- JSON and GeoJSON ---- */

static void test_json_string(void)
{
    char *got;
    store_export_row r = station_row();
    strcpy(r.spot.id, "a\"b\\c/\n\r\t\b\f\x01\x1f åäö \x7f 🚶");
    double n = 0, east = 0;
    got = write_rows(&export_geojson_writer, &r, 1, &n, &east);
    CHECK(strstr(got, "\"id\":\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0001\\u001f"
                      " åäö \x7f 🚶\",") != NULL);
    free(got);
}

static json_object *prop(json_object *props, const char *name)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(props, name, &v))
        TH_FAIL("property %s missing", name);
    return v;
}

static void check_feature(json_object *f, const store_export_row *r)
{
    json_object *geom = NULL, *props = NULL, *coords = NULL;
    CHECK(json_object_object_get_ex(f, "geometry", &geom));
    CHECK(json_object_object_get_ex(geom, "coordinates", &coords));
    CHECK_INT(json_object_array_length(coords), 2);
    CHECK(fabs(json_object_get_double(json_object_array_get_idx(coords, 0)) -
               r->spot.lon) < 1e-7); /* lon first (RFC 7946) */
    CHECK(fabs(json_object_get_double(json_object_array_get_idx(coords, 1)) -
               r->spot.lat) < 1e-7);
    CHECK(json_object_object_get_ex(f, "properties", &props));
    CHECK_STR(json_object_get_string(prop(props, "note")), r->spot.note);
    CHECK_STR(json_object_get_string(prop(props, "category_sv")),
              "Dålig belysning");
    CHECK_STR(json_object_get_string(prop(props, "status")), "planned");
    CHECK_STR(json_object_get_string(prop(props, "status_at")),
              "2026-08-01T08:00:00Z");
    CHECK_STR(json_object_get_string(prop(props, "answer")), "still");
    CHECK_STR(json_object_get_string(prop(props, "walk_light")), "dark");
    CHECK_INT(json_object_get_int(prop(props, "severity")), 3);
    CHECK(json_object_get_boolean(prop(props, "positive")) == 0);
    CHECK(fabs(json_object_get_double(prop(props, "sweref_n")) - 6619231) <
          0.01);
}

/* The second row has no decision, answer, light, accuracy or severity:
 * those are null, and the status is open. */
static void check_nulls(json_object *f)
{
    json_object *props = NULL;
    CHECK(json_object_object_get_ex(f, "properties", &props));
    const char *nulls[] = {"status_at", "status_comment", "answer",
                           "answered_at", "walk_light", "accuracy_m",
                           "severity", "sweref_e"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++) {
        json_object *v = prop(props, nulls[i]);
        if (v != NULL)
            TH_FAIL("%s is %s, want null", nulls[i],
                    json_object_to_json_string(v));
        th_checks++;
    }
    CHECK_STR(json_object_get_string(prop(props, "status")), "open");
    CHECK(json_object_get_boolean(prop(props, "positive")) == 1);
}

static void test_geojson_parses(void)
{
    store_export_row r[2] = {station_row(), station_row()};
    memset(&r[1].status, 0, sizeof r[1].status);
    r[1].status.status = STATUS_OPEN;
    r[1].has_answer = 0;
    r[1].light = LIGHT_NONE;
    r[1].spot.has_accuracy = 0;
    r[1].spot.severity = 0;
    r[1].positive = 1;
    double n[2] = {6619231.0, 6619231.0}, east[2] = {452706.0, NAN};
    char *got = write_rows(&export_geojson_writer, r, 2, n, east);
    json_object *root = json_tokener_parse(got), *features = NULL, *t = NULL;
    CHECK(root != NULL);
    CHECK(json_object_object_get_ex(root, "type", &t));
    CHECK_STR(json_object_get_string(t), "FeatureCollection");
    CHECK(json_object_object_get_ex(root, "features", &features));
    CHECK_INT(json_object_array_length(features), 2);
    if (json_object_array_length(features) == 2) {
        check_feature(json_object_array_get_idx(features, 0), &r[0]);
        check_nulls(json_object_array_get_idx(features, 1));
    }
    json_object_put(root);
    free(got);
}

static void test_csv_header(void)
{
    store_export_row r = station_row();
    double n = 6619231.0, east = 452706.0;
    char *got = write_rows(&export_csv_writer, &r, 1, &n, &east);
    const char *want_head =
        "spot_id,walk_id,created_at,updated_at,latitude,longitude,"
        "accuracy_m,position_source,category,severity,note,deleted,revision,"
        "sweref_n,sweref_e,status,status_at,status_comment,walk_started_at,"
        "walk_role,walk_light,answer,answered_at\r\n";
    CHECK(strncmp(got, want_head, strlen(want_head)) == 0);
    CHECK(strstr(got, ",2025-01-15T16:10:00Z,2025-01-15T16:10:00Z,"
                      "59.7083494,14.1594703,4.3,gps,lighting,3,") != NULL);
    CHECK(strstr(got, ",0,2,6619231.00,452706.00,planned,"
                      "2026-08-01T08:00:00Z,\"Ny lampa, 2 st\","
                      "2025-01-15T16:00:00Z,volunteer,dark,still,"
                      "2026-01-01T00:00:00Z\r\n") != NULL);
    free(got);
}

int main(void)
{
    th_tmpdir(g_dir, "export");
    test_local_time();
    test_zone_check();
    test_fixed_like_printf();
    test_int_like_printf();
    test_excel_bytes();
    test_excel_guard_every_cell();
    test_json_string();
    test_geojson_parses();
    test_csv_header();
    rmdir(g_dir);
    return th_report("test_export");
}
