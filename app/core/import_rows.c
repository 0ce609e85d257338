/* import_rows: validating and merging walks.csv and spots.csv, row by row. */
#include "import_int.h"
#include "bundle.h"

#include <string.h>

enum { W_ID, W_DEVICE, W_TITLE, W_AREA, W_ROLE, W_STARTED, W_ENDED,
       W_PARTICIPANTS, W_LIGHT, W_N };
enum { S_ID, S_WALK, S_CREATED, S_UPDATED, S_LAT, S_LON, S_ACCURACY,
       S_SOURCE, S_CATEGORY, S_SEVERITY, S_NOTE, S_DELETED, S_REVISION, S_N };

static int parse_walk(imp *m, const csv_row *r, const int *ix, walk *w,
                      place *pl, err_t *e) {
    const char *const *c = bundle_walk_cols;
    field f;
    int64_t n = 0;
    memset(w, 0, sizeof *w);
    f = member_field(r, ix, W_ID);
    CHECK_FIELD(pl, c[W_ID], model_parse_uuid(f.s, f.len, w->id, e));
    f = member_field(r, ix, W_DEVICE);
    CHECK_FIELD(pl, c[W_DEVICE],
                f.len != strlen(m->device_id) ||
                        memcmp(f.s, m->device_id, f.len)
                    ? err_set(e, "\"%.*s\" is not the bundle's device %s",
                              (int)(f.len > 40 ? 40 : f.len), f.s, m->device_id)
                    : 0);
    memcpy(w->device_id, m->device_id, sizeof w->device_id);
    f = member_unguard(member_field(r, ix, W_TITLE));
    CHECK_FIELD(
        pl, c[W_TITLE],
        model_parse_text(f.s, f.len, MODEL_TITLE_MAX_CHARS, w->title, e));
    f = member_unguard(member_field(r, ix, W_AREA));
    CHECK_FIELD(
        pl, c[W_AREA],
        model_parse_text(f.s, f.len, MODEL_TITLE_MAX_CHARS, w->area, e));
    f = member_field(r, ix, W_ROLE);
    CHECK_FIELD(pl, c[W_ROLE], model_parse_role(f.s, f.len, &w->role, e));
    f = member_field(r, ix, W_STARTED);
    CHECK_FIELD(pl, c[W_STARTED],
                model_parse_time(f.s, f.len, &w->started_at, e));
    f = member_field(r, ix, W_ENDED);
    w->has_ended = f.len > 0;
    CHECK_FIELD(pl, c[W_ENDED],
                w->has_ended && model_parse_time(f.s, f.len, &w->ended_at, e));
    f = member_field(r, ix, W_PARTICIPANTS);
    CHECK_FIELD(pl, c[W_PARTICIPANTS],
                f.len && model_parse_int(f.s, f.len, 1, 100000, &n, e));
    w->participants = (int)n;
    f = member_field(r, ix, W_LIGHT);
    CHECK_FIELD(pl, c[W_LIGHT], model_parse_light(f.s, f.len, &w->light, e));
    return 0;
}

static int merge_walk(imp *m, const walk *w, place *pl, err_t *e)
{
    store_outcome out;
    pl->col = bundle_walk_cols[W_ID];
    int added = idset_add(&m->walk_ids, w->id, e);
    if (added <= 0)
        return added < 0 ? -1 : err_set(e, "walk %s appears twice", w->id);
    if (store_import_walk(m->st, w, m->created_at, &out, e))
        return -1;
    m->rep->walks[out]++;
    return 0;
}

static int walk_row(void *ctx, const csv_row *r, const int *ix, place *pl,
                    err_t *e)
{
    imp *m = ctx;
    walk w;
    if (parse_walk(m, r, ix, &w, pl, e))
        return -1;
    return merge_walk(m, &w, pl, e);
}

int import_walks(imp *m, err_t *e)
{
    return import_each_row(&m->src, BUNDLE_WALKS, bundle_walk_cols,
                           m->declared[DECL_WALKS], walk_row, m, e);
}

/* ---- spots ---- */

int import_check_walk_ref(imp *m, const char *walk_id, err_t *e)
{
    if (idset_has(&m->walk_ids, walk_id))
        return 0;
    walk w;
    int found = store_walk_get(m->st, walk_id, &w, e);
    if (found < 0)
        return -1;
    if (!found)
        return err_set(e, "walk %s is neither in walks.csv nor imported "
                       "before", walk_id);
    if (strcmp(w.device_id, m->device_id) != 0)
        return err_set(e, "walk %s belongs to device %s, not to this "
                       "bundle's device %s", walk_id, w.device_id,
                       m->device_id);
    return 0;
}

static int check_category(imp *m, const spot *p, err_t *e)
{
    if (!cat_find(&m->cats, p->category))
        return err_set(e, "\"%s\" is not in categories.csv", p->category);
    return 0;
}

/* Severity 1..3 for a category of unsafe places, none for a safe place. */
static int parse_severity(imp *m, spot *p, field sev, err_t *e)
{
    const cat_entry *c = cat_find(&m->cats, p->category);
    p->severity = 0;
    if (c->positive && sev.len)
        return err_set(e,
                       "category %s marks a safe place and takes no "
                       "severity",
                       p->category);
    if (!c->positive && !sev.len)
        return err_set(e, "category %s needs a severity", p->category);
    return sev.len ? model_parse_severity(sev.s, sev.len, &p->severity, e) : 0;
}

static int parse_spot_pos(const csv_row *r, const int *ix, spot *p, place *pl,
                          err_t *e) {
    const char *const *c = bundle_spot_cols;
    field f = member_field(r, ix, S_LAT);
    CHECK_FIELD(pl, c[S_LAT], model_parse_lat(f.s, f.len, &p->lat, e));
    f = member_field(r, ix, S_LON);
    CHECK_FIELD(pl, c[S_LON], model_parse_lon(f.s, f.len, &p->lon, e));
    f = member_field(r, ix, S_ACCURACY);
    p->has_accuracy = f.len > 0;
    CHECK_FIELD(pl, c[S_ACCURACY],
                p->has_accuracy &&
                    model_parse_accuracy(f.s, f.len, &p->accuracy_m, e));
    f = member_field(r, ix, S_SOURCE);
    CHECK_FIELD(pl, c[S_SOURCE], model_parse_source(f.s, f.len, &p->source, e));
    return 0;
}

static int parse_spot(imp *m, const csv_row *r, const int *ix, spot *p,
                      place *pl, err_t *e) {
    const char *const *c = bundle_spot_cols;
    int64_t n;
    field f = member_field(r, ix, S_ID);
    CHECK_FIELD(pl, c[S_ID], model_parse_uuid(f.s, f.len, p->id, e));
    f = member_field(r, ix, S_WALK);
    CHECK_FIELD(pl, c[S_WALK],
                model_parse_uuid(f.s, f.len, p->walk_id, e) ||
                    import_check_walk_ref(m, p->walk_id, e));
    f = member_field(r, ix, S_CREATED);
    CHECK_FIELD(pl, c[S_CREATED],
                model_parse_time(f.s, f.len, &p->created_at, e));
    f = member_field(r, ix, S_UPDATED);
    CHECK_FIELD(pl, c[S_UPDATED],
                model_parse_time(f.s, f.len, &p->updated_at, e));
    if (parse_spot_pos(r, ix, p, pl, e))
        return -1;
    f = member_field(r, ix, S_CATEGORY);
    CHECK_FIELD(pl, c[S_CATEGORY],
                model_parse_code(f.s, f.len, p->category, e) ||
                    check_category(m, p, e));
    f = member_field(r, ix, S_SEVERITY);
    CHECK_FIELD(pl, c[S_SEVERITY], parse_severity(m, p, f, e));
    f = member_unguard(member_field(r, ix, S_NOTE));
    CHECK_FIELD(pl, c[S_NOTE],
                model_parse_text(f.s, f.len, MODEL_NOTE_MAX_CHARS, p->note, e));
    f = member_field(r, ix, S_DELETED);
    CHECK_FIELD(pl, c[S_DELETED], model_parse_int(f.s, f.len, 0, 1, &n, e));
    p->deleted = (int)n;
    f = member_field(r, ix, S_REVISION);
    CHECK_FIELD(pl, c[S_REVISION], model_parse_int(f.s, f.len, 1, INT64_MAX / 2,
                                             &p->revision, e));
    return 0;
}

static int spot_row(void *ctx, const csv_row *r, const int *ix, place *pl,
                    err_t *e)
{
    imp *m = ctx;
    spot *p = m->batch.scratch;
    if (parse_spot(m, r, ix, p, pl, e))
        return -1;
    pl->col = bundle_spot_cols[S_ID];
    int added = idset_add(&m->spot_ids, p->id, e);
    if (added <= 0)
        return added < 0 ? -1 : err_set(e, "spot %s appears twice", p->id);
    if (batch_add(&m->batch, p, r->line, e))
        return -1;
    if (m->batch.n < IMPORT_BATCH_MAX)
        return 0;
    pl->col = NULL; /* batch_flush names the line of a refused spot */
    return batch_flush(m, e);
}

int import_spots(imp *m, err_t *e)
{
    if (batch_init(&m->batch, e))
        return -1;
    int rc = import_each_row(&m->src, BUNDLE_SPOTS, bundle_spot_cols,
                             m->declared[DECL_SPOTS], spot_row, m, e);
    if (rc == 0)
        rc = batch_flush(m, e);
    batch_free(&m->batch);
    return rc;
}
