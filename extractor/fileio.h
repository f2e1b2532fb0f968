/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_FILEIO_H
#define OPSDOC_FILEIO_H

#include <stddef.h>

#include "strvec.h"

/*
 * Write data to path through a temporary file in the same directory and
 * rename it into place, so path is either the old file or the whole new
 * one. "-" writes to standard output; an existing file that is not a
 * regular file (a device, a pipe) is written in place. Returns 0, or -1 after an error that
 * names the file.
 */
int write_file_atomic(const char *path, const char *data, size_t len);

/*
 * Files written together: all of them are replaced, or none is (see
 * file_set_commit() for the one exception). Entries point at the caller's
 * data, which must live until the commit.
 */
struct file_set_entry {
	char *path;
	const char *data;
	size_t len;
};

struct file_set {
	struct file_set_entry *v;
	size_t n;
};

void file_set_add(struct file_set *set, const char *path, const char *data,
		  size_t len);
/* 0, or -1 after an error naming the file. */
int file_set_commit(const struct file_set *set);
void file_set_release(struct file_set *set);

/*
 * Append the files under dir whose names end in suffix, as paths relative
 * to dir ("sub/x.rst" when recursive), sorted; hidden entries are skipped.
 * Returns 0, or -1 with errno set when dir cannot be read.
 */
int list_files(const char *dir, const char *suffix, int recursive,
	       struct strvec *out);

/* Create path and its parents (0755); 0, or -1 with errno set. */
int mkdir_p(const char *path);

#endif
