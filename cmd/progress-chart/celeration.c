/* goalkit: see LICENSE. Precision Teaching's standard celeration chart. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"
#include "chart.h"

/*
 * The daily standard celeration chart: counts per minute on a log scale
 * of six decades, 0.001 to 1000, against 140 successive calendar days (20
 * weeks, each starting on a Sunday).  A straight line on it is a constant
 * growth factor per week, the celeration.
 */
#define DAYS		140
#define DAY_W		5.0	/* pixels per day */
#define DECADE_H	70.0	/* pixels per power of ten */
#define LOG_MIN		(-3)
#define LOG_MAX		3
#define LEFT		80.0
#define TOP		96.0
#define PLOT_W		(DAYS * DAY_W)
#define PLOT_H		((LOG_MAX - LOG_MIN) * DECADE_H)
#define CHART_H		(TOP + PLOT_H + 90)
#define CHART_W		(LEFT + PLOT_W + 110)
/* A zero count is drawn this far below its record floor. */
#define BELOW_FLOOR	7.0

#define CORRECT_COLOUR	"#000000"
#define ERROR_COLOUR	"#D55E00"	/* Okabe-Ito vermillion */
#define LINE_COLOUR	"#0072B2"	/* Okabe-Ito blue */
#define AIM_COLOUR	"#CC79A7"	/* Okabe-Ito reddish purple */

/* One timing: the calendar day and the rates it gives. */
struct timing {
	double	 day;		/* calendar day, days since 1970-01-01 */
	double	 correct;	/* count per minute */
	double	 errors;	/* per minute, < 0 when not counted */
	double	 floor;		/* 1 / minutes */
	size_t	 activity;
};

/* A run of timings under one activity, and its celeration when it has one. */
struct phase {
	size_t	 first;
	size_t	 n;
	int	 fitted;
	double	 factor;	/* growth per week */
	double	 slope;		/* log10 count per minute per day */
	double	 intercept;	/* log10 count per minute on day base */
	double	 base;		/* first calendar day of the fit */
};

/*
 * Fit log10(count per minute) = a + b * (day - base) by least squares
 * over the timings with a count above zero (a zero has no logarithm),
 * where day is the calendar day of each and base the first such day, as
 * mastery-calc --rates does.  Return 0 and fill in the phase's line, or
 * -1 with fewer than 3 such timings or fewer than 2 distinct days.
 */
static int
fit_line(const struct timing *t, size_t n, struct phase *ph)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, x, y, m, den;
	size_t i, k = 0;
	int days = 0;

	for (i = 0; i < n; i++) {
		if (t[i].correct <= 0)
			continue;
		if (k == 0)
			ph->base = floor(t[i].day);
		else if (floor(t[i].day) != ph->base)
			days = 1;
		x = floor(t[i].day) - ph->base;
		y = log10(t[i].correct);
		sx += x, sy += y, sxx += x * x, sxy += x * y;
		k++;
	}
	m = (double)k;
	den = m * sxx - sx * sx;
	if (k < 3 || !days || den <= 0)
		return -1;
	ph->slope = (m * sxy - sx * sy) / den;
	ph->intercept = (sy - ph->slope * sx) / m;
	ph->factor = pow(10, 7 * ph->slope);
	return 0;
}

/* Vertical position of a rate, clamped to the chart. */
static double
ypos(double top, double rate)
{
	double l = log10(rate);

	if (l > LOG_MAX)
		l = LOG_MAX;
	if (l < LOG_MIN)
		l = LOG_MIN;
	return top + (LOG_MAX - l) * DECADE_H;
}

static double
xpos(double day0, double day)
{
	return LEFT + (floor(day) - day0 + 0.5) * DAY_W;
}

/* The Sunday on or before a day; 1970-01-01 was a Thursday. */
static double
sunday_before(double day)
{
	long d = (long)floor(day);
	long wd = ((d + 4) % 7 + 7) % 7;

	return (double)(d - wd);
}

/* Horizontal lines for every count 1..9 x 10^k, darker at each power of ten. */
static void
rate_grid(struct svg *g, double top)
{
	static const char *const labels[] = {
		"1000", "100", "10", "1", "0.1", "0.01", "0.001"
	};
	double y;
	int k, m;

	for (k = LOG_MIN; k < LOG_MAX; k++) {
		for (m = 2; m <= 9; m++) {
			y = ypos(top, m * pow(10, k));
			fprintf(g->out, "<line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c8e0f0\"/>\n",
			    LEFT, y, LEFT + PLOT_W, y);
		}
	}
	for (k = 0; k <= LOG_MAX - LOG_MIN; k++) {
		y = top + k * DECADE_H;
		fprintf(g->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#4a90c0\"/><text x=\"%.1f\" "
		    "y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, y,
		    LEFT + PLOT_W, y, LEFT - 5, y + 4, labels[k]);
	}
}

/*
 * Vertical lines for each day, darker on Sundays, with week numbers above
 * and the date of every second Sunday below when the days are known.
 */
static void
day_grid(struct svg *g, double top, double day0, int week0, int dated)
{
	char date[16];
	double x;
	int d;

	for (d = 0; d <= DAYS; d++) {
		x = LEFT + d * DAY_W;
		fprintf(g->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\"/>\n", x, top, x, top + PLOT_H,
		    d % 7 == 0 ? "#4a90c0" : "#e4eff7");
		if (d % 7 != 0)
			continue;
		if (d < DAYS)
			fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" font-size=\"9\">%d</text>"
			    "\n", x + 3.5 * DAY_W, top - 6, week0 + d / 7);
		if (dated && d % 14 == 0) {
			format_day(day0 + d, date, sizeof(date));
			fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" font-size=\"9\">%s</text>"
			    "\n", x, top + PLOT_H + 14, date);
		}
	}
}

static void
chart_frame(struct svg *g, double top, double day0, int week0, int dated)
{
	rate_grid(g, top);
	day_grid(g, top, day0, week0, dated);
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-weight=\"bold\">Successive calendar weeks</text>\n",
	    LEFT + PLOT_W / 2, top - 20);
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-weight=\"bold\">Successive calendar days%s</text>\n",
	    LEFT + PLOT_W / 2, top + PLOT_H + 34, dated ?
	    " (Sundays dated)" : "");
	fprintf(g->out, "<text transform=\"translate(24 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\" font-weight=\"bold\">Count per minute"
	    "</text>\n", top + PLOT_H / 2);
}

static void
chart_legend(struct svg *g, double y)
{
	fprintf(g->out, "<g transform=\"translate(%.1f %.1f)\">"
	    "<circle cx=\"4\" cy=\"-4\" r=\"3\" fill=\"" CORRECT_COLOUR "\"/>"
	    "<text x=\"12\" y=\"0\">correct per minute</text>"
	    "<path d=\"M 136 -8 l 7 7 m 0 -7 l -7 7\" stroke=\"" ERROR_COLOUR
	    "\" stroke-width=\"2\"/><text x=\"148\" y=\"0\">errors per "
	    "minute</text>"
	    "<line x1=\"262\" y1=\"-4\" x2=\"274\" y2=\"-4\" "
	    "stroke=\"#555555\" stroke-width=\"2\"/><text x=\"279\" y=\"0\">"
	    "record floor (1 / minutes)</text>"
	    "<line x1=\"440\" y1=\"-4\" x2=\"465\" y2=\"-4\" stroke=\""
	    LINE_COLOUR "\" stroke-width=\"2\"/><text x=\"470\" y=\"0\">"
	    "celeration per phase</text>"
	    "<line x1=\"600\" y1=\"-4\" x2=\"625\" y2=\"-4\" stroke=\""
	    AIM_COLOUR "\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
	    "<text x=\"630\" y=\"0\">aim</text></g>\n", LEFT, y);
}

/* A dot, or a cross for errors, at a rate; zero goes under the floor. */
static void
mark(struct svg *g, double x, double top, double rate, double floor_rate,
    int cross)
{
	double y;

	y = rate > 0 ? ypos(top, rate) : ypos(top, floor_rate) + BELOW_FLOOR;
	if (cross)
		fprintf(g->out, "<path d=\"M %.1f %.1f l 6 6 m 0 -6 l -6 6\" "
		    "stroke=\"" ERROR_COLOUR "\" stroke-width=\"1.6\"/>\n",
		    x - 3, y - 3);
	else
		fprintf(g->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" "
		    "fill=\"" CORRECT_COLOUR "\"/>\n", x, y);
}

/* The timings inside one 140-day chart: floors, then errors, then correct. */
static void
draw_timings(struct svg *g, const struct timing *t, size_t n, double top,
    double day0)
{
	double x;
	size_t i;

	for (i = 0; i < n; i++) {
		if (t[i].day < day0 || t[i].day >= day0 + DAYS)
			continue;
		x = xpos(day0, t[i].day);
		fprintf(g->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#555555\" stroke-width=\"2\"/>\n",
		    x - 3, ypos(top, t[i].floor), x + 3, ypos(top, t[i].floor));
	}
	for (i = 0; i < n; i++)
		if (t[i].errors >= 0 && t[i].day >= day0 &&
		    t[i].day < day0 + DAYS)
			mark(g, xpos(day0, t[i].day), top, t[i].errors,
			    t[i].floor, 1);
	for (i = 0; i < n; i++)
		if (t[i].day >= day0 && t[i].day < day0 + DAYS)
			mark(g, xpos(day0, t[i].day), top, t[i].correct,
			    t[i].floor, 0);
}

/* A phase's line over its own days within the chart, and its label. */
static void
draw_phase_line(struct svg *g, const struct chart *c, const struct timing *t,
    const struct phase *ph, double top, double day0)
{
	double d1, d2, x1, x2, y1, y2;
	char num[32];
	int growth = ph->factor >= 1;

	if (!ph->fitted)
		return;
	d1 = floor(t[ph->first].day);
	d2 = floor(t[ph->first + ph->n - 1].day);
	if (d2 < day0 || d1 >= day0 + DAYS)
		return;
	if (d1 < day0)
		d1 = day0;
	if (d2 >= day0 + DAYS)
		d2 = day0 + DAYS - 1;
	x1 = xpos(day0, d1);
	x2 = xpos(day0, d2);
	y1 = ypos(top, pow(10, ph->intercept + ph->slope * (d1 - ph->base)));
	y2 = ypos(top, pow(10, ph->intercept + ph->slope * (d2 - ph->base)));
	/* Growth is written as x1.41, decline as a division, /1.41. */
	value_format(growth ? ph->factor : 1 / ph->factor, 2, num,
	    sizeof(num));
	fprintf(g->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	    "y2=\"%.1f\" stroke=\"" LINE_COLOUR "\" stroke-width=\"2\">"
	    "<title>celeration of ", x1, y1, x2, y2);
	put_escaped(g->out, t[ph->first].activity == NOINDEX ?
	    "no activity" : activity_id(c, t[ph->first].activity));
	fprintf(g->out, ": %s %s per week over %zu timings</title></line>"
	    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\""
	    LINE_COLOUR "\" font-weight=\"bold\">%s%s</text>\n",
	    growth ? "times" : "divided by", num, ph->n, x2, y2 - 9,
	    growth ? "\u00d7" : "\u00f7", num);
}

/* The phase-change line before a phase, and the activity it names. */
static void
draw_phase_change(struct svg *g, const struct chart *c, const struct timing *t,
    const struct phase *ph, double top, double day0)
{
	double d, x;

	d = floor(t[ph->first].day);
	if (d < day0 || d >= day0 + DAYS)
		return;
	x = LEFT + (d - day0) * DAY_W;
	if (ph->first > 0)
		fprintf(g->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#000000\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"8 4\"/>\n", x, top, x, top + PLOT_H);
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">",
	    x + 3, top + 12);
	put_escaped(g->out, t[ph->first].activity == NOINDEX ? "no activity" :
	    activity_id(c, t[ph->first].activity));
	fputs("</text>\n", g->out);
}

/* A rate with at most two decimals and no trailing zeros: 118, 0.5. */
static char *
format_rate(double rate, char *buf, size_t size)
{
	size_t len;

	value_format(rate, 2, buf, size);
	if (strchr(buf, '.') == NULL)
		return buf;
	for (len = strlen(buf); buf[len - 1] == '0'; len--)
		buf[len - 1] = '\0';
	if (buf[len - 1] == '.')
		buf[len - 1] = '\0';
	return buf;
}

static void
draw_aim(struct svg *g, double top, double aim)
{
	char num[32];

	if (aim <= 0)
		return;
	fprintf(g->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	    "y2=\"%.1f\" stroke=\"" AIM_COLOUR "\" stroke-width=\"2\" "
	    "stroke-dasharray=\"6 3\"/><text x=\"%.1f\" y=\"%.1f\" fill=\""
	    AIM_COLOUR "\" font-weight=\"bold\">aim %s/min</text>\n", LEFT,
	    ypos(top, aim), LEFT + PLOT_W, ypos(top, aim), LEFT + PLOT_W + 4,
	    ypos(top, aim) + 4, format_rate(aim, num, sizeof(num)));
}

/* Timings of one goal's points, in time order; return their count. */
static size_t
collect_timings(const struct point *p, size_t n, struct timing *t)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (p[i].minutes <= 0)
			continue;
		t[k].day = p[i].day;
		t[k].correct = p[i].count / p[i].minutes;
		t[k].errors = p[i].errors < 0 ? -1 : p[i].errors /
		    p[i].minutes;
		t[k].floor = 1 / p[i].minutes;
		t[k].activity = p[i].activity;
		k++;
	}
	return k;
}

/* Split timings into runs under one activity and fit each run. */
static size_t
find_phases(const struct timing *t, size_t n, struct phase *ph)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (i == 0 || t[i].activity != t[i - 1].activity) {
			memset(&ph[k], 0, sizeof(ph[k]));
			ph[k++].first = i;
		}
		ph[k - 1].n++;
	}
	for (i = 0; i < k; i++)
		ph[i].fitted = fit_line(t + ph[i].first, ph[i].n, &ph[i]) == 0;
	return k;
}

/* One 140-day chart starting on day0, at vertical offset y. */
static void
draw_chart(struct svg *g, const struct chart *c, const char *heading,
    const struct timing *t, size_t n, const struct phase *ph, size_t nph,
    double aim, double day0, int week0, double y)
{
	double top = y + TOP;
	size_t i;

	fprintf(g->out, "<text x=\"12\" y=\"%.1f\" font-size=\"15\" "
	    "font-weight=\"bold\">", y + 24);
	put_escaped(g->out, heading);
	fputs("</text>\n", g->out);
	chart_legend(g, y + 46);
	chart_frame(g, top, day0, week0, n > 0 && c->have_times);
	draw_aim(g, top, aim);
	for (i = 0; i < nph; i++)
		draw_phase_change(g, c, t, &ph[i], top, day0);
	draw_timings(g, t, n, top, day0);
	for (i = 0; i < nph; i++)
		draw_phase_line(g, c, t, &ph[i], top, day0);
}

/* Goals of student s with timed evidence, or goal `only`; return the count. */
static size_t
timed_goals(const struct chart *c, const struct point *p, size_t n,
    const char *only, size_t *goals)
{
	size_t i, j, g, first, gn, k = 0;

	for (i = 0; i < c->ngoals; i++) {
		g = c->goal_order[i];
		if (only != NULL) {
			if (strcmp(goal_id(c, g), only) == 0)
				goals[k++] = g;
			continue;
		}
		gn = goal_points(c, p, n, g, &first);
		for (j = 0; j < gn && p[first + j].minutes <= 0; j++)
			continue;
		if (j < gn)
			goals[k++] = g;
	}
	return k;
}

/*
 * Store in k the 140-day charts that the n timings fall on, numbered
 * from the chart that starts on day0, and return their count (at least
 * one).  Charts that no timing falls on are left out, so that a mistyped
 * year gives two charts instead of thousands of empty ones.
 */
static size_t
chart_numbers(const struct timing *t, size_t n, double day0, size_t *k)
{
	size_t i, m = 0, number;

	k[0] = 0;
	for (i = 0; i < n; i++) {
		number = (size_t)((floor(t[i].day) - day0) / DAYS);
		if (m == 0 || number != k[m - 1])
			k[m++] = number;
	}
	return m > 0 ? m : 1;
}

/* Per goal: the timings, phases and the charts they fill; return the height. */
static double
goal_charts(struct svg *g, const struct chart *c, size_t s, size_t goal,
    const struct point *p, size_t n, double y, int draw)
{
	struct timing *t;
	struct phase *ph;
	size_t first, gn, nt, nph, i, charts, *k;
	char heading[256];
	double day0, aim;

	gn = goal_points(c, p, n, goal, &first);
	t = xcalloc(gn + 1, sizeof(*t));
	ph = xcalloc(gn + 1, sizeof(*ph));
	k = xcalloc(gn + 1, sizeof(*k));
	nt = c->have_times ? collect_timings(p + first, gn, t) : 0;
	nph = find_phases(t, nt, ph);
	day0 = nt > 0 ? sunday_before(t[0].day) : 0;
	aim = c->gm != NULL ? c->gm->goals[goal].aim : -1;
	charts = chart_numbers(t, nt, day0, k);
	for (i = 0; draw && i < charts; i++) {
		snprintf(heading, sizeof(heading), "Standard celeration "
		    "chart: %s, %s%s", student_id(c, s), goal_id(c, goal),
		    nt == 0 ? (c->have_times ? " (no timed evidence yet)" :
		    " (the evidence has no dates)") : "");
		draw_chart(g, c, heading, t, nt, ph, nph, aim,
		    day0 + (double)k[i] * DAYS, (int)k[i] * 20,
		    y + i * CHART_H);
	}
	free(t);
	free(ph);
	free(k);
	return charts * CHART_H;
}

/*
 * Student s's standard celeration charts: one per goal with timed
 * evidence (minutes given), or for goal `only`, each 140 days long and
 * continued on further charts when the timings span more.
 */
void
svg_celeration(struct svg *g, const struct chart *c, size_t s,
    const char *only)
{
	const struct point *p;
	size_t first, n, *goals, ngoals, i;
	double height = 0, y = 0;
	char title[160];

	n = student_points(c, s, &first);
	p = c->points + first;
	goals = xcalloc(c->ngoals + 1, sizeof(*goals));
	ngoals = timed_goals(c, p, n, only, goals);
	for (i = 0; i < ngoals; i++)
		height += goal_charts(g, c, s, goals[i], p, n, 0, 0);
	snprintf(title, sizeof(title), "Standard celeration chart of %s",
	    student_id(c, s));
	svg_begin(g, CHART_W, ngoals > 0 ? height : CHART_H, title);
	if (ngoals == 0) {
		snprintf(title, sizeof(title), "Standard celeration chart: "
		    "no timed evidence (with minutes) for %s yet",
		    student_id(c, s));
		draw_chart(g, c, title, NULL, 0, NULL, 0, -1, 0, 0, 0);
	}
	for (i = 0; i < ngoals; i++)
		y += goal_charts(g, c, s, goals[i], p, n, y, 1);
	svg_end(g);
	free(goals);
}
