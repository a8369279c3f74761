/* goalkit: see LICENSE. Small groups by next goal, and mixed groups for a project. */

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "writer.h"

#include "suggest.h"

/* A student waiting to be grouped on their first suggested goal. */
struct member {
	size_t	 student;
	double	 estimate;	/* 0 when the table gives none */
	struct offer *offers;	/* owned */
	size_t	 noffers;
};

static int
compare_members(const void *pa, const void *pb)
{
	const struct member *a = pa, *b = pb;

	if (a->estimate != b->estimate)
		return a->estimate < b->estimate ? -1 : 1;
	return a->student < b->student ? -1 : a->student > b->student;
}

/*
 * Return the best activity not marked in avoid (NULL marks none): the one
 * offered to the most members, then the one with the highest total fit,
 * then the smallest id.  NONE when there is none.
 */
static size_t
best_activity(const struct world *w, const size_t *count, const double *fit,
    const unsigned char *avoid)
{
	size_t a, best = NONE;

	for (a = 0; a < w->nacts; a++) {
		if (count[a] == 0 || (avoid != NULL && avoid[a]))
			continue;
		if (best == NONE || count[a] > count[best] ||
		    (count[a] == count[best] && (fit[a] > fit[best] ||
		    (fit[a] == fit[best] &&
		    strcmp(w->acts[a].id, w->acts[best].id) < 0))))
			best = a;
	}
	return best;
}

/*
 * The activity for a group working on goal g: the best one (see
 * best_activity) that no member stalled on, else the best one.  NONE when
 * no member has an offer.
 */
static size_t
group_activity(const struct world *w, size_t g, const struct member *m,
    size_t n)
{
	const struct cell *c;
	unsigned char *avoid;
	size_t *count, best, i, j, a;
	double *fit;

	count = xcalloc(w->nacts + 1, sizeof(*count));
	fit = xcalloc(w->nacts + 1, sizeof(*fit));
	avoid = xcalloc(w->nacts + 1, 1);
	for (i = 0; i < n; i++) {
		c = cell_at(w, m[i].student, g);
		if (c->status == ST_STALLED && c->stalled < w->nacts)
			avoid[c->stalled] = 1;
		for (j = 0; j < m[i].noffers; j++) {
			a = m[i].offers[j].activity;
			count[a]++;
			fit[a] += m[i].offers[j].fit;
		}
	}
	if ((best = best_activity(w, count, fit, avoid)) == NONE)
		best = best_activity(w, count, fit, NULL);
	free(count);
	free(fit);
	free(avoid);
	return best;
}

/*
 * Write the ids of m[0..n-1], separated by the list separator, as one
 * field.
 */
static void
write_students(struct writer *wr, const struct world *w,
    const struct member *m, size_t n)
{
	char *buf;
	size_t len = 0, i, k;
	const char *id;

	for (i = 0; i < n; i++)
		len += strlen(strmap_key(&w->student_ids, m[i].student)) + 1;
	buf = xmalloc(len + 1);
	for (i = 0, k = 0; i < n; i++) {
		id = strmap_key(&w->student_ids, m[i].student);
		if (i > 0)
			buf[k++] = (char)w->opts->list_sep;
		memcpy(buf + k, id, strlen(id));
		k += strlen(id);
	}
	writer_field(wr, buf, k);
	free(buf);
}

/*
 * Split the n members of one goal, sorted by estimate, into the fewest
 * groups of at most size students whose sizes differ by at most one.
 */
static void
write_goal_groups(struct writer *wr, const struct world *w, size_t g,
    struct member *m, size_t n, size_t size, size_t *group_id)
{
	size_t k, base, extra, i, len, a;

	qsort(m, n, sizeof(*m), compare_members);
	k = (n + size - 1) / size;
	base = n / k;
	extra = n % k;
	for (i = 0; i < k; i++) {
		len = base + (i < extra);
		writer_int(wr, (long long)++*group_id);
		writer_str(wr, w->gm.goals[g].id);
		write_students(wr, w, m, len);
		a = group_activity(w, g, m, len);
		writer_str(wr, a == NONE ? "" : w->acts[a].id);
		writer_end(wr);
		m += len;
	}
}

void
write_groups(const struct world *w, const struct settings *set, size_t size,
    struct writer *wr)
{
	static const char *const header[] = {
		"group_id", "goal_id", "students", "activity_id"
	};
	struct member *m, *byg;
	struct plan plan;
	size_t *first, n = 0, s, g, i, k, group_id = 0;

	memset(&plan, 0, sizeof(plan));
	m = xcalloc(w->nstudents + 1, sizeof(*m));
	first = xcalloc(w->nstudents + 1, sizeof(*first));
	for (s = 0; s < w->nstudents; s++) {
		if (!w->students[s].listed)
			continue;
		plan_student(w, set, s, &plan);
		if (plan.n > 0) {
			m[n].student = s;
			first[n] = plan.picks[0].goal;
			m[n].estimate = cell_at(w, s, first[n])->estimate;
			if (m[n].estimate < 0)
				m[n].estimate = 0;
			m[n].offers = plan.picks[0].offers;
			m[n].noffers = plan.picks[0].noffers;
			plan.picks[0].offers = NULL;
			n++;
		}
	}
	plan_free(&plan);
	writer_row(wr, header, sizeof(header) / sizeof(header[0]));
	byg = xcalloc(n + 1, sizeof(*byg));
	for (g = 0; g < w->ngoals; g++) {
		for (i = k = 0; i < n; i++)
			if (first[i] == g)
				byg[k++] = m[i];
		if (k > 0)
			write_goal_groups(wr, w, g, byg, k, size, &group_id);
	}
	for (i = 0; i < n; i++)
		free(m[i].offers);
	free(byg);
	free(first);
	free(m);
}

/* Parse the --project list (separated by ',' or ';') into goal indexes. */
static size_t *
parse_project(const struct world *w, const char *arg, size_t *n)
{
	size_t *goals, g, len;
	const char *p = arg;

	goals = xcalloc(strlen(arg) + 1, sizeof(*goals));
	*n = 0;
	while (*p != '\0') {
		len = strcspn(p, ",;");
		while (len > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len > 0) {
			if ((g = goalmap_find(&w->gm, p, len)) == (size_t)-1)
				die(EXIT_TROUBLE, "--project: unknown goal "
				    "'%.*s'", (int)len, p);
			goals[(*n)++] = g;
		}
		p += strcspn(p, ",;");
		if (*p != '\0')
			p++;
	}
	if (*n == 0)
		die(EXIT_TROUBLE, "--project: no goal given");
	return goals;
}

/*
 * Write the goals for which have[i] is want, separated by the list
 * separator, as one field.
 */
static void
write_goal_list(struct writer *wr, const struct world *w, const size_t *goals,
    const unsigned char *have, size_t n, int want)
{
	char *buf;
	size_t len = 0, i, k = 0;
	const char *id;

	for (i = 0; i < n; i++)
		len += strlen(w->gm.goals[goals[i]].id) + 1;
	buf = xmalloc(len + 1);
	for (i = 0; i < n; i++) {
		if (!have[i] != !want)
			continue;
		id = w->gm.goals[goals[i]].id;
		if (k > 0)
			buf[k++] = (char)w->opts->list_sep;
		memcpy(buf + k, id, strlen(id));
		k += strlen(id);
	}
	writer_field(wr, buf, k);
	free(buf);
}

/* Project students are placed strongest first: most project goals mastered. */
struct placed {
	size_t	 student;
	size_t	 nmastered;
	size_t	 group;
};

static int
compare_placed(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;

	if (a->nmastered != b->nmastered)
		return a->nmastered > b->nmastered ? -1 : 1;
	return a->student < b->student ? -1 : a->student > b->student;
}

static int
compare_by_group(const void *pa, const void *pb)
{
	const struct placed *a = pa, *b = pb;

	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return a->student < b->student ? -1 : a->student > b->student;
}

/*
 * Place each student, strongest first, in the group with room where they
 * add the most project goals nobody there has mastered yet; ties go to
 * the smaller group, then the earlier one.
 */
static void
place_students(const struct world *w, const size_t *goals, size_t ngoals,
    struct placed *pl, size_t n, size_t k, unsigned char *cover)
{
	size_t *members, i, j, q, gain, best, best_gain, cap;

	members = xcalloc(k, sizeof(*members));
	for (i = 0; i < n; i++) {
		best = NONE;
		best_gain = 0;
		for (q = 0; q < k; q++) {
			/* The first n % k groups take one student more. */
			cap = n / k + (q < n % k);
			if (members[q] >= cap)
				continue;
			for (j = gain = 0; j < ngoals; j++)
				gain += !cover[q * ngoals + j] && cell_at(w,
				    pl[i].student, goals[j])->status ==
				    ST_MASTERED;
			if (best == NONE || gain > best_gain ||
			    (gain == best_gain && members[q] < members[best])) {
				best = q;
				best_gain = gain;
			}
		}
		pl[i].group = best;
		members[best]++;
		for (j = 0; j < ngoals; j++)
			if (cell_at(w, pl[i].student, goals[j])->status ==
			    ST_MASTERED)
				cover[best * ngoals + j] = 1;
	}
	free(members);
}

void
write_project_groups(const struct world *w, const char *arg, size_t size,
    struct writer *wr)
{
	static const char *const header[] = {
		"group_id", "students", "mastered", "missing"
	};
	struct placed *pl;
	struct member *m;
	unsigned char *cover;
	size_t *goals, ngoals, n = 0, k, s, i, j, start;

	goals = parse_project(w, arg, &ngoals);
	pl = xcalloc(w->nstudents + 1, sizeof(*pl));
	for (s = 0; s < w->nstudents; s++) {
		if (!w->students[s].listed)
			continue;
		pl[n].student = s;
		for (j = 0; j < ngoals; j++)
			pl[n].nmastered += cell_at(w, s, goals[j])->status ==
			    ST_MASTERED;
		n++;
	}
	writer_row(wr, header, sizeof(header) / sizeof(header[0]));
	k = n == 0 ? 0 : (n + size - 1) / size;
	cover = xcalloc(k * ngoals + 1, 1);
	qsort(pl, n, sizeof(*pl), compare_placed);
	if (k > 0)
		place_students(w, goals, ngoals, pl, n, k, cover);
	qsort(pl, n, sizeof(*pl), compare_by_group);
	m = xcalloc(n + 1, sizeof(*m));
	for (i = 0; i < n; i++)
		m[i].student = pl[i].student;
	for (i = start = 0; i < n; i = start) {
		while (start < n && pl[start].group == pl[i].group)
			start++;
		writer_int(wr, (long long)pl[i].group + 1);
		write_students(wr, w, m + i, start - i);
		write_goal_list(wr, w, goals, cover + pl[i].group * ngoals,
		    ngoals, 1);
		write_goal_list(wr, w, goals, cover + pl[i].group * ngoals,
		    ngoals, 0);
		writer_end(wr);
	}
	free(m);
	free(cover);
	free(pl);
	free(goals);
}
