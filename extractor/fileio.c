// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
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

int write_file_atomic(const char *path, const char *data, size_t len)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, saved;

	struct stat st;

	if (!strcmp(path, "-"))
		return write_fd("<stdout>", STDOUT_FILENO, data, len);
	/* A device or a pipe is written in place, never replaced. */
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		fd = open(path, O_WRONLY);
		if (fd < 0) {
			error_at(path, 0, "cannot open: %s", strerror(errno));
			return -1;
		}
		saved = write_fd(path, fd, data, len);
		if (close(fd) && !saved) {
			error_at(path, 0, "write failed: %s", strerror(errno));
			saved = -1;
		}
		return saved;
	}
	strbuf_init(&tmp);
	strbuf_addf(&tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		error_at(path, 0, "cannot create a file next to it: %s; check "
			 "that the directory exists and is writable",
			 strerror(errno));
		strbuf_release(&tmp);
		return -1;
	}
	if (write_all(fd, data, len) || fchmod(fd, 0644) || fsync(fd)) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) || rename(tmp.buf, path)) {
		saved = errno;
		goto fail;
	}
	strbuf_release(&tmp);
	return 0;
fail:
	unlink(tmp.buf);
	error_at(path, 0, "cannot write: %s; the old file is unchanged",
		 strerror(saved));
	strbuf_release(&tmp);
	return -1;
}

int mkdir_p(const char *path)
{
	char buf[4096];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -1;
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
