/* goalkit: see LICENSE. Options every table-reading program shares. */
#ifndef GOALKIT_TABLE_H
#define GOALKIT_TABLE_H

#include <getopt.h>
#include <limits.h>
#include <stddef.h>

/* One -c ROLE=NAME mapping: read column NAME where the program wants ROLE. */
struct colmap {
	char	*role;
	char	*name;
};

/*
 * Settings for reading and writing tables.  Zero-initialise, then call
 * table_opts_init().  Strings point into argv and are not owned;
 * the map array is owned and released by table_opts_free().
 */
struct table_opts {
	int	 delim;		/* input delimiter, 0 to detect */
	int	 out_delim;	/* output delimiter, 0 to follow the input */
	int	 list_sep;	/* separator of lists in a cell, default ';' */
	int	 decimal_comma;	/* accept 3,5 as a number */
	int	 excel;		/* BOM, CRLF and formula guard on output */
	const char *date_format; /* strptime format, NULL for ISO 8601 */
	struct colmap *map;
	size_t	 nmap;
	const char **nulls;	/* cells read as empty, such as NULL or NA */
	size_t	 nnulls;
};

/*
 * Long-only option ids of the shared options.  A program numbers its own
 * long-only options from OPT_PROGRAM on.
 */
enum {
	OPT_CSV = CHAR_MAX + 1,
	OPT_TSV,
	OPT_LIST_SEP,
	OPT_DECIMAL_COMMA,
	OPT_DATE_FORMAT,
	OPT_EXCEL,
	OPT_NULL,
	OPT_PROGRAM = CHAR_MAX + 64
};

/*
 * Entries for a program's long_options table; its short options string
 * includes "c:d:hV".  -h and -V are handled by the program itself.
 */
#define TABLE_LONG_OPTIONS \
	{ "column",		required_argument,	NULL,	'c' }, \
	{ "csv",		no_argument,		NULL,	OPT_CSV }, \
	{ "date-format",	required_argument,	NULL,	OPT_DATE_FORMAT }, \
	{ "decimal-comma",	no_argument,		NULL,	OPT_DECIMAL_COMMA }, \
	{ "delimiter",		required_argument,	NULL,	'd' }, \
	{ "excel",		no_argument,		NULL,	OPT_EXCEL }, \
	{ "help",		no_argument,		NULL,	'h' }, \
	{ "list-sep",		required_argument,	NULL,	OPT_LIST_SEP }, \
	{ "null",		required_argument,	NULL,	OPT_NULL }, \
	{ "tsv",		no_argument,		NULL,	OPT_TSV }, \
	{ "version",		no_argument,		NULL,	'V' }

/* Usage text of the shared options, for a program's usage() line. */
#define TABLE_USAGE \
	"[--csv | --tsv] [--decimal-comma] [--excel] [-c role=name]\n" \
	"\t[-d delim] [--date-format fmt] [--list-sep c] [--null word]"

void	 table_opts_init(struct table_opts *);
void	 table_opts_free(struct table_opts *);

/*
 * Handle one shared option.  Return 1 when opt was a shared option,
 * 0 when it is not one.  A bad argument prints a message naming the
 * option and exits with EXIT_TROUBLE.
 */
int	 table_option(struct table_opts *, int opt, const char *arg);

/* The column name that ROLE is read from: its -c mapping, or ROLE itself. */
const char *table_column_name(const struct table_opts *, const char *role);

#endif
