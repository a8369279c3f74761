/* goalkit: see LICENSE. Past effectiveness of activities, from the evidence log. */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader.h"
#include "util.h"
#include "value.h"

#include "suggest.h"

/* Mastery threshold of a goal whose goal map row gives none. */
#define DEFAULT_THRESHOLD	0.8

/*
 * The activity field of a stored record stores a catalog index in its low
 * 30 bits, in the top bit whether the evidence met the goal, and in the
 * next bit whether it is scored on one rubric criterion.
 */
#define EV_MET		0x80000000u
#define EV_CRITERION	0x40000000u
#define EV_ACTIVITY	0x3fffffffu
#define EV_NO_ACTIVITY	EV_ACTIVITY

/*
 * One evidence record kept for the effectiveness count: 24 bytes.  Until
 * its lesson is merged, a record scored on a criterion contains the index
 * of its score in evlog.crit instead of its value.
 */
struct ev {
	int64_t	 secs;
	uint32_t student;
	uint32_t goal;
	uint32_t activity;
	union {
		float	 value;	/* proportion, or rate for a timed probe */
		uint32_t crit;	/* index in evlog.crit */
	} u;
};

/* Score of a record scored on a criterion.  max is -1 once merged away. */
struct crit {
	float	 score;
	float	 max;
	unsigned char assessor;
};

enum evidence_column {
	EC_RECORD, EC_TIME, EC_STUDENT, EC_GOAL, EC_SCORE, EC_MAX_SCORE,
	EC_ASSESSOR, EC_ACTIVITY, EC_MINUTES, EC_VOIDS, EC_CRITERION,
	EC_NCOLS
};

/* The records being read, and what was skipped on the way. */
struct evlog {
	const struct table_opts *opts;	/* how the log is read */
	struct ev *ev;
	uint64_t *hash;		/* record_id hashes, when voids can occur */
	size_t	 n;
	size_t	 cap;
	struct crit *crit;	/* scores of the records scored on a criterion */
	size_t	 ncrit;
	size_t	 critcap;
	struct strmap voided;	/* record ids some record voids */
	size_t	 empty_scores;
	size_t	 unknown_goals;
	double	 max_score;
	int	 has_time;
	int	 has_voids;
};

/* FNV-1a, 64 bits, of a record id. */
static uint64_t
hash_id(const char *p, size_t len)
{
	uint64_t h = 14695981039346656037ULL;

	while (len-- > 0) {
		h ^= (unsigned char)*p++;
		h *= 1099511628211ULL;
	}
	return h;
}

static double
goal_threshold(const struct world *w, size_t goal)
{
	const struct goal *gl = &w->gm.goals[goal];

	return gl->threshold >= 0 ? gl->threshold : DEFAULT_THRESHOLD;
}

/*
 * Read the score of a record as a value on which "higher is better":
 * the proportion score / max_score, or score / minutes for a timed probe.
 * Set *met when it reaches the goal's threshold or rate aim, and sm[] to
 * the score and maximum (a maximum of -1 for a timed probe).  Return -1
 * after reporting a bad cell.
 */
static int
read_score(const struct world *w, const struct evlog *log, const char *file,
    const struct record *rec, const size_t *col, size_t goal, float *value,
    int *met, double *sm)
{
	const struct goal *gl = &w->gm.goals[goal];
	struct field f;
	double score, max, minutes;
	int percent;

	f = field_trim(rec_field(rec, col[EC_SCORE]));
	if (value_number(f, log->opts->decimal_comma, &score, &percent) < 0 ||
	    score < 0) {
		diag_error(file, rec->line, "score: invalid score '%.*s'",
		    (int)f.len, f.p);
		return -1;
	}
	f = field_trim(rec_field(rec, col[EC_MINUTES]));
	if (f.len > 0) {
		if (value_number(f, log->opts->decimal_comma, &minutes,
		    NULL) < 0 || minutes <= 0) {
			diag_error(file, rec->line, "minutes: invalid length "
			    "'%.*s'", (int)f.len, f.p);
			return -1;
		}
		*value = (float)(score / minutes);
		*met = gl->aim > 0 && score / minutes >= gl->aim;
		sm[0] = score;
		sm[1] = -1;
		return 0;
	}
	max = log->max_score;
	f = field_trim(rec_field(rec, col[EC_MAX_SCORE]));
	if (percent)
		max = 100;
	else if (f.len > 0 && (value_number(f, log->opts->decimal_comma, &max,
	    NULL) < 0 || max <= 0)) {
		diag_error(file, rec->line, "max_score: invalid maximum '%.*s'",
		    (int)f.len, f.p);
		return -1;
	}
	if (score > max) {
		f = field_trim(rec_field(rec, col[EC_SCORE]));
		diag_error(file, rec->line, "score: invalid score '%.*s' "
		    "(maximum %g)", (int)f.len, f.p, max);
		return -1;
	}
	*value = (float)(score / max);
	*met = score / max >= goal_threshold(w, goal);
	sm[0] = score;
	sm[1] = max;
	return 0;
}

/* Keep a record that voids another out of the log, and note its target. */
static int
note_void(struct evlog *log, const struct record *rec, const size_t *col)
{
	struct field f;

	f = field_trim(rec_field(rec, col[EC_VOIDS]));
	if (f.len == 0)
		return 0;
	strmap_intern(&log->voided, f.p, f.len, NULL);
	return 1;
}

static int
is_self_or_peer(const struct record *rec, const size_t *col)
{
	struct field f;

	f = field_trim(rec_field(rec, col[EC_ASSESSOR]));
	return (f.len == 4 && strncasecmp(f.p, "self", 4) == 0) ||
	    (f.len == 4 && strncasecmp(f.p, "peer", 4) == 0);
}

/* The assessor of a kept record, as far as merging criteria needs it. */
static unsigned char
assessor_code(const struct record *rec, const size_t *col)
{
	struct field f;

	f = field_trim(rec_field(rec, col[EC_ASSESSOR]));
	if (f.len == 0)
		return 0;
	if (f.len == 7 && strncasecmp(f.p, "teacher", 7) == 0)
		return 1;
	if (f.len == 6 && strncasecmp(f.p, "system", 6) == 0)
		return 2;
	return 3;
}

/* Keep the score of record e, scored on one criterion, for merging. */
static void
add_criterion(struct evlog *log, struct ev *e, const struct record *rec,
    const size_t *col, const double *sm)
{
	struct crit *c;

	if (log->ncrit == log->critcap) {
		log->critcap = log->critcap ? 2 * log->critcap : 256;
		log->crit = xreallocarray(log->crit, log->critcap,
		    sizeof(*log->crit));
	}
	if (log->ncrit > UINT32_MAX)
		die(EXIT_TROUBLE, "too many records scored on a criterion");
	c = &log->crit[log->ncrit];
	c->score = (float)sm[0];
	c->max = (float)sm[1];
	c->assessor = assessor_code(rec, col);
	e->activity |= EV_CRITERION;
	e->u.crit = (uint32_t)log->ncrit++;
}

/* Read one record into the log, or count or report why it is left out. */
static void
read_evidence_row(struct world *w, struct evlog *log, const char *file,
    const struct record *rec, const size_t *col)
{
	struct field sid, gid, aid, tf;
	struct gktime t;
	struct ev e;
	size_t s, g, a;
	uint64_t order;
	double sm[2];
	float value;
	int met;

	if (note_void(log, rec, col))
		return;
	if (field_trim(rec_field(rec, col[EC_SCORE])).len == 0) {
		log->empty_scores++;
		return;
	}
	if (is_self_or_peer(rec, col))
		return;
	sid = field_trim(rec_field(rec, col[EC_STUDENT]));
	gid = field_trim(rec_field(rec, col[EC_GOAL]));
	if (sid.len == 0) {
		diag_error(file, rec->line, "student_id: empty id");
		return;
	}
	if ((g = goalmap_find(&w->gm, gid.p, gid.len)) == (size_t)-1) {
		log->unknown_goals++;
		return;
	}
	memset(&e, 0, sizeof(e));
	if (log->has_time) {
		tf = field_trim(rec_field(rec, col[EC_TIME]));
		/* A whole number is an order key, such as an order_id. */
		if (value_count(tf, &order) == 0)
			t.secs = (int64_t)order;
		else if (value_time(tf, log->opts->date_format, &t) < 0) {
			diag_error(file, rec->line, "time: invalid time '%.*s' "
			    "(expected %s)", (int)tf.len, tf.p,
			    log->opts->date_format ? log->opts->date_format :
			    value_time_forms);
			return;
		}
		e.secs = t.secs;
	}
	if (read_score(w, log, file, rec, col, g, &value, &met, sm) < 0)
		return;
	s = student_add(w, sid.p, sid.len);
	aid = field_trim(rec_field(rec, col[EC_ACTIVITY]));
	if (aid.len == 0 || !strmap_get(&w->activity_ids, aid.p, aid.len, &a) ||
	    a >= w->nacts)
		a = EV_NO_ACTIVITY;
	if (s > UINT32_MAX || a > EV_ACTIVITY || g > UINT32_MAX)
		die(EXIT_TROUBLE, "%s: too many students, goals or activities",
		    file);
	e.student = (uint32_t)s;
	e.goal = (uint32_t)g;
	e.activity = (uint32_t)a | (met ? EV_MET : 0);
	e.u.value = value;
	/*
	 * A row scored on one rubric criterion, with a time and no minutes,
	 * is merged later with the other criteria of its lesson.
	 */
	if (log->has_time && sm[1] > 0 &&
	    field_trim(rec_field(rec, col[EC_CRITERION])).len > 0)
		add_criterion(log, &e, rec, col, sm);
	if (log->n == log->cap) {
		log->cap = log->cap ? 2 * log->cap : 4096;
		log->ev = xreallocarray(log->ev, log->cap, sizeof(*log->ev));
		if (log->has_voids)
			log->hash = xreallocarray(log->hash, log->cap,
			    sizeof(*log->hash));
	}
	if (log->has_voids) {
		aid = field_trim(rec_field(rec, col[EC_RECORD]));
		log->hash[log->n] = hash_id(aid.p, aid.len);
	}
	log->ev[log->n++] = e;
}

static int
compare_hash(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Drop the records that a later record voids.
 * NOTE: records are matched by a 64-bit hash of their record_id, so a
 * record whose id collides with a voided one is dropped too.  With ten
 * million records the chance is about one in 10^12 per voided id.
 */
static void
drop_voided(struct evlog *log)
{
	uint64_t *voided;
	const char *key;
	size_t i, j, n;

	if (log->voided.n == 0)
		return;
	n = log->voided.n;
	voided = xcalloc(n, sizeof(*voided));
	for (i = 0; i < n; i++) {
		key = strmap_key(&log->voided, i);
		voided[i] = hash_id(key, strlen(key));
	}
	qsort(voided, n, sizeof(*voided), compare_hash);
	for (i = j = 0; i < log->n; i++)
		if (bsearch(&log->hash[i], voided, n, sizeof(*voided),
		    compare_hash) == NULL)
			log->ev[j++] = log->ev[i];
	log->n = j;
	free(voided);
}

/* Read the whole log into memory, leaving out what cannot be used. */
static void
read_log(struct world *w, struct evlog *log, const char *path)
{
	static const char *const names[EC_NCOLS] = {
		"record_id", "time", "student_id", "goal_id", "score",
		"max_score", "assessor", "activity_id", "minutes", "voids",
		"criterion"
	};
	struct reader *r;
	struct record *rec;
	size_t col[EC_NCOLS], i;
	int bad = 0;

	r = open_table(log->opts, path);
	for (i = 0; i < EC_NCOLS; i++)
		col[i] = reader_want(r, names[i], i >= EC_STUDENT &&
		    i <= EC_SCORE, &bad);
	reader_warn_duplicates(r);
	log->has_time = col[EC_TIME] != NOCOL;
	log->has_voids = col[EC_VOIDS] != NOCOL;
	while (!bad && next_record(r, &rec) == 1)
		read_evidence_row(w, log, reader_name(r), rec, col);
	if (log->empty_scores > 0)
		diag_warn(reader_name(r), 0, "%zu %s with an empty score "
		    "skipped", log->empty_scores, log->empty_scores == 1 ?
		    "record" : "records");
	if (log->unknown_goals > 0)
		diag_warn(reader_name(r), 0, "%zu %s about goals not in the "
		    "goal map skipped", log->unknown_goals,
		    log->unknown_goals == 1 ? "record" : "records");
	reader_close(r);
	if (log->has_voids)
		drop_voided(log);
}

/*
 * Sort the n records of one bucket by time, keeping the file order of
 * records with equal times: insertion sort, as buckets are small, or a
 * merge sort through tmp (n entries) for a large one.
 */
static void
sort_bucket(struct ev *ev, size_t n, struct ev *tmp)
{
	struct ev v;
	size_t i, j, k, lo, mid, hi, width;

	if (n <= 16) {
		for (i = 1; i < n; i++) {
			v = ev[i];
			for (j = i; j > 0 && ev[j - 1].secs > v.secs; j--)
				ev[j] = ev[j - 1];
			ev[j] = v;
		}
		return;
	}
	for (width = 1; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			mid = lo + width < n ? lo + width : n;
			hi = lo + 2 * width < n ? lo + 2 * width : n;
			i = lo;
			j = mid;
			for (k = lo; k < hi; k++)
				if (i < mid && (j >= hi || ev[i].secs <= ev[j].secs))
					tmp[k] = ev[i++];
				else
					tmp[k] = ev[j++];
		}
		memcpy(ev, tmp, n * sizeof(*ev));
	}
}

/*
 * Order the records by student, goal, time and file order: a counting
 * sort on the student and goal, which keeps file order, then a stable
 * sort by time within each pair.  The records are moved into that order
 * so that later passes read memory in sequence.  *start gets the first
 * position of each student-goal bucket (nbuckets + 1 entries).
 */
static void
order_log(const struct world *w, struct evlog *log, size_t **start)
{
	struct ev *sorted, *tmp;
	size_t nb, b, i, *pos, largest = 0;

	nb = w->nstudents * w->ngoals;
	*start = xcalloc(nb + 1, sizeof(**start));
	for (i = 0; i < log->n; i++) {
		b = log->ev[i].student * w->ngoals + log->ev[i].goal;
		(*start)[b + 1]++;
	}
	for (b = 0; b < nb; b++) {
		if ((*start)[b + 1] > largest)
			largest = (*start)[b + 1];
		(*start)[b + 1] += (*start)[b];
	}
	pos = xmalloc((nb ? nb : 1) * sizeof(*pos));
	memcpy(pos, *start, nb * sizeof(*pos));
	log->ev = xreallocarray(log->ev, log->n ? log->n : 1, sizeof(*log->ev));
	sorted = xmalloc((log->n ? log->n : 1) * sizeof(*sorted));
	for (i = 0; i < log->n; i++) {
		b = log->ev[i].student * w->ngoals + log->ev[i].goal;
		sorted[pos[b]++] = log->ev[i];
	}
	free(pos);
	free(log->ev);
	log->ev = sorted;
	tmp = xmalloc((largest ? largest : 1) * sizeof(*tmp));
	for (b = 0; b < nb; b++)
		sort_bucket(sorted + (*start)[b], (*start)[b + 1] - (*start)[b],
		    tmp);
	free(tmp);
}

/*
 * Merge the records of one lesson scored per rubric criterion (same
 * student, goal, time, activity and assessor) into one record at the
 * place of its first record.  Its value is the sum of the scores over the
 * sum of the maximums.  The log must be in the order of order_log(), so
 * that the records of a lesson share one run of equal times.  start[] is
 * updated to the shorter log.
 * NOTE: activities missing from the catalog share one index, so their
 * criteria at one time are merged as one lesson.
 */
static void
merge_criteria(const struct world *w, struct evlog *log, size_t *start)
{
	struct ev x;
	const struct ev *y;
	struct crit *c, *d;
	size_t nb, b, j, k, lo, hi, n = 0;
	double score, max;

	if (log->ncrit == 0)
		return;
	nb = w->nstudents * w->ngoals;
	for (b = 0, lo = 0; b < nb; b++, lo = hi) {
		hi = start[b + 1];
		for (j = lo; j < hi; j++) {
			x = log->ev[j];
			if (!(x.activity & EV_CRITERION)) {
				log->ev[n++] = x;
				continue;
			}
			c = &log->crit[x.u.crit];
			if (c->max < 0)
				continue;
			score = c->score;
			max = c->max;
			for (k = j + 1; k < hi && log->ev[k].secs == x.secs;
			    k++) {
				y = &log->ev[k];
				if (!(y->activity & EV_CRITERION) ||
				    ((y->activity ^ x.activity) & EV_ACTIVITY))
					continue;
				d = &log->crit[y->u.crit];
				if (d->max < 0 || d->assessor != c->assessor)
					continue;
				score += d->score;
				max += d->max;
				d->max = -1;
			}
			x.activity &= EV_ACTIVITY;
			if (score / max >= goal_threshold(w, x.goal))
				x.activity |= EV_MET;
			x.u.value = (float)(score / max);
			log->ev[n++] = x;
		}
		start[b + 1] = n;
	}
	log->n = n;
	free(log->crit);
	log->crit = NULL;
	log->ncrit = log->critcap = 0;
}

/* Position of activity a among the activities aligned with goal g. */
static size_t
slot_of(const struct world *w, size_t g, size_t a)
{
	size_t i;

	for (i = 0; i < w->ngoal_acts[g]; i++)
		if (w->goal_acts[g][i] == a)
			return i;
	return NONE;
}

/* Length of student s's estimate vector without goal g. */
static double
norm_without(const struct world *w, size_t s, size_t g)
{
	double e, n2;

	e = cell_at(w, s, g)->estimate;
	n2 = w->students[s].norm2 - (e > 0 ? e * e : 0);
	return n2 > 1e-12 ? sqrt(n2) : 0;
}

/* Count one student's outcome after using an activity for goal g. */
static void
add_outcome(struct world *w, struct effect *e, size_t s, size_t g,
    int improved)
{
	double norm, x;
	size_t h;

	e->n++;
	e->k += improved;
	if ((norm = norm_without(w, s, g)) == 0)
		return;
	if (e->sum_all == NULL) {
		e->sum_all = xcalloc(w->ngoals, sizeof(double));
		e->sum_good = xcalloc(w->ngoals, sizeof(double));
	}
	for (h = 0; h < w->ngoals; h++) {
		x = cell_at(w, s, h)->estimate;
		if (h == g || x <= 0)
			continue;
		e->sum_all[h] += x / norm;
		if (improved)
			e->sum_good[h] += x / norm;
	}
}

/*
 * Score the records of one student and goal, in time order: for each
 * activity, the first record under it that has a later record decides
 * whether the student improved (a higher value) or reached mastery.
 */
static void
score_bucket(struct world *w, const struct ev *ev, size_t n, size_t *stamp,
    size_t bucket)
{
	const struct ev *cur, *next;
	size_t i, a, slot, g;
	int improved;

	for (i = 0; i + 1 < n; i++) {
		cur = &ev[i];
		next = &ev[i + 1];
		a = cur->activity & EV_ACTIVITY;
		if (a == EV_NO_ACTIVITY || stamp[a] == bucket)
			continue;
		stamp[a] = bucket;
		g = cur->goal;
		if ((slot = slot_of(w, g, a)) == NONE)
			continue;
		improved = (next->activity & EV_MET) != 0 ||
		    next->u.value > cur->u.value;
		add_outcome(w, &w->effects[w->effect_off[g] + slot],
		    cur->student, g, improved);
	}
}

static int
compare_use(const void *a, const void *b)
{
	size_t x = ((const struct use *)a)->activity;
	size_t y = ((const struct use *)b)->activity;

	return x < y ? -1 : x > y;
}

/*
 * Count how often student s used each catalog activity, from the n
 * records of the student.  count[] (one per activity, all 0) is the
 * work space and is left all 0 again.
 */
static void
count_uses(struct world *w, const struct ev *ev, size_t n, size_t s,
    size_t *count)
{
	struct student *st = &w->students[s];
	size_t i, a;

	for (i = 0; i < n; i++) {
		if ((a = ev[i].activity & EV_ACTIVITY) == EV_NO_ACTIVITY)
			continue;
		if (count[a]++ == 0) {
			st->uses = xreallocarray(st->uses, st->nuses + 1,
			    sizeof(*st->uses));
			st->uses[st->nuses++].activity = a;
		}
	}
	for (i = 0; i < st->nuses; i++) {
		st->uses[i].count = count[st->uses[i].activity];
		count[st->uses[i].activity] = 0;
	}
	if (st->nuses > 1)
		qsort(st->uses, st->nuses, sizeof(*st->uses), compare_use);
}

int
load_evidence(struct world *w, const char *path, const struct table_opts *o,
    double max_score)
{
	struct evlog log;
	size_t *start, *stamp, *count, s, g, b;

	memset(&log, 0, sizeof(log));
	strmap_init(&log.voided);
	log.opts = o;
	log.max_score = max_score;
	read_log(w, &log, path);
	strmap_free(&log.voided);
	free(log.hash);
	/* Rows with errors were reported and left out; the rest still count. */
	if (log.n == 0 && diag_errors() > 0) {
		free(log.ev);
		free(log.crit);
		return -1;
	}
	order_log(w, &log, &start);
	merge_criteria(w, &log, start);
	stamp = xmalloc((w->nacts ? w->nacts : 1) * sizeof(*stamp));
	count = xcalloc(w->nacts ? w->nacts : 1, sizeof(*count));
	for (b = 0; b < w->nacts; b++)
		stamp[b] = NONE;
	for (s = 0; s < w->nstudents; s++) {
		b = s * w->ngoals;
		count_uses(w, log.ev + start[b], start[b + w->ngoals] - start[b],
		    s, count);
		for (g = 0; g < w->ngoals; g++, b++)
			score_bucket(w, log.ev + start[b],
			    start[b + 1] - start[b], stamp, b);
	}
	w->have_evidence = 1;
	free(count);
	free(stamp);
	free(start);
	free(log.ev);
	return 0;
}

double
effect_estimate(const struct world *w, size_t student, size_t goal,
    size_t slot, size_t *n, size_t *k)
{
	const struct effect *e = &w->effects[w->effect_off[goal] + slot];
	double norm, x, all, good;
	size_t h;

	*n = e->n;
	*k = e->k;
	norm = norm_without(w, student, goal);
	if (norm == 0)
		return (1.0 + e->k) / (2.0 + e->n);
	all = good = 0;
	if (e->sum_all != NULL)
		for (h = 0; h < w->ngoals; h++) {
			x = cell_at(w, student, h)->estimate;
			if (h == goal || x <= 0)
				continue;
			all += x / norm * e->sum_all[h];
			good += x / norm * e->sum_good[h];
		}
	return (1.0 + good) / (2.0 + all);
}

size_t
use_count(const struct world *w, size_t student, size_t activity)
{
	const struct student *st = &w->students[student];
	size_t lo = 0, hi = st->nuses, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (st->uses[mid].activity < activity)
			lo = mid + 1;
		else if (st->uses[mid].activity > activity)
			hi = mid;
		else
			return st->uses[mid].count;
	}
	return 0;
}
