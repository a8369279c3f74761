/* goalkit: see LICENSE. Reading the goal map, catalog, mastery table, roster and preferences. */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader.h"
#include "util.h"
#include "value.h"

#include "suggest.h"

static const char *const activity_types[] = {
	"explanation", "video", "reading", "worked-example", "practice",
	"game", "classification", "simulation", "project", "discussion",
	"tutoring", "other"
};

void
world_init(struct world *w, const struct table_opts *o)
{
	memset(w, 0, sizeof(*w));
	w->opts = o;
	strmap_init(&w->activity_ids);
	strmap_init(&w->tags);
	strmap_init(&w->student_ids);
	/* Tag 0 is the empty type, so "no type given" compares equal. */
	strmap_intern(&w->tags, "", 0, NULL);
}

static void
free_lists(size_t **lists, size_t n)
{
	size_t i;

	if (lists == NULL)
		return;
	for (i = 0; i < n; i++)
		free(lists[i]);
	free(lists);
}

void
world_free(struct world *w)
{
	size_t i;

	for (i = 0; i < w->nacts; i++) {
		free(w->acts[i].id);
		free(w->acts[i].goals);
		free(w->acts[i].requires);
		free(w->acts[i].features);
	}
	free(w->acts);
	if (w->effects != NULL && w->effect_off != NULL)
		for (i = 0; i < w->effect_off[w->ngoals]; i++) {
			free(w->effects[i].sum_all);
			free(w->effects[i].sum_good);
		}
	free(w->effects);
	free(w->effect_off);
	free_lists(w->goal_acts, w->ngoals);
	free(w->ngoal_acts);
	free_lists(w->needs, w->ngoals);
	free(w->nneeds);
	free(w->unlocks);
	free_lists(w->grade_core, w->ngoals);
	free(w->ngrade_core);
	for (i = 0; i < w->nstudents; i++) {
		free(w->students[i].likes);
		free(w->students[i].dislikes);
		free(w->students[i].interest);
		free(w->students[i].uses);
	}
	free(w->students);
	free(w->cells);
	strmap_free(&w->activity_ids);
	strmap_free(&w->tags);
	strmap_free(&w->student_ids);
	goalmap_free(&w->gm);
}

/* Open a table or exit with "prog: FILE: strerror" and status 2. */
struct reader *
open_table(const struct table_opts *o, const char *path)
{
	struct reader *r;

	if ((r = reader_open(path, o)) == NULL)
		die(EXIT_TROUBLE, "%s: %s", display_name(path),
		    strerror(errno));
	return r;
}

/*
 * Read the next record.  A malformed file is reported as a data error and
 * ends the file (return 0); a read error exits with status 2.
 */
int
next_record(struct reader *r, struct record **rec)
{
	int rc;

	if ((rc = reader_next(r, rec)) >= 0)
		return rc;
	reader_report_error(r);
	return 0;
}

/* Append v to the list *list of *n entries. */
static void
push_index(size_t **list, size_t *n, size_t v)
{
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = v;
}

/* Fill needs (requires, then parts), unlocks and grade_core per goal. */
static void
derive_goal_lists(struct world *w)
{
	const struct goalmap *gm = &w->gm;
	struct graph rev;
	unsigned char *seen;
	size_t g, h, i;

	w->needs = xcalloc(w->ngoals, sizeof(*w->needs));
	w->nneeds = xcalloc(w->ngoals, sizeof(*w->nneeds));
	w->grade_core = xcalloc(w->ngoals, sizeof(*w->grade_core));
	w->ngrade_core = xcalloc(w->ngoals, sizeof(*w->ngrade_core));
	w->unlocks = xcalloc(w->ngoals, sizeof(*w->unlocks));
	for (g = 0; g < w->ngoals; g++)
		for (i = 0; i < gm->goals[g].nrequires; i++)
			push_index(&w->needs[g], &w->nneeds[g],
			    gm->goals[g].requires[i]);
	for (h = 0; h < w->ngoals; h++)
		for (i = 0; i < gm->goals[h].npart_of; i++)
			push_index(&w->needs[gm->goals[h].part_of[i]],
			    &w->nneeds[gm->goals[h].part_of[i]], h);
	for (g = 0; g < w->ngoals; g++)
		for (h = 0; h < w->ngoals; h++)
			if (gm->goals[h].scope == SCOPE_CORE &&
			    strcmp(gm->goals[h].grade, gm->goals[g].grade) == 0)
				push_index(&w->grade_core[g],
				    &w->ngrade_core[g], h);

	/* A goal unlocks every goal that requires it, directly or not. */
	graph_reverse(&gm->requires, &rev);
	seen = xmalloc(w->ngoals ? w->ngoals : 1);
	for (g = 0; g < w->ngoals; g++) {
		memset(seen, 0, w->ngoals);
		w->unlocks[g] = graph_reach(&rev, g, seen);
	}
	free(seen);
	graph_free(&rev);
}

void
load_goals(struct world *w, const char *path)
{
	goalmap_load_or_exit(&w->gm, path, w->opts);
	w->ngoals = w->gm.n;
	derive_goal_lists(w);
}

/* Look a goal up by a trimmed field; NONE when unknown. */
static size_t
find_goal(const struct world *w, struct field f)
{
	size_t g;

	g = goalmap_find(&w->gm, f.p, f.len);
	return g == (size_t)-1 ? NONE : g;
}

/* Report an unknown goal id, with the closest known id when one is near. */
static void
report_unknown_goal(const struct world *w, const char *file, size_t line,
    struct field id)
{
	const char *near;
	char *copy;

	copy = field_dup(id);
	if ((near = goalmap_closest(&w->gm, copy)) != NULL)
		diag_error(file, line, "goal_id: unknown goal '%s' (did you "
		    "mean '%s'?)", copy, near);
	else
		diag_error(file, line, "goal_id: unknown goal '%s'", copy);
	free(copy);
}

/*
 * Read a list of goal ids into *out.  Unknown goals and repeats are
 * warnings, and the item is left out.
 */
static void
read_goal_list(const struct world *w, const char *file, size_t line,
    const char *column, struct field cell, size_t **out, size_t *n)
{
	struct list l;
	size_t g, i;

	list_split(cell, w->opts->list_sep, &l);
	if (l.dups > 0)
		diag_warn(file, line, "%s: goal '%.*s' is listed twice",
		    column, (int)l.dup.len, l.dup.p);
	for (i = 0; i < l.n; i++) {
		if ((g = find_goal(w, l.items[i])) == NONE) {
			diag_warn(file, line, "%s: unknown goal '%.*s' left "
			    "out", column, (int)l.items[i].len, l.items[i].p);
			continue;
		}
		push_index(out, n, g);
	}
	list_free(&l);
}

/* Read a list of tags (types or features) into *out. */
static void
read_tag_list(struct world *w, struct field cell, size_t **out, size_t *n)
{
	struct list l;
	size_t i;

	list_split(cell, w->opts->list_sep, &l);
	for (i = 0; i < l.n; i++)
		push_index(out, n, strmap_intern(&w->tags, l.items[i].p,
		    l.items[i].len, NULL));
	list_free(&l);
}

static int
parse_type(struct world *w, const char *file, size_t line, struct field f,
    size_t *type)
{
	size_t i;

	f = field_trim(f);
	for (i = 0; i < sizeof(activity_types) / sizeof(activity_types[0]); i++)
		if (f.len == 0 || (strlen(activity_types[i]) == f.len &&
		    strncasecmp(activity_types[i], f.p, f.len) == 0))
			break;
	if (i == sizeof(activity_types) / sizeof(activity_types[0])) {
		diag_error(file, line, "type: unknown type '%.*s' (expected "
		    "explanation, video, reading, worked-example, practice, "
		    "game, classification, simulation, project, discussion, "
		    "tutoring or other)", (int)f.len, f.p);
		return -1;
	}
	*type = f.len == 0 ? 0 : strmap_intern(&w->tags, activity_types[i],
	    strlen(activity_types[i]), NULL);
	return 0;
}

static int
parse_place(const char *file, size_t line, struct field f, enum place *out)
{
	f = field_trim(f);
	if (f.len == 0 || (f.len == 3 && strncasecmp(f.p, "any", 3) == 0))
		*out = PLACE_ANY;
	else if (f.len == 6 && strncasecmp(f.p, "school", 6) == 0)
		*out = PLACE_SCHOOL;
	else if (f.len == 4 && strncasecmp(f.p, "home", 4) == 0)
		*out = PLACE_HOME;
	else {
		diag_error(file, line, "place: invalid place '%.*s' (expected "
		    "school, home or any)", (int)f.len, f.p);
		return -1;
	}
	return 0;
}

enum catalog_column {
	CAT_ID, CAT_GOALS, CAT_TYPE, CAT_FEATURES, CAT_PLACE, CAT_NEEDS,
	CAT_REQUIRES, CAT_NCOLS
};

/* Add one catalog row as an activity, or report why it cannot be. */
static void
read_activity(struct world *w, const char *file, const struct record *rec,
    const size_t *col)
{
	struct activity a;
	struct field id, needs;
	size_t idx;
	int added;

	id = field_trim(rec_field(rec, col[CAT_ID]));
	if (id.len == 0) {
		diag_error(file, rec->line, "activity_id: empty id");
		return;
	}
	memset(&a, 0, sizeof(a));
	if (parse_type(w, file, rec->line, rec_field(rec, col[CAT_TYPE]),
	    &a.type) < 0 || parse_place(file, rec->line,
	    rec_field(rec, col[CAT_PLACE]), &a.place) < 0)
		return;
	idx = strmap_intern(&w->activity_ids, id.p, id.len, &added);
	if (!added) {
		diag_error(file, rec->line, "activity_id: duplicate activity "
		    "'%.*s' (first on line %zu)", (int)id.len, id.p,
		    w->acts[idx].line);
		return;
	}
	a.id = field_dup(id);
	a.line = rec->line;
	read_goal_list(w, file, rec->line, "goals",
	    rec_field(rec, col[CAT_GOALS]), &a.goals, &a.ngoals);
	read_goal_list(w, file, rec->line, "requires",
	    rec_field(rec, col[CAT_REQUIRES]), &a.requires, &a.nrequires);
	read_tag_list(w, rec_field(rec, col[CAT_FEATURES]), &a.features,
	    &a.nfeatures);
	needs = field_trim(rec_field(rec, col[CAT_NEEDS]));
	a.online = needs.len == 6 && strncasecmp(needs.p, "online", 6) == 0;
	w->acts = xreallocarray(w->acts, w->nacts + 1, sizeof(*w->acts));
	w->acts[w->nacts++] = a;
}

/* Index the catalog by goal and make room for past effectiveness. */
static void
index_catalog(struct world *w)
{
	size_t a, g, i, n;

	w->goal_acts = xcalloc(w->ngoals, sizeof(*w->goal_acts));
	w->ngoal_acts = xcalloc(w->ngoals, sizeof(*w->ngoal_acts));
	for (a = 0; a < w->nacts; a++)
		for (i = 0; i < w->acts[a].ngoals; i++) {
			g = w->acts[a].goals[i];
			push_index(&w->goal_acts[g], &w->ngoal_acts[g], a);
		}
	w->effect_off = xcalloc(w->ngoals + 1, sizeof(*w->effect_off));
	for (g = 0, n = 0; g < w->ngoals; g++) {
		w->effect_off[g] = n;
		n += w->ngoal_acts[g];
	}
	w->effect_off[w->ngoals] = n;
	w->effects = xcalloc(n, sizeof(*w->effects));
}

void
load_catalog(struct world *w, const char *path)
{
	static const char *const names[CAT_NCOLS] = {
		"activity_id", "goals", "type", "features", "place", "needs",
		"requires"
	};
	struct reader *r;
	struct record *rec;
	size_t col[CAT_NCOLS], i;
	int bad = 0;

	r = open_table(w->opts, path);
	for (i = 0; i < CAT_NCOLS; i++)
		col[i] = reader_want(r, names[i], i <= CAT_GOALS, &bad);
	reader_warn_duplicates(r);
	while (!bad && next_record(r, &rec) == 1)
		read_activity(w, reader_name(r), rec, col);
	reader_close(r);
	index_catalog(w);
}

size_t
student_add(struct world *w, const char *id, size_t len)
{
	struct cell *c;
	size_t s, g;
	int added;

	s = strmap_intern(&w->student_ids, id, len, &added);
	if (!added)
		return s;
	if (w->nstudents == w->studentcap) {
		w->studentcap = w->studentcap ? 2 * w->studentcap : 64;
		w->students = xreallocarray(w->students, w->studentcap,
		    sizeof(*w->students));
		w->cells = xreallocarray(w->cells, w->studentcap,
		    (w->ngoals ? w->ngoals : 1) * sizeof(*w->cells));
	}
	memset(&w->students[s], 0, sizeof(w->students[s]));
	for (g = 0; g < w->ngoals; g++) {
		c = &w->cells[s * w->ngoals + g];
		c->estimate = c->threshold = -1;
		c->mastered_day = c->last_day = -1;
		c->stalled = c->last = NONE;
		c->status = ST_NOT_STARTED;
		c->seen = 0;
	}
	w->nstudents++;
	return s;
}

struct cell *
cell_at(const struct world *w, size_t student, size_t goal)
{
	return &w->cells[student * w->ngoals + goal];
}

static int
parse_status(struct field f, unsigned char *out)
{
	static const struct {
		const char *name;
		enum status status;
	} names[] = {
		{ "mastered", ST_MASTERED },
		{ "progressing", ST_PROGRESSING },
		{ "stalled", ST_STALLED },
		{ "slipped", ST_SLIPPED },
		{ "not-started", ST_NOT_STARTED }
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (field_eq(f, names[i].name)) {
			*out = names[i].status;
			return 0;
		}
	return -1;
}

/* Parse a number cell that may be empty (giving -1) but not negative. */
static int
parse_amount(const struct world *w, const char *file, size_t line,
    const char *column, struct field f, float *out)
{
	double v;

	f = field_trim(f);
	if (f.len == 0) {
		*out = -1;
		return 0;
	}
	if (value_number(f, w->opts->decimal_comma, &v, NULL) < 0 || v < 0) {
		diag_error(file, line, "%s: invalid number '%.*s'", column,
		    (int)f.len, f.p);
		return -1;
	}
	*out = (float)v;
	return 0;
}

/*
 * Parse a time cell into days since 1970.  An empty cell gives -1, and
 * so does a whole number: mastery-calc copies the order key of a log
 * without times (such as an order_id) there, and it is no date.
 */
static int
parse_day(const struct world *w, const char *file, size_t line,
    const char *column, struct field f, float *out)
{
	struct gktime t;
	uint64_t order;

	f = field_trim(f);
	if (f.len == 0 || value_count(f, &order) == 0) {
		*out = -1;
		return 0;
	}
	if (value_time(f, w->opts->date_format, &t) < 0) {
		diag_error(file, line, "%s: invalid time '%.*s' (expected %s)",
		    column, (int)f.len, f.p, w->opts->date_format ?
		    w->opts->date_format : value_time_forms);
		return -1;
	}
	*out = (float)gktime_days(&t);
	return 0;
}

/* An activity name from the mastery table, NONE when empty. */
static size_t
activity_name(struct world *w, struct field f)
{
	f = field_trim(f);
	if (f.len == 0)
		return NONE;
	return strmap_intern(&w->activity_ids, f.p, f.len, NULL);
}

enum mastery_column {
	MC_STUDENT, MC_GOAL, MC_STATUS, MC_ESTIMATE, MC_THRESHOLD,
	MC_LAST_TIME, MC_MASTERED_TIME, MC_LAST_ACTIVITY, MC_STALLED_ACTIVITY,
	MC_NCOLS
};

static void
read_mastery_row(struct world *w, const char *file, const struct record *rec,
    const size_t *col)
{
	struct field sid, gid, st;
	struct cell c, *dst;
	size_t s, g;

	sid = field_trim(rec_field(rec, col[MC_STUDENT]));
	gid = field_trim(rec_field(rec, col[MC_GOAL]));
	st = field_trim(rec_field(rec, col[MC_STATUS]));
	if (sid.len == 0) {
		diag_error(file, rec->line, "student_id: empty id");
		return;
	}
	if ((g = find_goal(w, gid)) == NONE) {
		report_unknown_goal(w, file, rec->line, gid);
		return;
	}
	memset(&c, 0, sizeof(c));
	if (parse_status(st, &c.status) < 0) {
		diag_error(file, rec->line, "status: unknown status '%.*s' "
		    "(expected mastered, progressing, stalled, slipped or "
		    "not-started)", (int)st.len, st.p);
		return;
	}
	if (parse_amount(w, file, rec->line, "estimate",
	    rec_field(rec, col[MC_ESTIMATE]), &c.estimate) < 0 ||
	    parse_amount(w, file, rec->line, "threshold",
	    rec_field(rec, col[MC_THRESHOLD]), &c.threshold) < 0 ||
	    parse_day(w, file, rec->line, "last_time",
	    rec_field(rec, col[MC_LAST_TIME]), &c.last_day) < 0 ||
	    parse_day(w, file, rec->line, "mastered_time",
	    rec_field(rec, col[MC_MASTERED_TIME]), &c.mastered_day) < 0)
		return;
	s = student_add(w, sid.p, sid.len);
	w->students[s].listed = 1;
	dst = cell_at(w, s, g);
	if (dst->seen) {
		diag_error(file, rec->line, "goal_id: second row for student "
		    "'%.*s' and goal '%.*s'", (int)sid.len, sid.p,
		    (int)gid.len, gid.p);
		return;
	}
	c.last = activity_name(w, rec_field(rec, col[MC_LAST_ACTIVITY]));
	c.stalled = activity_name(w, rec_field(rec, col[MC_STALLED_ACTIVITY]));
	c.seen = 1;
	*dst = c;
}

int
load_mastery(struct world *w, const char *path)
{
	static const char *const names[MC_NCOLS] = {
		"student_id", "goal_id", "status", "estimate", "threshold",
		"last_time", "mastered_time", "last_activity",
		"stalled_activity"
	};
	struct reader *r;
	struct record *rec;
	size_t col[MC_NCOLS], i;
	int bad = 0, delim;

	r = open_table(w->opts, path);
	for (i = 0; i < MC_NCOLS; i++)
		col[i] = reader_want(r, names[i], i <= MC_STATUS, &bad);
	reader_warn_duplicates(r);
	while (!bad && next_record(r, &rec) == 1)
		read_mastery_row(w, reader_name(r), rec, col);
	delim = reader_delim(r);
	reader_close(r);
	return delim;
}

static int
parse_home(struct field f, enum home_access *out)
{
	f = field_trim(f);
	if (f.len == 0)
		*out = HOME_UNKNOWN;
	else if (f.len == 6 && strncasecmp(f.p, "online", 6) == 0)
		*out = HOME_ONLINE;
	else if (f.len == 7 && strncasecmp(f.p, "offline", 7) == 0)
		*out = HOME_OFFLINE;
	else if (f.len == 4 && strncasecmp(f.p, "none", 4) == 0)
		*out = HOME_NONE;
	else
		return -1;
	return 0;
}

void
load_roster(struct world *w, const char *path)
{
	struct reader *r;
	struct record *rec;
	struct field sid, home;
	enum home_access access;
	size_t cs, ch, s;
	int bad = 0;

	r = open_table(w->opts, path);
	cs = reader_want(r, "student_id", 1, &bad);
	ch = reader_want(r, "home_access", 0, &bad);
	reader_warn_duplicates(r);
	while (!bad && next_record(r, &rec) == 1) {
		sid = field_trim(rec_field(rec, cs));
		home = field_trim(rec_field(rec, ch));
		if (sid.len == 0) {
			diag_error(reader_name(r), rec->line,
			    "student_id: empty id");
			continue;
		}
		if (parse_home(home, &access) < 0) {
			diag_error(reader_name(r), rec->line, "home_access: "
			    "invalid value '%.*s' (expected online, offline "
			    "or none)", (int)home.len, home.p);
			continue;
		}
		s = student_add(w, sid.p, sid.len);
		if (w->students[s].rostered) {
			diag_error(reader_name(r), rec->line, "student_id: "
			    "duplicate student '%.*s'", (int)sid.len, sid.p);
			continue;
		}
		w->students[s].rostered = 1;
		w->students[s].listed = 1;
		w->students[s].home = access;
	}
	reader_close(r);
}

/*
 * Mark the goals a list of interests names: a goal id, or a subject
 * (without regard to case) that names every goal of that subject.
 */
static void
read_interests(struct world *w, const char *file, size_t line,
    struct student *st, struct field cell)
{
	struct list l;
	size_t g, i, found;

	list_split(cell, w->opts->list_sep, &l);
	if (l.n > 0 && st->interest == NULL)
		st->interest = xcalloc(w->ngoals ? w->ngoals : 1, 1);
	for (i = 0; i < l.n; i++) {
		if ((g = find_goal(w, l.items[i])) != NONE) {
			st->interest[g] = 1;
			continue;
		}
		for (g = 0, found = 0; g < w->ngoals; g++)
			if (strlen(w->gm.goals[g].subject) == l.items[i].len &&
			    strncasecmp(w->gm.goals[g].subject, l.items[i].p,
			    l.items[i].len) == 0) {
				st->interest[g] = 1;
				found++;
			}
		if (found == 0)
			diag_warn(file, line, "interests: no goal or subject "
			    "'%.*s'", (int)l.items[i].len, l.items[i].p);
	}
	list_free(&l);
}

void
load_preferences(struct world *w, const char *path)
{
	struct reader *r;
	struct record *rec;
	struct student *st;
	struct field sid;
	size_t cs, cl, cd, ci, s;
	int bad = 0;

	r = open_table(w->opts, path);
	cs = reader_want(r, "student_id", 1, &bad);
	cl = reader_want(r, "likes", 0, &bad);
	cd = reader_want(r, "dislikes", 0, &bad);
	ci = reader_want(r, "interests", 0, &bad);
	reader_warn_duplicates(r);
	while (!bad && next_record(r, &rec) == 1) {
		sid = field_trim(rec_field(rec, cs));
		if (sid.len == 0) {
			diag_error(reader_name(r), rec->line,
			    "student_id: empty id");
			continue;
		}
		/* Preferences of students who get no suggestions are unused. */
		if (!strmap_get(&w->student_ids, sid.p, sid.len, &s))
			continue;
		st = &w->students[s];
		if (st->has_prefs) {
			diag_error(reader_name(r), rec->line, "student_id: "
			    "duplicate student '%.*s'", (int)sid.len, sid.p);
			continue;
		}
		st->has_prefs = 1;
		read_tag_list(w, rec_field(rec, cl), &st->likes, &st->nlikes);
		read_tag_list(w, rec_field(rec, cd), &st->dislikes,
		    &st->ndislikes);
		read_interests(w, reader_name(r), rec->line, st,
		    rec_field(rec, ci));
	}
	reader_close(r);
}

void
compute_norms(struct world *w)
{
	const struct cell *c;
	double sum;
	size_t s, g;

	for (s = 0; s < w->nstudents; s++) {
		sum = 0;
		for (g = 0; g < w->ngoals; g++) {
			c = cell_at(w, s, g);
			if (c->estimate > 0)
				sum += (double)c->estimate * c->estimate;
		}
		w->students[s].norm2 = sum;
	}
}
