/* goalkit: see LICENSE. Replacing a file atomically. */
#ifndef GOALKIT_ATOMIC_H
#define GOALKIT_ATOMIC_H

#include <stdio.h>

/*
 * A file being written in place of path: the data goes to a temporary
 * file in the same directory, which atomic_commit() syncs and renames
 * over path, so readers see the old file or the new one, never a part.
 * A symbolic link is kept and its target replaced.  A path that is a
 * device, a named pipe or a socket (/dev/stdout, a FIFO) is written
 * directly instead, since renaming a file over it would destroy it.
 */
struct atomic_file {
	FILE	*fp;
	char	*path;		/* owned copy of the target */
	char	*tmp;		/* owned temporary name, NULL when direct */
};

/* Start writing.  Return 0, or -1 with errno set. */
int	 atomic_open(struct atomic_file *, const char *path);

/*
 * Flush, fsync, close and rename into place.  Return 0, or -1 with errno
 * set, in which case the temporary file is removed and path is untouched.
 * Releases af either way.
 */
int	 atomic_commit(struct atomic_file *);

/* Give up: remove the temporary file and release af. */
void	 atomic_abort(struct atomic_file *);

#endif
