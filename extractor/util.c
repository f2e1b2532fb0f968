// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
