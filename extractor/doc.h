/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_DOC_H
#define OPSDOC_DOC_H

#include "expand.h"
#include "model.h"
#include "rst_read.h"
#include "strbuf.h"
#include "strvec.h"

struct rewrites;

/*
 * The documents generate rewrites, one file each: doc_vfs.c (vfs.rst),
 * doc_locking.c (locking.rst) and doc_listings.c (a document's struct
 * listings, mmap_prepare.rst's). rewrite.c drives them from its table.
 */

/**
 * rewrite_add_step() - keep a step of a document's rewriting
 * @r: the rewrites
 * @d: the document's index
 * @kind: what the step changed
 * @struct_name: its struct, or NULL
 * @next: the whole document after the step; released
 *
 * A step that changed nothing is dropped; else it is kept and its text
 * becomes the document's current one.
 */
void rewrite_add_step(struct rewrites *r, size_t d, int kind,
		      const char *struct_name, struct strbuf *next);

/**
 * member_list_reason() - a member's line in templates/members/corrections
 * or additions
 * @templates_dir: the templates
 * @file: "members/corrections" or "members/additions"
 * @key: "STRUCT.MEMBER"
 * @why: when not NULL and listed, receives the reason after the ':'
 * @same: when not NULL, set to 1 for a "KEY (same paragraph): why" line
 *
 * Its lines read "STRUCT.MEMBER: why" or "STRUCT.MEMBER (same
 * paragraph): why"; doc_vfs.c decides by them what to do with an entry,
 * and series_msg.c gives the reason in the log.
 *
 * Return: 1 when @key is listed, else 0.
 */
int member_list_reason(const char *templates_dir, const char *file,
		       const char *key, struct strbuf *why, int *same);

/**
 * doc_vfs_rewrite() - vfs.rst's steps: file_operations, then each other
 *                     struct section in the document's order
 * @env: the model and the example drivers
 * @ksrc: the kernel tree
 * @templates: the templates directory
 * @r: the rewrites, whose document @d is vfs.rst
 * @d: its index
 *
 * Return: 0, or -1 after an error naming the document or a template.
 */
int doc_vfs_rewrite(const struct expand_env *env, const char *ksrc,
		    const char *templates, struct rewrites *r, size_t d);

/**
 * doc_locking_rewrite() - locking.rst's steps, one per struct section
 * @env: as for doc_vfs_rewrite()
 * @ksrc: as for doc_vfs_rewrite()
 * @templates: as for doc_vfs_rewrite()
 * @r: as for doc_vfs_rewrite()
 * @d: locking.rst's index
 *
 * Return: as for doc_vfs_rewrite().
 */
int doc_locking_rewrite(const struct expand_env *env, const char *ksrc,
			const char *templates, struct rewrites *r, size_t d);

/**
 * doc_listings_rewrite() - one step for a document's struct listings
 * @env: as for doc_vfs_rewrite()
 * @ksrc: as for doc_vfs_rewrite()
 * @templates: as for doc_vfs_rewrite()
 * @r: as for doc_vfs_rewrite()
 * @d: the document's index
 *
 * Return: as for doc_vfs_rewrite().
 */
int doc_listings_rewrite(const struct expand_env *env, const char *ksrc,
			 const char *templates, struct rewrites *r, size_t d);

/**
 * doc_keep_order() - the order of members in a rewritten text
 * @rank: for each member in the header's order, its place in the old
 *        text, or -1 when the old text lacks it
 * @n: how many members
 * @order: receives the members' indexes in the new text's order: the
 *         old ones keep their order, a new one follows the member before
 *         it in the header (or goes first)
 */
void doc_keep_order(const long *rank, size_t n, size_t *order);

/**
 * proto_flatten() - a prototype on one line
 * @s: its text
 * @n: its length
 * @flat: receives it: single spaces, no comments, no space after "(" or
 *        before ")"
 */
void proto_flatten(const char *s, size_t n, struct strbuf *flat);

/**
 * proto_same_but_spaces() - are two texts the same but for spaces?
 * @a: one
 * @b: the other
 *
 * Return: nonzero when they are.
 */
int proto_same_but_spaces(const char *a, const char *b);

/**
 * proto_add_as_laid_out() - the header's prototype in a document's layout
 * @out: receives it
 * @src: the header's prototype
 * @ls: the document's lines
 * @first: the first line of the document's prototype
 * @end: the line after its last
 *
 * Return: 0, or -1 (nothing appended) when the layout does not fit.
 */
int proto_add_as_laid_out(struct strbuf *out, const char *src,
			  const struct rst_lines *ls, size_t first, size_t end);

/**
 * proto_member_source() - the header's own lines of one member
 * @st: the struct
 * @m: its member
 * @out: receives the lines, the first at one tab, continuation lines as
 *       the header has them
 */
void proto_member_source(const struct ops_struct *st, const struct member *m,
			 struct strbuf *out);

/**
 * listing_merge() - a document's struct listing brought up to the header
 * @st: the struct
 * @text: the document
 * @ls: its lines
 * @first: the first line of the listing's body (blank lines may lead)
 * @end: the line after its last
 * @out: receives the body: the document's own lines for every member it
 *       had, changed only where the header's declaration differs (and then
 *       in the document's parameter names and layout, within 80 columns),
 *       its comments and blank lines kept, a member it lacks added after
 *       the member before it in the header, one it has that the header has
 *       not dropped
 *
 * Return: 0, or -1 (nothing appended) when the block is no "struct NAME {"
 * ... "};" listing of members one tab deeper than its braces.
 */
int listing_merge(const struct ops_struct *st, const char *text,
		  const struct rst_lines *ls, size_t first, size_t end,
		  struct strbuf *out);

/**
 * proto_add_kept() - a member's declaration, kept as the document had it
 * @out: receives it
 * @src: the header's lines of the member, the first at one tab
 * @text: the document
 * @ls: its lines
 * @first: the first line of the document's declaration
 * @end: the line after its last
 * @depth: the tabs of a line that must be wrapped again
 *
 * The document's lines when only spaces or parameter names differ; else
 * the header's declaration with the document's parameter names, laid out
 * as the document had it, or wrapped within 80 columns.
 */
void proto_add_kept(struct strbuf *out, const char *src, const char *text,
		    const struct rst_lines *ls, size_t first, size_t end,
		    size_t depth);

/**
 * proto_order() - the order of a block's members, the document's kept
 * @mv: the members, in the header's order
 * @n: how many
 * @names: the names the document's block declared, in its order
 * @nr_old: how many
 * @rank: receives each member's place in @names, or -1
 * @order: receives the indexes of @mv in the new block's order
 */
void proto_order(const struct member *const *mv, size_t n,
		 const char *const *names, size_t nr_old, long *rank,
		 size_t *order);

/**
 * proto_keep_names() - the header's prototype in the document's words
 * @old: the document's prototype, flat (proto_flatten())
 * @hdr: the header's, flat
 * @out: receives the header's prototype with each parameter whose type is
 *       the same as the document's written as the document has it (its
 *       name, or none): dropping a name to mirror the header loses what
 *       it told the reader
 */
void proto_keep_names(const char *old, const char *hdr, struct strbuf *out);

/**
 * proto_add_wrapped() - append a prototype, one tab in, within 80 columns
 * @out: receives it
 * @src: the header's lines, the first at one tab
 */
void proto_add_wrapped(struct strbuf *out, const char *src);

/**
 * proto_add_listing() - append a struct's source as a listing one tab in
 * @out: receives it
 * @src: the struct's source
 *
 * A callback whose line would pass 80 columns is wrapped again.
 */
void proto_add_listing(struct strbuf *out, const char *src);

/**
 * vfs_regenerate() - regenerate the struct sections of vfs.rst
 * @env: the model and the example drivers that templates draw on
 * @templates_dir: the directory of opsdoc's templates
 * @path: the document the text was read from, for messages
 * @text: its text
 * @len: the length of @text
 * @out: receives the whole new file, appended
 *
 * Regenerate every section titled "struct NAME" whose struct the model
 * has, and append the whole new file to @out. Outside those sections
 * every byte is kept; inside each, an "As of kernel X.Y" stamp is
 * removed, and the listing (added before the first description when the
 * section has none) and the member descriptions come from the model, with
 * our guidance from @templates_dir/members/NAME/<member>.md where there
 * is one and upstream's description otherwise. Upstream's entries keep
 * their order; a new one follows the member before it in the header. A member with neither is left out
 * with a warning; upstream's descriptions of members the header no longer
 * has are dropped with a note. After an error @out may hold part of the
 * file.
 *
 * Return: 0, or -1 after an error that names @path and line (no
 * file_operations section, two sections for one struct, CRLF line
 * endings, no member descriptions in a section, a model without struct
 * file_operations) or a member template.
 */
int vfs_regenerate(const struct expand_env *env, const char *templates_dir,
		   const char *path, const char *text, size_t len,
		   struct strbuf *out);

/**
 * vfs_regenerate_only() - vfs_regenerate() of one section
 * @env: as for vfs_regenerate()
 * @templates_dir: as for vfs_regenerate()
 * @path: as for vfs_regenerate()
 * @text: as for vfs_regenerate()
 * @len: as for vfs_regenerate()
 * @only: the struct whose section is regenerated; NULL for all of them
 * @out: as for vfs_regenerate()
 *
 * Every other section stays byte for byte, so regenerating the sections
 * one after the other gives what vfs_regenerate() gives at once.
 *
 * Return: as for vfs_regenerate().
 */
int vfs_regenerate_only(const struct expand_env *env, const char *templates_dir,
			const char *path, const char *text, size_t len,
			const char *only, struct strbuf *out);

/**
 * vfs_sections() - the structs that have a section in vfs.rst
 * @api: the model
 * @path: the file, for errors
 * @text: its text
 * @len: the length of @text
 * @names: receives each struct's name, in the order of the document
 *
 * Return: 0, or -1 after an error (a struct with two sections).
 */
int vfs_sections(const struct api *api, const char *path, const char *text,
		 size_t len, struct strvec *names);

/**
 * locking_regenerate() - regenerate the prototypes of locking.rst
 * @api: the model
 * @ksrc: the tree the model is of, or NULL
 * @path: the document the text was read from, for messages
 * @text: its text
 * @len: the length of @text
 * @out: receives the whole new file, appended
 *
 * In each section whose title starts with the name of a struct the model
 * has ("super_operations", "xattr_handler operations"), the body of the
 * first "prototypes::" block becomes the struct's callbacks: one the block
 * listed keeps its place, and its lines when the header spells it the same
 * but for spaces, else the header's spelling with the block's line breaks;
 * a new one follows the callback before it in the header, as the header
 * wraps it (rewrapped when a line would pass 80 columns). A row of the section's locking tables whose first
 * word names a callback the old block listed and the header no longer has
 * is dropped, with a note, unless the struct's header (read from @ksrc)
 * still declares a callback of that name elsewhere: a method that moved
 * to another struct keeps its locking rules. Every other byte is kept.
 *
 * Return: 0, or -1 after an error naming @path (CRLF line endings, no
 * section to regenerate).
 */
int locking_regenerate(const struct api *api, const char *ksrc,
		       const char *path, const char *text,
		       size_t len, struct strbuf *out);

/**
 * struct locking_added - a section of locking.rst that we add
 * @name: its struct
 * @after: the struct whose section it follows, whose methods it took
 */
struct locking_added {
	const char *name;
	const char *after;
};

/* The sections we add to locking.rst; the last has a NULL name. */
extern const struct locking_added locking_added[];

/**
 * locking_regenerate_only() - locking_regenerate() of one section
 * @api: as for locking_regenerate()
 * @ksrc: as for locking_regenerate()
 * @templates: the templates directory, or NULL for no rows of ours
 * @path: as for locking_regenerate()
 * @text: as for locking_regenerate()
 * @len: as for locking_regenerate()
 * @only: the struct whose section is regenerated; NULL for all of them
 * @out: as for locking_regenerate()
 *
 * Every other section stays byte for byte, so regenerating the sections
 * one after the other gives what locking_regenerate() gives at once.
 * With @templates, a section whose first table has no row for a method
 * takes the row of @templates/locking/STRUCT.rows (cells split at "|",
 * each set at its column), after the row of the method before it in the
 * header; a method new to the block with neither row is left out of the
 * prototypes, with a note: a prototype with no locking rule is noise.
 *
 * Return: as for locking_regenerate().
 */
int locking_regenerate_only(const struct api *api, const char *ksrc,
			    const char *templates, const char *path,
			    const char *text, size_t len, const char *only,
			    struct strbuf *out);

/**
 * locking_sections() - the structs that have a prototypes section in
 *                      locking.rst
 * @api: the model
 * @text: the document's text
 * @len: the length of @text
 * @names: receives each struct's name, in the order of the document
 *
 * Return: 0.
 */
int locking_sections(const struct api *api, const char *text, size_t len,
		     struct strvec *names);

/**
 * listings_regenerate() - regenerate the struct listings of a document
 * @api: the model
 * @path: the document the text was read from, for messages
 * @text: its text
 * @len: the length of @text
 * @out: receives the whole new file, appended
 *
 * Every literal block whose code opens with "struct NAME {" for a struct
 * the model has becomes the header's text of that struct, indented as the
 * block was (each leading tab of the header becomes one step of the
 * block's indentation). Every other byte is kept.
 *
 * Return: 0.
 */
int listings_regenerate(const struct api *api, const char *path, const char *text,
			size_t len, struct strbuf *out);

#endif
