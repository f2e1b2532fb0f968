// SPDX-License-Identifier: GPL-2.0
/*
 * series_tree.c - one series per tree: for each step, the MAINTAINERS
 * section of the headers it changes or of the code it describes, as the
 * tree's get_maintainer.pl finds them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kscripts.h"
#include "run.h"
#include "series_tree.h"
#include "strbuf.h"
#include "util.h"

/* How many of the files calling a struct's methods most have a vote. */
#define MAX_CALLERS 8

/* The sections of files, each asked of get_maintainer.pl once. */
struct section_cache {
	struct strvec files;
	struct maint_section **v;
	int *n;
};

static int sections_of(const char *ksrc, struct section_cache *c,
		       const char *file, const struct maint_section **first)
{
	int i = strvec_find(&c->files, file), n;

	if (i < 0) {
		struct maint_section *v;

		n = maintainers_sections(ksrc, file, &v);
		if (n < 0)
			return -1;
		strvec_push(&c->files, file);
		i = c->files.nr - 1;
		c->v = xrealloc(c->v, c->files.nr * sizeof(*c->v));
		c->n = xrealloc(c->n, c->files.nr * sizeof(*c->n));
		c->v[i] = v;
		c->n[i] = n;
	}
	*first = c->n[i] ? &c->v[i][0] : NULL;
	return 0;
}

static void section_cache_release(struct section_cache *c)
{
	size_t i;

	for (i = 0; i < c->files.nr; i++)
		maint_sections_free(c->v[i], c->n[i]);
	free(c->v);
	free(c->n);
	strvec_release(&c->files);
}

static int is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * One grep over the tree's C files and headers: where the functions are
 * defined or declared (a line at column 0 that names one before a '('),
 * and where the methods are called ("->name(").
 */
static int grep_tree(const char *ksrc, const struct strvec *funcs,
		     const struct strvec *methods, struct strvec *defs,
		     struct strvec *calls)
{
	struct strbuf out = STRBUF_INIT, def = STRBUF_INIT, call = STRBUF_INIT;
	struct run_opts o = { ksrc, &out, 1 };
	struct strvec argv = STRVEC_INIT;
	char *line, *next;
	size_t i;
	int ret;

	if (!funcs->nr && !methods->nr)
		return 0;
	strvec_init(&argv);
	strvec_push(&argv, "grep");
	strvec_push(&argv, "-rIoE");
	strvec_push(&argv, "--include=*.c");
	strvec_push(&argv, "--include=*.h");
	if (funcs->nr) {
		/* No ';', '=' or string before the name: not a call or a text. */
		strbuf_adds(&def, "^[A-Za-z_][^;=\"]*[^A-Za-z0-9_](");
		for (i = 0; i < funcs->nr; i++)
			strbuf_addf(&def, "%s%s", i ? "|" : "", funcs->v[i]);
		strbuf_adds(&def, ")\\(");
		strvec_push(&argv, "-e");
		strvec_push(&argv, def.buf);
	}
	if (methods->nr) {
		strbuf_adds(&call, "->(");
		for (i = 0; i < methods->nr; i++)
			strbuf_addf(&call, "%s%s", i ? "|" : "", methods->v[i]);
		strbuf_adds(&call, ")\\(");
		strvec_push(&argv, "-e");
		strvec_push(&argv, call.buf);
	}
	strvec_push(&argv, ".");
	ret = run_program((const char *const *)argv.v, &o);
	/* grep exits 1 when nothing matched. */
	if (ret < 0 || ret > 1) {
		error_at(ksrc, 0, "grep for the code the series describes failed");
		ret = -1;
		goto out;
	}
	ret = 0;
	/* "./path:match": the name is the identifier before the last '('. */
	for (line = out.buf; line && *line; line = next) {
		char *colon = strchr(line, ':'), *e, *b, *path;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!colon)
			continue;
		*colon = '\0';
		path = line[0] == '.' && line[1] == '/' ? line + 2 : line;
		e = strrchr(colon + 1, '(');
		if (!e)
			continue;
		for (b = e; b > colon + 1 && is_ident(b[-1]); b--)
			;
		*e = '\0';
		strbuf_reset(&def);
		strbuf_addf(&def, "%s %s", b, path);
		strvec_push(b > colon + 2 && b[-1] == '>' && b[-2] == '-' ? calls : defs,
			    def.buf);
	}
out:
	strvec_release(&argv);
	strbuf_release(&out);
	strbuf_release(&def);
	strbuf_release(&call);
	return ret;
}

/* The files of "name path" entries for a name: all, or none past max. */
static void files_of(const struct strvec *v, const char *name, size_t max,
		     struct strvec *out)
{
	struct strvec found = STRVEC_INIT;
	size_t i, n = strlen(name);

	strvec_init(&found);
	for (i = 0; i < v->nr; i++)
		if (!strncmp(v->v[i], name, n) && v->v[i][n] == ' ')
			strvec_push_unique(&found, v->v[i] + n + 1);
	if (found.nr <= max)
		for (i = 0; i < found.nr; i++)
			strvec_push_unique(out, found.v[i]);
	strvec_release(&found);
}

/* Is the name of a "name path" entry one of names? */
static int entry_named(const char *entry, const struct strvec *names)
{
	size_t i, n = strchr(entry, ' ') - entry;

	for (i = 0; i < names->nr; i++)
		if (strlen(names->v[i]) == n && !strncmp(names->v[i], entry, n))
			return 1;
	return 0;
}

/* How many of the "name path" entries for the methods are in path. */
static size_t calls_in(const struct strvec *calls, const struct strvec *methods,
		       const char *path)
{
	size_t k, n = 0;

	for (k = 0; k < calls->nr; k++)
		n += entry_named(calls->v[k], methods) &&
		     !strcmp(strchr(calls->v[k], ' ') + 1, path);
	return n;
}

static size_t depth(const char *path)
{
	size_t n = 0;

	for (; *path; path++)
		n += *path == '/';
	return n;
}

/*
 * The files that call the methods most, at most max, most calls first;
 * of those with as many, the one nearer the top of the tree first.
 */
static void top_callers(const struct strvec *calls, const struct strvec *methods,
			size_t max, struct strvec *out)
{
	struct strvec files = STRVEC_INIT;
	size_t i, k, *n;

	strvec_init(&files);
	for (i = 0; i < calls->nr; i++)
		if (entry_named(calls->v[i], methods))
			strvec_push_unique(&files, strchr(calls->v[i], ' ') + 1);
	n = xcalloc(files.nr + 1, sizeof(*n));
	for (i = 0; i < files.nr; i++)
		n[i] = calls_in(calls, methods, files.v[i]);
	while (out->nr < max) {
		size_t best = files.nr;

		/* Most calls; then nearer the top of the tree (core code). */
		for (k = 0; k < files.nr; k++)
			if (n[k] && (best == files.nr || n[k] > n[best] ||
				     (n[k] == n[best] && depth(files.v[k]) <
				      depth(files.v[best]))))
				best = k;
		if (best == files.nr)
			break;
		strvec_push(out, files.v[best]);
		n[best] = 0;
	}
	free(n);
	strvec_release(&files);
}

/* The callback members of a struct whose names no other struct's share. */
static void own_methods(const struct api *api, const struct ops_struct *s,
			struct strvec *out)
{
	const struct member *m;

	for_each_member(s, m)
		if (m->kind == MEMBER_CALLBACK && strchr(m->name, '_'))
			strvec_push(out, m->name);
}

/* The model's callers of st.member, or of any member named name. */
static void model_callers(const struct api *api, const char *st,
			  const char *member, struct strvec *out)
{
	size_t i, n = st ? strlen(st) : 0;

	for (i = 0; i < api->nr_callers; i++) {
		const struct caller *c = &api->callers[i];
		const char *dot = strchr(c->member, '.');

		if (!dot || strcmp(dot + 1, member))
			continue;
		if (st && ((size_t)(dot - c->member) != n || strncmp(c->member, st, n)))
			continue;
		strvec_push_unique(out, c->file);
	}
}

/* "vfs" of ".../vfs/vfs.git"; a "linux" tree or none: the title's words. */
static char *tree_name(const struct maint_section *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *t = s->tree, *p;
	size_t n;

	if (t) {
		p = strrchr(t, '/');
		p = p ? p + 1 : t;
		n = strlen(p);
		if (n > 4 && !strcmp(p + n - 4, ".git"))
			n -= 4;
		if (n && strncmp(p, "linux", 5)) {
			strbuf_add(&sb, p, n);
			return strbuf_detach(&sb);
		}
	}
	/* "FILESYSTEMS (VFS and infrastructure)" -> "vfs". */
	p = strchr(s->name, '(');
	if (p) {
		for (p++, n = 0; isupper((unsigned char)p[n]); n++)
			;
		if (n >= 2 && !isalnum((unsigned char)p[n])) {
			for (; n--; p++)
				strbuf_addch(&sb, tolower((unsigned char)*p));
			return strbuf_detach(&sb);
		}
	}
	/* "FILE LOCKING (flock() ...)" -> "file-locking". */
	n = strcspn(s->name, "(");
	for (p = s->name; p < s->name + n; p++) {
		if (isalnum((unsigned char)*p))
			strbuf_addch(&sb, tolower((unsigned char)*p));
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			strbuf_addch(&sb, '-');
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		strbuf_adds(&sb, "tree");
	return strbuf_detach(&sb);
}

/* The key that makes steps one series: the git tree, else the title. */
static const char *tree_key(const struct maint_section *s)
{
	return s->tree ? s->tree : s->name;
}

/*
 * Is file kept by the tree of section s (one of its sections has s's git
 * tree, or is s)? Code that the patch's own tree keeps asks nobody new:
 * fs/ioctl.c is the VFS's, though LANDLOCK lists it too.
 */
static int kept_by(const char *ksrc, struct section_cache *c, const char *file,
		   const struct maint_section *s, int *kept)
{
	const struct maint_section *first;
	int i, k;

	*kept = 0;
	if (sections_of(ksrc, c, file, &first))
		return -1;
	i = strvec_find(&c->files, file);
	for (k = 0; k < c->n[i]; k++)
		if (!strcmp(tree_key(&c->v[i][k]), tree_key(s)))
			*kept = 1;
	return 0;
}

/* The section most of the files' first sections are; ties: the first. */
static int vote(const char *ksrc, struct section_cache *sc,
		const struct strvec *files, const struct maint_section **out,
		const char **file)
{
	const struct maint_section **firsts;
	size_t i, k, most = 0;

	*out = NULL;
	if (!files->nr)
		return 0;
	firsts = xcalloc(files->nr, sizeof(*firsts));
	for (i = 0; i < files->nr; i++)
		if (sections_of(ksrc, sc, files->v[i], &firsts[i])) {
			free(firsts);
			return -1;
		}
	for (i = 0; i < files->nr; i++) {
		size_t n = 0;

		if (!firsts[i])
			continue;
		for (k = 0; k < files->nr; k++)
			n += firsts[k] && !strcmp(tree_key(firsts[k]), tree_key(firsts[i]));
		if (n > most) {
			most = n;
			*out = firsts[i];
			*file = files->v[i];
		}
	}
	free(firsts);
	return 0;
}

int series_plan_make(const char *ksrc, const struct api *api,
		     const struct rewrites *r, const struct step_change *changes,
		     int by_doc, struct series_plan *p)
{
	struct strvec funcs = STRVEC_INIT, methods = STRVEC_INIT,
		      defs = STRVEC_INIT, calls = STRVEC_INIT;
	struct section_cache sc = { STRVEC_INIT, NULL, NULL };
	const struct maint_section **dec, *s;
	struct strvec *named;
	const char **decfile;
	size_t k, i, j;
	int ret = -1;

	memset(p, 0, sizeof(*p));
	strvec_init(&funcs);
	strvec_init(&methods);
	strvec_init(&defs);
	strvec_init(&calls);
	strvec_init(&sc.files);
	p->headers = xcalloc(r->nr_steps + 1, sizeof(*p->headers));
	p->code = xcalloc(r->nr_steps + 1, sizeof(*p->code));
	named = xcalloc(r->nr_steps + 1, sizeof(*named));
	dec = xcalloc(r->nr_steps + 1, sizeof(*dec));
	decfile = xcalloc(r->nr_steps + 1, sizeof(*decfile));
	/* The headers; the functions and methods to look for. */
	for (k = 0; k < r->nr_steps; k++) {
		const struct step_change *c = &changes[k];

		strvec_init(&p->headers[k]);
		strvec_init(&p->code[k]);
		strvec_init(&named[k]);
		for (i = 0; i < c->functions.nr; i++)
			strvec_push_unique(&funcs, c->functions.v[i]);
		for (i = 0; i < c->nr_structs; i++) {
			const struct ops_struct *st = find_struct_by_name(api, c->structs[i].name);

			if (!st || !st->file || st->file[0] == '/')
				continue;
			strvec_push_unique(&p->headers[k], st->file);
			if (sections_of(ksrc, &sc, st->file, &s))
				goto out;
			if (!s)
				own_methods(api, st, &methods);
		}
	}
	if (grep_tree(ksrc, &funcs, &methods, &defs, &calls))
		goto out;
	/* The code each step describes, and its tree. */
	for (k = 0; k < r->nr_steps; k++) {
		const struct step_change *c = &changes[k];
		const char *base = strrchr(r->docs[r->steps[k].doc].rel, '/') + 1;
		struct strvec names = STRVEC_INIT, callers = STRVEC_INIT;
		char *stem;

		strvec_init(&names);
		strvec_init(&callers);
		if (by_doc && sections_of(ksrc, &sc, r->docs[r->steps[k].doc].rel,
					  &dec[k]))
			goto out;
		for (i = 0; i < c->nr_structs; i++) {
			const struct struct_change *ch = &c->structs[i];

			for (j = 0; j < ch->desc_added.nr; j++)
				model_callers(api, ch->name, ch->desc_added.v[j], &p->code[k]);
			for (j = 0; j < ch->desc_rewritten.nr; j++)
				model_callers(api, ch->name, ch->desc_rewritten.v[j],
					      &p->code[k]);
		}
		/* A document named after a method (mmap_prepare.rst): its callers. */
		stem = xstrndup(base, strcspn(base, "."));
		model_callers(api, NULL, stem, &p->code[k]);
		free(stem);
		for (i = 0; i < c->functions.nr; i++)
			files_of(&defs, c->functions.v[i], 2, &named[k]);
		for (i = 0; i < named[k].nr; i++)
			strvec_push_unique(&p->code[k], named[k].v[i]);
		for (i = 0; i < c->nr_structs && !dec[k]; i++) {
			const struct ops_struct *st = find_struct_by_name(api, c->structs[i].name);

			if (!st || !st->file || st->file[0] == '/')
				continue;
			if (sections_of(ksrc, &sc, st->file, &dec[k]))
				goto out;
			if (dec[k]) {
				decfile[k] = st->file;
				break;
			}
			/* No section keeps its header: the code that calls it. */
			strvec_release(&names);
			strvec_init(&names);
			own_methods(api, st, &names);
			strvec_release(&callers);
			strvec_init(&callers);
			top_callers(&calls, &names, MAX_CALLERS, &callers);
			if (vote(ksrc, &sc, &callers, &dec[k], &decfile[k]))
				goto out;
			/* Keep the file that decided: callers is freed. */
			if (dec[k]) {
				strvec_push_unique(&p->code[k], decfile[k]);
				decfile[k] = p->code[k].v[strvec_find(&p->code[k],
								      decfile[k])];
			}
		}
		strvec_release(&names);
		strvec_release(&callers);
		if (!dec[k] && vote(ksrc, &sc, &p->code[k], &dec[k], &decfile[k]))
			goto out;
	}
	/* Undecided: with the nearest decided step of the same document. */
	for (k = 0; k < r->nr_steps; k++) {
		size_t d = r->steps[k].doc, best = (size_t)-1;

		if (dec[k])
			continue;
		for (i = 0; i < r->nr_steps; i++)
			if (dec[i] && r->steps[i].doc == d && i != k &&
			    (best == (size_t)-1 || (i > k ? i - k : k - i) <
			     (best > k ? best - k : k - best)))
				best = i;
		if (best != (size_t)-1) {
			dec[k] = dec[best];
			decfile[k] = decfile[best];
		}
	}
	for (k = 0; k < r->nr_steps; k++) {
		struct series_tree *t;

		if (!dec[k] && sections_of(ksrc, &sc, r->docs[r->steps[k].doc].rel,
					   &dec[k]))
			goto out;
		if (!dec[k]) {
			error_at(r->docs[r->steps[k].doc].path, 0, "MAINTAINERS names "
				 "no maintainer for this document or the code it "
				 "describes; which tree takes it?");
			goto out;
		}
		/*
		 * A function the new text names, defined in code that the
		 * tree itself keeps, asks nobody new.
		 */
		for (i = 0; i < named[k].nr; i++) {
			int kept;

			if (kept_by(ksrc, &sc, named[k].v[i], dec[k], &kept))
				goto out;
			if (kept && (!decfile[k] || strcmp(named[k].v[i], decfile[k])))
				strvec_remove(&p->code[k], named[k].v[i]);
		}
		/* Whoever decided the tree is asked too. */
		if (decfile[k] && strvec_find(&p->headers[k], decfile[k]) < 0)
			strvec_push_unique(&p->code[k], decfile[k]);
		for (i = 0; i < p->nr_trees; i++)
			if (!strcmp(p->trees[i].section, dec[k]->name) ||
			    (dec[k]->tree && !strcmp(p->trees[i].key, dec[k]->tree)))
				break;
		if (i == p->nr_trees) {
			p->trees = xrealloc(p->trees, (i + 1) * sizeof(*p->trees));
			t = &p->trees[p->nr_trees++];
			memset(t, 0, sizeof(*t));
			t->name = tree_name(dec[k]);
			t->section = xstrdup(dec[k]->name);
			t->key = xstrdup(tree_key(dec[k]));
		}
		t = &p->trees[i];
		t->steps = xrealloc(t->steps, (t->nr_steps + 1) * sizeof(*t->steps));
		t->steps[t->nr_steps++] = k;
	}
	ret = 0;
out:
	for (k = 0; k < r->nr_steps; k++)
		strvec_release(&named[k]);
	free(named);
	free(dec);
	free(decfile);
	section_cache_release(&sc);
	strvec_release(&funcs);
	strvec_release(&methods);
	strvec_release(&defs);
	strvec_release(&calls);
	return ret;
}

void series_plan_release(struct series_plan *p, size_t nr_steps)
{
	size_t i;

	for (i = 0; i < p->nr_trees; i++) {
		free(p->trees[i].name);
		free(p->trees[i].section);
		free(p->trees[i].key);
		free(p->trees[i].steps);
	}
	free(p->trees);
	for (i = 0; p->headers && i < nr_steps; i++) {
		strvec_release(&p->headers[i]);
		strvec_release(&p->code[i]);
	}
	free(p->headers);
	free(p->code);
	memset(p, 0, sizeof(*p));
}
