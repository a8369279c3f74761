/* goalkit: see LICENSE. The evidence log on disk: header, locking, appending and repair. */

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"
#include "assess-record.h"

/* Size of the chunks --repair reads the log in. */
#define REPAIR_CHUNK	65536

/* Side files of a repair are LOG.torn, then LOG.torn.2 up to this. */
#define MAX_SIDE_FILES	1000

static void
logcols_index(struct logcols *cols)
{
	size_t j;
	int r;

	memset(cols->has_role, 0, sizeof(cols->has_role));
	for (j = 0; j < cols->n; j++) {
		r = role_find(cols->names[j], strlen(cols->names[j]));
		cols->role[j] = r;
		if (r >= 0 && cols->has_role[r] == 0)
			cols->has_role[r] = (int)j + 1;
	}
}

void
logcols_full(struct logcols *cols, int delim)
{
	size_t j;

	cols->n = NROLES;
	cols->names = xcalloc(NROLES, sizeof(*cols->names));
	cols->role = xcalloc(NROLES, sizeof(*cols->role));
	for (j = 0; j < NROLES; j++)
		cols->names[j] = xstrdup(role_names[j]);
	cols->delim = delim;
	logcols_index(cols);
}

void
logcols_free(struct logcols *cols)
{
	size_t j;

	for (j = 0; j < cols->n; j++)
		free(cols->names[j]);
	free(cols->names);
	free(cols->role);
	memset(cols, 0, sizeof(*cols));
}

int
logcols_equal(const struct logcols *a, const struct logcols *b)
{
	size_t j;

	if (a->n != b->n || a->delim != b->delim)
		return 0;
	for (j = 0; j < a->n; j++)
		if (strcmp(a->names[j], b->names[j]) != 0)
			return 0;
	return 1;
}

/*
 * Check that a log header can take evidence: the required columns are
 * there, and no name appears twice.  Return the number of problems.
 */
static int
logcols_check(const struct logcols *cols, const char *path, size_t line)
{
	static const int required[] = { R_TIME, R_STUDENT_ID, R_GOAL_ID,
	    R_SCORE };
	size_t i, j;
	int bad = 0;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (cols->has_role[required[i]] == 0) {
			diag_error(path, line, "missing column '%s' (is this "
			    "an evidence log?)", role_names[required[i]]);
			bad++;
		}
	for (j = 0; j < cols->n; j++)
		for (i = 0; i < j; i++)
			if (cols->names[j][0] != '\0' &&
			    strcasecmp(cols->names[i], cols->names[j]) == 0) {
				diag_error(path, line, "column '%s' appears "
				    "twice", cols->names[j]);
				bad++;
				break;
			}
	return bad;
}

int
logcols_read(struct logcols *cols, const char *path, int *status)
{
	struct table_opts o;
	struct reader *r;
	const struct record *h;
	size_t j;

	table_opts_init(&o);
	if ((r = reader_open(path, &o)) == NULL) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "%s: %s: %s\n", prog_name(), path,
		    strerror(errno));
		*status = EXIT_TROUBLE;
		return -1;
	}
	h = reader_header(r);
	if (h->nfields == 0) {
		if (reader_error(r)[0] != '\0') {
			diag_error(path, reader_error_line(r), "%s",
			    reader_error(r));
			*status = reader_error_is_io(r) ? EXIT_TROUBLE :
			    EXIT_DATA;
			reader_close(r);
			return -1;
		}
		reader_close(r);
		return 0;
	}
	cols->n = h->nfields;
	cols->names = xcalloc(cols->n, sizeof(*cols->names));
	cols->role = xcalloc(cols->n, sizeof(*cols->role));
	for (j = 0; j < cols->n; j++)
		cols->names[j] = field_dup(h->fields[j]);
	cols->delim = reader_delim(r);
	logcols_index(cols);
	if (logcols_check(cols, path, h->line) != 0) {
		*status = EXIT_DATA;
		reader_close(r);
		logcols_free(cols);
		return -1;
	}
	reader_close(r);
	return 1;
}

void
logcols_write(const struct logcols *cols, struct writer *w)
{
	size_t j;

	for (j = 0; j < cols->n; j++)
		writer_str(w, cols->names[j]);
	writer_end(w);
}

static void
report_errno(const char *path)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s: %s\n", prog_name(), path, strerror(errno));
}

/*
 * The lock is taken on the file itself with flock(2), so every writer of
 * one log waits for the others whatever name it used for the log.  A log
 * created here is empty, and like any empty log it gets its header from
 * the first writer that holds the lock and finds it empty.
 */
int
logfile_lock(struct logfile *lf, const char *path, int exclusive, int create)
{
	struct stat st;

	memset(lf, 0, sizeof(*lf));
	lf->path = path;
	lf->fd = -1;
	if (create) {
		lf->fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL, 0666);
		if (lf->fd >= 0)
			lf->created = 1;
		else if (errno != EEXIST) {
			report_errno(path);
			return -1;
		}
	}
	if (lf->fd < 0)
		lf->fd = open(path, exclusive ? O_RDWR | O_APPEND : O_RDONLY);
	if (lf->fd < 0) {
		report_errno(path);
		return -1;
	}
	while (flock(lf->fd, exclusive ? LOCK_EX : LOCK_SH) != 0)
		if (errno != EINTR) {
			report_errno(path);
			logfile_unlock(lf);
			return -1;
		}
	if (fstat(lf->fd, &st) != 0) {
		report_errno(path);
		logfile_unlock(lf);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: not a regular file\n", prog_name(),
		    path);
		logfile_unlock(lf);
		return -1;
	}
	lf->size = st.st_size;
	lf->dev = st.st_dev;
	lf->ino = st.st_ino;
	return 0;
}

void
logfile_unlock(struct logfile *lf)
{
	if (lf->fd >= 0)
		close(lf->fd);
	lf->fd = -1;
}

int
logfile_torn(const struct logfile *lf)
{
	char c;

	if (lf->size == 0)
		return 0;
	if (pread(lf->fd, &c, 1, lf->size - 1) != 1)
		return 1;
	return c != '\n';
}

/* Make a new file's directory entry durable. */
static int
sync_directory(const char *path)
{
	char *copy, *dir;
	int fd, rc = 0;

	copy = xstrdup(path);
	dir = dirname(copy);
	if ((fd = open(dir, O_RDONLY)) >= 0) {
		if (fsync(fd) != 0 && errno != EINVAL)
			rc = -1;
		close(fd);
	}
	free(copy);
	return rc;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Hold back the signals that would stop the process between writing and
 * cleaning up, until release_signals().  SIGXFSZ is ignored, so passing
 * the file size limit is an EFBIG error to handle.
 */
static void
hold_signals(sigset_t *old)
{
	sigset_t hold;

	sigemptyset(&hold);
	sigaddset(&hold, SIGHUP);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGQUIT);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGTSTP);
	sigprocmask(SIG_BLOCK, &hold, old);
	signal(SIGXFSZ, SIG_IGN);
}

static void
release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* The temporary file beside path that a new log is written to first. */
static char *
temp_name(const char *path)
{
	char *copy, *tmp;
	size_t len;

	copy = xstrdup(path);
	len = strlen(path) + 32;
	tmp = xmalloc(len);
	snprintf(tmp, len, "%s/.%s.XXXXXX", dirname(copy), basename(
	    (char *)path));
	free(copy);
	return tmp;
}

/*
 * Write the whole new log to a temporary file, then link(2) it to path.
 * The link fails when path exists, so a new log appears with its header
 * and first records or not at all, and never replaces a log.
 */
int
logfile_create(const char *path, const char *buf, size_t len, int nosync)
{
	sigset_t old;
	char *tmp;
	mode_t mask;
	int fd, rc = 0;

	tmp = temp_name(path);
	hold_signals(&old);
	if ((fd = mkstemp(tmp)) < 0) {
		report_errno(path);
		release_signals(&old);
		free(tmp);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, buf, len) != 0 ||
	    (!nosync && fsync(fd) != 0)) {
		report_errno(path);
		rc = -1;
	} else if (link(tmp, path) != 0) {
		if (errno == EEXIST)
			rc = 1;
		else {
			report_errno(path);
			rc = -1;
		}
	}
	close(fd);
	unlink(tmp);
	release_signals(&old);
	free(tmp);
	if (rc == 0 && !nosync)
		sync_directory(path);
	return rc;
}


int
logfile_append(struct logfile *lf, const char *buf, size_t len, int nosync)
{
	sigset_t old;
	int rc = 0, saved;

	hold_signals(&old);

	if (write_all(lf->fd, buf, len) != 0 ||
	    (!nosync && fsync(lf->fd) != 0) ||
	    (!nosync && lf->created && sync_directory(lf->path) != 0)) {
		saved = errno;
		report_errno(lf->path);
		if (ftruncate(lf->fd, lf->size) != 0) {
			fflush(stdout);
			fprintf(stderr, "%s: %s: cannot truncate back to %lld "
			    "bytes after a failed write: %s\n", prog_name(),
			    lf->path, (long long)lf->size, strerror(errno));
		} else if (!nosync)
			fsync(lf->fd);
		errno = saved;
		rc = -1;
	}
	release_signals(&old);
	return rc;
}

/*
 * A scan for the end of the last complete record.  In CSV a newline ends
 * a record unless it is inside quotes.  A doubled quote inside a quoted
 * field flips the state twice, so it leaves the state as it was.  TSV
 * escapes its newlines, so every newline ends a record.
 */
struct boundary_scan {
	int	 tsv;
	int	 quoted;
	off_t	 offset;	/* bytes scanned so far */
	off_t	 last;		/* offset just past the last record end */
	size_t	 lines;		/* newlines before last */
	size_t	 pending;	/* newlines since last */
};

static void
scan_chunk(struct boundary_scan *s, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '"' && !s->tsv)
			s->quoted = !s->quoted;
		else if (buf[i] == '\n') {
			s->pending++;
			if (s->quoted)
				continue;
			s->last = s->offset + (off_t)i + 1;
			s->lines += s->pending;
			s->pending = 0;
		}
	}
	s->offset += (off_t)len;
}

int
log_is_tsv(const char *path)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, len = strlen(path);
	int tsv = 0;

	if (len > 4 && (strcasecmp(path + len - 4, ".tsv") == 0 ||
	    strcasecmp(path + len - 4, ".tab") == 0))
		return 1;
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	if (getline(&line, &cap, fp) > 0 && strchr(line, '\t') != NULL)
		tsv = 1;
	free(line);
	fclose(fp);
	return tsv;
}

int
logfile_whole_end(struct logfile *lf, int tsv, off_t *end, size_t *line)
{
	struct boundary_scan s;
	char *buf;
	ssize_t n;

	memset(&s, 0, sizeof(s));
	s.tsv = tsv;
	buf = xmalloc(REPAIR_CHUNK);
	while ((n = pread(lf->fd, buf, REPAIR_CHUNK, s.offset)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return -1;
		}
		scan_chunk(&s, buf, (size_t)n);
	}
	free(buf);
	*end = s.last;
	*line = s.lines + 1;
	return 0;
}

/* Create the first free side file LOG.torn, LOG.torn.2, ... */
static int
open_side_file(const char *path, char **name)
{
	size_t len = strlen(path) + 32;
	int fd, i;

	*name = xmalloc(len);
	for (i = 1; i <= MAX_SIDE_FILES; i++) {
		if (i == 1)
			snprintf(*name, len, "%s.torn", path);
		else
			snprintf(*name, len, "%s.torn.%d", path, i);
		fd = open(*name, O_WRONLY | O_CREAT | O_EXCL, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

/* Copy bytes [from, to) of the log into the side file fd. */
static int
copy_tail(int logfd, int fd, off_t from, off_t to)
{
	char *buf;
	ssize_t n;
	int rc = 0;

	buf = xmalloc(REPAIR_CHUNK);
	while (from < to && rc == 0) {
		n = pread(logfd, buf, to - from < REPAIR_CHUNK ?
		    (size_t)(to - from) : REPAIR_CHUNK, from);
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n == 0)
				errno = EIO;
			rc = -1;
		} else if (write_all(fd, buf, (size_t)n) != 0)
			rc = -1;
		else
			from += n;
	}
	free(buf);
	return rc == 0 ? fsync(fd) : rc;
}

/* Move bytes from last to the end of the log to a side file, then cut. */
static int
move_tail(struct logfile *lf, off_t last)
{
	char *side;
	int fd;

	if ((fd = open_side_file(lf->path, &side)) < 0) {
		report_errno(side);
		free(side);
		return EXIT_TROUBLE;
	}
	if (copy_tail(lf->fd, fd, last, lf->size) != 0) {
		report_errno(side);
		close(fd);
		unlink(side);
		free(side);
		return EXIT_TROUBLE;
	}
	close(fd);
	sync_directory(side);
	if (ftruncate(lf->fd, last) != 0 || fsync(lf->fd) != 0) {
		report_errno(lf->path);
		free(side);
		return EXIT_TROUBLE;
	}
	fprintf(stderr, "%s: %s: moved the %lld %s of a torn last line to "
	    "%s\n", prog_name(), lf->path, (long long)(lf->size - last),
	    plural((size_t)(lf->size - last), "byte", "bytes"), side);
	free(side);
	return EXIT_OK;
}

int
logfile_repair(const char *path)
{
	struct logfile lf;
	off_t last;
	size_t line;
	int tsv, status;

	tsv = log_is_tsv(path);
	if (logfile_lock(&lf, path, 1, 0) != 0)
		return EXIT_TROUBLE;
	if (logfile_whole_end(&lf, tsv, &last, &line) != 0) {
		report_errno(path);
		logfile_unlock(&lf);
		return EXIT_TROUBLE;
	}
	status = last < lf.size ? move_tail(&lf, last) : EXIT_OK;
	logfile_unlock(&lf);
	return status;
}
