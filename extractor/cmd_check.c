// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc check - what a header change left undocumented or wrong.
 *
 * The documents are read and their listings found, parsed and compared
 * in checkdocs.c, the comparison itself is drift.c's; with --since, the
 * model of the headers at a revision is compared with today's (since.c).
 * Findings print like a compiler's warnings, or as JSON (report.c).
 */
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "checkdocs.h"
#include "drift.h"
#include "fileio.h"
#include "ktree.h"
#include "options.h"
#include "report.h"
#include "since.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

static const char check_usage[] =
	"opsdoc check [-k KSRC] [-b KBUILD] [-f FLAGS] [-a API_JSON]\n"
	"                    [--docs DIR [DIR...]] [--format text|json] [--strict]\n"
	"                    [--notes] [--baseline FILE] [--since REV] [-o FILE] [-q]";

enum {
	OPT_KSRC, OPT_KBUILD, OPT_FLAGS, OPT_API, OPT_DOCS, OPT_FORMAT,
	OPT_STRICT, OPT_NOTES, OPT_BASELINE, OPT_SINCE, OPT_OUTPUT, OPT_QUIET, NR_OPTS
};

static const struct opt check_opts[] = {
	[OPT_KSRC] = OPTION_KSRC,
	[OPT_KBUILD] = OPTION_KBUILD,
	[OPT_FLAGS] = OPTION_FLAGS,
	[OPT_API] = { 'a', "api", "FILE", "use this api.json instead of extracting" },
	[OPT_DOCS] = { 0, "docs", "DIR", "scan DIR (and the operands) instead of KSRC/Documentation" },
	[OPT_FORMAT] = { 0, "format", "FMT", "text (default) or json" },
	[OPT_STRICT] = { 0, "strict", NULL, "exit 1 when there are findings" },
	[OPT_NOTES] = { 0, "notes", NULL, "also report the notes (param-name, missing-padding, table-drift); never counted by --strict" },
	[OPT_BASELINE] = { 0, "baseline", "FILE", "report only findings not in this earlier JSON report" },
	[OPT_SINCE] = { 0, "since", "REV", "KSRC is git: what changed in the headers since REV, and which sections to update" },
	[OPT_OUTPUT] = { 'o', "output", "FILE", "write the report here (default: standard output)" },
	[OPT_QUIET] = OPTION_QUIET,
	[NR_OPTS] = { 0 },
};

int cmd_check(int argc, char **argv)
{
	const char *v[NR_OPTS];
	struct strvec dirs = STRVEC_INIT;
	struct check_run cr = { 0 };
	struct changes changes = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct report r;
	struct ktree kt;
	int i, first, json, ret = EXIT_USAGE;

	first = parse_opts(argc, argv, check_opts, check_usage, v);
	if (first == OPTS_HELP)
		return 0;
	if (first == OPTS_ERROR)
		return EXIT_USAGE;
	if (v[OPT_FORMAT] && strcmp(v[OPT_FORMAT], "text") &&
	    strcmp(v[OPT_FORMAT], "json")) {
		error_at(NULL, 0, "--format takes text or json, not '%s'", v[OPT_FORMAT]);
		return EXIT_USAGE;
	}
	json = v[OPT_FORMAT] && !strcmp(v[OPT_FORMAT], "json");
	if (first < argc && !v[OPT_DOCS]) {
		error_at(NULL, 0, "operands are documentation directories after "
			 "--docs ('%s')", argv[first]);
		return EXIT_USAGE;
	}
	opsdoc_quiet = v[OPT_QUIET] != NULL;
	if (ktree_resolve(&kt, v[OPT_KSRC], v[OPT_KBUILD], v[OPT_FLAGS]))
		return EXIT_USAGE;
	strvec_init(&dirs);
	if (v[OPT_DOCS]) {
		strvec_push(&dirs, v[OPT_DOCS]);
		for (i = first; i < argc; i++)
			strvec_push(&dirs, argv[i]);
	} else {
		strbuf_addf(&out, "%s/Documentation", kt.ksrc);
		strvec_push(&dirs, out.buf);
		strbuf_reset(&out);
	}
	if (check_tree(&kt, v[OPT_API], &dirs, &cr))
		goto out;
	if (!v[OPT_NOTES])
		findings_drop_notes(&cr.fs);
	if (v[OPT_BASELINE] && apply_baseline(v[OPT_BASELINE], &cr.fs))
		goto out;
	if (v[OPT_SINCE]) {
		changes.rev = xstrdup(v[OPT_SINCE]);
		if (model_at_rev(&kt, v[OPT_SINCE], &changes.then))
			goto out;
		diff_models(&cr.api, &changes);
	}
	r.api = &cr.api;
	r.findings = &cr.fs;
	r.coverage = &cr.cov;
	r.listings = &cr.ls;
	r.since = v[OPT_SINCE] ? &changes : NULL;
	if (json) {
		if (report_json(&r, &out))
			goto out;
	} else {
		report_text(&r, &out);
	}
	if (write_file_atomic(v[OPT_OUTPUT] ? v[OPT_OUTPUT] : "-", out.buf, out.len))
		goto out;
	ret = v[OPT_STRICT] && findings_warnings(&cr.fs) ? EXIT_FINDINGS : 0;
out:
	check_run_release(&cr);
	changes_release(&changes);
	strvec_release(&dirs);
	strbuf_release(&out);
	ktree_release(&kt);
	return ret;
}
