/*
 * test_tm: UTC times (tm): known times both ways, format and parse checked
 * against the C library's gmtime_r, a table of refused strings, the compact
 * form, and the real clock behind the injected seam.
 */
#include "testhelp.h"
#include "tm.h"

#include <stdint.h>
#include <time.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

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

int main(void)
{
    test_tm_known();
    test_tm_against_libc();
    test_tm_rejects();
    test_tm_compact();
    test_tm_now();
    return th_report("test_tm");
}
