/* bench_data: see bench_data.h. */
#include "bench_data.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void bd_seed(bd_rng *r, uint64_t seed) { r->s = seed; }

uint64_t bd_next(bd_rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

unsigned bd_below(bd_rng *r, unsigned n) { return (unsigned)(bd_next(r) % n); }

double bd_unit(bd_rng *r) { return (double)(bd_next(r) >> 11) * 0x1.0p-53; }

static const char HEX[] = "0123456789abcdef";

void bd_uuid(bd_rng *r, char *out)
{
    unsigned char b[16];
    uint64_t hi = bd_next(r), lo = bd_next(r);
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(hi >> (8 * i));
        b[8 + i] = (unsigned char)(lo >> (8 * i));
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *out++ = '-';
        *out++ = HEX[b[i] >> 4];
        *out++ = HEX[b[i] & 15];
    }
    *out = '\0';
}

void bd_hex(bd_rng *r, char *out, size_t n_hex)
{
    for (size_t i = 0; i < n_hex; i++)
        out[i] = HEX[bd_next(r) & 15];
    out[n_hex] = '\0';
}

static void format_utc(int64_t t, const char *fmt, char *out, size_t cap)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, cap, fmt, &tm);
}

void bd_iso(int64_t t, char *out)
{
    format_utc(t, "%Y-%m-%dT%H:%M:%SZ", out, BD_ISO_LEN + 1);
}

void bd_compact(int64_t t, char *out)
{
    format_utc(t, "%Y%m%dT%H%M%SZ", out, 17);
}

/* ---- walks ---- */

static const char *const TITLES[] = {
    "Kvällsvandring Centrum",
    "Trygghetsvandring, Södra \"Parken\"",
    "Skolvägen – Åsen",
    "=Vandring 3 (formelskydd)",
    "Night walk with the youth council",
    "",
};
static const char *const AREAS[] = {
    "Centrum", "Östermalm", "Väster, norra delen", "Hamnen", "Ängby", "",
};
static const char *const ROLES[] = {"citizen", "volunteer", "staff"};
static const char *const LIGHTS[] = {"daylight", "dusk", "dark", "", "dark"};

#define COUNT(a) (unsigned)(sizeof(a) / sizeof(a)[0])

void bd_walk_make(bd_rng *r, int64_t t, bd_walk *w)
{
    bd_uuid(r, w->id);
    w->title = TITLES[bd_below(r, COUNT(TITLES))];
    w->area = AREAS[bd_below(r, COUNT(AREAS))];
    w->role = ROLES[bd_below(r, COUNT(ROLES))];
    w->light = LIGHTS[bd_below(r, COUNT(LIGHTS))];
    w->participants = bd_below(r, 4) ? 2 + (int)bd_below(r, 30) : 0;
    w->started_at = t;
    w->ended_at = t + 3600 + bd_below(r, 3600);
}

/* ---- spots ---- */

static const char *const NOTES[] = {
    "Trasig gatlykta vid busshållplatsen, mörkt efter kl. 22",
    "Buskarna skymmer sikten mot gångtunneln; \"känns otryggt\" sa flera",
    "Klotter på väggen, \"ACAB\" och krossat glas på marken",
    "=SUMMA(A1:A9) stod skrivet på elskåpet",
    "-5 grader och isigt, ingen sandning på gångvägen",
    "+46 70 nummer på en lapp vid porten",
    "@kommunen: belysningen i parken är släckt sedan i höstas",
    "Bra belysning, folk i rörelse, känns tryggt",
    "Smal gångväg längs vägen, bilar kör fort (\"50\" skyltat, ofta 70)",
    "Öde parkering bakom återvinningsstationen,\ningen insyn från husen",
    "Poor lighting by the footbridge, hard to see faces",
    "Ungdomar samlas vid kiosken på kvällarna; oftast lugnt",
    "",
    "Cykelställ trasigt, skräp och fimpar överallt ⚠️",
    "Gångtunneln under järnvägen: ingen mobiltäckning, dålig lukt",
};

/* Several notes one after another, as a long report; stays under cap. */
static void long_note(bd_rng *r, char *out, size_t cap)
{
    size_t used = 0;
    unsigned parts = 3 + bd_below(r, 8);
    out[0] = '\0';
    for (unsigned i = 0; i < parts; i++) {
        const char *s = NOTES[bd_below(r, COUNT(NOTES))];
        size_t n = strlen(s);
        if (used + n + 3 >= cap || used + n + 3 > 900)
            break;
        memcpy(out + used, s, n);
        used += n;
        memcpy(out + used, ". ", 3);
        used += 2;
    }
}

static void make_note(bd_rng *r, char *out, size_t cap)
{
    unsigned kind = bd_below(r, 20);
    const char *s = NOTES[bd_below(r, COUNT(NOTES))];
    if (kind < 2)
        long_note(r, out, cap);
    else if (kind < 6)
        snprintf(out, cap, "%s, punkt %u", s, 1 + bd_below(r, 40));
    else
        snprintf(out, cap, "%s", s);
}

void bd_spot_make(bd_rng *r, int64_t t, const int *positive, unsigned n_cats,
                  bd_spot *p)
{
    bd_uuid(r, p->id);
    p->created_at = t;
    p->lat = 59.30 + 0.08 * bd_unit(r);
    p->lon = 17.95 + 0.15 * bd_unit(r);
    p->has_accuracy = bd_below(r, 10) < 7;
    p->accuracy_m = p->has_accuracy ? 3.0 + (double)bd_below(r, 250) / 10 : 0;
    p->category = bd_below(r, n_cats);
    p->severity = positive[p->category] ? 0 : 1 + (int)bd_below(r, 3);
    make_note(r, p->note, sizeof p->note);
    p->revision = bd_below(r, 10) < 8 ? 1 : 2 + (int)bd_below(r, 3);
    p->deleted = bd_below(r, 50) == 0;
    if (p->deleted && p->revision == 1)
        p->revision = 2;
    p->updated_at = t + 60 * (p->revision - 1);
}

int64_t bd_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
