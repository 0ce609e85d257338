/* test_report: the yearly report (report.h, store_report.c) on a real
 * store file with an injected clock: last year's walk with its spots,
 * decisions and walkers' answers, this year's walk, walks on both sides of
 * the new year. The HTML is read back and its tables taken apart: every
 * category row, counts per severity, this year against last, status now
 * and newest answers, escaping of every text, what the public report
 * leaves out, English, the map's dots, and writing in one step. */
#include "report.h"
#include "testhelp.h"
#include "ui_theme.h"

#include <dirent.h>
#include <stdint.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

static char dir[256];

static int64_t fake_now(void *ctx) { return (*(int64_t *)ctx)++; }

/* Times of the story (UTC). */
#define T_LAST_WALK INT64_C(1760457600) /* 2025-10-14T16:00:00Z */
#define T_DECISIONS INT64_C(1772359200) /* 2026-03-01T10:00:00Z */
#define T_THIS_WALK INT64_C(1791651600) /* 2026-10-10T17:00:00Z */
#define T_YEAR_END INT64_C(1798761599)  /* 2026-12-31T23:59:59Z */
#define T_NEW_YEAR INT64_C(1798761600)  /* 2027-01-01T00:00:00Z */

static const char NOTE_XSS[] = "<script>alert(1)</script> & \"quotes\" 'apos'";
static const char NOTE_XSS_ESC[] =
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; "
    "&#39;apos&#39;";
static const char TITLE_THIS[] = "Kvällsvandring med Greta & <i>vänner</i>";
static const char TITLE_THIS_ESC[] =
    "Kvällsvandring med Greta &amp; &lt;i&gt;vänner&lt;/i&gt;";
static const char TITLE_LAST[] = "Höstvandring Hemliga gränd";
static const char AREA_LAST[] = "Norrmalm Hemligt";
static const char COMMENT_LAMP[] = "Beställd, ring Bo Berg 070-1234567";
static const char COMMENT_DARK[] = "Lampan bytt i mars";

/* Ids of last year's spots, for decisions and answers. */
typedef struct story {
    char lamp[IDS_UUID_LEN + 1];  /* lighting 2: planned, answered still */
    char dark[IDS_UUID_LEN + 1];  /* lighting 3: planned then fixed; still
                                     then fixed */
    char bush[IDS_UUID_LEN + 1];  /* vegetation 1: no decision, no answer */
    char road[IDS_UUID_LEN + 1];  /* traffic 3: wontfix */
    char this_walk[IDS_UUID_LEN + 1];
} story;

static int add_spot(store *st, const char *cat, int sev, double lat,
                    double lon, const char *note, char *id_out)
{
    err_t e;
    spot p = {.lat = lat, .lon = lon, .source = SRC_MAP, .severity = sev};
    snprintf(p.category, sizeof p.category, "%s", cat);
    snprintf(p.note, sizeof p.note, "%s", note);
    int rc = store_spot_add(st, &p, &e);
    if (rc)
        fprintf(stderr, "spot add: %s\n", e.msg);
    if (id_out)
        memcpy(id_out, p.id, sizeof p.id);
    return rc;
}

static int start_walk(store *st, int64_t *clock, int64_t t, const char *title,
                      const char *area, model_role role, int participants,
                      char *id_out)
{
    err_t e;
    walk w = {.role = role, .light = LIGHT_DARK, .participants = participants};
    *clock = t;
    snprintf(w.title, sizeof w.title, "%s", title);
    snprintf(w.area, sizeof w.area, "%s", area);
    int rc = store_walk_start(st, &w, &e);
    if (id_out)
        memcpy(id_out, w.id, sizeof w.id);
    return rc ? rc : 0;
}

static int end_walk(store *st)
{
    char id[IDS_UUID_LEN + 1];
    err_t e;
    return store_walk_open(st, id, &e) == 1 ? store_walk_end(st, id, &e) : -1;
}

/* Last year: five live spots of four categories, one deleted. */
static void last_year(store *st, int64_t *clock, story *s)
{
    char gone[IDS_UUID_LEN + 1];
    err_t e;
    CHECK_INT(start_walk(st, clock, T_LAST_WALK, TITLE_LAST, AREA_LAST,
                         ROLE_CITIZEN, 5, NULL), 0);
    CHECK_INT(add_spot(st, "lighting", 2, 59.7090, 14.1610,
                       "Lampan vid Lastgatan", s->lamp), 0);
    CHECK_INT(add_spot(st, "lighting", 3, 59.7095, 14.1640, "Kolsvart",
                       s->dark), 0);
    CHECK_INT(add_spot(st, "vegetation", 1, 59.7110, 14.1680, "Buskarna",
                       s->bush), 0);
    CHECK_INT(add_spot(st, "traffic", 3, 59.7120, 14.1700, "Stora vägen",
                       s->road), 0);
    CHECK_INT(add_spot(st, "safe", 0, 59.7130, 14.1720, "Fint torg", NULL),
              0);
    CHECK_INT(add_spot(st, "lighting", 1, 59.7140, 14.1740, "Fel plats",
                       gone), 0);
    CHECK_INT(store_spot_delete(st, gone, &e), 0);
    CHECK_INT(end_walk(st), 0);
}

static void decisions(store *st, int64_t *clock, const story *s)
{
    err_t e;
    *clock = T_DECISIONS;
    CHECK_INT(store_status_set(st, s->lamp, STATUS_PLANNED, COMMENT_LAMP,
                               NULL, &e), 0);
    CHECK_INT(store_status_set(st, s->dark, STATUS_PLANNED, "Utreds", NULL,
                               &e), 0);
    CHECK_INT(store_status_set(st, s->dark, STATUS_FIXED, COMMENT_DARK, NULL,
                               &e), 0);
    CHECK_INT(store_status_set(st, s->road, STATUS_WONTFIX, "Statens väg",
                               NULL, &e), 0);
}

/* This year: four live spots (one far away in Karlstad), one deleted. */
static void this_year(store *st, int64_t *clock, story *s)
{
    char gone[IDS_UUID_LEN + 1];
    err_t e;
    CHECK_INT(start_walk(st, clock, T_THIS_WALK, TITLE_THIS, "Centrum",
                         ROLE_VOLUNTEER, 7, s->this_walk), 0);
    CHECK_INT(add_spot(st, "lighting", 3, 59.7083, 14.1595, NOTE_XSS, NULL),
              0);
    CHECK_INT(add_spot(st, "vegetation", 1, 59.7125, 14.1710, "Häcken",
                       NULL), 0);
    CHECK_INT(add_spot(st, "safe", 0, 59.7110, 14.1780, "Biblioteket", NULL),
              0);
    CHECK_INT(add_spot(st, "other", 2, 59.3793, 13.5036, "Karlstad", NULL),
              0);
    CHECK_INT(add_spot(st, "drugs", 3, 59.7100, 14.1700, "Borttagen", gone),
              0);
    CHECK_INT(store_spot_delete(st, gone, &e), 0);
    CHECK_INT(end_walk(st), 0);
}

static int put_answer(store *st, const char *spot_id, const char *walk_id,
                      int64_t t, model_answer a, int n)
{
    err_t e;
    store_outcome out;
    spot_check c = {.answered_at = t, .answer = a};
    snprintf(c.id, sizeof c.id, "33333333-3333-4333-8333-%012d", n);
    memcpy(c.spot_id, spot_id, sizeof c.spot_id);
    memcpy(c.walk_id, walk_id, sizeof c.walk_id);
    int rc = store_import_check(st, &c, &out, &e);
    if (rc)
        fprintf(stderr, "answer: %s\n", e.msg);
    return rc;
}

/* Walkers' answers on this year's walk; the dark spot twice. */
static void answers(store *st, const story *s)
{
    err_t e;
    CHECK_INT(store_begin_write(st, &e), 0);
    CHECK_INT(put_answer(st, s->lamp, s->this_walk, T_THIS_WALK + 600,
                         ANSWER_STILL, 1), 0);
    CHECK_INT(put_answer(st, s->dark, s->this_walk, T_THIS_WALK + 700,
                         ANSWER_STILL, 2), 0);
    CHECK_INT(put_answer(st, s->dark, s->this_walk, T_THIS_WALK + 900,
                         ANSWER_FIXED, 3), 0);
    CHECK_INT(store_commit(st, &e), 0);
}

/* Walks on each side of the new year: the first counts for 2026. */
static void new_year(store *st, int64_t *clock)
{
    CHECK_INT(start_walk(st, clock, T_YEAR_END, "Nyårsafton", "", ROLE_STAFF,
                         0, NULL), 0);
    CHECK_INT(add_spot(st, "litter", 1, 59.7100, 14.1650, "Raketskräp", NULL),
              0);
    CHECK_INT(end_walk(st), 0);
    CHECK_INT(start_walk(st, clock, T_NEW_YEAR, "Nyårsdagen", "", ROLE_STAFF,
                         0, NULL), 0);
    CHECK_INT(add_spot(st, "litter", 2, 59.7100, 14.1650, "Nästa år", NULL),
              0);
    CHECK_INT(end_walk(st), 0);
}

/* ---- reading the HTML back ---- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

/* The part of html under the h2 or h3 heading, up to the next h2. */
static const char *section(const char *html, const char *heading,
                           const char **end)
{
    char h[256];
    snprintf(h, sizeof h, ">%s</h", heading);
    const char *p = strstr(html, h);
    if (!p)
        return NULL;
    *end = strstr(p + strlen(h), "<h2>");
    if (!*end)
        *end = p + strlen(p);
    return p;
}

/* The text of the cell starting at p (a "<td" or "<th"), tags removed,
 * into out; returns where the cell ends. */
static const char *cell_text(const char *p, char *out, size_t cap)
{
    const char *q = strchr(p, '>');
    const char *stop = q ? strstr(q, "</t") : NULL;
    size_t k = 0;
    int in_tag = 0;
    for (q = q ? q + 1 : p; stop && q < stop; q++) {
        if (*q == '<' || *q == '>')
            in_tag = *q == '<';
        else if (!in_tag && k + 1 < cap)
            out[k++] = *q;
    }
    out[k] = '\0';
    return stop ? stop + 3 : p + strlen(p);
}

/* The cells after the first of the row whose first cell reads label, in
 * the section under heading: how many, or -1 without such a row. */
static int row(const char *html, const char *heading, const char *label,
               char cells[][128], int max)
{
    const char *end, *p = section(html, heading, &end);
    while (p && (p = strstr(p, "<tr>")) && p < end) {
        const char *row_end = strstr(p, "</tr>");
        char first[128];
        const char *c = strstr(p, "<t");
        c = cell_text(c, first, sizeof first);
        p = row_end;
        if (strcmp(first, label) != 0)
            continue;
        int n = 0;
        while (n < max && (c = strstr(c, "<t")) && c < row_end)
            c = cell_text(c, cells[n++], sizeof cells[0]);
        return n;
    }
    return -1;
}

/* The row's cells joined with spaces, for one comparison per row. */
static const char *row_str(const char *html, const char *heading,
                           const char *label)
{
    static char buf[1024];
    char cells[16][128];
    int n = row(html, heading, label, cells, 16);
    buf[0] = '\0';
    if (n < 0)
        return "(no row)";
    for (int i = 0; i < n; i++) {
        strncat(buf, i ? " " : "", sizeof buf - strlen(buf) - 1);
        strncat(buf, cells[i], sizeof buf - strlen(buf) - 1);
    }
    return buf;
}

/* Dots on the map: "h0" commands in the spots group. */
static int count_dots(const char *html)
{
    const char *p = strstr(html, "<g class=\"spots\">");
    const char *end = p ? strstr(p, "</svg>") : NULL;
    int n = 0;
    while (p && (p = strstr(p, "h0")) && p < end)
        n++, p += 2;
    return n;
}

/* 1 when needle (lowercase) occurs in s in any case. */
static int has_nocase(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return 1;
    return 0;
}

static int no_temp_files(void)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int clean = 1;
    while (d && (de = readdir(d)))
        clean &= strncmp(de->d_name, ".trygg-report", 13) != 0;
    if (d)
        closedir(d);
    return clean;
}

/* ---- the reports ---- */

static char *make(store *st, const char *name, int public_only,
                  report_lang lang, const basemap *map, report_result *res)
{
    char path[512];
    err_t e;
    report_opts o = {.year = 2026, .public_only = public_only, .lang = lang,
                     .map = map, .now = T_NEW_YEAR + 30 * 86400,
                     .version = "test"};
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = report_write(st, &o, path, res, &e);
    if (rc)
        fprintf(stderr, "report_write: %s\n", e.msg);
    CHECK_INT(rc, 0);
    return rc ? NULL : slurp(path);
}

#define CATSEV "Platser per kategori och allvarlighet"
#define YOY "Jämfört med förra året"
#define FU_CAT "Status nu per kategori"
#define FU_LIST "Platserna en och en"

static void test_every_category_and_counts(store *st, const char *html)
{
    const cat_table *cats = store_categories(st);
    char cells[8][128];
    for (size_t i = 0; i < cats->n; i++) {
        int n = row(html, CATSEV, cats->v[i].label_sv, cells, 8);
        if (n != 5)
            fprintf(stderr, "category %s: %d cells\n", cats->v[i].code, n);
        CHECK_INT(n, 5); /* severity 1, 2, 3, safe/none, total */
        CHECK_INT(row(html, YOY, cats->v[i].label_sv, cells, 8), 3);
    }
    CHECK_STR(row_str(html, CATSEV, "Dålig belysning"), "0 0 1 0 1");
    CHECK_STR(row_str(html, CATSEV, "Buskar och träd skymmer"), "1 0 0 0 1");
    CHECK_STR(row_str(html, CATSEV, "Annat"), "0 1 0 0 1");
    CHECK_STR(row_str(html, CATSEV, "Nedskräpning"), "1 0 0 0 1");
    CHECK_STR(row_str(html, CATSEV, "Narkotika och missbruk"), "0 0 0 0 0");
    CHECK_STR(row_str(html, CATSEV, "Trygg plats"), "0 0 0 1 1");
    CHECK_STR(row_str(html, CATSEV, "Totalt"), "2 1 1 1 5");
    CHECK(strstr(html, "<b>2</b> vandringar") != NULL);
    CHECK(strstr(html, "<b>7</b> deltagare") != NULL);
    CHECK(strstr(html, "<b>4</b> otrygga platser") != NULL);
    CHECK(strstr(html, "<b>1</b> trygga platser") != NULL);
}

static void test_year_over_year(const char *html)
{
    CHECK_STR(row_str(html, YOY, "Dålig belysning"), "1 2 −1");
    CHECK_STR(row_str(html, YOY, "Buskar och träd skymmer"), "1 1 ±0");
    CHECK_STR(row_str(html, YOY, "Trafikfara"), "0 1 −1");
    CHECK_STR(row_str(html, YOY, "Annat"), "1 0 +1");
    CHECK_STR(row_str(html, YOY, "Nedskräpning"), "1 0 +1");
    CHECK_STR(row_str(html, YOY, "Trygg plats"), "1 1 ±0");
    CHECK_STR(row_str(html, YOY, "Totalt"), "5 5 ±0");
}

static void test_last_years_spots(const char *html, const story *s)
{
    char id[9];
    /* spots, open, planned, fixed, won't fix; still, fixed, no answer */
    CHECK_STR(row_str(html, FU_CAT, "Dålig belysning"), "2 0 1 1 0 1 1 0");
    CHECK_STR(row_str(html, FU_CAT, "Buskar och träd skymmer"),
              "1 1 0 0 0 0 0 1");
    CHECK_STR(row_str(html, FU_CAT, "Trafikfara"), "1 0 0 0 1 0 0 1");
    CHECK_STR(row_str(html, FU_CAT, "Totalt"), "4 1 1 1 1 1 1 2");
    CHECK_INT(row(html, FU_CAT, "Trygg plats", NULL, 0), -1);
    CHECK(strstr(html, "<b>1 av 4</b> förra årets platser") != NULL);
    snprintf(id, sizeof id, "%.8s", s->lamp);
    CHECK_STR(row_str(html, FU_LIST, id),
              "2025-10-14 Dålig belysning 2 Planerad 2026-03-01 Beställd, "
              "ring Bo Berg 070-1234567 Kvar 2026-10-10");
    snprintf(id, sizeof id, "%.8s", s->dark);
    CHECK_STR(row_str(html, FU_LIST, id),
              "2025-10-14 Dålig belysning 3 Åtgärdad 2026-03-01 Lampan bytt "
              "i mars Åtgärdat 2026-10-10");
    snprintf(id, sizeof id, "%.8s", s->bush);
    CHECK_STR(row_str(html, FU_LIST, id),
              "2025-10-14 Buskar och träd skymmer 1 Öppen –  Inget svar –");
}

static void test_escaping(const char *html)
{
    CHECK(strstr(html, NOTE_XSS_ESC) != NULL);
    CHECK(strstr(html, TITLE_THIS_ESC) != NULL);
    CHECK(!has_nocase(html, "<script"));
    CHECK(strstr(html, "<i>") == NULL);
    CHECK(strstr(html, "Raketskräp") != NULL);   /* 2026-12-31 counts */
    CHECK(strstr(html, "Nästa år") == NULL);     /* 2027-01-01 does not */
    CHECK(strstr(html, "Fel plats") == NULL);    /* deleted */
    CHECK(strstr(html, "Borttagen") == NULL);
}

static void test_public(const char *html)
{
    static const char *const gone[] = {
        "alert(1)", "quotes", "Lampan vid Lastgatan", "Kolsvart", "Buskarna",
        "Stora vägen", "Fint torg", "Häcken", "Biblioteket", "Karlstad",
        "Raketskräp", TITLE_THIS, "Greta", TITLE_LAST, "Hemliga", AREA_LAST,
        "Nyårsafton", COMMENT_LAMP, "Bo Berg", "070-1234567", COMMENT_DARK,
        "Utreds", "Statens väg", ">Anteckning<", ">Kommentar<", ">Namn<"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
        if (strstr(html, gone[i]))
            fprintf(stderr, "public report holds \"%s\"\n", gone[i]);
        CHECK(strstr(html, gone[i]) == NULL);
    }
    CHECK(strstr(html, "Offentlig version") != NULL);
    CHECK_STR(row_str(html, CATSEV, "Totalt"), "2 1 1 1 5");
    CHECK_STR(row_str(html, FU_CAT, "Totalt"), "4 1 1 1 1 1 1 2");
    CHECK(strstr(html, "Alla årets platser") == NULL);
}

static void test_english(const char *html, const story *s)
{
    char id[9];
    CHECK(strstr(html, "<html lang=\"en\">") != NULL);
    CHECK_STR(row_str(html, "Spots by category and severity", "Poor lighting"),
              "0 0 1 0 1");
    CHECK_STR(row_str(html, "Compared with last year", "Traffic hazard"),
              "0 1 −1");
    snprintf(id, sizeof id, "%.8s", s->lamp);
    CHECK_STR(row_str(html, "The spots one by one", id),
              "2025-10-14 Poor lighting 2 Planned 2026-03-01 Beställd, ring "
              "Bo Berg 070-1234567 Still a problem 2026-10-10");
    CHECK(strstr(html, "Dålig belysning") == NULL);
    CHECK(strstr(html, "Vandringar") == NULL);
}

/* Five dots, the one in Karlstad clamped to the edge and said so. */
static void test_map(const char *html, const report_result *res)
{
    CHECK_INT(count_dots(html), 5);
    CHECK_INT(res->n_walks, 2);
    CHECK_INT(res->n_spots, 5);
    CHECK_INT(res->n_outside, 1);
    CHECK(strstr(html, "1 plats ligger utanför kartans utsnitt") != NULL);
    CHECK(strstr(html, "<svg class=\"map\" viewBox=\"0 0 1000 ") != NULL);
    CHECK(strstr(html, "@page{size:A4") != NULL);
    /* every category's class has the app's colour */
    char css[64];
    snprintf(css, sizeof css, ".b0{background:#%06X}",
             (unsigned)cat_rgb("lighting"));
    CHECK(strstr(html, css) != NULL);
}

static void test_colours_are_the_apps(store *st)
{
    const cat_table *cats = store_categories(st);
    for (size_t i = 0; i < cats->n; i++) {
        ui_color c = ui_category_color(cats->v[i].code, &ui_theme_day);
        uint32_t app = (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
        CHECK_INT(cat_rgb(cats->v[i].code), app);
    }
    ui_color c = ui_category_color("no-such-code", &ui_theme_day);
    CHECK_INT(cat_rgb("no-such-code"),
              (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b);
}

static void test_writing(store *st, int64_t *clock)
{
    char path[512];
    err_t e = {{0}, 0};
    report_opts o = {.year = 2026, .lang = REPORT_SV, .now = T_NEW_YEAR};
    snprintf(path, sizeof path, "%s/no/such/folder/r.html", dir);
    CHECK_INT(report_write(st, &o, path, NULL, &e), -1);
    CHECK_HAS(e.msg, "cannot create a file in");
    CHECK(no_temp_files());
    /* A report replaces the old file; the store is free afterwards. */
    char *again = make(st, "full.html", 0, REPORT_EN, NULL, NULL);
    CHECK(again && strstr(again, "<html lang=\"en\">"));
    free(again);
    CHECK(no_temp_files());
    CHECK_INT(start_walk(st, clock, T_NEW_YEAR + 86400, "Efteråt", "",
                         ROLE_STAFF, 0, NULL), 0);
    CHECK_INT(add_spot(st, "litter", 1, 59.71, 14.16, "Efteråt", NULL), 0);
    CHECK_INT(end_walk(st), 0);
    o.year = 0;
    CHECK_INT(report_write(st, &o, path, NULL, &e), -1);
    CHECK_HAS(e.msg, "year 0");
    /* Inside someone's transaction: refused, and theirs goes on. */
    o.year = 2026;
    snprintf(path, sizeof path, "%s/in-transaction.html", dir);
    CHECK_INT(store_begin_write(st, &e), 0);
    CHECK_INT(report_write(st, &o, path, NULL, &e), -1);
    CHECK_HAS(e.msg, "inside a transaction");
    CHECK_INT(store_commit(st, &e), 0);
    struct stat sb;
    CHECK(stat(path, &sb) != 0);
}

static void test_empty_year(store *st)
{
    char path[512];
    err_t e;
    report_result res;
    report_opts o = {.year = 1999, .lang = REPORT_SV, .now = T_NEW_YEAR};
    snprintf(path, sizeof path, "%s/empty.html", dir);
    CHECK_INT(report_write(st, &o, path, &res, &e), 0);
    char *html = slurp(path);
    CHECK(html && strstr(html, "Inga vandringar registrerades") != NULL);
    CHECK(html && count_dots(html) == 0);
    CHECK(html && strstr(html, "Inga platser att visa.") != NULL);
    CHECK_STR(html ? row_str(html, CATSEV, "Totalt") : "", "0 0 0 0 0");
    CHECK_INT(res.n_walks, 0);
    free(html);
}

int main(void)
{
    int64_t clock = T_LAST_WALK;
    char path[512];
    err_t e;
    store *st = NULL;
    story s;
    setenv("TZ", "UTC", 1); /* dates in the report are local time */
    tzset();
    th_tmpdir(dir, "report");
    snprintf(path, sizeof path, "%s/muni.sqlite", dir);
    store_opts opts = {fake_now, &clock};
    if (store_open(&st, path, &opts, &e)) {
        fprintf(stderr, "store_open: %s\n", e.msg);
        return 1;
    }
    last_year(st, &clock, &s);
    decisions(st, &clock, &s);
    this_year(st, &clock, &s);
    answers(st, &s);
    new_year(st, &clock);

    basemap map;
    CHECK_INT(basemap_load_default(&map, BASEMAP_ORIGIN_LAT,
                                   BASEMAP_ORIGIN_LON, &e), 0);
    report_result res;
    char *full = make(st, "full.html", 0, REPORT_SV, &map, &res);
    char *pub = make(st, "public.html", 1, REPORT_SV, &map, NULL);
    char *en = make(st, "en.html", 0, REPORT_EN, NULL, NULL);
    if (full && pub && en) {
        test_every_category_and_counts(st, full);
        test_year_over_year(full);
        test_last_years_spots(full, &s);
        test_escaping(full);
        test_public(pub);
        test_english(en, &s);
        test_map(full, &res);
    }
    free(full);
    free(pub);
    free(en);
    basemap_free(&map);
    test_colours_are_the_apps(st);
    test_writing(st, &clock);
    test_empty_year(st);
    store_close(st);
    return th_report("test_report");
}
