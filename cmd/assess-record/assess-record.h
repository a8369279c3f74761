/* goalkit: see LICENSE. Shared declarations of assess-record's source files. */
#ifndef ASSESS_RECORD_H
#define ASSESS_RECORD_H

#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>

#include "goalmap.h"
#include "reader.h"
#include "strmap.h"
#include "writer.h"

/* The columns of an evidence log, in the order of a new log's header. */
enum role {
	R_RECORD_ID,
	R_TIME,
	R_STUDENT_ID,
	R_GOAL_ID,
	R_SCORE,
	R_MAX_SCORE,
	R_ASSESSOR,
	R_ACTIVITY_ID,
	R_CRITERION,
	R_MINUTES,
	R_ERRORS,
	R_RECORDED_BY,
	R_VOIDS,
	R_NOTE,
	NROLES
};

extern const char *const role_names[NROLES];

/* Index of the role named name (len bytes, any case), or -1. */
int	 role_find(const char *name, size_t len);

/*
 * The rules values are checked against.  goals and students are NULL
 * when no goal map or roster was given, and then any id is accepted.
 */
struct rules {
	const struct goalmap *goals;
	const struct strmap *students;
	const char *date_format;	/* strptime format, NULL for ISO 8601 */
	int	 decimal_comma;
	int	 check_future;		/* reject times over a day ahead */
	int64_t	 now;			/* seconds since the epoch, UTC */
};

/*
 * The source of values, for messages.  With file NULL the values came
 * from command-line options, and messages name the option.  Otherwise
 * they name FILE:LINE and the column read for the role.
 */
struct origin {
	const char *file;
	size_t	 line;
	const char *column[NROLES];
};

/*
 * One piece of evidence.  raw[] contains the cells as given: slices into
 * a record or an option string, which must outlive the evidence.  After
 * evidence_check(), out[] contains the values to write, trimmed and put
 * in the log's form.  Release owned storage with evidence_clear().
 */
struct evidence {
	struct field raw[NROLES];
	struct field out[NROLES];
	char	 timebuf[48];
	char	*owned[NROLES];
	int	 time_is_now;	/* raw time is the clock's, in ISO 8601 */
};

/* The result of evidence_check() for a row without a score. */
#define EVIDENCE_UNSCORED	(-1)

/*
 * Check e->raw against the rules, print one message per problem through
 * origin, and fill e->out.  Return the number of problems, or
 * EVIDENCE_UNSCORED (nothing printed) when the score is empty.
 */
int	 evidence_check(struct evidence *e, const struct rules *,
	    const struct origin *);
void	 evidence_clear(struct evidence *e);

/* Print "prog: FILE:LINE: COLUMN: message" or "prog: --OPTION: message". */
void	 origin_error(const struct origin *, enum role, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * The columns of a log.  role[j] is the role of column j, or -1 for a
 * column outside the evidence format, which is passed through from input
 * columns of the same name.
 */
struct logcols {
	char	**names;
	int	*role;
	size_t	 n;
	int	 delim;
	int	 has_role[NROLES];	/* column index + 1 of each role, 0 if absent */
};

void	 logcols_full(struct logcols *, int delim);
void	 logcols_free(struct logcols *);
int	 logcols_equal(const struct logcols *, const struct logcols *);

/*
 * Read the header of the log at path into cols.  Return 1 when the log
 * has a header, 0 when it is absent or empty (cols untouched), -1 on an
 * error, which has been printed (*status gets the exit status).
 */
int	 logcols_read(struct logcols *, const char *path, int *status);

/* Write the header of cols as a record. */
void	 logcols_write(const struct logcols *, struct writer *);

/*
 * Record ids: "YYYYMMDDThhmmss.uuuuuuZ-HHHHHHHH-PPPPPP-CCCCCCCC", the UTC
 * time of recording, a hash of the host name, the process id and a count
 * within the process, all of fixed width so that ids sort by time.
 */
#define RECID_LEN	48
#define RECID_PREFIX_LEN 40	/* the id up to the count */

struct recid {
	int64_t	 usecs;		/* microseconds since the epoch */
	uint32_t host;
	uint32_t pid;
	uint32_t count;
	int	 fixed;		/* the clock comes from GOALKIT_RECORD_CLOCK */
	char	 prefix[RECID_PREFIX_LEN + 8];
	int64_t	 prefix_usecs;	/* the clock value prefix was made from */
	int	 has_prefix;
};

/* Set up ids for this process; exits with a message on a bad clock value. */
void	 recid_init(struct recid *);

/* Read the clock: ids made after this carry the time of this call. */
void	 recid_stamp(struct recid *);

/* Write the next id and a NUL into buf (RECID_LEN + 1 bytes). */
void	 recid_next(struct recid *, char *buf);

/*
 * A locked log.  size is its size when the lock was taken, which is where
 * a failed append truncates back to.
 */
struct logfile {
	const char *path;
	int	 fd;
	off_t	 size;
	dev_t	 dev;
	ino_t	 ino;
	int	 created;	/* this process created the file */
};

/*
 * Open path and take an exclusive lock (creating the file when create
 * is set) or a shared one.  Return 0, or -1 after printing why.
 */
int	 logfile_lock(struct logfile *, const char *path, int exclusive,
	    int create);
void	 logfile_unlock(struct logfile *);

/*
 * Create the log at path holding buf, unless path exists.  Return 0 when
 * created, 1 when path exists, or -1 after printing why it failed.
 */
int	 logfile_create(const char *path, const char *buf, size_t len,
	    int nosync);

/* Nonzero when the log is not empty and its last byte is not a newline. */
int	 logfile_torn(const struct logfile *);

/*
 * Append len bytes, then fsync unless nosync.  On failure truncate back
 * to lf->size, print why and return -1.
 */
int	 logfile_append(struct logfile *, const char *buf, size_t len,
	    int nosync);

/*
 * Find the end of the last whole record: *end is the offset just past
 * it and *line the line after it, where a torn line starts.  Return 0,
 * or -1 with errno set.
 */
int	 logfile_whole_end(struct logfile *, int tsv, off_t *end, size_t *line);

/* Nonzero when the log at path is TSV: by its name, or a tab in line 1. */
int	 log_is_tsv(const char *path);

/* Move a torn last line of path to a side file.  Return an exit status. */
int	 logfile_repair(const char *path);

/*
 * A reference from the input to a record id, checked against the log
 * once it is locked: a row's own explicit record_id must be new, and the
 * record a row voids must exist and be neither a void nor voided.
 */
struct id_ref {
	char	*id;		/* owned */
	const char *file;	/* owned by the batch */
	size_t	 line;
	const char *column;	/* not owned: a role name or an argv string */
	int	 voids;		/* the row voids id, else id is its own */
};

/*
 * Records formatted for appending, in the log's form: the log header,
 * then the rows, in one memory buffer that is written to the log and to
 * standard output alike.  Generated record ids are written as
 * placeholders and filled in by batch_stamp() once the log is locked,
 * so that ids follow the order of appends.
 */
struct batch {
	FILE	*fp;
	char	*buf;
	size_t	 size;
	size_t	 hdrlen;	/* bytes of the header at the start of buf */
	struct writer w;
	const struct logcols *cols;
	size_t	*idpos;		/* offsets of record id placeholders */
	size_t	 nidpos;
	size_t	 idposcap;
	size_t	 nrows;
	struct id_ref *refs;
	size_t	 nrefs;
	size_t	 refcap;
	struct strmap ids;	/* explicit record ids in the batch */
	unsigned char *id_void;	/* by ids value: that record is a void */
	size_t	 id_void_cap;
	struct strmap voided;	/* records voided by the batch */
	char	**files;
	size_t	 nfiles;
};

void	 batch_init(struct batch *, const struct logcols *);

/* Remember a file name for messages; return the batch's copy. */
const char *batch_file(struct batch *, const char *name);

/*
 * Append e (checked) to the batch.  Columns of the log outside the
 * evidence format take input column extra[j] of rec (rec may be NULL).
 * Return the number of problems found (a record id repeated within the
 * batch), which were reported through o.
 */
int	 batch_add(struct batch *, const struct evidence *e,
	    const struct record *rec, const size_t *extra,
	    const struct origin *o, const char *file);

/* Close the memory stream: buf and size are valid from here on. */
int	 batch_finish(struct batch *);

/* Fill the placeholders with new record ids. */
void	 batch_stamp(struct batch *, struct recid *);
void	 batch_free(struct batch *);

/* Flags of a record in a log index. */
#define LOGREC_VOID	0x01	/* the record voids another */
#define LOGREC_VOIDED	0x02	/* a later record voids it */

/* The record ids of a log, with their lines and flags. */
struct logindex {
	struct strmap ids;
	size_t	*line;
	unsigned char *flags;
	size_t	 cap;
};

/*
 * Read every record id of the log at path.  With want non-NULL, the
 * evidence values of the record with that id are copied into wanted[]
 * (owned by the caller; NULL when it has none).  Return 0, or -1 after
 * printing a read error (*status gets the exit status).
 */
int	 logindex_load(struct logindex *, const char *path, const char *want,
	    char **wanted, int *status);
void	 logindex_free(struct logindex *);

/* Check the batch's id references against idx.  Return the problems. */
int	 batch_resolve(struct batch *, const struct logindex *idx);

/* --check: validate the log at path.  Return an exit status. */
int	 check_log(const char *path, const struct rules *);

#endif
