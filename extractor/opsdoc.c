// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc - documentation for the kernel's file-operation callbacks,
 * generated from the kernel's own headers.
 */
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "util.h"
#include "version.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "extract", cmd_extract, "parse a kernel tree and write the model (api.json)" },
	{ "generate", cmd_generate, "write the updated vfs.rst, its patch and the mm pages" },
	{ "check", cmd_check, "report documentation that drifted from the headers" },
	{ "series", cmd_series, "write the rewritten documents as a git format-patch series" },
	{ "census", cmd_census, "count .mmap against .mmap_prepare across a tree, with recipes" },
	{ "convert", cmd_convert, "patches converting mechanical .mmap hooks to .mmap_prepare" },
	{ "scaffold", cmd_scaffold, "write a minimal module implementing one callback" },
	{ NULL, NULL, NULL },
};

static void usage(FILE *out)
{
	const struct command *c;

	fputs("usage: opsdoc <command> [options]   (opsdoc <command> --help)\n\n"
	      "commands:\n", out);
	for (c = commands; c->name; c++)
		fprintf(out, "    %-10s %s\n", c->name, c->help);
	fputs("\nexit status: 0 fine, 1 findings, 2 usage or input error\n", out);
}

int main(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		puts("opsdoc " OPSDOC_VERSION);
		return 0;
	}
	for (c = commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->fn(argc - 1, argv + 1);
	error_at(NULL, 0, "unknown command '%s'; see 'opsdoc --help'", argv[1]);
	return EXIT_USAGE;
}
