/* goalkit: see LICENSE. Parsing numbers, times and lists found in table cells. */
#ifndef GOALKIT_VALUE_H
#define GOALKIT_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "reader.h"

/*
 * Parse a number cell: optional blanks, optional sign, digits with an
 * optional '.' fraction (',' or '.' when decimal_comma is set) and an
 * optional exponent, optional blanks.  A trailing '%' is allowed when percent is
 * non-NULL: *percent is then set to 1 when it was present, else 0.
 * Return 0 and set *out on success, -1 when the cell is not such a number
 * (empty, text, inf, nan, overflow).
 */
int	 value_number(struct field f, int decimal_comma, double *out,
	    int *percent);

/*
 * Parse a count: blanks, digits, blanks; at most 2^53.  Return 0 and set
 * *out, -1 otherwise.
 */
int	 value_count(struct field f, uint64_t *out);

/*
 * A point in time.  secs counts seconds since 1970-01-01T00:00 UTC; a
 * time written without an offset (or a bare date) is taken as if it were
 * UTC, so local times of one school compare correctly among themselves.
 */
struct gktime {
	int64_t	 secs;
	int	 has_clock;	/* a time of day was given */
	int	 has_offset;	/* Z or +hh:mm was given */
	int	 offset_min;	/* the offset in minutes east of UTC */
};

/*
 * Parse an ISO 8601 date or date-time: YYYY-MM-DD, then optionally 'T' or
 * a space, hh:mm, optionally :ss and a fraction, optionally Z or +hh:mm,
 * +hhmm, +hh.  With format non-NULL the cell is read with strptime(3)
 * instead.  Return 0 on success, -1 on an invalid form or date (month 13,
 * February 30).
 */
int	 value_time(struct field f, const char *format, struct gktime *out);

/* The accepted forms, for messages: "YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]]". */
extern const char value_time_forms[];

/* Days since 1970-01-01 of t's calendar date, fractional part included. */
double	 gktime_days(const struct gktime *t);

/* Write t as ISO 8601 ("2026-03-14" or "2026-03-14T09:30:00-05:00") into buf. */
void	 gktime_format(const struct gktime *t, char *buf, size_t size);

/* The current local time with its offset. */
void	 gktime_now(struct gktime *t);

/*
 * Format v with the given decimals (clamped to 0..30), rounding half away
 * from zero on v's decimal value taken to 15 significant digits: an exact
 * 4.675 prints as 4.68 even though the double is below it.  A result that
 * rounds to zero prints without a sign.  Return buf.
 */
char	*value_format(double v, int decimals, char *buf, size_t size);

/*
 * A list cell split on sep: items trimmed, empty items dropped.  items
 * points into the cell (valid as long as the record is); dups counts items
 * dropped because they repeated an earlier one.  Release with list_free().
 */
struct list {
	struct field *items;
	size_t	 n;
	size_t	 dups;
	struct field dup;	/* first repeated item, empty when dups is 0 */
};

void	 list_split(struct field cell, int sep, struct list *out);
void	 list_free(struct list *);

#endif
