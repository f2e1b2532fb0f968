/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vm_file_ref.h - the ioctls of /dev/opsdoc_bug_vmfile, shared by the
 * module and its user-space trigger. Each applies to the open file it is
 * called on.
 */
#ifndef OPSDOC_BUG_VM_FILE_REF_H
#define OPSDOC_BUG_VM_FILE_REF_H

#include <linux/ioctl.h>

/* Take a reference to the file of descriptor arg: the hook's new vm_file. */
#define VMFILE_SET_OTHER	_IO('O', 1)
/* Return file_count() of that file. */
#define VMFILE_OTHER_COUNT	_IO('O', 2)
/* arg 1: the hook also asks for a remap that the action's check refuses. */
#define VMFILE_FAIL_ACTION	_IO('O', 3)
/* Give up the reference without putting it (one fput() too many took it). */
#define VMFILE_FORGET_OTHER	_IO('O', 4)

#endif
