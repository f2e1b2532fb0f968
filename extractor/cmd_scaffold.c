// SPDX-License-Identifier: GPL-2.0
/*
 * opsdoc scaffold - a minimal module that implements one callback of a
 * struct the documents describe, with the exact signature of the tree,
 * registered as real code registers it (scaffold_register.c). Compiling
 * it is the proof that the signature opsdoc documents is the tree's.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "fileio.h"
#include "json.h"
#include "datadir.h"
#include "ktree.h"
#include "rst_listings.h"
#include "scaffold.h"
#include "options.h"
#include "strbuf.h"
#include "strvec.h"
#include "treemodel.h"
#include "util.h"

static const char scaffold_usage[] =
	"opsdoc scaffold STRUCT.MEMBER [-k KSRC] [-b KBUILD] [-f FLAGS]\n"
	"                       [-a API_JSON] [-o FILE]\n"
	"   or: opsdoc scaffold --all -o DIR [...]\n"
	"   or: opsdoc scaffold --list [...]";

enum { OPT_KSRC, OPT_KBUILD, OPT_FLAGS, OPT_API, OPT_OUTPUT, OPT_ALL, OPT_LIST,
       NR_OPTS };

static const struct opt scaffold_opts[] = {
	[OPT_KSRC] = OPTION_KSRC,
	[OPT_KBUILD] = OPTION_KBUILD,
	[OPT_FLAGS] = OPTION_FLAGS,
	[OPT_API] = { 'a', "api", "FILE", "use this api.json instead of extracting" },
	[OPT_OUTPUT] = { 'o', "output", "FILE", "where to write the module (default: standard output)" },
	[OPT_ALL] = { 0, "all", NULL, "one module per active callback of every documented struct, a Kbuild file and the list of members left out, in the directory -o names" },
	[OPT_LIST] = { 0, "list", NULL, "print STRUCT.MEMBER for each active callback of every documented struct" },
	[NR_OPTS] = { 0 },
};

/*
 * A name for an unnamed parameter: the struct's tag ("file", "inode") or,
 * for other types, "argN". Names already used get the position appended.
 */
static void param_name(const struct param *p, size_t i,
		       const struct strvec *used, struct strbuf *out)
{
	const char *tag = strstr(p->type, "struct ");

	strbuf_reset(out);
	if (p->name) {
		strbuf_adds(out, p->name);
	} else if (tag) {
		tag += 7;
		while (isalnum((unsigned char)*tag) || *tag == '_')
			strbuf_addch(out, *tag++);
	} else {
		strbuf_addf(out, "arg%zu", i + 1);
	}
	if (strvec_find(used, out->buf) >= 0)
		strbuf_addf(out, "%zu", i + 1);
}

/* What the stub returns: refusing, in the type's own terms. */
static const char *stub_return(const struct member *m)
{
	const char *r = m->ret;

	if (!strcmp(r, "void"))
		return NULL;
	/* fl_owner_t is a pointer behind a typedef. */
	if (strchr(r, '*') || !strcmp(r, "fl_owner_t"))
		return "NULL";
	if (!strcmp(r, "bool"))
		return "false";
	if (!strcmp(r, "sector_t"))
		return "0";
	if (!strcmp(r, "__poll_t"))
		return "EPOLLERR";
	if (!strcmp(r, "vm_fault_t"))
		return "VM_FAULT_SIGBUS";
	if (!strncmp(r, "unsigned", 8))
		return "-ENODEV";
	return "-EOPNOTSUPP";
}

/* Append "TYPE NAME" as the header spells the type. */
/* The type as kernel style spells it: "unsigned int", not "unsigned". */
static const char *style_type(const char *type)
{
	return strcmp(type, "unsigned") ? type : "unsigned int";
}

static void add_param(struct strbuf *sb, const char *type, const char *name)
{
	const char *bracket;
	size_t n;

	type = style_type(type);
	/* An array parameter, "u8 [16]": the name goes before the bounds. */
	bracket = strchr(type, '[');
	if (bracket) {
		n = bracket - type;
		while (n && type[n - 1] == ' ')
			n--;
		strbuf_addf(sb, "%.*s %s%s", (int)n, type, name, bracket);
		return;
	}
	n = strlen(type);

	strbuf_adds(sb, type);
	if (n && type[n - 1] != '*')
		strbuf_addch(sb, ' ');
	strbuf_adds(sb, name);
}

/* Where the documents describe a struct: the first rewritten one that does. */
static void doc_of_struct(const char *ksrc, const char *st, struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	int d;

	for (d = 0; ksrc && rewritten_docs[d]; d++) {
		struct strvec wrapped = STRVEC_INIT, titled = STRVEC_INIT;
		int hit;

		strvec_init(&wrapped);
		strvec_init(&titled);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", ksrc, rewritten_docs[d]);
		strbuf_reset(&text);
		if (!strbuf_read_file(&text, path.buf))
			scan_struct_names(text.buf, text.len, &wrapped, &titled);
		hit = strvec_find(&titled, st) >= 0 ||
		      strvec_find(&wrapped, st) >= 0;
		strvec_release(&wrapped);
		strvec_release(&titled);
		if (hit) {
			strbuf_adds(out, rewritten_docs[d]);
			goto out;
		}
	}
	/*
	 * A struct no document of the tree lists has the section opsdoc adds
	 * for it, in locking.rst (lease_manager_operations on 7.x).
	 */
	strbuf_adds(out, "Documentation/filesystems/locking.rst");
out:
	strbuf_release(&path);
	strbuf_release(&text);
}

/*
 * The description the documents give the member, as plain text for a C
 * comment: templates/members/STRUCT/MEMBER.md with its Markdown marks
 * taken out. Return: 0, or -1 when opsdoc has no template for it.
 */
static int member_description(const char *st, const char *member,
			      struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT, md = STRBUF_INIT;
	const char *p;
	int ret = -1;

	strbuf_addf(&path, "%s/members/%s/%s.md", data_subdir("templates"), st,
		    member);
	if (strbuf_read_file(&md, path.buf))
		goto out;
	for (p = md.buf; *p; p++) {
		const char *close, *paren;

		if (*p == '`')
			continue;
		/* [text](target): the text. */
		if (*p == '[' && (close = strchr(p, ']')) && close[1] == '(' &&
		    (paren = strchr(close, ')'))) {
			strbuf_add(out, p + 1, close - p - 1);
			p = paren;
			continue;
		}
		/* Never close the comment early. */
		if (*p == '*' && p[1] == '/') {
			strbuf_adds(out, "* /");
			p++;
			continue;
		}
		strbuf_addch(out, *p);
	}
	ret = 0;
out:
	strbuf_release(&path);
	strbuf_release(&md);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int write_scaffold(const struct api *api, const char *ksrc,
			  const struct scaffold_tree *t,
			  const struct ops_struct *st, const struct member *m,
			  struct strbuf *out)
{
	struct strvec used = STRVEC_INIT, inc = STRVEC_INIT;
	struct strbuf name = STRBUF_INIT, sig = STRBUF_INIT, how = STRBUF_INIT;
	struct strbuf reg = STRBUF_INIT, desc = STRBUF_INIT, text = STRBUF_INIT;
	const char *ret = stub_return(m);
	size_t i, line_len, open_col;

	strvec_init(&used);
	strvec_init(&inc);
	if (scaffold_register(t, st->name, m->name, &inc, &how, &reg)) {
		error_at(NULL, 0, "no registration recipe for struct %s; add "
			 "one to extractor/scaffold_register.c", st->name);
		return -1;
	}
	/* The struct's own header, as an #include names it. */
	if (st->file && !strncmp(st->file, "include/", 8))
		strvec_push_unique(&inc, st->file + 8);
	qsort(inc.v, inc.nr, sizeof(*inc.v), cmp_str);

	strbuf_addf(&sig, "static %s%sscaffold_%s(", style_type(m->ret),
		    m->ret[strlen(m->ret) - 1] == '*' ? "" : " ", m->name);
	line_len = open_col = sig.len;
	for (i = 0; i < m->nr_params; i++) {
		struct strbuf one = STRBUF_INIT;

		param_name(&m->params[i], i, &used, &name);
		strvec_push(&used, name.buf);
		add_param(&one, m->params[i].type, name.buf);
		if (i) {
			strbuf_addch(&sig, ',');
			line_len++;
			/* Wrap at 80 columns, aligned after the '('. */
			if (line_len + one.len + 2 > 80) {
				size_t k;

				strbuf_addch(&sig, '\n');
				for (k = 0; k < open_col / 8; k++)
					strbuf_addch(&sig, '\t');
				for (k = 0; k < open_col % 8; k++)
					strbuf_addch(&sig, ' ');
				line_len = open_col;
			} else {
				strbuf_addch(&sig, ' ');
				line_len++;
			}
		}
		strbuf_add(&sig, one.buf, one.len);
		line_len += one.len;
		strbuf_release(&one);
	}
	if (!m->nr_params)
		strbuf_adds(&sig, "void");
	strbuf_addch(&sig, ')');

	strbuf_addf(&text, "Scaffold for %s.%s, generated by opsdoc from Linux "
		    "%s. It implements the callback with the tree's own "
		    "signature, %s, and registers it as real code does: %s.",
		    st->name, m->name, api->version,
		    ret ? "refusing every request" : "doing nothing", how.buf);
	strbuf_adds(out, "// SPDX-License-Identifier: GPL-2.0\n/*\n");
	strbuf_add_wrapped(out, text.buf, 78, " * ", " * ");
	strbuf_adds(out, " *\n");
	strbuf_reset(&text);
	if (!member_description(st->name, m->name, &desc)) {
		strbuf_addf(&text, "What the callback must do and may assume "
			    "(templates/members/%s/%s.md, as the documents "
			    "say it): %s", st->name, m->name, desc.buf);
	} else {
		struct strbuf doc = STRBUF_INIT;

		doc_of_struct(ksrc, st->name, &doc);
		strbuf_addf(&text, "What the callback must do and may assume: "
			    "opsdoc has no description of its own for this "
			    "member yet; the documents keep the kernel's, in "
			    "the struct %s section of %s.", st->name, doc.buf);
		strbuf_release(&doc);
	}
	strbuf_add_wrapped(out, text.buf, 78, " * ", " * ");
	strbuf_adds(out, " */\n");
	for (i = 0; i < inc.nr; i++)
		strbuf_addf(out, "#include <%s>\n", inc.v[i]);
	strbuf_addf(out, "\n%s\n{\n", sig.buf);
	if (ret)
		strbuf_addf(out, "\treturn %s;\n", ret);
	strbuf_addf(out, "}\n\n%s\nMODULE_LICENSE(\"GPL\");\n"
		    "MODULE_DESCRIPTION(\"opsdoc scaffold for %s.%s\");\n",
		    reg.buf, st->name, m->name);
	strvec_release(&used);
	strvec_release(&inc);
	strbuf_release(&name);
	strbuf_release(&sig);
	strbuf_release(&how);
	strbuf_release(&reg);
	strbuf_release(&desc);
	strbuf_release(&text);
	return 0;
}

/*
 * The structs the scaffolds cover: every struct of the model with a
 * callback that the rewritten documents describe (all of the model's
 * when there is no tree to read them from), in the model's order.
 */
static void scaffold_structs(const struct api *api, const char *ksrc,
			     struct strvec *out)
{
	struct strvec docs = STRVEC_INIT;
	size_t i;

	strvec_init(&docs);
	if (ksrc)
		doc_struct_names(ksrc, &docs);
	for (i = 0; i < api->nr_structs; i++) {
		const struct ops_struct *st = &api->structs[i];
		const struct member *m;
		int callbacks = 0;

		if (!st->present || (ksrc && strvec_find(&docs, st->name) < 0))
			continue;
		for_each_member(st, m)
			callbacks += m->kind == MEMBER_CALLBACK;
		if (callbacks)
			strvec_push(out, st->name);
	}
	strvec_release(&docs);
}

/* A callback declared as "(*name)(...)", not through a typedef. */
static int has_prototype(const struct member *m)
{
	return m->decl && strstr(m->decl, "(*");
}

/*
 * Every active callback of every documented struct into dir, with the
 * Kbuild file that builds them and "skipped": one line per member left
 * out, "STRUCT.MEMBER<TAB>reason" (the configuration leaves it out, or
 * scaffold_register.c cannot register a member of that struct yet).
 */
static int write_all(const struct api *api, const char *ksrc,
		     const struct scaffold_tree *t, const char *dir)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf kbuild = STRBUF_INIT, skipped = STRBUF_INIT;
	struct strvec structs = STRVEC_INIT, texts = STRVEC_INIT;
	struct file_set set = { 0 };
	size_t i;
	int ret = -1;

	strvec_init(&structs);
	strvec_init(&texts);
	if (mkdir_p(dir)) {
		error_at(dir, 0, "cannot create the directory: %s", strerror(errno));
		goto out;
	}
	strbuf_adds(&kbuild, "# SPDX-License-Identifier: GPL-2.0\n"
		    "# Generated by opsdoc scaffold --all.\n");
	scaffold_structs(api, ksrc, &structs);
	for (i = 0; i < structs.nr; i++) {
		const struct ops_struct *st = find_struct_by_name(api, structs.v[i]);
		const struct member *m;

		for_each_member(st, m) {
			if (m->kind != MEMBER_CALLBACK)
				continue;
			if (!has_prototype(m)) {
				strbuf_addf(&skipped, "%s.%s\tdeclared through "
					    "a typedef (%s): the model has no "
					    "parameters to write\n", st->name,
					    m->name, m->decl);
				continue;
			}
			if (!scaffold_recipe_known(st->name)) {
				strbuf_addf(&skipped, "%s.%s\tno registration "
					    "recipe for struct %s in opsdoc\n",
					    st->name, m->name, st->name);
				continue;
			}
			if (!m->active) {
				strbuf_addf(&skipped, "%s.%s\tthe configuration "
					    "leaves it out (%s)\n", st->name,
					    m->name, m->condition);
				continue;
			}
			strbuf_reset(&text);
			if (write_scaffold(api, ksrc, t, st, m, &text))
				goto out;
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s__%s.c", dir, st->name, m->name);
			/* The set keeps the text until the commit. */
			file_set_add(&set, path.buf, text.buf, text.len);
			strvec_push_owned(&texts, strbuf_detach(&text));
			strbuf_addf(&kbuild, "obj-m += %s__%s.o\n", st->name,
				    m->name);
		}
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/Kbuild", dir);
	file_set_add(&set, path.buf, kbuild.buf, kbuild.len);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/skipped", dir);
	file_set_add(&set, path.buf, skipped.buf, skipped.len);
	ret = file_set_commit(&set);
out:
	file_set_release(&set);
	strvec_release(&structs);
	strvec_release(&texts);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&kbuild);
	strbuf_release(&skipped);
	return ret;
}

/* The edit distance of two names, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, d;

	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* "a, b or c": the callbacks of st nearest to name, at most three. */
static void nearest_members(const struct ops_struct *st, const char *name,
			    struct strbuf *out)
{
	const struct member *best[3] = { NULL };
	size_t dist[3] = { 0 }, n = 0, i;
	const struct member *m;

	for_each_member(st, m) {
		size_t d;

		if (m->kind != MEMBER_CALLBACK)
			continue;
		d = distance(name, m->name);
		/* A name that contains the other counts as near. */
		if (strstr(m->name, name) || strstr(name, m->name))
			d = d < 2 ? d : 2;
		for (i = n < 3 ? n : 3; i > 0 && dist[i - 1] > d; i--) {
			if (i < 3) {
				best[i] = best[i - 1];
				dist[i] = dist[i - 1];
			}
		}
		if (i < 3) {
			best[i] = m;
			dist[i] = d;
			if (n < 3)
				n++;
		}
	}
	for (i = 0; i < n; i++)
		strbuf_addf(out, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
			    best[i]->name);
}

int cmd_scaffold(int argc, char **argv)
{
	const char *v[NR_OPTS], *ref = NULL, *dot, *ksrc;
	const struct ops_struct *st = NULL;
	const struct member *m;
	struct strbuf out = STRBUF_INIT, near = STRBUF_INIT;
	struct strvec structs = STRVEC_INIT;
	struct scaffold_tree t = { 0 };
	struct model_opts mo = { 0 };
	struct ktree kt = { 0 };
	struct api api;
	size_t k;
	int i, ret = EXIT_USAGE;

	strvec_init(&structs);
	i = parse_opts(argc, argv, scaffold_opts, scaffold_usage, v);
	if (i == OPTS_HELP)
		return 0;
	if (i == OPTS_ERROR)
		return EXIT_USAGE;
	if (v[OPT_ALL] || v[OPT_LIST]) {
		if (i != argc || (v[OPT_ALL] && !v[OPT_OUTPUT]) ||
		    (v[OPT_ALL] && v[OPT_LIST])) {
			error_at(NULL, 0, "--all takes no callback and needs -o "
				 "DIR; --list takes neither");
			return EXIT_USAGE;
		}
	} else if (i != argc - 1 || !(dot = strchr(argv[i], '.')) ||
		   dot == argv[i] || !dot[1]) {
		error_at(NULL, 0, "name one callback: opsdoc scaffold "
			 "STRUCT.MEMBER (file_operations.read_iter)");
		return EXIT_USAGE;
	} else {
		ref = argv[i];
	}
	/* A model given with -a is taken as it is, without a tree. */
	mo.api_path = v[OPT_API];
	if (!mo.api_path &&
	    ktree_resolve(&kt, v[OPT_KSRC], v[OPT_KBUILD], v[OPT_FLAGS])) {
		api_init(&api);
		goto out;
	}
	if (model_for_tree(mo.api_path ? NULL : &kt, &mo, &api))
		goto out;
	ksrc = mo.api_path ? v[OPT_KSRC] : kt.ksrc;
	scaffold_tree_read(ksrc, &t);
	st = find_struct_by_name(&api, "file_operations");
	t.mmap_prepare = st && find_member_by_name(st, "mmap_prepare");
	if (v[OPT_ALL]) {
		if (!write_all(&api, ksrc, &t, v[OPT_OUTPUT]))
			ret = 0;
		goto out;
	}
	scaffold_structs(&api, ksrc, &structs);
	if (v[OPT_LIST]) {
		for (k = 0; k < structs.nr; k++) {
			st = find_struct_by_name(&api, structs.v[k]);
			for_each_member(st, m)
				if (m->kind == MEMBER_CALLBACK && m->active)
					printf("%s.%s\n", st->name, m->name);
		}
		ret = 0;
		goto out;
	}
	dot = strchr(ref, '.');
	{
		char *name = xstrndup(ref, dot - ref);

		st = strvec_find(&structs, name) >= 0 ?
		     find_struct_by_name(&api, name) : NULL;
		if (!st) {
			for (k = 0; k < structs.nr; k++)
				strbuf_addf(&near, "%s%s", k ? ", " : "",
					    structs.v[k]);
			error_at(NULL, 0, "struct %s is not one the documents "
				 "describe in Linux %s; one of: %s", name,
				 api.version, near.buf);
			free(name);
			goto out;
		}
		free(name);
	}
	m = find_member_by_name(st, dot + 1);
	if (!m || m->kind != MEMBER_CALLBACK) {
		nearest_members(st, dot + 1, &near);
		error_at(NULL, 0, "%s is not a callback of Linux %s; the "
			 "nearest members of struct %s: %s", ref, api.version,
			 st->name, near.buf);
		goto out;
	}
	if (!m->active) {
		error_at(NULL, 0, "%s is left out by this configuration (%s)",
			 ref, m->condition);
		goto out;
	}
	if (!has_prototype(m)) {
		error_at(NULL, 0, "%s is declared through a typedef (%s); "
			 "opsdoc cannot write its parameters", ref, m->decl);
		goto out;
	}
	if (write_scaffold(&api, ksrc, &t, st, m, &out))
		goto out;
	if (!write_file_atomic(v[OPT_OUTPUT] ? v[OPT_OUTPUT] : "-", out.buf,
			       out.len))
		ret = 0;
out:
	strbuf_release(&out);
	strbuf_release(&near);
	strvec_release(&structs);
	api_release(&api);
	ktree_release(&kt);
	return ret;
}
