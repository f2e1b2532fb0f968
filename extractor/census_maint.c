// SPDX-License-Identifier: GPL-2.0
/*
 * census_maint.c - the MAINTAINERS sections of a file, as
 * scripts/get_maintainer.pl finds them: an F: pattern is anchored at the
 * start of the path, '*' and '?' are wildcards, a pattern naming a
 * directory (or ending in '/') matches everything under it, any other
 * pattern only files at its own depth; an X: pattern excludes; an N:
 * pattern is a regular expression matched anywhere in the path. "THE REST"
 * is given only when no other section matches.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "census_int.h"
#include "util.h"

struct mpat {
	char type;		/* 'F', 'X' or 'N' */
	char *pat;
	int dir;		/* ends in '/' */
	int slashes;
	regex_t re;
};

struct msection {
	char *name;
	struct mpat *pats;
	size_t n;
};

struct maintainers {
	struct msection *v;
	size_t n;
};

/* Does some prefix of @f match all of the glob @p? */
static int glob_prefix(const char *p, const char *f)
{
	for (; *p; p++, f++) {
		if (*p == '*') {
			do {
				if (glob_prefix(p + 1, f))
					return 1;
			} while (*f++);
			return 0;
		}
		if (!*f || (*p != '?' && *p != *f))
			return 0;
	}
	return 1;
}

static int count_slashes(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '/';
	return n;
}

static int pat_match(const struct mpat *m, const char *file)
{
	if (m->type == 'N')
		return !regexec(&m->re, file, 0, NULL, 0);
	if (!glob_prefix(m->pat, file))
		return 0;
	return m->dir || count_slashes(file) == m->slashes;
}

static void add_pat(const char *ksrc, struct msection *s, char type, const char *v)
{
	struct strbuf p = STRBUF_INIT, full = STRBUF_INIT;
	struct mpat *m;
	struct stat st;

	strbuf_adds(&p, v);
	strbuf_rtrim(&p);
	if (!p.len)
		goto out;
	s->pats = xrealloc(s->pats, (s->n + 1) * sizeof(*s->pats));
	m = &s->pats[s->n];
	m->type = type;
	if (type == 'N') {
		if (regcomp(&m->re, p.buf, REG_EXTENDED | REG_NOSUB))
			goto out;
	} else {
		strbuf_addf(&full, "%s/%s", ksrc, p.buf);
		if (p.buf[p.len - 1] != '/' && !stat(full.buf, &st) && S_ISDIR(st.st_mode))
			strbuf_addch(&p, '/');
		m->dir = p.buf[p.len - 1] == '/';
		m->slashes = count_slashes(p.buf);
	}
	m->pat = strbuf_detach(&p);
	s->n++;
out:
	strbuf_release(&p);
	strbuf_release(&full);
}

struct maintainers *maintainers_read(const char *ksrc)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct maintainers *m = NULL;
	struct msection *cur = NULL;
	char *line, *next;

	strbuf_addf(&path, "%s/MAINTAINERS", ksrc);
	if (strbuf_read_file(&text, path.buf))
		goto out;
	m = xcalloc(1, sizeof(*m));
	for (line = text.buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (line[0] >= 'A' && line[0] <= 'Z' && line[1] == ':') {
			const char *v = line + 2;

			while (*v == ' ' || *v == '\t')
				v++;
			if (cur && strchr("FXN", line[0]))
				add_pat(ksrc, cur, line[0], v);
			continue;
		}
		if (!*line) {
			cur = NULL;
			continue;
		}
		if (!cur) {
			m->v = xrealloc(m->v, (m->n + 1) * sizeof(*m->v));
			cur = &m->v[m->n++];
			memset(cur, 0, sizeof(*cur));
			cur->name = xstrdup(line);
		}
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
	return m;
}

/* Does a section cover a file: a pattern matches it, no X: excludes it? */
static int covers(const struct msection *s, const char *file)
{
	int hit = 0, excluded = 0;
	size_t k;

	for (k = 0; k < s->n && !excluded; k++) {
		if (s->pats[k].type == 'X')
			excluded = pat_match(&s->pats[k], file);
		else if (!hit)
			hit = pat_match(&s->pats[k], file);
	}
	return hit && !excluded;
}

char *maintainers_of(const struct maintainers *m, const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	int rest = 0;
	size_t i;

	for (i = 0; m && i < m->n; i++) {
		const struct msection *s = &m->v[i];

		if (!covers(s, file))
			continue;
		if (!strcmp(s->name, "THE REST")) {
			rest = 1;
			continue;
		}
		strbuf_addf(&sb, "%s%s", sb.len ? "; " : "", s->name);
	}
	if (!sb.len)
		strbuf_adds(&sb, rest ? "THE REST" : "unknown");
	return strbuf_detach(&sb);
}

void maintainers_files_of(const struct maintainers *m, const char *file,
			  struct strvec *out)
{
	size_t i, k;

	for (i = 0; m && i < m->n; i++) {
		const struct msection *s = &m->v[i];

		if (!covers(s, file) || !strcmp(s->name, "THE REST"))
			continue;
		for (k = 0; k < s->n; k++)
			if (s->pats[k].type == 'F')
				strvec_push_unique(out, s->pats[k].pat);
	}
}

void maintainers_free(struct maintainers *m)
{
	size_t i, k;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		for (k = 0; k < m->v[i].n; k++) {
			if (m->v[i].pats[k].type == 'N')
				regfree(&m->v[i].pats[k].re);
			free(m->v[i].pats[k].pat);
		}
		free(m->v[i].pats);
		free(m->v[i].name);
	}
	free(m->v);
	free(m);
}
