/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_SPLICE_H
#define OPSDOC_RST_SPLICE_H

#include "expand.h"
#include "model.h"
#include "strbuf.h"
#include "strvec.h"

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
 * locking_regenerate_only() - locking_regenerate() of one section
 * @api: as for locking_regenerate()
 * @ksrc: as for locking_regenerate()
 * @path: as for locking_regenerate()
 * @text: as for locking_regenerate()
 * @len: as for locking_regenerate()
 * @only: the struct whose section is regenerated; NULL for all of them
 * @out: as for locking_regenerate()
 *
 * Every other section stays byte for byte, so regenerating the sections
 * one after the other gives what locking_regenerate() gives at once.
 *
 * Return: as for locking_regenerate().
 */
int locking_regenerate_only(const struct api *api, const char *ksrc,
			    const char *path, const char *text, size_t len,
			    const char *only, struct strbuf *out);

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
