/* store_cats: the categories table in the database. The built-in default
 * (assets/categories.csv) is merged in whenever it changed, so a new app
 * version brings new codes and better labels; codes already there keep
 * their place. Imports add unknown codes from bundles. */
#include "store_int.h"

#include <string.h>

static int upsert_category(store *st, const cat_entry *c, int sort,
                           int keep_labels, err_t *e)
{
    sqlite3_stmt *s = store_stmt(
        st, SQ_IMP_CAT_INSERT,
        "INSERT INTO categories(code, label_sv, label_en, positive, sort)"
        " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(code) DO UPDATE SET"
        " label_sv=?2, label_en=?3, positive=?4 WHERE ?6 = 0",
        e);
    if (!s)
        return -1;
    store_bind_text(s, 1, c->code);
    store_bind_text(s, 2, c->label_sv);
    store_bind_text(s, 3, c->label_en);
    sqlite3_bind_int(s, 4, c->positive);
    sqlite3_bind_int(s, 5, sort);
    sqlite3_bind_int(s, 6, keep_labels);
    if (sqlite3_step(s) != SQLITE_DONE)
        return store_fail(st, "cannot store a category", e);
    return 0;
}

static int next_sort(store *st, int *out, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT COALESCE(MAX(sort), 0) + 1 FROM categories",
                           -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return store_fail(st, "cannot read categories", e);
    }
    *out = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return 0;
}

static int merge_default(store *st, const char *hex, err_t *e)
{
    cat_table def;
    if (cat_default(&def, e))
        return -1;
    int rc = store_begin_write(st, e);
    for (size_t i = 0; rc == 0 && i < def.n; i++)
        rc = upsert_category(st, &def.v[i], (int)i + 1, 0, e);
    if (rc == 0)
        rc = store_meta_put(st, "categories_sha256", hex, e);
    if (rc == 0)
        rc = store_commit(st, e);
    if (rc)
        store_rollback(st);
    cat_free(&def);
    return rc;
}

static int default_changed(store *st, char *hex, err_t *e)
{
    size_t len;
    const char *csv = cat_default_csv(&len);
    sha_ctx c;
    char have[SHA_HEX_LEN + 1];
    if (sha_begin(&c, e))
        return -1;
    sha_update(&c, csv, len);
    if (sha_finish_hex(&c, hex, e))
        return -1;
    int got = store_meta_get(st, "categories_sha256", have, sizeof have, e);
    if (got < 0)
        return -1;
    return got == 0 || strcmp(have, hex) != 0;
}

static int read_categories(store *st, err_t *e)
{
    sqlite3_stmt *s = NULL;
    cat_free(&st->cats);
    if (sqlite3_prepare_v2(st->db,
                           "SELECT code, label_sv, label_en, positive"
                           " FROM categories ORDER BY sort, code",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot read categories", e);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        cat_entry c;
        store_col_text(s, 0, c.code, sizeof c.code);
        store_col_text(s, 1, c.label_sv, sizeof c.label_sv);
        store_col_text(s, 2, c.label_en, sizeof c.label_en);
        c.positive = sqlite3_column_int(s, 3);
        if (cat_add(&st->cats, &c, e)) {
            sqlite3_finalize(s);
            return -1;
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot read categories", e);
    return 0;
}

int store_load_categories(store *st, err_t *e)
{
    char hex[SHA_HEX_LEN + 1];
    int changed = default_changed(st, hex, e);
    if (changed < 0 || (changed && merge_default(st, hex, e)))
        return -1;
    return read_categories(st, e);
}

int store_import_category(store *st, const cat_entry *c, err_t *e)
{
    int sort = 0;
    if (cat_find(&st->cats, c->code))
        return 0;
    if (next_sort(st, &sort, e) || upsert_category(st, c, sort, 1, e) ||
        cat_add(&st->cats, c, e))
        return -1;
    return 0;
}
