/*
 * test_model: the small value modules under the bundle: tm (UTC times), ids
 * (random ids and their checks), txt (UTF-8), model (field parsers), idset
 * and cat (the category table).
 *
 * Tables of accepted and refused values, each refused one with the reason
 * that must appear in its message; times are checked against the C
 * library's gmtime_r, ids against 10000 fresh ones.
 */
#include "cat.h"
#include "ids.h"
#include "idset.h"
#include "model.h"
#include "testhelp.h"
#include "tm.h"
#include "txt.h"

#include <ctype.h>
#include <stdint.h>
#include <time.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- tm ---- */

static const struct {
    const char *iso;
    int64_t t;
} KNOWN_TIMES[] = {
    {"1970-01-01T00:00:00Z", 0},
    {"1969-12-31T23:59:59Z", -1},
    {"2000-02-29T12:00:00Z", 951825600},       /* leap day, year % 400 */
    {"2024-02-29T23:59:59Z", 1709251199},      /* leap day */
    {"2024-03-01T00:00:00Z", 1709251200},      /* the second after */
    {"2026-11-24T18:30:05Z", 1795545005},      /* the spec's example */
    {"2038-01-19T03:14:07Z", 2147483647},      /* last 32-bit second */
    {"2038-01-19T03:14:08Z", 2147483648LL},    /* and the one after */
    {"2100-03-01T00:00:00Z", 4107542400LL},    /* 2100 is not leap */
    {"9999-12-31T23:59:59Z", 253402300799LL},  /* the last 4-digit year */
    {"0000-01-01T00:00:00Z", -62167219200LL},  /* the first */
};

static void test_tm_known(void)
{
    char out[TM_ISO_LEN + 1];
    for (size_t i = 0; i < COUNT(KNOWN_TIMES); i++) {
        int64_t t = 0;
        CHECK_INT(tm_parse_iso(KNOWN_TIMES[i].iso, TM_ISO_LEN, &t), 0);
        CHECK_INT(t, KNOWN_TIMES[i].t);
        tm_format_iso(KNOWN_TIMES[i].t, out);
        CHECK_STR(out, KNOWN_TIMES[i].iso);
    }
}

/* Format and parse agree with gmtime_r for times spread over 1000..9999,
 * with a step that is not a whole number of days or hours. */
static void test_tm_against_libc(void)
{
    const int64_t first = -30610224000LL; /* 1000-01-01 */
    const int64_t step = 86400LL * 365 * 3 + 3601 * 7 + 13;
    int bad = 0;
    for (int64_t t = first; t <= 253402300799LL && bad < 5; t += step) {
        char want[64], got[TM_ISO_LEN + 1];
        time_t tt = (time_t)t;
        struct tm g;
        gmtime_r(&tt, &g);
        strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &g);
        tm_format_iso(t, got);
        int64_t back = 0;
        int ok = strcmp(got, want) == 0 &&
                 tm_parse_iso(got, TM_ISO_LEN, &back) == 0 && back == t;
        if (!ok && ++bad)
            TH_FAIL("t=%lld: got %s, want %s", (long long)t, got, want);
        th_checks++;
    }
}

static void test_tm_rejects(void)
{
    static const char *const bad[] = {
        "2026-02-29T12:00:00Z", /* not a leap year */
        "1900-02-29T12:00:00Z", /* % 100 and not % 400 */
        "2026-04-31T12:00:00Z", "2026-13-01T12:00:00Z",
        "2026-00-10T12:00:00Z", "2026-01-00T12:00:00Z",
        "2026-11-24T24:00:00Z", "2026-11-24T23:60:00Z",
        "2026-11-24T23:59:60Z", /* no leap seconds */
        "2026-11-24t18:30:05Z", "2026-11-24T18:30:05z",
        "2026-11-24 18:30:05Z", "2026/11/24T18:30:05Z",
        "2026-11-24T18:30:05+", "2026-1-24T18:30:05ZZ",
        "+026-11-24T18:30:05Z", "2026-11-2aT18:30:05Z",
        "2026-11-24T18:3 :05Z", "-026-11-24T18:30:05Z",
        "2026-11-24T18:30:05", "2026-11-24T18:30:05Z ", /* wrong lengths */
        "2026-11-24T18:30:05.0Z", "",
    };
    int64_t t = 77;
    for (size_t i = 0; i < COUNT(bad); i++) {
        if (tm_parse_iso(bad[i], strlen(bad[i]), &t) != -1)
            TH_FAIL("tm_parse_iso accepted \"%s\"", bad[i]);
        th_checks++;
    }
    CHECK_INT(t, 77); /* untouched on failure */
    CHECK_INT(tm_parse_iso("2026-11-24T18:30:05Z", 19, &t), -1); /* len */
}

static void test_tm_compact(void)
{
    char out[32];
    memset(out, '#', sizeof out);
    tm_format_compact(1795545005, out);
    CHECK_STR(out, "20261124T183005Z");
    tm_format_compact(0, out);
    CHECK_STR(out, "19700101T000000Z");
    tm_format_compact(951868799, out);
    CHECK_STR(out, "20000229T235959Z");
    CHECK_INT(out[17], '#'); /* 16 characters and the NUL, no more */
}

/* The injected clock seam: the real one is close to time(). */
static void test_tm_now(void)
{
    int64_t now = tm_now_real(NULL);
    CHECK(now >= (int64_t)time(NULL) - 1 && now <= (int64_t)time(NULL));
}

/* ---- ids ---- */

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
        err_t e = {{0}};
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
        err_t e = {{0}};
        memset(out, 'X', sizeof out);
        CHECK_INT(ids_random_hex(out, lens[k], &e), 0);
        CHECK_INT(strlen(out), lens[k]);
        CHECK_INT(strspn(out, "0123456789abcdef"), lens[k]);
        if (lens[k] >= 8)
            CHECK_INT(ids_is_device_id(out, lens[k]), lens[k] <= 32);
    }
    err_t e = {{0}};
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
        err_t e = {{0}};
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

/* ---- txt ---- */

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

/* ---- model ---- */

/* A decimal accepted by parse with the value `want`. */
typedef int (*dec_parser)(const char *, size_t, double *, err_t *);

static void check_dec_ok(dec_parser p, const char *s, double want)
{
    double v = -12345;
    err_t e = {{0}};
    if (p(s, strlen(s), &v, &e) != 0 || v != want)
        TH_FAIL("\"%s\": rc msg \"%s\", value %.9f, want %.9f", s, e.msg, v,
                want);
    th_checks++;
}

/* Refused, with a message that contains `why`. */
static void check_dec_bad(dec_parser p, const char *s, const char *why)
{
    double v = 0;
    err_t e = {{0}};
    if (p(s, strlen(s), &v, &e) != -1)
        TH_FAIL("\"%s\" was accepted as %.9f", s, v);
    th_checks++;
    CHECK_HAS(e.msg, why);
}

static void test_parse_lat_lon(void)
{
    check_dec_ok(model_parse_lat, "90", 90);
    check_dec_ok(model_parse_lat, "-90", -90);
    check_dec_ok(model_parse_lat, "90.0000000", 90);
    check_dec_ok(model_parse_lat, "59.329323", 59.329323);
    check_dec_ok(model_parse_lat, "-0.5", -0.5);
    check_dec_ok(model_parse_lon, "180", 180);
    check_dec_ok(model_parse_lon, "-180.000000", -180);
    check_dec_ok(model_parse_accuracy, "4.5", 4.5);
    check_dec_bad(model_parse_lat, "90.0000001", "not in -90..90");
    check_dec_bad(model_parse_lat, "-90.0000001", "not in -90..90");
    check_dec_bad(model_parse_lon, "180.000001", "not in -180..180");
    check_dec_bad(model_parse_lon, "-181", "not in -180..180");
    check_dec_bad(model_parse_accuracy, "-1", "not in 0..");
    static const char *const not_numbers[] = {
        "1e5", "nan", "inf", "-inf", "0x10", " 1", "1 ", "", "-", "1.",
        ".5", "+1", "1,5", "--1", "1.2.3", "1e", "٣", "59.3\n"};
    for (size_t i = 0; i < COUNT(not_numbers); i++)
        check_dec_bad(model_parse_lat, not_numbers[i], "not a decimal number");
}

/* Enum parsers: every name round-trips through its *_name function (the
 * empty light is LIGHT_NONE), and near misses are refused with a message
 * that names the value. */
static int parse_enum(int kind, const char *s, size_t len, int *out, err_t *e)
{
    model_role r;
    model_light l;
    model_source src;
    int rc = kind == 0   ? model_parse_role(s, len, &r, e)
             : kind == 1 ? model_parse_light(s, len, &l, e)
                         : model_parse_source(s, len, &src, e);
    *out = rc ? -1 : kind == 0 ? (int)r : kind == 1 ? (int)l : (int)src;
    return rc;
}

static const char *enum_name(int kind, int v)
{
    return kind == 0   ? model_role_name((model_role)v)
           : kind == 1 ? model_light_name((model_light)v)
                       : model_source_name((model_source)v);
}

static void test_parse_enums(void)
{
    static const struct { int kind, value; const char *s; } ok[] = {
        {0, ROLE_CITIZEN, "citizen"}, {0, ROLE_VOLUNTEER, "volunteer"},
        {0, ROLE_STAFF, "staff"},     {1, LIGHT_NONE, ""},
        {1, LIGHT_DAYLIGHT, "daylight"}, {1, LIGHT_DUSK, "dusk"},
        {1, LIGHT_DARK, "dark"},      {2, SRC_GPS, "gps"}, {2, SRC_MAP, "map"}};
    static const struct { int kind; const char *s, *why; } bad[] = {
        {0, "Citizen", "\"Citizen\" is not a role"}, {0, "", "not a role"},
        {0, "staffs", "not a role"}, {0, "citizen ", "not a role"},
        {1, "night", "\"night\" is not a light"}, {1, "dusk ", "not a light"},
        {1, "Dark", "not a light"}, {2, "GPS", "\"GPS\" is not a position"},
        {2, "", "not a position source"}, {2, "manual", "not a position"}};
    err_t e = {{0}};
    int v;
    for (size_t i = 0; i < COUNT(ok); i++) {
        CHECK_INT(parse_enum(ok[i].kind, ok[i].s, strlen(ok[i].s), &v, &e), 0);
        CHECK_INT(v, ok[i].value);
        CHECK_STR(enum_name(ok[i].kind, ok[i].value), ok[i].s);
    }
    for (size_t i = 0; i < COUNT(bad); i++) {
        CHECK_INT(parse_enum(bad[i].kind, bad[i].s, strlen(bad[i].s), &v, &e),
                  -1);
        CHECK_HAS(e.msg, bad[i].why);
    }
    CHECK_INT(parse_enum(0, "staff", 4, &v, &e), -1); /* length is honoured */
}

static void test_parse_severity(void)
{
    err_t e = {{0}};
    int sev = 0;
    for (int v = 1; v <= 3; v++) {
        char s[2] = {(char)('0' + v), 0};
        CHECK_INT(model_parse_severity(s, 1, &sev, &e), 0);
        CHECK_INT(sev, v);
    }
    static const char *const bad[] = {"0", "4", "", "-1", "1.0", " 2", "2 ",
                                      "+2"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        sev = 42;
        CHECK_INT(model_parse_severity(bad[i], strlen(bad[i]), &sev, &e), -1);
        CHECK_HAS(e.msg, "is not a severity (1, 2 or 3)");
        CHECK_INT(sev, 42); /* untouched on failure */
    }
}

/* Whole numbers: digits only (no sign, no spaces), at most 18 of them. */
static void test_parse_int(void)
{
    static const struct {
        const char *s;
        int64_t min, max, want; /* want: the value, or -1 with why */
        const char *why;
    } cases[] = {
        {"7", 1, 1000, 7, NULL},
        {"999999999999999999", 1, INT64_MAX, 999999999999999999LL, NULL},
        {"0", 1, 1000, -1, "0 is not in 1..1000"},
        {"1001", 1, 1000, -1, "1001 is not in 1..1000"},
        {"1000000000000000000", 1, INT64_MAX, -1, "not a whole number"},
        {"-1", 0, 10, -1, "not a whole number"},
        {"", 0, 10, -1, "not a whole number"},
        {"1 ", 0, 10, -1, "not a whole number"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t v = -1;
        err_t e = {{0}};
        int rc = model_parse_int(cases[i].s, strlen(cases[i].s), cases[i].min,
                                 cases[i].max, &v, &e);
        CHECK_INT(rc, cases[i].why ? -1 : 0);
        CHECK_INT(v, cases[i].want);
        CHECK_HAS(e.msg, cases[i].why ? cases[i].why : "");
    }
}

static void test_parse_time_uuid_code(void)
{
    err_t e = {{0}};
    int64_t t = 0;
    CHECK_INT(model_parse_time("2026-11-24T18:30:05Z", 20, &t, &e), 0);
    CHECK_INT(t, 1795545005);
    CHECK_INT(model_parse_time("2026-02-29T18:30:05Z", 20, &t, &e), -1);
    CHECK_HAS(e.msg, "\"2026-02-29T18:30:05Z\" is not a UTC time");

    char id[IDS_UUID_LEN + 1];
    const char *u = "123e4567-e89b-42d3-a456-426614174000";
    CHECK_INT(model_parse_uuid(u, IDS_UUID_LEN, id, &e), 0);
    CHECK_STR(id, u);
    CHECK_INT(model_parse_uuid("123E4567-e89b-42d3-a456-426614174000",
                               IDS_UUID_LEN, id, &e), -1);
    CHECK_HAS(e.msg, "is not a lowercase UUID version 4");

    char code[MODEL_CODE_MAX + 1];
    static const char *const good[] = {"lighting", "a", "a_b9",
                                       "abcdefghijklmnopqrstuvwxyz_01234"};
    for (size_t i = 0; i < COUNT(good); i++) {
        CHECK_INT(model_parse_code(good[i], strlen(good[i]), code, &e), 0);
        CHECK_STR(code, good[i]);
    }
    static const char *const bad[] = {"", "Light", "a-b", "a b", "å",
                                      "abcdefghijklmnopqrstuvwxyz_012345"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        CHECK_INT(model_parse_code(bad[i], strlen(bad[i]), code, &e), -1);
        CHECK_HAS(e.msg, "is not a category code");
    }
}

/* n copies of the UTF-8 character ch (malloc'd). */
static char *repeat_char(const char *ch, size_t n)
{
    size_t w = strlen(ch);
    char *s = malloc(n * w + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * w, ch, w);
    s[n * w] = '\0';
    return s;
}

/* Text limits count characters, not bytes: exactly the maximum of the
 * widest characters fits the out buffer, one more is refused. */
static void check_text_limit(const char *ch, size_t max)
{
    char *out = malloc(MODEL_TEXT_BYTES(max));
    err_t e = {{0}};
    char *at = repeat_char(ch, max), *over = repeat_char(ch, max + 1);
    CHECK_INT(model_parse_text(at, strlen(at), max, out, &e), 0);
    CHECK_STR(out, at);
    CHECK_INT(model_parse_text(over, strlen(over), max, out, &e), -1);
    char want[64];
    snprintf(want, sizeof want, "%zu characters, at most %zu", max + 1, max);
    CHECK_HAS(e.msg, want);
    free(at);
    free(over);
    free(out);
}

static void test_parse_text(void)
{
    check_text_limit("å", MODEL_NOTE_MAX_CHARS);
    check_text_limit("🚶", MODEL_NOTE_MAX_CHARS);
    check_text_limit("x", MODEL_NOTE_MAX_CHARS);
    check_text_limit("€", MODEL_TITLE_MAX_CHARS);
    char out[MODEL_TEXT_BYTES(10)];
    err_t e = {{0}};
    CHECK_INT(model_parse_text("", 0, 10, out, &e), 0);
    CHECK_STR(out, "");
    CHECK_INT(model_parse_text("ab\xc3(", 4, 10, out, &e), -1);
    CHECK_HAS(e.msg, "not valid UTF-8");
    CHECK_HAS(e.msg, "0xc3 at byte 3");
    CHECK_INT(model_parse_text("a\0b", 3, 10, out, &e), -1);
    CHECK_HAS(e.msg, "0x00 at byte 2");
}

/* ---- idset ---- */

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
    err_t e = {{0}};
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
    err_t e = {{0}};
    const char *zero = "00000000-0000-0000-0000-000000000000";
    idset_init(&s);
    CHECK_INT(idset_has(&s, zero), 0);
    CHECK_INT(idset_add(&s, zero, &e), 1); /* the key that marks empty */
    CHECK_INT(idset_add(&s, zero, &e), 0);
    CHECK_INT(idset_has(&s, zero), 1);
    CHECK_INT(idset_has(&s, "00000000-0000-0000-0000-000000000001"), 0);
    idset_free(&s);
}

/* ---- cat ---- */

static void test_cat_default(void)
{
    cat_table t;
    err_t e = {{0}};
    CHECK_INT(cat_default(&t, &e), 0);
    CHECK_INT(t.n, 16);
    int n_positive = 0;
    for (size_t i = 0; i < t.n; i++)
        n_positive += t.v[i].positive;
    CHECK_INT(n_positive, 1);
    const cat_entry *safe = cat_find(&t, "safe");
    CHECK(safe && safe->positive == 1);
    const cat_entry *light = cat_find(&t, "lighting");
    CHECK(light && light->positive == 0);
    CHECK_STR(light ? light->label_sv : NULL, "Dålig belysning");
    CHECK_STR(light ? light->label_en : NULL, "Poor lighting");
    CHECK(cat_find(&t, "nope") == NULL);
    size_t len;
    const char *csv = cat_default_csv(&len);
    CHECK_INT(len, strlen(csv));
    CHECK(strncmp(csv, "code,label_sv,label_en,positive", 31) == 0);
    cat_free(&t);
    CHECK(t.v == NULL && t.n == 0);
}

/* Reads text as file "x.csv"; returns cat_read's result. */
static int read_cat(const char *text, cat_table *t, err_t *e)
{
    csv_in *r = csv_in_new_mem(text, strlen(text), e);
    int rc = cat_read(t, r, "x.csv", e);
    csv_in_free(r);
    return rc;
}

#define CAT_HEAD "code,label_sv,label_en,positive\r\n"
#define CAT_OK "lighting,Ljus,Light,0\r\n"

static const struct cat_bad {
    const char *text;
    const char *where; /* file, line and field in the message */
    const char *why;
} CAT_BAD[] = {
    {CAT_HEAD CAT_OK "Bad Code,a,b,0\r\n", "x.csv line 3, field code",
     "not a category code"},
    {CAT_HEAD CAT_OK "lighting,a,b,0\r\n", "x.csv line 3, field code",
     "appears twice"},
    {CAT_HEAD CAT_OK "safe,a,b,2\r\n", "x.csv line 3, field positive",
     "2 is not in 0..1"},
    {CAT_HEAD CAT_OK "safe,a,b\r\n", "x.csv line 3, field positive",
     "missing value"},
    {CAT_HEAD CAT_OK "safe,,b,1\r\n", "x.csv line 3, field label_sv",
     "empty label"},
    {CAT_HEAD CAT_OK "safe,a,"
              "123456789012345678901234567890123456789012345678901234567890"
              "123456789012345678901,1\r\n",
     "x.csv line 3, field label_en", "81 characters, at most 80"},
    {CAT_HEAD CAT_OK "safe,a,\xc3(,1\r\n", "x.csv line 3, field label_en",
     "not valid UTF-8"},
    {"code,label_sv,label_en\r\n" CAT_OK, "x.csv line 1",
     "column \"positive\" is missing"},
    {CAT_HEAD CAT_OK "safe,\"a,b,1\r\n", "x.csv", "line 3"},
    {"", "x.csv", "empty"},
};

static void test_cat_errors(void)
{
    for (size_t i = 0; i < COUNT(CAT_BAD); i++) {
        cat_table t = {99, (cat_entry *)&t};
        err_t e = {{0}};
        CHECK_INT(read_cat(CAT_BAD[i].text, &t, &e), -1);
        CHECK_HAS(e.msg, CAT_BAD[i].where);
        CHECK_HAS(e.msg, CAT_BAD[i].why);
        CHECK(t.n == 0 && t.v == NULL); /* left empty */
    }
}

/* Columns may come in any order with extra ones; a guarded label loses
 * exactly its guard. */
static void test_cat_read_ok(void)
{
    cat_table t;
    err_t e = {{0}};
    const char *text = "positive,extra,label_en,code,label_sv\r\n"
                       "1,x,Safe,safe,Trygg\r\n"
                       "0,y,'=odd,odd_one,\"Med, komma\"\r\n";
    CHECK_INT(read_cat(text, &t, &e), 0);
    CHECK_INT(t.n, 2);
    const cat_entry *odd = cat_find(&t, "odd_one");
    CHECK(odd != NULL);
    if (odd) {
        CHECK_STR(odd->label_en, "=odd");
        CHECK_STR(odd->label_sv, "Med, komma");
        CHECK_INT(odd->positive, 0);
    }
    CHECK(cat_find(&t, "safe") && cat_find(&t, "safe")->positive == 1);
    cat_free(&t);
}

int main(void)
{
    test_tm_known();
    test_tm_against_libc();
    test_tm_rejects();
    test_tm_compact();
    test_tm_now();
    test_uuid_generate();
    test_uuid_check();
    test_device_id();
    test_random_hex();
    test_random_hex_spread();
    test_utf8_valid();
    test_utf8_count();
    test_parse_lat_lon();
    test_parse_enums();
    test_parse_severity();
    test_parse_int();
    test_parse_time_uuid_code();
    test_parse_text();
    test_idset();
    test_cat_default();
    test_cat_errors();
    test_cat_read_ok();
    return th_report("test_model");
}
