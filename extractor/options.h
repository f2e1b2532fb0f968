/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_OPTIONS_H
#define OPSDOC_OPTIONS_H

#include <stdio.h>

/**
 * struct opt - one command-line option
 * @short_name: the letter of its -X form, or 0 for none
 * @long_name: the name of its --NAME form; NULL ends a table of options
 * @arg: the name of its argument in the usage, or NULL for a flag
 * @help: its line in the usage
 */
struct opt {
	char short_name;
	const char *long_name;
	const char *arg;
	const char *help;
};

/*
 * The option group every command that reads a kernel tree shares (git's
 * OPT_GROUP habit): one entry each, for a command's table, so that their
 * letters, names and help are written once.
 */
#define OPTION_KSRC \
	{ 'k', "ksrc", "KSRC", "kernel source tree (default: the newest linux-source package)" }
#define OPTION_KBUILD \
	{ 'b', "kbuild", "KBUILD", "prepared output directory (default: one in the cache)" }
#define OPTION_FLAGS \
	{ 'f', "flags", "FILE", "compiler arguments, one a line, instead of probing kbuild" }
#define OPTION_QUIET \
	{ 'q', "quiet", NULL, "print no notes" }

/**
 * define OPTS_HELP - parse_opts() printed the help: exit with success
 */
#define OPTS_HELP  (-1)

/**
 * define OPTS_ERROR - parse_opts() found a usage error and reported it
 */
#define OPTS_ERROR (-2)

/**
 * parse_opts() - parse a command's options
 * @argc: the number of arguments
 * @argv: the arguments; argv[0] is the command's name
 * @opts: the options, ended by an entry with no long_name
 * @usage: the usage line, for -h/--help and errors
 * @values: one entry per option in @opts
 *
 * Parse @argv against @opts, up to the first operand. @values[i] receives
 * option i's argument (pointing into @argv; "" for a flag that was given;
 * the last one when it is given twice) or is set to NULL. -h/--help prints
 * the usage and the options to stdout.
 *
 * Return: the index in @argv of the first operand, OPTS_HELP after --help,
 * or OPTS_ERROR after printing an error and the usage to stderr.
 */
int parse_opts(int argc, char **argv, const struct opt *opts,
	       const char *usage, const char **values);

/**
 * print_usage() - print a command's usage and options
 * @out: where to print
 * @opts: the options, ended by an entry with no long_name
 * @usage: the usage line, printed after "usage: "
 *
 * One line per option with its help, and -h/--help last.
 */
void print_usage(FILE *out, const struct opt *opts, const char *usage);

#endif
