/*
 * sweref: WGS 84 latitude/longitude to SWEREF 99 TM (EPSG:3006) northing and
 * easting, the grid Swedish municipalities' GIS works in, computed by PROJ.
 *
 * PROJ is opened with dlopen on sweref_open, never linked: libproj brings
 * some forty shared libraries that every start of the touch app would load,
 * and only the exports need it. Each sweref holds its own PROJ context and
 * transformation; there is no global state.
 *
 * Not for: the map's local projection (geo.h), or any other grid.
 */
#ifndef TRYGG_SWEREF_H
#define TRYGG_SWEREF_H

#include <stddef.h>

#include "err.h"

typedef struct sweref sweref;

/* Load PROJ (the soname the build found) and make the transformation
 * EPSG:4326 -> EPSG:3006. On error *out is NULL and e says what is missing:
 * the library, its database proj.db, or the transformation. */
int sweref_open(sweref **out, err_t *e);
/* The same with a library of the caller's choosing (tests name a missing
 * one to see the message). */
int sweref_open_lib(sweref **out, const char *soname, err_t *e);
void sweref_close(sweref *sw);

/* n points: lat[i], lon[i] in degrees to north[i], east[i] in metres. A
 * point PROJ cannot transform (far outside the zone) gets NAN in both;
 * callers write it as empty. Returns 0, or -1 when PROJ fails as a whole. */
int sweref_transform(sweref *sw, const double *lat, const double *lon,
                     double *north, double *east, size_t n, err_t *e);

#endif
