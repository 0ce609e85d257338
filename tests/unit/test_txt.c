/*
 * test_txt: UTF-8 (txt): a table of valid and invalid byte strings, each
 * invalid one with the offset of its first bad byte, and character counts.
 */
#include "testhelp.h"
#include "txt.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct utf8_case {
    const char *s;
    size_t len;
    int ok;
    size_t bad_at; /* offset of the first bad byte when !ok */
} UTF8_CASES[] = {
    {"", 0, 1, 0}, {"abc", 3, 1, 0}, {"åäö", 6, 1, 0},
    {"\xc2\x80\xdf\xbf", 4, 1, 0},               /* U+0080, U+07FF */
    {"\xe0\xa0\x80\xef\xbf\xbf", 6, 1, 0},       /* U+0800, U+FFFF */
    {"\xed\x9f\xbf\xee\x80\x80", 6, 1, 0},       /* around surrogates */
    {"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", 8, 1, 0}, /* U+10000, U+10FFFF */
    {"a\xc0\xaf", 3, 0, 1},                      /* overlong '/' */
    {"\xc1\xbf", 2, 0, 0},                       /* overlong */
    {"ab\xe0\x80\xaf", 5, 0, 2},                 /* overlong 3-byte */
    {"\xf0\x80\x80\xaf", 4, 0, 0},               /* overlong 4-byte */
    {"x\xed\xa0\x80", 4, 0, 1},                  /* surrogate D800 */
    {"\xed\xbf\xbf", 3, 0, 0},                   /* surrogate DFFF */
    {"\xf4\x90\x80\x80", 4, 0, 0},               /* U+110000 */
    {"\xf5\x80\x80\x80", 4, 0, 0},               /* lead byte past F4 */
    {"ok\xc3", 3, 0, 2},                         /* truncated at end */
    {"\xe2\x82", 2, 0, 0},                       /* truncated euro */
    {"\xe2\x82z", 3, 0, 0},                      /* cut by ASCII */
    {"a\x80z", 3, 0, 1},                         /* stray continuation */
    {"\xc3\xa5\xa5", 3, 0, 2},                   /* one too many */
    {"ab\0c", 4, 0, 2},                          /* NUL */
    {"\xff", 1, 0, 0}, {"\xfe\xff", 2, 0, 0},
};

static void test_utf8_valid(void)
{
    for (size_t i = 0; i < COUNT(UTF8_CASES); i++) {
        const struct utf8_case *c = &UTF8_CASES[i];
        size_t at = 999;
        int ok = txt_utf8_valid(c->s, c->len, &at);
        if (ok != c->ok || (!ok && at != c->bad_at))
            TH_FAIL("utf8 case %zu: valid %d at %zu, want %d at %zu", i, ok,
                    at, c->ok, c->bad_at);
        th_checks++;
        CHECK_INT(txt_utf8_valid(c->s, c->len, NULL), c->ok);
    }
}

static void test_utf8_count(void)
{
    CHECK_INT(txt_utf8_count("", 0), 0);
    CHECK_INT(txt_utf8_count("abc", 3), 3);
    CHECK_INT(txt_utf8_count("åäö", 6), 3);
    CHECK_INT(txt_utf8_count("€", 3), 1);
    /* woman walking: U+1F6B6 U+200D U+2640 U+FE0F, 13 bytes */
    CHECK_INT(txt_utf8_count("🚶‍♀️", strlen("🚶‍♀️")), 4);
    CHECK_INT(txt_utf8_count("aåb", 2), 2); /* length is honoured */
}

int main(void)
{
    test_utf8_valid();
    test_utf8_count();
    return th_report("test_txt");
}
