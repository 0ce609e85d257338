/* media_linux: removable media from /proc/mounts. See media.h. */
#include "media.h"

#include <stdio.h>
#include <string.h>

/* /proc/mounts writes space, tab, newline and backslash as \ooo. */
static void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '7' && r[2] >= '0' &&
            r[2] <= '7' && r[3] >= '0' && r[3] <= '7') {
            *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
            r += 3;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static int removable_place(const char *dir)
{
    return strncmp(dir, "/media/", 7) == 0 ||
           strncmp(dir, "/run/media/", 11) == 0;
}

int media_list(const char *mounts_file, media_entry *out, int max)
{
    FILE *f = fopen(mounts_file ? mounts_file : "/proc/mounts", "r");
    if (!f)
        return 0;
    char line[PATH_MAX + 256], dev[256], dir[PATH_MAX];
    int n = 0;
    while (n < max && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%255s %4095s", dev, dir) != 2)
            continue;
        unescape(dir);
        if (!removable_place(dir))
            continue;
        const char *base = strrchr(dir, '/');
        snprintf(out[n].name, sizeof out[n].name, "%.63s", base ? base + 1 : dir);
        snprintf(out[n].path, sizeof out[n].path, "%s", dir);
        n++;
    }
    fclose(f);
    return n;
}
