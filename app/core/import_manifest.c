/* import_manifest: manifest.csv of any trygg bundle (sync or follow-up):
 * reading the keys a reader knows, the rules every manifest shares, and a
 * quick look at the format for choosing the importer. What each key means
 * is the business of import.c and followup_read.c. */
#include "bundle.h"
#include "import_int.h"

#include <string.h>
#include <unistd.h>

static int key_index(const manifest *mf, field k)
{
    for (int i = 0; mf->keys[i].name; i++)
        if (k.len == strlen(mf->keys[i].name) &&
            memcmp(k.s, mf->keys[i].name, k.len) == 0)
            return i;
    return -1; /* unknown keys are for later versions */
}

static int keep_row(manifest *mf, const csv_row *r, const int *ix, err_t *e)
{
    field k = member_field(r, ix, 0), v = member_field(r, ix, 1);
    int i = key_index(mf, k);
    if (i < 0)
        return 0;
    if (mf->line[i])
        return err_set(e, "manifest.csv line %ld: key %s appears twice",
                       r->line, mf->keys[i].name);
    if (v.len > MANIFEST_VALUE_MAX)
        return err_set(e,
                       "manifest.csv line %ld, field %s: longer than %d "
                       "bytes",
                       r->line, mf->keys[i].name, MANIFEST_VALUE_MAX);
    mf->line[i] = r->line;
    memcpy(mf->value[i], v.s, v.len);
    mf->value[i][v.len] = '\0';
    mf->len[i] = v.len;
    return 0;
}

int manifest_read(const import_src *src, const manifest_key *keys, manifest *mf,
                  err_t *e)
{
    static const char *const cols[] = {"key", "value", NULL};
    member f;
    csv_row r;
    int ix[2], got = -1;
    memset(mf, 0, sizeof *mf);
    mf->keys = keys;
    if (member_open(src, &f, BUNDLE_MANIFEST, e) ||
        member_columns(&f, cols, ix, e))
        goto out;
    while ((got = member_next(&f, &r, e)) == 1)
        if (keep_row(mf, &r, ix, e)) {
            got = -1;
            break;
        }
    if (got == 0)
        got = member_check_sum(src, &f, e);
out:
    member_close(&f);
    return got;
}

int manifest_each(const manifest *mf, manifest_parse_fn parse, void *ctx,
                  err_t *e)
{
    for (int i = 0; mf->keys[i].name; i++) {
        if (!mf->line[i] && mf->keys[i].optional)
            continue;
        if (!mf->line[i])
            return err_set(e, "manifest.csv: key %s is missing",
                           mf->keys[i].name);
        field v = {mf->value[i], mf->len[i]};
        if (parse(ctx, i, v, e))
            return err_prefix(e, "manifest.csv line %ld, field %s", mf->line[i],
                              mf->keys[i].name);
    }
    return 0;
}

int manifest_check_format(field v, const char *want, err_t *e)
{
    if (v.len == strlen(want) && memcmp(v.s, want, v.len) == 0)
        return 0;
    int n = (int)(v.len > 40 ? 40 : v.len);
    if (strcmp(want, BUNDLE_FORMAT) == 0)
        return err_set(e, "this is not a trygg sync bundle (format \"%.*s\")",
                       n, v.s);
    return err_set(e, "this is not a %s bundle (format \"%.*s\")", want, n,
                   v.s);
}

int manifest_check_version(field v, int known, err_t *e)
{
    int64_t n;
    if (model_parse_int(v.s, v.len, 1, 1000000, &n, e))
        return -1;
    /* Writers put the plain number; "01" is not a version anyone wrote. */
    if (v.s[0] == '0')
        return err_set(e, "\"%s\" has a leading zero; versions are written "
                       "as plain whole numbers", v.s);
    if (n > known)
        return err_set(e,
                       "format version %lld is newer than this trygg "
                       "reads (%d); update trygg",
                       (long long)n, known);
    return 0;
}

/* ---- a quick look, before the real reading ---- */

static int find_format(csv_in *in, char *out, size_t cap, err_t *e)
{
    csv_row r;
    int got = csv_in_next(in, &r, e);
    int k = got == 1 ? csv_row_find(&r, "key") : -1;
    int v = got == 1 ? csv_row_find(&r, "value") : -1;
    if (got < 0)
        return err_prefix(e, "%s", BUNDLE_MANIFEST);
    if (k < 0 || v < 0)
        return err_set(e, "%s has no key,value header", BUNDLE_MANIFEST);
    while ((got = csv_in_next(in, &r, e)) == 1) {
        if ((size_t)k >= r.n || (size_t)v >= r.n ||
            strcmp(r.f[k], "format") != 0)
            continue;
        if (r.len[v] >= cap)
            return err_set(e, "%s: the format value is too long",
                           BUNDLE_MANIFEST);
        memcpy(out, r.f[v], r.len[v] + 1);
        return 0;
    }
    return got < 0 ? err_prefix(e, "%s", BUNDLE_MANIFEST)
                   : err_set(e, "%s: key format is missing", BUNDLE_MANIFEST);
}

int import_peek_format(const char *dir, char *out, size_t cap, err_t *e)
{
    int fd = import_open_member(dir, BUNDLE_MANIFEST, e);
    if (fd < 0)
        return -1;
    csv_in *in = csv_in_new(fd, 0, e);
    int rc = in ? find_format(in, out, cap, e) : -1;
    csv_in_free(in);
    close(fd);
    return rc;
}
