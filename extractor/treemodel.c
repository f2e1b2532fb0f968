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

#include <xxhash.h>

#include "cache.h"
#include "defindex.h"
#include "fileio.h"
#include "json.h"
#include "ktree.h"
#include "parse.h"
#include "rst_listings.h"
#include "doc.h"
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

void doc_struct_names(const char *ksrc, struct strvec *out)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct strvec wrapped = STRVEC_INIT, titled = STRVEC_INIT;
	size_t i;
	int d;

	strvec_init(&wrapped);
	strvec_init(&titled);
	for (d = 0; rewritten_docs[d]; d++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", ksrc, rewritten_docs[d]);
		strbuf_reset(&text);
		if (strbuf_read_file(&text, path.buf))
			continue;
		scan_struct_names(text.buf, text.len, &wrapped, &titled);
	}
	for (i = 0; i < wrapped.nr; i++)
		strvec_push_unique(out, wrapped.v[i]);
	for (i = 0; i < titled.nr; i++)
		strvec_push_unique(out, titled.v[i]);
	/* And the structs of the sections we add to them. */
	for (i = 0; locking_added[i].name; i++)
		strvec_push_unique(out, locking_added[i].name);
	strvec_release(&wrapped);
	strvec_release(&titled);
	strbuf_release(&path);
	strbuf_release(&text);
}

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

/* How a header is named in an #include: relative to its include directory. */
static const char *include_name(const char *file)
{
	static const char *const dirs[] = { "arch/x86/include/", "include/", NULL };
	int i;

	for (i = 0; dirs[i]; i++)
		if (!strncmp(file, dirs[i], strlen(dirs[i])))
			return file + strlen(dirs[i]);
	return file;
}

/*
 * Which of a struct's definitions to include. The compiler resolves the
 * rest: the parse reports the definition it used. Headers of other
 * architectures (include/xen/arm/, arch/arm64/) are not candidates, kernel headers come
 * before uapi ones, and linux/ before the rest.
 */
static int header_rank(const char *file)
{
	if (strstr(file, "/arm/") || strstr(file, "/arm64/") ||
	    (!strncmp(file, "arch/", 5) && strncmp(file, "arch/x86/", 9)))
		return 9;
	if (!strncmp(file, "include/linux/", 14))
		return 0;
	if (!strncmp(file, "include/uapi/", 13))
		return 3;
	if (!strncmp(file, "arch/x86/include/uapi/", 22))
		return 4;
	if (!strncmp(file, "include/", 8))
		return 1;
	return 2;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The structs asked for, sorted and without repeats or modelled ones. */
static void extra_structs(const char *const *in, struct strvec *out)
{
	size_t i, n;

	for (i = 0; in && in[i]; i++)
		if (!is_modelled_struct(in[i]))
			strvec_push(out, in[i]);
	if (!out->nr)
		return;
	qsort(out->v, out->nr, sizeof(*out->v), str_cmp);
	for (i = n = 1; i < out->nr; i++) {
		if (strcmp(out->v[n - 1], out->v[i]))
			out->v[n++] = out->v[i];
		else
			free(out->v[i]);
	}
	out->nr = n;
	out->v[n] = NULL;
}

/* The definition of a struct to include, or NULL; see header_rank(). */
static const struct struct_def *best_def(const struct def_index *idx,
					 const char *name)
{
	const struct struct_def *d, *best = NULL;
	size_t k, n;

	d = def_index_find(idx, name, &n);
	for (k = 0; k < n; k++)
		if (header_rank(d[k].file) < 9 &&
		    (!best || header_rank(d[k].file) < header_rank(best->file)))
			best = &d[k];
	return best;
}

/*
 * The headers to parse for the extra structs, after model_headers, and the
 * header each struct was found in (NULL when the index has none).
 */
static int extra_headers(const char *ksrc, struct strvec *names,
			 struct def_index *idx, struct strvec *headers,
			 const char ***found, const struct model_opts *opts)
{
	const struct struct_def *best;
	struct strvec near = STRVEC_INIT;
	size_t i, k, n, kept;
	int bad = 0;

	if (def_index_build(ksrc, idx))
		return -1;
	/* Names no header defines are not asked of libclang. */
	for (i = kept = 0; i < names->nr; i++) {
		if (def_index_find(idx, names->v[i], &n)) {
			names->v[kept++] = names->v[i];
			continue;
		}
		strvec_init(&near);
		if (opts->unknown_is_error || !opts->suggest_for ||
		    strvec_find(opts->suggest_for, names->v[i]) >= 0)
			def_index_nearest(idx, names->v[i], 3, &near);
		if (opts->unknown_is_error) {
			struct strbuf sb = STRBUF_INIT;

			for (k = 0; k < near.nr; k++)
				strbuf_addf(&sb, "%s%s", k ? ", " : "; did you mean ",
					    near.v[k]);
			error_at(NULL, 0, "struct %s: no header of the tree defines it%s%s",
				 names->v[i], sb.buf, near.nr ? "?" : "");
			strbuf_release(&sb);
			bad = 1;
		}
		if (opts->suggestions) {
			struct strbuf sb = STRBUF_INIT;

			for (k = 0; k < near.nr; k++)
				strbuf_addf(&sb, "%s%s", k ? " " : "", near.v[k]);
			strvec_push_owned(opts->suggestions, strbuf_detach(&sb));
		}
		strvec_release(&near);
		if (opts->undefined)
			strvec_push_owned(opts->undefined, names->v[i]);
		else
			free(names->v[i]);
	}
	names->nr = kept;
	names->v[kept] = NULL;
	if (bad)
		return -1;
	for (i = 0; i < names->nr; i++)
		if ((best = best_def(idx, names->v[i])) != NULL)
			strvec_push_unique(headers, include_name(best->file));
	/*
	 * The near tags are modelled too: check compares with them. Only
	 * those in a header parsed anyway, or a uapi one: another header
	 * may not parse next to the rest.
	 */
	for (i = 0; opts->suggestions && i < opts->suggestions->nr; i++) {
		const char *p = opts->suggestions->v[i], *e;

		for (; *p; p = *e ? e + 1 : e) {
			char *name;

			e = strchrnul(p, ' ');
			name = xstrndup(p, e - p);
			best = best_def(idx, name);
			if (best && !is_modelled_struct(name) &&
			    (strvec_find(headers, include_name(best->file)) >= 0 ||
			     strstr(best->file, "/uapi/")))
				strvec_push_unique(names, name);
			free(name);
		}
	}
	qsort(names->v, names->nr, sizeof(*names->v), str_cmp);
	*found = xcalloc(names->nr + 1, sizeof(**found));
	for (i = 0; i < names->nr; i++) {
		best = best_def(idx, names->v[i]);
		if (!best)
			continue;
		(*found)[i] = best->file;
		strvec_push_unique(headers, include_name(best->file));
	}
	return 0;
}

void model_struct_headers(const struct api *api, struct strvec *out)
{
	const struct ops_struct *s;
	size_t i;

	for (i = 0; model_headers[i]; i++)
		strvec_push_unique(out, model_headers[i]);
	for_each_struct(api, s)
		if (s->present && s->file && header_rank(s->file) < 9)
			strvec_push_unique(out, include_name(s->file));
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

/* The listings the caller wants parsed with the headers, into eo. */
static void with_listings(struct model_listings *ml, struct extract_opts *eo)
{
	ml->parsed = xcalloc(ml->ls->n ? ml->ls->n : 1, sizeof(*ml->parsed));
	eo->listings = ml->ls->v;
	eo->nr_listings = ml->ls->n;
	eo->listings_out = ml->parsed;
}

/*
 * The headers' model from the cache or from libclang, and the callers and
 * example drivers on request.
 */
static int extract_model(const struct ktree *kt, const struct model_opts *opts,
			 struct api *api)
{
	struct strvec args = STRVEC_INIT, files = STRVEC_INIT, deps = STRVEC_INIT;
	struct strvec extras = STRVEC_INIT, headers = STRVEC_INIT, key_items = STRVEC_INIT;
	int use_cache = !opts->scratch && !getenv("OPSDOC_NO_CACHE");
	struct extract_opts eo = { 0 };
	struct def_index idx = { 0 };
	const char **found = NULL;
	unsigned long long key = 0;
	size_t i;
	int ret = -1;

	strvec_init(&args);
	strvec_init(&files);
	strvec_init(&deps);
	strvec_init(&extras);
	strvec_init(&headers);
	strvec_init(&key_items);
	if (ktree_load_flags(kt->flags, &args))
		goto out;
	for (i = 0; model_headers[i]; i++)
		strvec_push(&headers, model_headers[i]);
	if (opts->structs) {
		extra_structs(opts->structs, &extras);
	} else {
		struct strvec docs = STRVEC_INIT;

		strvec_init(&docs);
		doc_struct_names(kt->ksrc, &docs);
		extra_structs((const char *const *)docs.v, &extras);
		strvec_release(&docs);
	}
	if (extras.nr) {
		if (extra_headers(kt->ksrc, &extras, &idx, &headers, &found, opts))
			goto out;
	}
	if (opts->headers)
		for (i = 0; i < headers.nr; i++)
			strvec_push(opts->headers, headers.v[i]);
	eo.ksrc = kt->ksrc;
	eo.args = &args;
	eo.headers = (const char *const *)headers.v;
	eo.max_diags = 5;
	eo.structs = extras.nr ? (const char *const *)extras.v : NULL;
	eo.struct_headers = found;
	/* The key: the headers, and which structs are asked of them. */
	for (i = 0; i < headers.nr; i++)
		strvec_push(&key_items, headers.v[i]);
	for (i = 0; i < extras.nr; i++) {
		struct strbuf item = STRBUF_INIT;

		strbuf_addf(&item, "struct %s", extras.v[i]);
		strvec_push_owned(&key_items, strbuf_detach(&item));
	}
	if (use_cache)
		key = cache_key(kt->ksrc, &args, (const char *const *)key_items.v);
	use_cache = use_cache && key;
	/* A miss may leave a partly read model behind: start afresh. */
	if (!use_cache || cache_load(key, api)) {
		api_release(api);
		api->version = xstrdup(kt->version);
		eo.deps = &deps;
		if (opts->listings)
			with_listings(opts->listings, &eo);
		if (parse_model(&eo, api))
			goto out;
		if (opts->listings)
			for (i = 0; i < deps.nr; i++)
				strvec_push(&opts->listings->deps, deps.v[i]);
		for (i = 0; i < extras.nr; i++) {
			struct ops_struct *s = find_struct_by_name(api, extras.v[i]);
			size_t n;

			def_index_find(&idx, extras.v[i], &n);
			if (s)
				s->definitions = n;
		}
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
	strvec_release(&extras);
	strvec_release(&headers);
	strvec_release(&key_items);
	def_index_release(&idx);
	free(found);
	return ret;
}

/* The target triple of an arch, or NULL: libclang's host. */
static const char *arch_triple(const char *arch)
{
	static const char *const triples[][2] = {
		{ "arm64", "aarch64-linux-gnu" },
		{ "arm", "arm-linux-gnueabi" },
		{ "loongarch", "loongarch64-linux-gnu" },
		{ "mips", "mips64-linux-gnuabi64" },
		{ "powerpc", "powerpc64le-linux-gnu" },
		{ "riscv", "riscv64-linux-gnu" },
		{ "s390", "s390x-linux-gnu" },
		{ "sparc", "sparc64-linux-gnu" },
		{ "x86", "x86_64-linux-gnu" },
	};
	size_t i;

	for (i = 0; i < sizeof(triples) / sizeof(triples[0]); i++)
		if (!strcmp(arch, triples[i][0]))
			return triples[i][1];
	return NULL;
}

/*
 * A directory of asm/NAME.h that include <asm-generic/NAME.h>, for each
 * uapi asm-generic header the arch does not have: what kbuild's generic-y
 * writes under arch/ARCH/include/generated/uapi, which an x86 build tree
 * lacks. It is written to the cache, never into the tree.
 */
static int generic_asm_dir(const char *ksrc, const char *arch, struct strbuf *dir)
{
	struct strvec names = STRVEC_INIT;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	unsigned long long key = XXH3_64bits(arch, strlen(arch)) ^
				 XXH3_64bits(ksrc, strlen(ksrc));
	size_t i;
	int ret = -1;

	strvec_init(&names);
	cache_file("archasm", key, "d", dir);
	strbuf_addf(&path, "%s/asm", dir->buf);
	if (mkdir_p(path.buf))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/include/uapi/asm-generic", ksrc);
	/* A small tree may have none. */
	if (!access(path.buf, F_OK) && list_files(path.buf, ".h", 0, &names))
		goto out;
	for (i = 0; i < names.nr; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/arch/%s/include/uapi/asm/%s", ksrc, arch,
			    names.v[i]);
		if (!access(path.buf, F_OK))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/asm/%s", dir->buf, names.v[i]);
		if (!access(path.buf, F_OK))
			continue;
		strbuf_reset(&text);
		strbuf_addf(&text, "#include <asm-generic/%s>\n", names.v[i]);
		if (write_file_atomic(path.buf, text.buf, text.len))
			goto out;
	}
	ret = 0;
out:
	strvec_release(&names);
	strbuf_release(&path);
	strbuf_release(&text);
	return ret;
}

int model_of_structs(const struct ktree *kt, const struct strvec *args,
		     const char *header, const char *file,
		     const char *const *structs, const char *const *items,
		     struct api *api)
{
	const char *headers[2] = { header, NULL };
	struct strvec deps = STRVEC_INIT;
	struct extract_opts eo = { 0 };
	unsigned long long key = 0;
	const char **found;
	size_t i;
	int ret = 0;

	for (i = 0; structs[i]; i++)
		;
	found = xcalloc(i + 1, sizeof(*found));
	for (i = 0; structs[i]; i++)
		found[i] = file;
	strvec_init(&deps);
	eo.ksrc = kt->ksrc;
	eo.args = args;
	eo.headers = headers;
	eo.structs = structs;
	eo.struct_headers = found;
	eo.only_structs = 1;
	eo.deps = &deps;
	if (!getenv("OPSDOC_NO_CACHE"))
		key = cache_key(kt->ksrc, args, items);
	api_init(api);
	if (!key || cache_load(key, api)) {
		api_release(api);
		api_init(api);
		api->version = xstrdup(kt->version);
		ret = parse_model(&eo, api);
		if (!ret && key)
			cache_store(key, api, &deps);
	}
	strvec_release(&deps);
	free(found);
	return ret;
}

int model_for_arch(const struct ktree *kt, const char *file,
		   const char *const *structs, struct api *api)
{
	static const char uapi[] = "/include/uapi/";
	struct strvec args = STRVEC_INIT, items = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT, gen = STRBUF_INIT;
	const char *triple, *a;
	char *arch = NULL;
	size_t len, i;
	int ret = -1;

	api_init(api);
	api->version = xstrdup(kt->version);
	a = def_arch(file, &len);
	if (!a || strncmp(a + len, uapi, strlen(uapi)))
		return -1;
	arch = xstrndup(a, len);
	strvec_init(&args);
	strvec_init(&items);
	if (generic_asm_dir(kt->ksrc, arch, &gen))
		goto out;
	strvec_push(&args, "-nostdinc");
	if ((triple = arch_triple(arch)) != NULL) {
		strvec_push(&args, "-target");
		strvec_push(&args, triple);
	}
	strbuf_addf(&sb, "-I%s/arch/%s/include/uapi", kt->ksrc, arch);
	strvec_push(&args, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "-I%s/arch/%s/include/generated/uapi", kt->ksrc, arch);
	if (!access(sb.buf + 2, F_OK))
		strvec_push(&args, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "-I%s", gen.buf);
	strvec_push(&args, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "-I%s/include/uapi", kt->ksrc);
	strvec_push(&args, sb.buf);
	/* What headers_install strips from a uapi header; no libc. */
	strvec_push(&args, "-D__user=");
	strvec_push(&args, "-D__force=");
	strvec_push(&args, "-D__iomem=");
	/* __u64 as the kernel has it on every arch (not powerpc64's long). */
	strvec_push(&args, "-D__SANE_USERSPACE_TYPES__");
	strvec_push(&args, "-Wno-#warnings");
	strvec_push(&args, "-std=gnu11");
	strvec_push(&items, file);
	for (i = 0; structs[i]; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "struct %s", structs[i]);
		strvec_push(&items, sb.buf);
	}
	api_release(api);
	ret = model_of_structs(kt, &args, a + len + strlen(uapi), file, structs,
			       (const char *const *)items.v, api);
out:
	strvec_release(&args);
	strvec_release(&items);
	strbuf_release(&sb);
	strbuf_release(&gen);
	free(arch);
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
