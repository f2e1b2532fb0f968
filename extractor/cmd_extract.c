// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc extract - parse a kernel tree and write the model as api.json.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "parse.h"
#include "fileio.h"
#include "json.h"
#include "ktree.h"
#include "options.h"
#include "strbuf.h"
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

/* The headers whose declarations opsdoc models. */
static const char *const model_headers[] = {
	"linux/fs.h",
	"linux/mm.h",
	"linux/mm_types.h",
	NULL
};

/* Does text use "f_op->NAME" or "vfs_NAME(" for a caller member? */
static int mentions_member(const char *text)
{
	struct strbuf pat = STRBUF_INIT;
	const char *p;
	int i, hit = 0;

	for (i = 0; caller_members[i] && !hit; i++) {
		const char *forms[] = { "f_op->%s", "vfs_%s(" };
		int f;

		for (f = 0; f < 2 && !hit; f++) {
			strbuf_reset(&pat);
			strbuf_addf(&pat, forms[f], caller_members[i]);
			for (p = strstr(text, pat.buf); p && !hit;
			     p = strstr(p + 1, pat.buf)) {
				char next = p[pat.len];

				hit = f == 1 || !(next == '_' || (next >= 'a' && next <= 'z') ||
						  (next >= '0' && next <= '9'));
			}
		}
	}
	strbuf_release(&pat);
	return hit;
}

/*
 * The .c files of mm/ and fs/ whose text names one of the callbacks; the
 * text only narrows what libclang parses, libclang decides what is a use.
 */
static int caller_files(const char *ksrc, struct strvec *files)
{
	static const char *const dirs[] = { "mm", "fs", NULL };
	struct strvec names = STRVEC_INIT;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	size_t i;
	int d;

	for (d = 0; dirs[d]; d++) {
		strvec_init(&names);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", ksrc, dirs[d]);
		if (access(path.buf, F_OK)) {
			note_at(path.buf, 0, "not in this tree; no callers from it");
			continue;
		}
		if (list_files(path.buf, ".c", 0, &names)) {
			error_at(path.buf, 0, "cannot read the directory: %s",
				 strerror(errno));
			strvec_release(&names);
			continue;
		}
		for (i = 0; i < names.nr; i++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s/%s", ksrc, dirs[d], names.v[i]);
			strbuf_reset(&text);
			if (!strbuf_read_file(&text, path.buf) &&
			    mentions_member(text.buf))
				strvec_push(files, path.buf);
		}
		strvec_release(&names);
	}
	strbuf_release(&path);
	strbuf_release(&text);
	return 0;
}

/*
 * Build the model of the tree kt names: the headers, and on request the
 * callers of the mmap family and the functions of the example drivers.
 * Returns 0, or -1 after an error; api is initialised either way.
 */
int extract_api(const struct ktree *kt, int callers, const char *examples,
		struct api *api)
{
	struct strvec args = STRVEC_INIT, files = STRVEC_INIT, deps = STRVEC_INIT;
	int use_cache = !getenv("OPSDOC_NO_CACHE");
	unsigned long long key;
	struct extract_opts eo = { 0 };
	struct ops_struct *s;
	size_t i;
	int ret = -1;

	api_init(api);
	strvec_init(&args);
	strvec_init(&files);
	strvec_init(&deps);
	if (ktree_load_flags(kt->flags, &args))
		goto out;
	eo.ksrc = kt->ksrc;
	eo.args = &args;
	eo.headers = model_headers;
	eo.max_diags = 5;
	key = cache_key(kt->ksrc, &args, model_headers);
	use_cache = use_cache && key;
	/* A miss may leave a partly read model behind: start afresh. */
	if (!use_cache || cache_load(key, api)) {
		api_release(api);
		api->version = xstrdup(kt->version);
		eo.deps = &deps;
		if (parse_model(&eo, api))
			goto out;
		if (use_cache)
			cache_store(key, api, &deps);
	}
	if (callers) {
		caller_files(kt->ksrc, &files);
		parse_callers(&eo, (const char *const *)files.v, api);
		strvec_release(&files);
	}
	if (examples) {
		/* libclang runs in the kbuild directory: give it a full path. */
		char *dir = realpath(examples, NULL);

		if (!dir || list_files(dir, ".c", 0, &files)) {
			error_at(examples, 0, "cannot read the examples: %s",
				 strerror(errno));
			free(dir);
			goto out;
		}
		parse_examples(&eo, dir, (const char *const *)files.v, api);
		free(dir);
	}
	if (api->nr_diagnostics)
		note_at(NULL, 0, "libclang reported %u diagnostics; the model "
			"is complete for every struct found", api->nr_diagnostics);
	for_each_struct(api, s)
		if (!s->present)
			note_at(NULL, 0, "struct %s: not in this tree (%s); "
				"recorded as present: false", s->name, api->version);
	for (i = 0; i < api->nr_enums; i++)
		if (!api->enums[i].present)
			note_at(NULL, 0, "enum %s: not in this tree (%s); "
				"recorded as present: false", api->enums[i].name,
				api->version);
	ret = 0;
out:
	strvec_release(&args);
	strvec_release(&files);
	strvec_release(&deps);
	return ret;
}

/*
 * The model for kt: read from api_path when one is given, which must be a
 * model of this very tree, else extracted. api is initialised either way.
 */
int tree_model(const struct ktree *kt, const char *api_path, int callers,
	       const char *examples, struct api *api)
{
	if (!api_path)
		return extract_api(kt, callers, examples, api);
	if (api_load_file(api_path, api))
		return -1;
	if (!api->version || strcmp(api->version, kt->version)) {
		error_at(api_path, 0, "the model is of Linux %s, the tree is %s; "
			 "extract it again from this tree",
			 api->version ? api->version : "?", kt->version);
		return -1;
	}
	return 0;
}

int cmd_extract(int argc, char **argv)
{
	const char *v[NR_OPTS];
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
	if (!extract_api(&kt, v[OPT_CALLERS] != NULL, v[OPT_EXAMPLES], &api)) {
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
