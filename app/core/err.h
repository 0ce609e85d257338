/*
 * err: a small error record that travels up the call chain.
 *
 * Functions that can fail return 0 on success and -1 on failure, and fill an
 * err_t with one human sentence that names the problem and its context
 * ("spots.csv line 14, field latitude: ..."). It is not for programmer
 * errors: those are asserts.
 */
#ifndef TRYGG_ERR_H
#define TRYGG_ERR_H

#include <stddef.h>

#define ERR_MSG_MAX 512

typedef struct err {
    char msg[ERR_MSG_MAX];
    int os; /* the errno behind the failure, or 0: lets a UI say "disk
               full" in its own words */
} err_t;

/* Set the message (printf-style). Safe with err == NULL. Returns -1 so that
 * callers can write `return err_set(e, ...);`. */
int err_set(err_t *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The same for a failed OS call: "fmt: strerror(errnum)" (just the
 * strerror text when fmt is ""), and os = errnum. */
int err_os(err_t *e, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Put a context prefix in front of the current message: "ctx: old". */
int err_prefix(err_t *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void err_clear(err_t *e);

#endif
