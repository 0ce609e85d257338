/* sweref: see sweref.h. PROJ's own header gives the function types; the
 * functions themselves come from dlsym. */
#include "sweref.h"

#include <dlfcn.h>
#include <math.h>
#include <proj.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#ifndef TRYGG_PROJ_SONAME
#error "TRYGG_PROJ_SONAME comes from CMakeLists.txt"
#endif

#define SWEREF_FROM "EPSG:4326" /* WGS 84, what GPS and the bundles give */
#define SWEREF_TO "EPSG:3006"   /* SWEREF 99 TM */

/* The few PROJ functions we call. */
typedef struct proj_api {
    __typeof__(proj_context_create) *context_create;
    __typeof__(proj_context_destroy) *context_destroy;
    __typeof__(proj_log_level) *log_level;
    __typeof__(proj_context_get_database_path) *database_path;
    __typeof__(proj_context_errno) *context_errno;
    __typeof__(proj_context_errno_string) *errno_string;
    __typeof__(proj_create_crs_to_crs) *crs_to_crs;
    __typeof__(proj_normalize_for_visualization) *normalize;
    __typeof__(proj_trans_generic) *trans_generic;
    __typeof__(proj_errno_reset) *errno_reset;
    __typeof__(proj_destroy) *destroy;
} proj_api;

static const struct {
    const char *name;
    size_t offset;
} PROJ_SYMBOLS[] = {
    {"proj_context_create", offsetof(proj_api, context_create)},
    {"proj_context_destroy", offsetof(proj_api, context_destroy)},
    {"proj_log_level", offsetof(proj_api, log_level)},
    {"proj_context_get_database_path", offsetof(proj_api, database_path)},
    {"proj_context_errno", offsetof(proj_api, context_errno)},
    {"proj_context_errno_string", offsetof(proj_api, errno_string)},
    {"proj_create_crs_to_crs", offsetof(proj_api, crs_to_crs)},
    {"proj_normalize_for_visualization", offsetof(proj_api, normalize)},
    {"proj_trans_generic", offsetof(proj_api, trans_generic)},
    {"proj_errno_reset", offsetof(proj_api, errno_reset)},
    {"proj_destroy", offsetof(proj_api, destroy)},
};

struct sweref {
    void *lib;        /* dlopen handle */
    proj_api api;
    PJ_CONTEXT *ctx;
    PJ *pj;           /* lon/lat degrees in, easting/northing out */
};

static int load_library(sweref *sw, const char *soname, err_t *e)
{
    sw->lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!sw->lib) {
        const char *why = dlerror();
        return err_set(e, "cannot load PROJ (%s) for SWEREF 99 TM: %s; "
                       "install libproj and proj-data", soname,
                       why ? why : "unknown reason");
    }
    for (size_t i = 0; i < sizeof PROJ_SYMBOLS / sizeof PROJ_SYMBOLS[0];
         i++) {
        void *f = dlsym(sw->lib, PROJ_SYMBOLS[i].name);
        if (!f)
            return err_set(e, "PROJ (%s) lacks %s; it is older than PROJ 8",
                           soname, PROJ_SYMBOLS[i].name);
        /* POSIX lets a data pointer from dlsym hold a function. */
        memcpy((char *)&sw->api + PROJ_SYMBOLS[i].offset, &f, sizeof f);
    }
    return 0;
}

/* PROJ's reason for the context's last error. */
static const char *proj_reason(const sweref *sw)
{
    int code = sw->api.context_errno(sw->ctx);
    const char *s = code ? sw->api.errno_string(sw->ctx, code) : NULL;
    return s ? s : "no reason given";
}

static int make_transformation(sweref *sw, err_t *e)
{
    sw->ctx = sw->api.context_create();
    if (!sw->ctx)
        return err_set(e, "PROJ cannot create a context (out of memory?)");
    /* Our messages say what went wrong; PROJ's log would repeat it. */
    sw->api.log_level(sw->ctx, PJ_LOG_NONE);
    if (!sw->api.database_path(sw->ctx))
        return err_set(e, "PROJ cannot open its database proj.db; install "
                       "proj-data (or set PROJ_DATA to its folder)");
    PJ *raw = sw->api.crs_to_crs(sw->ctx, SWEREF_FROM, SWEREF_TO, NULL);
    if (!raw)
        return err_set(e, "PROJ cannot make the transformation %s -> %s: %s",
                       SWEREF_FROM, SWEREF_TO, proj_reason(sw));
    /* EPSG:4326 is officially lat, lon and EPSG:3006 northing, easting;
     * normalised, PROJ takes lon, lat and gives easting, northing, whatever
     * the definitions say. */
    sw->pj = sw->api.normalize(sw->ctx, raw);
    sw->api.destroy(raw);
    if (!sw->pj)
        return err_set(e, "PROJ cannot normalise the axis order of %s -> "
                       "%s: %s", SWEREF_FROM, SWEREF_TO, proj_reason(sw));
    return 0;
}

int sweref_open_lib(sweref **out, const char *soname, err_t *e)
{
    *out = NULL;
    sweref *sw = calloc(1, sizeof *sw);
    if (!sw)
        return err_set(e, "out of memory for PROJ");
    if (load_library(sw, soname, e) || make_transformation(sw, e)) {
        sweref_close(sw);
        return -1;
    }
    *out = sw;
    return 0;
}

int sweref_open(sweref **out, err_t *e)
{
    return sweref_open_lib(out, TRYGG_PROJ_SONAME, e);
}

void sweref_close(sweref *sw)
{
    if (!sw)
        return;
    if (sw->pj)
        sw->api.destroy(sw->pj);
    if (sw->ctx)
        sw->api.context_destroy(sw->ctx);
    if (sw->lib)
        dlclose(sw->lib);
    free(sw);
}

int sweref_transform(sweref *sw, const double *lat, const double *lon,
                     double *north, double *east, size_t n, err_t *e)
{
    if (n == 0)
        return 0;
    memcpy(east, lon, n * sizeof *east);
    memcpy(north, lat, n * sizeof *north);
    sw->api.errno_reset(sw->pj);
    size_t done = sw->api.trans_generic(sw->pj, PJ_FWD, east, sizeof *east,
                                        n, north, sizeof *north, n, NULL, 0,
                                        0, NULL, 0, 0);
    if (done != n)
        return err_set(e, "PROJ transformed %zu of %zu points to SWEREF 99 "
                       "TM: %s", done, n, proj_reason(sw));
    /* A point PROJ could not place comes back as HUGE_VAL. */
    for (size_t i = 0; i < n; i++)
        if (!isfinite(east[i]) || !isfinite(north[i]))
            east[i] = north[i] = NAN;
    return 0;
}
