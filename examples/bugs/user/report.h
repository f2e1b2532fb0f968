/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report.h - the lines that scripts/bugs.sh collects from a trigger:
 * "report N: reproduced: ..." or "report N: not reproduced: ...", and
 * "report N:   ..." for what goes with them.
 */
#ifndef OPSDOC_BUG_REPORT_H
#define OPSDOC_BUG_REPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* What became of an mmap() that should have failed: its errno's text. */
static inline const char *mmap_error(int err)
{
	return err ? strerror(err) : "mmap() succeeded";
}

static inline void report_line(int report, const char *what,
			       const char *fmt, va_list ap)
{
	printf("report %d: %s", report, what);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
}

/* The verdict on bug report @report, and what showed it. */
static inline void __printf(3, 4)
verdict(int report, bool reproduced, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_line(report, reproduced ? "reproduced: " : "not reproduced: ",
		    fmt, ap);
	va_end(ap);
}

/* A further figure for @report. */
static inline void __printf(2, 3)
report_note(int report, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_line(report, "  ", fmt, ap);
	va_end(ap);
}

#endif
