/*
 * Runs smrsh once per command of /in/commands, as sendmail's prog mailer does (argv:
 * smrsh -c <command>, empty environment), with the command's raw bytes, so that any byte
 * reaches it unchanged. The file holds "<length>\n<bytes>" per command. For command i,
 * standard output and error go to /log/<i>.out and /log/<i>.err, the exit status to
 * /log/<i>.status, and what the recorder wrote to /log/<i>.record. As a child subreaper it
 * waits for every process a command left behind (jobs sent to the background with &)
 * before the next command starts.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static char *name(const char *suffix, int i)
{
	static char path[64];
	snprintf(path, sizeof path, "/log/%d.%s", i, suffix);
	return path;
}

int main(void)
{
	static char commands[1 << 22];
	int in = open("/in/commands", O_RDONLY);
	ssize_t size = 0, n;
	if (in < 0)
		return 120;
	while (size < (ssize_t) sizeof commands - 1 && (n = read(in, commands + size, sizeof commands - 1 - size)) > 0)
		size += n;
	commands[size] = '\0';
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
		return 121;
	char *p = commands, *end = commands + size;
	for (int i = 0; p < end; i++) {
		char *rest;
		long length = strtol(p, &rest, 10);
		if (*rest != '\n' || length < 0 || rest + 1 + length > end)
			return 122;
		char *command = rest + 1;
		char saved = command[length];
		command[length] = '\0';
		pid_t child = fork();
		if (child < 0)
			return 123;
		if (child == 0) {
			int null = open("/dev/null", O_RDONLY);
			int out = open(name("out", i), O_WRONLY | O_CREAT | O_TRUNC, 0644);
			int err = open(name("err", i), O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (null < 0 || out < 0 || err < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
				_exit(124);
			char *argv[] = { "smrsh", "-c", command, NULL };
			char *envp[] = { NULL };
			execve("/usr/libexec/sendmail/smrsh", argv, envp);
			_exit(125);
		}
		int status = 0, result = 0;
		pid_t done;
		while ((done = wait(&status)) > 0 || (done < 0 && errno == EINTR))
			if (done == child)
				result = status;
		FILE *f = fopen(name("status", i), "w");
		if (f == NULL)
			return 126;
		fprintf(f, "%d\n", WIFEXITED(result) ? WEXITSTATUS(result) : 128 + WTERMSIG(result));
		fclose(f);
		if (rename("/log/record", name("record", i)) != 0 && errno != ENOENT)
			return 127;
		command[length] = saved;
		p = command + length;
	}
	return 0;
}
