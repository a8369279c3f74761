/* goalkit: see LICENSE. Loading the list of performance verbs and their levels. */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "analyze.h"

static const char *const level_names[] = {
	"", "remember", "understand", "apply", "analyze", "evaluate", "create",
	"vague", "teacher"
};

const char *
level_name(enum level l)
{
	if (l > LEVEL_TEACHER)
		return "";
	return level_names[l];
}

static enum level
parse_level(const char *s, size_t len)
{
	size_t i;

	for (i = LEVEL_REMEMBER; i <= LEVEL_TEACHER; i++)
		if (strlen(level_names[i]) == len &&
		    memcmp(level_names[i], s, len) == 0)
			return (enum level)i;
	return LEVEL_NONE;
}

/*
 * Lowercase the words of s[0..len) into a new string with one space between
 * them and count them.
 */
static char *
clean_term(const char *s, size_t len, size_t *nwords)
{
	char *out = xmalloc(len + 1), *q = out;
	size_t i;

	*nwords = 0;
	for (i = 0; i < len; i++) {
		if (s[i] == ' ') {
			if (q > out && q[-1] != ' ')
				*q++ = ' ';
			continue;
		}
		if (q == out || q[-1] == ' ')
			(*nwords)++;
		*q++ = tolower((unsigned char)s[i]);
	}
	if (q > out && q[-1] == ' ')
		q--;
	*q = '\0';
	return out;
}

/* Add one line "TERM<TAB>LEVEL[<TAB>noun]"; report and return -1 when bad. */
static int
add_line(struct verbs *vs, char *line, size_t lineno)
{
	char *tab, *tab2, *term;
	struct verb *v;
	size_t nwords, old;
	enum level level;

	if ((tab = strchr(line, '\t')) == NULL) {
		diag_error(vs->file, lineno, "expected TERM<tab>LEVEL '%s'", line);
		return -1;
	}
	if ((tab2 = strchr(tab + 1, '\t')) == NULL)
		tab2 = tab + 1 + strlen(tab + 1);
	if ((level = parse_level(tab + 1, tab2 - tab - 1)) == LEVEL_NONE) {
		diag_error(vs->file, lineno, "level: unknown level '%.*s' "
		    "(allowed remember, understand, apply, analyze, evaluate, "
		    "create, vague, teacher)", (int)(tab2 - tab - 1), tab + 1);
		return -1;
	}
	if (*tab2 != '\0' && strcmp(tab2 + 1, "noun") != 0) {
		diag_error(vs->file, lineno, "kind: unknown kind '%s' "
		    "(allowed noun)", tab2 + 1);
		return -1;
	}
	term = clean_term(line, tab - line, &nwords);
	if (nwords == 0) {
		diag_error(vs->file, lineno, "term: empty term");
		free(term);
		return -1;
	}
	if (!strmap_put(&vs->map, term, strlen(term), vs->n, &old)) {
		diag_error(vs->file, lineno, "term: '%s' is listed twice", term);
		free(term);
		return -1;
	}
	vs->v = xreallocarray(vs->v, vs->n + 1, sizeof(*vs->v));
	v = &vs->v[vs->n++];
	v->term = term;
	v->level = level;
	v->noun = *tab2 != '\0';
	v->nwords = nwords;
	if (nwords > vs->maxwords)
		vs->maxwords = nwords;
	return 0;
}

void
verbs_load(struct verbs *vs, const char *path)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, lineno = 0, bad = 0;
	ssize_t len;

	memset(vs, 0, sizeof(*vs));
	strmap_init(&vs->map);
	vs->file = xstrdup(path);
	if ((fp = fopen(path, "r")) == NULL)
		die(EXIT_TROUBLE, "%s: %s", path, strerror(errno));
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		/* The byte order mark that spreadsheets and Notepad write. */
		if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0) {
			memmove(line, line + 3, len - 2);
			len -= 3;
		}
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (add_line(vs, line, lineno) == -1)
			bad++;
	}
	if (ferror(fp))
		die(EXIT_TROUBLE, "%s: %s", path, strerror(errno));
	free(line);
	fclose(fp);
	if (bad > 0)
		exit(EXIT_DATA);
	if (vs->n == 0)
		die(EXIT_DATA, "%s: the verb list is empty", path);
}

void
verbs_free(struct verbs *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++)
		free(vs->v[i].term);
	free(vs->v);
	free(vs->file);
	strmap_free(&vs->map);
}

const struct verb *
verbs_get(const struct verbs *vs, const char *key, size_t len)
{
	size_t i;

	if (!strmap_get(&vs->map, key, len, &i))
		return NULL;
	return &vs->v[i];
}
