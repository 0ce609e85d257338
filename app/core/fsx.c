/* fsx: see fsx.h. */
#define _GNU_SOURCE
#include "fsx.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fsx_sync_dir(const char *path, err_t *e)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return err_os(e, errno, "cannot open folder %s", path);
    return fsx_sync_close(fd, path, e);
}

int fsx_sync_close(int fd, const char *path, err_t *e)
{
    int rc = fsync(fd);
    int fsync_errno = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        fsync_errno = errno;
    }
    if (rc != 0 && fsync_errno != EINVAL) /* EINVAL: fs without fsync */
        return err_os(e, fsync_errno, "cannot write %s to disk", path);
    return 0;
}

int fsx_rename_noreplace(const char *from, const char *to, err_t *e)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return err_os(e, errno, "cannot rename %s to %s", from, to);
    /* The file system cannot do it atomically: check, then rename. */
    struct stat sb;
    if (lstat(to, &sb) == 0)
        return err_os(e, EEXIST, "cannot rename %s to %s", from, to);
    if (rename(from, to) != 0)
        return err_os(e, errno, "cannot rename %s to %s", from, to);
    return 0;
}

int fsx_mkdirs(const char *path, err_t *e)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return err_set(e, "folder name \"%s\" is empty or too long", path);
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; ; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return err_os(e, errno, "cannot create folder %s", buf);
        *p = saved;
        if (saved == '\0')
            break;
    }
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return err_set(e, "%s is not a folder", path);
    return 0;
}

/* The plain words for one errno, or NULL. */
static const char *plain_words(int errnum)
{
    switch (errnum) {
    case ENOSPC: case EDQUOT: case EFBIG:
        return "The storage is full.";
    case EROFS:
        return "The storage is read-only: is the write-protect switch of "
               "the stick or card on, or is it mounted read-only?";
    case EACCES: case EPERM:
        return "This user may not write in that folder.";
    case ENOENT:
        return "The folder is not there: is the USB stick plugged in, or "
               "was it pulled out?";
    case ENODEV: case ENXIO:
        return "The storage is gone: was the USB stick pulled out?";
    case EIO:
        return "The storage failed to write: was the USB stick pulled "
               "out, or is it damaged?";
    case ENOTDIR:
        return "A part of that path is a file, not a folder.";
    default:
        return NULL;
    }
}

int fsx_explain(err_t *e)
{
    const char *words = e ? plain_words(e->os) : NULL;
    if (words) {
        size_t n = strlen(e->msg);
        snprintf(e->msg + n, sizeof e->msg - n, ". %s", words);
    }
    return -1;
}

void fsx_remove_flat_dir(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *de;
        char p[PATH_MAX];
        while ((de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            if (snprintf(p, sizeof p, "%s/%s", path, de->d_name) <
                (int)sizeof p)
                unlink(p);
        }
        closedir(d);
    }
    rmdir(path);
}

void fsx_dir_of(const char *path, char *dir, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, cap, ".");
    else if (slash == path)
        snprintf(dir, cap, "/");
    else
        snprintf(dir, cap, "%.*s", (int)(slash - path), path);
}
