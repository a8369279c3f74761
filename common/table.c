/* goalkit: see LICENSE. Options every table-reading program shares. */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "table.h"
#include "util.h"

void
table_opts_init(struct table_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->list_sep = ';';
}

void
table_opts_free(struct table_opts *o)
{
	free(o->map);
	o->map = NULL;
	o->nmap = 0;
	free(o->nulls);
	o->nulls = NULL;
	o->nnulls = 0;
}

/*
 * A one-character argument; "tab" and "\t" name the tab.  It must be
 * ASCII, because a byte of a UTF-8 sequence would split characters.
 */
static int
parse_char(const char *option, const char *arg)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		return '\t';
	if (strlen(arg) != 1 || (unsigned char)arg[0] >= 0x80 ||
	    arg[0] == '"' || arg[0] == '\n' || arg[0] == '\r')
		die(EXIT_TROUBLE, "%s: invalid character '%s' (expected one "
		    "ASCII character other than a quote or newline, or 'tab')",
		    option, arg);
	return (unsigned char)arg[0];
}

/* Trim spaces and tabs around arg in place.  An empty word is an error. */
static const char *
trim_word(char *arg)
{
	size_t len;

	while (*arg == ' ' || *arg == '\t')
		arg++;
	len = strlen(arg);
	while (len > 0 && (arg[len - 1] == ' ' || arg[len - 1] == '\t'))
		arg[--len] = '\0';
	if (len == 0)
		die(EXIT_TROUBLE, "--null: empty word (an empty cell is "
		    "empty already)");
	return arg;
}

static void
add_mapping(struct table_opts *o, char *arg)
{
	char *eq;

	eq = strchr(arg, '=');
	if (eq == NULL || eq == arg || eq[1] == '\0')
		die(EXIT_TROUBLE, "-c: invalid mapping '%s' (expected "
		    "role=name, e.g. student_id=user_id)", arg);
	o->map = xreallocarray(o->map, o->nmap + 1, sizeof(*o->map));
	*eq = '\0';
	o->map[o->nmap].role = arg;
	o->map[o->nmap].name = eq + 1;
	o->nmap++;
}

int
table_option(struct table_opts *o, int opt, const char *arg)
{
	switch (opt) {
	case 'c':
		/* The argument lives in argv, which outlives the options. */
		add_mapping(o, (char *)arg);
		return 1;
	case 'd':
		o->delim = parse_char("-d", arg);
		return 1;
	case OPT_CSV:
		o->out_delim = ',';
		return 1;
	case OPT_TSV:
		o->out_delim = '\t';
		return 1;
	case OPT_LIST_SEP:
		o->list_sep = parse_char("--list-sep", arg);
		return 1;
	case OPT_DECIMAL_COMMA:
		o->decimal_comma = 1;
		return 1;
	case OPT_DATE_FORMAT:
		o->date_format = arg;
		return 1;
	case OPT_EXCEL:
		o->excel = 1;
		return 1;
	case OPT_NULL:
		/* Cells are compared trimmed, so the word is trimmed too. */
		o->nulls = xreallocarray(o->nulls, o->nnulls + 1,
		    sizeof(*o->nulls));
		o->nulls[o->nnulls++] = trim_word((char *)arg);
		return 1;
	default:
		return 0;
	}
}

const char *
table_column_name(const struct table_opts *o, const char *role)
{
	size_t i;

	/* The last mapping given wins, as with repeated options elsewhere. */
	for (i = o->nmap; i > 0; i--)
		if (strcasecmp(o->map[i - 1].role, role) == 0)
			return o->map[i - 1].name;
	return role;
}
