// SPDX-License-Identifier: GPL-2.0
/*
 * Exerciser for examples/opsdocfs.c: mounts opsdocfs twice (mode=0700,
 * and casefold), runs one group of checks per case, each line named after
 * the case (mount, io, mmap, names, rename, symlink, statfs, attr, xattr,
 * readdir, casefold, umount), and compares every result with what the
 * callbacks are written to give. docs/examples.rst maps the callbacks to
 * these cases.
 */
#include <dirent.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>

#include "exercise.h"

#define MNT		"/mnt/opsdocfs"
#define CI_MNT		"/mnt/opsdocfs-ci"
#define OPSDOCFS_MAGIC	0x6f707364
#define LIVE_INODES	"/sys/module/opsdoc_fs/parameters/live_inodes"

static int rename2(const char *from, const char *to, unsigned int flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
}

/* Is dir an opsdocfs mount in /proc/mounts, with opt among its options? */
static bool mounts_line(const char *dir, const char *opt)
{
	char line[512], want[128];
	bool found = false;
	FILE *f = fopen("/proc/mounts", "r");

	if (!f)
		return false;
	snprintf(want, sizeof(want), " %s opsdocfs ", dir);
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, want) && (!opt || strstr(line, opt));
	fclose(f);
	return found;
}

static bool errno_is(int ret, int err)
{
	return ret < 0 && errno == err;
}

static void check_mount(void)
{
	int ret;

	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	mkdir(CI_MNT, 0755);
	ret = mount("none", MNT, "opsdocfs", 0, "mode=0700");
	check(ret == 0, "mount: mode=0700 (%s)", ret ? strerror(errno) : "ok");
	check(mounts_line(MNT, "mode=700"),
	      "mount: /proc/mounts shows mode=700 (show_options)");
	ret = mount("none", CI_MNT, "opsdocfs", 0, "casefold");
	check(ret == 0, "mount: casefold (%s)", ret ? strerror(errno) : "ok");
	check(mounts_line(CI_MNT, "casefold"),
	      "mount: /proc/mounts shows casefold");
	check(!mounts_line(MNT, "casefold"),
	      "mount: the first mount has no casefold");
	ret = mount("none", "/mnt", "opsdocfs", 0, "bogus=1");
	check(errno_is(ret, EINVAL), "mount: an unknown option is EINVAL");
}

static void check_io(void)
{
	char buf[6000], back[6000];
	struct stat st;
	int fd, i;

	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = 'a' + i % 26;
	fd = open(MNT "/file", O_CREAT | O_EXCL | O_RDWR, 0644);
	if (!check(fd >= 0, "io: create (%s)", fd < 0 ? strerror(errno) : "ok"))
		return;
	check(write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf),
	      "io: write 6000 bytes across two pages");
	check(fstat(fd, &st) == 0 && st.st_size == 6000 && S_ISREG(st.st_mode),
	      "io: size 6000, a regular file (write_end grows i_size)");
	check(lseek(fd, 4090, SEEK_SET) == 4090, "io: lseek SEEK_SET 4090");
	check(read(fd, back, 100) == 100 && !memcmp(back, buf + 4090, 100),
	      "io: read across the page boundary gives what was written");
	check(lseek(fd, 0, SEEK_END) == 6000, "io: lseek SEEK_END is the size");
	check(lseek(fd, -1, SEEK_SET) < 0 && errno == EINVAL,
	      "io: lseek to a negative offset is EINVAL");
	check(read(fd, back, 10) == 0, "io: read at the end gives 0");
	check(pread(fd, back, 10, 10000) == 0, "io: pread past the end gives 0");
	check(fsync(fd) == 0 && fdatasync(fd) == 0, "io: fsync and fdatasync");
	close(fd);
	fd = open(MNT "/file", O_CREAT | O_EXCL | O_RDWR, 0644);
	check(errno_is(fd, EEXIST), "io: O_EXCL on an existing name is EEXIST");
	fd = open(MNT "/file", O_RDONLY);
	check(fd >= 0 && read(fd, back, sizeof(back)) == (ssize_t)sizeof(buf) &&
	      !memcmp(back, buf, sizeof(buf)),
	      "io: reopened, the data is all there (page cache)");
	if (fd >= 0)
		close(fd);
}

static void check_mmap(void)
{
	char *shared, *private, back[8];
	int fd = open(MNT "/file", O_RDWR);

	if (!check(fd >= 0, "mmap: open the file"))
		return;
	shared = mmap(NULL, 6000, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (check(shared != MAP_FAILED, "mmap: shared, read and write")) {
		check(shared[4095] == 'a' + 4095 % 26,
		      "mmap: the shared mapping holds the file (read_folio)");
		memcpy(shared + 4096, "SHARED", 6);
		check(msync(shared, 6000, MS_SYNC) == 0, "mmap: msync");
		check(pread(fd, back, 6, 4096) == 6 && !memcmp(back, "SHARED", 6),
		      "mmap: a write through the shared mapping reaches the file");
		munmap(shared, 6000);
	}
	private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (check(private != MAP_FAILED, "mmap: private, read and write")) {
		private[0] = 'P';
		check(pread(fd, back, 1, 0) == 1 && back[0] == 'a',
		      "mmap: a write through the private mapping stays private");
		munmap(private, 4096);
	}
	close(fd);
}

static void check_names(void)
{
	struct stat st;
	int fd, ret;

	check(mkdir(MNT "/dir", 0755) == 0, "names: mkdir");
	check(stat(MNT, &st) == 0 && st.st_nlink == 3,
	      "names: the parent has 3 links after mkdir");
	fd = open(MNT "/dir/inner", O_CREAT | O_WRONLY, 0600);
	if (fd >= 0)
		close(fd);
	check(errno_is(rmdir(MNT "/dir"), ENOTEMPTY),
	      "names: rmdir of a non-empty directory is ENOTEMPTY");
	check(link(MNT "/file", MNT "/hard") == 0 && stat(MNT "/file", &st) == 0 &&
	      st.st_nlink == 2, "names: link, 2 links");
	check(unlink(MNT "/hard") == 0 && stat(MNT "/file", &st) == 0 &&
	      st.st_nlink == 1, "names: unlink, 1 link");
	check(errno_is(stat(MNT "/hard", &st), ENOENT),
	      "names: the unlinked name is gone");
	check(unlink(MNT "/dir/inner") == 0 && rmdir(MNT "/dir") == 0,
	      "names: unlink the entry, rmdir the empty directory");
	ret = stat(MNT, &st);
	check(ret == 0 && st.st_nlink == 2, "names: the parent is back to 2 links");
}

static void check_rename(void)
{
	struct stat st;
	int fd;

	fd = open(MNT "/a", O_CREAT | O_WRONLY, 0644);
	if (fd >= 0)
		close(fd);
	fd = open(MNT "/b", O_CREAT | O_WRONLY, 0644);
	if (fd >= 0) {
		check(write(fd, "bb", 2) == 2, "rename: b holds 2 bytes");
		close(fd);
	}
	mkdir(MNT "/d", 0755);
	check(errno_is(rename2(MNT "/a", MNT "/b", RENAME_NOREPLACE), EEXIST),
	      "rename: RENAME_NOREPLACE onto an existing name is EEXIST");
	check(rename2(MNT "/a", MNT "/c", RENAME_NOREPLACE) == 0 &&
	      errno_is(stat(MNT "/a", &st), ENOENT) && stat(MNT "/c", &st) == 0,
	      "rename: RENAME_NOREPLACE to a new name moves it");
	check(rename2(MNT "/c", MNT "/d", RENAME_EXCHANGE) == 0 &&
	      stat(MNT "/c", &st) == 0 && S_ISDIR(st.st_mode) &&
	      stat(MNT "/d", &st) == 0 && S_ISREG(st.st_mode),
	      "rename: RENAME_EXCHANGE swaps a file and a directory");
	check(errno_is(rename2(MNT "/d", MNT "/nothing", RENAME_EXCHANGE), ENOENT),
	      "rename: RENAME_EXCHANGE with a missing target is ENOENT");
	check(rename(MNT "/b", MNT "/d") == 0 && stat(MNT "/d", &st) == 0 &&
	      st.st_size == 2, "rename: plain rename replaces the target");
	check(unlink(MNT "/d") == 0 && rmdir(MNT "/c") == 0,
	      "rename: clean up");
}

static void check_symlink(void)
{
	char target[64];
	struct stat st;
	ssize_t n;
	int fd;

	check(symlink("file", MNT "/link") == 0, "symlink: create");
	n = readlink(MNT "/link", target, sizeof(target));
	check(n == 4 && !memcmp(target, "file", 4),
	      "symlink: readlink gives the target (get_link)");
	check(lstat(MNT "/link", &st) == 0 && S_ISLNK(st.st_mode) &&
	      st.st_size == 4, "symlink: lstat, size is the target's length");
	fd = open(MNT "/link", O_RDONLY);
	check(fd >= 0 && read(fd, target, 2) == 2 && target[0] == 'a',
	      "symlink: open follows it to the file");
	if (fd >= 0)
		close(fd);
	check(unlink(MNT "/link") == 0, "symlink: unlink");
}

static void check_statfs(void)
{
	struct statfs sf;
	long before;
	int fd;

	if (!check(statfs(MNT, &sf) == 0, "statfs: succeeds"))
		return;
	check(sf.f_type == OPSDOCFS_MAGIC, "statfs: f_type is opsdocfs's magic");
	check(sf.f_namelen == 255 && sf.f_bsize == page_size,
	      "statfs: name length 255, block size a page (simple_statfs)");
	before = sf.f_files;
	fd = open(MNT "/counted", O_CREAT | O_WRONLY, 0644);
	if (fd >= 0)
		close(fd);
	check(statfs(MNT, &sf) == 0 && (long)sf.f_files == before + 1,
	      "statfs: f_files counts the new inode (%ld, then %ld)", before,
	      (long)sf.f_files);
	unlink(MNT "/counted");
	check(statfs(MNT, &sf) == 0 && (long)sf.f_files == before,
	      "statfs: and the unlinked one is evicted");
}

static void check_attr(void)
{
	struct stat st;
	char back[16];
	int fd;

	check(chmod(MNT "/file", 0600) == 0 && stat(MNT "/file", &st) == 0 &&
	      (st.st_mode & 07777) == 0600, "attr: chmod 0600 (setattr)");
	check(truncate(MNT "/file", 100) == 0 && stat(MNT "/file", &st) == 0 &&
	      st.st_size == 100, "attr: truncate to 100 bytes");
	check(truncate(MNT "/file", 9000) == 0 && stat(MNT "/file", &st) == 0 &&
	      st.st_size == 9000, "attr: truncate up to 9000 bytes");
	fd = open(MNT "/file", O_RDONLY);
	check(fd >= 0 && pread(fd, back, 16, 4096) == 16 &&
	      back[0] == 0 && back[15] == 0,
	      "attr: the cut part reads back as zeros");
	if (fd >= 0)
		close(fd);
	check(stat(MNT, &st) == 0 && (st.st_mode & 07777) == 0700 &&
	      S_ISDIR(st.st_mode), "attr: the root has mode 0700 (getattr)");
}

static void check_xattr(void)
{
	char value[16], list[64];
	ssize_t n;

	check(setxattr(MNT "/file", "user.color", "blue", 4, 0) == 0,
	      "xattr: setxattr user.color");
	n = getxattr(MNT "/file", "user.color", value, sizeof(value));
	check(n == 4 && !memcmp(value, "blue", 4), "xattr: getxattr gives it back");
	check(getxattr(MNT "/file", "user.color", NULL, 0) == 4,
	      "xattr: getxattr with size 0 gives the size");
	check(errno_is(getxattr(MNT "/file", "user.color", value, 2), ERANGE),
	      "xattr: a buffer too small is ERANGE");
	check(errno_is(setxattr(MNT "/file", "user.color", "red", 3, XATTR_CREATE),
		       EEXIST), "xattr: XATTR_CREATE on an existing one is EEXIST");
	check(errno_is(setxattr(MNT "/file", "user.size", "1", 1, XATTR_REPLACE),
		       ENODATA), "xattr: XATTR_REPLACE on a missing one is ENODATA");
	check(setxattr(MNT "/file", "user.size", "big", 3, 0) == 0,
	      "xattr: a second attribute");
	n = listxattr(MNT "/file", list, sizeof(list));
	check(n == 21 && !memcmp(list, "user.color\0user.size\0", 21),
	      "xattr: listxattr lists both (%zd bytes)", n);
	check(listxattr(MNT "/file", NULL, 0) == 21,
	      "xattr: listxattr with size 0 gives the size");
	check(removexattr(MNT "/file", "user.color") == 0 &&
	      errno_is(getxattr(MNT "/file", "user.color", value, 16), ENODATA),
	      "xattr: removexattr, then getxattr is ENODATA");
	check(errno_is(setxattr(MNT "/file", "trusted.x", "1", 1, 0), EOPNOTSUPP),
	      "xattr: a prefix without a handler is EOPNOTSUPP");
}

static void check_readdir(void)
{
	DIR *d = opendir(MNT);
	struct dirent *e;
	int dots = 0, file = 0, other = 0;

	if (!check(d, "readdir: opendir"))
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			dots++;
		else if (!strcmp(e->d_name, "file") && e->d_type == DT_REG)
			file++;
		else
			other++;
	}
	closedir(d);
	check(dots == 2 && file == 1 && other == 0,
	      "readdir: ., .. and file, nothing else (iterate_shared)");
}

static void check_casefold(void)
{
	struct stat a, b;
	int fd;

	fd = open(CI_MNT "/Hello.TXT", O_CREAT | O_WRONLY, 0644);
	if (!check(fd >= 0, "casefold: create Hello.TXT"))
		return;
	close(fd);
	check(stat(CI_MNT "/Hello.TXT", &a) == 0 &&
	      stat(CI_MNT "/hello.txt", &b) == 0 && a.st_ino == b.st_ino,
	      "casefold: hello.txt is the same file (d_hash, d_compare)");
	fd = open(CI_MNT "/HELLO.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
	check(errno_is(fd, EEXIST), "casefold: O_EXCL on HELLO.txt is EEXIST");
	check(errno_is(stat(CI_MNT "/hello.tx", &a), ENOENT),
	      "casefold: another name is still ENOENT");
	check(errno_is(stat(MNT "/FILE", &a), ENOENT),
	      "casefold: without the option, FILE is not file");
	check(unlink(CI_MNT "/HELLO.TXT") == 0 &&
	      errno_is(stat(CI_MNT "/Hello.TXT", &a), ENOENT),
	      "casefold: unlink by another spelling");
}

static void check_umount(void)
{
	long live = -1;
	int i;

	check(umount(MNT) == 0, "umount: " MNT);
	check(umount(CI_MNT) == 0, "umount: " CI_MNT);
	/* free_inode runs after an RCU grace period. */
	for (i = 0; i < 50; i++) {
		live = read_number(LIVE_INODES);
		if (live == 0)
			break;
		usleep(100000);
	}
	check(live == 0, "umount: no inode left (live_inodes %ld)", live);
}

int main(void)
{
	page_size = sysconf(_SC_PAGESIZE);
	check_mount();
	check_io();
	check_mmap();
	check_names();
	check_rename();
	check_symlink();
	check_statfs();
	check_attr();
	check_xattr();
	check_readdir();
	check_casefold();
	check_umount();
	return done();
}
