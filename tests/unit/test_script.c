/*
 * test_script: `--script` files (script) and PNG screenshots (png) against
 * real SDL events on the offscreen driver. A fake host stands in for the
 * app: it has widgets with labels, a small keyboard that reacts to the
 * taps the script pushes, and a screenshot hook. Each test writes a script
 * file, calls script_next like the app does, and reads the pushed events
 * back with SDL_PollEvent.
 */
#include <SDL.h>
#include <png.h> /* libpng's, to read the PNG back */
#include <math.h>
#include <unistd.h>

#include "shot.h" /* ours: shot_write_png */
#include "script.h"
#include "testhelp.h"

#define W 720
#define H 1280
#define WIN_ID 7
#define MAX_EV 64
#define PATH_LEN 512

/* ---- the fake app ---- */

typedef struct widget {
    const char *label, *shifted; /* shifted: a key's label with Skift */
    ui_rect r;
} widget;

static const widget WIDGETS[] = {
    {"Ny vandring", NULL, {100, 200, 300, 80}},
    {"Starta", NULL, {0, 1180, 720, 100}},
    {"Dubbel", NULL, {0, 0, 10, 10}},
    {"Dubbel", NULL, {20, 20, 10, 10}},
    {"a \"b\" \\ c", NULL, {50, 50, 100, 100}},
    {"Skift", "Skift", {0, 1000, 90, 90}},
    {"h", "H", {90, 1000, 90, 90}},
    {"å", "Å", {180, 1000, 90, 90}},
    {"x", "X", {270, 1000, 90, 90}},
};
#define N_WIDGETS (int)(sizeof WIDGETS / sizeof WIDGETS[0])

typedef struct fake {
    int shift;          /* the keyboard's Skift is on */
    int stubborn;       /* kbd_plan never converges */
    uint32_t last_cp;   /* what kbd_plan was last asked for */
    char typed[64];
    int n_taps;
    char shots[4][64];
    int n_shots;
} fake;

static const char *label_of(const fake *f, const widget *w)
{
    return f->shift && w->shifted ? w->shifted : w->label;
}

static int fake_find(void *ctx, const char *label, ui_rect *r)
{
    const fake *f = ctx;
    int n = 0;
    for (int i = 0; i < N_WIDGETS; i++)
        if (!strcmp(label_of(f, &WIDGETS[i]), label) && n++ == 0)
            *r = WIDGETS[i].r;
    return n;
}

/* Like kbd_plan: from the current state, the keys that type cp. */
static int fake_plan(void *ctx, uint32_t cp, const char **labels, int max)
{
    fake *f = ctx;
    static const struct { uint32_t lower, upper; const char *lo, *up; } K[] = {
        {'h', 'H', "h", "H"}, {0xE5, 0xC5, "å", "Å"}, {'x', 'X', "x", "X"}};
    CHECK(max >= 2);
    f->last_cp = cp;
    for (size_t i = 0; i < sizeof K / sizeof K[0]; i++) {
        int upper = cp == K[i].upper;
        if (cp != K[i].lower && !upper)
            continue;
        if (f->stubborn || upper != f->shift) {
            labels[0] = "Skift";
            labels[1] = f->shift ? K[i].lo : K[i].up;
            return 2;
        }
        labels[0] = f->shift ? K[i].up : K[i].lo;
        return 1;
    }
    return 0;
}

static int fake_shot(void *ctx, const char *path, err_t *e)
{
    fake *f = ctx;
    if (strstr(path, "full"))
        return err_set(e, "%s: No space left on device", path);
    snprintf(f->shots[f->n_shots++ % 4], sizeof f->shots[0], "%s", path);
    return 0;
}

/* The app's side of a tap: the finger came up at window pixel x, y. */
static void fake_tap(fake *f, int x, int y)
{
    f->n_taps++;
    for (int i = 0; i < N_WIDGETS; i++) {
        const widget *w = &WIDGETS[i];
        if (!w->shifted || !ui_inside(w->r, x, y))
            continue;
        if (!strcmp(w->label, "Skift")) {
            f->shift = !f->shift;
        } else {
            strcat(f->typed, label_of(f, w));
            f->shift = 0;
        }
    }
}

static script_host host_for(fake *f)
{
    script_host h = {f, fake_find, fake_plan, fake_shot, W, H, WIN_ID};
    return h;
}

/* The finger events in the queue, in order; other events are skipped.
 * Each FINGERUP is handed to the fake app as a tap. */
static int poll_fingers(fake *f, SDL_TouchFingerEvent *out, int max)
{
    SDL_Event ev;
    int n = 0;
    while (SDL_PollEvent(&ev)) {
        if (ev.type != SDL_FINGERDOWN && ev.type != SDL_FINGERUP &&
            ev.type != SDL_FINGERMOTION)
            continue;
        if (n < max)
            out[n++] = ev.tfinger;
        if (ev.type == SDL_FINGERUP && f)
            fake_tap(f, (int)lroundf(ev.tfinger.x * W),
                     (int)lroundf(ev.tfinger.y * H));
    }
    return n;
}

/* ---- helpers ---- */

static char dir[256];

/* dir/name into path (PATH_LEN bytes). */
static void in_dir(char *path, const char *name)
{
    if (snprintf(path, PATH_LEN, "%s/%s", dir, name) >= PATH_LEN) {
        fprintf(stderr, "path too long: %s/%s\n", dir, name);
        exit(2);
    }
}

/* Write text to a new script file; its path into path (PATH_LEN bytes). */
static void write_script(char *path, const char *name, const char *text)
{
    in_dir(path, name);
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static script *load_ok(const char *name, const char *text, char *path)
{
    script *s = NULL;
    err_t e = {.msg = ""};
    write_script(path, name, text);
    if (script_load(&s, path, &e) != 0)
        TH_FAIL("%s: %s", name, e.msg);
    th_checks++;
    return s;
}

static void check_finger(const SDL_TouchFingerEvent *ev, uint32_t type, int x,
                         int y)
{
    CHECK_INT(ev->type, type);
    CHECK(fabsf(ev->x - (float)x / W) < 1e-6f);
    CHECK(fabsf(ev->y - (float)y / H) < 1e-6f);
    CHECK_INT(ev->touchId, 1);
    CHECK_INT(ev->fingerId, 1);
    CHECK(ev->pressure == 1.0f);
    CHECK_INT(ev->windowID, WIN_ID);
}

/* The message starts with "PATH:LINE: " and contains part. */
static void check_fail_msg(const char *msg, const char *path, int line,
                           const char *part)
{
    char head[PATH_LEN + 32];
    snprintf(head, sizeof head, "%s:%d: ", path, line);
    if (strncmp(msg, head, strlen(head)) != 0)
        TH_FAIL("message \"%s\" does not start with \"%s\"", msg, head);
    th_checks++;
    CHECK_HAS(msg, part);
}

/* ---- tests ---- */

static void test_tap(void)
{
    char path[PATH_LEN];
    fake f = {0};
    script_host h = host_for(&f);
    SDL_TouchFingerEvent ev[MAX_EV];
    uint32_t wait = 0;
    err_t e = {.msg = ""};
    script *s = load_ok("tap.txt", "# a comment\n\n  tap \"Ny vandring\"\r\n"
                        "tap 10 20   # trailing comment\n"
                        "tap \"a \\\"b\\\" \\\\ c\"\nquit\ntap \"never\"\n",
                        path);
    if (!s)
        return;
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_RUN);
    CHECK_INT(poll_fingers(NULL, ev, MAX_EV), 2);
    check_finger(&ev[0], SDL_FINGERDOWN, 250, 240);
    check_finger(&ev[1], SDL_FINGERUP, 250, 240);
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_RUN);
    CHECK_INT(poll_fingers(NULL, ev, MAX_EV), 2);
    check_finger(&ev[0], SDL_FINGERDOWN, 10, 20);
    check_finger(&ev[1], SDL_FINGERUP, 10, 20);
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_RUN); /* escapes */
    CHECK_INT(poll_fingers(NULL, ev, MAX_EV), 2);
    check_finger(&ev[0], SDL_FINGERDOWN, 100, 100);
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_DONE);
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_DONE);
    CHECK_INT(poll_fingers(NULL, ev, MAX_EV), 0);
    script_free(s);
}

static void run_fail(const char *text, int line, const char *part)
{
    char path[PATH_LEN];
    fake f = {0};
    script_host h = host_for(&f);
    SDL_TouchFingerEvent ev[MAX_EV];
    uint32_t wait = 0;
    err_t e = {.msg = ""};
    script *s = load_ok("fail.txt", text, path);
    if (!s)
        return;
    script_status st = script_next(s, &h, 0, &wait, &e);
    for (int i = 0; st == SCRIPT_RUN && i < 10; i++) {
        poll_fingers(&f, ev, MAX_EV);
        st = script_next(s, &h, 0, &wait, &e);
    }
    CHECK_INT(st, SCRIPT_FAIL);
    check_fail_msg(e.msg, path, line, part);
    CHECK_INT(poll_fingers(NULL, ev, MAX_EV), 0);
    err_t again = {.msg = ""};
    CHECK_INT(script_next(s, &h, 0, &wait, &again), SCRIPT_FAIL);
    CHECK_STR(again.msg, e.msg);
    script_free(s);
}

static void test_tap_fails(void)
{
    run_fail("tap \"Nope\"\n", 1, "no visible widget \"Nope\"");
    run_fail("\ntap \"Dubbel\"\n", 2, "2 visible widgets \"Dubbel\"");
    run_fail("tap 720 5\n", 1, "720 5 is outside the 720x1280 window");
    run_fail("drag 5 5 5 1280\n", 1, "outside");
    run_fail("tap 1 1\nexpect \"Borta\"\n", 2, "expected \"Borta\" on screen");
}

static void test_drag(void)
{
    char path[PATH_LEN];
    fake f = {0};
    script_host h = host_for(&f);
    SDL_TouchFingerEvent ev[MAX_EV];
    uint32_t wait = 0;
    err_t e = {.msg = ""};
    script *s = load_ok("drag.txt", "drag 100 1000 103 200\n", path);
    if (!s)
        return;
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_RUN);
    int n = poll_fingers(NULL, ev, MAX_EV);
    CHECK_INT(n, 12);
    if (n != 12)
        goto out;
    check_finger(&ev[0], SDL_FINGERDOWN, 100, 1000);
    float sx = 0, sy = 0;
    for (int i = 1; i <= 10; i++) {
        CHECK_INT(ev[i].type, SDL_FINGERMOTION);
        CHECK(ev[i].y < ev[i - 1].y);
        sx += ev[i].dx;
        sy += ev[i].dy;
    }
    check_finger(&ev[10], SDL_FINGERMOTION, 103, 200);
    CHECK(fabsf(sx - 3.0f / W) < 1e-5f);
    CHECK(fabsf(sy + 800.0f / H) < 1e-5f);
    check_finger(&ev[11], SDL_FINGERUP, 103, 200);
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_DONE);
out:
    script_free(s);
}

static void test_type(void)
{
    char path[PATH_LEN];
    fake f = {0};
    script_host h = host_for(&f);
    SDL_TouchFingerEvent ev[MAX_EV];
    uint32_t wait = 0;
    err_t e = {.msg = ""};
    script *s = load_ok("type.txt", "type \"HåxXx\"\nexpect \"Starta\"\n", path);
    if (!s)
        return;
    int runs = 0;
    script_status st;
    while ((st = script_next(s, &h, 0, &wait, &e)) == SCRIPT_RUN && runs < 20) {
        runs++;
        /* One tap a call: the keyboard changes after each. */
        CHECK_INT(poll_fingers(&f, ev, MAX_EV), 2);
    }
    CHECK_INT(st, SCRIPT_DONE);
    CHECK_STR(f.typed, "HåxXx");
    CHECK_INT(runs, 7); /* Skift H å x Skift X x */
    CHECK_INT(f.n_taps, 7);
    script_free(s);

    run_fail("type \"x€\"\n", 1, "cannot type '€'");
    run_fail("\n\ntype \"Ö\"\n", 3, "cannot type 'Ö'");
}

/* Each character reaches kbd_plan as its code point. */
static void test_type_code_points(void)
{
    static const struct { const char *text; uint32_t cp; } C[] = {
        {"type \"z\"\n", 'z'},       {"type \"Ö\"\n", 0xD6},
        {"type \"€\"\n", 0x20AC},    {"type \"🚶\"\n", 0x1F6B6},
        {"type \"\xf4\x8f\xbf\xbf\"\n", 0x10FFFF},
    };
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        char path[PATH_LEN];
        fake f = {0};
        script_host h = host_for(&f);
        uint32_t wait = 0;
        err_t e = {.msg = ""};
        script *s = load_ok("cp.txt", C[i].text, path);
        if (!s)
            continue;
        CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_FAIL);
        CHECK_INT(f.last_cp, C[i].cp);
        script_free(s);
    }
}

static void test_type_loop(void)
{
    char path[PATH_LEN];
    fake f = {.stubborn = 1};
    script_host h = host_for(&f);
    SDL_TouchFingerEvent ev[MAX_EV];
    uint32_t wait = 0;
    err_t e = {.msg = ""};
    script *s = load_ok("loop.txt", "type \"H\"\n", path);
    if (!s)
        return;
    for (int i = 0; i < 3; i++) {
        CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_RUN);
        poll_fingers(&f, ev, MAX_EV);
    }
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_FAIL);
    check_fail_msg(e.msg, path, 1, "typing 'H' takes more than 4 taps");
    CHECK_INT(f.n_taps, 3);
    script_free(s);
}

static void test_wait(void)
{
    char path[PATH_LEN];
    fake f = {0};
    script_host h = host_for(&f);
    uint32_t wait = 0;
    err_t e = {.msg = ""};
    script *s = load_ok("wait.txt",
                        "wait 500\nexpect \"Starta\"\nwait 0\nwait 512\n"
                        "quit\n", path);
    if (!s)
        return;
    CHECK_INT(script_next(s, &h, 1000, &wait, &e), SCRIPT_WAIT);
    CHECK_INT(wait, 500);
    CHECK_INT(script_next(s, &h, 1200, &wait, &e), SCRIPT_WAIT);
    CHECK_INT(wait, 300);
    CHECK_INT(script_next(s, &h, 1499, &wait, &e), SCRIPT_WAIT);
    CHECK_INT(wait, 1);
    /* The wait ends, expect passes, wait 0 asks for one more turn. */
    CHECK_INT(script_next(s, &h, 1500, &wait, &e), SCRIPT_WAIT);
    CHECK_INT(wait, 0);
    CHECK_INT(script_next(s, &h, 1500, &wait, &e), SCRIPT_WAIT);
    CHECK_INT(wait, 512);
    CHECK_INT(script_next(s, &h, 2012, &wait, &e), SCRIPT_DONE);
    script_free(s);

    /* Across the wrap of SDL_GetTicks' 32 bits. */
    s = load_ok("wrap.txt", "wait 512\n", path);
    if (!s)
        return;
    CHECK_INT(script_next(s, &h, 0xFFFFFF00u, &wait, &e), SCRIPT_WAIT);
    CHECK_INT(wait, 512);
    CHECK_INT(script_next(s, &h, 0xFFFFFF10u, &wait, &e), SCRIPT_WAIT);
    CHECK_INT(wait, 496);
    CHECK_INT(script_next(s, &h, 0x50u, &wait, &e), SCRIPT_WAIT);
    CHECK_INT(wait, 0xB0);
    CHECK_INT(script_next(s, &h, 0x100u, &wait, &e), SCRIPT_DONE);
    script_free(s);
}

static void test_shot(void)
{
    char path[PATH_LEN];
    fake f = {0};
    script_host h = host_for(&f);
    uint32_t wait = 0;
    err_t e = {.msg = ""};
    script *s = load_ok("shot.txt",
                        "shot out/a.png\nshot \"b c.png\"\nshot full.png\n",
                        path);
    if (!s)
        return;
    CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_FAIL);
    CHECK_INT(f.n_shots, 2);
    CHECK_STR(f.shots[0], "out/a.png");
    CHECK_STR(f.shots[1], "b c.png");
    check_fail_msg(e.msg, path, 3, "full.png: No space left on device");
    script_free(s);
}

static const struct syntax_case {
    const char *text;
    int line;
    const char *part;
} SYNTAX[] = {
    {"tap \"a\"\n\nfoo 1\n", 3, "unknown command \"foo\""},
    {"\"tap\" 1 2\n", 1, "unknown command \"tap\""},
    {"tap\n", 1, "wrong arguments; use: tap \"LABEL\" or tap X Y"},
    {"tap 1\n", 1, "use: tap"},
    {"tap \"a\" 1\n", 1, "\"a\" is not a whole number"},
    {"tap 1 x\n", 1, "\"x\" is not a whole number"},
    {"tap -1 5\n", 1, "\"-1\" is not a whole number"},
    {"tap 1 5000000\n", 1, "\"5000000\" is not a whole number"},
    {"tap 1 2 3 4 5\n", 1, "too many arguments"},
    {"tap \"\"\n", 1, "empty label"},
    {"drag 1 2 3\n", 1, "use: drag X1 Y1 X2 Y2"},
    {"type abc\n", 1, "use: type \"TEXT\""},
    {"type \"\"\n", 1, "use: type"},
    {"type \"abc\n", 1, "no closing quote"},
    {"type \"abc\\\"\n", 1, "no closing quote"},
    {"type \"a\\nb\"\n", 1, "unknown escape"},
    {"expect \"a\"b\n", 1, "after a closing quote"},
    {"expect Spara\n", 1, "use: expect \"LABEL\""},
    {"wait\n", 1, "use: wait MS"},
    {"wait 99999999999\n", 1, "not a whole number from 0 to 86400000"},
    {"shot a.jpg\n", 1, "use: shot FILE.png"},
    {"quit now\n", 1, "use: quit"},
    {"# ok\ntype \"\xff\"\n", 2, "byte 7 is not valid UTF-8"},
};

static void test_syntax(void)
{
    char path[PATH_LEN];
    for (size_t i = 0; i < sizeof SYNTAX / sizeof SYNTAX[0]; i++) {
        const struct syntax_case *c = &SYNTAX[i];
        script *s = (script *)1;
        err_t e = {.msg = ""};
        write_script(path, "bad.txt", c->text);
        CHECK_INT(script_load(&s, path, &e), -1);
        CHECK(s == NULL);
        check_fail_msg(e.msg, path, c->line, c->part);
    }
    char label[UI_MAX_LABEL + 16] = "tap \"";
    memset(label + 5, 'x', UI_MAX_LABEL + 1);
    strcpy(label + 5 + UI_MAX_LABEL + 1, "\"\n");
    script *s = NULL;
    err_t e = {.msg = ""};
    FILE *f = fopen(path, "wb"); /* a NUL byte: fputs would stop at it */
    CHECK(f && fwrite("wait 1\nwa\0it 1\n", 1, 16, f) == 16);
    CHECK(f && fclose(f) == 0);
    CHECK_INT(script_load(&s, path, &e), -1);
    check_fail_msg(e.msg, path, 2, "byte 3 is not valid UTF-8 (or is NUL)");
    write_script(path, "long.txt", label);
    CHECK_INT(script_load(&s, path, &e), -1);
    check_fail_msg(e.msg, path, 1, "label longer than 1024 bytes");
    in_dir(path, "missing.txt");
    CHECK_INT(script_load(&s, path, &e), -1);
    CHECK_HAS(e.msg, path);
    CHECK_HAS(e.msg, "No such file");
}

static void test_empty(void)
{
    char path[PATH_LEN];
    fake f = {0};
    script_host h = host_for(&f);
    uint32_t wait = 0;
    err_t e = {.msg = ""};
    script *s = load_ok("empty.txt", "", path);
    if (s)
        CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_DONE);
    script_free(s);
    s = load_ok("blank.txt", "\n  \n# only a comment", path);
    if (s)
        CHECK_INT(script_next(s, &h, 0, &wait, &e), SCRIPT_DONE);
    script_free(s);
}

/* The app turns normalised coordinates back into pixels with lroundf(x * w);
 * that gives every pixel back exactly. */
static void test_round_trip(void)
{
    int bad = 0;
    for (int x = 0; x <= 4096; x++)
        for (int w = 240; w <= 4096; w += 16)
            if (x < w && lroundf((float)x / (float)w * (float)w) != x)
                bad++;
    CHECK_INT(bad, 0);
}

/* ---- png ---- */

static void test_png(void)
{
    enum { PW = 3, PH = 2, PITCH = 16 };
    uint8_t px[PH * PITCH];
    char path[PATH_LEN], tmp[PATH_LEN + 8];
    err_t e = {.msg = ""};
    for (int i = 0; i < PH * PITCH; i++)
        px[i] = (uint8_t)(i * 7 + 1);
    in_dir(path, "shot.png");
    CHECK_INT(shot_write_png(path, px, PW, PH, PITCH, &e), 0);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(access(tmp, F_OK) != 0);

    unsigned char sig[8] = {0};
    FILE *f = fopen(path, "rb");
    CHECK(f && fread(sig, 1, 8, f) == 8);
    if (f)
        fclose(f);
    CHECK(memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0);

    png_image img;
    uint8_t back[PW * PH * 4] = {0};
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    CHECK(png_image_begin_read_from_file(&img, path));
    CHECK_INT(img.width, PW);
    CHECK_INT(img.height, PH);
    img.format = PNG_FORMAT_RGBA;
    CHECK(png_image_finish_read(&img, NULL, back, 0, NULL));
    png_image_free(&img);
    for (int y = 0; y < PH; y++)
        CHECK(memcmp(back + y * PW * 4, px + y * PITCH, PW * 4) == 0);

    in_dir(path, "no/such/dir/shot.png");
    CHECK_INT(shot_write_png(path, px, PW, PH, PITCH, &e), -1);
    CHECK_HAS(e.msg, "no/such/dir/shot.png.tmp");
    CHECK_HAS(e.msg, "No such file");
}

int main(void)
{
    if (!getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 2;
    }
    th_tmpdir(dir, "script");
    poll_fingers(NULL, NULL, 0);
    test_tap();
    test_tap_fails();
    test_drag();
    test_type();
    test_type_code_points();
    test_type_loop();
    test_wait();
    test_shot();
    test_syntax();
    test_empty();
    test_round_trip();
    test_png();
    SDL_Quit();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return th_report("test_script");
}
