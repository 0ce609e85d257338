/*
 * test_import_hostile: the parts of the bundle import that stand between a
 * hostile folder and the reader, tested one by one on real files
 * (tests/integration/test_hostile_bundles.sh runs whole bundles).
 *
 * What is checked: a file with more rows than the manifest says is refused
 * at the first row too many, before the rest is read; SHA256SUMS whose last
 * line has lost its line feed is a cut file; a broken SHA256SUMS is
 * reported as itself, not as a file it happened to list; members are opened
 * without blocking (FIFO), without following links, and relative to the
 * folder, so that a folder path close to PATH_MAX works; a version with a
 * leading zero is refused.
 */
#include "import_int.h"
#include "sha.h"
#include "testhelp.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[256];

static void put_file(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static void hex_of(const char *text, char *hex)
{
    sha_ctx c;
    err_t e;
    if (sha_begin(&c, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        exit(2);
    }
    sha_update(&c, text, strlen(text));
    sha_finish_hex(&c, hex, &e);
}

/* A folder dir/name holding one CSV file rows.csv and its SHA256SUMS. */
static void make_bundle(char *dir, const char *name, const char *csv)
{
    char hex[SHA_HEX_LEN + 1], sums[200];
    snprintf(dir, 320, "%s/%s", g_dir, name);
    CHECK_INT(mkdir(dir, 0700), 0);
    put_file(dir, "rows.csv", csv);
    hex_of(csv, hex);
    snprintf(sums, sizeof sums, "%s  rows.csv\n", hex);
    put_file(dir, "SHA256SUMS", sums);
}

static int count_row(void *ctx, const csv_row *r, const int *ix, place *pl,
                     err_t *e)
{
    (void)r, (void)ix, (void)pl, (void)e;
    ++*(int *)ctx;
    return 0;
}

/* Rows counted against the manifest: one too many stops the reading. */
static void test_rows_beyond_the_count(void)
{
    static const char *const cols[] = {"id", NULL};
    static const char *const required[] = {"rows.csv", NULL};
    char dir[320];
    import_src src = {.dir = dir};
    err_t e = {{0}, 0};
    int rows = 0;
    make_bundle(dir, "rows", "id\r\n1\r\n2\r\n3\r\n4\r\n");
    CHECK_INT(import_read_sums(dir, required, &src.sums, &e), 0);
    CHECK_INT(import_each_row(&src, "rows.csv", cols, 4, count_row, &rows, &e),
              0);
    CHECK_INT(rows, 4);
    rows = 0;
    CHECK_INT(import_each_row(&src, "rows.csv", cols, 1, count_row, &rows, &e),
              -1);
    CHECK_HAS(e.msg, "rows.csv line 3: at least 2 rows, but manifest.csv says 1");
    CHECK_INT(rows, 1); /* the rows after it were never handed on */
    rows = 0;
    CHECK_INT(import_each_row(&src, "rows.csv", cols, 0, count_row, &rows, &e),
              -1);
    CHECK_HAS(e.msg, "rows.csv line 2: at least 1 rows");
    CHECK_INT(rows, 0);
    /* Fewer rows than declared: counted to the end, as before. */
    CHECK_INT(import_each_row(&src, "rows.csv", cols, 5, count_row, &rows, &e),
              -1);
    CHECK_HAS(e.msg, "rows.csv has 4 rows, but manifest.csv says 5");
}

static void test_sums_file(void)
{
    static const char *const required[] = {"rows.csv", NULL};
    char dir[320], path[PATH_MAX], line[120];
    import_sums sums;
    err_t e = {{0}, 0};
    make_bundle(dir, "cut", "id\r\n1\r\n");
    /* The last LF gone: sha256sum -c would not mind, but it is a cut. */
    snprintf(path, sizeof path, "%s/SHA256SUMS", dir);
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(line, 1, sizeof line - 1, f) : 0;
    if (f)
        fclose(f);
    line[n] = '\0';
    CHECK(n == 75 && line[74] == '\n');
    line[74] = '\0';
    put_file(dir, "SHA256SUMS", line);
    CHECK_INT(import_read_sums(dir, required, &sums, &e), -1);
    CHECK_HAS(e.msg, "SHA256SUMS line 1: no line feed at its end");
    line[74] = '\n';
    put_file(dir, "SHA256SUMS", line);
    CHECK_INT(import_read_sums(dir, required, &sums, &e), 0);
    /* A listed name that is not there is named as SHA256SUMS's. */
    char more[200];
    snprintf(more, sizeof more, "%s%.64s  later.csv\n", line, line);
    put_file(dir, "SHA256SUMS", more);
    CHECK_INT(import_read_sums(dir, required, &sums, &e), -1);
    CHECK_HAS(e.msg, "listed in SHA256SUMS: later.csv is missing");
}

static void test_open_member(void)
{
    char dir[320], path[PATH_MAX];
    err_t e = {{0}, 0};
    make_bundle(dir, "odd", "id\r\n1\r\n");
    snprintf(path, sizeof path, "%s/pipe", dir);
    CHECK_INT(mkfifo(path, 0600), 0);
    CHECK_INT(import_open_member(dir, "pipe", &e), -1); /* and did not block */
    CHECK_HAS(e.msg, "pipe is not a plain file");
    snprintf(path, sizeof path, "%s/link", dir);
    CHECK_INT(symlink("rows.csv", path), 0);
    CHECK_INT(import_open_member(dir, "link", &e), -1);
    CHECK_HAS(e.msg, "link is a symbolic link");
    snprintf(path, sizeof path, "%s/rows.csv", dir);
    CHECK_INT(import_open_member(path, "x", &e), -1);
    CHECK_HAS(e.msg, "cannot open the bundle folder");
    CHECK_HAS(e.msg, strerror(ENOTDIR));
}

/* A folder path of PATH_MAX - 11 bytes: folder + "/categories.csv" no
 * longer fits in PATH_MAX, and a path made by snprintf would be cut into
 * another one ("categorie"). */
static void test_long_folder_path(void)
{
    char dir[PATH_MAX], seg[201];
    memset(seg, 'd', 200);
    seg[200] = '\0';
    snprintf(dir, sizeof dir, "%s", g_dir);
    while (strlen(dir) + 201 < PATH_MAX - 11) {
        strcat(dir, "/");
        strcat(dir, seg);
        CHECK(mkdir(dir, 0700) == 0 || errno == EEXIST);
    }
    size_t pad = PATH_MAX - 11 - strlen(dir) - 1;
    strcat(dir, "/");
    memset(dir + strlen(dir), 'e', pad);
    dir[PATH_MAX - 11] = '\0';
    CHECK_INT(strlen(dir), PATH_MAX - 11);
    CHECK_INT(mkdir(dir, 0700), 0);
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    int f = openat(fd, "categories.csv", O_CREAT | O_WRONLY, 0600);
    CHECK(f >= 0 && write(f, "id\r\n", 4) == 4 && close(f) == 0);
    close(fd);
    err_t e = {{0}, 0};
    int m = import_open_member(dir, "categories.csv", &e);
    CHECK(m >= 0);
    if (m < 0)
        fprintf(stderr, "  (%s)\n", e.msg);
    else
        close(m);
    /* (Left for the folder's removal below.) */
}

static void test_version(void)
{
    err_t e = {{0}, 0};
    CHECK_INT(manifest_check_version((field){"1", 1}, 1, &e), 0);
    CHECK_INT(manifest_check_version((field){"01", 2}, 1, &e), -1);
    CHECK_HAS(e.msg, "leading zero");
    CHECK_INT(manifest_check_version((field){"0", 1}, 1, &e), -1);
    CHECK_INT(manifest_check_version((field){"2", 1}, 1, &e), -1);
    CHECK_HAS(e.msg, "newer");
}

int main(void)
{
    th_tmpdir(g_dir, "hostile");
    test_rows_beyond_the_count();
    test_sums_file();
    test_open_member();
    test_long_folder_path();
    test_version();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_dir);
    return th_report("test_import_hostile");
}
