/*
 * test_ids: random ids and their checks (ids): 10000 fresh UUIDs, tables of
 * accepted and refused UUIDs and device ids, and random hex (lengths,
 * digits and their spread).
 */
#include "ids.h"
#include "idset.h"
#include "testhelp.h"

#include <ctype.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* 10000 fresh UUIDs: accepted by the checker (its own table is below),
 * version 4 and variant 8-b, NUL-terminated, all distinct, and every variant
 * digit turns up (a stuck bit would show). */
static void test_uuid_generate(void)
{
    idset seen;
    idset_init(&seen);
    int variants[4] = {0}, bad = 0, dups = 0;
    for (int i = 0; i < 10000; i++) {
        char u[IDS_UUID_LEN + 1];
        err_t e = {{0}, 0};
        memset(u, 'X', sizeof u);
        if (ids_uuid_v4(u, &e) != 0 || strlen(u) != IDS_UUID_LEN ||
            !ids_is_uuid_v4(u, IDS_UUID_LEN) || u[14] != '4' ||
            !strchr("89ab", u[19]))
            bad++;
        else
            variants[strchr("89ab", u[19]) - "89ab"]++;
        if (idset_add(&seen, u, &e) != 1)
            dups++;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(dups, 0);
    CHECK_INT(seen.n, 10000);
    for (int v = 0; v < 4; v++)
        CHECK(variants[v] > 2000);
    idset_free(&seen);
}

static void test_uuid_check(void)
{
    static const char *const good[] = {
        "123e4567-e89b-42d3-a456-426614174000",
        "00000000-0000-4000-8000-000000000000",
        "ffffffff-ffff-4fff-bfff-ffffffffffff",
    };
    static const char *const bad[] = {
        "123E4567-E89B-42D3-A456-426614174000", /* uppercase */
        "123e4567-e89b-12d3-a456-426614174000", /* version 1 */
        "123e4567-e89b-42d3-c456-426614174000", /* variant c */
        "123e4567-e89b-42d3-7456-426614174000", /* variant 7 */
        "123e4567e89b42d3a456426614174000",     /* no hyphens */
        "{23e4567-e89b-42d3-a456-426614174000",
        "123e4567-e89b-42d3-a456-42661417400g",
        "123e4567-e89b4-2d3-a456-426614174000", /* hyphen moved */
        "123e4567-e89b-42d3-a456-42661417400",  /* 35 */
        "123e4567-e89b-42d3-a456-4266141740000", /* 37 */
        "",
    };
    for (size_t i = 0; i < COUNT(good); i++)
        CHECK_INT(ids_is_uuid_v4(good[i], strlen(good[i])), 1);
    for (size_t i = 0; i < COUNT(bad); i++) {
        if (ids_is_uuid_v4(bad[i], strlen(bad[i])))
            TH_FAIL("ids_is_uuid_v4 accepted \"%s\"", bad[i]);
        th_checks++;
    }
    CHECK_INT(ids_is_uuid_v4(good[0], IDS_UUID_LEN - 1), 0); /* len counts */
}

static void test_device_id(void)
{
    static const struct { const char *s; int ok; } cases[] = {
        {"0123abcd", 1}, {"7f3a9c1e00ff12ab", 1},
        {"0123456789abcdef0123456789abcdef", 1}, {"0123abc", 0},
        {"0123456789abcdef0123456789abcdef0", 0}, {"0123ABCD", 0},
        {"0123abcg", 0}, {"0123-bcd", 0}, {"", 0}};
    for (size_t i = 0; i < COUNT(cases); i++)
        CHECK_INT(ids_is_device_id(cases[i].s, strlen(cases[i].s)),
                  cases[i].ok);
}

/* Random hex of several lengths (odd ones too): lowercase hex digits,
 * NUL-terminated, not all the same, and over-long requests refused. */
static void test_random_hex(void)
{
    static const size_t lens[] = {1, 7, 8, 16, 31, 32, 128};
    for (size_t k = 0; k < COUNT(lens); k++) {
        char out[130];
        err_t e = {{0}, 0};
        memset(out, 'X', sizeof out);
        CHECK_INT(ids_random_hex(out, lens[k], &e), 0);
        CHECK_INT(strlen(out), lens[k]);
        CHECK_INT(strspn(out, "0123456789abcdef"), lens[k]);
        if (lens[k] >= 8)
            CHECK_INT(ids_is_device_id(out, lens[k]), lens[k] <= 32);
    }
    err_t e = {{0}, 0};
    char big[300];
    CHECK_INT(ids_random_hex(big, 129, &e), -1);
    CHECK_HAS(e.msg, "too long");
}

/* Every digit turns up in high and low nibbles (a mask slip would not; 800
 * draws each, so a miss by chance is about 1e-22), and the two digits of a
 * byte differ as often as chance says (they would not if a nibble were
 * reused). */
static void test_random_hex_spread(void)
{
    int seen[2][16] = {{0}}, missing = 0, twins = 0;
    for (int round = 0; round < 50; round++) {
        char out[33];
        err_t e = {{0}, 0};
        CHECK_INT(ids_random_hex(out, 32, &e), 0);
        for (int i = 0; i < 32 && isxdigit((unsigned char)out[i]); i++)
            seen[i % 2][out[i] <= '9' ? out[i] - '0' : (out[i] | 32) - 'a' + 10]++;
        for (int i = 0; i < 32; i += 2)
            twins += out[i] == out[i + 1]; /* 1 in 16 by chance */
    }
    for (int d = 0; d < 32; d++)
        missing += seen[d / 16][d % 16] == 0;
    CHECK_INT(missing, 0);
    CHECK(twins < 200); /* about 50 expected, 800 with a reused nibble */
}

int main(void)
{
    test_uuid_generate();
    test_uuid_check();
    test_device_id();
    test_random_hex();
    test_random_hex_spread();
    return th_report("test_ids");
}
