/*
 * input: SDL touch (and mouse, through SDL's mouse-to-touch events) into
 * the plain ui_input of one frame: press, release, drag past a tap's slop,
 * and the zoom factor of a two-finger pinch; the mouse wheel zooms too.
 */
#ifndef TRYGG_INPUT_H
#define TRYGG_INPUT_H

#include <SDL.h>

#include "ui.h"

typedef struct input_state {
    SDL_FingerID id[2];
    float fx[2], fy[2];     /* pixels */
    int n;                  /* fingers down (0..2 tracked) */
    int start_x, start_y;   /* where the first finger went down */
    int slop;               /* pixels a tap may move */
} input_state;

void input_init(input_state *s, int slop_px);
/* Apply ev to in (window of w x h pixels). Returns 1 when ev is input the
 * UI must see in a frame of its own, 0 when it is not input. */
int input_event(input_state *s, const SDL_Event *ev, ui_input *in, int w,
                int h);

#endif
