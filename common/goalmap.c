/* goalkit: see LICENSE. Loading a goal map and checking its structure. */

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "goalmap.h"
#include "reader.h"
#include "util.h"
#include "value.h"

#define NO_GOAL		((size_t)-1)

/*
 * Comparisons of unknown names with goal ids that one load may spend on
 * suggestions.  With 100,000 goals that allows 500 searches, which took
 * about a second when measured on a 2-core machine.
 */
#define SUGGEST_BUDGET	50000000

/* The columns of a goal map, in the order findings about a row follow. */
enum column {
	COL_ID,
	COL_STATEMENT,
	COL_REQUIRES,
	COL_PART_OF,
	COL_STANDARDS,
	COL_SCOPE,
	COL_GRADE,
	COL_SUBJECT,
	COL_CRITERIA,
	COL_THRESHOLD,
	COL_AIM,
	NCOLUMNS
};

static const char *const column_roles[NCOLUMNS] = {
	"goal_id", "statement", "requires", "part_of", "standards", "scope",
	"grade", "subject", "criteria", "threshold", "aim"
};

/* State of goalmap_load() while it reads the rows. */
struct loading {
	struct goalmap *gm;
	const struct table_opts *opts;
	size_t	 col[NCOLUMNS];	/* header index of each column, or NOCOL */
	uint64_t *masks;	/* character set of each goal id */
	size_t	*lengths;	/* length of each goal id */
	struct strmap suggested; /* unknown name -> closest goal or NO_GOAL */
	size_t	 budget;	/* id comparisons left for suggestions */
};

/*
 * Make room for element n of an array that grows one element at a time.
 * The capacity is implied: it doubles whenever n reaches a power of two.
 */
static void *
grow(void *array, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(array, 1, size);
	if ((n & (n - 1)) == 0)
		return xreallocarray(array, 2 * n, size);
	return array;
}

/* A growing string for messages of any length. */
struct text {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

static void
text_add(struct text *t, const char *s, size_t len)
{
	if (t->len + len + 1 > t->cap) {
		t->cap = t->len + len + 1 > 2 * t->cap ? t->len + len + 1 :
		    2 * t->cap;
		t->p = xreallocarray(t->p, t->cap, 1);
	}
	memcpy(t->p + t->len, s, len);
	t->len += len;
	t->p[t->len] = '\0';
}

static void
text_str(struct text *t, const char *s)
{
	text_add(t, s, strlen(s));
}

/*
 * Copy s with control characters written as C escapes, so that an id
 * holding a quoted newline still gives a one-line message.
 */
static char *
escape_controls(const char *s)
{
	struct text t = { NULL, 0, 0 };
	const char *start;
	char esc[8];

	text_add(&t, "", 0);
	while (*s != '\0') {
		start = s;
		while (*s != '\0' && (unsigned char)*s >= 0x20 && *s != 0x7f)
			s++;
		text_add(&t, start, s - start);
		if (*s == '\0')
			break;
		if (*s == '\n')
			snprintf(esc, sizeof(esc), "\\n");
		else if (*s == '\r')
			snprintf(esc, sizeof(esc), "\\r");
		else if (*s == '\t')
			snprintf(esc, sizeof(esc), "\\t");
		else
			snprintf(esc, sizeof(esc), "\\x%02x",
			    (unsigned char)*s);
		text_str(&t, esc);
		s++;
	}
	return t.p;
}

static struct finding *
add_finding(struct goalmap *gm, enum severity severity, const char *code,
    const char *goal_id, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Append a finding; the message is formatted from fmt. */
static struct finding *
add_finding(struct goalmap *gm, enum severity severity, const char *code,
    const char *goal_id, size_t line, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;
	char small[256], *raw = small;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (len < 0)
		small[0] = '\0';
	else if ((size_t)len >= sizeof(small)) {
		raw = xmalloc((size_t)len + 1);
		va_start(ap, fmt);
		vsnprintf(raw, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	gm->findings = grow(gm->findings, gm->nfindings,
	    sizeof(*gm->findings));
	f = &gm->findings[gm->nfindings++];
	f->severity = severity;
	f->code = code;
	f->goal_id = xstrdup(goal_id);
	f->file = NULL;
	f->line = line;
	f->message = escape_controls(raw);
	if (raw != small)
		free(raw);
	if (severity == SEV_ERROR)
		gm->nerrors++;
	return f;
}

static void
free_findings(struct goalmap *gm)
{
	size_t i;

	for (i = 0; i < gm->nfindings; i++) {
		free(gm->findings[i].goal_id);
		free(gm->findings[i].message);
	}
	free(gm->findings);
	gm->findings = NULL;
	gm->nfindings = gm->nerrors = 0;
}

/*
 * Look up every column, reporting missing and doubled ones as the reader
 * would.  Return -1 when goal_id cannot be read, which leaves nothing to
 * load.
 */
static int
find_columns(struct loading *ld, struct reader *r)
{
	const struct record *h = reader_header(r);
	const char *name;
	size_t i;
	int n;

	if (h->nfields == 0) {
		add_finding(ld->gm, SEV_ERROR, "missing-column", "", 0,
		    "empty input: expected a header line with goal_id and "
		    "statement");
		for (i = 0; i < NCOLUMNS; i++)
			ld->col[i] = NOCOL;
		return -1;
	}
	for (i = 0; i < NCOLUMNS; i++) {
		n = reader_column(r, column_roles[i], &ld->col[i]);
		name = table_column_name(ld->opts, column_roles[i]);
		if (n < 0)
			add_finding(ld->gm, SEV_ERROR, "duplicate-column", "",
			    h->line, "column '%s' appears twice", name);
		else if (n == 0 && i <= COL_STATEMENT &&
		    strcasecmp(name, column_roles[i]) != 0)
			add_finding(ld->gm, SEV_ERROR, "missing-column", "",
			    h->line, "missing column '%s' (read as %s)", name,
			    column_roles[i]);
		else if (n == 0 && i <= COL_STATEMENT)
			add_finding(ld->gm, SEV_ERROR, "missing-column", "",
			    h->line, "missing column '%s'", name);
	}
	ld->gm->has_standards = ld->col[COL_STANDARDS] != NOCOL;
	return ld->col[COL_ID] == NOCOL ? -1 : 0;
}

/* Tell whether name is the column name of some role, read or not. */
static int
is_role_name(const struct loading *ld, const char *name)
{
	size_t c;

	for (c = 0; c < NCOLUMNS; c++)
		if (strcasecmp(name, table_column_name(ld->opts,
		    column_roles[c])) == 0)
			return 1;
	return 0;
}

/* Return an ASCII-lowercase copy of s, for comparing header names. */
static char *
fold_case(const char *s)
{
	char *copy = xstrdup(s), *p;

	for (p = copy; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return copy;
}

/*
 * Copy the header and warn about names that appear twice in columns that
 * no role reads.  A doubled column that is read is an error already.
 */
static void
keep_header(struct loading *ld, struct reader *r)
{
	const struct record *h = reader_header(r);
	struct goalmap *gm = ld->gm;
	struct strmap names;
	char *folded;
	size_t i;

	gm->nheader = h->nfields;
	gm->header = xcalloc(h->nfields, sizeof(*gm->header));
	strmap_init(&names);
	for (i = 0; i < h->nfields; i++) {
		gm->header[i] = field_dup(h->fields[i]);
		if (h->fields[i].len == 0 || is_role_name(ld, gm->header[i]))
			continue;
		folded = fold_case(gm->header[i]);
		if (!strmap_put(&names, folded, strlen(folded), i, NULL))
			add_finding(gm, SEV_WARNING, "duplicate-column", "",
			    h->line, "column '%s' appears twice",
			    gm->header[i]);
		free(folded);
	}
	strmap_free(&names);
}

static struct field
cell(const struct loading *ld, const struct record *rec, enum column c)
{
	return field_trim(rec_field(rec, ld->col[c]));
}

/*
 * Count how often each of the n distinct items occurs in the list cell f,
 * repeats included.  The caller frees the result.
 */
static size_t *
count_items(struct field f, int sep, const struct field *items, size_t n)
{
	struct strmap names;
	struct field one;
	const char *end = f.p + f.len, *stop;
	size_t *counts, i, v;

	strmap_init(&names);
	for (i = 0; i < n; i++)
		strmap_intern(&names, items[i].p, items[i].len, NULL);
	counts = xcalloc(n, sizeof(*counts));
	while (f.p < end) {
		stop = memchr(f.p, sep, end - f.p);
		if (stop == NULL)
			stop = end;
		one.p = f.p;
		one.len = stop - f.p;
		one = field_trim(one);
		if (strmap_get(&names, one.p, one.len, &v))
			counts[v]++;
		f.p = stop < end ? stop + 1 : end;
	}
	strmap_free(&names);
	return counts;
}

/* Warn about every name that a list cell repeats. */
static void
check_repeats(struct loading *ld, const struct record *rec, enum column c,
    const char *goal_id)
{
	struct list items;
	struct field f = cell(ld, rec, c), item;
	int sep = ld->opts->list_sep;
	size_t i, *counts;

	list_split(f, sep, &items);
	if (items.dups == 0) {
		list_free(&items);
		return;
	}
	counts = count_items(f, sep, items.items, items.n);
	for (i = 0; i < items.n; i++) {
		item = items.items[i];
		if (counts[i] == 2)
			add_finding(ld->gm, SEV_WARNING, "duplicate-list-item",
			    goal_id, rec->line, "%s: '%.*s' appears twice in "
			    "the list", column_roles[c], (int)item.len, item.p);
		else if (counts[i] > 2)
			add_finding(ld->gm, SEV_WARNING, "duplicate-list-item",
			    goal_id, rec->line, "%s: '%.*s' appears %zu times "
			    "in the list", column_roles[c], (int)item.len,
			    item.p, counts[i]);
	}
	free(counts);
	list_free(&items);
}

/* Read scope, threshold and aim into g, reporting invalid values. */
static void
read_values(struct loading *ld, const struct record *rec, struct goal *g)
{
	struct field f;
	double v;
	int percent, valid;

	f = cell(ld, rec, COL_SCOPE);
	g->scope = SCOPE_CORE;
	if (f.len == 8 && strncasecmp(f.p, "extended", 8) == 0)
		g->scope = SCOPE_EXTENDED;
	else if (f.len > 0 &&
	    !(f.len == 4 && strncasecmp(f.p, "core", 4) == 0))
		add_finding(ld->gm, SEV_ERROR, "invalid-scope", g->id,
		    rec->line, "scope: invalid scope '%.*s' (expected core or "
		    "extended)", (int)f.len, f.p);

	f = cell(ld, rec, COL_THRESHOLD);
	g->threshold = -1;
	if (f.len > 0) {
		valid = value_number(f, ld->opts->decimal_comma, &v,
		    &percent) == 0;
		if (valid && percent)
			v /= 100;
		if (valid && v >= 0 && v <= 1)
			g->threshold = v;
		else
			add_finding(ld->gm, SEV_ERROR, "invalid-threshold",
			    g->id, rec->line, "threshold: invalid threshold "
			    "'%.*s' (expected a proportion 0..1)", (int)f.len,
			    f.p);
	}

	f = cell(ld, rec, COL_AIM);
	g->aim = -1;
	if (f.len > 0) {
		if (value_number(f, ld->opts->decimal_comma, &v, NULL) == -1 ||
		    v <= 0)
			add_finding(ld->gm, SEV_ERROR, "invalid-aim", g->id,
			    rec->line, "aim: invalid aim '%.*s' (expected a "
			    "rate per minute above 0)", (int)f.len, f.p);
		else
			g->aim = v;
	}
}

static void
free_goal(struct goal *g, size_t ncells)
{
	size_t i;

	free(g->id);
	free(g->statement);
	free(g->grade);
	free(g->subject);
	free(g->criteria);
	for (i = 0; i < g->nstandards; i++)
		free(g->standards[i]);
	free(g->standards);
	free(g->requires);
	free(g->part_of);
	if (g->cells != NULL)
		for (i = 0; i < ncells; i++)
			free(g->cells[i]);
	free(g->cells);
}

/*
 * Read one row into a goal and check what can be checked without the
 * other rows.  Rows with an empty or repeated id are checked but not
 * kept, so ids maps every id to exactly one goal.
 */
static void
read_goal(struct loading *ld, const struct record *rec)
{
	struct goalmap *gm = ld->gm;
	struct field id = cell(ld, rec, COL_ID);
	struct goal g;
	struct list standards;
	size_t i, first;
	int keep = 1;

	memset(&g, 0, sizeof(g));
	g.id = field_dup(id);
	g.line = rec->line;
	if (id.len == 0) {
		add_finding(gm, SEV_ERROR, "empty-id", "", rec->line,
		    "goal_id: empty goal id");
		keep = 0;
	} else if (strmap_get(&gm->ids, id.p, id.len, &first)) {
		add_finding(gm, SEV_ERROR, "duplicate-id", g.id, rec->line,
		    "goal_id: duplicate goal '%s' (first on line %zu)", g.id,
		    gm->goals[first].line);
		keep = 0;
	}
	if (ld->col[COL_STATEMENT] != NOCOL &&
	    field_trim(cell(ld, rec, COL_STATEMENT)).len == 0 && id.len > 0)
		add_finding(gm, SEV_ERROR, "empty-statement", g.id, rec->line,
		    "statement: goal '%s' has an empty statement", g.id);
	check_repeats(ld, rec, COL_REQUIRES, g.id);
	check_repeats(ld, rec, COL_PART_OF, g.id);
	check_repeats(ld, rec, COL_STANDARDS, g.id);
	read_values(ld, rec, &g);
	if (!keep) {
		free_goal(&g, 0);
		return;
	}

	g.statement = field_dup(cell(ld, rec, COL_STATEMENT));
	g.grade = field_dup(cell(ld, rec, COL_GRADE));
	g.subject = field_dup(cell(ld, rec, COL_SUBJECT));
	g.criteria = field_dup(cell(ld, rec, COL_CRITERIA));
	list_split(cell(ld, rec, COL_STANDARDS), ld->opts->list_sep,
	    &standards);
	g.nstandards = standards.n;
	g.standards = xcalloc(standards.n, sizeof(*g.standards));
	for (i = 0; i < standards.n; i++)
		g.standards[i] = field_dup(standards.items[i]);
	list_free(&standards);
	g.cells = xcalloc(gm->nheader, sizeof(*g.cells));
	for (i = 0; i < gm->nheader; i++)
		g.cells[i] = field_dup(rec_field(rec, i));

	gm->goals = grow(gm->goals, gm->n, sizeof(*gm->goals));
	gm->goals[gm->n] = g;
	strmap_put(&gm->ids, id.p, id.len, gm->n, NULL);
	gm->n++;
}

/* The set of bytes in s, folded into 64 bits, for a quick distance bound. */
static uint64_t
char_mask(const char *s)
{
	uint64_t m = 0;

	for (; *s != '\0'; s++)
		m |= (uint64_t)1 << ((unsigned char)*s % 64);
	return m;
}

static int
popcount64(uint64_t m)
{
	int n = 0;

	for (; m != 0; m &= m - 1)
		n++;
	return n;
}

/*
 * Return the index of the closest id, or NO_GOAL when none is near.  Near
 * is an edit distance of at most len / 3, or 1, and below len, so that no
 * id is suggested for 'X' by replacing all of it.  Ties go to the first
 * goal.  masks and lengths (one per goal, or NULL) skip ids that use too many
 * characters id lacks, because each of them costs at least one edit.
 */
static size_t
closest_index(const struct goalmap *gm, const char *id,
    const uint64_t *masks, const size_t *lengths)
{
	size_t len = strlen(id), limit, best, d, i, other;
	size_t found = NO_GOAL;
	uint64_t mask = char_mask(id);

	if (len == 0)
		return NO_GOAL;
	/* An id that differs only in case is the likeliest typo of all. */
	for (i = 0; i < gm->n; i++)
		if (strcasecmp(id, gm->goals[i].id) == 0)
			return i;
	limit = len / 3 > 1 ? len / 3 : 1;
	if (limit >= len)
		limit = len - 1;
	best = limit + 1;
	for (i = 0; i < gm->n && best > 0; i++) {
		other = lengths != NULL ? lengths[i] : strlen(gm->goals[i].id);
		if ((other > len ? other - len : len - other) >= best)
			continue;
		if (masks != NULL &&
		    (size_t)popcount64(mask & ~masks[i]) >= best)
			continue;
		d = edit_distance(id, gm->goals[i].id, best - 1);
		if (d < best) {
			best = d;
			found = i;
		}
	}
	return found;
}

/*
 * Return the id to suggest for the unknown name, or NULL.  Each search
 * compares name with every id, so a map with very many unknown names
 * would take hours: once SUGGEST_BUDGET comparisons are spent, later
 * names get no suggestion.  A name seen before gets the same suggestion.
 */
static const char *
suggest_id(struct loading *ld, const char *name, size_t len)
{
	struct goalmap *gm = ld->gm;
	size_t v;

	if (strmap_get(&ld->suggested, name, len, &v))
		return v == NO_GOAL ? NULL : gm->goals[v].id;
	if (ld->budget < gm->n)
		return NULL;
	ld->budget -= gm->n;
	v = closest_index(gm, name, ld->masks, ld->lengths);
	strmap_put(&ld->suggested, name, len, v, NULL);
	return v == NO_GOAL ? NULL : gm->goals[v].id;
}

/* Report the unknown name in column c of goal g. */
static void
report_unknown(struct loading *ld, const struct goal *g, enum column c,
    const char *name, size_t len)
{
	const char *code = c == COL_REQUIRES ? "unknown-requires" :
	    "unknown-part-of";
	const char *near = suggest_id(ld, name, len);

	if (near != NULL)
		add_finding(ld->gm, SEV_ERROR, code, g->id, g->line,
		    "%s: unknown goal '%s' (did you mean '%s'?)",
		    column_roles[c], name, near);
	else
		add_finding(ld->gm, SEV_ERROR, code, g->id, g->line,
		    "%s: unknown goal '%s'", column_roles[c], name);
}

/*
 * Resolve the list in column c of goal u: report unknown names (with a
 * suggestion), self-references and, for requires, core goals requiring
 * extended ones.  Store the indexes in *out and add the edges to e.
 */
static size_t
resolve_list(struct loading *ld, size_t u, enum column c, size_t **out,
    struct edges *e)
{
	struct goalmap *gm = ld->gm;
	struct goal *g = &gm->goals[u];
	struct list items;
	struct field f;
	char *name;
	size_t i, v, n = 0;

	*out = NULL;
	if (ld->col[c] == NOCOL)
		return 0;
	f.p = g->cells[ld->col[c]];
	f.len = strlen(f.p);
	list_split(f, ld->opts->list_sep, &items);
	*out = xcalloc(items.n, sizeof(**out));
	for (i = 0; i < items.n; i++) {
		name = field_dup(items.items[i]);
		if (!strmap_get(&gm->ids, name, items.items[i].len, &v))
			report_unknown(ld, g, c, name, items.items[i].len);
		else if (v == u && c == COL_REQUIRES)
			add_finding(gm, SEV_ERROR, "self-requires", g->id,
			    g->line, "requires: goal '%s' requires itself",
			    name);
		else if (v == u)
			add_finding(gm, SEV_ERROR, "self-part-of", g->id,
			    g->line, "part_of: goal '%s' is part of itself",
			    name);
		else {
			if (c == COL_REQUIRES && g->scope == SCOPE_CORE &&
			    gm->goals[v].scope == SCOPE_EXTENDED)
				add_finding(gm, SEV_ERROR,
				    "core-requires-extended", g->id, g->line,
				    "requires: core goal '%s' requires "
				    "extended goal '%s'", g->id, name);
			(*out)[n++] = v;
			edges_add(e, u, v);
		}
		free(name);
	}
	list_free(&items);
	return n;
}

/* Context of report_cycle(): the map, and the code and column to report. */
struct cycle_report {
	struct goalmap *gm;
	const char *code;
	const char *column;
};

static void
report_cycle(const size_t *path, size_t len, void *arg)
{
	struct cycle_report *cr = arg;
	const struct goal *goals = cr->gm->goals;
	struct text t = { NULL, 0, 0 };
	size_t i;

	text_str(&t, cr->column);
	text_str(&t, ": cycle ");
	for (i = 0; i < len; i++) {
		text_str(&t, goals[path[i]].id);
		text_str(&t, " -> ");
	}
	text_str(&t, goals[path[0]].id);
	add_finding(cr->gm, SEV_ERROR, cr->code, goals[path[0]].id,
	    goals[path[0]].line, "%s", t.p);
	free(t.p);
}

/*
 * Resolve the requires and part_of lists of every goal, build both
 * graphs and report their cycles.
 */
static void
link_goals(struct loading *ld)
{
	struct goalmap *gm = ld->gm;
	struct edges requires, part_of;
	struct cycle_report cr;
	size_t u;

	ld->masks = xcalloc(gm->n, sizeof(*ld->masks));
	ld->lengths = xcalloc(gm->n, sizeof(*ld->lengths));
	for (u = 0; u < gm->n; u++) {
		ld->masks[u] = char_mask(gm->goals[u].id);
		ld->lengths[u] = strlen(gm->goals[u].id);
	}
	strmap_init(&ld->suggested);
	ld->budget = SUGGEST_BUDGET;
	edges_init(&requires);
	edges_init(&part_of);
	for (u = 0; u < gm->n; u++) {
		gm->goals[u].nrequires = resolve_list(ld, u, COL_REQUIRES,
		    &gm->goals[u].requires, &requires);
		gm->goals[u].npart_of = resolve_list(ld, u, COL_PART_OF,
		    &gm->goals[u].part_of, &part_of);
	}
	graph_free(&gm->requires);
	graph_free(&gm->part_of);
	graph_build(&gm->requires, gm->n, &requires);
	graph_build(&gm->part_of, gm->n, &part_of);
	edges_free(&requires);
	edges_free(&part_of);
	free(ld->masks);
	free(ld->lengths);
	strmap_free(&ld->suggested);

	cr.gm = gm;
	cr.code = "requires-cycle";
	cr.column = "requires";
	graph_cycles(&gm->requires, report_cycle, &cr);
	cr.code = "part-of-cycle";
	cr.column = "part_of";
	graph_cycles(&gm->part_of, report_cycle, &cr);
}

/*
 * Record the reader's error and close it.  An I/O error drops the
 * findings and leaves errno set, and invalid CSV becomes a finding.
 * Return -1.
 */
static int
close_failed(struct loading *ld, struct reader *r)
{
	int saved = errno != 0 ? errno : EIO;

	ld->gm->incomplete = 1;
	if (reader_error_is_io(r))
		free_findings(ld->gm);
	else
		add_finding(ld->gm, SEV_ERROR, "malformed-csv", "",
		    reader_error_line(r), "%s", reader_error(r));
	reader_close(r);
	errno = saved;
	return -1;
}

/* Order findings by file and line; ties keep their place in the array. */
static int
compare_findings(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;

	/* The goal map's findings come first, then those of other files. */
	if ((x->file != NULL) != (y->file != NULL))
		return x->file != NULL ? 1 : -1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Put the findings in line order, keeping the order of one line's findings. */
static void
sort_findings(struct goalmap *gm)
{
	const struct finding **order;
	struct finding *sorted;
	size_t i;

	if (gm->nfindings < 2)
		return;
	order = xcalloc(gm->nfindings, sizeof(*order));
	for (i = 0; i < gm->nfindings; i++)
		order[i] = &gm->findings[i];
	qsort(order, gm->nfindings, sizeof(*order), compare_findings);
	sorted = xcalloc(gm->nfindings, sizeof(*sorted));
	for (i = 0; i < gm->nfindings; i++)
		sorted[i] = *order[i];
	memcpy(gm->findings, sorted, gm->nfindings * sizeof(*sorted));
	free(sorted);
	free(order);
}

int
goalmap_load(struct goalmap *gm, const char *path,
    const struct table_opts *o)
{
	struct loading ld;
	struct reader *r;
	struct record *rec;
	struct edges none;
	int n;

	memset(gm, 0, sizeof(*gm));
	strmap_init(&gm->ids);
	edges_init(&none);
	graph_build(&gm->requires, 0, &none);
	graph_build(&gm->part_of, 0, &none);
	gm->file = xstrdup(display_name(path));
	gm->delim = ',';
	if ((r = reader_open(path, o)) == NULL) {
		gm->incomplete = 1;
		return -1;
	}
	memset(&ld, 0, sizeof(ld));
	ld.gm = gm;
	ld.opts = o;

	/* Read the header first, so that its errors are reported as such. */
	reader_header(r);
	if (reader_error(r)[0] != '\0')
		return close_failed(&ld, r);
	gm->delim = reader_delim(r);
	if (find_columns(&ld, r) == -1) {
		gm->incomplete = 1;
		reader_close(r);
		return 0;
	}
	keep_header(&ld, r);
	while ((n = reader_next(r, &rec)) > 0)
		read_goal(&ld, rec);
	if (n < 0)
		return close_failed(&ld, r);
	reader_close(r);
	link_goals(&ld);
	sort_findings(gm);
	return 0;
}

/* A requires edge implied by a longer path through via. */
struct implied {
	size_t	 from;
	size_t	 via;
	size_t	 to;
};

struct implied_list {
	struct implied *edges;
	size_t	 n;
};

static void
collect_implied(size_t from, size_t via, size_t to, void *arg)
{
	struct implied_list *l = arg;

	l->edges = grow(l->edges, l->n, sizeof(*l->edges));
	l->edges[l->n].from = from;
	l->edges[l->n].via = via;
	l->edges[l->n].to = to;
	l->n++;
}

/* Read "K" or a number at *s as a grade rank, K being 0. */
static int
read_grade(const char **s)
{
	int rank = 0, ndigits = 0;

	if (**s == 'K' || **s == 'k') {
		(*s)++;
		return 0;
	}
	while (**s >= '0' && **s <= '9' && ndigits < 3) {
		rank = 10 * rank + (*(*s)++ - '0');
		ndigits++;
	}
	return ndigits > 0 && !(**s >= '0' && **s <= '9') ? rank : -1;
}

/*
 * The rank of a grade for comparisons: K is 0, a number is itself and
 * a band such as "6-8" ranks as its lower end.  Return -1 for other
 * text, which the grade check then skips.
 */
static int
grade_rank(const char *grade)
{
	const char *s = grade;
	int low, high;

	if ((low = read_grade(&s)) == -1)
		return -1;
	if (*s == '\0')
		return low;
	if (*s != '-')
		return -1;
	s++;
	high = read_grade(&s);
	return high >= low && *s == '\0' ? low : -1;
}

/*
 * Mark the goals aligned with a standard: those that list one, and
 * through part_of every part of an aligned goal.  The caller frees the
 * result.
 */
static unsigned char *
aligned_goals(const struct goalmap *gm)
{
	struct graph wholes;
	unsigned char *aligned;
	size_t *queue, head = 0, tail = 0, u, i, part;

	aligned = xcalloc(gm->n, 1);
	queue = xcalloc(gm->n, sizeof(*queue));
	for (u = 0; u < gm->n; u++)
		if (gm->goals[u].nstandards > 0) {
			aligned[u] = 1;
			queue[tail++] = u;
		}
	graph_reverse(&gm->part_of, &wholes);
	while (head < tail) {
		u = queue[head++];
		for (i = wholes.off[u]; i < wholes.off[u + 1]; i++) {
			part = wholes.adj[i];
			if (!aligned[part]) {
				aligned[part] = 1;
				queue[tail++] = part;
			}
		}
	}
	graph_free(&wholes);
	free(queue);
	return aligned;
}

/* Warn when goal u requires a goal of a later grade. */
static void
check_grades(struct goalmap *gm, size_t u)
{
	const struct goal *g = &gm->goals[u], *h;
	int rank, other;
	size_t k;

	if ((rank = grade_rank(g->grade)) == -1)
		return;
	for (k = 0; k < g->nrequires; k++) {
		h = &gm->goals[g->requires[k]];
		other = grade_rank(h->grade);
		if (other > rank)
			add_finding(gm, SEV_WARNING, "later-grade", g->id,
			    g->line, "requires: goal '%s' (grade %s) requires "
			    "goal '%s' of a later grade (%s)", g->id, g->grade,
			    h->id, h->grade);
	}
}

/* Warn about a core goal without a standard and about unlisted codes. */
static void
check_standards(struct goalmap *gm, size_t u, const unsigned char *aligned,
    const struct strmap *listed, const char *std_file)
{
	const struct goal *g = &gm->goals[u];
	size_t k, v;

	if (gm->has_standards && g->scope == SCOPE_CORE && !aligned[u])
		add_finding(gm, SEV_WARNING, "no-standard", g->id, g->line,
		    "standards: core goal '%s' is aligned with no standard",
		    g->id);
	for (k = 0; listed != NULL && k < g->nstandards; k++)
		if (!strmap_get(listed, g->standards[k],
		    strlen(g->standards[k]), &v))
			add_finding(gm, SEV_WARNING, "unknown-standard", g->id,
			    g->line, "standards: unknown standard '%s' (not in "
			    "%s)", g->standards[k], std_file != NULL ?
			    display_name(std_file) : "the standards list");
}

/* Warn about each listed standard that no goal cites. */
static void
check_coverage(struct goalmap *gm, char *const *standards,
    const size_t *std_lines, size_t n, const char *std_file)
{
	struct strmap cited;
	struct finding *f;
	size_t u, k, i, v;

	strmap_init(&cited);
	for (u = 0; u < gm->n; u++)
		for (k = 0; k < gm->goals[u].nstandards; k++)
			strmap_put(&cited, gm->goals[u].standards[k],
			    strlen(gm->goals[u].standards[k]), 0, NULL);
	for (i = 0; i < n; i++) {
		if (strmap_get(&cited, standards[i], strlen(standards[i]), &v))
			continue;
		f = add_finding(gm, SEV_WARNING, "uncovered-standard", "",
		    std_lines != NULL ? std_lines[i] : 0,
		    "standards: no goal covers standard '%s'", standards[i]);
		f->file = std_file;
	}
	strmap_free(&cited);
}

/*
 * The findings come goal by goal in file order, each goal's in column
 * order, then the uncovered standards in the order of their file.
 */
void
goalmap_advise(struct goalmap *gm, char *const *standards,
    const size_t *std_lines, size_t n, const char *std_file)
{
	struct implied_list implied = { NULL, 0 };
	struct strmap listed;
	unsigned char *aligned;
	size_t u, i, k = 0;

	if (gm->incomplete)
		return;
	graph_redundant_via(&gm->requires, collect_implied, &implied);
	aligned = aligned_goals(gm);
	strmap_init(&listed);
	for (i = 0; standards != NULL && i < n; i++)
		strmap_put(&listed, standards[i], strlen(standards[i]), i,
		    NULL);
	for (u = 0; u < gm->n; u++) {
		for (; k < implied.n && implied.edges[k].from == u; k++)
			add_finding(gm, SEV_WARNING, "redundant-requires",
			    gm->goals[u].id, gm->goals[u].line,
			    "requires: '%s' requires '%s', already implied "
			    "through '%s'", gm->goals[u].id,
			    gm->goals[implied.edges[k].to].id,
			    gm->goals[implied.edges[k].via].id);
		check_grades(gm, u);
		check_standards(gm, u, aligned, standards != NULL ? &listed :
		    NULL, std_file);
	}
	if (standards != NULL)
		check_coverage(gm, standards, std_lines, n, std_file);
	strmap_free(&listed);
	free(aligned);
	free(implied.edges);
	sort_findings(gm);
}

size_t
goalmap_report(const struct goalmap *gm)
{
	const struct finding *f;
	const char *file;
	size_t i;

	for (i = 0; i < gm->nfindings; i++) {
		f = &gm->findings[i];
		file = f->file != NULL ? f->file : gm->file;
		if (f->severity == SEV_ERROR)
			diag_error(file, f->line, "%s", f->message);
		else
			diag_warn(file, f->line, "%s", f->message);
	}
	return gm->nerrors;
}

void
goalmap_load_or_exit(struct goalmap *gm, const char *path,
    const struct table_opts *o)
{
	int saved;

	if (goalmap_load(gm, path, o) == -1 && gm->nfindings == 0) {
		saved = errno;
		goalmap_free(gm);
		die(EXIT_TROUBLE, "%s: %s", display_name(path),
		    strerror(saved));
	}
	if (goalmap_report(gm) > 0) {
		goalmap_free(gm);
		exit(EXIT_DATA);
	}
}

size_t
goalmap_find(const struct goalmap *gm, const char *id, size_t len)
{
	size_t v;

	return strmap_get(&gm->ids, id, len, &v) ? v : NO_GOAL;
}

const char *
goalmap_closest(const struct goalmap *gm, const char *id)
{
	size_t v = closest_index(gm, id, NULL, NULL);

	return v == NO_GOAL ? NULL : gm->goals[v].id;
}

void
goalmap_free(struct goalmap *gm)
{
	size_t i;

	for (i = 0; i < gm->n; i++)
		free_goal(&gm->goals[i], gm->nheader);
	free(gm->goals);
	for (i = 0; i < gm->nheader; i++)
		free(gm->header[i]);
	free(gm->header);
	strmap_free(&gm->ids);
	graph_free(&gm->requires);
	graph_free(&gm->part_of);
	free_findings(gm);
	free(gm->file);
	memset(gm, 0, sizeof(*gm));
}
