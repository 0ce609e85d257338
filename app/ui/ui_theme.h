/*
 * ui_theme: the two colour themes. Day is high-contrast dark text on light
 * ground; night (the walk's light is `Mörker`) keeps eyes dark-adapted:
 * near-black ground, dim amber text, no large bright areas. Every text
 * colour has a contrast of at least 7:1 (WCAG AAA) on the ground it is
 * drawn on; ui_contrast lets the tests check that.
 */
#ifndef TRYGG_UI_THEME_H
#define TRYGG_UI_THEME_H

#include "ui.h"

typedef struct ui_theme {
    const char *name;     /* "day", "night" */
    ui_color bg;          /* screen ground */
    ui_color text;        /* text on bg */
    ui_color text_dim;    /* secondary text on bg (still >= 7:1) */
    ui_color surface;     /* buttons, tiles, panels */
    ui_color on_surface;  /* text on surface */
    ui_color border;      /* button outlines */
    ui_color primary;     /* the big action (Markera plats, Spara) */
    ui_color on_primary;  /* text on primary */
    ui_color selected;    /* a chosen option */
    ui_color on_selected;
    ui_color danger;      /* delete, end walk */
    ui_color on_danger;
    ui_color map_bg;      /* the map canvas */
    ui_color map_grid;
    ui_color map_ink;     /* crosshair, scale bar, text on the map */
    ui_color toast;       /* the Sparat/Ångra bar */
    ui_color on_toast;
    /* A follow-up marker (a spot of an earlier walk to look at again): its
     * outline on the map ground and its ? or check mark on its own centre;
     * a colour of its own, so it is not read as one of the walk's spots. */
    ui_color followup_ink;
    ui_color followup_bg;
} ui_theme;

extern const ui_theme ui_theme_day;
extern const ui_theme ui_theme_night;

/* WCAG 2 contrast ratio of two opaque colours, 1..21. */
double ui_contrast(ui_color a, ui_color b);

/* The marker colour of a category (by code), readable on both map grounds.
 * Unknown codes get a neutral colour. */
ui_color ui_category_color(const char *code, const ui_theme *t);

#endif
