/*
 * script: `trygg --script FILE` drives the real app with real SDL touch
 * events, for tests, demos and bug reports. One command a line:
 *
 *   tap "LABEL"          finger down and up at the centre of the one
 *                        visible widget with that label (fails if none or
 *                        several)
 *   tap X Y              the same at window pixel X, Y
 *   drag X1 Y1 X2 Y2     finger down at 1, moves in steps, up at 2
 *   type "TEXT"          taps the on-screen keyboard's keys one by one
 *   wait MS              lets the app run MS milliseconds
 *   expect "LABEL"       fails unless a widget with that label is visible
 *   shot FILE.png        saves the window as a PNG (relative to the
 *                        directory the app was started in)
 *   quit                 ends the app
 *   # comment, blank lines
 *
 * Labels are in double quotes; \" and \\ escape. The app ends when the
 * script does. A failing line makes the app exit non-zero with
 * "FILE:LINE: what failed".
 *
 * The app calls script_next each time its event queue is empty and the
 * frame is drawn; the script pushes SDL events (SDL_PushEvent) for the app
 * to handle like any other input.
 */
#ifndef TRYGG_SCRIPT_H
#define TRYGG_SCRIPT_H

#include <stdint.h>

#include "err.h"
#include "ui.h"

typedef struct script script;

/* What the script needs from the app. */
typedef struct script_host {
    void *ctx;
    /* How many visible widgets have this label; the first's rect. */
    int (*find)(void *ctx, const char *label, ui_rect *r);
    /* Key labels that type code point cp (see kbd_plan); 0 = no keyboard
     * on screen or the character is not on it. */
    int (*kbd_plan)(void *ctx, uint32_t cp, const char **labels, int max);
    /* Save the last presented frame as a PNG. */
    int (*shot)(void *ctx, const char *path, err_t *e);
    /* Window size in pixels (to turn pixels into SDL's normalised touch
     * coordinates) and the SDL window id for the events. */
    int w, h;
    uint32_t window_id;
} script_host;

typedef enum {
    SCRIPT_RUN,   /* events were pushed: handle them, draw, call again */
    SCRIPT_WAIT,  /* call again after *wait_ms (or sooner on an event) */
    SCRIPT_DONE,  /* the script has ended (or said quit) */
    SCRIPT_FAIL,  /* a step failed; the message is in e */
} script_status;

/* Read and parse the whole file; a syntax error names its line. */
int script_load(script **out, const char *path, err_t *e);
void script_free(script *s);

/* Run the next step. now_ms is SDL_GetTicks(). */
script_status script_next(script *s, const script_host *h, uint32_t now_ms,
                          uint32_t *wait_ms, err_t *e);

#endif
