/* goalkit: see LICENSE. Decomposing a goal: its tree, its explanation in sentences, a learning path. */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "reader.h"
#include "util.h"
#include "writer.h"

#include "analyze.h"

static int
compare_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The goals that goal g is made of or requires: its parts in file order,
 * then its requirements in the order the map lists them.  Release with
 * free().
 */
static size_t *
children_of(const struct context *c, const struct graph *parts, size_t g,
    size_t *n)
{
	const struct graph *req = &c->gm.requires;
	size_t np = parts->off[g + 1] - parts->off[g];
	size_t nr = req->off[g + 1] - req->off[g];
	size_t *out = xreallocarray(NULL, np + nr + 1, sizeof(*out));

	memcpy(out, parts->adj + parts->off[g], np * sizeof(*out));
	qsort(out, np, sizeof(*out), compare_index);
	memcpy(out + np, req->adj + req->off[g], nr * sizeof(*out));
	*n = np + nr;
	return out;
}

/* One goal waiting on the stack of the tree walk. */
struct frame {
	size_t	 goal;
	size_t	 depth;
	int	 is_part;	/* reached as a part of its parent */
};

static void
print_tree_line(const struct context *c, const struct frame *f, int shown)
{
	const struct goal *g = &c->gm.goals[f->goal];
	char *text;
	size_t k;

	for (k = 0; k < f->depth; k++)
		fputs("  ", stdout);
	if (f->depth > 0)
		fputs(f->is_part ? "part " : "requires ", stdout);
	if (shown)
		printf("%s (shown above)\n", g->id);
	else {
		/* One line per goal, without the tags of an HTML export. */
		text = plain_text(g->statement);
		printf("%s: %s\n", g->id, text);
		free(text);
	}
}

int
write_tree(struct context *c, size_t root)
{
	struct graph parts;
	struct frame *stack;
	unsigned char *shown;
	size_t *kids, nkids, np, sp = 0, k;
	struct frame f;

	graph_reverse(&c->gm.part_of, &parts);
	shown = xcalloc(c->gm.n, 1);
	stack = xreallocarray(NULL, c->gm.requires.nedges +
	    c->gm.part_of.nedges + 1, sizeof(*stack));
	stack[sp++] = (struct frame){ root, 0, 0 };
	while (sp > 0) {
		f = stack[--sp];
		print_tree_line(c, &f, shown[f.goal]);
		if (shown[f.goal])
			continue;
		shown[f.goal] = 1;
		kids = children_of(c, &parts, f.goal, &nkids);
		np = parts.off[f.goal + 1] - parts.off[f.goal];
		/* Push in reverse so the first child is printed first. */
		for (k = nkids; k > 0; k--)
			stack[sp++] = (struct frame){ kids[k - 1], f.depth + 1,
			    k - 1 < np };
		free(kids);
	}
	free(stack);
	free(shown);
	graph_free(&parts);
	return EXIT_OK;
}

/*
 * Print the performance of goal g for use inside a sentence: the lead-in
 * ("Students will be able to"), HTML tags and a final period left out, line
 * breaks made spaces, and the first letter lowercased unless the first
 * word looks like a name or acronym.
 */
/*
 * Return the performance of goal g from where it starts, with an inflected
 * main verb in its base form ("distinguishes" becomes "distinguish") so
 * that it reads after "students need to be able to".  Release with free().
 */
static char *
performance_text(const struct context *c, size_t g)
{
	const struct analysis *a = &c->an[g];
	const char *st = c->gm.goals[g].statement;
	char *text, *out;
	size_t base;

	if (a->verb_len == 0 || a->verb_off < a->start)
		return plain_text(st + a->start);
	base = strcspn(a->verb->term, " ");
	text = xmalloc(strlen(st) + base + 1);
	memcpy(text, st + a->start, a->verb_off - a->start);
	memcpy(text + (a->verb_off - a->start), a->verb->term, base);
	strcpy(text + (a->verb_off - a->start) + base,
	    st + a->verb_off + a->verb_len);
	out = plain_text(text);
	free(text);
	return out;
}

static void
print_performance(const struct context *c, size_t g)
{
	char *s = performance_text(c, g);
	size_t len = strlen(s), k;

	while (len > 0 && (isspace((unsigned char)s[len - 1]) ||
	    s[len - 1] == '.'))
		len--;
	if (len == 0) {
		printf("reach goal %s", c->gm.goals[g].id);
		free(s);
		return;
	}
	for (k = 1; k < len && isalpha((unsigned char)s[k]); k++)
		if (isupper((unsigned char)s[k]))
			break;
	if (isupper((unsigned char)s[0]) && (k == len ||
	    !isupper((unsigned char)s[k])) && !(k == 1 && s[0] == 'I'))
		putchar(tolower((unsigned char)s[0]));
	else
		putchar(s[0]);
	fwrite(s + 1, 1, len - 1, stdout);
	free(s);
}

/*
 * Print "In order to G, students need to be able to A, B and C."  When a
 * performance contains a comma itself, the list is separated by semicolons.
 */
static void
print_sentence(const struct context *c, size_t g, const size_t *kids,
    size_t nkids)
{
	const char *sep = ", ", *last = " and ";
	size_t k;

	for (k = 0; k < nkids; k++)
		if (strchr(c->gm.goals[kids[k]].statement + c->an[kids[k]].start,
		    ',') != NULL) {
			sep = "; ";
			last = "; and ";
		}
	fputs("In order to ", stdout);
	print_performance(c, g);
	fputs(", students need to be able to ", stdout);
	for (k = 0; k < nkids; k++) {
		if (k > 0)
			fputs(k + 1 == nkids ? (nkids > 2 ? last : " and ") :
			    sep, stdout);
		print_performance(c, kids[k]);
	}
	fputs(".\n", stdout);
}

/* One sentence per goal with parts or prerequisites, breadth first from root. */
int
write_explanation(struct context *c, size_t root)
{
	struct graph parts;
	unsigned char *queued;
	size_t *queue, head = 0, tail = 0, *kids, nkids, k, g;

	graph_reverse(&c->gm.part_of, &parts);
	queued = xcalloc(c->gm.n, 1);
	queue = xreallocarray(NULL, c->gm.n, sizeof(*queue));
	queue[tail++] = root;
	queued[root] = 1;
	while (head < tail) {
		g = queue[head++];
		kids = children_of(c, &parts, g, &nkids);
		if (nkids > 0)
			print_sentence(c, g, kids, nkids);
		for (k = 0; k < nkids; k++)
			if (!queued[kids[k]]) {
				queued[kids[k]] = 1;
				queue[tail++] = kids[k];
			}
		free(kids);
	}
	if (tail == 1)
		printf("The goal map lists no parts or prerequisites for "
		    "goal %s.\n", c->gm.goals[root].id);
	free(queue);
	free(queued);
	graph_free(&parts);
	return EXIT_OK;
}

/* Statuses a mastery table may hold, indexed by the STATUS_ values. */
static const char *const statuses[] = {
	"mastered", "progressing", "stalled", "not-started", "slipped", NULL
};

enum {
	STATUS_MASTERED,
	STATUS_PROGRESSING,
	STATUS_STALLED,
	STATUS_NOT_STARTED,
	STATUS_SLIPPED		/* mastered once, now below the threshold */
};

/* Rows of a mastery table, for all students until one is chosen. */
struct mastery {
	size_t	*student;	/* index in students */
	size_t	*goal;
	int	*status;	/* index in statuses[] */
	size_t	 n;
	struct strmap students;
};

static struct reader *
open_table(const char *path, const struct table_opts *o)
{
	struct reader *r;

	if ((r = reader_open(path, o)) == NULL)
		die(EXIT_TROUBLE, "%s: %s", display_name(path), strerror(errno));
	return r;
}

/* Report the reader's error and exit. */
static void
fail_reading(struct reader *r)
{
	exit(reader_report_error(r));
}

static int
parse_status(struct field f)
{
	int k;

	for (k = 0; statuses[k] != NULL; k++)
		if (f.len == strlen(statuses[k]) &&
		    memcmp(f.p, statuses[k], f.len) == 0)
			return k;
	return -1;
}

/* Read one mastery row into m; report bad values. */
static void
add_mastery_row(struct mastery *m, const struct context *c,
    const struct reader *r, const struct record *rec, const size_t *col)
{
	struct field sid, gid, st;
	size_t g;
	int status;

	sid = field_trim(rec_field(rec, col[0]));
	gid = field_trim(rec_field(rec, col[1]));
	st = field_trim(rec_field(rec, col[2]));
	if ((status = parse_status(st)) == -1) {
		diag_error(reader_name(r), rec->line, "status: invalid status "
		    "'%.*s' (allowed mastered, progressing, stalled, "
		    "not-started, slipped)", (int)st.len, st.p);
		return;
	}
	if ((g = goalmap_find(&c->gm, gid.p, gid.len)) == NOGOAL) {
		diag_warn(reader_name(r), rec->line, "goal_id: unknown goal "
		    "'%.*s'", (int)gid.len, gid.p);
		return;
	}
	m->student = xreallocarray(m->student, m->n + 1, sizeof(size_t));
	m->goal = xreallocarray(m->goal, m->n + 1, sizeof(size_t));
	m->status = xreallocarray(m->status, m->n + 1, sizeof(int));
	m->student[m->n] = strmap_intern(&m->students, sid.p, sid.len, NULL);
	m->goal[m->n] = g;
	m->status[m->n] = status;
	m->n++;
}

static void
read_mastery(struct mastery *m, const struct context *c, const char *path)
{
	static const char *const roles[] = { "student_id", "goal_id", "status" };
	struct reader *r;
	struct record *rec;
	size_t col[3], k, errors = diag_errors();
	int bad = 0, rc;

	memset(m, 0, sizeof(*m));
	strmap_init(&m->students);
	r = open_table(path, c->topts);
	reader_header(r);
	if (reader_error(r)[0] != '\0')
		fail_reading(r);
	for (k = 0; k < 3; k++)
		col[k] = reader_want(r, roles[k], 1, &bad);
	if (bad)
		exit(EXIT_DATA);
	reader_warn_duplicates(r);
	while ((rc = reader_next(r, &rec)) == 1)
		add_mastery_row(m, c, r, rec, col);
	if (rc == -1)
		fail_reading(r);
	reader_close(r);
	if (diag_errors() > errors)
		exit(EXIT_DATA);
}

static void
mastery_free(struct mastery *m)
{
	free(m->student);
	free(m->goal);
	free(m->status);
	strmap_free(&m->students);
}

/*
 * The status of every goal for the student chosen by id, or the only
 * student of the table; goals without a row are not started.
 */
static int *
student_statuses(const struct context *c, struct mastery *m,
    const char *path, const char *id)
{
	int *status;
	size_t s = 0, k, nstudents = m->students.n;

	/* Release the table before exiting so leak checkers stay quiet. */
	if (id != NULL && !strmap_get(&m->students, id, strlen(id), &s)) {
		mastery_free(m);
		die(EXIT_TROUBLE, "%s: student '%s' not found",
		    display_name(path), id);
	}
	if (id == NULL && nstudents > 1) {
		mastery_free(m);
		die(EXIT_TROUBLE, "%s: %zu students in the table, choose one "
		    "with --student", display_name(path), nstudents);
	}
	status = xreallocarray(NULL, c->gm.n, sizeof(int));
	for (k = 0; k < c->gm.n; k++)
		status[k] = STATUS_NOT_STARTED;
	for (k = 0; k < m->n; k++)
		if (m->student[k] == s)
			status[m->goal[k]] = m->status[k];
	return status;
}

/*
 * Mark in needed[] the targets and every goal they are made of or require,
 * directly or not, leaving out mastered goals and what lies only behind them.
 */
static void
collect_needed(const struct context *c, const struct graph *parts,
    const size_t *targets, size_t ntargets, const int *status,
    unsigned char *needed)
{
	size_t *stack, sp = 0, *kids, nkids, g, k;

	stack = xreallocarray(NULL, c->gm.n, sizeof(*stack));
	for (k = 0; k < ntargets; k++) {
		g = targets[k];
		if (needed[g] || (status != NULL && status[g] == STATUS_MASTERED))
			continue;
		needed[g] = 1;
		stack[sp++] = g;
	}
	while (sp > 0) {
		g = stack[--sp];
		kids = children_of(c, parts, g, &nkids);
		for (k = 0; k < nkids; k++) {
			if (needed[kids[k]] ||
			    (status != NULL && status[kids[k]] == STATUS_MASTERED))
				continue;
			needed[kids[k]] = 1;
			stack[sp++] = kids[k];
		}
		free(kids);
	}
	free(stack);
}

/*
 * Order the needed goals so that each comes after everything it requires
 * and everything it is made of, ties in file order.  order[] gets all
 * n goals, depth[] the length of the longest chain of needed goals below
 * each one.
 */
static void
order_needed(const struct context *c, const struct graph *parts,
    const unsigned char *needed, size_t *order, size_t *depth)
{
	struct edges e;
	struct graph before;
	size_t *kids, nkids, g, k;

	edges_init(&e);
	for (g = 0; g < c->gm.n; g++) {
		if (!needed[g])
			continue;
		kids = children_of(c, parts, g, &nkids);
		for (k = 0; k < nkids; k++)
			if (needed[kids[k]])
				edges_add(&e, kids[k], g);
		free(kids);
	}
	graph_build(&before, c->gm.n, &e);
	graph_topo(&before, NULL, order, depth);
	graph_free(&before);
	edges_free(&e);
}

int
write_path(struct context *c, const size_t *targets, size_t ntargets,
    const char *mastered, const char *student)
{
	static const char *const head[] = {
		"step", "goal_id", "depth", "statement", "status"
	};
	struct graph parts;
	struct mastery m;
	struct writer w;
	unsigned char *needed;
	size_t *order, *depth, k, g, step = 0;
	int *status = NULL;

	if (mastered != NULL) {
		read_mastery(&m, c, mastered);
		status = student_statuses(c, &m, mastered, student);
		mastery_free(&m);
	}
	graph_reverse(&c->gm.part_of, &parts);
	needed = xcalloc(c->gm.n, 1);
	collect_needed(c, &parts, targets, ntargets, status, needed);
	order = xreallocarray(NULL, c->gm.n, sizeof(*order));
	depth = xreallocarray(NULL, c->gm.n, sizeof(*depth));
	order_needed(c, &parts, needed, order, depth);

	writer_init(&w, stdout, writer_delim(c->topts, c->gm.delim),
	    c->topts->excel);
	writer_row(&w, head, status != NULL ? 5 : 4);
	for (k = 0; k < c->gm.n; k++) {
		g = order[k];
		if (!needed[g])
			continue;
		writer_int(&w, (long long)++step);
		writer_str(&w, c->gm.goals[g].id);
		writer_int(&w, (long long)depth[g]);
		writer_str(&w, c->gm.goals[g].statement);
		if (status != NULL)
			writer_str(&w, statuses[status[g]]);
		writer_end(&w);
	}
	free(order);
	free(depth);
	free(needed);
	free(status);
	graph_free(&parts);
	return EXIT_OK;
}
