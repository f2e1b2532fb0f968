// SPDX-License-Identifier: GPL-2.0
/*
 * rst_write.c - CommonMark templates to reStructuredText.
 *
 * The only file that includes cmark.h. cmark parses the template; the
 * writer walks the tree with cmark's iterator, one switch over node types
 * in the manner of cmark's own html.c, with small helpers for escaping,
 * line prefixes (indented bodies, list items, block quotes) and the blank
 * line RST wants between blocks. Directives and inline values are handed
 * to the caller's hooks.
 */
#include <cmark.h>
#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "rst_write.h"
#include "util.h"

/* Stands for a space that must not break a line, until the wrap. */
#define NOBREAK '\x01'

struct list_state {
	int ordered;
	int number;
};

struct writer {
	struct strbuf *out;
	struct strbuf prefix;	/* written before each non-empty line */
	size_t prefix_len[64];	/* prefix length to restore, per level */
	int depth;
	int at_bol;		/* at the beginning of a line */
	int started;		/* a block has been written */
	int item_open;		/* the next block continues a list marker */
	int after_markup;	/* the last thing written closed inline markup */
	struct strbuf *capture;	/* heading text goes here, not to out */
	struct strbuf para;	/* a paragraph's text, wrapped at its end */
	int in_para;		/* inline output goes to para */
	int in_strong;		/* inside ** or *: no markup may nest */
	int in_code;		/* spaces written now must not break a line */
	struct list_state lists[32];
	int nr_lists;
	const struct rst_opts *o;
	const struct rst_hooks *h;
	const char *src;
	size_t src_len;
};

/* --- output ---------------------------------------------------------- */

static void put(struct writer *w, const char *s, size_t n)
{
	size_t i;

	if (w->capture) {
		strbuf_add(w->capture, s, n);
		return;
	}
	if (w->in_para) {
		/* A space inside markup is kept from breaking the line. */
		for (i = 0; i < n; i++)
			strbuf_addch(&w->para, s[i] == ' ' && w->in_code ?
				     NOBREAK : s[i]);
		w->after_markup = 0;
		return;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '\n') {
			strbuf_addch(w->out, '\n');
			w->at_bol = 1;
			continue;
		}
		if (w->at_bol) {
			strbuf_add(w->out, w->prefix.buf, w->prefix.len);
			w->at_bol = 0;
		}
		strbuf_addch(w->out, s[i]);
	}
	w->after_markup = 0;
}

static void puts_(struct writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void cr(struct writer *w)
{
	if (!w->at_bol)
		put(w, "\n", 1);
}

/* Start a block: on its own line, after one blank line. */
static void block_start(struct writer *w)
{
	if (w->item_open) {
		w->item_open = 0;
		return;
	}
	cr(w);
	if (w->started)
		put(w, "\n", 1);
	w->started = 1;
}

static unsigned int line_of(struct writer *w, cmark_node *n)
{
	return w->o->first_line + cmark_node_get_start_line(n) - 1;
}

/* Indent what follows; -1 after an error when blocks nest too deep. */
static int push_prefix(struct writer *w, const char *add, cmark_node *n)
{
	if (w->depth >= (int)(sizeof(w->prefix_len) / sizeof(w->prefix_len[0]))) {
		error_at(w->o->path, line_of(w, n), "lists and quotes nest more "
			 "than %zu deep; flatten the template",
			 sizeof(w->prefix_len) / sizeof(w->prefix_len[0]));
		return -1;
	}
	w->prefix_len[w->depth++] = w->prefix.len;
	strbuf_adds(&w->prefix, add);
	return 0;
}

static void pop_prefix(struct writer *w)
{
	w->prefix.len = w->prefix_len[--w->depth];
	w->prefix.buf[w->prefix.len] = '\0';
}

/* The columns left after the prefix, a tab to the next multiple of 8. */
static unsigned int prefix_left(struct writer *w)
{
	unsigned int cols = w->o->columns ? w->o->columns : RST_COLUMNS;
	size_t i, width = 0;

	for (i = 0; i < w->prefix.len; i++)
		width = w->prefix.buf[i] == '\t' ? (width / 8 + 1) * 8 : width + 1;
	return width + 20 < cols ? cols - width : 20;
}

static char last_char(struct writer *w)
{
	struct strbuf *b = w->capture ? w->capture : w->in_para ? &w->para : w->out;

	if (!w->capture && !w->in_para && w->at_bol)
		return '\n';
	return b->len ? b->buf[b->len - 1] : '\n';
}

/*
 * Inline markup must not touch a word on either side; an escaped space
 * ("\ ") separates it and renders as nothing.
 */
static void open_markup(struct writer *w, const char *marker)
{
	unsigned char c = last_char(w);

	if (isalnum(c) || c >= 0x80) {
		w->in_code++;
		put(w, "\\ ", 2);
		w->in_code--;
	}
	puts_(w, marker);
}

static void close_markup(struct writer *w, const char *marker)
{
	puts_(w, marker);
	w->after_markup = 1;
}

/* Does text at line start read as RST block markup? */
static int looks_like_markup(const char *s, size_t n)
{
	size_t i = 0;

	if (n >= 2 && (s[0] == '-' || s[0] == '+' || s[0] == '*') && s[1] == ' ')
		return 1;
	if (n >= 2 && s[0] == '.' && s[1] == '.')
		return 1;
	if (n >= 3 && s[0] == '#' && s[1] == '.' && s[2] == ' ')
		return 1;
	while (i < n && isdigit((unsigned char)s[i]))
		i++;
	if (i && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
		return 1;
	if (n >= 1 && (s[0] == '|' || s[0] == '>'))
		return 1;
	return 0;
}

static void put_escaped(struct writer *w, const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (w->after_markup && n && (isalnum((unsigned char)s[0]) ||
				     (unsigned char)s[0] >= 0x80))
		strbuf_addf(&sb, "\\%c", w->in_para ? NOBREAK : ' ');
	if (w->in_para ? !w->para.len : w->at_bol && !w->capture)
		if (looks_like_markup(s, n))
			strbuf_addch(&sb, '\\');
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\\' || c == '*' || c == '`' || c == '|')
			strbuf_addch(&sb, '\\');
		else if (c == '_' && (i + 1 == n ||
				      !isalnum((unsigned char)s[i + 1])))
			strbuf_addch(&sb, '\\');
		strbuf_addch(&sb, c);
	}
	put(w, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* --- helpers ---------------------------------------------------------- */

/* The text of source line n (1-based), without its newline. */
static const char *source_line(struct writer *w, int n, size_t *len)
{
	const char *p = w->src, *end = w->src + w->src_len, *nl;

	while (--n > 0 && p < end) {
		nl = memchr(p, '\n', end - p);
		p = nl ? nl + 1 : end;
	}
	nl = memchr(p, '\n', end - p);
	*len = (nl ? nl : end) - p;
	return p;
}

/* Length of the fence that line l opens or closes (``` or ~~~), or 0. */
static int fence_at(const char *l, size_t len, char *ch)
{
	size_t i = 0, n = 0;

	while (i < len && i < 3 && l[i] == ' ')
		i++;
	if (i == len || (l[i] != '`' && l[i] != '~'))
		return 0;
	*ch = l[i];
	while (i + n < len && l[i + n] == *ch)
		n++;
	return n >= 3 ? (int)n : 0;
}

/*
 * A fenced block must end with a closing fence, not with the end of the
 * file: cmark accepts both, a template writer meant the first.
 */
static int fence_closed(struct writer *w, cmark_node *n)
{
	int start = cmark_node_get_start_line(n), end = cmark_node_get_end_line(n);
	int open_len, close_len;
	char open_ch = 0, close_ch = 0;
	size_t len, i;
	const char *l;

	l = source_line(w, start, &len);
	open_len = fence_at(l, len, &open_ch);
	if (!open_len)
		return 1;	/* an indented block */
	if (end == start)
		return 0;
	l = source_line(w, end, &len);
	close_len = fence_at(l, len, &close_ch);
	if (close_ch != open_ch || close_len < open_len)
		return 0;
	for (i = 0; i < len && l[i] == ' '; i++)
		;
	for (i += close_len; i < len; i++)
		if (l[i] != ' ' && l[i] != '\t')
			return 0;
	return 1;
}

static void put_code_block(struct writer *w, const char *lang,
			   const char *body)
{
	struct strbuf sb = STRBUF_INIT;

	if (lang && *lang)
		strbuf_addf(&sb, ".. code-block:: %s\n\n", lang);
	else
		strbuf_adds(&sb, "::\n\n");
	strbuf_add_indented(&sb, body, "\t");
	strbuf_rtrim(&sb);
	puts_(w, sb.buf);
	strbuf_release(&sb);
}

/* Write a hook's RST as a block of its own. */
static void put_block_text(struct writer *w, struct strbuf *text)
{
	strbuf_rtrim(text);
	while (text->len && text->buf[0] == '\n') {
		memmove(text->buf, text->buf + 1, text->len);
		text->len--;
	}
	if (!text->len)
		return;
	block_start(w);
	puts_(w, text->buf);
}

static int code_block(struct writer *w, cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n);
	const char *body = cmark_node_get_literal(n);
	struct strbuf sb = STRBUF_INIT;
	char lang[64];
	int ret = 0;

	if (!fence_closed(w, n)) {
		error_at(w->o->path, line_of(w, n), "unterminated fenced block; "
			 "close it with a line of the same fence");
		return -1;
	}
	if (!info)
		info = "";
	if (!body)
		body = "";
	if (!strncmp(info, "opsdoc", 6) && (!info[6] || isspace((unsigned char)info[6]))) {
		if (!w->h || !w->h->directive) {
			error_at(w->o->path, line_of(w, n),
				 "opsdoc directives are not allowed here");
			ret = -1;
		} else {
			ret = w->h->directive(w->h->data, info, body,
					      line_of(w, n), prefix_left(w), &sb);
		}
		if (ret >= 0)
			put_block_text(w, &sb);
	} else if (!strcmp(info, "rst")) {
		strbuf_adds(&sb, body);
		put_block_text(w, &sb);
	} else {
		lang[0] = '\0';
		sscanf(info, "%63s", lang);
		block_start(w);
		put_code_block(w, lang, body);
	}
	strbuf_release(&sb);
	return ret;
}

static const char heading_chars[] = "==-~^\"";

static void heading_exit(struct writer *w, cmark_node *n, struct strbuf *text)
{
	int level = cmark_node_get_heading_level(n);
	size_t width = utf8_width(text->buf, text->len), i;
	char ch;

	if (w->o->sections && level < 6)
		level++;
	ch = heading_chars[level < 6 ? level - 1 : 5];
	struct strbuf line = STRBUF_INIT;

	for (i = 0; i < width; i++)
		strbuf_addch(&line, ch);
	if (level == 1) {
		puts_(w, line.buf);
		puts_(w, "\n");
	}
	put(w, text->buf, text->len);
	puts_(w, "\n");
	puts_(w, line.buf);
	strbuf_release(&line);
}

/*
 * Write the paragraph held in w->para, wrapped at the columns with the
 * prefix counted, never so that a line would start with something RST
 * reads as block markup, and never at a space that must not break.
 */
static void wrap_paragraph(struct writer *w)
{
	size_t avail, n = 0, i, k, start, width;
	size_t *word = NULL, *len = NULL;
	char *t = w->para.buf;
	struct strbuf line = STRBUF_INIT;

	w->in_para = 0;
	avail = prefix_left(w);
	for (i = 0; i < w->para.len;) {
		while (i < w->para.len && t[i] == ' ')
			i++;
		if (i == w->para.len)
			break;
		word = xrealloc(word, (n + 1) * sizeof(*word));
		len = xrealloc(len, (n + 1) * sizeof(*len));
		word[n] = i;
		while (i < w->para.len && t[i] != ' ')
			i++;
		len[n] = i - word[n];
		n++;
	}
	for (i = start = 0; i < n; start = i) {
		width = utf8_width(t + word[i], len[i]);
		for (i++; i < n; i++) {
			size_t wd = utf8_width(t + word[i], len[i]);

			if (width + 1 + wd > avail)
				break;
			width += 1 + wd;
		}
		/* The next line must not read as a list, a comment, ... */
		while (i < n && i - start > 1 &&
		       looks_like_markup(t + word[i], w->para.len - word[i]))
			i--;
		strbuf_reset(&line);
		for (k = start; k < i; k++) {
			if (k > start)
				strbuf_addch(&line, ' ');
			strbuf_add(&line, t + word[k], len[k]);
		}
		for (k = 0; k < line.len; k++)
			if (line.buf[k] == NOBREAK)
				line.buf[k] = ' ';
		if (start)
			put(w, "\n", 1);
		put(w, line.buf, line.len);
	}
	strbuf_release(&line);
	strbuf_reset(&w->para);
	free(word);
	free(len);
}

/* Markup inside ** or * is written literally by RST: refuse it. */
static int nested_markup(struct writer *w, cmark_node *n)
{
	if (!w->in_strong)
		return 0;
	error_at(w->o->path, line_of(w, n), "markup inside **strong** or "
		 "*emphasis* renders literally in RST; move it out");
	return -1;
}

static int inline_code(struct writer *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	if (!lit)
		lit = "";
	if (!strncmp(lit, "opsdoc:", 7)) {
		if (!w->h || !w->h->inline_value) {
			error_at(w->o->path, line_of(w, n), "no value for `%s` here", lit);
			ret = -1;
		} else {
			ret = w->h->inline_value(w->h->data, lit + 7, line_of(w, n), &sb);
		}
		if (!ret)
			put_escaped(w, sb.buf, sb.len);
		strbuf_release(&sb);
		return ret;
	}
	if (strstr(lit, "``")) {
		error_at(w->o->path, line_of(w, n), "a code span cannot hold ``");
		return -1;
	}
	if (nested_markup(w, n))
		return -1;
	open_markup(w, "``");
	w->in_code++;
	puts_(w, lit);
	w->in_code--;
	close_markup(w, "``");
	return 0;
}

/*
 * [text](doc:NAME) and [text](ref:LABEL) are Sphinx cross-references, to
 * a document and to a label; any other destination is a hyperlink.
 */
static int link(struct writer *w, cmark_node *n, int entering)
{
	const char *url = cmark_node_get_url(n);
	int role = !strncmp(url, "doc:", 4) || !strncmp(url, "ref:", 4);
	struct strbuf sb = STRBUF_INIT;

	if (entering) {
		if (nested_markup(w, n))
			return -1;
		if (role && !url[4]) {
			error_at(w->o->path, line_of(w, n), "'%s' names no target", url);
			return -1;
		}
		if (role)
			strbuf_addf(&sb, ":%.3s:`", url);
		else
			strbuf_addch(&sb, '`');
		open_markup(w, sb.buf);
		strbuf_release(&sb);
		return 0;
	}
	/* The target is one word: it is never broken across lines. */
	w->in_code++;
	puts_(w, " <");
	puts_(w, role ? url + 4 : url);
	w->in_code--;
	close_markup(w, role ? ">`" : ">`__");
	return 0;
}

static int render(struct writer *w, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	struct strbuf heading = STRBUF_INIT;
	cmark_event_type ev;
	int ret = 0;

	while (!ret && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int entering = ev == CMARK_EVENT_ENTER;
		const char *lit;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_DOCUMENT:
			break;
		case CMARK_NODE_PARAGRAPH:
			if (entering) {
				block_start(w);
				w->in_para = 1;
			} else {
				wrap_paragraph(w);
			}
			break;
		case CMARK_NODE_HEADING:
			if (entering) {
				block_start(w);
				strbuf_reset(&heading);
				w->capture = &heading;
			} else {
				w->capture = NULL;
				heading_exit(w, n, &heading);
			}
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			if (entering) {
				/*
				 * An empty comment ends whatever came before,
				 * so the indented text is a quote and not a
				 * continuation of a list item above it.
				 */
				block_start(w);
				puts_(w, "..\n\n");
				w->item_open = 1;
				ret = push_prefix(w, "    ", n);
			} else {
				pop_prefix(w);
			}
			break;
		case CMARK_NODE_LIST:
			if (entering) {
				struct list_state *l;

				if (w->nr_lists == 32) {
					error_at(w->o->path, line_of(w, n), "lists nest "
						 "more than 32 deep; flatten the template");
					ret = -1;
					break;
				}
				l = &w->lists[w->nr_lists++];
				l->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
				l->number = cmark_node_get_list_start(n);
			} else {
				w->nr_lists--;
			}
			break;
		case CMARK_NODE_ITEM:
			if (entering) {
				struct list_state *l = &w->lists[w->nr_lists - 1];
				char marker[16];
				size_t k;

				block_start(w);
				if (l->ordered)
					snprintf(marker, sizeof(marker), "%d. ", l->number++);
				else
					strcpy(marker, "- ");
				puts_(w, marker);
				for (k = 0; marker[k]; k++)
					marker[k] = ' ';
				ret = push_prefix(w, marker, n);
				w->item_open = 1;
			} else {
				w->item_open = 0;
				pop_prefix(w);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			ret = code_block(w, n);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			block_start(w);
			puts_(w, "----");
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			error_at(w->o->path, line_of(w, n),
				 "HTML is not allowed in templates; use a fenced "
				 "rst block for raw markup");
			ret = -1;
			break;
		case CMARK_NODE_IMAGE:
			error_at(w->o->path, line_of(w, n),
				 "images are not supported in templates");
			ret = -1;
			break;
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(n);
			put_escaped(w, lit, strlen(lit));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			/* A title is one line in RST; a paragraph is wrapped. */
			put(w, w->capture || w->in_para ? " " : "\n", 1);
			break;
		case CMARK_NODE_CODE:
			ret = inline_code(w, n);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			lit = cmark_node_get_type(n) == CMARK_NODE_EMPH ? "*" : "**";
			if (entering && !(ret = nested_markup(w, n))) {
				open_markup(w, lit);
				w->in_strong = 1;
			} else if (!entering) {
				w->in_strong = 0;
				close_markup(w, lit);
			}
			break;
		case CMARK_NODE_LINK:
			ret = link(w, n, entering);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	strbuf_release(&heading);
	return ret;
}

int rst_render_markdown(const char *text, size_t len, const struct rst_opts *o,
			const struct rst_hooks *h, struct strbuf *out)
{
	struct writer w = { 0 };
	cmark_node *doc;
	int ret;

	setlocale(LC_CTYPE, "C.UTF-8");
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	if (!doc)
		die("cmark could not parse %s", o->path);
	w.out = out;
	w.o = o;
	w.h = h;
	w.src = text;
	w.src_len = len;
	w.at_bol = 1;
	strbuf_init(&w.prefix);
	strbuf_init(&w.para);
	if (o->indent)
		strbuf_adds(&w.prefix, o->indent);
	ret = render(&w, doc);
	if (ret >= 0)
		cr(&w);
	strbuf_release(&w.prefix);
	strbuf_release(&w.para);
	cmark_node_free(doc);
	return ret;
}
