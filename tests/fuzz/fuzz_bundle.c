/* fuzz_bundle: a fuzz input split into a bundle folder. See fuzz_bundle.h. */
#include "fuzz_bundle.h"
#include "fuzz_util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FZB_MAX_FILES 16

typedef struct part {
    const uint8_t *s;
    size_t len;
} part;

/* Where the separator line starting at or after from begins, or size. */
static size_t next_separator(const uint8_t *data, size_t size, size_t from)
{
    const size_t sep = sizeof FZB_SEPARATOR - 1;
    for (size_t i = from; i + sep <= size; i++) {
        if (i > 0 && data[i - 1] != '\n')
            continue;
        if (memcmp(data + i, FZB_SEPARATOR, sep) == 0)
            return i;
    }
    return size;
}

static size_t split(const uint8_t *data, size_t size, part *parts, size_t cap)
{
    size_t n = 0, at = 0;
    for (;;) {
        size_t end = next_separator(data, size, at);
        parts[n++] = (part){data + at, end - at};
        if (end == size || n == cap)
            return n;
        at = end + sizeof FZB_SEPARATOR - 1;
    }
}

static void name_of(char *out, size_t cap, size_t k,
                    const char *const *names, size_t n_names)
{
    if (k < n_names)
        snprintf(out, cap, "%s", names[k]);
    else
        snprintf(out, cap, "extra%zu.txt", k - n_names + 1);
}

/* Remove what an earlier input left: every name this input did not make. */
static void remove_rest(const char *dir, size_t from,
                        const char *const *names, size_t n_names)
{
    char name[64], path[PATH_MAX];
    for (size_t k = from; k < n_names + FZB_MAX_EXTRA; k++) {
        name_of(name, sizeof name, k, names, n_names);
        fz_join(path, sizeof path, dir, name);
        if (unlink(path) != 0 && errno != ENOENT)
            fz_fail("cannot remove %s: %s", path, strerror(errno));
    }
}

size_t fzb_write(const char *dir, const uint8_t *data, size_t size,
                 const char *const *names, size_t n_names)
{
    part parts[FZB_MAX_FILES];
    char sums[FZB_MAX_FILES * 320], name[64], path[PATH_MAX];
    char hex[SHA_HEX_LEN + 1];
    size_t used = 0;
    if (n_names + FZB_MAX_EXTRA > FZB_MAX_FILES)
        fz_fail("fzb_write: more than %d file names", FZB_MAX_FILES);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        fz_fail("cannot make %s: %s", dir, strerror(errno));
    size_t n = split(data, size, parts, n_names + FZB_MAX_EXTRA);
    for (size_t k = 0; k < n; k++) {
        name_of(name, sizeof name, k, names, n_names);
        fz_join(path, sizeof path, dir, name);
        fz_write_file(path, parts[k].s, parts[k].len);
        fz_sha_hex(parts[k].s, parts[k].len, hex);
        used += (size_t)snprintf(sums + used, sizeof sums - used, "%s  %s\n",
                                 hex, name);
    }
    remove_rest(dir, n, names, n_names);
    fz_join(path, sizeof path, dir, "SHA256SUMS");
    fz_write_file(path, sums, used);
    return n;
}
