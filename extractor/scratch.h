/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_SCRATCH_H
#define OPSDOC_SCRATCH_H

/*
 * Scratch directories: made empty under $TMPDIR (or /tmp), removed with
 * everything in them when the command is done with them.
 */

/**
 * scratch_dir() - make a new, empty scratch directory
 * @what: a word for its name, e.g. "series" gives /tmp/opsdoc-series-XXXXXX
 *
 * Return: its path, which the caller frees (after remove_tree()), or NULL
 * after an error naming the directory.
 */
char *scratch_dir(const char *what);

/**
 * remove_tree() - remove a directory and everything in it
 * @dir: the directory; symbolic links in it are removed, not followed
 *
 * No program is run. A file that cannot be removed is warned of.
 */
void remove_tree(const char *dir);

#endif
