// SPDX-License-Identifier: GPL-2.0
/*
 * scratch.c - one scratch directory helper, for check --since and series.
 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scratch.h"
#include "strbuf.h"
#include "util.h"

char *scratch_dir(const char *what)
{
	const char *tmp = getenv("TMPDIR");
	struct strbuf dir = STRBUF_INIT;

	strbuf_addf(&dir, "%s/opsdoc-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", what);
	if (!mkdtemp(dir.buf)) {
		error_at(dir.buf, 0, "cannot create a scratch directory: %s; "
			 "set TMPDIR to a writable directory", strerror(errno));
		strbuf_release(&dir);
		return NULL;
	}
	return strbuf_detach(&dir);
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	if (remove(path))
		warning_at(path, 0, "cannot remove: %s", strerror(errno));
	return 0;
}

void remove_tree(const char *dir)
{
	if (dir)
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
