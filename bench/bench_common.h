/*
 * What the benchmarks share: how they keep the machine out of their figures.
 * Include it first (it needs _GNU_SOURCE for the CPU affinity calls).
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Stay on the CPU the benchmark started on (Linux), so that it is not
 * moved between CPUs mid-run; child processes inherit it. */
static inline void bench_pin_cpu(void)
{
#ifdef __linux__
	int cpu = sched_getcpu();
	if (cpu >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		(void)sched_setaffinity(0, sizeof set, &set);
	}
#endif
}

/* With glibc, keep freed memory for the next run instead of returning it
 * to the system and faulting it in again: the figures are those of the
 * work, not of the first touch of fresh pages (whose cost depends on the
 * machine: over 10 microseconds a page on some virtual machines). */
static inline void bench_keep_freed_memory(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
	mallopt(M_MMAP_THRESHOLD, 1 << 30);
#endif
}

#endif
