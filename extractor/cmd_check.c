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
	[OPT_NOTES] = { 0, "notes", NULL, "also report the notes (param-name, table-drift); never counted by --strict" },
	[OPT_BASELINE] = { 0, "baseline", "FILE", "report only findings not in this earlier JSON report" },
	[OPT_SINCE] = { 0, "since", "REV", "KSRC is git: what changed in the headers since REV, and which sections to update" },
	[OPT_OUTPUT] = { 'o', "output", "FILE", "write the report here (default: standard output)" },
	[OPT_QUIET] = OPTION_QUIET,
	[NR_OPTS] = { 0 },
};

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_check(int argc, char **argv)
{
	const char *v[NR_OPTS];
	struct strvec dirs = STRVEC_INIT, names = STRVEC_INIT, wrapped = STRVEC_INIT;
	struct strvec undefined = STRVEC_INIT, headers = STRVEC_INIT;
	struct docs docs = { STRVEC_INIT, NULL };
	struct doc_listings ls = { 0 }, spec = { 0 };
	struct strvec candidates = STRVEC_INIT, near = STRVEC_INIT;
	struct strvec unknown = STRVEC_INIT;
	struct model_listings ml = { &spec, NULL, STRVEC_INIT };
	struct findings fs = { 0 };
	struct coverages cov = { 0 };
	struct model_opts mo = { 0 };
	struct changes changes = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct report r;
	struct ktree kt;
	struct api api;
	int i, first, json, ret = EXIT_USAGE;
	size_t k;

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
	strvec_init(&names);
	strvec_init(&wrapped);
	strvec_init(&undefined);
	strvec_init(&headers);
	if (v[OPT_DOCS]) {
		strvec_push(&dirs, v[OPT_DOCS]);
		for (i = first; i < argc; i++)
			strvec_push(&dirs, argv[i]);
	} else {
		strbuf_addf(&out, "%s/Documentation", kt.ksrc);
		strvec_push(&dirs, out.buf);
		strbuf_reset(&out);
	}
	if (read_docs(&dirs, &docs))
		goto out;
	/* The model holds every struct the documents may list. */
	mo.api_path = v[OPT_API];
	if (!mo.api_path) {
		docs_struct_names(&docs, &names, &wrapped);
		mo.structs = (const char *const *)names.v;
		mo.undefined = &undefined;
		strvec_init(&near);
		mo.suggestions = &near;
		/* Only a listing in "struct NAME {" can be of another tag. */
		mo.suggest_for = &wrapped;
		mo.headers = &headers;
		/*
		 * The listings are found first, for every struct the documents
		 * may list, and parsed with the headers, once.
		 */
		strvec_init(&candidates);
		for (k = 0; k < names.nr; k++)
			strvec_push_unique(&candidates, names.v[k]);
		for (k = 0; modelled_structs[k]; k++)
			strvec_push_unique(&candidates, modelled_structs[k]);
		qsort(candidates.v, candidates.nr, sizeof(*candidates.v), name_cmp);
		docs_find_listings(&docs, kt.ksrc,
				   (const char *const *)candidates.v, &spec);
		strvec_init(&ml.deps);
		mo.listings = &ml;
	}
	if (model_for_tree(&kt, &mo, &api))
		goto out;
	/* A listed struct the tree lacks, and the tags near it that it has. */
	for (k = 0; k < undefined.nr && k < near.nr; k++) {
		if (!*near.v[k])
			continue;
		strbuf_reset(&out);
		strbuf_addf(&out, "%s %s", undefined.v[k], near.v[k]);
		strvec_push(&unknown, out.buf);
	}
	strbuf_reset(&out);
	/* A model read from api.json: the headers its structs come from. */
	if (!headers.nr)
		model_struct_headers(&api, &headers);
	if (check_docs_unknown(&kt, &api, &docs, &headers, &unknown, &ml, &ls,
			       &fs, &cov))
		goto out;
	for (k = 0; k < wrapped.nr; k++)
		cov.not_in_tree += strvec_find(&undefined, wrapped.v[k]) >= 0;
	if (!v[OPT_NOTES])
		findings_drop_notes(&fs);
	if (v[OPT_BASELINE] && apply_baseline(v[OPT_BASELINE], &fs))
		goto out;
	if (v[OPT_SINCE]) {
		changes.rev = xstrdup(v[OPT_SINCE]);
		if (model_at_rev(&kt, v[OPT_SINCE], &changes.then))
			goto out;
		diff_models(&api, &changes);
	}
	r.api = &api;
	r.findings = &fs;
	r.coverage = &cov;
	r.listings = &ls;
	r.since = v[OPT_SINCE] ? &changes : NULL;
	if (json) {
		if (report_json(&r, &out))
			goto out;
	} else {
		report_text(&r, &out);
	}
	if (write_file_atomic(v[OPT_OUTPUT] ? v[OPT_OUTPUT] : "-", out.buf, out.len))
		goto out;
	ret = v[OPT_STRICT] && findings_warnings(&fs) ? EXIT_FINDINGS : 0;
out:
	coverages_release(&cov);
	findings_release(&fs);
	changes_release(&changes);
	doc_listings_release(&ls);
	for (k = 0; ml.parsed && k < spec.n; k++)
		ops_struct_release(&ml.parsed[k]);
	free(ml.parsed);
	strvec_release(&ml.deps);
	strvec_release(&candidates);
	strvec_release(&near);
	strvec_release(&unknown);
	doc_listings_release(&spec);
	docs_release(&docs);
	strvec_release(&dirs);
	strvec_release(&names);
	strvec_release(&wrapped);
	strvec_release(&undefined);
	strvec_release(&headers);
	strbuf_release(&out);
	api_release(&api);
	ktree_release(&kt);
	return ret;
}
