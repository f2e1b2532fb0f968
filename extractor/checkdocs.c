// SPDX-License-Identifier: GPL-2.0
/*
 * checkdocs.c - the documents check reads, read once; the structs they may
 * list; their listings found, parsed in the tree's configuration (through
 * a cache like the model's) and compared with the model (drift.c).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "cache.h"
#include "census_int.h"
#include "checkdocs.h"
#include "defindex.h"
#include "fileio.h"
#include "ktree.h"
#include "parse.h"
#include "strbuf.h"
#include "treemodel.h"
#include "util.h"

/* The path to show: relative to KSRC when it is inside it. */
static const char *shown_path(const char *path, const char *ksrc)
{
	size_t n = strlen(ksrc);

	if (!strncmp(path, ksrc, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

/* Every .rst file under the directories, or -1 after naming a bad one. */
static int rst_files(const struct strvec *dirs, struct strvec *files)
{
	struct strbuf path = STRBUF_INIT;
	struct strvec rel;
	struct stat st;
	size_t i, k;
	int ret = -1;

	for (i = 0; i < dirs->nr; i++) {
		if (stat(dirs->v[i], &st) || !S_ISDIR(st.st_mode)) {
			error_at(dirs->v[i], 0, "not a directory; --docs takes "
				 "directories of .rst files");
			goto out;
		}
		strvec_init(&rel);
		if (list_files(dirs->v[i], ".rst", 1, &rel)) {
			error_at(dirs->v[i], 0, "cannot read: %s", strerror(errno));
			strvec_release(&rel);
			goto out;
		}
		for (k = 0; k < rel.nr; k++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", dirs->v[i], rel.v[k]);
			strvec_push(files, path.buf);
		}
		strvec_release(&rel);
	}
	ret = 0;
out:
	strbuf_release(&path);
	return ret;
}

void docs_release(struct docs *d)
{
	size_t i;

	for (i = 0; i < d->files.nr; i++)
		strbuf_release(&d->texts[i]);
	free(d->texts);
	strvec_release(&d->files);
}

int read_docs(const struct strvec *dirs, struct docs *d)
{
	size_t i, k;

	strvec_init(&d->files);
	d->texts = NULL;
	if (rst_files(dirs, &d->files))
		return -1;
	d->texts = xcalloc(d->files.nr + 1, sizeof(*d->texts));
	for (i = k = 0; i < d->files.nr; i++) {
		strbuf_init(&d->texts[k]);
		if (strbuf_read_file(&d->texts[k], d->files.v[i])) {
			warning_at(d->files.v[i], 0, "cannot read: %s", strerror(errno));
			strbuf_release(&d->texts[k]);
			free(d->files.v[i]);
			continue;
		}
		/* Most documents list no struct: nothing to keep of them. */
		if (!rst_may_list(d->texts[k].buf, d->texts[k].len)) {
			strbuf_release(&d->texts[k]);
			free(d->files.v[i]);
			continue;
		}
		d->files.v[k++] = d->files.v[i];
	}
	d->files.nr = k;
	d->files.v[k] = NULL;
	return 0;
}

void docs_struct_names(const struct docs *d, struct strvec *names,
		       struct strvec *wrapped)
{
	struct strvec w = STRVEC_INIT, t = STRVEC_INIT;
	size_t i, k;

	for (i = 0; i < d->files.nr; i++) {
		strvec_init(&w);
		strvec_init(&t);
		scan_struct_names(d->texts[i].buf, d->texts[i].len, &w, &t);
		for (k = 0; k < w.nr; k++) {
			strvec_push(wrapped, w.v[k]);
			strvec_push_unique(names, w.v[k]);
		}
		for (k = 0; k < t.nr; k++)
			strvec_push_unique(names, t.v[k]);
		strvec_release(&w);
		strvec_release(&t);
	}
}

static int struct_ptr_cmp(const void *a, const void *b)
{
	const struct ops_struct *x = *(const struct ops_struct *const *)a;
	const struct ops_struct *y = *(const struct ops_struct *const *)b;

	return strcmp(x->name, y->name);
}

/*
 * The listings of the structs the model has, in the documents, and of
 * those only the models of other archs have (nr_models of them).
 */
static void scan_docs(const struct api *api, const struct api *models,
		      size_t nr_models, const char *ksrc,
		      const struct docs *d, struct doc_listings *ls)
{
	struct strvec names = STRVEC_INIT, *members;
	const struct ops_struct *s, **by_name;
	const struct member *m;
	size_t i, k, n = 0, all = api->nr_structs;

	strvec_init(&names);
	for (k = 0; k < nr_models; k++)
		all += models[k].nr_structs;
	by_name = xcalloc(all + 1, sizeof(*by_name));
	for_each_struct(api, s)
		if (s->present)
			by_name[n++] = s;
	for (k = 0; k < nr_models; k++)
		for_each_struct(&models[k], s) {
			const struct ops_struct *x = find_struct_by_name(api, s->name);

			for (i = 0; i < n && strcmp(by_name[i]->name, s->name); i++)
				;
			if (s->present && i == n && !(x && x->present))
				by_name[n++] = s;
		}
	/* Sorted, so that scan_rst() finds a name by bisection. */
	qsort(by_name, n, sizeof(*by_name), struct_ptr_cmp);
	members = xcalloc(n + 1, sizeof(*members));
	for (i = 0; i < n; i++) {
		strvec_push(&names, by_name[i]->name);
		strvec_init(&members[i]);
		for_each_member(by_name[i], m)
			strvec_push(&members[i], m->name);
	}
	for (i = 0; i < d->files.nr; i++)
		scan_rst(shown_path(d->files.v[i], ksrc), d->texts[i].buf,
			 d->texts[i].len, (const char *const *)names.v, members, ls);
	for (i = 0; i < n; i++)
		strvec_release(&members[i]);
	free(members);
	free(by_name);
	strvec_release(&names);
}

static int near_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The listings, wrapped in "struct NAME {", of the structs the tree does
 * not define that have near tags it does ("NAME NEAR1 NEAR2..." each in
 * unknown): for the unknown-struct finding.
 */
static void scan_unknown(const char *ksrc, const struct docs *d,
			 const struct strvec *unknown, struct doc_listings *ls)
{
	struct strvec names = STRVEC_INIT;
	size_t i, k, n;

	strvec_init(&names);
	for (i = 0; i < unknown->nr; i++) {
		const char *sp = strchr(unknown->v[i], ' ');

		if (sp && sp[1])
			strvec_push_owned(&names, xstrndup(unknown->v[i],
							   sp - unknown->v[i]));
	}
	if (!names.nr) {
		strvec_release(&names);
		return;
	}
	qsort(names.v, names.nr, sizeof(*names.v), near_cmp);
	for (i = 0; i < d->files.nr; i++) {
		n = ls->n;
		scan_rst(shown_path(d->files.v[i], ksrc), d->texts[i].buf,
			 d->texts[i].len, (const char *const *)names.v, NULL, ls);
		for (k = n; k < ls->n; k++) {
			size_t j, len = strlen(ls->v[k].struct_name);

			if (!ls->v[k].wrapped) {
				doc_listing_release(&ls->v[k]);
				ls->v[k--] = ls->v[--ls->n];
				continue;
			}
			for (j = 0; j < unknown->nr; j++)
				if (!strncmp(unknown->v[j], ls->v[k].struct_name, len) &&
				    unknown->v[j][len] == ' ')
					ls->v[k].near = xstrdup(unknown->v[j] + len + 1);
		}
	}
	strvec_release(&names);
}

void docs_find_listings(const struct docs *d, const char *ksrc,
			const char *const *names, struct doc_listings *ls)
{
	size_t i, k, n;

	for (i = 0; i < d->files.nr; i++) {
		n = ls->n;
		scan_rst(shown_path(d->files.v[i], ksrc), d->texts[i].buf,
			 d->texts[i].len, names, NULL, ls);
		/* A block without a wrapper parses the same for any struct. */
		for (k = n; k < ls->n; k++) {
			size_t j;

			for (j = n; j < k && (ls->v[k].wrapped || ls->v[j].wrapped ||
				     ls->v[j].line != ls->v[k].line); j++)
				;
			if (j == k)
				continue;
			doc_listing_release(&ls->v[k]);
			ls->v[k--] = ls->v[--ls->n];
		}
	}
}

/* The listing of spec that parses as l does, or -1. */
static long same_listing(const struct doc_listings *spec, const char *taken,
			 const struct doc_listing *l)
{
	size_t i;

	for (i = 0; i < spec->n; i++) {
		const struct doc_listing *s = &spec->v[i];

		if (!taken[i] && s->line == l->line && s->wrapped == l->wrapped &&
		    !strcmp(s->file, l->file) && !strcmp(s->code, l->code) &&
		    (!l->wrapped || !strcmp(s->struct_name, l->struct_name)))
			return (long)i;
	}
	return -1;
}

/*
 * The listings parsed with the model, moved into parsed; those it did not
 * have are parsed here. Return 0, or -1 when that parse failed.
 */
static int take_parsed(const struct extract_opts *eo, struct model_listings *ml,
		       const struct doc_listings *ls, struct ops_struct *parsed)
{
	char *taken = xcalloc(ml->ls->n + 1, 1);
	struct doc_listing *rest = xcalloc(ls->n + 1, sizeof(*rest));
	struct ops_struct *rest_parsed;
	size_t *where = xcalloc(ls->n + 1, sizeof(*where));
	size_t i, nr = 0;
	int ret = 0;
	long j;

	for (i = 0; i < ls->n; i++) {
		j = same_listing(ml->ls, taken, &ls->v[i]);
		if (j < 0) {
			rest[nr] = ls->v[i];
			where[nr++] = i;
			continue;
		}
		taken[j] = 1;
		parsed[i] = ml->parsed[j];
		memset(&ml->parsed[j], 0, sizeof(ml->parsed[j]));
		free(parsed[i].name);
		parsed[i].name = xstrdup(ls->v[i].struct_name);
	}
	rest_parsed = xcalloc(nr + 1, sizeof(*rest_parsed));
	if (nr && parse_listings(eo, rest, nr, rest_parsed))
		ret = -1;
	for (i = 0; i < nr; i++)
		parsed[where[i]] = rest_parsed[i];
	free(rest_parsed);
	free(rest);
	free(where);
	free(taken);
	return ret;
}

/*
 * The parsed listings are cached like a model: an api whose structs are
 * named by the listing's index, keyed on the headers and every listing's
 * text, checked against the content of every file the parse read.
 */
static unsigned long long listings_key(const struct ktree *kt,
				       const struct strvec *args,
				       const char *const *headers,
				       const struct doc_listings *ls)
{
	struct strvec items = STRVEC_INIT;
	unsigned long long key;
	size_t i;

	strvec_init(&items);
	strvec_push(&items, "listings");
	for (i = 0; headers[i]; i++)
		strvec_push(&items, headers[i]);
	for (i = 0; i < ls->n; i++) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%s %d\n%s", ls->v[i].struct_name,
			    ls->v[i].wrapped, ls->v[i].code);
		strvec_push_owned(&items, strbuf_detach(&sb));
	}
	key = cache_key(kt->ksrc, args, (const char *const *)items.v);
	strvec_release(&items);
	return key;
}

static void listings_store(unsigned long long key, const struct ktree *kt,
			   struct ops_struct *parsed, size_t n,
			   const struct strvec *deps)
{
	struct api a;
	char **names = xcalloc(n + 1, sizeof(*names));
	size_t i;

	api_init(&a);
	a.version = xstrdup(kt->version);
	a.structs = parsed;
	a.nr_structs = n;
	for (i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%06zu", i);
		names[i] = parsed[i].name;
		parsed[i].name = strbuf_detach(&sb);
	}
	cache_store(key, &a, deps);
	for (i = 0; i < n; i++) {
		free(parsed[i].name);
		parsed[i].name = names[i];
	}
	a.structs = NULL;
	a.nr_structs = 0;
	api_release(&a);
	free(names);
}

/* 0 when the cache had them all: parsed[i] then holds listing i. */
static int listings_load(unsigned long long key, const struct doc_listings *ls,
			 struct ops_struct *parsed)
{
	struct api a;
	size_t i;

	if (!key || cache_load(key, &a))
		return -1;
	if (a.nr_structs != ls->n) {
		api_release(&a);
		return -1;
	}
	for (i = 0; i < ls->n; i++) {
		parsed[i] = a.structs[i];
		free(parsed[i].name);
		parsed[i].name = xstrdup(ls->v[i].struct_name);
		free(parsed[i].file);
		parsed[i].file = xstrdup(ls->v[i].file);
		memset(&a.structs[i], 0, sizeof(a.structs[i]));
	}
	api_release(&a);
	return 0;
}

/* The arch a word of the documents names ("ARM64", "RISC-V"), or NULL. */
static const char *arch_word(const char *p, const char *end, size_t *len)
{
	static const char *const words[][2] = {
		{ "aarch64", "arm64" }, { "arm64", "arm64" }, { "loongarch", "loongarch" },
		{ "mips", "mips" }, { "powerpc", "powerpc" }, { "ppc", "powerpc" },
		{ "risc-v", "riscv" }, { "riscv", "riscv" }, { "s390", "s390" },
		{ "x86_64", "x86" }, { "x86", "x86" },
	};
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i][0]);
		if ((size_t)(end - p) >= n && !strncasecmp(p, words[i][0], n) &&
		    (p + n == end || !isalnum((unsigned char)p[n]))) {
			*len = n;
			return words[i][1];
		}
	}
	return NULL;
}

/*
 * The arch a listing's context names: a label line ("ARM64:", "x86:")
 * above it in its section, the nearest first, else the section's
 * heading. NULL when neither names one.
 */
static const char *context_arch(const char *text, const struct doc_listing *l)
{
	const char **starts = xcalloc(l->line + 1, sizeof(*starts));
	const char *p = text, *e, *arch = NULL;
	unsigned int n, i;
	size_t len;

	for (n = 1; n <= l->line && *p; n++) {
		starts[n] = p;
		p = strchrnul(p, '\n');
		if (*p)
			p++;
	}
	for (i = n - 1; i > 0 && i >= l->section_line && !arch; i--) {
		if (i >= l->line)
			continue;
		p = starts[i];
		e = strchrnul(p, '\n');
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (i == l->section_line) {
			/* The heading: any word of it. */
			for (; p < e && !arch; p++)
				if (p == starts[i] || !isalnum((unsigned char)p[-1]))
					arch = arch_word(p, e, &len);
		} else if ((arch = arch_word(p, e, &len)) != NULL &&
			   !(p + len < e && p[len] == ':')) {
			arch = NULL;
		}
	}
	free(starts);
	return arch;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The next of a struct's definitions (from *k on) that is in a uapi header
 * of an arch other than x86: its header, *k moved past it; or NULL.
 */
static const char *next_arch_def(const struct struct_def *d, size_t n, size_t *k)
{
	const char *a;
	size_t len;

	for (; *k < n; (*k)++) {
		a = def_arch(d[*k].file, &len);
		if (a && !(len == 3 && !strncmp(a, "x86", 3)) &&
		    !strncmp(a + len, "/include/uapi/", 14))
			return d[(*k)++].file;
	}
	return NULL;
}

/*
 * The models of other archs' uapi headers: for each header that defines
 * a struct of the model (a struct the documents may list) for an arch
 * other than x86, that header parsed on its own for its structs, into
 * fs->models; files and archs receive each model's header and arch. A
 * struct an arch defines outside its uapi headers is compared with x86's,
 * as before.
 */
static void arch_models(const struct ktree *kt, const struct api *api,
			const struct def_index *idx, struct strvec *files,
			struct strvec *archs, struct findings *fs)
{
	const struct struct_def *defs;
	const struct ops_struct *st;
	struct strvec *names = NULL;
	size_t k, n, f, len, alloc = 0;
	const char *file, *a;

	for_each_struct(api, st) {
		defs = def_index_find(idx, st->name, &n);
		for (k = 0; (file = next_arch_def(defs, n, &k)) != NULL;) {
			f = strvec_find(files, file);
			if ((long)f < 0) {
				f = files->nr;
				strvec_push(files, file);
				if (f == alloc) {
					alloc = alloc ? 2 * alloc : 16;
					names = xrealloc(names, alloc * sizeof(*names));
				}
				strvec_init(&names[f]);
			}
			strvec_push_unique(&names[f], st->name);
		}
	}
	if (!files->nr)
		return;
	fs->models = xcalloc(files->nr, sizeof(*fs->models));
	fs->nr_models = files->nr;
	for (f = 0; f < files->nr; f++) {
		a = def_arch(files->v[f], &len);
		strvec_push_owned(archs, xstrndup(a, len));
		qsort(names[f].v, names[f].nr, sizeof(*names[f].v), str_cmp);
		if (model_for_arch(kt, files->v[f], (const char *const *)names[f].v,
				   &fs->models[f]))
			note_at(files->v[f], 0, "does not parse on its own for its "
				"arch; its structs' listings are compared with x86's");
		strvec_release(&names[f]);
	}
	free(names);
}

/*
 * The model of some structs of a header outside the index, parsed in the
 * tree's configuration (args) on its own, through the model cache. A
 * struct the parse did not find is not present.
 */
static void model_of_header(const struct ktree *kt, const struct strvec *args,
			    const char *file, const char *const *structs,
			    struct api *api)
{
	struct strvec items = STRVEC_INIT;
	struct strbuf full = STRBUF_INIT;
	size_t i;

	strvec_init(&items);
	strvec_push(&items, "header outside the index");
	strvec_push(&items, file);
	for (i = 0; structs[i]; i++)
		strvec_push(&items, structs[i]);
	/* libclang opens an absolute path in <> as it is. */
	strbuf_addf(&full, "%s/%s", kt->ksrc, file);
	model_of_structs(kt, args, full.buf, file, structs,
			 (const char *const *)items.v, api);
	strvec_release(&items);
	strbuf_release(&full);
}

/* A document's path relative to the tree, whichever way both are given. */
static char *tree_path(const char *ksrc, const char *file)
{
	char *tree = realpath(ksrc, NULL), *full = realpath(file, NULL), *rel;
	size_t n = tree ? strlen(tree) : 0;

	if (tree && full && !strncmp(full, tree, n) && full[n] == '/')
		rel = xstrdup(full + n + 1);
	else
		rel = xstrdup(shown_path(file, ksrc));
	free(tree);
	free(full);
	return rel;
}

/* Is a header in the definition index's directories (include/, arch/X/include/)? */
static int in_index(const char *rel)
{
	size_t len;

	return !strncmp(rel, "include/", 8) || def_arch(rel, &len);
}

/*
 * Add the headers outside the index that a path of the tree gives: the
 * header itself, or those in the directory of a .c file or in a directory.
 */
static void headers_of_path(const char *ksrc, const char *rel, struct strvec *out)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	struct strvec files = STRVEC_INIT;
	size_t n = strlen(rel), i;
	struct stat st;

	if (strpbrk(rel, "*?") || !strncmp(rel, "Documentation/", 14) || in_index(rel))
		return;
	strbuf_addf(&path, "%s/%s", ksrc, rel);
	if (stat(path.buf, &st))
		goto out;
	if (S_ISREG(st.st_mode) && n > 2 && !strcmp(rel + n - 2, ".h")) {
		strvec_push_unique(out, rel);
		goto out;
	}
	if (S_ISREG(st.st_mode) && n > 2 && !strcmp(rel + n - 2, ".c"))
		strbuf_add(&dir, rel, strrchr(rel, '/') ? strrchr(rel, '/') - rel : 0);
	else if (S_ISDIR(st.st_mode))
		strbuf_add(&dir, rel, rel[n - 1] == '/' ? n - 1 : n);
	else
		goto out;
	strvec_init(&files);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/%s", ksrc, dir.buf);
	/* The directory's own headers: drivers/gpu/ has thousands below. */
	if (!list_files(path.buf, ".h", 0, &files))
		for (i = 0; i < files.nr; i++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", dir.buf, files.v[i]);
			strvec_push_unique(out, path.buf);
		}
	strvec_release(&files);
out:
	strbuf_release(&dir);
	strbuf_release(&path);
}

/* The paths of the tree a document's text names ("drivers/x/y.h"). */
static void paths_in_text(const char *ksrc, const struct strbuf *text,
			  struct strvec *out)
{
	const char *p = text->buf, *end = text->buf + text->len, *q;
	char *rel;

	for (; p < end; p = q + 1) {
		for (q = p; q < end && (isalnum((unsigned char)*q) ||
			     strchr("_./-", *q)); q++)
			;
		if (q - p > 4 && memchr(p, '/', q - p) && *p != '/' && *p != '.' &&
		    (!memcmp(q - 2, ".h", 2) || !memcmp(q - 2, ".c", 2))) {
			rel = xstrndup(p, q - p);
			headers_of_path(ksrc, rel, out);
			free(rel);
		}
	}
}

/* Add a struct found in file to the groups: lfiles and names[f]. */
static void add_local(struct strvec *lfiles, struct strvec **names,
		      const char *file, const char *name)
{
	size_t f = strvec_find(lfiles, file);

	if ((long)f < 0) {
		f = lfiles->nr;
		strvec_push(lfiles, file);
		*names = xrealloc(*names, (f + 1) * sizeof(**names));
		strvec_init(&(*names)[f]);
	}
	strvec_push_unique(&(*names)[f], name);
}

/*
 * Where the structs a document wants are: the headers outside the index
 * its text names, then those of its MAINTAINERS entries (*maint read on
 * first use); into lfiles and names.
 */
static void find_local(const struct ktree *kt, const char *doc,
		       const struct strbuf *text, const struct strvec *want,
		       struct maintainers **maint, struct strvec *lfiles,
		       struct strvec **names)
{
	struct strvec cands = STRVEC_INIT, pats = STRVEC_INIT;
	struct def_index local;
	size_t k, n;
	char *rel;

	strvec_init(&cands);
	strvec_init(&pats);
	paths_in_text(kt->ksrc, text, &cands);
	if (!*maint)
		*maint = maintainers_read(kt->ksrc);
	rel = tree_path(kt->ksrc, doc);
	maintainers_files_of(*maint, rel, &pats);
	free(rel);
	for (k = 0; k < pats.nr; k++)
		headers_of_path(kt->ksrc, pats.v[k], &cands);
	def_index_of_files(kt->ksrc, &cands, &local);
	for (k = 0; k < want->nr; k++) {
		const struct struct_def *def = def_index_find(&local, want->v[k], &n);

		if (def)
			add_local(lfiles, names, def->file, want->v[k]);
	}
	def_index_release(&local);
	strvec_release(&cands);
	strvec_release(&pats);
}

/*
 * The lookup's cache key: the tree, MAINTAINERS's size and time, and each
 * document that wants a struct, its path and text. A header added to a
 * directory of an entry is seen when one of them changes, or with
 * OPSDOC_NO_CACHE=1.
 */
static unsigned long long local_key(const char *ksrc, const struct docs *d,
				    const char *wants)
{
	XXH3_state_t *st = XXH3_createState();
	struct strbuf path = STRBUF_INIT;
	unsigned long long key;
	struct stat sb;
	size_t i;

	if (!st)
		die("out of memory");
	XXH3_64bits_reset(st);
	XXH3_64bits_update(st, "local headers 1", 16);
	XXH3_64bits_update(st, ksrc, strlen(ksrc) + 1);
	strbuf_addf(&path, "%s/MAINTAINERS", ksrc);
	if (!stat(path.buf, &sb)) {
		XXH3_64bits_update(st, &sb.st_size, sizeof(sb.st_size));
		XXH3_64bits_update(st, &sb.st_mtime, sizeof(sb.st_mtime));
	}
	for (i = 0; i < d->files.nr; i++) {
		if (!wants[i])
			continue;
		XXH3_64bits_update(st, d->files.v[i], strlen(d->files.v[i]) + 1);
		XXH3_64bits_update(st, d->texts[i].buf, d->texts[i].len);
	}
	key = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	strbuf_release(&path);
	return key;
}

/*
 * The models of listed structs the index does not have, from the headers
 * outside include/ that the documents listing them lead to: paths their
 * text names (kernel-doc directives among them), then the code their
 * MAINTAINERS sections cover (drivers/hwspinlock/hwspinlock_internal.h
 * for locking/hwspinlock.rst). Where each struct is ("FILE NAME..."
 * lines) is cached, so that a warm run reads neither MAINTAINERS nor
 * the directories. Each header is parsed in the tree's configuration for
 * the structs found in it, through the model cache, and added to
 * fs->models; lfiles receives each model's header.
 */
static void local_models(const struct ktree *kt, const struct api *api,
			 const struct def_index *idx, const struct docs *d,
			 const struct strvec *args, struct strvec *lfiles,
			 struct findings *fs)
{
	struct maintainers *maint = NULL;
	struct strvec w, t, *want, *names = NULL;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const struct ops_struct *st;
	char *wants = xcalloc(d->files.nr + 1, 1), *line, *save = NULL;
	int use_cache = !getenv("OPSDOC_NO_CACHE");
	unsigned long long key;
	size_t i, k, n, f;

	strvec_init(lfiles);
	want = xcalloc(d->files.nr + 1, sizeof(*want));
	for (i = 0; i < d->files.nr; i++) {
		strvec_init(&w);
		strvec_init(&t);
		strvec_init(&want[i]);
		scan_struct_names(d->texts[i].buf, d->texts[i].len, &w, &t);
		for (k = 0; k < w.nr; k++) {
			st = find_struct_by_name(api, w.v[k]);
			if (!(st && st->present) && !def_index_find(idx, w.v[k], &n))
				strvec_push_unique(&want[i], w.v[k]);
		}
		wants[i] = want[i].nr > 0;
		strvec_release(&w);
		strvec_release(&t);
	}
	key = local_key(kt->ksrc, d, wants);
	cache_file("localdefs", key, "txt", &path);
	if (use_cache && !strbuf_read_file(&text, path.buf)) {
		for (line = strtok_r(text.buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *file = strtok(line, " "), *name;

			while (file && (name = strtok(NULL, " ")))
				add_local(lfiles, &names, file, name);
		}
	} else {
		for (i = 0; i < d->files.nr; i++)
			if (wants[i])
				find_local(kt, d->files.v[i], &d->texts[i], &want[i],
					   &maint, lfiles, &names);
		maintainers_free(maint);
		if (use_cache) {
			strbuf_reset(&text);
			for (f = 0; f < lfiles->nr; f++) {
				strbuf_adds(&text, lfiles->v[f]);
				for (k = 0; k < names[f].nr; k++)
					strbuf_addf(&text, " %s", names[f].v[k]);
				strbuf_addch(&text, '\n');
			}
			cache_file("localdefs", key, NULL, &path);
			if (!mkdir_p(path.buf)) {
				cache_file("localdefs", key, "txt", &path);
				write_file_atomic(path.buf, text.buf, text.len);
			}
		}
	}
	for (i = 0; i < d->files.nr; i++)
		strvec_release(&want[i]);
	free(want);
	free(wants);
	strbuf_release(&path);
	strbuf_release(&text);
	if (!lfiles->nr)
		return;
	fs->models = xrealloc(fs->models, (fs->nr_models + lfiles->nr) *
			      sizeof(*fs->models));
	for (f = 0; f < lfiles->nr; f++) {
		qsort(names[f].v, names[f].nr, sizeof(*names[f].v), str_cmp);
		model_of_header(kt, args, lfiles->v[f],
				(const char *const *)names[f].v,
				&fs->models[fs->nr_models++]);
		strvec_release(&names[f]);
	}
	free(names);
}

/*
 * For each listing whose struct an arch other than x86 defines in its
 * uapi headers, the archs to compare it with (x86 first, when the model
 * has it) and the arch its context names.
 */
static struct listing_archs *listing_archs(const struct ktree *kt,
					   const struct api *api,
					   const struct def_index *idx,
					   const struct docs *d,
					   const struct doc_listings *ls,
					   const struct strvec *files,
					   const struct strvec *archs,
					   const struct findings *fs)
{
	struct listing_archs *la;
	const struct struct_def *defs;
	const struct ops_struct *s;
	const char *file;
	size_t i, k, n, f;

	if (!files->nr)
		return NULL;
	la = xcalloc(ls->n + 1, sizeof(*la));
	for (i = 0; i < ls->n; i++) {
		const struct doc_listing *l = &ls->v[i];

		defs = def_index_find(idx, l->struct_name, &n);
		k = 0;
		if (!next_arch_def(defs, n, &k))
			continue;
		la[i].v = xcalloc(n + 1, sizeof(*la[i].v));
		s = find_struct_by_name(api, l->struct_name);
		if (s && s->present && !s->parse_error) {
			la[i].v[0].arch = "x86";
			la[i].v[0].api = api;
			la[i].n = 1;
		}
		for (k = 0; (file = next_arch_def(defs, n, &k)) != NULL;) {
			f = strvec_find(files, file);
			if ((long)f < 0)
				continue;
			s = find_struct_by_name(&fs->models[f], l->struct_name);
			if (!s || !s->present || s->parse_error)
				continue;
			la[i].v[la[i].n].arch = archs->v[f];
			la[i].v[la[i].n].api = &fs->models[f];
			la[i].n++;
		}
		for (f = 0; f < d->files.nr; f++)
			if (!strcmp(shown_path(d->files.v[f], kt->ksrc), l->file))
				la[i].context = context_arch(d->texts[f].buf, l);
	}
	return la;
}

/*
 * For each listing of a struct that only a model of a header outside the
 * index has (models from first on), that model; la is made when NULL.
 */
static struct listing_archs *local_archs(const struct api *api,
					 const struct doc_listings *ls,
					 size_t first, const struct findings *fs,
					 struct listing_archs *la)
{
	const struct ops_struct *s;
	size_t i, f;

	if (!la)
		la = xcalloc(ls->n + 1, sizeof(*la));
	for (i = 0; i < ls->n; i++) {
		s = find_struct_by_name(api, ls->v[i].struct_name);
		if (la[i].n || (s && s->present))
			continue;
		for (f = first; f < fs->nr_models; f++) {
			s = find_struct_by_name(&fs->models[f], ls->v[i].struct_name);
			if (!s || !s->present || s->parse_error)
				continue;
			la[i].v = xcalloc(2, sizeof(*la[i].v));
			la[i].v[0].api = &fs->models[f];
			la[i].n = 1;
			break;
		}
	}
	return la;
}

int check_docs(const struct ktree *kt, const struct api *api,
	       const struct docs *d, const struct strvec *headers,
	       struct model_listings *ml, struct doc_listings *ls,
	       struct findings *fs, struct coverages *cov)
{
	return check_docs_unknown(kt, api, d, headers, NULL, ml, ls, fs, cov);
}

int check_docs_unknown(const struct ktree *kt, const struct api *api,
		       const struct docs *d, const struct strvec *headers,
		       const struct strvec *unknown, struct model_listings *ml,
		       struct doc_listings *ls, struct findings *fs,
		       struct coverages *cov)
{
	struct strvec args = STRVEC_INIT, deps = STRVEC_INIT;
	struct strvec files = STRVEC_INIT, archs = STRVEC_INIT, lfiles = STRVEC_INIT;
	struct extract_opts eo = { 0 };
	struct listing_archs *la = NULL;
	struct ops_struct *parsed;
	unsigned long long key = 0;
	struct def_index idx;
	size_t i;
	int ret = -1;

	strvec_init(&files);
	strvec_init(&archs);
	if (def_index_build(kt->ksrc, &idx))
		return -1;
	strvec_init(&args);
	strvec_init(&deps);
	strvec_init(&lfiles);
	if (ktree_load_flags(kt->flags, &args))
		goto out_args;
	arch_models(kt, api, &idx, &files, &archs, fs);
	local_models(kt, api, &idx, d, &args, &lfiles, fs);
	scan_docs(api, fs->models, fs->nr_models, kt->ksrc, d, ls);
	if (unknown && unknown->nr)
		scan_unknown(kt->ksrc, d, unknown, ls);
	eo.ksrc = kt->ksrc;
	eo.args = &args;
	eo.headers = headers->nr ? (const char *const *)headers->v : model_headers;
	parsed = xcalloc(ls->n ? ls->n : 1, sizeof(*parsed));
	if (!getenv("OPSDOC_NO_CACHE"))
		key = listings_key(kt, &args, eo.headers, ls);
	if (ml && ml->parsed) {
		eo.deps = &deps;
		for (i = 0; i < ml->deps.nr; i++)
			strvec_push_unique(&deps, ml->deps.v[i]);
		ret = take_parsed(&eo, ml, ls, parsed);
		if (!ret && key)
			listings_store(key, kt, parsed, ls->n, &deps);
	} else if (!listings_load(key, ls, parsed)) {
		ret = 0;
	} else {
		eo.deps = &deps;
		if (!parse_listings(&eo, ls->v, ls->n, parsed)) {
			ret = 0;
			if (key)
				listings_store(key, kt, parsed, ls->n, &deps);
		}
	}
	if (!ret) {
		la = listing_archs(kt, api, &idx, d, ls, &files, &archs, fs);
		if (lfiles.nr)
			la = local_archs(api, ls, files.nr, fs, la);
		compare_listings_archs(api, ls->v, parsed, ls->n, la, fs, cov);
		for (i = 0; la && i < ls->n; i++)
			free(la[i].v);
		free(la);
	}
	for (i = 0; i < ls->n; i++)
		ops_struct_release(&parsed[i]);
	free(parsed);
out_args:
	strvec_release(&args);
	strvec_release(&deps);
	strvec_release(&files);
	strvec_release(&archs);
	strvec_release(&lfiles);
	def_index_release(&idx);
	return ret;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Does a model of a header outside the index (or an arch's) have it? */
static int in_models(const struct findings *fs, const char *name)
{
	const struct ops_struct *s;
	size_t f;

	for (f = 0; f < fs->nr_models; f++)
		if ((s = find_struct_by_name(&fs->models[f], name)) && s->present)
			return 1;
	return 0;
}

int check_tree(const struct ktree *kt, const char *api_path,
	       const struct strvec *dirs, struct check_run *cr)
{
	struct strvec names = STRVEC_INIT, wrapped = STRVEC_INIT;
	struct strvec undefined = STRVEC_INIT, candidates = STRVEC_INIT;
	struct strvec near = STRVEC_INIT, unknown = STRVEC_INIT;
	struct doc_listings spec = { 0 };
	struct model_listings ml = { &spec, NULL, STRVEC_INIT };
	struct model_opts mo = { 0 };
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;
	size_t k;

	memset(cr, 0, sizeof(*cr));
	strvec_init(&cr->docs.files);
	strvec_init(&cr->headers);
	strvec_init(&names);
	strvec_init(&wrapped);
	strvec_init(&undefined);
	strvec_init(&candidates);
	strvec_init(&near);
	strvec_init(&unknown);
	strvec_init(&ml.deps);
	if (read_docs(dirs, &cr->docs))
		goto out;
	/* The model holds every struct the documents may list. */
	mo.api_path = api_path;
	if (!mo.api_path) {
		docs_struct_names(&cr->docs, &names, &wrapped);
		mo.structs = (const char *const *)names.v;
		mo.undefined = &undefined;
		mo.suggestions = &near;
		/* Only a listing in "struct NAME {" can be of another tag. */
		mo.suggest_for = &wrapped;
		mo.headers = &cr->headers;
		/*
		 * The listings are found first, for every struct the documents
		 * may list, and parsed with the headers, once.
		 */
		for (k = 0; k < names.nr; k++)
			strvec_push_unique(&candidates, names.v[k]);
		for (k = 0; modelled_structs[k]; k++)
			strvec_push_unique(&candidates, modelled_structs[k]);
		qsort(candidates.v, candidates.nr, sizeof(*candidates.v), name_cmp);
		docs_find_listings(&cr->docs, kt->ksrc,
				   (const char *const *)candidates.v, &spec);
		mo.listings = &ml;
	}
	if (model_for_tree(kt, &mo, &cr->api))
		goto out;
	/* A listed struct the tree lacks, and the tags near it that it has. */
	for (k = 0; k < undefined.nr && k < near.nr; k++) {
		if (!*near.v[k])
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", undefined.v[k], near.v[k]);
		strvec_push(&unknown, sb.buf);
	}
	/* A model read from api.json: the headers its structs come from. */
	if (!cr->headers.nr)
		model_struct_headers(&cr->api, &cr->headers);
	if (check_docs_unknown(kt, &cr->api, &cr->docs, &cr->headers, &unknown,
			       &ml, &cr->ls, &cr->fs, &cr->cov))
		goto out;
	for (k = 0; k < wrapped.nr; k++)
		cr->cov.not_in_tree += strvec_find(&undefined, wrapped.v[k]) >= 0 &&
				       !in_models(&cr->fs, wrapped.v[k]);
	ret = 0;
out:
	for (k = 0; ml.parsed && k < spec.n; k++)
		ops_struct_release(&ml.parsed[k]);
	free(ml.parsed);
	strvec_release(&ml.deps);
	doc_listings_release(&spec);
	strvec_release(&names);
	strvec_release(&wrapped);
	strvec_release(&undefined);
	strvec_release(&candidates);
	strvec_release(&near);
	strvec_release(&unknown);
	strbuf_release(&sb);
	return ret;
}

void check_run_release(struct check_run *cr)
{
	coverages_release(&cr->cov);
	findings_release(&cr->fs);
	doc_listings_release(&cr->ls);
	docs_release(&cr->docs);
	strvec_release(&cr->headers);
	api_release(&cr->api);
	memset(cr, 0, sizeof(*cr));
}
