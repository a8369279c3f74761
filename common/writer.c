/* goalkit: see LICENSE. Writing CSV and TSV records with minimal quoting. */

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "reader.h"
#include "table.h"
#include "value.h"
#include "writer.h"

void
writer_init(struct writer *w, FILE *fp, int delim, int excel)
{
	w->fp = fp;
	w->delim = delim ? delim : ',';
	w->excel = excel;
	w->started = 0;
	w->bom_done = 0;
	w->header_done = 0;
	w->column = 0;
	w->id_columns = 0;
}

/* Begin a field: the BOM before the first one, a delimiter between. */
static void
begin_field(struct writer *w)
{
	if (w->excel && !w->bom_done) {
		fputs("\xef\xbb\xbf", w->fp);
		w->bom_done = 1;
	}
	if (w->started) {
		putc_unlocked(w->delim, w->fp);
		w->column++;
	}
	w->started = 1;
}

static void
put_tsv(struct writer *w, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (p[i]) {
		case '\t': fputs("\\t", w->fp); break;
		case '\n': fputs("\\n", w->fp); break;
		case '\r': fputs("\\r", w->fp); break;
		case '\\': fputs("\\\\", w->fp); break;
		default: putc(p[i], w->fp); break;
		}
	}
}

static int
needs_quotes(const struct writer *w, const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i;

	/* Quote, CR and LF are below 0x40, so most bytes take two tests. */
	for (i = 0; i < len; i++)
		if (u[i] == w->delim || (u[i] < 0x40 && (u[i] == '"' ||
		    u[i] == '\n' || u[i] == '\r')))
			return 1;
	return 0;
}

/* Write a CSV field, quoted when needed, after the formula guard if any. */
static void
put_csv(struct writer *w, const char *p, size_t len, int guard)
{
	size_t i;
	int quoted;

	quoted = needs_quotes(w, p, len);
	if (quoted)
		putc('"', w->fp);
	if (guard)
		putc('\'', w->fp);
	if (!quoted) {
		fwrite_unlocked(p, 1, len, w->fp);
		return;
	}
	for (i = 0; i < len; i++) {
		if (p[i] == '"')
			putc('"', w->fp);
		putc(p[i], w->fp);
	}
	putc('"', w->fp);
}

/* Whether text reads as a number to value_number(), with a '.' point. */
static int
is_number(const char *p, size_t len)
{
	struct field f;
	double v;

	f.p = p;
	f.len = len;
	return value_number(f, 0, &v, NULL) == 0;
}

/* A text cell a spreadsheet would run as a formula. */
static int
looks_like_formula(const char *p, size_t len)
{
	if (len == 0 || strchr("=+-@\t\r", p[0]) == NULL)
		return 0;
	return !is_number(p, len);
}

static int
all_digits(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/*
 * An id such as 007: all digits with a leading zero.  A spreadsheet would
 * read it as the number 7, and no number is written that way.
 */
static int
has_leading_zero(const char *p, size_t len)
{
	return len >= 2 && p[0] == '0' && all_digits(p, len);
}

/*
 * Text that a spreadsheet may turn into a date or a time: digits with at
 * least one '/', ':' or '-', and only digits, dots and those separators.
 * LibreOffice Calc 7.4 reads 1/2 as January 2 and 3:30 as a time.  A
 * grade band such as 6-8 has the same form and is kept as text too.
 * Numbers are not text, and an ISO 8601 date (2026-03-14) is left alone
 * so that goalkit's dates become dates.
 */
static int
looks_like_date(const char *p, size_t len)
{
	size_t i;
	int separators;

	if (len == 0 || p[0] < '0' || p[0] > '9')
		return 0;
	separators = 0;
	for (i = 0; i < len; i++) {
		if (p[i] == '/' || p[i] == ':' || p[i] == '-')
			separators++;
		else if ((p[i] < '0' || p[i] > '9') && p[i] != '.')
			return 0;
	}
	if (separators == 0)
		return 0;
	if (len == 10 && p[4] == '-' && p[7] == '-' && separators == 2)
		return 0;
	return !is_number(p, len);
}

/*
 * Text that a spreadsheet turns into something else: TRUE or FALSE in any
 * case becomes a boolean, and more than 15 digits become a number that
 * keeps only 15 of them (an id such as 1234567890123456789).
 */
static int
looks_like_boolean_or_long_number(const char *p, size_t len)
{
	if ((len == 4 && strncasecmp(p, "true", 4) == 0) ||
	    (len == 5 && strncasecmp(p, "false", 5) == 0))
		return 1;
	return len > 15 && all_digits(p, len);
}

/* A header name of a column of ids, such as goal_id or last_activity. */
static int
is_id_column(const char *p, size_t len)
{
	static const char *const names[] = {
		"id", "voids", "last_activity", "stalled_activity"
	};
	size_t i;

	if (len > 3 && memcmp(p + len - 3, "_id", 3) == 0)
		return 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (len == strlen(names[i]) && memcmp(p, names[i], len) == 0)
			return 1;
	return 0;
}

/* An id in column w->column that a spreadsheet would read as a number. */
static int
is_numeric_id(const struct writer *w, const char *p, size_t len)
{
	if (!w->header_done || w->column >= 64 ||
	    !(w->id_columns >> w->column & 1))
		return 0;
	return is_number(p, len);
}

/* Write 007 as ="007", which spreadsheets show as the text 007. */
static void
put_text_formula(struct writer *w, const char *p, size_t len)
{
	if (w->delim == '\t') {
		fputs("=\"", w->fp);
		fwrite(p, 1, len, w->fp);
		fputs("\"", w->fp);
		return;
	}
	fputs("\"=\"\"", w->fp);
	fwrite(p, 1, len, w->fp);
	fputs("\"\"\"", w->fp);
}

void
writer_field(struct writer *w, const char *p, size_t len)
{
	int guard;

	begin_field(w);
	if (w->excel && !w->header_done && w->column < 64 &&
	    is_id_column(p, len))
		w->id_columns |= (uint64_t)1 << w->column;
	if (w->excel && (has_leading_zero(p, len) || looks_like_date(p, len) ||
	    looks_like_boolean_or_long_number(p, len) ||
	    is_numeric_id(w, p, len))) {
		put_text_formula(w, p, len);
		return;
	}
	guard = w->excel && looks_like_formula(p, len);
	if (w->delim == '\t') {
		if (guard)
			putc('\'', w->fp);
		put_tsv(w, p, len);
	} else
		put_csv(w, p, len, guard);
}

void
writer_str(struct writer *w, const char *s)
{
	writer_field(w, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

void
writer_num(struct writer *w, double v, int decimals)
{
	char buf[64];

	begin_field(w);
	fputs(value_format(v, decimals, buf, sizeof(buf)), w->fp);
}

void
writer_int(struct writer *w, long long v)
{
	begin_field(w);
	fprintf(w->fp, "%lld", v);
}

void
writer_empty(struct writer *w)
{
	begin_field(w);
}

void
writer_end(struct writer *w)
{
	if (w->excel && !w->bom_done) {
		fputs("\xef\xbb\xbf", w->fp);
		w->bom_done = 1;
	}
	fputs(w->excel ? "\r\n" : "\n", w->fp);
	w->started = 0;
	w->header_done = 1;
	w->column = 0;
}

void
writer_row(struct writer *w, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		writer_str(w, fields[i]);
	writer_end(w);
}

int
writer_delim(const struct table_opts *o, int input_delim)
{
	if (o->out_delim)
		return o->out_delim;
	return input_delim ? input_delim : ',';
}
