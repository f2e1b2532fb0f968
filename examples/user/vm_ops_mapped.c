// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/vm_ops_mapped.c: /dev/opsdoc_mapped allocates
 * one state per mmap() in .mapped and shares it, reference counted, with
 * the VMAs that splitting, moving and forking make from the mapping. The
 * device reports "mappings M refs R"; the exerciser checks both numbers
 * after each step and that unmapping everything frees every state.
 */
#include <sys/wait.h>

#include "exercise.h"

static int dev_fd;

/* Does the device report @mappings states and @refs references? */
static bool counts_are(int mappings, int refs)
{
	char text[64], want[64];
	ssize_t len;

	len = pread(dev_fd, text, sizeof(text) - 1, 0);
	if (len < 0)
		return false;
	text[len] = '\0';
	snprintf(want, sizeof(want), "mappings %d refs %d\n", mappings, refs);
	if (strcmp(text, want) == 0)
		return true;
	printf("    # device says \"%.*s\", expected \"%.*s\"\n",
	       (int)strcspn(text, "\n"), text, (int)strcspn(want, "\n"), want);
	return false;
}

int main(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	unsigned char *p, *q, *moved;
	pid_t pid;
	int status;

	dev_fd = open_dev("opsdoc_mapped", O_RDWR);
	check(counts_are(0, 0), "no state before any mapping");

	p = mmap(NULL, NR_PAGES * page_size, rw, MAP_SHARED, dev_fd, 0);
	if (!check(p != MAP_FAILED, "shared mapping of the whole buffer"))
		return done();
	check(has_pattern(p, 0, NR_PAGES), "it holds the driver's pattern");
	check(counts_are(1, 1), ".mapped allocated one state");

	/* Punch out page 1: two VMAs, one state, two references. */
	munmap(p + page_size, page_size);
	check(counts_are(1, 2), "split: .open took a second reference");

	pid = fork();
	if (pid == 0)
		exit(counts_are(1, 4) && has_pattern(p + 2 * page_size, 2, 2) ?
		     0 : 1);
	check(pid > 0 && waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "fork: the child's two VMAs took two more references");
	check(counts_are(1, 2), "child exit: .close dropped them");

	/* Move the tail: .open for the new VMA, .close for the old one. */
	q = mmap(NULL, 2 * page_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	moved = mremap(p + 2 * page_size, 2 * page_size, 2 * page_size,
		       MREMAP_MAYMOVE | MREMAP_FIXED, q);
	if (check(moved == q, "mremap moves the tail")) {
		check(has_pattern(moved, 2, 2), "the moved tail holds pages 2-3");
		check(counts_are(1, 2), "move: still one state, two references");
	}
	moved = mremap(p, page_size, 4 * page_size, 0);
	check(moved == MAP_FAILED, "growing a mapping is refused");

	munmap(p, page_size);
	munmap(q, 2 * page_size);
	check(counts_are(0, 0), "unmapping every VMA freed the state");

	p = mmap(NULL, page_size, PROT_READ, MAP_SHARED, dev_fd, 0);
	q = mmap(NULL, page_size, PROT_READ, MAP_SHARED, dev_fd, page_size);
	if (check(p != MAP_FAILED && q != MAP_FAILED, "two more mappings")) {
		check(counts_are(2, 2), "each mmap() has its own state");
		munmap(p, page_size);
		munmap(q, page_size);
	}
	check(counts_are(0, 0), "all states freed");

	expect_mmap_errno(dev_fd, 1, PROT_READ, MAP_PRIVATE, 0, EINVAL,
			  "MAP_PRIVATE");
	expect_mmap_errno(dev_fd, 1, PROT_READ, MAP_SHARED, NR_PAGES, EINVAL,
			  "offset past the buffer");
	check(counts_are(0, 0), "refused mappings leave no state");
	close(dev_fd);
	return done();
}
