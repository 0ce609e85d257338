/* input: see input.h. */
#include "input.h"

#include <math.h>
#include <stdlib.h>

void input_init(input_state *s, int slop_px)
{
    *s = (input_state){.slop = slop_px > 1 ? slop_px : 1};
}

static int finger_slot(const input_state *s, SDL_FingerID id)
{
    for (int i = 0; i < s->n; i++)
        if (s->id[i] == id)
            return i;
    return -1;
}

static float spread(const input_state *s)
{
    return hypotf(s->fx[1] - s->fx[0], s->fy[1] - s->fy[0]);
}

static void down(input_state *s, const SDL_TouchFingerEvent *f, ui_input *in,
                 float x, float y)
{
    if (s->n >= 2)
        return;
    int i = s->n++;
    s->id[i] = f->fingerId;
    s->fx[i] = x;
    s->fy[i] = y;
    if (i == 0) {
        *in = (ui_input){.x = (int)x, .y = (int)y, .down = 1, .pressed = 1,
                         .pinch = 1.0f};
        s->start_x = (int)x;
        s->start_y = (int)y;
    } else {
        in->dragged = 1; /* a second finger: a pinch, never a tap */
    }
}

static void motion(input_state *s, const SDL_TouchFingerEvent *f,
                   ui_input *in, float x, float y)
{
    int i = finger_slot(s, f->fingerId);
    if (i < 0)
        return;
    float before = s->n == 2 ? spread(s) : 0;
    float ox = s->fx[i], oy = s->fy[i];
    s->fx[i] = x;
    s->fy[i] = y;
    if (s->n == 2) {
        if (before > 1 && spread(s) > 1)
            in->pinch *= spread(s) / before;
        in->px = (int)((s->fx[0] + s->fx[1]) / 2);
        in->py = (int)((s->fy[0] + s->fy[1]) / 2);
        return;
    }
    in->dx += (int)lroundf(x - ox);
    in->dy += (int)lroundf(y - oy);
    in->x = (int)x;
    in->y = (int)y;
    if (abs(in->x - s->start_x) > s->slop || abs(in->y - s->start_y) > s->slop)
        in->dragged = 1;
}

static void up(input_state *s, const SDL_TouchFingerEvent *f, ui_input *in,
               float x, float y)
{
    int i = finger_slot(s, f->fingerId);
    if (i < 0)
        return;
    s->id[i] = s->id[s->n - 1];
    s->fx[i] = s->fx[s->n - 1];
    s->fy[i] = s->fy[s->n - 1];
    if (--s->n > 0)
        return; /* the pinch ended; the last finger lifts later */
    in->x = (int)x;
    in->y = (int)y;
    in->down = 0;
    in->released = 1;
}

int input_event(input_state *s, const SDL_Event *ev, ui_input *in, int w,
                int h)
{
    const SDL_TouchFingerEvent *f = &ev->tfinger;
    /* rounded: the script's pixel comes back exactly */
    float x = roundf(f->x * (float)w), y = roundf(f->y * (float)h);
    switch (ev->type) {
    case SDL_FINGERDOWN: down(s, f, in, x, y); return 1;
    case SDL_FINGERMOTION: motion(s, f, in, x, y); return 1;
    case SDL_FINGERUP: up(s, f, in, x, y); return 1;
    case SDL_MOUSEWHEEL:
        in->pinch *= ev->wheel.y > 0 ? 1.25f : ev->wheel.y < 0 ? 0.8f : 1.0f;
        SDL_GetMouseState(&in->px, &in->py);
        return 1;
    default: return 0;
    }
}
