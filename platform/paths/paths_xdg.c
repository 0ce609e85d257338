/* paths_xdg: paths.h for Linux desktops and devices that follow the XDG
 * base directory specification. */
#include "paths.h"
#include "fsx.h"

#include <stdio.h>
#include <stdlib.h>

/* $XDG_DATA_HOME/trygg or $HOME/.local/share/trygg, created. */
static int data_dir(char *dir, size_t cap, err_t *e)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(dir, cap, "%s/trygg", xdg);
    else if (home && home[0])
        n = snprintf(dir, cap, "%s/.local/share/trygg", home);
    else
        return err_set(e, "neither XDG_DATA_HOME nor HOME is set; give the "
                       "database with --db FILE");
    if (n < 0 || (size_t)n >= cap)
        return err_set(e, "data folder path is too long");
    return fsx_mkdirs(dir, e);
}

static int in_data_dir(const char *name, char *out, size_t cap, err_t *e)
{
    char dir[4096];
    if (data_dir(dir, sizeof dir, e))
        return -1;
    int n = snprintf(out, cap, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= cap)
        return err_set(e, "path of %s is too long", name);
    return 0;
}

int paths_default_db(char *out, size_t cap, err_t *e)
{
    return in_data_dir("trygg.sqlite", out, cap, e);
}

int paths_default_sync(char *out, size_t cap, err_t *e)
{
    return in_data_dir("sync", out, cap, e);
}

int paths_default_map(char *out, size_t cap, err_t *e)
{
    return in_data_dir("map.geojson", out, cap, e);
}
