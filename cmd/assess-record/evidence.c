/* goalkit: see LICENSE. Checking one piece of evidence and putting it in the log's form. */

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"
#include "value.h"
#include "assess-record.h"

/* A time this many seconds past now is taken for a typing mistake. */
#define FUTURE_SLACK	86400

const char *const role_names[NROLES] = {
	"record_id", "time", "student_id", "goal_id", "score", "max_score",
	"assessor", "activity_id", "criterion", "minutes", "errors",
	"recorded_by", "voids", "note"
};

/* The option that gives each role's value for a single record. */
static const char *const role_options[NROLES] = {
	"record_id", "--time", "-s", "-g", "--score", "--max-score",
	"--by", "--activity", "--criterion", "--minutes", "--errors",
	"--recorded-by", "--void", "--note"
};

static const char *const assessors[] = { "teacher", "self", "peer", "system" };

int
role_find(const char *name, size_t len)
{
	int r;

	for (r = 0; r < NROLES; r++)
		if (strlen(role_names[r]) == len &&
		    strncasecmp(role_names[r], name, len) == 0)
			return r;
	return -1;
}

void
origin_error(const struct origin *o, enum role r, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (o->file == NULL) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: %s\n", prog_name(), role_options[r],
		    msg);
	} else
		diag_error(o->file, o->line, "%s: %s", o->column[r], msg);
}

/* Keep a value that had to be rewritten; e owns it from now on. */
static void
set_owned(struct evidence *e, enum role r, char *s)
{
	free(e->owned[r]);
	e->owned[r] = s;
	e->out[r].p = s;
	e->out[r].len = strlen(s);
}

/*
 * A number as the log stores it: trimmed, without a leading '+', with a
 * '.' point.  Return f itself when it is already in that form.
 */
static struct field
number_text(struct field f, int decimal_comma, char **owned)
{
	char *s, *comma;

	f = field_trim(f);
	if (f.len > 0 && f.p[0] == '+') {
		f.p++;
		f.len--;
	}
	*owned = NULL;
	if (!decimal_comma || memchr(f.p, ',', f.len) == NULL)
		return f;
	s = xstrndup(f.p, f.len);
	if ((comma = strchr(s, ',')) != NULL)
		*comma = '.';
	*owned = s;
	f.p = s;
	return f;
}

/* Parse a number that must be greater than 0 (max_score, minutes). */
static int
check_positive(struct evidence *e, enum role r, const struct rules *rules,
    const struct origin *o, double *v)
{
	struct field f = field_trim(e->raw[r]);
	char *owned;

	if (value_number(f, rules->decimal_comma, v, NULL) != 0) {
		origin_error(o, r, "invalid number '%.*s'", (int)f.len, f.p);
		return 1;
	}
	if (*v <= 0) {
		origin_error(o, r, "must be greater than 0, not '%.*s'",
		    (int)f.len, f.p);
		return 1;
	}
	e->out[r] = number_text(f, rules->decimal_comma, &owned);
	if (owned != NULL)
		set_owned(e, r, owned);
	return 0;
}

/*
 * Split a score cell into its number and, for the N/M and N% forms, the
 * maximum it carries.  Return 0, or -1 when the cell has neither form.
 */
static int
split_score(struct field f, const struct rules *rules, double *score,
    struct field *num, double *max, struct field *maxtext)
{
	const char *slash;
	int percent;

	maxtext->len = 0;
	slash = memchr(f.p, '/', f.len);
	if (slash != NULL) {
		num->p = f.p;
		num->len = slash - f.p;
		maxtext->p = slash + 1;
		maxtext->len = f.len - num->len - 1;
		*maxtext = field_trim(*maxtext);
		return value_number(*num, rules->decimal_comma, score,
		    NULL) != 0 || value_number(*maxtext,
		    rules->decimal_comma, max, NULL) != 0 ? -1 : 0;
	}
	if (value_number(f, rules->decimal_comma, score, &percent) != 0)
		return -1;
	*num = f;
	if (percent) {
		num->len = (const char *)memchr(f.p, '%', f.len) - f.p;
		maxtext->p = "100";
		maxtext->len = 3;
		*max = 100;
	}
	return 0;
}

/*
 * The maximum the score is out of: from an N/M or N% score, else the
 * max_score cell.  Return 0, or the number of problems reported.
 */
static int
settle_max(struct evidence *e, const struct rules *rules,
    const struct origin *o, struct field scoretext, struct field maxtext,
    double *max)
{
	struct field cell = field_trim(e->raw[R_MAX_SCORE]);
	double given = -1;
	char *owned;

	if (cell.len > 0 && check_positive(e, R_MAX_SCORE, rules, o,
	    &given) != 0)
		return 1;
	if (maxtext.len == 0) {
		*max = cell.len > 0 ? given : -1;
		return 0;
	}
	if (*max <= 0) {
		origin_error(o, R_SCORE, "maximum must be greater than 0 in "
		    "'%.*s'", (int)scoretext.len, scoretext.p);
		return 1;
	}
	if (cell.len > 0 && given != *max) {
		origin_error(o, R_SCORE, "'%.*s' conflicts with max_score "
		    "'%.*s'", (int)scoretext.len, scoretext.p, (int)cell.len,
		    cell.p);
		return 1;
	}
	free(e->owned[R_MAX_SCORE]);
	e->owned[R_MAX_SCORE] = NULL;
	e->out[R_MAX_SCORE] = number_text(maxtext, rules->decimal_comma,
	    &owned);
	if (owned != NULL)
		set_owned(e, R_MAX_SCORE, owned);
	return 0;
}

/*
 * Check the score against its maximum.  A timed probe (minutes given)
 * counts words or facts, so its score is a whole count and only an
 * explicit maximum bounds it.  Other scores are out of max_score, which
 * is 1 when none is given.
 */
static int
check_score(struct evidence *e, const struct rules *rules,
    const struct origin *o)
{
	struct field f = field_trim(e->raw[R_SCORE]), num, maxtext;
	double score, max = -1;
	char *owned;
	int timed = field_trim(e->raw[R_MINUTES]).len > 0;

	if (split_score(f, rules, &score, &num, &max, &maxtext) != 0) {
		origin_error(o, R_SCORE, "invalid score '%.*s' (expected a "
		    "number, N/M or N%%)", (int)f.len, f.p);
		return 1;
	}
	if (settle_max(e, rules, o, f, maxtext, &max) != 0)
		return 1;
	if (score < 0) {
		origin_error(o, R_SCORE, "negative score '%.*s'", (int)f.len,
		    f.p);
		return 1;
	}
	if (timed && score != floor(score)) {
		origin_error(o, R_SCORE, "a timed probe's score counts words "
		    "or facts, so it must be a whole number, not '%.*s'",
		    (int)f.len, f.p);
		return 1;
	}
	if (!timed && max < 0 && score > 1) {
		origin_error(o, R_SCORE, "'%.*s' is above the default "
		    "maximum 1 (give max_score, --max-score, N/M or N%%)",
		    (int)f.len, f.p);
		return 1;
	}
	if (max >= 0 && score > max) {
		origin_error(o, R_SCORE, "'%.*s' is above the maximum %.*s",
		    (int)f.len, f.p, (int)e->out[R_MAX_SCORE].len,
		    e->out[R_MAX_SCORE].p);
		return 1;
	}
	e->out[R_SCORE] = number_text(num, rules->decimal_comma, &owned);
	if (owned != NULL)
		set_owned(e, R_SCORE, owned);
	return 0;
}

/*
 * The last time parsed, kept because the rows of an export often share
 * one time, and parsing and formatting it is a large part of the work.
 */
static struct {
	char	 raw[48];
	size_t	 len;
	struct gktime t;
	char	 text[48];	/* t in the log's form */
	const char *date_format;
} last_time;

/* Parse f into *t and its ISO 8601 form text.  Return 0, or -1. */
static int
parse_time(struct field f, const char *date_format, struct gktime *t,
    char *text, size_t size)
{
	if (f.len == last_time.len && f.len < sizeof(last_time.raw) &&
	    date_format == last_time.date_format &&
	    memcmp(f.p, last_time.raw, f.len) == 0) {
		*t = last_time.t;
		memcpy(text, last_time.text, sizeof(last_time.text) < size ?
		    sizeof(last_time.text) : size);
		text[size - 1] = '\0';
		return 0;
	}
	if (value_time(f, date_format, t) != 0)
		return -1;
	gktime_format(t, text, size);
	if (f.len < sizeof(last_time.raw)) {
		memcpy(last_time.raw, f.p, f.len);
		last_time.len = f.len;
		last_time.t = *t;
		snprintf(last_time.text, sizeof(last_time.text), "%s", text);
		last_time.date_format = date_format;
	}
	return 0;
}

static int
check_time(struct evidence *e, const struct rules *rules,
    const struct origin *o)
{
	struct field f = field_trim(e->raw[R_TIME]);
	struct gktime t;

	if (f.len == 0) {
		origin_error(o, R_TIME, "missing value");
		return 1;
	}
	/* --date-format is for the user's times, not the clock's. */
	if (parse_time(f, e->time_is_now ? NULL : rules->date_format, &t,
	    e->timebuf, sizeof(e->timebuf)) != 0) {
		if (rules->date_format != NULL)
			origin_error(o, R_TIME, "invalid time '%.*s' "
			    "(expected the --date-format '%s')", (int)f.len,
			    f.p, rules->date_format);
		else
			origin_error(o, R_TIME, "invalid time '%.*s' "
			    "(expected %s, or give --date-format)",
			    (int)f.len, f.p, value_time_forms);
		return 1;
	}
	if (rules->check_future && t.secs > rules->now + FUTURE_SLACK) {
		origin_error(o, R_TIME, "'%.*s' is more than a day in the "
		    "future (give --allow-future if it is right)", (int)f.len,
		    f.p);
		return 1;
	}
	e->out[R_TIME].p = e->timebuf;
	e->out[R_TIME].len = strlen(e->timebuf);
	return 0;
}

/* Check an id cell: present when required, and known to the index. */
static int
check_id(struct evidence *e, enum role r, int required,
    const struct origin *o)
{
	struct field f = field_trim(e->raw[r]);

	e->out[r] = f;
	if (f.len == 0 && required) {
		origin_error(o, r, "missing value");
		return 1;
	}
	return 0;
}

static int
check_known(struct evidence *e, const struct rules *rules,
    const struct origin *o)
{
	struct field g = e->out[R_GOAL_ID], s = e->out[R_STUDENT_ID];
	const char *near;
	char *id;
	size_t idx;
	int bad = 0;

	if (rules->goals != NULL && g.len > 0 &&
	    goalmap_find(rules->goals, g.p, g.len) == (size_t)-1) {
		id = field_dup(g);
		near = goalmap_closest(rules->goals, id);
		if (near != NULL)
			origin_error(o, R_GOAL_ID, "unknown goal '%s' (did "
			    "you mean '%s'?)", id, near);
		else
			origin_error(o, R_GOAL_ID, "unknown goal '%s'", id);
		free(id);
		bad++;
	}
	if (rules->students != NULL && s.len > 0 &&
	    !strmap_get(rules->students, s.p, s.len, &idx)) {
		origin_error(o, R_STUDENT_ID, "unknown student '%.*s'",
		    (int)s.len, s.p);
		bad++;
	}
	return bad;
}

static int
check_assessor(struct evidence *e, const struct origin *o)
{
	struct field f = field_trim(e->raw[R_ASSESSOR]);
	size_t i;

	if (f.len == 0) {
		e->out[R_ASSESSOR].p = assessors[0];
		e->out[R_ASSESSOR].len = strlen(assessors[0]);
		return 0;
	}
	for (i = 0; i < sizeof(assessors) / sizeof(assessors[0]); i++)
		if (strlen(assessors[i]) == f.len &&
		    strncasecmp(assessors[i], f.p, f.len) == 0) {
			e->out[R_ASSESSOR].p = assessors[i];
			e->out[R_ASSESSOR].len = f.len;
			return 0;
		}
	origin_error(o, R_ASSESSOR, "invalid assessor '%.*s' (expected "
	    "teacher, self, peer or system)", (int)f.len, f.p);
	return 1;
}

static int
check_probe(struct evidence *e, const struct rules *rules,
    const struct origin *o)
{
	struct field f;
	uint64_t count;
	double minutes;
	int bad = 0;

	if (field_trim(e->raw[R_MINUTES]).len > 0)
		bad += check_positive(e, R_MINUTES, rules, o, &minutes);
	f = field_trim(e->raw[R_ERRORS]);
	if (f.len > 0 && value_count(f, &count) != 0) {
		origin_error(o, R_ERRORS, "invalid count '%.*s' (expected a "
		    "whole number 0 or more)", (int)f.len, f.p);
		bad++;
	} else
		e->out[R_ERRORS] = f;
	return bad;
}

int
evidence_check(struct evidence *e, const struct rules *rules,
    const struct origin *o)
{
	int bad = 0, r;

	for (r = 0; r < NROLES; r++) {
		e->out[r].p = "";
		e->out[r].len = 0;
		e->owned[r] = NULL;
	}
	if (field_trim(e->raw[R_SCORE]).len == 0)
		return EVIDENCE_UNSCORED;
	e->out[R_RECORD_ID] = field_trim(e->raw[R_RECORD_ID]);
	bad += check_time(e, rules, o);
	bad += check_id(e, R_STUDENT_ID, 1, o);
	bad += check_id(e, R_GOAL_ID, 1, o);
	bad += check_known(e, rules, o);
	bad += check_score(e, rules, o);
	bad += check_assessor(e, o);
	bad += check_id(e, R_ACTIVITY_ID, 0, o);
	bad += check_id(e, R_CRITERION, 0, o);
	bad += check_probe(e, rules, o);
	bad += check_id(e, R_RECORDED_BY, 0, o);
	bad += check_id(e, R_VOIDS, 0, o);
	e->out[R_NOTE] = e->raw[R_NOTE];
	return bad;
}

void
evidence_clear(struct evidence *e)
{
	int r;

	for (r = 0; r < NROLES; r++) {
		free(e->owned[r]);
		e->owned[r] = NULL;
	}
}
