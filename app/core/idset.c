/* idset: see idset.h. */
#include "idset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void idset_init(idset *s) { memset(s, 0, sizeof *s); }

void idset_free(idset *s)
{
    free(s->keys);
    idset_init(s);
}

static int hexval(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

static void pack(const char *uuid, unsigned char *k)
{
    int j = 0;
    for (int i = 0; uuid[i] && j < 32; i++) {
        if (uuid[i] == '-')
            continue;
        if (j % 2 == 0)
            k[j / 2] = (unsigned char)(hexval(uuid[i]) << 4);
        else
            k[j / 2] |= (unsigned char)hexval(uuid[i]);
        j++;
    }
}

static const unsigned char ZERO[16];

static size_t slot_of(const idset *s, const unsigned char *k)
{
    uint64_t h;
    memcpy(&h, k, sizeof h);
    size_t i = (size_t)(h * 0x9e3779b97f4a7c15ull) & (s->cap - 1);
    while (memcmp(s->keys + i * 16, ZERO, 16) != 0 &&
           memcmp(s->keys + i * 16, k, 16) != 0)
        i = (i + 1) & (s->cap - 1);
    return i;
}

static int grow(idset *s, err_t *e)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    unsigned char *old = s->keys;
    size_t old_cap = s->cap;
    s->keys = calloc(cap, 16);
    if (!s->keys) {
        s->keys = old;
        return err_set(e, "out of memory for %zu ids", s->n);
    }
    s->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (memcmp(old + i * 16, ZERO, 16) != 0)
            memcpy(s->keys + slot_of(s, old + i * 16) * 16, old + i * 16, 16);
    free(old);
    return 0;
}

int idset_add(idset *s, const char *uuid, err_t *e)
{
    unsigned char k[16];
    pack(uuid, k);
    if (memcmp(k, ZERO, 16) == 0) {
        int was = s->has_zero;
        s->has_zero = 1;
        return !was;
    }
    if ((s->n + 1) * 2 > s->cap && grow(s, e))
        return -1;
    size_t i = slot_of(s, k);
    if (memcmp(s->keys + i * 16, k, 16) == 0)
        return 0;
    memcpy(s->keys + i * 16, k, 16);
    s->n++;
    return 1;
}

int idset_has(const idset *s, const char *uuid)
{
    unsigned char k[16];
    pack(uuid, k);
    if (memcmp(k, ZERO, 16) == 0)
        return s->has_zero;
    if (s->cap == 0)
        return 0;
    return memcmp(s->keys + slot_of(s, k) * 16, k, 16) == 0;
}
