/*
 * clock.h — the one monotonic clock the engine measures elapsed time with
 * (deadlines, lock waits, preparation times, progress).  Wall-clock time
 * would jump with NTP; CLOCK_MONOTONIC does not.
 */
#ifndef PGDRILL_CLOCK_H
#define PGDRILL_CLOCK_H

/* Seconds on CLOCK_MONOTONIC: only differences mean anything. */
double clock_now_s(void);

#endif
