/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OPSDOC_MAIL_H
#define OPSDOC_MAIL_H

/*
 * The mail headers of the patches git format-patch writes: To and Cc as
 * git send-email reads them, and the cover letter's placeholders filled.
 */

struct strbuf;
struct strvec;

/**
 * mail_add_recipients() - a patch with To and Cc after its Subject
 * @patch: the patch as format-patch wrote it
 * @to: the addresses for To (none: no To header)
 * @cc: the addresses for Cc (none: no Cc header)
 * @out: receives the patch with the headers, one address a line
 */
void mail_add_recipients(const struct strbuf *patch, const struct strvec *to,
			 const struct strvec *cc, struct strbuf *out);

/**
 * mail_prefer_section() - one address per person: the one a section gives
 * @ksrc: the kernel tree, whose MAINTAINERS is read
 * @section: the section's title ("DISKQUOTA")
 * @v: addresses; each whose person is one of the section's M: people is
 *     replaced by the section's address for that person
 *
 * A person with two addresses in MAINTAINERS (one per section) gets the
 * one of the section the series is for. Nothing changes when MAINTAINERS
 * or the section is not there.
 */
void mail_prefer_section(const char *ksrc, const char *section,
			 struct strvec *v);

/**
 * mail_fill_cover() - fill a cover letter's subject and blurb
 * @cover: the cover letter format-patch wrote; rewritten in place
 * @subject: the subject, for "*** SUBJECT HERE ***"
 * @body: the body, for "*** BLURB HERE ***"
 *
 * Return: 0, or -1 after an error when the placeholders are not there.
 */
int mail_fill_cover(struct strbuf *cover, const struct strbuf *subject,
		    const struct strbuf *body);

/* The author of patches made with no identity, which carry no sign-off. */
#define UNSIGNED_AUTHOR "Unsigned <unsigned@invalid>"

/**
 * mail_signoff_identity() - "Name <mail>" for Signed-off-by:
 * @opt: the --signoff option's value, or NULL for git config's user.name
 *       and user.email
 * @id: receives the identity
 * @unsigned_ok: with no identity, warn and leave @id empty: the patches
 *               then carry no Signed-off-by (the tool never signs)
 *
 * Return: 0, or -1 after an error that says how to give one.
 */
int mail_signoff_identity(const char *opt, struct strbuf *id, int unsigned_ok);

#endif
