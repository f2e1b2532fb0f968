/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_FILEIO_H
#define OPSDOC_FILEIO_H

#include <stddef.h>

#include "strvec.h"

/**
 * write_file_atomic() - replace a file with new contents, all at once
 * @path: the file, or "-" for standard output
 * @data: the new contents
 * @len: their length
 *
 * Write @data to @path through a temporary file in the same directory and
 * rename it into place, so @path is either the old file or the whole new
 * one. "-" writes to standard output; an existing file that is not a
 * regular file (a device, a pipe) is written in place.
 *
 * Return: 0, or -1 after an error that names the file.
 */
int write_file_atomic(const char *path, const char *data, size_t len);

/**
 * struct file_set_entry - one file of a file set
 * @path: where it goes, or "-" for standard output; owned by the set
 * @data: its contents, the caller's, which must live until the commit
 * @len: their length
 */
struct file_set_entry {
	char *path;
	const char *data;
	size_t len;
};

/**
 * struct file_set - files written together
 * @v: the files, in the order they were added
 * @n: how many
 *
 * All of them are replaced, or none is (see file_set_commit() for the
 * exceptions). A zeroed set is empty; file_set_release() frees it.
 */
struct file_set {
	struct file_set_entry *v;
	size_t n;
};

/**
 * file_set_add() - add a file to a set
 * @set: the set
 * @path: where the file goes, copied
 * @data: its contents; not copied, they must live until file_set_commit()
 * @len: their length
 */
void file_set_add(struct file_set *set, const char *path, const char *data,
		  size_t len);

/**
 * file_set_commit() - write every file of a set
 * @set: the set
 *
 * Every regular file is written to a temporary name next to it first;
 * only when all of them are written are they renamed into place, and only
 * then are standard output, devices and pipes written. SIGINT, SIGTERM and
 * SIGHUP wait until that is over, so a signal leaves either every old file
 * or every new one, and no temporary file behind. A failure while writing
 * the temporary files replaces nothing. The exceptions: when a rename fails
 * after others succeeded (it takes a vanished directory), or writing in
 * place fails, the files already renamed stay replaced.
 *
 * Return: 0, or -1 after an error naming the file.
 */
int file_set_commit(const struct file_set *set);

/**
 * file_set_release() - free a file set
 * @set: the set, left empty
 *
 * Frees the paths and the array, not the caller's data.
 */
void file_set_release(struct file_set *set);

/**
 * list_files() - list the files of a directory that have a suffix
 * @dir: the directory
 * @suffix: how the names end, e.g. ".rst"
 * @recursive: also list the files of its subdirectories
 * @out: receives the paths, appended
 *
 * Append the files under @dir whose names end in @suffix, as paths relative
 * to @dir ("sub/x.rst" when @recursive), sorted; hidden entries are
 * skipped. After an error @out may hold some of the paths, unsorted.
 *
 * Return: 0, or -1 with errno set when @dir (or, when @recursive, one of
 * its subdirectories) cannot be read.
 */
int list_files(const char *dir, const char *suffix, int recursive,
	       struct strvec *out);

/**
 * mkdir_p() - create a directory and its parents
 * @path: the directory
 *
 * Each directory made has mode 0755 (less the umask). A @path that exists
 * already is not an error, even when it is not a directory.
 *
 * Return: 0, or -1 with errno set.
 */
int mkdir_p(const char *path);

#endif
