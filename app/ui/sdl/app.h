/*
 * app: the touch app's top level: SDL window and renderer, the event loop
 * that sleeps until input (or a timed redraw), the screens' state, and the
 * optional --script driver. `trygg` with no command runs app_run.
 */
#ifndef TRYGG_APP_H
#define TRYGG_APP_H

typedef struct app_opts {
    const char *db_path;    /* NULL: the default database */
    const char *script;     /* --script FILE, or NULL */
    const char *font;       /* --font FILE, or NULL */
    const char *sync_dir;   /* --sync-dir DIR, or NULL: the default folder */
    const char *lang;       /* "sv" (default) or "en" */
    float dpi;              /* --dpi N, 0: ask the display */
    int w, h;               /* --size WxH, 0: the default */
    const char *gps;        /* --gps sim|gpsd|none, NULL: gpsd */
    const char *gpsd;       /* --gpsd HOST:PORT, NULL: localhost:2947 */
    const char *gps_route;  /* --gps-route FILE for sim, NULL: the demo's */
    const char *version;
} app_opts;

/* Run until the window closes or the script ends. Returns the exit code:
 * 0, 1 for a failure (the message is on stderr). */
int app_run(const app_opts *o);

/* Parse the app's options (argv after the program name); 0 ok, 2 usage
 * error (message printed). --help prints usage and sets *help. */
int app_parse_args(int argc, char **argv, app_opts *o, int *help);

#endif
