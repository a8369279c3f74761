/* goalkit: see LICENSE. Each student's mastery of each goal, from evidence logs. */

#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goalmap.h"
#include "reader.h"
#include "table.h"
#include "util.h"

#include "mastery-calc.h"

#define DEFAULT_THRESHOLD	0.8
#define DEFAULT_BKT_THRESHOLD	0.95

enum {
	OPT_ASSESSORS = OPT_PROGRAM,
	OPT_BY_GOAL,
	OPT_CALIBRATION,
	OPT_CORRECT_AT,
	OPT_EXPLAIN,
	OPT_FIT,
	OPT_INTERIM_FACTOR,
	OPT_MAX_GUESS,
	OPT_MAX_SCORE,
	OPT_MAX_SLIP,
	OPT_MIN_EVIDENCE,
	OPT_ORDER_BY,
	OPT_PARAMS,
	OPT_RATES,
	OPT_SCALE,
	OPT_STALL_WINDOW,
	OPT_WINDOW
};

static const struct option long_options[] = {
	TABLE_LONG_OPTIONS,
	{ "assessors",		required_argument,	NULL,	OPT_ASSESSORS },
	{ "by-goal",		no_argument,		NULL,	OPT_BY_GOAL },
	{ "calibration",	no_argument,		NULL,	OPT_CALIBRATION },
	{ "correct-at",		required_argument,	NULL,	OPT_CORRECT_AT },
	{ "explain",		no_argument,		NULL,	OPT_EXPLAIN },
	{ "fit",		required_argument,	NULL,	OPT_FIT },
	{ "goals",		required_argument,	NULL,	'G' },
	{ "interim-factor",	required_argument,	NULL,	OPT_INTERIM_FACTOR },
	{ "max-guess",		required_argument,	NULL,	OPT_MAX_GUESS },
	{ "max-score",		required_argument,	NULL,	OPT_MAX_SCORE },
	{ "max-slip",		required_argument,	NULL,	OPT_MAX_SLIP },
	{ "method",		required_argument,	NULL,	'm' },
	{ "min-evidence",	required_argument,	NULL,	OPT_MIN_EVIDENCE },
	{ "order-by",		required_argument,	NULL,	OPT_ORDER_BY },
	{ "params",		required_argument,	NULL,	OPT_PARAMS },
	{ "rates",		no_argument,		NULL,	OPT_RATES },
	{ "roster",		required_argument,	NULL,	'R' },
	{ "scale",		required_argument,	NULL,	OPT_SCALE },
	{ "stall-window",	required_argument,	NULL,	OPT_STALL_WINDOW },
	{ "threshold",		required_argument,	NULL,	't' },
	{ "window",		required_argument,	NULL,	OPT_WINDOW },
	{ NULL,			0,			NULL,	0 }
};

static void usage(int status) __attribute__((noreturn));

/* Set which assessors count toward mastery from a list such as "teacher,system". */
static void
parse_assessors(struct config *cfg, const char *arg)
{
	static const char *const names[AS_COUNT] = {
		"teacher", "self", "peer", "system"
	};
	const char *p = arg, *end;
	size_t len;
	int i;

	memset(cfg->counted, 0, sizeof(cfg->counted));
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < AS_COUNT; i++)
			if (strlen(names[i]) == len &&
			    strncmp(names[i], p, len) == 0)
				break;
		if (i == AS_COUNT)
			die(EXIT_TROUBLE, "--assessors: unknown assessor "
			    "'%.*s' (expected teacher, self, peer or system)",
			    (int)len, p);
		cfg->counted[i] = 1;
		if (end == NULL)
			break;
		p = end + 1;
	}
}

/* Options for the goal map and roster: goalkit's names, no -c mappings. */
static struct table_opts
side_table_opts(const struct config *cfg)
{
	struct table_opts o = cfg->topts;

	o.map = NULL;
	o.nmap = 0;
	o.delim = 0;
	return o;
}

/* Add the roster's students, so that students without evidence get rows. */
static void
read_roster(struct book *b, const char *path)
{
	struct table_opts o = side_table_opts(b->cfg);
	struct reader *r;
	struct record *rec;
	struct field id;
	size_t col;
	int bad = 0, n;

	if ((r = reader_open(path, &o)) == NULL)
		die(EXIT_TROUBLE, "%s: %s", display_name(path),
		    strerror(errno));
	col = reader_want(r, "student_id", 1, &bad);
	if (bad)
		exit(EXIT_DATA);
	while ((n = reader_next(r, &rec)) > 0) {
		id = field_trim(rec_field(rec, col));
		if (id.len > 0)
			strmap_intern(&b->students, id.p, id.len, NULL);
	}
	if (n < 0)
		exit(reader_report_error(r));
	reader_close(r);
}

/* Check option combinations and settle what depends on several options. */
static void
check_options(struct config *cfg, const char *threshold)
{
	double top = cfg->scale > 0 ? cfg->scale : 1;

	if (cfg->explain + cfg->calibration + cfg->rates > 1)
		die(EXIT_TROUBLE, "--explain, --calibration and --rates "
		    "cannot be combined");
	if ((cfg->fit_file != NULL || cfg->params_file != NULL) &&
	    cfg->method != M_BKT)
		die(EXIT_TROUBLE, "%s: needs -m bkt", cfg->fit_file != NULL ?
		    "--fit" : "--params");
	if (cfg->fit_file != NULL && cfg->params_file != NULL)
		die(EXIT_TROUBLE, "--fit and --params cannot be combined");
	if (cfg->max_guess + cfg->max_slip >= 1)
		die(EXIT_TROUBLE, "--max-guess and --max-slip: their sum "
		    "must be below 1");
	if (cfg->by_goal && !cfg->calibration)
		die(EXIT_TROUBLE, "--by-goal: needs --calibration");
	if (threshold != NULL)
		cfg->threshold = parse_real_option("-t", threshold, 0, top) /
		    top;
	else
		cfg->threshold = cfg->method == M_BKT ? DEFAULT_BKT_THRESHOLD :
		    DEFAULT_THRESHOLD;
}

static void
usage(int status)
{
	fprintf(status == EXIT_OK ? stdout : stderr,
	    "usage: mastery-calc [-G goals] [-R students] [-m method] "
	    "[-t threshold]\n"
	    "\t[--assessors list] [--min-evidence n] [--order-by time|recorded]"
	    "\n"
	    "\t[--scale n] [--stall-window k] [--max-score n] "
	    "[--correct-at p]\n"
	    "\t[--params file | --fit file] [--max-guess p] [--max-slip p]\n"
	    "\t[--explain | --calibration [--by-goal] [--window days] |\n"
	    "\t --rates [--interim-factor f]]\n"
	    "\t" TABLE_USAGE "\n"
	    "\t[file ...]\n");
	exit_usage(status);
}

/*
 * Set cfg from the command line, after the defaults.  Return the index of
 * the first operand; *threshold gets the -t argument, read later because
 * it depends on --scale and -m.
 */
static int
parse_options(int argc, char *argv[], struct config *cfg,
    const char **threshold)
{
	int ch;

	memset(cfg, 0, sizeof(*cfg));
	table_opts_init(&cfg->topts);
	parse_method(cfg, "decaying-average");
	cfg->max_score = 1;
	cfg->correct_at = 0.5;
	cfg->stall_window = 3;
	cfg->min_evidence = 1;
	cfg->counted[AS_TEACHER] = cfg->counted[AS_SYSTEM] = 1;
	cfg->window_days = 7;
	cfg->interim_factor = 1.5;
	cfg->max_guess = 0.3;
	cfg->max_slip = 0.3;

	while ((ch = getopt_long(argc, argv, "c:d:G:hm:R:t:V", long_options,
	    NULL)) != -1) {
		if (table_option(&cfg->topts, ch, optarg))
			continue;
		switch (ch) {
		case 'G':
			cfg->goals_file = optarg;
			break;
		case 'h':
			usage(EXIT_OK);
		case 'm':
			if (parse_method(cfg, optarg) != 0)
				die(EXIT_TROUBLE, "-m: unknown method '%s' "
				    "(expected latest, highest, mean, "
				    "weighted-average[:W], "
				    "decaying-average[:W], n-times[:N] or "
				    "bkt)", optarg);
			break;
		case 'R':
			cfg->roster_file = optarg;
			break;
		case 't':
			*threshold = optarg;
			break;
		case 'V':
			print_version();
			exit(EXIT_OK);
		case OPT_ASSESSORS:
			parse_assessors(cfg, optarg);
			break;
		case OPT_BY_GOAL:
			cfg->by_goal = 1;
			break;
		case OPT_CALIBRATION:
			cfg->calibration = 1;
			break;
		case OPT_CORRECT_AT:
			cfg->correct_at = parse_real_option("--correct-at",
			    optarg, 0, 1);
			break;
		case OPT_EXPLAIN:
			cfg->explain = 1;
			break;
		case OPT_FIT:
			cfg->fit_file = optarg;
			break;
		case OPT_INTERIM_FACTOR:
			cfg->interim_factor = parse_real_option(
			    "--interim-factor", optarg, 1, 100);
			break;
		case OPT_MAX_GUESS:
			cfg->max_guess = parse_real_option("--max-guess",
			    optarg, 0.001, 0.999);
			break;
		case OPT_MAX_SCORE:
			cfg->max_score = parse_real_option("--max-score",
			    optarg, 1e-9, 1e15);
			break;
		case OPT_MAX_SLIP:
			cfg->max_slip = parse_real_option("--max-slip", optarg,
			    0.001, 0.999);
			break;
		case OPT_MIN_EVIDENCE:
			cfg->min_evidence = (long)parse_int_option(
			    "--min-evidence", optarg, 1, 1000000);
			break;
		case OPT_ORDER_BY:
			if (strcmp(optarg, "time") != 0 &&
			    strcmp(optarg, "recorded") != 0)
				die(EXIT_TROUBLE, "--order-by: invalid order "
				    "'%s' (expected time or recorded)", optarg);
			cfg->order_recorded = strcmp(optarg, "recorded") == 0;
			break;
		case OPT_PARAMS:
			cfg->params_file = optarg;
			break;
		case OPT_RATES:
			cfg->rates = 1;
			break;
		case OPT_SCALE:
			cfg->scale = parse_real_option("--scale", optarg, 1e-9,
			    1e9);
			break;
		case OPT_STALL_WINDOW:
			cfg->stall_window = (long)parse_int_option(
			    "--stall-window", optarg, 2, 100);
			break;
		case OPT_WINDOW:
			cfg->window_days = parse_real_option("--window", optarg,
			    0, 36500);
			break;
		default:
			usage(EXIT_TROUBLE);
		}
	}
	return optind;
}

int
main(int argc, char *argv[])
{
	static char *stdin_only[] = { "-" };
	struct config cfg;
	struct goalmap gm;
	struct book b;
	const char *threshold = NULL;
	size_t i;
	int first;

	prog_init("mastery-calc");
	/*
	 * The second thread allocates little, so it shares the main arena
	 * instead of reserving 64 MB of address space for its own.
	 */
	mallopt(M_ARENA_MAX, 1);

	first = parse_options(argc, argv, &cfg, &threshold);
	argc -= first;
	argv += first;

	check_options(&cfg, threshold);
	if (cfg.goals_file != NULL) {
		struct table_opts o = side_table_opts(&cfg);

		goalmap_load_or_exit(&gm, cfg.goals_file, &o);
	}
	book_init(&b, &cfg, cfg.goals_file != NULL ? &gm : NULL);
	b.files = argc > 0 ? argv : stdin_only;
	b.nfiles = argc > 0 ? (size_t)argc : 1;
	if (cfg.roster_file != NULL)
		read_roster(&b, cfg.roster_file);
	if (cfg.params_file != NULL)
		bkt_read_params(&b, cfg.params_file);
	for (i = 0; i < b.nfiles; i++)
		if (strcmp(b.files[i], "-") == 0) {
			spool_stdin();
			break;
		}

	book_read(&b);
	if (cfg.fit_file != NULL) {
		bkt_fit(&b, cfg.fit_file);
		book_refold(&b);
	}

	if (cfg.explain)
		write_explain(&b);
	else if (cfg.calibration)
		write_calibration(&b);
	else if (cfg.rates)
		write_rates(&b);
	else
		write_mastery(&b);

	book_free(&b);
	if (cfg.goals_file != NULL)
		goalmap_free(&gm);
	table_opts_free(&cfg.topts);
	if (close_stdout() != 0)
		return EXIT_TROUBLE;
	return b.failed ? EXIT_DATA : EXIT_OK;
}
