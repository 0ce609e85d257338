/*
 * media: removable storage a walker can sync to (a USB stick, an SD card).
 * Behind one small interface: on Linux they are the mount points under
 * /media and /run/media (where udisks puts them); a phone build would ask
 * its OS instead.
 */
#ifndef TRYGG_MEDIA_H
#define TRYGG_MEDIA_H

#include <limits.h>

typedef struct media_entry {
    char name[64];        /* the volume's name: the last path component */
    char path[PATH_MAX];  /* where it is mounted */
} media_entry;

/* Fill up to max entries from mounts_file (NULL: /proc/mounts); returns how
 * many, 0 when none or the file cannot be read. */
int media_list(const char *mounts_file, media_entry *out, int max);

#endif
