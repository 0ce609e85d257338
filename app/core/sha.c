/* sha: see sha.h. */
#include "sha.h"

#include <openssl/evp.h>

int sha_begin(sha_ctx *c, err_t *e)
{
    c->md = EVP_MD_CTX_new();
    if (!c->md)
        return err_set(e, "out of memory for a SHA-256 context");
    if (EVP_DigestInit_ex(c->md, EVP_sha256(), NULL) != 1) {
        sha_discard(c);
        return err_set(e, "OpenSSL cannot start SHA-256");
    }
    return 0;
}

void sha_update(sha_ctx *c, const void *data, size_t len)
{
    /* EVP_DigestUpdate only fails on a context that failed to init, which
     * sha_begin already refused. */
    if (c->md && len)
        EVP_DigestUpdate(c->md, data, len);
}

int sha_finish_hex(sha_ctx *c, char *hex, err_t *e)
{
    static const char H[] = "0123456789abcdef";
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    int ok = c->md && EVP_DigestFinal_ex(c->md, d, &n) == 1 && n == 32;
    sha_discard(c);
    if (!ok)
        return err_set(e, "OpenSSL cannot finish SHA-256");
    for (unsigned i = 0; i < n; i++) {
        hex[2 * i] = H[d[i] >> 4];
        hex[2 * i + 1] = H[d[i] & 15];
    }
    hex[SHA_HEX_LEN] = '\0';
    return 0;
}

void sha_discard(sha_ctx *c)
{
    EVP_MD_CTX_free(c->md);
    c->md = NULL;
}
