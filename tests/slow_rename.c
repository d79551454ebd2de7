/* Preloaded into paralex by tests/test_outputs.c (LD_PRELOAD): every
 * rename(), renameat() and renameat2() first waits PX_SLOW_RENAME_MS
 * milliseconds, so that a run killed at a random moment is often killed in
 * the middle of publishing its outputs. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void wait_a_little(void)
{
	const char *ms = getenv("PX_SLOW_RENAME_MS");
	long n = ms ? strtol(ms, NULL, 10) : 0;
	if (n > 0) {
		struct timespec ts = { n / 1000, (n % 1000) * 1000000L };
		nanosleep(&ts, NULL);
	}
}

int rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *);
	*(void **)&real = dlsym(RTLD_NEXT, "rename");
	wait_a_little();
	return real(from, to);
}

int renameat(int fd1, const char *from, int fd2, const char *to)
{
	int (*real)(int, const char *, int, const char *);
	*(void **)&real = dlsym(RTLD_NEXT, "renameat");
	wait_a_little();
	return real(fd1, from, fd2, to);
}

int renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
	int (*real)(int, const char *, int, const char *, unsigned);
	*(void **)&real = dlsym(RTLD_NEXT, "renameat2");
	wait_a_little();
	return real(fd1, from, fd2, to, flags);
}
