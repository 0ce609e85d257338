/*
 * sha: SHA-256 through OpenSSL's EVP interface, hex output as sha256sum
 * prints it. Streaming, so files are hashed while they are written or read
 * and never held whole in memory.
 */
#ifndef TRYGG_SHA_H
#define TRYGG_SHA_H

#include <stddef.h>

#include "err.h"

#define SHA_HEX_LEN 64

struct evp_md_ctx_st;

typedef struct sha_ctx {
    struct evp_md_ctx_st *md;
} sha_ctx;

int sha_begin(sha_ctx *c, err_t *e);
void sha_update(sha_ctx *c, const void *data, size_t len);
/* Finish into hex (SHA_HEX_LEN + 1 bytes) and free the context. */
int sha_finish_hex(sha_ctx *c, char *hex, err_t *e);
/* Free without finishing (on error paths). Safe to call twice. */
void sha_discard(sha_ctx *c);

#endif
