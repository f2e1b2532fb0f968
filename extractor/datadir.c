// SPDX-License-Identifier: GPL-2.0
/*
 * datadir.c - find opsdoc's templates, scripts and examples at run time.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "strbuf.h"
#include "util.h"

/* A data directory has the templates and the tree script. */
static int is_datadir(const char *dir)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	int ok;

	strbuf_addf(&p, "%s/templates", dir);
	ok = !stat(p.buf, &st) && S_ISDIR(st.st_mode);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/scripts/ktree.sh", dir);
	ok = ok && !access(p.buf, X_OK);
	strbuf_release(&p);
	return ok;
}

/* The directory of the running binary, or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

/*
 * Installed: BINDIR/../share/opsdoc. Built in the checkout: the binary is
 * in build/, build/san/ or build/tests/ (at most two levels below it).
 */
static char *find_datadir(void)
{
	static const char *const candidates[] = {
		"%s/../share/opsdoc", "%s/..", "%s/../..", "%s/../../..", NULL
	};
	const char *env = getenv("OPSDOC_DATADIR");
	struct strbuf p = STRBUF_INIT;
	char *dir, *real;
	int i;

	if (env && *env) {
		if (!is_datadir(env))
			die("OPSDOC_DATADIR=%s has no templates/ and scripts/ktree.sh: "
			    "point it at opsdoc's share directory (PREFIX/share/opsdoc) "
			    "or its checkout", env);
		return xstrdup(env);
	}
	dir = exe_dir();
	for (i = 0; dir && candidates[i]; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, candidates[i], dir);
		if (is_datadir(p.buf))
			break;
	}
	if (!dir || !candidates[i])
		die("cannot find opsdoc's data (templates/, scripts/) next to %s: "
		    "set OPSDOC_DATADIR to PREFIX/share/opsdoc",
		    dir ? dir : "the binary");
	free(dir);
	real = realpath(p.buf, NULL);
	if (!real)
		real = strbuf_detach(&p);
	strbuf_release(&p);
	return real;
}

const char *data_subdir(const char *name)
{
	static char *datadir;
	static struct {
		const char *name;
		char *path;
	} cache[8];
	struct strbuf p = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cache) / sizeof(cache[0]) && cache[i].name; i++)
		if (!strcmp(cache[i].name, name))
			return cache[i].path;
	if (i == sizeof(cache) / sizeof(cache[0]))
		die("data_subdir: too many names (%s)", name);
	if (!datadir)
		datadir = find_datadir();
	strbuf_addf(&p, "%s/%s", datadir, name);
	cache[i].name = name;
	cache[i].path = strbuf_detach(&p);
	return cache[i].path;
}
