// SPDX-License-Identifier: GPL-2.0
/*
 * census_convert.c - may a legacy .mmap be converted by the semantic patch
 * (cocci/mmap_prepare.cocci) without a change of behaviour? A body passes
 * when every statement is one of the forms proved to keep behaviour; the
 * first one that is not names the line and the reason, and the census and
 * opsdoc convert say "needs review" for it. The rules and why each form is
 * safe are in docs/convert.rst.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "census_int.h"
#include "util.h"

struct body {
	const struct ctok *t;
	size_t nr, b, e;	/* the body's '{' and '}' */
	const char *vma, *file;
	const char *text;	/* the whole file, for vm_operations_struct */
	struct strbuf *why;
	unsigned int action_line;
	int actions;
	const struct ctok *ops;	/* the vm_operations_struct assigned */
	int masked;		/* masked flag tests seen */
	int flags;		/* vm_flags_set() or vm_flags_clear() seen */
	size_t call, fail;	/* the first other call; the first error return */
};

static int at(const struct body *B, size_t i, const char *s)
{
	return i < B->nr && ctok_is(&B->t[i], s);
}

static int ident(const struct body *B, size_t i)
{
	return i < B->nr && B->t[i].type == TOK_IDENT;
}

/* A token's text, for a reason: per thread, overwritten by the next. */
static const char *tokname(const struct body *B, size_t i)
{
	static __thread char nb[96];

	snprintf(nb, sizeof(nb), "%.*s", (int)(B->t[i].len < 90 ? B->t[i].len : 90), B->t[i].s);
	return nb;
}

static int keyword(const struct ctok *t)
{
	static const char *const kw[] = {
		"if", "while", "for", "switch", "return", "sizeof", "do", "case",
		"typeof", "__typeof__", NULL
	};
	const char *const *k;

	for (k = kw; *k; k++)
		if (ctok_is(t, *k))
			return 1;
	return 0;
}

static int refuse(struct body *B, size_t i, const char *fmt, const char *arg)
{
	if (B->why->len)
		return -1;
	strbuf_addf(B->why, "line %u: ", B->t[i < B->nr ? i : B->nr - 1].line);
	strbuf_addf(B->why, fmt, arg ? arg : "");
	return -1;
}

static size_t close_of(const struct body *B, size_t i)
{
	int depth = 0;

	for (; i < B->e; i++) {
		if (B->t[i].type != TOK_PUNCT || B->t[i].len != 1)
			continue;
		if (strchr("({[", B->t[i].s[0]))
			depth++;
		else if (strchr(")}]", B->t[i].s[0]) && --depth == 0)
			return i;
	}
	return B->e;
}

static char *text_of(const struct body *B, size_t i, size_t j)
{
	struct strbuf sb = STRBUF_INIT;

	for (; i < j; i++)
		strbuf_addf(&sb, "%s%.*s", sb.len ? " " : "", (int)B->t[i].len, B->t[i].s);
	return strbuf_detach(&sb);
}

/* VM_A | VM_B ... from @i to @j: only flag names and '|'. */
static int flag_list(const struct body *B, size_t i, size_t j)
{
	int want = 1;

	if (i >= j)
		return 0;
	for (; i < j; i++, want = !want)
		if (want ? !(ident(B, i) && B->t[i].len > 3 && !memcmp(B->t[i].s, "VM_", 3)) :
		    !at(B, i, "|"))
			return 0;
	return !want;
}

/* Is every flag name in [v, ve) one of those in [m, me)? */
static int flags_within(const struct body *B, size_t v, size_t ve, size_t m, size_t me)
{
	size_t i, k;

	for (i = v; i < ve; i++) {
		if (!ident(B, i))
			continue;
		for (k = m; k < me; k++)
			if (ident(B, k) && B->t[k].len == B->t[i].len &&
			    !memcmp(B->t[k].s, B->t[i].s, B->t[i].len))
				break;
		if (k == me)
			return 0;
	}
	return 1;
}

/* Is the VMA at @i exactly "vma->MEMBER"? */
static int member(const struct body *B, size_t i, const char *m)
{
	return at(B, i, B->vma) && at(B, i + 1, "->") && at(B, i + 2, m);
}

/* Is [i, j) "vma->vm_end - vma->vm_start"? */
static int whole_size(const struct body *B, size_t i, size_t j)
{
	return j == i + 7 && member(B, i, "vm_end") && at(B, i + 3, "-") &&
	       member(B, i + 4, "vm_start");
}

/* Locals given only the whole size: "sz = vma->vm_end - vma->vm_start". */
static int whole_var(const struct body *B, const struct ctok *v)
{
	size_t i, e;
	int good = 0;

	for (i = B->b + 1; i < B->e; i++) {
		if (B->t[i].len != v->len || memcmp(B->t[i].s, v->s, v->len) ||
		    B->t[i].type != TOK_IDENT)
			continue;
		if (at(B, i + 1, "=")) {
			for (e = i + 2; e < B->e && !at(B, e, ";") && !at(B, e, ","); e++)
				;
			if (!whole_size(B, i + 2, e))
				return 0;
			good++;
		} else if (B->t[i + 1].type == TOK_PUNCT && B->t[i + 1].len == 2 &&
			   B->t[i + 1].s[1] == '=' && !at(B, i + 1, "==") &&
			   !at(B, i + 1, "!=") && !at(B, i + 1, "<=") && !at(B, i + 1, ">=")) {
			return 0;
		} else if (at(B, i - 1, "&") || at(B, i + 1, "++") || at(B, i + 1, "--") ||
			   at(B, i - 1, "++") || at(B, i - 1, "--")) {
			return 0;
		}
	}
	return good == 1;
}

/*
 * Is the size [i, j) of a remap before @call the whole range? It is when it
 * is "vma->vm_end - vma->vm_start", a local given only that, or an
 * expression an earlier top-level "if (WHOLE != SIZE || ...) return ...;"
 * made equal to it.
 */
static int proved_whole(const struct body *B, size_t i, size_t j, size_t call)
{
	char *want;
	size_t k, c, e, s;
	int ok = 0;

	if (whole_size(B, i, j) || (j == i + 1 && ident(B, i) && whole_var(B, &B->t[i])))
		return 1;
	want = text_of(B, i, j);
	for (k = B->b + 1; k < call && !ok; k++) {
		if (!at(B, k, "if") || !at(B, k + 1, "(") ||
		    (!at(B, k - 1, ";") && !at(B, k - 1, "{") && !at(B, k - 1, "}")))
			continue;
		c = close_of(B, k + 1);
		if (!at(B, c + 1, "return"))
			continue;
		/* The operands of the condition's top-level '||'. */
		for (s = k + 2; s < c && !ok; s = e + 1) {
			size_t ne;
			char *rhs;

			for (e = s; e < c && !at(B, e, "||"); e++) {
				if (at(B, e, "&&"))
					goto next;
				if (at(B, e, "("))
					e = close_of(B, e);
			}
			for (ne = s; ne < e && !at(B, ne, "!="); ne++)
				;
			if (ne == e)
				continue;
			rhs = text_of(B, ne + 1, e);
			if (!strcmp(rhs, want) &&
			    (whole_size(B, s, ne) ||
			     (ne == s + 1 && ident(B, s) && whole_var(B, &B->t[s]))))
				ok = 1;
			free(rhs);
		}
next:
		;
	}
	free(want);
	return ok;
}

/* The vm_operations_struct NAME of the file: does it set .close? */
static int ops_close(const struct body *B, const struct ctok *name)
{
	struct strbuf key = STRBUF_INIT;
	const char *p, *q, *end;
	int r = 1;

	strbuf_addf(&key, "vm_operations_struct %.*s", (int)name->len, name->s);
	for (p = strstr(B->text, key.buf); p; p = strstr(p + 1, key.buf)) {
		q = p + key.len;
		while (*q == ' ' || *q == '\t' || *q == '\n')
			q++;
		if (*q != '=')
			continue;
		end = strstr(q, "};");
		if (!end)
			break;
		r = 0;
		for (; q < end; q++)
			if (!strncmp(q, ".close", 6) && !(q[6] == '_' || (q[6] >= 'a' && q[6] <= 'z')))
				r = 1;
		break;
	}
	strbuf_release(&key);
	return r;
}

/*
 * The action call at @i: remap_pfn_range() and io_remap_pfn_range() over
 * the whole range at its start with the VMA's protection, or
 * vm_iomap_memory(); as "return CALL;" or "if (CALL) return -E;".
 */
static int action(struct body *B, size_t i, size_t *next)
{
	size_t c = close_of(B, i + 1), a[6], n = 0, k;
	int iomap = at(B, i, "vm_iomap_memory");

	if (B->actions++)
		return refuse(B, i, "a second mapping call", NULL);
	B->action_line = B->t[i].line;
	a[n++] = i + 2;
	for (k = i + 2; k < c && n < 6; k++) {
		if (at(B, k, "(") || at(B, k, "["))
			k = close_of(B, k);
		else if (at(B, k, ","))
			a[n++] = k + 1;
	}
	a[n] = c + 1;
	if (n != (iomap ? 3u : 5u) || !at(B, a[0], B->vma) || a[1] != a[0] + 2)
		return refuse(B, i, "%s() with arguments other than the VMA's", tokname(B, i));
	if (!iomap) {
		if (a[2] != a[1] + 4 || !member(B, a[1], "vm_start"))
			return refuse(B, i, "a remap that does not start at vma->vm_start", NULL);
		if (c != a[4] + 3 || !member(B, a[4], "vm_page_prot"))
			return refuse(B, i, "a remap with a protection other than vma->vm_page_prot", NULL);
		if (!proved_whole(B, a[3], a[4] - 1, i))
			return refuse(B, i, "a remap of part of the range (or of a size not proved to be the whole)", NULL);
	}
	if (at(B, i - 1, "return") && at(B, c + 1, ";")) {
		*next = c + 2;
		return 0;
	}
	if (!iomap && at(B, i - 1, "(") && at(B, i - 2, "if") && at(B, c + 1, ")") &&
	    at(B, c + 2, "return") && at(B, c + 3, "-") && ident(B, c + 4) &&
	    at(B, c + 5, ";") && !at(B, c + 6, "else")) {
		*next = c + 6;
		return 0;
	}
	if (!iomap && at(B, i - 1, "(") && at(B, i - 2, "if") && at(B, c + 1, ")"))
		return refuse(B, i, "does more than return an error when the remap fails; "
			      "the action fails after the hook has returned", NULL);
	return refuse(B, i, "the result of %s() is used other than as "
		      "\"return CALL;\" or \"if (CALL) return -E;\"", tokname(B, i));
}

static int vma_use(struct body *B, size_t i);

/* What may follow the action: field and flag assignments, then "return 0;". */
static int after_action(struct body *B, size_t i)
{
	for (; i < B->e; i++) {
		if (at(B, i, "return") && at(B, i + 1, "0") && at(B, i + 2, ";") &&
		    i + 3 == B->e)
			return 0;
		if (member(B, i, "vm_ops") || member(B, i, "vm_private_data")) {
			if (vma_use(B, i))
				return -1;
			while (i < B->e && !at(B, i, ";"))
				i++;
			continue;
		}
		return refuse(B, i, "a statement after the mapping call, which would run "
			      "before the action does", NULL);
	}
	return 0;
}

static int vma_use(struct body *B, size_t i)
{
	static const char *const readable[] = {
		"vm_start", "vm_end", "vm_pgoff", "vm_page_prot", "vm_file", NULL
	};
	const struct ctok *m;
	const char *const *r;
	size_t c;

	if (at(B, i + 1, "->") && ident(B, i + 2)) {
		m = &B->t[i + 2];
		if (ctok_is(m, "vm_ops") || ctok_is(m, "vm_private_data")) {
			if (!at(B, i + 3, "="))
				return refuse(B, i, "reads vma->%s, which the descriptor only "
					      "takes", ctok_is(m, "vm_ops") ? "vm_ops" : "vm_private_data");
			if (ctok_is(m, "vm_ops")) {
				if (at(B, i + 4, "&") && ident(B, i + 5))
					B->ops = &B->t[i + 5];
				else
					return refuse(B, i, "vm_ops set to other than &NAME", NULL);
			}
			return 0;
		}
		if (ctok_is(m, "vm_flags")) {
			if (!at(B, i + 3, "&"))
				return refuse(B, i, "vma->vm_flags used other than in a flag test", NULL);
			if (at(B, i + 4, "(")) {
				/*
				 * (vma->vm_flags & (VM_A | VM_B)) ==/!= VM_A, or
				 * != (VM_A | VM_B): the value's flags all in the mask.
				 */
				size_t v, ve;

				c = close_of(B, i + 4);
				v = c + 3;
				ve = at(B, v, "(") ? close_of(B, v) + 1 : v + 1;
				if (!flag_list(B, i + 5, c) || !at(B, i - 1, "(") || !at(B, c + 1, ")") ||
				    !at(B, i - 2, "(") || !at(B, i - 3, "if") ||
				    !(at(B, c + 2, "!=") || at(B, c + 2, "==")) ||
				    !(ve == v + 1 ? flag_list(B, v, ve) : flag_list(B, v + 1, ve - 1)) ||
				    !at(B, ve, ")") || !flags_within(B, v, ve, i + 5, c))
					return refuse(B, i, "a masked flag test of a form not proved "
						      "(only \"if ((vm_flags & (A | B)) != A)\" or "
						      "\"!= (A | B)\")", NULL);
				if (B->masked++)
					return refuse(B, i, "a second masked flag test", NULL);
				return 0;
			}
			if (!(ident(B, i + 4) && B->t[i + 4].len > 3 && !memcmp(B->t[i + 4].s, "VM_", 3)))
				return refuse(B, i, "a flag test of other than one VM_ flag", NULL);
			/* Only its truth may count: vma_desc_test() is a bool. */
			if ((at(B, i + 5, ")") && (at(B, i + 6, "==") || at(B, i + 6, "!=")) &&
			     !at(B, i + 7, "0")) || at(B, i + 5, "==") || at(B, i + 5, "!=") ||
			    at(B, i - 1, "="))
				return refuse(B, i, "the value of a flag test is used, not its truth", NULL);
			return 0;
		}
		for (r = readable; *r; r++)
			if (ctok_is(m, *r))
				break;
		if (!*r)
			return refuse(B, i, "uses a VMA field the descriptor does not have (%s)",
				      tokname(B, i + 2));
		if (B->t[i + 3].type == TOK_PUNCT && B->t[i + 3].len >= 1 &&
		    B->t[i + 3].s[B->t[i + 3].len - 1] == '=' && !at(B, i + 3, "==") &&
		    !at(B, i + 3, "!=") && !at(B, i + 3, "<=") && !at(B, i + 3, ">=") &&
		    !ctok_is(m, "vm_page_prot"))
			return refuse(B, i, "changes vma->%s", tokname(B, i + 2));
		if (at(B, i - 1, "&") && !at(B, i - 2, ")") && B->t[i - 2].type == TOK_PUNCT)
			return refuse(B, i, "takes the address of a VMA field", NULL);
		return 0;
	}
	return refuse(B, i, "uses the VMA pointer itself", NULL);
}

/* Calls that take the VMA and that the semantic patch rewrites. */
static int vma_call(struct body *B, size_t i, size_t *next)
{
	size_t c = close_of(B, i + 1);

	if (at(B, i, "vm_flags_set") || at(B, i, "vm_flags_clear")) {
		if (!at(B, i + 2, B->vma) || !at(B, i + 3, ",") || !flag_list(B, i + 4, c) ||
		    !at(B, c + 1, ";"))
			return refuse(B, i, "%s() of other than VM_ flags", tokname(B, i));
		B->flags = 1;
		*next = c + 1;
		return 0;
	}
	if (at(B, i, "vma_pages")) {
		if (c != i + 3)
			return refuse(B, i, "vma_pages() of another VMA", NULL);
		*next = c + 1;
		return 0;
	}
	if (at(B, i, "remap_pfn_range") || at(B, i, "io_remap_pfn_range") ||
	    at(B, i, "vm_iomap_memory")) {
		if (action(B, i, next))
			return -1;
		return after_action(B, *next);
	}
	return 1;
}

int census_remap_args(const struct clex *lx, size_t b, size_t e, const char *vma,
		      size_t call, struct strbuf *prot)
{
	struct strbuf none = STRBUF_INIT;
	struct body B = {
		.t = lx->toks, .nr = lx->nr, .b = b, .e = e, .vma = vma,
		.why = &none,
	};
	size_t c = close_of(&B, call + 1), a[6], n = 0, k;
	int whole;

	a[n++] = call + 2;
	for (k = call + 2; k < c && n < 6; k++) {
		if (at(&B, k, "(") || at(&B, k, "["))
			k = close_of(&B, k);
		else if (at(&B, k, ","))
			a[n++] = k + 1;
	}
	a[n] = c + 1;
	strbuf_release(&none);
	if (n != 5 || !at(&B, a[0], vma) || a[1] != a[0] + 2)
		return 0;
	if (c != a[4] + 3 || !member(&B, a[4], "vm_page_prot")) {
		char *t = text_of(&B, a[4], c);

		strbuf_adds(prot, t);
		free(t);
	}
	whole = a[2] == a[1] + 4 && member(&B, a[1], "vm_start") &&
		proved_whole(&B, a[3], a[4] - 1, call);
	return whole;
}

/* Is token i an assignment ("=", "|=", ...) or "++"/"--"? */
static int store_op(const struct body *B, size_t i)
{
	static const char *const ops[] = {
		"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=",
		"++", "--", NULL
	};
	const char *const *o;

	for (o = ops; *o; o++)
		if (at(B, i, *o))
			return 1;
	return 0;
}

int census_store_before_check(const char *text, const char *name,
			      struct strbuf *lvalue)
{
	struct clex lx;
	struct body B = { 0 };
	struct strbuf none = STRBUF_INIT;
	size_t i, j, k, end, store = 0, last = 0;

	strbuf_reset(lvalue);
	census_lex(text, strlen(text), &lx, 0);
	B.t = lx.toks;
	B.nr = lx.nr;
	B.why = &none;
	/* NAME ( struct vm_area_desc * desc ) { */
	for (i = 0; i + 7 < lx.nr; i++)
		if (ctok_is(&lx.toks[i], name) && at(&B, i + 1, "(") &&
		    at(&B, i + 3, "vm_area_desc") && at(&B, i + 7, "{"))
			break;
	if (i + 7 >= lx.nr)
		goto out;
	B.b = i + 7;
	B.e = lx.nr;
	B.e = close_of(&B, B.b);
	for (i = B.b + 1; i < B.e; i++) {
		if (at(&B, i, "return") && !(at(&B, i + 1, "0") && at(&B, i + 2, ";")))
			last = i;
		if (store || !store_op(&B, i))
			continue;
		/* The lvalue: back over NAME, ->, ., *, [...]; forward for ++x. */
		k = i, end = i;
		if ((at(&B, i, "++") || at(&B, i, "--")) && !ident(&B, i - 1) &&
		    !at(&B, i - 1, "]")) {
			for (k = end = i + 1; end < B.e && (ident(&B, end) ||
				    at(&B, end, "->") || at(&B, end, ".")); end++)
				;
		} else {
			while (k > B.b + 1) {
				if (at(&B, k - 1, "]")) {
					while (k > B.b + 1 && !at(&B, k - 1, "["))
						k--;
					k--;
				} else if (ident(&B, k - 1) || at(&B, k - 1, "->") ||
					   at(&B, k - 1, ".") || at(&B, k - 1, "*")) {
					k--;
				} else {
					break;
				}
			}
		}
		/* A local ("ret = ...") or the descriptor is no side effect. */
		if (k >= end || at(&B, k, "desc"))
			continue;
		for (j = k; j < end; j++)
			if (at(&B, j, "->") || at(&B, j, ".") || at(&B, j, "[") ||
			    (j == k && at(&B, j, "*")))
				break;
		if (j == end)
			continue;
		store = k;
		for (j = k; j < end; j++)
			strbuf_add(lvalue, lx.toks[j].s, lx.toks[j].len);
	}
out:
	strbuf_release(&none);
	clex_release(&lx);
	if (!store || last < store) {
		strbuf_reset(lvalue);
		return 0;
	}
	return 1;
}

/* Does the file assign a file's f_op ("->f_op = ...")? */
static int swaps_f_op(const char *text)
{
	const char *p;

	for (p = strstr(text, "->f_op"); p; p = strstr(p + 6, "->f_op")) {
		const char *q = p + 6;

		while (*q == ' ' || *q == '\t')
			q++;
		if (q[0] == '=' && q[1] != '=')
			return 1;
	}
	return 0;
}

void census_convert_check(const struct clex *lx, size_t b, size_t e,
			  const char *vma, const char *file, const char *text,
			  struct strbuf *why)
{
	struct body B = {
		.t = lx->toks, .nr = lx->nr, .b = b, .e = e, .vma = vma,
		.file = file, .text = text, .why = why,
	};
	int cond = lx->toks[b].cond;
	size_t i, next = 0, c;
	int r;

	for (i = b + 1; i < e && !why->len; i++) {
		const struct ctok *t = &B.t[i];

		if (t->cond != cond) {
			refuse(&B, i, "part of the body is under #if", NULL);
			break;
		}
		if (t->macro) {
			refuse(&B, i, "a macro of the tree (%s) in the body", t->macro);
			break;
		}
		if (t->type != TOK_IDENT)
			continue;
		if (ident(&B, i) && at(&B, i + 1, "(") && !at(&B, i - 1, "->") &&
		    !at(&B, i - 1, ".") && !keyword(t)) {
			r = vma_call(&B, i, &next);
			if (r < 0)
				break;
			if (!r) {
				i = next - 1;
				continue;
			}
			/* Any other call: not with the VMA. */
			if (!B.call)
				B.call = i;
			c = close_of(&B, i + 1);
			for (next = i + 2; next < c; next++)
				if (at(&B, next, vma) && (at(&B, next - 1, "(") || at(&B, next - 1, ",")) &&
				    (at(&B, next + 1, ")") || at(&B, next + 1, ",")))
					refuse(&B, next, "passes the VMA to %s()", tokname(&B, i));
			continue;
		}
		if (ctok_is(t, vma) && !at(&B, i - 1, "->") && !at(&B, i - 1, "."))
			vma_use(&B, i);
		if (ctok_is(t, "goto"))
			refuse(&B, i, "a goto; only straight-line bodies are proved", NULL);
		if (ctok_is(t, "return") && !B.fail &&
		    !(at(&B, i + 1, "0") && at(&B, i + 2, ";")))
			B.fail = i;
	}
	/*
	 * mm/vma.c __mmap_region(): mm tries to merge a new range with a
	 * neighbour before it calls .mmap, and calls no .mmap when that
	 * merge succeeds; .mmap_prepare runs before the merge. A hook that
	 * sets no flag and maps nothing leaves the range mergeable, so its
	 * checks and calls would run for ranges the old hook never saw.
	 */
	/*
	 * Unless the body is "return -E;" and nothing else: then no VMA of
	 * the file can exist, and a new range has no neighbour to merge with.
	 */
	if (!why->len && !B.flags && !B.actions && (B.call || B.fail) &&
	    !(e == b + 5 && at(&B, b + 1, "return") && at(&B, b + 2, "-") &&
	      ident(&B, b + 3) && at(&B, b + 4, ";")))
		refuse(&B, B.call ? B.call : B.fail, "%s, and the hook sets no flag: "
		       "mm calls .mmap only when the new range did not merge with a "
		       "neighbour, but .mmap_prepare before that merge",
		       B.call && (!B.fail || B.call < B.fail) ?
		       "calls a function" : "returns an error");
	/*
	 * A file that swaps f_op at runtime (sound/core/init.c on
	 * disconnect) races with mm, which reads f_op more than once while
	 * it maps: a hook half-converted to .mmap_prepare may then be
	 * skipped. Not proved; leave it to a person.
	 */
	if (!why->len && text && swaps_f_op(text))
		refuse(&B, b, "the file assigns f_op at runtime, and mm reads f_op "
		       "more than once while it maps", NULL);
	if (!why->len && B.ops && B.actions && ops_close(&B, B.ops))
		refuse(&B, b, "sets vm_ops (%s) with a close, which would run when the "
		       "action fails after the VMA is made; the old hook failed before",
		       tokname(&B, B.ops - B.t));
	(void)file;
}
