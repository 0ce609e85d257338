/* scr_list: the walk's spots, newest first; a tap opens one for editing.
 * Drag scrolls. Rows are labelled "N. Category" (N counts from the walk's
 * first spot), so scripts can tap them. */
#include "scr.h"
#include "ui_theme.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* At most max bytes of s, ending on a whole UTF-8 character, and "…"
 * when cut. */
static void shorten(char *out, size_t cap, const char *s, size_t max)
{
    size_t n = strlen(s);
    int cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* s[n] continues a character: cut before it */
    }
    snprintf(out, cap, "%.*s%s", (int)n, s, cut ? "…" : "");
}

static void row_sub(scr_app *a, const spot *p, char *out, size_t cap)
{
    static const ui_str SEV[4] = {T_N_STRINGS, T_SEVERITY_1, T_SEVERITY_2,
                                  T_SEVERITY_3};
    char when[16] = "?";
    time_t t = (time_t)p->created_at;
    struct tm lt;
    if (localtime_r(&t, &lt))
        strftime(when, sizeof when, "%H:%M", &lt);
    const char *sev = p->severity >= 1 && p->severity <= 3
                          ? scr_tr(a, SEV[p->severity])
                          : "";
    char note[96];
    shorten(note, sizeof note, p->note, 60); /* one line of the row */
    snprintf(out, cap, "%s%s%s%s%s", when, sev[0] ? "  " : "", sev,
             note[0] ? "  " : "", note);
}

void scr_list(scr_app *a, ui_ctx *ui, ui_rect r)
{
    if (scr_header(a, ui, &r, scr_tr(a, T_SPOTS_OF_WALK),
                   scr_tr(a, T_BACK), NULL) == SCR_BACK) {
        scr_go(a, SCR_WALK);
        return;
    }
    if (a->n_spots == 0) {
        ui_text(ui, ui_cut_top(&r, ui_mm(ui, 10)), scr_tr(a, T_NO_SPOTS),
                UI_TEXT_BODY, UI_ALIGN_LEFT, ui->theme->text);
        return;
    }
    int h = ui_target(ui) + ui_mm(ui, 4), gap = ui_mm(ui, 1.5f);
    ui_rect c = scr_scroll(a, ui, r, a->n_spots * (h + gap));
    for (int i = 0; i < a->n_spots; i++) {
        ui_rect row = {c.x, c.y + i * (h + gap), c.w, h};
        if (row.y + row.h < r.y || row.y > r.y + r.h)
            continue; /* off screen: not drawn, not tappable */
        const spot *p = &a->spots[i];
        char label[128], sub[256];
        snprintf(label, sizeof label, "%d. %s", a->n_spots - i,
                 scr_cat_label(a, p->category));
        row_sub(a, p, sub, sizeof sub);
        if (ui_tile(ui, label, sub, row,
                    ui_category_color(p->category, ui->theme),
                    UI_BTN_NORMAL) == UI_CLICKED)
            scr_mark_edit(a, p);
    }
    ui_unclip(ui);
}
