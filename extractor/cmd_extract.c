// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc extract - parse a kernel tree and write the model as api.json.
 */
#include <string.h>

#include "builtin.h"
#include "fileio.h"
#include "json.h"
#include "ktree.h"
#include "options.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

static const char extract_usage[] =
	"opsdoc extract [-k KSRC] [-b KBUILD] [-f FLAGS] [-o FILE] [-q]\n"
	"                      [--callers] [-e EXAMPLES] [-s STRUCT[,STRUCT...]]\n"
	"                      [--tu FILE]";

enum {
	OPT_KSRC, OPT_KBUILD, OPT_FLAGS, OPT_OUTPUT, OPT_QUIET, OPT_CALLERS,
	OPT_EXAMPLES, OPT_STRUCTS, OPT_TU, NR_OPTS
};

static const struct opt extract_opts[] = {
	[OPT_KSRC] = OPTION_KSRC,
	[OPT_KBUILD] = OPTION_KBUILD,
	[OPT_FLAGS] = OPTION_FLAGS,
	[OPT_OUTPUT] = { 'o', "output", "FILE", "where to write api.json (default: standard output)" },
	[OPT_QUIET] = OPTION_QUIET,
	[OPT_CALLERS] = { 0, "callers", NULL, "find the callers of the mmap family in mm/ and fs/" },
	[OPT_EXAMPLES] = { 'e', "examples", "DIR", "record the functions of the example drivers in DIR" },
	[OPT_STRUCTS] = { 's', "struct", "NAMES", "also model these structs (comma-separated), found in include/ and arch/x86/include" },
	[OPT_TU] = { 0, "tu", "FILE", "also write the #include lines of the translation unit parsed (for clang-19 -fsyntax-only)" },
	[NR_OPTS] = { 0 },
};

int cmd_extract(int argc, char **argv)
{
	const char *v[NR_OPTS];
	struct model_opts mo = { 0 };
	struct ktree kt;
	struct strbuf out = STRBUF_INIT;
	struct strvec structs = STRVEC_INIT, headers = STRVEC_INIT;
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
	strvec_init(&structs);
	if (v[OPT_STRUCTS]) {
		const char *p = v[OPT_STRUCTS], *c;

		for (; *p; p = *c ? c + 1 : c) {
			c = strchrnul(p, ',');
			if (c > p)
				strvec_push_owned(&structs, xstrndup(p, c - p));
		}
		mo.structs = (const char *const *)structs.v;
		mo.unknown_is_error = 1;
	}
	if (v[OPT_TU]) {
		strvec_init(&headers);
		mo.headers = &headers;
	}
	if (!model_for_tree(&kt, &mo, &api)) {
		api_to_json(&api, &out);
		if (!write_file_atomic(v[OPT_OUTPUT] ? v[OPT_OUTPUT] : "-",
				       out.buf, out.len))
			ret = 0;
		strbuf_reset(&out);
		for (i = 0; v[OPT_TU] && (size_t)i < headers.nr; i++)
			strbuf_addf(&out, "#include <%s>\n", headers.v[i]);
		if (!ret && v[OPT_TU] &&
		    write_file_atomic(v[OPT_TU], out.buf, out.len))
			ret = EXIT_USAGE;
		strbuf_release(&out);
	}
	strvec_release(&headers);
	api_release(&api);
	ktree_release(&kt);
	strvec_release(&structs);
	return ret;
}
