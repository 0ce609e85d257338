/* basemap: see basemap.h. This file reads the document: the file, the
 * JSON, the FeatureCollection or Feature, each feature's properties, and
 * the top-level "attribution" and "trygg_schematic". Geometries are read
 * in basemap_geom.c. */
#include "basemap_int.h"
#include "geo.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* Made by CMake from assets/map/filipstad-centre.geojson. */
extern const char trygg_asset_map[];
extern const size_t trygg_asset_map_len;

static const char *const KIND_NAMES[BM_KIND_N] = {
    "road", "path", "water", "park", "building", "landmark", "other"};

const char *basemap_kind_name(bm_kind k)
{
    return (unsigned)k < BM_KIND_N ? KIND_NAMES[k] : "other";
}

bm_kind basemap_kind_of(const char *name)
{
    for (int k = 0; name && k < BM_KIND_N; k++)
        if (strcmp(name, KIND_NAMES[k]) == 0)
            return (bm_kind)k;
    return BM_OTHER;
}

void basemap_free(basemap *m)
{
    for (size_t i = 0; i < m->n_f; i++)
        free((char *)m->f[i].name);
    free(m->f);
    free(m->xy);
    free(m->tri);
    free(m->attribution);
    memset(m, 0, sizeof *m);
}

int bm_fail(const bm_build *b, const char *fmt, ...)
{
    char what[ERR_MSG_MAX], where[160] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (b->in_collection && b->fname)
        snprintf(where, sizeof where, "features[%zu] \"%.60s\": ", b->fi,
                 b->fname);
    else if (b->in_collection)
        snprintf(where, sizeof where, "features[%zu]: ", b->fi);
    else if (b->fname)
        snprintf(where, sizeof where, "feature \"%.60s\": ", b->fname);
    return err_set(b->e, "%s: %s%s", b->src, where, what);
}

/* ---- one feature -------------------------------------------------------- */

/* A property that must be a string when present: *out is NULL when it is
 * missing or null. */
static int string_prop(const bm_build *b, json_object *props, const char *key,
                       const char **out)
{
    json_object *v;
    *out = NULL;
    if (!props || !json_object_object_get_ex(props, key, &v) || !v)
        return 0;
    if (!json_object_is_type(v, json_type_string))
        return bm_fail(b, "property \"%s\" is not a string", key);
    *out = json_object_get_string(v);
    return 0;
}

static int read_properties(bm_build *b, json_object *feat)
{
    json_object *props = NULL;
    const char *kind, *name;
    if (json_object_object_get_ex(feat, "properties", &props) && props &&
        !json_object_is_type(props, json_type_object))
        return bm_fail(b, "\"properties\" is not an object");
    if (string_prop(b, props, "name", &name))
        return -1;
    b->fname = name && name[0] ? name : NULL;
    if (string_prop(b, props, "kind", &kind))
        return -1;
    b->kind = basemap_kind_of(kind);
    return 0;
}

static int read_feature(bm_build *b, json_object *feat)
{
    json_object *t, *geom;
    b->fname = NULL;
    b->kind = BM_OTHER;
    if (!json_object_is_type(feat, json_type_object))
        return bm_fail(b, "is not an object");
    if (!json_object_object_get_ex(feat, "type", &t) ||
        !json_object_is_type(t, json_type_string) ||
        strcmp(json_object_get_string(t), "Feature") != 0)
        return bm_fail(b, "has no \"type\": \"Feature\"");
    if (read_properties(b, feat))
        return -1;
    if (!json_object_object_get_ex(feat, "geometry", &geom))
        return bm_fail(b, "has no \"geometry\" (give null for none)");
    if (!geom) {
        b->m->n_skipped++;
        return 0;
    }
    return bm_read_geometry(b, geom);
}

static int read_features(bm_build *b, json_object *root)
{
    json_object *fs;
    if (!json_object_object_get_ex(root, "features", &fs) ||
        !json_object_is_type(fs, json_type_array))
        return bm_fail(b, "the FeatureCollection has no \"features\" array");
    b->in_collection = 1;
    for (size_t i = 0; i < json_object_array_length(fs); i++) {
        b->fi = i;
        if (read_feature(b, json_object_array_get_idx(fs, i)))
            return -1;
    }
    b->in_collection = 0;
    b->fname = NULL;
    return 0;
}

/* ---- the document ------------------------------------------------------- */

static int read_top_members(bm_build *b, json_object *root)
{
    json_object *v;
    const char *attr = "";
    if (json_object_object_get_ex(root, "attribution", &v) && v) {
        if (!json_object_is_type(v, json_type_string))
            return bm_fail(b, "\"attribution\" is not a string");
        attr = json_object_get_string(v);
    }
    if (!(b->m->attribution = strdup(attr)))
        return bm_fail(b, "out of memory for the attribution");
    if (json_object_object_get_ex(root, "trygg_schematic", &v) && v) {
        if (!json_object_is_type(v, json_type_boolean))
            return bm_fail(b, "\"trygg_schematic\" is not true or false");
        b->m->schematic = json_object_get_boolean(v) ? 1 : 0;
    }
    return 0;
}

static int is_geometry_type(const char *t)
{
    static const char *const G[] = {"Point", "MultiPoint", "LineString",
        "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"};
    for (size_t i = 0; i < sizeof G / sizeof G[0]; i++)
        if (strcmp(t, G[i]) == 0)
            return 1;
    return 0;
}

static int read_root(bm_build *b, json_object *root)
{
    json_object *t;
    if (!json_object_is_type(root, json_type_object))
        return bm_fail(b, "is JSON but not a GeoJSON object");
    if (!json_object_object_get_ex(root, "type", &t) ||
        !json_object_is_type(t, json_type_string))
        return bm_fail(b, "has no \"type\" (want FeatureCollection)");
    const char *type = json_object_get_string(t);
    if (read_top_members(b, root))
        return -1;
    if (strcmp(type, "FeatureCollection") == 0)
        return read_features(b, root);
    if (strcmp(type, "Feature") == 0)
        return read_feature(b, root);
    if (is_geometry_type(type))
        return bm_fail(b, "is a bare %s; put it in a Feature or a "
                       "FeatureCollection", type);
    return bm_fail(b, "has \"type\": \"%.40s\" (want FeatureCollection or "
                   "Feature)", type);
}

/* Bounding box of all features; refuses a map with nothing to draw. */
static int finish(bm_build *b)
{
    basemap *m = b->m;
    if (m->n_f == 0)
        return bm_fail(b, "has no feature with a geometry: nothing to draw");
    m->min_e = m->f[0].min_e, m->max_e = m->f[0].max_e;
    m->min_n = m->f[0].min_n, m->max_n = m->f[0].max_n;
    for (size_t i = 1; i < m->n_f; i++) {
        const bm_feature *f = &m->f[i];
        m->min_e = f->min_e < m->min_e ? f->min_e : m->min_e;
        m->max_e = f->max_e > m->max_e ? f->max_e : m->max_e;
        m->min_n = f->min_n < m->min_n ? f->min_n : m->min_n;
        m->max_n = f->max_n > m->max_n ? f->max_n : m->max_n;
    }
    return 0;
}

/* ---- JSON text ---------------------------------------------------------- */

static void line_col(const char *s, size_t at, size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < at; i++) {
        if (s[i] == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
}

/* Parse the whole text as one strict JSON value; NULL with the place where
 * parsing stopped in the message. */
static json_object *parse_json(const char *json, size_t len, const char *src,
                               err_t *e)
{
    struct json_tokener *tok = json_tokener_new();
    if (!tok) {
        err_set(e, "%s: out of memory for the JSON reader", src);
        return NULL;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    json_object *root = json_tokener_parse_ex(tok, json, (int)len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok), line, col;
    json_tokener_free(tok);
    line_col(json, end < len ? end : len, &line, &col);
    if (jerr == json_tokener_success && end == len)
        return root;
    json_object_put(root);
    if (jerr == json_tokener_continue)
        err_set(e, "%s: not JSON: the text ends at line %zu before the JSON "
                "does", src, line);
    else if (jerr == json_tokener_success)
        err_set(e, "%s: not JSON: more text after the end at line %zu, "
                "column %zu", src, line, col);
    else
        err_set(e, "%s: not JSON: %s at line %zu, column %zu", src,
                json_tokener_error_desc(jerr), line, col);
    return NULL;
}

/* ---- loading ------------------------------------------------------------ */

int basemap_parse(basemap *m, const char *json, size_t len, const char *name,
                  double lat0, double lon0, err_t *e)
{
    bm_build b = {.m = m, .src = name, .e = e,
                  .m_per_deg_lat = geo_m_per_deg_lat(),
                  .m_per_deg_lon = geo_m_per_deg_lon(lat0)};
    memset(m, 0, sizeof *m);
    m->lat0 = lat0;
    m->lon0 = lon0;
    if (len > BASEMAP_MAX_BYTES)
        return err_set(e, "%s: is %zu bytes; a map may be at most %u MB",
                       name, len, BASEMAP_MAX_BYTES >> 20);
    json_object *root = parse_json(json, len, name, e);
    if (!root)
        return -1;
    int rc = read_root(&b, root) || finish(&b) ? -1 : 0;
    json_object_put(root);
    if (rc)
        basemap_free(m);
    return rc;
}

int basemap_load_default(basemap *m, double lat0, double lon0, err_t *e)
{
    return basemap_parse(m, trygg_asset_map, trygg_asset_map_len,
                         "the built-in map", lat0, lon0, e);
}

static int read_all(int fd, char *buf, size_t len, const char *path, err_t *e)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return err_os(e, errno, "cannot read %s", path);
        if (n == 0)
            return err_set(e, "%s: became shorter while being read", path);
        got += (size_t)n;
    }
    return 0;
}

static int check_size(const struct stat *sb, const char *path, err_t *e)
{
    if (!S_ISREG(sb->st_mode))
        return err_set(e, "%s: is not a regular file", path);
    if (sb->st_size == 0)
        return err_set(e, "%s: is empty", path);
    if ((unsigned long long)sb->st_size > BASEMAP_MAX_BYTES)
        return err_set(e, "%s: is %lld bytes; a map may be at most %u MB "
                       "(cut it to the walk area)", path,
                       (long long)sb->st_size, BASEMAP_MAX_BYTES >> 20);
    return 0;
}

int basemap_read_file(const char *path, char **buf, size_t *len, err_t *e)
{
    struct stat sb;
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return err_os(e, errno, "cannot open %s", path);
    int rc = fstat(fd, &sb) ? err_os(e, errno, "cannot read %s", path)
                            : check_size(&sb, path, e);
    char *b = rc ? NULL : malloc((size_t)sb.st_size + 1);
    if (!rc && !b)
        rc = err_set(e, "%s: out of memory for %lld bytes", path,
                     (long long)sb.st_size);
    if (!rc)
        rc = read_all(fd, b, (size_t)sb.st_size, path, e);
    close(fd);
    if (rc) {
        free(b);
        return -1;
    }
    b[sb.st_size] = '\0';
    *buf = b;
    *len = (size_t)sb.st_size;
    return 0;
}

int basemap_load(basemap *m, const char *path, double lat0, double lon0,
                 err_t *e)
{
    char *buf;
    size_t len;
    memset(m, 0, sizeof *m);
    if (basemap_read_file(path, &buf, &len, e))
        return -1;
    int rc = basemap_parse(m, buf, len, path, lat0, lon0, e);
    free(buf);
    return rc;
}
