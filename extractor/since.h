/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_SINCE_H
#define OPSDOC_SINCE_H

/*
 * check --since REV: the model of the tree's headers at a git revision,
 * and how its members changed since.
 */

#include <stddef.h>

#include "model.h"

struct ktree;

/* One member added, removed or changed since the revision. */
struct change {
	const char *struct_name;
	const char *member;
	const char *what;	/* added, removed, changed */
	const char *old_decl, *new_decl;
	const char *file;
	unsigned int line;
};

struct changes {
	struct change *v;
	size_t n;
	struct api then;	/* the model at REV; owns old_decl */
	char *rev;
};

/**
 * model_at_rev() - the model of a tree's headers at a git revision
 * @kt: the tree; KSRC must be the top of a git repository
 * @rev: the revision, as git names it
 * @api: receives the model; initialised here, whatever the result
 *
 * The revision's Makefile, include/ and arch/ are copied out with git
 * archive (which reads the repository, never writes it) into a temporary
 * directory, parsed with @kt's flags pointed there, and removed.
 *
 * Return: 0, or -1 after an error.
 */
int model_at_rev(const struct ktree *kt, const char *rev, struct api *api);

/**
 * diff_models() - the members that changed from one model to another
 * @now: the model of the tree
 * @c: @c->then is the earlier model; the changes are appended to @c, and
 *     point into both models
 */
void diff_models(const struct api *now, struct changes *c);

/**
 * changed_struct() - whether a struct has any change
 * @c: the changes
 * @name: the struct's name
 *
 * Return: 1 when a member of struct @name changed, else 0.
 */
int changed_struct(const struct changes *c, const char *name);

/**
 * changes_release() - free the changes, the earlier model and the revision
 * @c: the changes; left empty
 */
void changes_release(struct changes *c);

#endif
