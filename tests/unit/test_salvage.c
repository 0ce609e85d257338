/* test_salvage: a damaged device database, rescued (salvage.h).
 *
 * A real device file is made with the store, then damaged with plain
 * sqlite3 and byte writes: rows with values a bundle may not carry, a spot
 * whose walk is gone, a whole page of spots overwritten. Checked: the
 * store refuses it as STORE_DAMAGED without changing it, and the rescue
 * copies exactly the good rows (answers too), counts the rest, and writes
 * a bundle that a municipal store imports. The command line and the app
 * are in tests/integration/test_damaged_db.sh and tests/ui/test_damaged.sh. */
#include "import.h"
#include "salvage.h"
#include "sha.h"
#include "testhelp.h"

#include <sqlite3.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

static char dir[256];

/* A device with one walk of n spots (long notes: several pages). */
static void make_device(const char *path, int n, char walk_id[IDS_UUID_LEN + 1])
{
    store *st;
    err_t e;
    remove(path);
    CHECK_INT(store_open(&st, path, NULL, &e), 0);
    walk w = {.role = ROLE_VOLUNTEER, .light = LIGHT_DARK};
    snprintf(w.title, sizeof w.title, "Natt, Storgatan");
    CHECK_INT(store_walk_start(st, &w, &e), 0);
    memcpy(walk_id, w.id, IDS_UUID_LEN + 1);
    for (int i = 0; i < n; i++) {
        spot p = {.lat = 59.7 + i * 1e-4, .lon = 14.16, .source = SRC_GPS,
                  .has_accuracy = 1, .accuracy_m = 4, .severity = 1 + i % 3};
        snprintf(p.category, sizeof p.category, "lighting");
        snprintf(p.note, sizeof p.note, "plats %d, \"mörkt\"; %0300d", i, 0);
        CHECK_INT(store_spot_add(st, &p, &e), 0);
    }
    store_close(st);
}

static void exec_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "sql on %s: %s\n", path, msg ? msg : "open failed");
        exit(2);
    }
    sqlite3_close(db);
}

static int64_t query_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

static void file_sha(const char *path, char hex[SHA_HEX_LEN + 1])
{
    FILE *f = fopen(path, "rb");
    sha_ctx c;
    unsigned char buf[65536];
    size_t n;
    err_t e;
    hex[0] = '\0';
    if (!f || sha_begin(&c, &e)) {
        if (f)
            fclose(f);
        return;
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha_update(&c, buf, n);
    fclose(f);
    if (sha_finish_hex(&c, hex, &e))
        hex[0] = '\0';
}

/* Import the rescued bundle into a fresh municipal store; its spot count. */
static int64_t import_count(const char *bundle, const char *name)
{
    char path[512];
    store *m;
    err_t e;
    import_report rep;
    snprintf(path, sizeof path, "%s/%s.sqlite", dir, name);
    CHECK_INT(store_open(&m, path, NULL, &e), 0);
    int rc = import_bundle(m, bundle, &rep, &e);
    if (rc)
        fprintf(stderr, "import: %s\n", e.msg);
    CHECK_INT(rc, 0);
    store_close(m);
    return query_int(path, "SELECT COUNT(*) FROM spots");
}

/* Bad values in rows that read fine, and a spot whose walk is gone: left
 * out and counted; answers come along. */
static void test_bad_rows(void)
{
    char db[300], out[300], wid[IDS_UUID_LEN + 1];
    snprintf(db, sizeof db, "%s/rows.sqlite", dir);
    snprintf(out, sizeof out, "%s/out-rows", dir);
    mkdir(out, 0755);
    make_device(db, 20, wid);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "PRAGMA ignore_check_constraints=ON;"
             "UPDATE spots SET latitude = 95 WHERE rowid = 3;"
             "UPDATE spots SET note = CAST(X'C328' AS TEXT) WHERE rowid = 4;"
             "UPDATE spots SET category = 'ufo' WHERE rowid = 5;"
             "UPDATE spots SET severity = NULL WHERE rowid = 6;"
             "UPDATE spots SET walk_id = 'a6c1ed6e-6b3c-4c9b-9d3e-2f0d8c1b7a55'"
             " WHERE rowid = 7;"
             "INSERT INTO checks VALUES('5b1f3a52-9c1e-4d8a-b0d1-3a4c5e6f7081',"
             " '0e2f4c6a-8b1d-4e3f-a5c7-9d1b3f5e7a90', '%s',"
             " '2026-05-01T18:00:00Z', 'fixed', 99);"
             "INSERT INTO checks VALUES('6c2f3a52-9c1e-4d8a-b0d1-3a4c5e6f7082',"
             " '0e2f4c6a-8b1d-4e3f-a5c7-9d1b3f5e7a90', '%s',"
             " '2026-05-01T18:00:00Z', 'maybe', 100);",
             wid, wid);
    exec_sql(db, sql);
    salvage_result r;
    err_t e;
    CHECK_INT(salvage_bundle(db, out, "test", &r, &e), 0);
    CHECK_INT(r.n.walks, 1);
    CHECK_INT(r.n.spots, 15);
    CHECK_INT(r.n.invalid, 5); /* four spots and the answer "maybe" */
    CHECK_INT(r.n.orphans, 1);
    CHECK_INT(r.n.checks, 1);
    CHECK_INT(r.n.unreadable, 0);
    CHECK_INT(r.bundle.written, 1);
    CHECK_INT(r.bundle.n_spots, 15);
    CHECK_INT(r.bundle.n_checks, 1);
    /* The answer is about a spot of another device: a municipality that
     * lacks it refuses the bundle, so this one is checked by its rows. */
    char checks[PATH_MAX + 16];
    snprintf(checks, sizeof checks, "%s/checks.csv", r.bundle.path);
    struct stat sb;
    CHECK(stat(checks, &sb) == 0 && sb.st_size > 0);
}

/* A whole page of spots overwritten: the rows on it are lost, every other
 * row is rescued, and the count of lost rows is exact (dense rowids). */
static void test_damaged_page(void)
{
    char db[300], out[300], wid[IDS_UUID_LEN + 1];
    snprintf(db, sizeof db, "%s/page.sqlite", dir);
    snprintf(out, sizeof out, "%s/out-page", dir);
    mkdir(out, 0755);
    make_device(db, 120, wid);
    int64_t page = query_int(db, "SELECT pageno FROM dbstat WHERE name='spots'"
                                 " AND pagetype='leaf' ORDER BY path"
                                 " LIMIT 1 OFFSET 2");
    int64_t size = query_int(db, "PRAGMA page_size");
    CHECK(page > 1 && size >= 512);
    /* How many spots that page holds, before it is gone. */
    char q[200];
    snprintf(q, sizeof q, "SELECT ncell FROM dbstat WHERE pageno=%lld",
             (long long)page);
    int64_t on_page = query_int(db, q);
    CHECK(on_page > 0);
    FILE *f = fopen(db, "r+b");
    CHECK(f != NULL);
    if (!f)
        return;
    fseek(f, (long)((page - 1) * size), SEEK_SET);
    for (int64_t i = 0; i < size; i++)
        fputc(0xff, f);
    fclose(f);

    char before[SHA_HEX_LEN + 1], after[SHA_HEX_LEN + 1];
    file_sha(db, before);
    store *st = NULL;
    err_t e;
    CHECK_INT(store_open(&st, db, NULL, &e), STORE_DAMAGED);
    CHECK_HAS(e.msg, "damaged");
    CHECK_HAS(e.msg, "it was not changed");
    CHECK(st == NULL);
    file_sha(db, after);
    CHECK_STR(after, before);

    salvage_result r;
    CHECK_INT(salvage_bundle(db, out, "test", &r, &e), 0);
    CHECK_INT(r.n.spots + r.n.unreadable, 120);
    CHECK_INT(r.n.unreadable, on_page);
    CHECK_INT(r.n.tail_lost, 0);
    CHECK(r.n.damaged_parts >= 1);
    file_sha(db, after);
    CHECK_STR(after, before);
    CHECK_INT(import_count(r.bundle.path, "muni-page"), r.n.spots);
}

/* Not a database at all: STORE_DAMAGED, and the rescue says it can read
 * nothing and writes nothing. */
static void test_not_a_database(void)
{
    char db[300], out[300];
    snprintf(db, sizeof db, "%s/junk.sqlite", dir);
    snprintf(out, sizeof out, "%s/out-junk", dir);
    mkdir(out, 0755);
    FILE *f = fopen(db, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    for (int i = 0; i < 8192; i++)
        fputc("trygg!"[i % 6], f);
    fclose(f);
    store *st = NULL;
    err_t e;
    CHECK_INT(store_open(&st, db, NULL, &e), STORE_DAMAGED);
    CHECK_HAS(e.msg, "not a database");
    salvage_result r;
    CHECK_INT(salvage_bundle(db, out, "test", &r, &e), -1);
    CHECK_HAS(e.msg, "nothing can be read");
    CHECK_INT(r.bundle.written, 0);
}

/* Copy src to dst, then overwrite `bursts` runs of 1-64 bytes at random
 * offsets past the header with random bytes. */
static void damage_copy(const char *src, const char *dst, unsigned *seed,
                        int bursts)
{
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    int c;
    long size = 0;
    CHECK(in && out);
    while (in && out && (c = fgetc(in)) != EOF) {
        fputc(c, out);
        size++;
    }
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    FILE *f = fopen(dst, "r+b");
    if (!f || size <= 200)
        return;
    for (int b = 0; b < bursts; b++) {
        long at = 100 + (long)(rand_r(seed) % (unsigned)(size - 200));
        int n = 1 + rand_r(seed) % 64;
        fseek(f, at, SEEK_SET);
        for (int i = 0; i < n; i++)
            fputc(rand_r(seed) & 0xff, f);
    }
    fclose(f);
}

/* Random damage anywhere, many times: the rescue never crashes or hangs,
 * never changes the file, fails only with a message, and whatever bundle
 * it writes imports whole. TRYGG_SALVAGE_TRIALS and TRYGG_SALVAGE_SEED
 * make a long run (tests/LONG-RUNS.md). */
static void test_random_damage(void)
{
    char good[300], bad[300], out[300], name[64], wid[IDS_UUID_LEN + 1];
    const char *env_n = getenv("TRYGG_SALVAGE_TRIALS");
    const char *env_seed = getenv("TRYGG_SALVAGE_SEED");
    int trials = env_n ? atoi(env_n) : 40;
    unsigned seed = env_seed ? (unsigned)strtoul(env_seed, NULL, 10) : 20261126;
    int rescued = 0, refused = 0;
    printf("random damage: %d trials, seed %u\n", trials, seed);
    snprintf(good, sizeof good, "%s/good.sqlite", dir);
    make_device(good, 60, wid);
    for (int t = 0; t < trials; t++) {
        snprintf(bad, sizeof bad, "%s/random-%d.sqlite", dir, t);
        snprintf(out, sizeof out, "%s/out-random-%d", dir, t);
        mkdir(out, 0755);
        damage_copy(good, bad, &seed, 1 + t % 8);
        char before[SHA_HEX_LEN + 1], after[SHA_HEX_LEN + 1];
        file_sha(bad, before);
        salvage_result r;
        err_t e = {{0}, 0};
        if (salvage_bundle(bad, out, "test", &r, &e)) {
            CHECK(e.msg[0] != '\0');
            refused++;
        } else if (r.bundle.written) {
            CHECK(r.n.spots <= 60);
            snprintf(name, sizeof name, "muni-random-%d", t);
            CHECK_INT(import_count(r.bundle.path, name), r.n.spots);
            rescued++;
            char muni[400];
            snprintf(muni, sizeof muni, "%s/%s.sqlite", dir, name);
            remove(muni);
        }
        file_sha(bad, after);
        CHECK_STR(after, before);
        remove(bad); /* a long run must not fill the disk */
        if ((t + 1) % 100 == 0) { /* a long run shows where it is */
            printf("random damage: %d trials done\n", t + 1);
            fflush(stdout);
        }
    }
    printf("random damage: %d rescued, %d refused with a message, of %d\n",
           rescued, refused, trials);
    CHECK(rescued > 0);
}

int main(void)
{
    th_tmpdir(dir, "salvage");
    test_bad_rows();
    test_damaged_page();
    test_not_a_database();
    test_random_damage();
    return th_report("test_salvage");
}
