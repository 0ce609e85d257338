/*
 * bench_data: deterministic, realistic rows for the benchmarks: ids, times,
 * positions around a town, and notes like the ones a safety walk produces
 * (commas, quotes, åäö, line breaks, starts that look like spreadsheet
 * formulas). The same seed gives the same rows on every machine.
 *
 * Not for the app, and not a validator: the rows are valid by construction.
 */
#ifndef TRYGG_BENCH_DATA_H
#define TRYGG_BENCH_DATA_H

#include <stddef.h>
#include <stdint.h>

#define BD_UUID_LEN 36
#define BD_ISO_LEN 20    /* "YYYY-MM-DDTHH:MM:SSZ" */
#define BD_NOTE_CAP 1024 /* bytes; notes stay well under 1000 characters */
#define BD_SPOTS_PER_WALK 50
#define BD_BASE_TIME INT64_C(1795545005) /* 2026-11-24T18:30:05Z */

/* splitmix64: small, fast, and good enough for test data. */
typedef struct bd_rng {
    uint64_t s;
} bd_rng;

void bd_seed(bd_rng *r, uint64_t seed);
uint64_t bd_next(bd_rng *r);
unsigned bd_below(bd_rng *r, unsigned n); /* 0..n-1 */
double bd_unit(bd_rng *r);                /* [0, 1) */

/* A version 4 UUID, lowercase with hyphens (BD_UUID_LEN + 1 bytes). */
void bd_uuid(bd_rng *r, char *out);
/* n_hex lowercase hex digits and a NUL. */
void bd_hex(bd_rng *r, char *out, size_t n_hex);
/* t as ISO 8601 UTC (BD_ISO_LEN + 1 bytes) and compact (17 bytes). */
void bd_iso(int64_t t, char *out);
void bd_compact(int64_t t, char *out);

typedef struct bd_walk {
    char id[BD_UUID_LEN + 1];
    const char *title, *area;
    const char *role;   /* citizen, volunteer, staff */
    const char *light;  /* daylight, dusk, dark, or "" */
    int participants;   /* 0: not given */
    int64_t started_at, ended_at;
} bd_walk;

/* An ended walk that started at t. */
void bd_walk_make(bd_rng *r, int64_t t, bd_walk *w);

typedef struct bd_spot {
    char id[BD_UUID_LEN + 1];
    int64_t created_at, updated_at;
    double lat, lon;
    double accuracy_m;
    int has_accuracy;   /* 1: position_source gps, 0: map */
    unsigned category;  /* index into the caller's category table */
    int severity;       /* 1..3, 0 for a positive category */
    char note[BD_NOTE_CAP];
    int deleted;
    int revision;
} bd_spot;

/* A spot created at t; positive[i] says whether category i marks a safe
 * place (then it has no severity). */
void bd_spot_make(bd_rng *r, int64_t t, const int *positive, unsigned n_cats,
                  bd_spot *p);

/* Wall-clock-independent time for measurements, in nanoseconds. */
int64_t bd_now_ns(void);

#endif
