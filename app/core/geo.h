/*
 * geo: the one projection trygg uses between WGS84 degrees and local
 * metres: equirectangular around an origin, exact to centimetres over a
 * town centre of a few km. The map canvas (app/ui/map.c), the base map
 * (basemap.c) and the GPS screens (app/ui/scr_gps.c) all project with it,
 * so a point lands on the same pixel whichever of them placed it.
 *
 * Not for: distances beyond a few tens of km, or SWEREF 99 TM (PROJ).
 */
#ifndef TRYGG_GEO_H
#define TRYGG_GEO_H

#include <math.h>

#define GEO_EARTH_RADIUS_M 6371008.8 /* IUGG mean radius */

/* Metres per degree of latitude. */
static inline double geo_m_per_deg_lat(void)
{
    return GEO_EARTH_RADIUS_M * acos(-1.0) / 180.0;
}

/* Metres per degree of longitude at latitude lat0. */
static inline double geo_m_per_deg_lon(double lat0)
{
    return geo_m_per_deg_lat() * cos(lat0 * acos(-1.0) / 180.0);
}

/* Distance between two nearby points, in metres. */
static inline double geo_metres(double lat1, double lon1, double lat2,
                                double lon2)
{
    double dn = (lat2 - lat1) * geo_m_per_deg_lat();
    double de = (lon2 - lon1) * geo_m_per_deg_lon(lat1);
    return sqrt(dn * dn + de * de);
}

#endif
