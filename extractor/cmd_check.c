// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc check - what a header change left undocumented or wrong.
 *
 * Every .rst file under the documentation directories is scanned for
 * listings of the modelled structs (rst_listings.c); all listings are parsed in
 * one translation unit in the tree's configuration (clang.c) and compared
 * member by member with the model. Findings print like a compiler's
 * warnings, or as JSON.
 */
#include <ctype.h>
#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "parse.h"
#include "fileio.h"
#include "json.h"
#include "ktree.h"
#include "options.h"
#include "run.h"
#include "rst_listings.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

#define REPORT_SCHEMA_VERSION 1

static const char check_usage[] =
	"opsdoc check [-k KSRC] [-b KBUILD] [-f FLAGS] [-a API_JSON]\n"
	"                    [--docs DIR [DIR...]] [--format text|json] [--strict]\n"
	"                    [--baseline FILE] [--since REV] [-o FILE] [-q]";

enum {
	OPT_KSRC, OPT_KBUILD, OPT_FLAGS, OPT_API, OPT_DOCS, OPT_FORMAT,
	OPT_STRICT, OPT_BASELINE, OPT_SINCE, OPT_OUTPUT, OPT_QUIET, NR_OPTS
};

static const struct opt check_opts[] = {
	[OPT_KSRC] = { 'k', "ksrc", "KSRC", "kernel source tree (default: the newest linux-source package)" },
	[OPT_KBUILD] = { 'b', "kbuild", "KBUILD", "prepared output directory (default: one in the cache)" },
	[OPT_FLAGS] = { 'f', "flags", "FILE", "compiler arguments, one a line, instead of probing kbuild" },
	[OPT_API] = { 'a', "api", "FILE", "use this api.json instead of extracting" },
	[OPT_DOCS] = { 0, "docs", "DIR", "scan DIR (and the operands) instead of KSRC/Documentation" },
	[OPT_FORMAT] = { 0, "format", "FMT", "text (default) or json" },
	[OPT_STRICT] = { 0, "strict", NULL, "exit 1 when there are findings" },
	[OPT_BASELINE] = { 0, "baseline", "FILE", "report only findings not in this earlier JSON report" },
	[OPT_SINCE] = { 0, "since", "REV", "KSRC is git: what changed in the headers since REV, and which sections to update" },
	[OPT_OUTPUT] = { 'o', "output", "FILE", "write the report here (default: standard output)" },
	[OPT_QUIET] = { 'q', "quiet", NULL, "print no notes" },
	[NR_OPTS] = { 0 },
};

struct finding {
	char *file;
	unsigned int line;
	const char *struct_name;
	char *member;		/* NULL for a finding about the listing */
	const char *class;
	const char *severity;
	char *doc;		/* what the document says */
	char *header;		/* what the header says */
	const char *header_file;
	unsigned int header_line;
	char *message;
};

struct findings {
	struct finding *v;
	size_t n;
};

struct coverage {
	char *file;
	const char *struct_name;
	size_t described, total;
	struct strvec undescribed;
};

struct coverages {
	struct coverage *v;
	size_t n;
};

static struct finding *add_finding(struct findings *fs, const char *file,
				   unsigned int line, const char *s,
				   const char *member, const char *class)
{
	struct finding *f;

	fs->v = xrealloc(fs->v, (fs->n + 1) * sizeof(*fs->v));
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->file = xstrdup(file);
	f->line = line;
	f->struct_name = s;
	f->member = member ? xstrdup(member) : NULL;
	f->class = class;
	f->severity = strcmp(class, "param-name") ? "warning" : "note";
	return f;
}

static void findings_release(struct findings *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].file);
		free(fs->v[i].member);
		free(fs->v[i].doc);
		free(fs->v[i].header);
		free(fs->v[i].message);
	}
	free(fs->v);
}

/* --- comparing one listing with the model ---------------------------- */

static const char *const qualifiers[] = {
	"const", "volatile", "restrict", "__user", "__iomem", "__rcu",
	"__force", "__bitwise", "__kernel", NULL
};

/* s without qualifier words and without spaces. */
static void strip_qualifiers(const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	while (*s) {
		size_t n = 0;
		int q = 0, i;

		if (isalpha((unsigned char)*s) || *s == '_') {
			while (isalnum((unsigned char)s[n]) || s[n] == '_')
				n++;
			for (i = 0; qualifiers[i]; i++)
				if (strlen(qualifiers[i]) == n && !strncmp(s, qualifiers[i], n))
					q = 1;
			if (!q)
				strbuf_add(out, s, n);
			s += n;
			continue;
		}
		if (!isspace((unsigned char)*s))
			strbuf_addch(out, *s);
		s++;
	}
}

static int same_without_qualifiers(const char *a, const char *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	int same;

	strip_qualifiers(a, &x);
	strip_qualifiers(b, &y);
	same = !strcmp(x.buf, y.buf);
	strbuf_release(&x);
	strbuf_release(&y);
	return same;
}

static int same_spacing_aside(const char *a, const char *b)
{
	for (;;) {
		while (isspace((unsigned char)*a))
			a++;
		while (isspace((unsigned char)*b))
			b++;
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

/* Spelled parameter types joined, or the spelled declaration of a field. */
static void spelled_types(const struct member *m, struct strbuf *out)
{
	const struct param *p;

	strbuf_reset(out);
	if (m->kind != MEMBER_CALLBACK) {
		strbuf_adds(out, m->decl);
		return;
	}
	strbuf_adds(out, m->ret);
	for_each_param(m, p)
		strbuf_addf(out, ", %s", p->type);
}

static int params_named_alike(const struct member *a, const struct member *b)
{
	size_t i;

	if (a->nr_params != b->nr_params)
		return 0;
	for (i = 0; i < a->nr_params; i++) {
		const char *x = a->params[i].name, *y = b->params[i].name;

		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y)))
			return 0;
	}
	return 1;
}

static void set_texts(struct finding *f, const struct member *doc,
		      const struct member *hdr, const struct ops_struct *s)
{
	f->doc = xstrdup(doc ? doc->decl : "");
	f->header = xstrdup(hdr ? hdr->decl : "");
	f->header_file = s->file;
	f->header_line = hdr ? hdr->line : s->line;
}

static void compare_member(const struct doc_listing *l, const struct member *dm,
			   const struct member *hm, const struct ops_struct *s,
			   struct findings *fs)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const char *class = NULL;

	if (strcmp(dm->type, hm->type)) {
		class = same_without_qualifiers(dm->type, hm->type) ?
			"qualifier-drift" : "signature-drift";
	} else {
		spelled_types(dm, &a);
		spelled_types(hm, &b);
		/* Only qualifiers differ, not spacing or typedef spellings. */
		if (!same_spacing_aside(a.buf, b.buf) &&
		    same_without_qualifiers(a.buf, b.buf)) {
			class = "qualifier-drift";
		} else if (dm->kind == MEMBER_CALLBACK && !params_named_alike(dm, hm)) {
			class = "param-name";
		}
	}
	if (class) {
		struct finding *f = add_finding(fs, l->file, dm->line, l->struct_name,
						hm->name, class);

		set_texts(f, dm, hm, s);
	}
	strbuf_release(&a);
	strbuf_release(&b);
}

static int version_older(const char *claim, const char *tree)
{
	int a1 = 0, a2 = 0, b1 = 0, b2 = 0;

	sscanf(claim, "%d.%d", &a1, &a2);
	sscanf(tree, "%d.%d", &b1, &b2);
	return a1 < b1 || (a1 == b1 && a2 < b2);
}

static void compare_listing(const struct api *api, const struct doc_listing *l,
			    const struct ops_struct *doc, struct findings *fs,
			    struct coverages *cov)
{
	const struct ops_struct *s = find_struct_by_name(api, l->struct_name);
	const struct member *m, *dm;
	struct coverage *c;

	if (!doc->present) {
		struct finding *f = add_finding(fs, l->file, l->line, l->struct_name,
						NULL, "unparsable");

		f->doc = xstrdup("");
		f->header = xstrdup("");
		f->header_file = s->file;
		f->header_line = s->line;
		return;
	}
	for_each_member(s, m) {
		dm = find_member_by_name(doc, m->name);
		if (!dm) {
			struct finding *f = add_finding(fs, l->file, l->line,
							l->struct_name, m->name,
							"missing-member");

			set_texts(f, NULL, m, s);
			continue;
		}
		compare_member(l, dm, m, s, fs);
	}
	for_each_member(doc, dm) {
		if (!find_member_by_name(s, dm->name)) {
			struct finding *f = add_finding(fs, l->file, dm->line,
							l->struct_name, dm->name,
							"removed-member");

			set_texts(f, dm, NULL, s);
		}
	}
	if (l->version && version_older(l->version, api->version)) {
		struct finding *f = add_finding(fs, l->file, l->version_line,
						l->struct_name, NULL, "old-version");
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "As of kernel %s", l->version);
		f->doc = strbuf_detach(&sb);
		f->header = xstrdup(api->version);
		f->header_file = "Makefile";
		f->header_line = 1;
	}

	/* Coverage, and members listed but not described. */
	cov->v = xrealloc(cov->v, (cov->n + 1) * sizeof(*cov->v));
	c = &cov->v[cov->n++];
	memset(c, 0, sizeof(*c));
	c->file = xstrdup(l->file);
	c->struct_name = l->struct_name;
	strvec_init(&c->undescribed);
	for_each_member(s, m) {
		if (m->kind == MEMBER_STRUCT || m->kind == MEMBER_UNION ||
		    strchr(m->name, '.'))
			continue;
		c->total++;
		if (strvec_find(&l->described, m->name) >= 0) {
			c->described++;
			continue;
		}
		strvec_push(&c->undescribed, m->name);
		if (l->described.nr && find_member_by_name(doc, m->name)) {
			struct finding *f = add_finding(fs, l->file,
				find_member_by_name(doc, m->name)->line,
				l->struct_name, m->name, "undescribed");

			/* No document text: the key stays put when the decl moves. */
			set_texts(f, NULL, m, s);
		}
	}
}

/* --- the documents ---------------------------------------------------- */

/* The path to show: relative to KSRC when it is inside it. */
static const char *shown_path(const char *path, const char *ksrc)
{
	size_t n = strlen(ksrc);

	if (!strncmp(path, ksrc, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

static int scan_docs(const struct api *api, const char *ksrc,
		     const struct strvec *dirs, struct doc_listings *ls)
{
	struct strvec files = STRVEC_INIT, *members;
	struct strvec names = STRVEC_INIT, rel;
	struct strbuf text = STRBUF_INIT;
	const struct ops_struct *s;
	const struct member *m;
	size_t i, k = 0;
	struct stat st;

	strvec_init(&files);
	strvec_init(&names);
	for (i = 0; i < dirs->nr; i++) {
		if (stat(dirs->v[i], &st) || !S_ISDIR(st.st_mode)) {
			error_at(dirs->v[i], 0, "not a directory; --docs takes "
				 "directories of .rst files");
			strvec_release(&files);
			strbuf_release(&text);
			return -1;
		}
		strvec_init(&rel);
		if (list_files(dirs->v[i], ".rst", 1, &rel)) {
			error_at(dirs->v[i], 0, "cannot read: %s", strerror(errno));
			strvec_release(&rel);
			strvec_release(&files);
			strbuf_release(&text);
			return -1;
		}
		for (k = 0; k < rel.nr; k++) {
			strbuf_reset(&text);
			strbuf_addf(&text, "%s/%s", dirs->v[i], rel.v[k]);
			strvec_push(&files, text.buf);
		}
		strvec_release(&rel);
	}
	k = 0;
	for_each_struct(api, s)
		if (s->present)
			strvec_push(&names, s->name);
	members = xcalloc(names.nr + 1, sizeof(*members));
	for_each_struct(api, s) {
		if (!s->present)
			continue;
		strvec_init(&members[k]);
		for_each_member(s, m)
			strvec_push(&members[k], m->name);
		k++;
	}
	for (i = 0; i < files.nr; i++) {
		strbuf_reset(&text);
		if (strbuf_read_file(&text, files.v[i])) {
			warning_at(files.v[i], 0, "cannot read: %s", strerror(errno));
			continue;
		}
		scan_rst(shown_path(files.v[i], ksrc), text.buf, text.len,
			 (const char *const *)names.v, members, ls);
	}
	for (i = 0; i < k; i++)
		strvec_release(&members[i]);
	free(members);
	strvec_release(&names);
	strvec_release(&files);
	strbuf_release(&text);
	return 0;
}

/* --- reports ---------------------------------------------------------- */

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (!c && x->line != y->line)
		c = x->line < y->line ? -1 : 1;
	if (!c)
		c = strcmp(x->struct_name, y->struct_name);
	if (!c)
		c = strcmp(x->member ? x->member : "", y->member ? y->member : "");
	if (!c)
		c = strcmp(x->class, y->class);
	return c;
}

static void finding_key(const struct finding *f, struct strbuf *key)
{
	strbuf_reset(key);
	strbuf_addf(key, "%s|%s|%s|%s|%s", f->file, f->struct_name,
		    f->member ? f->member : "", f->class, f->doc ? f->doc : "");
}

/* Drop findings that the baseline report already has (line aside). */
static int apply_baseline(const char *path, struct findings *fs)
{
	struct strvec keys = STRVEC_INIT;
	struct strbuf key = STRBUF_INIT;
	json_error_t err;
	json_t *root, *arr, *j;
	size_t i, n = 0;

	root = json_load_file(path, 0, &err);
	if (!root) {
		error_at(path, err.line > 0 ? err.line : 0, "not a JSON report: %s; "
			 "make it with opsdoc check --format json", err.text);
		return -1;
	}
	arr = json_object_get(root, "findings");
	if (!json_is_array(arr) ||
	    json_integer_value(json_object_get(root, "schema")) != REPORT_SCHEMA_VERSION) {
		error_at(path, 0, "not an opsdoc check report of schema %d; make "
			 "it with opsdoc check --format json", REPORT_SCHEMA_VERSION);
		json_decref(root);
		return -1;
	}
	strvec_init(&keys);
	json_array_foreach(arr, i, j) {
		strbuf_reset(&key);
		strbuf_addf(&key, "%s|%s|%s|%s|%s",
			    json_string_value(json_object_get(j, "file")) ?: "",
			    json_string_value(json_object_get(j, "struct")) ?: "",
			    json_string_value(json_object_get(j, "member")) ?: "",
			    json_string_value(json_object_get(j, "class")) ?: "",
			    json_string_value(json_object_get(j, "doc")) ?: "");
		strvec_push(&keys, key.buf);
	}
	for (i = 0; i < fs->n; i++) {
		finding_key(&fs->v[i], &key);
		if (strvec_find(&keys, key.buf) >= 0) {
			free(fs->v[i].file);
			free(fs->v[i].member);
			free(fs->v[i].doc);
			free(fs->v[i].header);
			free(fs->v[i].message);
			continue;
		}
		fs->v[n++] = fs->v[i];
	}
	fs->n = n;
	strvec_release(&keys);
	strbuf_release(&key);
	json_decref(root);
	return 0;
}

static const char *describe(const struct finding *f, struct strbuf *sb)
{
	strbuf_reset(sb);
	if (!strcmp(f->class, "missing-member"))
		strbuf_addf(sb, "not in the listing; the header has '%s'", f->header);
	else if (!strcmp(f->class, "removed-member"))
		strbuf_addf(sb, "listed as '%s', but the header has no such member",
			    f->doc);
	else if (!strcmp(f->class, "signature-drift"))
		strbuf_addf(sb, "listed as '%s', the header has '%s'", f->doc,
			    f->header);
	else if (!strcmp(f->class, "qualifier-drift"))
		strbuf_addf(sb, "qualifiers differ: listed as '%s', the header has "
			    "'%s'", f->doc, f->header);
	else if (!strcmp(f->class, "param-name"))
		strbuf_addf(sb, "parameter names differ: listed as '%s', the header "
			    "has '%s'", f->doc, f->header);
	else if (!strcmp(f->class, "undescribed"))
		strbuf_addf(sb, "listed but not described in this section");
	else if (!strcmp(f->class, "old-version"))
		strbuf_addf(sb, "\"%s\" but the tree is %s", f->doc, f->header);
	else if (!strcmp(f->class, "unparsable"))
		strbuf_addf(sb, "the listing does not parse in this configuration");
	return sb->buf;
}

static void report_text(const struct findings *fs, const struct coverages *cov,
			struct strbuf *out)
{
	struct strbuf msg = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];

		strbuf_addf(out, "%s:%u: %s: %s%s%s: %s [%s]", f->file, f->line,
			    f->severity, f->struct_name, f->member ? "." : "",
			    f->member ? f->member : "", describe(f, &msg), f->class);
		if (f->header_file && strcmp(f->class, "old-version"))
			strbuf_addf(out, " (%s:%u)", f->header_file, f->header_line);
		strbuf_addch(out, '\n');
	}
	strbuf_addf(out, "\n%-48s %-22s %9s  %s\n", "document", "struct",
		    "described", "undescribed");
	for (i = 0; i < cov->n; i++) {
		const struct coverage *c = &cov->v[i];
		char frac[32];

		snprintf(frac, sizeof(frac), "%zu/%zu", c->described, c->total);
		strbuf_addf(out, "%-48s %-22s %9s ", c->file, c->struct_name, frac);
		for (k = 0; k < c->undescribed.nr; k++)
			strbuf_addf(out, " %s", c->undescribed.v[k]);
		strbuf_addch(out, '\n');
	}
	strbuf_addf(out, "\n%zu findings in %zu listings\n", fs->n, cov->n);
	strbuf_release(&msg);
}

static void report_json(const struct api *api, const struct findings *fs,
			const struct coverages *cov, json_t *since,
			struct strbuf *out)
{
	json_t *root = json_object(), *jf = json_array(), *jc = json_array();
	struct strbuf msg = STRBUF_INIT;
	size_t i, k;
	char *text;

	json_object_set_new(root, "schema", json_integer(REPORT_SCHEMA_VERSION));
	json_object_set_new(root, "kernel", json_string(api->version));
	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		json_t *o = json_object(), *h = json_object();

		json_object_set_new(o, "file", json_string(f->file));
		json_object_set_new(o, "line", json_integer(f->line));
		json_object_set_new(o, "struct", json_string(f->struct_name));
		json_object_set_new(o, "member", f->member ? json_string(f->member) : json_null());
		json_object_set_new(o, "class", json_string(f->class));
		json_object_set_new(o, "severity", json_string(f->severity));
		json_object_set_new(o, "message", json_string(describe(f, &msg)));
		json_object_set_new(o, "doc", json_string(f->doc));
		json_object_set_new(h, "text", json_string(f->header));
		json_object_set_new(h, "file", json_string(f->header_file ? f->header_file : ""));
		json_object_set_new(h, "line", json_integer(f->header_line));
		json_object_set_new(o, "header", h);
		json_array_append_new(jf, o);
	}
	json_object_set_new(root, "findings", jf);
	for (i = 0; i < cov->n; i++) {
		const struct coverage *c = &cov->v[i];
		json_t *o = json_object(), *u = json_array();

		json_object_set_new(o, "file", json_string(c->file));
		json_object_set_new(o, "struct", json_string(c->struct_name));
		json_object_set_new(o, "described", json_integer(c->described));
		json_object_set_new(o, "total", json_integer(c->total));
		for (k = 0; k < c->undescribed.nr; k++)
			json_array_append_new(u, json_string(c->undescribed.v[k]));
		json_object_set_new(o, "undescribed", u);
		json_array_append_new(jc, o);
	}
	json_object_set_new(root, "coverage", jc);
	if (since)
		json_object_set_new(root, "since", since);
	text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2));
	strbuf_adds(out, text);
	strbuf_addch(out, '\n');
	free(text);
	json_decref(root);
	strbuf_release(&msg);
}

/* --- since a revision ------------------------------------------------ */

struct change {
	const char *struct_name;
	const char *member;
	const char *what;	/* added, removed, changed */
	const char *old_decl, *new_decl;
	const char *file;
	unsigned int line;
};

struct changes {
	struct change *v;
	size_t n;
	struct api then;	/* the model at REV; owns old_decl */
	char *rev;
};

static void add_change(struct changes *c, const char *s, const struct member *old,
		       const struct member *new, const char *file)
{
	struct change *ch;

	c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	ch = &c->v[c->n++];
	ch->struct_name = s;
	ch->member = (new ? new : old)->name;
	ch->what = !old ? "added" : !new ? "removed" : "changed";
	ch->old_decl = old ? old->decl : NULL;
	ch->new_decl = new ? new->decl : NULL;
	ch->file = file;
	ch->line = (new ? new : old)->line;
}

/* Run git in ksrc; 0 when it exits 0. */
static int git(const char *ksrc, const char *const *argv, struct strbuf *out,
	       int quiet)
{
	struct strbuf discard = STRBUF_INIT;
	struct run_opts opts = { .dir = ksrc, .out = out ? out : &discard,
				 .quiet = quiet };
	int status = run_program(argv, &opts);

	strbuf_release(&discard);
	return status;
}

/*
 * Only what the headers need of REV, its Makefile, include/ and arch/, in
 * dir: git archive reads the repository, never writes it. KSRC must be
 * the top of the repository. 0, or -1 after an error.
 */
static int checkout_rev(const char *ksrc, const char *rev, const char *dir)
{
	static const char *const parts[] = { "Makefile", "include", "arch", NULL };
	const char *toplevel[] = { "git", "rev-parse", "--show-toplevel", NULL };
	const char *verify[] = { "git", "rev-parse", "--verify", "-q", NULL, NULL };
	const char *exists[] = { "git", "cat-file", "-e", NULL, NULL };
	const char *tar[] = { "tar", "-x", "-f", NULL, "-C", dir, NULL };
	struct strbuf top = STRBUF_INIT, arg = STRBUF_INIT, file = STRBUF_INIT;
	struct strvec archive = STRVEC_INIT;
	int i, ret = -1;

	strvec_init(&archive);
	if (*rev == '-' || git(ksrc, toplevel, &top, 1))
		goto out;
	strbuf_rtrim(&top);
	if (strcmp(top.buf, ksrc))
		goto out;
	strbuf_addf(&arg, "%s^{commit}", rev);
	verify[4] = arg.buf;
	if (git(ksrc, verify, NULL, 0))
		goto out;
	strbuf_addf(&file, "%s/.opsdoc-rev.tar", dir);
	strvec_push(&archive, "git");
	strvec_push(&archive, "archive");
	strvec_push(&archive, "--format=tar");
	strvec_push(&archive, "-o");
	strvec_push(&archive, file.buf);
	strvec_push(&archive, rev);
	for (i = 0; parts[i]; i++) {
		strbuf_reset(&arg);
		strbuf_addf(&arg, "%s:%s", rev, parts[i]);
		exists[3] = arg.buf;
		if (!git(ksrc, exists, NULL, 1))
			strvec_push(&archive, parts[i]);
	}
	tar[3] = file.buf;
	if (git(ksrc, (const char *const *)archive.v, NULL, 0) ||
	    run_program(tar, NULL))
		goto out;
	ret = 0;
out:
	if (file.len)
		unlink(file.buf);
	strvec_release(&archive);
	strbuf_release(&top);
	strbuf_release(&arg);
	strbuf_release(&file);
	return ret;
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	if (remove(path))
		warning_at(path, 0, "cannot remove: %s", strerror(errno));
	return 0;
}

/* rm -rf dir */
static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The flags of KSRC for a copy of it in dir: its paths pointed there. */
static void moved_flags(const struct strvec *args, const char *ksrc,
			const char *dir, struct strbuf *out)
{
	size_t i, n = strlen(ksrc);

	for (i = 0; i < args->nr; i++) {
		const char *a = args->v[i], *p = strstr(a, ksrc);

		if (p && (p[n] == '/' || !p[n])) {
			strbuf_add(out, a, p - a);
			strbuf_adds(out, dir);
			strbuf_adds(out, p + n);
		} else {
			strbuf_adds(out, a);
		}
		strbuf_addch(out, '\n');
	}
}

/*
 * The model of the headers at REV: include/ and arch/ of that revision in
 * a temporary directory, parsed with the same flags, their KSRC paths
 * pointed there.
 */
static int model_at(const struct ktree *kt, const struct strvec *args,
		    const char *rev, struct api *api)
{
	char tmp[] = "/tmp/opsdoc-since-XXXXXX";
	struct model_opts mo = { .scratch = 1 };
	struct strbuf flags = STRBUF_INIT, path = STRBUF_INIT;
	struct ktree then = { 0 };
	int ret = -1;

	api_init(api);
	if (!mkdtemp(tmp))
		die("cannot make a temporary directory: %s", strerror(errno));
	if (checkout_rev(kt->ksrc, rev, tmp)) {
		error_at(kt->ksrc, 0, "cannot read revision '%s'; --since needs "
			 "KSRC to be a git repository that has it", rev);
		goto out;
	}
	moved_flags(args, kt->ksrc, tmp, &flags);
	strbuf_addf(&path, "%s/.opsdoc-flags", tmp);
	if (write_file_atomic(path.buf, flags.buf, flags.len))
		goto out;
	then.ksrc = tmp;
	then.kbuild = kt->kbuild;
	then.flags = path.buf;
	then.version = ktree_version(tmp);
	if (!then.version || model_for_tree(&then, &mo, api))
		goto out;
	ret = 0;
out:
	remove_tree(tmp);
	free(then.version);
	strbuf_release(&flags);
	strbuf_release(&path);
	return ret;
}

static void diff_models(const struct api *now, struct changes *c)
{
	const struct ops_struct *s, *old;
	const struct member *m, *om;

	for_each_struct(now, s) {
		old = find_struct_by_name(&c->then, s->name);
		for_each_member(s, m) {
			om = old ? find_member_by_name(old, m->name) : NULL;
			if (!om)
				add_change(c, s->name, NULL, m, s->file);
			else if (strcmp(om->decl, m->decl) || strcmp(om->type, m->type) ||
				 om->active != m->active)
				add_change(c, s->name, om, m, s->file);
		}
		if (!old)
			continue;
		for_each_member(old, om)
			if (!find_member_by_name(s, om->name))
				add_change(c, s->name, om, NULL, old->file);
	}
}

static int changed_struct(const struct changes *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].struct_name, name))
			return 1;
	return 0;
}

static void since_text(const struct changes *c, const struct api *now,
		       const struct doc_listings *ls, struct strbuf *out)
{
	size_t i;

	strbuf_addf(out, "\nSince %s (%s -> %s): %zu member changes\n", c->rev,
		    c->then.version, now->version, c->n);
	for (i = 0; i < c->n; i++) {
		const struct change *ch = &c->v[i];

		strbuf_addf(out, "%s:%u: %s.%s: %s", ch->file, ch->line,
			    ch->struct_name, ch->member, ch->what);
		if (ch->old_decl && ch->new_decl)
			strbuf_addf(out, " from '%s' to '%s'", ch->old_decl, ch->new_decl);
		else
			strbuf_addf(out, " '%s'", ch->new_decl ? ch->new_decl : ch->old_decl);
		strbuf_addch(out, '\n');
	}
	strbuf_adds(out, "Sections that now need an update:\n");
	for (i = 0; i < ls->n; i++)
		if (changed_struct(c, ls->v[i].struct_name))
			strbuf_addf(out, "%s:%u: %s (listing at line %u)\n",
				    ls->v[i].file, ls->v[i].section_line,
				    ls->v[i].struct_name, ls->v[i].line);
}

static json_t *since_json(const struct changes *c, const struct doc_listings *ls)
{
	json_t *o = json_object(), *jc = json_array(), *js = json_array();
	size_t i;

	json_object_set_new(o, "rev", json_string(c->rev));
	json_object_set_new(o, "version", json_string(c->then.version));
	for (i = 0; i < c->n; i++) {
		const struct change *ch = &c->v[i];
		json_t *x = json_object();

		json_object_set_new(x, "struct", json_string(ch->struct_name));
		json_object_set_new(x, "member", json_string(ch->member));
		json_object_set_new(x, "change", json_string(ch->what));
		json_object_set_new(x, "old", ch->old_decl ? json_string(ch->old_decl) : json_null());
		json_object_set_new(x, "new", ch->new_decl ? json_string(ch->new_decl) : json_null());
		json_object_set_new(x, "file", json_string(ch->file));
		json_object_set_new(x, "line", json_integer(ch->line));
		json_array_append_new(jc, x);
	}
	for (i = 0; i < ls->n; i++) {
		json_t *x;

		if (!changed_struct(c, ls->v[i].struct_name))
			continue;
		x = json_object();
		json_object_set_new(x, "file", json_string(ls->v[i].file));
		json_object_set_new(x, "line", json_integer(ls->v[i].section_line));
		json_object_set_new(x, "listing_line", json_integer(ls->v[i].line));
		json_object_set_new(x, "struct", json_string(ls->v[i].struct_name));
		json_array_append_new(js, x);
	}
	json_object_set_new(o, "changes", jc);
	json_object_set_new(o, "sections", js);
	return o;
}

int cmd_check(int argc, char **argv)
{
	const char *v[NR_OPTS];
	struct strvec dirs = STRVEC_INIT, args = STRVEC_INIT;
	struct doc_listings ls = { 0 };
	struct ops_struct *parsed = NULL;
	struct findings fs = { 0 };
	struct coverages cov = { 0 };
	struct model_opts mo = { 0 };
	struct extract_opts eo = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct changes changes = { 0 };
	struct ktree kt;
	struct api api;
	size_t i;
	int first, ret = EXIT_USAGE;

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
	if (first < argc && !v[OPT_DOCS]) {
		error_at(NULL, 0, "operands are documentation directories after "
			 "--docs ('%s')", argv[first]);
		return EXIT_USAGE;
	}
	opsdoc_quiet = v[OPT_QUIET] != NULL;
	if (ktree_resolve(&kt, v[OPT_KSRC], v[OPT_KBUILD], v[OPT_FLAGS]))
		return EXIT_USAGE;
	strvec_init(&dirs);
	strvec_init(&args);
	mo.api_path = v[OPT_API];
	if (model_for_tree(&kt, &mo, &api))
		goto out;
	if (v[OPT_DOCS]) {
		strvec_push(&dirs, v[OPT_DOCS]);
		for (i = first; i < (size_t)argc; i++)
			strvec_push(&dirs, argv[i]);
	} else {
		strbuf_addf(&out, "%s/Documentation", kt.ksrc);
		strvec_push(&dirs, out.buf);
		strbuf_reset(&out);
	}
	if (scan_docs(&api, kt.ksrc, &dirs, &ls))
		goto out;
	if (ktree_load_flags(kt.flags, &args))
		goto out;
	eo.ksrc = kt.ksrc;
	eo.args = &args;
	eo.headers = model_headers;
	parsed = xcalloc(ls.n ? ls.n : 1, sizeof(*parsed));
	if (parse_listings(&eo, ls.v, ls.n, parsed))
		goto out;
	for (i = 0; i < ls.n; i++)
		compare_listing(&api, &ls.v[i], &parsed[i], &fs, &cov);
	if (fs.n)
		qsort(fs.v, fs.n, sizeof(*fs.v), finding_cmp);
	if (v[OPT_BASELINE] && apply_baseline(v[OPT_BASELINE], &fs))
		goto out;
	if (v[OPT_SINCE]) {
		changes.rev = xstrdup(v[OPT_SINCE]);
		if (model_at(&kt, &args, v[OPT_SINCE], &changes.then))
			goto out;
		diff_models(&api, &changes);
	}
	if (v[OPT_FORMAT] && !strcmp(v[OPT_FORMAT], "json")) {
		report_json(&api, &fs, &cov, v[OPT_SINCE] ?
			    since_json(&changes, &ls) : NULL, &out);
	} else {
		report_text(&fs, &cov, &out);
		if (v[OPT_SINCE])
			since_text(&changes, &api, &ls, &out);
	}
	if (write_file_atomic(v[OPT_OUTPUT] ? v[OPT_OUTPUT] : "-", out.buf, out.len))
		goto out;
	ret = v[OPT_STRICT] && fs.n ? EXIT_FINDINGS : 0;
out:
	if (parsed) {
		for (i = 0; i < ls.n; i++)
			ops_struct_release(&parsed[i]);
		free(parsed);
	}
	for (i = 0; i < cov.n; i++) {
		free(cov.v[i].file);
		strvec_release(&cov.v[i].undescribed);
	}
	free(cov.v);
	findings_release(&fs);
	free(changes.v);
	free(changes.rev);
	api_release(&changes.then);
	doc_listings_release(&ls);
	strvec_release(&dirs);
	strvec_release(&args);
	strbuf_release(&out);
	api_release(&api);
	ktree_release(&kt);
	return ret;
}
