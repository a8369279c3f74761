/* goalkit: see LICENSE. Bayesian Knowledge Tracing: update, parameters and fitting. */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "reader.h"
#include "util.h"
#include "value.h"
#include "writer.h"

#include "mastery-calc.h"

/* Documented defaults, used for goals without fitted or given parameters. */
#define DEFAULT_PRIOR	0.3
#define DEFAULT_LEARN	0.1
#define DEFAULT_GUESS	0.2
#define DEFAULT_SLIP	0.1
#define DEFAULT_FORGET	0.0

/* A goal needs this much evidence before its parameters are fitted. */
#define FIT_MIN_PIECES	50
#define FIT_MIN_STUDENTS 5

/* Expectation-maximisation stops after this many rounds or this change. */
#define FIT_MAX_ROUNDS	500
#define FIT_TOLERANCE	1e-9

/* Fitted probabilities stay this far from 0 and 1. */
#define FIT_MARGIN	1e-4

void
bkt_defaults(struct bkt_params *m)
{
	m->prior = DEFAULT_PRIOR;
	m->learn = DEFAULT_LEARN;
	m->guess = DEFAULT_GUESS;
	m->slip = DEFAULT_SLIP;
	m->forget = DEFAULT_FORGET;
}

/*
 * P(mastered) after one answer: Bayes' rule on the answer, then the
 * learning (and forgetting) transition to the next step.
 */
double
bkt_step(const struct bkt_params *m, double p, int correct)
{
	double num, den, post;

	if (correct) {
		num = p * (1 - m->slip);
		den = num + (1 - p) * m->guess;
	} else {
		num = p * m->slip;
		den = num + (1 - p) * (1 - m->guess);
	}
	post = den > 0 ? num / den : p;
	return post * (1 - m->forget) + (1 - post) * m->learn;
}

/* A probability cell of a parameter file, or -1 with an error. */
static double
read_probability(struct reader *r, const struct record *rec, size_t col,
    const char *name, const struct table_opts *o)
{
	struct field f = rec_field(rec, col);
	double v;

	if (value_number(f, o->decimal_comma, &v, NULL) != 0 || v < 0 ||
	    v > 1) {
		f = field_trim(f);
		diag_error(reader_name(r), rec->line, "%s: invalid probability "
		    "'%.*s' (allowed 0-1)", name, (int)f.len, f.p);
		return -1;
	}
	return v;
}

/*
 * Read the parameter of one row into m.  Return 0, or -1 after an error
 * was reported.
 */
static int
read_model(struct reader *r, const struct record *rec, const size_t *col,
    const struct table_opts *o, struct bkt_params *m)
{
	double v[5];
	static const char *const names[5] = {
		"prior", "learn", "guess", "slip", "forget"
	};
	size_t i;

	v[4] = 0;
	for (i = 0; i < 5; i++) {
		if (i == 4 && (col[i] == NOCOL ||
		    field_trim(rec_field(rec, col[i])).len == 0))
			break;
		if ((v[i] = read_probability(r, rec, col[i], names[i], o)) < 0)
			return -1;
	}
	if (v[2] + v[3] >= 1) {
		diag_error(reader_name(r), rec->line, "slip: guess + slip must "
		    "be below 1 '%g'", v[2] + v[3]);
		return -1;
	}
	m->prior = v[0];
	m->learn = v[1];
	m->guess = v[2];
	m->slip = v[3];
	m->forget = v[4];
	return 0;
}

/*
 * Read per-goal parameters (goal_id, prior, learn, guess, slip and an
 * optional forget) from path.  Goals the file does not list keep the
 * defaults.  Errors are reported and end the program with EXIT_DATA.
 */
void
bkt_read_params(struct book *b, const char *path)
{
	static const char *const roles[6] = {
		"goal_id", "prior", "learn", "guess", "slip", "forget"
	};
	struct table_opts o;
	struct reader *r;
	struct record *rec;
	struct bkt_params m;
	struct field id;
	size_t col[6], i;
	int bad = 0, n;

	/* The parameter file uses goalkit's own names, not -c mappings. */
	o = b->cfg->topts;
	o.map = NULL;
	o.nmap = 0;
	o.delim = 0;
	if ((r = reader_open(path, &o)) == NULL)
		die(EXIT_TROUBLE, "%s: %s", display_name(path),
		    strerror(errno));
	for (i = 0; i < 6; i++)
		col[i] = reader_want(r, roles[i], i < 5, &bad);
	if (bad)
		exit(EXIT_DATA);
	while ((n = reader_next(r, &rec)) > 0) {
		if (read_model(r, rec, col + 1, &o, &m) < 0) {
			bad = 1;
			continue;
		}
		id = field_trim(rec_field(rec, col[0]));
		book_set_params(b, id.p, id.len, &m);
	}
	if (n < 0) {
		reader_report_error(r);
		bad = 1;
	}
	reader_close(r);
	if (bad)
		exit(EXIT_DATA);
}

/* Sums collected over one goal's sequences in one expectation step. */
struct em_sums {
	double	 first_mastered;	/* gamma at step 1, mastered */
	double	 sequences;
	double	 learned;		/* expected unmastered -> mastered */
	double	 from_unmastered;	/* expected unmastered before a step */
	double	 unmastered;		/* expected unmastered, all steps */
	double	 correct_unmastered;
	double	 mastered;
	double	 wrong_mastered;
	double	 loglik;
};

/* Scratch arrays for one sequence of forward-backward. */
struct em_work {
	double	*alpha;		/* 2 per step: unmastered, mastered */
	double	*scale;
	size_t	 cap;
};

static double
emission(const struct bkt_params *m, int mastered, int correct)
{
	if (mastered)
		return correct ? 1 - m->slip : m->slip;
	return correct ? m->guess : 1 - m->guess;
}

/*
 * Forward-backward over one sequence of answers (scaled so that every
 * step's alpha sums to 1), adding its expected counts to s.
 */
static void
em_sequence(const struct bkt_params *m, const unsigned char *obs, size_t n,
    struct em_work *w, struct em_sums *s)
{
	double a[2][2], beta[2], nb[2], e[2], c, g0, g1;
	size_t t;
	int r, q;

	a[0][0] = 1 - m->learn;
	a[0][1] = m->learn;
	a[1][0] = m->forget;
	a[1][1] = 1 - m->forget;
	if (n > w->cap) {
		w->cap = n;
		w->alpha = xreallocarray(w->alpha, 2 * n, sizeof(double));
		w->scale = xreallocarray(w->scale, n, sizeof(double));
	}
	for (t = 0; t < n; t++) {
		for (q = 0; q < 2; q++) {
			if (t == 0)
				c = q ? m->prior : 1 - m->prior;
			else
				c = w->alpha[2 * (t - 1)] * a[0][q] +
				    w->alpha[2 * (t - 1) + 1] * a[1][q];
			w->alpha[2 * t + q] = c * emission(m, q, obs[t]);
		}
		c = w->alpha[2 * t] + w->alpha[2 * t + 1];
		w->scale[t] = c;
		w->alpha[2 * t] /= c;
		w->alpha[2 * t + 1] /= c;
		s->loglik += log(c);
	}

	beta[0] = beta[1] = 1;
	for (t = n; t-- > 0;) {
		g0 = w->alpha[2 * t] * beta[0];
		g1 = w->alpha[2 * t + 1] * beta[1];
		s->unmastered += g0;
		s->mastered += g1;
		s->correct_unmastered += obs[t] ? g0 : 0;
		s->wrong_mastered += obs[t] ? 0 : g1;
		if (t == 0) {
			s->first_mastered += g1;
			break;
		}
		/* Step t-1 -> t: xi and the next beta use obs[t]. */
		for (q = 0; q < 2; q++)
			e[q] = emission(m, q, obs[t]) * beta[q] / w->scale[t];
		s->learned += w->alpha[2 * (t - 1)] * a[0][1] * e[1];
		s->from_unmastered += w->alpha[2 * (t - 1)];
		for (r = 0; r < 2; r++)
			nb[r] = a[r][0] * e[0] + a[r][1] * e[1];
		beta[0] = nb[0];
		beta[1] = nb[1];
	}
	s->sequences++;
}

static double
clamp(double v, double lo, double hi)
{
	if (v < lo)
		return lo;
	if (v > hi)
		return hi;
	return v;
}

/* One goal's sequences: answers back to back, with each one's length. */
struct goal_data {
	unsigned char *obs;
	size_t	 nobs;
	size_t	*len;
	size_t	 nseq;
};

/*
 * Fit m to the sequences by expectation-maximisation, starting from m.
 * Guess and slip stay within their bounds, so guess + slip < 1 and the
 * mastered state is always the one that answers better.  Return the
 * final log-likelihood.
 */
static double
em_fit(const struct config *cfg, const struct goal_data *d,
    struct bkt_params *m, struct em_work *w)
{
	struct em_sums s;
	double last = -INFINITY;
	size_t round, i, off;

	for (round = 0; round < FIT_MAX_ROUNDS; round++) {
		memset(&s, 0, sizeof(s));
		for (i = 0, off = 0; i < d->nseq; off += d->len[i++])
			em_sequence(m, d->obs + off, d->len[i], w, &s);
		m->prior = clamp(s.first_mastered / s.sequences, FIT_MARGIN,
		    1 - FIT_MARGIN);
		if (s.from_unmastered > 0)
			m->learn = clamp(s.learned / s.from_unmastered,
			    FIT_MARGIN, 1 - FIT_MARGIN);
		if (s.unmastered > 0)
			m->guess = clamp(s.correct_unmastered / s.unmastered,
			    FIT_MARGIN, cfg->max_guess);
		if (s.mastered > 0)
			m->slip = clamp(s.wrong_mastered / s.mastered,
			    FIT_MARGIN, cfg->max_slip);
		if (fabs(s.loglik - last) <= FIT_TOLERANCE * fabs(s.loglik))
			break;
		last = s.loglik;
	}
	return s.loglik;
}

/* Gather the answers of goal g's pairs from the sorted pieces. */
static void
gather_goal(const struct book *b, const size_t *first, size_t g,
    const size_t *next_pair, const size_t *pair_start, struct goal_data *d)
{
	const struct config *cfg = b->cfg;
	size_t p, i, start;

	d->nobs = d->nseq = 0;
	for (p = first[g]; p != (size_t)-1; p = next_pair[p]) {
		start = d->nobs;
		for (i = pair_start[p]; i < b->npieces &&
		    b->pieces[i].pair == p; i++)
			d->obs[d->nobs++] = b->pieces[i].prop >=
			    cfg->correct_at - 1e-9;
		if (d->nobs > start)
			d->len[d->nseq++] = d->nobs - start;
	}
}

static void
write_params(struct atomic_file *af, const struct book *b, size_t g,
    const struct bkt_params *m, size_t students, size_t pieces, int fitted)
{
	struct writer w;

	writer_init(&w, af->fp, ',', 0);
	writer_str(&w, strmap_key(&b->goals, g));
	writer_num(&w, m->prior, 4);
	writer_num(&w, m->learn, 4);
	writer_num(&w, m->guess, 4);
	writer_num(&w, m->slip, 4);
	writer_num(&w, m->forget, 4);
	writer_int(&w, (long long)students);
	writer_int(&w, (long long)pieces);
	writer_str(&w, fitted ? "fitted" : "default");
	writer_end(&w);
}

/*
 * Fit each goal's parameters over all students' sequences, use them, and
 * write them to path (replaced atomically) in goal id order.  Needs the
 * pieces kept and sorted by book_read().
 */
void
bkt_fit(struct book *b, const char *path)
{
	struct atomic_file af;
	struct goal_data d;
	struct em_work w;
	size_t ngoals = b->goals.n, *first, *next_pair, *students, *count;
	size_t *pair_start, *rank, *order, i, g;

	/* Chain each goal's pairs, and find where each pair's pieces start. */
	first = xmalloc((ngoals ? ngoals : 1) * sizeof(*first));
	students = xcalloc(ngoals ? ngoals : 1, sizeof(*students));
	count = xcalloc(ngoals ? ngoals : 1, sizeof(*count));
	next_pair = xmalloc((b->npairs ? b->npairs : 1) * sizeof(*next_pair));
	pair_start = xmalloc((b->npairs ? b->npairs : 1) *
	    sizeof(*pair_start));
	for (g = 0; g < ngoals; g++)
		first[g] = (size_t)-1;
	for (i = b->npairs; i-- > 0;) {
		g = b->pairs[i].goal;
		next_pair[i] = first[g];
		first[g] = i;
		pair_start[i] = b->npieces;
	}
	for (i = b->npieces; i-- > 0;) {
		pair_start[b->pieces[i].pair] = i;
		count[b->pairs[b->pieces[i].pair].goal]++;
	}
	for (i = 0; i < b->npairs; i++)
		students[b->pairs[i].goal] += pair_start[i] < b->npieces;

	if (atomic_open(&af, path) != 0)
		die(EXIT_TROUBLE, "%s: %s", path, strerror(errno));
	fputs("goal_id,prior,learn,guess,slip,forget,students,evidence,"
	    "source\n", af.fp);
	memset(&w, 0, sizeof(w));
	d.obs = xmalloc(b->npieces ? b->npieces : 1);
	d.len = xmalloc((b->npairs ? b->npairs : 1) * sizeof(*d.len));
	rank = rank_names(&b->goals, ngoals);
	order = xmalloc((ngoals ? ngoals : 1) * sizeof(*order));
	for (g = 0; g < ngoals; g++)
		order[rank[g]] = g;
	for (i = 0; i < ngoals; i++) {
		g = order[i];
		if (count[g] == 0)
			continue;
		if (count[g] < FIT_MIN_PIECES || students[g] <
		    FIT_MIN_STUDENTS) {
			diag_warn(path, 0, "goal '%s': too little evidence to "
			    "fit (%zu %s from %zu %s, need %d from %d); using "
			    "the defaults", strmap_key(&b->goals, g), count[g],
			    count[g] == 1 ? "piece" : "pieces", students[g],
			    students[g] == 1 ? "student" : "students",
			    FIT_MIN_PIECES, FIT_MIN_STUDENTS);
			write_params(&af, b, g, &b->bkt[g], students[g],
			    count[g], 0);
			continue;
		}
		gather_goal(b, first, g, next_pair, pair_start, &d);
		em_fit(b->cfg, &d, &b->bkt[g], &w);
		write_params(&af, b, g, &b->bkt[g], students[g], count[g], 1);
	}
	if (ferror(af.fp) || atomic_commit(&af) != 0)
		die(EXIT_TROUBLE, "%s: %s", path, strerror(errno));

	free(w.alpha);
	free(w.scale);
	free(d.obs);
	free(d.len);
	free(rank);
	free(order);
	free(first);
	free(next_pair);
	free(pair_start);
	free(students);
	free(count);
}
