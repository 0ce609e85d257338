/*
 * testhelp: the few asserts our C tests need (after Redis' testhelp.h).
 * Each failed check prints file:line, the expression, and what came versus
 * what was expected; a test executable exits 1 if any check failed.
 */
#ifndef TRYGG_TESTHELP_H
#define TRYGG_TESTHELP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int th_failed, th_checks;

#define TH_FAIL(fmt, ...)                                                      \
    (th_failed++, fprintf(stderr, "%s:%d: FAILED: " fmt "\n", __FILE__,        \
                          __LINE__, __VA_ARGS__))

#define CHECK(cond)                                                            \
    do {                                                                       \
        th_checks++;                                                           \
        if (!(cond))                                                           \
            TH_FAIL("%s", #cond);                                              \
    } while (0)

#define CHECK_INT(got, want)                                                   \
    do {                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);               \
        th_checks++;                                                           \
        if (g_ != w_)                                                          \
            TH_FAIL("%s: got %lld, want %lld", #got, g_, w_);                  \
    } while (0)

#define CHECK_STR(got, want)                                                   \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        th_checks++;                                                           \
        if (!g_ || strcmp(g_, w_) != 0)                                        \
            TH_FAIL("%s: got \"%s\", want \"%s\"", #got, g_ ? g_ : "(null)",   \
                    w_);                                                       \
    } while (0)

/* The message in an err_t contains a substring. */
#define CHECK_HAS(msg, part)                                                   \
    do {                                                                       \
        const char *m_ = (msg), *p_ = (part);                                  \
        th_checks++;                                                           \
        if (!strstr(m_, p_))                                                   \
            TH_FAIL("message \"%s\" lacks \"%s\"", m_, p_);                    \
    } while (0)

/* A fresh empty folder under $TMPDIR (or /tmp); out holds >= 256 bytes. */
static inline void th_tmpdir(char *out, const char *tag)
{
    const char *base = getenv("TMPDIR");
    snprintf(out, 256, "%s/trygg-%s-XXXXXX", base && *base ? base : "/tmp",
             tag);
    if (!mkdtemp(out)) {
        perror("mkdtemp");
        exit(2);
    }
}

/* Print the summary line and give the exit code for main(). */
static inline int th_report(const char *name)
{
    printf("%s: %d checks, %d passed, %d failed\n", name, th_checks,
           th_checks - th_failed, th_failed);
    return th_failed ? 1 : 0;
}

#endif
