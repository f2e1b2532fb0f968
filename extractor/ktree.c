// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "ktree.h"
#include "run.h"
#include "strbuf.h"
#include "util.h"


static int is_file(const char *dir, const char *rel)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	int ok;

	strbuf_addf(&p, "%s/%s", dir, rel);
	ok = !stat(p.buf, &st) && S_ISREG(st.st_mode);
	strbuf_release(&p);
	return ok;
}

int ktree_check(const char *dir)
{
	static const char *const needed[] = { "Makefile", "include/linux/fs.h", NULL };
	struct stat st;
	int i;

	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		error_at(dir, 0, "no such directory; pass -k with the top of a "
			 "Linux source tree");
		return -1;
	}
	for (i = 0; needed[i]; i++) {
		if (!is_file(dir, needed[i])) {
			error_at(dir, 0, "not a kernel tree: %s is missing; pass -k "
				 "with the top of a Linux source tree", needed[i]);
			return -1;
		}
	}
	return 0;
}

/* The value of "NAME = value" in a Makefile's text, or NULL. */
static char *make_var(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, name, n)) {
			const char *q = p + n, *e;

			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '=') {
				q++;
				while (*q == ' ' || *q == '\t')
					q++;
				e = strchr(q, '\n');
				if (!e)
					e = q + strlen(q);
				while (e > q && (e[-1] == ' ' || e[-1] == '\t'))
					e--;
				return xstrndup(q, e - q);
			}
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

char *ktree_version(const char *dir)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, v = STRBUF_INIT;
	char *ver = NULL, *patch = NULL, *sub = NULL, *extra = NULL;

	strbuf_addf(&path, "%s/Makefile", dir);
	if (strbuf_read_file(&text, path.buf)) {
		error_at(path.buf, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	ver = make_var(text.buf, "VERSION");
	patch = make_var(text.buf, "PATCHLEVEL");
	sub = make_var(text.buf, "SUBLEVEL");
	extra = make_var(text.buf, "EXTRAVERSION");
	if (!ver || !patch || !*ver || !*patch) {
		error_at(path.buf, 1, "no VERSION and PATCHLEVEL; is this the "
			 "top-level kernel Makefile?");
		goto out;
	}
	strbuf_addf(&v, "%s.%s", ver, patch);
	if (sub && *sub)
		strbuf_addf(&v, ".%s", sub);
	if (extra)
		strbuf_adds(&v, extra);
out:
	free(ver);
	free(patch);
	free(sub);
	free(extra);
	strbuf_release(&path);
	strbuf_release(&text);
	if (!v.len) {
		strbuf_release(&v);
		return NULL;
	}
	return strbuf_detach(&v);
}

int ktree_load_flags(const char *path, struct strvec *args)
{
	struct strbuf text = STRBUF_INIT;
	char *p, *nl;

	if (strbuf_read_file(&text, path)) {
		error_at(path, 0, "cannot read the flags file: %s", strerror(errno));
		strbuf_release(&text);
		return -1;
	}
	for (p = text.buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl > p && *p != '#')
			strvec_push_owned(args, xstrndup(p, nl - p));
		if (!*nl)
			break;
	}
	strbuf_release(&text);
	return 0;
}

static char *abs_dir(const char *dir)
{
	char buf[PATH_MAX];

	if (!realpath(dir, buf)) {
		error_at(dir, 0, "%s", strerror(errno));
		return NULL;
	}
	return xstrdup(buf);
}

/* Run "ktree.sh resolve" and read back "KSRC KBUILD FLAGS". */
static int run_ktree_script(struct ktree *kt, const char *ksrc,
			    const char *kbuild)
{
	struct strbuf script = STRBUF_INIT, out = STRBUF_INIT;
	const char *argv[] = { NULL, "resolve", NULL };
	struct run_opts opts = { .out = &out };
	char a[PATH_MAX], b[PATH_MAX], c[PATH_MAX];
	int status;

	if (ksrc)
		setenv("KSRC", ksrc, 1);
	else
		unsetenv("KSRC");
	if (kbuild)
		setenv("KBUILD", kbuild, 1);
	else
		unsetenv("KBUILD");
	strbuf_addf(&script, "%s/ktree.sh", data_subdir("scripts"));
	argv[0] = script.buf;
	status = run_program(argv, &opts);
	strbuf_release(&script);
	if (status || sscanf(out.buf, "%4095s %4095s %4095s", a, b, c) != 3) {
		error_at(NULL, 0, "could not prepare the kernel tree (see the "
			 "ktree messages above); set KSRC and KBUILD, or pass -f");
		strbuf_release(&out);
		return -1;
	}
	strbuf_release(&out);
	kt->ksrc = xstrdup(a);
	kt->kbuild = xstrdup(b);
	kt->flags = xstrdup(c);
	return 0;
}

int ktree_resolve(struct ktree *kt, const char *ksrc, const char *kbuild,
		  const char *flags)
{
	memset(kt, 0, sizeof(*kt));
	if (ksrc && ktree_check(ksrc))
		return -1;
	if (flags) {
		if (!ksrc) {
			error_at(NULL, 0, "-f needs -k: name the kernel tree the "
				 "flags belong to");
			return -1;
		}
		kt->ksrc = abs_dir(ksrc);
		kt->kbuild = kbuild ? abs_dir(kbuild) : NULL;
		kt->flags = xstrdup(flags);
		if (!kt->ksrc || (kbuild && !kt->kbuild))
			goto fail;
	} else if (run_ktree_script(kt, ksrc, kbuild)) {
		goto fail;
	}
	kt->version = ktree_version(kt->ksrc);
	if (!kt->version)
		goto fail;
	return 0;
fail:
	ktree_release(kt);
	return -1;
}

void ktree_release(struct ktree *kt)
{
	free(kt->ksrc);
	free(kt->kbuild);
	free(kt->flags);
	free(kt->version);
	memset(kt, 0, sizeof(*kt));
}
