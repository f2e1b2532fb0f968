// SPDX-License-Identifier: GPL-2.0
/*
 * Compare each listing of a struct in the documents with the model of the
 * headers, member by member: missing, removed and changed members, and
 * members listed but not described.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drift.h"
#include "strbuf.h"
#include "util.h"

const struct finding_class_info finding_classes[NR_FINDING_CLASSES] = {
	[FINDING_HEADER_UNPARSABLE] = { "header-unparsable", "warning",
		"the struct's header does not parse on its own in this configuration" },
	[FINDING_MISSING_MEMBER] = { "missing-member", "warning",
		"the header has a member the listing lacks" },
	[FINDING_MISSING_PADDING] = { "missing-padding", "note",
		"the listing leaves out the header's explicit padding, all of it" },
	[FINDING_OLD_VERSION] = { "old-version", "warning",
		"the section claims a kernel older than the tree" },
	[FINDING_PARAM_NAME] = { "param-name", "note",
		"only parameter names differ" },
	[FINDING_QUALIFIER_DRIFT] = { "qualifier-drift", "warning",
		"the types differ only in qualifiers (const, __user, ...)" },
	[FINDING_REMOVED_MEMBER] = { "removed-member", "warning",
		"the listing has a member the header no longer has" },
	[FINDING_RENAMED_MEMBER] = { "renamed-member", "warning",
		"the listing has a member of the header's type and place, under another name" },
	[FINDING_SIGNATURE_DRIFT] = { "signature-drift", "warning",
		"the canonical types differ" },
	[FINDING_TABLE_DRIFT] = { "table-drift", "note",
		"the section's table and its prototypes name different callbacks" },
	[FINDING_UNDESCRIBED] = { "undescribed", "warning",
		"the section describes members, but not this listed one" },
	[FINDING_UNKNOWN_STRUCT] = { "unknown-struct", "warning",
		"the tree defines no struct of the listing's tag, but one of a near tag has its members" },
	[FINDING_UNPARSABLE] = { "unparsable", "warning",
		"the listing does not parse against the tree's headers" },
};

const char *finding_class_name(enum finding_class class)
{
	return finding_classes[class].name;
}

int finding_class_by_name(const char *name, enum finding_class *class)
{
	int i;

	for (i = 0; name && i < NR_FINDING_CLASSES; i++) {
		if (!strcmp(finding_classes[i].name, name)) {
			*class = i;
			return 0;
		}
	}
	return -1;
}

static struct finding *add_finding(struct findings *fs, const char *file,
				   unsigned int line, const char *s,
				   const char *member, enum finding_class class)
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
	return f;
}

void finding_release(struct finding *f)
{
	free(f->file);
	free(f->member);
	free(f->doc);
	free(f->header);
	free(f->arch);
}

static int is_note(const struct finding *f)
{
	return !strcmp(finding_classes[f->class].severity, "note");
}

void findings_drop_notes(struct findings *fs)
{
	size_t i, k;

	for (i = k = 0; i < fs->n; i++) {
		if (is_note(&fs->v[i]))
			finding_release(&fs->v[i]);
		else
			fs->v[k++] = fs->v[i];
	}
	fs->n = k;
}

size_t findings_warnings(const struct findings *fs)
{
	size_t i, n = 0;

	for (i = 0; i < fs->n; i++)
		n += !is_note(&fs->v[i]);
	return n;
}

void findings_release(struct findings *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	fs->v = NULL;
	fs->n = 0;
	for (i = 0; i < fs->nr_models; i++)
		api_release(&fs->models[i]);
	free(fs->models);
	fs->models = NULL;
	fs->nr_models = 0;
}

void coverages_release(struct coverages *cov)
{
	size_t i;

	for (i = 0; i < cov->n; i++) {
		free(cov->v[i].file);
		strvec_release(&cov->v[i].undescribed);
	}
	free(cov->v);
	cov->v = NULL;
	cov->n = 0;
}

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

/*
 * The element type of an array type ("T[0]", "T[]", "T[4]"), into out;
 * 0 when type is no array.
 */
static int array_element(const char *type, struct strbuf *out)
{
	const char *b = strrchr(type, '[');

	if (!b || type[strlen(type) - 1] != ']')
		return 0;
	strbuf_reset(out);
	strbuf_add(out, type, b - type);
	strbuf_rtrim(out);
	return 1;
}

/*
 * The element type of an array member as its declaration spells it: the
 * text before its name, when "[" follows the name ("__u8 x[0];").
 */
static int spelled_element(const struct member *m, struct strbuf *out)
{
	const char *name = strrchr(m->name, '.'), *p, *q, *at = NULL;
	size_t n;

	name = name ? name + 1 : m->name;
	n = strlen(name);
	for (p = m->decl; n && (p = strstr(p, name)); p += n) {
		if (p > m->decl && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		for (q = p + n; isspace((unsigned char)*q); q++)
			;
		if (*q == '[')
			at = p;
	}
	if (!at)
		return 0;
	strbuf_reset(out);
	strbuf_add(out, m->decl, at - m->decl);
	strbuf_rtrim(out);
	return 1;
}

/*
 * A flexible array, however it is spelled: "T x[]", the old "T x[0]", or
 * a macro's "__DECLARE_FLEX_ARRAY(T, x)" (which makes a struct around
 * it). The element type, as spelled, goes into out.
 */
static int flex_array(const struct member *m, struct strbuf *out)
{
	static const char flex[] = "__DECLARE_FLEX_ARRAY(";
	const char *p = strstr(m->decl, flex), *comma;
	size_t n = strlen(m->type);

	if (p) {
		p += strlen(flex);
		comma = strrchr(p, ',');
		if (!comma)
			return 0;
		strbuf_reset(out);
		strbuf_add(out, p, comma - p);
		strbuf_rtrim(out);
		return 1;
	}
	if ((n > 2 && !strcmp(m->type + n - 2, "[]")) ||
	    (n > 3 && !strcmp(m->type + n - 3, "[0]")))
		return spelled_element(m, out) || array_element(m->type, out);
	return 0;
}

/* How dm differs from hm: a class, or NR_FINDING_CLASSES when it does not. */
static enum finding_class member_drift(const struct member *dm,
				       const struct member *hm)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	enum finding_class class = NR_FINDING_CLASSES;

	if (flex_array(dm, &a) && flex_array(hm, &b) &&
	    same_spacing_aside(a.buf, b.buf)) {
		/* x[0] and x[] are one flexible array. */
	} else if (strcmp(dm->type, hm->type)) {
		class = same_without_qualifiers(dm->type, hm->type) ?
			FINDING_QUALIFIER_DRIFT : FINDING_SIGNATURE_DRIFT;
	} else {
		spelled_types(dm, &a);
		spelled_types(hm, &b);
		/* Only qualifiers differ, not spacing or typedef spellings. */
		if (!same_spacing_aside(a.buf, b.buf) &&
		    same_without_qualifiers(a.buf, b.buf)) {
			class = FINDING_QUALIFIER_DRIFT;
		} else if (dm->kind == MEMBER_CALLBACK && !params_named_alike(dm, hm)) {
			class = FINDING_PARAM_NAME;
		}
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return class;
}

/*
 * Does dm match another definition of hm's name in s: the other branch
 * of an #if (a uapi header's !__KERNEL__ side)?
 */
static int matches_other_branch(const struct ops_struct *s,
				const struct member *dm, const struct member *hm)
{
	const struct member *m;

	for_each_member(s, m)
		if (m != hm && !strcmp(m->name, hm->name) &&
		    (member_drift(dm, m) == NR_FINDING_CLASSES ||
		     same_spacing_aside(dm->decl, m->decl)))
			return 1;
	return 0;
}

/*
 * Is a type the same but for __user? headers_install.sh takes __user out
 * of the uapi headers, so a listing of a uapi struct without it shows the
 * header user space includes.
 */
static int only_user_differs(const struct member *dm, const struct member *hm)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char *p;
	int same;

	spelled_types(dm, &a);
	spelled_types(hm, &b);
	for (p = b.buf; (p = strstr(p, "__user")); ) {
		if ((p == b.buf || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
		    !(isalnum((unsigned char)p[6]) || p[6] == '_')) {
			memmove(p, p + 6, strlen(p + 6) + 1);
			b.len -= 6;
		} else {
			p += 6;
		}
	}
	same = same_spacing_aside(a.buf, b.buf);
	strbuf_release(&a);
	strbuf_release(&b);
	return same;
}

/* Is a header one of the uapi headers that user space includes? */
static int uapi_header(const char *file)
{
	return file && (!strncmp(file, "include/uapi/", 13) || strstr(file, "/uapi/"));
}

static void compare_member(const struct doc_listing *l, const struct member *dm,
			   const struct member *hm, const struct ops_struct *s,
			   struct findings *fs)
{
	enum finding_class class = member_drift(dm, hm);

	if (class == FINDING_QUALIFIER_DRIFT && uapi_header(s->file) &&
	    only_user_differs(dm, hm))
		return;
	if (class != NR_FINDING_CLASSES && !matches_other_branch(s, dm, hm)) {
		struct finding *f = add_finding(fs, l->file, dm->line, l->struct_name,
						hm->name, class);

		set_texts(f, dm, hm, s);
	}
}

/*
 * Does the code of a listing that did not parse whole spell m's name?
 * Then the listing has m, on a line the unparsable finding reports.
 */
static int spelled_in_bad_listing(const struct doc_listing *l,
				  const struct ops_struct *doc, const char *path)
{
	const char *name = strrchr(path, '.'), *q;
	size_t n;

	if (!doc->parse_error)
		return 0;
	name = name ? name + 1 : path;
	n = strlen(name);
	for (q = l->code; n && (q = strstr(q, name)); q += n)
		if ((q == l->code || !(isalnum((unsigned char)q[-1]) || q[-1] == '_')) &&
		    !(isalnum((unsigned char)q[n]) || q[n] == '_'))
			return 1;
	return 0;
}

/* The text from s to e without outer parentheses that enclose it whole. */
static void strip_parens(const char *s, const char *e, struct strbuf *out)
{
	for (;;) {
		const char *p;
		int depth = 0;

		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (e - s < 2 || *s != '(' || e[-1] != ')')
			break;
		for (p = s; p < e; p++) {
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
			if (!depth && p < e - 1)
				break;
		}
		if (p < e - 1)
			break;
		s++;
		e--;
	}
	strbuf_reset(out);
	strbuf_add(out, s, e - s);
}

/* The "&&" operands of a condition, at the top level, each unparenthesised. */
static void conjuncts(const char *c, struct strvec *out)
{
	struct strbuf whole = STRBUF_INIT, one = STRBUF_INIT;
	const char *p, *start;
	int depth = 0;

	strip_parens(c, c + strlen(c), &whole);
	strvec_push(out, whole.buf);
	for (p = start = whole.buf;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if (*p && !(depth == 0 && p[0] == '&' && p[1] == '&'))
			continue;
		strip_parens(start, p, &one);
		if (strcmp(one.buf, whole.buf))
			strvec_push(out, one.buf);
		if (!*p)
			break;
		start = ++p + 1;
	}
	strbuf_release(&whole);
	strbuf_release(&one);
}

/* Is y the negation of x ("!x" or "!(x)")? */
static int negates(const char *y, const char *x)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	if (*y != '!')
		return 0;
	strip_parens(y + 1, y + strlen(y), &sb);
	r = !strcmp(sb.buf, x);
	strbuf_release(&sb);
	return r;
}

/* Does m's declaration spell its own name (recovery's guesses may not)? */
static int spelled_in_decl(const struct member *m)
{
	const char *name = strrchr(m->name, '.');

	name = name ? name + 1 : m->name;
	return strstr(m->decl, name) != NULL;
}

/*
 * Are a and b on two sides of one #if: does one hold, among what it
 * requires, the negation of something the other requires ("X" and "!X";
 * "A && B" and "!(A && B) && C")?
 */
static int opposite_conditions(const char *a, const char *b)
{
	struct strvec x = STRVEC_INIT, y = STRVEC_INIT;
	size_t i, k;
	int r = 0;

	if (!a || !b)
		return 0;
	strvec_init(&x);
	strvec_init(&y);
	conjuncts(a, &x);
	conjuncts(b, &y);
	for (i = 0; !r && i < x.nr; i++)
		for (k = 0; !r && k < y.nr; k++)
			r = negates(x.v[i], y.v[k]) || negates(y.v[k], x.v[i]);
	strvec_release(&x);
	strvec_release(&y);
	return r;
}

/*
 * Does the listing show the other side of m's #if: does it declare a
 * member that only that side of the header has? Then m, which the tree's
 * configuration takes, is no member the listing lacks.
 */
static int shows_other_branch(const struct doc_listing *l,
			      const struct ops_struct *doc,
			      const struct ops_struct *s, const struct member *m)
{
	const struct member *hm;

	if (!m->condition)
		return 0;
	for_each_member(s, hm)
		if (opposite_conditions(hm->condition, m->condition) &&
		    (find_member_by_name(doc, hm->name) ||
		     spelled_in_bad_listing(l, doc, hm->name)))
			return 1;
	return 0;
}

static int version_older(const char *claim, const char *tree)
{
	int a1 = 0, a2 = 0, b1 = 0, b2 = 0;

	sscanf(claim, "%d.%d", &a1, &a2);
	sscanf(tree, "%d.%d", &b1, &b2);
	return a1 < b1 || (a1 == b1 && a2 < b2);
}

/*
 * Does the header's text of s spell the name of m? A member a macro makes
 * (__DECLARE_FLEX_ARRAY()'s __empty_NAME) is spelled nowhere in it.
 */
static int spelled_in_source(const struct ops_struct *s, const struct member *m)
{
	const char *name = strrchr(m->name, '.'), *p;
	size_t n;

	name = name ? name + 1 : m->name;
	n = strlen(name);
	if (!s->source || !n)
		return 1;
	for (p = s->source; (p = strstr(p, name)); p += n)
		if ((p == s->source || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
		    !(isalnum((unsigned char)p[n]) || p[n] == '_'))
			return 1;
	return 0;
}

/*
 * Is m one a listing like l declares? A block of prototypes has no
 * fields, and no listing has the members a macro of the header makes.
 */
static int expected_in(const struct doc_listing *l, const struct ops_struct *s,
		       const struct member *m)
{
	return (l->wrapped || m->kind == MEMBER_CALLBACK) && spelled_in_source(s, m);
}

/* Words that name explicit padding: pad0, __smctp_pad1, padding2, reserved. */
static const char *const pad_words[] = {
	"pad", "padding", "reserved", "rsvd", "resv", "unused", "spare", NULL
};

/*
 * Is the last part of a member path the name of explicit padding: a pad
 * word, alone or after a '_', with a number after it or none?
 */
static int padding_name(const char *path)
{
	const char *name = strrchr(path, '.'), *e;
	size_t n;
	int i;

	name = name ? name + 1 : path;
	for (e = name + strlen(name); e > name && isdigit((unsigned char)e[-1]); e--)
		;
	for (i = 0; pad_words[i]; i++) {
		n = strlen(pad_words[i]);
		if ((size_t)(e - name) >= n && !strncasecmp(e - n, pad_words[i], n) &&
		    (e - n == name || (e - n)[-1] == '_'))
			return 1;
	}
	return 0;
}

/*
 * Is m explicit padding: of a padding name, and of an integer type or an
 * array of one (v4l2_subdev_ops's "pad" is a pointer to the pad ops)?
 */
static int padding_member(const struct member *m)
{
	return m->kind != MEMBER_CALLBACK && padding_name(m->name) &&
	       !strpbrk(m->type, "*(") && !strstr(m->type, "struct ") &&
	       !strstr(m->type, "union ") && !strstr(m->type, "enum ");
}

/* Does a listing declare any explicit padding? */
static int lists_padding(const struct ops_struct *doc)
{
	const struct member *dm;

	for_each_member(doc, dm)
		if (padding_member(dm))
			return 1;
	return 0;
}

/*
 * A listing meant to show part of a struct: it says so with an ellipsis,
 * or the prose that introduces it says so. A block of prototypes (as
 * locking.rst's) is a full list by its nature. A program's own struct
 * leaves out what it does not use. Check compares what an excerpt
 * declares and does not report what it leaves out.
 */
static int is_excerpt(const struct doc_listing *l)
{
	return l->ellipsis || l->part || l->program;
}

/* The length of a member path's prefix: "u." of "u.hva", 0 of "hva". */
static size_t path_prefix(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot ? (size_t)(dot - path) + 1 : 0;
}

/* Is m a plain member of a union: a field of it, of the union's prefix? */
static int in_union(const struct member *m, const char *prefix, size_t n)
{
	return m->container && !strcmp(m->container, "union") &&
	       m->kind != MEMBER_STRUCT && m->kind != MEMBER_UNION &&
	       path_prefix(m->name) == n && !strncmp(m->name, prefix, n);
}

/* The start of line n (counted from 1) of text, or NULL. */
static const char *line_of(const char *text, unsigned int n)
{
	for (; text && n > 1; n--) {
		text = strchr(text, '\n');
		text = text ? text + 1 : NULL;
	}
	return text;
}

/*
 * Is b declared right after a in the header's source, with nothing but
 * blanks and comments between a's ';' and b's line? A macro that closes
 * one union and opens the next (two __SYSFS_FUNCTION_ALTERNATIVE()s)
 * stands between, as does an #if.
 */
static int next_in_source(const struct ops_struct *s, const struct member *a,
			  const struct member *b)
{
	const char *p, *end;
	int depth = 0;

	if (!s->source || a->line < s->line || b->line < a->line)
		return 0;
	p = line_of(s->source, a->line - s->line + 1);
	end = line_of(s->source, b->line - s->line + 1);
	if (!p || !end)
		return 0;
	for (; p < end && *p && !(*p == ';' && !depth); p++)
		depth += (*p == '(') - (*p == ')');
	if (p >= end)
		return 1;	/* b starts on a's line */
	for (p++; p < end; p++) {
		if (p[0] == '/' && p[1] == '*') {
			const char *c = strstr(p + 2, "*/");

			if (!c)
				return 0;
			p = c + 1;
		} else if (p[0] == '/' && p[1] == '/') {
			p = strchrnul(p, '\n');
		} else if (!isspace((unsigned char)*p)) {
			return 0;
		}
	}
	return 1;
}

/*
 * Does the listing show another side of the union that m is one side of,
 * and show it as a plain member, outside a union of its own? A union the
 * header declares without a name (skb_shared_hwtstamps' hwtstamp and
 * netdev_data; device_attribute's show and show_const, which
 * __SYSFS_FUNCTION_ALTERNATIVE makes) is one member seen two ways, and
 * a listing that shows one way of it lacks nothing. The sides are the
 * fields next to m in the header's order and source, in a union, of m's
 * prefix.
 */
static int shows_alternative(const struct ops_struct *doc,
			     const struct ops_struct *s, const struct member *m)
{
	size_t n = path_prefix(m->name);
	const struct member *a, *dm;
	int dir;

	if (!in_union(m, m->name, n))
		return 0;
	for (dir = -1; dir <= 1; dir += 2)
		for (a = m + dir; a >= s->members && a < s->members + s->nr_members &&
		     in_union(a, m->name, n) &&
		     (dir < 0 ? next_in_source(s, a, a + 1) :
				next_in_source(s, a - 1, a)); a += dir) {
			dm = find_member_by_name(doc, a->name);
			if (dm && !(dm->container && !strcmp(dm->container, "union")))
				return 1;
		}
	return 0;
}

/* A member path whose last part is empty: "" or "u.". */
static int unnamed(const char *name)
{
	return !*name || name[strlen(name) - 1] == '.';
}

/*
 * A listing of another struct with the same tag (a user-space example's
 * "struct key"): most of what it declares is not in the header.
 */
/* How many top-level members doc names, and how many of them s has. */
static size_t members_in(const struct ops_struct *doc, const struct ops_struct *s,
			 size_t *named)
{
	const struct member *dm;
	size_t common = 0;

	*named = 0;
	for_each_member(doc, dm) {
		if (!*dm->name || strchr(dm->name, '.'))
			continue;
		(*named)++;
		common += find_member_by_name(s, dm->name) != NULL;
	}
	return common;
}

static int is_other_struct(const struct ops_struct *doc, const struct ops_struct *s)
{
	size_t named, common = members_in(doc, s, &named);

	return named && 2 * common < named;
}

/* The document line of a listing's first parse error, or 0. */
static unsigned int bad_line(const struct ops_struct *doc)
{
	const char *e = doc->parse_error ? strchr(doc->parse_error, ':') : NULL;

	return e ? (unsigned int)strtoul(e + 1, NULL, 10) : 0;
}

static int has_named_member(const struct ops_struct *doc)
{
	const struct member *m;

	for_each_member(doc, m)
		if (!unnamed(m->name))
			return 1;
	return 0;
}

/*
 * The code of a listing's line (a document line) into out, without a
 * comment that starts on it: 0, or -1 when the listing has no such line.
 */
static int listing_line(const struct doc_listing *l, unsigned int line,
			struct strbuf *out)
{
	const char *p = l->code, *e, *c;
	unsigned int n;

	if (!line || line < l->line)
		return -1;
	for (n = l->line; n < line && p; n++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	if (!p)
		return -1;
	e = strchrnul(p, '\n');
	c = strstr(p, "/*");
	strbuf_reset(out);
	strbuf_add(out, p, (c && c < e ? c : e) - p);
	strbuf_rtrim(out);
	while (out->len && isspace((unsigned char)out->buf[0])) {
		memmove(out->buf, out->buf + 1, out->len);
		out->len--;
	}
	return 0;
}

/*
 * Is the line a listing does not parse at (bad_line()) a member of the
 * #if branch the configuration leaves out, as the header spells it
 * (scm_timestamping's user-space "struct timespec ts[3];")? Then it fails
 * for want of a user-space type only, and it is right.
 */
static int bad_line_other_branch(const struct doc_listing *l,
				 const struct ops_struct *doc,
				 const struct ops_struct *s)
{
	unsigned int line = bad_line(doc);
	const struct member *m;
	struct strbuf text = STRBUF_INIT;
	int found = 0;

	if (listing_line(l, line, &text))
		return 0;
	for_each_member(s, m)
		if (!m->active && m->condition && m->decl &&
		    same_spacing_aside(text.buf, m->decl))
			found = 1;
	strbuf_release(&text);
	return found;
}

/* Does doc name at least two members, most of them members of s? */
static int has_members_of(const struct ops_struct *doc, const struct ops_struct *s)
{
	size_t named, common = members_in(doc, s, &named);

	return common >= 2 && 2 * common > named;
}

/*
 * A listing of a tag the tree does not define: the first of its near tags
 * (l->near) whose struct has most of the members the listing names, which
 * is returned (NULL when none).
 */
static const struct ops_struct *unknown_struct(const struct api *api,
					       const struct doc_listing *l,
					       const struct ops_struct *doc,
					       struct findings *fs)
{
	const struct ops_struct *found = NULL;
	const char *p = l->near, *e;
	struct strbuf name = STRBUF_INIT;

	for (; p && *p; p = *e ? e + 1 : e) {
		const struct ops_struct *s;
		struct finding *f;

		e = strchrnul(p, ' ');
		strbuf_reset(&name);
		strbuf_add(&name, p, e - p);
		s = find_struct_by_name(api, name.buf);
		if (!s || !s->present || s->parse_error || !has_members_of(doc, s))
			continue;
		f = add_finding(fs, l->file, l->line, l->struct_name, NULL,
				FINDING_UNKNOWN_STRUCT);
		f->doc = xstrdup(l->struct_name);
		f->header = xstrdup(s->name);
		f->header_file = s->file;
		f->header_line = s->line;
		found = s;
		break;
	}
	strbuf_release(&name);
	return found;
}

/*
 * A declaration without its name, into out: "__u64 session_addr;" is
 * "__u64 ;". 0, or -1 when the name is not a word of it.
 */
static int without_name(const char *decl, const char *path, struct strbuf *out)
{
	const char *name = strrchr(path, '.'), *p;
	size_t n;

	name = name ? name + 1 : path;
	n = strlen(name);
	for (p = decl; n && (p = strstr(p, name)); p++)
		if ((p == decl || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
		    !(isalnum((unsigned char)p[n]) || p[n] == '_')) {
			strbuf_reset(out);
			strbuf_add(out, decl, p - decl);
			strbuf_adds(out, p + n);
			return 0;
		}
	return -1;
}

/* Are two declarations the same but for their names? */
static int same_but_name(const char *a, const char *a_name, const char *b,
			 const char *b_name)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	int same = !without_name(a, a_name, &x) && !without_name(b, b_name, &y) &&
		   same_spacing_aside(x.buf, y.buf);

	strbuf_release(&x);
	strbuf_release(&y);
	return same;
}

/*
 * Is header member m in the listing's place at document line line: the
 * nearest members before and after it in the header (of its prefix) that
 * the listing has are listed before and after that line?
 */
static int in_place_of(const struct ops_struct *doc, const struct ops_struct *s,
		       const struct member *m, unsigned int line)
{
	size_t n = path_prefix(m->name);
	const struct member *a, *dm;
	int dir;

	for (dir = -1; dir <= 1; dir += 2)
		for (a = m + dir; a >= s->members && a < s->members + s->nr_members;
		     a += dir) {
			if (path_prefix(a->name) != n || strncmp(a->name, m->name, n) ||
			    unnamed(a->name))
				continue;
			dm = find_member_by_name(doc, a->name);
			if (!dm)
				continue;
			if (dir < 0 ? dm->line >= line : dm->line <= line)
				return 0;
			break;
		}
	return 1;
}

/*
 * Of the findings fs->v[from..], the missing member that the listed
 * declaration decl (named name, at document line line) renames: the only
 * one of its type, in its place. NULL when there is none, or more.
 */
static struct finding *renamed_from(struct findings *fs, size_t from,
				    const struct ops_struct *doc,
				    const struct ops_struct *s,
				    const struct member *dm, const char *decl,
				    const char *name, unsigned int line)
{
	struct finding *found = NULL;
	size_t i;

	for (i = from; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		const struct member *m;

		if (f->class != FINDING_MISSING_MEMBER)
			continue;
		m = find_member_by_name(s, f->member);
		if (!m || m->kind == MEMBER_STRUCT || m->kind == MEMBER_UNION)
			continue;
		if (dm ? (path_prefix(dm->name) != path_prefix(m->name) ||
			  strncmp(dm->name, m->name, path_prefix(m->name)) ||
			  strcmp(dm->type, m->type)) :
			 !same_but_name(decl, name, m->decl, m->name))
			continue;
		if (!in_place_of(doc, s, m, line))
			continue;
		if (found)
			return NULL;
		found = f;
	}
	return found;
}

/* The name an unparsable finding's error says the listing declares twice. */
static int declared_twice(const struct finding *f, struct strbuf *name)
{
	static const char *const says[] = {
		"duplicate member '", "redeclares '", NULL
	};
	const char *p = NULL, *e;
	int i;

	for (i = 0; says[i] && !p; i++)
		p = f->doc ? strstr(f->doc, says[i]) : NULL;
	if (!p)
		return 0;
	p = strchr(p, '\'') + 1;
	e = strchr(p, '\'');
	if (!e)
		return 0;
	strbuf_reset(name);
	strbuf_add(name, p, e - p);
	return 1;
}

/*
 * A rename: the listing's member of the header's type, in the header's
 * place, under another name (session_addr for session_uaddr), is one
 * renamed-member finding, not a missing and a removed one. The same for
 * a line that does not parse because it declares a name twice (two
 * "padding"s for padding1 and padding2): the error names the name, and
 * the line's declaration is of the missing member's type. Of the
 * findings fs->v[from..], those that pair up are made one.
 */
static void pair_renames(const struct doc_listing *l, const struct ops_struct *doc,
			 const struct ops_struct *s, struct findings *fs,
			 size_t from)
{
	struct strbuf name = STRBUF_INIT, text = STRBUF_INIT;
	size_t i, j;

	for (i = from; i < fs->n; i++) {
		struct finding *f = &fs->v[i], *m;
		const struct member *dm = NULL, *hm;

		if (f->class == FINDING_REMOVED_MEMBER) {
			dm = find_member_by_name(doc, f->member);
			if (!dm)
				continue;
			m = renamed_from(fs, from, doc, s, dm, NULL, NULL, f->line);
		} else if (f->class == FINDING_UNPARSABLE && declared_twice(f, &name) &&
			   !listing_line(l, f->line, &text)) {
			m = renamed_from(fs, from, doc, s, NULL, text.buf, name.buf,
					 f->line);
		} else {
			continue;
		}
		if (!m)
			continue;
		hm = find_member_by_name(s, m->member);
		free(f->member);
		f->member = xstrdup(m->member);
		f->class = FINDING_RENAMED_MEMBER;
		free(f->doc);
		f->doc = xstrdup(dm ? dm->decl : text.buf);
		free(f->header);
		f->header = xstrdup(hm->decl);
		f->header_file = s->file;
		f->header_line = hm->line;
		/* The missing one goes. */
		j = m - fs->v;
		finding_release(m);
		memmove(m, m + 1, (fs->n - j - 1) * sizeof(*m));
		fs->n--;
		if (j < i)
			i--;
	}
	strbuf_release(&name);
	strbuf_release(&text);
}

/*
 * A prototypes: block and its section's table (locking.rst), both ways:
 * a row without a prototype, a prototype without a row.
 */
static void compare_table(const struct doc_listing *l, const struct ops_struct *doc,
			  const struct ops_struct *s, struct findings *fs)
{
	const struct member *dm, *hm;
	struct finding *f;
	size_t i;

	if (!l->table_ops.nr)
		return;
	for (i = 0; i < l->table_ops.nr; i++) {
		const char *op = l->table_ops.v[i];

		if (find_member_by_name(doc, op) || spelled_in_bad_listing(l, doc, op))
			continue;
		f = add_finding(fs, l->file, l->table_lines[i], l->struct_name, op,
				FINDING_TABLE_DRIFT);
		hm = find_member_by_name(s, op);
		f->doc = xstrdup("row");
		f->header = xstrdup(hm ? hm->decl : "");
		f->header_file = s->file;
		f->header_line = hm ? hm->line : s->line;
	}
	for_each_member(doc, dm) {
		if (unnamed(dm->name) || dm->kind != MEMBER_CALLBACK ||
		    strvec_find(&l->table_ops, dm->name) >= 0)
			continue;
		f = add_finding(fs, l->file, dm->line, l->struct_name, dm->name,
				FINDING_TABLE_DRIFT);
		hm = find_member_by_name(s, dm->name);
		f->doc = xstrdup("prototype");
		f->header = xstrdup(hm ? hm->decl : "");
		f->header_file = s->file;
		f->header_line = hm ? hm->line : s->line;
	}
}

static void compare_with(const struct api *api, const struct ops_struct *s,
			 const struct doc_listing *l, const struct ops_struct *doc,
			 struct findings *fs, struct coverages *cov);

static void compare_listing(const struct api *api, const struct doc_listing *l,
			    const struct ops_struct *doc, struct findings *fs,
			    struct coverages *cov)
{
	const struct ops_struct *s = find_struct_by_name(api, l->struct_name);

	if (!s || !s->present) {
		size_t named;

		/*
		 * Of a tag the tree lacks: its drift from the near tag's
		 * struct, when that struct has every member the listing
		 * names and the listing parses (else it shows another struct).
		 */
		if (l->wrapped && doc->present &&
		    (s = unknown_struct(api, l, doc, fs)) != NULL &&
		    !doc->parse_error && members_in(doc, s, &named) == named)
			compare_with(api, s, l, doc, fs, cov);
		return;
	}
	compare_with(api, s, l, doc, fs, cov);
}

/* Compare a listing with the struct s of the model api. */
static void compare_with(const struct api *api, const struct ops_struct *s,
			 const struct doc_listing *l, const struct ops_struct *doc,
			 struct findings *fs, struct coverages *cov)
{
	const struct member *m, *dm;
	const char *missing = NULL;
	struct coverage *c;
	size_t first = fs->n;
	int excerpt, no_padding;

	if (s->parse_error) {
		struct finding *f = add_finding(fs, l->file, l->line, l->struct_name,
						NULL, FINDING_HEADER_UNPARSABLE);

		f->doc = xstrdup("");
		f->header = xstrdup(s->parse_error);
		f->header_file = s->file ? s->file : "";
		f->header_line = s->line;
		return;
	}
	if ((!doc->present || doc->parse_error) &&
	    !(doc->present && bad_line_other_branch(l, doc, s))) {
		unsigned int line = bad_line(doc);
		struct finding *f = add_finding(fs, l->file, line ? line : l->line,
						l->struct_name, NULL, FINDING_UNPARSABLE);
		const char *e = doc->parse_error ? strchr(doc->parse_error, ':') : NULL;

		/* What libclang said: "FILE:LINE: MESSAGE" without the place. */
		e = e ? strchr(e + 1, ':') : NULL;
		f->doc = xstrdup(e ? e + 2 : "");
		f->header = xstrdup("");
		f->header_file = s->file;
		f->header_line = s->line;
		/* What did parse around the bad line is still compared. */
		if (!doc->present || !has_named_member(doc))
			return;
	}
	if (is_other_struct(doc, s)) {
		cov->not_in_tree++;
		return;
	}
	excerpt = is_excerpt(l);
	/* A listing with no padding at all shows the fields only, by choice. */
	no_padding = !lists_padding(doc);
	for_each_member(s, m) {
		/* An unnamed bit-field ("unsigned :0") is no member to pair. */
		if (unnamed(m->name))
			continue;
		dm = find_member_by_name(doc, m->name);
		/* Recovery's guess at a line that did not parse: not compared. */
		if (dm && doc->parse_error && !spelled_in_decl(dm))
			continue;
		if (!dm && excerpt)
			continue;
		if (!dm && !expected_in(l, s, m))
			continue;
		if (!dm) {
			struct finding *f;

			/* A nested struct the listing lacks: once, not per member. */
			if (missing && !strncmp(m->name, missing, strlen(missing)) &&
			    m->name[strlen(missing)] == '.')
				continue;
			if (shows_other_branch(l, doc, s, m) ||
			    spelled_in_bad_listing(l, doc, m->name) ||
			    shows_alternative(doc, s, m))
				continue;
			f = add_finding(fs, l->file, l->line, l->struct_name,
					m->name, no_padding && padding_member(m) ?
					FINDING_MISSING_PADDING : FINDING_MISSING_MEMBER);
			set_texts(f, NULL, m, s);
			missing = m->name;
			continue;
		}
		/* The other side of an #if is compared through the active one. */
		if (!m->active && find_member_by_name(s, m->name) != m)
			continue;
		compare_member(l, dm, m, s, fs);
	}
	for_each_member(doc, dm) {
		/* What error recovery made of a line is no member to report. */
		if (unnamed(dm->name))
			continue;
		if (!find_member_by_name(s, dm->name)) {
			struct finding *f = add_finding(fs, l->file, dm->line,
							l->struct_name, dm->name,
							FINDING_REMOVED_MEMBER);

			set_texts(f, dm, NULL, s);
		}
	}
	pair_renames(l, doc, s, fs, first);
	compare_table(l, doc, s, fs);
	if (l->version && version_older(l->version, api->version)) {
		struct finding *f = add_finding(fs, l->file, l->version_line,
						l->struct_name, NULL, FINDING_OLD_VERSION);
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
		/* Padding needs no description. */
		if (l->term_list && !padding_member(m) &&
		    find_member_by_name(doc, m->name)) {
			struct finding *f = add_finding(fs, l->file,
				find_member_by_name(doc, m->name)->line,
				l->struct_name, m->name, FINDING_UNDESCRIBED);

			/* No document text: the key stays put when the decl moves. */
			set_texts(f, NULL, m, s);
		}
	}
}

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
	if (!c && x->class != y->class)
		c = x->class < y->class ? -1 : 1;
	return c;
}

/* The findings of one listing against one arch's model, thrown away. */
static size_t warnings_against(const struct api *api, const struct doc_listing *l,
			       const struct ops_struct *doc)
{
	struct findings tmp = { 0 };
	struct coverages cov = { 0 };
	size_t n;

	compare_listing(api, l, doc, &tmp, &cov);
	n = findings_warnings(&tmp);
	findings_release(&tmp);
	coverages_release(&cov);
	return n;
}

/*
 * Does an unparsable finding's error name a word ("unknown type name
 * 'unit32_t'") that the arch's definition of the struct does not spell?
 * Then the line is wrong in every configuration, not for want of the
 * arch's own types and macros.
 */
static int foreign_word(const struct finding *f, const struct api *api,
			const struct doc_listing *l)
{
	const struct ops_struct *s = find_struct_by_name(api, l->struct_name);
	const char *p = f->doc ? strchr(f->doc, '\'') : NULL, *e, *q;
	char *word;
	size_t n;
	int found = 0;

	if (!p || !s || !s->source || !(e = strchr(p + 1, '\'')) || e == p + 1)
		return 0;
	n = e - p - 1;
	word = xstrndup(p + 1, n);
	for (q = s->source; !found && (q = strstr(q, word)); q++)
		found = (q == s->source ||
			 !(isalnum((unsigned char)q[-1]) || q[-1] == '_')) &&
			!(isalnum((unsigned char)q[n]) || q[n] == '_');
	free(word);
	return !found;
}

/*
 * Which of the archs a listing shows: one it matches without a warning,
 * else the one its context names, else the one with most of its members.
 */
static const struct arch_def *choose_arch(const struct listing_archs *la,
					  const struct doc_listing *l,
					  const struct ops_struct *doc)
{
	const struct arch_def *best = NULL;
	size_t i, named, common, most = 0;

	/* Another struct of the tag gives no warning either: not a match. */
	for (i = 0; i < la->n; i++) {
		const struct ops_struct *s = find_struct_by_name(la->v[i].api,
								 l->struct_name);

		if (s && s->present && !is_other_struct(doc, s) &&
		    !warnings_against(la->v[i].api, l, doc))
			return &la->v[i];
	}
	for (i = 0; la->context && i < la->n; i++)
		if (!strcmp(la->v[i].arch, la->context))
			return &la->v[i];
	for (i = 0; i < la->n; i++) {
		const struct ops_struct *s = find_struct_by_name(la->v[i].api,
								 l->struct_name);

		common = s ? members_in(doc, s, &named) : 0;
		if (!best || common > most) {
			best = &la->v[i];
			most = common;
		}
	}
	return best;
}

void compare_listings_archs(const struct api *api, const struct doc_listing *ls,
			    const struct ops_struct *parsed, size_t n,
			    const struct listing_archs *archs,
			    struct findings *fs, struct coverages *cov)
{
	const struct arch_def *ad;
	size_t i, k, first;

	for (i = 0; i < n; i++) {
		if (!archs || !archs[i].n) {
			compare_listing(api, &ls[i], &parsed[i], fs, cov);
			continue;
		}
		ad = choose_arch(&archs[i], &ls[i], &parsed[i]);
		first = fs->n;
		compare_listing(ad->api, &ls[i], &parsed[i], fs, cov);
		for (k = first; first < fs->n; first++) {
			/*
			 * The listings are parsed in x86's configuration with
			 * the index's headers: a line of another arch's, or of
			 * a header outside the index, that does not parse
			 * there (its own types and macros) is not its fault.
			 */
			if (ad->api != api && fs->v[first].class == FINDING_UNPARSABLE &&
			    !foreign_word(&fs->v[first], ad->api, &ls[i])) {
				finding_release(&fs->v[first]);
				continue;
			}
			fs->v[k] = fs->v[first];
			fs->v[k++].arch = ad->arch ? xstrdup(ad->arch) : NULL;
		}
		fs->n = k;
	}
	if (fs->n)
		qsort(fs->v, fs->n, sizeof(*fs->v), finding_cmp);
}

void compare_listings(const struct api *api, const struct doc_listing *ls,
		      const struct ops_struct *parsed, size_t n,
		      struct findings *fs, struct coverages *cov)
{
	compare_listings_archs(api, ls, parsed, n, NULL, fs, cov);
}
