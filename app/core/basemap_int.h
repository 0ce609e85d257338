/*
 * basemap_int: what basemap.c (the document: file, JSON, features,
 * properties) and basemap_geom.c (geometries: positions, projection,
 * polygons) share. Not for use outside the basemap module.
 */
#ifndef TRYGG_BASEMAP_INT_H
#define TRYGG_BASEMAP_INT_H

#include "basemap.h"

#include <json-c/json.h>

/* The map being built, and where the reader is, for messages. */
typedef struct bm_build {
    basemap *m;
    size_t cap_xy, cap_tri, cap_f; /* allocated sizes of m's arrays */
    double m_per_deg_lon, m_per_deg_lat;
    const char *src;               /* the file's name in messages */
    size_t fi;                     /* index in "features" (0 for a Feature) */
    int in_collection;             /* 1: messages say features[fi] */
    const char *fname;             /* the feature's name, or NULL */
    bm_kind kind;                  /* the feature's kind */
    err_t *e;
} bm_build;

/* Fail with "SRC: features[FI] "NAME": " and the formatted rest; -1. */
int bm_fail(const bm_build *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Read a feature's "geometry" object (not null) and add one map feature per
 * point, line or polygon in it, with b->kind and a copy of b->fname. */
int bm_read_geometry(bm_build *b, json_object *geom);

#endif
