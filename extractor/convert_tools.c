// SPDX-License-Identifier: GPL-2.0
/*
 * convert_tools.c - checkpatch.pl's words on a patch, and a MAINTAINERS
 * section's addresses, for opsdoc convert. git and get_maintainer.pl are
 * run as series runs them (git.c, kscripts.c).
 */
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "run.h"
#include "util.h"

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
