/* goalkit: see LICENSE. Allocation, diagnostics and exit status shared by every program. */
#ifndef GOALKIT_UTIL_H
#define GOALKIT_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define GOALKIT_VERSION "0.1.0"

/*
 * Exit status of every program: 0 success, 1 the input data has problems,
 * 2 trouble (usage, I/O, memory).  Programs use these names, never literals.
 */
#define EXIT_OK		0
#define EXIT_DATA	1
#define EXIT_TROUBLE	2

/*
 * Set the program name used in messages and the C locale for numbers.
 * Call first in main().
 */
void	 prog_init(const char *name);
const char *prog_name(void);

/*
 * Print "PROG (goalkit) VERSION" to stdout for --version and exit: 0, or
 * EXIT_TROUBLE when standard output cannot be written.
 */
void	 print_version(void) __attribute__((noreturn));

/*
 * Exit with status after a usage message; a usage message requested with
 * --help (status EXIT_OK) that cannot be written exits with EXIT_TROUBLE.
 */
void	 exit_usage(int status) __attribute__((noreturn));

/*
 * Allocation wrappers: they never return NULL; on failure they print
 * "prog: Cannot allocate memory" and exit with EXIT_TROUBLE.
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/* Return one when n is 1, else many, for "1 goal" and "2 goals". */
const char *plural(size_t n, const char *one, const char *many);

/* Print "prog: fmt" and exit with status. */
void	 die(int status, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));

/*
 * Data diagnostics: "prog: FILE:LINE: message" and
 * "prog: FILE:LINE: warning: message".  FILE is shown as given, "-" and NULL
 * as <stdin>; LINE 0 omits the line number.  Each call counts toward
 * diag_errors() / diag_warnings().
 */
void	 diag_error(const char *file, size_t line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 diag_warn(const char *file, size_t line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 diag_verror(const char *file, size_t line, const char *fmt, va_list);
size_t	 diag_errors(void);
size_t	 diag_warnings(void);

/* Name of an input in messages: "<stdin>" for NULL or "-", else path. */
const char *display_name(const char *path);

/*
 * Flush and check standard output.  On error print "prog: <stdout>: ..."
 * and return -1; return 0 otherwise.  Call once before leaving main().
 */
int	 close_stdout(void);

/*
 * Parse an option argument as an integer in [min, max], or a real number
 * in [min, max].  On error print "prog: OPTION: invalid value 'ARG'" with
 * the allowed range, e.g. "(allowed 1-100)", and exit with EXIT_TROUBLE.
 * A real max of 1e15 or more means no upper bound, and the message then
 * reads "(allowed N or more)", or "(allowed a number above 0)" for a tiny
 * positive min.
 */
long long parse_int_option(const char *option, const char *arg,
	    long long min, long long max);
double	 parse_real_option(const char *option, const char *arg,
	    double min, double max);

/*
 * Compare two strings as people order ids: runs of digits by their value,
 * so "RATE.2" sorts before "RATE.10"; everything else byte by byte.  Equal
 * values with different leading zeros fall back to byte order, so the
 * order is total.  Returns <0, 0 or >0 as strcmp(3).
 */
int	 natural_cmp(const char *a, const char *b);

/*
 * Levenshtein distance between a and b, capped at limit + 1 so callers
 * can stop early.
 */
size_t	 edit_distance(const char *a, const char *b, size_t limit);

#endif
