/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_KTREE_H
#define OPSDOC_KTREE_H

#include "strvec.h"

/* A kernel tree, resolved to absolute paths, and the clang flags for it. */
struct ktree {
	char *ksrc;
	char *kbuild;	/* NULL when only a flags file was given */
	char *flags;	/* one compiler argument a line */
	char *version;	/* from KSRC/Makefile, e.g. "7.3.4" */
};

/*
 * Fill kt from the user's options (any may be NULL). Without flags, runs
 * scripts/ktree.sh to find or prepare KSRC and KBUILD and to probe kbuild's
 * compile command. Returns 0, or -1 after a one-line error.
 */
int ktree_resolve(struct ktree *kt, const char *ksrc, const char *kbuild,
		  const char *flags);
void ktree_release(struct ktree *kt);

/* 0 when dir looks like a kernel tree; else -1 after naming what is missing. */
int ktree_check(const char *dir);
/* "VERSION.PATCHLEVEL.SUBLEVEL" from dir/Makefile, or NULL after an error. */
char *ktree_version(const char *dir);
/* Read a flags file, one argument a line; -1 after an error. */
int ktree_load_flags(const char *path, struct strvec *args);

#endif
