/*
 * test_idset: the set of ids (idset): growth with spread and with colliding
 * hashes, duplicates, and the all-zero key.
 */
#include "ids.h"
#include "idset.h"
#include "testhelp.h"

/* A UUID-shaped string for number i, in a chosen byte position so that
 * `same_prefix` ones share their first 8 bytes (the hash) and must all be
 * found by probing. */
static void numbered_uuid(char *out, unsigned i, int same_prefix)
{
    if (same_prefix)
        snprintf(out, IDS_UUID_LEN + 1, "5eed5eed-5eed-4eed-8000-%012x", i);
    else
        snprintf(out, IDS_UUID_LEN + 1, "%08x-0000-4000-8000-00000000abcd",
                 i * 2654435761u);
}

/* Add n ids; each is new once and a duplicate right after, and the first
 * id stays findable as the table grows under it. */
static void check_idset_growth(int same_prefix, unsigned n)
{
    idset s;
    err_t e = {{0}, 0};
    char u[IDS_UUID_LEN + 1], first[IDS_UUID_LEN + 1];
    int bad = 0;
    idset_init(&s);
    numbered_uuid(first, 1, same_prefix);
    for (unsigned i = 1; i <= n; i++) {
        numbered_uuid(u, i, same_prefix);
        bad += idset_add(&s, u, &e) != 1;
        bad += idset_add(&s, u, &e) != 0;
        bad += !idset_has(&s, first);
    }
    CHECK_INT(bad, 0);
    CHECK_INT(s.n, n);
    for (unsigned i = 1; i <= n; i++) {
        numbered_uuid(u, i, same_prefix);
        bad += idset_add(&s, u, &e) != 0 || !idset_has(&s, u);
    }
    CHECK_INT(bad, 0);
    numbered_uuid(u, n + 1, same_prefix);
    CHECK_INT(idset_has(&s, u), 0);
    idset_free(&s);
    CHECK_INT(idset_has(&s, first), 0);
}

static void test_idset(void)
{
    check_idset_growth(0, 5000);
    check_idset_growth(1, 1500); /* one hash slot: probing across growth */
    idset s;
    err_t e = {{0}, 0};
    const char *zero = "00000000-0000-0000-0000-000000000000";
    idset_init(&s);
    CHECK_INT(idset_has(&s, zero), 0);
    CHECK_INT(idset_add(&s, zero, &e), 1); /* the key that marks empty */
    CHECK_INT(idset_add(&s, zero, &e), 0);
    CHECK_INT(idset_has(&s, zero), 1);
    CHECK_INT(idset_has(&s, "00000000-0000-0000-0000-000000000001"), 0);
    idset_free(&s);
}

int main(void)
{
    test_idset();
    return th_report("test_idset");
}
