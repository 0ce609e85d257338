/* report_tables: the report's tables: spots per category and severity,
 * this year against last year, the walks, the positive spots, last year's
 * spots followed up (per category and one by one) and, in the full report
 * only, every spot of the year with its note. Counts come from report.c's
 * gathering; lists stream from store_report.c row by row.
 *
 * Not for: the map (report_svg.c), the page around them (report.c). */
#include "report_int.h"

#include <stdio.h>
#include <string.h>

/* ---- cells ---- */

static void th(rp *r, tr_key k, int numeric)
{
    rh_raw(r->h, numeric ? "<th class=\"n\">" : "<th>");
    rh_text(r->h, tr(r->l, k));
    rh_raw(r->h, "</th>");
}

static void td_count(rp *r, int64_t n)
{
    rh_raw(r->h, n ? "<td class=\"n\">" : "<td class=\"n zero\">");
    rh_count(r->h, r->l, n);
    rh_raw(r->h, "</td>");
}

static void td_text(rp *r, const char *s)
{
    rh_raw(r->h, "<td>");
    rh_text(r->h, s);
    rh_raw(r->h, "</td>");
}

/* A category by its label, with the map's colour beside it. */
static void td_cat(rp *r, int i)
{
    if (i < 0) {
        td_text(r, "?");
        return;
    }
    rh_fmt(r->h, "<td><span class=\"sw b%d\"></span>", i);
    rh_text(r->h, rp_cat_label(r, (size_t)i));
    rh_raw(r->h, "</td>");
}

static void td_severity(rp *r, int severity)
{
    if (severity >= 1 && severity <= 3)
        rh_fmt(r->h, "<td class=\"n\">%d</td>", severity);
    else
        rh_raw(r->h, "<td class=\"n\">–</td>");
}

/* The first 8 characters of a spot id: what `trygg spot status` takes. */
static void td_id(rp *r, const char *id)
{
    char shortid[9];
    size_t n = strnlen(id, sizeof shortid - 1);
    memcpy(shortid, id, n);
    shortid[n] = '\0';
    rh_raw(r->h, "<td class=\"id\">");
    rh_text(r->h, shortid);
    rh_raw(r->h, "</td>");
}

static void td_position(rp *r, double lat, double lon)
{
    rh_fmt(r->h, "<td class=\"n\">%.5f, %.5f</td>", lat, lon);
}

static void td_date(rp *r, int64_t t, int with_time)
{
    rh_raw(r->h, "<td class=\"d\">");
    if (!t)
        rh_raw(r->h, "–");
    else if (with_time)
        rh_datetime(r->h, t);
    else
        rh_date(r->h, t);
    rh_raw(r->h, "</td>");
}

static void heading(rp *r, const char *tag, tr_key k)
{
    rh_fmt(r->h, "<%s>", tag);
    rh_text(r->h, tr(r->l, k));
    rh_fmt(r->h, "</%s>\n", tag);
}

static void para(rp *r, tr_key k)
{
    rh_raw(r->h, "<p>");
    rh_text(r->h, tr(r->l, k));
    rh_raw(r->h, "</p>\n");
}

/* ---- spots per category and severity ---- */

static int64_t row_total(const int64_t *n)
{
    int64_t t = 0;
    for (int c = 0; c < RP_COLS; c++)
        t += n[c];
    return t;
}

static void catsev_head(rp *r)
{
    rh_raw(r->h, "<table>\n<thead><tr>");
    th(r, TR_CATEGORY, 0);
    for (int s = 1; s <= 3; s++)
        rh_fmt(r->h, "<th class=\"n\">%s %d</th>", tr(r->l, TR_SEV), s);
    th(r, TR_POS_NONE, 1);
    th(r, TR_TOTAL, 1);
    rh_raw(r->h, "</tr></thead>\n<tbody>\n");
}

void rp_catsev_table(rp *r)
{
    int64_t col[RP_COLS] = {0};
    heading(r, "h2", TR_H_CATSEV);
    para(r, TR_CATSEV_INTRO);
    catsev_head(r);
    for (size_t i = 0; i < r->cats->n; i++) {
        const int64_t *n = r->per_cat[i].n[1];
        rh_raw(r->h, "<tr>");
        td_cat(r, (int)i);
        for (int c = 0; c < RP_COLS; c++) {
            td_count(r, n[c]);
            col[c] += n[c];
        }
        td_count(r, row_total(n));
        rh_raw(r->h, "</tr>\n");
    }
    rh_raw(r->h, "</tbody>\n<tfoot><tr>");
    td_text(r, tr(r->l, TR_TOTAL));
    for (int c = 0; c < RP_COLS; c++)
        td_count(r, col[c]);
    td_count(r, row_total(col));
    rh_raw(r->h, "</tr></tfoot>\n</table>\n");
}

/* ---- this year against last year ---- */

/* "+3", "−2" (a real minus sign), "±0"; more problems in red, fewer in
 * green; for safe places more is better, so they stay uncoloured. */
static void td_change(rp *r, int64_t now, int64_t before, int positive)
{
    int64_t d = now - before;
    const char *cls = positive || !d ? "" : d > 0 ? " up" : " down";
    rh_fmt(r->h, "<td class=\"n%s\">%s", cls,
           d > 0 ? "+" : d < 0 ? "−" : "±");
    rh_count(r->h, r->l, d < 0 ? -d : d);
    rh_raw(r->h, "</td>");
}

void rp_yoy_table(rp *r)
{
    int64_t tot[2] = {0, 0};
    heading(r, "h2", TR_H_YOY);
    rh_raw(r->h, "<table>\n<thead><tr>");
    th(r, TR_CATEGORY, 0);
    rh_fmt(r->h, "<th class=\"n\">%d</th><th class=\"n\">%d</th>",
           r->o->year, r->o->year - 1);
    th(r, TR_CHANGE, 1);
    rh_raw(r->h, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->cats->n; i++) {
        int64_t now = row_total(r->per_cat[i].n[1]);
        int64_t before = row_total(r->per_cat[i].n[0]);
        rh_raw(r->h, "<tr>");
        td_cat(r, (int)i);
        td_count(r, now);
        td_count(r, before);
        td_change(r, now, before, r->cats->v[i].positive);
        rh_raw(r->h, "</tr>\n");
        tot[1] += now, tot[0] += before;
    }
    rh_raw(r->h, "</tbody>\n<tfoot><tr>");
    td_text(r, tr(r->l, TR_TOTAL));
    td_count(r, tot[1]);
    td_count(r, tot[0]);
    td_change(r, tot[1], tot[0], 1);
    rh_raw(r->h, "</tr></tfoot>\n</table>\n");
}

/* ---- walks ---- */

static int walk_row(void *ctx, const walk *w, int64_t n_spots)
{
    rp *r = ctx;
    rh_raw(r->h, "<tr>");
    td_date(r, w->started_at, 1);
    if (!r->o->public_only) {
        td_text(r, w->title);
        td_text(r, w->area);
    }
    td_text(r, tr_role(r->l, w->role));
    td_text(r, w->light == LIGHT_NONE ? "–" : tr_light(r->l, w->light));
    if (w->participants > 0)
        td_count(r, w->participants);
    else
        rh_raw(r->h, "<td class=\"n\">–</td>");
    td_count(r, n_spots);
    rh_raw(r->h, "</tr>\n");
    return 0;
}

int rp_walks_table(rp *r, err_t *e)
{
    heading(r, "h2", TR_H_WALKS);
    if (r->n_walks == 0) {
        para(r, TR_NO_WALKS);
        return 0;
    }
    rh_raw(r->h, "<table>\n<thead><tr>");
    th(r, TR_DATE, 0);
    if (!r->o->public_only) {
        th(r, TR_WALK_TITLE, 0);
        th(r, TR_AREA, 0);
    }
    th(r, TR_ROLE, 0);
    th(r, TR_LIGHT, 0);
    th(r, TR_PARTICIPANTS, 1);
    th(r, TR_SPOTS, 1);
    rh_raw(r->h, "</tr></thead>\n<tbody>\n");
    if (store_report_walks(r->st, walk_row, r, e))
        return -1;
    rh_raw(r->h, "</tbody>\n</table>\n");
    return 0;
}

/* ---- positive spots ---- */

static int positive_row(void *ctx, const spot *s)
{
    rp *r = ctx;
    rh_raw(r->h, "<tr>");
    td_date(r, s->created_at, 0);
    td_cat(r, rp_cat_index(r, s->category));
    td_position(r, s->lat, s->lon);
    if (!r->o->public_only) {
        rh_raw(r->h, "<td class=\"note\">");
        rh_text(r->h, s->note);
        rh_raw(r->h, "</td>");
    }
    rh_raw(r->h, "</tr>\n");
    return 0;
}

int rp_positive_table(rp *r, err_t *e)
{
    heading(r, "h2", TR_H_POSITIVE);
    if (rp_sum_year(r, 1, 1) == 0) {
        para(r, TR_NO_POSITIVE);
        return 0;
    }
    rh_raw(r->h, "<table>\n<thead><tr>");
    th(r, TR_DATE, 0);
    th(r, TR_CATEGORY, 0);
    th(r, TR_POSITION, 1);
    if (!r->o->public_only)
        th(r, TR_NOTE, 0);
    rh_raw(r->h, "</tr></thead>\n<tbody>\n");
    if (store_report_spots(r->st, STORE_REPORT_POSITIVE, positive_row, r, e))
        return -1;
    rh_raw(r->h, "</tbody>\n</table>\n");
    return 0;
}

/* ---- last year's spots, followed up ---- */

static void fu_head(rp *r)
{
    rh_raw(r->h, "<table>\n<thead><tr><th></th><th></th>"
           "<th class=\"grp\" colspan=\"4\">");
    rh_text(r->h, tr(r->l, TR_STATUS));
    rh_raw(r->h, "</th><th class=\"grp\" colspan=\"3\">");
    rh_text(r->h, tr(r->l, TR_ANSWER));
    rh_raw(r->h, "</th></tr>\n<tr>");
    th(r, TR_CATEGORY, 0);
    th(r, TR_SPOTS, 1);
    for (int s = STATUS_OPEN; s <= STATUS_WONTFIX; s++) {
        rh_raw(r->h, "<th class=\"n\">");
        rh_text(r->h, tr_status(r->l, (model_status)s));
        rh_raw(r->h, "</th>");
    }
    rh_fmt(r->h, "<th class=\"n\">%s</th><th class=\"n\">%s</th>",
           tr_answer(r->l, ANSWER_STILL), tr_answer(r->l, ANSWER_FIXED));
    th(r, TR_NO_ANSWER, 1);
    rh_raw(r->h, "</tr></thead>\n<tbody>\n");
}

/* One row of counts: spots, per status, per answer. */
static void fu_cells(rp *r, int64_t fu[RP_STATUSES][RP_ANS])
{
    int64_t by_s[RP_STATUSES] = {0}, by_a[RP_ANS] = {0}, all = 0;
    for (int s = 0; s < RP_STATUSES; s++)
        for (int a = 0; a < RP_ANS; a++) {
            by_s[s] += fu[s][a], by_a[a] += fu[s][a];
            all += fu[s][a];
        }
    td_count(r, all);
    for (int s = 0; s < RP_STATUSES; s++)
        td_count(r, by_s[s]);
    td_count(r, by_a[RP_ANS_STILL]);
    td_count(r, by_a[RP_ANS_FIXED]);
    td_count(r, by_a[RP_ANS_NONE]);
}

void rp_followup_summary(rp *r)
{
    int64_t tot[RP_STATUSES][RP_ANS] = {{0}};
    heading(r, "h2", TR_H_FOLLOWUP);
    if (rp_sum_fu(r, -1) == 0) {
        para(r, TR_NO_FOLLOWUP);
        return;
    }
    para(r, TR_FU_INTRO);
    heading(r, "h3", TR_FU_BY_CAT);
    fu_head(r);
    for (size_t i = 0; i < r->cats->n; i++) {
        rp_counts *c = &r->per_cat[i];
        int64_t any = 0;
        for (int s = 0; s < RP_STATUSES; s++)
            for (int a = 0; a < RP_ANS; a++)
                any += c->fu[s][a], tot[s][a] += c->fu[s][a];
        if (!any)
            continue; /* a category with nothing last year says nothing */
        rh_raw(r->h, "<tr>");
        td_cat(r, (int)i);
        fu_cells(r, c->fu);
        rh_raw(r->h, "</tr>\n");
    }
    rh_raw(r->h, "</tbody>\n<tfoot><tr>");
    td_text(r, tr(r->l, TR_TOTAL));
    fu_cells(r, tot);
    rh_raw(r->h, "</tr></tfoot>\n</table>\n");
}

static int fu_row(void *ctx, const followup_spot *f)
{
    rp *r = ctx;
    rh_raw(r->h, "<tr>");
    td_id(r, f->spot_id);
    td_date(r, f->walked_on, 0);
    td_cat(r, rp_cat_index(r, f->category));
    td_severity(r, f->severity);
    rh_fmt(r->h, "<td class=\"st%d\">", (int)f->status);
    rh_text(r->h, tr_status(r->l, f->status));
    rh_raw(r->h, "</td>");
    td_date(r, f->status_at, 0);
    if (!r->o->public_only)
        td_text(r, f->comment);
    td_text(r, f->has_answer ? tr_answer(r->l, f->answer)
                             : tr(r->l, TR_NO_ANSWER));
    td_date(r, f->has_answer ? f->answered_at : 0, 0);
    rh_raw(r->h, "</tr>\n");
    return 0;
}

int rp_followup_list(rp *r, err_t *e)
{
    if (rp_sum_fu(r, -1) == 0)
        return 0;
    heading(r, "h3", TR_FU_LIST);
    rh_raw(r->h, "<table>\n<thead><tr>");
    th(r, TR_NR, 0);
    th(r, TR_FOUND, 0);
    th(r, TR_CATEGORY, 0);
    th(r, TR_SEV, 1);
    th(r, TR_STATUS, 0);
    th(r, TR_DECIDED, 0);
    if (!r->o->public_only)
        th(r, TR_COMMENT, 0);
    th(r, TR_ANSWER, 0);
    th(r, TR_ANSWERED, 0);
    rh_raw(r->h, "</tr></thead>\n<tbody>\n");
    if (store_report_followup(r->st, fu_row, r, e))
        return -1;
    rh_raw(r->h, "</tbody>\n</table>\n");
    return 0;
}

/* ---- every spot of the year (full report) ---- */

typedef struct all_ctx {
    rp *r;
    err_t *e;
} all_ctx;

/* The status now, with its comment (the full report is for staff). */
static int td_status_now(rp *r, const char *spot_id, err_t *e)
{
    spot_status now;
    if (store_status_now(r->st, spot_id, &now, e))
        return -1;
    rh_fmt(r->h, "<td class=\"st%d\">", (int)now.status);
    rh_text(r->h, tr_status(r->l, now.status));
    if (now.comment[0]) {
        rh_raw(r->h, ": ");
        rh_text(r->h, now.comment);
    }
    rh_raw(r->h, "</td>");
    return 0;
}

static int spot_row(void *ctx, const spot *s)
{
    all_ctx *a = ctx;
    rp *r = a->r;
    rh_raw(r->h, "<tr>");
    td_id(r, s->id);
    td_date(r, s->created_at, 1);
    td_cat(r, rp_cat_index(r, s->category));
    td_severity(r, s->severity);
    td_position(r, s->lat, s->lon);
    rh_raw(r->h, "<td class=\"note\">");
    rh_text(r->h, s->note);
    rh_raw(r->h, "</td>");
    if (td_status_now(r, s->id, a->e))
        return -1;
    rh_raw(r->h, "</tr>\n");
    return 0;
}

int rp_all_spots(rp *r, err_t *e)
{
    heading(r, "h2", TR_H_ALL);
    if (rp_sum_year(r, 1, 0) + rp_sum_year(r, 1, 1) == 0) {
        para(r, TR_NO_SPOTS);
        return 0;
    }
    para(r, TR_ALL_INTRO);
    rh_raw(r->h, "<table>\n<thead><tr>");
    th(r, TR_NR, 0);
    th(r, TR_DATE, 0);
    th(r, TR_CATEGORY, 0);
    th(r, TR_SEV, 1);
    th(r, TR_POSITION, 1);
    th(r, TR_NOTE, 0);
    th(r, TR_STATUS, 0);
    rh_raw(r->h, "</tr></thead>\n<tbody>\n");
    all_ctx a = {r, e};
    if (store_report_spots(r->st, 0, spot_row, &a, e))
        return -1;
    rh_raw(r->h, "</tbody>\n</table>\n");
    return 0;
}
