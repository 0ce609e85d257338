/*
 * fsx: the few file-system steps that durability needs and libc does not
 * bundle: fsync of a folder, a no-replace rename, mkdir -p, and removing a
 * half-written folder. POSIX (Linux) only.
 */
#ifndef TRYGG_FSX_H
#define TRYGG_FSX_H

#include "err.h"

/* fsync the folder at path so that names created in it survive power loss. */
int fsx_sync_dir(const char *path, err_t *e);
/* Rename from -> to, failing (EEXIST) rather than replacing `to`. */
int fsx_rename_noreplace(const char *from, const char *to, err_t *e);
/* Create path and its parents (mode 0700 for new ones). */
int fsx_mkdirs(const char *path, err_t *e);
/* Remove a folder and the plain files directly in it (best effort, for
 * cleaning up after a failed write). */
void fsx_remove_flat_dir(const char *path);
/* fsync and close fd; 0 or -1 with a message naming path. */
int fsx_sync_close(int fd, const char *path, err_t *e);
/* Add to e's message what its errno (e->os) means for a folder on a USB
 * stick or disk, in plain words ("The storage is full."), for whoever
 * holds the stick; nothing when e->os is not a storage failure. Call it
 * once, last, on the message a command reports. Returns -1. */
int fsx_explain(err_t *e);
/* The folder part of path into dir: "." when there is none, "/" for a
 * file at the root. */
void fsx_dir_of(const char *path, char *dir, size_t cap);

#endif
