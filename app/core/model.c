/* model: see model.h. */
#include "model.h"
#include "tm.h"
#include "txt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *ROLES[] = {NULL, "citizen", "volunteer", "staff"};
static const char *LIGHTS[] = {"", "daylight", "dusk", "dark"};
static const char *SOURCES[] = {NULL, "gps", "map"};
static const char *STATUSES[] = {NULL, "open", "planned", "fixed", "wontfix"};
static const char *ANSWERS[] = {NULL, "still", "fixed"};

const char *model_role_name(model_role r) { return ROLES[r]; }
const char *model_light_name(model_light l) { return LIGHTS[l]; }
const char *model_source_name(model_source s) { return SOURCES[s]; }
const char *model_status_name(model_status s) { return STATUSES[s]; }
const char *model_answer_name(model_answer a) { return ANSWERS[a]; }

/* Index of s[0..len) in names[first..n), or -1. */
static int lookup(const char *const *names, int first, int n, const char *s,
                  size_t len)
{
    for (int i = first; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return i;
    return -1;
}

/* Short, printable excerpt of a bad value for messages. */
static const char *shown(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n = len < cap - 4 ? len : cap - 4;
    size_t j = 0;
    for (size_t i = 0; i < n; i++)
        buf[j++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    if (n < len)
        buf[j++] = '.', buf[j++] = '.', buf[j++] = '.';
    buf[j] = '\0';
    return buf;
}

#define SHOWN(s, len) shown((s), (len), (char[48]){0}, 48)

int model_parse_role(const char *s, size_t len, model_role *out, err_t *e)
{
    int i = lookup(ROLES, 1, 4, s, len);
    if (i < 0)
        return err_set(e, "\"%s\" is not a role (citizen, volunteer, staff)",
                       SHOWN(s, len));
    *out = (model_role)i;
    return 0;
}

int model_parse_light(const char *s, size_t len, model_light *out, err_t *e)
{
    int i = lookup(LIGHTS, 0, 4, s, len);
    if (i < 0)
        return err_set(e, "\"%s\" is not a light (daylight, dusk, dark)",
                       SHOWN(s, len));
    *out = (model_light)i;
    return 0;
}

int model_parse_source(const char *s, size_t len, model_source *out, err_t *e)
{
    int i = lookup(SOURCES, 1, 3, s, len);
    if (i < 0)
        return err_set(e, "\"%s\" is not a position source (gps, map)",
                       SHOWN(s, len));
    *out = (model_source)i;
    return 0;
}

int model_parse_status(const char *s, size_t len, model_status *out,
                       err_t *e)
{
    int i = lookup(STATUSES, 1, 5, s, len);
    if (i < 0)
        return err_set(e, "\"%s\" is not a status (open, planned, fixed, "
                       "wontfix)", SHOWN(s, len));
    *out = (model_status)i;
    return 0;
}

int model_parse_answer(const char *s, size_t len, model_answer *out,
                       err_t *e)
{
    int i = lookup(ANSWERS, 1, 3, s, len);
    if (i < 0)
        return err_set(e, "\"%s\" is not an answer (still, fixed)",
                       SHOWN(s, len));
    *out = (model_answer)i;
    return 0;
}

/* A plain decimal: optional '-', digits, optional '.' and digits (both
 * sides of a '.' need digits: "1." and ".5" are refused). No exponents, hex,
 * inf or nan, which strtod would take. */
static int parse_decimal(const char *s, size_t len, double *out)
{
    size_t i = 0, n_int = 0;
    char tmp[64];
    if (len == 0 || len >= sizeof tmp)
        return -1;
    if (s[i] == '-')
        i++;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++, n_int++;
    if (i < len && s[i] == '.') {
        size_t n_frac = 0;
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            n_frac++;
        if (n_frac == 0)
            return -1;
    }
    if (i != len || n_int == 0)
        return -1;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    *out = strtod(tmp, NULL);
    return isfinite(*out) ? 0 : -1;
}

static int parse_ranged(const char *s, size_t len, double lo, double hi,
                        const char *what, double *out, err_t *e)
{
    if (parse_decimal(s, len, out))
        return err_set(e, "\"%s\" is not a decimal number", SHOWN(s, len));
    if (*out < lo || *out > hi)
        return err_set(e, "%s is not in %g..%g (%s)", SHOWN(s, len), lo, hi,
                       what);
    return 0;
}

int model_parse_lat(const char *s, size_t len, double *out, err_t *e)
{
    return parse_ranged(s, len, -90, 90, "latitude in degrees", out, e);
}

int model_parse_lon(const char *s, size_t len, double *out, err_t *e)
{
    return parse_ranged(s, len, -180, 180, "longitude in degrees", out, e);
}

int model_parse_accuracy(const char *s, size_t len, double *out, err_t *e)
{
    return parse_ranged(s, len, 0, 100000, "metres", out, e);
}

int model_parse_int(const char *s, size_t len, int64_t min, int64_t max,
                    int64_t *out, err_t *e)
{
    int64_t v = 0;
    if (len == 0 || len > 18)
        return err_set(e, "\"%s\" is not a whole number", SHOWN(s, len));
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return err_set(e, "\"%s\" is not a whole number", SHOWN(s, len));
        v = v * 10 + (s[i] - '0');
    }
    if (v < min || v > max)
        return err_set(e, "%s is not in %lld..%lld", SHOWN(s, len),
                       (long long)min, (long long)max);
    *out = v;
    return 0;
}

int model_parse_severity(const char *s, size_t len, int *out, err_t *e)
{
    int64_t v;
    if (model_parse_int(s, len, 1, 3, &v, NULL))
        return err_set(e, "\"%s\" is not a severity (1, 2 or 3)",
                       SHOWN(s, len));
    *out = (int)v;
    return 0;
}

int model_parse_time(const char *s, size_t len, int64_t *out, err_t *e)
{
    if (tm_parse_iso(s, len, out))
        return err_set(e, "\"%s\" is not a UTC time like 2026-11-24T18:30:05Z",
                       SHOWN(s, len));
    return 0;
}

int model_parse_uuid(const char *s, size_t len, char *out, err_t *e)
{
    if (!ids_is_uuid_v4(s, len))
        return err_set(e, "\"%s\" is not a lowercase UUID version 4",
                       SHOWN(s, len));
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}

int model_parse_code(const char *s, size_t len, char *out, err_t *e)
{
    int ok = len >= 1 && len <= MODEL_CODE_MAX;
    for (size_t i = 0; ok && i < len; i++)
        ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
             s[i] == '_';
    if (!ok)
        return err_set(e,
                       "\"%s\" is not a category code (1 to %d of a-z, 0-9, _)",
                       SHOWN(s, len), MODEL_CODE_MAX);
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}

int model_parse_text(const char *s, size_t len, size_t max_chars, char *out,
                     err_t *e)
{
    size_t bad = 0;
    if (!txt_utf8_valid(s, len, &bad))
        return err_set(e, "not valid UTF-8 text (bad byte 0x%02x at byte %zu)",
                       (unsigned char)s[bad], bad + 1);
    size_t n = txt_utf8_count(s, len);
    if (n > max_chars)
        return err_set(e, "%zu characters, at most %zu allowed", n, max_chars);
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}
