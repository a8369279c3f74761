/* goalkit: see LICENSE. Data shared by the parts of suggest-activity. */
#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>
#include <stdint.h>

#include "goalmap.h"
#include "strmap.h"
#include "table.h"

/* Index meaning "no activity" or "no goal". */
#define NONE	((size_t)-1)

/* Status of a student on a goal, in the order goals are offered. */
enum status {
	ST_STALLED,
	ST_SLIPPED,
	ST_PROGRESSING,
	ST_NOT_STARTED,
	ST_MASTERED
};

enum place {
	PLACE_ANY,
	PLACE_SCHOOL,
	PLACE_HOME
};

enum home_access {
	HOME_UNKNOWN,
	HOME_ONLINE,
	HOME_OFFLINE,
	HOME_NONE
};

/*
 * One student and goal from the mastery table.  Numbers that the table
 * leaves empty are negative; days count from 1970-01-01.
 */
struct cell {
	float	 estimate;
	float	 threshold;
	float	 mastered_day;
	float	 last_day;
	size_t	 stalled;	/* stalled_activity as an activity name index */
	size_t	 last;		/* last_activity as an activity name index */
	unsigned char status;
	unsigned char seen;	/* a row of the table gave it */
};

/* How often a student used one activity, for variety. */
struct use {
	size_t	 activity;
	size_t	 count;
};

struct student {
	int	 listed;	/* in the mastery table or the roster */
	int	 rostered;	/* a roster row gave it */
	int	 has_prefs;	/* a preferences row gave it */
	enum home_access home;
	size_t	*likes;		/* tag indexes */
	size_t	 nlikes;
	size_t	*dislikes;
	size_t	 ndislikes;
	unsigned char *interest; /* per goal, NULL when there are none */
	double	 norm2;		/* squared length of the estimate vector */
	struct use *uses;	/* sorted by activity */
	size_t	 nuses;
};

struct activity {
	char	*id;
	size_t	*goals;
	size_t	 ngoals;
	size_t	*requires;
	size_t	 nrequires;
	size_t	 type;		/* tag index; the empty tag when not given */
	size_t	*features;	/* tag indexes */
	size_t	 nfeatures;
	enum place place;
	int	 online;	/* needs is "online" */
	size_t	 line;		/* line of its catalog row */
};

/*
 * Past effectiveness of one activity for one goal: n students used it
 * and had later evidence, k of them improved.  sum_all and sum_good are
 * the sums of the unit profile vectors of those students (and of those
 * who improved), one entry per goal, for the cosine weights.
 */
struct effect {
	size_t	 n;
	size_t	 k;
	double	*sum_all;
	double	*sum_good;
};

/* Everything the program has read, owned by the program until exit. */
struct world {
	struct goalmap gm;
	const struct table_opts *opts;

	size_t	 ngoals;
	size_t	**needs;	/* per goal: requires and parts */
	size_t	*nneeds;
	size_t	*unlocks;	/* per goal: goals that depend on it */
	size_t	**grade_core;	/* per goal: core goals of its grade */
	size_t	*ngrade_core;

	struct strmap activity_ids; /* every name seen, catalog ones first */
	struct activity *acts;	/* the catalog, nacts entries */
	size_t	 nacts;
	size_t	**goal_acts;	/* per goal: aligned catalog activities */
	size_t	*ngoal_acts;
	size_t	*effect_off;	/* per goal: its first entry in effects */
	struct effect *effects;	/* one per goal and aligned activity */
	int	 have_evidence;

	struct strmap tags;	/* types and features */

	struct strmap student_ids;
	struct student *students;
	size_t	 nstudents;
	size_t	 studentcap;
	struct cell *cells;	/* nstudents x ngoals */
};

/* Options that change what is suggested. */
struct settings {
	size_t	 count;		/* goals per student, -n */
	size_t	 alternatives;	/* activities per goal */
	double	 revisit_margin;
	double	 revisit_days;
	double	 max_score;
	const char *student;	/* only this one, or NULL */
};

/*
 * load.c.  Each loader reports data problems through diag_error(), so
 * the caller checks diag_errors() afterwards; a file that cannot be
 * opened or read exits with EXIT_TROUBLE.  load_mastery() returns the
 * delimiter of the table, which the output keeps.
 */
struct reader;
struct record;
void	 world_init(struct world *, const struct table_opts *);
void	 world_free(struct world *);
struct reader *open_table(const struct table_opts *, const char *path);
int	 next_record(struct reader *, struct record **);
void	 load_goals(struct world *, const char *path);
void	 load_catalog(struct world *, const char *path);
int	 load_mastery(struct world *, const char *path);
void	 load_roster(struct world *, const char *path);
void	 load_preferences(struct world *, const char *path);
size_t	 student_add(struct world *, const char *id, size_t len);
struct cell *cell_at(const struct world *, size_t student, size_t goal);
void	 compute_norms(struct world *);

/* effect.c */
int	 load_evidence(struct world *, const char *path,
	    const struct table_opts *, double max_score);
double	 effect_estimate(const struct world *, size_t student, size_t goal,
	    size_t slot, size_t *n, size_t *k);
size_t	 use_count(const struct world *, size_t student, size_t activity);

/* One activity offered for a goal. */
struct offer {
	size_t	 activity;
	double	 fit;
	double	 effect;
	size_t	 used_n;	/* students with evidence after it */
	size_t	 used_k;	/* of those, how many improved */
	size_t	 replaces;	/* activity it stands in for, or NONE */
	int	 other_type;	/* differs in type from the stalled activity */
};

/* Reason a goal is in a plan. */
enum pick_kind {
	PICK_STALLED,
	PICK_REVISIT,
	PICK_SLIPPED,
	PICK_PROGRESSING,
	PICK_NEW
};

/* One ranked goal of a student's plan, with its activities. */
struct pick {
	size_t	 goal;
	enum pick_kind kind;
	size_t	 stalled_goal;	/* for PICK_REVISIT: the goal it helps */
	int	 unmastered;	/* PICK_REVISIT: not mastered at all */
	int	 narrow;	/* PICK_REVISIT: mastered only narrowly */
	int	 long_ago;	/* PICK_REVISIT: mastered long before */
	int	 by_interest;	/* extended goal offered for an interest */
	struct offer *offers;
	size_t	 noffers;
	int	 coach;		/* the offers differ in instructional type */
};

struct plan {
	struct pick *picks;
	size_t	 n;
	size_t	 cap;
};

/*
 * rank.c.  plan_student() fills plan with the ranked goals of one
 * student, releasing the offers it held before; plan_free() releases all.
 */
struct writer;
void	 plan_student(const struct world *, const struct settings *,
	    size_t student, struct plan *);
void	 plan_free(struct plan *);
void	 write_suggestions(const struct world *, const struct settings *,
	    struct writer *);

/* groups.c */
void	 write_groups(const struct world *, const struct settings *,
	    size_t size, struct writer *);
void	 write_project_groups(const struct world *, const char *goals,
	    size_t size, struct writer *);

#endif
