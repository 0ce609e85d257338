/*
 * basemap: the base map of the walk area, read from GeoJSON (RFC 7946,
 * WGS84 lon/lat) with json-c. Features are Point, LineString, Polygon and
 * their Multi* forms; the property "kind" (road, path, water, park,
 * building, landmark) picks the style, "name" gives a label. The top-level
 * members "attribution" (shown on the map, e.g. "© OpenStreetMap
 * contributors, ODbL") and "trygg_schematic" (true: drawn with a
 * "schematic" note) are read when present.
 *
 * Coordinates are projected once, at load, to local metres east and north
 * of an origin (the same equirectangular projection as map.h), and every
 * polygon is cut into triangles (tess.h), so drawing a frame does no
 * projection and no geometry work.
 *
 * A file that is not valid GeoJSON, or has coordinates outside WGS84, or
 * nothing to draw, is refused with a message naming the feature and what
 * is wrong: "map.geojson: features[3] "Storgatan": LineString: has 1
 * position; a line needs at least 2" (indexes count from 0, as in the
 * JSON arrays). Features whose geometry is null are left out (counted).
 */
#ifndef TRYGG_BASEMAP_H
#define TRYGG_BASEMAP_H

#include <stddef.h>

#include "err.h"

/* The projection origin of the walk map: Filipstad centre (the tätort
 * reference point, shared/data/filipstad). The same values as
 * MAP_ORIGIN_LAT/LON in app/ui/map.h, which the core and the command line
 * do not include; `trygg map` checks maps around this origin. */
#define BASEMAP_ORIGIN_LAT 59.7125
#define BASEMAP_ORIGIN_LON 14.170833

/* Larger files are refused (a town centre from OpenStreetMap is a few MB). */
#define BASEMAP_MAX_BYTES (32u * 1024u * 1024u)

typedef enum { BM_ROAD, BM_PATH, BM_WATER, BM_PARK, BM_BUILDING,
               BM_LANDMARK, BM_OTHER, BM_KIND_N } bm_kind;
typedef enum { BM_POINT, BM_LINE, BM_AREA } bm_geom;

typedef struct bm_xy {
    float e, n;              /* metres east, north of the origin */
} bm_xy;

typedef struct bm_feature {
    bm_kind kind;
    bm_geom geom;
    const char *name;        /* NULL when unnamed; owned by the basemap */
    size_t first, n;         /* POINT: 1 point; LINE: a polyline; AREA: its
                                outer ring (for outlines), all in xy[] */
    size_t tri_first, n_tri; /* AREA: its triangles are tri[tri_first ..
                                tri_first + n_tri - 1]: n_tri counts
                                indexes (3 per triangle), each into xy[];
                                counter-clockwise in east/north. xy[] also
                                holds the holes' points after the outer
                                ring's, for the triangles only. */
    float min_e, min_n, max_e, max_n; /* bounding box */
} bm_feature;

typedef struct basemap {
    double lat0, lon0;       /* projection origin */
    bm_xy *xy;
    size_t n_xy;
    unsigned *tri;
    size_t n_tri;            /* indexes (3 per triangle) */
    bm_feature *f;
    size_t n_f;
    char *attribution;       /* "" when the file has none */
    int schematic;           /* "trygg_schematic": true */
    size_t n_skipped;        /* features with "geometry": null */
    float min_e, min_n, max_e, max_n; /* of every feature */
} basemap;

/* Read and check path; project around lat0, lon0. On failure *m is empty
 * and the message names the file, the feature (by index and name) and the
 * problem. */
int basemap_load(basemap *m, const char *path, double lat0, double lon0,
                 err_t *e);
/* The same from memory (len bytes of JSON); name is used in messages. */
int basemap_parse(basemap *m, const char *json, size_t len, const char *name,
                  double lat0, double lon0, err_t *e);
/* The built-in map (assets/map/filipstad-centre.geojson, compiled in). */
int basemap_load_default(basemap *m, double lat0, double lon0, err_t *e);
/* Free everything the map holds and leave *m empty (safe to call twice). */
void basemap_free(basemap *m);

/* Read a whole map file into a new buffer *buf (free it), *len bytes, with
 * a '\0' after them: a regular file of 1..BASEMAP_MAX_BYTES bytes. The
 * step basemap_load starts with; `trygg map install` uses it so that the
 * bytes it checks are the bytes it installs. */
int basemap_read_file(const char *path, char **buf, size_t *len, err_t *e);

/* "road", "water"... and back (unknown names: BM_OTHER). */
const char *basemap_kind_name(bm_kind k);
bm_kind basemap_kind_of(const char *name);

#endif
