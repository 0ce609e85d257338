/*
 * idset: a set of UUIDs (as 16-byte keys) for finding an id that appears
 * twice in one bundle. Open addressing; UUID v4 bytes are random, so their
 * first bytes are a good hash.
 */
#ifndef TRYGG_IDSET_H
#define TRYGG_IDSET_H

#include <stddef.h>

#include "err.h"

typedef struct idset {
    unsigned char *keys; /* cap * 16 bytes; all-zero = empty slot */
    size_t cap, n;
    int has_zero;        /* the all-zero id cannot use an empty slot */
} idset;

void idset_init(idset *s);
void idset_free(idset *s);
/* Add a valid lowercase UUID string. Returns 1 if added, 0 if it was already
 * there, -1 when out of memory. */
int idset_add(idset *s, const char *uuid, err_t *e);
/* 1 when the UUID is in the set. */
int idset_has(const idset *s, const char *uuid);

#endif
