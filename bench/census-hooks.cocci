// The three mmap hooks of struct file_operations, for bench.sh's
// comparison with opsdoc census: one line "HOOK OBJECT FUNCTION FILE:LINE".
@m@
identifier I, F;
position p;
@@
struct file_operations I@p = { .mmap = F, };

@script:python depends on m@
I << m.I; F << m.F; p << m.p;
@@
print("mmap %s %s %s:%s" % (I, F, p[0].file, p[0].line))

@mp@
identifier I, F;
position p;
@@
struct file_operations I@p = { .mmap_prepare = F, };

@script:python depends on mp@
I << mp.I; F << mp.F; p << mp.p;
@@
print("mmap_prepare %s %s %s:%s" % (I, F, p[0].file, p[0].line))

@g@
identifier I, F;
position p;
@@
struct file_operations I@p = { .get_unmapped_area = F, };

@script:python depends on g@
I << g.I; F << g.F; p << g.p;
@@
print("get_unmapped_area %s %s %s:%s" % (I, F, p[0].file, p[0].line))
