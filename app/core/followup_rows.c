/* followup_rows: a follow-up spot as a row of followup.csv (the bundle and
 * `trygg followup list --csv`). No note and no walk title: see followup.h. */
#include "bundle.h"
#include "followup.h"

const char *const followup_cols[] = {
    "spot_id",  "walked_on", "latitude",       "longitude", "category",
    "severity", "status",    "status_comment", "status_at", NULL};

void followup_csv_header(csv_out *o)
{
    for (int i = 0; followup_cols[i]; i++)
        csv_out_str(o, followup_cols[i]);
}

void followup_csv_fields(csv_out *o, const followup_spot *f)
{
    csv_out_str(o, f->spot_id);
    bundle_csv_time(o, f->walked_on, 0);
    csv_out_fixed(o, f->lat, 7);
    csv_out_fixed(o, f->lon, 7);
    csv_out_str(o, f->category);
    if (f->severity)
        csv_out_int(o, f->severity);
    else
        csv_out_str(o, NULL);
    csv_out_str(o, model_status_name(f->status));
    csv_out_textz(o, f->comment);
    bundle_csv_time(o, f->status_at, 1);
}
