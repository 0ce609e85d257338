/* cli_status: `trygg spot status` at the municipality: record what was
 * decided about a spot (open, planned, fixed, wontfix) with an optional
 * comment, or show a spot's history of decisions and walkers' answers. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char STATUS_HELP[] =
    "usage: trygg [--db FILE] spot status ID open|planned|fixed|wontfix\n"
    "                 [--comment TEXT]\n"
    "       trygg [--db FILE] spot status ID\n"
    "\n"
    "With a status, records it for the spot (full id or a unique prefix of\n"
    "at least 4 characters) with the time and an optional comment; earlier\n"
    "decisions are kept. Without one, prints the spot's history: every\n"
    "decision and every answer walkers gave on follow-up walks.\n"
    "Reports and exports show the newest status; follow-up bundles carry\n"
    "the spots still open or planned.\n";

static int print_status(void *ctx, const spot_status *r)
{
    (void)ctx;
    char iso[TM_ISO_LEN + 1];
    tm_format_iso(r->set_at, iso);
    printf("%s  status %-8s %s\n", iso, model_status_name(r->status),
           r->comment);
    return 0;
}

static int print_check(void *ctx, const spot_check *c)
{
    (void)ctx;
    char iso[TM_ISO_LEN + 1];
    tm_format_iso(c->answered_at, iso);
    printf("%s  answer %-8s walk %s\n", iso, model_answer_name(c->answer),
           c->walk_id);
    return 0;
}

static int show_history(store *st, const char *id, err_t *e)
{
    spot p;
    int found = store_spot_get(st, id, &p, e);
    if (found <= 0)
        return found < 0 ? -1 : err_set(e, "no spot \"%s\" in %s", id,
                                        store_path(st));
    spot_status now;
    if (store_status_now(st, p.id, &now, e))
        return -1;
    printf("spot %s: %s\n", p.id, model_status_name(now.status));
    if (store_status_each(st, p.id, print_status, NULL, e))
        return -1;
    return store_check_each(st, p.id, print_check, NULL, e);
}

static int set_status(store *st, const char *id, const char *status,
                      const char *comment, err_t *e)
{
    model_status s;
    char text[MODEL_TEXT_BYTES(MODEL_NOTE_MAX_CHARS)];
    spot_status r;
    if (model_parse_status(status, strlen(status), &s, e) ||
        model_parse_text(comment, strlen(comment), MODEL_NOTE_MAX_CHARS, text,
                         e) ||
        store_status_set(st, id, s, text, &r, e))
        return -1;
    printf("%s\n", r.spot_id);
    return 0;
}

int cli_spot_status(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"comment", required_argument, 0, 'c'}, {0, 0, 0, 0}};
    const char *comment = "";
    int ch, li = 0;
    if (cli_wants_help(argc, argv))
        return fputs(STATUS_HELP, stdout) < 0;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, &li)) != -1) {
        if (ch != 'c')
            return cli_usage_error("spot status", "unknown option or missing "
                                   "value: %s", argv[optind - 1]);
        comment = optarg;
    }
    int n = argc - optind;
    if (n < 1 || n > 2)
        return cli_usage_error("spot status", "give a spot id and, to set "
                               "it, a status (see --help)");
    store *st;
    int rc = cli_open(c, &st);
    if (rc)
        return rc;
    err_t e;
    rc = n == 2 ? set_status(st, argv[optind], argv[optind + 1], comment, &e)
                : show_history(st, argv[optind], &e);
    store_close(st);
    return rc ? cli_error("spot status", &e) : CLI_OK;
}
