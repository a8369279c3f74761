/* goalkit: see LICENSE. Replacing a file atomically. */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "util.h"

/*
 * Return the file that a write to path replaces, which is the target when
 * path is a symbolic link, so that the link is kept.  A dangling link
 * names the file to create.  The caller frees it.
 */
static char *
resolve_target(const char *path)
{
	struct stat st;
	char *real, *target;
	const char *slash;
	ssize_t n;
	size_t dirlen;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return xstrdup(path);
	if ((real = realpath(path, NULL)) != NULL)
		return real;
	target = xmalloc(PATH_MAX);
	if ((n = readlink(path, target, PATH_MAX - 1)) <= 0) {
		free(target);
		return xstrdup(path);
	}
	target[n] = '\0';
	slash = strrchr(path, '/');
	if (target[0] == '/' || slash == NULL)
		return target;
	/* A relative link is read from the link's own folder. */
	dirlen = (size_t)(slash - path) + 1;
	real = xmalloc(dirlen + (size_t)n + 1);
	memcpy(real, path, dirlen);
	memcpy(real + dirlen, target, (size_t)n + 1);
	free(target);
	return real;
}

/*
 * Open a target that is not a regular file for writing in place.  Return
 * 1 when it was opened, 0 when the target is a regular file or absent,
 * -1 with errno set on an error.
 */
static int
open_direct(struct atomic_file *af)
{
	struct stat st;
	int fd;

	if (stat(af->path, &st) != 0 || S_ISREG(st.st_mode))
		return 0;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if ((fd = open(af->path, O_WRONLY)) == -1)
		return -1;
	if ((af->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return -1;
	}
	return 1;
}

/* Return the mkstemp() template "DIR/.NAME.XXXXXX" for path. */
static char *
temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash == NULL ? 0 : (size_t)(slash - path) + 1;
	const char *name = path + dirlen;
	size_t size = dirlen + strlen(name) + sizeof("/..XXXXXX");
	char *tmp;

	tmp = xmalloc(size);
	snprintf(tmp, size, "%.*s.%s.XXXXXX", (int)dirlen, path, name);
	return tmp;
}

/*
 * Give the new file the old file's mode and owner when there is one, else
 * what open(2) with mode 0666 would give under the current umask.  Only
 * root may give a file away, so the owner is copied where allowed.
 */
static int
copy_mode(int fd, const char *path)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0) {
		if (fchown(fd, st.st_uid, st.st_gid) == -1 && errno != EPERM)
			return -1;
		return fchmod(fd, st.st_mode & 07777);
	}
	if (errno != ENOENT)
		return -1;
	mask = umask(0);
	umask(mask);
	return fchmod(fd, 0666 & ~mask);
}

int
atomic_open(struct atomic_file *af, const char *path)
{
	int fd, saved;

	memset(af, 0, sizeof(*af));
	af->path = resolve_target(path);
	switch (open_direct(af)) {
	case 1:
		return 0;
	case -1:
		goto fail;
	}
	af->tmp = temp_template(af->path);
	fd = mkstemp(af->tmp);
	if (fd == -1)
		goto fail;
	if (copy_mode(fd, af->path) == -1 ||
	    (af->fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		unlink(af->tmp);
		errno = saved;
		goto fail;
	}
	return 0;

fail:
	saved = errno;
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
	errno = saved;
	return -1;
}

/* Sync the directory containing path so the rename itself is durable. */
static void
sync_directory(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, slash - path);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd != -1) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int
atomic_commit(struct atomic_file *af)
{
	int failed, saved;

	errno = 0;
	/* A file written directly (a device, a pipe) has nothing to sync. */
	failed = fflush(af->fp) == EOF || ferror(af->fp) ||
	    (af->tmp != NULL && fsync(fileno(af->fp)) == -1);
	saved = errno;
	if (fclose(af->fp) == EOF && !failed) {
		failed = 1;
		saved = errno;
	}
	af->fp = NULL;
	if (af->tmp != NULL && !failed && rename(af->tmp, af->path) == -1) {
		failed = 1;
		saved = errno;
	}
	if (af->tmp != NULL) {
		if (failed)
			unlink(af->tmp);
		else
			sync_directory(af->path);
	}
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
	if (failed) {
		errno = saved != 0 ? saved : EIO;
		return -1;
	}
	return 0;
}

void
atomic_abort(struct atomic_file *af)
{
	int saved = errno;

	if (af->fp != NULL)
		fclose(af->fp);
	if (af->tmp != NULL)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
	errno = saved;
}
