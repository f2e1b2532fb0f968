// SPDX-License-Identifier: GPL-2.0
/*
 * census_facts.c - what the body of a legacy mmap does, followed through
 * the functions of its file that it calls: the calls that decide its
 * class, the flags and fields it sets, the resource it takes per mapping,
 * the lock it holds while it maps, the error it returns in place of the
 * action's and the idioms its recipe must cover; then its class, and for
 * a mechanical class whether the semantic patch may convert it.
 */
#include <stdlib.h>
#include <string.h>

#include "census_int.h"
#include "census_scan.h"
#include "util.h"

/* What a legacy mmap's body does, gathered through its helpers. */
struct facts {
	struct strvec remap, ioremap, pages, prepare;
	struct strbuf blocked;	/* a call or use that needs the VMA */
	struct strbuf weak;	/* the VMA passed on: weaker evidence */
	struct strvec set, clear;
	int vm_ops, priv, prot;
	struct strbuf resource;	/* the first call that takes a per-mapping resource */
	struct strbuf override;	/* the error returned in place of the action's */
	struct strbuf lock;	/* the lock last taken and still held, by its call */
	int held;		/* locks taken and not yet dropped, lexically */
	struct strbuf under;	/* the lock held at a mapping call, and the call */
	struct strvec idioms;
	struct fdef *seen[64];
	int nr_seen;
};

static const char *const remap_calls[] = { "remap_pfn_range", NULL };
static const char *const ioremap_calls[] = {
	"io_remap_pfn_range", "vm_iomap_memory", NULL
};
static const char *const pages_calls[] = {
	"vm_insert_pages", "vm_map_pages", "vm_map_pages_zero", NULL
};
static const char *const prepare_calls[] = {
	"generic_file_mmap", "generic_file_readonly_mmap", NULL
};
static const char *const blocking_calls[] = {
	"vm_insert_page", "vm_insert_pfn", "vmf_insert_pfn", "vmf_insert_mixed",
	"zap_vma_ptes", "dma_buf_mmap", "drm_gem_mmap_obj", "remap_vmalloc_range",
	"remap_vmalloc_range_partial", "vma_set_file", NULL
};
/* Calls that take the VMA and have an equivalent on the descriptor. */
static const char *const vma_ok_calls[] = {
	"vm_flags_set", "vm_flags_clear", "vm_flags_mod", "vm_flags_init",
	"vm_flags_reset", "vma_pages", "vma_set_anonymous", "vma_is_anonymous",
	"vma_set_flags", "vma_clear_flags",
	"vma_is_shared_maywrite", "is_cow_mapping", NULL
};
/* Calls that take something per mapping, besides the *alloc* ones. */
static const char *const taking_calls[] = {
	"kref_get", "refcount_inc", "atomic_inc", "atomic_inc_return",
	"get_device", "get_file", "try_module_get", "list_add", "list_add_tail",
	"__get_free_pages", "get_zeroed_page", "refcount_inc_not_zero",
	"kref_get_unless_zero", "atomic_inc_not_zero", NULL
};
/* Locks a hook may hold while it maps, and how they are dropped. */
static const char *const lock_calls[] = {
	"mutex_lock", "mutex_lock_interruptible", "mutex_lock_killable",
	"spin_lock", "spin_lock_irq", "spin_lock_irqsave", "spin_lock_bh",
	"down_read", "down_write", "down_read_interruptible",
	"down_write_killable", "read_lock", "write_lock", "mtree_lock",
	"xa_lock", "rcu_read_lock", NULL
};
static const char *const unlock_calls[] = {
	"mutex_unlock", "spin_unlock", "spin_unlock_irq",
	"spin_unlock_irqrestore", "spin_unlock_bh", "up_read", "up_write",
	"read_unlock", "write_unlock", "mtree_unlock", "xa_unlock",
	"rcu_read_unlock", NULL
};
static const char *const keywords[] = {
	"if", "for", "while", "switch", "return", "sizeof", "typeof",
	"__typeof__", "_Generic", "defined", "do", "case", NULL
};

static int in_list(const struct ctok *t, const char *const *l)
{
	for (; *l; l++)
		if (ctok_is(t, *l))
			return 1;
	return 0;
}

static void add_flags(struct scan *S, size_t i, size_t end, struct strvec *to)
{
	const struct ctok *t = S->lx->toks;

	for (; i < end; i++)
		if (t[i].type == TOK_IDENT && t[i].len > 8 && !memcmp(t[i].s, "VMA_", 4) &&
		    !memcmp(t[i].s + t[i].len - 4, "_BIT", 4)) {
			/* The VMA_*_BIT form of 7.x: kept as its VM_* name. */
			struct strbuf sb = STRBUF_INIT;

			strbuf_addf(&sb, "VM_%.*s", (int)t[i].len - 8, t[i].s + 4);
			strvec_push_unique(to, sb.buf);
			strbuf_release(&sb);
		} else if (t[i].type == TOK_IDENT && t[i].len > 3 && !memcmp(t[i].s, "VM_", 3)) {
			char *s = scan_tokstr(&t[i]);

			strvec_push_unique(to, s);
			free(s);
		}
}

static void block(struct facts *F, const char *fmt, const struct ctok *t)
{
	if (F->blocked.len)
		return;
	strbuf_addf(&F->blocked, fmt, (int)t->len, t->s);
}

/* The VMA handed to another function: named only if nothing else blocks. */
static void weak_block(struct facts *F, const char *fmt, const struct ctok *t)
{
	if (F->weak.len)
		return;
	strbuf_addf(&F->weak, fmt, (int)t->len, t->s);
}

/* Is the token at @i a whole argument of a call? */
static int bare_arg(struct scan *S, size_t i)
{
	return (scan_is(S, i - 1, "(") || scan_is(S, i - 1, ",")) &&
	       (scan_is(S, i + 1, ",") || scan_is(S, i + 1, ")"));
}

static int takes_resource(const struct ctok *c)
{
	size_t k;

	if (in_list(c, taking_calls))
		return 1;
	for (k = 0; k + 5 <= c->len; k++)
		if (!memcmp(c->s + k, "alloc", 5))
			return !memmem(c->s, c->len, "vma", 3);
	return 0;
}

/* "-EAGAIN" at @r ("return -EAGAIN;" or "VAR = -EAGAIN;"), or 0. */
static int errcode_at(struct scan *S, size_t r, struct strbuf *out)
{
	const struct ctok *t = S->lx->toks;

	if (scan_is(S, r, "{"))
		r++;
	if (scan_is(S, r, "return"))
		r++;
	else if (r + 1 < S->lx->nr && t[r].type == TOK_IDENT && scan_is(S, r + 1, "="))
		r += 2;
	else
		return 0;
	if (!scan_is(S, r, "-") || r + 2 >= S->lx->nr || t[r + 1].type != TOK_IDENT ||
	    !scan_is(S, r + 2, ";"))
		return 0;
	strbuf_addf(out, "-%.*s", (int)t[r + 1].len, t[r + 1].s);
	return 1;
}

/*
 * The error a body returns when the call the action replaces fails, when
 * it is not the call's own: "if (CALL(...)) return -EAGAIN;" and
 * "ret = CALL(...); if (ret) return -EAGAIN;" (or "ret = -EFAULT;").
 * @i is the call's name, @e its closing parenthesis.
 */
static void find_override(struct scan *S, size_t i, size_t e, struct facts *F)
{
	const struct ctok *t = S->lx->toks, *var;
	size_t r;

	if (F->override.len || i < 2)
		return;
	if (scan_is(S, i - 1, "(") && scan_is(S, i - 2, "if") && scan_is(S, e + 1, ")")) {
		errcode_at(S, e + 2, &F->override);
		return;
	}
	if (!scan_is(S, i - 1, "=") || t[i - 2].type != TOK_IDENT || !scan_is(S, e + 1, ";") ||
	    !scan_is(S, e + 2, "if") || !scan_is(S, e + 3, "("))
		return;
	var = &t[i - 2];
	r = e + 4;
	if (r >= S->lx->nr || !(t[r].len == var->len && !memcmp(t[r].s, var->s, var->len)))
		return;
	r++;
	if ((scan_is(S, r, "!=") || scan_is(S, r, "<")) && scan_is(S, r + 1, "0"))
		r += 2;
	if (!scan_is(S, r, ")"))
		return;
	errcode_at(S, r + 1, &F->override);
}

static void idiom(struct facts *F, const char *fmt, const struct ctok *t)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, fmt, t ? (int)t->len : 0, t ? t->s : "");
	strvec_push_unique(&F->idioms, sb.buf);
	strbuf_release(&sb);
}

/*
 * A lock taken at @i: "guard(mutex)(...)" and "scoped_guard(mutex, ...)"
 * hold it to the end of the function (lexically, a little longer for the
 * scoped one), a lock call until its unlock call. An unlock right before
 * a return or goto drops it only on that path.
 */
static int lock_taken(struct scan *S, size_t i, size_t e, struct facts *F)
{
	const struct ctok *t = S->lx->toks;

	if ((ctok_is(&t[i], "guard") || ctok_is(&t[i], "scoped_guard")) &&
	    t[i + 2].type == TOK_IDENT) {
		strbuf_reset(&F->lock);
		strbuf_addf(&F->lock, "%.*s(%.*s)", (int)t[i].len, t[i].s,
			    (int)t[i + 2].len, t[i + 2].s);
		F->held++;
		return 1;
	}
	if (in_list(&t[i], lock_calls)) {
		strbuf_reset(&F->lock);
		strbuf_addf(&F->lock, "%.*s()", (int)t[i].len, t[i].s);
		F->held++;
	} else if (in_list(&t[i], unlock_calls) && F->held && scan_is(S, e + 1, ";") &&
		   !scan_is(S, e + 2, "return") && !scan_is(S, e + 2, "goto")) {
		F->held--;
	}
	return 0;
}

/* "sock->ops->mmap" for the member call whose name is at @i. */
static void member_chain(struct scan *S, size_t i, struct strbuf *out)
{
	const struct ctok *t = S->lx->toks;
	size_t s = i;

	while (s >= 2 && (scan_is(S, s - 1, "->") || scan_is(S, s - 1, "."))) {
		size_t o;
		int depth = 0;

		if (t[s - 2].type == TOK_IDENT) {
			s -= 2;
			continue;
		}
		if (!scan_is(S, s - 2, ")"))
			break;
		/* READ_ONCE(sock->ops)->mmap: the call, back to its name. */
		for (o = s - 2; o > 0; o--) {
			if (scan_is(S, o, ")"))
				depth++;
			else if (scan_is(S, o, "(") && !--depth)
				break;
		}
		if (!o || t[o - 1].type != TOK_IDENT)
			break;
		s = o - 1;
	}
	for (; s <= i; s++)
		strbuf_add(out, t[s].s, t[s].len);
}

/* "phys_mem_access_prot()" when @var was last given a call's value. */
static void prot_source(struct scan *S, struct fdef *f, size_t call,
			const char *var, struct strbuf *out)
{
	const struct ctok *t = S->lx->toks;
	size_t k;

	for (k = call; k-- > f->body + 1;)
		if (ctok_is(&t[k], var) && scan_is(S, k + 1, "=") && t[k + 2].type == TOK_IDENT &&
		    scan_is(S, k + 3, "(")) {
			strbuf_addf(out, "%.*s()", (int)t[k + 2].len, t[k + 2].s);
			return;
		}
	strbuf_adds(out, var);
}

static void analyse(struct scan *S, struct fdef *f, struct facts *F)
{
	const struct ctok *t = S->lx->toks;
	size_t i;
	int k, guards = 0;

	for (k = 0; k < F->nr_seen; k++)
		if (F->seen[k] == f)
			return;
	if (F->nr_seen == 64)
		return;
	F->seen[F->nr_seen++] = f;
	for (i = f->body + 1; i < f->end; i++) {
		const struct ctok *c = &t[i];
		struct fdef *h;
		char *name;
		size_t e, a;
		int passes_vma = 0;

		if (f->vma && c->type == TOK_IDENT && ctok_is(c, f->vma)) {
			if (scan_is(S, i - 1, "=") && (scan_is(S, i + 1, ";") || scan_is(S, i + 1, ",")))
				block(F, "stores the VMA pointer (%.*s)", c);
			if (scan_is(S, i + 1, "->") && i + 3 < f->end) {
				const struct ctok *m = &t[i + 2], *op = &t[i + 3];
				int assign = ctok_is(op, "=") || ctok_is(op, "|=") ||
					     ctok_is(op, "&=");

				for (e = i; e < f->end && !scan_is(S, e, ";"); e++)
					;
				if (!assign && ((ctok_is(m, "vm_end") &&
				     !(ctok_is(op, "-") && scan_is(S, i + 5, "->") && scan_is(S, i + 6, "vm_start"))) ||
				    (ctok_is(m, "vm_start") && !scan_is(S, i - 1, ",") &&
				     !(scan_is(S, i - 1, "-") && scan_is(S, i - 2, "vm_end")))))
					idiom(F, "range_fields", NULL);
				if (ctok_is(m, "vm_flags") && ctok_is(op, "&"))
					idiom(F, scan_is(S, i + 4, "(") ? "masked_flag_test" :
					      "flag_test", NULL);
				else if (ctok_is(m, "vm_pgoff") && !assign)
					idiom(F, "pgoff_check", NULL);
				else if (ctok_is(m, "vm_end") && ctok_is(op, "-") &&
					 scan_is(S, i + 5, "->") && scan_is(S, i + 6, "vm_start"))
					idiom(F, "size_check", NULL);
				if (assign && ctok_is(m, "vm_page_prot") &&
				    t[i + 4].type == TOK_IDENT && scan_is(S, i + 5, "(") &&
				    t[i + 4].len > 7 && !memcmp(t[i + 4].s, "pgprot_", 7))
					idiom(F, "pgprot:%.*s", &t[i + 4]);
				if (assign && ctok_is(m, "vm_ops"))
					F->vm_ops = 1;
				else if (assign && ctok_is(m, "vm_private_data"))
					F->priv = 1;
				else if (assign && ctok_is(m, "vm_page_prot"))
					F->prot = 1;
				else if (ctok_is(op, "&=") && ctok_is(m, "vm_flags"))
					add_flags(S, i + 4, e, &F->clear);
				else if (assign && ctok_is(m, "vm_flags"))
					add_flags(S, i + 4, e, &F->set);
				else if (assign && (ctok_is(m, "vm_start") || ctok_is(m, "vm_end")))
					block(F, "changes vma->%.*s", m);
			}
			continue;
		}
		if (c->type != TOK_IDENT || !scan_is(S, i + 1, "(") || in_list(c, keywords))
			continue;
		e = scan_match(S, i + 1);
		for (a = i + 2, k = 0; f->vma && a < e; a++) {
			if (ctok_is(&t[a], "(") || ctok_is(&t[a], "{") || ctok_is(&t[a], "["))
				k++;
			else if (ctok_is(&t[a], ")") || ctok_is(&t[a], "}") || ctok_is(&t[a], "]"))
				k--;
			else if (!k && ctok_is(&t[a], f->vma) && bare_arg(S, a))
				passes_vma = 1;
		}
		guards += lock_taken(S, i, e, F);
		name = scan_tokstr(c);
		if (in_list(c, remap_calls) || in_list(c, ioremap_calls) ||
		    in_list(c, pages_calls)) {
			find_override(S, i, e, F);
			if (F->held && !F->under.len)
				strbuf_addf(&F->under, "%s() under %s", name, F->lock.buf);
		}
		if (f->vma && (in_list(c, remap_calls) || ctok_is(c, "io_remap_pfn_range"))) {
			struct strbuf prot = STRBUF_INIT, src = STRBUF_INIT;

			if (!census_remap_args(S->lx, f->body, f->end, f->vma, i, &prot))
				idiom(F, "partial_remap", NULL);
			if (prot.len && !strchr(prot.buf, ' ')) {
				strbuf_adds(&src, "prot_arg:");
				prot_source(S, f, i, prot.buf, &src);
				strvec_push_unique(&F->idioms, src.buf);
			} else if (prot.len) {
				idiom(F, "prot_arg:the_expression", NULL);
			}
			strbuf_release(&prot);
			strbuf_release(&src);
		}
		if (ctok_is(c, "vma_pages"))
			idiom(F, "size_check", NULL);
		if (!F->resource.len && takes_resource(c))
			strbuf_addf(&F->resource, "%s()", name);
		if (in_list(c, remap_calls))
			strvec_push_unique(&F->remap, name);
		else if (in_list(c, ioremap_calls))
			strvec_push_unique(&F->ioremap, name);
		else if (in_list(c, pages_calls))
			strvec_push_unique(&F->pages, name);
		else if (in_list(c, prepare_calls))
			strvec_push_unique(&F->prepare, name);
		else if (in_list(c, blocking_calls) ||
			 (c->len > 9 && !memcmp(c->s, "dma_mmap_", 9)))
			block(F, "%.*s()", c);
		else if (ctok_is(c, "vm_flags_set") || ctok_is(c, "vm_flags_init") ||
			 ctok_is(c, "vm_flags_reset") || ctok_is(c, "vma_set_flags"))
			add_flags(S, i + 2, e, &F->set);
		else if (ctok_is(c, "vm_flags_clear") || ctok_is(c, "vma_clear_flags"))
			add_flags(S, i + 2, e, &F->clear);
		else if (ctok_is(c, "vm_flags_mod")) {
			size_t m = i + 2;

			while (m < e && !scan_is(S, m, ","))
				m++;
			for (a = m + 1; a < e && !scan_is(S, a, ","); a++)
				if (scan_is(S, a, "("))
					a = scan_match(S, a);
			add_flags(S, m, a, &F->set);
			add_flags(S, a, e, &F->clear);
		} else if (in_list(c, vma_ok_calls))
			;
		else if ((h = scan_find_fn(S, c)) && h != f && (h->is_static || passes_vma)) {
			if (passes_vma)
				idiom(F, "helper:%.*s", c);
			analyse(S, h, F);
		}
		else if ((scan_is(S, i - 1, "->") || scan_is(S, i - 1, ".")) && passes_vma &&
			 (strstr(name, "_mmap") || (c->len >= 4 &&
			  !memcmp(c->s + c->len - 4, "mmap", 4)))) {
			if (!F->weak.len) {
				strbuf_adds(&F->weak, "dispatches to ");
				member_chain(S, i, &F->weak);
				strbuf_adds(&F->weak, "()");
			}
		} else if ((passes_vma || scan_is(S, i - 1, "->") || scan_is(S, i - 1, ".")) &&
			 (strstr(name, "_mmap") || (c->len >= 4 &&
			  !memcmp(c->s + c->len - 4, "mmap", 4))))
			weak_block(F, scan_is(S, i - 1, "->") || scan_is(S, i - 1, ".") ?
				   "calls another mmap: ->%.*s()" :
				   "calls another mmap: %.*s()", c);
		else if (c->len > 7 && !memcmp(c->s, "vma_is_", 7))
			;
		else if (passes_vma)
			weak_block(F, "passes the VMA to %.*s()", c);
		free(name);
	}
	F->held -= guards;
}

static void strbuf_addbuf_weak(struct facts *F)
{
	strbuf_add(&F->blocked, F->weak.buf, F->weak.len);
}

static char *join(const struct strvec *v, const char *sep, const char *suffix)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < v->nr; i++)
		strbuf_addf(&sb, "%s%s%s", i ? sep : "", v->v[i], suffix);
	return strbuf_detach(&sb);
}

static void classify(struct scan *S, struct fdef *f, struct census_fn *out)
{
	struct facts F;
	struct strbuf d = STRBUF_INIT;

	memset(&F, 0, sizeof(F));
	strvec_init(&F.remap);
	strvec_init(&F.ioremap);
	strvec_init(&F.pages);
	strvec_init(&F.prepare);
	strvec_init(&F.set);
	strvec_init(&F.clear);
	strbuf_init(&F.blocked);
	strbuf_init(&F.weak);
	strbuf_init(&F.resource);
	strbuf_init(&F.override);
	strbuf_init(&F.lock);
	strbuf_init(&F.under);
	strvec_init(&F.idioms);
	analyse(S, f, &F);
	if (!F.blocked.len)
		strbuf_addbuf_weak(&F);
	if (F.blocked.len) {
		out->class = CLASS_NEEDS_VMA;
		out->blocked_by = xstrdup(F.blocked.buf);
		out->decided = xstrdup(F.blocked.buf);
	} else if (F.resource.len && (F.pages.nr || F.ioremap.nr || F.remap.nr ||
					(F.vm_ops && !F.prepare.nr))) {
		out->class = CLASS_PER_MAP;
		out->resource = xstrdup(F.resource.buf);
		strbuf_addf(&d, "%s, ", F.resource.buf);
		if (F.pages.nr || F.ioremap.nr || F.remap.nr) {
			char *calls = join(F.pages.nr ? &F.pages : F.ioremap.nr ?
					   &F.ioremap : &F.remap, ", ", "()");

			strbuf_addf(&d, "%s", calls);
			free(calls);
		} else {
			strbuf_adds(&d, "vma->vm_ops");
		}
		out->decided = strbuf_detach(&d);
	} else if (F.under.len) {
		out->class = CLASS_UNDER_LOCK;
		out->resource = xstrdup(strstr(F.under.buf, " under ") + 7);
		out->decided = xstrdup(F.under.buf);
	} else if (F.pages.nr) {
		out->class = CLASS_MAP_PAGES;
		out->decided = join(&F.pages, ", ", "()");
	} else if (F.ioremap.nr) {
		out->class = CLASS_IOREMAP;
		out->decided = join(&F.ioremap, ", ", "()");
	} else if (F.remap.nr) {
		out->class = CLASS_REMAP;
		out->decided = join(&F.remap, ", ", "()");
	} else if (F.prepare.nr) {
		out->class = CLASS_PREPARE;
		out->decided = join(&F.prepare, ", ", "()");
	} else {
		out->class = CLASS_DIRECT;
		if (F.vm_ops)
			strbuf_adds(&d, "vma->vm_ops, ");
		if (F.priv)
			strbuf_adds(&d, "vma->vm_private_data, ");
		if (F.prot)
			strbuf_adds(&d, "vma->vm_page_prot, ");
		if (F.set.nr || F.clear.nr)
			strbuf_adds(&d, "vm_flags, ");
		if (!d.len)
			strbuf_adds(&d, "no VMA change, ");
		d.len -= 2;
		d.buf[d.len] = 0;
		out->decided = strbuf_detach(&d);
	}
	out->set_flags = join(&F.set, " ", "");
	out->clear_flags = join(&F.clear, " ", "");
	out->vm_ops = F.vm_ops;
	out->priv = F.priv;
	out->prot = F.prot;
	out->error_override = F.override.len ? xstrdup(F.override.buf) : NULL;
	out->idioms = join(&F.idioms, " ", "");
	strvec_release(&F.remap);
	strvec_release(&F.ioremap);
	strvec_release(&F.pages);
	strvec_release(&F.prepare);
	strvec_release(&F.set);
	strvec_release(&F.clear);
	strbuf_release(&F.blocked);
	strbuf_release(&F.weak);
	strbuf_release(&F.resource);
	strbuf_release(&F.override);
	strbuf_release(&F.lock);
	strbuf_release(&F.under);
	strvec_release(&F.idioms);
	strbuf_release(&d);
}

/* The mechanical classes: may the semantic patch convert the body? */
static void convert_check(struct scan *S, struct fdef *f, struct census_fn *c)
{
	struct strbuf why = STRBUF_INIT, name = STRBUF_INIT;

	c->mechanical = c->class == CLASS_DIRECT || c->class == CLASS_REMAP ||
			c->class == CLASS_IOREMAP || c->class == CLASS_MAP_PAGES;
	if (!c->mechanical)
		return;
	if (c->class == CLASS_MAP_PAGES) {
		c->convert = xstrdup("map_kernel_pages: no form of it is proved yet");
		return;
	}
	if (c->class == CLASS_IOREMAP && strstr(c->decided, "vm_iomap_memory") &&
	    strstr(c->decided, ","))
		strbuf_adds(&why, "two kinds of remap");
	strbuf_addf(&name, "%s_prepare", c->name);
	if (!why.len && strstr(S->text, name.buf))
		strbuf_addf(&why, "the file has %s already", name.buf);
	if (!why.len)
		census_convert_check(S->lx, f->body, f->end, f->vma, NULL, S->text, &why);
	if (why.len)
		c->convert = strbuf_detach(&why);
	strbuf_release(&why);
	strbuf_release(&name);
}

void census_body_facts(struct scan *S, struct fdef *f, struct census_fn *c)
{
	classify(S, f, c);
	convert_check(S, f, c);
}
