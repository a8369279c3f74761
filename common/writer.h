/* goalkit: see LICENSE. Writing CSV and TSV records with minimal quoting. */
#ifndef GOALKIT_WRITER_H
#define GOALKIT_WRITER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * A writer formats records onto a stream it does not own.  CSV quotes a
 * field only when it contains the delimiter, a quote, CR or LF.  TSV writes
 * tab, newline, carriage return and backslash as \t \n \r \\.  With excel
 * set, output starts with a UTF-8 BOM, records end in CRLF, and a text
 * field starting with '=', '+', '-', '@', tab or CR gets a leading "'"
 * unless the whole field is a number.  A text field of digits with a
 * leading zero (an id such as 007), one a spreadsheet would read as a
 * date or time (1/2, 3:30, but not an ISO 8601 date), TRUE or FALSE in
 * any case, and more than 15 digits are written as the formula ="..." so
 * that a spreadsheet keeps them as text.  So is a number in a column of
 * ids (named in the header as *_id, id, voids, last_activity or
 * stalled_activity): goal 3.10 must not become the number 3.1.
 */
struct writer {
	FILE	*fp;
	int	 delim;
	int	 excel;
	int	 started;	/* a field of the current record was written */
	int	 bom_done;
	int	 header_done;	/* the first record, the header, is written */
	unsigned column;	/* of the field being written, from 0 */
	uint64_t id_columns;	/* bit i: column i holds ids (--excel only) */
};

void	 writer_init(struct writer *, FILE *fp, int delim, int excel);

/* Append one text field to the current record. */
void	 writer_field(struct writer *, const char *p, size_t len);
void	 writer_str(struct writer *, const char *s);	/* NULL is empty */

/* Append a number printed with the given decimals, half-up on its decimal value. */
void	 writer_num(struct writer *, double v, int decimals);

/* Append an integer. */
void	 writer_int(struct writer *, long long v);

/* Append an empty field. */
void	 writer_empty(struct writer *);

/* End the current record. */
void	 writer_end(struct writer *);

/* Write a whole record of C strings: n fields, then the record end. */
void	 writer_row(struct writer *, const char *const *fields, size_t n);

/*
 * The output delimiter: o->out_delim if set, else the main input's
 * delimiter (0 when there is none gives ',').
 */
struct table_opts;
int	 writer_delim(const struct table_opts *, int input_delim);

#endif
