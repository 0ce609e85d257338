/*
 * bench_bundles: valid sync bundles (format version 1, see the spec's
 * bundle.md) for the import benchmark, written without any of trygg's own
 * code, so the importer reads what an independent writer made.
 *
 *   bench_bundles OUTDIR N_BUNDLES N_SPOTS [SEED [YEARS [yearly]]]
 *
 * Bundle i comes from its own device and holds N_SPOTS spots in walks of
 * BD_SPOTS_PER_WALK, and the default categories. Walks are two hours apart
 * before the bundle's time; with YEARS they are spread evenly over that many
 * years instead, and the spots lie in Filipstad's centre (a municipality's
 * decade, for the report and export benchmarks).
 *
 * With `yearly`, N_BUNDLES is the number of devices and each device syncs
 * once a year, as a device that goes on a few walks a year does: YEARS
 * bundles per device, each with that year's N_SPOTS spots (the load
 * benchmark: 20 devices x 10 years x 500 spots). A device keeps its id
 * across its bundles.
 *
 * CSV is RFC 4180 with CRLF and the formula guard on free text; SHA256SUMS
 * is what sha256sum writes. Prints each bundle's folder on a line of its
 * own.
 */
#include "bench_data.h"

#include <errno.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The project's assets/categories.csv, as a device sends it. */
static const struct {
    const char *code, *sv, *en;
    int positive;
} CATS[] = {
    {"lighting", "Dålig belysning", "Poor lighting", 0},
    {"vegetation", "Buskar och träd skymmer", "Overgrown bushes or trees", 0},
    {"sightline", "Skymd sikt och gömställen",
     "Blind corners and hiding places", 0},
    {"walkway", "Dålig gångväg", "Poor walkway", 0},
    {"traffic", "Trafikfara", "Traffic hazard", 0},
    {"vandalism", "Klotter och skadegörelse", "Graffiti and vandalism", 0},
    {"broken", "Trasig utrustning", "Broken bench or fixture", 0},
    {"litter", "Nedskräpning", "Litter", 0},
    {"deserted", "Öde och ensligt", "Deserted or isolated", 0},
    {"wayfinding", "Svårt att hitta rätt", "Hard to find the way", 0},
    {"drugs", "Narkotika och missbruk", "Drugs and substance abuse", 0},
    {"disorder", "Stök och ordningsstörning", "Rowdiness and disorder", 0},
    {"violence", "Våld eller hot", "Violence or threats", 0},
    {"theft", "Stöld och inbrott", "Theft and burglary", 0},
    {"other", "Annat", "Other", 0},
    {"safe", "Trygg plats", "Safe place", 1},
};
#define N_CATS (sizeof CATS / sizeof CATS[0])

/* ---- one CSV file, hashed as it is written ---- */

typedef struct out_file {
    FILE *f;
    EVP_MD_CTX *md;
    int at_row_start;
    int failed;
    char path[PATH_MAX + 32];
} out_file;

static int of_open(out_file *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof *o);
    o->at_row_start = 1;
    snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    o->f = fopen(o->path, "wb");
    o->md = EVP_MD_CTX_new();
    if (!o->f || !o->md || !EVP_DigestInit_ex(o->md, EVP_sha256(), NULL)) {
        fprintf(stderr, "bench_bundles: cannot create %s: %s\n", o->path,
                strerror(errno));
        if (o->f)
            fclose(o->f);
        EVP_MD_CTX_free(o->md);
        return -1;
    }
    return 0;
}

static void of_raw(out_file *o, const char *s, size_t n)
{
    if (n && (fwrite(s, 1, n, o->f) != n || !EVP_DigestUpdate(o->md, s, n)))
        o->failed = 1;
}

static void of_sep(out_file *o)
{
    if (!o->at_row_start)
        of_raw(o, ",", 1);
    o->at_row_start = 0;
}

/* A field, quoted with inner quotes doubled when it holds , " CR or LF. */
static void of_field(out_file *o, const char *s)
{
    size_t n = strlen(s);
    of_sep(o);
    if (strcspn(s, ",\"\r\n") == n) {
        of_raw(o, s, n);
        return;
    }
    of_raw(o, "\"", 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        of_raw(o, s, (size_t)(q - s) + 1);
        of_raw(o, "\"", 1);
    }
    of_raw(o, s, strlen(s));
    of_raw(o, "\"", 1);
}

/* Free text: one leading ' when it starts like a spreadsheet formula. */
static void of_text(out_file *o, const char *s)
{
    char buf[BD_NOTE_CAP + 2];
    if (s[0] && strchr("=+-@\t\r", s[0])) {
        snprintf(buf, sizeof buf, "'%s", s);
        s = buf;
    }
    of_field(o, s);
}

static void of_printf(out_file *o, const char *fmt, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, fmt, v);
    of_field(o, buf);
}

static void of_int(out_file *o, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    of_field(o, buf);
}

static void of_end_row(out_file *o)
{
    of_raw(o, "\r\n", 2);
    o->at_row_start = 1;
}

/* Close and give the hex SHA-256 (65 bytes); 0 or -1. */
static int of_close(out_file *o, char *hex)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    if (!EVP_DigestFinal_ex(o->md, d, &n))
        o->failed = 1;
    EVP_MD_CTX_free(o->md);
    if (fclose(o->f) != 0)
        o->failed = 1;
    for (unsigned i = 0; i < n && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    if (o->failed)
        fprintf(stderr, "bench_bundles: cannot write %s\n", o->path);
    return o->failed ? -1 : 0;
}

/* ---- one bundle ---- */

typedef struct gen {
    bd_rng rng;
    char device_id[17];
    int64_t created;
    long n_spots, n_walks;
    int years;            /* 0: walks 2 h apart; else spread over years */
    bd_walk *walks;
    char dir[PATH_MAX];
    char sums[4][65];
} gen;

enum { F_MANIFEST, F_WALKS, F_SPOTS, F_CATEGORIES };
static const char *const FILES[4] = {"manifest.csv", "walks.csv", "spots.csv",
                                     "categories.csv"};

static void header(out_file *o, const char *const *cols)
{
    for (; *cols; cols++)
        of_field(o, *cols);
    of_end_row(o);
}

static void walk_row(out_file *o, const gen *g, const bd_walk *w)
{
    char t[BD_ISO_LEN + 1];
    of_field(o, w->id);
    of_field(o, g->device_id);
    of_text(o, w->title);
    of_text(o, w->area);
    of_field(o, w->role);
    bd_iso(w->started_at, t);
    of_field(o, t);
    bd_iso(w->ended_at, t);
    of_field(o, t);
    if (w->participants)
        of_int(o, w->participants);
    else
        of_field(o, "");
    of_field(o, w->light);
    of_end_row(o);
}

static void walks_body(out_file *o, gen *g)
{
    static const char *const cols[] = {
        "walk_id", "device_id", "title", "area", "role", "started_at",
        "ended_at", "participants", "light", NULL};
    header(o, cols);
    for (long i = 0; i < g->n_walks; i++) {
        int64_t gap = g->years ? (int64_t)g->years * 365 * 86400 / g->n_walks
                               : 7200;
        int64_t t = g->created - gap * (g->n_walks - i);
        bd_walk_make(&g->rng, t, &g->walks[i]);
        walk_row(o, g, &g->walks[i]);
    }
}

static void spot_row(out_file *o, const bd_spot *p, const char *walk_id)
{
    char t[BD_ISO_LEN + 1];
    of_field(o, p->id);
    of_field(o, walk_id);
    bd_iso(p->created_at, t);
    of_field(o, t);
    bd_iso(p->updated_at, t);
    of_field(o, t);
    of_printf(o, "%.7f", p->lat);
    of_printf(o, "%.7f", p->lon);
    if (p->has_accuracy)
        of_printf(o, "%.1f", p->accuracy_m);
    else
        of_field(o, "");
    of_field(o, p->has_accuracy ? "gps" : "map");
    of_field(o, CATS[p->category].code);
    if (p->severity)
        of_int(o, p->severity);
    else
        of_field(o, "");
    of_text(o, p->note);
    of_int(o, p->deleted);
    of_int(o, p->revision);
    of_end_row(o);
}

/* Move a spot from the generator's box to the same place in a box over
 * Filipstad's centre (about 1.1 x 1.1 km). */
static void in_filipstad(bd_spot *p)
{
    p->lat = 59.7075 + (p->lat - 59.30) / 0.08 * 0.010;
    p->lon = 14.1600 + (p->lon - 17.95) / 0.15 * 0.020;
}

static void spots_body(out_file *o, gen *g)
{
    static const char *const cols[] = {
        "spot_id", "walk_id", "created_at", "updated_at", "latitude",
        "longitude", "accuracy_m", "position_source", "category", "severity",
        "note", "deleted", "revision", NULL};
    int positive[N_CATS];
    for (size_t i = 0; i < N_CATS; i++)
        positive[i] = CATS[i].positive;
    header(o, cols);
    for (long i = 0; i < g->n_spots; i++) {
        const bd_walk *w = &g->walks[i / BD_SPOTS_PER_WALK];
        bd_spot p;
        bd_spot_make(&g->rng, w->started_at + 60 * (i % BD_SPOTS_PER_WALK),
                     positive, N_CATS, &p);
        if (g->years)
            in_filipstad(&p);
        spot_row(o, &p, w->id);
    }
}

static void categories_body(out_file *o, gen *g)
{
    static const char *const cols[] = {"code", "label_sv", "label_en",
                                       "positive", NULL};
    (void)g;
    header(o, cols);
    for (size_t i = 0; i < N_CATS; i++) {
        of_field(o, CATS[i].code);
        of_text(o, CATS[i].sv);
        of_text(o, CATS[i].en);
        of_int(o, CATS[i].positive);
        of_end_row(o);
    }
}

static void kv(out_file *o, const char *k, const char *v)
{
    of_field(o, k);
    of_field(o, v);
    of_end_row(o);
}

static void kv_int(out_file *o, const char *k, long long v)
{
    of_field(o, k);
    of_int(o, v);
    of_end_row(o);
}

static void manifest_body(out_file *o, gen *g)
{
    char t[BD_ISO_LEN + 1];
    bd_iso(g->created, t);
    kv(o, "key", "value");
    kv(o, "format", "trygg-bundle");
    kv_int(o, "format_version", 1);
    kv(o, "device_id", g->device_id);
    kv(o, "app_version", "bench-generator");
    kv(o, "created_at", t);
    kv_int(o, "walks", g->n_walks);
    kv_int(o, "spots", g->n_spots);
    kv_int(o, "categories", (long long)N_CATS);
}

static int write_file(gen *g, int which, void (*body)(out_file *, gen *))
{
    out_file o;
    if (of_open(&o, g->dir, FILES[which]))
        return -1;
    body(&o, g);
    return of_close(&o, g->sums[which]);
}

static int write_sums(gen *g)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/SHA256SUMS", g->dir);
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "bench_bundles: cannot create %s: %s\n", path,
                strerror(errno));
        return -1;
    }
    for (int i = 0; i < 4; i++)
        fprintf(f, "%s  %s\n", g->sums[i], FILES[i]);
    if (ferror(f) | fclose(f)) {
        fprintf(stderr, "bench_bundles: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

static int make_bundle(gen *g, const char *out_dir)
{
    char compact[17];
    bd_compact(g->created, compact);
    snprintf(g->dir, sizeof g->dir, "%s/trygg-%s-%s", out_dir, g->device_id,
             compact);
    if (mkdir(g->dir, 0755) != 0) {
        fprintf(stderr, "bench_bundles: cannot create %s: %s\n", g->dir,
                strerror(errno));
        return -1;
    }
    /* walks first: the spots point to them */
    if (write_file(g, F_WALKS, walks_body) ||
        write_file(g, F_SPOTS, spots_body) ||
        write_file(g, F_CATEGORIES, categories_body) ||
        write_file(g, F_MANIFEST, manifest_body) || write_sums(g))
        return -1;
    printf("%s\n", g->dir);
    return 0;
}

/* Seconds in the benchmark's years (leap days do not matter here). */
#define YEAR_S (INT64_C(365) * 86400)

/* Every bundle of one device: one, or with yearly one per year, each made
 * at the end of its year (the last one at BD_BASE_TIME) with that year's
 * walks. Each bundle draws from its own seed, so ids never repeat. */
static int device_bundles(gen *g, const char *out_dir, uint64_t seed, long d,
                          int years, int yearly)
{
    int n = yearly ? years : 1;
    for (int y = 0; y < n; y++) {
        /* The first bundle draws the device id and its rows from the seed
         * the single-bundle form always used, so the other benchmarks keep
         * their data; later years keep the id and draw from their own. */
        bd_seed(&g->rng, seed * 1000003 + (uint64_t)d + ((uint64_t)y << 32));
        if (y == 0)
            bd_hex(&g->rng, g->device_id, 16);
        g->created = BD_BASE_TIME - (n - 1 - y) * YEAR_S + 60 * d;
        if (make_bundle(g, out_dir))
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long n_bundles = argc >= 4 ? atol(argv[2]) : 0;
    long n_spots = argc >= 4 ? atol(argv[3]) : 0;
    int years = argc >= 6 ? atoi(argv[5]) : 0;
    int yearly = argc == 7 && strcmp(argv[6], "yearly") == 0;
    if (argc < 4 || argc > 7 || n_bundles < 1 || n_spots < 1 ||
        (argc >= 6 && years < 1) || (argc == 7 && !yearly)) {
        fprintf(stderr, "usage: bench_bundles OUTDIR N_BUNDLES N_SPOTS [SEED "
                        "[YEARS [yearly]]]\n");
        return 2;
    }
    uint64_t seed = argc >= 5 ? strtoull(argv[4], NULL, 10) : 1;
    /* yearly: each bundle holds one year of walks */
    gen g = {.n_spots = n_spots, .years = yearly ? 1 : years};
    g.n_walks = (n_spots + BD_SPOTS_PER_WALK - 1) / BD_SPOTS_PER_WALK;
    g.walks = calloc((size_t)g.n_walks, sizeof *g.walks);
    int rc = g.walks ? 0 : -1;
    for (long d = 0; rc == 0 && d < n_bundles; d++)
        rc = device_bundles(&g, argv[1], seed, d, years, yearly);
    free(g.walks);
    return rc ? 1 : 0;
}
