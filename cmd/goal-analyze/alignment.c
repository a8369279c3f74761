/* goalkit: see LICENSE. Coverage of standards by goals, and alignment of activities with goals. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "reader.h"
#include "util.h"
#include "value.h"
#include "writer.h"

#include "analyze.h"

static struct reader *
open_table(const char *path, const struct table_opts *o)
{
	struct reader *r;

	if ((r = reader_open(path, o)) == NULL)
		die(EXIT_TROUBLE, "%s: %s", display_name(path), strerror(errno));
	reader_header(r);
	if (reader_error(r)[0] != '\0')
		exit(reader_report_error(r));
	return r;
}

static void
fail_reading(struct reader *r)
{
	exit(reader_report_error(r));
}

/*
 * Add one standard; report an empty id.  A row that repeats an earlier one,
 * description included, is skipped with a warning, as lists merged from
 * several strands of a framework repeat them.  A repeated id with another
 * description is an error.
 */
static void
add_standard(struct standards *s, const char *file, const struct record *rec,
    size_t idcol, size_t desccol)
{
	struct field id = field_trim(rec_field(rec, idcol));
	struct field desc = rec_field(rec, desccol);
	size_t first;

	if (id.len == 0) {
		diag_error(file, rec->line, "standard_id: empty id");
		return;
	}
	if (!strmap_put(&s->ids, id.p, id.len, s->n, &first)) {
		if (strlen(s->description[first]) == desc.len &&
		    memcmp(s->description[first], desc.p, desc.len) == 0)
			diag_warn(file, rec->line, "standard_id: standard "
			    "'%.*s' repeats line %zu, row skipped",
			    (int)id.len, id.p, s->line[first]);
		else
			diag_error(file, rec->line, "standard_id: duplicate "
			    "standard '%.*s' with a different description "
			    "(first on line %zu)", (int)id.len, id.p,
			    s->line[first]);
		return;
	}
	s->id = xreallocarray(s->id, s->n + 1, sizeof(char *));
	s->description = xreallocarray(s->description, s->n + 1,
	    sizeof(char *));
	s->line = xreallocarray(s->line, s->n + 1, sizeof(size_t));
	s->id[s->n] = field_dup(id);
	s->description[s->n] = field_dup(rec_field(rec, desccol));
	s->line[s->n] = rec->line;
	s->n++;
}

void
standards_load(struct standards *s, const char *path,
    const struct table_opts *o)
{
	struct reader *r;
	struct record *rec;
	size_t idcol, desccol, errors = diag_errors();
	int bad = 0, rc;

	memset(s, 0, sizeof(*s));
	strmap_init(&s->ids);
	r = open_table(path, o);
	s->file = xstrdup(reader_name(r));
	idcol = reader_want(r, "standard_id", 1, &bad);
	desccol = reader_want(r, "description", 0, &bad);
	if (bad)
		exit(EXIT_DATA);
	reader_warn_duplicates(r);
	while ((rc = reader_next(r, &rec)) == 1)
		add_standard(s, s->file, rec, idcol, desccol);
	if (rc == -1)
		fail_reading(r);
	reader_close(r);
	if (diag_errors() > errors)
		exit(EXIT_DATA);
}

void
standards_free(struct standards *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->id[i]);
		free(s->description[i]);
	}
	free(s->id);
	free(s->description);
	free(s->line);
	free(s->file);
	strmap_free(&s->ids);
}

/* The goals aligned with one standard code. */
struct covered {
	size_t	*goals;
	size_t	 n;
	int	 listed;	/* in the standards table */
};

/*
 * Collect the standard codes: those of the standards table first, in its
 * order, then the codes goals name that it lacks, in the order of first use.
 */
static struct covered *
collect_coverage(const struct context *c, struct strmap *codes)
{
	struct covered *cov;
	const struct goal *g;
	size_t i, k, ncap, at;
	int added;

	ncap = c->std != NULL ? c->std->n : 0;
	for (i = 0; i < c->gm.n; i++)
		ncap += c->gm.goals[i].nstandards;
	cov = xcalloc(ncap + 1, sizeof(*cov));
	for (k = 0; c->std != NULL && k < c->std->n; k++) {
		at = strmap_intern(codes, c->std->id[k], strlen(c->std->id[k]),
		    NULL);
		cov[at].listed = 1;
	}
	for (i = 0; i < c->gm.n; i++) {
		g = &c->gm.goals[i];
		for (k = 0; k < g->nstandards; k++) {
			at = strmap_intern(codes, g->standards[k],
			    strlen(g->standards[k]), &added);
			cov[at].goals = xreallocarray(cov[at].goals,
			    cov[at].n + 1, sizeof(size_t));
			cov[at].goals[cov[at].n++] = i;
		}
	}
	return cov;
}

/* Write the goal ids of list[0..n) as one list cell. */
static void
write_goal_list(struct writer *w, const struct context *c, const size_t *list,
    size_t n)
{
	char *s = NULL, sep[2] = { (char)c->topts->list_sep, '\0' };
	size_t len, k;
	FILE *fp;

	if ((fp = open_memstream(&s, &len)) == NULL)
		die(EXIT_TROUBLE, "%s", strerror(errno));
	for (k = 0; k < n; k++)
		fprintf(fp, "%s%s", k > 0 ? sep : "", c->gm.goals[list[k]].id);
	fclose(fp);
	writer_str(w, s);
	free(s);
}

/* Write one coverage row: the goals, their count and range of levels. */
static void
write_coverage_row(struct writer *w, const struct context *c, const char *id,
    const size_t *goals, size_t n, const char *finding)
{
	enum level lo = LEVEL_NONE, hi = LEVEL_NONE, l;
	size_t k;

	for (k = 0; k < n; k++) {
		if ((l = c->an[goals[k]].level) == LEVEL_NONE)
			continue;
		if (lo == LEVEL_NONE || l < lo)
			lo = l;
		if (l > hi)
			hi = l;
	}
	writer_str(w, id);
	write_goal_list(w, c, goals, n);
	writer_int(w, (long long)n);
	writer_str(w, level_name(lo));
	writer_str(w, level_name(hi));
	writer_str(w, finding);
	writer_end(w);
}

/*
 * Mark the goals aligned with a standard: those that list one and, through
 * part_of, every part of an aligned goal.  The caller frees the result.
 */
static unsigned char *
mark_aligned(const struct context *c)
{
	struct graph parts;
	unsigned char *aligned;
	size_t *queue, head = 0, tail = 0, g, k;

	aligned = xcalloc(c->gm.n, 1);
	queue = xreallocarray(NULL, c->gm.n + 1, sizeof(*queue));
	for (g = 0; g < c->gm.n; g++)
		if (c->gm.goals[g].nstandards > 0) {
			aligned[g] = 1;
			queue[tail++] = g;
		}
	graph_reverse(&c->gm.part_of, &parts);
	while (head < tail) {
		g = queue[head++];
		for (k = parts.off[g]; k < parts.off[g + 1]; k++)
			if (!aligned[parts.adj[k]]) {
				aligned[parts.adj[k]] = 1;
				queue[tail++] = parts.adj[k];
			}
	}
	graph_free(&parts);
	free(queue);
	return aligned;
}

int
write_coverage(struct context *c)
{
	static const char *const head[] = {
		"standard_id", "goals", "count", "min_level", "max_level",
		"finding"
	};
	struct strmap codes;
	struct covered *cov;
	struct writer w;
	unsigned char *aligned;
	size_t *loose, nloose = 0, k;
	const char *finding;

	strmap_init(&codes);
	cov = collect_coverage(c, &codes);
	writer_init(&w, stdout, writer_delim(c->topts, c->gm.delim),
	    c->topts->excel);
	writer_row(&w, head, 6);
	for (k = 0; k < codes.n; k++) {
		if (cov[k].n == 0)
			finding = "no-goal";
		else if (c->std != NULL && !cov[k].listed)
			finding = "unlisted";
		else
			finding = "";
		write_coverage_row(&w, c, strmap_key(&codes, k), cov[k].goals,
		    cov[k].n, finding);
		free(cov[k].goals);
	}
	aligned = mark_aligned(c);
	loose = xreallocarray(NULL, c->gm.n + 1, sizeof(*loose));
	for (k = 0; k < c->gm.n; k++)
		if (!aligned[k])
			loose[nloose++] = k;
	free(aligned);
	if (nloose > 0)
		write_coverage_row(&w, c, "", loose, nloose, "no-standard");
	free(loose);
	free(cov);
	strmap_free(&codes);
	return EXIT_OK;
}

/* How far an activity's level is from its goal's. */
static const char *
alignment_name(enum level act, enum level goal)
{
	int d;

	if (act == LEVEL_NONE || goal == LEVEL_NONE)
		return "weak";
	d = act > goal ? (int)(act - goal) : (int)(goal - act);
	if (d == 0)
		return "strong";
	if (d == 1)
		return "partial";
	return "weak";
}

static const char *const distance_words[] = {
	"no", "one", "two", "three", "four", "five"
};

/*
 * Write the sentence saying why an activity and a goal align as they do;
 * has_text is zero when the activity has neither title nor description.
 */
static void
write_reason(struct writer *w, const struct context *c, size_t g,
    enum level act, const struct verb *term, int has_text)
{
	const struct analysis *a = &c->an[g];
	const char *id = c->gm.goals[g].id;
	char *s = NULL;
	size_t len;
	int d;
	FILE *fp;

	if ((fp = open_memstream(&s, &len)) == NULL)
		die(EXIT_TROUBLE, "%s", strerror(errno));
	if (a->level == LEVEL_NONE && (a->findings & F_TEACHER))
		fprintf(fp, "Goal %s describes the teacher, not a performance "
		    "of the learner.", id);
	else if (a->level == LEVEL_NONE && a->vague != NULL)
		fprintf(fp, "Goal %s names no observable performance ('%s').",
		    id, a->vague->term);
	else if (a->level == LEVEL_NONE)
		fprintf(fp, "Goal %s has no performance verb.", id);
	else if (act == LEVEL_NONE && !has_text)
		fputs("The activity has no title or description to compare.",
		    fp);
	else if (act == LEVEL_NONE)
		fputs("No word of the title or description names a cognitive "
		    "level.", fp);
	else if (act == a->level)
		fprintf(fp, "Both ask learners to %s (activity '%s', goal "
		    "'%s').", level_name(act), term->term, a->verb->term);
	else {
		d = act > a->level ? (int)(act - a->level) :
		    (int)(a->level - act);
		fprintf(fp, "The activity asks learners to %s ('%s') and the "
		    "goal to %s ('%s'), %s level%s apart.", level_name(act),
		    term->term, level_name(a->level), a->verb->term,
		    distance_words[d], d > 1 ? "s" : "");
	}
	fclose(fp);
	writer_str(w, s);
	free(s);
}

/* Columns of the activity catalog that alignment reads. */
struct activity_columns {
	size_t	 id;
	size_t	 goals;
	size_t	 title;
	size_t	 description;
};

/* Write one row per goal the activity of rec claims to teach. */
static void
align_activity(struct writer *w, const struct context *c,
    const struct reader *r, const struct record *rec,
    const struct activity_columns *col)
{
	struct field id = field_trim(rec_field(rec, col->id));
	struct field title = field_trim(rec_field(rec, col->title));
	struct field desc = field_trim(rec_field(rec, col->description));
	struct list goals;
	const struct verb *term;
	enum level act;
	char *text;
	size_t k, g;

	if (id.len == 0) {
		diag_error(reader_name(r), rec->line, "activity_id: empty id");
		return;
	}
	text = xmalloc(title.len + desc.len + 2);
	memcpy(text, title.p, title.len);
	text[title.len] = ' ';
	memcpy(text + title.len + 1, desc.p, desc.len);
	text[title.len + desc.len + 1] = '\0';
	act = text_level(&c->verbs, text, &term);
	free(text);
	list_split(rec_field(rec, col->goals), c->topts->list_sep, &goals);
	if (goals.dups > 0)
		diag_warn(reader_name(r), rec->line, "goals: '%.*s' appears "
		    "twice in the list", (int)goals.dup.len, goals.dup.p);
	for (k = 0; k < goals.n; k++) {
		g = goalmap_find(&c->gm, goals.items[k].p, goals.items[k].len);
		if (g == NOGOAL) {
			diag_error(reader_name(r), rec->line, "goals: unknown "
			    "goal '%.*s'", (int)goals.items[k].len,
			    goals.items[k].p);
			continue;
		}
		writer_field(w, id.p, id.len);
		writer_str(w, c->gm.goals[g].id);
		writer_str(w, level_name(act));
		writer_str(w, level_name(c->an[g].level));
		writer_str(w, alignment_name(act, c->an[g].level));
		write_reason(w, c, g, act, term, title.len + desc.len > 0);
		writer_end(w);
	}
	list_free(&goals);
}

int
write_alignment(struct context *c, const char *activities)
{
	static const char *const head[] = {
		"activity_id", "goal_id", "activity_level", "goal_level",
		"alignment", "reason"
	};
	struct activity_columns col;
	struct reader *r;
	struct record *rec;
	struct writer w;
	size_t errors = diag_errors();
	int bad = 0, rc;

	r = open_table(activities, c->topts);
	col.id = reader_want(r, "activity_id", 1, &bad);
	col.goals = reader_want(r, "goals", 1, &bad);
	col.title = reader_want(r, "title", 0, &bad);
	col.description = reader_want(r, "description", 0, &bad);
	if (bad)
		exit(EXIT_DATA);
	reader_warn_duplicates(r);
	writer_init(&w, stdout, writer_delim(c->topts, reader_delim(r)),
	    c->topts->excel);
	writer_row(&w, head, 6);
	while ((rc = reader_next(r, &rec)) == 1)
		align_activity(&w, c, r, rec, &col);
	if (rc == -1)
		fail_reading(r);
	reader_close(r);
	return diag_errors() > errors ? EXIT_DATA : EXIT_OK;
}
