/* app_args: the touch app's command line options. See app.h. */
#include "app.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char APP_USAGE[] =
    "usage: trygg [--db FILE] [--script FILE] [--lang sv|en] [--font FILE]\n"
    "             [--sync-dir DIR] [--dpi N] [--size WxH]\n"
    "\n"
    "Starts the touch app. Without a display it runs on SDL's offscreen\n"
    "driver, which is useful with --script.\n"
    "\n"
    "  --script FILE   drive the app from FILE (tap, type, drag, wait,\n"
    "                  expect, shot, quit); exits non-zero on a failed line\n"
    "  --lang sv|en    language at start (Swedish by default)\n"
    "  --font FILE     a TrueType font instead of DejaVu Sans\n"
    "                  (also TRYGG_FONT)\n"
    "  --sync-dir DIR  the default folder of Synka\n"
    "  --dpi N         the display's dots per inch, when it does not tell\n"
    "                  (also TRYGG_DPI); touch targets are 12 mm\n"
    "  --size WxH      window size in pixels (default 720x1280)\n"
    "  --gps SOURCE    gpsd (default: the receiver, through gpsd), sim (a\n"
    "                  simulated walk, shown as such) or none\n"
    "  --gps-route F   the route the sim source walks (t_s,lat,lon,err_m)\n"
    "  --gpsd HOST:PORT  the gpsd to ask (default localhost:2947)\n";

static int bad(const char *msg, const char *arg)
{
    fprintf(stderr, "trygg: %s: %s (see trygg --help-app)\n", msg, arg);
    return 2;
}

static int one_opt(int c, const char *arg, app_opts *o)
{
    switch (c) {
    case 's': o->script = arg; return 0;
    case 'f': o->font = arg; return 0;
    case 'y': o->sync_dir = arg; return 0;
    case 'l':
        if (strcmp(arg, "sv") && strcmp(arg, "en"))
            return bad("--lang takes sv or en", arg);
        o->lang = arg;
        return 0;
    case 'd':
        o->dpi = strtof(arg, NULL);
        return o->dpi >= 50 && o->dpi <= 1000 ? 0
                                               : bad("--dpi is 50..1000", arg);
    case 'g':
        if (strcmp(arg, "sim") && strcmp(arg, "gpsd") && strcmp(arg, "none"))
            return bad("--gps takes sim, gpsd or none", arg);
        o->gps = arg;
        return 0;
    case 'r': o->gps_route = arg; return 0;
    case 'z':
        if (sscanf(arg, "%dx%d", &o->w, &o->h) != 2 || o->w < 200 ||
            o->h < 200 || o->w > 8000 || o->h > 8000)
            return bad("--size is WxH, 200..8000 each", arg);
        return 0;
    default: return 2;
    }
}

int app_parse_args(int argc, char **argv, app_opts *o, int *help)
{
    static const struct option opts[] = {
        {"script", required_argument, 0, 's'},
        {"font", required_argument, 0, 'f'},
        {"sync-dir", required_argument, 0, 'y'},
        {"lang", required_argument, 0, 'l'},
        {"dpi", required_argument, 0, 'd'},
        {"size", required_argument, 0, 'z'},
        {"gps", required_argument, 0, 'g'},
        {"gps-route", required_argument, 0, 'r'},
        {"help-app", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    *help = 0;
    optind = 1;
    opterr = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'h') {
            *help = 1;
            fputs(APP_USAGE, stdout);
            return 0;
        }
        if (c == '?' || one_opt(c, optarg, o))
            return 2;
    }
    if (optind < argc)
        return bad("unexpected argument", argv[optind]);
    if (o->gps && strcmp(o->gps, "sim") == 0 && !o->gps_route)
        o->gps_route = TRYGG_ASSET_DIR "/gps/demo-route.csv";
    return 0;
}
