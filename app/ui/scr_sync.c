/* scr_sync: writing a bundle to the default folder or a removable medium,
 * fetching the municipality's follow-up list from the same places, and
 * saying in plain words how each went. */
#include "scr.h"
#include "bundle.h"
#include "followup.h"
#include "fsx.h"
#include "media.h"
#include "ui_theme.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void scr_sync_targets(scr_app *a)
{
    media_entry m[SCR_MAX_TARGETS - 1];
    int n = media_list(NULL, m, SCR_MAX_TARGETS - 1);
    a->n_targets = 0;
    scr_target *t = &a->targets[a->n_targets++];
    snprintf(t->label, sizeof t->label, "%s", scr_tr(a, T_SYNC_DEFAULT));
    snprintf(t->path, sizeof t->path, "%s", a->sync_dir);
    for (int i = 0; i < n; i++) {
        t = &a->targets[a->n_targets++];
        snprintf(t->label, sizeof t->label, scr_tr(a, T_SYNC_MEDIA),
                 m[i].name);
        snprintf(t->path, sizeof t->path, "%s", m[i].path);
    }
}

const scr_target *scr_target_tiles(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    const scr_target *tapped = NULL;
    int h = ui_target(ui) + ui_mm(ui, 6), gap = ui_mm(ui, 2);
    for (int i = 0; i < a->n_targets; i++) {
        const scr_target *t = &a->targets[i];
        if (ui_tile(ui, t->label, t->path, ui_cut_top(r, h), ui->theme->primary,
                    UI_BTN_NORMAL) == UI_CLICKED)
            tapped = t;
        ui_cut_top(r, gap);
    }
    return tapped;
}

/* The failure in the walker's words, from the errno behind it. */
static void sync_failed(scr_app *a, const err_t *e)
{
    ui_str s = T_ERR_OTHER;
    switch (e->os) {
    case ENOSPC: case EDQUOT: case EFBIG: s = T_ERR_NOSPACE; break;
    case EROFS: case EACCES: case EPERM: s = T_ERR_READONLY; break;
    case ENOENT: case ENODEV: case ENXIO: s = T_ERR_GONE; break;
    case ENOTDIR: s = T_ERR_FOLDER; break;
    case EIO: s = T_ERR_IO; break;
    default: break;
    }
    snprintf(a->sync_msg, sizeof a->sync_msg, scr_tr(a, s), e->msg);
    /* The plain words above; under them, small, which file and what the
     * system said, for whoever helps the walker (the two texts that
     * already hold it do not repeat it). */
    if (s == T_ERR_OTHER || s == T_ERR_FOLDER)
        a->sync_path[0] = '\0';
    else
        snprintf(a->sync_path, sizeof a->sync_path, "%s", e->msg);
}

static void sync_to(scr_app *a, const scr_target *t)
{
    err_t e = {{0}, 0};
    bundle_result res;
    if ((t == &a->targets[0] && fsx_mkdirs(t->path, &e)) ||
        bundle_write(a->st, t->path, 0, a->app_version, &res, &e)) {
        sync_failed(a, &e);
        return;
    }
    if (!res.written) {
        snprintf(a->sync_msg, sizeof a->sync_msg, "%s",
                 scr_tr(a, T_SYNC_NOTHING));
        a->sync_path[0] = '\0';
        return;
    }
    char w[64], s[64];
    scr_count(a, (int)res.n_walks, T_ONE_WALK, T_N_WALKS, w, sizeof w);
    scr_count(a, (int)res.n_spots, T_ONE_SPOT, T_N_SPOTS, s, sizeof s);
    snprintf(a->sync_msg, sizeof a->sync_msg, scr_tr(a, T_SYNC_DONE), w, s);
    snprintf(a->sync_path, sizeof a->sync_path, "%s", res.path);
}

/* ---- Hämta uppföljning ---- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The newest follow-up bundle in any of the places (a->targets) into out:
 * 1 found, 0 none, -1 when none was found and a place could not be read
 * (e says which). Bundle names carry their creation time after one
 * prefix, so the greatest name is the newest list. A place that is not
 * there (the default folder before the first sync) holds none. */
static int newest_followup(scr_app *a, char *out, size_t cap, err_t *e)
{
    char path[PATH_MAX];
    int found = 0, failed = 0;
    err_t one;
    for (int i = 0; i < a->n_targets; i++) {
        int rc = followup_find(a->targets[i].path, path, sizeof path, &one);
        if (rc < 0 && one.os != ENOENT && !failed++)
            *e = one;
        if (rc == 1 && (!found || strcmp(base_name(path), base_name(out)) > 0)) {
            snprintf(out, cap, "%s", path);
            found = 1;
        }
    }
    return found ? 1 : failed ? -1 : 0;
}

/* "/a/sync, /media/USB1": where Hämta uppföljning looked. */
static void places(const scr_app *a, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < a->n_targets && n < cap; i++) {
        int w = snprintf(out + n, cap - n, "%s%s", i ? ", " : "",
                         a->targets[i].path);
        n += w > 0 ? (size_t)w : 0;
    }
}

static void followup_told(scr_app *a, const followup_report *rep)
{
    char date[16], n[64];
    snprintf(date, sizeof date, "%.10s", rep->created_at); /* YYYY-MM-DD */
    if (!rep->replaced) {
        snprintf(a->fu_msg, sizeof a->fu_msg, scr_tr(a, T_FU_SAME), date);
        return;
    }
    scr_count(a, (int)rep->n_spots, T_ONE_SPOT, T_N_SPOTS, n, sizeof n);
    snprintf(a->fu_msg, sizeof a->fu_msg, scr_tr(a, T_FU_GOT), n, date);
}

void scr_followup_fetch(scr_app *a)
{
    err_t e = {{0}, 0};
    char path[PATH_MAX], where[sizeof a->fu_msg - 64];
    followup_report rep;
    int found = newest_followup(a, path, sizeof path, &e);
    if (found == 0) {
        places(a, where, sizeof where);
        snprintf(a->fu_msg, sizeof a->fu_msg, scr_tr(a, T_FU_NONE), where);
        return;
    }
    if (found < 0 || followup_import(a->st, path, &rep, &e)) {
        snprintf(a->fu_msg, sizeof a->fu_msg, scr_tr(a, T_ERR_OTHER), e.msg);
        return;
    }
    followup_told(a, &rep);
    scr_reload_followup(a);
}

/* At the bottom: what it is, the button, and what it did. */
static void followup_part(scr_app *a, ui_ctx *ui, ui_rect *r)
{
    const ui_theme *th = ui->theme;
    ui_rect msg = ui_cut_bottom(r, ui_mm(ui, 20));
    ui_rect btn = ui_cut_bottom(r, ui_target(ui) + ui_mm(ui, 6));
    ui_cut_bottom(r, ui_mm(ui, 1));
    ui_text(ui, ui_cut_bottom(r, ui_mm(ui, 11)), scr_tr(a, T_FU_WHERE),
            UI_TEXT_BODY, UI_ALIGN_LEFT | UI_WRAP, th->text);
    ui_cut_bottom(r, ui_mm(ui, 3));
    if (ui_button(ui, scr_tr(a, T_FU_GET), btn, UI_BTN_NORMAL) == UI_CLICKED)
        scr_followup_fetch(a);
    ui_text(ui, ui_shrink(msg, ui_mm(ui, 1)), a->fu_msg, UI_TEXT_BODY,
            UI_ALIGN_LEFT | UI_ALIGN_TOP | UI_WRAP, th->text);
}

void scr_sync(scr_app *a, ui_ctx *ui, ui_rect r)
{
    if (scr_header(a, ui, &r, scr_tr(a, T_SYNC_TITLE), scr_tr(a, T_BACK),
                   NULL) == SCR_BACK) {
        scr_go(a, SCR_START);
        return;
    }
    const ui_theme *th = ui->theme;
    followup_part(a, ui, &r);
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 9)), scr_tr(a, T_SYNC_WHERE),
            UI_TEXT_BODY, UI_ALIGN_LEFT, th->text);
    const scr_target *t = scr_target_tiles(a, ui, &r);
    if (t)
        sync_to(a, t);
    if (!a->sync_msg[0])
        return;
    ui_cut_top(&r, ui_mm(ui, 3));
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 16)), a->sync_msg, UI_TEXT_LARGE,
            UI_ALIGN_LEFT | UI_WRAP, th->text);
    ui_text(ui, ui_cut_top(&r, ui_mm(ui, 20)), a->sync_path, UI_TEXT_SMALL,
            UI_ALIGN_LEFT | UI_WRAP, th->text_dim);
}
