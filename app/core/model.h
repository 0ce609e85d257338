/*
 * model: walks and spots as plain data, and the parsing and validation of
 * every field from text.
 *
 * The same parsers serve the command line (user input) and the import
 * (bundle fields), so a value the CLI accepts is exactly a value a bundle may
 * carry. Error messages name the value and the rule; callers add the place
 * ("spots.csv line 14, field latitude: ...").
 */
#ifndef TRYGG_MODEL_H
#define TRYGG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "ids.h"

#define MODEL_NOTE_MAX_CHARS 1000
#define MODEL_TITLE_MAX_CHARS 200
#define MODEL_CODE_MAX 32
#define MODEL_TEXT_BYTES(chars) ((chars) * 4 + 1)

typedef enum { ROLE_CITIZEN = 1, ROLE_VOLUNTEER, ROLE_STAFF } model_role;
typedef enum { LIGHT_NONE = 0, LIGHT_DAYLIGHT, LIGHT_DUSK, LIGHT_DARK } model_light;
typedef enum { SRC_GPS = 1, SRC_MAP } model_source;
/* What the municipality decided about a spot (`spot status`). A spot with
 * no decision yet is STATUS_OPEN. */
typedef enum {
    STATUS_OPEN = 1, STATUS_PLANNED, STATUS_FIXED, STATUS_WONTFIX
} model_status;
/* A walker's answer at a follow-up spot: still a problem (Kvar) or fixed
 * (Åtgärdat). */
typedef enum { ANSWER_STILL = 1, ANSWER_FIXED } model_answer;

typedef struct walk {
    char id[IDS_UUID_LEN + 1];
    char device_id[33];
    char title[MODEL_TEXT_BYTES(MODEL_TITLE_MAX_CHARS)];
    char area[MODEL_TEXT_BYTES(MODEL_TITLE_MAX_CHARS)];
    model_role role;
    model_light light;
    int64_t started_at;
    int64_t ended_at;    /* meaningful only when has_ended */
    int has_ended;
    int participants;    /* 0 = not given */
} walk;

typedef struct spot {
    char id[IDS_UUID_LEN + 1];
    char walk_id[IDS_UUID_LEN + 1];
    int64_t created_at;
    int64_t updated_at;
    double lat, lon;
    double accuracy_m;   /* meaningful only when has_accuracy */
    int has_accuracy;
    model_source source;
    char category[MODEL_CODE_MAX + 1];
    int severity;        /* 1..3, or 0 for none (positive categories) */
    char note[MODEL_TEXT_BYTES(MODEL_NOTE_MAX_CHARS)];
    int deleted;
    int64_t revision;
} spot;

/* One decision about a spot at the municipality: a row of its history. */
typedef struct spot_status {
    char spot_id[IDS_UUID_LEN + 1];
    model_status status;
    char comment[MODEL_TEXT_BYTES(MODEL_NOTE_MAX_CHARS)];
    int64_t set_at;      /* 0 for a spot with no decision yet */
} spot_status;

/* A walker's answer to a follow-up spot. Answers are never edited: a second
 * answer to the same spot is a new record, and the newest counts. */
typedef struct spot_check {
    char id[IDS_UUID_LEN + 1];
    char spot_id[IDS_UUID_LEN + 1]; /* the spot followed up (a spot of an
                                       earlier walk, any device) */
    char walk_id[IDS_UUID_LEN + 1]; /* the walk it was answered on */
    int64_t answered_at;
    model_answer answer;
} spot_check;

/* A spot to look at again, as a device holds it from a follow-up bundle:
 * where, what and its status, but no note and no walk title (devices are
 * carried by citizens; those texts may name people). */
typedef struct followup_spot {
    char spot_id[IDS_UUID_LEN + 1];
    int64_t walked_on;   /* started_at of the walk that found it */
    double lat, lon;
    char category[MODEL_CODE_MAX + 1];
    int severity;        /* 0: none */
    model_status status;
    char comment[MODEL_TEXT_BYTES(MODEL_NOTE_MAX_CHARS)]; /* the status's */
    int64_t status_at;   /* 0: no decision yet */
    /* On the device: this device's newest answer, if any. */
    int has_answer;
    model_answer answer;
    int64_t answered_at;
} followup_spot;

const char *model_role_name(model_role r);
const char *model_light_name(model_light l);   /* "" for LIGHT_NONE */
const char *model_source_name(model_source s);
const char *model_status_name(model_status s); /* open, planned, ... */
const char *model_answer_name(model_answer a); /* still, fixed */

/* Parsers: s[0..len) is the text; 0 on success, -1 with a message. */
int model_parse_role(const char *s, size_t len, model_role *out, err_t *e);
int model_parse_light(const char *s, size_t len, model_light *out, err_t *e);
int model_parse_source(const char *s, size_t len, model_source *out, err_t *e);
int model_parse_status(const char *s, size_t len, model_status *out,
                       err_t *e);
int model_parse_answer(const char *s, size_t len, model_answer *out,
                       err_t *e);
int model_parse_lat(const char *s, size_t len, double *out, err_t *e);
int model_parse_lon(const char *s, size_t len, double *out, err_t *e);
int model_parse_accuracy(const char *s, size_t len, double *out, err_t *e);
int model_parse_severity(const char *s, size_t len, int *out, err_t *e);
/* Whole number in [min, max]. */
int model_parse_int(const char *s, size_t len, int64_t min, int64_t max,
                    int64_t *out, err_t *e);
int model_parse_time(const char *s, size_t len, int64_t *out, err_t *e);
int model_parse_uuid(const char *s, size_t len, char *out, err_t *e);
int model_parse_code(const char *s, size_t len, char *out, err_t *e);
/* Free text: valid UTF-8, at most max_chars characters, copied to out
 * (MODEL_TEXT_BYTES(max_chars) bytes). */
int model_parse_text(const char *s, size_t len, size_t max_chars, char *out,
                     err_t *e);

#endif
