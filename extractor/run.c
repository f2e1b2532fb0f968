// SPDX-License-Identifier: GPL-2.0
/*
 * Run a program from an argv with posix_spawnp(): no shell, and glibc
 * reports a program that cannot be started as an error of the call.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"
#include "strbuf.h"
#include "util.h"

extern char **environ;

static void read_all(int fd, struct strbuf *out)
{
	char buf[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		strbuf_add(out, buf, n);
	}
}

static int wait_for(const char *name, pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			error_at(NULL, 0, "cannot wait for %s: %s", name,
				 strerror(errno));
			return -1;
		}
	}
	if (WIFSIGNALED(status)) {
		error_at(NULL, 0, "%s was killed by signal %d", name,
			 WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

int run_program(const char *const *argv, const struct run_opts *opts)
{
	static const struct run_opts defaults;
	posix_spawn_file_actions_t actions;
	int pipefd[2] = { -1, -1 };
	pid_t pid;
	int err;

	if (!opts)
		opts = &defaults;
	if (opts->out && pipe2(pipefd, O_CLOEXEC)) {
		error_at(NULL, 0, "cannot run %s: %s", argv[0],
			 strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&actions);
	if (opts->out)
		posix_spawn_file_actions_adddup2(&actions, pipefd[1],
						 STDOUT_FILENO);
	if (opts->quiet)
		posix_spawn_file_actions_addopen(&actions, STDERR_FILENO,
						 "/dev/null", O_WRONLY, 0);
	if (opts->dir)
		posix_spawn_file_actions_addchdir_np(&actions, opts->dir);
	err = posix_spawnp(&pid, argv[0], &actions, NULL, (char *const *)argv,
			   environ);
	posix_spawn_file_actions_destroy(&actions);
	if (opts->out)
		close(pipefd[1]);
	if (err) {
		if (opts->dir)
			error_at(NULL, 0, "cannot run %s in %s: %s", argv[0],
				 opts->dir, strerror(err));
		else
			error_at(NULL, 0, "cannot run %s: %s", argv[0],
				 strerror(err));
		if (opts->out)
			close(pipefd[0]);
		return -1;
	}
	if (opts->out) {
		read_all(pipefd[0], opts->out);
		close(pipefd[0]);
	}
	return wait_for(argv[0], pid);
}
