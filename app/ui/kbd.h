/*
 * kbd: the on-screen Swedish keyboard for notes. Letters a-z and å ä ö,
 * digits, comma, period, Skift (shift, one letter), Radera (backspace, one
 * character, UTF-8 aware), Mellanslag (space), plus a row of quick phrases
 * that append a whole phrase.
 *
 * Keys are at least 12 mm where the width allows: a wide screen (11 keys of
 * 12 mm fit) gets the Swedish QWERTY rows; a narrow one gets the letters in
 * alphabetical rows with as many 12 mm columns as fit (never fewer than 5).
 * Digits are on a second page (key "123", back with "ABC").
 *
 * Each key is a ui_button whose label is the text it types ("a", "A" when
 * shifted, "å", ",", "7") or its name ("Skift", "Radera", "Mellanslag",
 * "123", "ABC"), so a script can tap it by label; kbd_plan tells a script
 * which labels type a character from the keyboard's current state.
 *
 * Not for: SDL (it draws through ui.h), storing the note.
 */
#ifndef TRYGG_KBD_H
#define TRYGG_KBD_H

#include <stddef.h>
#include <stdint.h>

#include "ui.h"

#define KBD_MAX_BYTES 4096

typedef struct kbd {
    char text[KBD_MAX_BYTES]; /* UTF-8, NUL-terminated */
    size_t max_chars;         /* limit in characters (code points) */
    int shift;                /* next letter upper case */
    int digits;               /* showing the digit page */
    int english;              /* key names in English (set after kbd_init) */
} kbd;

typedef enum { KBD_SHIFT, KBD_SPACE, KBD_BACK } kbd_key;
/* The label of a named key: "Skift", "Mellanslag", "Radera" (Swedish) or
 * "Shift", "Space", "Delete" (English). */
const char *kbd_name(const kbd *k, kbd_key key);

/* Start editing initial (may be NULL), at most max_chars characters. */
void kbd_init(kbd *k, const char *initial, size_t max_chars);

/* The keyboard's height for width w (so a screen can lay out above it). */
int kbd_height(const ui_ctx *ui, int w);

/* Lay out and handle the keys in r, phrases (NULL-terminated list, may be
 * NULL) in a row on top. Returns 1 when the text changed this frame. */
int kbd_do(ui_ctx *ui, kbd *k, ui_rect r, const char *const *phrases);

/* The labels of the keys to tap, in order, to type code point cp from the
 * keyboard's current state (e.g. "Skift", "Å" for Å; "123", "7" for 7 on
 * the letter page). Returns how many (0 when cp cannot be typed; at most
 * max). Labels are static strings or point into k. */
int kbd_plan(const kbd *k, uint32_t cp, const char **labels, int max);

#endif
