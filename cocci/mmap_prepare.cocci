// SPDX-License-Identifier: GPL-2.0
/// Convert one legacy f_op->mmap hook to f_op->mmap_prepare.
///
/// The hook is named with -D fn=NAME and becomes NAME_prepare, taking the
/// struct vm_area_desc of the mapping to be made instead of the VMA. Only
/// run it on a hook that `opsdoc convert` has checked: every use of the
/// VMA must be one of the forms below, and a remap must cover the whole
/// range, start at its start and use its page protection.
///
/// - vma->vm_start, vm_end, vm_pgoff, vm_page_prot, vm_ops,
///   vm_private_data and vm_file become the descriptor's start, end,
///   pgoff, page_prot, vm_ops, private_data and vm_file;
/// - vma->vm_end - vma->vm_start and vma_pages(vma) become
///   vma_desc_size(desc) and vma_desc_pages(desc);
/// - vm_flags_set()/vm_flags_clear() become vma_desc_set_flags() and
///   vma_desc_clear_flags() of the VMA_*_BIT numbers; a test of
///   vma->vm_flags & VM_X becomes vma_desc_test(desc, VMA_X_BIT) (a
///   comparison of it with 0, the test or its negation), and the
///   one masked test "if ((vm_flags & (A | B)) != A)" a test of each flag;
/// - "return remap_pfn_range(vma, vma->vm_start, pfn, size, prot);"
///   becomes mmap_action_remap_full(desc, pfn), io_remap_pfn_range()
///   mmap_action_ioremap_full() and vm_iomap_memory()
///   mmap_action_simple_ioremap(); "if (remap_pfn_range(...)) return -E;"
///   also sets desc->action.error_override = -E;
/// - the file parameter becomes desc->file;
/// - .mmap = NAME in a struct file_operations becomes .mmap_prepare, and
///   a "#define NAME NULL" of the configurations without the hook is
///   renamed with it, so that the initialiser still builds there.
//
// Confidence: High, on the hooks opsdoc convert accepts
// Options: --no-includes --include-headers -D fn=NAME

virtual patch

@r@
identifier virtual.fn;
identifier fp, vma;
type T;
@@
T fn(struct file *fp, struct vm_area_struct *vma) { ... }

@script:python p@
f << virtual.fn;
nf;
@@
coccinelle.nf = cocci.make_ident(f + "_prepare")

@initialize:python@
@@
import re

def vma_bits(e):
	names = [n.strip() for n in e.split('|')]
	for n in names:
		if not re.fullmatch(r'VM_[A-Z0-9_]+', n):
			return None
	return ', '.join('VMA_' + n[3:] + '_BIT' for n in names)

def masked(mask, value, op):
	m = vma_bits(mask.strip().strip('()'))
	v = vma_bits(value.strip().strip('()'))
	if m is None or v is None:
		return None
	m = m.split(', ')
	v = v.split(', ')
	if not set(v) <= set(m):
		return None
	on = ['vma_desc_test(desc, %s)' % b for b in m if b in v]
	off = ['!vma_desc_test(desc, %s)' % b for b in m if b not in v]
	if op == '==':
		return ' && '.join(on + off)
	neg = ['!vma_desc_test(desc, %s)' % b for b in m if b in v]
	pos = ['vma_desc_test(desc, %s)' % b for b in m if b not in v]
	return ' || '.join(neg + pos)

// The actions: first, while the arguments still name the VMA.

@depends on r@
identifier virtual.fn, r.vma;
expression pfn, size, E;
@@
fn(...) {
<...
(
- return remap_pfn_range(vma, vma->vm_start, pfn, size, vma->vm_page_prot);
+ mmap_action_remap_full(desc, pfn);
+ return 0;
|
- return io_remap_pfn_range(vma, vma->vm_start, pfn, size, vma->vm_page_prot);
+ mmap_action_ioremap_full(desc, pfn);
+ return 0;
|
- if (remap_pfn_range(vma, vma->vm_start, pfn, size, vma->vm_page_prot))
-	return E;
+ mmap_action_remap_full(desc, pfn);
+ desc->action.error_override = E;
|
- if (io_remap_pfn_range(vma, vma->vm_start, pfn, size, vma->vm_page_prot))
-	return E;
+ mmap_action_ioremap_full(desc, pfn);
+ desc->action.error_override = E;
|
- return vm_iomap_memory(vma, pfn, size);
+ mmap_action_simple_ioremap(desc, pfn, size);
+ return 0;
)
...>
}

// Flag tests.

@mt depends on r disable paren@
identifier virtual.fn, r.vma;
expression M, V;
binary operator op = {==, !=};
statement S;
@@
fn(...) {
<...
 if ((vma->vm_flags & (M)) op V) S
...>
}

@script:python mtp@
m << mt.M;
v << mt.V;
op << mt.op;
t;
@@
s = masked(m, v, op)
if s is None:
	cocci.include_match(False)
else:
	coccinelle.t = cocci.make_ident(s)

@depends on r disable paren@
identifier virtual.fn, r.vma;
expression mt.M, mt.V;
binary operator mt.op;
identifier mtp.t;
statement S;
@@
fn(...) {
<...
- if ((vma->vm_flags & (M)) op V)
+ if (t)
 S
...>
}

@ft depends on r@
identifier virtual.fn, r.vma;
identifier F =~ "^VM_[A-Z0-9_]+$";
@@
fn(...) {
<...
 vma->vm_flags & F
...>
}

@script:python ftp@
f << ft.F;
b;
@@
coccinelle.b = cocci.make_ident(vma_bits(f))

@depends on r@
identifier virtual.fn, r.vma;
identifier ft.F, ftp.b;
@@
fn(...) {
<...
(
- (vma->vm_flags & F) == 0
+ !vma_desc_test(desc, b)
|
- (vma->vm_flags & F) != 0
+ vma_desc_test(desc, b)
|
- !(vma->vm_flags & F)
+ !vma_desc_test(desc, b)
|
- (vma->vm_flags & F)
+ vma_desc_test(desc, b)
|
- vma->vm_flags & F
+ vma_desc_test(desc, b)
)
...>
}

// Flags set and cleared.

@fs depends on r@
identifier virtual.fn, r.vma;
expression E;
@@
fn(...) {
<...
(
 vm_flags_set(vma, E)
|
 vm_flags_clear(vma, E)
)
...>
}

@script:python fsp@
e << fs.E;
b;
@@
s = vma_bits(e)
if s is None:
	cocci.include_match(False)
else:
	coccinelle.b = cocci.make_ident(s)

@depends on r@
identifier virtual.fn, r.vma;
expression fs.E;
identifier fsp.b;
@@
fn(...) {
<...
(
- vm_flags_set(vma, E)
+ vma_desc_set_flags(desc, b)
|
- vm_flags_clear(vma, E)
+ vma_desc_clear_flags(desc, b)
)
...>
}

// The range, then the fields.

@depends on r@
identifier virtual.fn, r.vma;
@@
fn(...) {
<...
(
- vma->vm_end - vma->vm_start
+ vma_desc_size(desc)
|
- vma_pages(vma)
+ vma_desc_pages(desc)
)
...>
}

@depends on r@
identifier virtual.fn, r.vma;
@@
fn(...) {
<...
(
- vma->vm_start
+ desc->start
|
- vma->vm_end
+ desc->end
|
- vma->vm_pgoff
+ desc->pgoff
|
- vma->vm_page_prot
+ desc->page_prot
|
- vma->vm_ops
+ desc->vm_ops
|
- vma->vm_private_data
+ desc->private_data
|
- vma->vm_file
+ desc->vm_file
)
...>
}

@depends on r@
identifier virtual.fn, r.fp;
@@
fn(...) {
<...
- fp
+ desc->file
...>
}

// A local that held only the size of a whole remap may be unused now.

@depends on r@
identifier virtual.fn, x;
type T;
@@
fn(...) {
... when any
- T x = vma_desc_size(desc);
... when != x
}

@depends on r@
identifier virtual.fn, r.fp, r.vma, p.nf;
type T;
@@
-T fn(struct file *fp, struct vm_area_struct *vma)
+T nf(struct vm_area_desc *desc)
 { ... }

@depends on r@
identifier virtual.fn, p.nf;
@@
-#define fn NULL
+#define nf NULL

@depends on r@
identifier virtual.fn, p.nf, ops;
@@
struct file_operations ops = {
-	.mmap = fn,
+	.mmap_prepare = nf,
};
