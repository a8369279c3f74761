/* goalkit: see LICENSE. The statement analysis of a whole goal map. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "writer.h"

#include "analyze.h"

static const struct {
	unsigned bit;
	const char *code;
} finding_codes[] = {
	{ F_NO_VERB,		"no-verb" },
	{ F_VAGUE,		"vague-verb" },
	{ F_TEACHER,		"about-teacher" },
	{ F_COMPOUND,		"compound" },
	{ F_TOO_LONG,		"too-long" },
	{ F_NO_CRITERIA,	"no-criteria" },
	{ F_SAME_STANDARD,	"same-as-standard" },
	{ F_SAME_GOAL,		"same-as-goal" },
};

#define NCODES	(sizeof(finding_codes) / sizeof(finding_codes[0]))

/* Mark goals whose normalised statements are equal, each naming another. */
static void
find_equal_goals(struct context *c)
{
	struct strmap seen;
	struct analysis *a;
	size_t i, first;

	strmap_init(&seen);
	for (i = 0; i < c->gm.n; i++) {
		a = &c->an[i];
		if (a->norm[0] == '\0' ||
		    strmap_put(&seen, a->norm, strlen(a->norm), i, &first))
			continue;
		a->findings |= F_SAME_GOAL;
		a->same_goal = first;
		if (c->an[first].same_goal == NOGOAL) {
			c->an[first].findings |= F_SAME_GOAL;
			c->an[first].same_goal = i;
		}
	}
	strmap_free(&seen);
}

/* Mark goals whose normalised statement equals a standard's description. */
static void
find_standard_copies(struct context *c)
{
	struct strmap descs;
	struct analysis sa;
	size_t i, j;

	strmap_init(&descs);
	for (j = 0; j < c->std->n; j++) {
		analyse_statement(&c->verbs, c->std->description[j],
		    c->max_words, &sa);
		if (sa.norm[0] != '\0')
			strmap_put(&descs, sa.norm, strlen(sa.norm), j, NULL);
		analysis_free(&sa);
	}
	for (i = 0; i < c->gm.n; i++)
		if (strmap_get(&descs, c->an[i].norm, strlen(c->an[i].norm), &j)) {
			c->an[i].findings |= F_SAME_STANDARD;
			c->an[i].same_std = j;
		}
	strmap_free(&descs);
}

void
analyse_map(struct context *c)
{
	struct goal *g;
	size_t i;

	c->an = xcalloc(c->gm.n, sizeof(*c->an));
	for (i = 0; i < c->gm.n; i++) {
		g = &c->gm.goals[i];
		analyse_statement(&c->verbs, g->statement, c->max_words,
		    &c->an[i]);
		if (g->criteria[0] == '\0')
			c->an[i].findings |= F_NO_CRITERIA;
	}
	find_equal_goals(c);
	if (c->std != NULL)
		find_standard_copies(c);
}

/* The finding codes of a, separated by ';'; the caller frees the result. */
static char *
finding_list(unsigned findings)
{
	char *s = xmalloc(256);
	size_t i;

	s[0] = '\0';
	for (i = 0; i < NCODES; i++) {
		if (!(findings & finding_codes[i].bit))
			continue;
		if (s[0] != '\0')
			strcat(s, ";");
		strcat(s, finding_codes[i].code);
	}
	return s;
}

/* Write the sentence for one finding of goal i to fp. */
static void
explain_finding(FILE *fp, const struct context *c, size_t i, unsigned bit)
{
	const struct analysis *a = &c->an[i];
	size_t k;

	switch (bit) {
	case F_NO_VERB:
		fputs("No performance verb starts the statement. Begin it with "
		    "a verb that names what the learner will do, such as "
		    "calculate or explain.", fp);
		break;
	case F_VAGUE:
		fprintf(fp, "'%s' names no observable performance. Say what "
		    "learners will do to show it.", a->vague->term);
		break;
	case F_TEACHER:
		fputs("The statement describes what the teacher does, not "
		    "what the learner will be able to do.", fp);
		break;
	case F_COMPOUND:
		fprintf(fp, "It joins %zu performances (", a->nparts);
		for (k = 0; k < a->nparts && k < MAX_PARTS; k++)
			fprintf(fp, "%s%s", k > 0 ? ", " : "", a->parts[k]->term);
		fputs(a->nparts > MAX_PARTS ? ", ...)" : ")", fp);
		fputs(". Consider one goal for each.", fp);
		break;
	case F_TOO_LONG:
		fprintf(fp, "It has %zu words, more than %zu. Shorten it so it "
		    "reads at a glance.", a->words, c->max_words);
		break;
	case F_NO_CRITERIA:
		fputs("It has no success criteria. Add what learners will "
		    "show when they have reached it.", fp);
		break;
	case F_SAME_STANDARD:
		fprintf(fp, "It repeats standard %s. Name the specific "
		    "performance this goal asks for.", c->std->id[a->same_std]);
		break;
	case F_SAME_GOAL:
		fprintf(fp, "It has the same statement as goal %s.",
		    c->gm.goals[a->same_goal].id);
		break;
	}
}

/* The sentences for all findings of goal i; the caller frees the result. */
static char *
finding_messages(const struct context *c, size_t i)
{
	char *s = NULL;
	size_t len, k;
	FILE *fp;
	int first = 1;

	if ((fp = open_memstream(&s, &len)) == NULL)
		die(EXIT_TROUBLE, "%s", "Cannot allocate memory");
	for (k = 0; k < NCODES; k++) {
		if (!(c->an[i].findings & finding_codes[k].bit))
			continue;
		if (!first)
			fputc(' ', fp);
		explain_finding(fp, c, i, finding_codes[k].bit);
		first = 0;
	}
	fclose(fp);
	return s;
}

int
write_findings(struct context *c)
{
	static const char *const head[] = {
		"goal_id", "verb", "level", "measurable", "findings", "message"
	};
	struct writer w;
	const struct analysis *a;
	char *s;
	size_t i;

	writer_init(&w, stdout, writer_delim(c->topts, c->gm.delim),
	    c->topts->excel);
	writer_row(&w, head, c->explain ? 6 : 5);
	for (i = 0; i < c->gm.n; i++) {
		a = &c->an[i];
		writer_str(&w, c->gm.goals[i].id);
		writer_str(&w, a->verb != NULL ? a->verb->term : "");
		writer_str(&w, level_name(a->level));
		writer_str(&w, a->findings & (F_NO_VERB | F_VAGUE | F_TEACHER) ?
		    "no" : "yes");
		s = finding_list(a->findings);
		writer_str(&w, s);
		free(s);
		if (c->explain) {
			s = finding_messages(c, i);
			writer_str(&w, s);
			free(s);
		}
		writer_end(&w);
	}
	return EXIT_OK;
}
