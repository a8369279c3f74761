/* goalkit: see LICENSE. */

/*
 * suggest-activity reads a mastery table and writes, for each student,
 * the goals to work on next and the activities that fit them, each with
 * a reason.  With --groups it writes small groups of students instead.
 */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "util.h"
#include "writer.h"

#include "suggest.h"

enum {
	OPT_ALTERNATIVES = OPT_PROGRAM,
	OPT_EVIDENCE_COLUMN,
	OPT_GROUPS,
	OPT_MAX_SCORE,
	OPT_PROJECT,
	OPT_REVISIT_DAYS,
	OPT_REVISIT_MARGIN,
	OPT_STUDENT
};

static const char short_options[] = "A:E:G:P:R:Vc:d:hn:";

static const struct option long_options[] = {
	{ "activities",		required_argument,	NULL,	'A' },
	{ "alternatives",	required_argument,	NULL,	OPT_ALTERNATIVES },
	{ "count",		required_argument,	NULL,	'n' },
	{ "evidence",		required_argument,	NULL,	'E' },
	{ "evidence-column",	required_argument,	NULL,	OPT_EVIDENCE_COLUMN },
	{ "goals",		required_argument,	NULL,	'G' },
	{ "groups",		required_argument,	NULL,	OPT_GROUPS },
	{ "max-score",		required_argument,	NULL,	OPT_MAX_SCORE },
	{ "preferences",	required_argument,	NULL,	'P' },
	{ "project",		required_argument,	NULL,	OPT_PROJECT },
	{ "revisit-days",	required_argument,	NULL,	OPT_REVISIT_DAYS },
	{ "revisit-margin",	required_argument,	NULL,	OPT_REVISIT_MARGIN },
	{ "roster",		required_argument,	NULL,	'R' },
	{ "student",		required_argument,	NULL,	OPT_STUDENT },
	TABLE_LONG_OPTIONS,
	{ NULL,			0,			NULL,	0 }
};

static const char *activities_file;
static const char *evidence_file;
static const char *goals_file;
static const char *preferences_file;
static const char *roster_file;
static const char *project_goals;
static size_t group_size;		/* 0 without --groups */
static struct colmap *evidence_map;	/* --evidence-column mappings */
static size_t nevidence_map;

static void usage(FILE *, int) __attribute__((noreturn));

static int
is_stdin(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* Reject option combinations that cannot work, each with its own message. */
static void
check_combinations(const char *table, const struct settings *set)
{
	int nstdin;

	if (goals_file == NULL)
		die(EXIT_TROUBLE, "missing option -G (the goal map)");
	if (activities_file == NULL)
		die(EXIT_TROUBLE, "missing option -A (the activity catalog)");
	if (project_goals != NULL && group_size == 0)
		die(EXIT_TROUBLE, "--project needs --groups SIZE");
	if (set->student != NULL && group_size > 0)
		die(EXIT_TROUBLE, "--student cannot be used with --groups");
	nstdin = is_stdin(table) + is_stdin(goals_file) +
	    is_stdin(activities_file) + (evidence_file != NULL &&
	    is_stdin(evidence_file)) + (roster_file != NULL &&
	    is_stdin(roster_file)) + (preferences_file != NULL &&
	    is_stdin(preferences_file));
	if (nstdin > 1)
		die(EXIT_TROUBLE, "only one input can be standard input");
}

/* Keep one --evidence-column ROLE=NAME mapping; arg is split in place. */
static void
add_evidence_mapping(char *arg)
{
	char *eq;

	eq = strchr(arg, '=');
	if (eq == NULL || eq == arg || eq[1] == '\0')
		die(EXIT_TROUBLE, "--evidence-column: invalid mapping '%s' "
		    "(expected role=name, e.g. student_id=user_id)", arg);
	*eq = '\0';
	evidence_map = xreallocarray(evidence_map, nevidence_map + 1,
	    sizeof(*evidence_map));
	evidence_map[nevidence_map].role = arg;
	evidence_map[nevidence_map++].name = eq + 1;
}

/*
 * Set up how the evidence log is read: as every table, with the
 * --evidence-column mappings after the -c ones so that they win.
 */
static void
init_evidence_opts(struct table_opts *ev, const struct table_opts *o)
{
	*ev = *o;
	ev->nulls = xcalloc(o->nnulls + 1, sizeof(*ev->nulls));
	if (o->nnulls > 0)
		memcpy(ev->nulls, o->nulls, o->nnulls * sizeof(*ev->nulls));
	ev->nmap = o->nmap + nevidence_map;
	ev->map = xcalloc(ev->nmap + 1, sizeof(*ev->map));
	if (o->nmap > 0)
		memcpy(ev->map, o->map, o->nmap * sizeof(*ev->map));
	if (nevidence_map > 0)
		memcpy(ev->map + o->nmap, evidence_map,
		    nevidence_map * sizeof(*ev->map));
}

/* Exit with status 1, releasing w, when the data read so far had errors. */
static void
stop_on_errors(struct world *w, struct table_opts *o)
{
	if (diag_errors() == 0)
		return;
	world_free(w);
	table_opts_free(o);
	free(evidence_map);
	exit(EXIT_DATA);
}

/* Read every input; return the delimiter of the mastery table. */
static int
load_inputs(struct world *w, struct table_opts *o, const char *table,
    const struct settings *set)
{
	struct table_opts evidence_opts;
	int delim;

	load_goals(w, goals_file);
	load_catalog(w, activities_file);
	stop_on_errors(w, o);
	delim = load_mastery(w, table);
	if (roster_file != NULL)
		load_roster(w, roster_file);
	if (preferences_file != NULL)
		load_preferences(w, preferences_file);
	stop_on_errors(w, o);
	compute_norms(w);
	if (evidence_file != NULL) {
		init_evidence_opts(&evidence_opts, o);
		load_evidence(w, evidence_file, &evidence_opts, set->max_score);
		table_opts_free(&evidence_opts);
	}
	return delim;
}

/* Exit with status 1 unless --student names a student who gets suggestions. */
static void
check_student(struct world *w, struct table_opts *o, const char *id)
{
	size_t s;

	if (id == NULL)
		return;
	if (strmap_get(&w->student_ids, id, strlen(id), &s) &&
	    w->students[s].listed)
		return;
	fprintf(stderr, "%s: --student: no student '%s' in the mastery table "
	    "or roster\n", prog_name(), id);
	world_free(w);
	table_opts_free(o);
	free(evidence_map);
	exit(EXIT_DATA);
}

/* Read the options into opts, set and the file-scope option values. */
static void
parse_options(int argc, char *argv[], struct table_opts *opts,
    struct settings *set)
{
	int ch;

	while ((ch = getopt_long(argc, argv, short_options, long_options,
	    NULL)) != -1) {
		if (table_option(opts, ch, optarg))
			continue;
		switch (ch) {
		case 'A':
			activities_file = optarg;
			break;
		case 'E':
			evidence_file = optarg;
			break;
		case 'G':
			goals_file = optarg;
			break;
		case 'P':
			preferences_file = optarg;
			break;
		case 'R':
			roster_file = optarg;
			break;
		case 'V':
			print_version();
			exit(EXIT_OK);
		case 'h':
			usage(stdout, EXIT_OK);
		case 'n':
			set->count = parse_int_option("-n", optarg, 1, 1000);
			break;
		case OPT_ALTERNATIVES:
			set->alternatives = parse_int_option("--alternatives",
			    optarg, 1, 100);
			break;
		case OPT_EVIDENCE_COLUMN:
			add_evidence_mapping(optarg);
			break;
		case OPT_GROUPS:
			group_size = parse_int_option("--groups", optarg, 1,
			    100000);
			break;
		case OPT_MAX_SCORE:
			set->max_score = parse_real_option("--max-score", optarg,
			    1e-9, 1e15);
			break;
		case OPT_PROJECT:
			project_goals = optarg;
			break;
		case OPT_REVISIT_DAYS:
			set->revisit_days = parse_real_option("--revisit-days",
			    optarg, 0, 100000);
			break;
		case OPT_REVISIT_MARGIN:
			set->revisit_margin = parse_real_option(
			    "--revisit-margin", optarg, 0, 1000);
			break;
		case OPT_STUDENT:
			set->student = optarg;
			break;
		default:
			usage(stderr, EXIT_TROUBLE);
		}
	}
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-hV] -A activities -G goals [-E evidence] "
	    "[-n count]\n"
	    "\t[-P preferences] [-R roster] [--alternatives count]\n"
	    "\t[--evidence-column role=name]\n"
	    "\t[--groups size [--project goals]] [--max-score max]\n"
	    "\t[--revisit-days days] [--revisit-margin margin] "
	    "[--student id]\n"
	    "\t" TABLE_USAGE "\n"
	    "\t[file]\n", prog_name());
	exit_usage(status);
}

int
main(int argc, char *argv[])
{
	struct table_opts opts;
	struct settings set = { 3, 3, 0.05, 60, 1, NULL };
	struct world w;
	struct writer wr;
	const char *table;
	int delim;

	prog_init("suggest-activity");
	table_opts_init(&opts);

	parse_options(argc, argv, &opts, &set);
	argc -= optind;
	argv += optind;
	if (argc > 1)
		die(EXIT_TROUBLE, "only one mastery table can be given");
	table = argc == 1 ? argv[0] : "-";
	check_combinations(table, &set);

	world_init(&w, &opts);
	delim = load_inputs(&w, &opts, table, &set);
	check_student(&w, &opts, set.student);

	writer_init(&wr, stdout, writer_delim(&opts, delim), opts.excel);
	if (project_goals != NULL)
		write_project_groups(&w, project_goals, group_size, &wr);
	else if (group_size > 0)
		write_groups(&w, &set, group_size, &wr);
	else
		write_suggestions(&w, &set, &wr);

	world_free(&w);
	table_opts_free(&opts);
	free(evidence_map);
	if (close_stdout() != 0)
		return EXIT_TROUBLE;
	/* Bad evidence rows were left out and reported: the data had problems. */
	return diag_errors() > 0 ? EXIT_DATA : EXIT_OK;
}
