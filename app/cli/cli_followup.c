/* cli_followup: `trygg followup`. At the municipality it writes the
 * follow-up bundle for devices (--out); on a device, `list` shows the list
 * it imported and `answer` records a walker's answer, for scripts and tests
 * (the touch app does the same on the walk screen). */
#include "cli.h"
#include "followup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char FOLLOWUP_HELP[] =
    "usage: trygg [--db FILE] followup --out DIR [--year YYYY]\n"
    "       trygg [--db FILE] followup list [--csv]\n"
    "       trygg [--db FILE] followup answer ID still|fixed\n"
    "\n"
    "At the municipality, --out writes a follow-up bundle into DIR: every\n"
    "spot whose status is still open or planned, with that status and its\n"
    "comment, but no notes and no walk titles. --year keeps the spots of\n"
    "that year's walks. The bundle's path is the last line. Devices read\n"
    "it with `trygg import DIR/trygg-followup-...`.\n"
    "\n"
    "On a device, `list` prints the imported list, one spot a line with its\n"
    "status and this device's newest answer (--csv: as CSV). `answer`\n"
    "records that a spot (full id or a unique prefix of at least 4\n"
    "characters) is still a problem (still, kvar) or fixed (fixed,\n"
    "atgardat, åtgärdat) on the open walk, and prints the answer's id. The\n"
    "answer goes to the municipality with the next sync.\n";

/* ---- followup --out DIR [--year YYYY] ---- */

static int parse_year(const char *s, int *year)
{
    char *end;
    long y = strtol(s, &end, 10);
    if (strlen(s) != 4 || *end || y < 1970 || y > 9999)
        return -1;
    *year = (int)y;
    return 0;
}

static int write_bundle(cli_ctx *c, const char *out, int year)
{
    store *st;
    err_t e;
    followup_result res;
    if (cli_open(c, &st))
        return CLI_FAIL;
    int rc = followup_write(st, out, year, c->version, &res, &e);
    store_close(st);
    if (rc)
        return cli_error("followup", &e);
    if (year)
        printf("Wrote %lld spots to follow up from the walks of %d.\n",
               (long long)res.n_spots, year);
    else
        printf("Wrote %lld spots to follow up.\n", (long long)res.n_spots);
    printf("%s\n", res.path);
    return CLI_OK;
}

static int cmd_write(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"out", required_argument, 0, 'o'},
                                         {"year", required_argument, 0, 'y'},
                                         {0, 0, 0, 0}};
    const char *out = NULL;
    int year = 0, ch;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'o')
            out = optarg;
        else if (ch == 'y' && parse_year(optarg, &year))
            return cli_usage_error("followup",
                                   "--year wants a year like "
                                   "2026, not \"%s\"",
                                   optarg);
        else if (ch != 'y')
            return cli_usage_error("followup",
                                   "unknown option or missing "
                                   "value: %s",
                                   argv[optind - 1]);
    }
    if (!out || optind < argc)
        return cli_usage_error("followup", "give the target folder with "
                                           "--out DIR");
    return write_bundle(c, out, year);
}

/* ---- followup list [--csv] ---- */

static int print_line(void *ctx, const followup_spot *f)
{
    char walked[TM_ISO_LEN + 1], answer[40] = "answer -", sev[16] = "-";
    (*(int64_t *)ctx)++;
    tm_format_iso(f->walked_on, walked);
    walked[10] = '\0'; /* the day is enough to recognise the walk */
    if (f->severity)
        snprintf(sev, sizeof sev, "%d", f->severity);
    if (f->has_answer) {
        char iso[TM_ISO_LEN + 1];
        tm_format_iso(f->answered_at, iso);
        snprintf(answer, sizeof answer, "answer %s %s",
                 model_answer_name(f->answer), iso);
    }
    printf("%s  %s  %s severity %s  %s  %s%s%s\n", f->spot_id, walked,
           f->category, sev, model_status_name(f->status), answer,
           f->comment[0] ? "  " : "", f->comment);
    return 0;
}

static int csv_line(void *ctx, const followup_spot *f)
{
    csv_out *o = ctx;
    followup_csv_fields(o, f);
    csv_out_str(o, f->has_answer ? model_answer_name(f->answer) : NULL);
    if (f->has_answer) {
        char iso[TM_ISO_LEN + 1];
        tm_format_iso(f->answered_at, iso);
        csv_out_str(o, iso);
    } else {
        csv_out_str(o, NULL);
    }
    csv_out_end_row(o);
    return 0;
}

static int list_csv(store *st, err_t *e)
{
    csv_out *o = malloc(sizeof *o); /* 64 KB of buffer: not on the stack */
    if (!o)
        return err_set(e, "out of memory");
    fflush(stdout);
    int rc = csv_out_init(o, STDOUT_FILENO, 0, e);
    if (rc == 0) {
        followup_csv_header(o);
        csv_out_str(o, "answer");
        csv_out_str(o, "answered_at");
        csv_out_end_row(o);
        rc = store_followup_each(st, csv_line, o, e);
        if (rc == 0)
            rc = csv_out_finish(o, NULL, e);
        csv_out_discard(o);
    }
    free(o);
    return rc ? -1 : 0;
}

static int list_text(store *st, err_t *e)
{
    int64_t n = 0, t;
    if (store_followup_list_time(st, &t, e))
        return -1;
    if (!t) {
        printf("No follow-up list on this device yet (trygg import a "
               "trygg-followup-... folder).\n");
        return 0;
    }
    char iso[TM_ISO_LEN + 1];
    tm_format_iso(t, iso);
    printf("Follow-up list made %s:\n", iso);
    if (store_followup_each(st, print_line, &n, e))
        return -1;
    printf("%lld spots to follow up.\n", (long long)n);
    return 0;
}

static int cmd_list(cli_ctx *c, int argc, char **argv)
{
    int as_csv = argc == 2 && strcmp(argv[1], "--csv") == 0;
    if (argc > 2 || (argc == 2 && !as_csv))
        return cli_usage_error("followup", "list takes only --csv");
    store *st;
    err_t e;
    if (cli_open(c, &st))
        return CLI_FAIL;
    int rc = as_csv ? list_csv(st, &e) : list_text(st, &e);
    store_close(st);
    return rc ? cli_error("followup list", &e) : CLI_OK;
}

/* ---- followup answer ID WORD ---- */

/* The walker's words as the buttons say them, or the bundle's. */
static int parse_answer(const char *s, model_answer *out)
{
    static const char *const still[] = {"still", "kvar", "Kvar", NULL};
    static const char *const fixed[] = {"fixed",    "atgardat", "Atgardat",
                                        "åtgärdat", "Åtgärdat", NULL};
    for (int i = 0; still[i]; i++)
        if (strcmp(s, still[i]) == 0)
            return *out = ANSWER_STILL, 0;
    for (int i = 0; fixed[i]; i++)
        if (strcmp(s, fixed[i]) == 0)
            return *out = ANSWER_FIXED, 0;
    return -1;
}

static int cmd_answer(cli_ctx *c, int argc, char **argv)
{
    model_answer a;
    if (argc != 3)
        return cli_usage_error("followup", "answer wants a spot id and "
                                           "still or fixed");
    if (parse_answer(argv[2], &a))
        return cli_usage_error("followup",
                               "\"%s\" is not an answer: give "
                               "still (kvar) or fixed (åtgärdat)",
                               argv[2]);
    store *st;
    err_t e;
    spot_check out;
    if (cli_open(c, &st))
        return CLI_FAIL;
    int rc = store_check_add(st, argv[1], a, &out, &e);
    store_close(st);
    if (rc)
        return cli_error("followup answer", &e);
    printf("Answered %s for spot %s.\n%s\n", model_answer_name(a), out.spot_id,
           out.id);
    return CLI_OK;
}

int cli_followup(cli_ctx *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(FOLLOWUP_HELP, stdout);
        return CLI_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return cmd_list(c, argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "answer") == 0)
        return cmd_answer(c, argc - 1, argv + 1);
    if (argc >= 2 && argv[1][0] != '-')
        return cli_usage_error("followup", "unknown subcommand \"%s\"",
                               argv[1]);
    return cmd_write(c, argc, argv);
}
