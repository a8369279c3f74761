/* goalkit: see LICENSE. Writing the mastery table and the --explain table. */

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"
#include "writer.h"

#include "mastery-calc.h"

enum status {
	ST_NOT_STARTED,
	ST_PROGRESSING,
	ST_STALLED,
	ST_SLIPPED,
	ST_MASTERED
};

static const char *const status_names[] = {
	"not-started", "progressing", "stalled", "slipped", "mastered"
};

/* One row of the mastery table: a student's state on a goal. */
struct outcome {
	enum status status;
	int	 basis;		/* 0 none, 1 evidence, 2 parts */
	int	 has_est;
	double	 est;
	size_t	 count;
	int	 has_latest;
	double	 latest;
	int64_t	 first, last, mastered_time;
	uint32_t last_activity;
	uint32_t stalled_activity;
};

enum {
	BASIS_NONE,
	BASIS_EVIDENCE,
	BASIS_PARTS
};

/*
 * Write v >= 0 with 2 or 4 decimals, rounded half-up as writer_num()
 * does.  writer_num() goes through printf, which is slow.  This path is
 * taken only when v times 10^decimals is not within 1e-6 of a halfway
 * case, so both round the same way.
 */
static void
put_fixed(struct writer *w, double v, int decimals)
{
	char buf[32], *p;
	double x, whole, frac;
	long long n;
	int i;

	x = v * (decimals == 2 ? 100.0 : 10000.0);
	if (!(v >= 0 && x < 1e15)) {
		writer_num(w, v, decimals);
		return;
	}
	whole = floor(x);
	frac = x - whole;
	if (fabs(frac - 0.5) <= 1e-6) {
		writer_num(w, v, decimals);
		return;
	}
	n = (long long)whole + (frac > 0.5);
	p = buf + sizeof(buf);
	for (i = 0; i < decimals; i++) {
		*--p = (char)('0' + n % 10);
		n /= 10;
	}
	*--p = '.';
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	writer_field(w, p, (size_t)(buf + sizeof(buf) - p));
}

/* Write a count, as writer_int() does without going through printf. */
static void
put_count(struct writer *w, size_t n)
{
	char buf[32], *p = buf + sizeof(buf);

	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	writer_field(w, p, (size_t)(buf + sizeof(buf) - p));
}

/* Write a proportion, or its value on the --scale. */
void
put_value(const struct book *b, struct writer *w, double proportion)
{
	if (!isfinite(proportion))
		writer_empty(w);
	else if (b->cfg->scale > 0)
		put_fixed(w, proportion * b->cfg->scale, 2);
	else
		put_fixed(w, proportion, 4);
}

void
put_stamp(struct writer *w, int64_t s)
{
	char buf[64];

	writer_field(w, buf, stamp_format(s, buf, sizeof(buf)));
}

static const struct strmap *rank_map;

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(strmap_key(rank_map, *(const size_t *)a),
	    strmap_key(rank_map, *(const size_t *)b));
}

/* The rank of each of m's n keys in byte order; the caller frees it. */
size_t *
rank_names(const struct strmap *m, size_t n)
{
	size_t *order, *rank, i;

	order = xmalloc((n ? n : 1) * sizeof(*order));
	rank = xmalloc((n ? n : 1) * sizeof(*rank));
	for (i = 0; i < n; i++)
		order[i] = i;
	rank_map = m;
	qsort(order, n, sizeof(*order), cmp_name);
	for (i = 0; i < n; i++)
		rank[order[i]] = i;
	free(order);
	return rank;
}

/*
 * Pair indexes in student, then goal order; the caller frees them.  A
 * counting sort by student rank puts each student's pairs together, and
 * insertion sort orders the few goals of one student.  The sort works on
 * packed keys (goal rank, then pair index) in an array of its own, so it
 * reads the pairs only in order and not at random.
 */
size_t *
sorted_pairs(const struct book *b, const size_t *srank, const size_t *grank)
{
	size_t nstudents = b->students.n, *start, *order, i, j, k, m;
	uint32_t *sr;
	uint64_t *key, x;

	start = xcalloc(nstudents + 1, sizeof(*start));
	order = xmalloc((b->npairs ? b->npairs : 1) * sizeof(*order));
	sr = xmalloc((b->npairs ? b->npairs : 1) * sizeof(*sr));
	key = xmalloc((b->npairs ? b->npairs : 1) * sizeof(*key));
	for (i = 0; i < b->npairs; i++) {
		sr[i] = (uint32_t)srank[b->pairs[i].student];
		start[sr[i] + 1]++;
	}
	for (i = 0; i < nstudents; i++)
		start[i + 1] += start[i];
	for (i = 0; i < b->npairs; i++)
		key[start[sr[i]]++] = (uint64_t)grank[b->pairs[i].goal] << 32 |
		    (uint64_t)i;

	/* start[s] is now the end of student rank s's run. */
	for (i = 0, j = 0; i < nstudents; j = start[i++]) {
		for (k = j + 1; k < start[i]; k++) {
			x = key[k];
			for (m = k; m > j && key[m - 1] > x; m--)
				key[m] = key[m - 1];
			key[m] = x;
		}
	}
	for (i = 0; i < b->npairs; i++)
		order[i] = (size_t)(key[i] & 0xffffffffU);
	free(key);
	free(sr);
	free(start);
	return order;
}

/* The inverse of a rank: idx in rank order. */
static size_t *
invert(const size_t *rank, size_t n)
{
	size_t *order, i;

	order = xmalloc((n ? n : 1) * sizeof(*order));
	for (i = 0; i < n; i++)
		order[rank[i]] = i;
	return order;
}

static void
outcome_of_pair(const struct book *b, const struct pair *p,
    struct outcome *o)
{
	int stalled = pair_stalled(b, p);

	memset(o, 0, sizeof(*o));
	o->basis = BASIS_EVIDENCE;
	o->has_est = p->has_est;
	o->est = p->est;
	o->count = p->n;
	o->has_latest = p->n > 0;
	o->latest = p->last;
	o->first = p->first_time;
	o->last = p->last_time;
	o->mastered_time = p->was_mastered ? p->mastered_time : STAMP_NONE;
	o->last_activity = p->last_activity;
	if (p->mastered)
		o->status = ST_MASTERED;
	else if (p->was_mastered)
		o->status = ST_SLIPPED;
	else if (stalled)
		o->status = ST_STALLED;
	else
		o->status = ST_PROGRESSING;
	if (stalled && !p->mastered)
		o->stalled_activity = p->run_activity;
}

static void
outcome_empty(struct outcome *o)
{
	memset(o, 0, sizeof(*o));
	o->status = ST_NOT_STARTED;
	o->first = o->last = o->mastered_time = STAMP_NONE;
}

/* The later of two stamps, either of which may be STAMP_NONE. */
static int64_t
later(int64_t a, int64_t b)
{
	if (a == STAMP_NONE)
		return b;
	if (b == STAMP_NONE || a > b)
		return a;
	return b;
}

static int64_t
earlier(int64_t a, int64_t b)
{
	if (a == STAMP_NONE)
		return b;
	if (b == STAMP_NONE || a < b)
		return a;
	return b;
}

/*
 * Roll a goal without evidence of its own up from its parts: mastered
 * when every part is, with the mean of the parts' estimates.
 */
static void
roll_up(const struct graph *parts, size_t w, struct outcome *out)
{
	struct outcome *o = &out[w];
	size_t i, u, nest = 0, nstarted = 0, nmastered = 0, nparts;
	double sum = 0;

	nparts = parts->off[w + 1] - parts->off[w];
	if (nparts == 0 || o->basis != BASIS_NONE)
		return;
	for (i = parts->off[w]; i < parts->off[w + 1]; i++) {
		u = parts->adj[i];
		if (out[u].basis == BASIS_NONE)
			continue;
		nstarted++;
		nmastered += out[u].status == ST_MASTERED;
		if (out[u].has_est) {
			sum += out[u].est;
			nest++;
		}
		o->count += out[u].count;
		o->first = earlier(o->first, out[u].first);
		o->last = later(o->last, out[u].last);
		o->mastered_time = later(o->mastered_time,
		    out[u].mastered_time);
	}
	if (nstarted == 0)
		return;
	o->basis = BASIS_PARTS;
	o->has_est = nest > 0;
	o->est = nest > 0 ? sum / nest : 0;
	o->status = nmastered == nparts ? ST_MASTERED : ST_PROGRESSING;
	if (o->status != ST_MASTERED)
		o->mastered_time = STAMP_NONE;
}

static void
write_outcome(struct book *b, struct writer *w, size_t student, size_t goal,
    const struct outcome *o)
{
	static const char *const basis_names[] = { "", "evidence", "parts" };

	writer_str(w, strmap_key(&b->students, student));
	writer_str(w, strmap_key(&b->goals, goal));
	writer_str(w, status_names[o->status]);
	if (o->has_est)
		put_value(b, w, o->est);
	else
		writer_empty(w);
	put_value(b, w, b->goal_threshold[goal]);
	put_count(w, o->count);
	if (o->has_latest)
		put_value(b, w, o->latest);
	else
		writer_empty(w);
	put_stamp(w, o->first);
	put_stamp(w, o->last);
	put_stamp(w, o->mastered_time);
	writer_str(w, b->cfg->method_name);
	writer_str(w, basis_names[o->basis]);
	writer_str(w, book_activity(b, o->last_activity));
	writer_str(w, book_activity(b, o->stalled_activity));
	writer_end(w);
}

/* The part_of structure, reversed: whole -> parts, and a topological order. */
struct rollup {
	struct graph parts;
	size_t	*order;
	size_t	 n;
};

static void
rollup_init(struct rollup *r, const struct goalmap *gm)
{
	memset(r, 0, sizeof(*r));
	if (gm == NULL)
		return;
	graph_reverse(&gm->part_of, &r->parts);
	r->order = xmalloc((gm->n ? gm->n : 1) * sizeof(*r->order));
	r->n = graph_topo(&gm->part_of, NULL, r->order, NULL);
}

static void
rollup_free(struct rollup *r)
{
	if (r->order == NULL)
		return;
	graph_free(&r->parts);
	free(r->order);
}

/* The sorted pairs and roll-up that every part of the table is written from. */
struct table {
	struct book *b;
	struct rollup ru;
	size_t	*sorder;	/* students in output order */
	size_t	*gorder;	/* goals in output order */
	size_t	*order;		/* pairs in output order */
	size_t	*first;		/* first[i]: student i's first pair in order */
	size_t	 nstudents;
	int	 grid;		/* every goal of every student */
};

/*
 * Write the rows of students [from, to) in output order onto w, using
 * out, an outcome per goal, all empty, as scratch.
 */
static void
write_students(const struct table *t, struct writer *w, size_t from,
    size_t to, struct outcome *out)
{
	struct book *b = t->b;
	size_t ngoals = b->goals.n, i, k, s, g;

	for (i = from; i < to; i++) {
		s = t->sorder[i];
		for (k = t->first[i]; k < t->first[i + 1]; k++)
			outcome_of_pair(b, &b->pairs[t->order[k]],
			    &out[b->pairs[t->order[k]].goal]);
		for (g = 0; g < t->ru.n; g++)
			roll_up(&t->ru.parts, t->ru.order[g], out);
		if (t->grid) {
			for (g = 0; g < ngoals; g++)
				write_outcome(b, w, s, t->gorder[g],
				    &out[t->gorder[g]]);
			for (g = 0; g < ngoals; g++)
				outcome_empty(&out[g]);
		} else {
			for (k = t->first[i]; k < t->first[i + 1]; k++) {
				g = b->pairs[t->order[k]].goal;
				write_outcome(b, w, s, g, &out[g]);
				outcome_empty(&out[g]);
			}
		}
	}
}

static struct outcome *
new_outcomes(size_t ngoals)
{
	struct outcome *out;
	size_t g;

	out = xmalloc((ngoals ? ngoals : 1) * sizeof(*out));
	for (g = 0; g < ngoals; g++)
		outcome_empty(&out[g]);
	return out;
}

/*
 * A large table is formatted on two threads, in runs of CHUNK students:
 * this one writes the even runs to standard output, a helper formats the
 * odd runs into memory, and this one copies them out in turn.  At most
 * AHEAD runs wait in memory.  The helper never exits the program: when
 * its memory runs out, it marks the failure and this thread stops the
 * run.
 */
#define CHUNK		256
#define AHEAD		2
#define WRITER_STACK	((size_t)1 << 20)

/* Text of one run, grown by the stream that fopencookie() makes. */
struct text {
	char	*p;
	size_t	 len;
	size_t	 cap;
	int	 failed;	/* memory ran out: some text is missing */
};

struct chunks {
	const struct table *t;
	struct writer proto;	/* delimiter and spreadsheet settings */
	struct outcome *out;	/* the helper's scratch */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct text text[AHEAD];
	size_t	 made;		/* odd runs formatted */
	size_t	 taken;		/* odd runs written out */
	int	 failed;	/* the helper ran out of memory */
};

static ssize_t
text_write(void *cookie, const char *p, size_t n)
{
	struct text *x = cookie;
	size_t cap;
	char *q;

	if (n > SIZE_MAX / 4 || x->len > SIZE_MAX / 4) {
		x->failed = 1;
		return 0;
	}
	if (x->len + n > x->cap) {
		cap = 2 * (x->len + n);
		if ((q = realloc(x->p, cap)) == NULL) {
			x->failed = 1;
			return 0;
		}
		x->p = q;
		x->cap = cap;
	}
	memcpy(x->p + x->len, p, n);
	x->len += n;
	return (ssize_t)n;
}

/* Format students [from, to) into x.  Return 0, or -1 when memory ran out. */
static int
format_run(struct chunks *c, struct text *x, size_t from, size_t to)
{
	static const cookie_io_functions_t io = { NULL, text_write, NULL,
	    NULL };
	struct writer w;
	FILE *fp;

	x->len = 0;
	x->failed = 0;
	if ((fp = fopencookie(x, "w", io)) == NULL)
		return -1;
	w = c->proto;
	w.fp = fp;
	w.started = 0;
	write_students(c->t, &w, from, to, c->out);
	if (fclose(fp) != 0 || x->failed)
		return -1;
	return 0;
}

static void *
format_odd_chunks(void *arg)
{
	struct chunks *c = arg;
	size_t from, to, n = c->t->nstudents;
	struct text *x;
	int failed;

	for (from = CHUNK; from < n; from += 2 * CHUNK) {
		to = from + CHUNK < n ? from + CHUNK : n;
		pthread_mutex_lock(&c->lock);
		while (c->made - c->taken == AHEAD)
			pthread_cond_wait(&c->changed, &c->lock);
		x = &c->text[c->made % AHEAD];
		pthread_mutex_unlock(&c->lock);

		failed = format_run(c, x, from, to) < 0;

		pthread_mutex_lock(&c->lock);
		c->failed = failed;
		if (!failed)
			c->made++;
		pthread_cond_signal(&c->changed);
		pthread_mutex_unlock(&c->lock);
		if (failed)
			break;
	}
	return NULL;
}

static void
write_chunks(const struct table *t, struct writer *w)
{
	struct chunks c;
	struct outcome *out;
	pthread_attr_t attr;
	pthread_t thread;
	size_t from, to, k, i;
	int err, started = 0, failed = 0;

	out = new_outcomes(t->b->goals.n);
	memset(&c, 0, sizeof(c));
	if (t->nstudents > CHUNK && pthread_attr_init(&attr) == 0) {
		c.t = t;
		c.proto = *w;
		c.out = new_outcomes(t->b->goals.n);
		if ((err = pthread_mutex_init(&c.lock, NULL)) != 0 ||
		    (err = pthread_cond_init(&c.changed, NULL)) != 0)
			die(EXIT_TROUBLE, "thread: %s", strerror(err));
		(void)pthread_attr_setstacksize(&attr, WRITER_STACK);
		started = pthread_create(&thread, &attr, format_odd_chunks,
		    &c) == 0;
		pthread_attr_destroy(&attr);
		if (!started) {
			pthread_mutex_destroy(&c.lock);
			pthread_cond_destroy(&c.changed);
		}
	}
	if (!started) {
		/* One thread: no helper, or none could be started. */
		write_students(t, w, 0, t->nstudents, out);
		goto done;
	}
	for (from = 0, k = 0; from < t->nstudents; from += CHUNK, k++) {
		to = from + CHUNK < t->nstudents ? from + CHUNK : t->nstudents;
		if (k % 2 == 0) {
			write_students(t, w, from, to, out);
			continue;
		}
		pthread_mutex_lock(&c.lock);
		while (c.made == c.taken && !c.failed)
			pthread_cond_wait(&c.changed, &c.lock);
		failed = c.made == c.taken;
		pthread_mutex_unlock(&c.lock);
		if (failed)
			break;
		fwrite(c.text[c.taken % AHEAD].p, 1,
		    c.text[c.taken % AHEAD].len, w->fp);
		pthread_mutex_lock(&c.lock);
		c.taken++;
		pthread_cond_signal(&c.changed);
		pthread_mutex_unlock(&c.lock);
	}
	if ((err = pthread_join(thread, NULL)) != 0)
		die(EXIT_TROUBLE, "thread: %s", strerror(err));
	pthread_mutex_destroy(&c.lock);
	pthread_cond_destroy(&c.changed);
	if (failed)
		die(EXIT_TROUBLE, "%s", strerror(ENOMEM));
done:
	for (i = 0; i < AHEAD; i++)
		free(c.text[i].p);
	free(c.out);
	free(out);
}

/*
 * Write one row per student and goal: the pairs with evidence, and with a
 * goal map or roster every known goal of every known student.
 */
void
write_mastery(struct book *b)
{
	static const char *const header[] = {
		"student_id", "goal_id", "status", "estimate", "threshold",
		"evidence", "latest", "first_time", "last_time",
		"mastered_time", "method", "basis", "last_activity",
		"stalled_activity"
	};
	struct writer w;
	struct table t;
	size_t nstudents = b->students.n, ngoals = b->goals.n;
	size_t *srank, *grank, i, k;

	writer_init(&w, stdout, writer_delim(&b->cfg->topts, b->delim),
	    b->cfg->topts.excel);
	writer_row(&w, header, sizeof(header) / sizeof(header[0]));
	memset(&t, 0, sizeof(t));
	t.b = b;
	t.nstudents = nstudents;
	t.grid = b->gm != NULL || b->cfg->roster_file != NULL;
	srank = rank_names(&b->students, nstudents);
	grank = rank_names(&b->goals, ngoals);
	t.sorder = invert(srank, nstudents);
	t.gorder = invert(grank, ngoals);
	t.order = sorted_pairs(b, srank, grank);
	t.first = xmalloc((nstudents + 1) * sizeof(*t.first));
	for (i = 0, k = 0; i < nstudents; i++) {
		t.first[i] = k;
		while (k < b->npairs && b->pairs[t.order[k]].student ==
		    t.sorder[i])
			k++;
	}
	t.first[nstudents] = k;
	rollup_init(&t.ru, b->gm);

	write_chunks(&t, &w);

	rollup_free(&t.ru);
	free(t.first);
	free(t.order);
	free(t.sorder);
	free(t.gorder);
	free(srank);
	free(grank);
}

/*
 * Write where a piece came from: "FILE:LINE", or for merged criteria
 * every row's line, "FILE:LINE+LINE", naming a file again when it changes.
 */
static void
put_source(const struct book *b, struct writer *w, const struct piece *pc)
{
	const struct source *src;
	char *buf, *p;
	size_t i, n, size;
	const char *name;

	n = pc->nsrc > 1 ? pc->nsrc : 1;
	size = 0;
	for (i = 0; i < n; i++) {
		src = pc->nsrc > 1 ? &b->sources[pc->src + i] : NULL;
		size += strlen(display_name(b->files[src != NULL ? src->file :
		    pc->file])) + 16;
	}
	p = buf = xmalloc(size);
	for (i = 0; i < n; i++) {
		src = pc->nsrc > 1 ? &b->sources[pc->src + i] : NULL;
		name = display_name(b->files[src != NULL ? src->file :
		    pc->file]);
		if (i > 0 && src->file == src[-1].file)
			p += sprintf(p, "+%u", src->line);
		else
			p += sprintf(p, "%s%s:%u", i > 0 ? "+" : "", name,
			    src != NULL ? src->line : pc->line);
	}
	writer_str(w, buf);
	free(buf);
}

/*
 * Write, for each student and goal, the pieces of evidence in time order
 * with the weight each carries in the final estimate and the estimate
 * after it.  Needs the pieces kept and sorted by book_read().
 */
void
write_explain(struct book *b)
{
	static const char *const header[] = {
		"student_id", "goal_id", "time", "activity_id", "assessor",
		"score", "weight", "estimate", "source"
	};
	static const char *const assessors[AS_COUNT] = {
		"teacher", "self", "peer", "system"
	};
	struct writer w;
	struct pair *p;
	const struct piece *pc;
	size_t *srank, *grank, *order, *start, i, k, n;
	double *weights = NULL;

	writer_init(&w, stdout, writer_delim(&b->cfg->topts, b->delim),
	    b->cfg->topts.excel);
	writer_row(&w, header, sizeof(header) / sizeof(header[0]));
	srank = rank_names(&b->students, b->students.n);
	grank = rank_names(&b->goals, b->goals.n);
	order = sorted_pairs(b, srank, grank);
	start = xmalloc((b->npairs + 1) * sizeof(*start));
	for (i = 0; i <= b->npairs; i++)
		start[i] = b->npieces;
	for (i = b->npieces; i-- > 0;)
		start[b->pieces[i].pair] = i;
	weights = xmalloc((b->npieces ? b->npieces : 1) * sizeof(*weights));

	for (i = 0; i < b->npairs; i++) {
		p = &b->pairs[order[i]];
		pc = &b->pieces[start[order[i]]];
		for (n = 0; start[order[i]] + n < b->npieces &&
		    pc[n].pair == order[i]; n++)
			continue;
		method_weights(b, pc, n, weights);
		pair_reset(b, p);
		for (k = 0; k < n; k++) {
			pair_fold(b, p, &pc[k]);
			writer_str(&w, strmap_key(&b->students, p->student));
			writer_str(&w, strmap_key(&b->goals, p->goal));
			put_stamp(&w, pc[k].time);
			writer_str(&w, book_activity(b, pc[k].activity));
			writer_str(&w, assessors[pc[k].assessor]);
			put_value(b, &w, pc[k].prop);
			if (isnan(weights[k]))
				writer_empty(&w);
			else
				writer_num(&w, weights[k], 4);
			if (p->has_est)
				put_value(b, &w, p->est);
			else
				writer_empty(&w);
			put_source(b, &w, &pc[k]);
			writer_end(&w);
		}
	}

	free(weights);
	free(start);
	free(order);
	free(srank);
	free(grank);
}
