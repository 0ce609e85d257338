/*
 * test_export_store: whole exports from a real SQLite store through the
 * real PROJ (store_export_each, export_stream, export_write).
 *
 * What is checked: deleted spots are left out; the newest of several
 * decisions and of several answers is the one shown, and a spot without
 * any is open; --year keeps the spots of walks started that year, by the
 * walk's start, not the spot's time; Excel shows winter and summer local
 * time; a full disk fails with the system's reason; export_write leaves no
 * file (and no temporary one) when the folder is missing or the export
 * fails, and replaces an older file only with a whole new one.
 */
#include "export.h"
#include "testhelp.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <math.h>
#include <time.h>
#include <unistd.h>

static char g_dir[256];
static int64_t g_now; /* the store's clock: set before each step */

static int64_t test_clock(void *ctx)
{
    (void)ctx;
    return g_now;
}

/* The data: ids of the spots, in the order they were added. */
typedef struct fixture {
    store *st;
    char walk_a[IDS_UUID_LEN + 1], walk_b[IDS_UUID_LEN + 1];
    char spot[5][IDS_UUID_LEN + 1]; /* spot[2] is deleted */
} fixture;

static void must(int rc, const err_t *e, const char *what)
{
    if (rc) {
        fprintf(stderr, "setup %s: %s\n", what, e->msg);
        exit(2);
    }
}

static void start_walk(fixture *f, int64_t t, model_role role,
                       model_light light, char *id)
{
    err_t e;
    walk w = {.role = role, .light = light};
    g_now = t;
    must(store_walk_start(f->st, &w, &e), &e, "walk start");
    strcpy(id, w.id);
}

static void add_spot(fixture *f, int64_t t, double lat, double lon,
                     const char *cat, int severity, const char *note,
                     char *id)
{
    err_t e;
    spot s = {.lat = lat, .lon = lon, .source = SRC_MAP,
              .severity = severity};
    strcpy(s.category, cat);
    strcpy(s.note, note);
    g_now = t;
    must(store_spot_add(f->st, &s, &e), &e, "spot add");
    strcpy(id, s.id);
}

static void answer(fixture *f, const char *spot_id, model_answer a,
                   int64_t t)
{
    err_t e;
    store_outcome out;
    spot_check c = {.answer = a, .answered_at = t};
    must(ids_uuid_v4(c.id, &e), &e, "uuid");
    strcpy(c.spot_id, spot_id);
    strcpy(c.walk_id, f->walk_b);
    must(store_begin_write(f->st, &e) || store_import_check(f->st, &c, &out,
                                                            &e) ||
             store_commit(f->st, &e),
         &e, "answer");
}

/* Walk A in January 2025 (winter), walk B in July 2026 (summer). */
static void make_fixture(fixture *f)
{
    err_t e;
    char path[320];
    store_opts o = {test_clock, NULL};
    snprintf(path, sizeof path, "%s/muni.sqlite", g_dir);
    must(store_open(&f->st, path, &o, &e), &e, "open");
    start_walk(f, 1736956800, ROLE_CITIZEN, LIGHT_DARK, f->walk_a);
    add_spot(f, 1736957400, 59.708349420, 14.159470306, "lighting", 3,
             "Mörkt; \"väldigt\"\nhär", f->spot[0]);
    add_spot(f, 1736957460, 59.7090, 14.1600, "vegetation", 2,
             "=HYPERLINK(\"http://x\")", f->spot[1]);
    add_spot(f, 1736957520, 59.7100, 14.1610, "litter", 1, "borta",
             f->spot[2]);
    add_spot(f, 1736957580, 59.7110, 14.1620, "safe", 0, "-2+3", f->spot[3]);
    must(store_spot_delete(f->st, f->spot[2], &e), &e, "delete");
    must(store_walk_end(f->st, f->walk_a, &e), &e, "walk end");
    start_walk(f, 1784138400, ROLE_STAFF, LIGHT_NONE, f->walk_b);
    add_spot(f, 1784138700, 59.7120, 14.1630, "traffic", 2, "", f->spot[4]);
    g_now = 1785571200; /* 2026-08-01T08:00:00Z */
    must(store_status_set(f->st, f->spot[0], STATUS_PLANNED, "Beställt",
                          NULL, &e), &e, "status");
    g_now = 1786176000; /* a week later: the newest */
    must(store_status_set(f->st, f->spot[0], STATUS_FIXED, "+46 ringde",
                          NULL, &e), &e, "status");
    answer(f, f->spot[1], ANSWER_FIXED, 1784139000);
    answer(f, f->spot[1], ANSWER_STILL, 1784139060); /* the newest */
}

/* Export into a file of the test folder and return its bytes. */
static char *export_to_string(fixture *f, sweref *sw, export_format fmt,
                              int year, int64_t *n)
{
    char path[320];
    err_t e = {{0}, 0};
    snprintf(path, sizeof path, "%s/stream.out", g_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_INT(export_stream(f->st, fmt, year, sw, fd, n, &e), 0);
    if (e.msg[0])
        fprintf(stderr, "export_stream: %s\n", e.msg);
    off_t len = lseek(fd, 0, SEEK_END);
    char *buf = malloc((size_t)len + 1);
    CHECK_INT(pread(fd, buf, (size_t)len, 0), len);
    buf[len] = '\0';
    close(fd);
    unlink(path);
    return buf;
}

/* The properties of the feature with id spot_id, or NULL. */
static json_object *props_of(json_object *root, const char *spot_id)
{
    json_object *features = NULL, *id = NULL, *props = NULL;
    json_object_object_get_ex(root, "features", &features);
    for (size_t i = 0; i < json_object_array_length(features); i++) {
        json_object *f = json_object_array_get_idx(features, i);
        if (json_object_object_get_ex(f, "id", &id) &&
            strcmp(json_object_get_string(id), spot_id) == 0 &&
            json_object_object_get_ex(f, "properties", &props))
            return props;
    }
    return NULL;
}

static const char *str_of(json_object *props, const char *name)
{
    json_object *v = NULL;
    json_object_object_get_ex(props, name, &v);
    return v ? json_object_get_string(v) : "(null)";
}

/* Labels and the positive flag from the category table. */
static void check_labels(json_object *root, const fixture *f)
{
    json_object *safe = props_of(root, f->spot[3]), *v = NULL;
    json_object *traffic = props_of(root, f->spot[4]);
    CHECK(safe && json_object_object_get_ex(safe, "positive", &v) &&
          json_object_get_boolean(v));
    CHECK_STR(str_of(safe, "category_sv"), "Trygg plats");
    CHECK_STR(str_of(safe, "category_en"), "Safe place");
    CHECK_STR(str_of(safe, "severity"), "(null)");
    CHECK(traffic && json_object_object_get_ex(traffic, "positive", &v) &&
          !json_object_get_boolean(v));
    CHECK_STR(str_of(traffic, "category_sv"), "Trafikfara");
}

static void test_geojson_all(fixture *f, sweref *sw)
{
    int64_t n = -1;
    char *got = export_to_string(f, sw, EXPORT_GEOJSON, 0, &n);
    json_object *root = json_tokener_parse(got), *features = NULL;
    CHECK(root && json_object_object_get_ex(root, "features", &features));
    CHECK_INT(n, 4);
    CHECK_INT(json_object_array_length(features), 4);
    CHECK(props_of(root, f->spot[2]) == NULL); /* deleted */
    json_object *p0 = props_of(root, f->spot[0]), *p1 = props_of(root,
                                                                 f->spot[1]);
    json_object *p4 = props_of(root, f->spot[4]), *v = NULL;
    CHECK(p0 && p1 && p4);
    CHECK_STR(str_of(p0, "status"), "fixed");
    CHECK_STR(str_of(p0, "status_comment"), "+46 ringde");
    CHECK_STR(str_of(p0, "status_at"), "2026-08-08T08:00:00Z");
    CHECK_STR(str_of(p0, "answer"), "(null)");
    CHECK(json_object_object_get_ex(p0, "sweref_n", &v) &&
          fabs(json_object_get_double(v) - 6619231) <= 1);
    CHECK(json_object_object_get_ex(p0, "sweref_e", &v) &&
          fabs(json_object_get_double(v) - 452706) <= 1);
    CHECK_STR(str_of(p1, "status"), "open");
    CHECK_STR(str_of(p1, "answer"), "still");
    CHECK_STR(str_of(p1, "answered_at"), "2026-07-15T18:11:00Z");
    CHECK_STR(str_of(p1, "note"), "=HYPERLINK(\"http://x\")");
    CHECK_STR(str_of(p4, "walk_role"), "staff");
    CHECK_STR(str_of(p4, "walk_light"), "(null)");
    check_labels(root, f);
    json_object_put(root);
    free(got);
}

/* --year goes by the walk's start: 2025 has walk A's three live spots. */
static void test_year(fixture *f, sweref *sw)
{
    static const struct {
        int year, n;
    } CASES[] = {{2025, 3}, {2026, 1}, {2024, 0}, {0, 4}};
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        int64_t n = -1;
        char *got = export_to_string(f, sw, EXPORT_GEOJSON, CASES[i].year,
                                     &n);
        json_object *root = json_tokener_parse(got), *features = NULL;
        CHECK(root && json_object_object_get_ex(root, "features", &features));
        CHECK_INT(n, CASES[i].n);
        CHECK_INT(json_object_array_length(features), CASES[i].n);
        CHECK((props_of(root, f->spot[4]) != NULL) ==
              (CASES[i].year == 2026 || CASES[i].year == 0));
        json_object_put(root);
        free(got);
    }
}

static void test_excel_times(fixture *f, sweref *sw)
{
    int64_t n = -1;
    setenv("TZ", "Europe/Stockholm", 1);
    tzset();
    char *got = export_to_string(f, sw, EXPORT_EXCEL, 0, &n);
    CHECK_INT(n, 4);
    /* Winter: created 16:10Z is 17:10; status set 08:00Z in summer 10:00. */
    CHECK(strstr(got, "\r\n2025-01-15 17:10;Dålig belysning;3;") != NULL);
    CHECK(strstr(got, ";Åtgärdad;2026-08-08 10:00;'+46 ringde;;;"
                      "2025-01-15 17:00;Medborgare;Mörker;") != NULL);
    /* Summer: walk B's spot at 18:05Z is 20:05. */
    CHECK(strstr(got, "\r\n2026-07-15 20:05;Trafikfara;2;;Öppen;") != NULL);
    CHECK(strstr(got, ";Kvar;2026-07-15 20:11;") != NULL);
    CHECK(strstr(got, f->spot[2]) == NULL);
    free(got);
}

static void test_full_disk(fixture *f, sweref *sw)
{
    int fd = open("/dev/full", O_WRONLY);
    int64_t n = -1;
    err_t e = {{0}, 0};
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    CHECK_INT(export_stream(f->st, EXPORT_CSV, 0, sw, fd, &n, &e), -1);
    CHECK_HAS(e.msg, "No space left on device");
    CHECK_INT(e.os, ENOSPC);
    close(fd);
}

/* Names in the test folder other than the database's. */
static int stray_files(void)
{
    int n = 0;
    DIR *d = opendir(g_dir);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL)
        n += strncmp(de->d_name, "muni.sqlite", 11) != 0 &&
             strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static void test_write_missing_folder(fixture *f)
{
    char bad[320];
    int64_t n = -1;
    err_t e = {{0}, 0};
    snprintf(bad, sizeof bad, "%s/no-such-folder/out.csv", g_dir);
    CHECK_INT(export_write(f->st, EXPORT_CSV, 0, bad, &n, &e), -1);
    CHECK_HAS(e.msg, bad);
    CHECK_HAS(e.msg, "No such file or directory");
    CHECK_INT(stray_files(), 0);
}

/* The first bytes of path ("" when it cannot be read). */
static void head_of(const char *path, char *buf, size_t n)
{
    FILE *in = fopen(path, "r");
    size_t len = in ? fread(buf, 1, n - 1, in) : 0;
    buf[len] = '\0';
    if (in)
        fclose(in);
}

/* A failed export leaves the older file as it was and no temporary file;
 * a good one replaces it. */
static void test_write_replaces_only_whole(fixture *f)
{
    char path[320], buf[64];
    int64_t n = -1;
    err_t e = {{0}, 0};
    snprintf(path, sizeof path, "%s/out.csv", g_dir);
    FILE *old = fopen(path, "w");
    fputs("old export\n", old);
    fclose(old);
    setenv("TZ", "Europe/Nowhere-trygg", 1); /* excel must refuse */
    tzset();
    CHECK_INT(export_write(f->st, EXPORT_EXCEL, 0, path, &n, &e), -1);
    CHECK_HAS(e.msg, "tzdata");
    head_of(path, buf, sizeof buf);
    CHECK_STR(buf, "old export\n");
    CHECK_INT(stray_files(), 1);
    CHECK_INT(export_write(f->st, EXPORT_CSV, 0, path, &n, &e), 0);
    CHECK_INT(n, 4);
    head_of(path, buf, 9);
    CHECK_STR(buf, "spot_id,");
    CHECK_INT(stray_files(), 1);
    unlink(path);
}

int main(void)
{
    fixture f;
    sweref *sw = NULL;
    err_t e;
    th_tmpdir(g_dir, "export-store");
    make_fixture(&f);
    must(sweref_open(&sw, &e), &e, "PROJ");
    test_geojson_all(&f, sw);
    test_year(&f, sw);
    test_excel_times(&f, sw);
    test_full_disk(&f, sw);
    test_write_missing_folder(&f);
    test_write_replaces_only_whole(&f);
    sweref_close(sw);
    store_close(f.st);
    char cmd[320];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_dir);
    return th_report("test_export_store");
}
