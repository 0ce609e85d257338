/*
 * ids: random identifiers from the operating system's CSPRNG.
 *
 * Walk and spot ids are RFC 4122 version 4 UUIDs, lowercase with hyphens; the
 * device id is 16 lowercase hex digits made once per database. Never a
 * pseudo-random generator: two devices must not collide.
 */
#ifndef TRYGG_IDS_H
#define TRYGG_IDS_H

#include <stddef.h>

#include "err.h"

#define IDS_UUID_LEN 36
#define IDS_DEVICE_LEN 16

/* Fill out (IDS_UUID_LEN + 1 bytes) with a fresh UUID v4. */
int ids_uuid_v4(char *out, err_t *e);

/* Fill out (n_hex + 1 bytes) with n_hex random lowercase hex digits. */
int ids_random_hex(char *out, size_t n_hex, err_t *e);

/* 1 when s[0..len) is a lowercase hyphenated UUID version 4, else 0. */
int ids_is_uuid_v4(const char *s, size_t len);

/* 1 when s[0..len) is a device id: 8 to 32 lowercase hex digits. */
int ids_is_device_id(const char *s, size_t len);

#endif
