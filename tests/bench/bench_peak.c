/*
 * bench_peak: run a command and write its peak resident memory, what GNU
 * time's %M gives, without needing the `time` package: the kernel keeps the
 * high-water mark of the resident set (VmHWM) and hands it to the parent in
 * wait4's rusage (ru_maxrss, KiB) when the child ends, however short its
 * life was.
 *
 *   bench_peak OUTFILE CMD [ARG...]
 *
 * CMD inherits stdin, stdout and stderr. OUTFILE gets one line,
 * "peak_rss_kb=N". Exit status: CMD's own; 2 when CMD could not be run or
 * OUTFILE not written (with a message); 128+N when CMD died of signal N.
 *
 * Not a timer: run.sh times the whole command around it (a fork and an
 * exec, well under a millisecond, are added to every side alike).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_peak(const char *path, long kb)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "bench_peak: cannot create %s: %s\n", path,
                strerror(errno));
        return -1;
    }
    fprintf(f, "peak_rss_kb=%ld\n", kb);
    if (ferror(f) | fclose(f)) {
        fprintf(stderr, "bench_peak: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_peak OUTFILE CMD [ARG...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "bench_peak: fork: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "bench_peak: cannot run %s: %s\n", argv[2],
                strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR) {
            fprintf(stderr, "bench_peak: wait4: %s\n", strerror(errno));
            return 2;
        }
    if (write_peak(argv[1], ru.ru_maxrss))
        return 2;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
