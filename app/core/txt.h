/*
 * txt: checks and transforms on UTF-8 text fields.
 *
 * Validates UTF-8 (no overlongs, no surrogates, no NUL), counts characters,
 * and applies the bundle's formula guard: a free-text field that begins with
 * = + - @ TAB or CR is written with one leading apostrophe so no spreadsheet
 * runs it, and the reader takes exactly that apostrophe away again.
 */
#ifndef TRYGG_TXT_H
#define TRYGG_TXT_H

#include <stddef.h>
#include <stdint.h>

/* 1 when s[0..len) is valid UTF-8 without NUL bytes, else 0. When invalid and
 * bad_at is not NULL, *bad_at is the byte offset of the first bad byte. */
int txt_utf8_valid(const char *s, size_t len, size_t *bad_at);

/* The code point at s (valid UTF-8, not at its end) into *cp; returns how
 * many bytes it takes. */
size_t txt_utf8_next(const char *s, uint32_t *cp);

/* Number of code points in valid UTF-8 s[0..len). */
size_t txt_utf8_count(const char *s, size_t len);

/* 1 when a field with this first byte needs the formula guard. */
int txt_needs_guard(const char *s, size_t len);

/* Reader side: the length of the guard to skip (0 or 1) at s. */
size_t txt_guard_skip(const char *s, size_t len);

#endif
