// SPDX-License-Identifier: GPL-2.0
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

int opsdoc_quiet;
FILE *opsdoc_diag;

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("opsdoc: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_USAGE);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void report(const char *kind, const char *file, unsigned int line,
		   const char *fmt, va_list ap)
{
	FILE *out = opsdoc_diag ? opsdoc_diag : stderr;

	if (file && line)
		fprintf(out, "%s:%u: %s: ", file, line, kind);
	else if (file)
		fprintf(out, "%s: %s: ", file, kind);
	else
		fprintf(out, "opsdoc: %s: ", kind);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
}

void error_at(const char *file, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("error", file, line, fmt, ap);
	va_end(ap);
}

void warning_at(const char *file, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("warning", file, line, fmt, ap);
	va_end(ap);
}

void note_at(const char *file, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	if (opsdoc_quiet)
		return;
	va_start(ap, fmt);
	report("note", file, line, fmt, ap);
	va_end(ap);
}

size_t utf8_width(const char *s, size_t len)
{
	static locale_t utf8;
	locale_t old = (locale_t)0;
	mbstate_t st;
	size_t i = 0, width = 0;

	/* UTF-8 whatever the process's LC_CTYPE: this thread, for now. */
	if (!utf8)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (utf8)
		old = uselocale(utf8);
	memset(&st, 0, sizeof(st));
	while (i < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			i++;
			width++;
			continue;
		}
		cw = wcwidth(wc);
		width += cw < 0 ? 1 : (size_t)cw;
		i += n;
	}
	if (utf8)
		uselocale(old);
	return width;
}
