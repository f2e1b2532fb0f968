/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RUN_H
#define OPSDOC_RUN_H

/*
 * Running other programs (git, diff, scripts/ktree.sh): always from an
 * argv, never through a shell, so no argument needs quoting.
 */

struct strbuf;

/* How run_program() runs a program; a zeroed struct is the default. */
struct run_opts {
	const char *dir;	/* working directory, or NULL for opsdoc's */
	struct strbuf *out;	/* gets standard output, or NULL for opsdoc's */
	int quiet;		/* discard standard error */
};

/**
 * run_program() - run a program and wait for it to finish
 * @argv: the program, looked up in PATH when it has no '/', and its
 *        arguments; NULL-terminated
 * @opts: the working directory and what becomes of the program's output;
 *        NULL for the defaults
 *
 * The program gets opsdoc's environment and standard input. When
 * @opts->out is set, what the program writes to its standard output is
 * appended to it.
 *
 * Return: the program's exit status (0 to 255), or -1 after an error that
 * names the program: it could not be started, or a signal killed it.
 */
int run_program(const char *const *argv, const struct run_opts *opts);

#endif
