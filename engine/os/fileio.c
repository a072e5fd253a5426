/*
 * fileio.c — whole-file reads and atomic writes (see fileio.h).
 */
#include "os/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

char *
fileio_read(const char *path, size_t max, size_t *len, error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	strbuf sb = STRBUF_INIT;
	char buf[65536];

	if (fd < 0) {
		error_set(err, ERROR_USAGE, "cannot read \"%s\": %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_set(err, ERROR_USAGE, "cannot read \"%s\": %s",
					  is_stdin ? "standard input" : path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (sb.len + (size_t) n > max) {
			error_set(err, ERROR_USAGE, "\"%s\" is larger than the limit of %zu bytes",
					  is_stdin ? "standard input" : path, max);
			goto fail;
		}
		strbuf_append_len(&sb, buf, (size_t) n);
	}
	if (!is_stdin)
		close(fd);
	*len = sb.len;
	return strbuf_steal(&sb);
fail:
	if (!is_stdin)
		close(fd);
	strbuf_free(&sb);
	return NULL;
}

bool
fileio_write_atomic(const char *path, const char *data, size_t len, mode_t mode,
					error *err)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long) getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	size_t off = 0;

	if (fd < 0) {
		error_set(err, ERROR_ENV, "cannot write \"%s\": %s", tmp, strerror(errno));
		free(tmp);
		return false;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_set(err, ERROR_ENV, "cannot write \"%s\": %s", tmp, strerror(errno));
			goto fail;
		}
		off += (size_t) n;
	}
	if (fsync(fd) != 0) {
		error_set(err, ERROR_ENV, "cannot sync \"%s\": %s", tmp, strerror(errno));
		goto fail;
	}
	close(fd);
	fd = -1;
	if (rename(tmp, path) != 0) {
		error_set(err, ERROR_ENV, "cannot rename \"%s\" to \"%s\": %s", tmp, path,
				  strerror(errno));
		goto fail;
	}
	free(tmp);
	return true;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return false;
}

bool
fileio_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void) st;
	(void) ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

bool
fileio_remove_tree(const char *path, error *err)
{
	struct stat st;

	if (lstat(path, &st) != 0 && errno == ENOENT)
		return true;
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return error_set(err, ERROR_ENV, "cannot remove \"%s\": %s", path,
						 strerror(errno));
	return true;
}
