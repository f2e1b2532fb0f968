// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/vm_ops_mapped.c: the first mmap() of an open
 * /dev/opsdoc_mapped claims the file's window in .mapped, and a later one
 * of the same file fails with EBUSY. The device reports "window START-END
 * pgoff P faults F"; the exerciser checks that it names the mapping that
 * succeeded, that a refused or failed mmap() claims nothing, that splits
 * and forks share the window, and that each open file has its own.
 */
#include <sys/wait.h>

#include "exercise.h"

/* Does @fd report @want ("no window" or a window)? */
static bool reports(int fd, const char *want)
{
	char text[96];
	ssize_t len;

	len = pread(fd, text, sizeof(text) - 1, 0);
	if (len < 0)
		return false;
	text[len] = '\0';
	text[strcspn(text, "\n")] = '\0';
	if (strcmp(text, want) == 0)
		return true;
	printf("    # device says \"%s\", expected \"%s\"\n", text, want);
	return false;
}

static bool reports_window(int fd, const void *start, long pages,
			   long pgoff, int faults)
{
	char want[96];

	snprintf(want, sizeof(want), "window %lx-%lx pgoff %ld faults %d",
		 (unsigned long)start,
		 (unsigned long)start + pages * page_size, pgoff, faults);
	return reports(fd, want);
}

int main(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	unsigned char *p, *q, *moved;
	int fd, fd2, status;
	pid_t pid;

	fd = open_dev("opsdoc_mapped", O_RDWR);
	check(reports(fd, "no window"), "no window before any mapping");

	expect_mmap_errno(fd, 1, PROT_READ, MAP_PRIVATE, 0, EINVAL,
			  "MAP_PRIVATE");
	expect_mmap_errno(fd, 1, PROT_READ, MAP_SHARED, NR_PAGES, EINVAL,
			  "offset past the buffer");
	check(reports(fd, "no window"), "refused mappings claim nothing");

	p = mmap(NULL, 3 * page_size, rw, MAP_SHARED, fd, page_size);
	if (!check(p != MAP_FAILED, "shared mapping of pages 1-3"))
		return done();
	check(reports_window(fd, p, 3, 1, 0),
	      ".mapped recorded where the mapping landed");
	check(has_pattern(p, 1, 3), "it holds pages 1-3");
	check(reports_window(fd, p, 3, 1, 3),
	      "the fault handler found the window: 3 faults");

	expect_mmap_errno(fd, 1, PROT_READ, MAP_SHARED, 0, EBUSY,
			  "a second mapping of the same file");
	check(reports_window(fd, p, 3, 1, 3), "the window is unchanged");

	/* Punch out page 2 of the file: two VMAs, still one window. */
	munmap(p + page_size, page_size);
	pid = fork();
	if (pid == 0)
		exit(has_pattern(p + 2 * page_size, 3, 1) ? 0 : 1);
	check(pid > 0 && waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "split and fork: the child reads page 3");
	check(reports_window(fd, p, 3, 1, 4),
	      "the child's fault counts in the same window");

	moved = mremap(p, page_size, 2 * page_size, 0);
	check(moved == MAP_FAILED, "growing the mapping is refused");

	fd2 = open_dev("opsdoc_mapped", O_RDWR);
	q = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd2, 0);
	if (check(q != MAP_FAILED, "another open file maps its own window")) {
		check(reports_window(fd2, q, 1, 0, 0), "it reports its own");
		munmap(q, page_size);
	}
	check(reports_window(fd, p, 3, 1, 4), "the first file's is unchanged");
	close(fd2);

	munmap(p, page_size);
	munmap(p + 2 * page_size, page_size);
	check(reports_window(fd, p, 3, 1, 4),
	      "unmapped: the file keeps its window until it is closed");
	close(fd);
	return done();
}
