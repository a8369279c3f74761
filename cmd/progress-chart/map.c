/* goalkit: see LICENSE. The goal map, coloured by one student's mastery. */

#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"
#include "chart.h"

#define NODE_W		160
#define NODE_H		40
#define COLUMN_W	220
#define ROW_H		54
#define LEFT		20
#define TOP		90

/*
 * Depth of each goal: 0 without requirements, else one more than its
 * deepest requirement.  The goal map loader has rejected cycles, so the
 * topological order covers every goal.
 */
static size_t
goal_depths(const struct goalmap *gm, size_t *depth)
{
	const struct goal *gl;
	size_t *order, i, j, g, max = 0;

	order = xcalloc(gm->n + 1, sizeof(*order));
	graph_topo(&gm->requires, NULL, order, NULL);
	/* Edges run from a goal to what it requires, so go backwards. */
	for (i = gm->n; i > 0; i--) {
		g = order[i - 1];
		gl = &gm->goals[g];
		depth[g] = 0;
		for (j = 0; j < gl->nrequires; j++)
			if (depth[gl->requires[j]] + 1 > depth[g])
				depth[g] = depth[gl->requires[j]] + 1;
		if (depth[g] > max)
			max = depth[g];
	}
	free(order);
	return max;
}

/* Place goals in columns by depth, in goal map order within a column. */
static size_t
place_goals(const struct goalmap *gm, const size_t *depth, size_t ncols,
    size_t *row)
{
	size_t *filled, g, rows = 0;

	filled = xcalloc(ncols, sizeof(*filled));
	for (g = 0; g < gm->n; g++) {
		row[g] = filled[depth[g]]++;
		if (filled[depth[g]] > rows)
			rows = filled[depth[g]];
	}
	free(filled);
	return rows;
}

static void
arrowhead(struct svg *g)
{
	fprintf(g->out, "<defs><marker id=\"pc%u-arrow\" viewBox=\"0 0 10 10\" "
	    "refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
	    "orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" "
	    "fill=\"#555555\"/></marker></defs>\n", g->id);
}

static void
draw_edges(struct svg *g, const struct goalmap *gm, const size_t *depth,
    const size_t *row)
{
	const struct goal *gl;
	double x1, y1, x2, y2;
	size_t i, j, r;

	for (i = 0; i < gm->n; i++) {
		gl = &gm->goals[i];
		for (j = 0; j < gl->nrequires; j++) {
			r = gl->requires[j];
			x1 = LEFT + depth[r] * COLUMN_W + NODE_W;
			y1 = TOP + row[r] * ROW_H + NODE_H / 2.0;
			x2 = LEFT + depth[i] * COLUMN_W;
			y2 = TOP + row[i] * ROW_H + NODE_H / 2.0;
			fprintf(g->out, "<path d=\"M %.1f %.1f C %.1f %.1f "
			    "%.1f %.1f %.1f %.1f\" fill=\"none\" "
			    "stroke=\"#555555\" "
			    "marker-end=\"url(#pc%u-arrow)\"/>"
			    "\n", x1, y1, x1 + 40, y1, x2 - 40, y2, x2, y2,
			    g->id);
		}
	}
}

static void
draw_node(struct svg *g, const struct chart *c, size_t s, size_t goal,
    double x, double y)
{
	const struct cell *cell = CELL(c, s, goal);
	const struct goal *gl = &c->gm->goals[goal];

	fprintf(g->out, "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" "
	    "height=\"%d\" rx=\"5\" fill=\"%s\" stroke=\"#333333\"/>", x, y,
	    NODE_W, NODE_H, status_colour(cell->status));
	if (cell->status == ST_STALLED || cell->status == ST_SLIPPED)
		fprintf(g->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" "
		    "height=\"%d\" rx=\"5\" fill=\"url(#pc%u-%s)\"/>", x, y,
		    NODE_W, NODE_H, g->id, cell->status == ST_STALLED ?
		    "hatch" : "dots");
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">",
	    x + 8, y + 16);
	put_label(g->out, gl->id, gl->scope == SCOPE_EXTENDED ? 8 : 18);
	fprintf(g->out, "%s</text><text x=\"%.1f\" y=\"%.1f\">%s %s</text>"
	    "<title>", gl->scope == SCOPE_EXTENDED ? " (extended)" : "",
	    x + 8, y + 32, status_letter(cell->status),
	    status_name(cell->status));
	put_escaped(g->out, gl->id);
	fputs(": ", g->out);
	put_escaped(g->out, gl->statement);
	fputs("</title></g>\n", g->out);
}

static void
map_legend(struct svg *g, double y)
{
	double x = LEFT;
	int i;

	for (i = 0; i < NSTATUS; i++) {
		fprintf(g->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
		    "height=\"14\" fill=\"%s\" stroke=\"#333333\"/>", x, y - 11,
		    status_colour(i));
		if (i == ST_STALLED || i == ST_SLIPPED)
			fprintf(g->out, "<rect x=\"%.1f\" y=\"%.1f\" "
			    "width=\"14\" height=\"14\" "
			    "fill=\"url(#pc%u-%s)\"/>",
			    x, y - 11, g->id, i == ST_STALLED ? "hatch" :
			    "dots");
		fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\">%s %s</text>\n",
		    x + 18, y, status_letter(i), status_name(i));
		x += 130;
	}
}

/*
 * The goal map of the chart, prerequisites to the left, each goal filled
 * with student s's status.
 */
void
svg_map(struct svg *g, const struct chart *c, size_t s)
{
	const struct goalmap *gm = c->gm;
	size_t *depth, *row, ncols, nrows, i;
	double width, height;
	char title[160];

	depth = xcalloc(gm->n + 1, sizeof(*depth));
	row = xcalloc(gm->n + 1, sizeof(*row));
	ncols = gm->n > 0 ? goal_depths(gm, depth) + 1 : 1;
	nrows = place_goals(gm, depth, ncols, row);
	width = LEFT + ncols * COLUMN_W;
	if (width < 680)
		width = 680;
	height = TOP + (nrows ? nrows : 1) * ROW_H + 50;
	snprintf(title, sizeof(title), "Goal map for %s", student_id(c, s));
	svg_begin(g, width, height, title);
	svg_defs_status(g);
	arrowhead(g);
	fputs("<text x=\"12\" y=\"24\" font-size=\"16\" font-weight=\"bold\">",
	    g->out);
	put_escaped(g->out, title);
	fprintf(g->out, "</text>\n<text x=\"12\" y=\"44\">%zu goals; "
	    "prerequisites on the left, arrows point to the goals that need "
	    "them</text>\n", gm->n);
	fprintf(g->out, "<text x=\"12\" y=\"66\" font-weight=\"bold\">"
	    "Depth in the prerequisite chain \u2192</text>\n");
	draw_edges(g, gm, depth, row);
	for (i = 0; i < gm->n; i++)
		draw_node(g, c, s, i, LEFT + depth[i] * COLUMN_W,
		    TOP + row[i] * ROW_H);
	map_legend(g, height - 20);
	svg_end(g);
	free(depth);
	free(row);
}
