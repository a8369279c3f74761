/* goalkit: see LICENSE. goal-analyze: check goal statements, decompose goals, relate them to standards and activities. */

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "goalmap.h"
#include "table.h"
#include "util.h"

#include "analyze.h"

#ifndef GOALKIT_DATADIR
#define GOALKIT_DATADIR "/usr/local/share/goalkit"
#endif

enum mode {
	MODE_STATEMENTS,
	MODE_TREE,
	MODE_EXPLAIN,
	MODE_PATH,
	MODE_COVERAGE,
	MODE_ALIGN
};

enum {
	OPT_COVERAGE = OPT_PROGRAM,
	OPT_MAX_WORDS,
	OPT_STUDENT,
	OPT_VERBS
};

static const struct option long_options[] = {
	{ "align",	required_argument,	NULL,	'a' },
	{ "coverage",	no_argument,		NULL,	OPT_COVERAGE },
	{ "explain",	optional_argument,	NULL,	'e' },
	{ "mastered",	required_argument,	NULL,	'm' },
	{ "max-words",	required_argument,	NULL,	OPT_MAX_WORDS },
	{ "path",	required_argument,	NULL,	'p' },
	{ "standards",	required_argument,	NULL,	's' },
	{ "student",	required_argument,	NULL,	OPT_STUDENT },
	{ "tree",	required_argument,	NULL,	't' },
	{ "verbs",	required_argument,	NULL,	OPT_VERBS },
	TABLE_LONG_OPTIONS,
	{ NULL,		0,			NULL,	0 }
};

static enum mode mode = MODE_STATEMENTS;
static const char *mode_option;		/* the option that chose mode */
static const char *goal_arg;		/* goal of --tree or --explain */
static const char **path_args;		/* goals of --path */
static size_t npath_args;
static const char *align_file;
static const char *mastered_file;
static const char *standards_file;
static const char *student_id;
static const char *verbs_file;

static void usage(int) __attribute__((noreturn));

/* Switch to mode m, chosen by option opt; two different modes are an error. */
static void
set_mode(enum mode m, const char *opt)
{
	if (mode != MODE_STATEMENTS && mode != m)
		die(EXIT_TROUBLE, "%s cannot be used with %s", opt, mode_option);
	mode = m;
	mode_option = opt;
}

/*
 * The verb list to read: --verbs, else $GOALKIT_VERBS, else the copy in
 * the source tree when the program runs from build/TYPE/bin, else the
 * installed one.  The caller frees the result.
 */
static char *
find_verbs(void)
{
	const char *env;
	char exe[PATH_MAX], *slash, *path;
	ssize_t n;

	if (verbs_file != NULL)
		return xstrdup(verbs_file);
	if ((env = getenv("GOALKIT_VERBS")) != NULL && env[0] != '\0')
		return xstrdup(env);
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			path = xmalloc(strlen(exe) + 64);
			sprintf(path, "%s/../../../cmd/goal-analyze/verbs.tsv",
			    exe);
			if (access(path, R_OK) == 0)
				return path;
			free(path);
		}
	}
	return xstrdup(GOALKIT_DATADIR "/verbs.tsv");
}

/* The index of goal id named by option opt; exit when the map lacks it. */
static size_t
find_goal(const struct goalmap *gm, const char *id, const char *opt)
{
	const char *near;
	size_t g;

	if ((g = goalmap_find(gm, id, strlen(id))) != NOGOAL)
		return g;
	if ((near = goalmap_closest(gm, id)) != NULL)
		die(EXIT_TROUBLE, "%s: unknown goal '%s' (did you mean '%s'?)",
		    opt, id, near);
	die(EXIT_TROUBLE, "%s: unknown goal '%s'", opt, id);
}

/* Reject options that the chosen mode does not use. */
static void
check_combinations(int explain, int argc, char *argv[])
{
	if (explain && (mode == MODE_PATH || mode == MODE_COVERAGE ||
	    mode == MODE_ALIGN))
		die(EXIT_TROUBLE, "--explain cannot be used with %s",
		    mode_option);
	if (mastered_file != NULL && mode != MODE_PATH)
		die(EXIT_TROUBLE, "-m (--mastered) needs -p (--path)");
	if (student_id != NULL && mastered_file == NULL)
		die(EXIT_TROUBLE, "--student needs --mastered");
	if (standards_file != NULL && mode != MODE_STATEMENTS &&
	    mode != MODE_COVERAGE)
		die(EXIT_TROUBLE, "--standards cannot be used with %s",
		    mode_option);
	if (argc > 1) {
		fprintf(stderr, "%s: extra operand '%s'\n", prog_name(),
		    argv[1]);
		usage(EXIT_TROUBLE);
	}
}

/* Run the chosen mode; return its exit status. */
static int
run_mode(struct context *c)
{
	size_t *targets, k;
	int status;

	switch (mode) {
	case MODE_TREE:
		if (c->explain)
			return write_explanation(c, find_goal(&c->gm, goal_arg,
			    "--tree"));
		return write_tree(c, find_goal(&c->gm, goal_arg, "--tree"));
	case MODE_EXPLAIN:
		return write_explanation(c, find_goal(&c->gm, goal_arg,
		    "--explain"));
	case MODE_PATH:
		targets = xreallocarray(NULL, npath_args, sizeof(*targets));
		for (k = 0; k < npath_args; k++)
			targets[k] = find_goal(&c->gm, path_args[k], "--path");
		status = write_path(c, targets, npath_args, mastered_file,
		    student_id);
		free(targets);
		return status;
	case MODE_COVERAGE:
		return write_coverage(c);
	case MODE_ALIGN:
		return write_alignment(c, align_file);
	default:
		return write_findings(c);
	}
}

static void
free_context(struct context *c)
{
	size_t i;

	for (i = 0; i < c->gm.n; i++)
		analysis_free(&c->an[i]);
	free(c->an);
	if (c->std != NULL)
		standards_free(c->std);
	verbs_free(&c->verbs);
	goalmap_free(&c->gm);
}

/* Read the options into the static settings, c and topts. */
static void
parse_options(int argc, char *argv[], struct context *c,
    struct table_opts *topts)
{
	int ch;

	while ((ch = getopt_long(argc, argv, "a:c:d:ehm:p:s:t:V",
	    long_options, NULL)) != -1) {
		switch (ch) {
		case 'a':
			align_file = optarg;
			set_mode(MODE_ALIGN, "--align");
			break;
		case 'e':
			c->explain = 1;
			if (optarg != NULL) {
				goal_arg = optarg;
				set_mode(MODE_EXPLAIN, "--explain");
			}
			break;
		case 'h':
			usage(EXIT_OK);
			break;
		case 'm':
			mastered_file = optarg;
			break;
		case 'p':
			path_args = xreallocarray(path_args, npath_args + 1,
			    sizeof(*path_args));
			path_args[npath_args++] = optarg;
			set_mode(MODE_PATH, "--path");
			break;
		case 's':
			standards_file = optarg;
			break;
		case 't':
			goal_arg = optarg;
			set_mode(MODE_TREE, "--tree");
			break;
		case 'V':
			print_version();
			exit(close_stdout() == 0 ? EXIT_OK : EXIT_TROUBLE);
		case OPT_COVERAGE:
			set_mode(MODE_COVERAGE, "--coverage");
			break;
		case OPT_MAX_WORDS:
			c->max_words = parse_int_option("--max-words", optarg, 1,
			    1000000);
			break;
		case OPT_STUDENT:
			student_id = optarg;
			break;
		case OPT_VERBS:
			verbs_file = optarg;
			break;
		default:
			if (!table_option(topts, ch, optarg))
				usage(EXIT_TROUBLE);
		}
	}
}

/* Print the usage to standard output for -h, else to standard error; exit. */
static void
usage(int status)
{
	fprintf(status == EXIT_OK ? stdout : stderr,
	    "usage: %s [-ehV] [-a activities | --coverage | -p goal | -t goal]\n"
	    "\t[-m mastery] [-s standards] [--explain=goal] [--max-words n]\n"
	    "\t[--student id] [--verbs file] " TABLE_USAGE "\n"
	    "\t[goals.csv]\n", prog_name());
	if (status == EXIT_OK && close_stdout() != 0)
		status = EXIT_TROUBLE;
	exit_usage(status);
}

int
main(int argc, char *argv[])
{
	struct table_opts topts;
	struct standards std;
	struct context c;
	char *verbs_path;
	int status;

	prog_init("goal-analyze");
	memset(&c, 0, sizeof(c));
	memset(&topts, 0, sizeof(topts));
	table_opts_init(&topts);
	c.max_words = 30;

	parse_options(argc, argv, &c, &topts);
	argc -= optind;
	argv += optind;

	/* "--explain GOAL goals.csv": a bare --explain before two operands. */
	if (c.explain && mode == MODE_STATEMENTS && argc == 2) {
		goal_arg = argv[0];
		set_mode(MODE_EXPLAIN, "--explain");
		argc--;
		argv++;
	}
	check_combinations(c.explain && mode != MODE_EXPLAIN, argc, argv);

	verbs_path = find_verbs();
	verbs_load(&c.verbs, verbs_path);
	free(verbs_path);
	goalmap_load_or_exit(&c.gm, argc > 0 ? argv[0] : "-", &topts);
	if (standards_file != NULL) {
		standards_load(&std, standards_file, &topts);
		c.std = &std;
	}
	c.topts = &topts;
	analyse_map(&c);

	status = run_mode(&c);
	if (close_stdout() != 0)
		status = EXIT_TROUBLE;
	free_context(&c);
	free(path_args);
	table_opts_free(&topts);
	return status;
}
