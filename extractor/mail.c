// SPDX-License-Identifier: GPL-2.0
/*
 * mail.c - To and Cc headers and cover letters of format-patch's mails.
 */
#include <stdlib.h>
#include <string.h>

#include "git.h"
#include "mail.h"
#include "strbuf.h"
#include "strvec.h"
#include "util.h"

/* The person of "Name <mail>": its name, or NULL for a list. */
static char *person_of(const char *address)
{
	const char *lt = strstr(address, " <");

	return lt && lt != address ? xstrndup(address, lt - address) : NULL;
}

/*
 * The addresses of v whose person is not in seen yet, into out: one
 * person with two addresses ("Jan Kara <jack@suse.cz>", "... <jack@
 * suse.com>", from two MAINTAINERS sections) is written once, at the
 * first. A list has no name and is kept as it is.
 */
static void add_people(const struct strvec *v, struct strvec *seen,
		       struct strvec *out)
{
	size_t i;

	for (i = 0; i < v->nr; i++) {
		char *name = person_of(v->v[i]);

		if (!name || strvec_push_unique(seen, name))
			strvec_push(out, v->v[i]);
		free(name);
	}
}

/* The M: addresses of section in MAINTAINERS' text, into out. */
static void section_people(const char *text, const char *section,
			   struct strvec *out)
{
	size_t n = strlen(section);
	const char *p = text, *e;
	int in = 0;

	for (; *p; p = *e ? e + 1 : e) {
		e = strchrnul(p, '\n');
		if (!in) {
			in = (size_t)(e - p) == n && !memcmp(p, section, n);
			continue;
		}
		if (e == p)
			break;
		if (!strncmp(p, "M:", 2)) {
			const char *a = p + 2 + strspn(p + 2, " \t");

			strvec_push_owned(out, xstrndup(a, e - a));
		}
	}
}

void mail_prefer_section(const char *ksrc, const char *section,
			 struct strvec *v)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct strvec people = STRVEC_INIT;
	size_t i, k;

	strvec_init(&people);
	strbuf_addf(&path, "%s/MAINTAINERS", ksrc);
	if (section && !strbuf_read_file(&text, path.buf))
		section_people(text.buf, section, &people);
	for (i = 0; i < v->nr; i++) {
		char *who = person_of(v->v[i]);

		for (k = 0; who && k < people.nr; k++) {
			char *other = person_of(people.v[k]);
			int same = other && !strcmp(other, who);

			free(other);
			if (same) {
				free(v->v[i]);
				v->v[i] = xstrdup(people.v[k]);
				break;
			}
		}
		free(who);
	}
	strvec_release(&people);
	strbuf_release(&path);
	strbuf_release(&text);
}

/* "To:"/"Cc:" headers, one address a line, as git send-email reads them. */
static void add_header(struct strbuf *sb, const char *name, const struct strvec *v)
{
	size_t i;

	for (i = 0; i < v->nr; i++)
		strbuf_addf(sb, "%s%s%s\n", i ? "    " : name, v->v[i],
			    i + 1 < v->nr ? "," : "");
}

void mail_add_recipients(const struct strbuf *patch, const struct strvec *to,
			 const struct strvec *cc, struct strbuf *out)
{
	const char *subj = strstr(patch->buf, "\nSubject: ");
	const char *end = subj ? strchr(subj + 1, '\n') : NULL;
	struct strvec seen = STRVEC_INIT, t = STRVEC_INIT, c = STRVEC_INIT;

	/* After the Subject header and its folded lines. */
	while (end && (end[1] == ' ' || end[1] == '\t'))
		end = strchr(end + 1, '\n');
	if (!end) {
		strbuf_add(out, patch->buf, patch->len);
		return;
	}
	strvec_init(&seen);
	strvec_init(&t);
	strvec_init(&c);
	add_people(to, &seen, &t);
	add_people(cc, &seen, &c);
	strbuf_add(out, patch->buf, end + 1 - patch->buf);
	add_header(out, "To: ", &t);
	add_header(out, "Cc: ", &c);
	strbuf_adds(out, end + 1);
	strvec_release(&seen);
	strvec_release(&t);
	strvec_release(&c);
}

int mail_fill_cover(struct strbuf *cover, const struct strbuf *subject,
		    const struct strbuf *body)
{
	static const char subj_mark[] = "*** SUBJECT HERE ***";
	static const char blurb_mark[] = "*** BLURB HERE ***";
	struct strbuf sb = STRBUF_INIT;
	const char *s = strstr(cover->buf, subj_mark);
	const char *b = strstr(cover->buf, blurb_mark);

	if (!s || !b || b < s) {
		error_at(NULL, 0, "git format-patch wrote a cover letter without "
			 "its placeholders; which git is this?");
		return -1;
	}
	strbuf_add(&sb, cover->buf, s - cover->buf);
	strbuf_adds(&sb, subject->buf);
	s += strlen(subj_mark);
	strbuf_add(&sb, s, b - s);
	strbuf_add(&sb, body->buf, body->len);
	strbuf_rtrim(&sb);
	b += strlen(blurb_mark);
	strbuf_adds(&sb, b);
	strbuf_reset(cover);
	strbuf_add(cover, sb.buf, sb.len);
	strbuf_release(&sb);
	return 0;
}

int mail_signoff_identity(const char *opt, struct strbuf *id, int unsigned_ok)
{
	const char *name[] = { "config", "--get", "user.name", NULL };
	const char *mail[] = { "config", "--get", "user.email", NULL };
	struct strbuf n = STRBUF_INIT, m = STRBUF_INIT;
	const char *lt;
	int ret = -1;

	if (opt) {
		lt = strchr(opt, '<');
		if (!lt || lt == opt || lt[-1] != ' ' || !strchr(lt, '@') ||
		    opt[strlen(opt) - 1] != '>') {
			error_at(NULL, 0, "--signoff takes \"Name <mail>\", not '%s'", opt);
			return -1;
		}
		strbuf_adds(id, opt);
		return 0;
	}
	if (!git_run(NULL, name, &n, 1) && !git_run(NULL, mail, &m, 1)) {
		strbuf_rtrim(&n);
		strbuf_rtrim(&m);
		if (n.len && m.len) {
			strbuf_addf(id, "%s <%s>", n.buf, m.buf);
			ret = 0;
		}
	}
	if (ret && unsigned_ok) {
		warning_at(NULL, 0, "no identity: the patches carry no "
			   "Signed-off-by, and their author is %s. To sign "
			   "them, run again with --signoff \"Name <mail>\", or "
			   "set git config user.name and user.email", UNSIGNED_AUTHOR);
		ret = 0;
	} else if (ret) {
		error_at(NULL, 0, "no identity for Signed-off-by: pass --signoff "
			 "\"Name <mail>\", or set git config user.name and "
			 "user.email");
	}
	strbuf_release(&n);
	strbuf_release(&m);
	return ret;
}
