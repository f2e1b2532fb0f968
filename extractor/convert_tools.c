// SPDX-License-Identifier: GPL-2.0
/*
 * convert_tools.c - checkpatch.pl's words on a patch, and a MAINTAINERS
 * section's addresses, for opsdoc convert. git, get_maintainer.pl and
 * checkpatch.pl are run as series runs them (git.c, kscripts.c).
 */
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "kscripts.h"
#include "util.h"

/* The type of a --terse --show-types line: "CHECK:UNNECESSARY_PARENS". */
static size_t type_of(const char *line, const char *end, const char **type)
{
	const char *k;
	static const char *const levels[] = { ": ERROR:", ": WARNING:", ": CHECK:" };
	size_t i;

	for (i = 0; i < 3; i++) {
		k = memmem(line, end - line, levels[i], strlen(levels[i]));
		if (k) {
			*type = k + 2;
			k = memchr(k + strlen(levels[i]), ':', end - k - strlen(levels[i]));
			return k ? (size_t)(k - *type) : 0;
		}
	}
	return 0;
}

static unsigned int count_type(const char *text, const char *type, size_t n)
{
	const char *p, *e, *t;
	unsigned int c = 0;

	for (p = text; *p; p = e + (*e == '\n')) {
		e = strchrnul(p, '\n');
		if (type_of(p, e, &t) == n && !strncmp(t, type, n))
			c++;
	}
	return c;
}

int convert_checkpatch(const char *ksrc, const char *patch, const char *before,
		       const char *after, struct strbuf *out, struct strbuf *had)
{
	struct strbuf all = STRBUF_INIT, old = STRBUF_INIT, now = STRBUF_INIT;
	const char *p, *e, *t;
	size_t n;
	int ret = -1;

	if (checkpatch_run(ksrc, patch, 0, 1, &all) && !all.len)
		goto out;
	if (!all.len) {
		ret = 0;
		goto out;
	}
	checkpatch_run(ksrc, before, 1, 1, &old);
	checkpatch_run(ksrc, after, 1, 1, &now);
	for (p = all.buf; *p; p = e + (*e == '\n')) {
		e = strchrnul(p, '\n');
		n = type_of(p, e, &t);
		if (n && count_type(now.buf, t, n) <= count_type(old.buf, t, n))
			strbuf_add(had, p, e - p + (*e == '\n'));
		else
			strbuf_add(out, p, e - p + (*e == '\n'));
	}
	ret = out->len ? -1 : 0;
out:
	strbuf_release(&all);
	strbuf_release(&old);
	strbuf_release(&now);
	return ret;
}

/*
 * "Liam R. Howlett <liam@infradead.org>" as "\"Liam R. Howlett\" <...>":
 * a display name (RFC 5322 3.4, a phrase of atoms) with a character that
 * is neither atext nor a blank, such as '.', must be a quoted string, as
 * get_maintainer.pl writes it. An address without a name, or a name
 * already quoted, is kept.
 */
static void push_address(struct strvec *v, const char *addr)
{
	static const char atext[] = "!#$%&'*+-/=?^_`{|}~ \t";
	const char *lt = strstr(addr, " <"), *p;
	struct strbuf sb = STRBUF_INIT;

	for (p = addr; lt && addr[0] != '"' && p < lt; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80 ||
		      strchr(atext, *p)))
			break;
	if (!lt || addr[0] == '"' || p == lt) {
		strvec_push_unique(v, addr);
		return;
	}
	strbuf_addch(&sb, '"');
	for (p = addr; p < lt; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addch(&sb, '\\');
		strbuf_addch(&sb, *p);
	}
	strbuf_addf(&sb, "\"%s", lt);
	strvec_push_unique(v, sb.buf);
	strbuf_release(&sb);
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
		push_address(p[1] == 'M' ? to : cc, v + strspn(v, " \t"));
		free(v);
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
}
