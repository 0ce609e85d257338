/* cli_walk: `trygg walk start|end|list`. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char WALK_HELP[] =
    "usage: trygg [--db FILE] walk start [--title T] [--area A]\n"
    "                 [--role citizen|volunteer|staff]\n"
    "                 [--light daylight|dusk|dark] [--participants N]\n"
    "       trygg [--db FILE] walk end [WALK_ID]\n"
    "       trygg [--db FILE] walk list\n"
    "\n"
    "start  begins a walk (role defaults to citizen) and prints its id on\n"
    "       the last line. Only one walk is open at a time.\n"
    "end    ends the open walk, or the walk WALK_ID.\n"
    "list   shows every walk, newest first, with its number of spots.\n";

static int parse_start(int argc, char **argv, walk *w)
{
    static const struct option opts[] = {
        {"title", required_argument, 0, 't'},
        {"area", required_argument, 0, 'a'},
        {"role", required_argument, 0, 'r'},
        {"light", required_argument, 0, 'l'},
        {"participants", required_argument, 0, 'p'},
        {0, 0, 0, 0}};
    err_t e;
    int64_t n;
    int ch, li = 0;
    memset(w, 0, sizeof *w);
    w->role = ROLE_CITIZEN;
    optind = 0;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "", opts, &li)) != -1) {
        int bad = 0;
        switch (ch) {
        case 't':
            bad = model_parse_text(optarg, strlen(optarg),
                                   MODEL_TITLE_MAX_CHARS, w->title, &e);
            break;
        case 'a':
            bad = model_parse_text(optarg, strlen(optarg),
                                   MODEL_TITLE_MAX_CHARS, w->area, &e);
            break;
        case 'r':
            bad = model_parse_role(optarg, strlen(optarg), &w->role, &e);
            break;
        case 'l':
            bad = model_parse_light(optarg, strlen(optarg), &w->light, &e);
            break;
        case 'p':
            bad = model_parse_int(optarg, strlen(optarg), 1, 100000, &n, &e);
            w->participants = (int)n;
            break;
        default:
            return cli_usage_error("walk start", "unknown option or missing "
                                   "value: %s", argv[optind - 1]);
        }
        if (bad)
            return cli_usage_error("walk start", "--%s: %s", opts[li].name,
                                   e.msg);
    }
    if (optind < argc)
        return cli_usage_error("walk start", "unexpected argument: %s",
                               argv[optind]);
    return CLI_OK;
}

static int walk_start(cli_ctx *c, int argc, char **argv)
{
    walk w;
    store *st;
    err_t e;
    int rc = parse_start(argc, argv, &w);
    if (rc != CLI_OK)
        return rc;
    if (cli_open(c, &st))
        return CLI_FAIL;
    rc = store_walk_start(st, &w, &e) ? cli_error("walk start", &e) : CLI_OK;
    if (rc == CLI_OK && w.participants)
        printf("Walk started: role %s, light %s, %d participants.\n%s\n",
               model_role_name(w.role),
               w.light ? model_light_name(w.light) : "not given",
               w.participants, w.id);
    else if (rc == CLI_OK)
        printf("Walk started: role %s, light %s.\n%s\n",
               model_role_name(w.role),
               w.light ? model_light_name(w.light) : "not given", w.id);
    store_close(st);
    return rc;
}

static int walk_end(cli_ctx *c, int argc, char **argv)
{
    store *st;
    err_t e;
    char id[IDS_UUID_LEN + 1];
    if (argc > 2)
        return cli_usage_error("walk end", "give at most one walk id");
    if (cli_open(c, &st))
        return CLI_FAIL;
    int rc = CLI_OK;
    if (argc == 2) {
        snprintf(id, sizeof id, "%s", argv[1]);
    } else {
        int open = store_walk_open(st, id, &e);
        if (open <= 0) {
            if (open == 0)
                err_set(&e, "no walk is open");
            rc = cli_error("walk end", &e);
        }
    }
    if (rc == CLI_OK && store_walk_end(st, id, &e))
        rc = cli_error("walk end", &e);
    if (rc == CLI_OK)
        printf("Walk ended.\n%s\n", id);
    store_close(st);
    return rc;
}

static int print_walk(void *ctx, const walk *w, int64_t n_spots)
{
    char start[TM_ISO_LEN + 1], end[TM_ISO_LEN + 1] = "open";
    (void)ctx;
    tm_format_iso(w->started_at, start);
    if (w->has_ended)
        tm_format_iso(w->ended_at, end);
    printf("%s  %s  %-20s  %-9s  %-8s  %5lld  %s\n", w->id, start, end,
           model_role_name(w->role),
           w->light ? model_light_name(w->light) : "-", (long long)n_spots,
           w->title);
    return 0;
}

static int walk_list(cli_ctx *c, int argc, char **argv)
{
    store *st;
    err_t e;
    (void)argv;
    if (argc > 1)
        return cli_usage_error("walk list", "takes no arguments");
    if (cli_open(c, &st))
        return CLI_FAIL;
    printf("%-36s  %-20s  %-20s  %-9s  %-8s  %5s  %s\n", "walk_id", "started",
           "ended", "role", "light", "spots", "title");
    int rc = store_walk_each(st, print_walk, NULL, &e)
                 ? cli_error("walk list", &e)
                 : CLI_OK;
    store_close(st);
    return rc;
}

int cli_walk(cli_ctx *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(WALK_HELP, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    if (strcmp(argv[1], "start") == 0)
        return walk_start(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "end") == 0)
        return walk_end(c, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") == 0)
        return walk_list(c, argc - 1, argv + 1);
    return cli_usage_error("walk", "unknown subcommand \"%s\"", argv[1]);
}
