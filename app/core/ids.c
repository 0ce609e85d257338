/* ids: see ids.h. */
#include "ids.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

static int fill_random(unsigned char *buf, size_t n, err_t *e)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return err_set(e, "cannot read random bytes from the system: %s",
                           strerror(errno));
        got += (size_t)r;
    }
    return 0;
}

static const char HEX[] = "0123456789abcdef";

int ids_uuid_v4(char *out, err_t *e)
{
    unsigned char b[16];
    if (fill_random(b, sizeof b, e))
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = HEX[b[i] >> 4];
        *p++ = HEX[b[i] & 15];
    }
    *p = '\0';
    return 0;
}

int ids_random_hex(char *out, size_t n_hex, err_t *e)
{
    unsigned char b[64];
    size_t n_bytes = (n_hex + 1) / 2;
    if (n_bytes > sizeof b)
        return err_set(e, "random id of %zu digits is too long", n_hex);
    if (fill_random(b, n_bytes, e))
        return -1;
    for (size_t i = 0; i < n_hex; i++)
        out[i] = HEX[(b[i / 2] >> (i % 2 ? 0 : 4)) & 15];
    out[n_hex] = '\0';
    return 0;
}

static int is_lower_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

int ids_is_uuid_v4(const char *s, size_t len)
{
    if (len != IDS_UUID_LEN)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_lower_hex(s[i]))
            return 0;
    }
    return s[14] == '4' && strchr("89ab", s[19]) != NULL;
}

int ids_is_device_id(const char *s, size_t len)
{
    if (len < 8 || len > 32)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!is_lower_hex(s[i]))
            return 0;
    return 1;
}
