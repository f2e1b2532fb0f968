/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_GIT_H
#define OPSDOC_GIT_H

/*
 * The one way opsdoc runs git: from an argv (run.c), in a directory,
 * with its output captured when asked.
 */

struct strbuf;

/**
 * git_run() - run git in a directory and wait for it
 * @dir: the working directory, or NULL for opsdoc's
 * @args: git's arguments, without "git"; NULL-terminated
 * @out: receives git's standard output, or NULL to discard it
 * @quiet: when set, git's standard error is discarded and a failure is
 *         not reported; otherwise a non-zero exit is an error naming @dir
 *         and the git command
 *
 * Return: git's exit status (0 to 255), or -1 when it could not be run.
 */
int git_run(const char *dir, const char *const *args, struct strbuf *out,
	    int quiet);

#endif
