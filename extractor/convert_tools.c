// SPDX-License-Identifier: GPL-2.0
/*
 * convert_tools.c - git, checkpatch.pl and get_maintainer.pl for opsdoc
 * convert. cmd_series.c has the same helpers as static functions; these
 * are local copies until they are shared.
 */
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "run.h"
#include "util.h"

int convert_git(const char *dir, const char *const *args, struct strbuf *out)
{
	struct strvec argv = STRVEC_INIT;
	struct run_opts o = { dir, out, 1 };
	int ret;

	strvec_init(&argv);
	strvec_push(&argv, "git");
	while (*args)
		strvec_push(&argv, *args++);
	ret = run_program((const char *const *)argv.v, &o);
	if (ret)
		error_at(dir, 0, "git %s failed (exit %d)", argv.v[1], ret);
	strvec_release(&argv);
	return ret ? -1 : 0;
}

int convert_checkpatch(const char *ksrc, const char *patch, struct strbuf *out)
{
	struct strbuf script = STRBUF_INIT;
	struct run_opts o = { ksrc, out, 1 };
	const char *argv[] = {
		"perl", NULL, "--strict", "--no-summary", "--terse", "--showfile",
		patch, NULL
	};
	int ret;

	strbuf_addf(&script, "%s/scripts/checkpatch.pl", ksrc);
	argv[1] = script.buf;
	ret = run_program(argv, &o);
	strbuf_release(&script);
	return ret || out->len ? -1 : 0;
}

int convert_maintainers(const char *ksrc, const char *patch, struct strvec *to,
			struct strvec *cc)
{
	struct strbuf out = STRBUF_INIT, script = STRBUF_INIT;
	struct run_opts o = { ksrc, &out, 1 };
	const char *argv[] = {
		"perl", NULL, "--no-git", "--no-git-fallback", "--rolestats",
		patch, NULL
	};
	char *line, *save = NULL;
	int ret;

	strbuf_addf(&script, "%s/scripts/get_maintainer.pl", ksrc);
	argv[1] = script.buf;
	ret = run_program(argv, &o);
	if (ret) {
		error_at(script.buf, 0, "failed on %s (exit %d)", patch, ret);
		goto out;
	}
	for (line = strtok_r(out.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *at = strchr(line, '@');
		char *role = at ? strstr(at, " (") : NULL;
		int is_maint = role && !strncmp(role + 2, "maintainer:", 11);

		if (!at)
			continue;
		if (role)
			*role = '\0';
		strvec_push_unique(is_maint ? to : cc, line);
	}
out:
	strbuf_release(&out);
	strbuf_release(&script);
	return ret ? -1 : 0;
}

void convert_section(const char *ksrc, const char *name, struct strvec *to,
		     struct strvec *cc)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const char *p, *e;

	strbuf_addf(&path, "%s/MAINTAINERS", ksrc);
	if (strbuf_read_file(&text, path.buf))
		goto out;
	for (p = text.buf; (p = strstr(p, name)); p++)
		if ((p == text.buf || p[-1] == '\n') && p[strlen(name)] == '\n')
			break;
	if (!p)
		goto out;
	for (p = strchr(p, '\n'); p && p[1] && p[1] != '\n'; p = e) {
		char *v;

		e = strchr(p + 1, '\n');
		if (!e)
			break;
		if (p[2] != ':' || (p[1] != 'M' && p[1] != 'R' && p[1] != 'L'))
			continue;
		v = xstrndup(p + 3, e - p - 3);
		/* "\tName <a@b>" or "\tlist@host (moderated ...)" */
		if (strstr(v, " ("))
			*strstr(v, " (") = '\0';
		strvec_push_unique(p[1] == 'M' ? to : cc, v + strspn(v, " \t"));
		free(v);
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
}
