/* export_geojson: the export as an RFC 7946 FeatureCollection, one Point
 * Feature per line. A small streaming writer of our own: json-c would hold
 * the whole tree of a million features in memory before writing a byte. */
#include "export_int.h"
#include "tm.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void raw(csv_out *o, const char *s) { csv_out_raw(o, s, strlen(s)); }

/* A literal with its length known at compile time. */
#define RAW(o, lit) csv_out_bytes((o), (lit), sizeof(lit) - 1)
/* The bytes before a property's value, and their count: ,"name": */
#define K(name) ",\"" name "\":", sizeof(",\"" name "\":") - 1

/* The escape of byte c, which plain_byte refused. */
static void put_escape(csv_out *o, unsigned char c)
{
    char buf[8];
    switch (c) {
    case '"': RAW(o, "\\\""); return;
    case '\\': RAW(o, "\\\\"); return;
    case '\n': RAW(o, "\\n"); return;
    case '\r': RAW(o, "\\r"); return;
    case '\t': RAW(o, "\\t"); return;
    case '\b': RAW(o, "\\b"); return;
    case '\f': RAW(o, "\\f"); return;
    default: break;
    }
    snprintf(buf, sizeof buf, "\\u%04x", c);
    csv_out_bytes(o, buf, 6);
}

/* The end of the bytes from s on that go into a JSON string as they are
 * (UTF-8 included): at a quote, a backslash, a control character or the
 * NUL. */
static const char *plain_run(const char *s)
{
    while ((unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
        s++;
    return s;
}

void export_json_string(csv_out *o, const char *s)
{
    RAW(o, "\"");
    for (;;) {
        const char *end = plain_run(s);
        csv_out_bytes(o, s, (size_t)(end - s));
        if (!*end)
            break;
        put_escape(o, (unsigned char)*end);
        s = end + 1;
    }
    RAW(o, "\"");
}

/* A number; NaN (no value) writes null. */
static void number(csv_out *o, double v, int decimals)
{
    char tmp[CSV_FIXED_MAX];
    size_t n = csv_fixed_text(tmp, v, decimals, '.');
    if (n > 0)
        csv_out_bytes(o, tmp, n);
    else
        RAW(o, "null");
}

static void integer(csv_out *o, int64_t v)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do /* digits from the right end of tmp */
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        tmp[sizeof tmp - 1 - n++] = '-';
    csv_out_bytes(o, tmp + sizeof tmp - n, (size_t)n);
}

/* A string property after its key (K); NULL or "" (when empty_null)
 * writes null. */
static void str_prop(csv_out *o, const char *key, size_t klen, const char *v,
                     int empty_null)
{
    csv_out_bytes(o, key, klen);
    if (!v || (empty_null && !v[0]))
        RAW(o, "null");
    else
        export_json_string(o, v);
}

/* A time as ISO 8601 UTC after its key (K), or null when has is 0. */
static void time_prop(csv_out *o, const char *key, size_t klen, int64_t t,
                      int has)
{
    char iso[TM_ISO_LEN + 1];
    csv_out_bytes(o, key, klen);
    if (!has) {
        RAW(o, "null");
        return;
    }
    tm_format_iso(t, iso);
    RAW(o, "\"");
    csv_out_bytes(o, iso, TM_ISO_LEN);
    RAW(o, "\"");
}

static void begin(csv_out *o)
{
    raw(o, "{\"type\":\"FeatureCollection\",\"features\":[\n");
}

static void end(csv_out *o) { raw(o, "\n]}\n"); }

static void geometry(csv_out *o, const spot *p)
{
    RAW(o, "\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
    number(o, p->lon, EXPORT_DEG_DECIMALS);
    RAW(o, ",");
    number(o, p->lat, EXPORT_DEG_DECIMALS);
    RAW(o, "]}");
}

/* The spot's own fields, as in the bundle. */
static void spot_props(csv_out *o, const store_export_row *r)
{
    const spot *p = &r->spot;
    RAW(o, "\"spot_id\":");
    export_json_string(o, p->id);
    str_prop(o, K("walk_id"), p->walk_id, 0);
    time_prop(o, K("created_at"), p->created_at, 1);
    time_prop(o, K("updated_at"), p->updated_at, 1);
    csv_out_bytes(o, K("latitude"));
    number(o, p->lat, EXPORT_DEG_DECIMALS);
    csv_out_bytes(o, K("longitude"));
    number(o, p->lon, EXPORT_DEG_DECIMALS);
    csv_out_bytes(o, K("accuracy_m"));
    number(o, p->has_accuracy ? p->accuracy_m : NAN, EXPORT_ACC_DECIMALS);
    str_prop(o, K("position_source"), model_source_name(p->source), 0);
    str_prop(o, K("category"), p->category, 0);
    csv_out_bytes(o, K("severity"));
    if (p->severity)
        integer(o, p->severity);
    else
        RAW(o, "null");
    str_prop(o, K("note"), p->note, 0);
    csv_out_bytes(o, K("revision"));
    integer(o, p->revision);
}

/* What the municipality added: labels, walk, status, answer, grid. */
static void more_props(csv_out *o, const store_export_row *r, double north,
                       double east)
{
    int decided = r->status.set_at != 0;
    str_prop(o, K("category_sv"), r->label_sv, 0);
    str_prop(o, K("category_en"), r->label_en, 0);
    csv_out_bytes(o, K("positive"));
    raw(o, r->positive ? "true" : "false");
    time_prop(o, K("walk_started_at"), r->walk_started_at, 1);
    str_prop(o, K("walk_role"), model_role_name(r->role), 0);
    str_prop(o, K("walk_light"), model_light_name(r->light), 1);
    str_prop(o, K("status"), model_status_name(r->status.status), 0);
    time_prop(o, K("status_at"), r->status.set_at, decided);
    str_prop(o, K("status_comment"), decided ? r->status.comment : NULL, 0);
    str_prop(o, K("answer"),
             r->has_answer ? model_answer_name(r->answer) : NULL, 0);
    time_prop(o, K("answered_at"), r->answered_at, r->has_answer);
    csv_out_bytes(o, K("sweref_n"));
    number(o, north, EXPORT_GRID_DECIMALS);
    csv_out_bytes(o, K("sweref_e"));
    number(o, east, EXPORT_GRID_DECIMALS);
}

static void row(csv_out *o, const store_export_row *r, double north,
                double east, int64_t index)
{
    if (index)
        RAW(o, ",\n");
    RAW(o, "{\"type\":\"Feature\",\"id\":");
    export_json_string(o, r->spot.id);
    RAW(o, ",");
    geometry(o, &r->spot);
    RAW(o, ",\"properties\":{");
    spot_props(o, r);
    more_props(o, r, north, east);
    RAW(o, "}}");
}

const export_writer export_geojson_writer = {begin, row, end};
