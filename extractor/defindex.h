/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_DEFINDEX_H
#define OPSDOC_DEFINDEX_H

#include <stddef.h>

/**
 * struct struct_def - one place where a header defines a struct
 * @name: the struct's tag
 * @file: the header, relative to the kernel tree
 * @line: the line of the ``struct`` keyword
 */
struct struct_def {
	char *name;
	char *file;
	unsigned int line;
};

/**
 * struct def_index - the struct definitions of a tree's headers
 * @v: the definitions, sorted by name, then file, then line
 * @n: how many
 * @nr_files: how many headers were read
 */
struct def_index {
	struct struct_def *v;
	size_t n;
	size_t nr_files;
};

/**
 * def_arch() - the architecture whose headers hold a definition
 * @file: a header, relative to the kernel tree
 * @len: set to the length of the name (0 when none)
 *
 * The index covers include/ and every arch/ARCH/include of the tree.
 *
 * Return: ARCH, not terminated, for a header under arch/ARCH/include/;
 * NULL for the rest (include/).
 */
const char *def_arch(const char *file, size_t *len);

/**
 * def_index_build() - index the struct definitions of a tree's headers
 * @ksrc: the kernel tree
 * @idx: filled; release it with def_index_release()
 *
 * Reads every .h file under include/ and each arch/ARCH/include of @ksrc and records each
 * ``struct NAME {`` at file scope: outside braces, comments, string
 * literals and preprocessor lines. Definitions inside #if branches are all
 * recorded; which one the compiler uses is the parser's answer.
 *
 * The index is cached, with the modification time of every directory that
 * holds a header: a warm run stats those few hundred directories, not the
 * thousands of headers. A header added, removed or renamed (git checkout,
 * an editor that writes by rename) makes a new index; a struct added to a
 * header in place is seen after OPSDOC_NO_CACHE=1 or a change of its
 * directory.
 *
 * Return: 0, or -1 after an error naming the directory that could not be
 * read.
 */
int def_index_build(const char *ksrc, struct def_index *idx);

struct strvec;

/**
 * def_index_of_files() - index the struct definitions of some files
 * @ksrc: the kernel tree
 * @files: the files, relative to @ksrc (headers outside the index's
 *         directories: drivers/hwspinlock/hwspinlock_internal.h)
 * @idx: filled as def_index_build() fills it; not cached (a few files)
 *
 * A file that cannot be read is skipped.
 *
 * Return: 0.
 */
int def_index_of_files(const char *ksrc, const struct strvec *files,
		       struct def_index *idx);

/**
 * def_index_find() - the definitions of one struct
 * @idx: the index
 * @name: the struct's tag
 * @count: set to how many definitions there are (0 when none)
 *
 * Return: the first of @count consecutive entries, or NULL.
 */
const struct struct_def *def_index_find(const struct def_index *idx,
					const char *name, size_t *count);

/**
 * def_index_nearest() - the tags nearest to a name the tree does not define
 * @idx: the index
 * @name: the tag asked for
 * @max: at most this many
 * @out: receives the tags, nearest first: those that share @name's first
 *       three characters and either add or drop a "_word" at its end, or
 *       are within an edit distance of a third of its length (at least 2)
 */
void def_index_nearest(const struct def_index *idx, const char *name,
		       size_t max, struct strvec *out);

/**
 * def_index_release() - free what def_index_build() filled
 * @idx: the index; left empty
 */
void def_index_release(struct def_index *idx);

#endif
