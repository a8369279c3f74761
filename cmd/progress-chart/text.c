/* goalkit: see LICENSE. Terminal views, summary table and tracking sheet. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"
#include "writer.h"
#include "chart.h"

/* Most scores in a sparkline; the latest are kept. */
#define SPARK_MAX	16

/* Status symbols of the class grid, Unicode and ASCII. */
static const char *const grid_unicode[NSTATUS] = {
	"\u25cf", "\u25d0", "\u2717", "\u2193", "\u00b7"
};
static const char *const grid_ascii[NSTATUS] = {
	"M", "P", "S", "D", "-"
};

/* Sparkline levels from low to high proportions. */
static const char *const spark_unicode[8] = {
	"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587",
	"\u2588"
};
static const char spark_ascii[] = "_.:-=+*#";

static void
put_spaces(FILE *out, int n)
{
	while (n-- > 0)
		putc(' ', out);
}

/* Rows of the goal ids written downwards over the class grid. */
#define HEADER_ROWS	16

/*
 * Print s in at most max columns, cutting it with a '~' when longer, and
 * pad it to pad columns.
 */
static void
put_cell(FILE *out, const char *s, int max, int pad)
{
	unsigned long cp;
	size_t n;
	int w = text_width(s), cw;

	if (w <= max) {
		fputs(s, out);
		put_spaces(out, pad - w);
		return;
	}
	for (w = 0; *s != '\0'; s += n) {
		n = utf8_decode(s, &cp);
		cw = char_width(cp);
		if (w + cw > max - 1)
			break;
		fwrite(s, 1, n, out);
		w += cw;
	}
	putc('~', out);
	put_spaces(out, pad - w - 1);
}

/* Print text wrapped at width columns, each line after the first indented. */
static void
put_wrapped(FILE *out, const char *text, int indent, int first, int width)
{
	const char *p = text, *word;
	int col = first, len, room = width - indent;

	if (room < 20)
		room = 20;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		for (word = p; *p != '\0' && *p != ' ' && *p != '\n'; p++)
			continue;
		len = text_width_n(word, (size_t)(p - word));
		if (col > indent && col + 1 + len > indent + room) {
			putc('\n', out);
			put_spaces(out, indent);
			col = indent;
		} else if (col > indent) {
			putc(' ', out);
			col++;
		}
		fwrite(word, 1, (size_t)(p - word), out);
		col += len;
	}
	putc('\n', out);
}

static void
put_spark(FILE *out, const struct point *p, size_t n, int ascii)
{
	size_t i, shown = 0, start;
	int level;

	for (i = 0; i < n; i++)
		if (p[i].proportion >= 0)
			shown++;
	start = shown > SPARK_MAX ? shown - SPARK_MAX : 0;
	for (i = 0, shown = 0; i < n; i++) {
		if (p[i].proportion < 0 || shown++ < start)
			continue;
		level = (int)floor(p[i].proportion * 8);
		if (level > 7)
			level = 7;
		if (ascii)
			putc(spark_ascii[level], out);
		else
			fputs(spark_unicode[level], out);
	}
}

/* The status in words, with what a teacher acts on. */
static void
status_words(const struct chart *c, const struct cell *cell, char *buf,
    size_t size)
{
	char day[16];

	switch (cell->status) {
	case ST_MASTERED:
		if (cell->mastered_day != NODAY && c->have_times) {
			format_day(cell->mastered_day, day, sizeof(day));
			snprintf(buf, size, "mastered %s", day);
		} else
			snprintf(buf, size, "mastered");
		break;
	case ST_STALLED:
		if (cell->stalled_activity != NOINDEX)
			snprintf(buf, size, "stalled on %s",
			    activity_id(c, cell->stalled_activity));
		else
			snprintf(buf, size, "stalled");
		break;
	case ST_SLIPPED:
		snprintf(buf, size, "slipped below threshold");
		break;
	case ST_NOT_STARTED:
		snprintf(buf, size, "not started");
		break;
	default:
		snprintf(buf, size, "%s", status_name(cell->status));
		break;
	}
}

/* Count student s's goals by status; core goals and those mastered too. */
void
count_statuses(const struct chart *c, size_t s, size_t *counts, size_t *core,
    size_t *core_mastered)
{
	const struct cell *cell;
	size_t g;

	memset(counts, 0, NSTATUS * sizeof(*counts));
	*core = *core_mastered = 0;
	for (g = 0; g < c->ngoals; g++) {
		cell = CELL(c, s, g);
		counts[cell->status]++;
		if (goal_is_core(c, g)) {
			(*core)++;
			if (cell->status == ST_MASTERED)
				(*core_mastered)++;
		}
	}
}

static void
student_heading(const struct chart *c, const struct view *v, size_t s)
{
	size_t counts[NSTATUS], core, core_mastered;

	count_statuses(c, s, counts, &core, &core_mastered);
	fprintf(v->out, "%s", student_id(c, s));
	if (c->grade[s][0] != '\0')
		fprintf(v->out, ", grade %s", c->grade[s]);
	if (c->group[s][0] != '\0')
		fprintf(v->out, ", group %s", c->group[s]);
	fprintf(v->out, ": %zu of %zu %s mastered", counts[ST_MASTERED],
	    c->ngoals, plural(c->ngoals, "goal", "goals"));
	if (counts[ST_STALLED] > 0)
		fprintf(v->out, ", %zu stalled", counts[ST_STALLED]);
	putc('\n', v->out);
}

/* Width of the goal id column: the longest id, at most 16. */
static int
goal_column(const struct chart *c)
{
	size_t g;
	int w = 4, n;

	for (g = 0; g < c->ngoals; g++)
		if ((n = text_width(goal_id(c, g))) > w)
			w = n;
	return w > 16 ? 16 : w;
}

/* The number of points among n that have a proportion. */
size_t
proportion_count(const struct point *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (p[i].proportion >= 0)
			k++;
	return k;
}

static void
student_line(const struct chart *c, const struct view *v, size_t s,
    size_t g, int idw, const struct point *p, size_t n)
{
	const struct cell *cell = CELL(c, s, g);
	char est[16], thr[16], words[128];
	size_t shown = proportion_count(p, n);

	put_cell(v->out, goal_id(c, g), idw, idw + 2);
	put_spark(v->out, p, n, v->ascii);
	put_spaces(v->out, SPARK_MAX + 2 - (int)(shown > SPARK_MAX ?
	    SPARK_MAX : shown));
	if (cell->has_estimate)
		value_format(cell->estimate, 2, est, sizeof(est));
	else
		snprintf(est, sizeof(est), "-");
	value_format(cell->threshold, 2, thr, sizeof(thr));
	fprintf(v->out, "%4s / %-4s  ", est, thr);
	status_words(c, cell, words, sizeof(words));
	put_cell(v->out, words, v->width - idw - SPARK_MAX - 17, 0);
	putc('\n', v->out);
}

/*
 * One student: a line per goal with evidence or a status other than not
 * started, then the goals not started in one wrapped list.
 */
void
text_student(const struct chart *c, const struct view *v, size_t s)
{
	const struct point *p;
	size_t first, n, gfirst, gn, i, g, waiting = 0;
	int idw = goal_column(c), col, w;

	student_heading(c, v, s);
	if (c->ngoals == 0) {
		fprintf(v->out, "no goals in the input\n");
		return;
	}
	fprintf(v->out, "%-*s  %-*s  %-11s  %s\n", idw, "goal", SPARK_MAX,
	    "evidence", "estimate", "status");
	n = student_points(c, s, &first);
	p = c->points + first;
	for (i = 0; i < c->ngoals; i++) {
		g = c->goal_order[i];
		if (v->goal != NULL && strcmp(goal_id(c, g), v->goal) != 0)
			continue;
		gn = goal_points(c, p, n, g, &gfirst);
		if (proportion_count(p + gfirst, gn) == 0 &&
		    CELL(c, s, g)->status == ST_NOT_STARTED) {
			waiting++;
			continue;
		}
		student_line(c, v, s, g, idw, p + gfirst, gn);
	}
	if (waiting == 0)
		return;
	fprintf(v->out, "not started:");
	col = 12;
	for (i = 0; i < c->ngoals; i++) {
		g = c->goal_order[i];
		if (v->goal != NULL && strcmp(goal_id(c, g), v->goal) != 0)
			continue;
		gn = goal_points(c, p, n, g, &gfirst);
		if (CELL(c, s, g)->status != ST_NOT_STARTED ||
		    proportion_count(p + gfirst, gn) > 0)
			continue;
		w = text_width(goal_id(c, g));
		if (w > v->width - 2)
			w = v->width - 2;
		if (col + 1 + w > v->width) {
			fputs("\n ", v->out);
			col = 1;
		}
		putc(' ', v->out);
		put_cell(v->out, goal_id(c, g), w, 0);
		col += 1 + w;
	}
	putc('\n', v->out);
}

static void
class_legend(const struct chart *c, const struct view *v)
{
	const char *const *sym = v->ascii ? grid_ascii : grid_unicode;
	int i;

	int col = 0, w;

	fprintf(v->out, "%zu student%s, %zu goal%s\n", c->nstudents,
	    c->nstudents == 1 ? "" : "s", c->ngoals, c->ngoals == 1 ? "" : "s");
	for (i = 0; i < NSTATUS; i++) {
		w = text_width(sym[i]) + 1 + (int)strlen(status_name(i));
		if (col > 0 && col + 2 + w > v->width) {
			putc('\n', v->out);
			col = 0;
		} else if (col > 0) {
			fputs("  ", v->out);
			col += 2;
		}
		fprintf(v->out, "%s %s", sym[i], status_name(i));
		col += w;
	}
	putc('\n', v->out);
}

/*
 * The goal ids of one block written downwards, a character per row in
 * each column.  An id longer than HEADER_ROWS characters ends in '~'.
 */
static void
class_header(const struct chart *c, const struct view *v, size_t from,
    size_t to, int lw, int cw)
{
	const char **next;
	size_t i, len, height = 0, last, n;
	unsigned long cp;
	int row;

	next = xcalloc(to - from + 1, sizeof(*next));
	for (i = from; i < to; i++) {
		next[i - from] = goal_id(c, c->goal_order[i]);
		if ((len = utf8_length(next[i - from])) > height)
			height = len;
	}
	if (height > HEADER_ROWS)
		height = HEADER_ROWS;
	for (row = 0; row < (int)height; row++) {
		/* Stop after the last id that reaches this row. */
		for (last = to; last > from; last--)
			if (*next[last - 1 - from] != '\0')
				break;
		put_spaces(v->out, lw);
		for (i = 0; i < last - from; i++) {
			if (*next[i] == '\0') {
				put_spaces(v->out, cw);
				continue;
			}
			n = utf8_decode(next[i], &cp);
			if (row == HEADER_ROWS - 1 && next[i][n] != '\0') {
				put_spaces(v->out, cw - 1);
				putc('~', v->out);
				continue;
			}
			put_spaces(v->out, cw - char_width(cp));
			fwrite(next[i], 1, n, v->out);
			next[i] += n;
		}
		putc('\n', v->out);
	}
	free(next);
}

/* A row of per-goal counts of one status under the grid. */
static void
class_counts(const struct chart *c, const struct view *v, size_t from,
    size_t to, int lw, int cw, int status)
{
	size_t i, s, n;

	put_cell(v->out, status_name(status), lw - 1, lw);
	for (i = from; i < to; i++) {
		for (s = n = 0; s < c->nstudents; s++)
			if (CELL(c, s, c->goal_order[i])->status == status)
				n++;
		fprintf(v->out, "%*zu", cw, n);
	}
	putc('\n', v->out);
}

static void
class_block(const struct chart *c, const struct view *v, size_t from,
    size_t to, int lw, int cw)
{
	const char *const *sym = v->ascii ? grid_ascii : grid_unicode;
	size_t i, k, s;

	class_header(c, v, from, to, lw, cw);
	for (k = 0; k < c->nstudents; k++) {
		s = c->student_order[k];
		put_cell(v->out, student_id(c, s), lw - 1, lw);
		for (i = from; i < to; i++) {
			put_spaces(v->out, cw - 1);
			fputs(sym[CELL(c, s, c->goal_order[i])->status],
			    v->out);
		}
		putc('\n', v->out);
	}
	class_counts(c, v, from, to, lw, cw, ST_MASTERED);
	class_counts(c, v, from, to, lw, cw, ST_STALLED);
}

/*
 * The class: students by goals, one symbol per status, with counts per
 * goal; goals that do not fit the width go on in further blocks.
 */
void
text_class(const struct chart *c, const struct view *v)
{
	size_t s, from, to, per;
	int lw = 11, cw = 2, n;

	if (c->nstudents == 0 || c->ngoals == 0) {
		fprintf(v->out, "no students or goals in the input\n");
		return;
	}
	class_legend(c, v);
	for (s = 0; s < c->nstudents; s++)
		if ((n = text_width(student_id(c, s)) + 1) > lw)
			lw = n;
	if (lw > 17)
		lw = 17;
	for (n = (int)c->nstudents; n >= 10; n /= 10)
		cw++;
	per = (size_t)((v->width - lw) / cw);
	if (per == 0)
		per = 1;
	for (from = 0; from < c->ngoals; from = to) {
		to = from + per < c->ngoals ? from + per : c->ngoals;
		putc('\n', v->out);
		class_block(c, v, from, to, lw, cw);
	}
}

/* Goal rows, then student rows, of the summary table. */
static void
summary_goal(const struct chart *c, struct writer *w, size_t g)
{
	size_t counts[NSTATUS] = { 0 }, s;
	int i;

	for (s = 0; s < c->nstudents; s++)
		counts[CELL(c, s, g)->status]++;
	writer_str(w, "goal");
	writer_str(w, goal_id(c, g));
	writer_int(w, (long long)c->nstudents);
	for (i = 0; i < NSTATUS; i++)
		writer_int(w, (long long)counts[i]);
	if (c->nstudents > 0)
		writer_num(w, (double)counts[ST_MASTERED] / c->nstudents, 4);
	else
		writer_empty(w);
	writer_empty(w);
	writer_empty(w);
	writer_empty(w);
	writer_end(w);
}

static void
summary_student(const struct chart *c, struct writer *w, size_t s)
{
	size_t counts[NSTATUS], core, core_mastered;
	int i;

	count_statuses(c, s, counts, &core, &core_mastered);
	writer_str(w, "student");
	writer_str(w, student_id(c, s));
	writer_int(w, (long long)c->ngoals);
	for (i = 0; i < NSTATUS; i++)
		writer_int(w, (long long)counts[i]);
	if (c->ngoals > 0)
		writer_num(w, (double)counts[ST_MASTERED] / c->ngoals, 4);
	else
		writer_empty(w);
	writer_int(w, (long long)core);
	writer_int(w, (long long)core_mastered);
	if (core > 0)
		writer_num(w, (double)core_mastered / core, 4);
	else
		writer_empty(w);
	writer_end(w);
}

void
write_summary(const struct chart *c, FILE *out, int delim, int excel)
{
	static const char *const header[] = {
		"kind", "id", "total", "mastered", "progressing", "stalled",
		"slipped", "not_started", "share_mastered", "core_total",
		"core_mastered", "share_core_mastered"
	};
	struct writer w;
	size_t i;

	writer_init(&w, out, delim, excel);
	writer_row(&w, header, sizeof(header) / sizeof(header[0]));
	for (i = 0; i < c->ngoals; i++)
		summary_goal(c, &w, c->goal_order[i]);
	for (i = 0; i < c->nstudents; i++)
		summary_student(c, &w, c->student_order[i]);
}

/* Nonzero when student s has mastered every goal g requires. */
static int
requirements_met(const struct chart *c, size_t s, size_t g)
{
	const struct goal *gl = &c->gm->goals[g];
	size_t i;

	for (i = 0; i < gl->nrequires; i++)
		if (CELL(c, s, gl->requires[i])->status != ST_MASTERED)
			return 0;
	return 1;
}

/* The goals g requires that student s has not mastered, as "A and B". */
void
unmet_requirements(const struct chart *c, size_t s, size_t g, char *buf,
    size_t size)
{
	const struct goal *gl = &c->gm->goals[g];
	size_t i, n = 0, len = 0, total = 0;

	buf[0] = '\0';
	for (i = 0; i < gl->nrequires; i++)
		total += CELL(c, s, gl->requires[i])->status != ST_MASTERED;
	for (i = 0; i < gl->nrequires && len < size; i++) {
		if (CELL(c, s, gl->requires[i])->status == ST_MASTERED)
			continue;
		n++;
		len += snprintf(buf + len, size - len, "%s%s", n == 1 ? "" :
		    n == total ? " and " : ", ",
		    c->gm->goals[gl->requires[i]].id);
	}
}

/* Nonzero when student s has begun or mastered a goal of this subject. */
static int
studies_subject(const struct chart *c, size_t s, const char *subject)
{
	size_t g;

	for (g = 0; g < c->ngoals; g++)
		if (CELL(c, s, g)->status != ST_NOT_STARTED &&
		    strcmp(c->gm->goals[g].subject, subject) == 0)
			return 1;
	return 0;
}

/*
 * The goals on student s's current path, in goal map order: those begun
 * and not mastered (progressing, stalled, slipped), and those not started
 * whose requirements are all mastered.  For a student who has begun some
 * goals, new goals are listed only in the subjects of those.  ready[] tells
 * which have their requirements met.  Return the count; goals[] needs
 * c->ngoals entries.
 */
size_t
tracking_goals(const struct chart *c, size_t s, size_t *goals,
    unsigned char *ready)
{
	const struct cell *cell;
	size_t i, g, n = 0;
	int met, begun = 0;

	for (g = 0; g < c->ngoals && !begun; g++)
		begun = CELL(c, s, g)->status != ST_NOT_STARTED;
	for (i = 0; i < c->ngoals; i++) {
		g = c->goal_order[i];
		cell = CELL(c, s, g);
		if (cell->status == ST_MASTERED)
			continue;
		met = requirements_met(c, s, g);
		if (cell->status == ST_NOT_STARTED && (!met || (begun &&
		    !studies_subject(c, s, c->gm->goals[g].subject))))
			continue;
		goals[n] = g;
		ready[n++] = (unsigned char)met;
	}
	return n;
}

/* "I can" and the statement with its first letter in lower case. */
void
i_can(const char *statement, char *buf, size_t size)
{
	size_t len;

	if (strncmp(statement, "I can ", 6) == 0)
		snprintf(buf, size, "%s", statement);
	else if (statement[0] >= 'A' && statement[0] <= 'Z' &&
	    !(statement[1] >= 'A' && statement[1] <= 'Z'))
		snprintf(buf, size, "I can %c%s", statement[0] - 'A' + 'a',
		    statement + 1);
	else
		snprintf(buf, size, "I can %s", statement);
	len = strlen(buf);
	if (len > 0 && buf[len - 1] != '.' && len + 1 < size) {
		buf[len] = '.';
		buf[len + 1] = '\0';
	}
}

void
text_tracking_sheet(const struct chart *c, const struct view *v, size_t s)
{
	const struct goal *gl;
	unsigned char *ready;
	size_t *goals, n, i;
	char line[2048];
	const char *box = v->ascii ? "[ ]" : "\u2610";

	goals = xcalloc(c->ngoals + 1, sizeof(*goals));
	ready = xcalloc(c->ngoals + 1, 1);
	n = tracking_goals(c, s, goals, ready);
	fprintf(v->out, "Tracking sheet for %s", student_id(c, s));
	if (c->grade[s][0] != '\0')
		fprintf(v->out, ", grade %s", c->grade[s]);
	fprintf(v->out, ", %s\n", v->date);
	put_wrapped(v->out, "Tick one box for each goal: not yet, nearly, or "
	    "I can. Ask your teacher when you are sure you can.", 0, 0,
	    v->width);
	if (n == 0)
		fprintf(v->out, "\nNo goals to work on: every goal is "
		    "mastered or waits for a prerequisite.\n");
	for (i = 0; i < n; i++) {
		gl = &c->gm->goals[goals[i]];
		fprintf(v->out, "\n%s", gl->id);
		if (!ready[i]) {
			unmet_requirements(c, s, goals[i], line, sizeof(line));
			fprintf(v->out, " (needs %s first)", line);
		}
		putc('\n', v->out);
		i_can(gl->statement, line, sizeof(line));
		fputs("  ", v->out);
		put_wrapped(v->out, line, 2, 2, v->width);
		if (gl->criteria[0] != '\0') {
			snprintf(line, sizeof(line), "Success criteria: %s",
			    gl->criteria);
			fputs("  ", v->out);
			put_wrapped(v->out, line, 2, 2, v->width);
		}
		fprintf(v->out, "  %s not yet   %s nearly   %s I can\n", box,
		    box, box);
	}
	free(goals);
	free(ready);
}
