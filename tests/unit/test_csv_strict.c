/*
 * test_csv_strict: the CSV reader's strict mode (csv_in_strict), which every
 * bundle file is read in, and where the reader's messages point.
 *
 * What is checked: a fault in one field is named by the header's name for
 * it (by its number outside strict mode, or when the name is not fit to
 * show); a record as wide as the header is required; every byte sequence
 * that is not UTF-8 is refused in any field, the header's too, and valid
 * UTF-8 split across the reader's chunk boundary is not; and a message names
 * the line the record starts on, even when the fault is lines further down
 * inside a quoted field.
 */
#include "csv.h"
#include "testhelp.h"

#include <fcntl.h>
#include <unistd.h>

/* Read data to the end (strict or not); returns the last csv_in_next
 * result, with the message in e and the number of records in *n. */
static int read_all(const char *data, size_t len, int strict, err_t *e,
                    int *n)
{
    csv_in *r = csv_in_new_mem(data, len, e);
    csv_row row;
    int got;
    *n = 0;
    if (!r)
        return -2;
    if (strict)
        csv_in_strict(r);
    while ((got = csv_in_next(r, &row, e)) == 1)
        (*n)++;
    csv_in_free(r);
    return got;
}

/* data (a C string) is refused in strict mode with a message holding want
 * (and, when given, also want2). */
static void check_refused(const char *data, const char *want,
                          const char *want2)
{
    err_t e = {{0}, 0};
    int n;
    CHECK_INT(read_all(data, strlen(data), 1, &e, &n), -1);
    CHECK_HAS(e.msg, want);
    if (want2)
        CHECK_HAS(e.msg, want2);
}

static void check_accepted(const char *data, size_t len, int want_records)
{
    err_t e = {{0}, 0};
    int n;
    int got = read_all(data, len, 1, &e, &n);
    CHECK_INT(got, 0);
    if (got)
        fprintf(stderr, "  (%s)\n", e.msg);
    CHECK_INT(n, want_records);
}

static void test_field_names(void)
{
    check_refused("id,note\r\n1,a\"b\r\n", "line 2, field note: ",
                  "quote inside an unquoted field");
    check_refused("id,note\r\n1,\"ab\"c\r\n", "line 2, field note: ",
                  "text after a closing quote");
    check_refused("id,note\r\n1,\"open\r\n", "line 2, field note: ",
                  "never closed");
    /* A NUL needs the memory reader's explicit length. */
    err_t e = {{0}, 0};
    int n;
    static const char nul[] = "id,note\r\nx\0y,z\r\n";
    CHECK_INT(read_all(nul, sizeof nul - 1, 1, &e, &n), -1);
    CHECK_HAS(e.msg, "line 2, field id: NUL byte");
    /* Outside strict mode the field has its number, and rows may differ. */
    CHECK_INT(read_all(nul, sizeof nul - 1, 0, &e, &n), -1);
    CHECK_HAS(e.msg, "line 2, field 1: NUL byte");
    const char *ragged = "a,b\r\n1,2,3\r\n4\r\n";
    CHECK_INT(read_all(ragged, strlen(ragged), 0, &e, &n), 0);
    CHECK_INT(n, 3);
    /* In the header itself the names are not known yet. */
    check_refused("id,no\"te\r\n", "line 1, field 2: ", "quote inside");
    /* A name too long or with control bytes is not shown. */
    check_refused("id,n\x01te\r\n1,\"a\"b\r\n", "line 2, field 2: ", "text after");
    char longname[CSV_BUF];
    snprintf(longname, sizeof longname, "id,%041d\r\n1,\"a\"b\r\n", 0);
    check_refused(longname, "line 2, field 2: ", "text after");
}

static void test_width(void)
{
    check_refused("a,b,c\r\n1,2,3\r\n1,2,3,4\r\n",
                  "line 3: 4 fields, but the header has 3", NULL);
    check_refused("a,b,c\r\n1,2\r\n", "line 2: 2 fields, but the header has 3",
                  NULL);
    /* A last row without a line end is checked too. */
    check_refused("a,b,c\r\n1,2", "line 2: 2 fields", NULL);
    /* Empty lines are no records: before the header, between rows. */
    const char *gaps = "\r\n\r\na,b\r\n\r\n1,2\r\n\n3,4";
    check_accepted(gaps, strlen(gaps), 3);
    check_refused("\r\n\r\na,b\r\n\r\n1\r\n", "line 5: 1 fields", NULL);
}

static void test_utf8(void)
{
    static const char *const bad[] = {
        "\xc0\xaf",         /* overlong '/' */
        "\xe0\x80\xaf",     /* overlong, three bytes */
        "\x80",             /* lone continuation byte */
        "\xff",             /* never in UTF-8 */
        "\xed\xa0\x80",     /* UTF-16 surrogate (CESU-8) */
        "\xf4\x90\x80\x80", /* above U+10FFFF */
        "\xe2\x82",         /* cut short at the field's end */
    };
    char data[128];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(data, sizeof data, "id,note\r\n1,ok\r\n2,x%s\r\n", bad[i]);
        check_refused(data, "line 3, field note: not valid UTF-8", "byte 2");
        snprintf(data, sizeof data, "id,note%s\r\n", bad[i]);
        check_refused(data, "line 1, field 2: not valid UTF-8", NULL);
        /* Also in a quoted field, and in a column nobody asked for. */
        snprintf(data, sizeof data, "id,note,extra\r\n1,\"a,%s\",x\r\n",
                 bad[i]);
        check_refused(data, "line 2, field note: not valid UTF-8", NULL);
        snprintf(data, sizeof data, "id,note,extra\r\n1,a,%s\r\n", bad[i]);
        check_refused(data, "line 2, field extra: not valid UTF-8", NULL);
    }
    const char *good = "id,note\r\n1,\xc3\xb6\xe2\x82\xac\xf0\x9f\x98\x80\r\n";
    check_accepted(good, strlen(good), 2);
}

/* Valid UTF-8 across the reader's 64 KB chunks: the file reader sees the
 * two halves of an 'ö' in two reads, and must not refuse it. */
static void test_utf8_across_chunks(void)
{
    char dir[256], path[320];
    th_tmpdir(dir, "csvstrict");
    snprintf(path, sizeof path, "%s/chunks.csv", dir);
    size_t len = 2 * CSV_BUF;
    char *data = malloc(len);
    size_t at = 0;
    at += (size_t)snprintf(data, len, "note\r\n");
    while (at < CSV_BUF - 8) /* short rows of a's up to just before 64 KB */
        at += (size_t)snprintf(data + at, len - at, "aaaaaa\r\n");
    while (at < CSV_BUF - 1)
        data[at++] = 'b';
    memcpy(data + at, "\xc3\xb6\r\n", 4); /* 'ö' on bytes 65535 and 65536 */
    at += 4;
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    CHECK(fd >= 0 && write(fd, data, at) == (ssize_t)at && close(fd) == 0);
    err_t e = {{0}, 0};
    csv_row row;
    fd = open(path, O_RDONLY);
    csv_in *r = csv_in_new(fd, 0, &e);
    csv_in_strict(r);
    int got, n = 0;
    while ((got = csv_in_next(r, &row, &e)) == 1)
        n++;
    CHECK_INT(got, 0);
    if (got)
        fprintf(stderr, "  (%s)\n", e.msg);
    CHECK(n > 8000);
    csv_in_free(r);
    close(fd);
    free(data);
    unlink(path);
    rmdir(dir);
}

/* The line a record starts on, not the line where the reader gave up. */
static void test_record_line(void)
{
    check_refused("h,note\r\n1,ok\r\n2,\"a\r\nb\r\nc\"d\r\n",
                  "line 3, field note: text after a closing quote", NULL);
    check_refused("h,note\r\n1,\"a\r\nb\r\n", "line 2, field note: quoted field "
                  "never closed", NULL);
    static const char cr[] = "h,note\r\n1,\"a\r\nb\",c\rd\r\n";
    check_refused(cr, "line 2: carriage return without line feed", NULL);
    /* A field of many short lines that grows too long. */
    size_t n = 3 * CSV_MAX_FIELD;
    char *big = malloc(n + 64);
    size_t at = (size_t)snprintf(big, n + 64, "h,note\r\n1,\"");
    while (at < n)
        at += (size_t)snprintf(big + at, n + 64 - at, "x\r\n");
    snprintf(big + at, n + 64 - at, "\"\r\n");
    check_refused(big, "line 2, field note: longer than 16384 bytes", NULL);
    free(big);
}

int main(void)
{
    test_field_names();
    test_width();
    test_utf8();
    test_utf8_across_chunks();
    test_record_line();
    return th_report("test_csv_strict");
}
