/* cli_common: opening the database and reporting errors, for every
 * subcommand. */
#include "cli.h"
#include "export.h"
#include "paths.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cli_error(const char *cmd, const err_t *e)
{
    fprintf(stderr, "trygg %s: %s\n", cmd, e->msg);
    return CLI_FAIL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "trygg %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see trygg %s --help)\n", cmd);
    return CLI_USAGE;
}

int cli_open(cli_ctx *c, store **st)
{
    err_t e;
    char path[PATH_MAX];
    const char *db = c->db_path;
    if (!db) {
        if (paths_default_db(path, sizeof path, &e)) {
            fprintf(stderr, "trygg: %s\n", e.msg);
            return -1;
        }
        db = path;
    }
    int rc = store_open(st, db, NULL, &e);
    if (rc) {
        fprintf(stderr, "trygg: %s\n", e.msg);
        if (rc == STORE_DAMAGED)
            fprintf(stderr, "trygg: if it is a walker's device, what can "
                    "still be read goes into a bundle with: trygg --db %s "
                    "salvage --out DIR\n", db);
        return -1;
    }
    return 0;
}

int cli_swedish_time(const char *cmd)
{
    err_t e;
    if (setenv("TZ", "Europe/Stockholm", 1) != 0) {
        fprintf(stderr, "trygg %s: cannot set the time zone (TZ)\n", cmd);
        return CLI_FAIL;
    }
    tzset();
    if (export_check_zone(&e))
        return cli_error(cmd, &e);
    return CLI_OK;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

const char *cli_shown(const char *s, char *buf, size_t cap)
{
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++)
        buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
    buf[i] = '\0';
    return buf;
}
