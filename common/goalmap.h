/* goalkit: see LICENSE. Loading a goal map and checking its structure. */
#ifndef GOALKIT_GOALMAP_H
#define GOALKIT_GOALMAP_H

#include <stddef.h>

#include "graph.h"
#include "strmap.h"
#include "table.h"

enum scope {
	SCOPE_CORE,
	SCOPE_EXTENDED
};

/*
 * One goal.  Strings are owned by the goal map.  requires[] and part_of[]
 * hold indexes of known goals only; unknown names are findings.
 */
struct goal {
	char	*id;
	char	*statement;
	char	*grade;		/* "" when absent */
	char	*subject;
	char	*criteria;
	char	**standards;
	size_t	 nstandards;
	size_t	*requires;
	size_t	 nrequires;
	size_t	*part_of;
	size_t	 npart_of;
	enum scope scope;
	double	 threshold;	/* < 0 when the map gives none */
	double	 aim;		/* < 0 when the map gives none */
	size_t	 line;		/* physical line of the goal's record */
	char	**cells;	/* the whole input row, one per header column */
};

enum severity {
	SEV_ERROR,
	SEV_WARNING
};

/* One problem found in a goal map; code is a stable short name. */
struct finding {
	enum severity severity;
	const char *code;	/* static, e.g. "unknown-requires" */
	char	*goal_id;	/* "" when no goal is concerned; owned */
	const char *file;	/* NULL for the goal map, else e.g. the standards file */
	size_t	 line;
	char	*message;	/* owned, without the "FILE:LINE: " prefix */
};

/*
 * A loaded goal map.  goals[] are in file order; ids maps each id to its
 * index.  requires is the graph of edges goal -> required goal, part_of
 * the graph of edges part -> whole.
 */
struct goalmap {
	char	*file;		/* display name */
	struct goal *goals;
	size_t	 n;
	struct strmap ids;
	struct graph requires;
	struct graph part_of;
	char	**header;	/* input header names, for passing rows through */
	size_t	 nheader;
	int	 delim;		/* delimiter of the input */
	struct finding *findings;
	size_t	 nfindings;
	size_t	 nerrors;
	int	 has_standards;	/* the map has a standards column */
	int	 incomplete;	/* stopped early: no goal_id, bad CSV */
};

/*
 * Load a goal map from path ("-" for standard input) and run the checks
 * that every program needs.  Errors are missing columns, empty and
 * duplicate ids, unknown references (with the closest id suggested),
 * self-references, cycles in requires and part_of, core goals requiring
 * extended ones, and invalid scope, threshold and aim values.  Warnings
 * are names repeated in one list and doubled unread columns.  Rows with
 * an empty or repeated id are not kept.  Findings are collected in gm,
 * not printed.  Return 0 when the map was read (it may still hold errors:
 * see gm->nerrors), -1 when the file could not be opened or read (errno
 * set, no findings) or is not valid CSV (a finding gives the line).  Release
 * gm with goalmap_free() in every case.
 */
int	 goalmap_load(struct goalmap *gm, const char *path,
	    const struct table_opts *o);

/*
 * Add the advisory checks of goalmap-check, all warnings: redundant
 * requires edges, core goals without a standard (when the map has a
 * standards column) and requirements of a later grade.  With standards
 * non-NULL (n codes), also warn about standard codes not in the list and
 * listed standards that no goal covers.  std_lines gives each code's line
 * in std_file, which must outlive gm.  Does nothing when gm->incomplete
 * is set.
 */
void	 goalmap_advise(struct goalmap *gm, char *const *standards,
	    const size_t *std_lines, size_t n, const char *std_file);

/*
 * Print every finding as "prog: FILE:LINE: message" (warnings with
 * "warning: ").  Return the number of errors.
 */
size_t	 goalmap_report(const struct goalmap *);

/*
 * Load path and report its findings; exit with EXIT_DATA when it has
 * errors and EXIT_TROUBLE when it cannot be read.  For programs that only
 * consume a goal map.
 */
void	 goalmap_load_or_exit(struct goalmap *gm, const char *path,
	    const struct table_opts *o);

/* Index of goal id (len bytes), or (size_t)-1. */
size_t	 goalmap_find(const struct goalmap *, const char *id, size_t len);

/*
 * The goal id closest to id by edit distance, or NULL when none is near:
 * near is at most len / 3 edits (at least 1) and fewer than len, where
 * len is the length of id.  Ties go to the goal first in the file.
 */
const char *goalmap_closest(const struct goalmap *, const char *id);

void	 goalmap_free(struct goalmap *);

#endif
