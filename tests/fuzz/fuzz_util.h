/*
 * fuzz_util: what the libFuzzer targets in tests/fuzz share: stopping with
 * a message when an invariant breaks, a per-process scratch folder (in
 * /dev/shm when there is one, so a run does not wear a disk), files written
 * whole, and SHA-256 of a buffer.
 *
 * Not for: the product. A target calls these from LLVMFuzzerTestOneInput;
 * any failure of the harness itself is fatal too, since a fuzzer that goes
 * on after its own setup broke only measures noise.
 */
#ifndef TRYGG_FUZZ_UTIL_H
#define TRYGG_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "sha.h"

/* Print "fuzz invariant: <message>" on stderr and abort(), which libFuzzer
 * reports as a crash and saves the input for. */
void fz_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/* An anonymous in-memory file (memfd), open for reading and writing. */
int fz_memfd(const char *name);
/* Replace the whole content of fd with data[0..len) and rewind it. */
void fz_fd_set(int fd, const uint8_t *data, size_t len);

/* A fresh folder for this process, removed with its files at exit: tag
 * names it (trygg-fuzz-<tag>-<pid>). Returns its path (static storage). */
const char *fz_scratch_dir(const char *tag);
/* path = dir/name (cap bytes). */
void fz_join(char *path, size_t cap, const char *dir, const char *name);
/* Write data to path whole, replacing any old file. */
void fz_write_file(const char *path, const void *data, size_t len);

/* The SHA-256 of data as sha256sum prints it (SHA_HEX_LEN + 1 bytes). */
void fz_sha_hex(const void *data, size_t len, char *hex);

#endif
