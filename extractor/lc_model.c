// SPDX-License-Identifier: GPL-2.0
/*
 * lc_model.c - parse_model(): one translation unit of the headers, with
 * kbuild's own flags and function bodies skipped, and from it the
 * modelled structs, enums, helper functions and the macros that wrap them.
 */
#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "lc.h"
#include "parse.h"
#include "strbuf.h"
#include "util.h"

/* The kernel-doc comment ("/" "**") right above offset off, or NULL. */
static char *kerneldoc_before(const char *buf, size_t off)
{
	size_t e = off, s;

	while (e > 0 && (buf[e - 1] == ' ' || buf[e - 1] == '\t' ||
			 buf[e - 1] == '\n'))
		e--;
	if (e < 4 || buf[e - 1] != '/' || buf[e - 2] != '*')
		return NULL;
	for (s = e - 2; s > 0; s--)
		if (buf[s - 1] == '/' && buf[s] == '*')
			break;
	if (!s)
		return NULL;
	s--;
	if (e - s < 5 || strncmp(buf + s, "/**", 3) || buf[s + 3] == '*')
		return NULL;
	return xstrndup(buf + s, e - s);
}

static char *raw_kerneldoc(CXCursor c)
{
	char *raw = cx_dup(clang_Cursor_getRawCommentText(c));

	if (strncmp(raw, "/**", 3) || raw[3] == '*') {
		free(raw);
		return NULL;
	}
	return raw;
}

static int is_helper_function(CXCursor c)
{
	CXType t, pointee;
	CXCursor decl;
	char *name;
	int ok;

	if (clang_Cursor_getNumArguments(c) < 1)
		return 0;
	t = clang_getCanonicalType(clang_getCursorType(clang_Cursor_getArgument(c, 0)));
	if (t.kind != CXType_Pointer)
		return 0;
	pointee = clang_getCanonicalType(clang_getPointeeType(t));
	if (pointee.kind != CXType_Record)
		return 0;
	decl = clang_getTypeDeclaration(pointee);
	name = cx_dup(clang_getCursorSpelling(decl));
	ok = !strcmp(name, HELPER_PARAM_STRUCT);
	free(name);
	return ok;
}

static void add_function_helper(struct ctx *ctx, CXCursor c, const char *name)
{
	struct tokens ts = { 0 };
	struct helper *h;
	unsigned int line, end_line, from, to;
	CXFile file;
	size_t i;
	char *sig;

	if (find_helper_by_name(ctx->api, name))
		return;
	cursor_span(c, &file, &line, &end_line, &from, &to);
	tokenize(ctx, clang_getCursorExtent(c), NULL, 0, &ts);
	for (i = 0; i < ts.n; i++)
		if (is_punct(&ts.t[i], "{"))
			break;
	sig = join_tokens(&ts, 0, i ? i - 1 : 0, (size_t)-1);
	h = api_add_helper(ctx->api);
	h->name = xstrdup(name);
	h->kind = HELPER_FUNCTION;
	h->file = cx_rel_path(ctx, file);
	h->line = line;
	h->decl = xrealloc(sig, strlen(sig) + 2);
	strcat(h->decl, ";");
	h->doc = raw_kerneldoc(c);
	tokens_release(&ts);
}

static int is_ident_char(char ch)
{
	return ch == '_' || (ch >= '0' && ch <= '9') ||
	       (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Does text[0..len) use the identifier name? */
static int uses_ident(const char *text, size_t len, const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; i + n <= len; i++) {
		if (memcmp(text + i, name, n))
			continue;
		if ((i == 0 || !is_ident_char(text[i - 1])) &&
		    (i + n == len || !is_ident_char(text[i + n])))
			return 1;
	}
	return 0;
}

/*
 * Function-like macros that wrap a helper function, such as
 * vma_desc_set_flags(). Only macros in the helpers' own headers are read.
 */
static void add_macro_helpers(struct ctx *ctx)
{
	size_t nr_functions = ctx->api->nr_helpers, i, k;

	for (i = 0; i < ctx->macros.n; i++) {
		const struct named_cursor *mc = &ctx->macros.v[i];
		unsigned int line, end_line, from, to;
		const char *buf;
		size_t size, p;
		struct helper *h;
		char *file;
		const char *wraps;
		int found = 0;
		CXFile cxf;

		cursor_span(mc->c, &cxf, &line, &end_line, &from, &to);
		if (!cxf)
			continue;
		file = cx_rel_path(ctx, cxf);
		for (k = 0; k < nr_functions && !found; k++)
			found = !strcmp(ctx->api->helpers[k].file, file);
		if (!found || find_helper_by_name(ctx->api, mc->name)) {
			free(file);
			continue;
		}
		buf = clang_getFileContents(ctx->tu, cxf, &size);
		found = 0;
		for (k = 0; buf && to <= size && k < nr_functions && !found; k++)
			found = uses_ident(buf + from, to - from,
					   ctx->api->helpers[k].name);
		wraps = found ? ctx->api->helpers[k - 1].name : NULL;
		if (!found) {
			free(file);
			continue;
		}
		/* "#define name(params)": up to the parameter list's ')'. */
		for (p = from; p < to && buf[p] != ')'; p++)
			;
		h = api_add_helper(ctx->api);
		h->name = xstrdup(mc->name);
		h->kind = HELPER_MACRO;
		h->wraps = xstrdup(wraps);
		h->file = file;
		h->line = line;
		h->decl = xmalloc(p - from + 10);
		snprintf(h->decl, p - from + 10, "#define %.*s)",
			 (int)(p - from), buf + from);
		/* The "#define" itself sits before the macro's extent. */
		while (from > 0 && buf[from - 1] != '\n')
			from--;
		h->doc = kerneldoc_before(buf, from);
	}
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_wanted(const struct ctx *ctx, const char *name)
{
	return bsearch(&name, ctx->wanted, ctx->nr_wanted, sizeof(*ctx->wanted),
		       str_cmp) != NULL;
}

/* modelled_structs and opts->structs, sorted, without repeats. */
static const char **wanted_structs(const struct extract_opts *opts, size_t *n)
{
	size_t nb = 0, ne = 0, i, k;
	const char **v;

	while (modelled_structs[nb])
		nb++;
	while (opts->structs && opts->structs[ne])
		ne++;
	v = xcalloc(nb + ne + 1, sizeof(*v));
	for (i = 0; i < nb; i++)
		v[i] = modelled_structs[i];
	for (i = 0; i < ne; i++)
		v[nb + i] = opts->structs[i];
	qsort(v, nb + ne, sizeof(*v), str_cmp);
	for (i = k = 0; i < nb + ne; i++)
		if (!k || strcmp(v[k - 1], v[i]))
			v[k++] = v[i];
	*n = k;
	return v;
}

/* The first error libclang reported in file, as "file:line: message". */
static char *first_error_in(const struct ctx *ctx, const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ctx->error_files.nr; i++) {
		if (strcmp(ctx->error_files.v[i], file))
			continue;
		strbuf_addf(&sb, "%s:%u: %s", file, ctx->error_lines[i],
			    ctx->error_msgs.v[i]);
		return strbuf_detach(&sb);
	}
	return NULL;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	struct ctx *ctx = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	CXString s;
	const char *name;

	(void)parent;
	/* The main file holds nothing of the tree's, only listings. */
	if (clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	switch (k) {
	case CXCursor_StructDecl:
	case CXCursor_EnumDecl:
		if (!clang_isCursorDefinition(c))
			break;
		s = clang_getCursorSpelling(c);
		name = clang_getCString(s);
		if (k == CXCursor_StructDecl) {
			if (is_wanted(ctx, name) &&
			    !cursor_list_find(&ctx->records, name))
				cursor_list_add(&ctx->records, c);
		} else {
			for (size_t i = 0; modelled_enums[i]; i++)
				if (!strcmp(name, modelled_enums[i]) &&
				    !cursor_list_find(&ctx->enums, name))
					cursor_list_add(&ctx->enums, c);
		}
		clang_disposeString(s);
		break;
	case CXCursor_TypedefDecl:
		cursor_list_add(&ctx->typedefs, c);
		break;
	case CXCursor_FunctionDecl:
		if (is_helper_function(c))
			cursor_list_add(&ctx->functions, c);
		break;
	case CXCursor_MacroDefinition:
		if (clang_Cursor_isMacroFunctionLike(c))
			cursor_list_add(&ctx->macros, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

/*
 * Was the struct parsed whole? Not when it has no member, nor when libclang
 * reported an error in its header at or after its first line: a header cut
 * short in the middle of the struct ends with such an error.
 */
static int errors_inside(const struct ctx *ctx, const struct ops_struct *s)
{
	size_t i;

	if (!s->nr_members)
		return 1;
	for (i = 0; i < ctx->error_files.nr; i++)
		if (!strcmp(ctx->error_files.v[i], s->file) &&
		    ctx->error_lines[i] >= s->line)
			return 1;
	return 0;
}

/*
 * Print libclang's warnings and errors (at most max; none with -q, since
 * an error the run survives is the finding header-unparsable's, and a
 * fatal one is named in the error that stops the run); return how many
 * there were. Where the errors are is kept for errors_inside().
 */
static unsigned int report_diagnostics(struct ctx *ctx, unsigned int max)
{
	unsigned int n = clang_getNumDiagnostics(ctx->tu), i, shown = 0, count = 0;

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctx->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);

		/* The main file's are the listings', which check reports. */
		if (clang_Location_isFromMainFile(clang_getDiagnosticLocation(d))) {
			clang_disposeDiagnostic(d);
			continue;
		}
		if (sev >= CXDiagnostic_Error) {
			CXFile file;
			unsigned int line;

			clang_getExpansionLocation(clang_getDiagnosticLocation(d),
						   &file, &line, NULL, NULL);
			if (file) {
				strvec_push_owned(&ctx->error_msgs,
					cx_dup(clang_getDiagnosticSpelling(d)));
				strvec_push_owned(&ctx->error_files,
						  cx_rel_path(ctx, file));
				ctx->error_lines = xrealloc(ctx->error_lines,
					ctx->error_files.nr * sizeof(unsigned int));
				ctx->error_lines[ctx->error_files.nr - 1] = line;
			}
		}
		if (sev >= CXDiagnostic_Warning) {
			count++;
			if (shown < max && !opsdoc_quiet) {
				CXFile file;
				unsigned int line;
				char *path = NULL, *msg;

				clang_getExpansionLocation(clang_getDiagnosticLocation(d),
							   &file, &line, NULL, NULL);
				/* The full path, so an editor can open it. */
				if (file)
					path = cx_real_path(file);
				msg = cx_dup(clang_getDiagnosticSpelling(d));
				if (sev >= CXDiagnostic_Error)
					error_at(path, line, "%s [libclang]", msg);
				else
					warning_at(path, line, "%s [libclang]", msg);
				free(path);
				free(msg);
				shown++;
			}
		}
		clang_disposeDiagnostic(d);
	}
	if (count > shown)
		note_at(NULL, 0, "%u more libclang diagnostics not shown",
			count - shown);
	return count;
}

#define PARSE_FLAGS (CXTranslationUnit_SkipFunctionBodies | \
		     CXTranslationUnit_DetailedPreprocessingRecord | \
		     CXTranslationUnit_KeepGoing)

/* Whether the tree-relative path @rel is the header #include <@name> finds. */
static int is_header(const char *rel, const char *name)
{
	static const char *const dirs[] = {
		"include/", "arch/x86/include/", NULL
	};
	size_t len;
	int i;

	for (i = 0; dirs[i]; i++) {
		len = strlen(dirs[i]);
		if (!strncmp(rel, dirs[i], len) && !strcmp(rel + len, name))
			return 1;
	}
	return 0;
}

/* Which of @headers libclang reported an error in. */
static void failing_headers(struct ctx *ctx, const char *const *headers,
			    struct strvec *out)
{
	unsigned int n = clang_getNumDiagnostics(ctx->tu), i;
	size_t h;

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctx->tu, i);
		CXFile file;
		char *rel;

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			clang_getExpansionLocation(clang_getDiagnosticLocation(d),
						   &file, NULL, NULL, NULL);
			rel = file ? cx_rel_path(ctx, file) : NULL;
			for (h = 0; rel && headers[h]; h++)
				if (is_header(rel, headers[h]))
					strvec_push_unique(out, headers[h]);
			free(rel);
		}
		clang_disposeDiagnostic(d);
	}
}

/* Does a header's text have "#include <name>" (want) at a line's start? */
static int includes(const struct strbuf *text, const char *want)
{
	const char *p;

	for (p = strstr(text->buf, want); p; p = strstr(p + 1, want)) {
		const char *bol = p;

		while (bol > text->buf && bol[-1] != '\n')
			bol--;
		while (*bol == ' ' || *bol == '\t')
			bol++;
		if (!strncmp(bol, "#include", 8))
			return 1;
	}
	return 0;
}

/*
 * For each of @names, headers that do not parse on their own, a header
 * under include/ that includes it: the way the tree's code includes such
 * a header (acpi/acpi_bus.h needs linux/acpi.h's definitions first). One
 * under include/linux/ first, then the first in path order. One pass over
 * include/ serves them all, each header read once. @before receives
 * NAME, INCLUDER for each that has one.
 */
static void includers_of(const char *ksrc, const struct strvec *names,
			 struct strvec *before)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, text = STRBUF_INIT;
	struct strvec files = STRVEC_INIT, want = STRVEC_INIT;
	char **found = xcalloc(names->nr + 1, sizeof(*found));
	size_t i, k, left = names->nr;
	int pass;

	strvec_init(&files);
	strvec_init(&want);
	for (k = 0; k < names->nr; k++) {
		strbuf_reset(&text);
		strbuf_addf(&text, "<%s>", names->v[k]);
		strvec_push(&want, text.buf);
	}
	strbuf_addf(&dir, "%s/include", ksrc);
	if (list_files(dir.buf, ".h", 1, &files))
		goto out;
	/* The passes take disjoint sets of headers: each is read once. */
	for (pass = 0; pass < 2 && left; pass++) {
		for (i = 0; i < files.nr && left; i++) {
			if ((pass == 0) != !strncmp(files.v[i], "linux/", 6))
				continue;
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", dir.buf, files.v[i]);
			strbuf_reset(&text);
			if (strbuf_read_file(&text, path.buf))
				continue;
			for (k = 0; k < names->nr; k++) {
				if (found[k] || !strcmp(files.v[i], names->v[k]) ||
				    !includes(&text, want.v[k]))
					continue;
				found[k] = xstrdup(files.v[i]);
				left--;
			}
		}
	}
	for (k = 0; k < names->nr; k++) {
		if (!found[k])
			continue;
		strvec_push(before, names->v[k]);
		strvec_push_owned(before, found[k]);
	}
out:
	free(found);
	strvec_release(&files);
	strvec_release(&want);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&text);
}

/*
 * The translation unit: each header, after the header that includes it
 * where @before names one (before[2k] is a header, before[2k+1] its
 * includer), then the listings.
 */
static unsigned int *tu_text_of(const struct extract_opts *opts,
				const struct strvec *before, struct strbuf *tu)
{
	size_t i, k;
	unsigned int lines = 0;

	strbuf_reset(tu);
	for (i = 0; opts->headers[i]; i++) {
		for (k = 0; k + 1 < before->nr; k += 2)
			if (!strcmp(before->v[k], opts->headers[i])) {
				strbuf_addf(tu, "#include <%s>\n",
					    before->v[k + 1]);
				lines++;
			}
		strbuf_addf(tu, "#include <%s>\n", opts->headers[i]);
		lines++;
	}
	if (!opts->listings)
		return NULL;
	return listings_text(tu, lines + 1, opts->listings, opts->nr_listings,
			     opts->listings_out);
}

int lc_parse_headers(struct ctx *ctx, const struct extract_opts *opts,
		     const char *file, struct strbuf *tu,
		     unsigned int **first_line)
{
	struct strvec before = STRVEC_INIT;
	int err;

	strvec_init(&before);
	*first_line = tu_text_of(opts, &before, tu);
	err = lc_parse(ctx, opts, file, tu, PARSE_FLAGS);
	/*
	 * A header that does not parse on its own is parsed again after a
	 * header that includes it, as the tree's code includes it.
	 */
	if (!err) {
		struct strvec failing = STRVEC_INIT;

		strvec_init(&failing);
		failing_headers(ctx, opts->headers, &failing);
		if (failing.nr)
			includers_of(opts->ksrc, &failing, &before);
		strvec_release(&failing);
		if (before.nr) {
			lc_dispose(ctx);
			free(*first_line);
			*first_line = tu_text_of(opts, &before, tu);
			err = lc_parse(ctx, opts, file, tu, PARSE_FLAGS);
		}
	}
	strvec_release(&before);
	return err;
}

int parse_model(const struct extract_opts *opts, struct api *api)
{
	struct ctx ctx = { 0 };
	struct strbuf tu_text = STRBUF_INIT;
	unsigned int *first_line = NULL;
	char *first;
	size_t i;
	int ret = -1, err;

	ctx.api = api;
	strvec_init(&ctx.error_files);
	strvec_init(&ctx.error_msgs);
	ctx.wanted = wanted_structs(opts, &ctx.nr_wanted);

	err = lc_parse_headers(&ctx, opts, "opsdoc-tu.c", &tu_text, &first_line);
	if (err) {
		error_at(opts->ksrc, 0, "libclang could not parse the headers "
			 "(error %d); check the compiler flags", err);
		goto out_release_text;
	}
	api->nr_diagnostics = report_diagnostics(&ctx, opts->max_diags);
	clang_visitChildren(clang_getTranslationUnitCursor(ctx.tu), visit_top, &ctx);
	if (ctx.typedefs.n)
		qsort(ctx.typedefs.v, ctx.typedefs.n, sizeof(*ctx.typedefs.v),
		      named_cursor_cmp);

	if (!opts->only_structs && !cursor_list_find(&ctx.records, "file_operations")) {
		error_at(opts->ksrc, 0, "struct file_operations not found in "
			 "the parsed headers (%u libclang diagnostics%s%s); is this "
			 "a kernel tree and are the flags right?",
			 api->nr_diagnostics, ctx.error_msgs.nr ? ", the first: " : "",
			 ctx.error_msgs.nr ? ctx.error_msgs.v[0] : "");
		goto out_dispose_tu;
	}

	for (i = 0; !opts->only_structs && modelled_structs[i]; i++) {
		const struct named_cursor *nc =
			cursor_list_find(&ctx.records, modelled_structs[i]);
		struct ops_struct *s = api_add_struct(api, modelled_structs[i]);

		if (!nc)
			continue;
		fill_struct(&ctx, s, nc->c);
		if (errors_inside(&ctx, s)) {
			struct strbuf path = STRBUF_INIT;

			if (s->file[0] != '/')
				strbuf_addf(&path, "%s/", opts->ksrc);
			strbuf_adds(&path, s->file);
			first = first_error_in(&ctx, s->file);
			error_at(path.buf, s->line, "struct %s does not parse (%s); "
				 "is the header complete?", s->name,
				 first ? first : "it has no member");
			free(first);
			strbuf_release(&path);
			goto out_dispose_tu;
		}
	}
	/* The others: an error in their header is theirs, not the run's. */
	for (i = 0; opts->structs && opts->structs[i]; i++) {
		const char *name = opts->structs[i];
		const struct named_cursor *nc;
		struct ops_struct *s;

		if (is_modelled_struct(name) || find_struct_by_name(api, name))
			continue;
		nc = cursor_list_find(&ctx.records, name);
		s = api_add_struct(api, name);
		if (nc) {
			fill_struct(&ctx, s, nc->c);
			s->parse_error = first_error_in(&ctx, s->file);
		} else if (opts->struct_headers && opts->struct_headers[i]) {
			s->parse_error = first_error_in(&ctx, opts->struct_headers[i]);
		}
	}
	for (i = 0; modelled_enums[i]; i++) {
		const struct named_cursor *nc =
			cursor_list_find(&ctx.enums, modelled_enums[i]);
		struct enum_decl *e = api_add_enum(api, modelled_enums[i]);

		if (nc)
			fill_enum(&ctx, e, nc->c);
	}
	for (i = 0; i < ctx.functions.n; i++)
		add_function_helper(&ctx, ctx.functions.v[i].c,
				    ctx.functions.v[i].name);
	add_macro_helpers(&ctx);
	api_sort_helpers(api);
	if (opts->listings)
		listings_collect(ctx.tu, opts->ksrc, opts->listings,
				 opts->nr_listings, first_line, opts->listings_out);
	if (opts->deps)
		lc_add_deps(&ctx, opts->deps);
	ret = 0;

out_dispose_tu:
	cursor_list_release(&ctx.records);
	cursor_list_release(&ctx.enums);
	cursor_list_release(&ctx.typedefs);
	cursor_list_release(&ctx.functions);
	cursor_list_release(&ctx.macros);
	strvec_release(&ctx.error_files);
	strvec_release(&ctx.error_msgs);
	free(ctx.error_lines);
	free((void *)ctx.wanted);
	lc_dispose(&ctx);
out_release_text:
	strbuf_release(&tu_text);
	free(first_line);
	return ret;
}
