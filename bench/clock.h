/* clock.h — the benchmarks' one timer: seconds on a clock, as a double.
 * CLOCK_MONOTONIC for wall time, CLOCK_THREAD_CPUTIME_ID for the CPU time of one thread (on a
 * shared machine the honest measure of "one core"), CLOCK_PROCESS_CPUTIME_ID for a process. */
#ifndef DYAD_BENCH_CLOCK_H
#define DYAD_BENCH_CLOCK_H
#include <time.h>

static inline double bench_seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
#endif
