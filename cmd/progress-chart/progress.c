/* goalkit: see LICENSE. A student's progress over time, a panel per goal. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"
#include "chart.h"

/* Layout in pixels. */
#define LEFT		70
#define PLOT_W		620
#define PANEL_H		96
#define PLOT_TOP	22	/* from the top of a panel */
#define PLOT_H		60
#define TOP		96

#define LINE_COLOUR	"#0072B2"	/* Okabe-Ito blue */
#define AIM_COLOUR	"#CC79A7"	/* Okabe-Ito reddish purple */

/*
 * The horizontal scale: days, or evidence numbers without dates, lo..hi
 * across the plot.  Day or number d takes the slot d..d+1.
 */
struct xscale {
	double	 lo;
	double	 hi;
	int	 dates;		/* lo and hi are calendar days */
};

static double
xpos(const struct xscale *x, double day)
{
	return LEFT + (day - x->lo) / (x->hi - x->lo) * PLOT_W;
}

/*
 * Span of the points that have a proportion, padded to a week of days or
 * to 7 evidence numbers, none below 1.
 */
static int
x_range(const struct chart *c, const struct point *p, size_t n,
    struct xscale *x)
{
	size_t i;
	int any = 0;

	x->lo = x->hi = 0;
	x->dates = c->have_times;
	for (i = 0; i < n; i++) {
		if (p[i].proportion < 0)
			continue;
		if (!any || p[i].day < x->lo)
			x->lo = p[i].day;
		if (!any || p[i].day > x->hi)
			x->hi = p[i].day;
		any = 1;
	}
	if (!any)
		return 0;
	x->lo = floor(x->lo);
	x->hi = floor(x->hi) + 1;
	if (!x->dates && x->hi - x->lo < 7) {
		x->lo = x->lo > 4 ? x->lo - 3 : 1;
		x->hi = x->hi > x->lo + 7 ? x->hi : x->lo + 7;
	} else if (x->hi - x->lo < 7) {
		x->lo -= 3;
		x->hi += 3;
	}
	return 1;
}

/*
 * The first step of unit times 1, 2 or 5 times scale times a power of 10
 * that puts at most max_ticks steps in span.
 */
static double
series_step(double span, double unit, double scale, double max_ticks)
{
	static const double mantissas[] = { 1, 2, 5 };
	double step;
	size_t i;

	for (;; scale *= 10)
		for (i = 0; i < 3; i++) {
			step = unit * mantissas[i] * scale;
			if (span / step <= max_ticks)
				return step;
		}
}

/*
 * The distance between ticks: days in weeks and their multiples, then in
 * decades of 364-day years for longer spans, evidence numbers in steps of
 * 1, 2 or 5 times a power of 10; at most 7 or 8 ticks.
 */
static double
tick_step(const struct xscale *x)
{
	static const double days[] = {
		1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1456, 3640
	};
	double span = x->hi - x->lo;
	size_t i;

	if (!x->dates)
		return series_step(span, 1, 1, 7);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		if (span / days[i] <= 6)
			return days[i];
	return series_step(span, 364, 10, 6);
}

/*
 * Tick marks and labels under the last panel, then the axis label.  A
 * day's tick is at its start, an evidence number's under its point.
 */
static void
x_axis(struct svg *g, const struct xscale *x, double y)
{
	char label[32];
	double step = tick_step(x), t, px;

	t = x->dates ? x->lo : ceil(x->lo / step) * step;
	for (; t <= x->hi + 1e-9; t += step) {
		if (x->dates) {
			format_day(t, label, sizeof(label));
			px = xpos(x, t);
		} else if (t < x->hi) {
			snprintf(label, sizeof(label), "%.0f", t);
			px = xpos(x, t + 0.5);
		} else
			break;
		fprintf(g->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#000000\"/><text x=\"%.1f\" "
		    "y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
		    px, y, px, y + 5, px, y + 18, label);
	}
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-weight=\"bold\">%s</text>\n", LEFT + PLOT_W / 2.0, y + 38,
	    x->dates ? "Date of the evidence" : "Evidence of this student, "
	    "numbered in time order (the input has no dates)");
}

static void
legend(struct svg *g)
{
	fprintf(g->out, "<g transform=\"translate(%d 62)\">"
	    "<circle cx=\"5\" cy=\"-4\" r=\"4\" fill=\"%s\" "
	    "stroke=\"#000000\"/><text x=\"14\" y=\"0\">at or above the "
	    "threshold</text>"
	    "<circle cx=\"175\" cy=\"-4\" r=\"4\" fill=\"#ffffff\" "
	    "stroke=\"%s\" stroke-width=\"2\"/><text x=\"184\" y=\"0\">"
	    "below</text>"
	    "<path d=\"M 235 -9 l 5 5 l -5 5 l -5 -5 z\" fill=\"#ffffff\" "
	    "stroke=\"#555555\"/><text x=\"245\" y=\"0\">self or peer</text>"
	    "<line x1=\"335\" y1=\"-4\" x2=\"360\" y2=\"-4\" stroke=\"%s\" "
	    "stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"365\" "
	    "y=\"0\">threshold</text>"
	    "<path d=\"M 440 -10 l 5 9 l -10 0 z\" fill=\"%s\"/><text "
	    "x=\"450\" y=\"0\">mastered</text></g>\n", LEFT,
	    status_colour(ST_MASTERED), LINE_COLOUR, AIM_COLOUR,
	    status_colour(ST_MASTERED));
}

/* The frame, the 0, 0.5 and 1 lines and the threshold of one panel. */
static void
panel_frame(struct svg *g, double top, double threshold)
{
	static const char *const labels[] = { "0", "0.5", "1" };
	char thr[16];
	double y;
	int i;

	fprintf(g->out, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" "
	    "height=\"%d\" fill=\"none\" stroke=\"#999999\"/>\n", LEFT, top,
	    PLOT_W, PLOT_H);
	for (i = 0; i <= 2; i++) {
		y = top + PLOT_H - i * PLOT_H / 2.0;
		fprintf(g->out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
		    "y2=\"%.1f\" stroke=\"#dddddd\"/><text x=\"%d\" "
		    "y=\"%.1f\" text-anchor=\"end\" font-size=\"9\">%s"
		    "</text>\n",
		    LEFT, y, LEFT + PLOT_W, y, LEFT - 4, y + 3, labels[i]);
	}
	y = top + PLOT_H - threshold * PLOT_H;
	fprintf(g->out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
	    "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
	    "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" fill=\"#333333\">"
	    "%s</text>\n", LEFT, y, LEFT + PLOT_W, y, AIM_COLOUR,
	    LEFT + PLOT_W + 3, y + 3, value_format(threshold, 2, thr,
	    sizeof(thr)));
}

/* Characters of 11-pixel text that fit across a panel, an estimate. */
#define TITLE_CHARS	100

/*
 * The goal id, status, estimate and as much of the goal's statement as
 * fits; the whole statement is the title's tooltip.
 */
static void
panel_title(struct svg *g, const struct chart *c, size_t s, size_t goal,
    double top)
{
	const struct cell *cell = CELL(c, s, goal);
	char head[160], est[16];
	const char *statement;
	size_t room, n;

	n = (size_t)snprintf(head, sizeof(head), "%s %s", status_letter(
	    cell->status), status_name(cell->status));
	if (cell->has_estimate && n < sizeof(head))
		n += snprintf(head + n, sizeof(head) - n, ", estimate %s",
		    value_format(cell->estimate, 2, est, sizeof(est)));
	if (cell->status == ST_STALLED && cell->stalled_activity != NOINDEX &&
	    n < sizeof(head))
		n += snprintf(head + n, sizeof(head) - n, " on %s",
		    activity_id(c, cell->stalled_activity));
	fprintf(g->out, "<text x=\"%d\" y=\"%.1f\"><tspan "
	    "font-weight=\"bold\">", LEFT, top + 14);
	put_escaped(g->out, goal_id(c, goal));
	fputs("</tspan> ", g->out);
	put_escaped(g->out, head);
	if (c->gm != NULL) {
		statement = c->gm->goals[goal].statement;
		room = strlen(goal_id(c, goal)) + n + 3 < TITLE_CHARS ?
		    TITLE_CHARS - strlen(goal_id(c, goal)) - n - 3 : 0;
		fputs(": ", g->out);
		if (strlen(statement) <= room)
			put_escaped(g->out, statement);
		else {
			/* Cut at a space, else at a character boundary. */
			for (n = room; n > 0 && n + 15 > room &&
			    statement[n] != ' '; n--)
				continue;
			if (n > 0 && statement[n] == ' ')
				room = n;
			while (room > 0 && (statement[room] & 0xc0) == 0x80)
				room--;
			put_escaped_n(g->out, statement, room);
			fputs("\u2026", g->out);
		}
		fputs("<title>", g->out);
		put_escaped(g->out, statement);
		fputs("</title>", g->out);
	}
	fputs("</text>\n", g->out);
}

/* The line through teacher and system evidence, then every point. */
static void
panel_points(struct svg *g, const struct xscale *x, const struct point *p,
    size_t n, double top, double threshold)
{
	double px, py;
	size_t i;
	int started = 0;

	for (i = 0; i < n; i++) {
		if (p[i].proportion < 0 || p[i].assessor == 's' ||
		    p[i].assessor == 'p')
			continue;
		fprintf(g->out, "%s%.1f,%.1f", started ? " " :
		    "<polyline fill=\"none\" stroke=\"" LINE_COLOUR "\" "
		    "stroke-width=\"1.5\" points=\"", xpos(x, p[i].day + 0.5),
		    top + PLOT_H - p[i].proportion * PLOT_H);
		started = 1;
	}
	if (started)
		fputs("\"/>\n", g->out);
	/* Self and peer evidence first, so teacher evidence is drawn on top. */
	for (i = 0; i < n; i++) {
		if (p[i].proportion < 0 || (p[i].assessor != 's' &&
		    p[i].assessor != 'p'))
			continue;
		fprintf(g->out, "<path d=\"M %.1f %.1f l 5 5 l -5 5 "
		    "l -5 -5 z\" "
		    "fill=\"#ffffff\" stroke=\"#555555\"/>\n",
		    xpos(x, p[i].day + 0.5),
		    top + PLOT_H - p[i].proportion * PLOT_H - 5);
	}
	for (i = 0; i < n; i++) {
		if (p[i].proportion < 0 || p[i].assessor == 's' ||
		    p[i].assessor == 'p')
			continue;
		px = xpos(x, p[i].day + 0.5);
		py = top + PLOT_H - p[i].proportion * PLOT_H;
		if (p[i].proportion >= threshold)
			fprintf(g->out, "<circle cx=\"%.1f\" cy=\"%.1f\" "
			    "r=\"4\" fill=\"%s\" stroke=\"#000000\"/>\n", px,
			    py, status_colour(ST_MASTERED));
		else
			fprintf(g->out, "<circle cx=\"%.1f\" cy=\"%.1f\" "
			    "r=\"4\" fill=\"#ffffff\" stroke=\"" LINE_COLOUR
			    "\" stroke-width=\"2\"/>\n", px, py);
	}
}

/* A triangle over the day the goal was mastered, when it is known. */
static void
panel_mastered(struct svg *g, const struct xscale *x, const struct cell *cell,
    double top)
{
	double px;

	if (cell->mastered_day == NODAY ||
	    (cell->status != ST_MASTERED && cell->status != ST_SLIPPED))
		return;
	if (cell->mastered_day < x->lo || cell->mastered_day > x->hi)
		return;
	px = xpos(x, cell->mastered_day + 0.5);
	fprintf(g->out, "<path d=\"M %.1f %.1f l 5 9 l -10 0 z\" "
	    "fill=\"%s\"><title>mastered</title></path>\n", px, top - 10,
	    status_colour(ST_MASTERED));
}

static int
wanted(const struct chart *c, size_t goal, const char *only)
{
	return only == NULL || strcmp(goal_id(c, goal), only) == 0;
}

/*
 * Student s's proportion of full marks over time: one panel per goal
 * with scored evidence (only goal `only` when not NULL), each with its
 * threshold and the day of mastery.
 */
void
svg_student(struct svg *g, const struct chart *c, size_t s, const char *only)
{
	const struct point *p;
	struct xscale x, one;
	size_t first, n, gfirst, gn, i, goal, panels = 0;
	char title[256];
	double top, height;

	n = student_points(c, s, &first);
	p = c->points + first;
	/* One range over all drawn goals, so the panels line up. */
	memset(&x, 0, sizeof(x));
	for (i = 0; i < c->ngoals; i++) {
		goal = c->goal_order[i];
		gn = goal_points(c, p, n, goal, &gfirst);
		if (!wanted(c, goal, only) || !x_range(c, p + gfirst, gn, &one))
			continue;
		if (panels++ == 0 || one.lo < x.lo)
			x.lo = one.lo;
		if (panels == 1 || one.hi > x.hi)
			x.hi = one.hi;
	}
	x.dates = c->have_times;
	height = TOP + (panels ? panels : 1) * PANEL_H + 50;
	snprintf(title, sizeof(title), "Progress of %s", student_id(c, s));
	svg_begin(g, LEFT + PLOT_W + 40, height, title);
	fputs("<text x=\"12\" y=\"24\" font-size=\"16\" font-weight=\"bold\">",
	    g->out);
	put_escaped(g->out, title);
	fprintf(g->out, "</text>\n<text transform=\"translate(16 %.1f) "
	    "rotate(-90)\" text-anchor=\"middle\" font-weight=\"bold\">"
	    "Proportion of full marks</text>\n", TOP + (panels ? panels : 1) *
	    PANEL_H / 2.0);
	legend(g);
	if (panels == 0) {
		fprintf(g->out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"none\" stroke=\"#999999\"/>"
		    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">No "
		    "scored evidence for ", LEFT, TOP, PLOT_W, PLOT_H,
		    LEFT + PLOT_W / 2.0, TOP + 34);
		put_escaped(g->out, student_id(c, s));
		fputs(only != NULL ? " on this goal yet</text>\n" :
		    " yet</text>\n", g->out);
		svg_end(g);
		return;
	}
	top = TOP;
	for (i = 0; i < c->ngoals; i++) {
		goal = c->goal_order[i];
		gn = goal_points(c, p, n, goal, &gfirst);
		if (!wanted(c, goal, only) || proportion_count(p + gfirst,
		    gn) == 0)
			continue;
		panel_title(g, c, s, goal, top);
		panel_frame(g, top + PLOT_TOP, CELL(c, s, goal)->threshold);
		panel_points(g, &x, p + gfirst, gn, top + PLOT_TOP,
		    CELL(c, s, goal)->threshold);
		panel_mastered(g, &x, CELL(c, s, goal), top + PLOT_TOP);
		top += PANEL_H;
	}
	x_axis(g, &x, top - PANEL_H + PLOT_TOP + PLOT_H);
	svg_end(g);
}
