// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "strbuf.h"
#include "util.h"

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= n;
	}
	return 0;
}

static int write_fd(const char *name, int fd, const char *data, size_t len)
{
	if (write_all(fd, data, len)) {
		error_at(name, 0, "write failed: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Write data to a new temporary file next to path; its name goes to tmp. */
static int write_temp(const char *path, const char *data, size_t len,
		      struct strbuf *tmp)
{
	int fd, saved;

	strbuf_reset(tmp);
	strbuf_addf(tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp->buf);
	if (fd < 0) {
		error_at(path, 0, "cannot create a file next to it: %s; check "
			 "that the directory exists and is writable",
			 strerror(errno));
		return -1;
	}
	if (write_all(fd, data, len) || fchmod(fd, 0644) || fsync(fd)) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd)) {
		saved = errno;
		goto fail;
	}
	return 0;
fail:
	unlink(tmp->buf);
	error_at(path, 0, "cannot write: %s; the old file is unchanged",
		 strerror(saved));
	return -1;
}

void file_set_add(struct file_set *set, const char *path, const char *data,
		  size_t len)
{
	struct file_set_entry *e;

	set->v = xrealloc(set->v, (set->n + 1) * sizeof(*set->v));
	e = &set->v[set->n++];
	e->path = xstrdup(path);
	e->data = data;
	e->len = len;
}

void file_set_release(struct file_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		free(set->v[i].path);
	free(set->v);
	set->v = NULL;
	set->n = 0;
}

/* Standard output, a device or a pipe: written in place, never replaced. */
static int in_place(const char *path)
{
	struct stat st;

	return !strcmp(path, "-") || (!stat(path, &st) && !S_ISREG(st.st_mode));
}

static int write_in_place(const struct file_set_entry *e)
{
	int fd, bad;

	if (!strcmp(e->path, "-"))
		return write_fd("<stdout>", STDOUT_FILENO, e->data, e->len);
	fd = open(e->path, O_WRONLY);
	if (fd < 0) {
		error_at(e->path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	bad = write_fd(e->path, fd, e->data, e->len);
	if (close(fd) && !bad) {
		error_at(e->path, 0, "write failed: %s", strerror(errno));
		bad = -1;
	}
	return bad;
}

/*
 * Every regular file is written to a temporary name next to it first;
 * only when all of them are written are they renamed into place, and only
 * then are standard output, devices and pipes written. SIGINT, SIGTERM and
 * SIGHUP wait until that is over, so a signal leaves either every old
 * file or every new one, and no temporary file behind. A failure while
 * writing the temporary files replaces nothing; a rename that fails after
 * others succeeded (it takes a vanished directory) is reported.
 */
int file_set_commit(const struct file_set *set)
{
	struct strbuf *tmp = xcalloc(set->n ? set->n : 1, sizeof(*tmp));
	sigset_t block, old;
	size_t i;
	int ret = -1;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < set->n; i++)
		strbuf_init(&tmp[i]);
	for (i = 0; i < set->n; i++)
		if (!in_place(set->v[i].path) &&
		    write_temp(set->v[i].path, set->v[i].data, set->v[i].len, &tmp[i]))
			goto out;
	for (i = 0; i < set->n; i++) {
		if (!tmp[i].len)
			continue;
		if (rename(tmp[i].buf, set->v[i].path)) {
			error_at(set->v[i].path, 0, "cannot replace: %s",
				 strerror(errno));
			goto out;
		}
		strbuf_reset(&tmp[i]);
	}
	for (i = 0; i < set->n; i++)
		if (in_place(set->v[i].path) && write_in_place(&set->v[i]))
			goto out;
	ret = 0;
out:
	for (i = 0; i < set->n; i++) {
		if (tmp[i].len)
			unlink(tmp[i].buf);
		strbuf_release(&tmp[i]);
	}
	free(tmp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
	struct file_set set = { 0 };
	int ret;

	file_set_add(&set, path, data, len);
	ret = file_set_commit(&set);
	file_set_release(&set);
	return ret;
}

int mkdir_p(const char *path)
{
	char buf[4096];
	char *p;

	if (!*path) {
		errno = ENOENT;
		return -1;
	}
	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_into(const char *dir, const char *prefix, const char *suffix,
		     int recursive, struct strvec *out)
{
	struct strbuf path = STRBUF_INIT, rel = STRBUF_INIT;
	size_t sl = strlen(suffix);
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		strbuf_reset(&rel);
		strbuf_addf(&rel, "%s%s", prefix, de->d_name);
		/* The entry's type from readdir where the file system gives it. */
		if (recursive && (de->d_type == DT_DIR || de->d_type == DT_UNKNOWN ||
				  de->d_type == DT_LNK)) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", dir, de->d_name);
			if ((de->d_type == DT_DIR || !stat(path.buf, &st)) &&
			    (de->d_type == DT_DIR || S_ISDIR(st.st_mode))) {
				strbuf_addch(&rel, '/');
				if (list_into(path.buf, rel.buf, suffix, 1, out))
					ret = -1;
				continue;
			}
		}
		if (n > sl && !strcmp(de->d_name + n - sl, suffix))
			strvec_push(out, rel.buf);
	}
	closedir(d);
	strbuf_release(&path);
	strbuf_release(&rel);
	return ret;
}

int list_files(const char *dir, const char *suffix, int recursive,
	       struct strvec *out)
{
	size_t start = out->nr;

	if (list_into(dir, "", suffix, recursive, out))
		return -1;
	qsort(out->v + start, out->nr - start, sizeof(*out->v), path_cmp);
	return 0;
}
