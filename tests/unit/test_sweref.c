/*
 * test_sweref: WGS 84 to SWEREF 99 TM through the real PROJ, opened with
 * dlopen.
 *
 * What is checked: Filipstad railway station lands on the coordinates
 * Trafikverket publishes (within 1 m); the axis order (a point on the
 * projection's central meridian 15 E has easting 500000, the equator there
 * northing 0); a batch of points gives what one-by-one calls give; a point
 * PROJ cannot place comes back as NAN; and the messages when the library or
 * its database proj.db is missing.
 */
#include "sweref.h"
#include "testhelp.h"

#include <math.h>
#include <stdlib.h>

/* Published by Trafikverket for Filipstad station. */
#define STATION_LAT 59.708349420
#define STATION_LON 14.159470306
#define STATION_N 6619231.0
#define STATION_E 452706.0

static sweref *open_or_die(void)
{
    sweref *sw = NULL;
    err_t e = {{0}, 0};
    if (sweref_open(&sw, &e)) {
        fprintf(stderr, "sweref_open: %s\n", e.msg);
        exit(1);
    }
    return sw;
}

static void one(sweref *sw, double lat, double lon, double *n, double *east)
{
    err_t e = {{0}, 0};
    CHECK_INT(sweref_transform(sw, &lat, &lon, n, east, 1, &e), 0);
}

static void test_station(sweref *sw)
{
    double n, east;
    one(sw, STATION_LAT, STATION_LON, &n, &east);
    if (fabs(n - STATION_N) > 1 || fabs(east - STATION_E) > 1)
        TH_FAIL("station: got N %.3f E %.3f, want N %.0f E %.0f (+-1 m)", n,
                east, STATION_N, STATION_E);
    th_checks++;
}

/* EPSG:3006 is officially (northing, easting); we must get them right. */
static void test_axis_order(sweref *sw)
{
    double n, east;
    one(sw, 0.0, 15.0, &n, &east); /* the origin of the grid */
    CHECK(fabs(n) < 0.001);
    CHECK(fabs(east - 500000.0) < 0.001);
    one(sw, 59.7, 15.0, &n, &east); /* on the central meridian, up north */
    CHECK(fabs(east - 500000.0) < 0.001);
    CHECK(n > 6600000.0 && n < 6650000.0);
    double n2, e2; /* east of the meridian: more easting, same-ish north */
    one(sw, 59.7, 16.0, &n2, &e2);
    CHECK(e2 > 550000.0 && e2 < 560000.0);
    CHECK(fabs(n2 - n) < 2000.0);
}

/* One call with many points equals one call per point. */
static void test_batch(sweref *sw)
{
    enum { N = 5000 };
    double *lat = malloc(N * sizeof *lat), *lon = malloc(N * sizeof *lon);
    double *bn = malloc(N * sizeof *bn), *be = malloc(N * sizeof *be);
    err_t e = {{0}, 0};
    for (int i = 0; i < N; i++) {
        lat[i] = 55.3 + 13.8 * i / N;      /* Sweden, south to north */
        lon[i] = 11.0 + 13.0 * (i % 97) / 97.0;
    }
    CHECK_INT(sweref_transform(sw, lat, lon, bn, be, N, &e), 0);
    int bad = 0;
    for (int i = 0; i < N && bad < 3; i += 7) {
        double n, east;
        one(sw, lat[i], lon[i], &n, &east);
        if (n != bn[i] || east != be[i])
            bad++, TH_FAIL("point %d: batch N %.3f E %.3f, single N %.3f "
                           "E %.3f", i, bn[i], be[i], n, east);
    }
    CHECK_INT(bad, 0);
    CHECK(isfinite(bn[N - 1]) && bn[N - 1] > bn[0]);
    free(lat), free(lon), free(bn), free(be);
}

/* On the equator a quarter of the world from 15 E, transverse Mercator
 * has no answer. */
static void test_unplaceable(sweref *sw)
{
    double n, east;
    one(sw, 0.0, 105.0, &n, &east);
    CHECK(isnan(n) && isnan(east));
    one(sw, 0.0, -75.0, &n, &east);
    CHECK(isnan(n) && isnan(east));
    one(sw, STATION_LAT, STATION_LON, &n, &east); /* and PROJ goes on */
    CHECK(fabs(n - STATION_N) <= 1);
}

static void test_missing_library(void)
{
    sweref *sw = (sweref *)&sw;
    err_t e = {{0}, 0};
    CHECK_INT(sweref_open_lib(&sw, "libproj-not-installed.so.99", &e), -1);
    CHECK(sw == NULL);
    CHECK_HAS(e.msg, "cannot load PROJ (libproj-not-installed.so.99)");
    CHECK_HAS(e.msg, "install libproj");
}

/* With its data folder pointed elsewhere PROJ has no proj.db. Last: it
 * changes the environment of the process. */
static void test_missing_database(void)
{
    sweref *sw = NULL;
    err_t e = {{0}, 0};
    setenv("PROJ_DATA", "/nonexistent-trygg-proj", 1);
    setenv("PROJ_LIB", "/nonexistent-trygg-proj", 1);
    setenv("HOME", "/nonexistent-trygg-home", 1);
    CHECK_INT(sweref_open(&sw, &e), -1);
    CHECK(sw == NULL);
    CHECK_HAS(e.msg, "proj.db");
    CHECK_HAS(e.msg, "install proj-data");
}

int main(void)
{
    sweref *sw = open_or_die();
    test_station(sw);
    test_axis_order(sw);
    test_batch(sw);
    test_unplaceable(sw);
    sweref_close(sw);
    test_missing_library();
    test_missing_database();
    return th_report("test_sweref");
}
