/* goalkit: see LICENSE. Allocation, diagnostics and exit status shared by every program. */

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *progname = "goalkit";
static size_t nerrors;
static size_t nwarnings;

void
prog_init(const char *name)
{
	progname = name;
	/* Only the character type follows the user: numbers stay in the C locale. */
	setlocale(LC_CTYPE, "");
#ifdef __GLIBC__
	program_invocation_name = (char *)name;
	program_invocation_short_name = (char *)name;
#endif
}

const char *
prog_name(void)
{
	return progname;
}

void
print_version(void)
{
	printf("%s (goalkit) %s\n", progname, GOALKIT_VERSION);
	exit(close_stdout() == 0 ? EXIT_OK : EXIT_TROUBLE);
}

void
exit_usage(int status)
{
	if (status == EXIT_OK && close_stdout() != 0)
		status = EXIT_TROUBLE;
	exit(status);
}

static void
nomem(void)
{
	fprintf(stderr, "%s: %s\n", progname, strerror(ENOMEM));
	exit(EXIT_TROUBLE);
}

void *
xmalloc(size_t size)
{
	void *p;

	if ((p = malloc(size ? size : 1)) == NULL)
		nomem();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n ? n : 1, size ? size : 1)) == NULL)
		nomem();
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		nomem();
	if ((p = realloc(old, n * size != 0 ? n * size : 1)) == NULL)
		nomem();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char *p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/*
 * Print "prog: ", then head, the message and a newline, on standard error
 * in one call, so that a line printed by another thread cannot split it.
 */
static void
print_line(const char *head, const char *fmt, va_list ap)
{
	char small[512], *msg = small;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small) && (msg = malloc((size_t)n + 1)) != NULL)
		vsnprintf(msg, (size_t)n + 1, fmt, again);
	va_end(again);
	if (msg == NULL)
		msg = small;	/* cut short, for want of memory */
	fprintf(stderr, "%s: %s%s\n", progname, head, n < 0 ? fmt : msg);
	if (msg != small)
		free(msg);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	print_line("", fmt, ap);
	va_end(ap);
	exit(status);
}

const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

const char *
display_name(const char *path)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return "<stdin>";
	return path;
}

static void
diag_print(const char *file, size_t line, const char *kind, const char *fmt,
    va_list ap)
{
	char head[4096];

	if (line > 0)
		snprintf(head, sizeof(head), "%s:%zu: %s", display_name(file),
		    line, kind);
	else
		snprintf(head, sizeof(head), "%s: %s", display_name(file),
		    kind);
	print_line(head, fmt, ap);
}

void
diag_verror(const char *file, size_t line, const char *fmt, va_list ap)
{
	nerrors++;
	diag_print(file, line, "", fmt, ap);
}

void
diag_error(const char *file, size_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(file, line, fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *file, size_t line, const char *fmt, ...)
{
	va_list ap;

	nwarnings++;
	va_start(ap, fmt);
	diag_print(file, line, "warning: ", fmt, ap);
	va_end(ap);
}

size_t
diag_errors(void)
{
	return nerrors;
}

size_t
diag_warnings(void)
{
	return nwarnings;
}

int
close_stdout(void)
{
	int failed;

	failed = fflush(stdout) != 0 || ferror(stdout);
	if (!failed)
		return 0;
	fprintf(stderr, "%s: <stdout>: %s\n", progname,
	    strerror(errno ? errno : EIO));
	return -1;
}

long long
parse_int_option(const char *option, const char *arg, long long min,
    long long max)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (end == arg || *end != '\0' || errno == ERANGE || v < min ||
	    v > max)
		die(EXIT_TROUBLE, "%s: invalid value '%s' (allowed %lld-%lld)",
		    option, arg, min, max);
	return v;
}

double
parse_real_option(const char *option, const char *arg, double min,
    double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (end != arg && *end == '\0' && errno != ERANGE && isfinite(v) &&
	    v >= min && v <= max)
		return v;
	/* A huge max means "no upper bound", and a tiny min "above 0". */
	if (max >= 1e15 && min > 0 && min < 1e-6)
		die(EXIT_TROUBLE, "%s: invalid value '%s' (allowed a number "
		    "above 0)", option, arg);
	if (max >= 1e15)
		die(EXIT_TROUBLE, "%s: invalid value '%s' (allowed %g or more)",
		    option, arg, min);
	die(EXIT_TROUBLE, "%s: invalid value '%s' (allowed %g-%g)", option,
	    arg, min, max);
}

int
natural_cmp(const char *a, const char *b)
{
	const char *pa, *pb, *ea, *eb;
	size_t la, lb;

	pa = a;
	pb = b;
	while (*pa != '\0' && *pb != '\0') {
		if (isdigit((unsigned char)*pa) && isdigit((unsigned char)*pb)) {
			while (*pa == '0' && isdigit((unsigned char)pa[1]))
				pa++;
			while (*pb == '0' && isdigit((unsigned char)pb[1]))
				pb++;
			for (ea = pa; isdigit((unsigned char)*ea); ea++)
				;
			for (eb = pb; isdigit((unsigned char)*eb); eb++)
				;
			la = (size_t)(ea - pa);
			lb = (size_t)(eb - pb);
			if (la != lb)
				return la < lb ? -1 : 1;
			for (; pa < ea; pa++, pb++)
				if (*pa != *pb)
					return (unsigned char)*pa <
					    (unsigned char)*pb ? -1 : 1;
			continue;
		}
		if (*pa != *pb)
			return (unsigned char)*pa < (unsigned char)*pb ? -1 : 1;
		pa++;
		pb++;
	}
	if (*pa != *pb)
		return *pa == '\0' ? -1 : 1;
	return strcmp(a, b);
}

size_t
edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la, lb, i, j, best, *row, diag, up, cost, d;

	la = strlen(a);
	lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			up = row[j];
			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			d = diag + cost;
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
			if (d < best)
				best = d;
		}
		if (best > limit) {
			free(row);
			return limit + 1;
		}
	}
	d = row[lb];
	free(row);
	return d > limit ? limit + 1 : d;
}
