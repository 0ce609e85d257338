/*
 * fuzz_csv: libFuzzer target for the CSV reader of csv.h.
 *
 * The input is one CSV file. The memory reader (csv_in_new_mem) reads it
 * to its end or its first error, and the target aborts unless:
 *   - every record keeps the reader's promises: 1 to CSV_MAX_FIELDS fields,
 *     each at most CSV_MAX_FIELD bytes and all together at most
 *     CSV_MAX_RECORD, each NUL-terminated at its length with no NUL inside,
 *     never a lone empty field (empty lines are skipped), start lines that
 *     grow from record to record and stay within the input; an error
 *     message names its line;
 *   - a plain second reading (fuzz_csvref.h) finds the same records and
 *     the same verdict, so a record read wrongly is caught, not only one
 *     that crashes;
 *   - the records written back with csv_out (even fields plain, odd ones as
 *     guarded free text) and read again by the file-descriptor reader
 *     (chunked, hashing) are the same records, and the writer's and that
 *     reader's SHA-256 of the output agree.
 *
 * Two csv_in an input, no more: one is just over 128 KB, which ASan maps
 * and unmaps at every allocation, and that is most of an input's time.
 *
 * Not for: what the columns mean; fuzz_import fuzzes a whole bundle.
 */
#include "csv.h"
#include "fuzz_csvref.h"
#include "fuzz_util.h"
#include "txt.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What lives from one input to the next. libFuzzer calls the target with
 * no context argument, so it hangs off a static pointer made once. */
typedef struct fz_csv {
    int out_fd;         /* what the writer wrote (memfd) */
    ref_records read;   /* what csv_in read */
    ref_records ref;    /* what the reference reading found */
    csv_out out;
} fz_csv;

static fz_csv *csv_ctx(void)
{
    static fz_csv *c;
    if (!c) {
        if (!(c = calloc(1, sizeof *c)))
            fz_fail("out of memory");
        c->out_fd = fz_memfd("fuzz-csv-out");
    }
    return c;
}

static size_t count_lines(const uint8_t *data, size_t size)
{
    size_t n = 1;
    for (const uint8_t *p = data, *end = data + size;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    return n;
}

/* The reader's promises about one record (see the header comment). */
static void check_row(const csv_row *r, long *prev_line, size_t max_line)
{
    size_t total = 0;
    if (r->n < 1 || r->n > CSV_MAX_FIELDS)
        fz_fail("line %ld: %zu fields", r->line, r->n);
    if (r->n == 1 && r->len[0] == 0)
        fz_fail("line %ld: a record of one empty field", r->line);
    if (r->line <= *prev_line || (size_t)r->line > max_line)
        fz_fail("record at line %ld after line %ld (input has %zu lines)",
                r->line, *prev_line, max_line);
    *prev_line = r->line;
    for (size_t i = 0; i < r->n; i++) {
        if (r->len[i] > CSV_MAX_FIELD)
            fz_fail("line %ld field %zu: %zu bytes", r->line, i, r->len[i]);
        if (r->f[i][r->len[i]] != '\0' || memchr(r->f[i], 0, r->len[i]))
            fz_fail("line %ld field %zu: NUL misplaced", r->line, i);
        total += r->len[i];
    }
    if (total > CSV_MAX_RECORD)
        fz_fail("line %ld: record of %zu bytes", r->line, total);
}

/* Odd fields go out as guarded free text, unless the guard's extra byte
 * could push a field or the record past the reader's limits. */
static int text_fits(const csv_row *r)
{
    size_t total = 0;
    for (size_t k = 0; k < r->n; k++) {
        if (r->len[k] >= CSV_MAX_FIELD)
            return 0;
        total += r->len[k];
    }
    return total + r->n <= CSV_MAX_RECORD;
}

static void write_row(csv_out *o, const csv_row *r)
{
    int text = text_fits(r);
    for (size_t i = 0; i < r->n; i++) {
        if (text && i % 2 == 1)
            csv_out_text(o, r->f[i], r->len[i]);
        else
            csv_out_field(o, r->f[i], r->len[i]);
    }
    csv_out_end_row(o);
}

/* Read the input from memory to its end or first error, checking, keeping
 * and writing every record. Returns 0 read whole, -1 refused. */
static int read_input(fz_csv *c, const uint8_t *data, size_t size)
{
    err_t e = {{0}, 0};
    csv_in *r = csv_in_new_mem((const char *)data, size, &e);
    csv_row row;
    long prev_line = 0;
    size_t max_line = count_lines(data, size);
    int got;
    if (!r)
        fz_fail("csv_in_new_mem: %s", e.msg);
    ref_clear(&c->read);
    while ((got = csv_in_next(r, &row, &e)) == 1) {
        check_row(&row, &prev_line, max_line);
        ref_keep_row(&c->read, &row);
        write_row(&c->out, &row);
    }
    if (got != 0 && (got != -1 || strncmp(e.msg, "line ", 5) != 0))
        fz_fail("csv_in_next gave %d, \"%s\"", got, e.msg);
    csv_in_free(r);
    return got;
}

static void check_same_row(const csv_row *a, const csv_row *b,
                           const char *what)
{
    if (a->n != b->n || a->line != b->line)
        fz_fail("%s: %zu fields at line %ld vs %zu at line %ld", what, a->n,
                a->line, b->n, b->line);
    for (size_t i = 0; i < a->n; i++)
        if (a->len[i] != b->len[i] || memcmp(a->f[i], b->f[i], a->len[i]))
            fz_fail("%s: line %ld field %zu differs", what, a->line, i);
}

/* csv_in against the reference reading: same verdict, same records. */
static void check_reference(fz_csv *c, int got, const uint8_t *data,
                            size_t size)
{
    int want = ref_parse(&c->ref, data, size);
    csv_row a, b;
    if (got != want || c->read.n_recs != c->ref.n_recs)
        fz_fail("csv_in: %s after %zu records; reference: %s after %zu",
                got ? "refused" : "read whole", c->read.n_recs,
                want ? "refused" : "read whole", c->ref.n_recs);
    for (size_t i = 0; i < c->ref.n_recs; i++) {
        ref_get(&c->read, i, &a);
        ref_get(&c->ref, i, &b);
        check_same_row(&a, &b, "csv_in and the reference differ");
    }
}

/* A text field comes back without its guard. One that already looked
 * guarded ('= ...) loses that apostrophe: the spec's rule (a reader removes
 * exactly one ' before = + - @ TAB CR) cannot tell the two apart, and the
 * writer does not add a second one. */
static void check_text_back(const csv_row *orig, const csv_row *back,
                            size_t i)
{
    size_t skip = txt_guard_skip(back->f[i], back->len[i]);
    size_t lost = txt_guard_skip(orig->f[i], orig->len[i]);
    if (back->len[i] - skip != orig->len[i] - lost ||
        memcmp(back->f[i] + skip, orig->f[i] + lost, orig->len[i] - lost))
        fz_fail("line %ld field %zu: guarded text did not come back",
                orig->line, i);
}

static void check_written_row(const csv_row *orig, const csv_row *back)
{
    int text = text_fits(orig);
    if (orig->n != back->n)
        fz_fail("line %ld: %zu fields written, %zu read back", orig->line,
                orig->n, back->n);
    for (size_t i = 0; i < orig->n; i++) {
        if (text && i % 2 == 1) {
            check_text_back(orig, back, i);
            continue;
        }
        if (orig->len[i] != back->len[i] ||
            memcmp(orig->f[i], back->f[i], orig->len[i]))
            fz_fail("line %ld field %zu: written and read back differ",
                    orig->line, i);
    }
}

/* What the writer made, read back through the descriptor reader. */
static void check_written(fz_csv *c, const char *out_hex)
{
    err_t e = {{0}, 0};
    csv_row orig, back;
    char got[SHA_HEX_LEN + 1];
    if (lseek(c->out_fd, 0, SEEK_SET) != 0)
        fz_fail("lseek failed");
    csv_in *r = csv_in_new(c->out_fd, 1, &e);
    if (!r)
        fz_fail("csv_in_new: %s", e.msg);
    for (size_t i = 0; i < c->read.n_recs; i++) {
        if (csv_in_next(r, &back, &e) != 1)
            fz_fail("written record %zu not read back: %s", i, e.msg);
        ref_get(&c->read, i, &orig);
        check_written_row(&orig, &back);
    }
    if (csv_in_next(r, &back, &e) != 0)
        fz_fail("written output has more than %zu records", c->read.n_recs);
    if (csv_in_finish_hash(r, got, &e) || strcmp(got, out_hex) != 0)
        fz_fail("writer's SHA-256 %s, reader's %s", out_hex, got);
    csv_in_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_csv *c = csv_ctx();
    err_t e = {{0}, 0};
    char out_hex[SHA_HEX_LEN + 1];
    /* Written over the last input's output and cut to length after, so
     * the memfd keeps its pages instead of freeing and faulting them in. */
    if (lseek(c->out_fd, 0, SEEK_SET) != 0 ||
        csv_out_init(&c->out, c->out_fd, 1, &e))
        fz_fail("cannot start writing: %s", e.msg);
    int got = read_input(c, data, size);
    if (csv_out_finish(&c->out, out_hex, &e))
        fz_fail("csv_out_finish: %s", e.msg);
    csv_out_discard(&c->out);
    off_t end = lseek(c->out_fd, 0, SEEK_CUR);
    if (end < 0 || ftruncate(c->out_fd, end) != 0)
        fz_fail("cannot cut the output to length");
    check_reference(c, got, data, size);
    check_written(c, out_hex);
    return 0;
}
