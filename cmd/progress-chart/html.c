/* goalkit: see LICENSE. The HTML class report and printable tracking sheet. */

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"
#include "chart.h"

/*
 * One style sheet for both pages: screen and paper.  Each student's
 * section and each heatmap page starts on a new sheet when printed.
 */
static const char style[] =
    "body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;"
    "color:#111;margin:1.5em auto;max-width:1100px;padding:0 1em;"
    "line-height:1.35}\n"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;"
    "border-bottom:2px solid #0072B2}h3{margin-bottom:.3em}\n"
    "table{border-collapse:collapse;margin:.5em 0}\n"
    "th,td{border:1px solid #999;padding:2px 7px;text-align:right;"
    "vertical-align:top}\n"
    "th{background:#f0f0f0}.l{text-align:left}\n"
    "nav,h2,h3,p,li,.long{overflow-wrap:anywhere}.long{min-width:12em}\n"
    "svg{max-width:100%;height:auto;display:block}\n"
    "figure{margin:1em 0}figcaption{font-size:.9em;color:#333}\n"
    ".st{display:inline-block;min-width:1.4em;text-align:center;"
    "font-weight:bold;border:1px solid #333;padding:0 3px;margin-right:3px}\n"
    ".st0{background:#009E73}.st1{background:#56B4E9}"
    ".st2{background:#D55E00}.st3{background:#E69F00}.st4{background:#EEE}\n"
    ".meta{color:#333}.box{display:inline-block;width:1.1em;height:1.1em;"
    "border:1.5px solid #000;vertical-align:middle}\n"
    ".sheet td{padding:6px 8px}.sheet .c{text-align:center}\n"
    "nav a{margin-right:.6em}\n"
    "@page{margin:14mm}\n"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "nav{display:none}a{color:inherit;text-decoration:none}"
    "section.student,figure.page{break-before:page}"
    "tr,figure,li{break-inside:avoid}}\n";

/*
 * Classes up to this size get a section per student with a progress
 * chart.  A larger class would make a report of hundreds of megabytes
 * (about 100 kB per student on 60 goals), so it gets the summaries and
 * the heatmap pages only.
 */
#define SECTIONS_MAX	200

/*
 * Table cells of ids longer than this many characters may break
 * anywhere, so that they do not run off the page.  Shorter ids stay whole.
 */
#define LONG_ID		24

/* Open a table cell for an id, left aligned. */
static void
id_cell(FILE *out, const char *id)
{
	fputs(utf8_length(id) > LONG_ID ? "<td class=\"l long\">" :
	    "<td class=\"l\">", out);
}

static void
page_start(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", out);
	put_escaped(out, title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
	    style);
}

static void
page_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}

/* A status as a coloured badge with its letter, then its name. */
static void
badge(FILE *out, int status)
{
	fprintf(out, "<span class=\"st st%d\">%s</span>%s", status,
	    status_letter(status), status_name(status));
}

static void
report_header(const struct chart *c, const struct view *v)
{
	size_t i;

	fprintf(v->out, "<header>\n<h1>Progress report</h1>\n"
	    "<p class=\"meta\">Made on %s from ", v->date);
	for (i = 0; i < c->ninputs; i++) {
		if (i > 0)
			fputs(i + 1 == c->ninputs ? " and " : ", ", v->out);
		fputs("<code>", v->out);
		put_escaped(v->out, c->inputs[i]);
		fputs("</code>", v->out);
	}
	fprintf(v->out, ".  %zu student%s, %zu goal%s.%s</p>\n</header>\n",
	    c->nstudents, c->nstudents == 1 ? "" : "s", c->ngoals,
	    c->ngoals == 1 ? "" : "s", c->have_mastery ? "" :
	    "  Without a mastery table, each status is judged from the "
	    "latest teacher or system score alone.");
}

static void
goal_summary(const struct chart *c, FILE *out)
{
	size_t counts[NSTATUS], i, s, g;
	char share[16];
	int k;

	fputs("<h2 id=\"summary\">Summary by goal</h2>\n<table>\n<tr>"
	    "<th class=\"l\">goal</th>", out);
	for (k = 0; k < NSTATUS; k++) {
		fputs("<th>", out);
		badge(out, k);
		fputs("</th>", out);
	}
	fputs(c->gm != NULL ? "<th>share mastered</th><th class=\"l\">"
	    "statement</th></tr>\n" : "<th>share mastered</th></tr>\n", out);
	for (i = 0; i < c->ngoals; i++) {
		g = c->goal_order[i];
		memset(counts, 0, sizeof(counts));
		for (s = 0; s < c->nstudents; s++)
			counts[CELL(c, s, g)->status]++;
		fputs("<tr>", out);
		id_cell(out, goal_id(c, g));
		put_escaped(out, goal_id(c, g));
		fputs("</td>", out);
		for (k = 0; k < NSTATUS; k++)
			fprintf(out, "<td>%zu</td>", counts[k]);
		fprintf(out, "<td>%s</td>", c->nstudents ? value_format(
		    (double)counts[ST_MASTERED] / c->nstudents, 2, share,
		    sizeof(share)) : "");
		if (c->gm != NULL) {
			fputs("<td class=\"l\">", out);
			put_escaped(out, c->gm->goals[g].statement);
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void
student_summary(const struct chart *c, FILE *out)
{
	size_t counts[NSTATUS], core, core_mastered, i, s;
	char share[16];

	fputs("<h2>Summary by student</h2>\n<table>\n<tr><th class=\"l\">"
	    "student</th><th class=\"l\">group</th><th>mastered</th>"
	    "<th>stalled</th><th>core mastered</th><th>share of core</th>"
	    "</tr>\n", out);
	for (i = 0; i < c->nstudents; i++) {
		s = c->student_order[i];
		count_statuses(c, s, counts, &core, &core_mastered);
		fputs("<tr>", out);
		id_cell(out, student_id(c, s));
		if (c->nstudents <= SECTIONS_MAX)
			fprintf(out, "<a href=\"#s%zu\">", s);
		put_escaped(out, student_id(c, s));
		if (c->nstudents <= SECTIONS_MAX)
			fputs("</a>", out);
		fputs("</td><td class=\"l\">", out);
		put_escaped(out, c->group[s]);
		fprintf(out, "</td><td>%zu</td><td>%zu</td><td>%zu of %zu</td>"
		    "<td>%s</td></tr>\n", counts[ST_MASTERED],
		    counts[ST_STALLED], core_mastered, core, core ?
		    value_format((double)core_mastered / core, 2, share,
		    sizeof(share)) : "");
	}
	fputs("</table>\n", out);
}

/* The heatmap, a page of v->page_rows students at a time. */
static void
report_heatmap(const struct chart *c, const struct view *v)
{
	struct svg svg = { v->out, 1, 0 };
	size_t rows = (size_t)v->page_rows, pages, p, first, n;
	char note[128];

	pages = c->nstudents == 0 ? 1 : (c->nstudents + rows - 1) / rows;
	fputs("<h2>Class heatmap</h2>\n", v->out);
	if (pages > 1) {
		fputs("<figure>\n", v->out);
		snprintf(note, sizeof(note), "%zu %s, %zu %s", c->nstudents,
		    plural(c->nstudents, "student", "students"), c->ngoals,
		    plural(c->ngoals, "goal", "goals"));
		svg_class_summary(&svg, c, note);
		fprintf(v->out, "<figcaption>Students by status per goal; the "
		    "heatmap follows in %zu pages of %zu students."
		    "</figcaption>\n</figure>\n", pages, rows);
	}
	for (p = 0; p < pages; p++) {
		first = p * rows;
		n = c->nstudents - first < rows ? c->nstudents - first : rows;
		if (pages > 1)
			snprintf(note, sizeof(note), "%zu %s, %zu %s; page %zu "
			    "of %zu", c->nstudents, plural(c->nstudents,
			    "student", "students"), c->ngoals, plural(c->ngoals,
			    "goal", "goals"), p + 1, pages);
		else
			snprintf(note, sizeof(note), "%zu %s, %zu %s",
			    c->nstudents, plural(c->nstudents, "student",
			    "students"), c->ngoals, plural(c->ngoals, "goal",
			    "goals"));
		fprintf(v->out, "<figure%s>\n", pages > 1 ?
		    " class=\"page\"" : "");
		svg_class(&svg, c, first, n, note);
		fputs("</figure>\n", v->out);
	}
}

/* Goals of student s with one status, as a list, or "none". */
static void
goal_list(const struct chart *c, FILE *out, size_t s, int status)
{
	const struct cell *cell;
	size_t i, g, n = 0;
	char day[16];

	for (i = 0; i < c->ngoals; i++) {
		g = c->goal_order[i];
		cell = CELL(c, s, g);
		if (cell->status != status)
			continue;
		fputs(n++ == 0 ? "<ul>\n<li><b>" : "<li><b>", out);
		put_escaped(out, goal_id(c, g));
		fputs("</b>", out);
		if (status == ST_MASTERED && cell->mastered_day != NODAY &&
		    c->have_times) {
			format_day(cell->mastered_day, day, sizeof(day));
			fprintf(out, " on %s", day);
		}
		if (status == ST_STALLED &&
		    cell->stalled_activity != NOINDEX) {
			fputs(" on activity ", out);
			put_escaped(out, activity_id(c,
			    cell->stalled_activity));
		}
		if (c->gm != NULL) {
			fputs(": ", out);
			put_escaped(out, c->gm->goals[g].statement);
		}
		fputs("</li>\n", out);
	}
	fputs(n > 0 ? "</ul>\n" : "<p>None.</p>\n", out);
}

/* One alternative activity: its id, type, fit and reason. */
static void
suggestion_item(FILE *out, const struct suggestion *sg)
{
	char fit[16];

	fputs("<li>", out);
	put_escaped(out, sg->activity[0] != '\0' ? sg->activity :
	    "any activity");
	if (sg->type[0] != '\0') {
		fputs(" (", out);
		put_escaped(out, sg->type);
		fputs(")", out);
	}
	if (sg->fit >= 0)
		fprintf(out, ", fit %s", value_format(sg->fit, 2, fit,
		    sizeof(fit)));
	if (sg->reason[0] != '\0') {
		fputs(": ", out);
		put_escaped(out, sg->reason);
	}
	fputs("</li>\n", out);
}

/*
 * Student s's suggestions in rank order, the alternatives offered for one
 * goal at one rank grouped under it with who chooses among them.
 */
static void
suggestion_list(const struct chart *c, FILE *out, size_t s)
{
	const struct suggestion *sg, *prev = NULL;
	size_t i;

	for (i = 0; i < c->nsugg; i++) {
		sg = &c->sugg[i];
		if (sg->student != s)
			continue;
		if (prev == NULL || prev->rank != sg->rank ||
		    strcmp(prev->goal, sg->goal) != 0) {
			fputs(prev == NULL ? "<ol>\n<li><b>" :
			    "</ul></li>\n<li><b>", out);
			put_escaped(out, sg->goal);
			fputs("</b>", out);
			if (strcmp(sg->choice, "free") == 0)
				fputs(": the student chooses", out);
			else if (strcmp(sg->choice, "coach") == 0)
				fputs(": the teacher guides the choice", out);
			fputs("<ul>\n", out);
		}
		suggestion_item(out, sg);
		prev = sg;
	}
	fputs(prev != NULL ? "</ul></li>\n</ol>\n" : "<p>None given.</p>\n",
	    out);
}

static void
student_section(const struct chart *c, const struct view *v, size_t s)
{
	struct svg svg = { v->out, 1, 0 };
	size_t counts[NSTATUS], core, core_mastered;

	count_statuses(c, s, counts, &core, &core_mastered);
	fprintf(v->out, "<section class=\"student\" id=\"s%zu\">\n<h3>", s);
	put_escaped(v->out, student_id(c, s));
	if (c->grade[s][0] != '\0') {
		fputs(", grade ", v->out);
		put_escaped(v->out, c->grade[s]);
	}
	if (c->group[s][0] != '\0') {
		fputs(", group ", v->out);
		put_escaped(v->out, c->group[s]);
	}
	fprintf(v->out, "</h3>\n<p>%zu of %zu %s mastered, %zu of %zu core "
	    "%s; %zu stalled.</p>\n<figure>\n", counts[ST_MASTERED],
	    c->ngoals, plural(c->ngoals, "goal", "goals"), core_mastered,
	    core, plural(core, "goal", "goals"), counts[ST_STALLED]);
	svg_student(&svg, c, s, v->goal);
	fputs("</figure>\n<h4>Goals mastered</h4>\n", v->out);
	goal_list(c, v->out, s, ST_MASTERED);
	fputs("<h4>Stalled goals</h4>\n", v->out);
	goal_list(c, v->out, s, ST_STALLED);
	if (c->nsugg > 0) {
		fputs("<h4>Next suggestions</h4>\n", v->out);
		suggestion_list(c, v->out, s);
	}
	fputs("</section>\n", v->out);
}

/*
 * The class report: when and from what it was made, summaries by goal
 * and by student, the heatmap, and a section per student.
 */
void
html_report(const struct chart *c, const struct view *v)
{
	char title[64];
	size_t i;

	snprintf(title, sizeof(title), "Progress report, %s", v->date);
	page_start(v->out, title);
	report_header(c, v);
	if (c->nstudents <= SECTIONS_MAX) {
		fputs("<nav><b>Students:</b> ", v->out);
		for (i = 0; i < c->nstudents; i++) {
			fprintf(v->out, "<a href=\"#s%zu\">",
			    c->student_order[i]);
			put_escaped(v->out, student_id(c, c->student_order[i]));
			fputs("</a> ", v->out);
		}
		fputs("</nav>\n", v->out);
	}
	if (c->nstudents == 0 || c->ngoals == 0)
		fputs("<p><b>The inputs hold no students or goals yet.</b>"
		    "</p>\n", v->out);
	goal_summary(c, v->out);
	student_summary(c, v->out);
	report_heatmap(c, v);
	if (c->nstudents > SECTIONS_MAX) {
		fprintf(v->out, "<h2>Students</h2>\n<p>With more than %d "
		    "students the report leaves out each student's section; "
		    "draw one with <code>progress-chart -f svg -s "
		    "<var>student</var></code>, or make a report per group "
		    "from a roster of that group.</p>\n", SECTIONS_MAX);
		page_end(v->out);
		return;
	}
	fputs("<h2>Students</h2>\n", v->out);
	for (i = 0; i < c->nstudents; i++)
		student_section(c, v, c->student_order[i]);
	page_end(v->out);
}

/* One student's page: when and from what it was made, and their section. */
void
html_student(const struct chart *c, const struct view *v, size_t s)
{
	char title[160];

	snprintf(title, sizeof(title), "Progress of %s, %s", student_id(c, s),
	    v->date);
	page_start(v->out, title);
	report_header(c, v);
	student_section(c, v, s);
	page_end(v->out);
}

/*
 * A printable self-assessment page for student s: the goals on their
 * current path as "I can" statements with success criteria and boxes.
 */
void
html_tracking_sheet(const struct chart *c, const struct view *v, size_t s)
{
	const struct goal *gl;
	unsigned char *ready;
	size_t *goals, n, i;
	char title[160], line[2048];

	goals = xcalloc(c->ngoals + 1, sizeof(*goals));
	ready = xcalloc(c->ngoals + 1, 1);
	n = tracking_goals(c, s, goals, ready);
	snprintf(title, sizeof(title), "Tracking sheet for %s",
	    student_id(c, s));
	page_start(v->out, title);
	fputs("<h1>", v->out);
	put_escaped(v->out, title);
	fprintf(v->out, "</h1>\n<p class=\"meta\">%s. Tick one box for each "
	    "goal: not yet, nearly, or I can. Ask your teacher when you are "
	    "sure you can.</p>\n", v->date);
	if (n == 0)
		fputs("<p>No goals to work on: every goal is mastered or waits "
		    "for a prerequisite.</p>\n", v->out);
	else
		fputs("<table class=\"sheet\">\n<tr><th class=\"l\">goal</th>"
		    "<th class=\"l\">I can &hellip;</th><th class=\"c\">not "
		    "yet</th><th class=\"c\">nearly</th><th class=\"c\">I can"
		    "</th></tr>\n", v->out);
	for (i = 0; i < n; i++) {
		gl = &c->gm->goals[goals[i]];
		fputs("<tr>", v->out);
		id_cell(v->out, gl->id);
		fputs("<b>", v->out);
		put_escaped(v->out, gl->id);
		fputs("</b></td><td class=\"l\">", v->out);
		i_can(gl->statement, line, sizeof(line));
		put_escaped(v->out, line);
		if (gl->criteria[0] != '\0') {
			fputs("<br><small>Success criteria: ", v->out);
			put_escaped(v->out, gl->criteria);
			fputs("</small>", v->out);
		}
		if (!ready[i]) {
			unmet_requirements(c, s, goals[i], line, sizeof(line));
			fputs("<br><small>Needs ", v->out);
			put_escaped(v->out, line);
			fputs(" first.</small>", v->out);
		}
		fputs("</td><td class=\"c\"><span class=\"box\"></span></td>"
		    "<td class=\"c\"><span class=\"box\"></span></td>"
		    "<td class=\"c\"><span class=\"box\"></span></td></tr>\n",
		    v->out);
	}
	if (n > 0)
		fputs("</table>\n", v->out);
	page_end(v->out);
	free(goals);
	free(ready);
}
