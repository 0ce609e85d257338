/*
 * fuzz_store: the real store file that an import target fuzzes, kept from
 * one input to the next (so imports meet what earlier ones left: known
 * walks, spots and categories), and a second SQLite connection that
 * watches it from outside, as another process would:
 *   - PRAGMA data_version on that connection changes exactly when the
 *     store commits, so "a refused import changed nothing" is one cheap
 *     query before and one after;
 *   - integrity_check and foreign_key_check (an import runs with foreign
 *     keys off and checks references itself) every so often.
 *
 * The store has a fixed clock, so a run does not depend on the time of day.
 * Not for: the product; SQL here only reads.
 */
#ifndef TRYGG_FUZZ_STORE_H
#define TRYGG_FUZZ_STORE_H

#include <limits.h>
#include <sqlite3.h>
#include <stdint.h>

#include "store.h"

typedef struct fzs {
    char path[PATH_MAX];
    store *st;
    sqlite3 *watch;        /* the outside connection */
    sqlite3_stmt *version; /* PRAGMA data_version on it */
} fzs;

/* A fresh store at dir/store.sqlite (an old file there is removed). */
void fzs_open(fzs *s, const char *dir);
void fzs_close(fzs *s);
/* Start again from an empty store (bounds its growth over a long run). */
void fzs_reset(fzs *s);
/* The watcher's data_version: differs after any commit of the store. */
int64_t fzs_version(fzs *s);
/* integrity_check says ok and foreign_key_check finds nothing, else the
 * target fails. */
void fzs_check(fzs *s);
/* Bytes of the store file and its WAL. */
int64_t fzs_size(const fzs *s);

#endif
