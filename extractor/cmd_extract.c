// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc extract - parse a kernel tree and write the model as api.json.
 */
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "clang.h"
#include "fileio.h"
#include "json.h"
#include "ktree.h"
#include "options.h"
#include "strbuf.h"
#include "util.h"

static const char extract_usage[] =
	"opsdoc extract [-k KSRC] [-b KBUILD] [-f FLAGS] [-o FILE] [-q]";

enum { OPT_KSRC, OPT_KBUILD, OPT_FLAGS, OPT_OUTPUT, OPT_QUIET, NR_OPTS };

static const struct opt extract_opts[] = {
	[OPT_KSRC] = { 'k', "ksrc", "KSRC", "kernel source tree (default: the newest linux-source package)" },
	[OPT_KBUILD] = { 'b', "kbuild", "KBUILD", "prepared output directory (default: one in the cache)" },
	[OPT_FLAGS] = { 'f', "flags", "FILE", "compiler arguments, one a line, instead of probing kbuild" },
	[OPT_OUTPUT] = { 'o', "output", "FILE", "where to write api.json (default: standard output)" },
	[OPT_QUIET] = { 'q', "quiet", NULL, "print no notes" },
	[NR_OPTS] = { 0 },
};

/* The headers whose declarations opsdoc models. */
static const char *const model_headers[] = {
	"linux/fs.h",
	"linux/mm.h",
	"linux/mm_types.h",
	NULL
};

int cmd_extract(int argc, char **argv)
{
	const char *v[NR_OPTS];
	struct ktree kt;
	struct strvec args = STRVEC_INIT;
	struct strbuf out = STRBUF_INIT;
	struct extract_opts eo = { 0 };
	struct api api;
	struct ops_struct *s;
	int i, ret = EXIT_USAGE;

	i = parse_opts(argc, argv, extract_opts, extract_usage, v);
	if (i == OPTS_HELP)
		return 0;
	if (i == OPTS_ERROR)
		return EXIT_USAGE;
	if (i < argc) {
		error_at(NULL, 0, "extract takes no operands ('%s')", argv[i]);
		return EXIT_USAGE;
	}
	opsdoc_quiet = v[OPT_QUIET] != NULL;

	if (ktree_resolve(&kt, v[OPT_KSRC], v[OPT_KBUILD], v[OPT_FLAGS]))
		return EXIT_USAGE;
	strvec_init(&args);
	if (ktree_load_flags(kt.flags, &args))
		goto out_release_tree;

	api_init(&api);
	api.version = xstrdup(kt.version);
	eo.ksrc = kt.ksrc;
	eo.args = &args;
	eo.headers = model_headers;
	eo.max_diags = 5;
	if (clang_extract(&eo, &api))
		goto out_release_api;
	if (api.nr_diagnostics)
		note_at(NULL, 0, "libclang reported %u diagnostics; the model "
			"is complete for every struct found", api.nr_diagnostics);
	for_each_struct(&api, s)
		if (!s->present)
			note_at(NULL, 0, "struct %s: not in this tree (%s); "
				"recorded as present: false", s->name, api.version);
	for (i = 0; i < (int)api.nr_enums; i++)
		if (!api.enums[i].present)
			note_at(NULL, 0, "enum %s: not in this tree (%s); "
				"recorded as present: false", api.enums[i].name,
				api.version);

	strbuf_init(&out);
	api_to_json(&api, &out);
	if (!write_file_atomic(v[OPT_OUTPUT] ? v[OPT_OUTPUT] : "-", out.buf,
			       out.len))
		ret = 0;
	strbuf_release(&out);
out_release_api:
	api_release(&api);
out_release_tree:
	strvec_release(&args);
	ktree_release(&kt);
	return ret;
}
