/* goalkit: see LICENSE. Append formative-assessment evidence to an append-only log. */

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "goalmap.h"
#include "reader.h"
#include "strmap.h"
#include "table.h"
#include "util.h"
#include "value.h"
#include "assess-record.h"

enum {
	OPT_ALLOW_FUTURE = OPT_PROGRAM,
	OPT_BY,
	OPT_CHECK,
	OPT_CRITERION,
	OPT_DRY_RUN,
	OPT_ERRORS,
	OPT_MAX_SCORE,
	OPT_MINUTES,
	OPT_NO_SYNC,
	OPT_NOTE,
	OPT_RECORDED_BY,
	OPT_REPAIR,
	OPT_SCORE,
	OPT_TIME,
	OPT_VOID
};

static const char short_options[] = "a:c:d:g:hl:s:G:R:V";

static const struct option long_options[] = {
	{ "activity",		required_argument,	NULL,	'a' },
	{ "allow-future",	no_argument,		NULL,	OPT_ALLOW_FUTURE },
	{ "assessor",		required_argument,	NULL,	OPT_BY },
	{ "by",			required_argument,	NULL,	OPT_BY },
	{ "check",		required_argument,	NULL,	OPT_CHECK },
	{ "criterion",		required_argument,	NULL,	OPT_CRITERION },
	{ "dry-run",		no_argument,		NULL,	OPT_DRY_RUN },
	{ "errors",		required_argument,	NULL,	OPT_ERRORS },
	{ "goal",		required_argument,	NULL,	'g' },
	{ "goals",		required_argument,	NULL,	'G' },
	{ "log",		required_argument,	NULL,	'l' },
	{ "max",		required_argument,	NULL,	OPT_MAX_SCORE },
	{ "max-score",		required_argument,	NULL,	OPT_MAX_SCORE },
	{ "minutes",		required_argument,	NULL,	OPT_MINUTES },
	{ "no-sync",		no_argument,		NULL,	OPT_NO_SYNC },
	{ "note",		required_argument,	NULL,	OPT_NOTE },
	{ "recorded-by",	required_argument,	NULL,	OPT_RECORDED_BY },
	{ "repair",		required_argument,	NULL,	OPT_REPAIR },
	{ "roster",		required_argument,	NULL,	'R' },
	{ "score",		required_argument,	NULL,	OPT_SCORE },
	{ "student",		required_argument,	NULL,	's' },
	{ "time",		required_argument,	NULL,	OPT_TIME },
	{ "void",		required_argument,	NULL,	OPT_VOID },
	TABLE_LONG_OPTIONS,
	{ NULL,			0,			NULL,	0 }
};

static const char *log_path;		/* -l */
static const char *goals_path;		/* -G */
static const char *roster_path;		/* -R */
static const char *check_path;		/* --check */
static const char *repair_path;		/* --repair */
static const char *void_id;		/* --void */
static const char *given[NROLES];	/* values given by options */
static const char *given_option[NROLES]; /* the option that gave each */
static int allow_future;
static int dry_run;
static int no_sync;
static struct table_opts topts;

static struct rules rules;
static struct goalmap goals;
static struct strmap students;
static struct recid recids;
static char now_text[48];
static int log_absent;		/* no file at log_path when it was read */

static void usage(int status) __attribute__((noreturn));

static void
give(enum role r, const char *option, const char *value)
{
	given[r] = value;
	given_option[r] = option;
}

/* Read the roster's student ids into students.  Exits on a bad roster. */
static void
load_roster(const char *path)
{
	struct table_opts o;
	struct reader *r;
	struct record *rec;
	struct field id;
	size_t col;
	int n, bad = 0;

	table_opts_init(&o);
	if ((r = reader_open(path, &o)) == NULL)
		die(EXIT_TROUBLE, "%s: %s", path, strerror(errno));
	col = reader_want(r, "student_id", 1, &bad);
	while (!bad && (n = reader_next(r, &rec)) > 0) {
		id = field_trim(rec_field(rec, col));
		if (id.len > 0)
			strmap_intern(&students, id.p, id.len, NULL);
	}
	if (!bad && n < 0) {
		diag_error(path, reader_error_line(r), "%s", reader_error(r));
		bad = reader_error_is_io(r) ? EXIT_TROUBLE : EXIT_DATA;
	}
	reader_close(r);
	if (bad)
		exit(bad == EXIT_TROUBLE ? EXIT_TROUBLE : EXIT_DATA);
}

/* Set up checking: the clock, the goal map and the roster. */
static void
setup_rules(void)
{
	struct table_opts plain;
	struct gktime now;

	gktime_now(&now);
	gktime_format(&now, now_text, sizeof(now_text));
	rules.now = now.secs;
	rules.date_format = topts.date_format;
	rules.decimal_comma = topts.decimal_comma;
	rules.check_future = !allow_future;
	table_opts_init(&plain);
	if (goals_path != NULL) {
		goalmap_load_or_exit(&goals, goals_path, &plain);
		rules.goals = &goals;
	}
	strmap_init(&students);
	if (roster_path != NULL) {
		load_roster(roster_path);
		rules.students = &students;
	}
}

/*
 * Read the columns of the log: its own header, or for a new log the full
 * header of the evidence format, tab-separated for a .tsv or .tab name
 * or with --tsv.  *had_header is set to 1 when the log has a header, and
 * *st to the log's identity for prepare_log().
 */
static int
read_log_columns(struct logcols *cols, int *had_header, struct stat *st)
{
	int status = EXIT_OK, n, delim;

	memset(st, 0, sizeof(*st));
	log_absent = 0;
	if (stat(log_path, st) == 0) {
		if (!S_ISREG(st->st_mode))
			die(EXIT_TROUBLE, "%s: not a regular file", log_path);
	} else if (errno == ENOENT)
		log_absent = 1;
	n = logcols_read(cols, log_path, &status);
	if (n < 0)
		return status;
	*had_header = n > 0;
	if (n == 0) {
		delim = topts.out_delim;
		if (log_is_tsv(log_path))
			delim = '\t';
		logcols_full(cols, delim ? delim : ',');
	}
	return EXIT_OK;
}

/*
 * Make sure the locked log can take the batch: it must not end in a torn
 * line, and a log that another writer created or replaced since its
 * columns were read must have the same header.
 */
static int
prepare_log(struct logfile *lf, const struct logcols *cols, int had_header,
    const struct stat *st)
{
	struct logcols now;
	int status = EXIT_OK, same;

	if (logfile_torn(lf)) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: the log ends in a torn line (a write "
		    "cut short); run assess-record --repair %s first\n",
		    prog_name(), log_path, log_path);
		return EXIT_DATA;
	}
	if (lf->size == 0 || (had_header && lf->dev == st->st_dev &&
	    lf->ino == st->st_ino))
		return EXIT_OK;
	memset(&now, 0, sizeof(now));
	if (logcols_read(&now, log_path, &status) < 0)
		return status;
	same = logcols_equal(&now, cols);
	logcols_free(&now);
	if (!same) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: another program created the log with "
		    "other columns while the input was read; nothing was "
		    "appended, run again\n", prog_name(), log_path);
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}

/*
 * Reject ids the log has already.  With a fixed clock two runs can make
 * the same id.  Return the number of problems.
 */
static int
check_fixed_ids(const struct batch *b, const struct logindex *idx)
{
	size_t i, v;

	for (i = 0; i < b->nidpos; i++)
		if (strmap_get(&idx->ids, b->buf + b->idpos[i], RECID_LEN,
		    &v)) {
			fflush(stdout);
			fprintf(stderr, "%s: GOALKIT_RECORD_CLOCK: record id "
			    "'%.*s' is already in the log; give each run its "
			    "own clock\n", prog_name(), RECID_LEN,
			    b->buf + b->idpos[i]);
			return 1;
		}
	return 0;
}

/*
 * Give the batch its record ids, and check the ids it names against the
 * locked log.
 */
static int
stamp_and_resolve(struct batch *b, int new_log)
{
	struct logindex idx;
	int status = EXIT_OK, bad;

	batch_stamp(b, &recids);
	if (b->nrefs == 0 && !recids.fixed)
		return EXIT_OK;
	if (new_log) {
		memset(&idx, 0, sizeof(idx));
		strmap_init(&idx.ids);
	} else if (logindex_load(&idx, log_path, NULL, NULL, &status) != 0)
		return status;
	bad = batch_resolve(b, &idx);
	if (recids.fixed)
		bad += check_fixed_ids(b, &idx);
	logindex_free(&idx);
	return bad > 0 ? EXIT_DATA : EXIT_OK;
}

static void
echo_batch(const struct batch *b)
{
	fwrite(b->buf, 1, b->size, stdout);
}

/*
 * Create the log with the batch when it was absent.  Return EXIT_OK when
 * created, -1 when another writer created it meanwhile, or the exit
 * status of a failure.
 */
static int
create_log(struct batch *b)
{
	int status, n;

	if ((status = stamp_and_resolve(b, 1)) != EXIT_OK)
		return status;
	n = logfile_create(log_path, b->buf, b->size, no_sync);
	if (n < 0)
		return EXIT_TROUBLE;
	return n == 0 ? EXIT_OK : -1;
}

/*
 * Append the batch to the log (held locked already when lf is non-NULL)
 * and echo it.  Return the exit status.
 */
static int
commit(struct batch *b, const struct logcols *cols, int had_header,
    const struct stat *st, struct logfile *held)
{
	struct logfile lf;
	const char *data;
	size_t len;
	int status;

	if (batch_finish(b) != 0)
		die(EXIT_TROUBLE, "%s", strerror(errno));
	if (dry_run) {
		batch_stamp(b, &recids);
		echo_batch(b);
		return EXIT_OK;
	}
	if (held == NULL && log_absent && (status = create_log(b)) >= 0) {
		if (status == EXIT_OK)
			echo_batch(b);
		return status;
	}
	if (held != NULL)
		lf = *held;
	else if (logfile_lock(&lf, log_path, 1, 1) != 0)
		return EXIT_TROUBLE;
	status = prepare_log(&lf, cols, had_header, st);
	if (status == EXIT_OK)
		status = stamp_and_resolve(b, 0);
	if (status == EXIT_OK) {
		data = lf.size == 0 ? b->buf : b->buf + b->hdrlen;
		len = lf.size == 0 ? b->size : b->size - b->hdrlen;
		if (logfile_append(&lf, data, len, no_sync) != 0)
			status = EXIT_TROUBLE;
	}
	logfile_unlock(&lf);
	if (status == EXIT_OK)
		echo_batch(b);
	return status;
}

/*
 * Report option values for columns the log does not have.  Return the
 * number reported.
 */
static int
check_given_columns(const struct logcols *cols)
{
	int r, bad = 0;

	for (r = 0; r < NROLES; r++)
		if (given[r] != NULL && cols->has_role[r] == 0) {
			fprintf(stderr, "%s: %s: the log %s has no %s column\n",
			    prog_name(), given_option[r], log_path,
			    role_names[r]);
			bad++;
		}
	return bad;
}

/* The evidence given by options, for one record or as defaults. */
static void
fill_given(struct evidence *e, int with_now)
{
	int r;

	for (r = 0; r < NROLES; r++) {
		e->raw[r].p = given[r] != NULL ? given[r] : "";
		e->raw[r].len = strlen(e->raw[r].p);
	}
	e->time_is_now = 0;
	if (with_now && given[R_TIME] == NULL) {
		e->raw[R_TIME].p = now_text;
		e->raw[R_TIME].len = strlen(now_text);
		e->time_is_now = 1;
	}
}

/* One record from -s, -g, --score and the other options. */
static int
run_single(void)
{
	struct logcols cols;
	struct batch b;
	struct evidence e;
	struct origin o;
	struct stat st;
	int status, had_header = 0, bad;

	memset(&o, 0, sizeof(o));
	fill_given(&e, 1);
	bad = evidence_check(&e, &rules, &o);
	if (bad == EVIDENCE_UNSCORED) {
		origin_error(&o, R_SCORE, "missing value");
		bad = 1;
	}
	if (bad > 0) {
		evidence_clear(&e);
		return EXIT_DATA;
	}
	memset(&cols, 0, sizeof(cols));
	if ((status = read_log_columns(&cols, &had_header, &st)) != EXIT_OK) {
		evidence_clear(&e);
		return status;
	}
	if (check_given_columns(&cols) > 0)
		status = EXIT_DATA;
	else {
		batch_init(&b, &cols);
		batch_add(&b, &e, NULL, NULL, &o, NULL);
		status = commit(&b, &cols, had_header, &st, NULL);
		batch_free(&b);
	}
	evidence_clear(&e);
	logcols_free(&cols);
	return status;
}

/*
 * The record that voids void_id: the voided record's student, goal and
 * score, so that every row of the log stays complete, with the time,
 * recorder and note of this correction.
 */
static int
build_void(struct evidence *e, char **wanted, const struct logindex *idx)
{
	struct origin o;
	size_t v;
	int r;

	memset(&o, 0, sizeof(o));
	if (!strmap_get(&idx->ids, void_id, strlen(void_id), &v)) {
		origin_error(&o, R_VOIDS, "unknown record '%s'", void_id);
		return -1;
	}
	if (idx->flags[v] & (LOGREC_VOID | LOGREC_VOIDED)) {
		origin_error(&o, R_VOIDS, idx->flags[v] & LOGREC_VOID ?
		    "record '%s' is itself a void" :
		    "record '%s' is already voided", void_id);
		return -1;
	}
	fill_given(e, 1);
	for (r = R_STUDENT_ID; r <= R_ERRORS; r++)
		if (wanted[r] != NULL) {
			e->raw[r].p = wanted[r];
			e->raw[r].len = strlen(wanted[r]);
		}
	e->raw[R_VOIDS].p = void_id;
	e->raw[R_VOIDS].len = strlen(void_id);
	return 0;
}

/* --void: under the lock, find the record and append its void. */
static int
run_void(void)
{
	struct logcols cols;
	struct logfile lf;
	struct logindex idx;
	struct batch b;
	struct evidence e;
	struct origin o;
	struct rules plain = rules;
	struct stat st;
	char *wanted[NROLES] = { NULL };
	int status, had_header = 0, r, bad;

	memset(&o, 0, sizeof(o));
	memset(&cols, 0, sizeof(cols));
	memset(&e, 0, sizeof(e));
	/* The voided record was checked when it was appended. */
	plain.goals = NULL;
	plain.students = NULL;
	if (logfile_lock(&lf, log_path, 1, 0) != 0)
		return EXIT_TROUBLE;
	status = read_log_columns(&cols, &had_header, &st);
	if (status == EXIT_OK && (!had_header || !cols.has_role[R_VOIDS])) {
		fprintf(stderr, "%s: --void: the log %s has no voids column\n",
		    prog_name(), log_path);
		status = EXIT_DATA;
	}
	if (status == EXIT_OK && (status = prepare_log(&lf, &cols, had_header,
	    &st)) == EXIT_OK) {
		if (logindex_load(&idx, log_path, void_id, wanted,
		    &status) == 0) {
			if (build_void(&e, wanted, &idx) != 0)
				status = EXIT_DATA;
			else if ((bad = evidence_check(&e, &plain, &o)) != 0) {
				if (bad == EVIDENCE_UNSCORED)
					origin_error(&o, R_VOIDS, "record '%s' "
					    "has no score, so readers skip it "
					    "already", void_id);
				status = EXIT_DATA;
			}
			logindex_free(&idx);
		}
	}
	if (status == EXIT_OK && check_given_columns(&cols) > 0)
		status = EXIT_DATA;
	if (status == EXIT_OK) {
		batch_init(&b, &cols);
		batch_add(&b, &e, NULL, NULL, &o, NULL);
		status = commit(&b, &cols, had_header, &st, &lf);
		batch_free(&b);
	} else
		logfile_unlock(&lf);
	evidence_clear(&e);
	for (r = 0; r < NROLES; r++)
		free(wanted[r]);
	logcols_free(&cols);
	return status;
}

/*
 * Find where each role and each extra log column is read in the input,
 * and report input columns the log cannot store.  Return the problems.
 */
static int
map_input(struct reader *r, const struct logcols *cols, size_t *col,
    size_t *extra)
{
	const struct record *h = reader_header(r);
	char list[1024] = "";
	size_t i, j, len;
	int role, bad = 0, claimed;

	for (role = 0; role < NROLES; role++)
		col[role] = reader_want(r, role_names[role], role ==
		    R_STUDENT_ID || role == R_GOAL_ID || role == R_SCORE, &bad);
	for (j = 0; j < cols->n; j++)
		extra[j] = NOCOL;
	for (i = 0; i < h->nfields; i++) {
		if (h->fields[i].len == 0)
			continue;
		claimed = -1;
		for (role = 0; role < NROLES; role++)
			if (col[role] == i)
				claimed = role;
		if (claimed >= 0 && cols->has_role[claimed] != 0)
			continue;
		for (j = 0; claimed < 0 && j < cols->n; j++)
			if (cols->role[j] < 0 && strcasecmp(cols->names[j],
			    h->fields[i].p) == 0)
				break;
		if (claimed < 0 && j < cols->n) {
			extra[j] = i;
			continue;
		}
		if (claimed < 0 && (role = role_find(h->fields[i].p,
		    h->fields[i].len)) >= 0) {
			diag_error(reader_name(r), h->line, "column '%s' is "
			    "not read, because -c reads %s from '%s'",
			    h->fields[i].p, role_names[role],
			    table_column_name(&topts, role_names[role]));
			bad++;
			continue;
		}
		len = strlen(list);
		snprintf(list + len, sizeof(list) - len, "%s'%s'",
		    len > 0 ? ", " : "", h->fields[i].p);
	}
	if (list[0] != '\0') {
		diag_error(reader_name(r), h->line, "columns the log %s does "
		    "not have: %s (map them with -c role=name, or remove "
		    "them)", log_path, list);
		bad++;
	}
	return bad;
}

/*
 * Check every record of one input and add the good ones to the batch.
 * Return the number of problems, or -1 when the input cannot be read.
 */
static int
import_file(const char *path, struct batch *b, const struct logcols *cols)
{
	struct reader *r;
	struct record *rec;
	struct evidence e, dflt;
	struct origin o;
	size_t col[NROLES], *extra, unscored = 0, untimed = 0;
	const char *file;
	int n, role, bad = 0, k;

	if ((r = reader_open(path, &topts)) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", prog_name(),
		    display_name(path), strerror(errno));
		return -1;
	}
	file = batch_file(b, reader_name(r));
	extra = xcalloc(cols->n, sizeof(*extra));
	memset(&o, 0, sizeof(o));
	o.file = file;
	for (role = 0; role < NROLES; role++)
		o.column[role] = table_column_name(&topts, role_names[role]);
	n = 0;
	if (reader_header(r)->nfields > 0 && map_input(r, cols, col,
	    extra) > 0) {
		free(extra);
		reader_close(r);
		return 1;
	}
	fill_given(&dflt, 1);
	while ((n = reader_next(r, &rec)) > 0) {
		e.time_is_now = 0;
		for (role = 0; role < NROLES; role++) {
			e.raw[role] = rec_field(rec, col[role]);
			if (field_trim(e.raw[role]).len > 0)
				continue;
			e.raw[role] = dflt.raw[role];
			if (role == R_TIME)
				e.time_is_now = dflt.time_is_now;
		}
		o.line = rec->line;
		k = evidence_check(&e, &rules, &o);
		if (k == EVIDENCE_UNSCORED)
			unscored++;
		else if (k > 0)
			bad += k;
		else {
			bad += batch_add(b, &e, rec, extra, &o, file);
			/* An empty cell of a time column, filled from the clock. */
			if (e.time_is_now && col[R_TIME] != NOCOL)
				untimed++;
		}
		evidence_clear(&e);
	}
	if (n < 0) {
		diag_error(file, reader_error_line(r), "%s", reader_error(r));
		bad = reader_error_is_io(r) ? -1 : bad + 1;
	}
	if (unscored > 0)
		diag_warn(file, 0, "skipped %zu %s without a score", unscored,
		    plural(unscored, "row", "rows"));
	if (untimed > 0)
		diag_warn(file, 0, "%s: %zu %s without a time recorded at the "
		    "current time (give --time to choose another)",
		    o.column[R_TIME], untimed, plural(untimed, "row", "rows"));
	free(extra);
	reader_close(r);
	return bad;
}

/*
 * Check the option values that fill empty cells of the input, once, so a
 * bad one is reported as an option and not on every row.
 */
static int
check_defaults(void)
{
	struct evidence e;
	struct origin o;
	struct rules plain = rules;
	int bad;

	memset(&o, 0, sizeof(o));
	plain.goals = NULL;
	plain.students = NULL;
	fill_given(&e, 1);
	e.raw[R_STUDENT_ID].p = e.raw[R_GOAL_ID].p = e.raw[R_SCORE].p = "0";
	e.raw[R_STUDENT_ID].len = e.raw[R_GOAL_ID].len = e.raw[R_SCORE].len = 1;
	bad = evidence_check(&e, &plain, &o);
	evidence_clear(&e);
	return bad;
}

/* Many records from files or standard input: all of them or none. */
static int
run_import(int argc, char **argv)
{
	struct logcols cols;
	struct batch b;
	struct stat st;
	int status, had_header = 0, i, n, bad = 0, trouble = 0;
	char *stdin_only[] = { "-" };

	if (check_defaults() > 0)
		return EXIT_TROUBLE;
	memset(&cols, 0, sizeof(cols));
	if ((status = read_log_columns(&cols, &had_header, &st)) != EXIT_OK)
		return status;
	if (check_given_columns(&cols) > 0) {
		logcols_free(&cols);
		return EXIT_TROUBLE;
	}
	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	batch_init(&b, &cols);
	for (i = 0; i < argc && !trouble; i++) {
		n = import_file(argv[i], &b, &cols);
		if (n < 0)
			trouble = 1;
		else
			bad += n;
	}
	if (trouble)
		status = EXIT_TROUBLE;
	else if (bad > 0)
		status = EXIT_DATA;
	else if (b.nrows == 0) {
		batch_finish(&b);
		echo_batch(&b);
	} else
		status = commit(&b, &cols, had_header, &st, NULL);
	batch_free(&b);
	logcols_free(&cols);
	return status;
}

static void
usage(int status)
{
	FILE *fp = status == EXIT_OK ? stdout : stderr;

	fprintf(fp, "usage: %s [-hV] [--allow-future] [--dry-run] [--no-sync] "
	    "[-G goals.csv]\n"
	    "\t[-R students.csv] -l log [-a activity] [--by assessor]\n"
	    "\t[--criterion id] [--errors n] [--max-score n] [--minutes n]\n"
	    "\t[--note text] [--recorded-by name] [--time time] "
	    "[--csv | --tsv]\n"
	    "\t[--decimal-comma] [-c role=name] [-d delim] "
	    "[--date-format fmt]\n"
	    "\t[--list-sep c] [--null word] -s student -g goal --score score |\n"
	    "\t--void record_id | [file ...]\n"
	    "       %s [-G goals.csv] [-R students.csv] --check log\n"
	    "       %s --repair log\n", prog_name(), prog_name(), prog_name());
	exit_usage(status);
}

/* Set an option that gives a value of the record. */
static int
record_option(int ch, const char *arg)
{
	switch (ch) {
	case 'a':
		give(R_ACTIVITY_ID, "-a", arg);
		break;
	case 'g':
		give(R_GOAL_ID, "-g", arg);
		break;
	case 's':
		give(R_STUDENT_ID, "-s", arg);
		break;
	case OPT_BY:
		give(R_ASSESSOR, "--by", arg);
		break;
	case OPT_CRITERION:
		give(R_CRITERION, "--criterion", arg);
		break;
	case OPT_ERRORS:
		give(R_ERRORS, "--errors", arg);
		break;
	case OPT_MAX_SCORE:
		give(R_MAX_SCORE, "--max-score", arg);
		break;
	case OPT_MINUTES:
		give(R_MINUTES, "--minutes", arg);
		break;
	case OPT_NOTE:
		give(R_NOTE, "--note", arg);
		break;
	case OPT_RECORDED_BY:
		give(R_RECORDED_BY, "--recorded-by", arg);
		break;
	case OPT_SCORE:
		give(R_SCORE, "--score", arg);
		break;
	case OPT_TIME:
		give(R_TIME, "--time", arg);
		break;
	default:
		return 0;
	}
	return 1;
}

static void
parse_options(int argc, char **argv)
{
	int ch;

	while ((ch = getopt_long(argc, argv, short_options, long_options,
	    NULL)) != -1) {
		if (table_option(&topts, ch, optarg) || record_option(ch,
		    optarg))
			continue;
		switch (ch) {
		case 'h':
			usage(EXIT_OK);
		case 'l':
			log_path = optarg;
			break;
		case 'G':
			goals_path = optarg;
			break;
		case 'R':
			roster_path = optarg;
			break;
		case 'V':
			print_version();
			exit(close_stdout() == 0 ? EXIT_OK : EXIT_TROUBLE);
		case OPT_ALLOW_FUTURE:
			allow_future = 1;
			break;
		case OPT_CHECK:
			check_path = optarg;
			break;
		case OPT_DRY_RUN:
			dry_run = 1;
			break;
		case OPT_NO_SYNC:
			no_sync = 1;
			break;
		case OPT_REPAIR:
			repair_path = optarg;
			break;
		case OPT_VOID:
			void_id = optarg;
			break;
		default:
			usage(EXIT_TROUBLE);
		}
	}
}

/* The first record option given, or NULL: for combination messages. */
static const char *
first_given(int from, int to)
{
	int r;

	for (r = from; r <= to; r++)
		if (given[r] != NULL)
			return given_option[r];
	return NULL;
}

/* Reject options that do not go together, naming them. */
static void
check_combinations(int argc)
{
	const char *opt;
	int single;

	single = given[R_STUDENT_ID] || given[R_GOAL_ID] || given[R_SCORE];
	if (check_path != NULL && repair_path != NULL)
		die(EXIT_TROUBLE, "--check and --repair cannot be combined");
	if ((check_path != NULL || repair_path != NULL) && (log_path != NULL ||
	    argc > 0 || void_id != NULL || first_given(0, NROLES - 1)))
		die(EXIT_TROUBLE, "%s takes only a log: give no -l, record "
		    "options or files", check_path ? "--check" : "--repair");
	if (check_path != NULL || repair_path != NULL)
		return;
	if (log_path == NULL)
		die(EXIT_TROUBLE, "-l: missing (the log to append to)");
	if (strcmp(log_path, "-") == 0)
		die(EXIT_TROUBLE, "-l: the log must be a file, not standard "
		    "input");
	if (topts.excel)
		die(EXIT_TROUBLE, "--excel: not supported, because a log stays "
		    "plain CSV or TSV");
	if (void_id != NULL && (opt = first_given(R_STUDENT_ID, R_ERRORS)))
		die(EXIT_TROUBLE, "--void cannot be combined with %s", opt);
	if ((single || void_id != NULL) && argc > 0)
		die(EXIT_TROUBLE, "%s: cannot be combined with input files",
		    void_id != NULL ? "--void" : first_given(R_STUDENT_ID,
		    R_SCORE));
	if (single && (given[R_STUDENT_ID] == NULL || given[R_GOAL_ID] ==
	    NULL || given[R_SCORE] == NULL))
		die(EXIT_TROUBLE, "%s: missing (one record needs -s, -g and "
		    "--score)", given[R_STUDENT_ID] == NULL ? "-s" :
		    given[R_GOAL_ID] == NULL ? "-g" : "--score");
}

int
main(int argc, char *argv[])
{
	int status;

	prog_init("assess-record");
	table_opts_init(&topts);

	parse_options(argc, argv);
	argc -= optind;
	argv += optind;
	check_combinations(argc);

	if (repair_path != NULL) {
		status = logfile_repair(repair_path);
		table_opts_free(&topts);
		return status;
	}
	setup_rules();
	recid_init(&recids);
	if (check_path != NULL) {
		rules.check_future = 0;
		status = check_log(check_path, &rules);
	} else if (void_id != NULL)
		status = run_void();
	else if (given[R_SCORE] != NULL)
		status = run_single();
	else
		status = run_import(argc, argv);

	if (close_stdout() != 0 && status == EXIT_OK)
		status = EXIT_TROUBLE;
	if (goals_path != NULL)
		goalmap_free(&goals);
	strmap_free(&students);
	table_opts_free(&topts);
	return status;
}
