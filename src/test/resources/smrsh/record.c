/*
 * Stands in for every program smrsh lets run: appends its argv to /log/record in one
 * write, as "R <argc>\n" and then "<length>:<bytes>\n" per argument, argv[0] first.
 * Exits 1 when called as "fails", 0 otherwise.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t size = 32;
	for (int i = 0; i < argc; i++)
		size += strlen(argv[i]) + 24;
	char *record = malloc(size), *p = record;
	if (record == NULL)
		return 99;
	p += sprintf(p, "R %d\n", argc);
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		p += sprintf(p, "%zu:", n);
		memcpy(p, argv[i], n);
		p += n;
		*p++ = '\n';
	}
	int fd = open("/log/record", O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (fd < 0 || write(fd, record, (size_t) (p - record)) != p - record)
		return 98;
	close(fd);
	const char *base = strrchr(argv[0], '/');
	base = (base != NULL) ? base + 1 : argv[0];
	return (strcmp(base, "fails") == 0) ? 1 : 0;
}
