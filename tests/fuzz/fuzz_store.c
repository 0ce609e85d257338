/* fuzz_store: the store a fuzz target imports into. See fuzz_store.h. */
#include "fuzz_store.h"
#include "fuzz_util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 2026-01-01T00:00:00Z: any fixed time will do. */
static int64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return 1767225600;
}

static void remove_files(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[PATH_MAX + 16];
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        if (unlink(p) != 0 && errno != ENOENT)
            fz_fail("cannot remove %s: %s", p, strerror(errno));
    }
}

static void open_watch(fzs *s)
{
    if (sqlite3_open_v2(s->path, &s->watch, SQLITE_OPEN_READWRITE, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(s->watch, "PRAGMA data_version", -1, &s->version,
                           NULL) != SQLITE_OK)
        fz_fail("cannot watch %s: %s", s->path, sqlite3_errmsg(s->watch));
}

void fzs_open(fzs *s, const char *dir)
{
    store_opts opts = {fixed_clock, NULL};
    err_t e;
    memset(s, 0, sizeof *s);
    fz_join(s->path, sizeof s->path, dir, "store.sqlite");
    remove_files(s->path);
    if (store_open(&s->st, s->path, &opts, &e))
        fz_fail("store_open: %s", e.msg);
    open_watch(s);
}

void fzs_close(fzs *s)
{
    sqlite3_finalize(s->version);
    sqlite3_close(s->watch);
    store_close(s->st);
    s->version = NULL;
    s->watch = NULL;
    s->st = NULL;
}

void fzs_reset(fzs *s)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", s->path);
    *strrchr(dir, '/') = '\0';
    fzs_close(s);
    fzs_open(s, dir);
}

int64_t fzs_version(fzs *s)
{
    if (sqlite3_step(s->version) != SQLITE_ROW)
        fz_fail("data_version: %s", sqlite3_errmsg(s->watch));
    int64_t v = sqlite3_column_int64(s->version, 0);
    sqlite3_reset(s->version);
    return v;
}

/* Run sql on the watcher; each row's first column is passed to fail_if,
 * which returns 1 when that row means the store is broken. */
static void each_row(fzs *s, const char *sql, int (*fail_if)(const char *))
{
    sqlite3_stmt *q;
    int rc;
    if (sqlite3_prepare_v2(s->watch, sql, -1, &q, NULL) != SQLITE_OK)
        fz_fail("%s: %s", sql, sqlite3_errmsg(s->watch));
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(q, 0);
        if (fail_if(v ? v : "NULL"))
            fz_fail("%s: %s", sql, v ? v : "NULL");
    }
    if (rc != SQLITE_DONE)
        fz_fail("%s: %s", sql, sqlite3_errmsg(s->watch));
    sqlite3_finalize(q);
}

static int not_ok(const char *v)
{
    return strcmp(v, "ok") != 0;
}

static int any(const char *v)
{
    (void)v;
    return 1;
}

void fzs_check(fzs *s)
{
    each_row(s, "PRAGMA integrity_check", not_ok);
    each_row(s, "PRAGMA foreign_key_check", any);
}

int64_t fzs_size(const fzs *s)
{
    char p[PATH_MAX + 8];
    struct stat sb;
    int64_t n = 0;
    if (stat(s->path, &sb) == 0)
        n += sb.st_size;
    snprintf(p, sizeof p, "%s-wal", s->path);
    if (stat(p, &sb) == 0)
        n += sb.st_size;
    return n;
}
