/* goalkit: see LICENSE. The mastery methods, one piece of evidence at a time. */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "mastery-calc.h"

/*
 * Tolerance of "at or above the threshold": 0.8 read from a table and
 * 3.2 / 4 computed here must compare as equal.
 */
#define EPSILON	1e-9

#define DEFAULT_WEIGHT	0.65
#define DEFAULT_NTIMES	3
#define MAX_NTIMES	1000

static double
threshold_of(const struct book *b, const struct pair *p)
{
	return b->goal_threshold[p->goal];
}

static float *
ring_of(const struct book *b, const struct pair *p)
{
	return b->ring + (size_t)(p - b->pairs) * (size_t)b->cfg->stall_window;
}

/* Clear a pair's state; its ids and dirty flag stay. */
void
pair_reset(struct book *b, struct pair *p)
{
	uint32_t student = p->student, goal = p->goal;
	uint8_t dirty = p->dirty;

	memset(p, 0, sizeof(*p));
	p->student = student;
	p->goal = goal;
	p->dirty = dirty;
	p->first_time = p->last_time = p->mastered_time = STAMP_NONE;
	p->last_rate = -1;
	if (b->rstate != NULL)
		memset(&b->rstate[p - b->pairs], 0, sizeof(*b->rstate));
}

/* The estimate of the method after x was added to p's earlier pieces. */
static double
next_estimate(const struct book *b, const struct pair *p, double x)
{
	const struct config *cfg = b->cfg;
	double w = cfg->weight;

	switch (cfg->method) {
	case M_LATEST:
		return x;
	case M_HIGHEST:
		return p->n == 0 || x > p->est ? x : p->est;
	case M_MEAN:
		return (p->sum + x) / (p->n + 1);
	case M_WEIGHTED:
		return p->n == 0 ? x : x * w + p->sum / p->n * (1 - w);
	case M_DECAYING:
		return p->n == 0 ? x : p->est * (1 - w) + x * w;
	case M_NTIMES:
		if (x >= threshold_of(b, p) - EPSILON)
			return (p->qsum + x) / (p->nqual + 1);
		return p->est;
	case M_BKT:
		return bkt_step(&b->bkt[p->goal], p->n == 0 ?
		    b->bkt[p->goal].prior : p->est,
		    x >= cfg->correct_at - EPSILON);
	}
	return x;
}

/* Track runs of evidence from one activity, for the stalled status. */
static void
fold_run(struct book *b, struct pair *p, const struct piece *pc)
{
	long k = b->cfg->stall_window;

	ring_of(b, p)[(p->n - 1) % k] = (float)pc->prop;
	if (pc->activity != 0 && pc->activity == p->run_activity)
		p->run_len++;
	else {
		p->run_activity = pc->activity;
		p->run_len = 1;
	}
}

/* Fold one piece of evidence, later than every earlier one, into p. */
void
pair_fold(struct book *b, struct pair *p, const struct piece *pc)
{
	const struct config *cfg = b->cfg;
	double x = pc->prop, aim = b->goal_aim[p->goal];
	int ok;

	p->est = next_estimate(b, p, x);
	if (cfg->method == M_NTIMES && x >= threshold_of(b, p) - EPSILON) {
		p->nqual++;
		p->qsum += x;
	}
	p->n++;
	p->sum += x;
	p->last = x;
	p->has_est = cfg->method != M_NTIMES || p->nqual >= cfg->ntimes;
	p->last_key = pc->key;
	if (p->n == 1)
		p->first_time = pc->time;
	p->last_time = pc->time;
	p->last_activity = pc->activity;
	if (pc->rate >= 0)
		p->last_rate = (float)pc->rate;
	fold_run(b, p, pc);

	ok = p->has_est && p->est >= threshold_of(b, p) - EPSILON &&
	    p->n >= (uint32_t)cfg->min_evidence &&
	    (aim < 0 || p->last_rate >= aim - EPSILON);
	if (ok && !p->mastered)
		p->mastered_time = pc->time;
	p->mastered = (uint8_t)ok;
	if (ok)
		p->was_mastered = 1;

	if (cfg->rates && pc->rate >= 0)
		rate_fold(b, &b->rstate[p - b->pairs], pc);
}

/*
 * Stalled: the last stall_window pieces all came from one activity, and
 * the latest of them is no higher than the first.
 */
int
pair_stalled(const struct book *b, const struct pair *p)
{
	const float *ring = ring_of(b, p);
	long k = b->cfg->stall_window;

	if (p->run_activity == 0 || p->run_len < (uint32_t)k)
		return 0;
	return ring[(p->n - 1) % k] <= ring[(p->n - k) % k] + EPSILON;
}

static int
cmp_piece(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;

	if (x->pair != y->pair)
		return x->pair < y->pair ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort pieces by pair, then time, then position in the input. */
void
pieces_sort(struct piece *pieces, size_t n)
{
	qsort(pieces, n, sizeof(*pieces), cmp_piece);
}

/*
 * The weight each of a pair's n pieces (in time order) carries in the
 * final estimate.  BKT has no such weights: they are NAN.
 */
void
method_weights(const struct book *b, const struct piece *pc, size_t n,
    double *weights)
{
	const struct config *cfg = b->cfg;
	double w = cfg->weight, thr;
	size_t i, best, q;

	for (i = 0; i < n; i++)
		weights[i] = 0;
	if (n == 0)
		return;
	switch (cfg->method) {
	case M_LATEST:
		weights[n - 1] = 1;
		break;
	case M_HIGHEST:
		for (best = 0, i = 1; i < n; i++)
			if (pc[i].prop > pc[best].prop)
				best = i;
		weights[best] = 1;
		break;
	case M_MEAN:
		for (i = 0; i < n; i++)
			weights[i] = 1.0 / n;
		break;
	case M_WEIGHTED:
		weights[n - 1] = n == 1 ? 1 : w;
		for (i = 0; i + 1 < n; i++)
			weights[i] = (1 - w) / (n - 1);
		break;
	case M_DECAYING:
		weights[0] = pow(1 - w, (double)(n - 1));
		for (i = 1; i < n; i++)
			weights[i] = w * pow(1 - w, (double)(n - 1 - i));
		break;
	case M_NTIMES:
		thr = b->goal_threshold[b->pairs[pc[0].pair].goal];
		for (q = 0, i = 0; i < n; i++)
			q += pc[i].prop >= thr - EPSILON;
		if (q < (size_t)cfg->ntimes)
			break;
		for (i = 0; i < n; i++)
			if (pc[i].prop >= thr - EPSILON)
				weights[i] = 1.0 / q;
		break;
	case M_BKT:
		for (i = 0; i < n; i++)
			weights[i] = NAN;
		break;
	}
}

/* The number after "name:" in arg, or def when there is none. */
static double
method_param(const char *arg, const char *colon, double def, double min,
    double max, int integer)
{
	char *end;
	double v;

	if (colon == NULL)
		return def;
	errno = 0;
	v = strtod(colon + 1, &end);
	if (end == colon + 1 || *end != '\0' || errno == ERANGE ||
	    !(v >= min && v <= max) || (integer && v != floor(v)))
		die(EXIT_TROUBLE, "-m: invalid %s '%s' in '%s' (allowed "
		    "%g-%g)", integer ? "count" : "weight", colon + 1, arg,
		    min, max);
	return v;
}

/* Set cfg's method from a -m argument such as "decaying-average:0.65". */
int
parse_method(struct config *cfg, const char *arg)
{
	static const struct {
		const char *name;
		enum method method;
	} names[] = {
		{ "latest", M_LATEST },
		{ "highest", M_HIGHEST },
		{ "mean", M_MEAN },
		{ "weighted-average", M_WEIGHTED },
		{ "decaying-average", M_DECAYING },
		{ "n-times", M_NTIMES },
		{ "bkt", M_BKT }
	};
	const char *colon;
	size_t i, len;

	colon = strchr(arg, ':');
	len = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len &&
		    strncmp(names[i].name, arg, len) == 0)
			break;
	if (i == sizeof(names) / sizeof(names[0]) || (colon != NULL &&
	    names[i].method != M_WEIGHTED && names[i].method != M_DECAYING &&
	    names[i].method != M_NTIMES))
		return -1;
	cfg->method = names[i].method;
	cfg->weight = DEFAULT_WEIGHT;
	cfg->ntimes = DEFAULT_NTIMES;
	if (cfg->method == M_WEIGHTED || cfg->method == M_DECAYING) {
		cfg->weight = method_param(arg, colon, DEFAULT_WEIGHT, 0, 1, 0);
		snprintf(cfg->method_name, sizeof(cfg->method_name), "%s:%g",
		    names[i].name, cfg->weight);
	} else if (cfg->method == M_NTIMES) {
		cfg->ntimes = (long)method_param(arg, colon, DEFAULT_NTIMES, 1,
		    MAX_NTIMES, 1);
		snprintf(cfg->method_name, sizeof(cfg->method_name), "%s:%ld",
		    names[i].name, cfg->ntimes);
	} else
		snprintf(cfg->method_name, sizeof(cfg->method_name), "%s",
		    names[i].name);
	return 0;
}
