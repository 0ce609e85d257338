/* fuzz_util: helpers shared by the fuzz targets. See fuzz_util.h. */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void fz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz invariant: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

int fz_memfd(const char *name)
{
    int fd = memfd_create(name, MFD_CLOEXEC);
    if (fd < 0)
        fz_fail("memfd_create %s: %s", name, strerror(errno));
    return fd;
}

void fz_fd_set(int fd, const uint8_t *data, size_t len)
{
    if (ftruncate(fd, 0) != 0)
        fz_fail("ftruncate: %s", strerror(errno));
    size_t off = 0;
    while (off < len) {
        ssize_t w = pwrite(fd, data + off, len - off, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            fz_fail("pwrite: %s", strerror(errno));
        off += (size_t)w;
    }
    if (lseek(fd, 0, SEEK_SET) != 0)
        fz_fail("lseek: %s", strerror(errno));
}

/* The one scratch folder of this process: set once, read by the exit
 * handler, which takes no argument (hence file scope). */
static char scratch[PATH_MAX];

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    char path[PATH_MAX];
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        fz_join(path, sizeof path, dir, de->d_name);
        if (unlink(path) != 0 && errno == EISDIR)
            remove_tree(path);
    }
    closedir(d);
    rmdir(dir);
}

static void remove_scratch(void)
{
    remove_tree(scratch);
}

/* Where scratch folders go: $TRYGG_FUZZ_TMP (run.sh sets it, so it can
 * clean up after a crash, when no exit handler runs), else RAM. */
static const char *scratch_parent(void)
{
    const char *env = getenv("TRYGG_FUZZ_TMP");
    struct stat sb;
    if (env && *env)
        return env;
    return stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) ? "/dev/shm"
                                                             : "/tmp";
}

const char *fz_scratch_dir(const char *tag)
{
    if (scratch[0])
        return scratch;
    snprintf(scratch, sizeof scratch, "%s/trygg-fuzz-%s-%ld", scratch_parent(),
             tag, (long)getpid());
    remove_tree(scratch); /* left by an earlier process with this pid */
    if (mkdir(scratch, 0700) != 0)
        fz_fail("cannot make %s: %s", scratch, strerror(errno));
    atexit(remove_scratch);
    return scratch;
}

void fz_join(char *path, size_t cap, const char *dir, const char *name)
{
    if ((size_t)snprintf(path, cap, "%s/%s", dir, name) >= cap)
        fz_fail("path too long: %s/%s", dir, name);
}

void fz_write_file(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        fz_fail("cannot write %s: %s", path, strerror(errno));
    fz_fd_set(fd, data, len);
    if (close(fd) != 0)
        fz_fail("cannot close %s: %s", path, strerror(errno));
}

void fz_sha_hex(const void *data, size_t len, char *hex)
{
    sha_ctx c;
    err_t e;
    if (sha_begin(&c, &e))
        fz_fail("sha_begin: %s", e.msg);
    sha_update(&c, data, len);
    if (sha_finish_hex(&c, hex, &e))
        fz_fail("sha_finish_hex: %s", e.msg);
}
