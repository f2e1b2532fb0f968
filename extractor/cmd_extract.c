// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc extract - parse a kernel tree and write the model as api.json.
 */
#include "builtin.h"
#include "fileio.h"
#include "json.h"
#include "ktree.h"
#include "options.h"
#include "strbuf.h"
#include "treemodel.h"
#include "util.h"

static const char extract_usage[] =
	"opsdoc extract [-k KSRC] [-b KBUILD] [-f FLAGS] [-o FILE] [-q]\n"
	"                      [--callers] [-e EXAMPLES]";

enum {
	OPT_KSRC, OPT_KBUILD, OPT_FLAGS, OPT_OUTPUT, OPT_QUIET, OPT_CALLERS,
	OPT_EXAMPLES, NR_OPTS
};

static const struct opt extract_opts[] = {
	[OPT_KSRC] = { 'k', "ksrc", "KSRC", "kernel source tree (default: the newest linux-source package)" },
	[OPT_KBUILD] = { 'b', "kbuild", "KBUILD", "prepared output directory (default: one in the cache)" },
	[OPT_FLAGS] = { 'f', "flags", "FILE", "compiler arguments, one a line, instead of probing kbuild" },
	[OPT_OUTPUT] = { 'o', "output", "FILE", "where to write api.json (default: standard output)" },
	[OPT_QUIET] = { 'q', "quiet", NULL, "print no notes" },
	[OPT_CALLERS] = { 0, "callers", NULL, "find the callers of the mmap family in mm/ and fs/" },
	[OPT_EXAMPLES] = { 'e', "examples", "DIR", "record the functions of the example drivers in DIR" },
	[NR_OPTS] = { 0 },
};

int cmd_extract(int argc, char **argv)
{
	const char *v[NR_OPTS];
	struct model_opts mo = { 0 };
	struct ktree kt;
	struct strbuf out = STRBUF_INIT;
	struct api api;
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
	mo.callers = v[OPT_CALLERS] != NULL;
	mo.examples = v[OPT_EXAMPLES];
	if (!model_for_tree(&kt, &mo, &api)) {
		api_to_json(&api, &out);
		if (!write_file_atomic(v[OPT_OUTPUT] ? v[OPT_OUTPUT] : "-",
				       out.buf, out.len))
			ret = 0;
		strbuf_release(&out);
	}
	api_release(&api);
	ktree_release(&kt);
	return ret;
}
