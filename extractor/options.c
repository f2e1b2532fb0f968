// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "strbuf.h"
#include "util.h"

void print_usage(FILE *out, const struct opt *opts, const char *usage)
{
	const struct opt *o;

	fprintf(out, "usage: %s\n\n", usage);
	for (o = opts; o->long_name; o++) {
		char left[64];

		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name,
				 o->long_name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->long_name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "    %-26s %s\n", left, o->help);
	}
	fprintf(out, "    %-26s %s\n", "-h, --help", "show this help");
}

int parse_opts(int argc, char **argv, const struct opt *opts,
	       const char *usage, const char **values)
{
	struct option longs[32];
	struct strbuf shorts = STRBUF_INIT;
	size_t n = 0, i;
	int c, idx;

	strbuf_addch(&shorts, '+');	/* stop at the first operand */
	for (; opts[n].long_name; n++) {
		if (n + 2 >= sizeof(longs) / sizeof(longs[0]))
			die("too many options");
		longs[n].name = opts[n].long_name;
		longs[n].has_arg = opts[n].arg ? required_argument : no_argument;
		longs[n].flag = NULL;
		longs[n].val = 256 + (int)n;
		if (opts[n].short_name) {
			strbuf_addch(&shorts, opts[n].short_name);
			if (opts[n].arg)
				strbuf_addch(&shorts, ':');
		}
		values[n] = NULL;
	}
	longs[n] = (struct option){ "help", no_argument, NULL, 'h' };
	longs[n + 1] = (struct option){ NULL, 0, NULL, 0 };
	strbuf_addch(&shorts, 'h');

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts.buf, longs, &idx)) != -1) {
		if (c == 'h') {
			print_usage(stdout, opts, usage);
			strbuf_release(&shorts);
			return OPTS_HELP;
		}
		if (c == '?' || c == ':') {
			if (optopt && optopt < 256)
				error_at(NULL, 0, "unknown option -%c or missing "
					 "argument", optopt);
			else
				error_at(NULL, 0, "unknown option %s or missing "
					 "argument", argv[optind - 1]);
			print_usage(stderr, opts, usage);
			strbuf_release(&shorts);
			return OPTS_ERROR;
		}
		if (c >= 256) {
			i = c - 256;
		} else {
			for (i = 0; i < n && opts[i].short_name != c; i++)
				;
		}
		values[i] = optarg ? optarg : "";
	}
	strbuf_release(&shorts);
	return optind;
}
