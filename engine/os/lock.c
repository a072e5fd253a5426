/*
 * lock.c — flock-based locks with a timeout (see lock.h).
 *
 * flock has no timeout of its own; rather than interrupting it with alarm()
 * (a process-wide signal handler), we poll with LOCK_NB and a backoff from
 * 5 ms up to 100 ms, so a lock freed while we sleep is taken within 0.1 s.
 */
#include "os/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "os/clock.h"
#include "strbuf.h"

bool
lock_acquire(const char *path, bool exclusive, double timeout_s, lock *lk,
			 error *err)
{
	double deadline = clock_now_s() + (timeout_s > 0 ? timeout_s : 0);
	long sleep_ns = 5 * 1000 * 1000;
	int fd;

	lk->fd = -1;
	lk->path = NULL;
	do
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return error_set(err, ERROR_ENV, "cannot open lock file \"%s\": %s", path,
						 strerror(errno));
	for (;;) {
		struct timespec pause;

		if (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0)
			break;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error_set(err, ERROR_ENV, "cannot lock \"%s\": %s", path, strerror(errno));
			close(fd);
			return false;
		}
		if (timeout_s >= 0 && clock_now_s() >= deadline) {
			error_set(err, ERROR_ENV,
					  "timed out after %g seconds waiting for the lock \"%s\"",
					  timeout_s, path);
			error_detail(err, "Another pgdrill process holds it and is still working.");
			error_hint(err, "Wait for the other pgdrill to finish, or find it with "
					   "'fuser %s'.", path);
			close(fd);
			return false;
		}
		pause.tv_sec = 0;
		pause.tv_nsec = sleep_ns;
		nanosleep(&pause, NULL);
		sleep_ns = sleep_ns * 2 > 100 * 1000 * 1000 ? 100 * 1000 * 1000 : sleep_ns * 2;
	}
	lk->fd = fd;
	lk->path = xstrdup(path);
	return true;
}

void
lock_release(lock *lk)
{
	if (lk == NULL)
		return;
	if (lk->fd >= 0)
		close(lk->fd);  /* closing the only descriptor releases the flock */
	lk->fd = -1;
	free(lk->path);
	lk->path = NULL;
}
