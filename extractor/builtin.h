/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_BUILTIN_H
#define OPSDOC_BUILTIN_H

/*
 * The subcommands, one file each (cmd_NAME.c). Each gets argv with its own
 * name in argv[0] and returns the exit status: 0 fine, EXIT_FINDINGS (1)
 * findings, EXIT_USAGE (2) usage or input error.
 */

/**
 * cmd_extract() - opsdoc extract: parse a kernel tree, write api.json
 * @argc: the number of arguments
 * @argv: "extract" and its options
 *
 * Return: 0, or EXIT_USAGE after an error.
 */
int cmd_extract(int argc, char **argv);

/**
 * cmd_generate() - opsdoc generate: the updated kernel documents
 * @argc: the number of arguments
 * @argv: "generate" and its options
 *
 * Writes the updated vfs.rst, its patch and the mm pages: all, or none.
 *
 * Return: 0, or EXIT_USAGE after an error.
 */
int cmd_generate(int argc, char **argv);

/**
 * cmd_scaffold() - opsdoc scaffold: a module implementing a callback
 * @argc: the number of arguments
 * @argv: "scaffold", the callback and the options
 *
 * Writes a minimal module implementing one file_operations callback with
 * the tree's signature, or with --all one per active callback.
 *
 * Return: 0, or EXIT_USAGE after an error.
 */
int cmd_scaffold(int argc, char **argv);

/**
 * cmd_series() - opsdoc series: the rewritten documents as a patch series
 * @argc: the argument count
 * @argv: the arguments, argv[0] being "series"
 *
 * Return: 0, or EXIT_USAGE after an error.
 */
int cmd_series(int argc, char **argv);

/**
 * cmd_check() - opsdoc check: where the documents drifted from the headers
 * @argc: the number of arguments
 * @argv: "check", its options and the --docs directories
 *
 * Compares every listing of a modelled struct in the documents with the
 * headers and, with --since, says what changed since a revision.
 *
 * Return: 0; EXIT_FINDINGS with --strict when there are findings; or
 * EXIT_USAGE after an error.
 */
int cmd_check(int argc, char **argv);

/**
 * cmd_census() - opsdoc census: .mmap against .mmap_prepare across a tree
 * @argc: the number of arguments
 * @argv: "census", its options and, with --merge, the JSON files
 *
 * Return: 0, or EXIT_USAGE after an error.
 */
int cmd_census(int argc, char **argv);

/**
 * cmd_convert() - opsdoc convert: mechanical .mmap hooks to .mmap_prepare
 * @argc: argument count
 * @argv: "convert", its options and the functions or files to convert
 *
 * Return: the exit status.
 */
int cmd_convert(int argc, char **argv);

#endif
