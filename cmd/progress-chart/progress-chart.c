/* goalkit: see LICENSE. Draw learners' progress as text, SVG or HTML. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomic.h"
#include "reader.h"
#include "table.h"
#include "util.h"
#include "value.h"
#include "writer.h"
#include "chart.h"

enum format {
	FMT_DEFAULT,
	FMT_TEXT,
	FMT_SVG,
	FMT_HTML
};

enum mode {
	MODE_DEFAULT,		/* the class, or the student of -s */
	MODE_CLASS,
	MODE_MAP,
	MODE_CELERATION,
	MODE_SUMMARY,
	MODE_TRACKING
};

enum {
	OPT_ASCII = OPT_PROGRAM,
	OPT_CELERATION,
	OPT_CLASS,
	OPT_MAP,
	OPT_MAX_SCORE,
	OPT_PAGE,
	OPT_ROWS,
	OPT_SUMMARY,
	OPT_TRACKING
};

static struct table_opts opts;
static enum format format = FMT_DEFAULT;
static enum mode mode = MODE_DEFAULT;
static const char *goalmap_path;	/* -G */
static const char *roster_path;		/* -R */
static const char *suggestions_path;	/* -S */
static const char *output_path;		/* -o */
static const char *student;		/* -s, or the tracking sheet's */
static const char *goal;		/* -g */
static double threshold = 0.8;
static double max_score = 1;
static int ascii;
static int width = 80;
static int rows = 40;			/* students per heatmap page */
static long page;			/* --page, 0 when not given */

static const char short_options[] = "c:d:f:G:g:ho:R:S:s:t:Vw:";

static const struct option long_options[] = {
	{ "ascii",		no_argument,		NULL,	OPT_ASCII },
	{ "celeration",		no_argument,		NULL,	OPT_CELERATION },
	{ "class",		no_argument,		NULL,	OPT_CLASS },
	{ "format",		required_argument,	NULL,	'f' },
	{ "goal",		required_argument,	NULL,	'g' },
	{ "goals",		required_argument,	NULL,	'G' },
	{ "map",		no_argument,		NULL,	OPT_MAP },
	{ "max-score",		required_argument,	NULL,	OPT_MAX_SCORE },
	{ "output",		required_argument,	NULL,	'o' },
	{ "page",		required_argument,	NULL,	OPT_PAGE },
	{ "roster",		required_argument,	NULL,	'R' },
	{ "rows",		required_argument,	NULL,	OPT_ROWS },
	{ "student",		required_argument,	NULL,	's' },
	{ "suggestions",	required_argument,	NULL,	'S' },
	{ "summary",		no_argument,		NULL,	OPT_SUMMARY },
	{ "threshold",		required_argument,	NULL,	't' },
	{ "tracking-sheet",	required_argument,	NULL,	OPT_TRACKING },
	{ "width",		required_argument,	NULL,	'w' },
	TABLE_LONG_OPTIONS,
	{ NULL,			0,			NULL,	0 }
};

static void usage(int status) __attribute__((noreturn));

static enum format
parse_format(const char *arg)
{
	if (strcmp(arg, "text") == 0)
		return FMT_TEXT;
	if (strcmp(arg, "svg") == 0)
		return FMT_SVG;
	if (strcmp(arg, "html") == 0)
		return FMT_HTML;
	die(EXIT_TROUBLE, "-f: invalid format '%s' (expected text, svg or "
	    "html)", arg);
}

/* Set the view once: two views in one run are a usage error. */
static void
set_mode(enum mode m, const char *option)
{
	static const char *first;

	if (mode != MODE_DEFAULT && mode != m)
		die(EXIT_TROUBLE, "%s and %s exclude each other", first,
		    option);
	mode = m;
	first = option;
}

/* Check option combinations and settle the output format. */
static void
check_options(void)
{
	if ((mode == MODE_MAP || mode == MODE_CELERATION) && student == NULL)
		die(EXIT_TROUBLE, "%s needs -s student", mode == MODE_MAP ?
		    "--map" : "--celeration");
	if (mode == MODE_MAP && goalmap_path == NULL)
		die(EXIT_TROUBLE, "--map needs the goal map (-G goals.csv)");
	if (mode == MODE_TRACKING && goalmap_path == NULL)
		die(EXIT_TROUBLE, "--tracking-sheet needs the goal map "
		    "(-G goals.csv)");
	if ((mode == MODE_CLASS || mode == MODE_SUMMARY) && student != NULL)
		die(EXIT_TROUBLE, "%s and -s exclude each other",
		    mode == MODE_CLASS ? "--class" : "--summary");
	if (mode == MODE_MAP || mode == MODE_CELERATION) {
		if (format != FMT_DEFAULT && format != FMT_SVG)
			die(EXIT_TROUBLE, "%s draws SVG only (drop -f or use "
			    "-f svg)", mode == MODE_MAP ? "--map" :
			    "--celeration");
		format = FMT_SVG;
	}
	if (mode == MODE_SUMMARY && format != FMT_DEFAULT)
		die(EXIT_TROUBLE, "--summary writes CSV (drop -f)");
	if (mode == MODE_TRACKING && format == FMT_SVG)
		die(EXIT_TROUBLE, "--tracking-sheet writes text or HTML "
		    "(-f text or -f html)");
	if (format == FMT_DEFAULT)
		format = FMT_TEXT;
}

/* Read every input into c; the operands are mastery tables or evidence logs. */
static void
load_inputs(struct chart *c, int argc, char *argv[])
{
	int i;

	if (goalmap_path != NULL)
		chart_load_goalmap(c, goalmap_path);
	if (roster_path != NULL)
		chart_load_roster(c, roster_path);
	if (argc == 0)
		chart_load_table(c, "-", max_score);
	for (i = 0; i < argc; i++)
		chart_load_table(c, argv[i], max_score);
	if (suggestions_path != NULL)
		chart_load_suggestions(c, suggestions_path);
}

/*
 * The student of -s or --tracking-sheet.  With a roster it must be on
 * it; without one, a student the inputs do not mention gets an empty
 * chart and a warning.
 */
static size_t
find_student(struct chart *c, const char *id, const char *option)
{
	size_t s;
	int added;

	if (strmap_get(&c->students, id, strlen(id), &s))
		return s;
	if (c->roster)
		die(EXIT_TROUBLE, "%s: unknown student '%s' (not in the "
		    "roster)", option, id);
	fprintf(stderr, "%s: warning: %s: no data for student '%s'\n",
	    prog_name(), option, id);
	return chart_add_student(c, id, &added);
}

static void
check_goal(const struct chart *c)
{
	size_t g;

	if (goal != NULL && !strmap_get(&c->goals, goal, strlen(goal), &g))
		die(EXIT_TROUBLE, "-g: unknown goal '%s'", goal);
}

/*
 * The date the report was made: SOURCE_DATE_EPOCH when set (for
 * reproducible output), else today.
 */
static void
report_date(char *buf, size_t size)
{
	struct gktime t;
	const char *env;
	char *end;
	long long secs;

	gktime_now(&t);
	if ((env = getenv("SOURCE_DATE_EPOCH")) != NULL && *env != '\0') {
		errno = 0;
		secs = strtoll(env, &end, 10);
		if (errno != 0 || *end != '\0' || secs < 0)
			die(EXIT_TROUBLE, "SOURCE_DATE_EPOCH: invalid time "
			    "'%s' (expected seconds since 1970)", env);
		t.secs = secs;
		t.offset_min = 0;
	}
	t.has_clock = 0;
	gktime_format(&t, buf, size);
}

/* Draw the chosen view of c onto v->out. */
static void
draw(const struct chart *c, struct view *v, size_t s)
{
	struct svg svg = { v->out, 0, 0 };

	switch (mode) {
	case MODE_SUMMARY:
		write_summary(c, v->out, writer_delim(&opts, ','), opts.excel);
		return;
	case MODE_TRACKING:
		if (format == FMT_HTML)
			html_tracking_sheet(c, v, s);
		else
			text_tracking_sheet(c, v, s);
		return;
	case MODE_MAP:
		svg_map(&svg, c, s);
		return;
	case MODE_CELERATION:
		svg_celeration(&svg, c, s, v->goal);
		return;
	default:
		break;
	}
	if (format == FMT_HTML && s != NOINDEX)
		html_student(c, v, s);
	else if (format == FMT_HTML)
		html_report(c, v);
	else if (format == FMT_SVG && s != NOINDEX)
		svg_student(&svg, c, s, v->goal);
	else if (format == FMT_SVG)
		svg_class_page(&svg, c, v);
	else if (s != NOINDEX)
		text_student(c, v, s);
	else
		text_class(c, v);
}

/* Draw into output_path, replaced atomically, or onto standard output. */
static int
draw_output(const struct chart *c, struct view *v, size_t s)
{
	struct atomic_file af;

	if (output_path == NULL) {
		v->out = stdout;
		draw(c, v, s);
		return close_stdout();
	}
	if (atomic_open(&af, output_path) < 0)
		die(EXIT_TROUBLE, "%s: %s", output_path, strerror(errno));
	v->out = af.fp;
	draw(c, v, s);
	if (atomic_commit(&af) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog_name(), output_path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Print the synopsis, to stdout for -h and to stderr after a bad option. */
static void
usage(int status)
{
	fprintf(status == EXIT_OK ? stdout : stderr,
	    "usage: %s [-hV] [--ascii] "
	    "[--celeration | --class | --map | --summary]\n"
	    "\t[-f text | svg | html] [-G goals] [-g goal] [--max-score n] "
	    "[-o file]\n"
	    "\t[--page n] [-R roster] [--rows n] [-S suggestions] "
	    "[-s student]\n"
	    "\t[-t threshold] [--tracking-sheet student] [-w width]\n"
	    "\t%s\n"
	    "\t[file ...]\n", prog_name(), TABLE_USAGE);
	if (status == EXIT_OK && close_stdout() < 0)
		status = EXIT_TROUBLE;
	exit_usage(status);
}

/* Handle one program option; shared table options are handled before. */
static void
program_option(int ch)
{
	switch (ch) {
	case 'f':
		format = parse_format(optarg);
		break;
	case 'G':
		goalmap_path = optarg;
		break;
	case 'g':
		goal = optarg;
		break;
	case 'h':
		usage(EXIT_OK);
	case 'o':
		output_path = optarg;
		break;
	case 'R':
		roster_path = optarg;
		break;
	case 'S':
		suggestions_path = optarg;
		break;
	case 's':
		student = optarg;
		break;
	case 't':
		threshold = parse_real_option("-t", optarg, 0, 1);
		break;
	case 'V':
		print_version();
		exit(close_stdout() < 0 ? EXIT_TROUBLE : EXIT_OK);
	case 'w':
		width = (int)parse_int_option("-w", optarg, 40, 10000);
		break;
	case OPT_ASCII:
		ascii = 1;
		break;
	case OPT_CELERATION:
		set_mode(MODE_CELERATION, "--celeration");
		break;
	case OPT_CLASS:
		set_mode(MODE_CLASS, "--class");
		break;
	case OPT_MAP:
		set_mode(MODE_MAP, "--map");
		break;
	case OPT_MAX_SCORE:
		max_score = parse_real_option("--max-score", optarg,
		    1e-9, 1e15);
		break;
	case OPT_PAGE:
		page = (long)parse_int_option("--page", optarg, 1,
		    1000000);
		break;
	case OPT_ROWS:
		rows = (int)parse_int_option("--rows", optarg, 1,
		    10000);
		break;
	case OPT_SUMMARY:
		set_mode(MODE_SUMMARY, "--summary");
		break;
	case OPT_TRACKING:
		set_mode(MODE_TRACKING, "--tracking-sheet");
		student = optarg;
		break;
	default:
		usage(EXIT_TROUBLE);
	}
}

int
main(int argc, char *argv[])
{
	struct chart c;
	struct view v;
	char date[32];
	size_t s = NOINDEX;
	int ch, status;

	prog_init("progress-chart");
	table_opts_init(&opts);

	while ((ch = getopt_long(argc, argv, short_options, long_options,
	    NULL)) != -1)
		if (!table_option(&opts, ch, optarg))
			program_option(ch);
	argc -= optind;
	argv += optind;
	check_options();

	chart_init(&c, &opts, threshold);
	load_inputs(&c, argc, argv);
	if (student != NULL)
		s = find_student(&c, student, mode == MODE_TRACKING ?
		    "--tracking-sheet" : "-s");
	chart_finish(&c);
	check_goal(&c);

	report_date(date, sizeof(date));
	memset(&v, 0, sizeof(v));
	v.ascii = ascii;
	v.width = width;
	v.goal = goal;
	v.date = date;
	v.page_rows = rows;
	v.page = page;
	if (draw_output(&c, &v, s) < 0)
		status = EXIT_TROUBLE;
	else if (diag_errors() > 0)
		status = EXIT_DATA;
	else
		status = EXIT_OK;

	chart_free(&c);
	table_opts_free(&opts);
	return status;
}
