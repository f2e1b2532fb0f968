// SPDX-License-Identifier: GPL-2.0
/*
 * Trigger for examples/bugs/vm_file_ref.c. Each case opens
 * /dev/opsdoc_bug_vmfile (A) and a second file (B), has A's hook replace
 * vm_file with B, maps A and reads file_count() of B through the module
 * before the mapping and after it is gone. The module holds one reference
 * and the descriptor one, so both counts should be 2.
 *
 *  - report 1, action: the hook also asks for a remap of part of a
 *    private mapping, which the action's check refuses; mmap() fails.
 *  - report 1, merge: B is a second open of the same device, mapped just
 *    below, so the mapping of A merges into B's VMA; then both go.
 *  - report 1, compat: /dev/opsdoc_bug_vmfile_stack maps A from its
 *    .mmap, so A's hook runs through compat_vma_mmap(); then it goes.
 *  - report 2: B is /dev/opsdoc_bug_vmfile_legacy, whose .mmap fails.
 *
 * Prints "report N: reproduced: ..." or "report N: not reproduced: ...".
 * A reference put once too often was the module's: it then forgets it.
 */
#include <sys/ioctl.h>

#include "exercise.h"
#include "report.h"
#include "vm_file_ref.h"

/* The counts of B before the mapping and after; errno of the mmap(). */
struct result {
	long before, after;
	int err;
};

static const int rw = PROT_READ | PROT_WRITE;

/* Open A and B, and make B the vm_file of A's mappings. */
static bool setup(const char *other, int *a, int *b, struct result *r)
{
	*a = open_dev("opsdoc_bug_vmfile", O_RDWR);
	*b = open_dev(other, O_RDWR);
	if (!check(ioctl(*a, VMFILE_SET_OTHER, *b) == 0,
		   "the hook of A will install %s", other))
		return false;
	r->before = ioctl(*a, VMFILE_OTHER_COUNT);
	return true;
}

static void finish(int a, int b, struct result *r)
{
	r->after = ioctl(a, VMFILE_OTHER_COUNT);
	if (r->after < r->before)
		ioctl(a, VMFILE_FORGET_OTHER);
	close(a);
	close(b);
}

static struct result action_fails(void)
{
	struct result r = { -1, -1, 0 };
	int a, b;
	void *p;

	if (!setup("opsdoc_bug_vmfile", &a, &b, &r))
		return r;
	ioctl(a, VMFILE_FAIL_ACTION, 1);
	p = mmap(NULL, 2 * page_size, rw, MAP_PRIVATE, a, 0);
	r.err = errno;
	check(p == MAP_FAILED, "action: mmap of A fails: %s",
	      p == MAP_FAILED ? strerror(r.err) : "it succeeded");
	if (p != MAP_FAILED) {
		munmap(p, 2 * page_size);
		r.err = 0;
	}
	finish(a, b, &r);
	return r;
}

/* Whether /proc/self/maps has one VMA from @p to @p + @len. */
static bool one_vma(void *p, long len)
{
	char want[64], line[256];
	FILE *maps = fopen("/proc/self/maps", "r");
	bool found = false;

	if (!maps)
		return false;
	snprintf(want, sizeof(want), "%lx-%lx ", (unsigned long)p,
		 (unsigned long)p + len);
	while (fgets(line, sizeof(line), maps))
		if (!strncmp(line, want, strlen(want)))
			found = true;
	fclose(maps);
	return found;
}

static struct result merges(bool *merged)
{
	struct result r = { -1, -1, 0 };
	char *p, *q;
	int a, b;

	*merged = false;
	if (!setup("opsdoc_bug_vmfile", &a, &b, &r))
		return r;
	/* Two free pages in a row: reserve them, then let them go. */
	p = mmap(NULL, 2 * page_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (!check(p != MAP_FAILED, "merge: two pages reserved"))
		goto out;
	munmap(p, 2 * page_size);
	q = mmap(p, page_size, rw, MAP_SHARED | MAP_FIXED, b, 0);
	if (!check(q == p, "merge: B mapped at page 0"))
		goto out;
	q = mmap(p + page_size, page_size, rw, MAP_SHARED | MAP_FIXED, a,
		 page_size);
	r.err = q == MAP_FAILED ? errno : 0;
	if (check(q == p + page_size, "merge: A mapped at page 1 of B")) {
		*merged = one_vma(p, 2 * page_size);
		check(*merged, "merge: one VMA of B covers both");
	}
	munmap(p, 2 * page_size);
out:
	finish(a, b, &r);
	return r;
}

static struct result stacked_mmap(void)
{
	struct result r = { -1, -1, 0 };
	int a, b, s;
	void *p;

	if (!setup("opsdoc_bug_vmfile", &a, &b, &r))
		return r;
	s = open_dev("opsdoc_bug_vmfile_stack", O_RDWR);
	if (check(ioctl(s, VMFILE_SET_OTHER, a) == 0,
		  "stacked: the stacked file maps A")) {
		p = mmap(NULL, page_size, rw, MAP_SHARED, s, 0);
		r.err = p == MAP_FAILED ? errno : 0;
		if (check(p != MAP_FAILED, "stacked: mmap succeeds: %s",
			  p == MAP_FAILED ? strerror(r.err) : "ok"))
			munmap(p, page_size);
	}
	close(s);
	finish(a, b, &r);
	return r;
}

static struct result legacy_fails(void)
{
	struct result r = { -1, -1, 0 };
	int a, b;
	void *p;

	if (!setup("opsdoc_bug_vmfile_legacy", &a, &b, &r))
		return r;
	p = mmap(NULL, page_size, rw, MAP_SHARED, a, 0);
	r.err = errno;
	check(p == MAP_FAILED, "legacy: mmap of A fails: %s",
	      p == MAP_FAILED ? strerror(r.err) : "it succeeded");
	if (p != MAP_FAILED) {
		munmap(p, page_size);
		r.err = 0;
	}
	finish(a, b, &r);
	return r;
}

int main(void)
{
	struct result action, merge, stack, legacy;
	bool merged;

	action = action_fails();
	merge = merges(&merged);
	stack = stacked_mmap();
	legacy = legacy_fails();

	verdict(1, action.err && action.after > action.before,
		"file_count() %ld before, %ld after the action's check failed (%s)",
		action.before, action.after, mmap_error(action.err));
	verdict(1, merged && merge.after > merge.before,
		"file_count() %ld before, %ld after a merge%s and munmap()",
		merge.before, merge.after,
		merged ? "" : " (none: no merge happened)");
	verdict(1, !stack.err && stack.after > stack.before,
		"file_count() %ld before, %ld after a stacked .mmap (%s) and munmap()",
		stack.before, stack.after,
		stack.err ? strerror(stack.err) : "compat_vma_mmap()");
	verdict(2, legacy.err && legacy.after < legacy.before,
		"file_count() %ld before, %ld after the new file's .mmap failed (%s)",
		legacy.before, legacy.after, mmap_error(legacy.err));
	return done();
}
