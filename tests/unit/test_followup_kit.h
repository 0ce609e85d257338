/*
 * test_followup_kit: what the follow-up tests share: databases with an
 * injected clock, a few store steps, and editing bundle files the way a
 * forger or a damaged disk would (edit, then re-make SHA256SUMS or not).
 */
#ifndef TRYGG_TEST_FOLLOWUP_KIT_H
#define TRYGG_TEST_FOLLOWUP_KIT_H

#include "bundle.h"
#include "followup.h"
#include "import.h"
#include "testhelp.h"

#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

typedef struct db {
    store *st;
    int64_t clock;
} db;

static inline int64_t fake_now(void *ctx)
{
    int64_t *t = ctx;
    return (*t)++;
}

static inline int64_t iso(const char *s)
{
    int64_t t = 0;
    if (tm_parse_iso(s, strlen(s), &t))
        TH_FAIL("bad time %s", s);
    return t;
}

static inline void db_open(db *d, const char *name, const char *now)
{
    char path[512];
    err_t e;
    store_opts o = {fake_now, &d->clock};
    snprintf(path, sizeof path, "%s/%s.sqlite", dir, name);
    d->clock = iso(now);
    if (store_open(&d->st, path, &o, &e)) {
        fprintf(stderr, "open %s: %s\n", path, e.msg);
        exit(2);
    }
}

static inline void walk_start(db *d, const char *title)
{
    err_t e;
    walk w = {.role = ROLE_CITIZEN, .light = LIGHT_DARK};
    snprintf(w.title, sizeof w.title, "%s", title);
    CHECK_INT(store_walk_start(d->st, &w, &e), 0);
}

static inline void walk_end(db *d)
{
    char id[IDS_UUID_LEN + 1];
    err_t e;
    CHECK_INT(store_walk_open(d->st, id, &e), 1);
    CHECK_INT(store_walk_end(d->st, id, &e), 0);
}

static inline spot add_spot(db *d, const char *cat, int sev, const char *note)
{
    err_t e;
    spot p = {
        .lat = 59.7083, .lon = 14.1595, .source = SRC_MAP, .severity = sev};
    snprintf(p.category, sizeof p.category, "%s", cat);
    snprintf(p.note, sizeof p.note, "%s", note);
    CHECK_INT(store_spot_add(d->st, &p, &e), 0);
    return p;
}

static inline void set_status(db *d, const spot *p, model_status s,
                              const char *c)
{
    err_t e;
    CHECK_INT(store_status_set(d->st, p->id, s, c, NULL, &e), 0);
}

/* ---- files ---- */

static inline char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = calloc(1, 1 << 20);
    if (!f || !buf) {
        TH_FAIL("cannot read %s", path);
        if (f)
            fclose(f);
        return buf ? buf : calloc(1, 1);
    }
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static inline void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0)
        TH_FAIL("cannot write %s", path);
    if (f)
        fclose(f);
}

static inline char *member_path(const char *bundle, const char *name)
{
    static char path[1024];
    if (snprintf(path, sizeof path, "%s/%s", bundle, name) >= (int)sizeof path)
        TH_FAIL("path too long: %s", name);
    return path;
}

static inline char *read_member(const char *bundle, const char *name)
{
    return slurp(member_path(bundle, name));
}

/* Replace the first old in a member by new (the test fails if absent). */
static inline void edit(const char *bundle, const char *name, const char *old,
                        const char *new)
{
    char *s = read_member(bundle, name), *at = strstr(s, old);
    if (!at) {
        TH_FAIL("%s has no \"%s\"", name, old);
        free(s);
        return;
    }
    char *out = malloc(strlen(s) + strlen(new) + 1);
    memcpy(out, s, (size_t)(at - s));
    strcpy(out + (at - s), new);
    strcat(out, at + strlen(old));
    put_file(member_path(bundle, name), out);
    free(out);
    free(s);
}

static inline void sha_file(const char *path, char *hex)
{
    char *s = slurp(path);
    sha_ctx c;
    err_t e;
    CHECK_INT(sha_begin(&c, &e), 0);
    sha_update(&c, s, strlen(s));
    CHECK_INT(sha_finish_hex(&c, hex, &e), 0);
    free(s);
}

/* Make SHA256SUMS fit the files again, as a careful forger would. */
static inline void resum(const char *bundle)
{
    char *sums = read_member(bundle, BUNDLE_SUMS), out[4096] = "";
    for (char *line = strtok(sums, "\n"); line; line = strtok(NULL, "\n")) {
        char hex[SHA_HEX_LEN + 1];
        sha_file(member_path(bundle, line + 66), hex);
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s  %s\n", hex,
                 line + 66);
    }
    put_file(member_path(bundle, BUNDLE_SUMS), out);
    free(sums);
}

/* A copy of a flat bundle folder (the files SHA256SUMS lists, and it)
 * under dir/tag, named like the original; its path into to (768 bytes). */
static inline void copy_bundle(const char *from, const char *tag, char *to)
{
    char parent[512];
    snprintf(parent, sizeof parent, "%s/%s", dir, tag);
    mkdir(parent, 0755);
    snprintf(to, 768, "%s/%s", parent, strrchr(from, '/') + 1);
    mkdir(to, 0755);
    char *sums = read_member(from, BUNDLE_SUMS);
    put_file(member_path(to, BUNDLE_SUMS), sums);
    for (char *line = strtok(sums, "\n"); line; line = strtok(NULL, "\n")) {
        char *s = read_member(from, line + 66);
        put_file(member_path(to, line + 66), s);
        free(s);
    }
    free(sums);
}

static inline int count_check(void *ctx, const spot_check *c)
{
    (void)c;
    (*(int *)ctx)++;
    return 0;
}

#endif
