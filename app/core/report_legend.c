/* report_legend: what is printed under the report's map: the legend
 * (the colours of the year's categories, the sizes of the severities, the
 * ring of a safe place) and the caption (spots drawn at the edge, where
 * the base map comes from). The marks are drawn as the map draws its dots.
 *
 * Not for: the map itself (report_svg.c). */
#include "report_int.h"

#include <stdio.h>

/* A legend mark in a 20-unit box drawn 4.5 mm wide: about as big as the
 * dot on a printed map (1000 units over 184 mm). */
static void swatch(rh_out *h, uint32_t rgb, int dot_u, int ring)
{
    double r = dot_u * 0.41;
    rh_fmt(h, "<svg viewBox=\"0 0 20 20\" aria-hidden=\"true\"><circle "
           "cx=\"10\" cy=\"10\" r=\"%.1f\" fill=\"#%06X\" stroke=\"#%06X\" "
           "stroke-width=\"1.2\"/>", r, rgb, RP_INK_RGB);
    if (ring)
        rh_fmt(h, "<circle cx=\"10\" cy=\"10\" r=\"%.1f\" fill=\"#fff\"/>",
               RP_HOLE_U * 0.41);
    rh_raw(h, "</svg>");
}

static void legend_item(rp *r, uint32_t rgb, int dot_u, int ring,
                        const char *label)
{
    rh_raw(r->h, "<li>");
    swatch(r->h, rgb, dot_u, ring);
    rh_text(r->h, label);
    rh_raw(r->h, "</li>\n");
}

/* The categories that have spots this year, then the sizes. */
void rp_legend(rp *r)
{
    rh_raw(r->h, "<ul class=\"legend\">\n<li><b>");
    rh_text(r->h, tr(r->l, TR_LEG_COLOUR));
    rh_raw(r->h, "</b></li>\n");
    for (size_t i = 0; i < r->cats->n; i++) {
        const int64_t *n = r->per_cat[i].n[1];
        if (n[RP_SEV1] + n[RP_SEV2] + n[RP_SEV3] + n[RP_POS_NONE] == 0)
            continue;
        legend_item(r, cat_rgb(r->cats->v[i].code),
                    r->cats->v[i].positive ? RP_DOT_U_POS : RP_DOT_U_2,
                    r->cats->v[i].positive, rp_cat_label(r, i));
    }
    rh_raw(r->h, "</ul>\n<ul class=\"legend\">\n<li><b>");
    rh_text(r->h, tr(r->l, TR_LEG_SIZE));
    rh_raw(r->h, "</b></li>\n");
    static const int dot_u[4] = {0, RP_DOT_U_1, RP_DOT_U_2, RP_DOT_U_3};
    for (int sev = 1; sev <= 3; sev++) {
        char label[64];
        snprintf(label, sizeof label, "%d %s", sev, tr_severity(r->l, sev));
        legend_item(r, 0xFFFFFF, dot_u[sev], 0, label);
    }
    legend_item(r, 0xFFFFFF, RP_DOT_U_POS, 1, tr(r->l, TR_LEG_SAFE));
    rh_raw(r->h, "</ul>\n");
}

void rp_caption(rp *r, const basemap *m)
{
    rh_raw(r->h, "<figcaption>");
    if (!r->has_spots) {
        rh_text(r->h, tr(r->l, TR_NO_SPOTS_MAP));
        rh_raw(r->h, " ");
    }
    if (r->n_outside) {
        rh_count(r->h, r->l, r->n_outside);
        rh_raw(r->h, " ");
        rh_text(r->h, tr(r->l, r->n_outside == 1 ? TR_OUTSIDE_1
                                                 : TR_OUTSIDE_N));
        rh_raw(r->h, " ");
    }
    if (!m) {
        rh_text(r->h, tr(r->l, TR_NO_MAP));
    } else if (m->attribution && m->attribution[0]) {
        rh_text(r->h, tr(r->l, TR_MAP_SOURCE));
        rh_raw(r->h, " ");
        rh_text(r->h, m->attribution);
    }
    rh_raw(r->h, "</figcaption>\n");
}
