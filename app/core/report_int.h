/*
 * report_int: what the report's files share and nobody else sees: the
 * buffered HTML writer (report_html.c), the words in two languages
 * (report_tr.c), the counts gathered before writing (report.c), the map
 * (report_svg.c) and the tables (report_tables.c).
 */
#ifndef TRYGG_REPORT_INT_H
#define TRYGG_REPORT_INT_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

/* ---- the writer (report_html.c) ---- */

#define RH_BUF 65536

/* Output to a temporary file that becomes dest on rh_commit. Writes never
 * fail one by one: the first error is kept and rh_commit reports it. */
typedef struct rh_out {
    int fd;
    int failed;            /* errno of the first failed write, 0 if none */
    size_t used;
    char tmp[PATH_MAX];    /* the temporary file, "" once renamed */
    char dest[PATH_MAX];
    char buf[RH_BUF];
} rh_out;

/* Create the temporary file beside dest with the given mode. */
int rh_open(rh_out *o, const char *dest, int mode, err_t *e);
/* Flush, fsync, rename over dest, fsync the folder. */
int rh_commit(rh_out *o, err_t *e);
/* Close and remove the temporary file (after an error; safe after
 * rh_commit). */
void rh_abort(rh_out *o);

/* Markup the program wrote itself, as it is. */
void rh_raw(rh_out *o, const char *s);
void rh_rawn(rh_out *o, const char *s, size_t n);
void rh_fmt(rh_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Text from anywhere (bundles, labels, names): & < > " ' escaped, control
 * characters other than tab and line break shown as spaces. */
void rh_text(rh_out *o, const char *s);
/* A count with the language's thousands separator. */
void rh_count(rh_out *o, report_lang l, int64_t n);
/* t as a local date "2025-10-14", or with time "2025-10-14 19:05". */
void rh_date(rh_out *o, int64_t t);
void rh_datetime(rh_out *o, int64_t t);
/* A coordinate for SVG: one decimal at most ("12.5", "-3", "40"). */
void rh_coord(rh_out *o, double v);

/* ---- words (report_tr.c) ---- */

typedef enum {
    TR_DOC_TITLE, TR_SUBTITLE, TR_PUBLIC_NOTE, TR_FULL_NOTE, TR_MADE,
    TR_K_WALKS, TR_K_PARTICIPANTS, TR_K_UNSAFE, TR_K_SAFE, TR_K_FIXED, TR_OF,
    TR_H_MAP, TR_MAP_ARIA, TR_LEG_COLOUR, TR_LEG_SIZE, TR_LEG_SAFE,
    TR_LEG_NONE, TR_OUTSIDE_1, TR_OUTSIDE_N, TR_SCHEMATIC, TR_MAP_SOURCE,
    TR_NO_MAP, TR_NO_SPOTS_MAP,
    TR_H_CATSEV, TR_CATSEV_INTRO, TR_CATEGORY, TR_SEV, TR_POS_NONE, TR_TOTAL,
    TR_H_WALKS, TR_DATE, TR_WALK_TITLE, TR_AREA, TR_ROLE, TR_LIGHT,
    TR_PARTICIPANTS, TR_SPOTS, TR_NO_WALKS,
    TR_H_POSITIVE, TR_POSITION, TR_NOTE, TR_NO_POSITIVE,
    TR_H_YOY, TR_CHANGE,
    TR_H_FOLLOWUP, TR_FU_INTRO, TR_FU_BY_CAT, TR_FU_LIST, TR_NO_FOLLOWUP,
    TR_NR, TR_FOUND, TR_STATUS, TR_DECIDED, TR_COMMENT, TR_ANSWER,
    TR_ANSWERED, TR_NO_ANSWER,
    TR_H_ALL, TR_ALL_INTRO, TR_NO_SPOTS,
    TR_FOOT_MADE, TR_FOOT_TIMES,
    TR_COUNT
} tr_key;

const char *tr(report_lang l, tr_key k);
const char *tr_status(report_lang l, model_status s);
const char *tr_answer(report_lang l, model_answer a);
const char *tr_role(report_lang l, model_role r);
const char *tr_light(report_lang l, model_light x); /* "" for none */
/* "a little unsafe" ... for severity 1..3. */
const char *tr_severity(report_lang l, int severity);

/* ---- what the document is made of (report.c) ---- */

/* Columns of the category tables: severity 1, 2, 3, positive or none. */
enum { RP_SEV1, RP_SEV2, RP_SEV3, RP_POS_NONE, RP_COLS };
/* Status now x newest answer (none, still, fixed) of last year's spots. */
enum { RP_ANS_NONE, RP_ANS_STILL, RP_ANS_FIXED, RP_ANS };
#define RP_STATUSES 4 /* open, planned, fixed, wontfix */

typedef struct rp_counts {
    int64_t n[2][RP_COLS];               /* [0 last year, 1 this year] */
    int64_t fu[RP_STATUSES][RP_ANS];     /* last year's, followed up */
} rp_counts;

typedef struct rp {
    store *st;
    const report_opts *o;
    report_lang l;
    rh_out *h;
    const cat_table *cats;
    rp_counts *per_cat;      /* one per entry of cats */
    int64_t n_walks, n_participants;
    int has_spots;           /* the year has live spots */
    int64_t n_outside;       /* spots the map drew clamped to its edge */
} rp;

/* Index of code in r->cats, or -1. */
int rp_cat_index(const rp *r, const char *code);
/* The category's label in the report's language. */
const char *rp_cat_label(const rp *r, size_t i);
/* Column of a spot in the category tables. */
int rp_col(int positive, int severity);
/* The year's spots (year_i 1) or last year's (0) of positive categories
 * (positive 1) or the others. */
int64_t rp_sum_year(const rp *r, int year_i, int positive);
/* Last year's followed-up spots with status (a model_status), or all (-1). */
int64_t rp_sum_fu(const rp *r, int status);

/* The map's dots: widths (diameters) in SVG units of a 1000-unit-wide map
 * per severity, a safe place's (a ring: a dot with a white hole), and the
 * ink of outlines and marks. */
#define RP_DOT_U_NONE 11
#define RP_DOT_U_1 11
#define RP_DOT_U_2 15
#define RP_DOT_U_3 20
#define RP_DOT_U_POS 16
#define RP_HOLE_U 7
#define RP_INK_RGB 0x111111

/* The map with its legend and caption (report_svg.c). */
int rp_map(rp *r, err_t *e);
/* CSS classes of the map and the category colours, for the page's style. */
void rp_map_style(rp *r);
/* Under the map (report_legend.c): the legend, and the caption, which
 * needs the map's n_outside. */
void rp_legend(rp *r);
void rp_caption(rp *r, const basemap *m);

/* The tables (report_tables.c). */
void rp_catsev_table(rp *r);
int rp_walks_table(rp *r, err_t *e);
int rp_positive_table(rp *r, err_t *e);
void rp_yoy_table(rp *r);
void rp_followup_summary(rp *r);
int rp_followup_list(rp *r, err_t *e);
int rp_all_spots(rp *r, err_t *e);

#endif
