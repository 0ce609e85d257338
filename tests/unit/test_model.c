/*
 * test_model: the field parsers (model): decimals, enums, severities, whole
 * numbers, times, UUIDs, category codes and texts.
 *
 * Tables of accepted and refused values, each refused one with the reason
 * that must appear in its message.
 */
#include "model.h"
#include "testhelp.h"

#include <stdint.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A decimal accepted by parse with the value `want`. */
typedef int (*dec_parser)(const char *, size_t, double *, err_t *);

static void check_dec_ok(dec_parser p, const char *s, double want)
{
    double v = -12345;
    err_t e = {{0}, 0};
    if (p(s, strlen(s), &v, &e) != 0 || v != want)
        TH_FAIL("\"%s\": rc msg \"%s\", value %.9f, want %.9f", s, e.msg, v,
                want);
    th_checks++;
}

/* Refused, with a message that contains `why`. */
static void check_dec_bad(dec_parser p, const char *s, const char *why)
{
    double v = 0;
    err_t e = {{0}, 0};
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
    err_t e = {{0}, 0};
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
    err_t e = {{0}, 0};
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
        err_t e = {{0}, 0};
        int rc = model_parse_int(cases[i].s, strlen(cases[i].s), cases[i].min,
                                 cases[i].max, &v, &e);
        CHECK_INT(rc, cases[i].why ? -1 : 0);
        CHECK_INT(v, cases[i].want);
        CHECK_HAS(e.msg, cases[i].why ? cases[i].why : "");
    }
}

static void test_parse_time_uuid_code(void)
{
    err_t e = {{0}, 0};
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
    err_t e = {{0}, 0};
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
    err_t e = {{0}, 0};
    CHECK_INT(model_parse_text("", 0, 10, out, &e), 0);
    CHECK_STR(out, "");
    CHECK_INT(model_parse_text("ab\xc3(", 4, 10, out, &e), -1);
    CHECK_HAS(e.msg, "not valid UTF-8");
    CHECK_HAS(e.msg, "0xc3 at byte 3");
    CHECK_INT(model_parse_text("a\0b", 3, 10, out, &e), -1);
    CHECK_HAS(e.msg, "0x00 at byte 2");
}

int main(void)
{
    test_parse_lat_lon();
    test_parse_enums();
    test_parse_severity();
    test_parse_int();
    test_parse_time_uuid_code();
    test_parse_text();
    return th_report("test_model");
}
