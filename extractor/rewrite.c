// SPDX-License-Identifier: GPL-2.0
/*
 * rewrite.c - the kernel documents generate rewrites, one logical change
 * at a time: what generate writes and what series commits, alike.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "rewrite.h"
#include "doc.h"
#include "rst_fold.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

/*
 * The documents generate rewrites, in the order of a series, each with its
 * rewriter (doc_vfs.c, doc_locking.c, doc_listings.c) and whether the tree
 * must have it. rewritten_docs[] is made from the same list.
 */
#define REWRITERS(X)							\
	X("Documentation/filesystems/vfs.rst", 1, doc_vfs_rewrite)	\
	X("Documentation/filesystems/locking.rst", 0, doc_locking_rewrite) \
	X("Documentation/filesystems/mmap_prepare.rst", 0, doc_listings_rewrite)

static const struct rewriter {
	const char *rel;
	int required;
	int (*rewrite)(const struct expand_env *env, const char *ksrc,
		       const char *templates, struct rewrites *r, size_t d);
} rewriters[] = {
#define REWRITER(rel, required, fn) { rel, required, fn },
	REWRITERS(REWRITER)
#undef REWRITER
};

const char *const rewritten_docs[] = {
#define REWRITTEN(rel, required, fn) rel,
	REWRITERS(REWRITTEN)
#undef REWRITTEN
	NULL
};

/* The text the next step of document d starts from. */
static const struct strbuf *current(const struct rewrites *r, size_t d)
{
	return &r->docs[d].text;
}

void rewrite_add_step(struct rewrites *r, size_t d, int kind,
		      const char *struct_name, struct strbuf *next)
{
	struct rewrite_doc *doc = &r->docs[d];
	struct rewrite_step *s;

	if (next->len == doc->text.len && !memcmp(next->buf, doc->text.buf, next->len)) {
		strbuf_release(next);
		return;
	}
	r->steps = xrealloc(r->steps, (r->nr_steps + 1) * sizeof(*r->steps));
	s = &r->steps[r->nr_steps++];
	s->doc = d;
	s->kind = kind;
	s->struct_name = struct_name ? xstrdup(struct_name) : NULL;
	s->subject = NULL;
	s->why = NULL;
	strbuf_init(&s->text);
	strbuf_add(&s->text, next->buf, next->len);
	strbuf_reset(&doc->text);
	strbuf_add(&doc->text, next->buf, next->len);
	strbuf_release(next);
}



/*
 * One piece of a template's RST: from a fold marker (or the start) to the
 * next. Its log lines are taken out into @subject and @why (NULL when it
 * has none); the rest is appended to @text.
 */
static void split_piece(const char *s, size_t len, struct strbuf *text,
			char **subject, char **why)
{
	const size_t lm = strlen(REWRITE_LOG_MARKER), wm = strlen(REWRITE_WHY_MARKER);
	struct strbuf w = STRBUF_INIT;
	const char *end = s + len;

	*subject = NULL;
	while (s < end) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		size_t n = (eol ? (size_t)(eol - s) : (size_t)(end - s));

		if (n >= lm && !strncmp(s, REWRITE_LOG_MARKER, lm)) {
			free(*subject);
			*subject = xstrndup(s + lm, n - lm);
		} else if (n >= wm && !strncmp(s, REWRITE_WHY_MARKER, wm)) {
			if (w.len)
				strbuf_addch(&w, ' ');
			strbuf_add(&w, s + wm, n - wm);
		} else {
			strbuf_add(text, s, n);
			strbuf_addch(text, '\n');
		}
		s += n + (eol ? 1 : 0);
	}
	*why = w.len ? strbuf_detach(&w) : NULL;
	strbuf_release(&w);
}

/* The template line that the fold marker at @p names, for errors. */
static unsigned long marker_line(const char *p)
{
	if (strncmp(p, RST_FOLD_MARKER, strlen(RST_FOLD_MARKER)))
		return 0;
	return strtoul(p + strlen(RST_FOLD_MARKER), NULL, 10);
}

/* Whether a piece has text besides its fold marker. */
static int piece_has_text(const struct strbuf *piece)
{
	const char *t = piece->buf;

	if (marker_line(t))
		t = strchrnul(t, '\n');
	return t[strspn(t, " \n")] != '\0';
}

/*
 * templates/DIR/NAME.md folded into Documentation/DIR/NAME.rst (rst_fold()),
 * one step per fold marker, so that each of the template's sections is a
 * patch of its own, logged with its "opsdoc-log" and "opsdoc-why" lines.
 */
static int add_sections(const struct expand_env *env, const char *templates,
			struct rewrites *r, size_t d)
{
	const char *base = r->docs[d].rel + strlen("Documentation/");
	const char *sep = "\n" RST_FOLD_MARKER;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, next = STRBUF_INIT;
	struct strbuf piece = STRBUF_INIT;
	char *subject = NULL, *why = NULL;
	size_t markers;
	const char *p, *q;
	int ret = -1;

	strbuf_addf(&path, "%s/%.*s.md", templates, (int)strlen(base) - 4, base);
	if (access(path.buf, F_OK)) {
		ret = 0;
		goto out;
	}
	if (expand_template(env, path.buf, NULL, 1, &text) < 0)
		goto out;
	markers = marker_line(text.buf) ? 1 : 0;
	for (p = strstr(text.buf, sep); p; p = strstr(p + 1, sep))
		markers++;
	for (p = text.buf; *p; p = q) {
		size_t before = r->nr_steps;

		q = strstr(p, sep);
		q = q ? q + 1 : p + strlen(p);
		strbuf_reset(&piece);
		split_piece(p, (size_t)(q - p), &piece, &subject, &why);
		if (!piece_has_text(&piece))
			goto next_piece;
		if (markers > 1 && (!subject || !why)) {
			error_at(path.buf, marker_line(p), "this section is a patch "
				 "of its own: give it '%s' and '%s' lines in a raw "
				 "rst block", REWRITE_LOG_MARKER, REWRITE_WHY_MARKER);
			goto out;
		}
		if (rst_fold(current(r, d)->buf, current(r, d)->len, path.buf,
			     piece.buf, &next))
			goto out;
		rewrite_add_step(r, d, REWRITE_ADDED, NULL, &next);
		if (r->nr_steps > before) {
			r->steps[before].subject = subject;
			r->steps[before].why = why;
			subject = why = NULL;
		}
next_piece:
		free(subject);
		free(why);
		subject = why = NULL;
	}
	ret = 0;
out:
	free(subject);
	free(why);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&next);
	strbuf_release(&piece);
	return ret;
}

static int rewrite_doc(const struct expand_env *env, const char *ksrc,
		       const char *templates, struct rewrites *r, size_t d)
{
	size_t i;

	for (i = 0; strcmp(rewriters[i].rel, r->docs[d].rel); i++)
		;
	return rewriters[i].rewrite(env, ksrc, templates, r, d) ||
	       add_sections(env, templates, r, d) ? -1 : 0;
}

int rewrite_docs(const struct expand_env *env, const char *ksrc,
		 const char *templates, struct rewrites *r)
{
	struct strbuf path = STRBUF_INIT;
	size_t i, d;
	int ret = -1;

	memset(r, 0, sizeof(*r));
	for (i = 0; rewritten_docs[i]; i++) {
		struct rewrite_doc *doc;

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", ksrc, rewritten_docs[i]);
		r->docs = xrealloc(r->docs, (r->nr_docs + 1) * sizeof(*r->docs));
		doc = &r->docs[r->nr_docs];
		strbuf_init(&doc->orig);
		if (strbuf_read_file(&doc->orig, path.buf)) {
			strbuf_release(&doc->orig);
			if (errno == ENOENT && !rewriters[i].required)
				continue;
			error_at(path.buf, 0, "cannot read: %s; KSRC must hold the "
				 "kernel's Documentation/", strerror(errno));
			goto out;
		}
		doc->rel = xstrdup(rewritten_docs[i]);
		doc->path = xstrdup(path.buf);
		strbuf_init(&doc->text);
		strbuf_add(&doc->text, doc->orig.buf, doc->orig.len);
		r->nr_docs++;
	}
	for (d = 0; d < r->nr_docs; d++)
		if (rewrite_doc(env, ksrc, templates, r, d))
			goto out;
	ret = 0;
out:
	strbuf_release(&path);
	return ret;
}

void rewrites_release(struct rewrites *r)
{
	size_t i;

	for (i = 0; i < r->nr_docs; i++) {
		free(r->docs[i].rel);
		free(r->docs[i].path);
		strbuf_release(&r->docs[i].orig);
		strbuf_release(&r->docs[i].text);
	}
	for (i = 0; i < r->nr_steps; i++) {
		free(r->steps[i].struct_name);
		free(r->steps[i].subject);
		free(r->steps[i].why);
		strbuf_release(&r->steps[i].text);
	}
	free(r->docs);
	free(r->steps);
	memset(r, 0, sizeof(*r));
}
