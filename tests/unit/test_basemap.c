/*
 * test_basemap: reading GeoJSON base maps (basemap). Good files of every
 * geometry type (tests/map/good-*.geojson), the projection against known
 * values and against app/ui/map.c, the built-in map, and a table of bad
 * inputs, each refused with a message that names the file, the feature
 * and the problem. The test finds tests/map/ next to its own source.
 */
#include "basemap.h"
#include "map.h"
#include "testhelp.h"

#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define M_PER_DEG (6371008.8 * 3.14159265358979323846 / 180.0)

/* tests/map/NAME, found from this file's path (CMake compiles it by its
 * absolute path). */
static const char *map_file(const char *name)
{
    static char path[1024];
    const char *src = __FILE__, *end = strstr(src, "unit/test_basemap.c");
    int n = end ? (int)(end - src) : 0;
    snprintf(path, sizeof path, "%.*smap/%s", n, src, name);
    return path;
}

static double lon_m(double lon)
{
    return (lon - BASEMAP_ORIGIN_LON) * M_PER_DEG *
           cos(BASEMAP_ORIGIN_LAT * 3.14159265358979323846 / 180.0);
}

static double lat_m(double lat) { return (lat - BASEMAP_ORIGIN_LAT) * M_PER_DEG; }

/* The shoelace area of a ring of lon/lat, projected, in m². */
static double ring_m2(const double (*ll)[2], size_t n)
{
    double s = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        s += lon_m(ll[j][0]) * lat_m(ll[i][1]) - lon_m(ll[i][0]) * lat_m(ll[j][1]);
    return fabs(s) / 2;
}

/* Sum of a feature's triangle areas (m²); counts turned-over triangles and
 * indexes outside xy[]. */
static double tri_m2(const basemap *m, const bm_feature *f, int *bad)
{
    double sum = 0;
    for (size_t i = f->tri_first; i + 2 < f->tri_first + f->n_tri; i += 3) {
        const unsigned *t = m->tri + i;
        if (t[0] >= m->n_xy || t[1] >= m->n_xy || t[2] >= m->n_xy) {
            ++*bad;
            continue;
        }
        bm_xy a = m->xy[t[0]], b = m->xy[t[1]], c = m->xy[t[2]];
        double ar = 0.5 * (((double)b.e - a.e) * ((double)c.n - a.n) -
                           ((double)b.n - a.n) * ((double)c.e - a.e));
        *bad += ar <= 0;
        sum += ar;
    }
    return sum;
}

static const bm_feature *find(const basemap *m, const char *name, size_t nth)
{
    for (size_t i = 0; i < m->n_f; i++)
        if (m->f[i].name && strcmp(m->f[i].name, name) == 0 && nth-- == 0)
            return &m->f[i];
    return NULL;
}

static void check_bbox(const basemap *m)
{
    int outside = 0;
    for (size_t i = 0; i < m->n_f; i++) {
        const bm_feature *f = &m->f[i];
        for (size_t k = f->first; k < f->first + f->n; k++)
            outside += m->xy[k].e < f->min_e || m->xy[k].e > f->max_e ||
                       m->xy[k].n < f->min_n || m->xy[k].n > f->max_n ||
                       f->min_e < m->min_e || f->max_e > m->max_e ||
                       f->min_n < m->min_n || f->max_n > m->max_n;
    }
    CHECK_INT(outside, 0);
}

/* good-all.geojson: one feature per part, kinds, names, bounding boxes. */
static void check_good_all_features(const basemap *m)
{
    CHECK_INT(m->n_f, 10); /* Multi*: one feature per part */
    CHECK_INT(m->n_skipped, 1);
    CHECK_STR(m->attribution, "Test data, made up for trygg's tests");
    CHECK_INT(m->schematic, 0);
    size_t by_kind[BM_KIND_N] = {0}, by_geom[3] = {0};
    for (size_t i = 0; i < m->n_f; i++) {
        by_kind[m->f[i].kind]++;
        by_geom[m->f[i].geom]++;
    }
    static const size_t want_kind[BM_KIND_N] = {1, 2, 1, 1, 2, 1, 2};
    for (int k = 0; k < BM_KIND_N; k++)
        CHECK_INT(by_kind[k], want_kind[k]);
    CHECK_INT(by_geom[BM_POINT], 3);
    CHECK_INT(by_geom[BM_LINE], 3);
    CHECK_INT(by_geom[BM_AREA], 4);
    const bm_feature *road = find(m, "Gatan", 0);
    CHECK(road && road->geom == BM_LINE && road->n == 3);
    CHECK(find(m, "Bänkar", 1) != NULL); /* both parts keep the name */
    CHECK(find(m, "Husen", 1) != NULL);
    CHECK(m->f[4].kind == BM_PATH && m->f[4].name == NULL);
    check_bbox(m);
}

/* good-all.geojson: the park with a hole has exactly the area outer minus
 * hole (2 x 1 thousandths of a degree minus 1 x 0.4); the concave lake is
 * cut into 3 triangles; every triangle is counter-clockwise. */
static void check_good_all_areas(const basemap *m)
{
    static const double outer[][2] = {{14.170, 59.712}, {14.172, 59.712},
                                      {14.172, 59.713}, {14.170, 59.713}};
    static const double hole[][2] = {{14.1705, 59.7123}, {14.1705, 59.7127},
                                     {14.1715, 59.7127}, {14.1715, 59.7123}};
    const bm_feature *park = find(m, "Parken med damm", 0);
    const bm_feature *lake = find(m, "Sjön", 0);
    int bad = 0;
    CHECK(park && park->geom == BM_AREA && park->n == 4); /* outer ring */
    CHECK(park && park->n_tri > 0 && park->n_tri % 3 == 0);
    if (park) {
        double want = ring_m2(outer, 4) - ring_m2(hole, 4);
        double got = tri_m2(m, park, &bad);
        if (fabs(got - want) > 0.5) /* floats of ~100 m: well under 1 m² */
            TH_FAIL("park area %.2f m², want %.2f m²", got, want);
    }
    CHECK(lake && lake->n == 5 && lake->n_tri == 9);
    if (lake)
        tri_m2(m, lake, &bad);
    CHECK_INT(bad, 0);
}

static void test_good_all(void)
{
    basemap m;
    err_t e = {{0}, 0};
    if (basemap_load(&m, map_file("good-all.geojson"), BASEMAP_ORIGIN_LAT,
                     BASEMAP_ORIGIN_LON, &e)) {
        TH_FAIL("good-all.geojson refused: %s", e.msg);
        return;
    }
    check_good_all_features(&m);
    check_good_all_areas(&m);
    basemap_free(&m);
    CHECK(m.f == NULL && m.xy == NULL && m.tri == NULL && m.n_f == 0);
    basemap_free(&m); /* twice is fine */
}

static void test_good_feature(void)
{
    basemap m;
    err_t e = {{0}, 0};
    CHECK_INT(basemap_load(&m, map_file("good-feature.geojson"),
                           BASEMAP_ORIGIN_LAT, BASEMAP_ORIGIN_LON, &e), 0);
    CHECK_INT(m.n_f, 1);
    CHECK_STR(m.attribution, "");
    CHECK(m.n_f == 1 && m.f[0].kind == BM_PARK && m.f[0].n_tri == 3);
    CHECK(m.n_f == 1 && m.f[0].name && strcmp(m.f[0].name, "Ensam park") == 0);
    basemap_free(&m);
}

/* The railway station from Trafikverket: about 637.2 m west and 461.5 m
 * south of the origin; the same as app/ui/map.c; and back. */
static void test_projection(void)
{
    const double lat = 59.708349420, lon = 14.159470306;
    char json[256];
    basemap m;
    err_t e = {{0}, 0};
    snprintf(json, sizeof json, "{\"type\": \"Feature\", \"properties\": null,"
             " \"geometry\": {\"type\": \"Point\", \"coordinates\": "
             "[%.9f, %.9f]}}", lon, lat);
    if (basemap_parse(&m, json, strlen(json), "p.geojson", BASEMAP_ORIGIN_LAT,
                      BASEMAP_ORIGIN_LON, &e)) {
        TH_FAIL("refused: %s", e.msg);
        return;
    }
    double east = m.xy[0].e, north = m.xy[0].n;
    if (fabs(east - -637.2) > 0.1 || fabs(north - -461.5) > 0.1)
        TH_FAIL("station at %.2f E, %.2f N; want -637.2, -461.5", east, north);
    CHECK(BASEMAP_ORIGIN_LAT == MAP_ORIGIN_LAT &&
          BASEMAP_ORIGIN_LON == MAP_ORIGIN_LON);
    map_view v;
    double ve, vn, back_lat, back_lon;
    map_init(&v, MAP_ORIGIN_LAT, MAP_ORIGIN_LON, 320);
    map_to_local(&v, lat, lon, &ve, &vn);
    if (fabs(ve - east) > 0.001 || fabs(vn - north) > 0.001)
        TH_FAIL("map.c puts it at %.4f, %.4f; basemap at %.4f, %.4f", ve, vn,
                east, north);
    map_to_latlon(&v, east, north, &back_lat, &back_lon);
    if (fabs(back_lat - lat) > 1e-7 || fabs(back_lon - lon) > 1e-7)
        TH_FAIL("round trip gives %.9f, %.9f", back_lat, back_lon);
    th_checks += 3;
    CHECK(m.f[0].kind == BM_OTHER && m.f[0].name == NULL);
    basemap_free(&m);
}

/* The built-in map: schematic, attributed, verified landmarks only, all
 * in the walk area (lat 59.700..59.722, lon 14.150..14.190). */
static void test_default(void)
{
    basemap m;
    err_t e = {{0}, 0};
    if (basemap_load_default(&m, BASEMAP_ORIGIN_LAT, BASEMAP_ORIGIN_LON, &e)) {
        TH_FAIL("the built-in map is refused: %s", e.msg);
        return;
    }
    CHECK_INT(m.schematic, 1);
    CHECK_HAS(m.attribution, "Trafikverket");
    CHECK_HAS(m.attribution, "Wikipedia");
    CHECK_INT(m.n_f, 3);
    int not_landmark = 0;
    for (size_t i = 0; i < m.n_f; i++)
        not_landmark += m.f[i].geom != BM_POINT || m.f[i].kind != BM_LANDMARK ||
                        !m.f[i].name;
    CHECK_INT(not_landmark, 0);
    CHECK(find(&m, "Filipstads järnvägsstation", 0) != NULL);
    CHECK(find(&m, "Trons kapell", 0) != NULL);
    CHECK(m.min_e >= lon_m(14.150) && m.max_e <= lon_m(14.190));
    CHECK(m.min_n >= lat_m(59.700) && m.max_n <= lat_m(59.722));
    basemap_free(&m);
}

static void test_kinds(void)
{
    for (int k = 0; k < BM_KIND_N; k++)
        CHECK_INT(basemap_kind_of(basemap_kind_name((bm_kind)k)), k);
    CHECK_INT(basemap_kind_of("motorway"), BM_OTHER);
    CHECK_INT(basemap_kind_of(NULL), BM_OTHER);
    CHECK_STR(basemap_kind_name(BM_WATER), "water");
}

/* ---- refusals ------------------------------------------------------------ */

#define FC(feats) "{\"type\": \"FeatureCollection\", \"features\": [" feats "]}"
#define GOOD_F "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": " \
    "{\"type\": \"Point\", \"coordinates\": [14.17, 59.71]}},"
/* Feature 1 named "X" with geometry type t and coordinates c. */
#define BAD_G(t, c) FC(GOOD_F "{\"type\": \"Feature\", \"properties\": " \
    "{\"name\": \"X\"}, \"geometry\": {\"type\": \"" t "\", " \
    "\"coordinates\": " c "}}")
#define SQ "[14.17, 59.71], [14.18, 59.71], [14.18, 59.72], [14.17, 59.72]"

static const struct bad {
    const char *json, *want;
} BAD[] = {
    {"", "not JSON: the text ends at line 1"},
    {"{\"type\": \"FeatureCollection\",\n \"features\": [}", "not JSON: "
     "unexpected character at line 2, column 15"},
    {FC("") " x", "not JSON: unexpected character at line 1"},
    {FC("") "\n{}", "not JSON"},
    {"{\"type\": \"FeatureCollection\", \"features\": [", "the text ends"},
    {"{\"type\": \"Feature\", \"properties\": {\"name\": \"\xc3\x28\"}}",
     "not JSON: invalid utf-8"},
    {"[1, 2]", "t.geojson: is JSON but not a GeoJSON object"},
    {"{\"features\": []}", "has no \"type\""},
    {"{\"type\": \"Point\", \"coordinates\": [14, 59]}", "is a bare Point"},
    {"{\"type\": \"Topology\"}", "want FeatureCollection or Feature"},
    {"{\"type\": \"FeatureCollection\", \"features\": {}}",
     "no \"features\" array"},
    {FC(""), "has no feature with a geometry: nothing to draw"},
    {FC("{\"type\": \"Feature\", \"geometry\": null}"), "nothing to draw"},
    {FC(GOOD_F "1"), "t.geojson: features[1]: is not an object"},
    {FC(GOOD_F "{\"type\": \"feature\", \"geometry\": null}"),
     "features[1]: has no \"type\": \"Feature\""},
    {FC(GOOD_F "{\"type\": \"Feature\", \"properties\": [], \"geometry\": "
        "null}"), "features[1]: \"properties\" is not an object"},
    {FC(GOOD_F "{\"type\": \"Feature\", \"properties\": {\"name\": 5}, "
        "\"geometry\": null}"), "features[1]: property \"name\" is not a "
     "string"},
    {FC(GOOD_F "{\"type\": \"Feature\", \"properties\": {\"name\": \"X\", "
        "\"kind\": true}, \"geometry\": null}"), "features[1] \"X\": "
     "property \"kind\" is not a string"},
    {FC(GOOD_F "{\"type\": \"Feature\", \"properties\": {\"name\": \"X\"}}"),
     "features[1] \"X\": has no \"geometry\""},
    {FC(GOOD_F "{\"type\": \"Feature\", \"properties\": {\"name\": \"X\"}, "
        "\"geometry\": 3}"), "features[1] \"X\": \"geometry\" is not an "
     "object"},
    {FC(GOOD_F "{\"type\": \"Feature\", \"properties\": {\"name\": \"X\"}, "
        "\"geometry\": {\"coordinates\": []}}"), "features[1] \"X\": the "
     "geometry has no \"type\""},
    {FC(GOOD_F "{\"type\": \"Feature\", \"properties\": {\"name\": \"X\"}, "
        "\"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": "
        "[]}}"), "features[1] \"X\": a GeometryCollection is not supported"},
    {BAD_G("Circle", "[14.17, 59.71]"), "features[1] \"X\": geometry type "
     "\"Circle\" is not Point"},
    {FC(GOOD_F "{\"type\": \"Feature\", \"properties\": {\"name\": \"X\"}, "
        "\"geometry\": {\"type\": \"Point\"}}"), "features[1] \"X\": Point: "
     "has no \"coordinates\""},
    {BAD_G("Point", "[\"14.17\", 59.71]"), "features[1] \"X\": Point, "
     "position 0: value 0 is not a number"},
    {BAD_G("Point", "[14.17]"), "Point, position 0: is not [longitude, "
     "latitude]"},
    {BAD_G("Point", "[181, 59.71]"), "features[1] \"X\": Point, position 0: "
     "longitude 181 is not in -180..180"},
    {BAD_G("Point", "[14.17, -90.5]"), "latitude -90.5 is not in -90..90"},
    {BAD_G("Point", "[NaN, 59.71]"), "is not in -180..180"},
    {BAD_G("Point", "[14.17, 1e400]"), "is not in -90..90"},
    {BAD_G("MultiPoint", "[[14.17, 59.71], [14.17, 99]]"), "features[1] "
     "\"X\": MultiPoint part 1, position 0: latitude 99"},
    {BAD_G("LineString", "[[14.17, 59.71]]"), "features[1] \"X\": "
     "LineString: has 1 position; a line needs at least 2"},
    {BAD_G("LineString", "{}"), "LineString: coordinates are not an array"},
    {BAD_G("LineString", "[[14.17, 59.71], [14.17, 59.72], [14.17]]"),
     "LineString, position 2: is not [longitude, latitude]"},
    {BAD_G("MultiLineString", "[[[14.17, 59.71], [14.18, 59.71]], []]"),
     "features[1] \"X\": MultiLineString part 1: has 0 positions"},
    {BAD_G("Polygon", "[]"), "features[1] \"X\": Polygon: has no rings"},
    {BAD_G("Polygon", "[[[14.17, 59.71], [14.18, 59.71], [14.17, 59.71]]]"),
     "Polygon, ring 0: has 3 positions; a ring needs at least 4"},
    {BAD_G("Polygon", "[[" SQ "]]"), "features[1] \"X\": Polygon, ring 0: "
     "is not closed"},
    {BAD_G("Polygon", "[[" SQ ", [14.17, 59.71]], [[14.171, 59.711], "
           "[14.172, 59.711], [14.172, 59.712], [14.171, 59.712]]]"),
     "Polygon, ring 1: is not closed"},
    {BAD_G("Polygon", "[[" SQ ", [14.17, 59.71]], 7]"), "Polygon, ring 1: "
     "is not an array of positions"},
    {BAD_G("Polygon", "[[[14.17, 59.71], [14.18, 59.72], [14.18, 59.71], "
           "[14.17, 59.72], [14.17, 59.71]]]"), "features[1] \"X\": "
     "Polygon: cannot be filled: the outer ring's edge from point"},
    {BAD_G("Polygon", "[[" SQ ", [14.17, 59.71]], [[14.19, 59.711], "
           "[14.20, 59.711], [14.20, 59.712], [14.19, 59.711]]]"),
     "Polygon: cannot be filled: hole 1 is not inside the outer ring"},
    {BAD_G("MultiPolygon", "[[[" SQ ", [14.17, 59.71]]], [[[14.17, 59.71], "
           "[14.18, 59.72], [14.18, 59.71], [14.17, 59.72], [14.17, "
           "59.71]]]]"), "features[1] \"X\": MultiPolygon part 1: cannot be "
     "filled: the outer ring's edge"},
    {"{\"type\": \"Feature\", \"properties\": {\"name\": \"Y\"}, "
     "\"geometry\": {\"type\": \"LineString\", \"coordinates\": []}}",
     "t.geojson: feature \"Y\": LineString: has 0 positions"},
    {"{\"type\": \"Feature\", \"attribution\": 1, \"geometry\": null}",
     "t.geojson: \"attribution\" is not a string"},
    {"{\"type\": \"Feature\", \"trygg_schematic\": \"yes\", \"geometry\": "
     "null}", "\"trygg_schematic\" is not true or false"},
};

static void test_bad(void)
{
    for (size_t i = 0; i < COUNT(BAD); i++) {
        basemap m;
        err_t e = {{0}, 0};
        int rc = basemap_parse(&m, BAD[i].json, strlen(BAD[i].json),
                               "t.geojson", BASEMAP_ORIGIN_LAT,
                               BASEMAP_ORIGIN_LON, &e);
        if (rc != -1) {
            TH_FAIL("case %zu accepted: %s", i, BAD[i].json);
            basemap_free(&m);
            continue;
        }
        CHECK(m.n_f == 0 && m.xy == NULL && m.tri == NULL && !m.attribution);
        CHECK(strncmp(e.msg, "t.geojson: ", 11) == 0);
        CHECK_HAS(e.msg, BAD[i].want);
    }
}

/* Files: the message names the file and the feature. */
static void test_bad_files(void)
{
    static const struct { const char *file, *want; } F[] = {
        {"bad-open-ring.geojson", "features[1] \"Dammen\": Polygon, ring 0: "
         "is not closed"},
        {"bad-not-json.geojson", "not JSON: unexpected character at line 3"},
        {"bad-bowtie.geojson", "features[0] \"Fluga\": Polygon: cannot be "
         "filled: the outer ring's edge from point"},
        {"bad-latitude.geojson", "features[1] \"Norr om polen\": Point, "
         "position 0: latitude 95"},
        {"no-such-file.geojson", "cannot open"},
    };
    for (size_t i = 0; i < COUNT(F); i++) {
        basemap m;
        err_t e = {{0}, 0};
        const char *path = map_file(F[i].file);
        CHECK_INT(basemap_load(&m, path, BASEMAP_ORIGIN_LAT,
                               BASEMAP_ORIGIN_LON, &e), -1);
        CHECK_HAS(e.msg, path);
        CHECK_HAS(e.msg, F[i].want);
        CHECK(m.n_f == 0 && m.xy == NULL);
    }
}

/* Too large, empty, or not a file: refused before reading. */
static void test_file_limits(void)
{
    char dir[256], path[300];
    basemap m;
    err_t e = {{0}, 0};
    th_tmpdir(dir, "basemap");
    snprintf(path, sizeof path, "%s/big.geojson", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && ftruncate(fd, BASEMAP_MAX_BYTES + 1) == 0);
    if (fd >= 0)
        close(fd);
    CHECK_INT(basemap_load(&m, path, 59.7, 14.2, &e), -1);
    CHECK_HAS(e.msg, "a map may be at most 32 MB");
    CHECK(truncate(path, 0) == 0);
    CHECK_INT(basemap_load(&m, path, 59.7, 14.2, &e), -1);
    CHECK_HAS(e.msg, "big.geojson: is empty");
    CHECK_INT(basemap_load(&m, dir, 59.7, 14.2, &e), -1);
    CHECK_HAS(e.msg, "is not a regular file");
    CHECK_INT(basemap_parse(&m, "{}", (size_t)BASEMAP_MAX_BYTES + 1, "x", 59.7,
                            14.2, &e), -1);
    CHECK_HAS(e.msg, "at most 32 MB");
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    test_good_all();
    test_good_feature();
    test_projection();
    test_default();
    test_kinds();
    test_bad();
    test_bad_files();
    test_file_limits();
    return th_report("test_basemap");
}
