/* goalkit: see LICENSE. Shared state of mastery-calc, split by concern. */
#ifndef MASTERY_CALC_H
#define MASTERY_CALC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "goalmap.h"
#include "strmap.h"
#include "table.h"

enum method {
	M_LATEST,
	M_HIGHEST,
	M_MEAN,
	M_WEIGHTED,
	M_DECAYING,
	M_NTIMES,
	M_BKT
};

enum assessor {
	AS_TEACHER,
	AS_SELF,
	AS_PEER,
	AS_SYSTEM,
	AS_COUNT
};

/* Kind of the time column, which orders evidence: absent, ISO 8601, integers. */
enum time_kind {
	TK_NONE,
	TK_DATE,
	TK_INT
};

/*
 * A stamp is a time as printed in the output, packed into an int64_t so
 * per-pair state stays small: seconds (or the integer ordering key) in the
 * high bits, the UTC offset and the form in the low 14.  STAMP_NONE is
 * "no time".
 */
#define STAMP_NONE	INT64_MIN

/* BKT parameters of one goal. */
struct bkt_params {
	double	 prior;		/* P(mastered) before the first evidence */
	double	 learn;		/* P(unmastered -> mastered) per step */
	double	 guess;		/* P(correct | unmastered) */
	double	 slip;		/* P(incorrect | mastered) */
	double	 forget;	/* P(mastered -> unmastered) per step */
};

/* The settings every part of the program reads; filled by main(). */
struct config {
	struct table_opts topts;
	enum method method;
	double	 weight;	/* W of the averages */
	long	 ntimes;	/* N of n-times */
	char	 method_name[64];
	double	 threshold;	/* a proportion; < 0 when not given */
	double	 scale;		/* 0 for proportions, else N */
	double	 max_score;	/* for rows without max_score */
	double	 correct_at;
	long	 stall_window;
	long	 min_evidence;
	int	 counted[AS_COUNT];	/* assessors counted toward mastery */
	int	 order_recorded;	/* --order-by recorded */
	int	 explain;
	int	 calibration;
	int	 by_goal;
	double	 window_days;
	int	 rates;
	double	 interim_factor;
	const char *params_file;
	const char *fit_file;
	double	 max_guess;
	double	 max_slip;
	const char *goals_file;
	const char *roster_file;
};

/* One piece of evidence kept in memory, for replays, --explain and fits. */
struct piece {
	int64_t	 key;		/* ordering key */
	uint64_t seq;		/* position in the input, for ties */
	int64_t	 time;
	double	 prop;		/* proportion 0..1 */
	double	 score;		/* untimed: score and maximum, as read */
	double	 max;
	float	 rate;		/* count per minute; < 0 when untimed */
	float	 error_rate;	/* errors per minute; < 0 when unknown */
	uint32_t pair;
	uint32_t activity;	/* index + 1 into activity names; 0 for none */
	uint32_t line;
	uint32_t src;		/* merged criteria: first of their sources */
	uint32_t nsrc;		/* merged criteria: rows merged, else 0 */
	uint16_t file;
	uint8_t	 assessor;
	uint8_t	 criterion;	/* scored on one rubric criterion */
};

/* File and line of a row merged into a piece of criteria, for --explain. */
struct source {
	uint32_t line;
	uint16_t file;
};

/*
 * Per student and goal: the running state of the method and of the
 * status, updated one piece at a time in time order.
 */
struct pair {
	uint32_t student;
	uint32_t goal;
	uint32_t n;		/* pieces folded in */
	uint32_t nqual;		/* n-times: pieces at or above threshold */
	double	 est;		/* running estimate (P(mastered) for bkt) */
	double	 sum;		/* sum of proportions */
	double	 qsum;		/* n-times: sum of qualifying proportions */
	double	 last;		/* latest proportion */
	int64_t	 last_key;
	int64_t	 first_time;
	int64_t	 last_time;
	int64_t	 mastered_time;
	uint32_t last_activity;
	uint32_t run_activity;	/* activity of the current run */
	uint32_t run_len;	/* length of the run of one activity */
	float	 last_rate;	/* fluency: latest rate, < 0 when none */
	uint8_t	 has_est;
	uint8_t	 mastered;
	uint8_t	 was_mastered;
	uint8_t	 dirty;		/* arrived out of order or lost a record */
};

/* Running least-squares sums of a pair's timings, for --rates. */
struct rate_state {
	double	 sx, sy, sxx, sxy;	/* days since first timing, log10 rate */
	uint32_t ntimings;	/* timings with a positive rate */
	uint32_t nall;		/* every timing */
	int64_t	 first_day;
	int64_t	 last_day;
	uint32_t ndays;		/* distinct days, counted as they change */
	float	 rate;
	float	 error_rate;
};

/* Rows folded LOOKAHEAD rows after their pair is located, see queue_piece(). */
#define LOOKAHEAD	8
#define FLIGHTS		(2 * LOOKAHEAD)

/*
 * A piece as the spill file keeps it, in 48 bytes instead of 80: what a
 * replay needs and no more.  The low 56 bits of seq_flags are the
 * position, the bits above the assessor and two flags.  Of the two
 * values, a piece scored on a criterion keeps its score and maximum, a
 * timed probe its proportion and rates (as floats), and any other piece
 * its proportion.
 */
struct spilled {
	int64_t	 key;
	int64_t	 time;
	uint64_t seq_flags;
	union {
		double	 score_max[2];
		struct {
			double	 prop;
			float	 rate;
			float	 error_rate;
		} probe;
	} value;
	uint32_t pair;
	uint32_t activity;
};

/* Pieces written to the spill file at a time. */
#define SPILL_BATCH	4096

/* A row read but not yet folded, with the ids of its pair. */
struct flight {
	struct piece pc;
	uint32_t student;
	uint32_t goal;
	uint32_t sid_off;	/* student id in the batch's text, until interned */
	uint32_t sid_len;
	/*
	 * For a goal this row is the first to name, its --params index, or
	 * -1 when it has none.  NEW_GOAL_NO for a goal named before.
	 */
	int32_t	 new_goal;
	int	 located;	/* pc.pair is set */
};

#define NEW_GOAL_NO	(-2)

/* A slot of the pair hash; pair is the index + 1, 0 for an empty slot. */
struct slot {
	uint32_t student;
	uint32_t goal;
	uint32_t pair;
};

/* Everything read from the evidence, owned by main(). */
struct book {
	struct config *cfg;
	struct goalmap *gm;		/* NULL without -G */
	struct strmap students;
	struct strmap goals;
	struct strmap activities;
	char	**files;		/* operands, "-" for standard input */
	size_t	 nfiles;
	enum time_kind time_kind;
	int	 delim;			/* delimiter of the first input */

	struct pair *pairs;
	size_t	 npairs;
	size_t	 pairs_cap;
	struct slot *slots;		/* hash of (student, goal) -> pair */
	size_t	 nslots;
	float	*ring;			/* stall_window latest proportions a pair */
	struct rate_state *rstate;	/* --rates only */

	struct piece *pieces;
	size_t	 npieces;
	size_t	 pieces_cap;
	int	 keep_all;		/* sequence mode: keep every piece */
	FILE	*spill;			/* every piece of the first pass */
	struct spilled *spill_buf;	/* pieces not written yet */
	size_t	 nspill;
	int	 spill_errno;		/* the first write error, 0 for none */
	struct flight flights[FLIGHTS];	/* rows queued for folding */
	uint64_t nqueued;
	uint64_t ntaken;

	struct piece *lessons;		/* per pair, criteria not folded yet */
	size_t	 lessons_cap;
	struct source *sources;		/* rows of merged criteria */
	size_t	 nsources;
	size_t	 sources_cap;

	struct strmap voided;		/* record ids that some record voids */
	uint64_t *voided_seqs;		/* positions of voided records */
	size_t	 nvoided_seqs;
	size_t	 ndirty;

	double	*goal_threshold;	/* per goal, a proportion */
	double	*goal_aim;		/* per goal, < 0 when none */
	struct bkt_params *bkt;		/* per goal */
	struct strmap param_ids;	/* goals named in --params */
	struct bkt_params *params;	/* their parameters */
	size_t	 goals_cap;

	size_t	 unassessed;		/* rows without a score */
	size_t	 uncounted;		/* rows of assessors not counted */
	size_t	 counted;		/* rows that count toward mastery */
	int	 failed;		/* a data error was reported */
};

/* evidence.c */
void	 book_init(struct book *, struct config *, struct goalmap *);
void	 book_free(struct book *);
void	 book_read(struct book *);
uint32_t book_goal(struct book *, const char *id, size_t len);
void	 book_set_params(struct book *, const char *id, size_t len,
	    const struct bkt_params *);
void	 book_refold(struct book *);
const char *book_activity(const struct book *, uint32_t activity);
int64_t	 stamp_pack(int64_t secs, int offset_min, int form);
size_t	 stamp_format(int64_t, char *buf, size_t size);
double	 stamp_days(int64_t);
int	 stamp_day(int64_t, int64_t *day);
void	 spool_stdin(void);

/* methods.c */
void	 pair_reset(struct book *, struct pair *);
void	 pair_fold(struct book *, struct pair *, const struct piece *);
int	 pair_stalled(const struct book *, const struct pair *);
void	 pieces_sort(struct piece *, size_t n);
void	 method_weights(const struct book *, const struct piece *, size_t n,
	    double *weights);
int	 parse_method(struct config *, const char *arg);

/* bkt.c */
void	 bkt_defaults(struct bkt_params *);
double	 bkt_step(const struct bkt_params *, double p, int correct);
void	 bkt_read_params(struct book *, const char *path);
void	 bkt_fit(struct book *, const char *path);

/* output.c */
void	 write_mastery(struct book *);
void	 write_explain(struct book *);

/* rates.c */
void	 rate_fold(struct book *, struct rate_state *, const struct piece *);
void	 write_rates(struct book *);

/* calibration.c */
void	 write_calibration(struct book *);

/* Output helpers shared by the writers, in output.c. */
struct writer;
void	 put_value(const struct book *, struct writer *, double proportion);
void	 put_stamp(struct writer *, int64_t);
size_t	*rank_names(const struct strmap *, size_t n);
size_t	*sorted_pairs(const struct book *, const size_t *srank,
	    const size_t *grank);

#endif
