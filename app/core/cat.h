/*
 * cat: the category table (code, Swedish and English labels, positive flag),
 * read from a categories.csv: the default one built into the program from
 * assets/categories.csv, or the one inside a bundle. Codes are stable keys;
 * labels may change between versions.
 */
#ifndef TRYGG_CAT_H
#define TRYGG_CAT_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "err.h"
#include "model.h"

#define CAT_LABEL_MAX_CHARS 80
#define CAT_MAX 200

typedef struct cat_entry {
    char code[MODEL_CODE_MAX + 1];
    char label_sv[MODEL_TEXT_BYTES(CAT_LABEL_MAX_CHARS)];
    char label_en[MODEL_TEXT_BYTES(CAT_LABEL_MAX_CHARS)];
    int positive;
} cat_entry;

typedef struct cat_table {
    size_t n;
    cat_entry *v; /* owned; cat_free releases it */
} cat_table;

/* Read a whole categories.csv from r. `file` names it in messages. On error
 * the message names file, line and field; t is left empty. */
int cat_read(cat_table *t, csv_in *r, const char *file, err_t *e);

/* The default table built from assets/categories.csv. */
int cat_default(cat_table *t, err_t *e);
/* The raw CSV text of the default table (for hashing and for bundles). */
const char *cat_default_csv(size_t *len);

/* Append one entry (copied). Refuses a duplicate code. */
int cat_add(cat_table *t, const cat_entry *c, err_t *e);
const cat_entry *cat_find(const cat_table *t, const char *code);
void cat_free(cat_table *t);
/* The hue (0xRRGGBB) that marks the category everywhere: the app's map and
 * the report's map and legend. Unknown codes are grey. */
uint32_t cat_rgb(const char *code);

#endif
