/* basemap_geom: GeoJSON geometries into map features (see basemap.h):
 * positions checked and projected to local metres, lines, and polygons
 * cut into triangles. Multi* geometries become one feature per part. */
#include "basemap_int.h"
#include "tess.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Grow *p (elements of size sz, *cap allocated) to hold need elements. */
static int grow(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? *cap : 64;
    while (cap2 < need)
        cap2 *= 2;
    void *q = realloc(*p, cap2 * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = cap2;
    return 0;
}

static int is_number(json_object *o)
{
    return json_object_is_type(o, json_type_double) ||
           json_object_is_type(o, json_type_int);
}

/* A position: [lon, lat] or [lon, lat, altitude], numbers in range. */
static int read_position(const bm_build *b, json_object *p, const char *where,
                         size_t k, double *lon, double *lat)
{
    size_t n = json_object_is_type(p, json_type_array)
                   ? json_object_array_length(p) : 0;
    if (n < 2)
        return bm_fail(b, "%s, position %zu: is not [longitude, latitude]",
                       where, k);
    for (size_t i = 0; i < n; i++)
        if (!is_number(json_object_array_get_idx(p, i)))
            return bm_fail(b, "%s, position %zu: value %zu is not a "
                           "number", where, k, i);
    *lon = json_object_get_double(json_object_array_get_idx(p, 0));
    *lat = json_object_get_double(json_object_array_get_idx(p, 1));
    if (!(*lon >= -180.0 && *lon <= 180.0))
        return bm_fail(b, "%s, position %zu: longitude %g is not in "
                       "-180..180", where, k, *lon);
    if (!(*lat >= -90.0 && *lat <= 90.0))
        return bm_fail(b, "%s, position %zu: latitude %g is not in -90..90 "
                       "(is it [latitude, longitude] the wrong way round, or "
                       "not WGS84?)", where, k, *lat);
    return 0;
}

/* Project as app/ui/map.c does (equirectangular around lat0, lon0). */
static int push_xy(bm_build *b, double lon, double lat)
{
    basemap *m = b->m;
    if (m->n_xy >= UINT_MAX - 1 ||
        grow((void **)&m->xy, &b->cap_xy, m->n_xy + 1, sizeof *m->xy))
        return bm_fail(b, "out of memory for %zu points", m->n_xy + 1);
    m->xy[m->n_xy].e = (float)((lon - m->lon0) * b->m_per_deg_lon);
    m->xy[m->n_xy].n = (float)((lat - m->lat0) * b->m_per_deg_lat);
    m->n_xy++;
    return 0;
}

/* Read every position of array arr (n of them) and add it to xy. */
static int push_positions(bm_build *b, json_object *arr, size_t n,
                          const char *where)
{
    double lon, lat;
    for (size_t k = 0; k < n; k++)
        if (read_position(b, json_object_array_get_idx(arr, k), where, k,
                          &lon, &lat) ||
            push_xy(b, lon, lat))
            return -1;
    return 0;
}

/* A new feature of geometry g over points first..first+n-1 (its outline),
 * with the current kind, a copy of the name, and its bounding box. */
static bm_feature *add_feature(bm_build *b, bm_geom g, size_t first, size_t n)
{
    basemap *m = b->m;
    if (grow((void **)&m->f, &b->cap_f, m->n_f + 1, sizeof *m->f)) {
        bm_fail(b, "out of memory for %zu features", m->n_f + 1);
        return NULL;
    }
    bm_feature *f = &m->f[m->n_f];
    memset(f, 0, sizeof *f);
    if (b->fname && !(f->name = strdup(b->fname))) {
        bm_fail(b, "out of memory for a name");
        return NULL;
    }
    m->n_f++;
    f->kind = b->kind;
    f->geom = g;
    f->first = first;
    f->n = n;
    f->min_e = f->max_e = m->xy[first].e;
    f->min_n = f->max_n = m->xy[first].n;
    for (size_t i = first + 1; i < first + n; i++) {
        bm_xy p = m->xy[i];
        f->min_e = p.e < f->min_e ? p.e : f->min_e;
        f->max_e = p.e > f->max_e ? p.e : f->max_e;
        f->min_n = p.n < f->min_n ? p.n : f->min_n;
        f->max_n = p.n > f->max_n ? p.n : f->max_n;
    }
    return f;
}

static int read_point(bm_build *b, json_object *c, const char *where)
{
    double lon, lat;
    if (read_position(b, c, where, 0, &lon, &lat) || push_xy(b, lon, lat))
        return -1;
    return add_feature(b, BM_POINT, b->m->n_xy - 1, 1) ? 0 : -1;
}

static int read_line(bm_build *b, json_object *c, const char *where)
{
    size_t first = b->m->n_xy;
    size_t n = json_object_is_type(c, json_type_array)
                   ? json_object_array_length(c) : 0;
    if (!json_object_is_type(c, json_type_array))
        return bm_fail(b, "%s: coordinates are not an array", where);
    if (n < 2)
        return bm_fail(b, "%s: has %zu position%s; a line needs at least 2",
                       where, n, n == 1 ? "" : "s");
    if (push_positions(b, c, n, where))
        return -1;
    return add_feature(b, BM_LINE, first, n) ? 0 : -1;
}

/* One ring of a polygon: at least 4 positions, the last equal to the
 * first; all but the last go into xy. */
static int read_ring(bm_build *b, json_object *ring, const char *where,
                     size_t r, size_t *count)
{
    char w[96];
    size_t n = json_object_is_type(ring, json_type_array)
                   ? json_object_array_length(ring) : 0;
    snprintf(w, sizeof w, "%s, ring %zu", where, r);
    if (!json_object_is_type(ring, json_type_array))
        return bm_fail(b, "%s: is not an array of positions", w);
    if (n < 4)
        return bm_fail(b, "%s: has %zu position%s; a ring needs at least 4 "
                       "(the last repeats the first)", w, n,
                       n == 1 ? "" : "s");
    double lon0, lat0, lon1, lat1;
    if (push_positions(b, ring, n - 1, w) ||
        read_position(b, json_object_array_get_idx(ring, n - 1), w, n - 1,
                      &lon1, &lat1))
        return -1;
    read_position(b, json_object_array_get_idx(ring, 0), w, 0, &lon0, &lat0);
    if (lon0 != lon1 || lat0 != lat1)
        return bm_fail(b, "%s: is not closed: its last position is not its "
                       "first", w);
    *count = n - 1;
    return 0;
}

/* Cut the polygon whose rings (counts) start at xy[first] into triangles
 * and add them to tri[], as indexes into xy[]. */
static int cut_polygon(bm_build *b, size_t first, const size_t *counts,
                       size_t n_rings, const char *where)
{
    basemap *m = b->m;
    size_t n = m->n_xy - first, n_idx = 0;
    float *xy = malloc(2 * n * sizeof *xy);
    unsigned *idx = NULL;
    err_t te;
    if (!xy)
        return bm_fail(b, "%s: out of memory for %zu points", where, n);
    for (size_t i = 0; i < n; i++) {
        xy[2 * i] = m->xy[first + i].e;
        xy[2 * i + 1] = m->xy[first + i].n;
    }
    int rc = tess_polygon(xy, counts, n_rings, &idx, &n_idx, &te);
    free(xy);
    if (rc)
        return bm_fail(b, "%s: cannot be filled: %s", where, te.msg);
    if (grow((void **)&m->tri, &b->cap_tri, m->n_tri + n_idx, sizeof *m->tri))
        rc = bm_fail(b, "%s: out of memory for triangles", where);
    for (size_t i = 0; rc == 0 && i < n_idx; i++)
        m->tri[m->n_tri++] = (unsigned)first + idx[i];
    free(idx);
    return rc;
}

static int read_rings(bm_build *b, json_object *c, size_t n_rings,
                      const char *where, size_t *counts)
{
    for (size_t r = 0; r < n_rings; r++)
        if (read_ring(b, json_object_array_get_idx(c, r), where, r,
                      &counts[r]))
            return -1;
    return 0;
}

static int read_polygon(bm_build *b, json_object *c, const char *where)
{
    size_t first = b->m->n_xy, tri_first = b->m->n_tri;
    if (!json_object_is_type(c, json_type_array))
        return bm_fail(b, "%s: coordinates are not an array of rings", where);
    size_t n_rings = json_object_array_length(c);
    if (n_rings == 0)
        return bm_fail(b, "%s: has no rings", where);
    size_t *counts = malloc(n_rings * sizeof *counts);
    if (!counts)
        return bm_fail(b, "%s: out of memory for %zu rings", where, n_rings);
    int rc = read_rings(b, c, n_rings, where, counts);
    if (rc == 0)
        rc = cut_polygon(b, first, counts, n_rings, where);
    bm_feature *f = rc ? NULL : add_feature(b, BM_AREA, first, counts[0]);
    free(counts);
    if (!f)
        return -1;
    f->tri_first = tri_first;
    f->n_tri = b->m->n_tri - tri_first;
    return 0;
}

typedef int (*part_reader)(bm_build *, json_object *, const char *);

/* Multi*: an array of parts, each read as its single form. */
static int read_parts(bm_build *b, json_object *c, const char *type,
                      part_reader read)
{
    char where[64];
    if (!json_object_is_type(c, json_type_array))
        return bm_fail(b, "%s: coordinates are not an array", type);
    for (size_t i = 0; i < json_object_array_length(c); i++) {
        snprintf(where, sizeof where, "%s part %zu", type, i);
        if (read(b, json_object_array_get_idx(c, i), where))
            return -1;
    }
    return 0;
}

static const struct {
    const char *type;
    part_reader read;
    int multi;
} GEOMS[] = {
    {"Point", read_point, 0},      {"MultiPoint", read_point, 1},
    {"LineString", read_line, 0},  {"MultiLineString", read_line, 1},
    {"Polygon", read_polygon, 0},  {"MultiPolygon", read_polygon, 1},
};

int bm_read_geometry(bm_build *b, json_object *geom)
{
    json_object *t, *c;
    if (!json_object_is_type(geom, json_type_object))
        return bm_fail(b, "\"geometry\" is not an object");
    if (!json_object_object_get_ex(geom, "type", &t) ||
        !json_object_is_type(t, json_type_string))
        return bm_fail(b, "the geometry has no \"type\" string");
    const char *type = json_object_get_string(t);
    for (size_t i = 0; i < sizeof GEOMS / sizeof GEOMS[0]; i++) {
        if (strcmp(type, GEOMS[i].type) != 0)
            continue;
        if (!json_object_object_get_ex(geom, "coordinates", &c))
            return bm_fail(b, "%s: has no \"coordinates\"", type);
        return GEOMS[i].multi ? read_parts(b, c, type, GEOMS[i].read)
                              : GEOMS[i].read(b, c, type);
    }
    if (strcmp(type, "GeometryCollection") == 0)
        return bm_fail(b, "a GeometryCollection is not supported: make each "
                       "geometry a feature of its own");
    return bm_fail(b, "geometry type \"%.40s\" is not Point, LineString, "
                   "Polygon or a Multi* of them", type);
}
