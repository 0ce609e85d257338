/* store_report: the queries behind `trygg report` (report.c writes the
 * document). A municipal database holds a decade of spots, and spots have
 * no index by walk (store.c says why), so every query that starts from
 * spots reads all of them. The report therefore reads spots once: the two
 * years it needs go into temporary tables, and every count and list below
 * comes from those (a few hundred thousand rows at most, not millions).
 *
 * Not for: HTML, words or layout (report*.c). */
#include "store_int.h"

#include <stdio.h>
#include <string.h>

/* The year's and the year before's walks, with the columns of
 * STORE_WALK_COLS first so store_read_walk reads them. ?1..?3: the start of
 * the year before, of the year, of the year after ("YYYY-": started_at is
 * ISO text, so a prefix compares as the year); ?4: public. */
static const char REP_WALKS[] =
    "CREATE TEMP TABLE rep_walks(walk_id TEXT PRIMARY KEY, device_id,"
    " title, area, role, started_at, ended_at, participants, light,"
    " this_year INTEGER) WITHOUT ROWID";
static const char REP_WALKS_FILL[] =
    "INSERT INTO temp.rep_walks SELECT walk_id, device_id,"
    " CASE WHEN ?4 THEN NULL ELSE title END,"
    " CASE WHEN ?4 THEN NULL ELSE area END,"
    " role, started_at, ended_at, participants, light, started_at >= ?2"
    " FROM main.walks WHERE started_at >= ?1 AND started_at < ?3";

/* Their live spots (STORE_SPOT_COLS first), with what the queries below
 * sort and filter by. CROSS JOIN keeps spots the outer loop: one pass over
 * spots probing the small walk table, where the planner could otherwise
 * build an index over all spots first. */
static const char REP_SPOTS[] =
    "CREATE TEMP TABLE rep_spots AS SELECT s.spot_id, s.walk_id,"
    " s.created_at, s.updated_at, s.latitude, s.longitude, s.accuracy_m,"
    " s.position_source, s.category, s.severity,"
    " CASE WHEN ?4 THEN '' ELSE s.note END AS note, s.deleted, s.revision,"
    " w.started_at AS walked_on, w.this_year,"
    " COALESCE(k.positive, 0) AS positive, COALESCE(k.sort, 1e9) AS sort"
    " FROM main.spots s CROSS JOIN temp.rep_walks w ON w.walk_id = s.walk_id"
    " LEFT JOIN main.categories k ON k.code = s.category"
    " WHERE s.deleted = 0";

/* Last year's problems with their status now and newest answer. The status
 * is looked up per spot by the index on (spot_id, seq): the view
 * spot_status_now means the same, but joined per spot SQLite probes its
 * whole list of newest seqs for every spot (hours on a municipal
 * database). */
static const char REP_FOLLOWUP[] =
    "CREATE TEMP TABLE rep_followup AS SELECT s.spot_id, s.walked_on,"
    " s.latitude, s.longitude, s.category, s.severity,"
    " COALESCE(n.status, 'open') AS status,"
    " CASE WHEN ?4 THEN '' ELSE COALESCE(n.comment, '') END AS comment,"
    " n.set_at AS status_at, a.answer, a.answered_at, s.created_at, s.sort"
    " FROM temp.rep_spots s"
    " LEFT JOIN main.spot_status n ON n.seq = (SELECT MAX(seq)"
    "  FROM main.spot_status x WHERE x.spot_id = s.spot_id)"
    " LEFT JOIN main.checks a ON a.check_id = (SELECT check_id"
    "  FROM main.checks d WHERE d.spot_id = s.spot_id"
    "  ORDER BY answered_at DESC, check_id DESC LIMIT 1)"
    " WHERE s.this_year = 0 AND s.positive = 0";

/* Run one statement of the set-up with the year bounds bound (those it does
 * not use are ignored). */
static int run_bound(store *st, const char *sql, int year, int public_only,
                     err_t *e)
{
    char from[16], mid[16], to[16];
    sqlite3_stmt *s = NULL;
    snprintf(from, sizeof from, "%04d-", year - 1);
    snprintf(mid, sizeof mid, "%04d-", year);
    snprintf(to, sizeof to, "%04d-", year + 1);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, "cannot prepare the report", e);
    int n = sqlite3_bind_parameter_count(s);
    if (n >= 3) {
        store_bind_text(s, 1, from);
        store_bind_text(s, 2, mid);
        store_bind_text(s, 3, to);
    }
    if (n >= 4)
        sqlite3_bind_int(s, 4, public_only);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot gather the report's spots", e);
    return 0;
}

/* The temporary tables hold two years of spots (tens of MB for a big
 * town): with SQLite's default 2 MB cache every query over them would
 * read them back from the temporary file. */
#define REP_TEMP_CACHE "PRAGMA temp.cache_size=-262144" /* KiB: 256 MB */
#define REP_TEMP_CACHE_OFF "PRAGMA temp.cache_size=-2000" /* the default */

int store_report_begin(store *st, int year, int public_only, err_t *e)
{
    if (year < 1 || year > 9998)
        return err_set(e, "year %d is out of range", year);
    if (!sqlite3_get_autocommit(st->db)) /* ending ours would end theirs */
        return err_set(e, "a report cannot be made inside a transaction");
    if (store_exec(st, REP_TEMP_CACHE, "cannot size the report's cache", e))
        return -1;
    /* A deferred BEGIN: a snapshot for reading, no lock against imports;
     * the temporary tables live outside the database file. */
    if (store_exec(st, "BEGIN", "cannot start reading for the report", e) ||
        run_bound(st, REP_WALKS, year, public_only, e) ||
        run_bound(st, REP_WALKS_FILL, year, public_only, e) ||
        run_bound(st, REP_SPOTS, year, public_only, e) ||
        run_bound(st, REP_FOLLOWUP, year, public_only, e)) {
        store_report_end(st);
        return -1;
    }
    return 0;
}

void store_report_end(store *st)
{
    /* Rolling back the read transaction also takes the temporary tables
     * made in it away. */
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(st->db, REP_TEMP_CACHE_OFF, NULL, NULL, NULL);
}

/* ---- counts ---- */

/* Prepare sql; NULL with a message. */
static sqlite3_stmt *prepare(store *st, const char *sql, err_t *e)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_fail(st, "cannot prepare a report query", e);
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

/* The end of a row loop: finalize, and turn a failed step into a message. */
static int finish(store *st, sqlite3_stmt *s, int rc, int stop, err_t *e)
{
    if (!stop && rc != SQLITE_DONE)
        stop = store_fail(st, "cannot read the report's rows", e);
    sqlite3_finalize(s);
    return stop;
}

int store_report_groups(store *st, store_report_group_fn fn, void *ctx,
                        err_t *e)
{
    sqlite3_stmt *s = prepare(st,
        "SELECT this_year, category, COALESCE(severity, 0), COUNT(*)"
        " FROM temp.rep_spots GROUP BY this_year, category, severity", e);
    if (!s)
        return -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_group g = {
            .this_year = sqlite3_column_int(s, 0),
            .category = (const char *)sqlite3_column_text(s, 1),
            .severity = sqlite3_column_int(s, 2),
            .n = sqlite3_column_int64(s, 3)};
        if (!g.category)
            g.category = "";
        stop = fn(ctx, &g);
    }
    return finish(st, s, rc, stop, e);
}

int store_report_extent(store *st, const store_report_box *limit,
                        store_report_box *out, err_t *e)
{
    sqlite3_stmt *s = prepare(st,
        "SELECT COUNT(*), MIN(latitude), MAX(latitude), MIN(longitude),"
        " MAX(longitude) FROM temp.rep_spots WHERE this_year = 1"
        " AND latitude BETWEEN ?1 AND ?2 AND longitude BETWEEN ?3 AND ?4", e);
    if (!s)
        return -1;
    sqlite3_bind_double(s, 1, limit->lat_min);
    sqlite3_bind_double(s, 2, limit->lat_max);
    sqlite3_bind_double(s, 3, limit->lon_min);
    sqlite3_bind_double(s, 4, limit->lon_max);
    int rc = sqlite3_step(s), found = 0;
    if (rc == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0) {
        out->lat_min = sqlite3_column_double(s, 1);
        out->lat_max = sqlite3_column_double(s, 2);
        out->lon_min = sqlite3_column_double(s, 3);
        out->lon_max = sqlite3_column_double(s, 4);
        found = 1;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return store_fail(st, "cannot measure the report's map", e);
    return found;
}

int store_report_walks(store *st, store_walk_fn fn, void *ctx, err_t *e)
{
    sqlite3_stmt *s = prepare(st,
        "SELECT " STORE_WALK_COLS ", COALESCE(n, 0) FROM temp.rep_walks"
        " LEFT JOIN (SELECT walk_id, COUNT(*) AS n FROM temp.rep_spots"
        " GROUP BY walk_id) USING (walk_id) WHERE this_year = 1"
        " ORDER BY started_at, walk_id", e);
    if (!s)
        return -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        walk w;
        memset(&w, 0, sizeof w);
        store_read_walk(s, &w);
        stop = fn(ctx, &w, sqlite3_column_int64(s, 9));
    }
    return finish(st, s, rc, stop, e);
}

/* The map needs where and what only: the sort then moves small rows
 * (no ids, no notes), in the order they were gathered within a group. */
#define MAP_COLS                                                               \
    "'', '', created_at, created_at, latitude, longitude, NULL, 'map',"        \
    " category, severity, '', 0, 1"

int store_report_spots(store *st, int flags, store_spot_fn fn, void *ctx,
                       err_t *e)
{
    char sql[512];
    int map = flags & STORE_REPORT_MAP_ORDER;
    snprintf(sql, sizeof sql, "SELECT %s FROM temp.rep_spots"
             " WHERE this_year = 1%s ORDER BY %s",
             map ? MAP_COLS : STORE_SPOT_COLS,
             flags & STORE_REPORT_POSITIVE ? " AND positive = 1" : "",
             map ? "positive DESC, COALESCE(severity, 0) DESC, sort,"
                   " category, rowid"
                 : "walked_on, walk_id, created_at, spot_id");
    sqlite3_stmt *s = prepare(st, sql, e);
    if (!s)
        return -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        spot p;
        store_read_spot(s, &p);
        stop = fn(ctx, &p);
    }
    return finish(st, s, rc, stop, e);
}

/* ---- last year's spots, followed up ---- */

static int parse_status(const char *v, model_status *out)
{
    if (!v || model_parse_status(v, strlen(v), out, NULL))
        *out = STATUS_OPEN; /* the CHECK constraint keeps this out */
    return 0;
}

/* An answer column: 1 and *out set when there is one. */
static int parse_answer(const char *v, model_answer *out)
{
    return v && v[0] && model_parse_answer(v, strlen(v), out, NULL) == 0;
}

int store_report_followup_counts(store *st, store_report_fu_fn fn, void *ctx,
                                 err_t *e)
{
    sqlite3_stmt *s = prepare(st,
        "SELECT category, status, answer, COUNT(*) FROM temp.rep_followup"
        " GROUP BY category, status, answer", e);
    if (!s)
        return -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_fu_count c = {
            .category = (const char *)sqlite3_column_text(s, 0),
            .n = sqlite3_column_int64(s, 3)};
        if (!c.category)
            c.category = "";
        parse_status((const char *)sqlite3_column_text(s, 1), &c.status);
        c.has_answer = parse_answer((const char *)sqlite3_column_text(s, 2),
                                    &c.answer);
        stop = fn(ctx, &c);
    }
    return finish(st, s, rc, stop, e);
}

int store_report_followup(store *st, store_followup_fn fn, void *ctx,
                          err_t *e)
{
    sqlite3_stmt *s = prepare(st,
        "SELECT spot_id, walked_on, latitude, longitude, category, severity,"
        " status, comment, status_at, answer, answered_at"
        " FROM temp.rep_followup ORDER BY walked_on, created_at, spot_id", e);
    if (!s)
        return -1;
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        followup_spot f;
        store_read_followup(s, &f);
        stop = fn(ctx, &f);
    }
    return finish(st, s, rc, stop, e);
}
