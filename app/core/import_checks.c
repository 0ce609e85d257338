/* import_checks: checks.csv of a sync bundle, the walkers' answers at
 * follow-up spots, validated row by row and merged after the walks and
 * spots in the bundle's one transaction. A bundle without the file has no
 * answers; an importer that predates the file verifies its sum and ignores
 * it, which is why the file could be added without a new format version. */
#include "bundle.h"
#include "import_int.h"

#include <string.h>

enum { C_ID, C_SPOT, C_WALK, C_ANSWERED, C_ANSWER, C_N };

/* Answers are about spots of the follow-up lists made from this database. */
static int check_spot_ref(imp *m, const char *spot_id, err_t *e)
{
    int known = store_spot_known(m->st, spot_id, e);
    if (known < 0)
        return -1;
    if (!known)
        return err_set(e, "spot %s is not in this database; answers are "
                       "about spots of its follow-up lists", spot_id);
    return 0;
}

static int parse_check(imp *m, const csv_row *r, const int *ix, spot_check *c,
                       place *pl, err_t *e)
{
    const char *const *col = bundle_check_cols;
    field f;
    memset(c, 0, sizeof *c);
    f = member_field(r, ix, C_ID);
    CHECK_FIELD(pl, col[C_ID], model_parse_uuid(f.s, f.len, c->id, e));
    f = member_field(r, ix, C_SPOT);
    CHECK_FIELD(pl, col[C_SPOT],
                model_parse_uuid(f.s, f.len, c->spot_id, e) ||
                    check_spot_ref(m, c->spot_id, e));
    f = member_field(r, ix, C_WALK);
    CHECK_FIELD(pl, col[C_WALK],
                model_parse_uuid(f.s, f.len, c->walk_id, e) ||
                    import_check_walk_ref(m, c->walk_id, e));
    f = member_field(r, ix, C_ANSWERED);
    CHECK_FIELD(pl, col[C_ANSWERED],
                model_parse_time(f.s, f.len, &c->answered_at, e));
    f = member_field(r, ix, C_ANSWER);
    CHECK_FIELD(pl, col[C_ANSWER],
                model_parse_answer(f.s, f.len, &c->answer, e));
    return 0;
}

static int check_row(void *ctx, const csv_row *r, const int *ix, place *pl,
                     err_t *e)
{
    imp *m = ctx;
    spot_check c;
    store_outcome out;
    if (parse_check(m, r, ix, &c, pl, e))
        return -1;
    pl->col = bundle_check_cols[C_ID];
    int added = idset_add(&m->check_ids, c.id, e);
    if (added <= 0)
        return added < 0 ? -1 : err_set(e, "answer %s appears twice", c.id);
    if (store_import_check(m->st, &c, &out, e))
        return -1;
    m->rep->checks[out]++;
    return 0;
}

int import_checks(imp *m, err_t *e)
{
    int64_t declared = m->declared[DECL_CHECKS];
    if (!import_sum_of(&m->src.sums, BUNDLE_CHECKS)) {
        if (declared > 0)
            return err_set(e,
                           "manifest.csv says checks %lld, but the "
                           "bundle has no %s",
                           (long long)declared, BUNDLE_CHECKS);
        return 0;
    }
    if (declared < 0)
        return err_set(e,
                       "%s is in the bundle, but manifest.csv has no key "
                       "checks",
                       BUNDLE_CHECKS);
    return import_each_row(&m->src, BUNDLE_CHECKS, bundle_check_cols, declared,
                           check_row, m, e);
}
