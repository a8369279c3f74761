/* goalkit: see LICENSE. Validate a goal map and write it out in useful forms. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/goalmap.h"
#include "../common/reader.h"
#include "../common/table.h"
#include "../common/util.h"
#include "../common/writer.h"

enum mode {
	MODE_CHECK,
	MODE_ORDER,
	MODE_DOT,
	MODE_STATS
};

enum {
	OPT_CLUSTER = OPT_PROGRAM,
	OPT_DOT,
	OPT_FORMAT,
	OPT_ORDER,
	OPT_STATS,
	OPT_STRICT
};

static enum mode mode = MODE_CHECK;
static int csv_findings;	/* --format csv: findings on stdout */
static int strict;		/* warnings fail the check */
static int cluster;		/* --dot: group goals by grade */
static const char *standards_file;
static struct table_opts opts;

/* Standard codes read from --standards, with the line of each. */
struct standards {
	char	**codes;
	size_t	*lines;
	size_t	 n;
};

static void usage(int) __attribute__((noreturn));

/*
 * Read the standard_id column of path into st.  Return 0, or -1 after
 * reporting a problem.
 */
static int
read_standards(const char *path, struct standards *st)
{
	struct reader *r;
	struct record *rec;
	struct field f;
	struct strmap seen;
	size_t col, first;
	int bad, n;

	if ((r = reader_open(path, &opts)) == NULL)
		die(EXIT_TROUBLE, "%s: %s", display_name(path), strerror(errno));
	bad = 0;
	n = 1;
	col = NOCOL;
	strmap_init(&seen);
	/* A header that cannot be read is reported below, not as missing columns. */
	reader_header(r);
	if (reader_error(r)[0] != '\0')
		n = -1;
	else
		col = reader_want(r, "standard_id", 1, &bad);
	while (!bad && n > 0 && (n = reader_next(r, &rec)) > 0) {
		f = field_trim(rec_field(rec, col));
		if (f.len == 0) {
			diag_error(reader_name(r), rec->line,
			    "standard_id: empty standard id");
			bad = 1;
			continue;
		}
		/* A code listed twice would be counted and warned about twice. */
		if (!strmap_put(&seen, f.p, f.len, st->n, &first)) {
			diag_error(reader_name(r), rec->line, "standard_id: "
			    "duplicate standard '%.*s' (first on line %zu)",
			    (int)f.len, f.p, st->lines[first]);
			bad = 1;
			continue;
		}
		st->codes = xreallocarray(st->codes, st->n + 1,
		    sizeof(*st->codes));
		st->lines = xreallocarray(st->lines, st->n + 1,
		    sizeof(*st->lines));
		st->codes[st->n] = field_dup(f);
		st->lines[st->n] = rec->line;
		st->n++;
	}
	if (!bad && n < 0) {
		reader_report_error(r);
		bad = 1;
	}
	strmap_free(&seen);
	reader_close(r);
	return bad ? -1 : 0;
}

static void
free_standards(struct standards *st)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		free(st->codes[i]);
	free(st->codes);
	free(st->lines);
}

/* Write the findings as a table: severity, code, goal_id, line, message. */
static void
write_findings(const struct goalmap *gm, int delim)
{
	struct writer w;
	const struct finding *f;
	size_t i;

	writer_init(&w, stdout, delim, opts.excel);
	writer_str(&w, "severity");
	writer_str(&w, "code");
	writer_str(&w, "goal_id");
	writer_str(&w, "file");
	writer_str(&w, "line");
	writer_str(&w, "message");
	writer_end(&w);
	for (i = 0; i < gm->nfindings; i++) {
		f = &gm->findings[i];
		writer_str(&w, f->severity == SEV_ERROR ? "error" : "warning");
		writer_str(&w, f->code);
		writer_str(&w, f->goal_id);
		writer_str(&w, f->file != NULL ? f->file : gm->file);
		if (f->line > 0)
			writer_int(&w, (long long)f->line);
		else
			writer_empty(&w);
		writer_str(&w, f->message);
		writer_end(&w);
	}
}

/* Compare goal ids for ordering ties, through an index array. */
static const struct goalmap *sort_map;

static int
cmp_goal_id(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	return natural_cmp(sort_map->goals[i].id, sort_map->goals[j].id);
}

/*
 * Order goals so that each comes after every goal it requires, ties by
 * id in natural order.  The requires graph has edges goal -> prerequisite, so the order
 * is the reverse graph's topological order.  Return the order (n
 * entries, caller frees) and fill depth[] (caller-allocated).
 */
static size_t *
prerequisite_order(const struct goalmap *gm, size_t *depth)
{
	struct graph rev;
	size_t *byid, *rank, *order, i, done;

	byid = xcalloc(gm->n, sizeof(*byid));
	rank = xcalloc(gm->n, sizeof(*rank));
	order = xcalloc(gm->n, sizeof(*order));
	for (i = 0; i < gm->n; i++)
		byid[i] = i;
	sort_map = gm;
	qsort(byid, gm->n, sizeof(*byid), cmp_goal_id);
	for (i = 0; i < gm->n; i++)
		rank[byid[i]] = i;
	graph_reverse(&gm->requires, &rev);
	done = graph_topo(&rev, rank, order, depth);
	graph_free(&rev);
	free(byid);
	free(rank);
	if (done != gm->n) {
		free(order);
		return NULL;
	}
	return order;
}

/* Write the goal map in prerequisite order with a depth column. */
static void
write_order(const struct goalmap *gm, int delim)
{
	struct writer w;
	size_t *order, *depth, i, c;

	depth = xcalloc(gm->n, sizeof(*depth));
	if ((order = prerequisite_order(gm, depth)) == NULL)
		die(EXIT_DATA, "%s: cannot order a goal map with a cycle",
		    gm->file);
	writer_init(&w, stdout, delim, opts.excel);
	for (c = 0; c < gm->nheader; c++)
		writer_str(&w, gm->header[c]);
	writer_str(&w, "depth");
	writer_end(&w);
	for (i = 0; i < gm->n; i++) {
		const struct goal *g = &gm->goals[order[i]];

		for (c = 0; c < gm->nheader; c++)
			writer_str(&w, g->cells[c]);
		writer_int(&w, (long long)depth[order[i]]);
		writer_end(&w);
	}
	free(order);
	free(depth);
}

/*
 * Length of the valid UTF-8 sequence at s, or 0 when s starts an invalid
 * one: a stray continuation byte, a truncated or overlong sequence, a
 * surrogate or a code point above U+10FFFF.
 */
static size_t
utf8_length(const unsigned char *s)
{
	size_t len, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/*
 * Print s as the inside of a DOT string, wrapping words near width.  The
 * output is valid UTF-8 without control characters, which SVG cannot
 * hold: a line feed is written \n and a carriage return \r (line breaks
 * in a label), and every other control character and every byte of
 * invalid UTF-8 as \xNN.  DOT keeps a backslash pair in a node name, so
 * a backslash of s, written doubled, never matches one of these escapes,
 * and distinct ids stay distinct nodes.  In a label (label set) \xNN is
 * written with a doubled backslash so that it shows as typed.
 */
static void
put_dot_text(const char *s, size_t width, int label)
{
	const unsigned char *p;
	size_t col, len;

	col = 0;
	for (p = (const unsigned char *)s; *p != '\0'; p += len) {
		len = utf8_length(p);
		if (*p == ' ' && col >= width) {
			fputs("\\n", stdout);
			col = 0;
		} else if (*p == '\n') {
			fputs("\\n", stdout);
			col = 0;
		} else if (*p == '\r') {
			fputs("\\r", stdout);
			col = 0;
		} else if (len == 0 || *p < 0x20 || *p == 0x7f) {
			printf(label ? "\\\\x%02x" : "\\x%02x", *p);
			len = 1;
			col += 4;
		} else {
			if (*p == '"' || *p == '\\')
				putchar('\\');
			fwrite(p, 1, len, stdout);
			col++;
		}
	}
}

static void
put_dot_node(const struct goal *g)
{
	fputs("\t\"", stdout);
	put_dot_text(g->id, 1000, 0);
	fputs("\" [label=\"", stdout);
	put_dot_text(g->id, 1000, 1);
	fputs("\\n", stdout);
	put_dot_text(g->statement, 28, 1);
	fputs("\"", stdout);
	if (g->scope == SCOPE_EXTENDED)
		fputs(", style=\"rounded,dashed\", fillcolor=\"#ffffff\"", stdout);
	fputs("];\n", stdout);
}

static void
put_dot_nodes(const struct goalmap *gm)
{
	size_t i, j, ncl;
	char **grades;

	if (!cluster) {
		for (i = 0; i < gm->n; i++)
			put_dot_node(&gm->goals[i]);
		return;
	}
	/* One cluster per grade, in order of first appearance. */
	grades = xcalloc(gm->n, sizeof(*grades));
	ncl = 0;
	for (i = 0; i < gm->n; i++) {
		for (j = 0; j < ncl; j++)
			if (strcmp(grades[j], gm->goals[i].grade) == 0)
				break;
		if (j == ncl)
			grades[ncl++] = gm->goals[i].grade;
	}
	for (j = 0; j < ncl; j++) {
		printf("\tsubgraph \"cluster_%zu\" {\n\t\tlabel=\"", j);
		if (grades[j][0] != '\0') {
			fputs("Grade ", stdout);
			put_dot_text(grades[j], 1000, 1);
		} else
			fputs("No grade", stdout);
		fputs("\";\n\t\tstyle=\"rounded\";\n\t\tcolor=\"#999999\";\n",
		    stdout);
		for (i = 0; i < gm->n; i++)
			if (strcmp(gm->goals[i].grade, grades[j]) == 0) {
				putchar('\t');
				put_dot_node(&gm->goals[i]);
			}
		fputs("\t}\n", stdout);
	}
	free(grades);
}

/*
 * Write Graphviz DOT: prerequisites below the goals they enable, solid
 * arrows for requires, dashed arrows with an open head for part_of.
 */
static void
write_dot(const struct goalmap *gm)
{
	size_t i, k;
	const struct goal *g;

	fputs("digraph goalmap {\n"
	    "\trankdir=BT;\n"
	    "\tnode [shape=box, style=\"rounded,filled\", "
	    "fillcolor=\"#e8f1fb\", fontname=\"Helvetica\", fontsize=10];\n"
	    "\tedge [color=\"#444444\"];\n", stdout);
	put_dot_nodes(gm);
	for (i = 0; i < gm->n; i++) {
		g = &gm->goals[i];
		for (k = 0; k < g->nrequires; k++) {
			fputs("\t\"", stdout);
			put_dot_text(gm->goals[g->requires[k]].id, 1000, 0);
			fputs("\" -> \"", stdout);
			put_dot_text(g->id, 1000, 0);
			fputs("\";\n", stdout);
		}
		for (k = 0; k < g->npart_of; k++) {
			fputs("\t\"", stdout);
			put_dot_text(g->id, 1000, 0);
			fputs("\" -> \"", stdout);
			put_dot_text(gm->goals[g->part_of[k]].id, 1000, 0);
			fputs("\" [style=dashed, arrowhead=empty, "
			    "color=\"#0072b2\"];\n", stdout);
		}
	}
	fputs("}\n", stdout);
}

/* Count distinct strings among the goals' standards and, with st, the covered listed ones. */
static void
count_standards(const struct goalmap *gm, const struct standards *st,
    size_t *cited, size_t *covered)
{
	struct strmap seen;
	size_t i, k, v;

	strmap_init(&seen);
	for (i = 0; i < gm->n; i++)
		for (k = 0; k < gm->goals[i].nstandards; k++)
			strmap_intern(&seen, gm->goals[i].standards[k],
			    strlen(gm->goals[i].standards[k]), NULL);
	*cited = seen.n;
	*covered = 0;
	for (i = 0; st != NULL && i < st->n; i++)
		if (strmap_get(&seen, st->codes[i], strlen(st->codes[i]), &v))
			(*covered)++;
	strmap_free(&seen);
}

static void
write_stat(struct writer *w, const char *name, size_t v)
{
	writer_str(w, name);
	writer_int(w, (long long)v);
	writer_end(w);
}

/* Write counts of the map as a two-column table: measure, value. */
static void
write_stats(const struct goalmap *gm, const struct standards *st, int delim)
{
	struct writer w;
	size_t i, core, maxdepth, cited, covered, *depth, *order;

	core = 0;
	for (i = 0; i < gm->n; i++)
		if (gm->goals[i].scope == SCOPE_CORE)
			core++;
	depth = xcalloc(gm->n, sizeof(*depth));
	maxdepth = 0;
	if ((order = prerequisite_order(gm, depth)) != NULL)
		for (i = 0; i < gm->n; i++)
			if (depth[i] > maxdepth)
				maxdepth = depth[i];
	count_standards(gm, st, &cited, &covered);
	writer_init(&w, stdout, delim, opts.excel);
	writer_str(&w, "measure");
	writer_str(&w, "value");
	writer_end(&w);
	write_stat(&w, "goals", gm->n);
	write_stat(&w, "core", core);
	write_stat(&w, "extended", gm->n - core);
	write_stat(&w, "requires_edges", gm->requires.nedges);
	write_stat(&w, "part_of_edges", gm->part_of.nedges);
	write_stat(&w, "max_depth", maxdepth);
	write_stat(&w, "standards_cited", cited);
	if (st != NULL) {
		write_stat(&w, "standards_listed", st->n);
		write_stat(&w, "standards_covered", covered);
	}
	free(order);
	free(depth);
}

static void
usage(int status)
{
	fprintf(status == EXIT_OK ? stdout : stderr,
	    "usage: %s [-hV] [--strict] [--format text|csv] "
	    "[--order | --dot [--cluster] | --stats]\n"
	    "\t[-s standards.csv] " TABLE_USAGE "\n\t[goals.csv]\n",
	    prog_name());
	if (status == EXIT_OK && close_stdout() != 0)
		status = EXIT_TROUBLE;
	exit_usage(status);
}

static void
parse_format(const char *arg)
{
	if (strcmp(arg, "csv") == 0)
		csv_findings = 1;
	else if (strcmp(arg, "text") == 0)
		csv_findings = 0;
	else
		die(EXIT_TROUBLE, "--format: invalid format '%s' (expected "
		    "text or csv)", arg);
}

static void
set_mode(enum mode m)
{
	if (mode != MODE_CHECK && mode != m)
		die(EXIT_TROUBLE, "--order, --dot and --stats cannot be "
		    "combined");
	mode = m;
}

/* Write the output of the selected mode; the map has no errors here. */
static void
write_output(const struct goalmap *gm, const struct standards *st)
{
	int delim;

	delim = writer_delim(&opts, gm->delim);
	switch (mode) {
	case MODE_ORDER:
		write_order(gm, delim);
		break;
	case MODE_DOT:
		write_dot(gm);
		break;
	case MODE_STATS:
		write_stats(gm, st, delim);
		break;
	case MODE_CHECK:
		break;
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "cluster",	no_argument,		NULL,	OPT_CLUSTER },
		{ "dot",	no_argument,		NULL,	OPT_DOT },
		{ "format",	required_argument,	NULL,	OPT_FORMAT },
		{ "order",	no_argument,		NULL,	OPT_ORDER },
		{ "standards",	required_argument,	NULL,	's' },
		{ "stats",	no_argument,		NULL,	OPT_STATS },
		{ "strict",	no_argument,		NULL,	OPT_STRICT },
		TABLE_LONG_OPTIONS,
		{ NULL,		0,			NULL,	0 }
	};
	struct goalmap gm;
	struct standards st = { NULL, NULL, 0 };
	size_t nerrors, nwarnings;
	int ch, status;

	prog_init("goalmap-check");
	table_opts_init(&opts);

	while ((ch = getopt_long(argc, argv, "c:d:hs:V", longopts, NULL)) != -1) {
		if (table_option(&opts, ch, optarg))
			continue;
		switch (ch) {
		case 'h':
			usage(EXIT_OK);
		case 's':
			standards_file = optarg;
			break;
		case 'V':
			print_version();
			return close_stdout() == 0 ? EXIT_OK : EXIT_TROUBLE;
		case OPT_CLUSTER:
			cluster = 1;
			break;
		case OPT_DOT:
			set_mode(MODE_DOT);
			break;
		case OPT_FORMAT:
			parse_format(optarg);
			break;
		case OPT_ORDER:
			set_mode(MODE_ORDER);
			break;
		case OPT_STATS:
			set_mode(MODE_STATS);
			break;
		case OPT_STRICT:
			strict = 1;
			break;
		default:
			usage(EXIT_TROUBLE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		die(EXIT_TROUBLE, "too many operands: one goal map at a time");
	if (standards_file != NULL && strcmp(standards_file, "-") == 0 &&
	    (argc == 0 || strcmp(argv[0], "-") == 0))
		die(EXIT_TROUBLE, "-s -: the standards list and the goal map "
		    "cannot both be read from standard input");
	if (cluster && mode != MODE_DOT)
		die(EXIT_TROUBLE, "--cluster needs --dot");
	if (csv_findings && mode != MODE_CHECK)
		die(EXIT_TROUBLE, "--format csv writes findings and cannot be "
		    "combined with --order, --dot or --stats");

	if (standards_file != NULL && read_standards(standards_file, &st) < 0) {
		free_standards(&st);
		table_opts_free(&opts);
		return EXIT_DATA;
	}
	if (goalmap_load(&gm, argc > 0 ? argv[0] : NULL, &opts) < 0 &&
	    gm.nfindings == 0)
		die(EXIT_TROUBLE, "%s: %s", display_name(argc > 0 ? argv[0] :
		    NULL), strerror(errno));
	goalmap_advise(&gm, st.codes, st.lines, st.n, standards_file);

	nerrors = gm.nerrors;
	nwarnings = gm.nfindings - gm.nerrors;
	if (csv_findings)
		write_findings(&gm, writer_delim(&opts, gm.delim));
	else
		goalmap_report(&gm);
	if (nerrors == 0)
		write_output(&gm, standards_file != NULL ? &st : NULL);
	status = nerrors > 0 || (strict && nwarnings > 0) ? EXIT_DATA : EXIT_OK;

	goalmap_free(&gm);
	free_standards(&st);
	table_opts_free(&opts);
	if (close_stdout() != 0)
		status = EXIT_TROUBLE;
	return status;
}
