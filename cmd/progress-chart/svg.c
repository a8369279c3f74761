/* goalkit: see LICENSE. SVG drawing and the class heatmap. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"
#include "chart.h"

/*
 * Colours from Okabe and Ito's palette (Color Universal Design, 2002,
 * revised 2008), chosen so that readers with the common colour-vision
 * deficiencies can tell them apart.  Each status also has a letter, and
 * stalled and slipped a pattern, so colour is never the only cue.
 */
static const char *const colours[NSTATUS] = {
	"#009E73",	/* bluish green */
	"#56B4E9",	/* sky blue */
	"#D55E00",	/* vermillion */
	"#E69F00",	/* orange */
	"#EEEEEE"	/* light grey */
};
static const char *const letters[NSTATUS] = { "M", "P", "S", "D", "-" };

/* Heatmap cell size in pixels. */
#define HEAT_CELL	20
/* Width of a character of 11-pixel sans-serif text, an estimate. */
#define CHAR_W		7.0
/* Characters of a student or goal id shown beside the heatmap and bars. */
#define LABEL_MAX	24

const char *
status_colour(int status)
{
	return colours[status];
}

const char *
status_letter(int status)
{
	return letters[status];
}

/* Write s with the five XML special characters escaped. */
void
put_escaped(FILE *out, const char *s)
{
	put_escaped_n(out, s, strlen(s));
}

/*
 * Write id escaped for a <text> element, cut to max characters with an
 * ellipsis and followed by a <title> with the whole id when longer.
 */
void
put_label(FILE *out, const char *id, size_t max)
{
	if (max < 2 || id[utf8_prefix(id, max)] == '\0') {
		put_escaped(out, id);
		return;
	}
	put_escaped_n(out, id, utf8_prefix(id, max - 1));
	fputs("\u2026<title>", out);
	put_escaped(out, id);
	fputs("</title>", out);
}

/* Write the first n bytes of s, escaped as put_escaped() does. */
void
put_escaped_n(FILE *out, const char *s, size_t n)
{
	const char *end = s + n;

	for (; s < end; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: putc(*s, out); break;
		}
	}
}

/*
 * Start an SVG picture of the given size in pixels with its title.  Each
 * picture gets its own id prefix, so several can share an HTML page.
 */
void
svg_begin(struct svg *g, double width, double height, const char *title)
{
	static unsigned next_id;

	g->id = ++next_id;
	if (!g->inline_html)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", g->out);
	fprintf(g->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-labelledby=\"pc%u-title\" "
	    "font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" "
	    "font-size=\"11\">\n", width, height, width, height, g->id);
	fprintf(g->out, "<title id=\"pc%u-title\">", g->id);
	put_escaped(g->out, title);
	fputs("</title>\n", g->out);
	fprintf(g->out, "<rect width=\"%.0f\" height=\"%.0f\" "
	    "fill=\"#ffffff\"/>\n", width, height);
}

void
svg_end(struct svg *g)
{
	fputs("</svg>\n", g->out);
}

/* Patterns drawn over the colour of stalled and slipped cells. */
void
svg_defs_status(struct svg *g)
{
	fprintf(g->out, "<defs>\n"
	    "<pattern id=\"pc%u-hatch\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000000\" "
	    "stroke-opacity=\"0.35\" stroke-width=\"2\"/></pattern>\n"
	    "<pattern id=\"pc%u-dots\" width=\"5\" height=\"5\" "
	    "patternUnits=\"userSpaceOnUse\"><circle cx=\"2.5\" cy=\"2.5\" "
	    "r=\"1\" fill=\"#000000\" fill-opacity=\"0.4\"/></pattern>\n"
	    "</defs>\n", g->id, g->id);
}

/* A rectangle in the colour and pattern of a status. */
static void
status_rect(struct svg *g, double x, double y, double w, double h,
    int status)
{
	fprintf(g->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"%s\" stroke=\"#ffffff\"/>", x, y, w, h,
	    colours[status]);
	if (status == ST_STALLED || status == ST_SLIPPED)
		fprintf(g->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"url(#pc%u-%s)\"/>", x, y, w, h,
		    g->id, status == ST_STALLED ? "hatch" : "dots");
}

/* A status swatch with its letter, then the status name and a count. */
static double
legend_item(struct svg *g, double x, double y, int status, long count)
{
	status_rect(g, x, y - 11, 14, 14, status);
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-weight=\"bold\">%s</text>", x + 7, y, letters[status]);
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\">%s", x + 18, y,
	    status_name(status));
	if (count >= 0)
		fprintf(g->out, " (%ld)", count);
	fputs("</text>\n", g->out);
	return x + 18 + CHAR_W * (strlen(status_name(status)) + 8);
}

static void
status_legend(struct svg *g, double x, double y, const size_t *counts)
{
	int i;

	for (i = 0; i < NSTATUS; i++)
		x = legend_item(g, x, y, i, counts ? (long)counts[i] : -1);
}

static size_t
max_id_length(const struct strmap *m, const size_t *order, size_t first,
    size_t n)
{
	size_t i, len, max = 0;

	for (i = first; i < first + n; i++)
		if ((len = utf8_length(strmap_key(m, order[i]))) > max)
			max = len;
	return max < LABEL_MAX ? max : LABEL_MAX;
}

static void
heading(struct svg *g, const char *title, const char *subtitle)
{
	fputs("<text x=\"12\" y=\"24\" font-size=\"16\" "
	    "font-weight=\"bold\">", g->out);
	put_escaped(g->out, title);
	fputs("</text>\n<text x=\"12\" y=\"42\" fill=\"#333333\">", g->out);
	put_escaped(g->out, subtitle);
	fputs("</text>\n", g->out);
}

/*
 * One heatmap cell with its letter and a tooltip, inside a row group that
 * sets the row's offset and the letters' style.  Cells are written short
 * because a class of 2,000 students has 120,000 of them on 60 goals.
 */
static void
heat_cell(struct svg *g, const struct chart *c, size_t s, size_t goal,
    int x)
{
	const struct cell *cell = CELL(c, s, goal);
	char est[16], thr[16];

	fprintf(g->out, "<g><rect x=\"%d\" width=\"%d\" height=\"%d\" "
	    "fill=\"%s\" stroke=\"#ffffff\"/>", x, HEAT_CELL, HEAT_CELL,
	    colours[cell->status]);
	if (cell->status == ST_STALLED || cell->status == ST_SLIPPED)
		fprintf(g->out, "<rect x=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"url(#pc%u-%s)\"/>", x, HEAT_CELL, HEAT_CELL, g->id,
		    cell->status == ST_STALLED ? "hatch" : "dots");
	fprintf(g->out, "<text x=\"%d\" y=\"14\">%s</text><title>",
	    x + HEAT_CELL / 2, letters[cell->status]);
	put_escaped(g->out, student_id(c, s));
	fputs(" ", g->out);
	put_escaped(g->out, goal_id(c, goal));
	fprintf(g->out, ": %s", status_name(cell->status));
	if (cell->has_estimate)
		fprintf(g->out, ", %s of %s", value_format(cell->estimate, 2,
		    est, sizeof(est)), value_format(cell->threshold, 2, thr,
		    sizeof(thr)));
	fputs("</title></g>\n", g->out);
}

/* Goal ids written upwards above the heatmap columns. */
static void
heat_goal_labels(struct svg *g, const struct chart *c, double left,
    double top)
{
	size_t i;

	for (i = 0; i < c->ngoals; i++) {
		fprintf(g->out, "<text transform=\"translate(%.1f %.1f) "
		    "rotate(-90)\">", left + i * HEAT_CELL + 14, top - 4);
		put_label(g->out, goal_id(c, c->goal_order[i]), LABEL_MAX);
		fputs("</text>\n", g->out);
	}
}

/* The number of students who mastered each goal, under its column. */
static void
heat_counts(struct svg *g, const struct chart *c, double left, double y,
    size_t *counts)
{
	size_t i, s, n;
	int st;

	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
	    "mastered</text>\n", left - 4, y);
	for (i = 0; i < c->ngoals; i++) {
		for (s = n = 0; s < c->nstudents; s++) {
			st = CELL(c, s, c->goal_order[i])->status;
			counts[st]++;
			n += st == ST_MASTERED;
		}
		fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-size=\"9\">%zu</text>\n",
		    left + i * HEAT_CELL + HEAT_CELL / 2.0, y, n);
	}
}

/*
 * The heatmap of n students from position first of the display order:
 * students down, goals across, a coloured and lettered cell each, the
 * mastered count per goal (over the whole class) and a legend.
 */
void
svg_class(struct svg *g, const struct chart *c, size_t first, size_t n,
    const char *subtitle)
{
	size_t counts[NSTATUS] = { 0 }, k, i, s;
	double left, top, width, height, legend_w;

	left = floor(40 + CHAR_W * max_id_length(&c->students,
	    c->student_order, first, n) + 8);
	if (left < 100)
		left = 100;
	top = floor(70 + CHAR_W * max_id_length(&c->goals, c->goal_order, 0,
	    c->ngoals) + 8);
	legend_w = 720;
	width = left + c->ngoals * HEAT_CELL + 20;
	if (width < legend_w)
		width = legend_w;
	height = top + n * HEAT_CELL + 70;
	svg_begin(g, width, height, "Mastery by student and goal");
	svg_defs_status(g);
	heading(g, "Mastery by student and goal", subtitle);
	fprintf(g->out, "<text x=\"%.1f\" y=\"60\" text-anchor=\"middle\" "
	    "font-weight=\"bold\">Goals</text>\n", left + c->ngoals *
	    HEAT_CELL / 2.0);
	fprintf(g->out, "<text transform=\"translate(20 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\" font-weight=\"bold\">Students</text>\n",
	    top + n * HEAT_CELL / 2.0);
	heat_goal_labels(g, c, left, top);
	for (k = 0; k < n; k++) {
		s = c->student_order[first + k];
		fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">", left - 4, top + k * HEAT_CELL + 14);
		put_label(g->out, student_id(c, s), LABEL_MAX);
		fprintf(g->out, "</text>\n<g "
		    "transform=\"translate(%.0f %.0f)\" "
		    "text-anchor=\"middle\" font-weight=\"bold\">\n", left,
		    top + k * HEAT_CELL);
		for (i = 0; i < c->ngoals; i++)
			heat_cell(g, c, s, c->goal_order[i],
			    (int)i * HEAT_CELL);
		fputs("</g>\n", g->out);
	}
	heat_counts(g, c, left, top + n * HEAT_CELL + 16, counts);
	status_legend(g, 12, top + n * HEAT_CELL + 50, counts);
	svg_end(g);
}

/*
 * For classes too large for one heatmap: one bar per goal, split by the
 * number of students in each status.
 */
void
svg_class_summary(struct svg *g, const struct chart *c, const char *note)
{
	size_t counts[NSTATUS], i, s;
	double left, top = 90, barw = 600, x, w, height;
	int st;

	left = 20 + CHAR_W * max_id_length(&c->goals, c->goal_order, 0,
	    c->ngoals) + 8;
	height = top + c->ngoals * 22 + 70;
	svg_begin(g, left + barw + 30, height, "Students by status per goal");
	svg_defs_status(g);
	heading(g, "Students by status per goal", note);
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-weight=\"bold\">Students (%zu)</text>\n", left + barw / 2,
	    top - 12, c->nstudents);
	fprintf(g->out, "<text x=\"12\" y=\"%.1f\" font-weight=\"bold\">"
	    "Goals</text>\n", top - 12);
	for (i = 0; i < c->ngoals; i++) {
		memset(counts, 0, sizeof(counts));
		for (s = 0; s < c->nstudents; s++)
			counts[CELL(c, s, c->goal_order[i])->status]++;
		fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">", left - 4, top + i * 22 + 14);
		put_label(g->out, goal_id(c, c->goal_order[i]), LABEL_MAX);
		fputs("</text>\n", g->out);
		for (st = 0, x = left; st < NSTATUS && c->nstudents > 0; st++) {
			w = barw * counts[st] / c->nstudents;
			if (w <= 0)
				continue;
			status_rect(g, x, top + i * 22, w, 18, st);
			if (w >= 34)
				fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" "
				    "text-anchor=\"middle\">%s %zu</text>",
				    x + w / 2, top + i * 22 + 13, letters[st],
				    counts[st]);
			fputs("\n", g->out);
			x += w;
		}
	}
	status_legend(g, 12, height - 24, NULL);
	svg_end(g);
}

/*
 * The class view: the whole heatmap when it fits on a page of
 * v->page_rows students, the page asked for with --page, or else the
 * per-goal summary.
 */
void
svg_class_page(struct svg *g, const struct chart *c, const struct view *v)
{
	size_t rows = (size_t)v->page_rows, pages, first, n;
	char note[160];

	pages = c->nstudents == 0 ? 1 : (c->nstudents + rows - 1) / rows;
	if (v->page > 0 && (size_t)v->page > pages)
		die(EXIT_TROUBLE, "--page: no page %ld (the class fills %zu "
		    "page%s of %zu students)", v->page, pages,
		    pages == 1 ? "" : "s", rows);
	if (pages > 1 && v->page == 0) {
		snprintf(note, sizeof(note), "%zu %s, %zu %s: too many for "
		    "one heatmap; --page 1 to %zu draws %zu at a time",
		    c->nstudents, plural(c->nstudents, "student", "students"),
		    c->ngoals, plural(c->ngoals, "goal", "goals"), pages,
		    rows);
		svg_class_summary(g, c, note);
		return;
	}
	first = v->page > 0 ? (size_t)(v->page - 1) * rows : 0;
	n = c->nstudents - first < rows ? c->nstudents - first : rows;
	if (c->nstudents == 0 || c->ngoals == 0)
		snprintf(note, sizeof(note), "No students or goals in the "
		    "input yet");
	else if (pages > 1)
		snprintf(note, sizeof(note), "%zu %s, %zu %s; page %ld of "
		    "%zu", c->nstudents, plural(c->nstudents, "student",
		    "students"), c->ngoals, plural(c->ngoals, "goal",
		    "goals"), v->page, pages);
	else
		snprintf(note, sizeof(note), "%zu %s, %zu %s", c->nstudents,
		    plural(c->nstudents, "student", "students"), c->ngoals,
		    plural(c->ngoals, "goal", "goals"));
	svg_class(g, c, first, n, note);
}
