/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_RST_SPLICE_H
#define OPSDOC_RST_SPLICE_H

#include "expand.h"
#include "strbuf.h"

/*
 * Regenerate the "struct file_operations" section of vfs.rst (text, read
 * from path) and append the whole new file to out. Outside the section
 * every byte is kept; inside it the version claim, the listing and the
 * member descriptions come from the model, with our guidance from
 * templates_dir/members/file_operations/<member>.md where there is one and
 * upstream's description otherwise. Returns 0, or -1 after an error that
 * names path and line (no section, two sections, CRLF line endings).
 */
int vfs_regenerate(const struct expand_env *env, const char *templates_dir,
		   const char *path, const char *text, size_t len,
		   struct strbuf *out);

#endif
