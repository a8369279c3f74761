/* goalkit: see LICENSE. Declarations shared by the files of goal-analyze. */
#ifndef GOAL_ANALYZE_H
#define GOAL_ANALYZE_H

#include <stddef.h>

#include "goalmap.h"
#include "strmap.h"
#include "table.h"
#include "writer.h"

/*
 * Cognitive levels of the revised Bloom taxonomy, in order, so that the
 * distance between two levels is their difference.  LEVEL_VAGUE marks a
 * verb that names no observable performance and LEVEL_TEACHER a verb that
 * describes teaching; neither has a cognitive level.
 */
enum level {
	LEVEL_NONE,
	LEVEL_REMEMBER,
	LEVEL_UNDERSTAND,
	LEVEL_APPLY,
	LEVEL_ANALYZE,
	LEVEL_EVALUATE,
	LEVEL_CREATE,
	LEVEL_VAGUE,
	LEVEL_TEACHER
};

#define LEVEL_IS_COGNITIVE(l)	((l) >= LEVEL_REMEMBER && (l) <= LEVEL_CREATE)

/* One term of the verb list: a verb of one or more words, or a noun. */
struct verb {
	char	*term;		/* lowercase words separated by one space */
	enum level level;
	int	 noun;		/* used only to read activity titles */
	size_t	 nwords;
};

/* The verb list; terms are owned. */
struct verbs {
	struct verb *v;
	size_t	 n;
	struct strmap map;	/* term -> index into v */
	size_t	 maxwords;
	char	*file;		/* the file it was read from, owned */
};

/*
 * Load the verb list from path.  Print "prog: FILE:LINE: ..." for each bad
 * line and exit with EXIT_DATA when there was one; exit with EXIT_TROUBLE
 * when path cannot be read.
 */
void	 verbs_load(struct verbs *, const char *path);
void	 verbs_free(struct verbs *);

/* The term spelled exactly as key (len bytes), or NULL. */
const struct verb *verbs_get(const struct verbs *, const char *key, size_t len);

/* Name of a level ("apply"), "" for LEVEL_NONE. */
const char *level_name(enum level);

/*
 * A statement split into tokens: words (letters, digits and the
 * apostrophes, hyphens, slashes and dots inside them, lowercased) and
 * single punctuation characters.
 */
struct token {
	size_t	 off;		/* byte offset in the statement */
	size_t	 len;
	char	*low;		/* lowercase copy, owned */
	int	 word;
};

struct tokens {
	struct token *t;
	size_t	 n;
};

void	 tokenize(const char *s, struct tokens *);
void	 tokens_free(struct tokens *);

/* Finding codes of the statement analysis, in the order they are written. */
enum {
	F_NO_VERB = 1 << 0,
	F_VAGUE = 1 << 1,
	F_TEACHER = 1 << 2,
	F_COMPOUND = 1 << 3,
	F_TOO_LONG = 1 << 4,
	F_NO_CRITERIA = 1 << 5,
	F_SAME_STANDARD = 1 << 6,
	F_SAME_GOAL = 1 << 7
};

#define MAX_PARTS 8		/* performances named in a compound message */

/* The result of analysing one statement; verb pointers point into the verb list. */
struct analysis {
	const struct verb *verb;	/* the main verb, or NULL */
	enum level level;		/* of the main verb; LEVEL_NONE if vague */
	unsigned findings;
	const struct verb *parts[MAX_PARTS];	/* performances joined */
	size_t	 nparts;		/* may exceed MAX_PARTS */
	const struct verb *vague;	/* first vague verb, for the message */
	size_t	 words;
	size_t	 start;		/* offset where the performance starts */
	size_t	 verb_off;	/* offset of an inflected main verb ("plans") */
	size_t	 verb_len;	/* its length, 0 when the verb is a base form */
	char	*norm;		/* normalised statement, owned */
	size_t	 same_goal;	/* index of an equal goal, or NOGOAL */
	size_t	 same_std;	/* index of an equal standard, or NOGOAL */
};

#define NOGOAL	((size_t)-1)

/*
 * Analyse statement s with the verb list: find its main verb and level
 * and set the findings that depend on the statement alone (F_NO_VERB to
 * F_TOO_LONG, with more than max_words words).  Release with
 * analysis_free().
 */
void	 analyse_statement(const struct verbs *, const char *s,
	    size_t max_words, struct analysis *);
void	 analysis_free(struct analysis *);

/*
 * The highest cognitive level named by a verb or noun of text (any
 * inflection).  Return the level, LEVEL_NONE when there is none; *term
 * gets the first term found at that level.
 */
enum level text_level(const struct verbs *, const char *text,
	    const struct verb **term);

/*
 * Return s without its HTML tags, with every run of blanks, tags and
 * "&nbsp;" made one space and none at either end.  Release with free().
 */
char	*plain_text(const char *s);

/* s lowercased, with every run of punctuation and blanks made one space. */
char	*normalise(const char *s);

/* A standards table: ids and descriptions, owned. */
struct standards {
	char	**id;
	char	**description;
	size_t	*line;
	size_t	 n;
	struct strmap ids;
	char	*file;
};

/* Load a standards table; exits like goalmap_load_or_exit() on problems. */
void	 standards_load(struct standards *, const char *path,
	    const struct table_opts *);
void	 standards_free(struct standards *);

/* Everything a mode needs. */
struct context {
	struct goalmap gm;
	struct verbs verbs;
	struct standards *std;		/* NULL without --standards */
	struct analysis *an;		/* one per goal */
	const struct table_opts *topts;
	int	 explain;		/* write sentences, not only codes */
	size_t	 max_words;
};

/* Analyse every goal of the map into c->an, including the findings that compare goals. */
void	 analyse_map(struct context *);

/* Write the statement analysis table.  Return an exit status. */
int	 write_findings(struct context *);

/* The goal-centred modes.  Each returns an exit status. */
int	 write_tree(struct context *, size_t root);
int	 write_explanation(struct context *, size_t root);
int	 write_path(struct context *, const size_t *targets, size_t ntargets,
	    const char *mastered, const char *student);
int	 write_coverage(struct context *);
int	 write_alignment(struct context *, const char *activities);

#endif
