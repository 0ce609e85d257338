/* bundle_rows: walks, spots, answers, categories and manifest rows as
 * bundle CSV, in the column order docs/bundle-format.md fixes. */
#include "bundle.h"
#include "tm.h"

const char *const bundle_walk_cols[] = {
    "walk_id", "device_id", "title", "area", "role", "started_at",
    "ended_at", "participants", "light", NULL};

const char *const bundle_spot_cols[] = {
    "spot_id", "walk_id", "created_at", "updated_at", "latitude",
    "longitude", "accuracy_m", "position_source", "category", "severity",
    "note", "deleted", "revision", NULL};

const char *const bundle_check_cols[] = {
    "check_id", "spot_id", "walk_id", "answered_at", "answer", NULL};

static void header(csv_out *o, const char *const *cols)
{
    for (; *cols; cols++)
        csv_out_str(o, *cols);
    csv_out_end_row(o);
}

void bundle_csv_time(csv_out *o, int64_t t, int zero_empty)
{
    char iso[TM_ISO_LEN + 1];
    if (zero_empty && t == 0) {
        csv_out_str(o, NULL);
        return;
    }
    tm_format_iso(t, iso);
    csv_out_field(o, iso, TM_ISO_LEN);
}

static void put_time(csv_out *o, int64_t t) { bundle_csv_time(o, t, 0); }

void bundle_csv_walk_header(csv_out *o) { header(o, bundle_walk_cols); }
void bundle_csv_spot_header(csv_out *o) { header(o, bundle_spot_cols); }
void bundle_csv_check_header(csv_out *o) { header(o, bundle_check_cols); }

void bundle_csv_walk(csv_out *o, const walk *w)
{
    csv_out_str(o, w->id);
    csv_out_str(o, w->device_id);
    csv_out_textz(o, w->title);
    csv_out_textz(o, w->area);
    csv_out_str(o, model_role_name(w->role));
    put_time(o, w->started_at);
    if (w->has_ended)
        put_time(o, w->ended_at);
    else
        csv_out_str(o, NULL);
    if (w->participants > 0)
        csv_out_int(o, w->participants);
    else
        csv_out_str(o, NULL);
    csv_out_str(o, model_light_name(w->light));
    csv_out_end_row(o);
}

void bundle_csv_spot(csv_out *o, const spot *p)
{
    bundle_csv_spot_fields(o, p);
    csv_out_end_row(o);
}

void bundle_csv_spot_fields(csv_out *o, const spot *p)
{
    csv_out_str(o, p->id);
    csv_out_str(o, p->walk_id);
    put_time(o, p->created_at);
    put_time(o, p->updated_at);
    csv_out_fixed(o, p->lat, 7);
    csv_out_fixed(o, p->lon, 7);
    if (p->has_accuracy)
        csv_out_fixed(o, p->accuracy_m, 1);
    else
        csv_out_str(o, NULL);
    csv_out_str(o, model_source_name(p->source));
    csv_out_str(o, p->category);
    if (p->severity)
        csv_out_int(o, p->severity);
    else
        csv_out_str(o, NULL);
    csv_out_textz(o, p->note);
    csv_out_int(o, p->deleted);
    csv_out_int(o, p->revision);
}

void bundle_csv_categories(csv_out *o, const cat_table *t)
{
    csv_out_str(o, "code");
    csv_out_str(o, "label_sv");
    csv_out_str(o, "label_en");
    csv_out_str(o, "positive");
    csv_out_end_row(o);
    for (size_t i = 0; i < t->n; i++) {
        csv_out_str(o, t->v[i].code);
        csv_out_textz(o, t->v[i].label_sv);
        csv_out_textz(o, t->v[i].label_en);
        csv_out_int(o, t->v[i].positive);
        csv_out_end_row(o);
    }
}

void bundle_csv_check(csv_out *o, const spot_check *c)
{
    csv_out_str(o, c->id);
    csv_out_str(o, c->spot_id);
    csv_out_str(o, c->walk_id);
    put_time(o, c->answered_at);
    csv_out_str(o, model_answer_name(c->answer));
    csv_out_end_row(o);
}

void bundle_csv_kv(csv_out *o, const char *key, const char *value)
{
    csv_out_str(o, key);
    csv_out_str(o, value);
    csv_out_end_row(o);
}

void bundle_csv_kv_int(csv_out *o, const char *key, int64_t value)
{
    csv_out_str(o, key);
    csv_out_int(o, value);
    csv_out_end_row(o);
}
