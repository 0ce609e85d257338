/* test_store: the device database: creation and migration, refusing damaged
 * or newer files without touching them, walks, and spot edits with their
 * revisions and tombstones. Real SQLite files in a temp folder. */
#include "store.h"
#include "testhelp.h"

#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

/* Fake clock: starts at 2026-11-24T18:30:00Z and ticks one second a call,
 * so every timestamp differs and tests never sleep. */
static int64_t fake_now(void *ctx)
{
    int64_t *t = ctx;
    return (*t)++;
}

static store *open_db(const char *name, int64_t *clock, err_t *e)
{
    char path[512];
    store *st = NULL;
    store_opts o = {fake_now, clock};
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (store_open(&st, path, &o, e))
        return NULL;
    return st;
}

/* Whole file contents, for byte-identical checks. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
}

static int raw_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    int v = -1;
    sqlite3_open(path, &db);
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

static void test_create_from_empty_file(void)
{
    char path[512];
    int64_t clock = 1795545000;
    err_t e;
    snprintf(path, sizeof path, "%s/empty.sqlite", dir);
    write_file(path, "", 0); /* a zero-byte file is a new database */
    store *st = open_db("empty.sqlite", &clock, &e);
    CHECK(st != NULL);
    if (!st)
        return;
    CHECK_INT(strlen(store_device_id(st)), 16);
    CHECK_INT(store_categories(st)->n, 16);
    CHECK(cat_find(store_categories(st), "safe")->positive);
    char device[33];
    snprintf(device, sizeof device, "%s", store_device_id(st));
    store_close(st);
    CHECK_INT(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    CHECK_INT(raw_int(path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN"
                            " ('walks','spots','categories','meta')"), 4);
    st = open_db("empty.sqlite", &clock, &e);
    CHECK(st && strcmp(store_device_id(st), device) == 0); /* made once */
    store_close(st);
}

/* Open must refuse path and leave its bytes exactly as they were. */
static void check_refused_untouched(const char *name, const char *why)
{
    char path[512];
    size_t n0, n1;
    int64_t clock = 1795545000;
    err_t e = {{0}, 0};
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *before = slurp(path, &n0);
    store *st = open_db(name, &clock, &e);
    CHECK(st == NULL);
    store_close(st);
    CHECK_HAS(e.msg, why);
    CHECK_HAS(e.msg, "not changed");
    char *after = slurp(path, &n1);
    CHECK(before && after && n0 == n1 && memcmp(before, after, n0) == 0);
    free(before);
    free(after);
}

static void test_refuse_newer_schema(void)
{
    char path[512];
    int64_t clock = 1795545000;
    err_t e;
    store_close(open_db("newer.sqlite", &clock, &e));
    snprintf(path, sizeof path, "%s/newer.sqlite", dir);
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL);
    sqlite3_close(db);
    check_refused_untouched("newer.sqlite", "newer than this trygg");
}

static void test_refuse_damaged(void)
{
    char path[512];
    int64_t clock = 1795545000;
    err_t e;
    snprintf(path, sizeof path, "%s/text.sqlite", dir);
    write_file(path, "walk_id,notes\nthis is not a database\n", 38);
    check_refused_untouched("text.sqlite", "cannot be read");

    /* A real database with data, cut in half: the flat-battery-during-copy
     * case. */
    store *st = open_db("cut.sqlite", &clock, &e);
    walk w = {.role = ROLE_STAFF};
    CHECK_INT(store_walk_start(st, &w, &e), 0);
    for (int i = 0; i < 300; i++) {
        spot p = {.lat = 59.71, .lon = 14.16, .source = SRC_MAP,
                  .severity = 2};
        snprintf(p.category, sizeof p.category, "lighting");
        memset(p.note, 'x', 900);
        CHECK_INT(store_spot_add(st, &p, &e), 0);
    }
    store_close(st);
    size_t n;
    snprintf(path, sizeof path, "%s/cut.sqlite", dir);
    char *all = slurp(path, &n);
    write_file(path, all, n / 2);
    free(all);
    check_refused_untouched("cut.sqlite", "database");
}

static spot new_spot(const char *cat, int severity, const char *note)
{
    spot p = {.lat = 59.7125, .lon = 14.170833, .source = SRC_MAP,
              .severity = severity};
    snprintf(p.category, sizeof p.category, "%s", cat);
    snprintf(p.note, sizeof p.note, "%s", note);
    return p;
}

static void test_walks(void)
{
    int64_t clock = 1795545000;
    err_t e;
    char open_id[40];
    store *st = open_db("walks.sqlite", &clock, &e);
    CHECK_INT(store_walk_open(st, open_id, &e), 0);
    spot p = new_spot("lighting", 2, "");
    CHECK_INT(store_spot_add(st, &p, &e), -1); /* no walk open */
    CHECK_HAS(e.msg, "no walk is open");
    walk w = {.role = ROLE_VOLUNTEER, .light = LIGHT_DARK, .participants = 9};
    snprintf(w.title, sizeof w.title, "Kvällsvandring, centrum");
    CHECK_INT(store_walk_start(st, &w, &e), 0);
    CHECK_INT(store_walk_open(st, open_id, &e), 1);
    CHECK_STR(open_id, w.id);
    walk w2 = {.role = ROLE_CITIZEN};
    CHECK_INT(store_walk_start(st, &w2, &e), -1); /* one open at a time */
    CHECK_HAS(e.msg, "still open");
    walk got;
    CHECK_INT(store_walk_get(st, w.id, &got, &e), 1);
    CHECK_STR(got.title, "Kvällsvandring, centrum");
    CHECK_INT(got.light, LIGHT_DARK);
    CHECK_INT(got.participants, 9);
    CHECK_INT(got.started_at, 1795545000);
    CHECK(!got.has_ended);
    CHECK_INT(store_walk_end(st, w.id, &e), 0);
    CHECK_INT(store_walk_end(st, w.id, &e), -1);
    CHECK_HAS(e.msg, "already ended");
    CHECK_INT(store_walk_get(st, w.id, &got, &e), 1);
    CHECK(got.has_ended && got.ended_at > got.started_at);
    CHECK_INT(store_walk_open(st, open_id, &e), 0);
    store_close(st);
}

static void test_spot_rules(store *st)
{
    err_t e;
    spot p = new_spot("nosuch", 2, "");
    CHECK_INT(store_spot_add(st, &p, &e), -1);
    CHECK_HAS(e.msg, "not a known category");
    p = new_spot("safe", 2, "");
    CHECK_INT(store_spot_add(st, &p, &e), -1);
    CHECK_HAS(e.msg, "takes no severity");
    p = new_spot("drugs", 0, "");
    CHECK_INT(store_spot_add(st, &p, &e), -1);
    CHECK_HAS(e.msg, "needs a severity");
    p = new_spot("safe", 0, "Bra belyst busshållplats");
    CHECK_INT(store_spot_add(st, &p, &e), 0);
}

static void test_spot_lifecycle(void)
{
    int64_t clock = 1795545000;
    err_t e;
    store *st = open_db("spots.sqlite", &clock, &e);
    walk w = {.role = ROLE_CITIZEN};
    CHECK_INT(store_walk_start(st, &w, &e), 0);
    test_spot_rules(st);
    spot p = new_spot("lighting", 3, "Mörkt vid \"tunneln\", 20 m");
    p.has_accuracy = 1, p.accuracy_m = 4.5, p.source = SRC_GPS;
    CHECK_INT(store_spot_add(st, &p, &e), 0);
    CHECK_INT(p.revision, 1);
    CHECK_STR(p.walk_id, w.id);
    spot got;
    char prefix[9];
    memcpy(prefix, p.id, 8);
    prefix[8] = '\0';
    CHECK_INT(store_spot_get(st, prefix, &got, &e), 1); /* unique prefix */
    CHECK_STR(got.id, p.id);
    CHECK_STR(got.note, "Mörkt vid \"tunneln\", 20 m");
    CHECK(got.has_accuracy && got.accuracy_m == 4.5 && got.source == SRC_GPS);
    CHECK(got.lat == 59.7125 && got.lon == 14.170833);

    /* An edit bumps revision and updated_at, keeps created_at. */
    snprintf(got.note, sizeof got.note, "ändrad");
    got.severity = 1;
    CHECK_INT(store_spot_update(st, &got, &e), 0);
    spot again;
    CHECK_INT(store_spot_get(st, p.id, &again, &e), 1);
    CHECK_INT(again.revision, 2);
    CHECK_STR(again.note, "ändrad");
    CHECK_INT(again.severity, 1);
    CHECK_INT(again.created_at, p.created_at);
    CHECK(again.updated_at > p.updated_at);

    /* Delete is a tombstone with a new revision; a deleted spot cannot be
     * edited; undo brings it back with yet another revision. */
    CHECK_INT(store_spot_delete(st, p.id, &e), 0);
    CHECK_INT(store_spot_get(st, p.id, &again, &e), 1);
    CHECK(again.deleted && again.revision == 3);
    CHECK_INT(store_spot_update(st, &again, &e), -1);
    CHECK_HAS(e.msg, "deleted");
    CHECK_INT(store_spot_delete(st, p.id, &e), -1);
    CHECK_INT(store_spot_undelete(st, p.id, &e), 0);
    CHECK_INT(store_spot_get(st, p.id, &again, &e), 1);
    CHECK(!again.deleted && again.revision == 4);
    CHECK_INT(store_spot_get(st, "ffff0000", &again, &e), 0);
    CHECK_INT(store_spot_get(st, "zz", &again, &e), -1);
    store_close(st);
}

/* Two spots whose ids share a prefix: the prefix is refused as ambiguous. */
static void test_ambiguous_prefix(void)
{
    int64_t clock = 1795545000;
    err_t e;
    store *st = open_db("prefix.sqlite", &clock, &e);
    walk w = {.role = ROLE_CITIZEN};
    snprintf(w.id, sizeof w.id, "11111111-1111-4111-8111-111111111111");
    snprintf(w.device_id, sizeof w.device_id, "abcdef0123456789");
    store_outcome out;
    CHECK_INT(store_begin_write(st, &e), 0);
    CHECK_INT(store_import_walk(st, &w, 1795545000, &out, &e), 0);
    const char *ids[2] = {"aaaa1111-1111-4111-8111-111111111111",
                          "aaaa2222-1111-4111-8111-111111111111"};
    for (int i = 0; i < 2; i++) {
        spot p = new_spot("litter", 1, "");
        snprintf(p.id, sizeof p.id, "%s", ids[i]);
        snprintf(p.walk_id, sizeof p.walk_id, "%s", w.id);
        p.revision = 1;
        CHECK_INT(store_import_spot(st, &p, &out, &e), 0);
    }
    CHECK_INT(store_commit(st, &e), 0);
    spot got;
    CHECK_INT(store_spot_get(st, "aaaa", &got, &e), -1);
    CHECK_HAS(e.msg, "more than one");
    CHECK_INT(store_spot_get(st, "aaaa2", &got, &e), 1);
    CHECK_STR(got.id, ids[1]);
    store_close(st);
}

int main(void)
{
    th_tmpdir(dir, "store");
    test_create_from_empty_file();
    test_refuse_newer_schema();
    test_refuse_damaged();
    test_walks();
    test_spot_lifecycle();
    test_ambiguous_prefix();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return th_report("test_store");
}
