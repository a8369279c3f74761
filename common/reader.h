/* goalkit: see LICENSE. Reading CSV and TSV tables record by record. */
#ifndef GOALKIT_READER_H
#define GOALKIT_READER_H

#include <stddef.h>

#include "table.h"

/*
 * Ownership: the reader owns every buffer it hands out.  A record from
 * reader_next() and its fields stay valid until the next reader_next() or
 * reader_close(); keep anything longer with field_dup().  The header stays
 * valid until reader_close().
 *
 * Every field is a byte slice that is also NUL-terminated, so it may be
 * given to functions that expect a C string.  Input that contains a NUL
 * byte is rejected, so a field never contains one.
 */
struct field {
	const char *p;
	size_t	 len;
};

struct record {
	struct field *fields;
	size_t	 nfields;
	size_t	 line;		/* physical line on which the record starts */
};

/* Sentinel column index for "no such column"; rec_field() gives "". */
#define NOCOL	((size_t)-1)

struct reader;

/*
 * Open path ("-" or NULL is standard input) and read its header.  The
 * delimiter is o->delim, else taken from a .tsv/.tab name, else from the
 * header line (tab, then ';', then ',').  Return NULL with errno set when
 * the file cannot be opened; a header that cannot be parsed is reported by
 * the first reader_next() call.  o must outlive the reader.
 */
struct reader *reader_open(const char *path, const struct table_opts *o);

/*
 * Read the next non-blank record into *rec.  Return 1 on a record, 0 at
 * the end of input, -1 on an error; reader_error() then returns what went
 * wrong and reader_error_line() where.  Errors are final: later calls
 * return -1 again.  A record with fewer fields than the header is padded
 * with empty fields; one with more non-empty fields is an error.
 */
int	 reader_next(struct reader *, struct record **rec);

/* The message of the last error, e.g. "malformed CSV at byte 120: ...". */
const char *reader_error(const struct reader *);
size_t	 reader_error_line(const struct reader *);
/* Nonzero when the last error came from the operating system (errno). */
int	 reader_error_is_io(const struct reader *);

/*
 * Report the last error of r as "prog: FILE:LINE: message".  An error from
 * the operating system then exits with EXIT_TROUBLE; any other returns
 * EXIT_DATA, for the caller to record before it goes on or stops.
 */
int	 reader_report_error(const struct reader *);

/*
 * Return the header: names trimmed, BOM removed.  Its line is 1 unless
 * blank lines come first.
 */
const struct record *reader_header(const struct reader *);

/* The file name for messages: "<stdin>" or the path given. */
const char *reader_name(const struct reader *);

/* The delimiter in use: ',', ';' or '\t'. */
int	 reader_delim(const struct reader *);

/*
 * Find the column read for ROLE (through -c mappings), compared without
 * case after trimming.  Return 1 and set *idx when found, 0 when there is
 * no such column (*idx = NOCOL), -1 when the name appears twice.
 */
int	 reader_column(const struct reader *, const char *role, size_t *idx);

/*
 * Look up ROLE and report problems as "FILE:LINE: ..." diagnostics:
 * missing and required gives "missing column 'NAME'", a name appearing
 * twice gives "column 'NAME' appears twice".  Return the index, or NOCOL
 * when the column cannot be used (and for a missing optional column).
 * *bad is set to 1 when an error was reported and left alone otherwise.
 */
size_t	 reader_want(const struct reader *, const char *role, int required,
	    int *bad);

/*
 * Warn once for every header name that appears twice in a column no
 * reader_column() call asked for.
 */
void	 reader_warn_duplicates(const struct reader *);

/* Close and release everything.  Closing standard input leaves fd 0 open. */
void	 reader_close(struct reader *);

/*
 * Print no warnings while reading, for a second read of a file whose
 * first read printed them.  Errors are still returned as usual.
 */
void	 reader_quiet(struct reader *);

/* Field idx of rec, or an empty field for NOCOL or a missing index. */
struct field rec_field(const struct record *, size_t idx);

/*
 * The field with leading and trailing blanks (space, tab) removed.  The
 * result is not NUL-terminated when trailing blanks were cut.
 */
struct field field_trim(struct field);

/* Nonzero when f equals the C string s exactly. */
int	 field_eq(struct field, const char *s);

/* A newly allocated NUL-terminated copy of f; the caller frees it. */
char	*field_dup(struct field);

#endif
