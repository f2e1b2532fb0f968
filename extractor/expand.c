// SPDX-License-Identifier: GPL-2.0
/*
 * expand.c - opsdoc's template directives, expanded from the model.
 *
 * rst_write.c hands every fenced block whose info string starts with "opsdoc"
 * and every `opsdoc:NAME` code span to the hooks here. Each directive
 * writes plain RST; nothing here knows about cmark.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "rst_fold.h"
#include "rst_write.h"
#include "strvec.h"
#include "util.h"

struct hook_data {
	const struct expand_env *env;
	const char *path;
	unsigned int columns;	/* what a directive's prose may fill */
};

/* The words of a directive's info string, "opsdoc" itself left out. */
static void split_words(const char *info, struct strvec *words, int *optional)
{
	const char *p = info + 6;

	*optional = 0;
	while (*p) {
		const char *s;

		while (*p == ' ' || *p == '\t')
			p++;
		s = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (p > s)
			strvec_push_owned(words, xstrndup(s, p - s));
	}
	if (words->nr && !strcmp(words->v[words->nr - 1], "optional")) {
		*optional = 1;
		free(words->v[--words->nr]);
		words->v[words->nr] = NULL;
	}
}

/* "struct.member" into its parts; member is NULL without a dot. */
static const struct ops_struct *lookup(const struct api *api, const char *ref,
				       const struct member **m)
{
	char name[128];
	const char *dot = strchr(ref, '.');
	const struct ops_struct *s;

	*m = NULL;
	snprintf(name, sizeof(name), "%.*s",
		 (int)(dot ? (size_t)(dot - ref) : strlen(ref)), ref);
	s = find_struct_by_name(api, name);
	if (!s || !s->present)
		return NULL;
	if (dot)
		*m = find_member_by_name(s, dot + 1);
	return s;
}

const char *access_class(const struct member *m)
{
	static const char *const classes[][2] = {
		{ "Immutable", "immutable" },
		{ "Mutable", "mutable" },
		{ "Write-only", "write-only" },
		{ "action", "action" },
	};
	size_t i;

	if (!m->group)
		return "";
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strstr(m->group, classes[i][0]))
			return classes[i][1];
	return m->group;
}

/* Text for a table cell or list item: one line, RST-escaped. */
static void add_cell(struct strbuf *out, const char *s)
{
	int space = 0;

	if (s && *s && out->len && out->buf[out->len - 1] == '-')
		strbuf_addch(out, ' ');

	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\t' || *s == ' ') {
			space = 1;
			continue;
		}
		if (space)
			strbuf_addch(out, ' ');
		space = 0;
		if (*s == '\\' || *s == '*' || *s == '`' || *s == '|' ||
		    (*s == '_' && !(s[1] >= 'a' && s[1] <= 'z')))
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s);
	}
}

static void add_code_block(struct strbuf *out, const char *code)
{
	strbuf_adds(out, ".. code-block:: c\n\n");
	strbuf_add_indented(out, code, "\t");
}

/* --- the directives --------------------------------------------------- */

static int need(struct hook_data *d, unsigned int line, const struct strvec *w,
		size_t min, size_t max, const char *usage)
{
	if (w->nr < min || w->nr > max) {
		error_at(d->path, line, "usage: opsdoc %s", usage);
		return -1;
	}
	return 0;
}

static int missing(struct hook_data *d, unsigned int line, int optional,
		   const char *what)
{
	if (optional)
		return 0;
	error_at(d->path, line, "%s: not in this tree (%s); fix the reference "
		 "or mark the block optional", what, d->env->api->version);
	return -1;
}

static int do_signature(struct hook_data *d, const struct strvec *w,
			int optional, unsigned int line, struct strbuf *out)
{
	const struct member *m;

	if (need(d, line, w, 2, 2, "signature STRUCT.MEMBER"))
		return -1;
	if (!lookup(d->env->api, w->v[1], &m) || !m)
		return missing(d, line, optional, w->v[1]);
	add_code_block(out, m->decl);
	return 0;
}

static int do_listing(struct hook_data *d, const struct strvec *w,
		      int optional, unsigned int line, struct strbuf *out)
{
	const struct member *m;
	const struct ops_struct *s;

	if (need(d, line, w, 2, 2, "listing STRUCT"))
		return -1;
	s = lookup(d->env->api, w->v[1], &m);
	if (!s || !s->source)
		return missing(d, line, optional, w->v[1]);
	add_code_block(out, s->source);
	return 0;
}

static int do_fields(struct hook_data *d, const struct strvec *w,
		     int optional, unsigned int line, struct strbuf *out)
{
	const struct member *m;
	const struct ops_struct *s;

	if (need(d, line, w, 2, 2, "fields STRUCT"))
		return -1;
	s = lookup(d->env->api, w->v[1], &m);
	if (!s)
		return missing(d, line, optional, w->v[1]);
	strbuf_adds(out, ".. list-table::\n   :header-rows: 1\n\n"
		    "   * - Member\n     - Declaration\n     - Access\n"
		    "     - Header comment\n");
	for_each_member(s, m) {
		strbuf_addf(out, "   * - ``%s``\n     - ``%s``\n     -", m->name,
			    m->decl);
		add_cell(out, access_class(m));
		strbuf_adds(out, "\n     -");
		add_cell(out, m->comment ? m->comment : "");
		strbuf_addch(out, '\n');
	}
	return 0;
}

static int do_enum(struct hook_data *d, const struct strvec *w,
		   int optional, unsigned int line, struct strbuf *out)
{
	const struct enum_decl *e;
	size_t i;

	if (need(d, line, w, 2, 2, "enum ENUM"))
		return -1;
	e = find_enum_by_name(d->env->api, w->v[1]);
	if (!e || !e->present)
		return missing(d, line, optional, w->v[1]);
	strbuf_adds(out, ".. list-table::\n   :header-rows: 1\n\n"
		    "   * - Value\n     - Number\n     - Header comment\n");
	for (i = 0; i < e->nr_values; i++) {
		strbuf_addf(out, "   * - ``%s``\n     - %lld\n     -",
			    e->values[i].name, e->values[i].value);
		add_cell(out, e->values[i].comment);
		strbuf_addch(out, '\n');
	}
	return 0;
}

/*
 * kernel-doc for the helpers that have a kernel-doc comment, one
 * directive per header; the prototypes of the others in a code block.
 */
static int do_kerneldoc(struct hook_data *d, const struct strvec *w,
			int optional, unsigned int line, struct strbuf *out)
{
	const struct api *api = d->env->api;
	struct strvec files = STRVEC_INIT, plain = STRVEC_INIT;
	size_t i, f;
	int ret = 0;

	if (need(d, line, w, 2, 64, "kernel-doc NAME..."))
		return -1;
	strvec_init(&files);
	strvec_init(&plain);
	for (i = 1; i < w->nr; i++) {
		const struct helper *h = find_helper_by_name(api, w->v[i]);

		if (!h) {
			if (missing(d, line, optional, w->v[i]))
				ret = -1;
			continue;
		}
		if (h->doc && h->kind == HELPER_FUNCTION) {
			if (strvec_find(&files, h->file) < 0)
				strvec_push(&files, h->file);
		} else {
			strvec_push(&plain, h->decl);
		}
	}
	for (f = 0; f < files.nr; f++) {
		strbuf_addf(out, ".. kernel-doc:: %s\n   :identifiers:", files.v[f]);
		for (i = 1; i < w->nr; i++) {
			const struct helper *h = find_helper_by_name(api, w->v[i]);

			if (h && h->doc && h->kind == HELPER_FUNCTION &&
			    !strcmp(h->file, files.v[f]))
				strbuf_addf(out, " %s", h->name);
		}
		strbuf_adds(out, "\n\n");
	}
	if (plain.nr) {
		strbuf_adds(out, ".. code-block:: c\n\n");
		for (i = 0; i < plain.nr; i++)
			strbuf_addf(out, "\t%s\n", plain.v[i]);
	}
	strvec_release(&files);
	strvec_release(&plain);
	return ret;
}

static int do_macros(struct hook_data *d, const struct strvec *w,
		     int optional, unsigned int line, struct strbuf *out)
{
	const struct helper *h;
	int any = 0;

	if (need(d, line, w, 1, 1, "macros"))
		return -1;
	for_each_helper(d->env->api, h) {
		if (h->kind != HELPER_MACRO)
			continue;
		strbuf_addf(out, "%s``%s``\n  calls ``%s()``; %s:%u\n",
			    any ? "\n" : "", h->decl, h->wraps ? h->wraps : "?",
			    h->file, h->line);
		any = 1;
	}
	if (!any)
		return missing(d, line, optional, "flag helper macros");
	return 0;
}

static int do_callers(struct hook_data *d, const struct strvec *w,
		      int optional, unsigned int line, struct strbuf *out)
{
	const struct api *api = d->env->api;
	const struct member *m;
	size_t i;
	int any = 0;

	if (need(d, line, w, 2, 2, "callers STRUCT.MEMBER"))
		return -1;
	if (!lookup(api, w->v[1], &m) || !m)
		return missing(d, line, optional, w->v[1]);
	if (!api->nr_callers) {
		error_at(d->path, line, "api.json has no callers; make it with "
			 "'opsdoc extract --callers'");
		return -1;
	}
	for (i = 0; i < api->nr_callers; i++) {
		const struct caller *c = &api->callers[i];

		if (strcmp(c->member, w->v[1]))
			continue;
		strbuf_addf(out, "- ``%s()``, %s:%u: ", c->function, c->file,
			    c->line);
		if (strcmp(c->via, "f_op"))
			strbuf_addf(out, "calls it through ``%s()``\n", c->via);
		else
			strbuf_addf(out, "%s ``f_op->%s``\n",
				    c->call ? "calls" : "tests or reads", m->name);
		any = 1;
	}
	if (!any)
		strbuf_addf(out, "No caller of ``%s`` was found in mm/ or fs/.\n",
			    w->v[1]);
	return 0;
}

/*
 * A marker for rst_fold(): the text that follows goes at the end of, or
 * before, the page's section of that title.
 */
static int do_fold(struct hook_data *d, const struct strvec *w,
		   int optional, unsigned int line, struct strbuf *out)
{
	size_t i;

	if (need(d, line, w, 3, 64, "fold end|before TITLE"))
		return -1;
	if (strcmp(w->v[1], "end") && strcmp(w->v[1], "before")) {
		error_at(d->path, line, "usage: opsdoc fold end|before TITLE");
		return -1;
	}
	strbuf_addf(out, "%s%u %s", RST_FOLD_MARKER, line, w->v[1]);
	for (i = 2; i < w->nr; i++)
		strbuf_addf(out, " %s", w->v[i]);
	strbuf_addch(out, '\n');
	return 0;
}

/* Does @word occur in @text as a whole C identifier? */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(text, word); p; p = strstr(p + 1, word)) {
		int before = p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
		int after = isalnum((unsigned char)p[n]) || p[n] == '_';

		if (!before && !after)
			return 1;
	}
	return 0;
}

/*
 * The definitions an example's own file gives its function: each
 * "#define NAME" of the file and each prototype of a header it includes
 * with quotes, as @names (the name) and @defs (the lines).
 */
static void example_defs(const char *dir, const char *text,
			 struct strvec *names, struct strvec *defs)
{
	const char *p = text;

	while (*p) {
		const char *eol = strchrnul(p, '\n'), *s = p;
		char name[128];

		if (sscanf(p, "#define %127[A-Za-z0-9_]", name) == 1) {
			while (eol > s && eol[-1] == '\\' && *eol)
				eol = strchrnul(eol + 1, '\n');
			strvec_push(names, name);
			strvec_push_owned(defs, xstrndup(s, eol - s));
		} else if (sscanf(p, "#include \"%127[^\"]\"", name) == 1) {
			struct strbuf path = STRBUF_INIT, h = STRBUF_INIT;

			strbuf_addf(&path, "%s/%s", dir, name);
			if (!strbuf_read_file(&h, path.buf)) {
				const char *q = h.buf;

				while (*q) {
					const char *end = strchrnul(q, '\n');
					const char *paren = memchr(q, '(', end - q);

					if (paren && (isalpha((unsigned char)*q) || *q == '_') &&
					    strncmp(q, "struct ", 7)) {
						const char *semi = strchr(q, ';');
						const char *id = paren;

						while (id > q && (isalnum((unsigned char)id[-1]) ||
								  id[-1] == '_'))
							id--;
						if (semi) {
							strvec_push_owned(names, xstrndup(id, paren - id));
							strvec_push_owned(defs, xstrndup(q, semi + 1 - q));
							end = strchrnul(semi, '\n');
						}
					}
					q = *end ? end + 1 : end;
				}
			}
			strbuf_release(&path);
			strbuf_release(&h);
		}
		p = *eol ? eol + 1 : eol;
	}
}

/*
 * @code preceded by the example file's definitions that it uses, directly
 * or through another of them, so that the block shows no name the reader
 * cannot find: the example's own macros and local helpers.
 */
static void example_with_defs(const char *dir, const char *text,
			      const char *code, struct strbuf *out)
{
	struct strvec names = STRVEC_INIT, defs = STRVEC_INIT;
	struct strbuf used = STRBUF_INIT;
	char *want;
	size_t i;
	int more = 1, any = 0;

	strvec_init(&names);
	strvec_init(&defs);
	example_defs(dir, text, &names, &defs);
	want = xcalloc(names.nr + 1, 1);
	strbuf_adds(&used, code);
	while (more) {
		more = 0;
		for (i = 0; i < names.nr; i++) {
			if (want[i] || !has_word(used.buf, names.v[i]))
				continue;
			want[i] = 1;
			more = 1;
			strbuf_addf(&used, "\n%s", defs.v[i]);
		}
	}
	for (i = 0; i < names.nr; i++) {
		if (!want[i])
			continue;
		strbuf_addf(out, "%s\n", defs.v[i]);
		any = 1;
	}
	if (any)
		strbuf_addch(out, '\n');
	strbuf_adds(out, code);
	free(want);
	strbuf_release(&used);
	strvec_release(&names);
	strvec_release(&defs);
}

/* The lines of an example function, exactly as compiled, after the
 * example's own definitions that they use. */
static int do_example(struct hook_data *d, const struct strvec *w,
		      int optional, unsigned int line, struct strbuf *out)
{
	const struct example_function *e;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, code = STRBUF_INIT;
	struct strbuf shown = STRBUF_INIT;
	const char *p;
	unsigned int n = 1;
	int ret = 0;

	if (need(d, line, w, 3, 3, "example FILE FUNCTION"))
		return -1;
	e = find_example(d->env->api, w->v[1], w->v[2]);
	if (!e)
		return missing(d, line, optional, w->v[2]);
	strbuf_addf(&path, "%s/%s", d->env->examples_dir, e->file);
	if (strbuf_read_file(&text, path.buf)) {
		error_at(path.buf, 0, "cannot read the example: %s", strerror(errno));
		ret = -1;
		goto out;
	}
	for (p = text.buf; *p; p++) {
		if (n >= e->line && n <= e->end_line)
			strbuf_addch(&code, *p);
		if (*p == '\n')
			n++;
	}
	if (!code.len) {
		error_at(path.buf, e->line, "%s is not at lines %u-%u any more; "
			 "extract again", e->name, e->line, e->end_line);
		ret = -1;
		goto out;
	}
	example_with_defs(d->env->examples_dir, text.buf, code.buf, &shown);
	add_code_block(out, shown.buf);
out:
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&code);
	strbuf_release(&shown);
	return ret;
}

/* Whether the example file @file names @name: a kernel helper it uses. */
static int example_uses(const char *dir, const char *file, const char *name)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	int ret;

	strbuf_addf(&path, "%s/%s", dir, file);
	ret = !strbuf_read_file(&text, path.buf) && has_word(text.buf, name);
	strbuf_release(&path);
	strbuf_release(&text);
	return ret;
}

/* An RST section title, underlined with @ch, and a blank line. */
static void __attribute__((format(printf, 3, 4)))
add_heading(struct strbuf *out, int ch, const char *fmt, ...)
{
	size_t start = out->len, len;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(out, fmt, ap);
	va_end(ap);
	len = out->len - start;
	strbuf_addch(out, '\n');
	while (len--)
		strbuf_addch(out, ch);
	strbuf_adds(out, "\n\n");
}

/*
 * One callback of a FILE.callbacks table: its signature, then the example's
 * function and the vmtest case that runs it, or why the example leaves the
 * callback out.
 */
static int add_callback(struct hook_data *d, const char *table,
			unsigned int line, const char *file, char **f,
			struct strbuf *out)
{
	const struct member *m;
	struct strvec w = STRVEC_INIT;
	int ret;

	add_heading(out, '-', "``%s``", f[0]);
	if (!lookup(d->env->api, f[0], &m) || !m) {
		strbuf_addf(out, "Linux %s has no ``%s``.\n\n",
			    d->env->api->version, strchr(f[0], '.') + 1);
		return 0;
	}
	add_code_block(out, m->decl);
	strbuf_addch(out, '\n');
	if (!strcmp(f[1], "-")) {
		strbuf_adds(out, "Not implemented: ");
		add_cell(out, f[2]);
		strbuf_adds(out, ".\n\n");
		return 0;
	}
	strbuf_addf(out, "``%s()``, run by the vmtest case%s ", f[1],
		    strchr(f[2], ',') ? "s" : "");
	add_cell(out, f[2]);
	if (find_example(d->env->api, file, f[1])) {
		strbuf_adds(out, ":\n\n");
		strvec_init(&w);
		strvec_push(&w, "example");
		strvec_push(&w, file);
		strvec_push(&w, f[1]);
		ret = do_example(d, &w, 0, line, out);
		strvec_release(&w);
		strbuf_addch(out, '\n');
		return ret;
	}
	if (example_uses(d->env->examples_dir, file, f[1])) {
		strbuf_addf(out, ". It is the kernel's own helper, which %s "
			    "puts in its table directly.\n\n", file);
		return 0;
	}
	error_at(table, line, "%s: %s is not a function of %s; fix the name, "
		 "or write '-' and why the example leaves the callback out",
		 f[0], f[1], file);
	return -1;
}

/*
 * Every row of an example's FILE.callbacks table ("struct.member|function|
 * vmtest case" or "struct.member|-|why not"), a section for each struct:
 * the callbacks of a guidance page linked to the example's functions.
 */
static int do_callbacks(struct hook_data *d, const struct strvec *w,
			int optional, unsigned int line, struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf file = STRBUF_INIT, prev = STRBUF_INIT;
	const char *p, *dot = strrchr(w->v[w->nr - 1], '.');
	unsigned int n = 0;
	int ret = 0;

	(void)optional;
	if (need(d, line, w, 2, 2, "callbacks FILE.callbacks"))
		return -1;
	if (!dot || strcmp(dot, ".callbacks")) {
		error_at(d->path, line, "%s: name an example's FILE.callbacks "
			 "table", w->v[1]);
		return -1;
	}
	strbuf_addf(&file, "%.*s.c", (int)(dot - w->v[1]), w->v[1]);
	strbuf_addf(&path, "%s/%s", d->env->examples_dir, w->v[1]);
	if (strbuf_read_file(&text, path.buf)) {
		error_at(path.buf, 0, "cannot read the table: %s",
			 strerror(errno));
		ret = -1;
		goto out;
	}
	for (p = text.buf; *p && !ret; ) {
		const char *eol = strchrnul(p, '\n');
		char *row = xstrndup(p, eol - p), *f[3], *q = row;
		int i;

		n++;
		p = *eol ? eol + 1 : eol;
		if (!*row || *row == '#') {
			free(row);
			continue;
		}
		for (i = 0; i < 3; i++)
			f[i] = strsep(&q, "|");
		if (!f[1] || !f[2] || q || !strchr(f[0], '.')) {
			error_at(path.buf, n, "a row is \"struct.member|function|"
				 "vmtest case\" or \"struct.member|-|why not\"");
			ret = -1;
		} else {
			size_t len = strchr(f[0], '.') - f[0];

			if (prev.len != len || strncmp(prev.buf, f[0], len)) {
				strbuf_reset(&prev);
				strbuf_add(&prev, f[0], len);
				add_heading(out, '=', "struct %s", prev.buf);
			}
			ret = add_callback(d, path.buf, n, file.buf, f, out);
		}
		free(row);
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&file);
	strbuf_release(&prev);
	return ret;
}

static int render_text(const struct expand_env *env, const struct rst_opts *o,
		       const char *text, size_t len, struct strbuf *out);

static int do_requires(struct hook_data *d, const struct strvec *w,
		       const char *body, unsigned int line, struct strbuf *out)
{
	struct rst_opts o = { 0 };
	const struct member *m;
	const struct ops_struct *s;
	int ret;

	if (need(d, line, w, 2, 2, "requires STRUCT[.MEMBER]"))
		return -1;
	s = lookup(d->env->api, w->v[1], &m);
	if (s && (!strchr(w->v[1], '.') || m))
		return 0;
	o.path = d->path;
	o.first_line = line + 1;
	o.columns = d->columns;
	ret = render_text(d->env, &o, body, strlen(body), out);
	return ret < 0 ? -1 : RST_STOP;
}

static const struct directive {
	const char *name;
	int (*fn)(struct hook_data *d, const struct strvec *w, int optional,
		  unsigned int line, struct strbuf *out);
} directives[] = {
	{ "signature", do_signature },
	{ "listing", do_listing },
	{ "fields", do_fields },
	{ "enum", do_enum },
	{ "kernel-doc", do_kerneldoc },
	{ "macros", do_macros },
	{ "callers", do_callers },
	{ "example", do_example },
	{ "callbacks", do_callbacks },
	{ "fold", do_fold },
	{ NULL, NULL },
};

static int directive_hook(void *data, const char *info, const char *body,
			  unsigned int line, unsigned int columns,
			  struct strbuf *out)
{
	struct hook_data *d = data;
	struct strvec w = STRVEC_INIT;
	const struct directive *dir;
	int optional, ret = -1;

	d->columns = columns;
	strvec_init(&w);
	split_words(info, &w, &optional);
	if (!w.nr) {
		error_at(d->path, line, "an opsdoc block needs a directive name");
		goto out;
	}
	if (!strcmp(w.v[0], "requires")) {
		ret = do_requires(d, &w, body, line, out);
		goto out;
	}
	if (*body) {
		error_at(d->path, line, "opsdoc %s takes no body; leave the block "
			 "empty", w.v[0]);
		goto out;
	}
	for (dir = directives; dir->name; dir++)
		if (!strcmp(dir->name, w.v[0]))
			break;
	if (!dir->name)
		error_at(d->path, line, "unknown directive 'opsdoc %s'; see "
			 "docs/templates.rst", w.v[0]);
	else
		ret = dir->fn(d, &w, optional, line, out);
out:
	strvec_release(&w);
	return ret;
}

static int inline_hook(void *data, const char *name, unsigned int line,
		       struct strbuf *out)
{
	struct hook_data *d = data;
	const char *v = d->env->api->version;

	if (!strcmp(name, "version")) {
		strbuf_adds(out, v);
		return 0;
	}
	if (!strcmp(name, "series")) {
		const char *dot = strchr(v, '.');
		size_t n = strlen(v);

		if (dot) {
			dot = strchr(dot + 1, '.');
			n = dot ? (size_t)(dot - v) : n;
		}
		strbuf_add(out, v, n);
		return 0;
	}
	error_at(d->path, line, "unknown value `opsdoc:%s`; use opsdoc:version "
		 "or opsdoc:series", name);
	return -1;
}

static int render_text(const struct expand_env *env, const struct rst_opts *o,
		       const char *text, size_t len, struct strbuf *out)
{
	struct hook_data d = { env, o->path, 0 };
	struct rst_hooks h = { directive_hook, inline_hook, &d };

	return rst_render_markdown(text, len, o, &h, out);
}

int expand_text(const struct expand_env *env, const char *path,
		unsigned int first_line, const char *text, size_t len,
		const char *indent, struct strbuf *out)
{
	struct rst_opts o = { path, first_line, indent, 0, 0 };

	return render_text(env, &o, text, len, out);
}

int expand_template(const struct expand_env *env, const char *path,
		    const char *indent, int sections, struct strbuf *out)
{
	struct rst_opts o = { path, 1, indent, 0, sections };
	struct strbuf text = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&text, path)) {
		error_at(path, 0, "cannot read the template: %s", strerror(errno));
		strbuf_release(&text);
		return -1;
	}
	ret = render_text(env, &o, text.buf, text.len, out);
	strbuf_release(&text);
	return ret;
}
