/* cat: see cat.h. */
#include "cat.h"
#include "txt.h"

#include <stdlib.h>
#include <string.h>

/* Made by CMake from assets/categories.csv. */
extern const char trygg_asset_categories[];
extern const size_t trygg_asset_categories_len;

const char *cat_default_csv(size_t *len)
{
    *len = trygg_asset_categories_len;
    return trygg_asset_categories;
}

void cat_free(cat_table *t)
{
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

const cat_entry *cat_find(const cat_table *t, const char *code)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].code, code) == 0)
            return &t->v[i];
    return NULL;
}

int cat_add(cat_table *t, const cat_entry *c, err_t *e)
{
    if (cat_find(t, c->code))
        return err_set(e, "category \"%s\" appears twice", c->code);
    if (t->n >= CAT_MAX)
        return err_set(e, "more than %d categories", CAT_MAX);
    cat_entry *v = realloc(t->v, (t->n + 1) * sizeof *v);
    if (!v)
        return err_set(e, "out of memory for categories");
    t->v = v;
    t->v[t->n++] = *c;
    return 0;
}

enum { COL_CODE, COL_SV, COL_EN, COL_POS, N_COLS };
static const char *COLS[N_COLS] = {"code", "label_sv", "label_en", "positive"};

static int read_label(const csv_row *row, int col, char *out, err_t *e)
{
    const char *s = row->f[col];
    size_t len = row->len[col];
    size_t skip = txt_guard_skip(s, len);
    if (len - skip == 0)
        return err_set(e, "empty label");
    return model_parse_text(s + skip, len - skip, CAT_LABEL_MAX_CHARS, out, e);
}

static int read_entry(const csv_row *row, const int *col, cat_entry *c,
                      int *bad_col, err_t *e)
{
    int64_t pos;
    for (int i = 0; i < N_COLS; i++)
        if ((size_t)col[i] >= row->n) {
            *bad_col = i;
            return err_set(e, "missing value");
        }
    *bad_col = COL_CODE;
    if (model_parse_code(row->f[col[COL_CODE]], row->len[col[COL_CODE]],
                         c->code, e))
        return -1;
    *bad_col = COL_SV;
    if (read_label(row, col[COL_SV], c->label_sv, e))
        return -1;
    *bad_col = COL_EN;
    if (read_label(row, col[COL_EN], c->label_en, e))
        return -1;
    *bad_col = COL_POS;
    if (model_parse_int(row->f[col[COL_POS]], row->len[col[COL_POS]], 0, 1,
                        &pos, e))
        return -1;
    c->positive = (int)pos;
    return 0;
}

static int read_header(csv_in *r, int *col, const char *file, err_t *e)
{
    csv_row row;
    int got = csv_in_next(r, &row, e);
    if (got < 0)
        return err_prefix(e, "%s", file);
    if (got == 0)
        return err_set(e, "%s is empty (no header)", file);
    for (int i = 0; i < N_COLS; i++) {
        col[i] = csv_row_find(&row, COLS[i]);
        if (col[i] < 0)
            return err_set(e, "%s line %ld: required column \"%s\" is missing",
                           file, row.line, COLS[i]);
    }
    return 0;
}

int cat_read(cat_table *t, csv_in *r, const char *file, err_t *e)
{
    int col[N_COLS];
    csv_row row;
    t->n = 0;
    t->v = NULL;
    if (read_header(r, col, file, e))
        return -1;
    for (;;) {
        int got = csv_in_next(r, &row, e), bad = 0;
        if (got < 0)
            goto fail_prefixed;
        if (got == 0)
            return 0;
        cat_entry c;
        if (read_entry(&row, col, &c, &bad, e)) {
            err_prefix(e, "%s line %ld, field %s", file, row.line, COLS[bad]);
            goto fail;
        }
        if (cat_add(t, &c, e)) {
            err_prefix(e, "%s line %ld, field code", file, row.line);
            goto fail;
        }
    }
fail_prefixed:
    err_prefix(e, "%s", file);
fail:
    cat_free(t);
    return -1;
}

int cat_default(cat_table *t, err_t *e)
{
    size_t len;
    const char *csv = cat_default_csv(&len);
    csv_in *r = csv_in_new_mem(csv, len, e);
    if (!r)
        return -1;
    int rc = cat_read(t, r, "assets/categories.csv", e);
    csv_in_free(r);
    return rc;
}

/* Distinct hues for the default codes (assets/categories.csv). */
static const struct {
    const char *code;
    uint32_t rgb;
} CAT_RGB[] = {
    {"lighting", 0xF2C200},  {"vegetation", 0x2E8B3A},
    {"sightline", 0x8E44AD}, {"walkway", 0x8D6E63},
    {"traffic", 0xE53935},   {"vandalism", 0xD81B60},
    {"broken", 0x6D7B8D},    {"litter", 0x9E9D24},
    {"deserted", 0x3949AB},  {"wayfinding", 0x00ACC1},
    {"drugs", 0xFF6F00},     {"disorder", 0x00796B},
    {"violence", 0xB71C1C},  {"theft", 0x5D4037},
    {"other", 0x757575},     {"safe", 0x00C853},
};

uint32_t cat_rgb(const char *code)
{
    for (size_t i = 0; i < sizeof CAT_RGB / sizeof CAT_RGB[0]; i++)
        if (strcmp(CAT_RGB[i].code, code) == 0)
            return CAT_RGB[i].rgb;
    return 0x9E9E9E;
}
