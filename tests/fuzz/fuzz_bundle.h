/*
 * fuzz_bundle: one fuzz input as a bundle folder. The input is a simple
 * container: its parts are separated by lines that are exactly "%%" (the
 * three bytes "%%\n" at the start of the input or right after a line feed),
 * and part k becomes the file names[k]; parts past the named ones become
 * extra1.txt, extra2.txt, ... (at most FZB_MAX_EXTRA). The files are
 * written, every other file of the folder removed, and a correct
 * SHA256SUMS written for exactly the files made: without it, every input
 * would stop at the sum check and nothing deeper would be fuzzed.
 *
 * A missing part (fewer separators) is a missing file, so "file missing"
 * is one mutation away; a seed is a real bundle's files joined this way
 * (make-corpus.sh).
 *
 * Not for: deciding what is a valid bundle; that is the importer's job.
 */
#ifndef TRYGG_FUZZ_BUNDLE_H
#define TRYGG_FUZZ_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#define FZB_SEPARATOR "%%\n"
#define FZB_MAX_EXTRA 2

/* Make dir (if needed) hold the bundle of data; names has n_names file
 * names. Returns the number of files written. */
size_t fzb_write(const char *dir, const uint8_t *data, size_t size,
                 const char *const *names, size_t n_names);

#endif
