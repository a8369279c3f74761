/* goalkit: see LICENSE. Parsing numbers, times and lists found in table cells. */

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"
#include "value.h"

/* A cell of this size or less is copied to the stack for parsing. */
#define SMALL_CELL	64

/* value_format() clamps the number of decimals to 0..MAX_DECIMALS. */
#define MAX_DECIMALS	30

/* Counts are kept exact in a double, so they stop at 2^53. */
#define MAX_COUNT	9007199254740992ULL

const char value_time_forms[] = "YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]]";

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Move *p and *end inward past blanks. */
static void
trim_blanks(const char **p, const char **end)
{
	while (*p < *end && is_blank(**p))
		(*p)++;
	while (*end > *p && is_blank((*end)[-1]))
		(*end)--;
}

/* Return the position after the run of digits at p. */
static const char *
skip_digits(const char *p, const char *end)
{
	while (p < end && is_digit(*p))
		p++;
	return p;
}

/*
 * Check that [p, end) is a decimal number with the given decimal point,
 * made of a sign, digits, an optional fraction and an optional exponent,
 * with at least one digit before the exponent.
 */
static int
is_decimal(const char *p, const char *end, int point)
{
	const char *start;
	size_t ndigits;

	if (p < end && (*p == '+' || *p == '-'))
		p++;
	start = p;
	p = skip_digits(p, end);
	ndigits = p - start;
	if (p < end && *p == point) {
		start = ++p;
		p = skip_digits(p, end);
		ndigits += p - start;
	}
	if (ndigits == 0)
		return 0;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		start = p;
		p = skip_digits(p, end);
		if (p == start)
			return 0;
	}
	return p == end;
}

int
value_number(struct field f, int decimal_comma, double *out, int *percent)
{
	const char *p = f.p, *end = f.p + f.len;
	char small[SMALL_CELL + 1], *buf, *stop;
	int point = decimal_comma ? ',' : '.';
	size_t len, i;
	double v;

	trim_blanks(&p, &end);
	if (percent != NULL) {
		*percent = 0;
		if (end > p && end[-1] == '%') {
			*percent = 1;
			end--;
			trim_blanks(&p, &end);
		}
	}
	/*
	 * With a decimal comma, 3.5 is still read: goal maps and goalkit's
	 * own tables write a point whatever the input's locale.
	 */
	if (!is_decimal(p, end, point)) {
		if (!decimal_comma || !is_decimal(p, end, '.'))
			return -1;
		point = '.';
	}

	/* strtod() wants a NUL-terminated string with a '.' point. */
	len = end - p;
	buf = len <= SMALL_CELL ? small : xmalloc(len + 1);
	for (i = 0; i < len; i++)
		buf[i] = p[i] == point ? '.' : p[i];
	buf[len] = '\0';
	v = strtod(buf, &stop);
	if (buf != small)
		free(buf);
	if (stop != buf + len || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int
value_count(struct field f, uint64_t *out)
{
	const char *p = f.p, *end = f.p + f.len;
	uint64_t v = 0;

	trim_blanks(&p, &end);
	if (p == end)
		return -1;
	for (; p < end; p++) {
		if (!is_digit(*p))
			return -1;
		v = 10 * v + (*p - '0');
		if (v > MAX_COUNT)
			return -1;
	}
	*out = v;
	return 0;
}

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/*
 * Days from 1970-01-01 to the proleptic Gregorian date y-m-d.  The year
 * is counted from March so that the leap day comes last, and eras of
 * 400 years (146097 days) keep the arithmetic exact for any year.
 */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, year_of_era, day_of_year, day_of_era;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	year_of_era = y - era * 400;
	day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
	    day_of_year;
	return era * 146097 + day_of_era - 719468;
}

/* The inverse of days_from_civil(). */
static void
civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t era, day_of_era, year_of_era, day_of_year, mp;

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	day_of_era = days - era * 146097;
	year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
	    day_of_era / 146096) / 365;
	day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 -
	    year_of_era / 100);
	mp = (5 * day_of_year + 2) / 153;
	*d = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = year_of_era + era * 400 + (*m <= 2);
}

/* Read exactly n digits at *p into *out and advance *p. */
static int
read_digits(const char **p, const char *end, int n, int *out)
{
	int v = 0;

	if (end - *p < n)
		return -1;
	while (n-- > 0) {
		if (!is_digit(**p))
			return -1;
		v = 10 * v + (*(*p)++ - '0');
	}
	*out = v;
	return 0;
}

/* Read Z, or +hh:mm, +hhmm, +hh (or '-'), into *minutes east of UTC. */
static int
read_offset(const char **p, const char *end, int *minutes)
{
	int sign, hh, mm = 0;

	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		*minutes = 0;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return -1;
	sign = *(*p)++ == '-' ? -1 : 1;
	if (read_digits(p, end, 2, &hh) == -1)
		return -1;
	if (*p < end) {
		if (**p == ':')
			(*p)++;
		if (read_digits(p, end, 2, &mm) == -1)
			return -1;
	}
	if (hh > 23 || mm > 59)
		return -1;
	*minutes = sign * (hh * 60 + mm);
	return 0;
}

/* Read the "hh:mm[:ss[.fff]]" part; a fraction of a second is dropped. */
static int
read_clock(const char **p, const char *end, int *hh, int *mm, int *ss)
{
	*ss = 0;
	if (read_digits(p, end, 2, hh) == -1 || *p == end || **p != ':')
		return -1;
	(*p)++;
	if (read_digits(p, end, 2, mm) == -1)
		return -1;
	if (*p < end && **p == ':') {
		(*p)++;
		if (read_digits(p, end, 2, ss) == -1)
			return -1;
		if (*p < end && (**p == '.' || **p == ',')) {
			(*p)++;
			if (*p == end || !is_digit(**p))
				return -1;
			*p = skip_digits(*p, end);
		}
	}
	return *hh > 23 || *mm > 59 || *ss > 59 ? -1 : 0;
}

/* Parse the ISO 8601 forms of value_time() from [p, end). */
static int
parse_iso(const char *p, const char *end, struct gktime *out)
{
	int year, month, day, hh = 0, mm = 0, ss = 0, offset = 0;
	int has_clock = 0, has_offset = 0;

	if (read_digits(&p, end, 4, &year) == -1 || p == end || *p++ != '-' ||
	    read_digits(&p, end, 2, &month) == -1 || p == end ||
	    *p++ != '-' || read_digits(&p, end, 2, &day) == -1)
		return -1;
	if (month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month))
		return -1;
	if (p < end) {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return -1;
		p++;
		if (read_clock(&p, end, &hh, &mm, &ss) == -1)
			return -1;
		has_clock = 1;
	}
	if (p < end) {
		if (read_offset(&p, end, &offset) == -1)
			return -1;
		has_offset = 1;
	}
	if (p != end)
		return -1;
	out->secs = days_from_civil(year, month, day) * 86400 +
	    hh * 3600 + mm * 60 + ss - offset * 60;
	out->has_clock = has_clock;
	out->has_offset = has_offset;
	out->offset_min = offset;
	return 0;
}

/*
 * Tell whether a strptime(3) format converts a time of day (*clock) or a
 * UTC offset (*zone).  E and O modifiers are skipped.
 */
static void
scan_format(const char *format, int *clock, int *zone)
{
	const char *s;

	*clock = *zone = 0;
	for (s = format; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		s++;
		if (*s == 'E' || *s == 'O')
			s++;
		if (*s == '\0')
			break;
		if (strchr("HIklMpPrRSTXcs", *s) != NULL)
			*clock = 1;
		else if (*s == 'z')
			*zone = 1;
	}
}

/*
 * Parse [p, end) with strptime(3).  glibc's strptime() (2.36) accepts
 * February 31, so the date is checked here.  Fields the format does
 * not set stay at 1970-01-01 00:00:00.
 */
static int
parse_strptime(const char *p, const char *end, const char *format,
    struct gktime *out)
{
	char small[SMALL_CELL + 1], *buf;
	const char *rest;
	struct tm tm;
	size_t len = end - p;
	int clock, zone, ok;

	buf = len <= SMALL_CELL ? small : xmalloc(len + 1);
	memcpy(buf, p, len);
	buf[len] = '\0';
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 70;
	tm.tm_mday = 1;
	rest = strptime(buf, format, &tm);
	ok = rest != NULL && *rest == '\0' && tm.tm_mon >= 0 &&
	    tm.tm_mon <= 11 && tm.tm_mday >= 1 &&
	    tm.tm_mday <= days_in_month(tm.tm_year + 1900LL, tm.tm_mon + 1) &&
	    tm.tm_hour >= 0 && tm.tm_hour <= 23 && tm.tm_min >= 0 &&
	    tm.tm_min <= 59 && tm.tm_sec >= 0 && tm.tm_sec <= 59;
	if (buf != small)
		free(buf);
	if (!ok)
		return -1;
	scan_format(format, &clock, &zone);
	out->has_clock = clock;
	out->has_offset = zone;
	out->offset_min = zone ? (int)(tm.tm_gmtoff / 60) : 0;
	out->secs = days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1,
	    tm.tm_mday) * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 +
	    tm.tm_sec - out->offset_min * 60;
	return 0;
}

int
value_time(struct field f, const char *format, struct gktime *out)
{
	const char *p = f.p, *end = f.p + f.len;

	trim_blanks(&p, &end);
	if (p == end)
		return -1;
	if (format != NULL)
		return parse_strptime(p, end, format, out);
	return parse_iso(p, end, out);
}

/* Seconds since 1970-01-01T00:00 of t's local clock. */
static int64_t
local_secs(const struct gktime *t)
{
	return t->secs + (int64_t)t->offset_min * 60;
}

double
gktime_days(const struct gktime *t)
{
	return (double)local_secs(t) / 86400.0;
}

void
gktime_format(const struct gktime *t, char *buf, size_t size)
{
	int64_t local = local_secs(t), days, rem, year;
	int month, day, off;
	size_t n;

	days = local / 86400;
	rem = local % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &year, &month, &day);
	if (!t->has_clock) {
		snprintf(buf, size, "%04lld-%02d-%02d", (long long)year, month,
		    day);
		return;
	}
	n = snprintf(buf, size, "%04lld-%02d-%02dT%02d:%02d:%02d",
	    (long long)year, month, day, (int)(rem / 3600),
	    (int)(rem / 60 % 60), (int)(rem % 60));
	if (!t->has_offset || n >= size)
		return;
	off = t->offset_min;
	if (off == 0)
		snprintf(buf + n, size - n, "Z");
	else
		snprintf(buf + n, size - n, "%c%02d:%02d", off < 0 ? '-' : '+',
		    abs(off) / 60, abs(off) % 60);
}

void
gktime_now(struct gktime *t)
{
	time_t now = time(NULL);
	struct tm tm;

	t->secs = now;
	t->has_clock = 1;
	t->has_offset = 1;
	t->offset_min = 0;
	if (localtime_r(&now, &tm) != NULL)
		t->offset_min = (int)(tm.tm_gmtoff / 60);
}

/*
 * Round the decimal digits of |v| to the given decimals, half up, into
 * digits[] (no point, no leading zeros except a lone "0").  Return the
 * digit count.  v is first written with DBL_DIG (15) significant digits,
 * because every decimal of 15 digits survives a round trip through a
 * double.  So the double nearest to 4.675, which is
 * 4.67499999999999982236431605997495353221893310546875, rounds as 4.675
 * does.
 */
static size_t
round_digits(double v, int decimals, char *digits)
{
	char sci[32], sig[DBL_DIG + 1];
	size_t nsig = 0, n = 0, i;
	int exponent, keep;
	char *s;

	snprintf(sci, sizeof(sci), "%.*e", DBL_DIG - 1, fabs(v));
	for (s = sci; *s != 'e'; s++)
		if (is_digit(*s))
			sig[nsig++] = *s;
	exponent = atoi(s + 1);
	if (v == 0)
		exponent = 0;

	/* keep: significant digits at or above the last decimal place. */
	keep = exponent + 1 + decimals;
	if (keep < 0) {
		digits[n++] = '0';
		return n;
	}
	if (keep == 0) {
		digits[n++] = sig[0] >= '5' ? '1' : '0';
		return n;
	}
	for (i = 0; i < (size_t)keep; i++)
		digits[n++] = i < nsig ? sig[i] : '0';
	if ((size_t)keep < nsig && sig[keep] >= '5') {
		for (i = n; i > 0 && digits[i - 1] == '9'; i--)
			digits[i - 1] = '0';
		if (i > 0)
			digits[i - 1]++;
		else {
			memmove(digits + 1, digits, n++);
			digits[0] = '1';
		}
	}
	return n;
}

/*
 * Halves round away from zero, so -2.5 prints as -3.  A result that
 * rounds to zero has no sign.
 */
char *
value_format(double v, int decimals, char *buf, size_t size)
{
	/* DBL_MAX has 309 integer digits. */
	char digits[320 + MAX_DECIMALS], text[330 + MAX_DECIMALS];
	size_t n, i, t = 0;
	int zero = 1;

	if (size == 0)
		return buf;
	if (!isfinite(v)) {
		snprintf(buf, size, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" :
		    "inf");
		return buf;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > MAX_DECIMALS)
		decimals = MAX_DECIMALS;
	n = round_digits(v, decimals, digits);
	for (i = 0; i < n; i++)
		if (digits[i] != '0')
			zero = 0;
	if (v < 0 && !zero)
		text[t++] = '-';
	if (n <= (size_t)decimals) {
		text[t++] = '0';
		if (decimals > 0)
			text[t++] = '.';
		for (i = n; i < (size_t)decimals; i++)
			text[t++] = '0';
		memcpy(text + t, digits, n);
		t += n;
	} else {
		memcpy(text + t, digits, n - decimals);
		t += n - decimals;
		if (decimals > 0) {
			text[t++] = '.';
			memcpy(text + t, digits + n - decimals, decimals);
			t += decimals;
		}
	}
	text[t] = '\0';
	snprintf(buf, size, "%s", text);
	return buf;
}

static int
field_same(struct field a, struct field b)
{
	return a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
}

/* FNV-1a, 64 bits, of a field. */
static uint64_t
field_hash(struct field f)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < f.len; i++) {
		h ^= (unsigned char)f.p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Lists up to this long are de-duplicated by comparing every pair. */
#define LIST_SHORT	16

/*
 * Tell whether item repeats one of the n kept items.  seen is NULL for a
 * short list, else an open-addressing table of mask + 1 slots (an empty
 * slot has p NULL), in which item is entered when it is new.
 */
static int
is_repeat(struct field item, const struct field *kept, size_t n,
    struct field *seen, size_t mask)
{
	size_t k;

	if (seen == NULL) {
		for (k = 0; k < n; k++)
			if (field_same(kept[k], item))
				return 1;
		return 0;
	}
	for (k = field_hash(item) & mask; seen[k].p != NULL;
	    k = (k + 1) & mask)
		if (field_same(seen[k], item))
			return 1;
	seen[k] = item;
	return 0;
}

/*
 * Collect the items, then keep the first of every name, in place.  Long
 * lists use a hash table so that a cell of many thousand items stays
 * linear.
 */
void
list_split(struct field cell, int sep, struct list *out)
{
	const char *p = cell.p, *end = cell.p + cell.len, *item, *stop;
	struct field *seen = NULL, f;
	size_t cap = 0, i, n, size;
	int last = 0;

	memset(out, 0, sizeof(*out));
	if (cell.len == 0)
		return;
	while (!last) {
		item = p;
		stop = memchr(p, sep, end - p);
		if (stop == NULL) {
			stop = end;
			last = 1;
		} else
			p = stop + 1;
		trim_blanks(&item, &stop);
		if (item == stop)
			continue;
		if (out->n == cap) {
			cap = cap == 0 ? 4 : 2 * cap;
			out->items = xreallocarray(out->items, cap,
			    sizeof(*out->items));
		}
		out->items[out->n].p = item;
		out->items[out->n].len = stop - item;
		out->n++;
	}
	size = 0;
	if (out->n > LIST_SHORT) {
		for (size = 1; size < 2 * out->n; size *= 2)
			continue;
		seen = xcalloc(size, sizeof(*seen));
	}
	for (i = n = 0; i < out->n; i++) {
		f = out->items[i];
		if (is_repeat(f, out->items, n, seen, size - 1)) {
			if (out->dups++ == 0)
				out->dup = f;
		} else
			out->items[n++] = f;
	}
	free(seen);
	out->n = n;
}

void
list_free(struct list *l)
{
	free(l->items);
	memset(l, 0, sizeof(*l));
}
