/* import_sums: SHA256SUMS of a bundle, and the folder it describes. */
#define _GNU_SOURCE
#include "import.h"
#include "bundle.h"
#include "sha.h"
#include "txt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUMS_MAX_BYTES 16384

/* The member is opened relative to the folder, so that a folder path near
 * PATH_MAX works, and no path is ever cut short into another one. Never
 * blocks (a FIFO), never follows a link. */
int import_open_member(const char *dir, const char *name, err_t *e)
{
    struct stat sb;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return err_set(e, "cannot open the bundle folder: %s",
                       strerror(errno));
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    int saved = errno;
    close(dfd);
    errno = saved;
    if (fd < 0 && errno == ENOENT)
        return err_set(e, "%s is missing from the bundle", name);
    if (fd < 0 && errno == ELOOP)
        return err_set(e, "%s is a symbolic link, not a plain file", name);
    if (fd < 0)
        return err_set(e, "cannot open %s: %s", name, strerror(errno));
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return err_set(e, "%s is not a plain file", name);
    }
    return fd;
}

const char *import_sum_of(const import_sums *sums, const char *name)
{
    for (size_t i = 0; i < sums->n; i++)
        if (strcmp(sums->name[i], name) == 0)
            return sums->hex[i];
    return NULL;
}

/* A member name: one plain file name, nothing that walks out of the folder. */
static int check_name(const char *s, size_t len)
{
    if (len == 0 || len > 255 || s[0] == '.' || s[0] == '-' ||
        !txt_utf8_valid(s, len, NULL))
        return -1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == '/' || s[i] == '\\' ||
            s[i] == 0x7f)
            return -1;
    return 0;
}

static int parse_line(import_sums *sums, const char *s, size_t len,
                      int line, err_t *e)
{
    if (len > 0 && s[len - 1] == '\r')
        len--;
    if (sums->n >= IMPORT_MAX_FILES)
        return err_set(e, "SHA256SUMS line %d: more than %d files", line,
                       IMPORT_MAX_FILES);
    int ok = len > 66 && s[64] == ' ' && (s[65] == ' ' || s[65] == '*');
    for (int i = 0; ok && i < 64; i++)
        ok = strchr("0123456789abcdef", s[i]) != NULL && s[i] != '\0';
    if (!ok)
        return err_set(e, "SHA256SUMS line %d: not a \"<sha256>  <file>\" "
                       "line", line);
    const char *name = s + 66;
    size_t n = len - 66;
    if (check_name(name, n))
        return err_set(e, "SHA256SUMS line %d: \"%.*s\" is not a plain file "
                       "name", line, (int)(n > 60 ? 60 : n), name);
    memcpy(sums->name[sums->n], name, n);
    sums->name[sums->n][n] = '\0';
    if (import_sum_of(sums, sums->name[sums->n]))
        return err_set(e, "SHA256SUMS line %d: %s is listed twice", line,
                       sums->name[sums->n]);
    memcpy(sums->hex[sums->n], s, 64);
    sums->hex[sums->n][64] = '\0';
    sums->n++;
    return 0;
}

static int read_whole(int fd, char *buf, size_t cap, size_t *len, err_t *e)
{
    *len = 0;
    for (;;) {
        ssize_t r = read(fd, buf + *len, cap - *len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return err_set(e, "cannot read SHA256SUMS: %s", strerror(errno));
        if (r == 0)
            return 0;
        *len += (size_t)r;
        if (*len == cap)
            return err_set(e, "SHA256SUMS is larger than %d bytes",
                           SUMS_MAX_BYTES);
    }
}

static int parse_sums(import_sums *sums, const char *buf, size_t len,
                      err_t *e)
{
    int line = 1;
    size_t start = 0;
    /* sha256sum ends every line with LF: without one, the file was cut. */
    if (len > 0 && buf[len - 1] != '\n') {
        for (size_t i = 0; i < len; i++)
            line += buf[i] == '\n';
        return err_set(e, "SHA256SUMS line %d: no line feed at its end (the "
                       "file was cut short)", line);
    }
    for (size_t i = 0; i <= len; i++) {
        if (i < len && buf[i] != '\n')
            continue;
        if (i > start && parse_line(sums, buf + start, i - start, line, e))
            return -1;
        start = i + 1;
        line++;
    }
    return 0;
}

/* Every listed file must be there, as a plain file (sha256sum -c would
 * fail on a missing one too). */
static int check_listed_present(const char *dir, const import_sums *sums,
                                err_t *e)
{
    for (size_t i = 0; i < sums->n; i++) {
        int fd = import_open_member(dir, sums->name[i], e);
        if (fd < 0)
            return err_prefix(e, "listed in SHA256SUMS");
        close(fd);
    }
    return 0;
}

static int check_listing(const char *dir, const import_sums *sums, err_t *e)
{
    DIR *d = opendir(dir);
    if (!d)
        return err_set(e, "cannot read bundle folder %s: %s", dir,
                       strerror(errno));
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        /* Dot-files are what file managers leave (.DS_Store, ._x); they
         * are not part of a bundle and never read. */
        if (de->d_name[0] == '.' || strcmp(de->d_name, BUNDLE_SUMS) == 0)
            continue;
        if (!import_sum_of(sums, de->d_name))
            rc = err_set(e, "%s is in the bundle folder but not in "
                         "SHA256SUMS", de->d_name);
    }
    closedir(d);
    return rc;
}

int import_read_sums(const char *dir, const char *const *required,
                     import_sums *sums, err_t *e)
{
    char buf[SUMS_MAX_BYTES];
    size_t len;
    sums->n = 0;
    int fd = import_open_member(dir, BUNDLE_SUMS, e);
    if (fd < 0)
        return -1;
    int rc = read_whole(fd, buf, sizeof buf, &len, e);
    close(fd);
    if (rc || parse_sums(sums, buf, len, e))
        return -1;
    for (; *required; required++)
        if (!import_sum_of(sums, *required))
            return err_set(e, "SHA256SUMS does not list %s", *required);
    return check_listed_present(dir, sums, e) || check_listing(dir, sums, e)
               ? -1
               : 0;
}

static int hash_fd(int fd, char *hex, const char *name, err_t *e)
{
    char buf[1 << 16];
    sha_ctx c;
    if (sha_begin(&c, e))
        return -1;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            sha_discard(&c);
            return err_set(e, "cannot read %s: %s", name, strerror(errno));
        }
        if (r == 0)
            break;
        sha_update(&c, buf, (size_t)r);
    }
    return sha_finish_hex(&c, hex, e);
}

static int in_list(const char *const *list, const char *name)
{
    for (; list && *list; list++)
        if (strcmp(*list, name) == 0)
            return 1;
    return 0;
}

int import_verify_all(const char *dir, const import_sums *sums,
                      const char *const *skip, err_t *e)
{
    for (size_t i = 0; i < sums->n; i++) {
        if (in_list(skip, sums->name[i]))
            continue;
        char hex[SHA_HEX_LEN + 1];
        int fd = import_open_member(dir, sums->name[i], e);
        if (fd < 0)
            return -1;
        int rc = hash_fd(fd, hex, sums->name[i], e);
        close(fd);
        if (rc)
            return -1;
        if (strcmp(hex, sums->hex[i]) != 0)
            return err_set(e, "%s does not match its SHA-256 in SHA256SUMS "
                           "(damaged or changed after export)",
                           sums->name[i]);
    }
    return 0;
}
