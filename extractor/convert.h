/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_CONVERT_H
#define OPSDOC_CONVERT_H

/*
 * opsdoc convert: the mechanical legacy .mmap implementations of a tree,
 * converted to .mmap_prepare by cocci/mmap_prepare.cocci, one patch per
 * file, compile-tested and checked, as one series.
 *
 * cmd_convert.c picks the implementations from the census and writes the
 * series; convert_patch.c runs spatch, fixes the kernel-doc, builds the
 * object and writes the log; convert_tools.c sorts what checkpatch.pl
 * (kscripts.c's checkpatch_run(), as series runs it) says of a patch, and
 * reads a MAINTAINERS section's addresses.
 */

#include "strbuf.h"
#include "strvec.h"

struct census_fn;
struct maintainers;

/**
 * struct convert_file - one file of the tree and its implementations
 * @path: the file, relative to the tree
 * @fns: its implementations the semantic patch may convert
 * @nr_fns: how many
 * @text: the converted file
 * @build: "built with W=1 ..." or why it was not compile-tested
 * @built: 1 built with no new warning, 0 not compile-tested, -1 failed
 * @failed: why no patch was written, or empty
 * @kdoc: 1 when scripts/kernel-doc -none ran on it with no new warning
 */
struct convert_file {
	char *path;
	const struct census_fn **fns;
	size_t nr_fns;
	struct strbuf text;
	struct strbuf build;
	int built;
	struct strbuf failed;
	int kdoc;
};

/**
 * struct convert_ctx - what every file's conversion needs
 * @ksrc: the tree
 * @version: its version
 * @build_dir: the allmodconfig build directory, or NULL not to build
 * @cocci: the semantic patch
 * @spatch_version: "1.1.1"
 * @scratch: a scratch directory
 * @has_tools: the tree has scripts/get_maintainer.pl
 * @maint: its MAINTAINERS, read (NULL without one)
 */
struct convert_ctx {
	const char *ksrc;
	const char *version;
	const char *build_dir;
	const char *cocci;
	char *spatch_version;
	const char *scratch;
	int has_tools;
	struct maintainers *maint;
};

/* convert_patch.c */

/**
 * convert_apply() - run the semantic patch on one file
 * @x: the context
 * @f: the file; @f->text receives the converted text, @f->failed why not
 *
 * Return: 0, or -1 with @f->failed set.
 */
int convert_apply(const struct convert_ctx *x, struct convert_file *f);

/**
 * convert_build() - build the converted object with W=1
 * @x: the context
 * @f: the file; @f->build and @f->built are set
 *
 * The original is built first, by kbuild in @x->build_dir, for its
 * command line; then the original and the converted text by that command,
 * and any warning of the converted one that the original lacks fails it.
 */
void convert_build(const struct convert_ctx *x, struct convert_file *f);

/**
 * convert_kerneldoc() - scripts/kernel-doc -none on the converted file
 * @x: the context
 * @f: the file; @f->kdoc is set, or @f->failed on a new warning
 *
 * The tree's kernel-doc on the original and on the converted text: a
 * warning (its line cut, as lines move) that the converted text has more
 * often than the original fails the file. Without scripts/kernel-doc in
 * the tree nothing is checked and @f->kdoc stays 0.
 *
 * Return: 0, or -1 with @f->failed set.
 */
int convert_kerneldoc(const struct convert_ctx *x, struct convert_file *f);

/**
 * convert_prepared() - is a build directory prepared?
 * @dir: the directory
 *
 * Return: nonzero when modules_prepare finished in it (its stamp
 * .opsdoc-prepared is there), so no make is running in it.
 */
int convert_prepared(const char *dir);

/**
 * convert_prebuild() - let kbuild build every original object at once
 * @x: the context
 * @files: the files
 * @nr: how many
 *
 * One make for all the objects whose command line the build directory
 * lacks, so that convert_build() need not run make for each.
 */
void convert_prebuild(const struct convert_ctx *x, struct convert_file *files,
		      size_t nr);

/**
 * convert_subject() - the subject line of a file's patch
 * @x: the context: the tree, and its MAINTAINERS sections
 * @f: the file and its hooks
 * @out: receives "ptp: vmclock: Convert vmclock_miscdev_mmap() to
 *       .mmap_prepare"
 *
 * The prefix is the one the file's own history uses most, when the tree
 * is a git repository; else the one its MAINTAINERS section's patches use
 * ("KVM: PPC: Book3S:", "Drivers: hv:"), else one made from its path.
 */
void convert_subject(const struct convert_ctx *x, const struct convert_file *f,
		     struct strbuf *out);

/**
 * convert_log() - the commit message body of a file's patch
 * @x: the context
 * @f: the converted file
 * @out: receives the text, wrapped at 72 columns
 */
void convert_log(const struct convert_ctx *x, const struct convert_file *f,
		 struct strbuf *out);

/* convert_tools.c */

/**
 * convert_checkpatch() - checkpatch.pl --strict on what a patch adds
 * @ksrc: the tree
 * @patch: the patch
 * @before: the file as the tree has it
 * @after: the converted file
 * @out: receives what checkpatch.pl says of the patch that the conversion
 *       brought; empty when clean
 * @had: receives what it says of the patch that the file already had
 *
 * checkpatch.pl judges every line a patch adds, whole: a converted line
 * keeps whatever it had before (the parentheses of "if ((a > b) || ...)").
 * An issue of the patch counts as the file's own when the file before the
 * patch has at least as many issues of that type as the file after it.
 *
 * Return: 0 when the conversion brings no issue; -1 when it does, or
 * checkpatch.pl did not run (@out empty).
 */
int convert_checkpatch(const char *ksrc, const char *patch, const char *before,
		       const char *after, struct strbuf *out, struct strbuf *had);

/**
 * convert_section() - the M:, R: and L: addresses of a MAINTAINERS section
 * @ksrc: the tree
 * @name: the section, e.g. "MEMORY MAPPING"
 * @to: receives the M: addresses
 * @cc: receives the R: and L: addresses
 */
void convert_section(const char *ksrc, const char *name, struct strvec *to,
		     struct strvec *cc);

#endif
