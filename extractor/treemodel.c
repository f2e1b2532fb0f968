// SPDX-License-Identifier: GPL-2.0
/*
 * The model of a kernel tree, one way for every command: read from an
 * api.json of that tree, or extracted from its headers (through the cache)
 * with, on request, the callers of the mmap family and the example drivers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "fileio.h"
#include "json.h"
#include "ktree.h"
#include "parse.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

const char *const model_headers[] = {
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

/* The notes about a fresh model: what libclang said, what the tree lacks. */
static void note_model(const struct api *api)
{
	const struct ops_struct *s;
	size_t i;

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
}

/*
 * The headers' model from the cache or from libclang, and the callers and
 * example drivers on request.
 */
static int extract_model(const struct ktree *kt, const struct model_opts *opts,
			 struct api *api)
{
	struct strvec args = STRVEC_INIT, files = STRVEC_INIT, deps = STRVEC_INIT;
	int use_cache = !opts->scratch && !getenv("OPSDOC_NO_CACHE");
	struct extract_opts eo = { 0 };
	unsigned long long key = 0;
	int ret = -1;

	strvec_init(&args);
	strvec_init(&files);
	strvec_init(&deps);
	if (ktree_load_flags(kt->flags, &args))
		goto out;
	eo.ksrc = kt->ksrc;
	eo.args = &args;
	eo.headers = model_headers;
	eo.max_diags = 5;
	if (use_cache)
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
	if (opts->callers) {
		caller_files(kt->ksrc, &files);
		parse_callers(&eo, (const char *const *)files.v, api);
		strvec_release(&files);
	}
	if (opts->examples) {
		/* libclang runs in the kbuild directory: give it a full path. */
		char *dir = realpath(opts->examples, NULL);

		if (!dir || list_files(dir, ".c", 0, &files)) {
			error_at(opts->examples, 0, "cannot read the examples: %s",
				 strerror(errno));
			free(dir);
			goto out;
		}
		parse_examples(&eo, dir, (const char *const *)files.v, api);
		free(dir);
	}
	if (!opts->scratch)
		note_model(api);
	ret = 0;
out:
	strvec_release(&args);
	strvec_release(&files);
	strvec_release(&deps);
	return ret;
}

int model_for_tree(const struct ktree *kt, const struct model_opts *opts,
		   struct api *api)
{
	api_init(api);
	if (!opts->api_path)
		return extract_model(kt, opts, api);
	if (api_load_file(opts->api_path, api))
		return -1;
	if (kt && (!api->version || strcmp(api->version, kt->version))) {
		error_at(opts->api_path, 0, "the model is of Linux %s, the tree "
			 "is %s; extract it again from this tree",
			 api->version ? api->version : "?", kt->version);
		return -1;
	}
	return 0;
}
