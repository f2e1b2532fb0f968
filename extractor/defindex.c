// SPDX-License-Identifier: GPL-2.0
/*
 * defindex.c - where the tree's headers define each struct.
 *
 * A lexical pass, not a parse: it only has to say which headers to hand
 * to libclang for a struct name, and libclang decides what the definition
 * is in the tree's configuration. It skips comments, string and character
 * literals and preprocessor lines, counts braces, and records
 * "struct NAME {" at brace depth 0.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "cache.h"
#include "defindex.h"
#include "fileio.h"
#include "strbuf.h"
#include "strvec.h"
#include "util.h"

const char *def_arch(const char *file, size_t *len)
{
	const char *e;

	if (strncmp(file, "arch/", 5) || !(e = strchr(file + 5, '/')) ||
	    strncmp(e, "/include/", 9)) {
		*len = 0;
		return NULL;
	}
	*len = e - (file + 5);
	return file + 5;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The directories indexed: include/, then every arch/ARCH/include, sorted.
 * A small tree may have no arch/ headers; it must have include/.
 */
static void index_dirs(const char *ksrc, struct strvec *dirs)
{
	struct strbuf path = STRBUF_INIT;
	struct strvec archs = STRVEC_INIT;
	struct dirent *de;
	DIR *dir;
	size_t i;

	strvec_init(&archs);
	strvec_push(dirs, "include");
	strbuf_addf(&path, "%s/arch", ksrc);
	if ((dir = opendir(path.buf)) != NULL) {
		while ((de = readdir(dir)) != NULL)
			if (de->d_name[0] != '.')
				strvec_push(&archs, de->d_name);
		closedir(dir);
		if (archs.nr)
			qsort(archs.v, archs.nr, sizeof(*archs.v), name_cmp);
		for (i = 0; i < archs.nr; i++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/arch/%s/include", ksrc, archs.v[i]);
			if (access(path.buf, F_OK))
				continue;
			strbuf_reset(&path);
			strbuf_addf(&path, "arch/%s/include", archs.v[i]);
			strvec_push(dirs, path.buf);
		}
	}
	strvec_release(&archs);
	strbuf_release(&path);
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

static void add_def(struct def_index *idx, size_t *alloc, const char *name,
		    size_t len, const char *file, unsigned int line)
{
	struct struct_def *d;

	if (idx->n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 1024;
		idx->v = xrealloc(idx->v, *alloc * sizeof(*idx->v));
	}
	d = &idx->v[idx->n++];
	d->name = xstrndup(name, len);
	d->file = xstrdup(file);
	d->line = line;
}

/* Skip spaces, newlines and comments from p; count the newlines. */
static const char *skip_blank(const char *p, const char *end, unsigned int *line)
{
	while (p < end) {
		if (*p == '\n') {
			(*line)++;
			p++;
		} else if (isspace((unsigned char)*p)) {
			p++;
		} else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
			for (p += 2; p + 1 < end && !(p[0] == '*' && p[1] == '/'); p++)
				if (*p == '\n')
					(*line)++;
			p = p + 1 < end ? p + 2 : end;
		} else if (p + 1 < end && p[0] == '/' && p[1] == '/') {
			while (p < end && *p != '\n')
				p++;
		} else {
			break;
		}
	}
	return p;
}

/* Index one header's text. */
static void scan_header(struct def_index *idx, size_t *alloc, const char *file,
			const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	unsigned int line = 1, depth = 0;
	int bol = 1;	/* only blanks since the last newline */

	while (p < end) {
		const char *q, *name, *ne;
		unsigned int l;

		if (*p == '\n') {
			line++;
			p++;
			bol = 1;
			continue;
		}
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (p[0] == '/' && p + 1 < end && (p[1] == '*' || p[1] == '/')) {
			p = skip_blank(p, end, &line);
			continue;
		}
		if (bol && *p == '#') {
			/* A directive, with its backslash continuations. */
			while (p < end && *p != '\n') {
				if (*p == '\\' && p + 1 < end && p[1] == '\n') {
					line++;
					p++;
				}
				p++;
			}
			continue;
		}
		bol = 0;
		if (*p == '"' || *p == '\'') {
			char quote = *p++;

			while (p < end && *p != quote && *p != '\n') {
				if (*p == '\\' && p + 1 < end)
					p++;
				p++;
			}
			if (p < end && *p == quote)
				p++;
			continue;
		}
		if (*p == '{') {
			depth++;
			p++;
			continue;
		}
		if (*p == '}') {
			if (depth)
				depth--;
			p++;
			continue;
		}
		if (!is_ident((unsigned char)*p)) {
			p++;
			continue;
		}
		q = p;
		while (q < end && is_ident((unsigned char)*q))
			q++;
		if (depth || q - p != 6 || memcmp(p, "struct", 6) ||
		    (p > text && is_ident((unsigned char)p[-1]))) {
			p = q;
			continue;
		}
		/* "struct" NAME "{", with blanks and comments between. */
		l = line;
		name = skip_blank(q, end, &l);
		ne = name;
		while (ne < end && is_ident((unsigned char)*ne))
			ne++;
		if (ne > name && !isdigit((unsigned char)*name)) {
			const char *brace = skip_blank(ne, end, &l);

			if (brace < end && *brace == '{')
				add_def(idx, alloc, name, ne - name, file, line);
		}
		/* The main loop goes on after "struct" and counts its lines. */
		p = q;
	}
}

static int def_cmp(const void *a, const void *b)
{
	const struct struct_def *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (!c)
		c = strcmp(x->file, y->file);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * The headers of the tree, "DIR/REL" each, sorted within each of
 * include/ and each arch/ARCH/include.
 */
static int list_headers(const char *ksrc, struct strvec *files)
{
	struct strbuf path = STRBUF_INIT;
	struct strvec dirs = STRVEC_INIT;
	size_t i, d;
	int ret = -1;

	strvec_init(&dirs);
	index_dirs(ksrc, &dirs);
	for (d = 0; d < dirs.nr; d++) {
		struct strvec rel = STRVEC_INIT;

		strvec_init(&rel);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", ksrc, dirs.v[d]);
		if (list_files(path.buf, ".h", 1, &rel)) {
			error_at(path.buf, 0, "cannot read the headers: %s; is %s a "
				 "kernel tree?", strerror(errno), ksrc);
			strvec_release(&rel);
			goto out;
		}
		for (i = 0; i < rel.nr; i++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", dirs.v[d], rel.v[i]);
			strvec_push(files, path.buf);
		}
		strvec_release(&rel);
	}
	ret = 0;
out:
	strvec_release(&dirs);
	strbuf_release(&path);
	return ret;
}

/*
 * The directories that hold the headers (each ancestor of each header,
 * up to the tree's top), each once: a header added, removed or
 * renamed changes the modification time of its directory.
 */
static void header_dirs(const struct strvec *files, struct strvec *dirs)
{
	size_t i;

	for (i = 0; i < files->nr; i++) {
		char *d = xstrdup(files->v[i]), *slash;

		while ((slash = strrchr(d, '/')) != NULL) {
			*slash = '\0';
			if (strvec_find(dirs, d) >= 0)
				break;
			strvec_push(dirs, d);
		}
		free(d);
	}
}

/* "SEC NSEC DIR" of one directory, or -1 when it is gone. */
static int dir_stamp(const char *ksrc, const char *dir, struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	int ret;

	strbuf_addf(&path, "%s/%s", ksrc, dir);
	ret = stat(path.buf, &st);
	if (!ret)
		strbuf_addf(out, "%lld %ld %s\n", (long long)st.st_mtim.tv_sec,
			    st.st_mtim.tv_nsec, dir);
	strbuf_release(&path);
	return ret;
}

/*
 * The index as text: "dirs N", then N directory stamps, then the count
 * of headers, then "NAME FILE LINE" lines.
 */
static void index_text(const char *ksrc, const struct strvec *dirs,
		       const struct def_index *idx, struct strbuf *out)
{
	struct strbuf stamps = STRBUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < dirs->nr; i++)
		n += !dir_stamp(ksrc, dirs->v[i], &stamps);
	strbuf_addf(out, "dirs %zu\n", n);
	strbuf_add(out, stamps.buf, stamps.len);
	strbuf_addf(out, "%zu\n", idx->nr_files);
	for (i = 0; i < idx->n; i++)
		strbuf_addf(out, "%s %s %u\n", idx->v[i].name, idx->v[i].file,
			    idx->v[i].line);
	strbuf_release(&stamps);
}

/*
 * The index from its text, when every directory it names still has the
 * modification time it had: a few hundred stat() calls, not one per
 * header. Return 0, or -1 when the text is stale or not an index.
 */
static int index_from_text(const char *ksrc, char *text, struct def_index *idx)
{
	struct strbuf now = STRBUF_INIT;
	size_t alloc = 0, n, i;
	char *line, *save = NULL, *end;
	int ret = -1;

	line = strtok_r(text, "\n", &save);
	if (!line || strncmp(line, "dirs ", 5))
		return -1;
	n = strtoul(line + 5, &end, 10);
	for (i = 0; i < n; i++) {
		char *dir;

		line = strtok_r(NULL, "\n", &save);
		if (!line || !(dir = strchr(line, ' ')) || !(dir = strchr(dir + 1, ' ')))
			goto out;
		strbuf_reset(&now);
		if (dir_stamp(ksrc, dir + 1, &now))
			goto out;
		now.buf[now.len - 1] = '\0';
		if (strcmp(now.buf, line))
			goto out;
	}
	line = strtok_r(NULL, "\n", &save);
	if (!line)
		goto out;
	idx->nr_files = strtoul(line, &end, 10);
	if (*end)
		goto out;
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *file = strchr(line, ' '), *num;

		if (!file || !(num = strchr(file + 1, ' ')))
			goto out;
		*num++ = '\0';
		add_def(idx, &alloc, line, file - line, file + 1, strtoul(num, NULL, 10));
	}
	ret = 0;
out:
	strbuf_release(&now);
	return ret;
}

/* The index's cache key: the tree and the directories indexed. */
static unsigned long long index_key(const char *ksrc)
{
	XXH3_state_t *st = XXH3_createState();
	unsigned long long key;

	if (!st)
		die("out of memory");
	XXH3_64bits_reset(st);
	/* arch/ itself is a directory of the index: a new arch is seen. */
	XXH3_64bits_update(st, "defindex 3", 11);
	XXH3_64bits_update(st, ksrc, strlen(ksrc) + 1);
	key = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return key;
}

int def_index_build(const char *ksrc, struct def_index *idx)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct strvec files = STRVEC_INIT, dirs = STRVEC_INIT;
	int use_cache = !getenv("OPSDOC_NO_CACHE");
	unsigned long long key = index_key(ksrc);
	size_t alloc = 0, i;
	int ret = -1;

	memset(idx, 0, sizeof(*idx));
	strvec_init(&files);
	strvec_init(&dirs);
	cache_file("defindex", key, "txt", &path);
	if (use_cache && !strbuf_read_file(&text, path.buf)) {
		if (!index_from_text(ksrc, text.buf, idx)) {
			ret = 0;
			goto out;
		}
		def_index_release(idx);
	}
	if (list_headers(ksrc, &files))
		goto out;
	for (i = 0; i < files.nr; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", ksrc, files.v[i]);
		strbuf_reset(&text);
		if (strbuf_read_file(&text, path.buf)) {
			error_at(path.buf, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		scan_header(idx, &alloc, files.v[i], text.buf, text.len);
		idx->nr_files++;
	}
	if (idx->n)
		qsort(idx->v, idx->n, sizeof(*idx->v), def_cmp);
	if (use_cache) {
		cache_file("defindex", key, NULL, &path);
		if (!mkdir_p(path.buf)) {
			header_dirs(&files, &dirs);
			strbuf_reset(&text);
			index_text(ksrc, &dirs, idx, &text);
			cache_file("defindex", key, "txt", &path);
			write_file_atomic(path.buf, text.buf, text.len);
		}
	}
	ret = 0;
out:
	strbuf_release(&path);
	strbuf_release(&text);
	strvec_release(&files);
	strvec_release(&dirs);
	if (ret)
		def_index_release(idx);
	return ret;
}

int def_index_of_files(const char *ksrc, const struct strvec *files,
		       struct def_index *idx)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	size_t alloc = 0, i;

	memset(idx, 0, sizeof(*idx));
	for (i = 0; i < files->nr; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", ksrc, files->v[i]);
		strbuf_reset(&text);
		if (strbuf_read_file(&text, path.buf))
			continue;
		scan_header(idx, &alloc, files->v[i], text.buf, text.len);
		idx->nr_files++;
	}
	if (idx->n)
		qsort(idx->v, idx->n, sizeof(*idx->v), def_cmp);
	strbuf_release(&path);
	strbuf_release(&text);
	return 0;
}

const struct struct_def *def_index_find(const struct def_index *idx,
					const char *name, size_t *count)
{
	size_t lo = 0, hi = idx->n, first;

	*count = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(idx->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < idx->n && !strcmp(idx->v[lo].name, name))
		lo++;
	*count = lo - first;
	return *count ? &idx->v[first] : NULL;
}

void def_index_release(struct def_index *idx)
{
	size_t i;

	for (i = 0; i < idx->n; i++) {
		free(idx->v[i].name);
		free(idx->v[i].file);
	}
	free(idx->v);
	memset(idx, 0, sizeof(*idx));
}

/* The edit distance of a and b, or more than max when it is. */
static size_t edit_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, d;

	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0], low;

		row[0] = i;
		low = row[0];
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];

			d = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
			if (d < low)
				low = d;
		}
		if (low > max) {
			free(row);
			return max + 1;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

struct nearest {
	const char *name;
	size_t score;
};

static int nearest_cmp(const void *a, const void *b)
{
	const struct nearest *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return strcmp(x->name, y->name);
}

void def_index_nearest(const struct def_index *idx, const char *name,
		       size_t max, struct strvec *out)
{
	size_t len = strlen(name), pre = len < 3 ? len : 3, lo = 0, hi = idx->n;
	size_t limit = len / 3 > 2 ? len / 3 : 2, n = 0, i;
	struct nearest *c = NULL;

	/* The tags that share the first three characters: a sorted range. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strncmp(idx->v[mid].name, name, pre) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < idx->n && !strncmp(idx->v[i].name, name, pre); i++) {
		const char *t = idx->v[i].name;
		size_t tl = strlen(t), score;

		if (n && !strcmp(c[n - 1].name, t))
			continue;
		if (!strcmp(t, name))
			continue;
		/* One names the other with a word added ("_data"): close. */
		if ((tl > len && !strncmp(t, name, len) && t[len] == '_') ||
		    (len > tl && !strncmp(name, t, tl) && name[tl] == '_'))
			score = 1;
		else
			score = edit_distance(name, t, limit);
		if (score > limit)
			continue;
		c = xrealloc(c, (n + 1) * sizeof(*c));
		c[n].name = t;
		c[n++].score = score;
	}
	if (n)
		qsort(c, n, sizeof(*c), nearest_cmp);
	for (i = 0; i < n && i < max; i++)
		strvec_push(out, c[i].name);
	free(c);
}
