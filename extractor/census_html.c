// SPDX-License-Identifier: GPL-2.0
/*
 * census_html.c - the census page of opsdoc's site: progress per
 * subsystem, and every legacy implementation linked to its recipe in the
 * mmap guidance (the site's mm/mmap.html and mm/mmap_prepare.html, next
 * to this page under build/html when `make html` has run).
 */
#include "census.h"

static void esc(struct strbuf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': strbuf_adds(out, "&lt;"); break;
		case '>': strbuf_adds(out, "&gt;"); break;
		case '&': strbuf_adds(out, "&amp;"); break;
		case '"': strbuf_adds(out, "&quot;"); break;
		default: strbuf_addch(out, *s);
		}
	}
}

/* Where the guidance explains each class's conversion. */
static const char *const anchors[NR_CLASSES] = {
	[CLASS_UNKNOWN] = "mm/mmap.html#moving-to-mmap-prepare",
	[CLASS_DIRECT] = "mm/mmap.html#moving-to-mmap-prepare",
	[CLASS_PREPARE] = "mm/mmap.html#moving-to-mmap-prepare",
	[CLASS_REMAP] = "mm/mmap_prepare.html#mmap-actions",
	[CLASS_IOREMAP] = "mm/mmap_prepare.html#mmap-actions",
	[CLASS_MAP_PAGES] = "mm/mmap_prepare.html#mmap-actions",
	[CLASS_NEEDS_VMA] = "mm/mmap_prepare.html#callers-that-already-have-a-vma",
	[CLASS_PER_MAP] = "mm/mmap_prepare.html#mmap-actions",
	[CLASS_UNDER_LOCK] = "mm/mmap_prepare.html#mmap-actions",
};

void census_html(const struct census *c, struct strbuf *out)
{
	struct strbuf cv = STRBUF_INIT;
	size_t i;

	strbuf_addf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>mmap migration census: Linux %s"
		    "</title>\n<style>\nbody { font-family: sans-serif; margin: 2em; }\n"
		    "table { border-collapse: collapse; }\n"
		    "td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; }\n"
		    ".bar { background: #eee; width: 200px; }\n"
		    ".done { background: #4a4; height: 1em; }\n</style>\n</head>\n<body>\n",
		    c->tree.version);
	strbuf_addf(out, "<h1>mmap migration census: Linux %s</h1>\n<p>%u files, "
		    "%zu file_operations, %zu legacy implementations.%s "
		    "See <a href=\"../html/mm/mmap_prepare.html\">mmap_prepare</a>.</p>\n",
		    c->tree.version, c->files, c->nr_objs, c->nr_impls,
		    c->tree.has_prepare ? "" : " This tree has no mmap_prepare.");
	strbuf_adds(out, "<h2>Progress per subsystem</h2>\n<table>\n<tr><th>subsystem"
		    "</th><th>legacy</th><th>converted</th><th>both</th>"
		    "<th>get_unmapped_area</th><th>converted share</th></tr>\n");
	for (i = 0; i < c->nr_totals; i++) {
		const struct census_total *t = &c->totals[i];
		unsigned int all = t->legacy + t->converted + t->both;

		if (!all && !t->gua)
			continue;
		strbuf_adds(out, "<tr><td>");
		esc(out, t->name);
		strbuf_addf(out, "</td><td>%u</td><td>%u</td><td>%u</td><td>%u</td>"
			    "<td><div class=\"bar\"><div class=\"done\" style=\"width:"
			    "%u%%\"></div></div></td></tr>\n", t->legacy, t->converted,
			    t->both, t->gua, all ? 100 * t->converted / all : 0);
	}
	strbuf_adds(out, "</table>\n<h2>Legacy implementations</h2>\n<table>\n"
		    "<tr><th>function</th><th>file</th><th>users</th><th>class</th>"
		    "<th>recipe</th><th>convert</th></tr>\n");
	for (i = 0; i < c->nr_impls; i++) {
		const struct census_fn *f = &c->impls[i];

		strbuf_adds(out, "<tr><td><code>");
		esc(out, f->name);
		strbuf_adds(out, "</code></td><td>");
		if (f->file) {
			esc(out, f->file);
			strbuf_addf(out, ":%u", f->line);
		}
		strbuf_addf(out, "</td><td>%u</td><td><a href=\"../html/%s\">%s</a></td><td>",
			    f->users, anchors[f->class], census_class_names[f->class]);
		esc(out, f->recipe);
		strbuf_adds(out, "</td><td>");
		census_convert_status(f, &cv);
		esc(out, cv.buf);
		strbuf_adds(out, "</td></tr>\n");
	}
	strbuf_release(&cv);
	strbuf_addf(out, "</table>\n<h2>Files not read (%zu)</h2>\n<ul>\n", c->nr_errs);
	for (i = 0; i < c->nr_errs; i++) {
		strbuf_adds(out, "<li>");
		esc(out, c->errs[i].file);
		strbuf_addf(out, ":%u: ", c->errs[i].line);
		esc(out, c->errs[i].msg);
		strbuf_adds(out, "</li>\n");
	}
	strbuf_adds(out, "</ul>\n</body>\n</html>\n");
}
