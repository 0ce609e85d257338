/* cli_map: `trygg map install FILE | check FILE | info`: the base map under
 * the walk screen. The built-in map (assets/map) is schematic; a
 * municipality installs its own GeoJSON, checked by basemap_load around
 * Filipstad centre and copied in one atomic step (temporary file in the
 * same folder, fsync, rename, fsync of the folder), so the app never sees
 * half a map and a refused file changes nothing. */
#include "basemap.h"
#include "cli.h"
#include "fsx.h"
#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Farther than this from the origin, a map is off the walk screen as it
 * opens: worth a note (it is still installed). */
#define MAP_FAR_M 5000.0

static const char MAP_HELP[] =
    "usage: trygg map install FILE.geojson\n"
    "       trygg map check FILE.geojson\n"
    "       trygg map info\n"
    "\n"
    "The walk screen draws a base map under the spots. Built in is a\n"
    "schematic map of Filipstad centre: a grid and a few verified points,\n"
    "no streets. A municipality installs its own map:\n"
    "\n"
    "install  checks FILE and, when it is good, copies it in one step to\n"
    "         $XDG_DATA_HOME/trygg/map.geojson (replacing the map installed\n"
    "         before) and prints what it holds, the path on the last line.\n"
    "         A refused file is named with the reason; nothing changes.\n"
    "check    checks FILE and prints what it holds; installs nothing.\n"
    "info     says which map is in use (installed or built-in) and what it\n"
    "         holds.\n"
    "\n"
    "The file: GeoJSON (RFC 7946) in WGS84 longitude/latitude, a\n"
    "FeatureCollection of Point, LineString and Polygon features (Multi*\n"
    "too), at most 32 MB. Each feature's property \"kind\" picks its look:\n"
    "road, path, water, park, building, landmark (anything else: other);\n"
    "\"name\" gives a label. A top-level \"attribution\" string is shown on\n"
    "the map: put the data's source and licence there.\n"
    "\n"
    "Making one:\n"
    "- From OpenStreetMap with QGIS: load the walk area, add a \"kind\"\n"
    "  field (Field Calculator), export the layers as GeoJSON in EPSG:4326\n"
    "  (Export > Save Features As) and merge them into one file. Keep\n"
    "  \"attribution\": \"© OpenStreetMap contributors, ODbL\": the licence\n"
    "  requires it.\n"
    "- From Lantmäteriet's open data (SWEREF 99 TM), reprojected to WGS84:\n"
    "    ogr2ogr -t_srs EPSG:4326 -f GeoJSON out.geojson in.gpkg\n"
    "  then add \"kind\" and the \"attribution\" Lantmäteriet asks for.\n"
    "Then run trygg map check FILE until it is good, and install it.\n";

static void count_kinds(const basemap *m, size_t by_kind[BM_KIND_N])
{
    memset(by_kind, 0, BM_KIND_N * sizeof by_kind[0]);
    for (size_t i = 0; i < m->n_f; i++)
        by_kind[m->f[i].kind]++;
}

/* "10 features (1 road, 2 water, ...)" */
static void print_counts(const basemap *m)
{
    size_t by_kind[BM_KIND_N];
    const char *sep = "";
    count_kinds(m, by_kind);
    printf("%zu feature%s (", m->n_f, m->n_f == 1 ? "" : "s");
    for (int k = 0; k < BM_KIND_N; k++) {
        if (!by_kind[k])
            continue;
        printf("%s%zu %s", sep, by_kind[k], basemap_kind_name((bm_kind)k));
        sep = ", ";
    }
    printf(")");
    if (m->n_skipped)
        printf("; %zu without geometry left out", m->n_skipped);
    printf(".\n");
}

/* How far the map's box is from the origin, in metres (0: it covers it). */
static double distance_from_origin(const basemap *m)
{
    double de = m->min_e > 0 ? m->min_e : m->max_e < 0 ? -m->max_e : 0;
    double dn = m->min_n > 0 ? m->min_n : m->max_n < 0 ? -m->max_n : 0;
    return hypot(de, dn);
}

static void print_summary(const basemap *m, const char *cmd)
{
    print_counts(m);
    printf("Extent: %.0f m east-west, %.0f m north-south.\n",
           (double)m->max_e - m->min_e, (double)m->max_n - m->min_n);
    if (m->attribution[0])
        printf("Attribution: %s\n", m->attribution);
    else
        printf("Attribution: none (data from OpenStreetMap must say "
               "\"© OpenStreetMap contributors\").\n");
    if (m->schematic)
        printf("Schematic: yes (drawn with a \"schematic\" note).\n");
    double far = distance_from_origin(m);
    if (far > MAP_FAR_M)
        fprintf(stderr, "trygg %s: note: the map lies %.0f km from "
                "Filipstad centre, where the walk screen opens.\n", cmd,
                far / 1000.0);
}

/* ---- writing the file in one step -------------------------------------- */

static int write_all(int fd, const char *buf, size_t len, const char *path,
                     err_t *e)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return err_os(e, errno, "cannot write %s", path);
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Write len bytes to a temporary file beside dest, make it durable, then
 * rename it over dest: readers see the old map or the new one, whole. */
static int install_bytes(const char *dest, const char *buf, size_t len,
                         err_t *e)
{
    char dir[PATH_MAX], tmp[PATH_MAX];
    fsx_dir_of(dest, dir, sizeof dir);
    if (snprintf(tmp, sizeof tmp, "%s/.map.geojson.XXXXXX", dir) >=
        (int)sizeof tmp)
        return err_set(e, "path of %s is too long", dest);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return err_os(e, errno, "cannot create a file in %s", dir);
    int rc = fchmod(fd, 0644) ? err_os(e, errno, "cannot set the mode of %s",
                                      tmp)
                              : write_all(fd, buf, len, tmp, e);
    if (rc)
        close(fd);
    else
        rc = fsx_sync_close(fd, tmp, e);
    if (!rc && rename(tmp, dest) != 0)
        rc = err_os(e, errno, "cannot rename %s to %s", tmp, dest);
    if (rc) {
        unlink(tmp);
        return -1;
    }
    return fsx_sync_dir(dir, e);
}

/* ---- the subcommands ---------------------------------------------------- */

/* Read and check FILE; on success *buf holds its bytes (free it). */
static int check_file(const char *cmd, const char *path, basemap *m,
                      char **buf, size_t *len)
{
    err_t e;
    if (basemap_read_file(path, buf, len, &e) ||
        basemap_parse(m, *buf, *len, path, BASEMAP_ORIGIN_LAT,
                      BASEMAP_ORIGIN_LON, &e)) {
        free(*buf);
        *buf = NULL;
        fprintf(stderr, "trygg %s: %s%s\n", cmd, e.msg,
                strcmp(cmd, "map install") == 0
                    ? " (nothing installed; the map in use is unchanged)" : "");
        return -1;
    }
    return 0;
}

static int map_install(int argc, char **argv)
{
    char dest[PATH_MAX], *buf;
    size_t len;
    basemap m;
    err_t e;
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error("map install", "give one GeoJSON file");
    if (check_file("map install", argv[1], &m, &buf, &len))
        return CLI_FAIL;
    printf("Checked %s: ", argv[1]);
    print_summary(&m, "map install");
    basemap_free(&m);
    int rc = paths_default_map(dest, sizeof dest, &e) ||
             install_bytes(dest, buf, len, &e);
    free(buf);
    if (rc)
        return cli_error("map install", &e);
    printf("Installed as the base map.\n%s\n", dest);
    return CLI_OK;
}

static int map_check(int argc, char **argv)
{
    char *buf;
    size_t len;
    basemap m;
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error("map check", "give one GeoJSON file");
    if (check_file("map check", argv[1], &m, &buf, &len))
        return CLI_FAIL;
    free(buf);
    printf("%s is a good map: ", argv[1]);
    print_summary(&m, "map check");
    basemap_free(&m);
    return CLI_OK;
}

static int map_info(int argc, char **argv)
{
    char path[PATH_MAX];
    struct stat sb;
    basemap m;
    err_t e;
    (void)argv;
    if (argc != 1)
        return cli_usage_error("map info", "takes no arguments");
    if (paths_default_map(path, sizeof path, &e))
        return cli_error("map info", &e);
    if (stat(path, &sb) != 0 && errno == ENOENT) {
        if (basemap_load_default(&m, BASEMAP_ORIGIN_LAT, BASEMAP_ORIGIN_LON,
                                 &e))
            return cli_error("map info", &e);
        printf("Map in use: the built-in map (none installed at %s).\n", path);
        print_summary(&m, "map info");
        basemap_free(&m);
        printf("built-in\n");
        return CLI_OK;
    }
    if (basemap_load(&m, path, BASEMAP_ORIGIN_LAT, BASEMAP_ORIGIN_LON, &e)) {
        fprintf(stderr, "trygg map info: the installed map is refused: %s "
                "(install a good one, or remove the file to use the "
                "built-in map)\n", e.msg);
        return CLI_FAIL;
    }
    printf("Map in use: installed.\n");
    print_summary(&m, "map info");
    basemap_free(&m);
    printf("%s\n", path);
    return CLI_OK;
}

int cli_map(cli_ctx *c, int argc, char **argv)
{
    (void)c; /* the map does not live in the database */
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(MAP_HELP, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    if (strcmp(argv[1], "install") == 0)
        return map_install(argc - 1, argv + 1);
    if (strcmp(argv[1], "check") == 0)
        return map_check(argc - 1, argv + 1);
    if (strcmp(argv[1], "info") == 0)
        return map_info(argc - 1, argv + 1);
    return cli_usage_error("map", "unknown subcommand \"%s\"", argv[1]);
}
