/* followup_read: a follow-up bundle into a device's store, and finding the
 * newest one in a folder. The bundle is checked like a sync bundle (sums
 * first, format and version, columns, every field) and replaces the
 * device's list in one transaction; a list no newer than the one held
 * changes nothing. Answers already given are never touched. */
#include "bundle.h"
#include "followup.h"
#include "import_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

enum { K_FORMAT, K_VERSION, K_CREATED, K_APP, K_YEAR, K_SPOTS, K_CATEGORIES };
static const manifest_key KEYS[] = {
    {"format", 0}, {"format_version", 0}, {"created_at", 0}, {"app_version", 0},
    {"year", 0},   {"spots", 0},          {"categories", 0}, {NULL, 0}};

static const char *const REQUIRED[] = {BUNDLE_MANIFEST, FOLLOWUP_SPOTS,
                                       BUNDLE_CATEGORIES, NULL};

enum { F_ID, F_WALKED, F_LAT, F_LON, F_CATEGORY, F_SEVERITY, F_STATUS,
       F_COMMENT, F_STATUS_AT };

typedef struct fu_imp {
    store *st;
    import_src src;
    cat_table cats; /* the bundle's categories.csv */
    idset ids;      /* spot ids seen in followup.csv */
    int64_t created_at;
    int64_t n_spots, n_categories; /* as the manifest declares */
} fu_imp;

static int manifest_value(void *ctx, int key, field v, err_t *e)
{
    fu_imp *m = ctx;
    int64_t year;
    switch (key) {
    case K_FORMAT:
        return manifest_check_format(v, FOLLOWUP_FORMAT, e);
    case K_VERSION:
        return manifest_check_version(v, FOLLOWUP_FORMAT_VERSION, e);
    case K_CREATED:
        return model_parse_time(v.s, v.len, &m->created_at, e);
    case K_APP:
        return v.len ? 0 : err_set(e, "empty");
    case K_YEAR:
        return v.len ? model_parse_int(v.s, v.len, 1970, 9999, &year, e) : 0;
    case K_SPOTS:
        return model_parse_int(v.s, v.len, 0, INT64_MAX / 2, &m->n_spots, e);
    default:
        return model_parse_int(v.s, v.len, 0, INT64_MAX / 2, &m->n_categories,
                               e);
    }
}

static int read_head(fu_imp *m, err_t *e)
{
    manifest mf;
    member f;
    int rc = -1;
    if (manifest_read(&m->src, KEYS, &mf, e) ||
        manifest_each(&mf, manifest_value, m, e))
        return -1;
    if (member_open(&m->src, &f, BUNDLE_CATEGORIES, e) == 0 &&
        cat_read(&m->cats, f.in, BUNDLE_CATEGORIES, e) == 0)
        rc = member_check_sum(&m->src, &f, e);
    member_close(&f);
    if (rc == 0 && (int64_t)m->cats.n != m->n_categories)
        rc = err_set(e,
                     "categories.csv has %zu rows, but manifest.csv says "
                     "%lld",
                     m->cats.n, (long long)m->n_categories);
    return rc;
}

/* Only unresolved spots are followed up. */
static int parse_status(field f, model_status *out, err_t *e)
{
    if (model_parse_status(f.s, f.len, out, e))
        return -1;
    if (*out != STATUS_OPEN && *out != STATUS_PLANNED)
        return err_set(e,
                       "a follow-up list holds only open and planned "
                       "spots, not %s ones",
                       model_status_name(*out));
    return 0;
}

static int parse_where(const csv_row *r, const int *ix, followup_spot *p,
                       place *pl, err_t *e)
{
    const char *const *c = followup_cols;
    field f = member_field(r, ix, F_WALKED);
    CHECK_FIELD(pl, c[F_WALKED],
                model_parse_time(f.s, f.len, &p->walked_on, e));
    f = member_field(r, ix, F_LAT);
    CHECK_FIELD(pl, c[F_LAT], model_parse_lat(f.s, f.len, &p->lat, e));
    f = member_field(r, ix, F_LON);
    CHECK_FIELD(pl, c[F_LON], model_parse_lon(f.s, f.len, &p->lon, e));
    return 0;
}

static int parse_row(fu_imp *m, const csv_row *r, const int *ix,
                     followup_spot *p, place *pl, err_t *e)
{
    const char *const *c = followup_cols;
    memset(p, 0, sizeof *p);
    field f = member_field(r, ix, F_ID);
    CHECK_FIELD(pl, c[F_ID], model_parse_uuid(f.s, f.len, p->spot_id, e));
    if (parse_where(r, ix, p, pl, e))
        return -1;
    f = member_field(r, ix, F_CATEGORY);
    CHECK_FIELD(
        pl, c[F_CATEGORY],
        model_parse_code(f.s, f.len, p->category, e) ||
            (!cat_find(&m->cats, p->category)
                 ? err_set(e, "\"%s\" is not in categories.csv", p->category)
                 : 0));
    f = member_field(r, ix, F_SEVERITY);
    CHECK_FIELD(pl, c[F_SEVERITY],
                f.len && model_parse_severity(f.s, f.len, &p->severity, e));
    f = member_field(r, ix, F_STATUS);
    CHECK_FIELD(pl, c[F_STATUS], parse_status(f, &p->status, e));
    f = member_unguard(member_field(r, ix, F_COMMENT));
    CHECK_FIELD(
        pl, c[F_COMMENT],
        model_parse_text(f.s, f.len, MODEL_NOTE_MAX_CHARS, p->comment, e));
    f = member_field(r, ix, F_STATUS_AT);
    CHECK_FIELD(pl, c[F_STATUS_AT],
                f.len && model_parse_time(f.s, f.len, &p->status_at, e));
    return 0;
}

static int spot_row(void *ctx, const csv_row *r, const int *ix, place *pl,
                    err_t *e)
{
    fu_imp *m = ctx;
    followup_spot p;
    if (parse_row(m, r, ix, &p, pl, e))
        return -1;
    pl->col = followup_cols[F_ID];
    int added = idset_add(&m->ids, p.spot_id, e);
    if (added <= 0)
        return added < 0 ? -1 : err_set(e, "spot %s appears twice", p.spot_id);
    return store_followup_put(m->st, &p, e);
}

static int learn_categories(fu_imp *m, err_t *e)
{
    for (size_t i = 0; i < m->cats.n; i++)
        if (store_import_category(m->st, &m->cats.v[i], e))
            return -1;
    return 0;
}

/* Inside the write transaction: put the new list; 1 when it is newer than
 * the one held (commit), 0 when not (roll back), -1 on a refusal. */
static int replace_list(fu_imp *m, err_t *e)
{
    int64_t held;
    if (store_followup_list_time(m->st, &held, e) || learn_categories(m, e) ||
        store_followup_clear(m->st, e) ||
        import_each_row(&m->src, FOLLOWUP_SPOTS, followup_cols, m->n_spots,
                        spot_row, m, e))
        return -1;
    if (m->created_at <= held)
        return 0;
    return store_followup_set_list_time(m->st, m->created_at, e) ? -1 : 1;
}

static int run(fu_imp *m, followup_report *rep, err_t *e)
{
    if (import_read_sums(m->src.dir, REQUIRED, &m->src.sums, e) ||
        import_verify_all(m->src.dir, &m->src.sums, NULL, e) || read_head(m, e))
        return -1;
    if (store_begin_write(m->st, e))
        return -1;
    /* Every row is checked even for an old list, so a damaged bundle is
     * always reported as damaged. */
    int newer = replace_list(m, e);
    if (newer <= 0) {
        store_rollback(m->st);
        if (newer < 0)
            return -1;
    } else if (store_commit(m->st, e)) {
        store_rollback(m->st);
        return -1;
    }
    tm_format_iso(m->created_at, rep->created_at);
    rep->n_spots = m->n_spots;
    rep->replaced = newer;
    return 0;
}

int followup_import(store *st, const char *dir, followup_report *rep, err_t *e)
{
    fu_imp m = {.st = st, .src = {.dir = dir}};
    memset(rep, 0, sizeof *rep);
    idset_init(&m.ids);
    int rc = run(&m, rep, e);
    if (rc)
        memset(rep, 0, sizeof *rep);
    cat_free(&m.cats);
    idset_free(&m.ids);
    return rc;
}

/* ---- finding the newest bundle ---- */

/* "trygg-followup-YYYYMMDDTHHMMSSZ" exactly: no hidden or partial ones. */
static int is_followup_name(const char *name)
{
    static const char pattern[] = "ddddddddTddddddZ"; /* d: a digit */
    size_t pre = strlen(FOLLOWUP_PREFIX);
    if (strncmp(name, FOLLOWUP_PREFIX, pre) != 0 || strlen(name) != pre + 16)
        return 0;
    for (size_t i = 0; i < 16; i++) {
        char want = pattern[i], got = name[pre + i];
        if (want == 'd' ? (got < '0' || got > '9') : got != want)
            return 0;
    }
    return 1;
}

static int is_dir(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat sb;
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return 0;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int followup_find(const char *dir, char *out, size_t cap, err_t *e)
{
    char best[NAME_MAX + 1] = "";
    DIR *d = opendir(dir);
    if (!d)
        return err_os(e, errno, "cannot read folder %s", dir);
    struct dirent *de;
    /* The names' times are fixed-width, so the greatest name is newest. */
    while ((de = readdir(d)) != NULL)
        if (is_followup_name(de->d_name) && strcmp(de->d_name, best) > 0 &&
            is_dir(dir, de->d_name))
            snprintf(best, sizeof best, "%s", de->d_name);
    closedir(d);
    if (!best[0])
        return 0;
    if ((size_t)snprintf(out, cap, "%s/%s", dir, best) >= cap)
        return err_set(e, "the path of %s in %s is too long", best, dir);
    return 1;
}
