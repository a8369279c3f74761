/* goalkit: see LICENSE. The data progress-chart draws, shared by its views. */
#ifndef PROGRESS_CHART_H
#define PROGRESS_CHART_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "goalmap.h"
#include "strmap.h"
#include "table.h"

/* Status of a student on a goal, in the order legends list them. */
enum status {
	ST_MASTERED,
	ST_PROGRESSING,
	ST_STALLED,
	ST_SLIPPED,
	ST_NOT_STARTED,		/* also every pair no input mentions */
	NSTATUS
};

/* A mastery table row, or what the evidence log gives without one. */
struct cell {
	unsigned char status;	/* enum status */
	unsigned char has_estimate;
	float	 estimate;	/* proportion 0..1 */
	float	 threshold;	/* proportion 0..1 */
	int32_t	 mastered_day;	/* in the units of point.day, or NODAY */
	uint32_t evidence;	/* evidence count used */
	size_t	 stalled_activity; /* activity index, or NOINDEX */
};

#define NODAY	INT32_MIN
#define NOINDEX	((size_t)-1)

/* One evidence record that no later record voids. */
struct point {
	size_t	 student;
	size_t	 goal;
	size_t	 activity;	/* activity index, or NOINDEX */
	size_t	 seq;		/* position in the input, for ties */
	double	 day;		/* days since 1970-01-01, or the student's
				   evidence number 1, 2, ... when !have_times */
	double	 key;		/* without times: the order key or input
				   position that numbered it */
	double	 proportion;	/* score / max_score */
	double	 count;		/* score, the count of a timed probe */
	double	 minutes;	/* length of a timed probe, 0 when untimed */
	double	 errors;	/* errors counted, < 0 when not given */
	char	 assessor;	/* 't'eacher, 's'elf, 'p'eer, 'y' system */
};

/* One row of a suggestions table, strings owned. */
struct suggestion {
	size_t	 student;
	size_t	 seq;		/* position in the input, for ties */
	long	 rank;
	char	*goal;
	char	*activity;
	char	*type;
	char	*choice;
	char	*reason;
	double	 fit;		/* < 0 when not given */
};

/* Everything read from the inputs, with students and goals in display order. */
struct chart {
	const struct table_opts *opts;	/* for the evidence and mastery inputs */
	struct table_opts side_opts;	/* opts without -c, for -G, -R and -S */
	struct goalmap *gm;	/* NULL without -G */
	int	 roster;	/* students come from -R */
	struct strmap students;	/* id -> student index */
	char	**grade;	/* per student, "" when unknown */
	char	**group;
	struct strmap goals;	/* id -> goal index (the goal map's, with -G) */
	struct strmap activities;
	size_t	*student_order;	/* display order of student indexes */
	size_t	*goal_order;
	size_t	 nstudents;
	size_t	 ngoals;
	struct cell *cells;	/* nstudents * ngoals, by student then goal */
	int	 have_mastery;	/* a mastery table was read */
	int	 have_evidence;	/* an evidence log was read */
	int	 have_times;	/* no evidence lacks a calendar time */
	struct point *points;	/* sorted by student, goal, day, seq */
	size_t	 npoints;
	struct suggestion *sugg; /* sorted by student then rank */
	size_t	 nsugg;
	double	 threshold;	/* default threshold, -t */
	char	**inputs;	/* input names, for the report */
	size_t	 ninputs;
};

/* The cell of student s on goal g. */
#define CELL(c, s, g)	(&(c)->cells[(s) * (c)->ngoals + (g)])

/* Drawing settings from the command line that the views need. */
struct view {
	FILE	*out;
	int	 ascii;		/* plain ASCII text instead of Unicode */
	int	 width;		/* terminal columns */
	const char *goal;	/* -g: only this goal, or NULL */
	const char *date;	/* the report date, YYYY-MM-DD */
	int	 page_rows;	/* students per heatmap page */
	long	 page;		/* --page: the page to draw, 0 for all */
};

/* load.c */
void	 chart_init(struct chart *, const struct table_opts *,
	    double threshold);
int	 chart_load_goalmap(struct chart *, const char *path);
int	 chart_load_roster(struct chart *, const char *path);
int	 chart_load_table(struct chart *, const char *path, double max_score);
int	 chart_load_suggestions(struct chart *, const char *path);
size_t	 chart_add_student(struct chart *, const char *id, int *added);
void	 chart_finish(struct chart *);
void	 chart_free(struct chart *);
const char *goal_id(const struct chart *, size_t g);
const char *student_id(const struct chart *, size_t s);
const char *activity_id(const struct chart *, size_t a);
int	 goal_is_core(const struct chart *, size_t g);
size_t	 student_points(const struct chart *, size_t s, size_t *first);
size_t	 goal_points(const struct chart *, const struct point *,
	    size_t n, size_t g, size_t *first);
size_t	 proportion_count(const struct point *, size_t n);
void	 format_day(double day, char *buf, size_t size);
const char *status_name(int status);

/* width.c */
size_t	 utf8_decode(const char *s, unsigned long *cp);
int	 char_width(unsigned long cp);
int	 text_width(const char *s);
int	 text_width_n(const char *s, size_t len);
size_t	 utf8_length(const char *s);
size_t	 utf8_prefix(const char *s, size_t max);

/* text.c */
void	 text_student(const struct chart *, const struct view *, size_t s);
void	 text_class(const struct chart *, const struct view *);
void	 text_tracking_sheet(const struct chart *, const struct view *,
	    size_t s);
void	 write_summary(const struct chart *, FILE *out, int delim, int excel);
size_t	 tracking_goals(const struct chart *, size_t s, size_t *goals,
	    unsigned char *ready);
void	 unmet_requirements(const struct chart *, size_t s, size_t g,
	    char *buf, size_t size);
void	 i_can(const char *statement, char *buf, size_t size);
void	 count_statuses(const struct chart *, size_t s, size_t *counts,
	    size_t *core, size_t *core_mastered);

/* svg.c */
/* Write s with &, <, >, " and ' escaped for XML and HTML. */
void	 put_escaped(FILE *, const char *s);
void	 put_escaped_n(FILE *, const char *s, size_t n);
void	 put_label(FILE *, const char *id, size_t max);
struct svg {
	FILE	*out;
	int	 inline_html;	/* inside an HTML page: no XML declaration */
	unsigned id;		/* distinct prefix of element ids */
};
void	 svg_begin(struct svg *, double width, double height,
	    const char *title);
void	 svg_end(struct svg *);
void	 svg_defs_status(struct svg *);
void	 svg_status_fill(struct svg *, int status, char *buf, size_t size);
const char *status_colour(int status);
const char *status_letter(int status);
void	 svg_student(struct svg *, const struct chart *, size_t s,
	    const char *goal);
void	 svg_class(struct svg *, const struct chart *, size_t first,
	    size_t n, const char *subtitle);
void	 svg_class_summary(struct svg *, const struct chart *,
	    const char *note);
void	 svg_class_page(struct svg *, const struct chart *,
	    const struct view *);
/* map.c */
void	 svg_map(struct svg *, const struct chart *, size_t s);

/* celeration.c */
void	 svg_celeration(struct svg *, const struct chart *, size_t s,
	    const char *goal);

/* html.c */
void	 html_report(const struct chart *, const struct view *);
void	 html_student(const struct chart *, const struct view *, size_t s);
void	 html_tracking_sheet(const struct chart *, const struct view *,
	    size_t s);

#endif
