/* export_excel: the export as a CSV that Excel in Swedish opens by a double
 * click: UTF-8 with a BOM (else Excel reads it as Windows-1252), ';'
 * between fields and a decimal comma (what a Swedish Excel expects), local
 * time as "YYYY-MM-DD HH:MM" (which Excel takes for a date), Swedish
 * headers and labels. Every text cell, not only notes, goes through the
 * formula guard; numbers are written by the number writer and never
 * guarded, so a negative number would stay a number. */
#include "export_int.h"

#include <stdlib.h>
#include <time.h>

static const char *const HEADERS[] = {
    "Datum", "Kategori", "Allvarlighet", "Anteckning", "Status",
    "Status ändrad", "Statuskommentar", "Senaste svar", "Svarat",
    "Vandringens datum", "Roll", "Ljus", "Position från", "Noggrannhet (m)",
    "Punkt-id", "Vandrings-id", "SWEREF99TM N", "SWEREF99TM E", "Latitud",
    "Longitud", NULL};

/* Swedish names by enum value (index 0 unused where enums start at 1). */
static const char *const ROLE_SV[] = {"", "Medborgare", "Polisvolontär",
                                      "Personal"};
static const char *const LIGHT_SV[] = {"", "Dagsljus", "Skymning", "Mörker"};
static const char *const STATUS_SV[] = {"", "Öppen", "Planerad", "Åtgärdad",
                                        "Åtgärdas inte"};
static const char *const ANSWER_SV[] = {"", "Kvar", "Åtgärdat"};
static const char *const SOURCE_SV[] = {"", "GPS", "Karta"};

/* n decimal digits of v at out. */
static char *put_digits(char *out, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
    return out + n;
}

void export_local_time(int64_t t, char *out)
{
    time_t tt = (time_t)t;
    struct tm lt;
    if (!localtime_r(&tt, &lt)) {
        out[0] = '\0';
        return;
    }
    int y = lt.tm_year + 1900;
    char *o = put_digits(out, y < 0 ? 0 : y % 10000, 4);
    *o++ = '-';
    o = put_digits(o, lt.tm_mon + 1, 2);
    *o++ = '-';
    o = put_digits(o, lt.tm_mday, 2);
    *o++ = ' ';
    o = put_digits(o, lt.tm_hour, 2);
    *o++ = ':';
    o = put_digits(o, lt.tm_min, 2);
    *o = '\0';
}

/* Seconds east of UTC at t in the process's zone. */
static long offset_at(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm lt;
    return localtime_r(&tt, &lt) ? lt.tm_gmtoff : -1;
}

int export_check_zone(err_t *e)
{
    const int64_t winter = 1705320000; /* 2024-01-15T12:00:00Z */
    const int64_t summer = 1721044800; /* 2024-07-15T12:00:00Z */
    long w = offset_at(winter), s = offset_at(summer);
    if (w == 3600 && s == 7200)
        return 0;
    const char *tz = getenv("TZ");
    return err_set(e, "local time is not Sweden's: the time zone %s is "
                   "UTC%+g h in winter and UTC%+g h in summer, not +1 and "
                   "+2; install tzdata (Europe/Stockholm)",
                   tz ? tz : "(TZ not set)", w / 3600.0, s / 3600.0);
}

static void begin(csv_out *o)
{
    csv_out_set_dialect(o, ';', ',');
    csv_out_raw(o, "\xEF\xBB\xBF", 3);
    for (const char *const *h = HEADERS; *h; h++)
        csv_out_textz(o, *h);
    csv_out_end_row(o);
}

static void end(csv_out *o) { (void)o; }

/* A local time cell, or an empty one when has is 0. */
static void put_time(csv_out *o, int64_t t, int has)
{
    char lt[EXPORT_LOCAL_LEN + 1];
    if (has)
        export_local_time(t, lt);
    csv_out_textz(o, has ? lt : NULL);
}

static void row(csv_out *o, const store_export_row *r, double north,
                double east, int64_t index)
{
    const spot *p = &r->spot;
    (void)index;
    put_time(o, p->created_at, 1);
    csv_out_textz(o, r->label_sv);
    if (p->severity)
        csv_out_int(o, p->severity);
    else
        csv_out_textz(o, NULL);
    csv_out_textz(o, p->note);
    csv_out_textz(o, STATUS_SV[r->status.status]);
    put_time(o, r->status.set_at, r->status.set_at != 0);
    csv_out_textz(o, r->status.comment);
    csv_out_textz(o, r->has_answer ? ANSWER_SV[r->answer] : NULL);
    put_time(o, r->answered_at, r->has_answer);
    put_time(o, r->walk_started_at, 1);
    csv_out_textz(o, ROLE_SV[r->role]);
    csv_out_textz(o, LIGHT_SV[r->light]);
    csv_out_textz(o, SOURCE_SV[p->source]);
    if (p->has_accuracy)
        csv_out_fixed(o, p->accuracy_m, EXPORT_ACC_DECIMALS);
    else
        csv_out_textz(o, NULL);
    csv_out_textz(o, p->id);
    csv_out_textz(o, p->walk_id);
    csv_out_fixed(o, north, EXPORT_GRID_DECIMALS);
    csv_out_fixed(o, east, EXPORT_GRID_DECIMALS);
    csv_out_fixed(o, p->lat, EXPORT_DEG_DECIMALS);
    csv_out_fixed(o, p->lon, EXPORT_DEG_DECIMALS);
    csv_out_end_row(o);
}

const export_writer export_excel_writer = {begin, row, end};
