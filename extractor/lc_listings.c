// SPDX-License-Identifier: GPL-2.0
/*
 * lc_listings.c - parse_listings(): the struct listings of the tree's
 * documentation, parsed as code in the tree's configuration so that
 * opsdoc check can compare them with the model.
 */
#include <clang-c/Index.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lc.h"
#include "parse.h"
#include "rst_listings.h"
#include "strbuf.h"
#include "util.h"

#define LISTING_PREFIX "__opsdoc_listing_"

struct listings_ctx {
	struct ctx *ctx;
	struct ops_struct *out;
	size_t n;
};

static enum CXChildVisitResult visit_listing(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct listings_ctx *lc = data;
	CXString s;
	const char *name;
	size_t i;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_StructDecl ||
	    !clang_isCursorDefinition(c) ||
	    !clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	s = clang_getCursorSpelling(c);
	name = clang_getCString(s);
	if (!strncmp(name, LISTING_PREFIX, strlen(LISTING_PREFIX))) {
		i = strtoul(name + strlen(LISTING_PREFIX), NULL, 10);
		if (i < lc->n && !lc->out[i].present)
			fill_struct(lc->ctx, &lc->out[i], c);
	}
	clang_disposeString(s);
	return CXChildVisit_Continue;
}

/* How many lines the text has (a last line without a newline counts). */
static unsigned int count_lines(const char *s)
{
	const char *start = s;
	unsigned int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n + (s > start && s[-1] != '\n');
}

/*
 * Replace the first "struct NAME {" of code with the listing's own tag.
 * A "typedef struct NAME { ... } NAME_t;" loses its typedef: the header
 * has that name for its own struct, and the listing is about the struct.
 */
static void add_renamed(struct strbuf *tu, const char *code, const char *name,
			size_t i)
{
	struct strbuf open = STRBUF_INIT;
	const char *p, *q, *t;
	int depth = 1;

	strbuf_addf(&open, "struct %s {", name);
	p = strstr(code, open.buf);
	if (!p) {
		strbuf_adds(tu, code);
		strbuf_release(&open);
		return;
	}
	for (t = p; t > code && isspace((unsigned char)t[-1]); t--)
		;
	if (t - code >= 7 && !memcmp(t - 7, "typedef", 7) &&
	    (t - 7 == code || !(isalnum((unsigned char)t[-8]) || t[-8] == '_'))) {
		strbuf_add(tu, code, t - 7 - code);
		strbuf_add(tu, "       ", 7);
		strbuf_add(tu, t, p - t);
	} else {
		t = NULL;
		strbuf_add(tu, code, p - code);
	}
	strbuf_addf(tu, "struct " LISTING_PREFIX "%zu {", i);
	p += open.len;
	strbuf_release(&open);
	if (!t) {
		strbuf_adds(tu, p);
		return;
	}
	/* Through the closing brace; the typedef's names after it go. */
	for (q = p; *q && depth; q++)
		depth += *q == '{' ? 1 : *q == '}' ? -1 : 0;
	strbuf_add(tu, p, q - p);
	for (; *q && *q != ';'; q++)
		strbuf_addch(tu, *q == '\n' ? '\n' : ' ');
	strbuf_adds(tu, q);
}

/*
 * Close what a listing leaves open (a comment, #if blocks, braces, the ';'
 * after its closing brace), so
 * that one broken listing cannot change how the ones after it parse.
 * Returns how many lines were added.
 */
static unsigned int close_listing(struct strbuf *tu, const char *code)
{
	int in_comment = 0, depth = 0, conds = 0, bol = 1;
	unsigned int added = 0;
	char last = 0;
	const char *c;

	for (c = code; *c; c++) {
		if (in_comment) {
			if (c[0] == '*' && c[1] == '/') {
				in_comment = 0;
				c++;
			}
			continue;
		}
		if (c[0] == '/' && c[1] == '*') {
			in_comment = 1;
			c++;
			continue;
		}
		if (c[0] == '/' && c[1] == '/') {
			while (c[1] && c[1] != '\n')
				c++;
			continue;
		}
		if (*c == '\n') {
			bol = 1;
			continue;
		}
		if (bol && *c == '#') {
			const char *d = c + 1;

			while (*d == ' ' || *d == '\t')
				d++;
			if (!strncmp(d, "if", 2))
				conds++;
			else if (!strncmp(d, "endif", 5) && conds)
				conds--;
		}
		if (*c != ' ' && *c != '\t') {
			bol = 0;
			last = *c;
		}
		if (*c == '{')
			depth++;
		else if (*c == '}' && depth)
			depth--;
	}
	if (in_comment) {
		strbuf_adds(tu, "*/\n");
		added++;
	}
	/* "struct x { ... }" with no ';': a listing's shorthand. */
	if (!in_comment && !depth && last == '}') {
		strbuf_adds(tu, ";\n");
		added++;
	}
	for (; conds; conds--, added++)
		strbuf_adds(tu, "#endif\n");
	if (depth) {
		for (; depth; depth--)
			strbuf_addch(tu, '}');
		strbuf_adds(tu, ";\n");
		added++;
	}
	return added;
}

/*
 * The code with each line that is only an ellipsis ("...", "...;" or
 * "... more") made blank: it marks an excerpt, and libclang would report
 * it as errors as far away as the opening brace. The caller frees it.
 */
static char *without_ellipses(const char *code)
{
	char *s = xstrdup(code), *p = s;

	while (*p) {
		char *eol = strchrnul(p, '\n'), *q = p;

		while (q < eol && isspace((unsigned char)*q))
			q++;
		if (eol - q >= 3 && !memcmp(q, "...", 3))
			memset(q, ' ', eol - q);
		p = *eol ? eol + 1 : eol;
	}
	return s;
}

unsigned int *listings_text(struct strbuf *tu, unsigned int line,
			   const struct doc_listing *ls, size_t n,
			   struct ops_struct *out)
{
	unsigned int *first_line = xcalloc(n ? n : 1, sizeof(*first_line));
	const char *c;
	size_t i;

	for (i = 0; i < n; i++) {
		char *code = without_ellipses(ls[i].code);

		/* The code's first line is the listing's first line. */
		if (ls[i].wrapped) {
			first_line[i] = line;
			add_renamed(tu, code, ls[i].struct_name, i);
		} else {
			strbuf_addf(tu, "struct " LISTING_PREFIX "%zu {\n", i);
			first_line[i] = ++line;
			strbuf_adds(tu, code);
			strbuf_adds(tu, "};\n");
			line++;
		}
		free(code);
		for (c = ls[i].code; *c; c++)
			line += *c == '\n';
		if (tu->len && tu->buf[tu->len - 1] != '\n') {
			strbuf_addch(tu, '\n');
			line++;
		}
		line += close_listing(tu, ls[i].code);
		/* A second pass (after the includers) names them again. */
		free(out[i].name);
		out[i].name = xstrdup(ls[i].struct_name);
	}
	return first_line;
}

/* The listing whose code holds line tu_line of the translation unit, or n. */
static size_t listing_at(const struct doc_listing *ls, size_t n,
			 const unsigned int *first_line, unsigned int tu_line)
{
	size_t i;

	for (i = n; i-- > 0;)
		if (first_line[i] && first_line[i] <= tu_line)
			break;
	if (i >= n)
		return n;
	return tu_line - first_line[i] < count_lines(ls[i].code) ? i : n;
}

/*
 * Is line k (0-based) of code an ellipsis ("..."), or the first line of
 * code after one? libclang reports what "..." breaks at the next token.
 */
static int after_ellipsis(const char *code, unsigned int k)
{
	const char *line[2] = { NULL, NULL }, *p = code;
	unsigned int i;

	/* line[0]: line k; line[1]: the last non-blank line before it. */
	for (i = 0; *p; i++) {
		const char *eol = strchrnul(p, '\n'), *q = p;

		while (q < eol && isspace((unsigned char)*q))
			q++;
		if (i == k) {
			line[0] = p;
			break;
		}
		if (q < eol)
			line[1] = p;
		p = *eol ? eol + 1 : eol;
	}
	for (i = 0; i < 2; i++) {
		const char *eol;

		if (!line[i])
			continue;
		eol = strchrnul(line[i], '\n');
		if (memmem(line[i], eol - line[i], "...", 3))
			return 1;
	}
	return 0;
}

/*
 * What error recovery made of a line that did not parse is no member:
 * its members lose their names (drift.c pairs no unnamed member), and
 * check compares the rest of the listing.
 */
static void unname_line(struct ops_struct *s, unsigned int line)
{
	struct member *m;

	for_each_member(s, m) {
		if (m->line != line || !*m->name)
			continue;
		free(m->name);
		m->name = xstrdup("");
	}
}

/*
 * The first error libclang reported in each listing's own code, as
 * "FILE:LINE: MESSAGE" in its parse_error: recovery made something of
 * that line, and the listing is not to be compared as if it parsed. An
 * error at an ellipsis ("...") or just after one is an excerpt's, not one.
 */
static void listing_errors(CXTranslationUnit tu, const struct doc_listing *ls,
			   size_t n, const unsigned int *first_line,
			   struct ops_struct *out)
{
	unsigned int i, nd = clang_getNumDiagnostics(tu), line;
	struct strbuf sb = STRBUF_INIT;
	size_t k;

	for (i = 0; i < nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		CXSourceLocation loc = clang_getDiagnosticLocation(d);
		unsigned int doc_line;
		char *msg;

		clang_getExpansionLocation(loc, NULL, &line, NULL, NULL);
		if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error ||
		    !clang_Location_isFromMainFile(loc) ||
		    (k = listing_at(ls, n, first_line, line)) == n) {
			clang_disposeDiagnostic(d);
			continue;
		}
		if (after_ellipsis(ls[k].code, line - first_line[k])) {
			clang_disposeDiagnostic(d);
			continue;
		}
		unname_line(&out[k], line);
		if (out[k].parse_error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		doc_line = ls[k].line + (line - first_line[k]);
		msg = cx_dup(clang_getDiagnosticSpelling(d));
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s:%u: %s", ls[k].file, doc_line, msg);
		free(msg);
		out[k].parse_error = strbuf_detach(&sb);
		clang_disposeDiagnostic(d);
	}
	strbuf_release(&sb);
}

void listings_collect(CXTranslationUnit tu, const char *ksrc,
		      const struct doc_listing *ls, size_t n,
		      const unsigned int *first_line, struct ops_struct *out)
{
	/* A context of its own: the model's typedefs are not the listings'. */
	struct ctx ctx = { 0 };
	struct listings_ctx lc = { &ctx, out, n };
	size_t i, k;

	ctx.tu = tu;
	ctx.ksrc = ksrc;
	ctx.ksrc_len = strlen(ksrc);
	if (tu) {
		clang_visitChildren(clang_getTranslationUnitCursor(tu),
				    visit_listing, &lc);
		listing_errors(tu, ls, n, first_line, out);
	}
	/* Lines of the translation unit back to lines of the document. */
	for (i = 0; i < n; i++) {
		struct member *m;

		free(out[i].file);
		out[i].file = xstrdup(ls[i].file);
		out[i].line = ls[i].line;
		for (k = 0; k < out[i].nr_members; k++) {
			m = &out[i].members[k];
			m->line = ls[i].line + (m->line - first_line[i]);
		}
	}
}

int parse_listings(const struct extract_opts *opts,
		   const struct doc_listing *ls, size_t n, struct ops_struct *out)
{
	struct strbuf tu = STRBUF_INIT;
	struct extract_opts o = *opts;
	struct ctx ctx = { 0 };
	unsigned int *first_line;
	int ret = 0;

	/* The headers as the model's parse has them: same listings, cold or warm. */
	o.listings = ls;
	o.nr_listings = n;
	o.listings_out = out;
	if (lc_parse_headers(&ctx, &o, "opsdoc-listings.c", &tu, &first_line)) {
		error_at(opts->ksrc, 0, "libclang could not parse the listings; "
			 "check the compiler flags");
		ret = -1;
	}
	listings_collect(ctx.tu, opts->ksrc, ls, n, first_line, out);
	if (!ret && opts->deps)
		lc_add_deps(&ctx, opts->deps);
	lc_dispose(&ctx);
	strbuf_release(&tu);
	free(first_line);
	return ret;
}
