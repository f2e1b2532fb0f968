// SPDX-License-Identifier: GPL-2.0
/*
 * Trigger for examples/bugs/close_after_failed_action.c: maps one page of
 * /dev/opsdoc_bug_close at offset 0 (the kernel-pages action fails once
 * the VMA exists) and at offset 1 (->mapped fails), and one page of
 * /dev/opsdoc_bug_close_legacy (.mmap fails), and reads the module's
 * counts of ->mapped and ->close around each. Prints "report 3:
 * reproduced: ..." when ->close ran for a mapping whose ->mapped never
 * succeeded, else "report 3: not reproduced: ...".
 */
#include "exercise.h"
#include "report.h"

#define PARAMS	"/sys/module/opsdoc_bug_close/parameters/"

struct counts {
	long mapped, close, null;
};

static struct counts read_counts(void)
{
	struct counts c = {
		.mapped	= read_number(PARAMS "mapped_calls"),
		.close	= read_number(PARAMS "close_calls"),
		.null	= read_number(PARAMS "close_null"),
	};

	return c;
}

/*
 * Map one page of /dev/@dev at page @pgoff, which must fail; return the
 * calls it caused and its errno in @err.
 */
static struct counts failed_map(const char *dev, long pgoff, int *err)
{
	struct counts before = read_counts(), after;
	int fd = open_dev(dev, O_RDWR);
	void *p;

	p = mmap(NULL, page_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 pgoff * page_size);
	*err = errno;
	check(p == MAP_FAILED, "mmap of %s at page %ld fails: %s", dev, pgoff,
	      p == MAP_FAILED ? strerror(*err) : "it succeeded");
	if (p != MAP_FAILED) {
		munmap(p, page_size);
		*err = 0;
	}
	close(fd);
	after = read_counts();
	after.mapped -= before.mapped;
	after.close -= before.close;
	after.null -= before.null;
	return after;
}

int main(void)
{
	struct counts action, mapped, legacy;
	int action_err, mapped_err, legacy_err;

	action = failed_map("opsdoc_bug_close", 0, &action_err);
	mapped = failed_map("opsdoc_bug_close", 1, &mapped_err);
	legacy = failed_map("opsdoc_bug_close_legacy", 0, &legacy_err);

	verdict(3, action_err && action.mapped == 0 && action.close > 0,
		"->close ran %ld time(s), ->mapped %ld, the action failed (%s)",
		action.close, action.mapped, mmap_error(action_err));
	report_note(3, "->close found vm_private_data NULL %ld time(s)",
		    action.null);
	verdict(3, mapped_err && mapped.close > 0,
		"->close ran %ld time(s) after ->mapped failed (%s)",
		mapped.close, mmap_error(mapped_err));
	report_note(3, "->close found vm_private_data NULL %ld time(s)",
		    mapped.null);
	report_note(3, "a failed .mmap with the same ->close (%s): ->close ran %ld time(s)",
		    mmap_error(legacy_err), legacy.close);
	return done();
}
