/* paths_xdg: paths.h for Linux desktops and devices that follow the XDG
 * base directory specification. */
#include "paths.h"
#include "fsx.h"

#include <stdio.h>
#include <stdlib.h>

int paths_default_db(char *out, size_t cap, err_t *e)
{
    char dir[4096];
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(dir, sizeof dir, "%s/trygg", xdg);
    else if (home && home[0])
        n = snprintf(dir, sizeof dir, "%s/.local/share/trygg", home);
    else
        return err_set(e, "neither XDG_DATA_HOME nor HOME is set; give the "
                       "database with --db FILE");
    if (n < 0 || (size_t)n >= sizeof dir || fsx_mkdirs(dir, e))
        return n < 0 || (size_t)n >= sizeof dir
                   ? err_set(e, "data folder path is too long")
                   : -1;
    n = snprintf(out, cap, "%s/trygg.sqlite", dir);
    if (n < 0 || (size_t)n >= cap)
        return err_set(e, "database path is too long");
    return 0;
}
