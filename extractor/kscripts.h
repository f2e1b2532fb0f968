/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_KSCRIPTS_H
#define OPSDOC_KSCRIPTS_H

/*
 * The kernel tree's own scripts, run from an argv in the tree (read
 * only): get_maintainer.pl, for who is sent a patch and which sections of
 * MAINTAINERS keep a file, and checkpatch.pl.
 */

#include <stddef.h>

struct strbuf;
struct strvec;

/**
 * struct maint_section - a section of MAINTAINERS that keeps a file
 * @name: its title, e.g. "FILESYSTEMS (VFS and infrastructure)"
 * @tree: its first "T: git" tree, e.g. "https://git.kernel.org/.../vfs.git",
 *        or NULL when it names none
 * @exact: 1 when one of its F: patterns is the file's own path
 */
struct maint_section {
	char *name;
	char *tree;
	int exact;
};

/**
 * maintainers_addresses() - who get_maintainer.pl says to send a patch to
 * @ksrc: the kernel tree
 * @is_git: whether @ksrc is a git work tree (else --no-git)
 * @targets: patch files, or with @files the tree's files
 * @files: pass -f
 * @to: receives the maintainers, each once
 * @cc: receives the reviewers and lists, each once
 *
 * Return: 0, or -1 after an error naming the script.
 */
int maintainers_addresses(const char *ksrc, int is_git,
			  const struct strvec *targets, int files,
			  struct strvec *to, struct strvec *cc);

/**
 * maintainers_sections() - the sections of MAINTAINERS that keep a file
 * @ksrc: the kernel tree
 * @file: the file, relative to @ksrc
 * @v: receives the sections that have a maintainer (M:), other than
 *     THE REST, most specific first: those with @exact, then in
 *     get_maintainer.pl's order; free with maint_sections_free()
 *
 * Return: how many, or -1 after an error naming the script.
 */
int maintainers_sections(const char *ksrc, const char *file,
			 struct maint_section **v);

/**
 * maint_sections_free() - free what maintainers_sections() gave
 * @v: the sections
 * @n: how many
 */
void maint_sections_free(struct maint_section *v, size_t n);

/**
 * checkpatch_run() - checkpatch.pl --strict --terse on a patch or a file
 * @ksrc: the kernel tree
 * @path: the patch, or with @file a source file
 * @file: pass -f
 * @types: pass --show-types ("CHECK:UNNECESSARY_PARENTHESES: ...")
 * @out: receives what it says, one issue a line; empty when clean
 *
 * A patch without a Signed-off-by: (no identity was given) is checked
 * with --no-signoff, as checkpatch_strict() checks it.
 *
 * Return: its exit status, or -1 when it did not run.
 */
int checkpatch_run(const char *ksrc, const char *path, int file, int types,
		   struct strbuf *out);

/**
 * checkpatch_strict() - checkpatch.pl --strict on patches
 * @ksrc: the kernel tree
 * @patches: the patch files
 * @shown: for each patch, the name errors give it
 *
 * A patch with no Signed-off-by: is checked with --no-signoff: the tool
 * never signs, and the user adds it.
 *
 * Return: 0 when checkpatch has nothing to say of any, else -1 after an
 * error for each patch that quotes it.
 */
int checkpatch_strict(const char *ksrc, const struct strvec *patches,
		      const struct strvec *shown);

/**
 * tree_takes_assisted_by() - does the tree's checkpatch.pl know Assisted-by:?
 * @ksrc: the kernel tree
 *
 * Trees whose process documents ask a patch made with a tool to say so in
 * an Assisted-by: tag teach their checkpatch.pl the tag; an older one
 * calls it a non-standard signature, and some stable ones want a value
 * of the form "AGENT_NAME:MODEL_VERSION" that names a model.
 *
 * Return: 1 when "Assisted-by: LLM opsdoc" passes the tree's checkpatch.pl.
 */
int tree_takes_assisted_by(const char *ksrc);

#endif
