/*
 * bench_sdl_ref: the reference for trygg's cold start. The least a program
 * with an SDL2 window and SDL2_ttf text can do: open a window the app's size
 * with the app's window and renderer flags, open the font at a body size,
 * draw one line of text, present once, and exit. run.sh times whole runs of
 * this against `trygg --script` with a script that only says quit.
 *
 * With IDLE_MS it then rests that long in SDL_WaitEventTimeout, as an
 * event-driven app does between touches: the reference for the app's idle
 * CPU (SDL's video driver decides whether that wait sleeps or polls).
 *
 * With FRAMES it then answers that many touches, each with a whole frame:
 * a finger event is pushed and taken from SDL's queue, the window cleared,
 * the line of text copied and the frame presented. That is the least an
 * SDL program does to show anything new after an input, the reference for
 * callgrind's count of one tap and one frame of the app (run.sh counts the
 * instructions between presents).
 *
 * usage: bench_sdl_ref FONT.ttf [IDLE_MS [FRAMES]]
 *        (exit 0, or 1 with a message)
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <time.h>
#include <string.h>
#include <stdlib.h>

#define REF_W 720
#define REF_H 1280
#define REF_TEXT_PX 25

typedef struct ref {
    SDL_Window *win;
    SDL_Renderer *ren;
    TTF_Font *font;
    SDL_Surface *surf;
    SDL_Texture *tex;
} ref;

static int fail(const char *what, const char *why)
{
    fprintf(stderr, "bench_sdl_ref: %s: %s\n", what, why);
    return 1;
}

static int open_window(ref *r)
{
    /* The same renderer set-up as the app offscreen: SDL's software
     * renderer on the window's plain framebuffer (see app.c). */
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv && strcmp(drv, "offscreen") == 0) {
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return fail("SDL_Init", SDL_GetError());
    if (TTF_Init() != 0)
        return fail("TTF_Init", TTF_GetError());
    r->win = SDL_CreateWindow("bench", SDL_WINDOWPOS_UNDEFINED,
                              SDL_WINDOWPOS_UNDEFINED, REF_W, REF_H,
                              SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!r->win)
        return fail("SDL_CreateWindow", SDL_GetError());
    r->ren = SDL_CreateRenderer(r->win, -1, 0);
    if (!r->ren)
        return fail("SDL_CreateRenderer", SDL_GetError());
    return 0;
}

/* One whole frame: white ground, the line of text, present. */
static int draw_frame(ref *r)
{
    SDL_Rect at = {40, 40, r->surf->w, r->surf->h};
    if (SDL_SetRenderDrawColor(r->ren, 0xff, 0xff, 0xff, 0xff) != 0 ||
        SDL_RenderClear(r->ren) != 0 ||
        SDL_RenderCopy(r->ren, r->tex, NULL, &at) != 0)
        return fail("drawing", SDL_GetError());
    SDL_RenderPresent(r->ren);
    return 0;
}

static int draw_once(ref *r, const char *font)
{
    static const SDL_Color ink = {0x11, 0x11, 0x11, 0xff};
    r->font = TTF_OpenFont(font, REF_TEXT_PX);
    if (!r->font)
        return fail(font, TTF_GetError());
    r->surf = TTF_RenderUTF8_Blended(r->font, "Ny vandring", ink);
    if (!r->surf)
        return fail("TTF_RenderUTF8_Blended", TTF_GetError());
    r->tex = SDL_CreateTextureFromSurface(r->ren, r->surf);
    if (!r->tex)
        return fail("SDL_CreateTextureFromSurface", SDL_GetError());
    if (draw_frame(r))
        return 1;
    /* The moment the harness measures to (the app prints the same). */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    printf("first_present_epoch_us=%lld\n",
           (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000);
    fflush(stdout);
    return 0;
}

/* n touches, each taken from SDL's queue and answered with a frame. */
static int answer_touches(ref *r, long n)
{
    for (long i = 0; i < n; i++) {
        SDL_Event ev = {.type = SDL_FINGERDOWN};
        ev.tfinger.x = ev.tfinger.y = 0.5f;
        if (SDL_PushEvent(&ev) != 1)
            return fail("SDL_PushEvent", SDL_GetError());
        int got = 0;
        while (SDL_PollEvent(&ev))
            got |= ev.type == SDL_FINGERDOWN;
        if (!got)
            return fail("SDL_PollEvent", "the pushed touch did not come");
        if (draw_frame(r))
            return 1;
    }
    return 0;
}

/* Handle events as they come until ms have passed. */
static void rest(Uint32 ms)
{
    SDL_Event ev;
    Uint32 start = SDL_GetTicks();
    for (Uint32 gone = 0; gone < ms; gone = SDL_GetTicks() - start)
        if (SDL_WaitEventTimeout(&ev, (int)(ms - gone)) && ev.type == SDL_QUIT)
            return;
}

static void close_all(ref *r)
{
    if (r->tex)
        SDL_DestroyTexture(r->tex);
    if (r->surf)
        SDL_FreeSurface(r->surf);
    if (r->font)
        TTF_CloseFont(r->font);
    if (r->ren)
        SDL_DestroyRenderer(r->ren);
    if (r->win)
        SDL_DestroyWindow(r->win);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

int main(int argc, char **argv)
{
    ref r = {0};
    long idle_ms = argc >= 3 ? strtol(argv[2], NULL, 10) : 0;
    long frames = argc == 4 ? strtol(argv[3], NULL, 10) : 0;
    if (argc < 2 || argc > 4 || idle_ms < 0 || idle_ms > 3600000 ||
        frames < 0 || frames > 1000000) {
        fprintf(stderr, "usage: bench_sdl_ref FONT.ttf [IDLE_MS [FRAMES]]\n");
        return 2;
    }
    int rc = open_window(&r) || draw_once(&r, argv[1]);
    if (rc == 0 && idle_ms > 0)
        rest((Uint32)idle_ms);
    if (rc == 0)
        rc = answer_touches(&r, frames);
    close_all(&r);
    return rc;
}
