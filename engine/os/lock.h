/*
 * lock.h — advisory file locks between pgdrill processes (flock(2)).
 *
 * An exclusive lock serialises work that must happen once (creating and
 * starting the private cluster, building a template); a shared lock lets many
 * readers proceed while keeping an exclusive holder out.  The lock belongs to
 * an open descriptor: it is released by lock_release, by closing, or when the
 * process dies — a killed pgdrill never leaves a lock behind.  The descriptor
 * is close-on-exec, so a program we start (a server) never inherits it.  The
 * lock file itself is created when missing and never removed (removing it
 * would let two processes lock two different files of the same name).
 * Two lock_acquire calls on the same file in one process use two
 * descriptors and do conflict.  A fork()ed child shares its parent's held
 * locks (the same open file) until it closes the descriptor, execs or exits.
 */
#ifndef PGDRILL_LOCK_H
#define PGDRILL_LOCK_H

#include <stdbool.h>

#include "error.h"

typedef struct lock {
	int fd;      /* -1 when not held */
	char *path;  /* malloc'd copy while held */
} lock;

#define LOCK_INIT { -1, NULL }

/*
 * Take an exclusive (or shared) lock on `path`, creating the file (mode 0644)
 * when missing; its directory must exist.  Waits at most `timeout_s` seconds
 * (0 = try once, < 0 = wait forever).  On success fills *lk (release it with
 * lock_release).  ERROR_ENV when the file cannot be opened or the wait timed
 * out (the message names the file and says another pgdrill holds it).
 */
bool lock_acquire(const char *path, bool exclusive, double timeout_s, lock *lk,
				  error *err);

/* Release and forget the lock; accepts NULL and a lock not held. */
void lock_release(lock *lk);

#endif
