/*
 * faultfs: an LD_PRELOAD shim that makes the file-system calls of a test's
 * program fail on one folder, at a moment the test chooses: a USB stick
 * that is read-only, full, or pulled out in the middle of a write. Used by
 * tests/integration/test_sync_faults.sh; not part of trygg.
 *
 * Why a shim and not strace -e inject or a real mount: it needs neither
 * ptrace nor mount rights, so it works in an unprivileged container, and it
 * works under ASan (run with ASAN_OPTIONS=verify_asan_link_order=0; the
 * shim itself is built without sanitizers and never allocates).
 *
 * Configured by the environment (only FAULTFS_PREFIX is required):
 *   FAULTFS_PREFIX   absolute folder: calls on paths under it, and on
 *                    descriptors opened under it, are "counted calls"
 *   FAULTFS_OPS      the kinds counted, comma-separated (default all):
 *                    open write fsync close mkdir rename unlink rmdir
 *   FAULTFS_FAIL_AT  K >= 1: the K-th counted call fails (0: none)
 *   FAULTFS_STICKY   1: every counted call from the K-th on fails (the
 *                    stick is gone for good)
 *   FAULTFS_VANISH   1: at the K-th counted call the prefix folder is
 *                    removed with all it holds (rm -rf of the mount point)
 *                    and the call then runs for real
 *   FAULTFS_ERRNO    EIO (default), ENODEV, ENOENT, EROFS, ENOSPC, EACCES,
 *                    EPERM or a number
 *   FAULTFS_BYTES    N: writes under the prefix take N bytes in all; the
 *                    write that crosses N is cut short, the next one fails
 *   FAULTFS_NOSYNC   1: an fsync under the prefix that does not fail
 *                    returns 0 without waiting for the disk (the call is
 *                    still counted): a loop of a hundred syncs then costs
 *                    no disk flushes, and what trygg sees is the same
 *   FAULTFS_REPORT   a file (outside the prefix) that gets one line per
 *                    counted call: "K OP RESULT PATH", RESULT being "ok",
 *                    "vanish" or the errno's name; and, at exit, one line
 *                    "leak fd N PATH" per descriptor opened under the
 *                    prefix and never closed
 *
 * Not covered: relative paths (the tests pass absolute ones), pwrite,
 * writev and the *at() calls other than openat, renameat and renameat2 (trygg
 * does not use them on bundle folders).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FD 4096
#define MAX_NAMED_FD 64 /* descriptors whose path the report can name */
#define NAME_MAX_LEN 512

enum { OP_OPEN, OP_WRITE, OP_FSYNC, OP_CLOSE, OP_MKDIR, OP_RENAME, OP_UNLINK,
       OP_RMDIR, OP_N };
static const char *const OP_NAMES[OP_N] = {"open",   "write",  "fsync",
                                           "close",  "mkdir",  "rename",
                                           "unlink", "rmdir"};

static struct {
    int ready;
    const char *prefix;
    size_t prefix_len;
    int ops[OP_N];
    long fail_at, sticky, vanish, errnum, nosync;
    long long bytes_left; /* -1: no byte limit */
    const char *report;
    long calls;
    int busy; /* inside the shim's own work: nothing counts */
    unsigned char under[MAX_FD];
    char fd_path[MAX_NAMED_FD][NAME_MAX_LEN];
} S;

/* The real functions, looked up once. */
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_open)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_close)(int);
static int (*real_mkdir)(const char *, mode_t);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_renameat2)(int, const char *, int, const char *,
                             unsigned);
static int (*real_unlink)(const char *);
static int (*real_rmdir)(const char *);

static long env_long(const char *name, long dflt)
{
    const char *s = getenv(name);
    return s && *s ? strtol(s, NULL, 10) : dflt;
}

static long parse_errno(const char *s)
{
    static const struct { const char *name; int num; } NAMES[] = {
        {"EIO", EIO},       {"ENODEV", ENODEV}, {"ENOENT", ENOENT},
        {"EROFS", EROFS},   {"ENOSPC", ENOSPC}, {"EACCES", EACCES},
        {"EPERM", EPERM},   {"ENXIO", ENXIO},   {"EFBIG", EFBIG}};
    if (!s || !*s)
        return EIO;
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(s, NAMES[i].name) == 0)
            return NAMES[i].num;
    return strtol(s, NULL, 10);
}

static const char *errno_name(int num)
{
    const char *n = strerrorname_np(num);
    return n ? n : "E?";
}

static void parse_ops(const char *s)
{
    for (int i = 0; i < OP_N; i++)
        S.ops[i] = !s || !*s || strstr(s, OP_NAMES[i]) != NULL;
}

#define LOOKUP(name) (*(void **)&real_##name = dlsym(RTLD_NEXT, #name))

static void init(void)
{
    if (S.ready)
        return;
    LOOKUP(write); LOOKUP(open); LOOKUP(openat); LOOKUP(fsync);
    LOOKUP(fdatasync); LOOKUP(close); LOOKUP(mkdir); LOOKUP(rename);
    LOOKUP(renameat); LOOKUP(renameat2); LOOKUP(unlink); LOOKUP(rmdir);
    S.prefix = getenv("FAULTFS_PREFIX");
    if (S.prefix && S.prefix[0] == '/') {
        S.prefix_len = strlen(S.prefix);
        while (S.prefix_len > 1 && S.prefix[S.prefix_len - 1] == '/')
            S.prefix_len--;
    } else {
        S.prefix = NULL;
    }
    parse_ops(getenv("FAULTFS_OPS"));
    S.fail_at = env_long("FAULTFS_FAIL_AT", 0);
    S.sticky = env_long("FAULTFS_STICKY", 0);
    S.vanish = env_long("FAULTFS_VANISH", 0);
    S.nosync = env_long("FAULTFS_NOSYNC", 0);
    S.errnum = parse_errno(getenv("FAULTFS_ERRNO"));
    S.bytes_left = env_long("FAULTFS_BYTES", -1);
    S.report = getenv("FAULTFS_REPORT");
    S.ready = 1;
}

static int is_under(const char *path)
{
    return S.prefix && path &&
           strncmp(path, S.prefix, S.prefix_len) == 0 &&
           (path[S.prefix_len] == '/' || path[S.prefix_len] == '\0');
}

static int fd_under(int fd)
{
    return fd >= 0 && fd < MAX_FD && S.under[fd];
}

/* The path fd was opened with, for the report. */
static const char *fd_name(int fd)
{
    return fd >= 0 && fd < MAX_NAMED_FD && S.fd_path[fd][0] ? S.fd_path[fd]
                                                            : "-";
}

static void remember(int fd, const char *path)
{
    if (fd < 0 || fd >= MAX_FD)
        return;
    S.under[fd] = (unsigned char)is_under(path);
    if (fd < MAX_NAMED_FD)
        snprintf(S.fd_path[fd], NAME_MAX_LEN, "%s",
                 S.under[fd] ? path : "");
}

static void report(long k, int op, const char *result, const char *path)
{
    char line[4200];
    if (!S.report)
        return;
    int n = snprintf(line, sizeof line, "%ld %s %s %s\n", k, OP_NAMES[op],
                     result, path ? path : "-");
    int fd = real_open(S.report, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                       0644);
    if (fd < 0)
        return;
    if (n > (int)sizeof line - 1)
        n = (int)sizeof line - 1;
    /* A lost line shows as a gap in the numbers the test reads. */
    ssize_t w = real_write(fd, line, (size_t)n);
    (void)w;
    real_close(fd);
}

/* At exit: the descriptors under the prefix that were never closed (a
 * leak the sanitizers do not see). */
__attribute__((destructor)) static void report_leaks(void)
{
    char line[NAME_MAX_LEN + 64];
    if (!S.ready || !S.report)
        return;
    for (int fd = 0; fd < MAX_FD; fd++) {
        if (!S.under[fd])
            continue;
        int n = snprintf(line, sizeof line, "leak fd %d %s\n", fd,
                         fd_name(fd));
        int out = real_open(S.report,
                            O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (out < 0)
            return;
        if (n > (int)sizeof line - 1)
            n = (int)sizeof line - 1;
        ssize_t w = real_write(out, line, (size_t)n);
        (void)w;
        real_close(out);
    }
}

static int rm_one(const char *path, const struct stat *sb, int type,
                  struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (type == FTW_DP)
        real_rmdir(path);
    else
        real_unlink(path);
    return 0;
}

/* What the counted call of kind op on path does: 0 run it, 1 fail it with
 * S.errnum. The prefix vanishes first when that is the fault. */
static int decide(int op, const char *path)
{
    if (S.busy || !S.ops[op])
        return 0;
    S.busy = 1;
    long k = ++S.calls;
    int hit = S.fail_at > 0 && (k == S.fail_at || (S.sticky && k > S.fail_at));
    int fail = hit && !S.vanish;
    char saved[4200];
    snprintf(saved, sizeof saved, "%s", path ? path : "-");
    if (hit && S.vanish && k == S.fail_at) {
        char root[4200];
        snprintf(root, sizeof root, "%.*s", (int)S.prefix_len, S.prefix);
        nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    }
    report(k, op, fail ? errno_name((int)S.errnum) : hit ? "vanish" : "ok",
           saved);
    S.busy = 0;
    return fail;
}

static int fail_now(void)
{
    errno = (int)S.errnum;
    return -1;
}

static int open_common(int dirfd, const char *path, int flags, mode_t mode,
                       int at)
{
    init();
    if (is_under(path) && decide(OP_OPEN, path))
        return fail_now();
    int fd = at ? real_openat(dirfd, path, flags, mode)
                : real_open(path, flags, mode);
    remember(fd, path);
    return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE
               ? (mode_t)va_arg(ap, int)
               : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    return open_common(AT_FDCWD, path, flags, mode, 0);
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    return open_common(AT_FDCWD, path, flags, mode, 0);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    return open_common(dirfd, path, flags, mode, 1);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    init();
    if (!fd_under(fd))
        return real_write(fd, buf, n);
    if (decide(OP_WRITE, fd_name(fd)))
        return fail_now();
    if (S.bytes_left < 0)
        return real_write(fd, buf, n);
    if (S.bytes_left == 0)
        return fail_now();
    if ((long long)n > S.bytes_left)
        n = (size_t)S.bytes_left; /* cut short, as a filling disk does */
    ssize_t w = real_write(fd, buf, n);
    if (w > 0)
        S.bytes_left -= w;
    return w;
}

int fsync(int fd)
{
    init();
    if (!fd_under(fd))
        return real_fsync(fd);
    if (decide(OP_FSYNC, fd_name(fd)))
        return fail_now();
    return S.nosync ? 0 : real_fsync(fd);
}

int fdatasync(int fd)
{
    init();
    if (!fd_under(fd))
        return real_fdatasync(fd);
    if (decide(OP_FSYNC, fd_name(fd)))
        return fail_now();
    return S.nosync ? 0 : real_fdatasync(fd);
}

/* A failed close still closes the descriptor, as on Linux. */
int close(int fd)
{
    init();
    int under = fd_under(fd), fail = under && decide(OP_CLOSE, fd_name(fd));
    if (under)
        remember(fd, "");
    int rc = real_close(fd);
    return fail ? fail_now() : rc;
}

int mkdir(const char *path, mode_t mode)
{
    init();
    if (is_under(path) && decide(OP_MKDIR, path))
        return fail_now();
    return real_mkdir(path, mode);
}

int rename(const char *from, const char *to)
{
    init();
    if ((is_under(from) || is_under(to)) && decide(OP_RENAME, to))
        return fail_now();
    return real_rename(from, to);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
    init();
    if ((is_under(from) || is_under(to)) && decide(OP_RENAME, to))
        return fail_now();
    return real_renameat(fromfd, from, tofd, to);
}

int renameat2(int fromfd, const char *from, int tofd, const char *to,
              unsigned flags)
{
    init();
    if ((is_under(from) || is_under(to)) && decide(OP_RENAME, to))
        return fail_now();
    return real_renameat2(fromfd, from, tofd, to, flags);
}

int unlink(const char *path)
{
    init();
    if (is_under(path) && decide(OP_UNLINK, path))
        return fail_now();
    return real_unlink(path);
}

int rmdir(const char *path)
{
    init();
    if (is_under(path) && decide(OP_RMDIR, path))
        return fail_now();
    return real_rmdir(path);
}
