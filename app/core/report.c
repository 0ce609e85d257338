/* report: the yearly report as a document: what is counted before writing,
 * the page's head and style (A4 print rules), the title and key figures,
 * the order of the sections and the footer. See report.h.
 *
 * Not for: the map (report_svg.c), the tables (report_tables.c), output
 * and escaping (report_html.c), words (report_tr.c), SQL (store_report.c).
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared helpers ---- */

int rp_cat_index(const rp *r, const char *code)
{
    for (size_t i = 0; i < r->cats->n; i++)
        if (strcmp(r->cats->v[i].code, code) == 0)
            return (int)i;
    return -1;
}

const char *rp_cat_label(const rp *r, size_t i)
{
    const cat_entry *c = &r->cats->v[i];
    return r->l == REPORT_EN ? c->label_en : c->label_sv;
}

int rp_col(int positive, int severity)
{
    if (positive || severity < 1 || severity > 3)
        return RP_POS_NONE;
    return RP_SEV1 + severity - 1;
}

/* ---- counting before writing ---- */

typedef struct gather_ctx {
    rp *r;
    err_t *e;
} gather_ctx;

/* A spot's category must be in the table: the schema's foreign key and
 * the importer's own check keep others out, so one is a damaged file. */
static int cat_or_fail(gather_ctx *g, const char *code)
{
    int i = rp_cat_index(g->r, code);
    if (i < 0)
        err_set(g->e, "spots of category \"%s\" are not in the categories "
                "table of %s", code, store_path(g->r->st));
    return i;
}

static int on_group(void *ctx, const store_report_group *g)
{
    gather_ctx *c = ctx;
    int i = cat_or_fail(c, g->category);
    if (i < 0)
        return -1;
    int col = rp_col(c->r->cats->v[i].positive, g->severity);
    c->r->per_cat[i].n[g->this_year ? 1 : 0][col] += g->n;
    if (g->this_year && g->n > 0)
        c->r->has_spots = 1;
    return 0;
}

static int on_fu_count(void *ctx, const store_report_fu_count *f)
{
    gather_ctx *c = ctx;
    int i = cat_or_fail(c, f->category);
    if (i < 0)
        return -1;
    int ans = !f->has_answer ? RP_ANS_NONE
              : f->answer == ANSWER_FIXED ? RP_ANS_FIXED : RP_ANS_STILL;
    c->r->per_cat[i].fu[f->status - STATUS_OPEN][ans] += f->n;
    return 0;
}

static int on_walk(void *ctx, const walk *w, int64_t n_spots)
{
    gather_ctx *c = ctx;
    (void)n_spots;
    c->r->n_walks++;
    c->r->n_participants += w->participants;
    return 0;
}

static int gather(rp *r, err_t *e)
{
    gather_ctx c = {r, e};
    return store_report_groups(r->st, on_group, &c, e) ||
           store_report_followup_counts(r->st, on_fu_count, &c, e) ||
           store_report_walks(r->st, on_walk, &c, e)
               ? -1 : 0;
}

/* ---- head and style ---- */

/* A4 portrait with print margins; tables repeat their heads on each page
 * and never split a row; the map keeps to the page width and height;
 * backgrounds print (the map's ground, the table heads). */
static const char CSS[] =
    "@page{size:A4;margin:14mm 13mm 15mm}\n"
    "*{box-sizing:border-box}\n"
    "html{background:#fff}\n"
    "body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,Helvetica,"
    "sans-serif;font-size:10pt;line-height:1.4;color:#111;max-width:184mm;"
    "margin:0 auto;padding:8mm 0;-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}\n"
    "header{border-bottom:2.5pt solid #003F8A;padding-bottom:3mm;"
    "margin-bottom:4mm}\n"
    "h1{font-size:21pt;line-height:1.15;margin:0;color:#003F8A}\n"
    ".sub{font-size:12pt;margin:1mm 0 0;color:#3D3D3D}\n"
    ".banner{margin:3mm 0 0;padding:2mm 3mm;border-left:3pt solid #8B0000;"
    "background:#FBEAEA}\n"
    ".banner.pub{border-color:#1B5E20;background:#EAF4EA}\n"
    "h2{font-size:14pt;color:#003F8A;margin:7mm 0 2mm;break-after:avoid;"
    "page-break-after:avoid}\n"
    "h3{font-size:11pt;margin:4mm 0 1.5mm;break-after:avoid;"
    "page-break-after:avoid}\n"
    "p{margin:0 0 2mm}\n"
    ".kpi{display:flex;flex-wrap:wrap;gap:3mm;margin:0;padding:0;"
    "list-style:none}\n"
    ".kpi li{flex:1 1 30mm;border:0.75pt solid #C9D3E0;border-radius:2mm;"
    "padding:2mm 3mm;background:#F3F6FA;break-inside:avoid}\n"
    ".kpi li.wide{flex:2 1 50mm}\n"
    ".kpi b{display:block;font-size:18pt;line-height:1.15;color:#003F8A}\n"
    "figure{margin:0;break-inside:avoid;page-break-inside:avoid}\n"
    "svg.map{display:block;width:100%;height:auto;"
    "border:0.75pt solid #8A8A8A}\n"
    "figcaption{font-size:8.5pt;color:#3D3D3D;margin-top:1.5mm}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:1mm 4mm;margin:2mm 0 1mm;"
    "padding:0;list-style:none;font-size:9pt}\n"
    ".legend li{display:flex;align-items:center;gap:1.5mm}\n"
    ".legend svg{width:4.5mm;height:4.5mm;flex:none}\n"
    "table{border-collapse:collapse;width:100%;font-size:9pt;"
    "margin:1mm 0 3mm}\n"
    "thead{display:table-header-group}\n"
    "tr{break-inside:avoid;page-break-inside:avoid}\n"
    "th,td{padding:1mm 1.5mm;border-bottom:0.5pt solid #C8C8C8;"
    "text-align:left;vertical-align:top}\n"
    "th{background:#E8EEF6;border-bottom:1pt solid #5A6B80}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "tfoot td{font-weight:bold;border-top:1pt solid #333;border-bottom:0}\n"
    "td.note{white-space:pre-line}\n"
    ".d{white-space:nowrap}\n"
    "th.grp{text-align:center;border-left:2pt solid #fff}\n"
    ".st1{color:#8B0000}\n.st2{color:#7A4A00}\n.st3{color:#1B5E20}\n"
    ".st4{color:#4A4A4A}\n"
    ".zero{color:#8A8A8A}\n"
    ".up{color:#8B0000}\n"
    ".down{color:#1B5E20}\n"
    ".id{font-family:\"DejaVu Sans Mono\",monospace;font-size:8pt}\n"
    "footer{margin-top:8mm;padding-top:2mm;border-top:0.75pt solid #999;"
    "font-size:8.5pt;color:#3D3D3D}\n"
    "@media print{body{max-width:none;padding:0}}\n"
    "@media screen and (max-width:190mm){body{padding:4mm}}\n";

static void head(rp *r)
{
    rh_out *h = r->h;
    rh_fmt(h, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
           "<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\">\n<title>",
           r->l == REPORT_EN ? "en" : "sv");
    rh_text(h, tr(r->l, TR_DOC_TITLE));
    rh_fmt(h, " %d</title>\n<style>\n", r->o->year);
    rh_raw(h, CSS);
    rp_map_style(r);
    rh_raw(h, "</style>\n</head>\n<body>\n");
}

/* ---- title and key figures ---- */

int64_t rp_sum_year(const rp *r, int year_i, int positive)
{
    int64_t n = 0;
    for (size_t i = 0; i < r->cats->n; i++)
        if (r->cats->v[i].positive == positive)
            for (int c = 0; c < RP_COLS; c++)
                n += r->per_cat[i].n[year_i][c];
    return n;
}

int64_t rp_sum_fu(const rp *r, int status)
{
    int64_t n = 0;
    for (size_t i = 0; i < r->cats->n; i++)
        for (int s = 0; s < RP_STATUSES; s++)
            for (int a = 0; a < RP_ANS; a++)
                if (status < 0 || s == status - STATUS_OPEN)
                    n += r->per_cat[i].fu[s][a];
    return n;
}

static void figure(rp *r, int64_t n, tr_key words)
{
    rh_raw(r->h, "<li><b>");
    rh_count(r->h, r->l, n);
    rh_raw(r->h, "</b> ");
    rh_text(r->h, tr(r->l, words));
    rh_raw(r->h, "</li>\n");
}

static void key_figures(rp *r)
{
    rh_out *h = r->h;
    rh_raw(h, "<ul class=\"kpi\">\n");
    figure(r, r->n_walks, TR_K_WALKS);
    if (r->n_participants > 0)
        figure(r, r->n_participants, TR_K_PARTICIPANTS);
    figure(r, rp_sum_year(r, 1, 0), TR_K_UNSAFE);
    figure(r, rp_sum_year(r, 1, 1), TR_K_SAFE);
    int64_t all = rp_sum_fu(r, -1);
    if (all > 0) {
        rh_raw(h, "<li class=\"wide\"><b>");
        rh_count(h, r->l, rp_sum_fu(r, STATUS_FIXED));
        rh_fmt(h, " %s ", tr(r->l, TR_OF));
        rh_count(h, r->l, all);
        rh_raw(h, "</b> ");
        rh_text(h, tr(r->l, TR_K_FIXED));
        rh_raw(h, "</li>\n");
    }
    rh_raw(h, "</ul>\n");
}

static void title(rp *r)
{
    rh_out *h = r->h;
    rh_raw(h, "<header>\n<h1>");
    rh_text(h, tr(r->l, TR_DOC_TITLE));
    rh_fmt(h, " %d</h1>\n<p class=\"sub\">", r->o->year);
    rh_text(h, tr(r->l, TR_SUBTITLE));
    rh_raw(h, " · ");
    rh_text(h, tr(r->l, TR_MADE));
    rh_raw(h, " ");
    rh_date(h, r->o->now);
    rh_fmt(h, "</p>\n<p class=\"banner%s\">",
           r->o->public_only ? " pub" : "");
    rh_text(h, tr(r->l, r->o->public_only ? TR_PUBLIC_NOTE : TR_FULL_NOTE));
    rh_raw(h, "</p>\n</header>\n");
    key_figures(r);
}

static void footer(rp *r)
{
    rh_out *h = r->h;
    rh_raw(h, "<footer><p>");
    rh_text(h, tr(r->l, TR_FOOT_MADE));
    rh_raw(h, " ");
    rh_text(h, r->o->version ? r->o->version : "");
    rh_raw(h, ", ");
    rh_datetime(h, r->o->now);
    rh_raw(h, ". ");
    rh_text(h, tr(r->l, TR_FOOT_TIMES));
    rh_raw(h, "</p></footer>\n</body>\n</html>\n");
}

/* ---- the document ---- */

static int body(rp *r, err_t *e)
{
    title(r);
    if (rp_map(r, e))
        return -1;
    rp_catsev_table(r);
    if (rp_walks_table(r, e) || rp_positive_table(r, e))
        return -1;
    rp_yoy_table(r);
    rp_followup_summary(r);
    if (rp_followup_list(r, e))
        return -1;
    if (!r->o->public_only && rp_all_spots(r, e))
        return -1;
    footer(r);
    return 0;
}

static void fill_result(const rp *r, report_result *res)
{
    if (!res)
        return;
    res->n_walks = r->n_walks;
    res->n_spots = rp_sum_year(r, 1, 0) + rp_sum_year(r, 1, 1);
    res->n_outside = r->n_outside;
}

/* The full report holds notes that may name people: only its owner may
 * read it. The public one is meant to be shared. */
static int file_mode(const report_opts *o) { return o->public_only ? 0644 : 0600; }

int report_write(store *st, const report_opts *o, const char *path,
                 report_result *res, err_t *e)
{
    rp r = {.st = st, .o = o, .l = o->lang, .cats = store_categories(st)};
    int rc = -1;
    r.h = malloc(sizeof *r.h);
    r.per_cat = calloc(r.cats->n ? r.cats->n : 1, sizeof *r.per_cat);
    if (!r.h || !r.per_cat) {
        err_set(e, "out of memory making the report");
        goto out;
    }
    if (store_report_begin(st, o->year, o->public_only, e))
        goto out;
    if (gather(&r, e) == 0 && rh_open(r.h, path, file_mode(o), e) == 0) {
        head(&r);
        if (body(&r, e) == 0)
            rc = rh_commit(r.h, e);
        else
            rh_abort(r.h);
    }
    store_report_end(st);
    fill_result(&r, res);
out:
    free(r.h);
    free(r.per_cat);
    return rc;
}
