/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_KTREE_H
#define OPSDOC_KTREE_H

#include "strvec.h"

/**
 * struct ktree - a kernel tree and the clang flags for it
 * @ksrc: the source tree, an absolute path
 * @kbuild: the prepared output directory, an absolute path; NULL when only
 *          a flags file was given
 * @flags: the flags file, one compiler argument a line
 * @version: from KSRC/Makefile, e.g. "7.3.4"
 *
 * Every string belongs to the ktree and is freed by ktree_release().
 */
struct ktree {
	char *ksrc;
	char *kbuild;
	char *flags;
	char *version;
};

/**
 * ktree_resolve() - find a kernel tree and its flags
 * @kt: receives the tree; whatever it held is not freed
 * @ksrc: the user's source tree, or NULL
 * @kbuild: the user's output directory, or NULL
 * @flags: the user's flags file, or NULL; it needs @ksrc
 *
 * Fill @kt from the user's options (any may be NULL). Without @flags, runs
 * scripts/ktree.sh to find or prepare KSRC and KBUILD and to probe
 * kbuild's compile command. @ksrc must look like a kernel tree
 * (ktree_check()).
 *
 * Return: 0, or -1 after a one-line error; @kt is then empty.
 */
int ktree_resolve(struct ktree *kt, const char *ksrc, const char *kbuild,
		  const char *flags);

/**
 * ktree_release() - free a ktree's strings
 * @kt: the tree, left zeroed
 */
void ktree_release(struct ktree *kt);

/**
 * ktree_check() - does a directory look like a kernel tree?
 * @dir: the directory
 *
 * It must hold a Makefile and include/linux/fs.h.
 *
 * Return: 0 when @dir looks like a kernel tree; else -1 after an error
 * naming what is missing.
 */
int ktree_check(const char *dir);

/**
 * ktree_version() - the kernel version of a tree
 * @dir: the tree
 *
 * Read from @dir/Makefile: VERSION.PATCHLEVEL, then .SUBLEVEL when it is
 * not empty, then EXTRAVERSION.
 *
 * Return: the version, e.g. "7.3.4", which the caller must free(); or NULL
 * after an error.
 */
char *ktree_version(const char *dir);

/**
 * ktree_load_flags() - read a flags file
 * @path: the file, one compiler argument a line
 * @args: receives the arguments, appended
 *
 * Empty lines and lines that start with '#' are skipped.
 *
 * Return: 0, or -1 after an error naming @path.
 */
int ktree_load_flags(const char *path, struct strvec *args);

#endif
