// SPDX-License-Identifier: GPL-2.0
/*
 * convert_patch.c - one file's conversion: the semantic patch run by
 * spatch on a copy, the kernel-doc of each hook renamed (comments are out
 * of spatch's reach), the object built with W=1 before and after, and the
 * subject and log of its patch.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "census.h"
#include "census_int.h"
#include "convert.h"
#include "fileio.h"
#include "git.h"
#include "run.h"
#include "util.h"

/* Write @text to @dir/@rel, making the directories. */
static int put(const char *dir, const char *rel, const char *text, size_t len)
{
	struct strbuf path = STRBUF_INIT;
	char *slash;
	int ret;

	strbuf_addf(&path, "%s/%s", dir, rel);
	slash = strrchr(path.buf, '/');
	*slash = '\0';
	ret = mkdir_p(path.buf);
	*slash = '/';
	if (!ret)
		ret = write_file_atomic(path.buf, text, len);
	strbuf_release(&path);
	return ret;
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* The position of the word @w in @s from @from, or NULL. */
static const char *word(const char *s, const char *from, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = strstr(from, w); p; p = strstr(p + 1, w))
		if ((p == s || !is_ident(p[-1])) && !is_ident(p[n]))
			return p;
	return NULL;
}

/*
 * The kernel-doc comment right above "NAME_prepare(struct vm_area_desc":
 * "NAME()" becomes "NAME_prepare()", the @-lines of the old parameters go
 * and "@desc:" takes the first one's place.
 */
static void fix_kerneldoc(struct strbuf *text, const char *name)
{
	struct strbuf nn = STRBUF_INIT, out = STRBUF_INIT, hdr = STRBUF_INIT;
	const char *def, *open, *close, *p, *e;
	int added = 0;

	strbuf_addf(&nn, "%s_prepare", name);
	strbuf_addf(&hdr, "%s(struct vm_area_desc *desc)", nn.buf);
	def = strstr(text->buf, hdr.buf);
	if (!def)
		goto out;
	/* The comment must end right above the definition's line(s). */
	for (p = def; p > text->buf && p[-1] != '\n'; p--)
		;
	if (p - text->buf < 4 || strncmp(p - 4, " */\n", 4))
		goto out;
	close = p - 4;
	open = NULL;
	for (e = close; e > text->buf; e--)
		if (!strncmp(e, "/**\n", 4)) {
			open = e;
			break;
		} else if (!strncmp(e, "*/", 2) && e != close + 1) {
			break;
		}
	if (!open)
		goto out;
	strbuf_add(&out, text->buf, open - text->buf);
	for (p = open; p < close + 4; p = e + 1) {
		e = strchr(p, '\n');
		if (!strncmp(p, " * @", 4)) {
			/* An old parameter and its continuation lines. */
			if (!added)
				strbuf_adds(&out, " * @desc: the mapping to be made\n");
			added = 1;
			while (e[1] == ' ' && e[2] == '*' && (e[3] == '\t' || (e[3] == ' ' && e[4] == ' ')))
				e = strchr(e + 1, '\n');
			continue;
		}
		if (word(text->buf, p, name) && word(text->buf, p, name) < e) {
			const char *w = word(text->buf, p, name);

			strbuf_add(&out, p, w - p);
			strbuf_adds(&out, nn.buf);
			strbuf_add(&out, w + strlen(name), e + 1 - w - strlen(name));
			continue;
		}
		strbuf_add(&out, p, e + 1 - p);
	}
	strbuf_adds(&out, close + 4);
	strbuf_reset(text);
	strbuf_add(text, out.buf, out.len);
out:
	strbuf_release(&nn);
	strbuf_release(&out);
	strbuf_release(&hdr);
}

static size_t columns(const char *s, size_t n)
{
	size_t c = 0, i;

	for (i = 0; i < n; i++)
		c = s[i] == '\t' ? (c + 8) & ~7u : c + 1;
	return c;
}

/* @call (one line) wrapped at 80 columns after ", ", aligned at @col. */
static void wrap_call(struct strbuf *out, const char *call, size_t col)
{
	struct strbuf line = STRBUF_INIT, pad = STRBUF_INIT;
	const char *w = call, *c;
	size_t i;

	for (i = 0; i < col / 8; i++)
		strbuf_addch(&pad, '\t');
	for (i = 0; i < col % 8; i++)
		strbuf_addch(&pad, ' ');
	c = strstr(w, ", ");
	strbuf_add(&line, w, c - w);
	for (w = c + 2; *w; w = c ? c + 2 : w + strlen(w)) {
		size_t n;

		c = strstr(w, ", ");
		n = c ? (size_t)(c - w) : strlen(w);
		if (columns(line.buf, line.len) + 2 + n + (c ? 1 : 0) <= 80) {
			strbuf_adds(&line, ", ");
		} else {
			strbuf_adds(&line, ",\n");
			strbuf_add(out, line.buf, line.len);
			strbuf_reset(&line);
			strbuf_add(&line, pad.buf, pad.len);
		}
		strbuf_add(&line, w, n);
		if (!c)
			break;
	}
	strbuf_add(out, line.buf, line.len);
	strbuf_addch(out, '\n');
	strbuf_release(&line);
	strbuf_release(&pad);
}

/*
 * spatch prints a flag list as one argument; a vma_desc_*_flags() call
 * wider than 80 columns is wrapped after its commas, aligned with the
 * first argument, as kernel code is.
 */
static void rewrap_flags(struct strbuf *text)
{
	struct strbuf out = STRBUF_INIT, call = STRBUF_INIT;
	const char *p = text->buf, *e, *open;

	while (*p) {
		size_t col;

		e = strchr(p, '\n');
		e = e ? e + 1 : p + strlen(p);
		open = strstr(p, "vma_desc_set_flags(desc,");
		if (!open || open > e)
			open = strstr(p, "vma_desc_clear_flags(desc,");
		if (!open || open > e) {
			strbuf_add(&out, p, e - p);
			p = e;
			continue;
		}
		/* The whole call, its continuation lines joined. */
		strbuf_reset(&call);
		while (*p) {
			const char *q = p;

			while (q < e && (*q == ' ' || *q == '\t') && call.len)
				q++;
			strbuf_add(&call, q, e - q);
			strbuf_rtrim(&call);
			if (call.len && call.buf[call.len - 1] == ';')
				break;
			strbuf_addch(&call, ' ');
			p = e;
			e = strchr(p, '\n');
			e = e ? e + 1 : p + strlen(p);
		}
		p = e;
		if (columns(call.buf, call.len) <= 80) {
			strbuf_add(&out, call.buf, call.len);
			strbuf_addch(&out, '\n');
			continue;
		}
		open = strchr(call.buf, '(');
		col = columns(call.buf, open + 1 - call.buf);
		wrap_call(&out, call.buf, col);
	}
	strbuf_reset(text);
	strbuf_add(text, out.buf, out.len);
	strbuf_release(&out);
	strbuf_release(&call);
}

/*
 * A masked flag test becomes one test per flag on one line; one wider
 * than 80 columns is broken after its "||" or "&&", the next line
 * aligned after "if (", as kernel code is.
 */
static void rewrap_tests(struct strbuf *text)
{
	struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
	const char *p = text->buf, *e, *w, *c;

	for (; *p; p = e) {
		size_t col, pad, i;

		e = strchrnul(p, '\n');
		e += *e == '\n';
		w = p + strspn(p, "\t ");
		if (strncmp(w, "if (vma_desc_test(", 18) && strncmp(w, "if (!vma_desc_test(", 19)) {
			strbuf_add(&out, p, e - p);
			continue;
		}
		if (columns(p, e - p - (e[-1] == '\n')) <= 80) {
			strbuf_add(&out, p, e - p);
			continue;
		}
		col = columns(p, w + 4 - p);
		strbuf_reset(&line);
		for (c = p; c < e;) {
			const char *o = strstr(c, " || "), *a = strstr(c, " && ");
			const char *brk = !o || (a && a < o) ? a : o, *end;

			if (brk && brk >= e)
				brk = NULL;
			end = brk ? brk + 3 : e - (e[-1] == '\n');
			if (line.len && columns(line.buf, line.len) + (end - c) > 80) {
				strbuf_rtrim(&line);
				strbuf_addch(&line, '\n');
				strbuf_add(&out, line.buf, line.len);
				strbuf_reset(&line);
				for (i = 0, pad = col; i < pad / 8; i++)
					strbuf_addch(&line, '\t');
				for (i = 0; i < pad % 8; i++)
					strbuf_addch(&line, ' ');
				c += *c == ' ';
			}
			if (!brk) {
				strbuf_add(&line, c, e - c);
				break;
			}
			strbuf_add(&line, c, brk + 3 - c);
			c = brk + 3;
		}
		strbuf_add(&out, line.buf, line.len);
	}
	strbuf_reset(text);
	strbuf_add(text, out.buf, out.len);
	strbuf_release(&out);
	strbuf_release(&line);
}

/*
 * spatch prints the initialiser line it adds as ".mmap_prepare = NAME",
 * with no notion of the columns of its neighbours. The old line in @orig
 * says where the initialiser puts its '=': the new one goes to the same
 * column, with tabs or spaces as the old one had, when ".mmap_prepare"
 * fits before it (else one space, as a longer member in such a table has),
 * and the tab or spaces after the '=' are the old line's.
 */
static void fix_align(struct strbuf *text, const char *orig, const char *name)
{
	struct strbuf now = STRBUF_INIT, out = STRBUF_INIT;
	const char *p, *q, *line, *eq, *from = text->buf;
	size_t lead, want, col, n = strlen(name);
	int tabs;

	strbuf_addf(&now, ".mmap_prepare = %s_prepare,", name);
	/* Each old ".mmap<ws>=<ws>NAME," and the new line that took its place. */
	for (p = strstr(orig, name); p; p = strstr(p + 1, name)) {
		if (p[n] != ',' || p == orig || is_ident(p[-1]))
			continue;
		for (q = p; q > orig && (q[-1] == ' ' || q[-1] == '\t'); q--)
			;
		if (q == orig || q[-1] != '=')
			continue;
		eq = q - 1;
		for (line = eq; line > orig && line[-1] != '\n'; line--)
			;
		lead = strspn(line, " \t");
		if (strncmp(line + lead, ".mmap", 5) || line + lead + 5 > eq ||
		    strspn(line + lead + 5, " \t") != (size_t)(eq - line - lead - 5))
			continue;
		q = strstr(from, now.buf);
		if (!q)
			break;
		strbuf_add(&out, from, q + 13 - from);
		from = q + 14;
		want = columns(line, eq - line);
		tabs = memchr(line + lead + 5, '\t', eq - line - lead - 5) != NULL;
		col = columns(line, lead) + 13;
		if (col + 1 >= want) {
			strbuf_addch(&out, ' ');
		} else {
			if (tabs)
				for (; ((col + 8) & ~(size_t)7) <= want;
				     col = (col + 8) & ~(size_t)7)
					strbuf_addch(&out, '\t');
			for (; col < want; col++)
				strbuf_addch(&out, ' ');
		}
		/* '=' and what stood between it and the name. */
		strbuf_addch(&out, '=');
		strbuf_add(&out, eq + 1, p - eq - 1);
		from += 2;
	}
	strbuf_adds(&out, from);
	strbuf_reset(text);
	strbuf_add(text, out.buf, out.len);
	strbuf_release(&now);
	strbuf_release(&out);
}

/* The column of the '=' of a "<ws>.member<ws>= ..." line, or 0. */
static size_t member_eq(const char *line, const char *end)
{
	const char *p = line + strspn(line, " \t");

	if (*p != '.' || !is_ident(p[1]))
		return 0;
	for (p++; p < end && is_ident(*p); p++)
		;
	p += strspn(p, " \t");
	return p < end && *p == '=' && p[1] != '=' ? columns(line, p - line) : 0;
}

/*
 * An initialiser whose members align their '=' at one column left of
 * where ".mmap_prepare" ends (spufs: ".open\t =", ".release =") got the
 * new line with one space. Realign the whole table instead: every member
 * line's '=' to the first tab stop after ".mmap_prepare" when the table
 * used tabs, else one column after it; what follows each '=' is kept.
 */
static void realign_narrow(struct strbuf *text, const char *name)
{
	struct strbuf key = STRBUF_INIT, out = STRBUF_INIT;
	const char *from = text->buf, *hit, *b, *e, *p, *le;
	size_t want, old, col;
	int tabs, ok, pad;

	strbuf_addf(&key, ".mmap_prepare = %s_prepare,", name);
	for (hit = strstr(from, key.buf); hit; hit = strstr(hit + 1, key.buf)) {
		/* The table: the lines between "{" and "};" around it. */
		for (b = hit; b > text->buf && !(b[-1] == '\n' && b[-2] == '{'); b--)
			if (b[-1] == ';' || b[-1] == '}')
				break;
		e = strstr(hit, "\n};");
		if (b == text->buf || b[-1] != '\n' || !e)
			continue;
		for (ok = 1, tabs = 0, pad = 0, old = 0, p = b; p < e; p = le + 1) {
			size_t c, m;

			le = strchrnul(p, '\n');
			if (strstr(p, key.buf) == p + strspn(p, " \t"))
				continue;
			c = member_eq(p, le);
			if (!c || (old && c != old)) {
				ok = 0;
				break;
			}
			old = c;
			/* The blanks between the member's name and its '='. */
			for (m = strspn(p, " \t") + 1; is_ident(p[m]); m++)
				;
			tabs |= memchr(p + m, '\t', strspn(p + m, " \t")) != NULL;
			pad |= strspn(p + m, " \t") > 1 || p[m] == '\t';
		}
		for (p = hit; p > b && p[-1] != '\n'; p--)
			;
		col = columns(p, hit - p) + 13;
		/* An aligned table (some '=' padded), too narrow for the name. */
		if (!ok || !pad || old > col)
			continue;
		want = tabs ? (col + 8) & ~(size_t)7 : col + 1;
		strbuf_add(&out, from, b - from);
		for (p = b; p < e; p = le + 1) {
			const char *eq;
			size_t c;

			le = strchrnul(p, '\n');
			eq = strchr(p, '=');
			for (c = 0; p[c] == ' ' || p[c] == '\t'; c++)
				;
			for (c++; is_ident(p[c]); c++)
				;
			strbuf_add(&out, p, c);
			col = columns(p, c);
			if (tabs) {
				for (; ((col + 8) & ~(size_t)7) <= want; col = (col + 8) & ~(size_t)7)
					strbuf_addch(&out, '\t');
			}
			for (; col < want; col++)
				strbuf_addch(&out, ' ');
			strbuf_add(&out, eq, le + 1 - eq);
		}
		from = e + 1;
	}
	if (out.len) {
		strbuf_adds(&out, from);
		strbuf_reset(text);
		strbuf_add(text, out.buf, out.len);
	}
	strbuf_release(&key);
	strbuf_release(&out);
}

int convert_apply(const struct convert_ctx *x, struct convert_file *f)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, orig = STRBUF_INIT,
		      def = STRBUF_INIT, log = STRBUF_INIT, hdr = STRBUF_INIT;
	struct run_opts o = { NULL, &log, 1 };
	size_t k;
	int ret = -1;

	strbuf_addf(&path, "%s/%s", x->ksrc, f->path);
	if (strbuf_read_file(&orig, path.buf)) {
		strbuf_addf(&f->failed, "cannot read %s", path.buf);
		goto out;
	}
	strbuf_addf(&dir, "%s/spatch", x->scratch);
	if (put(dir.buf, f->path, orig.buf, orig.len)) {
		strbuf_adds(&f->failed, "cannot write the scratch copy");
		goto out;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/%s", dir.buf, f->path);
	for (k = 0; k < f->nr_fns; k++) {
		const char *name = f->fns[k]->name;
		const char *argv[] = {
			"spatch", "--very-quiet", "--no-includes", "--no-show-diff",
			"--in-place", "--sp-file", x->cocci, "-D", NULL, path.buf, NULL
		};
		struct strbuf now = STRBUF_INIT;
		int r;

		strbuf_reset(&def);
		strbuf_addf(&def, "fn=%s", name);
		argv[8] = def.buf;
		strbuf_reset(&log);
		r = run_program(argv, &o);
		strbuf_read_file(&now, path.buf);
		strbuf_reset(&hdr);
		strbuf_addf(&hdr, "%s_prepare(struct vm_area_desc *desc)", name);
		if (r || !strstr(now.buf, hdr.buf)) {
			strbuf_addf(&f->failed, "%s(): spatch did not convert it%s%s", name,
				    log.len ? ": " : "", log.buf);
			strbuf_release(&now);
			goto out;
		}
		/* What spatch left of the VMA, the build finds. */
		fix_kerneldoc(&now, name);
		rewrap_flags(&now);
		rewrap_tests(&now);
		fix_align(&now, orig.buf, name);
		realign_narrow(&now, name);
		if (write_file_atomic(path.buf, now.buf, now.len)) {
			strbuf_release(&now);
			goto out;
		}
		strbuf_release(&now);
	}
	strbuf_reset(&f->text);
	if (strbuf_read_file(&f->text, path.buf))
		goto out;
	if (!strcmp(f->text.buf, orig.buf)) {
		strbuf_adds(&f->failed, "spatch changed nothing");
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&orig);
	strbuf_release(&def);
	strbuf_release(&log);
	strbuf_release(&hdr);
	return ret;
}

/* The warnings of a compiler's output, without line and column numbers. */
static void warnings(const char *out, struct strvec *w)
{
	const char *p, *e;

	for (p = out; *p; p = e + (*e != '\0')) {
		const char *m;

		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		m = memmem(p, e - p, "warning: ", 9);
		if (m) {
			char *s = xstrndup(m, e - m);

			strvec_push_unique(w, s);
			free(s);
		}
	}
}

/* Run kbuild's command for the object on @src; its warnings into @w. */
static int compile(const struct convert_ctx *x, const char *cmd, const char *src,
		   const char *obj, struct strvec *w, struct strbuf *err)
{
	struct strbuf sh = STRBUF_INIT, out = STRBUF_INIT, o = STRBUF_INIT;
	const char *argv[] = { "sh", "-c", NULL, NULL };
	struct run_opts ro = { x->build_dir, &out, 0 };
	const char *p = cmd, *q;
	int r;

	/* cmd: "clang ... -c -o OBJ SRC" up to its ';'; 2>&1 keeps the warnings. */
	strbuf_addf(&o, "%s/obj.o", x->scratch);
	q = strstr(p, " -o ");
	if (!q || !strstr(q + 4, ".c")) {
		strbuf_adds(err, "kbuild's command line has no -o");
		r = -1;
		goto out;
	}
	strbuf_adds(&sh, "exec 2>&1; ");
	strbuf_add(&sh, p, q - p);
	/* "file.h" from the driver's own directory, as for the original. */
	strbuf_addf(&sh, " -iquote %s/%.*s -o %s %s", x->ksrc,
		    (int)(strrchr(obj, '/') - obj), obj, o.buf, src);
	argv[2] = sh.buf;
	r = run_program(argv, &ro);
	warnings(out.buf, w);
	if (r)
		strbuf_addf(err, "%s does not build:\n%s", obj, out.buf);
out:
	strbuf_release(&sh);
	strbuf_release(&out);
	strbuf_release(&o);
	return r ? -1 : 0;
}

int convert_prepared(const char *dir)
{
	struct strbuf stamp = STRBUF_INIT;
	int yes;

	strbuf_addf(&stamp, "%s/.opsdoc-prepared", dir);
	yes = !access(stamp.buf, R_OK);
	strbuf_release(&stamp);
	return yes;
}

static const char *const make_args[] = { "nice", "-n", "10", "make", "-s", "-C" };

/*
 * The build directory for a file: an arch/ARCH/ file other than x86's is
 * built in BUILD_DIR-ARCH, prepared as the x86_64 one is with ARCH=ARCH
 * (Debian's clang 19 targets it); "" in @arch for x86_64.
 */
static int dir_for(const struct convert_ctx *x, const char *path, struct strbuf *dir,
		   struct strbuf *arch)
{
	strbuf_reset(dir);
	strbuf_reset(arch);
	strbuf_adds(dir, x->build_dir);
	if (strncmp(path, "arch/", 5) || !strncmp(path, "arch/x86/", 9))
		return 0;
	strbuf_add(arch, path + 5, strcspn(path + 5, "/"));
	strbuf_addf(dir, "-%s", arch->buf);
	return convert_prepared(dir->buf) ? 0 : -1;
}

/*
 * Build the original and the converted file in the build directory @bd
 * (ARCH=@arch unless empty), by kbuild's command line for the object.
 * Return: 1 built with no new warning, 0 not compile-tested, -1 failed;
 * @why says why when not 1.
 */
static int build_in(const struct convert_ctx *x, const struct convert_file *f,
		    const char *bd, const char *arch, struct strbuf *why)
{
	struct strbuf obj = STRBUF_INIT, cmdf = STRBUF_INIT, cmd = STRBUF_INIT,
		      src = STRBUF_INIT, err = STRBUF_INIT, mk = STRBUF_INIT,
		      odir = STRBUF_INIT, archarg = STRBUF_INIT;
	struct strvec before = STRVEC_INIT, after = STRVEC_INIT;
	struct run_opts ro = { NULL, &mk, 1 };
	const char *argv[] = {
		"nice", "-n", "10", "make", "-s", "-C", x->ksrc, NULL, "LLVM=-19",
		"W=1", "-j2", NULL, NULL
	};
	struct convert_ctx xa = *x;
	const char *p, *e;
	size_t i;
	int ret = 0;

	strvec_init(&before);
	strvec_init(&after);
	strbuf_add(&obj, f->path, strlen(f->path) - 2);
	strbuf_adds(&obj, ".o");
	strbuf_addf(&odir, "O=%s", bd);
	argv[7] = odir.buf;
	if (*arch) {
		strbuf_addf(&archarg, "ARCH=%s", arch);
		argv[10] = archarg.buf;
	}
	strbuf_addf(&cmdf, "%s/%.*s.%s.cmd", bd,
		    (int)(strrchr(obj.buf, '/') + 1 - obj.buf), obj.buf,
		    strrchr(obj.buf, '/') + 1);
	if (access(cmdf.buf, R_OK)) {
		argv[11] = obj.buf;
		run_program(argv, &ro);
	}
	if (strbuf_read_file(&cmd, cmdf.buf)) {
		strbuf_addf(why, "kbuild does not build %s in %s", obj.buf, bd);
		goto out;
	}
	p = strstr(cmd.buf, ":= ");
	e = p ? strchr(p, '\n') : NULL;
	if (!p || !e) {
		strbuf_addf(why, "%s is not kbuild's", cmdf.buf);
		goto out;
	}
	strbuf_add(&src, p + 3, e - p - 3);
	p = strstr(src.buf, " ; ");
	if (p) {
		src.len = p - src.buf;
		src.buf[src.len] = '\0';
	}
	xa.build_dir = bd;
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "%s/%s", x->ksrc, f->path);
	if (compile(&xa, src.buf, cmd.buf, obj.buf, &before, &err)) {
		strbuf_addf(why, "the original %s", err.buf);
		goto out;
	}
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "%s/spatch/%s", x->scratch, f->path);
	ret = -1;
	if (compile(&xa, src.buf, cmd.buf, obj.buf, &after, &err)) {
		strbuf_addf(why, "the converted %s", err.buf);
		goto out;
	}
	for (i = 0; i < after.nr; i++)
		if (strvec_find(&before, after.v[i]) < 0) {
			strbuf_addf(why, "a new warning: %s", after.v[i]);
			goto out;
		}
	ret = 1;
out:
	strbuf_release(&obj);
	strbuf_release(&cmdf);
	strbuf_release(&cmd);
	strbuf_release(&src);
	strbuf_release(&err);
	strbuf_release(&mk);
	strbuf_release(&odir);
	strbuf_release(&archarg);
	strvec_release(&before);
	strvec_release(&after);
	return ret;
}

/*
 * The variants of an arch's build directory: BUILD_DIR-ARCH-NAME, prepared
 * like it with another choice of its config, which compiles code that its
 * allmodconfig leaves out (powerpc's PPC_4K_PAGES, for spufs's 4K-only
 * hooks). Its .opsdoc-variant file says what it changes, e.g.
 * "CONFIG_PPC_4K_PAGES=y".
 */
static void variants(const char *bd, struct strvec *dirs, struct strvec *what)
{
	struct strbuf parent = STRBUF_INIT, pre = STRBUF_INIT, p = STRBUF_INIT,
		      text = STRBUF_INIT;
	const char *slash = strrchr(bd, '/');
	struct dirent *de;
	DIR *d;

	strbuf_add(&parent, bd, slash - bd);
	strbuf_addf(&pre, "%s-", slash + 1);
	d = opendir(parent.buf);
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, pre.buf, pre.len))
			continue;
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", parent.buf, de->d_name);
		if (!convert_prepared(p.buf))
			continue;
		strvec_push(dirs, p.buf);
		strbuf_addf(&p, "/.opsdoc-variant");
		strbuf_reset(&text);
		if (strbuf_read_file(&text, p.buf))
			strbuf_adds(&text, de->d_name + pre.len);
		strbuf_rtrim(&text);
		strvec_push(what, text.buf);
	}
	if (d)
		closedir(d);
	strbuf_release(&parent);
	strbuf_release(&pre);
	strbuf_release(&p);
	strbuf_release(&text);
}

/*
 * What "scripts/kernel-doc -none FILE" says of @file, one warning a line
 * with its "FILE:LINE" cut (the converted file's lines move), into @out.
 * Return: 0, or -1 when it did not run.
 */
static int kerneldoc_warnings(const char *script, const char *file, struct strvec *out)
{
	const char *argv[] = {
		"sh", "-c", "exec \"$0\" -none \"$1\" 2>&1", script, file, NULL
	};
	struct strbuf text = STRBUF_INIT;
	struct run_opts ro = { NULL, &text, 1 };
	const char *p, *e, *w;
	int r = run_program(argv, &ro);

	/* "Warning: FILE:LINE what", or "FILE:LINE: warning: what" */
	for (p = text.buf; *p; p = e + (*e == '\n')) {
		const char *c;

		e = strchrnul(p, '\n');
		w = memmem(p, e - p, "arning: ", 8);
		if (!w)
			w = memmem(p, e - p, "rror: ", 6);
		if (!w)
			continue;
		w = strchr(w, ' ') + 1;
		c = memchr(w, ':', e - w);
		if (c && c[1] >= '0' && c[1] <= '9' && memchr(c, ' ', e - c))
			w = (const char *)memchr(c, ' ', e - c) + 1;
		strvec_push_owned(out, xstrndup(w, e - w));
	}
	strbuf_release(&text);
	return r < 0 ? -1 : 0;
}

int convert_kerneldoc(const struct convert_ctx *x, struct convert_file *f)
{
	struct strbuf script = STRBUF_INIT, before = STRBUF_INIT, after = STRBUF_INIT;
	struct strvec old = STRVEC_INIT, now = STRVEC_INIT;
	size_t i;
	int ret = 0;

	f->kdoc = 0;
	strvec_init(&old);
	strvec_init(&now);
	strbuf_addf(&script, "%s/scripts/kernel-doc", x->ksrc);
	if (access(script.buf, X_OK))
		goto out;
	strbuf_addf(&before, "%s/%s", x->ksrc, f->path);
	strbuf_addf(&after, "%s/spatch/%s", x->scratch, f->path);
	if (kerneldoc_warnings(script.buf, before.buf, &old) ||
	    kerneldoc_warnings(script.buf, after.buf, &now))
		goto out;
	/* A warning counts as new when the converted file has it more often. */
	for (i = 0; i < now.nr; i++) {
		size_t a = 0, b = 0, j;

		for (j = 0; j < old.nr; j++)
			a += !strcmp(old.v[j], now.v[i]);
		for (j = 0; j < now.nr; j++)
			b += !strcmp(now.v[j], now.v[i]);
		if (b <= a)
			continue;
		strbuf_addf(&f->failed, "a new kernel-doc warning after conversion: %s",
			    now.v[i]);
		ret = -1;
		goto out;
	}
	f->kdoc = 1;
out:
	strbuf_release(&script);
	strbuf_release(&before);
	strbuf_release(&after);
	strvec_release(&old);
	strvec_release(&now);
	return ret;
}

void convert_build(const struct convert_ctx *x, struct convert_file *f)
{
	struct strbuf bd = STRBUF_INIT, arch = STRBUF_INIT, why = STRBUF_INIT;
	struct strvec dirs = STRVEC_INIT, what = STRVEC_INIT;
	size_t i;
	int r;

	f->built = 0;
	strvec_init(&dirs);
	strvec_init(&what);
	if (!x->build_dir) {
		strbuf_adds(&f->build, "not compile-tested: opsdoc convert ran with --no-build");
		goto out;
	}
	if (dir_for(x, f->path, &bd, &arch)) {
		strbuf_addf(&f->build, "not compile-tested: %s code, and no %s "
			    "allmodconfig build directory was prepared (%s)",
			    arch.buf, arch.buf, bd.buf);
		goto out;
	}
	r = build_in(x, f, bd.buf, arch.buf, &why);
	if (r < 1) {
		f->built = r;
		strbuf_addf(&f->build, "%s%s", r ? "" : "not compile-tested: ", why.buf);
		goto out;
	}
	if (arch.len)
		variants(bd.buf, &dirs, &what);
	for (i = 0; i < dirs.nr; i++) {
		strbuf_reset(&why);
		r = build_in(x, f, dirs.v[i], arch.buf, &why);
		if (r < 0) {
			f->built = -1;
			strbuf_addf(&f->build, "with %s: %s", what.v[i], why.buf);
			goto out;
		}
		if (!r) {
			/* Not built there: the variant says nothing of it. */
			char *w = xstrdup(what.v[i]), *d = xstrdup(dirs.v[i]);

			strvec_remove(&what, w);
			strvec_remove(&dirs, d);
			free(w);
			free(d);
			i--;
		}
	}
	f->built = 1;
	/*
	 * Not the compiler's name: get_maintainer.pl matches "clang" and
	 * "LLVM" in a patch to the CLANG/LLVM entry's keyword.
	 */
	strbuf_addf(&f->build, "built with W=1 in the allmodconfig of %s (Linux %s)",
		    arch.len ? arch.buf : "x86_64", x->version);
	if (what.nr) {
		strbuf_adds(&f->build, " and in that config with ");
		for (i = 0; i < what.nr; i++)
			strbuf_addf(&f->build, "%s%s", i ? (i + 1 == what.nr ? " and " : ", ") : "",
				    what.v[i]);
		strbuf_adds(&f->build, " too,");
	}
	strbuf_adds(&f->build, " before and after, with no new warning");
out:
	strbuf_release(&bd);
	strbuf_release(&arch);
	strbuf_release(&why);
	strvec_release(&dirs);
	strvec_release(&what);
}

/* "drivers/ptp/ptp_vmclock.c" as "ptp: vmclock: ", from the path. */
static void path_prefix(const char *path, struct strbuf *out)
{
	const char *base = strrchr(path, '/') + 1, *sub, *e;
	size_t n = strcspn(base, ".");

	sub = strchr(path, '/');
	if (!strncmp(path, "fs/", 3)) {
		e = strchr(path + 3, '/');
		strbuf_addf(out, "%.*s: ", (int)(e - path - 3), path + 3);
		return;
	}
	if (!sub || strncmp(path, "drivers/", 8)) {
		strbuf_addf(out, "%.*s: ", (int)n, base);
		return;
	}
	sub++;
	e = strchr(sub, '/');
	strbuf_addf(out, "%.*s: ", (int)(e - sub), sub);
	/* ptp_vmclock: the subsystem's prefix is not repeated. */
	if (!strncmp(base, sub, e - sub) && (base[e - sub] == '_' || base[e - sub] == '-'))
		base += e - sub + 1, n -= e - sub + 1;
	else if (strchr(e + 1, '/')) {
		const char *d = e + 1, *de = strchr(d, '/');

		/* drivers/soc/qcom/rmtfs_mem.c: "soc: qcom: rmtfs_mem" */
		if (strncmp(d, "clients/", 8) && strncmp(d, "core/", 5))
			strbuf_addf(out, "%.*s: ", (int)(de - d), d);
	}
	strbuf_addf(out, "%.*s: ", (int)n, base);
}

/*
 * The prefixes the patches of a MAINTAINERS section take (from the
 * sections' own trees' logs): "%b" is the file's base name, "%d" the
 * directory below the section's, "%m" the base name without "_main", "%p"
 * "/PLATFORM" for arch/powerpc/platforms/PLATFORM/.
 *
 * The last resort before the path, for a tree without git history:
 * MAINTAINERS names no prefix, and neither the section's name nor the
 * path gives its case or punctuation ("HSI:" but "ptp:", "vhost-vdpa:"
 * but "vhost: vringh:"). Add a section here only from its tree's log.
 */
static const struct {
	const char *section, *prefix;
} section_prefix[] = {
	{ "ACPI", "ACPI: %b: " },
	{ "KERNEL VIRTUAL MACHINE FOR POWERPC (KVM/powerpc)", "KVM: PPC: " },
	{ "KVM GUEST_MEMFD", "KVM: guest_memfd: " },
	{ "KERNEL VIRTUAL MACHINE (KVM)", "KVM: " },
	{ "Hyper-V/Azure CORE AND DRIVERS", "Drivers: hv: %m: " },
	{ "SOUND - COMPRESSED AUDIO", "ALSA: %b: " },
	{ "SOUND", "ALSA: %b: " },
	{ "INTEL SGX", "x86/sgx: " },
	{ "SELINUX SECURITY MODULE", "selinux: " },
	{ "XEN HYPERVISOR INTERFACE", "xen/%d: " },
	{ "SPU FILE SYSTEM", "powerpc/spufs: " },
	{ "IO_URING", "io_uring/%b: " },
	{ "UBLK USERSPACE BLOCK DRIVER", "ublk: " },
	{ "HSI SUBSYSTEM", "HSI: %b: " },
	{ "VIRTIO HOST (VHOST)", "vhost-%b: " },
	{ "LINUX FOR POWERPC (32-BIT AND 64-BIT)", "powerpc%p: " },
};

static int section_of(const char *secs, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = secs; (p = strstr(p, name)); p += n)
		if ((p == secs || (p[-2] == ';' && p[-1] == ' ')) && (!p[n] || p[n] == ';'))
			return 1;
	return 0;
}

static int maint_prefix(const struct convert_ctx *x, const char *path, struct strbuf *out)
{
	const char *base = strrchr(path, '/') + 1, *p;
	size_t n = strcspn(base, "."), i;
	char *secs;
	int found = 0;

	if (!x->maint)
		return 0;
	secs = maintainers_of(x->maint, path);
	for (i = 0; secs && i < sizeof(section_prefix) / sizeof(section_prefix[0]); i++) {
		if (!section_of(secs, section_prefix[i].section))
			continue;
		for (p = section_prefix[i].prefix; *p; p++) {
			if (*p != '%') {
				strbuf_addch(out, *p);
				continue;
			}
			p++;
			if (*p == 'b') {
				strbuf_add(out, base, n);
			} else if (*p == 'm') {
				size_t m = n > 5 && !strncmp(base + n - 5, "_main", 5) ? n - 5 : n;

				strbuf_add(out, base, m);
			} else if (*p == 'p') {
				/* arch/powerpc/platforms/powernv/x.c: "/powernv" */
				const char *d = "arch/powerpc/platforms/";

				if (!strncmp(path, d, strlen(d)))
					strbuf_addf(out, "/%.*s", (int)strcspn(path + strlen(d), "/"),
						    path + strlen(d));
			} else if (*p == 'd') {
				/* drivers/xen/xenbus/x.c: "xenbus"; drivers/xen/privcmd.c: "privcmd" */
				const char *d = strchr(strchr(path, '/') + 1, '/') + 1;

				strbuf_add(out, d, strchr(d, '/') ? (size_t)(strchr(d, '/') - d) : n);
			}
		}
		/* KVM: PPC: Book3S HV: for book3s_hv*, Book3S: for book3s*. */
		if (strstr(section_prefix[i].prefix, "PPC") && !strncmp(base, "book3s", 6))
			strbuf_adds(out, !strncmp(base, "book3s_hv", 9) ? "Book3S HV: " : "Book3S: ");
		found = 1;
		break;
	}
	free(secs);
	return found;
}

/*
 * The prefix most of the file's last commits take, up to the last ": "
 * of the subject; and whether their summaries start in upper case.
 */
static int git_prefix(const char *ksrc, const char *path, struct strbuf *out, int *upper)
{
	const char *argv[] = {
		"log", "-n", "30", "--no-merges", "--format=%s", "--", path, NULL
	};
	struct strbuf log = STRBUF_INIT, gitdir = STRBUF_INIT;
	struct strvec pre = STRVEC_INIT;
	const char *p, *e, *c;
	size_t i, j, best = 0, bestn = 0;
	int up = 0, low = 0;

	strvec_init(&pre);
	strbuf_addf(&gitdir, "%s/.git", ksrc);
	if (access(gitdir.buf, F_OK) || git_run(ksrc, argv, &log, 1))
		goto out;
	for (p = log.buf; *p; p = e + (*e == '\n')) {
		e = strchrnul(p, '\n');
		for (c = NULL, i = 0; p + i + 1 < e; i++)
			if (p[i] == ':' && p[i + 1] == ' ')
				c = p + i + 2;
		if (!c || !strncmp(p, "Revert ", 7) || !strncmp(p, "Merge ", 6))
			continue;
		strvec_push_owned(&pre, xstrndup(p, c - p));
		if (*c >= 'A' && *c <= 'Z')
			up++;
		else
			low++;
	}
	/* The most frequent; the newest of those tied. */
	for (i = 0; i < pre.nr; i++) {
		size_t k = 0;

		for (j = 0; j < pre.nr; j++)
			k += !strcmp(pre.v[i], pre.v[j]);
		if (k > bestn)
			best = i, bestn = k;
	}
	if (bestn) {
		strbuf_adds(out, pre.v[best]);
		*upper = up >= low;
	}
out:
	strbuf_release(&log);
	strbuf_release(&gitdir);
	strvec_release(&pre);
	return bestn > 0;
}

void convert_subject(const struct convert_ctx *x, const struct convert_file *f,
		     struct strbuf *out)
{
	int upper = 1;

	strbuf_reset(out);
	if (!git_prefix(x->ksrc, f->path, out, &upper) && !maint_prefix(x, f->path, out))
		path_prefix(f->path, out);
	strbuf_adds(out, upper ? "Convert " : "convert ");
	if (f->nr_fns == 1)
		strbuf_addf(out, "%s() to .mmap_prepare", f->fns[0]->name);
	else
		strbuf_adds(out, "the mmap hooks to .mmap_prepare");
}

static void list(struct strbuf *sb, const struct strvec *v)
{
	size_t i;

	for (i = 0; i < v->nr; i++)
		strbuf_addf(sb, "%s%s", i ? (i + 1 == v->nr ? " and " : ", ") : "", v->v[i]);
}

static void flag_names(const char *flags, struct strvec *v)
{
	const char *p = flags;

	while (p && *p) {
		size_t n = strcspn(p, " ");

		strvec_push_owned(v, xstrndup(p, n));
		p += n + (p[n] == ' ');
	}
}

/*
 * The flags that keep a VMA from merging with a neighbour (VMA_SPECIAL_FLAGS
 * of include/linux/mm.h), and those that the mmap() call itself may give a
 * new range (mm/mmap.c do_mmap(): its prot, flags and mm->def_flags).
 */
static const char *const special_flags[] = {
	"VM_IO", "VM_DONTEXPAND", "VM_PFNMAP", "VM_MIXEDMAP", NULL
};
static const char *const caller_flags[] = {
	"VM_READ", "VM_WRITE", "VM_EXEC", "VM_SHARED", "VM_MAYREAD",
	"VM_MAYWRITE", "VM_MAYEXEC", "VM_MAYSHARE", "VM_LOCKED",
	"VM_LOCKONFAULT", "VM_NORESERVE", "VM_SYNC", "VM_GROWSDOWN",
	"VM_GROWSUP", "VM_NOHUGEPAGE", "VM_HUGEPAGE", "VM_DROPPABLE",
	"VM_SEALED", "VM_SOFTDIRTY", NULL
};

static int any_of(const struct strvec *v, const char *const *set)
{
	size_t i;

	for (i = 0; i < v->nr; i++)
		for (const char *const *s = set; *s; s++)
			if (!strcmp(v->v[i], *s))
				return 1;
	return 0;
}

/* Is the converted hook's body "{ return -E; }"? */
static int always_fails(const char *text, const char *name)
{
	struct strbuf hdr = STRBUF_INIT;
	const char *p;
	int yes = 0;

	strbuf_addf(&hdr, "%s_prepare(struct vm_area_desc *desc)", name);
	p = strstr(text, hdr.buf);
	if (p) {
		p += hdr.len;
		p += strspn(p, " \t\n");
		if (*p++ == '{') {
			p += strspn(p, " \t\n");
			if (!strncmp(p, "return -", 8)) {
				p += 8;
				p += strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
				yes = *p == ';' && p[1 + strspn(p + 1, " \t\n")] == '}';
			}
		}
	}
	strbuf_release(&hdr);
	return yes;
}

/*
 * The subject of a sentence of a group's paragraph: the hooks' names the
 * first time ("a() and b() each set"), then "It" or "Each".
 */
static void say(struct strbuf *sb, const struct strvec *names, int *first,
		const char *sing, const char *plur)
{
	if (*first) {
		list(sb, names);
		strbuf_addf(sb, "%s %s", names->nr > 1 ? " each" : "",
			    names->nr > 1 ? plur : sing);
		*first = 0;
		return;
	}
	strbuf_addf(sb, " %s %s", names->nr > 1 ? "Each" : "It", sing);
}

/*
 * mm/vma.c __mmap_region(): the old hook ran after vm_area_alloc() and
 * vma_iter_prealloc(), the new one before them. A store the hook makes
 * before a later error return now also happens when that allocation fails
 * (mmap() returns -ENOMEM); the hook's own failures after the store leave
 * it done as well, so no new state can be reached. The log says so.
 */
static void store_log(const struct convert_file *f, const struct census_fn *fn,
		      struct strbuf *sb)
{
	struct strbuf name = STRBUF_INIT, lv = STRBUF_INIT;

	strbuf_addf(&name, "%s_prepare", fn->name);
	if (census_store_before_check(f->text.buf, name.buf, &lv))
		strbuf_addf(sb, " %s() stores to %s before its last check. That "
			    "store now runs before mm allocates the VMA, so when "
			    "the allocation fails, mmap() returns -ENOMEM with the "
			    "store done, where the old hook never ran. The hook's "
			    "own error returns after the store already leave it "
			    "done, so a failed mmap() leaves no state that it could "
			    "not leave before.", fn->name, lv.buf);
	strbuf_release(&name);
	strbuf_release(&lv);
}

/*
 * What the conversion changes in a hook and why mm ends with the same
 * mapping, for the hooks @names (those whose paragraph would be the same);
 * only what applies to them.
 */
static void hook_log(const struct convert_file *f, const struct census_fn *fn,
		     const struct strvec *names, struct strbuf *sb)
{
	struct strvec set = STRVEC_INIT, clear = STRVEC_INIT, checks = STRVEC_INIT,
		      fields = STRVEC_INIT;
	const char *action = NULL, *call = NULL;
	int first = 1;

	strvec_init(&set);
	strvec_init(&clear);
	strvec_init(&checks);
	strvec_init(&fields);
	flag_names(fn->set_flags, &set);
	flag_names(fn->clear_flags, &clear);
	if (strstr(fn->decided, "vm_iomap_memory"))
		call = "vm_iomap_memory()", action = "mmap_action_simple_ioremap()";
	else if (strstr(fn->decided, "io_remap_pfn_range"))
		call = "io_remap_pfn_range()", action = "mmap_action_ioremap_full()";
	else if (strstr(fn->decided, "remap_pfn_range"))
		call = "remap_pfn_range()", action = "mmap_action_remap_full()";
	if (always_fails(f->text.buf, fn->name)) {
		say(sb, names, &first, "fails", "fail");
		strbuf_adds(sb, " every mapping and takes nothing from the VMA but "
			    "the file, which the descriptor has too. Since no VMA "
			    "of the file can exist, no new range can merge with one "
			    "before the hook is called, so mmap() fails with the "
			    "same error as before.");
		goto out;
	}
	if (strstr(fn->idioms, "flag_test"))
		strvec_push(&checks, "the access flags");
	if (strstr(fn->idioms, "size_check"))
		strvec_push(&checks, "the size");
	if (strstr(fn->idioms, "pgoff_check"))
		strvec_push(&checks, "the offset");
	if (checks.nr) {
		say(sb, names, &first, "reads", "read");
		strbuf_adds(sb, " ");
		list(sb, &checks);
		strbuf_adds(sb, " from the descriptor instead of the VMA: the same "
			    "values, so the checks run in the same order and return "
			    "the same errors.");
		if (strstr(fn->idioms, "masked_flag_test"))
			strbuf_adds(sb, " The masked test of the access flags becomes a "
				    "test of each flag of the mask with vma_desc_test(), "
				    "true in exactly the same cases.");
		else if (strstr(fn->idioms, "flag_test"))
			strbuf_adds(sb, " A test of a VM_* flag becomes vma_desc_test() "
				    "of that flag.");
	}
	if (set.nr || clear.nr) {
		if (set.nr) {
			say(sb, names, &first, "sets", "set");
			strbuf_adds(sb, " ");
			list(sb, &set);
			strbuf_adds(sb, " with vma_desc_set_flags()");
		}
		if (clear.nr) {
			if (set.nr) {
				strbuf_adds(sb, " and clears ");
			} else {
				say(sb, names, &first, "clears", "clear");
				strbuf_adds(sb, " ");
			}
			list(sb, &clear);
			strbuf_adds(sb, " with vma_desc_clear_flags()");
		}
		strbuf_adds(sb, ".");
	}
	if (fn->vm_ops)
		strvec_push(&fields, "vm_ops");
	if (fn->priv)
		strvec_push(&fields, "private data");
	if (fn->prot)
		strvec_push(&fields, "page protection");
	if (fields.nr) {
		if (first)
			say(sb, names, &first, "sets", "set");
		else
			strbuf_addf(sb, " %s also sets", names->nr > 1 ? "Each" : "It");
		strbuf_adds(sb, " the ");
		list(sb, &fields);
		strbuf_addf(sb, " on the descriptor, and mm copies %s into the new "
			    "VMA.", fields.nr == 1 && !fn->vm_ops ? "it" : "them");
	}
	if (action && strstr(call, "iomap")) {
		strbuf_addf(sb, " %s becomes %s: mm checks the physical range "
			    "against the size and the offset when it prepares the "
			    "action, before the VMA exists, and maps it once the "
			    "VMA exists, with the same page protection; either "
			    "failure gives mmap() the error that the old call "
			    "returned.", call, action);
	} else if (action) {
		strbuf_addf(sb, " %s of the whole range becomes %s, which mm "
			    "performs once the VMA exists, with the same PFN and "
			    "the same page protection.", call, action);
		if (fn->error_override)
			strbuf_addf(sb, " The old hook returned %s when %s failed; "
				    "desc->action.error_override keeps that error. "
				    "Over the whole range the action's preparation "
				    "cannot fail, so no other error changes.",
				    fn->error_override, call);
		else
			strbuf_addf(sb, " When it fails, mmap() returns its error, "
				    "as it returned the hook's.");
	}
	/*
	 * mm/vma.c __mmap_region(): the old hook ran only when the new range
	 * did not merge with a neighbour; .mmap_prepare runs before the merge.
	 */
	if (action && !any_of(&set, special_flags)) {
		strbuf_adds(sb, " The old remap set VM_IO and VM_PFNMAP on every "
			    "VMA of the file, and preparing the action sets them on "
			    "the descriptor before mm tries to merge, so no mapping "
			    "of the file merges with a neighbour, before this change "
			    "or after it, "
			    "and mm runs the hook for every mapping as it did.");
	} else if (any_of(&set, special_flags)) {
		struct strvec sp = STRVEC_INIT;
		size_t i;

		strvec_init(&sp);
		for (i = 0; i < set.nr; i++)
			for (const char *const *s = special_flags; *s; s++)
				if (!strcmp(set.v[i], *s))
					strvec_push(&sp, *s);
		strbuf_adds(sb, " ");
		list(sb, &sp);
		strbuf_addf(sb, " on every VMA of the file %s a new mapping from "
			    "merging with one, before this change and after it, so "
			    "mm runs the hook for every mapping as it did.",
			    sp.nr > 1 ? "keep" : "keeps");
		strvec_release(&sp);
	} else if (set.nr && !any_of(&set, caller_flags)) {
		strbuf_adds(sb, " mmap() never gives a new range ");
		list(sb, &set);
		strbuf_adds(sb, ", so it never merged with a neighbour that the old "
			    "hook had made and mm called the hook for every "
			    "mapping; it calls the new one for every mapping too.");
	} else if (!set.nr && !clear.nr && fields.nr) {
		strbuf_adds(sb, " The hook sets no flag, so a new mapping could merge "
			    "with a neighbour that it had made, and mm then did not "
			    "call the old hook. mm calls the new one before it tries "
			    "that merge; the merge keeps the neighbour's ");
		list(sb, &fields);
		strbuf_addf(sb, ", which this hook set to the same %s, so the "
			    "mapping ends the same.", fields.nr > 1 ? "values" : "value");
	}
	store_log(f, fn, sb);
out:
	strvec_release(&set);
	strvec_release(&clear);
	strvec_release(&checks);
	strvec_release(&fields);
}

/* Does @text have @fmt with @name, e.g. "#define NAME_prepare NULL"? */
static int has_named(const char *text, const char *fmt, const char *name)
{
	struct strbuf key = STRBUF_INIT;
	int yes;

	strbuf_addf(&key, fmt, name);
	yes = strstr(text, key.buf) != NULL;
	strbuf_release(&key);
	return yes;
}

void convert_log(const struct convert_ctx *x, const struct convert_file *f,
		 struct strbuf *out)
{
	struct strbuf para = STRBUF_INIT, key = STRBUF_INIT, other = STRBUF_INIT;
	struct strvec names = STRVEC_INIT, defs = STRVEC_INIT, all = STRVEC_INIT;
	struct strvec one = STRVEC_INIT;
	char *done = xcalloc(f->nr_fns ? f->nr_fns : 1, 1);
	size_t k, j;
	int docs = 0;

	strvec_init(&names);
	strvec_init(&defs);
	strvec_init(&all);
	strvec_init(&one);
	strvec_push(&one, "HOOK");
	for (k = 0; k < f->nr_fns; k++) {
		const char *n = f->fns[k]->name;
		struct strbuf nm = STRBUF_INIT;

		strbuf_addf(&nm, "%s()", n);
		strvec_push(&all, nm.buf);
		strbuf_release(&nm);
		if (has_named(f->text.buf, "#define %s_prepare NULL", n))
			strvec_push(&defs, n);
		docs |= has_named(f->text.buf, "/**\n * %s_prepare", n);
	}
	strbuf_adds(&para, "Convert ");
	if (f->nr_fns == 1) {
		list(&para, &all);
	} else {
		strbuf_adds(&para, "the mmap hooks ");
		list(&para, &all);
	}
	strbuf_adds(&para, " from f_op->mmap, which is deprecated, to "
		    "f_op->mmap_prepare, which describes the mapping in a struct "
		    "vm_area_desc before mm creates the VMA instead of changing a "
		    "VMA that mm has already set up.");
	if (f->nr_fns == 1)
		strbuf_addf(&para, " The hook is renamed %s_prepare()", f->fns[0]->name);
	else
		strbuf_adds(&para, " Each hook's name gains \"_prepare\"");
	strbuf_addf(&para, "%s, and the file_operations set .mmap_prepare.",
		    docs ? ", in its kernel-doc too" : "");
	if (defs.nr) {
		struct strvec d = STRVEC_INIT;

		strvec_init(&d);
		for (k = 0; k < defs.nr; k++) {
			strbuf_reset(&key);
			strbuf_addf(&key, "%s", defs.v[k]);
			strvec_push(&d, key.buf);
		}
		strbuf_adds(&para, " The #define of ");
		list(&para, &d);
		strbuf_addf(&para, " to NULL, for the configurations that build %s, "
			    "is renamed with %s, so that their file_operations still "
			    "set no hook.", defs.nr > 1 ? "without those hooks" :
			    "without the hook", defs.nr > 1 ? "them" : "it");
		strvec_release(&d);
	}
	strbuf_add_wrapped(out, para.buf, 72, "", "");
	/* One paragraph for the hooks whose change reads the same. */
	for (k = 0; k < f->nr_fns; k++) {
		if (done[k])
			continue;
		strbuf_reset(&key);
		hook_log(f, f->fns[k], &one, &key);
		strvec_release(&names);
		strvec_init(&names);
		for (j = k; j < f->nr_fns; j++) {
			if (done[j])
				continue;
			strbuf_reset(&other);
			hook_log(f, f->fns[j], &one, &other);
			if (strcmp(key.buf, other.buf))
				continue;
			done[j] = 1;
			strvec_push(&names, all.v[j]);
		}
		strbuf_reset(&para);
		hook_log(f, f->fns[k], &names, &para);
		strbuf_adds(out, "\n");
		strbuf_add_wrapped(out, para.buf, 72, "", "");
	}
	strbuf_reset(&para);
	strbuf_addf(&para, "This change was produced by the semantic patch "
		    "mmap_prepare.cocci (in the cover letter), applied with "
		    "Coccinelle %s by opsdoc convert. It was %s%s. It was not run.",
		    x->spatch_version,
		    f->built == 1 ? f->build.buf : "not compile-tested (see below the ---)",
		    f->kdoc ? "; scripts/kernel-doc -none finds no new warning in it" : "");
	strbuf_adds(out, "\n");
	strbuf_add_wrapped(out, para.buf, 72, "", "");
	free(done);
	strbuf_release(&para);
	strbuf_release(&key);
	strbuf_release(&other);
	strvec_release(&names);
	strvec_release(&defs);
	strvec_release(&all);
	strvec_release(&one);
}

void convert_prebuild(const struct convert_ctx *x, struct convert_file *files,
		      size_t nr)
{
	struct strvec argv = STRVEC_INIT;
	struct strbuf odir = STRBUF_INIT, cmdf = STRBUF_INIT, obj = STRBUF_INIT;
	struct run_opts ro = { NULL, NULL, 1 };
	struct strbuf mk = STRBUF_INIT;
	size_t i, base;

	if (!x->build_dir)
		return;
	strvec_init(&argv);
	strbuf_addf(&odir, "O=%s", x->build_dir);
	ro.out = &mk;
	for (i = 0; i < sizeof(make_args) / sizeof(make_args[0]); i++)
		strvec_push(&argv, make_args[i]);
	strvec_push(&argv, x->ksrc);
	strvec_push(&argv, odir.buf);
	strvec_push(&argv, "LLVM=-19");
	strvec_push(&argv, "W=1");
	strvec_push(&argv, "-j2");
	strvec_push(&argv, "-k");
	base = argv.nr;
	for (i = 0; i < nr; i++) {
		if (files[i].failed.len || (!strncmp(files[i].path, "arch/", 5) &&
					    strncmp(files[i].path, "arch/x86/", 9)))
			continue;
		strbuf_reset(&obj);
		strbuf_add(&obj, files[i].path, strlen(files[i].path) - 2);
		strbuf_adds(&obj, ".o");
		strbuf_reset(&cmdf);
		strbuf_addf(&cmdf, "%s/%.*s.%s.cmd", x->build_dir,
			    (int)(strrchr(obj.buf, '/') + 1 - obj.buf), obj.buf,
			    strrchr(obj.buf, '/') + 1);
		if (access(cmdf.buf, R_OK))
			strvec_push(&argv, obj.buf);
	}
	if (argv.nr > base)
		run_program((const char *const *)argv.v, &ro);
	strvec_release(&argv);
	strbuf_release(&odir);
	strbuf_release(&cmdf);
	strbuf_release(&obj);
	strbuf_release(&mk);
}
