/* goalkit: see LICENSE. Choosing goals and activities for a student, with reasons. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"
#include "writer.h"

#include "suggest.h"

/* Weights of the parts of fit; they add up to 1. */
#define W_EFFECT	0.5
#define W_PREFERENCE	0.3
#define W_VARIETY	0.2

/* A goal that could be offered, before ranking. */
struct candidate {
	size_t	 goal;
	enum pick_kind kind;
	int	 extended;
	int	 by_interest;
};

/* A growing C string. */
struct sbuf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

static void
sb_add(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += n;
}

static int
is_mastered(const struct world *w, size_t s, size_t g)
{
	return cell_at(w, s, g)->status == ST_MASTERED;
}

/* A goal is ready when all it requires, and all its parts, are mastered. */
static int
is_ready(const struct world *w, size_t s, size_t g)
{
	size_t i;

	for (i = 0; i < w->nneeds[g]; i++)
		if (!is_mastered(w, s, w->needs[g][i]))
			return 0;
	return 1;
}

/* Whether the student has mastered every core goal of g's grade. */
static int
core_done(const struct world *w, size_t s, size_t g)
{
	size_t i;

	for (i = 0; i < w->ngrade_core[g]; i++)
		if (!is_mastered(w, s, w->grade_core[g][i]))
			return 0;
	return 1;
}

/* qsort has no context argument in C99, so the comparators find it here. */
static const struct world *sort_world;

/*
 * Order goals by kind (stalled first), core before extended, for new
 * goals the most unlocked first, then by id.
 */
static int
compare_candidates(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;
	const struct world *w = sort_world;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->extended != b->extended)
		return a->extended - b->extended;
	if (a->kind == PICK_NEW && w->unlocks[a->goal] != w->unlocks[b->goal])
		return w->unlocks[a->goal] > w->unlocks[b->goal] ? -1 : 1;
	return strcmp(w->gm.goals[a->goal].id, w->gm.goals[b->goal].id);
}

/* The ready and the stalled goals of student s, in the order offered. */
static struct candidate *
list_candidates(const struct world *w, size_t s, size_t *n)
{
	struct candidate *c;
	const struct cell *cl;
	size_t g;

	c = xcalloc(w->ngoals ? w->ngoals : 1, sizeof(*c));
	*n = 0;
	for (g = 0; g < w->ngoals; g++) {
		cl = cell_at(w, s, g);
		/* A stall is shown even when prerequisites are missing. */
		if (cl->status == ST_MASTERED || (cl->status != ST_STALLED &&
		    !is_ready(w, s, g)))
			continue;
		c[*n].goal = g;
		c[*n].extended = w->gm.goals[g].scope == SCOPE_EXTENDED;
		switch (cl->status) {
		case ST_STALLED:
			c[*n].kind = PICK_STALLED;
			break;
		case ST_SLIPPED:
			c[*n].kind = PICK_SLIPPED;
			break;
		case ST_PROGRESSING:
			c[*n].kind = PICK_PROGRESSING;
			break;
		default:
			c[*n].kind = PICK_NEW;
			break;
		}
		if (c[*n].kind == PICK_NEW && c[*n].extended) {
			c[*n].by_interest = w->students[s].interest != NULL &&
			    w->students[s].interest[g];
			if (!c[*n].by_interest && !core_done(w, s, g))
				continue;
		}
		(*n)++;
	}
	sort_world = w;
	qsort(c, *n, sizeof(*c), compare_candidates);
	return c;
}

static int
requires_met(const struct world *w, size_t s, const struct activity *a)
{
	size_t i;

	for (i = 0; i < a->nrequires; i++)
		if (!is_mastered(w, s, a->requires[i]))
			return 0;
	return 1;
}

/* An online activity meant for home, for a student without internet there. */
static int
blocked_at_home(const struct world *w, size_t s, const struct activity *a)
{
	enum home_access h = w->students[s].home;

	return a->place == PLACE_HOME && a->online &&
	    (h == HOME_NONE || h == HOME_OFFLINE);
}

static int
has_tag(const size_t *tags, size_t n, size_t tag)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tags[i] == tag)
			return 1;
	return 0;
}

/*
 * Count the activity's type and features among tags (a student's likes
 * or dislikes); when out is non-NULL, store the matching tags there.
 */
static size_t
match_tags(const struct activity *a, const size_t *tags, size_t ntags,
    size_t *out)
{
	size_t i, n = 0;

	if (a->type != 0 && has_tag(tags, ntags, a->type)) {
		if (out != NULL)
			out[n] = a->type;
		n++;
	}
	for (i = 0; i < a->nfeatures; i++)
		if (has_tag(tags, ntags, a->features[i])) {
			if (out != NULL)
				out[n] = a->features[i];
			n++;
		}
	return n;
}

/* How often the student used activity a, counting the table's last_activity. */
static size_t
times_used(const struct world *w, size_t s, size_t g, size_t a)
{
	size_t n;

	n = use_count(w, s, a);
	if (n == 0 && cell_at(w, s, g)->last == a)
		n = 1;
	return n;
}

/* Fill in the fit of activity a (slot slot of goal g) for student s. */
static void
score_offer(const struct world *w, size_t s, size_t g, size_t slot,
    struct offer *o)
{
	const struct student *st = &w->students[s];
	const struct activity *a = &w->acts[w->goal_acts[g][slot]];
	double pref;

	if (w->have_evidence)
		o->effect = effect_estimate(w, s, g, slot, &o->used_n,
		    &o->used_k);
	else
		o->effect = 0.5;
	pref = 0.5 + 0.25 * ((double)match_tags(a, st->likes, st->nlikes,
	    NULL) - (double)match_tags(a, st->dislikes, st->ndislikes, NULL));
	if (pref < 0)
		pref = 0;
	if (pref > 1)
		pref = 1;
	o->fit = W_EFFECT * o->effect + W_PREFERENCE * pref +
	    W_VARIETY / (1.0 + times_used(w, s, g, o->activity));
}

static int
compare_offers(const void *pa, const void *pb)
{
	const struct offer *a = pa, *b = pb;

	if (a->other_type != b->other_type)
		return b->other_type - a->other_type;
	if (a->fit != b->fit)
		return a->fit > b->fit ? -1 : 1;
	return strcmp(sort_world->acts[a->activity].id,
	    sort_world->acts[b->activity].id);
}

/* Whether alternative x is a better stand-in for blocked activity b than y. */
static int
better_stand_in(const struct world *w, size_t b, const struct offer *x,
    const struct offer *y)
{
	const struct activity *ax = &w->acts[x->activity];
	const struct activity *ay = &w->acts[y->activity];
	int tx = ax->type == w->acts[b].type, ty = ay->type == w->acts[b].type;

	if (tx != ty)
		return tx;
	if (ax->place != ay->place)
		return ax->place == PLACE_SCHOOL;
	if (x->fit != y->fit)
		return x->fit > y->fit;
	return strcmp(ax->id, ay->id) < 0;
}

/*
 * Make sure the offers include a stand-in, done at school, for activity
 * b, which the student cannot do at home: the eligible activity of the
 * same type if there is one, else the best other one.
 */
static void
offer_stand_in(const struct world *w, size_t b, const struct offer *all,
    size_t nall, struct pick *p, size_t max)
{
	const struct offer *best = NULL;
	size_t i;

	for (i = 0; i < nall; i++)
		if (w->acts[all[i].activity].place != PLACE_HOME &&
		    (best == NULL || better_stand_in(w, b, &all[i], best)))
			best = &all[i];
	if (best == NULL)
		return;
	for (i = 0; i < p->noffers; i++)
		if (p->offers[i].activity == best->activity) {
			if (p->offers[i].replaces == NONE)
				p->offers[i].replaces = b;
			return;
		}
	/* Drop the weakest offer that replaces no blocked activity. */
	if (p->noffers == max) {
		for (i = p->noffers; i > 0; i--)
			if (p->offers[i - 1].replaces == NONE)
				break;
		if (i == 0)
			return;
		memmove(&p->offers[i - 1], &p->offers[i],
		    (p->noffers - i) * sizeof(*p->offers));
		p->noffers--;
	}
	p->offers[p->noffers] = *best;
	p->offers[p->noffers++].replaces = b;
}

/*
 * Choose up to max activities for goal g: aligned with it, their own
 * requirements mastered, not the one the student stalled on, and
 * doable where the student works.
 */
static void
choose_offers(const struct world *w, size_t s, size_t g, size_t max,
    struct pick *p)
{
	const struct cell *cl = cell_at(w, s, g);
	struct offer *all;
	size_t *blocked, nall = 0, nblocked = 0, i, a;
	size_t stalled_type = NONE;

	if (cl->status == ST_STALLED && cl->stalled < w->nacts)
		stalled_type = w->acts[cl->stalled].type;
	all = xcalloc(w->ngoal_acts[g] + 1, sizeof(*all));
	blocked = xcalloc(w->ngoal_acts[g] + 1, sizeof(*blocked));
	for (i = 0; i < w->ngoal_acts[g]; i++) {
		a = w->goal_acts[g][i];
		if ((cl->status == ST_STALLED && a == cl->stalled) ||
		    !requires_met(w, s, &w->acts[a]))
			continue;
		if (blocked_at_home(w, s, &w->acts[a])) {
			blocked[nblocked++] = a;
			continue;
		}
		all[nall].activity = a;
		all[nall].replaces = NONE;
		all[nall].other_type = stalled_type != NONE &&
		    w->acts[a].type != stalled_type;
		score_offer(w, s, g, i, &all[nall]);
		nall++;
	}
	sort_world = w;
	qsort(all, nall, sizeof(*all), compare_offers);
	p->noffers = nall < max ? nall : max;
	p->offers = xcalloc(max, sizeof(*p->offers));
	memcpy(p->offers, all, p->noffers * sizeof(*all));
	for (i = 0; i < nblocked; i++)
		offer_stand_in(w, blocked[i], all, nall, p, max);
	qsort(p->offers, p->noffers, sizeof(*p->offers), compare_offers);
	p->coach = 0;
	for (i = 1; i < p->noffers; i++)
		if (w->acts[p->offers[i].activity].type !=
		    w->acts[p->offers[0].activity].type)
			p->coach = 1;
	free(all);
	free(blocked);
}

static struct pick *
add_pick(struct plan *plan, size_t g, enum pick_kind kind)
{
	struct pick *p;

	if (plan->n == plan->cap) {
		plan->cap = plan->cap ? 2 * plan->cap : 8;
		plan->picks = xreallocarray(plan->picks, plan->cap,
		    sizeof(*plan->picks));
	}
	p = &plan->picks[plan->n++];
	memset(p, 0, sizeof(*p));
	p->goal = g;
	p->kind = kind;
	p->stalled_goal = NONE;
	return p;
}

static int
planned(const struct plan *plan, size_t g)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		if (plan->picks[i].goal == g)
			return 1;
	return 0;
}

/*
 * After a stalled goal g, offer to revisit each prerequisite that is not
 * mastered, or was mastered only narrowly or long before the stall.
 */
static void
add_revisits(const struct world *w, const struct settings *set, size_t s,
    size_t g, struct plan *plan)
{
	const struct cell *stall = cell_at(w, s, g), *c;
	const struct goal *gl = &w->gm.goals[g];
	struct pick *p;
	size_t i, r;
	int unmastered, narrow, long_ago;

	for (i = 0; i < gl->nrequires && plan->n < set->count; i++) {
		r = gl->requires[i];
		c = cell_at(w, s, r);
		unmastered = c->status != ST_MASTERED;
		narrow = !unmastered && c->estimate >= 0 &&
		    c->threshold >= 0 &&
		    c->estimate - c->threshold < set->revisit_margin;
		long_ago = !unmastered && c->mastered_day >= 0 &&
		    stall->last_day >= 0 &&
		    stall->last_day - c->mastered_day > set->revisit_days;
		if ((!unmastered && !narrow && !long_ago) || planned(plan, r))
			continue;
		p = add_pick(plan, r, PICK_REVISIT);
		p->stalled_goal = g;
		p->unmastered = unmastered;
		p->narrow = narrow;
		p->long_ago = long_ago;
		choose_offers(w, s, r, set->alternatives, p);
	}
}

void
plan_student(const struct world *w, const struct settings *set, size_t s,
    struct plan *plan)
{
	struct candidate *c;
	struct pick *p;
	size_t n, i;

	for (i = 0; i < plan->n; i++)
		free(plan->picks[i].offers);
	plan->n = 0;
	c = list_candidates(w, s, &n);
	for (i = 0; i < n && plan->n < set->count; i++) {
		if (planned(plan, c[i].goal))
			continue;
		p = add_pick(plan, c[i].goal, c[i].kind);
		p->by_interest = c[i].by_interest;
		choose_offers(w, s, c[i].goal, set->alternatives, p);
		/* A goal with nothing to do is dropped, unless it stalled. */
		if (p->noffers == 0 && p->kind != PICK_STALLED) {
			free(p->offers);
			plan->n--;
			continue;
		}
		if (p->kind == PICK_STALLED)
			add_revisits(w, set, s, c[i].goal, plan);
	}
	free(c);
}

void
plan_free(struct plan *plan)
{
	size_t i;

	for (i = 0; i < plan->n; i++)
		free(plan->picks[i].offers);
	free(plan->picks);
	memset(plan, 0, sizeof(*plan));
}

/* Append "A", "A and B" or "A, B and C" from names[0..n-1]. */
static void
sb_names(struct sbuf *b, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && i + 1 == n)
			sb_add(b, " and ");
		else if (i > 0)
			sb_add(b, ", ");
		sb_add(b, "%s", names[i]);
	}
}

/* Append " (E for T)" when the table gives both numbers. */
static void
sb_estimate(struct sbuf *b, const struct cell *c)
{
	char e[32], t[32];

	if (c->estimate < 0 || c->threshold < 0)
		return;
	sb_add(b, " (%s for %s)", value_format(c->estimate, 2, e, sizeof(e)),
	    value_format(c->threshold, 2, t, sizeof(t)));
}

/* Append why the goal is offered: the first part of every reason. */
static void
reason_goal(const struct world *w, size_t s, const struct pick *p,
    const struct offer *o, struct sbuf *b)
{
	const struct cell *c = cell_at(w, s, p->goal), *st;
	const char **names;
	size_t i, g = p->goal;

	switch (p->kind) {
	case PICK_STALLED:
		if (c->stalled == NONE)
			sb_add(b, "Stalled with no progress");
		else
			sb_add(b, "Stalled on %s",
			    strmap_key(&w->activity_ids, c->stalled));
		if (o == NULL)
			sb_add(b, " and no other activity in the catalog "
			    "fits, so plan the next step with the teacher");
		else if (o->other_type)
			sb_add(b, ", so this is a different kind of activity");
		else if (c->stalled != NONE)
			sb_add(b, ", so this is a different activity");
		break;
	case PICK_REVISIT:
		st = cell_at(w, s, p->stalled_goal);
		if (p->unmastered) {
			sb_add(b, "Revisit %s because it is not mastered yet",
			    w->gm.goals[g].id);
			sb_estimate(b, c);
		} else
			sb_add(b, "Revisit %s because it was mastered",
			    w->gm.goals[g].id);
		if (p->narrow) {
			sb_add(b, " only narrowly");
			sb_estimate(b, c);
		}
		if (p->narrow && p->long_ago)
			sb_add(b, " and");
		if (p->long_ago)
			sb_add(b, " %.0f days before work on %s stalled",
			    (double)(st->last_day - c->mastered_day),
			    w->gm.goals[p->stalled_goal].id);
		sb_add(b, "; a gap in a prerequisite is a common cause of no "
		    "progress on %s", w->gm.goals[p->stalled_goal].id);
		break;
	case PICK_SLIPPED:
		sb_add(b, "Slipped below mastery");
		sb_estimate(b, c);
		break;
	case PICK_PROGRESSING:
		sb_add(b, "In progress");
		sb_estimate(b, c);
		break;
	case PICK_NEW:
		if (w->nneeds[g] == 0) {
			sb_add(b, "Ready: it requires no other goal");
		} else {
			names = xcalloc(w->nneeds[g], sizeof(*names));
			for (i = 0; i < w->nneeds[g]; i++)
				names[i] = w->gm.goals[w->needs[g][i]].id;
			sb_add(b, "Ready: ");
			sb_names(b, names, w->nneeds[g]);
			sb_add(b, w->nneeds[g] == 1 ? " is mastered" :
			    " are mastered");
			free(names);
		}
		if (w->gm.goals[g].scope != SCOPE_EXTENDED)
			break;
		if (p->by_interest)
			sb_add(b, ", and it matches your interests");
		else if (w->gm.goals[g].grade[0] != '\0')
			sb_add(b, ", and you have mastered the core goals of "
			    "grade %s", w->gm.goals[g].grade);
		else
			sb_add(b, ", and you have mastered the core goals");
		break;
	}
}

/* Append "; you like X and Y" for the tags that match. */
static void
reason_tags(const struct world *w, const struct activity *a,
    const size_t *tags, size_t ntags, const char *verb, struct sbuf *b)
{
	const char **names;
	size_t *hits, n, i;

	hits = xcalloc(a->nfeatures + 1, sizeof(*hits));
	n = match_tags(a, tags, ntags, hits);
	if (n > 0) {
		names = xcalloc(n, sizeof(*names));
		for (i = 0; i < n; i++)
			names[i] = strmap_key(&w->tags, hits[i]);
		sb_add(b, "; you %s ", verb);
		sb_names(b, names, n);
		free(names);
	}
	free(hits);
}

/* Build the reason of one row: goal, evidence, likes, variety, access. */
static void
build_reason(const struct world *w, size_t s, const struct pick *p,
    const struct offer *o, struct sbuf *b)
{
	const struct student *st = &w->students[s];
	const struct activity *a;
	size_t used;

	b->len = 0;
	reason_goal(w, s, p, o, b);
	if (o == NULL) {
		sb_add(b, ".");
		return;
	}
	a = &w->acts[o->activity];
	if (w->have_evidence) {
		if (o->used_n == 0)
			sb_add(b, "; no student has evidence after it yet");
		else
			sb_add(b, "; %zu of %zu %s improved after it",
			    o->used_k, o->used_n, o->used_n == 1 ? "student" :
			    "students");
	}
	reason_tags(w, a, st->likes, st->nlikes, "like", b);
	reason_tags(w, a, st->dislikes, st->ndislikes, "dislike", b);
	used = times_used(w, s, p->goal, o->activity);
	if (used == 1)
		sb_add(b, "; you have used it once");
	else if (used > 1)
		sb_add(b, "; you have used it %zu times", used);
	if (o->replaces != NONE)
		sb_add(b, "; it takes the place of %s, which needs internet "
		    "at home", w->acts[o->replaces].id);
	sb_add(b, ".");
}

static void
write_row(struct writer *wr, const struct world *w, size_t s, size_t rank,
    const struct pick *p, const struct offer *o, struct sbuf *b)
{
	writer_str(wr, strmap_key(&w->student_ids, s));
	writer_int(wr, (long long)rank);
	writer_str(wr, w->gm.goals[p->goal].id);
	if (o == NULL) {
		writer_empty(wr);
		writer_empty(wr);
		writer_str(wr, "coach");
		writer_empty(wr);
	} else {
		writer_str(wr, w->acts[o->activity].id);
		writer_str(wr, strmap_key(&w->tags, w->acts[o->activity].type));
		writer_str(wr, p->coach ? "coach" : "free");
		writer_num(wr, o->fit, 2);
	}
	build_reason(w, s, p, o, b);
	writer_str(wr, b->p);
	writer_end(wr);
}

/* Write the plan of every listed student, or of set->student only. */
void
write_suggestions(const struct world *w, const struct settings *set,
    struct writer *wr)
{
	static const char *const header[] = {
		"student_id", "rank", "goal_id", "activity_id", "type",
		"choice", "fit", "reason"
	};
	struct plan plan;
	struct sbuf b;
	size_t s, i, j;

	memset(&plan, 0, sizeof(plan));
	memset(&b, 0, sizeof(b));
	writer_row(wr, header, sizeof(header) / sizeof(header[0]));
	for (s = 0; s < w->nstudents; s++) {
		if (!w->students[s].listed || (set->student != NULL &&
		    strcmp(set->student, strmap_key(&w->student_ids, s)) != 0))
			continue;
		plan_student(w, set, s, &plan);
		for (i = 0; i < plan.n; i++) {
			if (plan.picks[i].noffers == 0)
				write_row(wr, w, s, i + 1, &plan.picks[i], NULL,
				    &b);
			for (j = 0; j < plan.picks[i].noffers; j++)
				write_row(wr, w, s, i + 1, &plan.picks[i],
				    &plan.picks[i].offers[j], &b);
		}
	}
	plan_free(&plan);
	free(b.p);
}
