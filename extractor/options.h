/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_OPTIONS_H
#define OPSDOC_OPTIONS_H

#include <stdio.h>

/* One command-line option; arg is NULL for a flag. */
struct opt {
	char short_name;
	const char *long_name;
	const char *arg;
	const char *help;
};

/*
 * Parse argv against opts (ended by an entry with no long_name). values[i]
 * receives option i's argument ("" for a flag that was given) or stays
 * NULL. -h/--help prints usage and the options to stdout.
 * Returns the index of the first operand, OPTS_HELP after --help, or
 * OPTS_ERROR after printing the usage to stderr.
 */
#define OPTS_HELP  (-1)
#define OPTS_ERROR (-2)
int parse_opts(int argc, char **argv, const struct opt *opts,
	       const char *usage, const char **values);
void print_usage(FILE *out, const struct opt *opts, const char *usage);

#endif
