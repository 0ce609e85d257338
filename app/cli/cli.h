/*
 * cli: the subcommands of `trygg` (walk, spot, sync, import). Each takes its
 * own arguments after the subcommand name, prints results on stdout (an id
 * or a path on the last line, for scripts) and one clear sentence on stderr
 * on failure. Exit codes: 0 done, 1 refused or failed, 2 wrong usage.
 */
#ifndef TRYGG_CLI_H
#define TRYGG_CLI_H

#include "store.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef struct cli_ctx {
    const char *db_path;   /* --db, or NULL for the default */
    const char *gpsd;      /* --gpsd HOST:PORT, or NULL for localhost:2947 */
    const char *version;
} cli_ctx;

int cli_walk(cli_ctx *c, int argc, char **argv);
int cli_spot(cli_ctx *c, int argc, char **argv);
int cli_sync(cli_ctx *c, int argc, char **argv);
int cli_import(cli_ctx *c, int argc, char **argv);
int cli_gps(cli_ctx *c, int argc, char **argv);   /* trygg gps: live status */
int cli_map(cli_ctx *c, int argc, char **argv);   /* trygg map install FILE */
/* The municipality's side. */
int cli_report(cli_ctx *c, int argc, char **argv);   /* yearly HTML report */
int cli_export(cli_ctx *c, int argc, char **argv);   /* geojson|csv|excel */
int cli_followup(cli_ctx *c, int argc, char **argv); /* follow-up bundle,
                                                        and on a device its
                                                        list and answers */
/* trygg salvage --out DIR: a bundle from a damaged database. */
int cli_salvage(cli_ctx *c, int argc, char **argv);
/* trygg spot status ID open|planned|fixed|wontfix (from cli_spot). */
int cli_spot_status(cli_ctx *c, int argc, char **argv);

/* Shared helpers (cli_common.c). */
int cli_open(cli_ctx *c, store **st);
int cli_error(const char *cmd, const err_t *e);
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* People read times in Filipstad's local time wherever the municipality's
 * tools run: set TZ to Europe/Stockholm and check that tzdata gave +1 h in
 * winter and +2 h in summer. CLI_OK, or CLI_FAIL with the reason printed. */
int cli_swedish_time(const char *cmd);
/* s for one line of output: control characters (a newline in a folder's
 * name) become '?', so that a message stays one line. Returns buf. */
const char *cli_shown(const char *s, char *buf, size_t cap);
/* 1 when argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);

#endif
