/*
 * paths: where this device keeps its data. Behind one small interface so a
 * phone build can put the database where its OS wants it.
 */
#ifndef TRYGG_PATHS_H
#define TRYGG_PATHS_H

#include <stddef.h>

#include "err.h"

/* Default database file: $XDG_DATA_HOME/trygg/trygg.sqlite, else
 * $HOME/.local/share/trygg/trygg.sqlite. Creates the folder. */
int paths_default_db(char *out, size_t cap, err_t *e);

/* Default sync folder (the app's "Standardmapp"): sync/ next to the
 * default database. The folder itself is made when a bundle is written. */
int paths_default_sync(char *out, size_t cap, err_t *e);

/* The installed base map (`trygg map install`): map.geojson next to the
 * default database. When it is not there, the built-in map of the centre
 * (assets/map/filipstad-centre.geojson) is used. */
int paths_default_map(char *out, size_t cap, err_t *e);

#endif
