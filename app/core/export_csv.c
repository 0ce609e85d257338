/* export_csv: the export as plain RFC 4180 CSV: the columns of a bundle's
 * spots.csv with the same values (so what reads bundles reads this), then
 * SWEREF 99 TM, the status, the walk and the newest answer. As in a bundle:
 * times ISO 8601 UTC, numbers with a decimal point, the formula guard on
 * free text. */
#include "bundle.h"
#include "export_int.h"
#include "tm.h"

/* After bundle_spot_cols. */
static const char *const MORE_COLS[] = {
    "sweref_n", "sweref_e", "status", "status_at", "status_comment",
    "walk_started_at", "walk_role", "walk_light", "answer", "answered_at",
    NULL};

static void begin(csv_out *o)
{
    for (const char *const *c = bundle_spot_cols; *c; c++)
        csv_out_str(o, *c);
    for (const char *const *c = MORE_COLS; *c; c++)
        csv_out_str(o, *c);
    csv_out_end_row(o);
}

static void end(csv_out *o) { (void)o; }

/* An ISO 8601 UTC time, or an empty field when has is 0. */
static void put_time(csv_out *o, int64_t t, int has)
{
    char iso[TM_ISO_LEN + 1];
    if (!has) {
        csv_out_str(o, NULL);
        return;
    }
    tm_format_iso(t, iso);
    csv_out_field(o, iso, TM_ISO_LEN);
}

static void row(csv_out *o, const store_export_row *r, double north,
                double east, int64_t index)
{
    int decided = r->status.set_at != 0;
    (void)index;
    bundle_csv_spot_fields(o, &r->spot);
    csv_out_fixed(o, north, EXPORT_GRID_DECIMALS); /* NAN: empty */
    csv_out_fixed(o, east, EXPORT_GRID_DECIMALS);
    csv_out_str(o, model_status_name(r->status.status));
    put_time(o, r->status.set_at, decided);
    csv_out_textz(o, r->status.comment);
    put_time(o, r->walk_started_at, 1);
    csv_out_str(o, model_role_name(r->role));
    csv_out_str(o, model_light_name(r->light));
    csv_out_str(o, r->has_answer ? model_answer_name(r->answer) : NULL);
    put_time(o, r->answered_at, r->has_answer);
    csv_out_end_row(o);
}

const export_writer export_csv_writer = {begin, row, end};
