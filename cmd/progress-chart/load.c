/* goalkit: see LICENSE. Reading the tables progress-chart draws from. */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader.h"
#include "util.h"
#include "value.h"
#include "chart.h"

/* A mastery table row kept until every student and goal is known. */
struct mrow {
	size_t	 student;
	size_t	 goal;
	size_t	 line;
	size_t	 input;		/* index into chart.inputs */
	struct cell cell;
	int	 has_mastered_order; /* mastered_time is an order key */
	double	 mastered_order;
};

/* Evidence kept with what voiding needs, until chart_finish(). */
struct erow {
	struct point pt;
	size_t	 record;	/* record_id index, or NOINDEX */
	int	 untimed;	/* from an input without calendar times */
	int	 has_order;	/* pt.day holds an integer order key */
	int	 criterion;	/* scored on one rubric criterion, with a time */
	int	 merged;	/* folded into another row of its lesson */
	double	 max;		/* maximum score, for merging criteria */
};

/* Kind of the times in one evidence log, decided by its first row. */
enum time_kind {
	TIME_UNKNOWN,
	TIME_CALENDAR,		/* ISO 8601 or --date-format times */
	TIME_ORDER		/* whole numbers such as an order_id */
};

static struct mrow *mrows;
static size_t nmrows, mrows_cap;
static struct erow *erows;
static size_t nerows, erows_cap;
static struct strmap record_ids;	/* record_id -> index */
static struct strmap voided_ids;	/* record ids named in voids */
static size_t students_cap;

/*
 * Rows of the input being read that were skipped because the roster or
 * the goal map lacks their student or goal.
 */
struct unknown_ids {
	size_t	 rows;
	size_t	 line;		/* of the first such row */
	char	*id;		/* the first such id, owned */
};
static struct unknown_ids unknown_students, unknown_goals;

static const char *const status_names[NSTATUS] = {
	"mastered", "progressing", "stalled", "slipped", "not-started"
};

const char *
status_name(int status)
{
	return status_names[status];
}

void
chart_init(struct chart *c, const struct table_opts *o, double threshold)
{
	memset(c, 0, sizeof(*c));
	c->opts = o;
	/* goalkit's own tables keep their standard column names. */
	c->side_opts = *o;
	c->side_opts.map = NULL;
	c->side_opts.nmap = 0;
	c->threshold = threshold;
	c->have_times = 1;
	strmap_init(&c->students);
	strmap_init(&c->goals);
	strmap_init(&c->activities);
	strmap_init(&record_ids);
	strmap_init(&voided_ids);
}

const char *
goal_id(const struct chart *c, size_t g)
{
	return strmap_key(&c->goals, g);
}

const char *
student_id(const struct chart *c, size_t s)
{
	return strmap_key(&c->students, s);
}

const char *
activity_id(const struct chart *c, size_t a)
{
	return a == NOINDEX ? "" : strmap_key(&c->activities, a);
}

int
goal_is_core(const struct chart *c, size_t g)
{
	return c->gm == NULL || c->gm->goals[g].scope == SCOPE_CORE;
}

/* Days since 1970-01-01 as YYYY-MM-DD. */
void
format_day(double day, char *buf, size_t size)
{
	struct gktime t;

	memset(&t, 0, sizeof(t));
	t.secs = (int64_t)floor(day) * 86400;
	gktime_format(&t, buf, size);
}

static void
add_input(struct chart *c, const char *path)
{
	c->inputs = xreallocarray(c->inputs, c->ninputs + 1,
	    sizeof(*c->inputs));
	c->inputs[c->ninputs++] = xstrdup(display_name(path));
}

static struct reader *
open_or_die(struct chart *c, const char *path, const struct table_opts *o)
{
	struct reader *r;

	if ((r = reader_open(path, o)) == NULL)
		die(EXIT_TROUBLE, "%s: %s", display_name(path),
		    strerror(errno));
	add_input(c, path);
	return r;
}

/*
 * Report a reader failure: an I/O error ends the program, malformed CSV
 * is a data error in that file.
 */
static void
reader_failed(struct reader *r)
{
	reader_report_error(r);
}

/* Intern a student id, growing the per-student arrays with it. */
static size_t
add_student(struct chart *c, struct field id, int *added)
{
	size_t s;

	s = strmap_intern(&c->students, id.p, id.len, added);
	if (!*added)
		return s;
	if (s >= students_cap) {
		students_cap = students_cap ? 2 * students_cap : 64;
		c->grade = xreallocarray(c->grade, students_cap,
		    sizeof(*c->grade));
		c->group = xreallocarray(c->group, students_cap,
		    sizeof(*c->group));
	}
	c->grade[s] = xstrdup("");
	c->group[s] = xstrdup("");
	return s;
}

size_t
chart_add_student(struct chart *c, const char *id, int *added)
{
	struct field f;

	f.p = id;
	f.len = strlen(id);
	return add_student(c, f, added);
}

static void
note_unknown(struct unknown_ids *u, size_t line, struct field id)
{
	if (u->rows++ > 0)
		return;
	u->line = line;
	u->id = field_dup(id);
}

/*
 * Warn once about the rows of r skipped for ids that are not in the
 * roster or goal map, as mastery-calc and suggest-activity go on past
 * them: a student who left the class or a goal dropped from the map
 * should not stop a nightly report.
 */
static void
warn_unknown(const struct reader *r, struct unknown_ids *u,
    const char *column, const char *what)
{
	if (u->rows > 0)
		diag_warn(reader_name(r), 0, "%s: skipped %zu row%s on %s, "
		    "such as '%s' on line %zu", column, u->rows,
		    u->rows == 1 ? "" : "s", what, u->id, u->line);
	free(u->id);
	memset(u, 0, sizeof(*u));
}

static void
warn_unknown_ids(const struct reader *r)
{
	warn_unknown(r, &unknown_students, "student_id",
	    "students not in the roster");
	warn_unknown(r, &unknown_goals, "goal_id", "goals not in the goal map");
}

/*
 * The student of a row: with a roster only its students are known.
 * Return NOINDEX after reporting an empty id or noting an unknown one.
 */
static size_t
row_student(struct chart *c, const struct reader *r, size_t line,
    struct field f)
{
	size_t s;
	int added;

	f = field_trim(f);
	if (f.len == 0) {
		diag_error(reader_name(r), line, "student_id: empty id");
		return NOINDEX;
	}
	if (c->roster) {
		if (strmap_get(&c->students, f.p, f.len, &s))
			return s;
		note_unknown(&unknown_students, line, f);
		return NOINDEX;
	}
	return add_student(c, f, &added);
}

/* The goal of a row: with a goal map only its goals are known. */
static size_t
row_goal(struct chart *c, const struct reader *r, size_t line,
    struct field f)
{
	size_t g;

	f = field_trim(f);
	if (f.len == 0) {
		diag_error(reader_name(r), line, "goal_id: empty id");
		return NOINDEX;
	}
	if (c->gm == NULL)
		return strmap_intern(&c->goals, f.p, f.len, NULL);
	if (strmap_get(&c->goals, f.p, f.len, &g))
		return g;
	note_unknown(&unknown_goals, line, f);
	return NOINDEX;
}

int
chart_load_goalmap(struct chart *c, const char *path)
{
	size_t i;

	c->gm = xcalloc(1, sizeof(*c->gm));
	goalmap_load_or_exit(c->gm, path, &c->side_opts);
	add_input(c, path);
	for (i = 0; i < c->gm->n; i++)
		strmap_intern(&c->goals, c->gm->goals[i].id,
		    strlen(c->gm->goals[i].id), NULL);
	return 0;
}

int
chart_load_roster(struct chart *c, const char *path)
{
	struct reader *r;
	struct record *rec;
	struct field id;
	size_t cid, cgrade, cgroup, s;
	int bad = 0, added, n;

	r = open_or_die(c, path, &c->side_opts);
	cid = reader_want(r, "student_id", 1, &bad);
	cgrade = reader_want(r, "grade", 0, &bad);
	cgroup = reader_want(r, "group", 0, &bad);
	if (bad) {
		reader_close(r);
		return -1;
	}
	while ((n = reader_next(r, &rec)) > 0) {
		id = field_trim(rec_field(rec, cid));
		if (id.len == 0) {
			diag_error(reader_name(r), rec->line,
			    "student_id: empty id");
			continue;
		}
		s = add_student(c, id, &added);
		if (!added) {
			diag_error(reader_name(r), rec->line, "student_id: "
			    "duplicate student '%s'", student_id(c, s));
			continue;
		}
		free(c->grade[s]);
		free(c->group[s]);
		c->grade[s] = field_dup(field_trim(rec_field(rec, cgrade)));
		c->group[s] = field_dup(field_trim(rec_field(rec, cgroup)));
	}
	if (n < 0)
		reader_failed(r);
	c->roster = 1;
	reader_close(r);
	return n < 0 ? -1 : 0;
}

/*
 * Parse a whole number of at most 18 digits with an optional sign, such
 * as an order_id that mastery-calc orders evidence by and copies into
 * the time columns of its mastery table.  Return -1 when f is not one.
 */
static int
parse_order(struct field f, double *out)
{
	char buf[24];
	size_t i;

	f = field_trim(f);
	i = f.len > 0 && (f.p[0] == '-' || f.p[0] == '+') ? 1 : 0;
	if (i == f.len || f.len - i > 18)
		return -1;
	for (; i < f.len; i++)
		if (f.p[i] < '0' || f.p[i] > '9')
			return -1;
	memcpy(buf, f.p, f.len);
	buf[f.len] = '\0';
	*out = (double)strtoll(buf, NULL, 10);
	return 0;
}

/*
 * Parse f as an order key: a whole number that is not a time of
 * --date-format, as 20260105 is under %Y%m%d.  Return -1 otherwise.
 */
static int
parse_order_key(const struct chart *c, struct field f, double *out)
{
	struct gktime t;

	if (c->opts->date_format != NULL &&
	    value_time(f, c->opts->date_format, &t) == 0)
		return -1;
	return parse_order(f, out);
}

/* The forms of time accepted, for messages. */
static const char *
time_forms(const struct chart *c)
{
	return c->opts->date_format != NULL ? c->opts->date_format :
	    value_time_forms;
}

/* Parse an optional proportion 0..1; return -1 after reporting. */
static int
read_proportion(const struct chart *c, const struct reader *r, size_t line,
    const char *column, struct field f, double *out)
{
	if (value_number(f, c->opts->decimal_comma, out, NULL) < 0 ||
	    *out < 0 || *out > 1) {
		diag_error(reader_name(r), line, "%s: invalid proportion '%s' "
		    "(expected a number from 0 to 1)", column, f.p);
		return -1;
	}
	return 0;
}

/* Columns of a mastery table. */
struct mcols {
	size_t	 student, goal, status, estimate, threshold, evidence;
	size_t	 mastered, stalled;
};

static int
parse_status(struct field f)
{
	int i;

	f = field_trim(f);
	for (i = 0; i < NSTATUS; i++)
		if (f.len == strlen(status_names[i]) &&
		    strncasecmp(f.p, status_names[i], f.len) == 0)
			return i;
	return -1;
}

/* Fill m->cell from the optional columns; return -1 after reporting. */
static int
mastery_details(struct chart *c, const struct reader *r,
    const struct record *rec, const struct mcols *k, struct mrow *m)
{
	struct field f;
	struct gktime t;
	uint64_t count;
	double v;

	f = field_trim(rec_field(rec, k->estimate));
	if (f.len > 0) {
		if (read_proportion(c, r, rec->line, "estimate", f, &v) < 0)
			return -1;
		m->cell.estimate = (float)v;
		m->cell.has_estimate = 1;
	}
	f = field_trim(rec_field(rec, k->threshold));
	m->cell.threshold = -1;
	if (f.len > 0) {
		if (read_proportion(c, r, rec->line, "threshold", f, &v) < 0)
			return -1;
		m->cell.threshold = (float)v;
	}
	f = field_trim(rec_field(rec, k->evidence));
	if (f.len > 0 && value_count(f, &count) == 0)
		m->cell.evidence = count > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)count;
	f = field_trim(rec_field(rec, k->mastered));
	if (f.len > 0 && parse_order_key(c, f, &m->mastered_order) == 0)
		m->has_mastered_order = 1;
	else if (f.len > 0) {
		if (value_time(f, c->opts->date_format, &t) < 0) {
			diag_error(reader_name(r), rec->line, "mastered_time: "
			    "invalid time '%s' (expected %s)", f.p,
			    time_forms(c));
			return -1;
		}
		m->cell.mastered_day = (int32_t)floor(gktime_days(&t));
	}
	f = field_trim(rec_field(rec, k->stalled));
	if (f.len > 0)
		m->cell.stalled_activity = strmap_intern(&c->activities, f.p,
		    f.len, NULL);
	return 0;
}

static void
mastery_row(struct chart *c, const struct reader *r, const struct record *rec,
    const struct mcols *k)
{
	struct mrow m;
	struct field f;
	int status;

	memset(&m, 0, sizeof(m));
	m.line = rec->line;
	m.input = c->ninputs - 1;
	m.cell.mastered_day = NODAY;
	m.cell.stalled_activity = NOINDEX;
	if ((m.student = row_student(c, r, rec->line,
	    rec_field(rec, k->student))) == NOINDEX)
		return;
	if ((m.goal = row_goal(c, r, rec->line,
	    rec_field(rec, k->goal))) == NOINDEX)
		return;
	f = rec_field(rec, k->status);
	if ((status = parse_status(f)) < 0) {
		diag_error(reader_name(r), rec->line, "status: unknown status "
		    "'%s' (expected mastered, progressing, stalled, slipped "
		    "or not-started)", f.p);
		return;
	}
	m.cell.status = (unsigned char)status;
	if (mastery_details(c, r, rec, k, &m) < 0)
		return;
	if (nmrows == mrows_cap) {
		mrows_cap = mrows_cap ? 2 * mrows_cap : 256;
		mrows = xreallocarray(mrows, mrows_cap, sizeof(*mrows));
	}
	mrows[nmrows++] = m;
}

/*
 * Find the column of ROLE in a main input like reader_column().  When -c
 * maps ROLE to a name the file lacks but the file has ROLE itself, that
 * column is read, so a mastery table written by mastery-calc can be given
 * beside an evidence log with its own names.
 */
static int
find_column(const struct chart *c, const struct reader *r, const char *role,
    size_t *idx)
{
	const struct record *h;
	size_t i;
	int found;

	if ((found = reader_column(r, role, idx)) != 0 ||
	    strcasecmp(table_column_name(c->opts, role), role) == 0)
		return found;
	h = reader_header(r);
	for (i = 0; i < h->nfields; i++)
		if (strcasecmp(h->fields[i].p, role) == 0) {
			*idx = i;
			return 1;
		}
	return 0;
}

/* Like reader_want(), with the fallback of find_column(). */
static size_t
want_column(const struct chart *c, const struct reader *r, const char *role,
    int required, int *bad)
{
	size_t idx;

	if (find_column(c, r, role, &idx) == 1)
		return idx;
	return reader_want(r, role, required, bad);
}

static int
load_mastery(struct chart *c, struct reader *r)
{
	struct record *rec;
	struct mcols k;
	int bad = 0, n;

	k.student = want_column(c, r, "student_id", 1, &bad);
	k.goal = want_column(c, r, "goal_id", 1, &bad);
	k.status = want_column(c, r, "status", 1, &bad);
	k.estimate = want_column(c, r, "estimate", 0, &bad);
	k.threshold = want_column(c, r, "threshold", 0, &bad);
	k.evidence = want_column(c, r, "evidence", 0, &bad);
	k.mastered = want_column(c, r, "mastered_time", 0, &bad);
	k.stalled = want_column(c, r, "stalled_activity", 0, &bad);
	if (bad)
		return -1;
	c->have_mastery = 1;
	while ((n = reader_next(r, &rec)) > 0)
		mastery_row(c, r, rec, &k);
	if (n < 0)
		reader_failed(r);
	warn_unknown_ids(r);
	return n < 0 ? -1 : 0;
}

/* Columns of an evidence log. */
struct ecols {
	size_t	 time, student, goal, score, max, assessor, activity;
	size_t	 minutes, errors, record, voids, criterion;
	enum time_kind time_kind;
	size_t	 skipped;	/* rows without a score */
};

static int
parse_assessor(struct field f)
{
	f = field_trim(f);
	if (f.len == 0 || field_eq(f, "teacher"))
		return 't';
	if (field_eq(f, "self"))
		return 's';
	if (field_eq(f, "peer"))
		return 'p';
	if (field_eq(f, "system"))
		return 'y';
	return -1;
}

/*
 * The day of an evidence row; return -1 after reporting.  As in
 * mastery-calc, the first row of a log decides whether its times are
 * calendar times or whole numbers that only order the evidence.
 */
static int
evidence_day(struct chart *c, const struct reader *r,
    const struct record *rec, struct ecols *k, struct erow *e)
{
	struct field f;
	struct gktime t;
	double order;

	if (k->time == NOCOL) {
		e->untimed = 1;
		return 0;
	}
	f = field_trim(rec_field(rec, k->time));
	if (k->time_kind == TIME_UNKNOWN && f.len > 0)
		k->time_kind = parse_order_key(c, f, &order) == 0 ? TIME_ORDER :
		    TIME_CALENDAR;
	if (k->time_kind == TIME_ORDER) {
		if (parse_order(f, &order) < 0) {
			diag_error(reader_name(r), rec->line, "time: invalid "
			    "order '%s' (expected a whole number, as in the "
			    "first row)", rec_field(rec, k->time).p);
			return -1;
		}
		e->untimed = 1;
		e->has_order = 1;
		e->pt.day = order;
		return 0;
	}
	if (value_time(f, c->opts->date_format, &t) < 0) {
		diag_error(reader_name(r), rec->line, "time: invalid time "
		    "'%s' (expected %s)", rec_field(rec, k->time).p,
		    time_forms(c));
		return -1;
	}
	e->pt.day = gktime_days(&t);
	return 0;
}

/*
 * Score and maximum as a proportion and a count, after the timing is
 * read; -1 after reporting.
 */
static int
evidence_score(struct chart *c, const struct reader *r,
    const struct record *rec, const struct ecols *k, double max_score,
    struct erow *e)
{
	struct field f;
	double score, max = max_score, errors;
	int percent;

	f = field_trim(rec_field(rec, k->max));
	if (f.len > 0 && (value_number(f, c->opts->decimal_comma, &max,
	    NULL) < 0 || max <= 0)) {
		diag_error(reader_name(r), rec->line, "max_score: invalid "
		    "maximum '%s' (expected a number above 0)", f.p);
		return -1;
	}
	f = field_trim(rec_field(rec, k->score));
	if (value_number(f, c->opts->decimal_comma, &score, &percent) < 0) {
		diag_error(reader_name(r), rec->line, "score: invalid number "
		    "'%s'", f.p);
		return -1;
	}
	e->pt.count = score;
	/* A timed probe's score is a count: its proportion is the accuracy. */
	if (e->pt.minutes > 0) {
		if (score < 0) {
			diag_error(reader_name(r), rec->line, "score: invalid "
			    "count '%s' (expected 0 or more)", f.p);
			return -1;
		}
		errors = e->pt.errors > 0 ? e->pt.errors : 0;
		e->pt.proportion = score + errors > 0 ? score /
		    (score + errors) : 0;
		return 0;
	}
	if (percent)
		max = 100;
	if (score < 0 || score > max) {
		/* A count of a timed probe whose minutes were left out. */
		diag_error(reader_name(r), rec->line, "score: invalid score "
		    "'%s' (allowed 0 to %g%s)", f.p, max, k->minutes != NOCOL &&
		    score > max ? ", or give the minutes of a timed count" :
		    "");
		return -1;
	}
	e->pt.proportion = score / max;
	e->max = max;
	return 0;
}

/* Minutes and errors of a timed probe; -1 after reporting. */
static int
evidence_timing(struct chart *c, const struct reader *r,
    const struct record *rec, const struct ecols *k, struct erow *e)
{
	struct field f;

	e->pt.errors = -1;
	f = field_trim(rec_field(rec, k->minutes));
	if (f.len > 0 && (value_number(f, c->opts->decimal_comma,
	    &e->pt.minutes, NULL) < 0 || e->pt.minutes <= 0)) {
		diag_error(reader_name(r), rec->line, "minutes: invalid length "
		    "'%s' (expected a number above 0)", f.p);
		return -1;
	}
	f = field_trim(rec_field(rec, k->errors));
	if (f.len > 0 && (value_number(f, c->opts->decimal_comma,
	    &e->pt.errors, NULL) < 0 || e->pt.errors < 0)) {
		diag_error(reader_name(r), rec->line, "errors: invalid count "
		    "'%s' (expected a number, 0 or more)", f.p);
		return -1;
	}
	return 0;
}

static void
evidence_row(struct chart *c, const struct reader *r, const struct record *rec,
    struct ecols *k, double max_score)
{
	struct erow e;
	struct field f;
	int assessor;

	/* A voiding record is dropped; only the id it names is kept. */
	f = field_trim(rec_field(rec, k->voids));
	if (f.len > 0) {
		strmap_intern(&voided_ids, f.p, f.len, NULL);
		return;
	}
	if (field_trim(rec_field(rec, k->score)).len == 0) {
		k->skipped++;
		return;
	}
	memset(&e, 0, sizeof(e));
	e.pt.seq = nerows;
	e.pt.activity = NOINDEX;
	e.record = NOINDEX;
	if ((e.pt.student = row_student(c, r, rec->line,
	    rec_field(rec, k->student))) == NOINDEX)
		return;
	if ((e.pt.goal = row_goal(c, r, rec->line,
	    rec_field(rec, k->goal))) == NOINDEX)
		return;
	if (evidence_day(c, r, rec, k, &e) < 0 ||
	    evidence_timing(c, r, rec, k, &e) < 0 ||
	    evidence_score(c, r, rec, k, max_score, &e) < 0)
		return;
	f = rec_field(rec, k->assessor);
	if ((assessor = parse_assessor(f)) < 0) {
		diag_error(reader_name(r), rec->line, "assessor: unknown "
		    "assessor '%s' (expected teacher, self, peer or system)",
		    f.p);
		return;
	}
	e.pt.assessor = (char)assessor;
	f = field_trim(rec_field(rec, k->activity));
	if (f.len > 0)
		e.pt.activity = strmap_intern(&c->activities, f.p, f.len, NULL);
	f = field_trim(rec_field(rec, k->record));
	if (f.len > 0)
		e.record = strmap_intern(&record_ids, f.p, f.len, NULL);
	/*
	 * A row scored on one rubric criterion, with a time and no minutes,
	 * is merged later with the other criteria of its lesson.
	 */
	e.criterion = k->time != NOCOL && e.pt.minutes == 0 &&
	    field_trim(rec_field(rec, k->criterion)).len > 0;
	if (nerows == erows_cap) {
		erows_cap = erows_cap ? 2 * erows_cap : 1024;
		erows = xreallocarray(erows, erows_cap, sizeof(*erows));
	}
	erows[nerows++] = e;
}

static int
load_evidence(struct chart *c, struct reader *r, double max_score)
{
	struct record *rec;
	struct ecols k;
	int bad = 0, n;

	memset(&k, 0, sizeof(k));
	k.time = want_column(c, r, "time", 0, &bad);
	k.student = want_column(c, r, "student_id", 1, &bad);
	k.goal = want_column(c, r, "goal_id", 1, &bad);
	k.score = want_column(c, r, "score", 1, &bad);
	k.max = want_column(c, r, "max_score", 0, &bad);
	k.assessor = want_column(c, r, "assessor", 0, &bad);
	k.activity = want_column(c, r, "activity_id", 0, &bad);
	k.minutes = want_column(c, r, "minutes", 0, &bad);
	k.errors = want_column(c, r, "errors", 0, &bad);
	k.record = want_column(c, r, "record_id", 0, &bad);
	k.voids = want_column(c, r, "voids", 0, &bad);
	k.criterion = want_column(c, r, "criterion", 0, &bad);
	if (bad)
		return -1;
	c->have_evidence = 1;
	while ((n = reader_next(r, &rec)) > 0)
		evidence_row(c, r, rec, &k, max_score);
	if (n < 0)
		reader_failed(r);
	warn_unknown_ids(r);
	if (k.skipped > 0)
		diag_warn(reader_name(r), 0, "score: skipped %zu row%s not "
		    "assessed yet (empty score)", k.skipped,
		    k.skipped == 1 ? "" : "s");
	return n < 0 ? -1 : 0;
}

/*
 * Read a mastery table or an evidence log, recognised by its columns
 * because a mastery table has status and an evidence log has score.  An
 * empty input adds nothing.
 */
int
chart_load_table(struct chart *c, const char *path, double max_score)
{
	struct reader *r;
	struct record *rec;
	size_t idx;
	int ret = 0, n;

	r = open_or_die(c, path, c->opts);
	if (reader_header(r)->nfields == 0) {
		if ((n = reader_next(r, &rec)) < 0)
			reader_failed(r);
		reader_close(r);
		return n < 0 ? -1 : 0;
	}
	if (find_column(c, r, "status", &idx) != 0)
		ret = load_mastery(c, r);
	else if (find_column(c, r, "score", &idx) != 0)
		ret = load_evidence(c, r, max_score);
	else {
		diag_error(reader_name(r), reader_header(r)->line, "neither a "
		    "mastery table (no status column) nor an evidence log (no "
		    "score column)");
		ret = -1;
	}
	reader_close(r);
	return ret;
}

/* Columns of a suggestions table. */
struct scols {
	size_t	 student, rank, goal, activity, type, choice, fit, reason;
};

static void
suggestion_row(struct chart *c, const struct reader *r,
    const struct record *rec, const struct scols *k)
{
	struct suggestion sg;
	struct field f;
	uint64_t rank;
	double fit;

	memset(&sg, 0, sizeof(sg));
	if ((sg.student = row_student(c, r, rec->line,
	    rec_field(rec, k->student))) == NOINDEX)
		return;
	if (row_goal(c, r, rec->line, rec_field(rec, k->goal)) == NOINDEX)
		return;
	f = field_trim(rec_field(rec, k->rank));
	sg.rank = 0;
	if (f.len > 0) {
		if (value_count(f, &rank) < 0 || rank > 1000000) {
			diag_error(reader_name(r), rec->line, "rank: invalid "
			    "rank '%s'", f.p);
			return;
		}
		sg.rank = (long)rank;
	}
	sg.fit = -1;
	f = field_trim(rec_field(rec, k->fit));
	if (f.len > 0 && value_number(f, c->opts->decimal_comma, &fit,
	    NULL) == 0)
		sg.fit = fit;
	sg.seq = c->nsugg;
	sg.goal = field_dup(field_trim(rec_field(rec, k->goal)));
	sg.activity = field_dup(field_trim(rec_field(rec, k->activity)));
	sg.type = field_dup(field_trim(rec_field(rec, k->type)));
	sg.choice = field_dup(field_trim(rec_field(rec, k->choice)));
	sg.reason = field_dup(field_trim(rec_field(rec, k->reason)));
	c->sugg = xreallocarray(c->sugg, c->nsugg + 1, sizeof(*c->sugg));
	c->sugg[c->nsugg++] = sg;
}

int
chart_load_suggestions(struct chart *c, const char *path)
{
	struct reader *r;
	struct record *rec;
	struct scols k;
	int bad = 0, n;

	r = open_or_die(c, path, &c->side_opts);
	if (reader_header(r)->nfields == 0) {
		reader_close(r);
		return 0;
	}
	k.student = reader_want(r, "student_id", 1, &bad);
	k.goal = reader_want(r, "goal_id", 1, &bad);
	k.rank = reader_want(r, "rank", 0, &bad);
	k.activity = reader_want(r, "activity_id", 0, &bad);
	k.type = reader_want(r, "type", 0, &bad);
	k.choice = reader_want(r, "choice", 0, &bad);
	k.fit = reader_want(r, "fit", 0, &bad);
	k.reason = reader_want(r, "reason", 0, &bad);
	if (bad) {
		reader_close(r);
		return -1;
	}
	while ((n = reader_next(r, &rec)) > 0)
		suggestion_row(c, r, rec, &k);
	if (n < 0)
		reader_failed(r);
	warn_unknown_ids(r);
	reader_close(r);
	return n < 0 ? -1 : 0;
}

/*
 * Compare ids with runs of digits taken as numbers, so ARG.2 comes before
 * ARG.10 and S9 before S10.  Equal numbers with more leading zeros sort
 * later, so distinct ids never compare equal.
 */
static int
idcmp(const char *a, const char *b)
{
	size_t na, nb, za, zb;

	while (*a != '\0' && *b != '\0') {
		if (!(*a >= '0' && *a <= '9') || !(*b >= '0' && *b <= '9')) {
			if (*a != *b)
				return (unsigned char)*a - (unsigned char)*b;
			a++, b++;
			continue;
		}
		for (za = 0; a[za] == '0'; za++)
			continue;
		for (zb = 0; b[zb] == '0'; zb++)
			continue;
		for (na = za; a[na] >= '0' && a[na] <= '9'; na++)
			continue;
		for (nb = zb; b[nb] >= '0' && b[nb] <= '9'; nb++)
			continue;
		if (na - za != nb - zb)
			return na - za < nb - zb ? -1 : 1;
		if (memcmp(a + za, b + zb, na - za) != 0)
			return memcmp(a + za, b + zb, na - za);
		if (za != zb)
			return za < zb ? -1 : 1;
		a += na, b += nb;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static const struct strmap *sort_map;

static int
cmp_by_id(const void *x, const void *y)
{
	return idcmp(strmap_key(sort_map, *(const size_t *)x),
	    strmap_key(sort_map, *(const size_t *)y));
}

/* Indexes 0..n-1, sorted by id unless keep_order is set. */
static size_t *
make_order(const struct strmap *m, size_t n, int keep_order)
{
	size_t *order, i;

	order = xcalloc(n, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	if (!keep_order) {
		sort_map = m;
		qsort(order, n, sizeof(*order), cmp_by_id);
	}
	return order;
}

static int
cmp_points(const void *x, const void *y)
{
	const struct point *a = x, *b = y;

	if (a->student != b->student)
		return a->student < b->student ? -1 : 1;
	if (a->goal != b->goal)
		return a->goal < b->goal ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
cmp_suggestions(const void *x, const void *y)
{
	const struct suggestion *a = x, *b = y;

	if (a->student != b->student)
		return a->student < b->student ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
cmp_keys(const void *x, const void *y)
{
	const struct point *a = x, *b = y;

	if (a->student != b->student)
		return a->student < b->student ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Number each student's evidence 1, 2, ... in the order of its keys, so
 * that charts without dates space it evenly: order keys such as an
 * order_id count across all students and leave large gaps.
 */
static void
number_points(struct chart *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->npoints; i++)
		c->points[i].key = c->points[i].day;
	qsort(c->points, c->npoints, sizeof(*c->points), cmp_keys);
	for (i = 0; i < c->npoints; i++) {
		if (i == 0 || c->points[i].student != c->points[i - 1].student)
			n = 0;
		c->points[i].day = (double)++n;
	}
}

static int
is_voided(const struct erow *e)
{
	const char *id;
	size_t v;

	if (e->record == NOINDEX)
		return 0;
	id = strmap_key(&record_ids, e->record);
	return strmap_get(&voided_ids, id, strlen(id), &v);
}

/* Order criterion rows by lesson, then by input position. */
static int
cmp_lessons(const void *x, const void *y)
{
	const struct point *a = &erows[*(const size_t *)x].pt;
	const struct point *b = &erows[*(const size_t *)y].pt;

	if (a->student != b->student)
		return a->student < b->student ? -1 : 1;
	if (a->goal != b->goal)
		return a->goal < b->goal ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->activity != b->activity)
		return a->activity < b->activity ? -1 : 1;
	if (a->assessor != b->assessor)
		return a->assessor < b->assessor ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
same_lesson(const struct point *a, const struct point *b)
{
	return a->student == b->student && a->goal == b->goal &&
	    a->day == b->day && a->activity == b->activity &&
	    a->assessor == b->assessor;
}

/*
 * Merge the rows of one lesson scored per rubric criterion (same student,
 * goal, time, activity and assessor) that no record voids into their
 * first row.  Its proportion is the sum of the scores over the sum of the
 * maximums, as in mastery-calc.
 */
static void
merge_criteria(void)
{
	struct erow *first, *e;
	size_t *idx, i, j, n = 0;
	double score, max;

	idx = xcalloc(nerows + 1, sizeof(*idx));
	for (i = 0; i < nerows; i++)
		if (erows[i].criterion && !is_voided(&erows[i]))
			idx[n++] = i;
	qsort(idx, n, sizeof(*idx), cmp_lessons);
	for (i = 0; i < n; i = j) {
		first = &erows[idx[i]];
		score = first->pt.count;
		max = first->max;
		for (j = i + 1; j < n; j++) {
			e = &erows[idx[j]];
			if (!same_lesson(&first->pt, &e->pt))
				break;
			score += e->pt.count;
			max += e->max;
			e->merged = 1;
		}
		first->pt.count = score;
		first->pt.proportion = score / max;
	}
	free(idx);
}

/*
 * Keep the evidence no record voids, without the voiding records
 * themselves, as points sorted by student, goal and time.  The criteria
 * of one lesson make one point.
 */
static void
finish_points(struct chart *c)
{
	size_t i;
	int untimed = 0;

	for (i = 0; i < nerows; i++)
		if (erows[i].untimed)
			untimed = 1;
	c->have_times = !untimed;
	merge_criteria();
	c->points = xcalloc(nerows + 1, sizeof(*c->points));
	for (i = 0; i < nerows; i++) {
		if (erows[i].merged || is_voided(&erows[i]))
			continue;
		c->points[c->npoints] = erows[i].pt;
		/* Without calendar times everywhere, order is all there is. */
		if (untimed && !erows[i].has_order)
			c->points[c->npoints].day = (double)erows[i].pt.seq;
		c->npoints++;
	}
	/*
	 * NOTE: a log with order keys given with another without times
	 * is ordered by keys and input positions mixed.
	 */
	if (untimed)
		number_points(c);
	if (c->npoints > 0)
		qsort(c->points, c->npoints, sizeof(*c->points), cmp_points);
}

/*
 * Without a mastery table, judge each pair by its latest teacher or
 * system score against the threshold, the way mastery-calc -m latest
 * does: mastered at or above it, slipped when below after being
 * mastered, else progressing.  Stalls are not detected here.
 */
static void
status_from_evidence(struct chart *c)
{
	const struct point *p;
	struct cell *cell;
	size_t i;

	for (i = 0; i < c->npoints; i++) {
		p = &c->points[i];
		cell = CELL(c, p->student, p->goal);
		if (p->assessor == 's' || p->assessor == 'p')
			continue;
		cell->evidence++;
		cell->estimate = (float)p->proportion;
		cell->has_estimate = 1;
		if (p->proportion >= cell->threshold) {
			if (cell->status != ST_MASTERED)
				cell->mastered_day = (int32_t)floor(p->day);
			cell->status = ST_MASTERED;
		} else if (cell->status == ST_MASTERED ||
		    cell->status == ST_SLIPPED)
			cell->status = ST_SLIPPED;
		else
			cell->status = ST_PROGRESSING;
	}
}

static void
init_cells(struct chart *c)
{
	struct cell *cell;
	double threshold;
	size_t s, g;

	c->cells = xcalloc(c->nstudents * c->ngoals + 1, sizeof(*c->cells));
	for (g = 0; g < c->ngoals; g++) {
		threshold = c->threshold;
		if (c->gm != NULL && c->gm->goals[g].threshold >= 0)
			threshold = c->gm->goals[g].threshold;
		for (s = 0; s < c->nstudents; s++) {
			cell = CELL(c, s, g);
			cell->status = ST_NOT_STARTED;
			cell->threshold = (float)threshold;
			cell->mastered_day = NODAY;
			cell->stalled_activity = NOINDEX;
		}
	}
}

/*
 * The evidence number of the point of student s on goal g whose order key
 * is key, or NODAY when the evidence read has none.
 */
static int32_t
order_to_number(const struct chart *c, size_t s, size_t g, double key)
{
	const struct point *p;
	size_t first, n, gfirst, gn, i;

	n = student_points(c, s, &first);
	p = c->points + first;
	gn = goal_points(c, p, n, g, &gfirst);
	for (i = gfirst; i < gfirst + gn; i++)
		if (p[i].key == key)
			return (int32_t)p[i].day;
	return NODAY;
}

/*
 * The day a mastery row gives in the units of point.day: a calendar day
 * when every piece of evidence has a time, else the number of the
 * evidence with the mastered order key.  A calendar day cannot be placed
 * among numbered evidence, nor an order key among days.
 */
static int32_t
mastered_day(const struct chart *c, const struct mrow *m)
{
	if (m->has_mastered_order)
		return c->have_times ? NODAY : order_to_number(c, m->student,
		    m->goal, m->mastered_order);
	return c->have_times ? m->cell.mastered_day : NODAY;
}

/* Put the mastery rows into their cells; a pair given twice is an error. */
static void
fill_cells(struct chart *c)
{
	unsigned char *seen;
	struct cell *cell;
	size_t i;

	seen = xcalloc(c->nstudents * c->ngoals + 1, 1);
	for (i = 0; i < nmrows; i++) {
		if (seen[mrows[i].student * c->ngoals + mrows[i].goal]++) {
			diag_error(c->inputs[mrows[i].input], mrows[i].line,
			    "duplicate row for student '%s' and goal '%s'",
			    student_id(c, mrows[i].student),
			    goal_id(c, mrows[i].goal));
			continue;
		}
		cell = CELL(c, mrows[i].student, mrows[i].goal);
		if (mrows[i].cell.threshold < 0)
			mrows[i].cell.threshold = cell->threshold;
		mrows[i].cell.mastered_day = mastered_day(c, &mrows[i]);
		*cell = mrows[i].cell;
	}
	free(seen);
}

void
chart_finish(struct chart *c)
{
	c->nstudents = c->students.n;
	c->ngoals = c->goals.n;
	c->student_order = make_order(&c->students, c->nstudents, c->roster);
	c->goal_order = make_order(&c->goals, c->ngoals, c->gm != NULL);
	finish_points(c);
	init_cells(c);
	fill_cells(c);
	if (!c->have_mastery)
		status_from_evidence(c);
	if (c->nsugg > 0)
		qsort(c->sugg, c->nsugg, sizeof(*c->sugg), cmp_suggestions);
	free(mrows);
	free(erows);
	mrows = NULL;
	erows = NULL;
	nmrows = nerows = 0;
	strmap_free(&record_ids);
	strmap_free(&voided_ids);
}

/* The points of student s: return their count and set *first. */
size_t
student_points(const struct chart *c, size_t s, size_t *first)
{
	size_t lo = 0, hi = c->npoints, mid, end;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->points[mid].student < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < c->npoints && c->points[end].student == s; end++)
		continue;
	*first = lo;
	return end - lo;
}

/* Among n points of one student, those on goal g: count, and *first. */
size_t
goal_points(const struct chart *c, const struct point *p, size_t n,
    size_t g, size_t *first)
{
	size_t i, end;

	(void)c;
	for (i = 0; i < n && p[i].goal < g; i++)
		continue;
	for (end = i; end < n && p[end].goal == g; end++)
		continue;
	*first = i;
	return end - i;
}

void
chart_free(struct chart *c)
{
	size_t i;

	for (i = 0; i < c->students.n; i++) {
		free(c->grade[i]);
		free(c->group[i]);
	}
	free(c->grade);
	free(c->group);
	for (i = 0; i < c->nsugg; i++) {
		free(c->sugg[i].goal);
		free(c->sugg[i].activity);
		free(c->sugg[i].type);
		free(c->sugg[i].choice);
		free(c->sugg[i].reason);
	}
	free(c->sugg);
	for (i = 0; i < c->ninputs; i++)
		free(c->inputs[i]);
	free(c->inputs);
	free(c->points);
	free(c->cells);
	free(c->student_order);
	free(c->goal_order);
	strmap_free(&c->students);
	strmap_free(&c->goals);
	strmap_free(&c->activities);
	if (c->gm != NULL) {
		goalmap_free(c->gm);
		free(c->gm);
	}
}
