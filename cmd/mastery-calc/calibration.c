/* goalkit: see LICENSE. Comparing self-assessment with teacher evidence. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "writer.h"

#include "mastery-calc.h"

/* Sums over matched (self, teacher) pairs of one student or pair. */
struct calib {
	size_t	 selfs;		/* self-assessments seen */
	size_t	 matched;
	double	 self_sum;
	double	 teacher_sum;
	double	 diff_sum;	/* self - teacher */
	double	 abs_sum;
};

/*
 * Match each self-assessment among a pair's n pieces (in time order) with
 * the nearest teacher evidence within the window; ties go to the earlier.
 */
static void
match_pair(const struct book *b, const struct piece *pc, size_t n,
    struct calib *c)
{
	double window = b->cfg->window_days, d, best_d, self_day;
	size_t i, j, best;

	for (i = 0; i < n; i++) {
		if (pc[i].assessor != AS_SELF)
			continue;
		c->selfs++;
		self_day = stamp_days(pc[i].time);
		best = n;
		best_d = INFINITY;
		for (j = 0; j < n; j++) {
			if (pc[j].assessor != AS_TEACHER)
				continue;
			d = fabs(stamp_days(pc[j].time) - self_day);
			if (d <= window + 1e-9 && d < best_d) {
				best = j;
				best_d = d;
			}
		}
		if (best == n)
			continue;
		c->matched++;
		c->self_sum += pc[i].prop;
		c->teacher_sum += pc[best].prop;
		c->diff_sum += pc[i].prop - pc[best].prop;
		c->abs_sum += fabs(pc[i].prop - pc[best].prop);
	}
}

static void
write_calib(struct book *b, struct writer *w, size_t student,
    const size_t *goal, const struct calib *c)
{
	double m = (double)c->matched;

	writer_str(w, strmap_key(&b->students, student));
	if (goal != NULL)
		writer_str(w, strmap_key(&b->goals, *goal));
	writer_int(w, (long long)c->selfs);
	writer_int(w, (long long)c->matched);
	if (c->matched == 0) {
		writer_empty(w);
		writer_empty(w);
		writer_empty(w);
		writer_empty(w);
	} else {
		put_value(b, w, c->self_sum / m);
		put_value(b, w, c->teacher_sum / m);
		if (b->cfg->scale > 0)
			writer_num(w, c->diff_sum / m * b->cfg->scale, 2);
		else
			writer_num(w, c->diff_sum / m, 4);
		put_value(b, w, c->abs_sum / m);
	}
	writer_end(w);
}

/*
 * Write, for each student (with --by-goal, each student and goal) who
 * assessed themselves, how their self-assessments compare with the
 * nearest teacher evidence: bias above 0 means overconfident.
 */
void
write_calibration(struct book *b)
{
	static const char *const header[] = {
		"student_id", "goal_id", "self_assessments", "pairs",
		"mean_self", "mean_teacher", "bias", "mean_abs_diff"
	};
	struct writer w;
	struct calib c, pc;
	const struct pair *p;
	size_t *srank, *grank, *order, *start, i, n, cur = (size_t)-1;
	int by_goal = b->cfg->by_goal;

	if (b->time_kind != TK_DATE && b->npieces > 0)
		die(EXIT_TROUBLE, "--calibration: needs dates in the time "
		    "column to find teacher evidence within %g days",
		    b->cfg->window_days);
	writer_init(&w, stdout, writer_delim(&b->cfg->topts, b->delim),
	    b->cfg->topts.excel);
	for (i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		if (by_goal || i != 1)
			writer_str(&w, header[i]);
	writer_end(&w);

	srank = rank_names(&b->students, b->students.n);
	grank = rank_names(&b->goals, b->goals.n);
	order = sorted_pairs(b, srank, grank);
	start = xmalloc((b->npairs + 1) * sizeof(*start));
	for (i = 0; i <= b->npairs; i++)
		start[i] = b->npieces;
	for (i = b->npieces; i-- > 0;)
		start[b->pieces[i].pair] = i;
	memset(&c, 0, sizeof(c));
	for (i = 0; i < b->npairs; i++) {
		p = &b->pairs[order[i]];
		if (!by_goal && p->student != cur) {
			if (c.selfs > 0)
				write_calib(b, &w, cur, NULL, &c);
			memset(&c, 0, sizeof(c));
			cur = p->student;
		}
		for (n = 0; start[order[i]] + n < b->npieces &&
		    b->pieces[start[order[i]] + n].pair == order[i]; n++)
			continue;
		memset(&pc, 0, sizeof(pc));
		match_pair(b, &b->pieces[start[order[i]]], n, &pc);
		if (by_goal) {
			if (pc.selfs > 0)
				write_calib(b, &w, p->student,
				    (const size_t[]){ p->goal }, &pc);
			continue;
		}
		c.selfs += pc.selfs;
		c.matched += pc.matched;
		c.self_sum += pc.self_sum;
		c.teacher_sum += pc.teacher_sum;
		c.diff_sum += pc.diff_sum;
		c.abs_sum += pc.abs_sum;
	}
	if (!by_goal && c.selfs > 0)
		write_calib(b, &w, cur, NULL, &c);
	free(start);
	free(order);
	free(srank);
	free(grank);
}
