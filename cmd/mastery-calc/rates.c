/* goalkit: see LICENSE. Rates, celeration and interim aims of timed evidence. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"
#include "writer.h"

#include "mastery-calc.h"

#define DAYS_PER_WEEK	7

/* Celeration needs this many timings with a rate above 0, on two days. */
#define MIN_TIMINGS	3
#define MIN_DAYS	2

/*
 * Fold one timing into the least-squares sums of log10 rate against
 * calendar days.  A zero rate has no logarithm and counts only as the
 * current rate.
 */
void
rate_fold(struct book *b, struct rate_state *rs, const struct piece *pc)
{
	int64_t day;
	double x, y;

	(void)b;
	rs->nall++;
	rs->rate = (float)pc->rate;
	rs->error_rate = (float)pc->error_rate;
	if (pc->rate <= 0 || stamp_day(pc->time, &day) != 0)
		return;
	if (rs->ntimings == 0) {
		rs->first_day = rs->last_day = day;
		rs->ndays = 1;
	} else if (day != rs->last_day) {
		rs->ndays++;
		rs->last_day = day;
	}
	x = (double)(day - rs->first_day);
	y = log10(pc->rate);
	rs->sx += x;
	rs->sy += y;
	rs->sxx += x * x;
	rs->sxy += x * y;
	rs->ntimings++;
}

/* The growth factor per week, or -1 when there are too few timings. */
static double
celeration(const struct rate_state *rs)
{
	double n = rs->ntimings, den, slope;

	if (rs->ntimings < MIN_TIMINGS || rs->ndays < MIN_DAYS)
		return -1;
	den = n * rs->sxx - rs->sx * rs->sx;
	if (den <= 0)
		return -1;
	slope = (n * rs->sxy - rs->sx * rs->sy) / den;
	return pow(10, DAYS_PER_WEEK * slope);
}

static void
put_optional(struct writer *w, double v)
{
	if (v < 0 || !isfinite(v))
		writer_empty(w);
	else
		writer_num(w, v, 2);
}

/*
 * Write one row per student and goal with timed evidence: the number of
 * timings and days, the current rate and error rate, the celeration, the
 * goal's final aim and the next interim aim.
 */
void
write_rates(struct book *b)
{
	static const char *const header[] = {
		"student_id", "goal_id", "timings", "days", "rate",
		"error_rate", "celeration", "aim", "interim_aim"
	};
	const struct rate_state *rs;
	const struct pair *p;
	struct writer w;
	size_t *srank, *grank, *order, i;
	double aim, interim;

	writer_init(&w, stdout, writer_delim(&b->cfg->topts, b->delim),
	    b->cfg->topts.excel);
	writer_row(&w, header, sizeof(header) / sizeof(header[0]));
	srank = rank_names(&b->students, b->students.n);
	grank = rank_names(&b->goals, b->goals.n);
	order = sorted_pairs(b, srank, grank);
	for (i = 0; i < b->npairs; i++) {
		p = &b->pairs[order[i]];
		rs = &b->rstate[order[i]];
		if (rs->nall == 0)
			continue;
		aim = b->goal_aim[p->goal];
		interim = rs->rate * b->cfg->interim_factor;
		if (aim >= 0 && interim > aim)
			interim = aim;
		writer_str(&w, strmap_key(&b->students, p->student));
		writer_str(&w, strmap_key(&b->goals, p->goal));
		writer_int(&w, rs->nall);
		writer_int(&w, rs->ndays);
		writer_num(&w, rs->rate, 2);
		put_optional(&w, rs->error_rate);
		put_optional(&w, celeration(rs));
		put_optional(&w, aim);
		writer_num(&w, interim, 2);
		writer_end(&w);
	}
	free(order);
	free(srank);
	free(grank);
}
