/* goalkit: see LICENSE. Reading evidence logs into per-pair state. */

#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"
#include "util.h"
#include "value.h"

#include "mastery-calc.h"

/* Stamp forms, in the low two bits of a stamp. */
enum {
	FORM_DATE,
	FORM_CLOCK,
	FORM_OFFSET,
	FORM_INT
};

#define STAMP_LOW	16384	/* 2^14: offset (12 bits) and form (2 bits) */
#define OFFSET_BIAS	1440	/* offsets run from -23:59 to +23:59 */

/* Kinds of pass over the input. */
enum pass {
	PASS_FOLD,		/* update state, or keep every piece */
	PASS_FIND		/* find the records that are voided */
};

/* Column indexes of one evidence file. */
struct columns {
	size_t	 student, goal, score, max_score, time, assessor, activity;
	size_t	 minutes, errors, record, voids, criterion;
};

static const char *const assessor_names[AS_COUNT] = {
	"teacher", "self", "peer", "system"
};
static const size_t assessor_lens[AS_COUNT] = { 7, 4, 4, 6 };

int64_t
stamp_pack(int64_t secs, int offset_min, int form)
{
	return secs * STAMP_LOW + (int64_t)(((offset_min + OFFSET_BIAS) << 2) |
	    form);
}

static void
stamp_unpack(int64_t s, int64_t *secs, int *offset_min, int *form)
{
	int64_t low;

	low = ((s % STAMP_LOW) + STAMP_LOW) % STAMP_LOW;
	*secs = (s - low) / STAMP_LOW;
	*offset_min = (int)(low >> 2) - OFFSET_BIAS;
	*form = (int)(low & 3);
}

/*
 * Dates formatted lately, by day number modulo DATE_CACHE, one cache per
 * thread since the mastery table is written on two.
 */
#define DATE_CACHE	512
static __thread struct {
	int64_t	 day;
	size_t	 len;
	char	 text[16];
} date_cache[DATE_CACHE];

/*
 * Write the date of a local day count as YYYY-MM-DD into buf (16 bytes),
 * from a small cache because a table repeats the same days many times.
 * Return its length.
 */
static size_t
format_day(int64_t day, char *buf)
{
	struct gktime t;
	size_t k = (size_t)(day % DATE_CACHE + DATE_CACHE) % DATE_CACHE;

	if (date_cache[k].text[0] == '\0' || date_cache[k].day != day) {
		memset(&t, 0, sizeof(t));
		t.secs = day * 86400;
		gktime_format(&t, date_cache[k].text,
		    sizeof(date_cache[k].text));
		date_cache[k].day = day;
		date_cache[k].len = strlen(date_cache[k].text);
	}
	memcpy(buf, date_cache[k].text, sizeof(date_cache[k].text));
	return date_cache[k].len;
}

static char *
put_two(char *p, int v)
{
	*p++ = (char)('0' + v / 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/*
 * Write a stamp as gktime_format() would, or "" for STAMP_NONE, and
 * return its length.
 */
size_t
stamp_format(int64_t s, char *buf, size_t size)
{
	int64_t secs, local, day, rem;
	int offset, form, off;
	size_t len;
	char *p;

	buf[0] = '\0';
	if (s == STAMP_NONE || size < 32)
		return 0;
	stamp_unpack(s, &secs, &offset, &form);
	if (form == FORM_INT) {
		snprintf(buf, size, "%lld", (long long)secs);
		return strlen(buf);
	}
	local = secs + (form == FORM_OFFSET ? offset * 60 : 0);
	day = local / 86400;
	rem = local % 86400;
	if (rem < 0) {
		rem += 86400;
		day--;
	}
	len = format_day(day, buf);
	if (form == FORM_DATE)
		return len;
	p = buf + len;
	*p++ = 'T';
	p = put_two(p, (int)(rem / 3600));
	*p++ = ':';
	p = put_two(p, (int)(rem / 60 % 60));
	*p++ = ':';
	p = put_two(p, (int)(rem % 60));
	if (form == FORM_OFFSET) {
		off = offset;
		if (off == 0)
			*p++ = 'Z';
		else {
			*p++ = off < 0 ? '-' : '+';
			off = off < 0 ? -off : off;
			p = put_two(p, off / 60);
			*p++ = ':';
			p = put_two(p, off % 60);
		}
	}
	*p = '\0';
	return (size_t)(p - buf);
}

/* Calendar days of a date stamp, on the clock where it was written. */
double
stamp_days(int64_t s)
{
	struct gktime t;
	int64_t secs;
	int offset, form;

	stamp_unpack(s, &secs, &offset, &form);
	t.secs = secs;
	t.offset_min = form == FORM_OFFSET ? offset : 0;
	t.has_clock = form != FORM_DATE;
	t.has_offset = form == FORM_OFFSET;
	return gktime_days(&t);
}

/* Set *day to the calendar day of a date stamp; return -1 for others. */
int
stamp_day(int64_t s, int64_t *day)
{
	int64_t secs;
	int offset, form;

	if (s == STAMP_NONE)
		return -1;
	stamp_unpack(s, &secs, &offset, &form);
	if (form == FORM_INT)
		return -1;
	*day = (int64_t)floor(stamp_days(s));
	return 0;
}

/* Offset of standard input at start, to read it again from there. */
static off_t stdin_start;

/*
 * Make standard input readable more than once: a pipe or terminal is
 * copied into an unlinked temporary file that then becomes fd 0.  Voided
 * records are found by reading the input again.
 */
void
spool_stdin(void)
{
	struct stat st;
	char buf[65536];
	FILE *tmp;
	ssize_t n;

	if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
		stdin_start = lseek(STDIN_FILENO, 0, SEEK_CUR);
		if (stdin_start >= 0)
			return;
	}
	if ((tmp = tmpfile()) == NULL)
		die(EXIT_TROUBLE, "temporary file: %s", strerror(errno));
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die(EXIT_TROUBLE, "<stdin>: %s", strerror(errno));
		}
		if (fwrite(buf, 1, (size_t)n, tmp) != (size_t)n)
			die(EXIT_TROUBLE, "temporary file: %s",
			    strerror(errno));
	}
	if (fflush(tmp) != 0 || dup2(fileno(tmp), STDIN_FILENO) < 0)
		die(EXIT_TROUBLE, "temporary file: %s", strerror(errno));
	fclose(tmp);
	stdin_start = 0;
	clearerr(stdin);
	if (fseeko(stdin, 0, SEEK_SET) != 0)
		die(EXIT_TROUBLE, "<stdin>: %s", strerror(errno));
}

static void
grow_goals(struct book *b, size_t n)
{
	size_t old = b->goals_cap, i;

	if (n <= old)
		return;
	b->goals_cap = n > 2 * old ? n : 2 * old;
	b->goal_threshold = xreallocarray(b->goal_threshold, b->goals_cap,
	    sizeof(*b->goal_threshold));
	b->goal_aim = xreallocarray(b->goal_aim, b->goals_cap,
	    sizeof(*b->goal_aim));
	b->bkt = xreallocarray(b->bkt, b->goals_cap, sizeof(*b->bkt));
	for (i = old; i < b->goals_cap; i++) {
		b->goal_threshold[i] = b->cfg->threshold;
		b->goal_aim[i] = -1;
		bkt_defaults(&b->bkt[i]);
	}
}

/*
 * Intern a goal id.  A new goal gets the default threshold and aim, and
 * the BKT parameters given for it, if any.
 */
uint32_t
book_goal(struct book *b, const char *id, size_t len)
{
	size_t g, k;
	int added;

	g = strmap_intern(&b->goals, id, len, &added);
	grow_goals(b, g + 1);
	if (added && b->param_ids.n > 0 &&
	    strmap_get(&b->param_ids, id, len, &k))
		b->bkt[g] = b->params[k];
	return (uint32_t)g;
}

/* Keep BKT parameters for goal id, known yet or not. */
void
book_set_params(struct book *b, const char *id, size_t len,
    const struct bkt_params *m)
{
	size_t k, g;

	k = strmap_intern(&b->param_ids, id, len, NULL);
	b->params = xreallocarray(b->params, b->param_ids.n,
	    sizeof(*b->params));
	b->params[k] = *m;
	if (strmap_get(&b->goals, id, len, &g))
		b->bkt[g] = *m;
}

const char *
book_activity(const struct book *b, uint32_t activity)
{
	return activity == 0 ? "" : strmap_key(&b->activities, activity - 1);
}

void
book_init(struct book *b, struct config *cfg, struct goalmap *gm)
{
	size_t i;
	uint32_t g;

	memset(b, 0, sizeof(*b));
	b->cfg = cfg;
	b->gm = gm;
	strmap_init(&b->students);
	strmap_init(&b->goals);
	strmap_init(&b->activities);
	strmap_init(&b->voided);
	strmap_init(&b->param_ids);
	if (gm == NULL)
		return;

	/* Goals of the map come first, so goal i is the map's goal i. */
	for (i = 0; i < gm->n; i++) {
		g = book_goal(b, gm->goals[i].id, strlen(gm->goals[i].id));
		if (gm->goals[i].threshold >= 0 && cfg->method != M_BKT)
			b->goal_threshold[g] = gm->goals[i].threshold;
		b->goal_aim[g] = gm->goals[i].aim;
	}
}

void
book_free(struct book *b)
{
	strmap_free(&b->students);
	strmap_free(&b->goals);
	strmap_free(&b->activities);
	strmap_free(&b->voided);
	strmap_free(&b->param_ids);
	free(b->params);
	free(b->pairs);
	free(b->slots);
	free(b->ring);
	free(b->rstate);
	free(b->pieces);
	free(b->voided_seqs);
	free(b->spill_buf);
	free(b->sources);
	free(b->lessons);
	free(b->goal_threshold);
	free(b->goal_aim);
	free(b->bkt);
}

#if defined(__GNUC__)
#define PREFETCH(p)	__builtin_prefetch(p)
#else
#define PREFETCH(p)	((void)(p))
#endif

static float *
ring_at(const struct book *b, uint32_t pair)
{
	return b->ring + (size_t)pair * (size_t)b->cfg->stall_window;
}

static size_t
pair_hash(uint32_t student, uint32_t goal)
{
	uint64_t h;

	/* The splitmix64 finaliser spreads small ids over every bit. */
	h = (uint64_t)student << 32 | goal;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (size_t)h;
}

static void
rehash(struct book *b)
{
	struct slot *old = b->slots;
	size_t i, j, mask, oldn = b->nslots;

	b->nslots = b->nslots ? 2 * b->nslots : 1024;
	b->slots = xcalloc(b->nslots, sizeof(*b->slots));
	mask = b->nslots - 1;
	for (i = 0; i < oldn; i++) {
		if (old[i].pair == 0)
			continue;
		j = pair_hash(old[i].student, old[i].goal) & mask;
		while (b->slots[j].pair != 0)
			j = (j + 1) & mask;
		b->slots[j] = old[i];
	}
	free(old);
}

/*
 * Find the pair of (student, goal); create it when create is set.  The
 * slots hold the ids themselves, so a probe does not touch the pairs.
 */
static struct pair *
find_pair(struct book *b, uint32_t student, uint32_t goal, int create)
{
	struct pair *p;
	size_t j, mask, k;

	if (b->nslots == 0 && !create)
		return NULL;
	if (create && (b->npairs + 1) * 2 > b->nslots)
		rehash(b);
	mask = b->nslots - 1;
	j = pair_hash(student, goal) & mask;
	for (; b->slots[j].pair != 0; j = (j + 1) & mask)
		if (b->slots[j].student == student && b->slots[j].goal == goal)
			return &b->pairs[b->slots[j].pair - 1];
	if (!create)
		return NULL;
	if (b->npairs == UINT32_MAX - 1)
		die(EXIT_TROUBLE, "too many student-goal pairs");
	if (b->npairs == b->pairs_cap) {
		b->pairs_cap = b->pairs_cap ? 2 * b->pairs_cap : 1024;
		b->pairs = xreallocarray(b->pairs, b->pairs_cap,
		    sizeof(*b->pairs));
		k = (size_t)b->cfg->stall_window;
		b->ring = xreallocarray(b->ring, b->pairs_cap * k,
		    sizeof(*b->ring));
		if (b->cfg->rates)
			b->rstate = xreallocarray(b->rstate, b->pairs_cap,
			    sizeof(*b->rstate));
	}
	b->slots[j].student = student;
	b->slots[j].goal = goal;
	b->slots[j].pair = (uint32_t)b->npairs + 1;
	p = &b->pairs[b->npairs++];
	p->student = student;
	p->goal = goal;
	p->dirty = 0;
	pair_reset(b, p);
	return p;
}

static void
keep_piece(struct book *b, const struct piece *pc)
{
	if (b->npieces == b->pieces_cap) {
		b->pieces_cap = b->pieces_cap ? 2 * b->pieces_cap : 1024;
		b->pieces = xreallocarray(b->pieces, b->pieces_cap,
		    sizeof(*b->pieces));
	}
	b->pieces[b->npieces++] = *pc;
}

static int
is_integer(struct field f)
{
	size_t i;

	f = field_trim(f);
	i = f.len > 0 && (f.p[0] == '-' || f.p[0] == '+') ? 1 : 0;
	if (i == f.len || f.len - i > 18)
		return 0;
	for (; i < f.len; i++)
		if (f.p[i] < '0' || f.p[i] > '9')
			return 0;
	return 1;
}

/*
 * Read the time cell into the ordering key and the stamp.  The first
 * cell decides whether the column contains ISO 8601 times or integers such
 * as an order_id, and a later cell of the other kind is an error.
 */
static int
parse_time(struct book *b, struct field f, int64_t *key, int64_t *stamp,
    const char **msg)
{
	struct gktime t;
	long long v;
	int form;

	f = field_trim(f);
	if (f.len == 0) {
		*msg = "missing time";
		return -1;
	}
	if (b->time_kind == TK_NONE)
		b->time_kind = is_integer(f) ? TK_INT : TK_DATE;
	if (b->time_kind == TK_INT) {
		if (!is_integer(f)) {
			*msg = "expected an integer like the earlier rows";
			return -1;
		}
		v = strtoll(f.p, NULL, 10);
		*key = v;
		*stamp = stamp_pack(v, 0, FORM_INT);
		return 0;
	}
	if (value_time(f, b->cfg->topts.date_format, &t) != 0) {
		*msg = b->cfg->topts.date_format != NULL ?
		    "invalid time for --date-format" : "invalid time (expected "
		    "YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]])";
		return -1;
	}
	form = t.has_offset ? FORM_OFFSET : t.has_clock ? FORM_CLOCK :
	    FORM_DATE;
	*key = t.secs;
	*stamp = stamp_pack(t.secs, t.offset_min, form);
	return 0;
}

static int
parse_assessor(struct field f)
{
	int i;

	f = field_trim(f);
	if (f.len == 0)
		return AS_TEACHER;
	/* Compare the lengths first: this runs for every row. */
	for (i = 0; i < AS_COUNT; i++)
		if (f.len == assessor_lens[i] &&
		    memcmp(f.p, assessor_names[i], f.len) == 0)
			return i;
	return -1;
}

/*
 * Read a plain decimal such as "3" or "0.75" with at most 15 digits.
 * Its digits form an integer below 2^53 and the power of ten is exact,
 * so the one division is correctly rounded and gives what strtod() gives.
 * Return -1 for anything else, which value_number() then reads.
 */
static int
quick_decimal(struct field f, int point, double *out)
{
	static const double tens[16] = {
		1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15
	};
	uint64_t m = 0;
	size_t i, ndigits = 0, nfrac = 0;
	int seen_point = 0;

	for (i = 0; i < f.len; i++) {
		if (f.p[i] >= '0' && f.p[i] <= '9') {
			m = 10 * m + (uint64_t)(f.p[i] - '0');
			ndigits++;
			nfrac += seen_point;
		} else if (f.p[i] == point && !seen_point)
			seen_point = 1;
		else
			return -1;
	}
	if (ndigits == 0 || ndigits > 15)
		return -1;
	*out = (double)m / tens[nfrac];
	return 0;
}

/* A non-negative number cell; -1 when empty, -2 when invalid. */
static double
parse_amount(const struct book *b, struct field f, int *percent)
{
	double v;

	f = field_trim(f);
	if (f.len == 0)
		return -1;
	if (quick_decimal(f, b->cfg->topts.decimal_comma ? ',' : '.',
	    &v) == 0) {
		if (percent != NULL)
			*percent = 0;
		return v;
	}
	if (value_number(f, b->cfg->topts.decimal_comma, &v, percent) != 0 ||
	    v < 0)
		return -2;
	return v;
}

/* Print "FILE:LINE: column: message 'value'" once, in the first pass. */
static void
row_error(struct book *b, const char *file, size_t line, const char *col,
    const char *msg, struct field value, int report)
{
	struct field v = field_trim(value);

	b->failed = 1;
	if (report)
		diag_error(file, line, "%s: %s '%.*s'", col, msg, (int)v.len,
		    v.p);
}

/*
 * Read score, max_score, minutes and errors into pc's proportion and
 * rates.  Return 1, 0 for a row not assessed yet, -1 on an error.
 */
static int
parse_score(struct book *b, const struct columns *c, const struct record *rec,
    const char *file, int report, struct piece *pc)
{
	struct field score, max, minutes, errors;
	double s, m, min, err;
	char msg[160];
	int percent;

	score = rec_field(rec, c->score);
	max = rec_field(rec, c->max_score);
	minutes = rec_field(rec, c->minutes);
	errors = rec_field(rec, c->errors);
	if ((s = parse_amount(b, score, &percent)) == -1)
		return 0;
	if (s == -2) {
		row_error(b, file, rec->line, table_column_name(&b->cfg->topts,
		    "score"), "invalid score", score, report);
		return -1;
	}
	m = parse_amount(b, max, NULL);
	if (m == -2 || m == 0) {
		row_error(b, file, rec->line, table_column_name(&b->cfg->topts,
		    "max_score"), "invalid maximum", max, report);
		return -1;
	}
	min = parse_amount(b, minutes, NULL);
	err = parse_amount(b, errors, NULL);
	if (min == -2 || min == 0) {
		row_error(b, file, rec->line, table_column_name(&b->cfg->topts,
		    "minutes"), "invalid length", minutes, report);
		return -1;
	}
	if (err == -2) {
		row_error(b, file, rec->line, table_column_name(&b->cfg->topts,
		    "errors"), "invalid count", errors, report);
		return -1;
	}

	/* A timed probe counts: its proportion is the accuracy. */
	pc->rate = pc->error_rate = -1;
	if (min > 0) {
		pc->rate = s / min;
		pc->error_rate = err >= 0 ? err / min : -1;
		err = err >= 0 ? err : 0;
		pc->prop = s + err > 0 ? s / (s + err) : 0;
		return 1;
	}
	if (s > m && m >= 0 && !percent) {
		snprintf(msg, sizeof(msg), "score above its %s %g",
		    table_column_name(&b->cfg->topts, "max_score"), m);
		row_error(b, file, rec->line, table_column_name(&b->cfg->topts,
		    "score"), msg, score, report);
		return -1;
	}
	if (percent)
		s /= 100, m = 1;
	else if (m < 0)
		m = b->cfg->max_score;
	if (s > m) {
		snprintf(msg, sizeof(msg), "score above the maximum %g (give "
		    "--max-score for another, or a max_score column)", m);
		row_error(b, file, rec->line, table_column_name(&b->cfg->topts,
		    "score"), msg, score, report);
		return -1;
	}
	pc->prop = s / m;
	pc->score = s;
	pc->max = m;
	return 1;
}

/* An id cell: trimmed and not empty, else an error. */
static int
parse_id(struct book *b, const struct record *rec, size_t col,
    const char *role, const char *file, int report, struct field *out)
{
	*out = field_trim(rec_field(rec, col));
	if (out->len > 0)
		return 0;
	row_error(b, file, rec->line, table_column_name(&b->cfg->topts, role),
	    "missing id", *out, report);
	return -1;
}

/*
 * Read one row into f, interning its goal and activity, and set *sid to
 * its student id, which the folding thread interns.  A goal seen for the
 * first time is only interned: the per-goal arrays belong to the folding
 * thread, which sets them up from f->new_goal.  Return 1 for a piece, 0
 * for a row that is skipped (voiding, not assessed yet, voided earlier),
 * -1 for a rejected row.
 */
static int
parse_row(struct book *b, const struct columns *c, const struct record *rec,
    const char *file, enum pass pass, struct flight *f, struct field *sid)
{
	struct field gid, act, rid, voids, cell;
	struct piece *pc = &f->pc;
	const char *msg;
	int assessor, n, added, report = pass == PASS_FOLD;
	size_t idx, k;

	voids = field_trim(rec_field(rec, c->voids));
	if (voids.len > 0) {
		if (pass == PASS_FOLD)
			strmap_put(&b->voided, voids.p, voids.len, 0, NULL);
		return 0;
	}
	if (parse_id(b, rec, c->student, "student_id", file, report,
	    sid) < 0 || parse_id(b, rec, c->goal, "goal_id", file, report,
	    &gid) < 0)
		return -1;
	cell = rec_field(rec, c->assessor);
	if ((assessor = parse_assessor(cell)) < 0) {
		row_error(b, file, rec->line, table_column_name(&b->cfg->topts,
		    "assessor"), "unknown assessor (expected teacher, self, "
		    "peer or system)", cell, report);
		return -1;
	}
	pc->assessor = (uint8_t)assessor;
	if ((n = parse_score(b, c, rec, file, report, pc)) <= 0) {
		if (n == 0 && report)
			b->unassessed++;
		return n;
	}
	pc->time = STAMP_NONE;
	pc->key = (int64_t)pc->seq;
	if (c->time != NOCOL &&
	    parse_time(b, rec_field(rec, c->time), &pc->key, &pc->time,
	    &msg) < 0) {
		row_error(b, file, rec->line, table_column_name(&b->cfg->topts,
		    "time"), msg, rec_field(rec, c->time), report);
		return -1;
	}
	rid = field_trim(rec_field(rec, c->record));
	if (b->cfg->order_recorded) {
		pc->key = (int64_t)pc->seq;
		if (is_integer(rid))
			pc->key = strtoll(rid.p, NULL, 10);
	}
	if (rid.len > 0 && b->voided.n > 0 &&
	    strmap_get(&b->voided, rid.p, rid.len, &idx))
		return 0;
	if (!b->cfg->counted[assessor]) {
		b->uncounted += report;
		if (!b->cfg->calibration)
			return 0;
	} else
		b->counted += report;

	act = field_trim(rec_field(rec, c->activity));
	pc->activity = act.len == 0 ? 0 :
	    (uint32_t)strmap_intern(&b->activities, act.p, act.len, NULL) + 1;
	f->goal = (uint32_t)strmap_intern(&b->goals, gid.p, gid.len, &added);
	f->new_goal = NEW_GOAL_NO;
	if (added) {
		f->new_goal = b->param_ids.n > 0 &&
		    strmap_get(&b->param_ids, gid.p, gid.len, &k) ?
		    (int32_t)k : -1;
		if (b->gm != NULL && report)
			diag_warn(file, rec->line, "%s: goal not in the goal "
			    "map '%.*s' (counted with the default threshold)",
			    table_column_name(&b->cfg->topts, "goal_id"),
			    (int)gid.len, gid.p);
	}
	pc->line = rec->line > UINT32_MAX ? UINT32_MAX : (uint32_t)rec->line;

	/*
	 * A row scored on one rubric criterion, with a time and no minutes,
	 * is merged later with the other criteria of its lesson.
	 */
	cell = field_trim(rec_field(rec, c->criterion));
	pc->criterion = cell.len > 0 && pc->rate < 0 && pc->time != STAMP_NONE;
	return 1;
}

/*
 * Find the columns of an evidence file.  The first pass reports missing
 * and repeated columns, and then returns -1.  Later passes read the same
 * headers.
 */
static int
find_columns(struct book *b, struct reader *r, struct columns *c, int report)
{
	static const char *const roles[] = {
		"student_id", "goal_id", "score", "max_score", "time",
		"assessor", "activity_id", "minutes", "errors", "record_id",
		"voids", "criterion"
	};
	size_t *idx[] = {
		&c->student, &c->goal, &c->score, &c->max_score, &c->time,
		&c->assessor, &c->activity, &c->minutes, &c->errors,
		&c->record, &c->voids, &c->criterion
	};
	size_t i;
	int bad = 0;

	(void)b;
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		if (report)
			*idx[i] = reader_want(r, roles[i], i < 3, &bad);
		else
			reader_column(r, roles[i], idx[i]);
	}
	if (bad)
		return -1;
	if (report)
		reader_warn_duplicates(r);
	return 0;
}

#define SEQ_BITS	56
#define SEQ_MASK	(((uint64_t)1 << SEQ_BITS) - 1)
#define SPILL_CRITERION	((uint64_t)1 << (SEQ_BITS + 2))
#define SPILL_TIMED	((uint64_t)1 << (SEQ_BITS + 3))

static void
spill_pack(struct spilled *out, const struct piece *pc)
{
	if (pc->seq > SEQ_MASK)
		die(EXIT_TROUBLE, "too many rows");
	memset(out, 0, sizeof(*out));
	out->key = pc->key;
	out->time = pc->time;
	out->seq_flags = pc->seq | (uint64_t)pc->assessor << SEQ_BITS;
	out->pair = pc->pair;
	out->activity = pc->activity;
	if (pc->criterion) {
		out->seq_flags |= SPILL_CRITERION;
		out->value.score_max[0] = pc->score;
		out->value.score_max[1] = pc->max;
		return;
	}
	out->value.probe.prop = pc->prop;
	if (pc->rate >= 0) {
		out->seq_flags |= SPILL_TIMED;
		out->value.probe.rate = pc->rate;
		out->value.probe.error_rate = pc->error_rate;
	}
}

static void
spill_unpack(struct piece *pc, const struct spilled *in)
{
	memset(pc, 0, sizeof(*pc));
	pc->key = in->key;
	pc->time = in->time;
	pc->seq = in->seq_flags & SEQ_MASK;
	pc->assessor = (uint8_t)(in->seq_flags >> SEQ_BITS & 3);
	pc->pair = in->pair;
	pc->activity = in->activity;
	pc->rate = pc->error_rate = -1;
	if (in->seq_flags & SPILL_CRITERION) {
		pc->criterion = 1;
		pc->score = in->value.score_max[0];
		pc->max = in->value.score_max[1];
		pc->prop = pc->score / pc->max;
		return;
	}
	pc->prop = in->value.probe.prop;
	if (in->seq_flags & SPILL_TIMED) {
		pc->rate = in->value.probe.rate;
		pc->error_rate = in->value.probe.error_rate;
	}
}

static void
flush_spill(struct book *b)
{
	/*
	 * This runs on the folding thread, which must not exit: the reading
	 * thread finds the error and stops the run.
	 */
	if (b->nspill > 0 && b->spill_errno == 0 && fwrite(b->spill_buf,
	    sizeof(*b->spill_buf), b->nspill, b->spill) != b->nspill)
		b->spill_errno = errno != 0 ? errno : EIO;
	b->nspill = 0;
}

static int
same_lesson(const struct piece *x, const struct piece *y)
{
	return y->criterion && y->pair == x->pair && y->time == x->time &&
	    y->activity == x->activity && y->assessor == x->assessor;
}

static void
mark_dirty(struct book *b, struct pair *p)
{
	if (p->dirty)
		return;
	p->dirty = 1;
	b->ndirty++;
	if ((size_t)(p - b->pairs) < b->lessons_cap)
		b->lessons[p - b->pairs].criterion = 0;
}

/* Fold the criteria of pair p's lesson in progress, if any. */
static void
fold_lesson(struct book *b, struct pair *p)
{
	struct piece *l;

	if ((size_t)(p - b->pairs) >= b->lessons_cap)
		return;
	l = &b->lessons[p - b->pairs];
	if (!l->criterion)
		return;
	l->prop = l->score / l->max;
	pair_fold(b, p, l);
	l->criterion = 0;
}

/*
 * Fold a piece of the first pass into pair p, in time order.  The rows of
 * one lesson scored per criterion are summed in b->lessons while they come
 * one after another, and folded as one piece when another row comes.  A
 * pair whose rows come in another order becomes dirty, to be replayed.
 */
static void
fold_in_order(struct book *b, struct pair *p, const struct piece *pc)
{
	size_t i = (size_t)(p - b->pairs), old;
	struct piece *l;

	if (pc->criterion && b->lessons_cap <= i) {
		old = b->lessons_cap;
		b->lessons_cap = b->pairs_cap;
		b->lessons = xreallocarray(b->lessons, b->lessons_cap,
		    sizeof(*b->lessons));
		memset(b->lessons + old, 0, (b->lessons_cap - old) *
		    sizeof(*b->lessons));
	}
	l = i < b->lessons_cap ? &b->lessons[i] : NULL;
	if (l != NULL && l->criterion) {
		if (same_lesson(l, pc) && pc->key == l->key) {
			l->score += pc->score;
			l->max += pc->max;
			return;
		}
		if (pc->key <= l->key) {
			mark_dirty(b, p);
			return;
		}
		fold_lesson(b, p);
	}
	if (p->n > 0 && (pc->key < p->last_key || (pc->criterion &&
	    pc->key == p->last_key))) {
		mark_dirty(b, p);
		return;
	}
	if (!pc->criterion) {
		pair_fold(b, p, pc);
		return;
	}
	/* Ordered by record, a lesson's rows have keys of their own. */
	if (b->cfg->order_recorded) {
		mark_dirty(b, p);
		return;
	}
	*l = *pc;
}

/* Handle one piece of the first pass, whose pair is found: fold or keep it. */
static void
take_piece(struct book *b, struct piece *pc)
{
	struct pair *p = &b->pairs[pc->pair];

	if (b->keep_all) {
		keep_piece(b, pc);
		return;
	}
	if (!p->dirty)
		fold_in_order(b, p, pc);
	spill_pack(&b->spill_buf[b->nspill++], pc);
	if (b->nspill == SPILL_BATCH)
		flush_spill(b);
}

/* Find (or create) the pair of a row in flight and fetch its state. */
static void
locate_flight(struct book *b, struct flight *f)
{
	struct pair *p;

	p = find_pair(b, f->student, f->goal, 1);
	f->pc.pair = (uint32_t)(p - b->pairs);
	f->located = 1;
	PREFETCH(p);
	PREFETCH((char *)p + sizeof(*p) - 1);
	PREFETCH(ring_at(b, f->pc.pair));
}

/*
 * Queue a piece of the first pass.  On a large log, looking a pair up and
 * folding into it each miss the cache, so rows wait in a small queue.  The
 * slot of a row's pair is prefetched when the row is queued, the pair
 * LOOKAHEAD rows later, and the row is folded LOOKAHEAD rows after that.
 * Rows are folded in the order they were read.
 */
static void
queue_piece(struct book *b, const struct flight *in)
{
	struct flight *f = &b->flights[b->nqueued % FLIGHTS];

	*f = *in;
	f->located = 0;
	if (b->nslots > 0)
		PREFETCH(&b->slots[pair_hash(f->student, f->goal) &
		    (b->nslots - 1)]);
	b->nqueued++;
	if (b->nqueued > LOOKAHEAD)
		locate_flight(b, &b->flights[(b->nqueued - 1 - LOOKAHEAD) %
		    FLIGHTS]);
	if (b->nqueued - b->ntaken == FLIGHTS) {
		take_piece(b, &b->flights[b->ntaken % FLIGHTS].pc);
		b->ntaken++;
	}
}

/* Fold every queued piece, at the end of the first pass. */
static void
drain_queue(struct book *b)
{
	struct flight *f;
	size_t i;

	for (; b->ntaken < b->nqueued; b->ntaken++) {
		f = &b->flights[b->ntaken % FLIGHTS];
		if (!f->located)
			locate_flight(b, f);
		take_piece(b, &f->pc);
	}
	for (i = 0; i < b->lessons_cap && i < b->npairs; i++)
		fold_lesson(b, &b->pairs[i]);
	if (b->spill != NULL)
		flush_spill(b);
}

static int
cmp_seq(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int
is_voided_seq(const struct book *b, uint64_t seq)
{
	return b->nvoided_seqs > 0 && bsearch(&seq, b->voided_seqs,
	    b->nvoided_seqs, sizeof(seq), cmp_seq) != NULL;
}

/* Remember that the row at seq is voided; its pair must be replayed. */
static void
mark_voided(struct book *b, const struct record *rec, const struct columns *c,
    uint64_t seq)
{
	struct field rid, sid, gid;
	struct pair *p;
	size_t s, g, idx;

	rid = field_trim(rec_field(rec, c->record));
	if (rid.len == 0 || !strmap_get(&b->voided, rid.p, rid.len, &idx))
		return;
	b->voided_seqs = xreallocarray(b->voided_seqs, b->nvoided_seqs + 1,
	    sizeof(*b->voided_seqs));
	b->voided_seqs[b->nvoided_seqs++] = seq;
	sid = field_trim(rec_field(rec, c->student));
	gid = field_trim(rec_field(rec, c->goal));
	if (!strmap_get(&b->students, sid.p, sid.len, &s) ||
	    !strmap_get(&b->goals, gid.p, gid.len, &g))
		return;
	p = find_pair(b, (uint32_t)s, (uint32_t)g, 0);
	if (p != NULL && !p->dirty) {
		p->dirty = 1;
		b->ndirty++;
	}
}

/* Go back to the start of standard input before reading it again. */
static void
rewind_input(const char *path)
{
	if (path != NULL && strcmp(path, "-") != 0)
		return;
	clearerr(stdin);
	if (fseeko(stdin, stdin_start, SEEK_SET) != 0)
		die(EXIT_TROUBLE, "<stdin>: %s", strerror(errno));
}

/*
 * The first pass runs on two threads.  This one reads and parses rows
 * and interns their goals and activities.  The folding thread interns
 * each row's student, which is the lookup that misses the cache most,
 * then locates the row's pair and folds it.  Rows go across in batches,
 * in the order they were read, so the result is the same as on one
 * thread.
 */
#define BATCH		4096	/* rows in a batch */
#define NBATCHES	4	/* batches in flight */

/* Rows read together, with the text of their student ids. */
struct batch {
	struct flight *rows;
	size_t	 n;
	char	*text;
	size_t	 textlen;
	size_t	 textcap;
};

/*
 * Batches between the two threads.  Without a second thread (when one
 * cannot be started) each batch is folded as it is handed over.
 */
struct handoff {
	struct book *b;
	pthread_t thread;
	int	 threaded;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct batch batch[NBATCHES];
	uint64_t filled;	/* batches handed over */
	uint64_t folded;	/* batches folded */
	int	 done;		/* no more batches */
	int	 stop;		/* fold no more: the run is ending early */
	int	 error;		/* errno of a failed spill write, else 0 */
};

/* The folding thread's stack: its calls are few and shallow. */
#define FOLD_STACK	((size_t)1 << 20)

/* Copy a row's student id into its batch, for the folding thread. */
static void
batch_add_id(struct batch *t, struct flight *f, struct field id)
{
	if (id.len > UINT32_MAX || t->textlen > UINT32_MAX - id.len)
		die(EXIT_TROUBLE, "student id too long");
	if (t->textlen + id.len > t->textcap) {
		t->textcap = 2 * (t->textlen + id.len);
		t->text = xreallocarray(t->text, t->textcap, 1);
	}
	memcpy(t->text + t->textlen, id.p, id.len);
	f->sid_off = (uint32_t)t->textlen;
	f->sid_len = (uint32_t)id.len;
	t->textlen += id.len;
}

/* Set up the per-goal arrays of a goal the reading thread met first. */
static void
adopt_goal(struct book *b, const struct flight *f)
{
	if (f->new_goal == NEW_GOAL_NO)
		return;
	grow_goals(b, (size_t)f->goal + 1);
	if (f->new_goal >= 0)
		b->bkt[f->goal] = b->params[f->new_goal];
}

/* Intern the students of a batch's rows and queue the rows, in order. */
static void
fold_batch(struct book *b, struct batch *t)
{
	struct flight *f;
	size_t i;

	for (i = 0; i < t->n; i++) {
		f = &t->rows[i];
		f->student = (uint32_t)strmap_intern(&b->students,
		    t->text + f->sid_off, f->sid_len, NULL);
		adopt_goal(b, f);
		queue_piece(b, f);
	}
}

/* The folding thread: fold every batch handed over, in order. */
static void *
fold_batches(void *arg)
{
	struct handoff *h = arg;
	struct batch *t;

	for (;;) {
		pthread_mutex_lock(&h->lock);
		while (h->folded == h->filled && !h->done && !h->stop)
			pthread_cond_wait(&h->changed, &h->lock);
		if (h->stop || h->folded == h->filled) {
			pthread_mutex_unlock(&h->lock);
			return NULL;
		}
		t = &h->batch[h->folded % NBATCHES];
		pthread_mutex_unlock(&h->lock);

		fold_batch(h->b, t);

		pthread_mutex_lock(&h->lock);
		h->error = h->b->spill_errno;
		h->folded++;
		pthread_cond_signal(&h->changed);
		pthread_mutex_unlock(&h->lock);
	}
}

static void
handoff_start(struct handoff *h, struct book *b)
{
	pthread_attr_t attr;
	size_t i;
	int err;

	memset(h, 0, sizeof(*h));
	h->b = b;
	for (i = 0; i < NBATCHES; i++)
		h->batch[i].rows = xreallocarray(NULL, BATCH,
		    sizeof(struct flight));
	if ((err = pthread_mutex_init(&h->lock, NULL)) != 0 ||
	    (err = pthread_cond_init(&h->changed, NULL)) != 0)
		die(EXIT_TROUBLE, "thread: %s", strerror(err));
	if (pthread_attr_init(&attr) != 0)
		return;
	(void)pthread_attr_setstacksize(&attr, FOLD_STACK);
	h->threaded = pthread_create(&h->thread, &attr, fold_batches, h) == 0;
	pthread_attr_destroy(&attr);
}

/*
 * End the first pass: wait for the folding thread to finish every batch,
 * or with stop set only the one it is folding, and release the batches.
 */
static void
handoff_end(struct handoff *h, int stop)
{
	size_t i;
	int err;

	if (h->threaded) {
		pthread_mutex_lock(&h->lock);
		if (h->batch[h->filled % NBATCHES].n > 0 && !stop)
			h->filled++;
		h->done = 1;
		h->stop = stop;
		pthread_cond_signal(&h->changed);
		pthread_mutex_unlock(&h->lock);
		if ((err = pthread_join(h->thread, NULL)) != 0)
			die(EXIT_TROUBLE, "thread: %s", strerror(err));
	} else if (!stop)
		fold_batch(h->b, &h->batch[h->filled % NBATCHES]);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->changed);
	for (i = 0; i < NBATCHES; i++) {
		free(h->batch[i].rows);
		free(h->batch[i].text);
	}
}

/* Stop the folding thread and exit with status after a message. */
static void
handoff_die(struct handoff *h, int status, const char *msg)
{
	handoff_end(h, 1);
	if (msg != NULL)
		die(status, "%s", msg);
	exit(status);
}

/*
 * Hand over the batch being filled and return an empty one, waiting for
 * the folding thread to free it.  A spill write that failed on the
 * folding thread ends the run here.
 */
static struct batch *
hand_over(struct handoff *h)
{
	struct batch *next;
	char msg[256];
	int error;

	if (!h->threaded) {
		next = &h->batch[h->filled % NBATCHES];
		fold_batch(h->b, next);
		error = h->b->spill_errno;
	} else {
		pthread_mutex_lock(&h->lock);
		h->filled++;
		pthread_cond_signal(&h->changed);
		while (h->filled - h->folded == NBATCHES && h->error == 0)
			pthread_cond_wait(&h->changed, &h->lock);
		error = h->error;
		next = &h->batch[h->filled % NBATCHES];
		pthread_mutex_unlock(&h->lock);
	}
	if (error != 0) {
		snprintf(msg, sizeof(msg), "temporary file: %s",
		    strerror(error));
		handoff_die(h, EXIT_TROUBLE, msg);
	}
	next->n = 0;
	next->textlen = 0;
	return next;
}

/*
 * Exit with status after msg, if any, stopping the folding thread first
 * when the pass has one (h not NULL).
 */
static void
fail_pass(struct handoff *h, int status, const char *msg)
{
	if (h != NULL)
		handoff_die(h, status, msg);
	if (msg != NULL)
		die(status, "%s", msg);
	exit(status);
}

/* Read every input once, folding its rows or finding voided records. */
static void
read_pass(struct book *b, enum pass pass)
{
	struct handoff handoff, *h = NULL;
	struct reader *r;
	struct record *rec;
	struct columns c;
	struct batch *t = NULL;
	struct flight *f;
	struct field sid;
	char msg[512];
	uint64_t seq = 0;
	size_t i;
	int status;

	if (pass == PASS_FOLD) {
		h = &handoff;
		handoff_start(h, b);
		t = &h->batch[0];
	}
	for (i = 0; i < b->nfiles; i++) {
		rewind_input(b->files[i]);
		if ((r = reader_open(b->files[i], &b->cfg->topts)) == NULL) {
			snprintf(msg, sizeof(msg), "%s: %s",
			    display_name(b->files[i]), strerror(errno));
			fail_pass(h, EXIT_TROUBLE, msg);
		}
		if (pass == PASS_FIND)
			reader_quiet(r);
		/*
		 * An empty file, without even a header, is an empty log, but
		 * a nightly job whose export failed should hear of it.
		 */
		if (reader_header(r)->nfields == 0 &&
		    reader_next(r, &rec) == 0) {
			if (pass == PASS_FOLD)
				diag_warn(reader_name(r), 0, "empty file, "
				    "without even a header: no evidence read");
			reader_close(r);
			continue;
		}
		if (find_columns(b, r, &c, pass == PASS_FOLD) < 0) {
			reader_close(r);
			fail_pass(h, EXIT_DATA, NULL);
		}
		if (i == 0)
			b->delim = reader_delim(r);
		b->unassessed = b->uncounted = b->counted = 0;
		while ((status = reader_next(r, &rec)) > 0) {
			if (pass == PASS_FIND) {
				mark_voided(b, rec, &c, seq++);
				continue;
			}
			f = &t->rows[t->n];
			memset(&f->pc, 0, sizeof(f->pc));
			f->pc.seq = seq++;
			f->pc.file = (uint16_t)i;
			if (parse_row(b, &c, rec, reader_name(r), pass, f,
			    &sid) <= 0)
				continue;
			batch_add_id(t, f, sid);
			if (++t->n == BATCH)
				t = hand_over(h);
		}
		if (b->unassessed > 0 && pass == PASS_FOLD)
			diag_warn(reader_name(r), 0, "%s: skipped %zu %s "
			    "without a score (not assessed yet)",
			    table_column_name(&b->cfg->topts, "score"),
			    b->unassessed, plural(b->unassessed, "row", "rows"));
		if (b->counted == 0 && b->uncounted > 0 &&
		    pass == PASS_FOLD && !b->cfg->calibration)
			diag_warn(reader_name(r), 0, "%s: no row counts toward "
			    "mastery: %zu %s by assessors not in --assessors "
			    "(default teacher,system)",
			    table_column_name(&b->cfg->topts, "assessor"),
			    b->uncounted, plural(b->uncounted, "row is",
			    "rows are"));
		if (status < 0 && pass == PASS_FOLD) {
			reader_report_error(r);
			b->failed = 1;
		}
		reader_close(r);
	}
	if (pass == PASS_FOLD) {
		handoff_end(h, 0);
		grow_goals(b, b->goals.n);
		drain_queue(b);
		if (b->spill_errno != 0)
			die(EXIT_TROUBLE, "temporary file: %s",
			    strerror(b->spill_errno));
	}
}

/* Fold the kept pieces, sorted by time, into their pairs. */
static void
fold_pieces(struct book *b)
{
	struct pair *p;
	size_t i;

	for (i = 0; i < b->npieces; i++) {
		p = &b->pairs[b->pieces[i].pair];
		if (b->cfg->counted[b->pieces[i].assessor])
			pair_fold(b, p, &b->pieces[i]);
	}
}

static void
add_source(struct book *b, const struct piece *pc)
{
	if (b->nsources == b->sources_cap) {
		b->sources_cap = b->sources_cap ? 2 * b->sources_cap : 256;
		b->sources = xreallocarray(b->sources, b->sources_cap,
		    sizeof(*b->sources));
	}
	b->sources[b->nsources].line = pc->line;
	b->sources[b->nsources].file = pc->file;
	b->nsources++;
}

/*
 * Merge the rows of one lesson scored per rubric criterion (same pair,
 * time, activity and assessor) into one piece, at the place of its first
 * row, whose proportion is the sum of the scores over the sum of the
 * maximums.  The pieces are sorted by pair and key; ordered by time,
 * the rows of a lesson share their key.
 */
static void
merge_criteria(struct book *b)
{
	struct piece x;
	unsigned char *merged;
	size_t i, j, k, end, n = 0;

	if (b->npieces == 0)
		return;
	merged = xcalloc(b->npieces, 1);
	for (i = 0; i < b->npieces; i = end) {
		for (end = i + 1; end < b->npieces &&
		    b->pieces[end].pair == b->pieces[i].pair; end++)
			continue;
		for (j = i; j < end; j++) {
			if (merged[j])
				continue;
			x = b->pieces[j];
			if (x.criterion) {
				x.src = (uint32_t)b->nsources;
				x.nsrc = 1;
				if (b->cfg->explain)
					add_source(b, &x);
			}
			for (k = j + 1; x.criterion && k < end; k++) {
				if (!b->cfg->order_recorded &&
				    b->pieces[k].key != x.key)
					break;
				if (merged[k] || !same_lesson(&x,
				    &b->pieces[k]))
					continue;
				merged[k] = 1;
				x.score += b->pieces[k].score;
				x.max += b->pieces[k].max;
				x.nsrc++;
				if (b->cfg->explain)
					add_source(b, &b->pieces[k]);
			}
			if (x.criterion)
				x.prop = x.score / x.max;
			b->pieces[n++] = x;
		}
	}
	b->npieces = n;
	free(merged);
}

/* Drop kept pieces whose record another record voids. */
static void
drop_voided(struct book *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->npieces; i++)
		if (!is_voided_seq(b, b->pieces[i].seq))
			b->pieces[n++] = b->pieces[i];
	b->npieces = n;
}

/*
 * Open the spill file: an unlinked temporary file in TMPDIR (else /tmp)
 * that receives every piece of the first pass, so dirty pairs can be
 * replayed without parsing the input again.
 */
static FILE *
open_spill(void)
{
	const char *dir;
	char *path;
	size_t len;
	FILE *fp;
	int fd;

	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	len = strlen(dir) + sizeof("/mastery-calc.XXXXXX");
	path = xmalloc(len);
	snprintf(path, len, "%s/mastery-calc.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0)
		die(EXIT_TROUBLE, "%s: %s", path, strerror(errno));
	unlink(path);
	if ((fp = fdopen(fd, "w+")) == NULL)
		die(EXIT_TROUBLE, "%s: %s", path, strerror(errno));
	free(path);
	return fp;
}

/* Keep the spilled pieces of dirty pairs, leaving out voided records. */
static void
collect_dirty(struct book *b)
{
	struct spilled buf[1024];
	struct piece pc;
	size_t i, n;

	if (fflush(b->spill) != 0 || fseeko(b->spill, 0, SEEK_SET) != 0)
		die(EXIT_TROUBLE, "temporary file: %s", strerror(errno));
	while ((n = fread(buf, sizeof(buf[0]), 1024, b->spill)) > 0)
		for (i = 0; i < n; i++) {
			if (!b->pairs[buf[i].pair].dirty ||
			    is_voided_seq(b, buf[i].seq_flags & SEQ_MASK))
				continue;
			spill_unpack(&pc, &buf[i]);
			keep_piece(b, &pc);
		}
	if (ferror(b->spill))
		die(EXIT_TROUBLE, "temporary file: %s", strerror(errno));
}

/*
 * Read the inputs.  The first pass folds evidence into each pair as it
 * comes and spills every piece to a temporary file.  A pair becomes dirty
 * when it gets evidence older than what it already contains, or when one
 * of its records is voided.  Voided records are found by reading the
 * input again.  Then the spilled pieces of dirty pairs are folded again
 * in time order.  With keep_all every piece is kept in memory instead.
 */
void
book_read(struct book *b)
{
	size_t i;

	b->keep_all = b->cfg->explain || b->cfg->calibration ||
	    b->cfg->fit_file != NULL;
	if (!b->keep_all) {
		b->spill = open_spill();
		b->spill_buf = xmalloc(SPILL_BATCH * sizeof(*b->spill_buf));
	}
	read_pass(b, PASS_FOLD);
	if (b->voided.n > 0)
		read_pass(b, PASS_FIND);
	if (b->keep_all) {
		drop_voided(b);
		pieces_sort(b->pieces, b->npieces);
		merge_criteria(b);
		book_refold(b);
		return;
	}
	if (b->ndirty > 0) {
		for (i = 0; i < b->npairs; i++)
			if (b->pairs[i].dirty)
				pair_reset(b, &b->pairs[i]);
		collect_dirty(b);
		pieces_sort(b->pieces, b->npieces);
		merge_criteria(b);
		fold_pieces(b);
		free(b->pieces);
		b->pieces = NULL;
		b->npieces = b->pieces_cap = 0;
	}
	fclose(b->spill);
	b->spill = NULL;
}

/* Fold every pair again from the kept pieces, after its model changed. */
void
book_refold(struct book *b)
{
	size_t i;

	for (i = 0; i < b->npairs; i++)
		pair_reset(b, &b->pairs[i]);
	fold_pieces(b);
}
