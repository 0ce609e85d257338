/*
 * script: see script.h. script_load parses the whole file into steps, so a
 * typo fails before the app has done anything; script_next runs one step a
 * call and turns taps, drags and typing into SDL touch events.
 *
 * Not for: finding widgets or taking screenshots (the host does both).
 */
#include "script.h"

#include <SDL.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "txt.h"

#define SCRIPT_MAX_BYTES (1 << 20)   /* a script is typed by hand */
#define SCRIPT_MAX_TOKENS 5          /* command and up to 4 arguments */
#define SCRIPT_MAX_PX 100000         /* pixel coordinates */
#define SCRIPT_MAX_MS 86400000       /* a day */
#define SCRIPT_TOUCH_ID 1            /* the touch device scripts pretend */
#define SCRIPT_FINGER_ID 1
#define DRAG_STEPS 10                /* FINGERMOTION events per drag */
#define TYPE_MAX_TAPS 4              /* taps for one character, at most */
#define PLAN_MAX 8

typedef enum { ST_TAP_LABEL, ST_TAP_AT, ST_DRAG, ST_TYPE, ST_WAIT, ST_EXPECT,
               ST_SHOT, ST_QUIT } step_kind;

typedef struct step {
    step_kind kind;
    int line;
    char *text;         /* label, text to type or file name; owned */
    int arg[4];         /* pixels, or milliseconds for wait */
} step;

struct script {
    char *path;
    step *steps;
    size_t n_steps, cap_steps;
    size_t at;          /* the step to run next */
    size_t type_off;    /* type: bytes of the text typed so far */
    int type_taps;      /* type: taps spent on the current character */
    int waiting;        /* wait: the deadline is set */
    uint32_t deadline;
    script_status over; /* SCRIPT_RUN while running, then DONE or FAIL */
    err_t fail;         /* the failure, given again on later calls */
};

/* What one step did: finished without pushing anything (go on to the next
 * step in the same call), pushed events, waits, or ended the script. */
typedef enum { R_ON, R_RUN, R_WAIT, R_STOP } step_result;

/* ---- parsing ---- */

typedef struct token {
    char *s;
    int quoted;
} token;

/* Undo the escapes of the label that starts at the quote p, in place (the
 * label only shrinks). *out is the label; returns the byte after the
 * closing quote, or NULL with a message. */
static char *unquote(char *p, char **out, const char *path, int ln, err_t *e)
{
    char *r = p + 1, *w = p;
    *out = p;
    for (; *r != '"'; r++) {
        int escaped = *r == '\\';
        r += escaped;
        if (!*r) {
            err_set(e, "%s:%d: the label has no closing quote", path, ln);
            return NULL;
        }
        if (escaped && *r != '"' && *r != '\\') {
            err_set(e, "%s:%d: unknown escape in a label (only \\\" and \\\\)",
                    path, ln);
            return NULL;
        }
        *w++ = *r;
    }
    *w = '\0';
    r++;
    if (*r && *r != ' ' && *r != '\t') {
        err_set(e, "%s:%d: text right after a closing quote", path, ln);
        return NULL;
    }
    return r;
}

/* Split line (changed in place) into bare words and quoted labels; a word
 * that starts with # ends the line. Returns the count or -1. */
static int split_line(char *line, token *tok, const char *path, int ln,
                      err_t *e)
{
    int n = 0;
    char *p = line;
    for (;;) {
        p += strspn(p, " \t");
        if (!*p || *p == '#')
            return n;
        if (n == SCRIPT_MAX_TOKENS)
            return err_set(e, "%s:%d: too many arguments", path, ln);
        tok[n].quoted = *p == '"';
        if (tok[n].quoted) {
            p = unquote(p, &tok[n].s, path, ln, e);
            if (!p)
                return -1;
        } else {
            tok[n].s = p;
            p += strcspn(p, " \t");
            if (*p)
                *p++ = '\0';
        }
        n++;
    }
}

/* A bare whole number 0..max into *out; -1 when it is not one. */
static int parse_int(const token *t, int max, int *out)
{
    long v = 0;
    if (t->quoted || !t->s[0])
        return -1;
    for (const char *c = t->s; *c; c++) {
        if (*c < '0' || *c > '9')
            return -1;
        v = v * 10 + (*c - '0');
        if (v > max)
            return -1;
    }
    *out = (int)v;
    return 0;
}

static int parse_ints(step *st, const token *a, int n, int max,
                      const char *path, err_t *e)
{
    for (int i = 0; i < n; i++)
        if (parse_int(&a[i], max, &st->arg[i]) != 0)
            return err_set(e, "%s:%d: \"%s\" is not a whole number from 0 "
                           "to %d", path, st->line, a[i].s, max);
    return 0;
}

static int take_text(step *st, const char *s, const char *path, err_t *e)
{
    st->text = strdup(s);
    if (!st->text)
        return err_set(e, "%s:%d: out of memory", path, st->line);
    return 0;
}

/* A label that a widget could have: not empty, and not longer than any
 * label can be (UI_MAX_LABEL). */
static int take_label(step *st, const token *t, const char *path, err_t *e)
{
    size_t max = UI_MAX_LABEL;
    if (!t->s[0])
        return err_set(e, "%s:%d: empty label", path, st->line);
    if (strlen(t->s) > max)
        return err_set(e, "%s:%d: label longer than %zu bytes; no widget "
                       "can have it", path, st->line, max);
    return take_text(st, t->s, path, e);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n > m && strcmp(s + n - m, tail) == 0;
}

/* The commands, with the arguments each takes: 'L' a label, 'T' text to
 * type, 'F' a .png file name, 'N' n_args whole numbers up to max. A name
 * may have several forms; the first that fits is taken. */
typedef struct command {
    const char *name;
    step_kind kind;
    int n_args;
    char shape;
    int max;
    const char *use;
} command;

static const command COMMANDS[] = {
    {"tap", ST_TAP_LABEL, 1, 'L', 0, "tap \"LABEL\" or tap X Y"},
    {"tap", ST_TAP_AT, 2, 'N', SCRIPT_MAX_PX, "tap \"LABEL\" or tap X Y"},
    {"drag", ST_DRAG, 4, 'N', SCRIPT_MAX_PX, "drag X1 Y1 X2 Y2"},
    {"type", ST_TYPE, 1, 'T', 0, "type \"TEXT\""},
    {"wait", ST_WAIT, 1, 'N', SCRIPT_MAX_MS, "wait MS"},
    {"expect", ST_EXPECT, 1, 'L', 0, "expect \"LABEL\""},
    {"shot", ST_SHOT, 1, 'F', 0, "shot FILE.png"},
    {"quit", ST_QUIT, 0, 0, 0, "quit"},
};

/* Whether the arguments have the command's shape (numbers are checked by
 * take_args, to name the one that is wrong). */
static int fits(const command *c, const token *a, int na)
{
    if (na != c->n_args)
        return 0;
    switch (c->shape) {
    case 'L': return a[0].quoted;
    case 'T': return a[0].quoted && a[0].s[0];
    case 'F': return ends_with(a[0].s, ".png");
    default: return 1;
    }
}

static int take_args(step *st, const command *c, const token *a,
                     const char *path, err_t *e)
{
    st->kind = c->kind;
    switch (c->shape) {
    case 'N': return parse_ints(st, a, c->n_args, c->max, path, e);
    case 'L': return take_label(st, &a[0], path, e);
    case 'T':
    case 'F': return take_text(st, a[0].s, path, e);
    default: return 0;
    }
}

static int parse_step(step *st, const token *tok, int n, const char *path,
                      err_t *e)
{
    const command *named = NULL;
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++) {
        const command *c = &COMMANDS[i];
        if (tok[0].quoted || strcmp(c->name, tok[0].s) != 0)
            continue;
        if (fits(c, tok + 1, n - 1))
            return take_args(st, c, tok + 1, path, e);
        named = named ? named : c;
    }
    if (!named)
        return err_set(e, "%s:%d: unknown command \"%s\"", path, st->line,
                       tok[0].s);
    return err_set(e, "%s:%d: wrong arguments; use: %s", path, st->line,
                   named->use);
}

static int add_step(script *s, const step *st, err_t *e)
{
    if (s->n_steps == s->cap_steps) {
        size_t cap = s->cap_steps ? 2 * s->cap_steps : 16;
        step *p = realloc(s->steps, cap * sizeof *p);
        if (!p)
            return err_set(e, "%s:%d: out of memory", s->path, st->line);
        s->steps = p;
        s->cap_steps = cap;
    }
    s->steps[s->n_steps++] = *st;
    return 0;
}

/* Parse line number ln, the n bytes at line (changed in place; line[n] is
 * writable). */
static int parse_line(script *s, char *line, size_t n, int ln, err_t *e)
{
    size_t bad = 0;
    token tok[SCRIPT_MAX_TOKENS];
    step st = {.line = ln};
    if (n > 0 && line[n - 1] == '\r')
        n--;
    if (!txt_utf8_valid(line, n, &bad))
        return err_set(e, "%s:%d: byte %zu is not valid UTF-8 (or is NUL)",
                       s->path, ln, bad + 1);
    line[n] = '\0';
    int n_tok = split_line(line, tok, s->path, ln, e);
    if (n_tok <= 0)
        return n_tok;
    if (parse_step(&st, tok, n_tok, s->path, e) != 0 ||
        add_step(s, &st, e) != 0) {
        free(st.text);
        return -1;
    }
    return 0;
}

static int parse_all(script *s, char *buf, size_t len, err_t *e)
{
    char *p = buf, *end = buf + len;
    for (int ln = 1; p < end; ln++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        if (parse_line(s, p, (size_t)(eol - p), ln, e) != 0)
            return -1;
        p = eol + 1;
    }
    return 0;
}

/* The whole file into a new NUL-terminated *buf (caller frees). */
static int read_all(const char *path, char **buf, size_t *len, err_t *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, "%s: %s", path, strerror(errno));
    char *b = malloc(SCRIPT_MAX_BYTES + 1);
    size_t n = b ? fread(b, 1, SCRIPT_MAX_BYTES + 1, f) : 0;
    int rc = 0;
    if (!b)
        rc = err_set(e, "%s: out of memory", path);
    else if (ferror(f))
        rc = err_set(e, "%s: cannot read: %s", path, strerror(errno));
    else if (n > SCRIPT_MAX_BYTES)
        rc = err_set(e, "%s: longer than %d bytes", path, SCRIPT_MAX_BYTES);
    if (fclose(f) != 0 && rc == 0)
        rc = err_set(e, "%s: cannot close: %s", path, strerror(errno));
    if (rc != 0) {
        free(b);
        return rc;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

int script_load(script **out, const char *path, err_t *e)
{
    char *buf = NULL;
    size_t len = 0;
    script *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s || !(s->path = strdup(path))) {
        err_set(e, "%s: out of memory", path);
        goto fail;
    }
    if (read_all(path, &buf, &len, e) != 0 || parse_all(s, buf, len, e) != 0)
        goto fail;
    free(buf);
    s->over = SCRIPT_RUN;
    *out = s;
    return 0;
fail:
    free(buf);
    script_free(s);
    return -1;
}

void script_free(script *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_steps; i++)
        free(s->steps[i].text);
    free(s->steps);
    free(s->path);
    free(s);
}

/* ---- running ---- */

/* End the script with "FILE:LINE: message". */
__attribute__((format(printf, 3, 4))) static step_result
fail(script *s, const step *st, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(&s->fail, "%s:%d: %s", s->path, st->line, msg);
    s->over = SCRIPT_FAIL;
    return R_STOP;
}

/* Push one touch event at window pixel x, y; 0 or -1. */
static int push_finger(const script_host *h, uint32_t type, int x, int y,
                       int dx, int dy)
{
    SDL_Event ev;
    SDL_zero(ev);
    ev.tfinger.type = type;
    ev.tfinger.timestamp = SDL_GetTicks();
    ev.tfinger.touchId = SCRIPT_TOUCH_ID;
    ev.tfinger.fingerId = SCRIPT_FINGER_ID;
    ev.tfinger.x = (float)x / (float)h->w;
    ev.tfinger.y = (float)y / (float)h->h;
    ev.tfinger.dx = (float)dx / (float)h->w;
    ev.tfinger.dy = (float)dy / (float)h->h;
    ev.tfinger.pressure = 1.0f;
    ev.tfinger.windowID = h->window_id;
    return SDL_PushEvent(&ev) == 1 ? 0 : -1;
}

static step_result push_failed(script *s, const step *st)
{
    return fail(s, st, "cannot push a touch event: %s", SDL_GetError());
}

static int outside(const script_host *h, int x, int y)
{
    return x < 0 || y < 0 || x >= h->w || y >= h->h;
}

static step_result check_window(script *s, const step *st,
                                const script_host *h, int x, int y)
{
    if (h->w <= 0 || h->h <= 0)
        return fail(s, st, "the window has no size");
    if (outside(h, x, y))
        return fail(s, st, "%d %d is outside the %dx%d window", x, y, h->w,
                    h->h);
    return R_ON;
}

/* Finger down and up at x, y. */
static step_result tap_at(script *s, const step *st, const script_host *h,
                          int x, int y)
{
    if (check_window(s, st, h, x, y) != R_ON)
        return R_STOP;
    if (push_finger(h, SDL_FINGERDOWN, x, y, 0, 0) != 0 ||
        push_finger(h, SDL_FINGERUP, x, y, 0, 0) != 0)
        return push_failed(s, st);
    return R_RUN;
}

/* Tap the one visible widget labelled label; why says what for when the
 * label is not the step's own ("" or " (typing 'x')"). */
static step_result tap_label(script *s, const step *st, const script_host *h,
                             const char *label, const char *why)
{
    ui_rect r = {0, 0, 0, 0};
    int n = h->find ? h->find(h->ctx, label, &r) : 0;
    if (n <= 0)
        return fail(s, st, "no visible widget \"%s\"%s", label, why);
    if (n > 1)
        return fail(s, st, "%d visible widgets \"%s\"%s; a tap needs one", n,
                    label, why);
    return tap_at(s, st, h, r.x + r.w / 2, r.y + r.h / 2);
}

static step_result run_drag(script *s, const step *st, const script_host *h)
{
    const int *a = st->arg;
    int px = a[0], py = a[1];
    if (check_window(s, st, h, a[0], a[1]) != R_ON ||
        check_window(s, st, h, a[2], a[3]) != R_ON)
        return R_STOP;
    if (push_finger(h, SDL_FINGERDOWN, px, py, 0, 0) != 0)
        return push_failed(s, st);
    for (int i = 1; i <= DRAG_STEPS; i++) {
        int x = a[0] + (a[2] - a[0]) * i / DRAG_STEPS;
        int y = a[1] + (a[3] - a[1]) * i / DRAG_STEPS;
        if (push_finger(h, SDL_FINGERMOTION, x, y, x - px, y - py) != 0)
            return push_failed(s, st);
        px = x;
        py = y;
    }
    if (push_finger(h, SDL_FINGERUP, a[2], a[3], 0, 0) != 0)
        return push_failed(s, st);
    return R_RUN;
}

/* One tap towards the next character: the plan is made again each call
 * because each tap (Skift, 123) changes the keyboard; the character is
 * done when the plan is a single key. */
static step_result run_type(script *s, const step *st, const script_host *h)
{
    const char *at = st->text + s->type_off;
    const char *labels[PLAN_MAX];
    char ch[5], why[32];
    uint32_t cp;
    if (!*at) {
        s->type_off = 0;
        s->at++;
        return R_ON;
    }
    size_t n = txt_utf8_next(at, &cp); /* valid: checked at load */
    memcpy(ch, at, n);
    ch[n] = '\0';
    int n_plan = h->kbd_plan ? h->kbd_plan(h->ctx, cp, labels, PLAN_MAX) : 0;
    if (n_plan <= 0)
        return fail(s, st, "cannot type '%s'", ch);
    if (n_plan > 1 && s->type_taps >= TYPE_MAX_TAPS - 1)
        return fail(s, st, "typing '%s' takes more than %d taps", ch,
                    TYPE_MAX_TAPS);
    snprintf(why, sizeof why, " (typing '%s')", ch);
    step_result r = tap_label(s, st, h, labels[0], why);
    if (r != R_RUN)
        return r;
    if (n_plan == 1) {
        s->type_off += n;
        s->type_taps = 0;
    } else {
        s->type_taps++;
    }
    return R_RUN;
}

static step_result run_wait(script *s, const step *st, uint32_t now,
                            uint32_t *wait_ms)
{
    uint32_t left = (uint32_t)st->arg[0];
    if (!s->waiting) {
        s->waiting = 1;
        s->deadline = now + left;
    } else if ((int32_t)(s->deadline - now) > 0) {
        left = s->deadline - now;
    } else {
        s->waiting = 0;
        s->at++;
        return R_ON;
    }
    if (wait_ms)
        *wait_ms = left;
    return R_WAIT;
}

static step_result run_expect(script *s, const step *st, const script_host *h)
{
    ui_rect r;
    if (!h->find || h->find(h->ctx, st->text, &r) < 1)
        return fail(s, st, "expected \"%s\" on screen", st->text);
    s->at++;
    return R_ON;
}

static step_result run_shot(script *s, const step *st, const script_host *h)
{
    err_t e = {.msg = ""};
    if (!h->shot)
        return fail(s, st, "this app cannot save screenshots");
    if (h->shot(h->ctx, st->text, &e) != 0)
        return fail(s, st, "%s", e.msg);
    s->at++;
    return R_ON;
}

/* Steps that push events move on at once: their effect is for the app. */
static step_result run_step(script *s, const script_host *h, uint32_t now,
                            uint32_t *wait_ms)
{
    const step *st = &s->steps[s->at];
    step_result r = R_ON;
    switch (st->kind) {
    case ST_TAP_LABEL: r = tap_label(s, st, h, st->text, ""); break;
    case ST_TAP_AT: r = tap_at(s, st, h, st->arg[0], st->arg[1]); break;
    case ST_DRAG: r = run_drag(s, st, h); break;
    case ST_TYPE: return run_type(s, st, h);
    case ST_WAIT: return run_wait(s, st, now, wait_ms);
    case ST_EXPECT: return run_expect(s, st, h);
    case ST_SHOT: return run_shot(s, st, h);
    case ST_QUIT: s->over = SCRIPT_DONE; return R_STOP;
    }
    if (r == R_RUN)
        s->at++;
    return r;
}

script_status script_next(script *s, const script_host *h, uint32_t now_ms,
                          uint32_t *wait_ms, err_t *e)
{
    while (s->over == SCRIPT_RUN) {
        if (s->at == s->n_steps) {
            s->over = SCRIPT_DONE;
            break;
        }
        step_result r = run_step(s, h, now_ms, wait_ms);
        if (r == R_RUN)
            return SCRIPT_RUN;
        if (r == R_WAIT)
            return SCRIPT_WAIT;
    }
    if (s->over == SCRIPT_FAIL && e)
        *e = s->fail;
    return s->over;
}
