/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_REWRITE_H
#define OPSDOC_REWRITE_H

#include "expand.h"
#include "strbuf.h"

/* What one step of rewriting a kernel document changed. */
enum rewrite_kind {
	REWRITE_SECTION,	/* a "struct NAME" section of vfs.rst */
	REWRITE_PROTOTYPES,	/* a section of locking.rst: its prototypes block */
	REWRITE_LISTINGS,	/* a document's struct listings */
	REWRITE_ADDED,		/* sections of ours after the page's own */
};

/**
 * struct rewrite_step - one logical change to one document
 * @doc: the index of its document in struct rewrites
 * @kind: what it changed
 * @struct_name: for REWRITE_SECTION and REWRITE_PROTOTYPES, the section's
 *               struct; else NULL
 * @text: the whole document after this step (and the steps before it)
 * @subject: for REWRITE_ADDED, what the template's section says its
 *           patch does (REWRITE_LOG_MARKER), or NULL
 * @why: for REWRITE_ADDED, the problem it solves for a driver author
 *       (REWRITE_WHY_MARKER lines, joined), or NULL
 */
struct rewrite_step {
	size_t doc;
	enum rewrite_kind kind;
	char *struct_name;
	struct strbuf text;
	char *subject;
	char *why;
};

/*
 * Lines of a template's RST that become its step's log, not the page's
 * text: "log" the subject after "docs: DOC: ", "why" the log's first
 * paragraph. A template folded into a page with more than one "opsdoc
 * fold" marker is one step per marker, and each such step must have both.
 */
#define REWRITE_LOG_MARKER ".. opsdoc-log: "
#define REWRITE_WHY_MARKER ".. opsdoc-why: "

/**
 * struct rewrite_doc - a kernel document generate rewrites
 * @rel: its path, relative to the tree
 * @path: its path in the tree, for errors
 * @orig: the tree's text
 * @text: the text after every step (a copy of @orig when none changed it)
 */
struct rewrite_doc {
	char *rel;
	char *path;
	struct strbuf orig;
	struct strbuf text;
};

/**
 * struct rewrites - every rewritten document, and the steps that made it
 * @docs: the documents of rewritten_docs that the tree has, in that order
 * @nr_docs: how many
 * @steps: the steps that changed something, in the order of a series: the
 *         file_operations section of vfs.rst, its other sections in the
 *         document's order, locking.rst's sections in its order, then
 *         mmap_prepare.rst's listing and the sections templates/ adds to
 *         it, one step per "opsdoc fold" marker in the template's order
 * @nr_steps: how many
 */
struct rewrites {
	struct rewrite_doc *docs;
	size_t nr_docs;
	struct rewrite_step *steps;
	size_t nr_steps;
};

/**
 * rewrite_docs() - rewrite the tree's documents from the model
 * @env: the model and the example drivers
 * @ksrc: the kernel tree, read only
 * @templates: the templates directory
 * @r: receives the documents and the steps; release with rewrites_release()
 *
 * vfs.rst must exist; locking.rst and mmap_prepare.rst are rewritten when
 * the tree has them. templates/DIR/NAME.md, when there is one, is rendered
 * after the last line of Documentation/DIR/NAME.rst (its headings one
 * level down). Applying the steps one after the other is the only way the
 * texts are made, so a series and generate's files always agree.
 *
 * Return: 0, or -1 after an error naming the document or template.
 */
int rewrite_docs(const struct expand_env *env, const char *ksrc,
		 const char *templates, struct rewrites *r);

/**
 * rewrites_release() - free what rewrite_docs() filled
 * @r: the rewrites
 */
void rewrites_release(struct rewrites *r);

#endif
