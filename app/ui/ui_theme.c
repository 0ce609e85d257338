/* ui_theme: the day and night palettes and the category colours. */
#include "ui_theme.h"
#include "cat.h"

#include <math.h>
#include <string.h>

#define RGB(hex)                                                               \
    {(uint8_t)((hex) >> 16), (uint8_t)((hex) >> 8), (uint8_t)(hex), 255}

const ui_theme ui_theme_day = {
    .name = "day",
    .bg = RGB(0xFFFFFF),
    .text = RGB(0x111111),
    .text_dim = RGB(0x3D3D3D),
    .surface = RGB(0xF0F0F0),
    .on_surface = RGB(0x111111),
    .border = RGB(0x333333),
    .primary = RGB(0x003F8A),
    .on_primary = RGB(0xFFFFFF),
    .selected = RGB(0x1B5E20),
    .on_selected = RGB(0xFFFFFF),
    .danger = RGB(0x8B0000),
    .on_danger = RGB(0xFFFFFF),
    .map_bg = RGB(0xF4F1E8),
    .map_grid = RGB(0xC8C2B0),
    .map_ink = RGB(0x111111),
    .toast = RGB(0x111111),
    .on_toast = RGB(0xFFFFFF),
    .followup_ink = RGB(0x0B2E6E),
    .followup_bg = RGB(0xFFFFFF),
};

/* Night: dark ground everywhere, warm dim text, fills that stay dark, so
 * the screen never floods the eyes with white. */
const ui_theme ui_theme_night = {
    .name = "night",
    .bg = RGB(0x000000),
    .text = RGB(0xE0A040),
    .text_dim = RGB(0xD49A3C),
    .surface = RGB(0x141008),
    .on_surface = RGB(0xE0A040),
    .border = RGB(0x7A5420),
    .primary = RGB(0x4A2800),
    .on_primary = RGB(0xFFC060),
    .selected = RGB(0x3A3000),
    .on_selected = RGB(0xFFD070),
    .danger = RGB(0x400808),
    .on_danger = RGB(0xFFA080),
    .map_bg = RGB(0x080808),
    .map_grid = RGB(0x30240F),
    .map_ink = RGB(0xE0A040),
    .toast = RGB(0x2A1A00),
    .on_toast = RGB(0xFFC060),
    .followup_ink = RGB(0xE0A040),
    .followup_bg = RGB(0x000000),
};

static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(ui_color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) +
           0.0722 * channel(c.b);
}

double ui_contrast(ui_color a, ui_color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}


/* At night the hues keep their order but lose a third of their light, so
 * no marker is the brightest thing on a dark screen. */
static ui_color for_theme(uint32_t rgb, const ui_theme *t)
{
    ui_color c = RGB(rgb);
    if (t && t->bg.r + t->bg.g + t->bg.b < 96) {
        c.r = (uint8_t)(c.r * 2 / 3);
        c.g = (uint8_t)(c.g * 2 / 3);
        c.b = (uint8_t)(c.b * 2 / 3);
    }
    return c;
}

ui_color ui_category_color(const char *code, const ui_theme *t)
{
    /* Markers get an outline in the map's ink, so the hues read on both
     * grounds. */
    return for_theme(cat_rgb(code), t);
}
