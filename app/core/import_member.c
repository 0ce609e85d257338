/* import_member: reading one CSV file of a bundle, and running a whole one
 * through a row function. See import_int.h. */
#include "import_int.h"
#include "txt.h"

#include <string.h>
#include <unistd.h>

int member_open(const import_src *src, member *f, const char *name,
                err_t *e)
{
    f->name = name;
    f->in = NULL;
    f->fd = import_open_member(src->dir, name, e);
    if (f->fd < 0)
        return -1;
    f->in = csv_in_new(f->fd, 1, e);
    if (!f->in)
        return -1;
    csv_in_strict(f->in); /* every bundle file has a header, UTF-8 only */
    return 0;
}

/* The reader's message with the file in front: "spots.csv line 7, field
 * note: ..." (a read error gets "spots.csv: ..."). */
static int reader_fault(const member *f, err_t *e)
{
    if (e && strncmp(e->msg, "line ", 5) == 0) {
        char msg[ERR_MSG_MAX];
        memcpy(msg, e->msg, sizeof msg);
        return err_set(e, "%s %s", f->name, msg);
    }
    return err_prefix(e, "%s", f->name);
}

void member_close(member *f)
{
    csv_in_free(f->in);
    if (f->fd >= 0)
        close(f->fd);
    f->in = NULL;
    f->fd = -1;
}

int member_check_sum(const import_src *src, member *f, err_t *e)
{
    char hex[SHA_HEX_LEN + 1];
    if (csv_in_finish_hash(f->in, hex, e))
        return err_prefix(e, "%s", f->name);
    if (strcmp(hex, import_sum_of(&src->sums, f->name)) != 0)
        return err_set(e, "%s does not match its SHA-256 in SHA256SUMS "
                       "(damaged or changed after export)", f->name);
    return 0;
}

/* The strict reader refuses a row whose width is not the header's. */
int member_next(member *f, csv_row *row, err_t *e)
{
    int got = csv_in_next(f->in, row, e);
    return got < 0 ? reader_fault(f, e) : got;
}

int member_columns(member *f, const char *const *cols, int *idx, err_t *e)
{
    int got = csv_in_next(f->in, &f->header, e);
    if (got < 0)
        return reader_fault(f, e);
    if (got == 0)
        return err_set(e, "%s is empty (no header line)", f->name);
    for (int i = 0; cols[i]; i++) {
        idx[i] = csv_row_find(&f->header, cols[i]);
        if (idx[i] < 0)
            return err_set(e, "%s line %ld: required column \"%s\" is missing",
                           f->name, f->header.line, cols[i]);
    }
    return 0;
}

field member_field(const csv_row *row, const int *idx, int i)
{
    return (field){row->f[idx[i]], row->len[idx[i]]};
}

field member_unguard(field f)
{
    size_t skip = txt_guard_skip(f.s, f.len);
    return (field){f.s + skip, f.len - skip};
}

int import_each_row(const import_src *src, const char *name,
                    const char *const *cols, int64_t declared,
                    import_row_fn row, void *ctx, err_t *e)
{
    member f;
    int ix[CSV_MAX_FIELDS];
    csv_row r;
    int64_t n = 0;
    int got = -1;
    if (member_open(src, &f, name, e) || member_columns(&f, cols, ix, e))
        goto out;
    while ((got = member_next(&f, &r, e)) == 1) {
        /* Stop at the first row too many: a file far longer than its
         * manifest says costs no time or memory. */
        if (n == declared) {
            got = err_set(e, "%s line %ld: at least %lld rows, but "
                          "manifest.csv says %lld", name, r.line,
                          (long long)n + 1, (long long)declared);
            break;
        }
        place pl = {name, r.line, NULL};
        if (row(ctx, &r, ix, &pl, e)) {
            if (pl.col)
                err_prefix(e, "%s line %ld, field %s", pl.file, pl.line,
                           pl.col);
            got = -1;
            break;
        }
        n++;
    }
    if (got == 0 && n != declared)
        got = err_set(e, "%s has %lld rows, but manifest.csv says %lld", name,
                      (long long)n, (long long)declared);
    if (got == 0)
        got = member_check_sum(src, &f, e);
out:
    member_close(&f);
    return got;
}
