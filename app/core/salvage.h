/*
 * salvage: when a device's database is damaged, write what can still be
 * read as an ordinary sync bundle, so the walks and spots reach the
 * municipality through the normal import. The damaged file is only read;
 * the rows are copied into a store in memory (store_salvage_from) and the
 * bundle is written from there with every walk and spot, whatever was
 * synced before (the municipality's import skips what it already has).
 *
 * Not for: repairing the file in place (it is evidence, and a repair can
 * lose more than it saves).
 */
#ifndef TRYGG_SALVAGE_H
#define TRYGG_SALVAGE_H

#include "bundle.h"
#include "store.h"

typedef struct salvage_result {
    salvage_counts n;     /* what was copied and what was lost */
    bundle_result bundle; /* bundle.written 0: nothing readable to send */
} salvage_result;

/* Read `damaged` and write a bundle under out_dir. Fails, with the reason,
 * when not even the device id can be read or the folder cannot be written;
 * finding no walk at all is not a failure (bundle.written = 0). */
int salvage_bundle(const char *damaged, const char *out_dir,
                   const char *app_version, salvage_result *r, err_t *e);

#endif
