// SPDX-License-Identifier: GPL-2.0
/*
 * census_classify.c - from the objects and functions of every file to the
 * census: each hook resolved to its definition, one entry per legacy .mmap
 * implementation with its users and a recipe that names only the helpers
 * the tree's headers have, and the totals per subsystem.
 */
#include <stdlib.h>
#include <string.h>

#include "census_int.h"
#include "ktree.h"
#include "util.h"

const char *const census_class_names[NR_CLASSES] = {
	[CLASS_UNKNOWN] = "unknown",
	[CLASS_DIRECT] = "direct",
	[CLASS_PREPARE] = "prepare_variant",
	[CLASS_REMAP] = "remap",
	[CLASS_IOREMAP] = "ioremap",
	[CLASS_MAP_PAGES] = "map_kernel_pages",
	[CLASS_NEEDS_VMA] = "needs_vma",
	[CLASS_PER_MAP] = "per_mapping_resource",
	[CLASS_UNDER_LOCK] = "under_lock",
};

int census_sets(const struct census_obj *o, enum census_hook h)
{
	return o->hooks[h].func && strcmp(o->hooks[h].func, "NULL");
}

static void helpers_of(const char *ksrc, const char *hdr, struct strvec *out)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const char *p, *s;

	strbuf_addf(&path, "%s/%s", ksrc, hdr);
	if (strbuf_read_file(&text, path.buf))
		goto out;
	for (p = text.buf; *p;) {
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z'))) {
			p++;
			continue;
		}
		for (s = p; *p == '_' || (*p >= 'a' && *p <= 'z') ||
		     (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'); p++)
			;
		if ((p - s > 12 && !strncmp(s, "mmap_action_", 12)) ||
		    (p - s > 9 && !strncmp(s, "vma_desc_", 9)) ||
		    (p - s > 13 && !strncmp(p - 13, "_mmap_prepare", 13))) {
			char *n = xstrndup(s, p - s);

			strvec_push_unique(out, n);
			free(n);
		}
	}
out:
	strbuf_release(&path);
	strbuf_release(&text);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void census_tree_read(const char *ksrc, struct census_tree *t)
{
	struct strbuf fs = STRBUF_INIT, path = STRBUF_INIT;

	t->version = ktree_version(ksrc);
	if (!t->version)
		t->version = xstrdup("unknown");
	strbuf_addf(&path, "%s/include/linux/fs.h", ksrc);
	t->has_prepare = !strbuf_read_file(&fs, path.buf) &&
			 strstr(fs.buf, "(*mmap_prepare)");
	strvec_init(&t->helpers);
	helpers_of(ksrc, "include/linux/mm.h", &t->helpers);
	helpers_of(ksrc, "include/linux/fs.h", &t->helpers);
	helpers_of(ksrc, "include/linux/mm_types.h", &t->helpers);
	qsort(t->helpers.v, t->helpers.nr, sizeof(char *), cmp_str);
	strbuf_release(&fs);
	strbuf_release(&path);
}

void census_subsystem(const char *file, struct strbuf *out)
{
	const char *a = strchr(file, '/'), *b = a ? strchr(a + 1, '/') : NULL;

	strbuf_reset(out);
	if (!a)
		strbuf_adds(out, "(top)");
	else if (!b)
		strbuf_add(out, file, a - file);
	else
		strbuf_add(out, file, b - file);
}

static int obj_cmp(const void *a, const void *b)
{
	const struct census_obj *x = a, *y = b;
	int r = strcmp(x->file, y->file);

	if (r)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int fn_cmp(const void *a, const void *b)
{
	const struct census_fn *x = a, *y = b;
	int r = strcmp(x->file ? x->file : "", y->file ? y->file : "");

	if (r)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int fnp_name_cmp(const void *a, const void *b)
{
	const struct census_fn *x = *(struct census_fn *const *)a;
	const struct census_fn *y = *(struct census_fn *const *)b;

	return strcmp(x->name, y->name);
}

static size_t prefix_len(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/* The definition a hook of an object in @file names: same file first. */
static struct census_fn *resolve(struct census_fn **byname, size_t n,
				 const char *name, const char *file)
{
	struct census_fn key = { .name = (char *)name }, *kp = &key, *best = NULL;
	struct census_fn **p = bsearch(&kp, byname, n, sizeof(*byname), fnp_name_cmp);
	size_t i, lo, bestp = 0;

	if (!p)
		return NULL;
	for (lo = p - byname; lo > 0 && !strcmp(byname[lo - 1]->name, name); lo--)
		;
	for (i = lo; i < n && !strcmp(byname[i]->name, name); i++) {
		size_t pl = prefix_len(byname[i]->file, file);

		if (!strcmp(byname[i]->file, file))
			return byname[i];
		if (!byname[i]->is_static && (!best || pl > bestp)) {
			best = byname[i];
			bestp = pl;
		}
	}
	return best;
}

static int has(const struct census_tree *t, const char *helper)
{
	return strvec_find(&t->helpers, helper) >= 0;
}

/* "VM_IO VM_DONTEXPAND" as "VMA_IO_BIT, VMA_DONTEXPAND_BIT". */
static void bits(struct strbuf *sb, const char *flags)
{
	const char *p = flags;

	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		strbuf_addf(sb, ", VMA_%.*s_BIT", (int)(n - 3), p + 3);
		p += n + (e != NULL);
	}
}

/* "VM_READ" as "VMA_READ_BIT". */
static void idiom_lines(const struct census_tree *t, const struct census_fn *f,
			struct strbuf *sb)
{
	const char *p = f->idioms ? f->idioms : "";

	if (f->error_override)
		strbuf_addf(sb, "; set desc->action.error_override = %s: the old hook "
			    "returned %s when %s failed (error_override replaces only "
			    "the error of the action's completion; over the whole VMA "
			    "the action's checks before the VMA exists cannot fail)",
			    f->error_override, f->error_override, f->decided);
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == 9 && !strncmp(p, "flag_test", n))
			strbuf_adds(sb, "; a test of vma->vm_flags & VM_X becomes "
				    "vma_desc_test(desc, VMA_X_BIT)");
		else if (n == 16 && !strncmp(p, "masked_flag_test", n))
			strbuf_adds(sb, "; a masked test such as (vma->vm_flags & "
				    "(VM_READ | VM_WRITE)) != VM_READ becomes a test of "
				    "each flag of the mask with vma_desc_test(), with "
				    "the same truth table: !vma_desc_test(desc, "
				    "VMA_READ_BIT) || vma_desc_test(desc, VMA_WRITE_BIT)");
		else if (n == 10 && !strncmp(p, "size_check", n))
			strbuf_addf(sb, "; the size check stays, on the descriptor: "
				    "vma_pages(vma) becomes %s(desc) and vma->vm_end - "
				    "vma->vm_start becomes %s(desc)",
				    has(t, "vma_desc_pages") ? "vma_desc_pages" : "(desc->end - desc->start) >> PAGE_SHIFT, as",
				    has(t, "vma_desc_size") ? "vma_desc_size" : "desc->end - desc->start, as");
		else if (n == 11 && !strncmp(p, "pgoff_check", n))
			strbuf_adds(sb, "; the check of vma->vm_pgoff stays, on desc->pgoff");
		else if (n > 7 && !strncmp(p, "pgprot:", 7))
			strbuf_addf(sb, "; vma->vm_page_prot = %.*s(vma->vm_page_prot) "
				    "becomes desc->page_prot = %.*s(desc->page_prot), "
				    "set before the mmap_action_*() call, which takes "
				    "desc->page_prot as it is then",
				    (int)n - 7, p + 7, (int)n - 7, p + 7);
		else if (n == 12 && !strncmp(p, "range_fields", n))
			strbuf_adds(sb, "; vma->vm_start and vma->vm_end become desc->start "
				    "and desc->end");
		else if (n > 9 && !strncmp(p, "prot_arg:", 9))
			strbuf_addf(sb, "; the remap's protection is %.*s, not "
				    "vma->vm_page_prot, and the action maps with "
				    "desc->page_prot: set desc->page_prot to it before "
				    "the mmap_action_*() call. The new VMA's vm_page_prot "
				    "then has that value too, which the old hook left "
				    "alone: the log must say so", (int)n - 9, p + 9);
		else if (n > 7 && !strncmp(p, "helper:", 7))
			strbuf_addf(sb, "; %.*s() of the same file takes the VMA: "
				    "give it the struct vm_area_desc instead, with the "
				    "same changes inside it", (int)n - 7, p + 7);
		p += n + (e != NULL);
	}
}

/*
 * A resource taken per mapping, that the action or the VMA needs. After
 * .mmap_prepare returns, mm/vma.c and mm/util.c may still fail the
 * mapping with no hook of the driver called: mmap_action_prepare()
 * rejects the action, the range merges with a neighbour, or the VMA
 * cannot be allocated. So the resource cannot belong to the mapping from
 * the hook on; the open file has to own it, as the page's "A buffer for
 * each mapping" shows.
 */
static void per_map_recipe(const struct census_fn *f, struct strbuf *sb)
{
	int special = !strstr(f->decided, "vma->vm_ops");

	strbuf_addf(sb, "Not mechanical: the hook takes a resource per mapping "
		    "(%s) that %s needs, and the mapping can still fail after "
		    "the hook returns, with no hook of the driver called: when "
		    "mmap_action_prepare() rejects the action (an error_override "
		    "that is not an error, or the action's own checks); ",
		    f->resource, special ? "the action" : "the VMA");
	if (special)
		strbuf_adds(sb, "a merge cannot happen, since the action makes the "
			    "mapping VM_PFNMAP or VM_MIXEDMAP, and such mappings never merge; ");
	else
		strbuf_adds(sb, "when the range merges with a neighbour, which "
			    "keeps its own vm_ops and private data; ");
	strbuf_adds(sb, "when allocating the VMA fails (-ENOMEM). Only after a "
		    "failed action (or a failed vm_ops->mapped) does mm remove "
		    "the new VMA and call vm_ops->close for a VMA the driver was "
		    "never told of, where a failed old hook was never followed "
		    "by close. That is an inconsistency of mm, and a conversion "
		    "must not rely on it. Convert it by hand as the buffer "
		    "exception of \"Mapped callback\" in opsdoc's "
		    "mmap_prepare.rst shows (the open file owns the resource, "
		    "vm_ops->open and ->close count the VMAs that use it, and "
		    "->release frees what no VMA took), or keep .mmap.");
}

static void recipe(const struct census_tree *t, struct census_fn *f)
{
	struct strbuf sb = STRBUF_INIT;
	const char *a, *b;
	size_t pos = 0;
	int partial;

	if (!t->has_prepare) {
		strbuf_addf(&sb, "Linux %s has no mmap_prepare: keep .mmap (%s).",
			    t->version, census_class_names[f->class]);
		goto out;
	}
	strbuf_adds(&sb, "Use .mmap_prepare");
	switch (f->class) {
	case CLASS_UNKNOWN:
		strbuf_adds(&sb, " once the definition is found: it was not, lexically.");
		goto out;
	case CLASS_NEEDS_VMA:
		if (!strncmp(f->blocked_by, "dispatches to ", 14))
			strbuf_addf(&sb, " only once what it dispatches to has a prepare "
				    "hook: it hands the VMA to %s, the mmap of another "
				    "operations table. That table needs a hook that takes "
				    "a struct vm_area_desc, and each of its implementations "
				    "converted to it, before this hook can become "
				    ".mmap_prepare and pass the descriptor on.",
				    f->blocked_by + 14);
		else if (!strncmp(f->blocked_by, "calls another mmap: ", 20))
			strbuf_addf(&sb, " only once %s, another mmap implementation "
				    "that takes the VMA, has a form that takes a struct "
				    "vm_area_desc (its own class says how); this hook "
				    "then passes the descriptor on.", f->blocked_by + 20);
		else
			strbuf_addf(&sb, " only after removing what needs the VMA: %s.",
				    f->blocked_by);
		goto out;
	case CLASS_UNDER_LOCK:
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Not mechanical: the hook calls %s, and "
			    ".mmap_prepare cannot keep %s held while it maps: mm "
			    "performs the action after the hook has returned and "
			    "the lock is dropped, so what the action maps (the "
			    "pages or PFN looked up under the lock) must stay valid "
			    "with no lock held, while whatever frees it under that "
			    "lock may run. Make it so by hand (what is mapped lives "
			    "as long as the file, or is pinned until vm_ops->close), "
			    "or keep .mmap.", f->decided, f->resource);
		goto out;
	case CLASS_PER_MAP:
		strbuf_reset(&sb);
		per_map_recipe(f, &sb);
		goto out;
	case CLASS_REMAP:
		a = "mmap_action_remap_full", b = "mmap_action_remap";
		break;
	case CLASS_IOREMAP:
		a = "mmap_action_ioremap_full", b = "mmap_action_ioremap";
		if (!strstr(f->decided, "io_remap") && has(t, "mmap_action_simple_ioremap"))
			a = "mmap_action_simple_ioremap", b = NULL;
		break;
	case CLASS_MAP_PAGES:
		a = "mmap_action_map_kernel_pages_full", b = "mmap_action_map_kernel_pages";
		break;
	case CLASS_PREPARE:
		a = strstr(f->decided, "readonly") ? "generic_file_readonly_mmap_prepare" :
		    "generic_file_mmap_prepare";
		b = NULL;
		break;
	default:
		a = b = NULL;
	}
	partial = a && strstr(f->idioms, "partial_remap");
	if (partial) {
		/* mm/memory.c: remap_pfn_range() checks no range; the action does. */
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Not mechanical as it is: %s is not proved to cover "
			    "the whole VMA from its start. The old call checks no "
			    "range (a shorter one maps less, a longer one maps past "
			    "vm_end), while %s() fails with -EFAULT before the VMA "
			    "exists when the range leaves the VMA, and with -EINVAL "
			    "for part of a private writable (COW) mapping; neither "
			    "error goes through error_override, which replaces only "
			    "the error of the action's completion. Choose the range "
			    "by hand (clamped to the VMA), say so in the log, and use "
			    "%s(), or keep .mmap", f->decided, b ? b : a, b ? b : a);
		pos = sb.len;
	} else if (a && has(t, a)) {
		strbuf_addf(&sb, ": replace %s with %s()", f->decided, a);
		if (f->class == CLASS_MAP_PAGES)
			strbuf_addf(&sb, " only when the page array has as many pages "
				    "as the VMA (it maps vma_desc_pages(desc) of them), "
				    "else %s() with the count the old hook passed", b);
		else if (b && has(t, b))
			strbuf_addf(&sb, " (%s() for part of the range)", b);
	} else if (a) {
		strbuf_addf(&sb, ": this tree has no %s(), so %s stays in .mmap", a,
			    f->decided);
	} else {
		strbuf_adds(&sb, " directly");
	}
	if (*f->set_flags) {
		if (has(t, "vma_desc_set_flags")) {
			strbuf_adds(&sb, "; vma_desc_set_flags(desc");
			bits(&sb, f->set_flags);
			strbuf_adds(&sb, ")");
		} else {
			strbuf_addf(&sb, "; desc->vm_flags |= %s", f->set_flags);
		}
	}
	if (*f->clear_flags) {
		if (has(t, "vma_desc_clear_flags")) {
			strbuf_adds(&sb, "; vma_desc_clear_flags(desc");
			bits(&sb, f->clear_flags);
			strbuf_adds(&sb, ")");
		} else {
			strbuf_addf(&sb, "; desc->vm_flags &= ~(%s)", f->clear_flags);
		}
	}
	if (f->vm_ops)
		strbuf_adds(&sb, "; set desc->vm_ops");
	if (f->priv)
		strbuf_adds(&sb, "; set desc->private_data");
	if (f->prot)
		strbuf_adds(&sb, "; set desc->page_prot");
	idiom_lines(t, f, &sb);
	if (partial && sb.len > pos) {
		/* "...; or keep .mmap. The other changes: x; y." */
		char *rest = xstrdup(sb.buf + pos + 2);

		sb.len = pos;
		sb.buf[pos] = '\0';
		strbuf_addf(&sb, ". The other changes: %s", rest);
		free(rest);
	}
	strbuf_adds(&sb, ".");
out:
	free(f->recipe);
	f->recipe = strbuf_detach(&sb);
}

/* A hook set to generic_file_mmap() itself takes its _prepare variant. */
static void generic_itself(struct census_fn *f)
{
	if (strcmp(f->name, "generic_file_mmap") &&
	    strcmp(f->name, "generic_file_readonly_mmap"))
		return;
	f->class = CLASS_PREPARE;
	free(f->decided);
	f->decided = xstrdup(!strcmp(f->name, "generic_file_mmap") ?
			     "generic_file_mmap()" : "generic_file_readonly_mmap()");
	free(f->blocked_by);
	f->blocked_by = NULL;
	f->set_flags[0] = f->clear_flags[0] = f->idioms[0] = 0;
	f->vm_ops = f->priv = f->prot = f->mechanical = 0;
	free(f->error_override);
	f->error_override = NULL;
}

static void fn_copy(struct census_fn *to, const struct census_fn *from)
{
	*to = *from;
	to->name = xstrdup(from->name);
	to->file = from->file ? xstrdup(from->file) : NULL;
	to->decided = xstrdup(from->decided ? from->decided : "");
	to->blocked_by = from->blocked_by ? xstrdup(from->blocked_by) : NULL;
	to->set_flags = xstrdup(from->set_flags ? from->set_flags : "");
	to->clear_flags = xstrdup(from->clear_flags ? from->clear_flags : "");
	to->resource = from->resource ? xstrdup(from->resource) : NULL;
	to->error_override = from->error_override ? xstrdup(from->error_override) : NULL;
	to->idioms = xstrdup(from->idioms ? from->idioms : "");
	to->convert = from->convert ? xstrdup(from->convert) : NULL;
	to->cond = from->cond ? xstrdup(from->cond) : NULL;
	to->recipe = NULL;
	to->users = 0;
}

static void fn_free(struct census_fn *f)
{
	free(f->name);
	free(f->file);
	free(f->decided);
	free(f->blocked_by);
	free(f->set_flags);
	free(f->clear_flags);
	free(f->resource);
	free(f->error_override);
	free(f->idioms);
	free(f->convert);
	free(f->cond);
	free(f->recipe);
}

static struct census_fn *find_impl(struct census *c, const char *name,
				   const char *file)
{
	size_t i;

	for (i = 0; i < c->nr_impls; i++)
		if (!strcmp(c->impls[i].name, name) &&
		    !strcmp(c->impls[i].file ? c->impls[i].file : "", file ? file : ""))
			return &c->impls[i];
	return NULL;
}

/* A user the semantic patch cannot switch to .mmap_prepare. */
static void user_check(struct census_fn *impl, const struct census_obj *o)
{
	struct strbuf sb = STRBUF_INIT;

	if (census_sets(o, HOOK_MMAP_PREPARE))
		strbuf_addf(&sb, "line %u: %s sets .mmap_prepare too", o->line, o->name);
	else if (o->macro)
		strbuf_addf(&sb, "set by the macro %s (%s:%u), which the semantic "
			    "patch does not change", o->macro, o->file, o->line);
	else if (strcmp(o->file, impl->file ? impl->file : ""))
		strbuf_addf(&sb, "used in another file (%s:%u)", o->file, o->line);
	/*
	 * ".mmap = fn" under an #if of its own: renamed with the definition
	 * when that is under the same condition, else not proved.
	 */
	else if (o->hooks[HOOK_MMAP].cond &&
		 (!o->cond || strcmp(o->cond, o->hooks[HOOK_MMAP].cond)) &&
		 (!impl->cond || strcmp(impl->cond, o->hooks[HOOK_MMAP].cond)))
		strbuf_addf(&sb, "line %u: .mmap is set under #if %s",
			    o->hooks[HOOK_MMAP].line, o->hooks[HOOK_MMAP].cond);
	if (sb.len)
		impl->convert = strbuf_detach(&sb);
	strbuf_release(&sb);
}

static struct census_total *total_of(struct census *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nr_totals; i++)
		if (!strcmp(c->totals[i].name, name))
			return &c->totals[i];
	c->totals = xrealloc(c->totals, (c->nr_totals + 1) * sizeof(*c->totals));
	memset(&c->totals[c->nr_totals], 0, sizeof(*c->totals));
	c->totals[c->nr_totals].name = xstrdup(name);
	return &c->totals[c->nr_totals++];
}

static int total_cmp(const void *a, const void *b)
{
	return strcmp(((const struct census_total *)a)->name,
		      ((const struct census_total *)b)->name);
}

static int err_cmp(const void *a, const void *b)
{
	return strcmp(((const struct census_err *)a)->file,
		      ((const struct census_err *)b)->file);
}

static void count(struct census_total *t, const struct census_obj *o)
{
	int m = census_sets(o, HOOK_MMAP);
	int p = census_sets(o, HOOK_MMAP_PREPARE);

	t->objects++;
	t->legacy += m && !p;
	t->converted += p && !m;
	t->both += m && p;
	t->gua += census_sets(o, HOOK_GUA);
}

void census_finish(struct census *c)
{
	struct census_fn **byname;
	struct strbuf sub = STRBUF_INIT;
	struct census_total all;
	size_t i;
	int h;

	for (i = 0; i < c->nr_impls; i++)
		fn_free(&c->impls[i]);
	free(c->impls);
	c->impls = NULL;
	c->nr_impls = 0;
	for (i = 0; i < c->nr_totals; i++)
		free(c->totals[i].name);
	free(c->totals);
	c->totals = NULL;
	c->nr_totals = 0;
	if (c->nr_objs)
		qsort(c->objs, c->nr_objs, sizeof(*c->objs), obj_cmp);
	if (c->nr_fns)
		qsort(c->fns, c->nr_fns, sizeof(*c->fns), fn_cmp);
	if (c->nr_errs)
		qsort(c->errs, c->nr_errs, sizeof(*c->errs), err_cmp);
	byname = xcalloc(c->nr_fns + 1, sizeof(*byname));
	for (i = 0; i < c->nr_fns; i++)
		byname[i] = &c->fns[i];
	if (c->nr_fns)
		qsort(byname, c->nr_fns, sizeof(*byname), fnp_name_cmp);
	memset(&all, 0, sizeof(all));
	for (i = 0; i < c->nr_objs; i++) {
		struct census_obj *o = &c->objs[i];

		for (h = 0; h < NR_HOOKS; h++) {
			struct census_fn *f, *impl, unknown;

			free(o->fn_file[h]);
			o->fn_file[h] = NULL;
			o->fn_line[h] = 0;
			if (!census_sets(o, h))
				continue;
			f = resolve(byname, c->nr_fns, o->hooks[h].func, o->file);
			if (f) {
				o->fn_file[h] = xstrdup(f->file);
				o->fn_line[h] = f->line;
			}
			if (h != HOOK_MMAP)
				continue;
			impl = find_impl(c, o->hooks[h].func, f ? f->file : NULL);
			if (!impl) {
				if (!f) {
					memset(&unknown, 0, sizeof(unknown));
					unknown.name = o->hooks[h].func;
					unknown.class = CLASS_UNKNOWN;
					f = &unknown;
				} else if (f->class == CLASS_UNKNOWN && !f->decided) {
					/* Defined, but not with a VMA parameter. */
				}
				c->impls = xrealloc(c->impls, (c->nr_impls + 1) *
						    sizeof(*c->impls));
				impl = &c->impls[c->nr_impls++];
				fn_copy(impl, f);
				generic_itself(impl);
			}
			impl->users++;
			if (impl->mechanical && !impl->convert)
				user_check(impl, o);
		}
		census_subsystem(o->file, &sub);
		count(total_of(c, sub.buf), o);
		count(&all, o);
	}
	for (i = 0; i < c->nr_impls; i++)
		recipe(&c->tree, &c->impls[i]);
	if (c->nr_impls)
		qsort(c->impls, c->nr_impls, sizeof(*c->impls), fn_cmp);
	if (c->nr_totals)
		qsort(c->totals, c->nr_totals, sizeof(*c->totals), total_cmp);
	all.name = xstrdup("total");
	c->totals = xrealloc(c->totals, (c->nr_totals + 1) * sizeof(*c->totals));
	c->totals[c->nr_totals++] = all;
	free(byname);
	strbuf_release(&sub);
}

void census_convert_status(const struct census_fn *f, struct strbuf *out)
{
	strbuf_reset(out);
	if (!f->mechanical)
		strbuf_adds(out, "not mechanical");
	else if (f->convert)
		strbuf_addf(out, "needs review: %s", f->convert);
	else
		strbuf_adds(out, "patch");
}

void census_release(struct census *c)
{
	struct census_file f;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.objs = c->objs;
	f.nr_objs = c->nr_objs;
	f.fns = c->fns;
	f.nr_fns = c->nr_fns;
	census_file_release(&f);
	for (i = 0; i < c->nr_impls; i++)
		fn_free(&c->impls[i]);
	free(c->impls);
	for (i = 0; i < c->nr_errs; i++) {
		free(c->errs[i].file);
		free(c->errs[i].msg);
	}
	free(c->errs);
	for (i = 0; i < c->nr_totals; i++)
		free(c->totals[i].name);
	free(c->totals);
	free(c->tree.version);
	strvec_release(&c->tree.helpers);
	memset(c, 0, sizeof(*c));
}
