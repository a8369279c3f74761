/* goalkit: see LICENSE. Reading CSV and TSV tables record by record. */

#include <sys/types.h>

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader.h"
#include "util.h"
#include "value.h"

/* libcsv's parser state before the first byte of a record. */
#define CSV_ROW_NOT_BEGUN	0

/* States of the quote tracker that locates an unterminated quote. */
enum quote_state {
	Q_FIELD_START,
	Q_UNQUOTED,
	Q_QUOTED,
	Q_QUOTE_SEEN
};

/* A completed record waiting in the queue: fields [first, first + n). */
struct pending {
	size_t	 first;
	size_t	 n;
	size_t	 line;
};

struct reader {
	FILE	*fp;
	char	*name;
	const struct table_opts *opts;
	int	 delim;
	int	 tsv;
	unsigned char class[256];	/* CLASS_ of each byte, for delim */
	int	 class_delim;		/* the delimiter class[] was made for */

	char	*line;		/* buffer filled by getdelim() */
	size_t	 linecap;
	char	*cur;		/* the current physical line, inside line */
	size_t	 curlen;
	char	*rest;		/* what line holds after cur */
	size_t	 restlen;
	int	 cr_lines;	/* lines end in a lone CR, not in LF */
	size_t	 lineno;	/* physical line number of cur */
	uint64_t offset;	/* byte offset of the start of cur */

	struct csv_parser parser;
	enum quote_state qstate;
	uint64_t open_quote;	/* 1-based byte of the quote that opened a field */
	size_t	 rec_line;	/* line on which the record being parsed started */

	/* Field bytes of completed and partial records, NUL after each. */
	char	*buf;
	size_t	 buflen;
	size_t	 bufcap;
	size_t	*foff;
	size_t	*flen;
	size_t	 nf;
	size_t	 fcap;
	struct pending *queue;
	size_t	 qhead;
	size_t	 qlen;
	size_t	 qcap;

	struct field *fields;
	size_t	 fieldcap;
	struct record rec;

	struct record header;
	char	*hdrbuf;
	unsigned char *asked;	/* header columns some lookup asked for */
	int	 have_header;

	char	 err[512];
	size_t	 errline;
	int	 err_io;
	int	 failed;
	int	 eof;
	int	 direct;	/* rec points into the line buffer, not buf */
	int	 warned_utf8;	/* invalid UTF-8 was warned about */
	int	 hinted;	/* header_hint() has given its hint */
	int	 header_error_reported;	/* by reader_want() */
};

static const char empty_field[1] = "";

/* Bytes split_plain() looks for. */
enum {
	CLASS_TEXT,
	CLASS_DELIM,
	CLASS_OTHER		/* a quote, CR, LF or NUL: libcsv's work */
};

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
set_error(struct reader *r, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
set_error(struct reader *r, size_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	r->errline = line;
	r->failed = 1;
}

static int
name_is_tsv(const char *path)
{
	size_t len;

	len = strlen(path);
	return (len > 4 && (strcasecmp(path + len - 4, ".tsv") == 0 ||
	    strcasecmp(path + len - 4, ".tab") == 0));
}

/* The delimiter a header line suggests: tab, then ';', then ','. */
static int
detect_delim(const char *p, size_t len)
{
	size_t i;
	int quoted, semicolon;

	quoted = semicolon = 0;
	for (i = 0; i < len; i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted && p[i] == '\t')
			return '\t';
		else if (!quoted && p[i] == ';')
			semicolon = 1;
	}
	return semicolon ? ';' : ',';
}

struct reader *
reader_open(const char *path, const struct table_opts *o)
{
	struct reader *r;
	FILE *fp;
	unsigned char options;

	if (path == NULL || strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->fp = fp;
	r->name = xstrdup(display_name(path));
	r->opts = o;
	r->delim = o->delim;
	if (r->delim == 0 && path != NULL && name_is_tsv(path))
		r->delim = '\t';
	options = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;
	if (csv_init(&r->parser, options) != 0) {
		reader_close(r);
		errno = ENOMEM;
		return NULL;
	}
	csv_set_space_func(&r->parser, no_space);
	return r;
}

static void
push_field(struct reader *r, const char *p, size_t len)
{
	size_t need;

	need = r->buflen + len + 1;
	if (need > r->bufcap) {
		r->bufcap = need > 2 * r->bufcap ? need : 2 * r->bufcap;
		r->buf = xreallocarray(r->buf, r->bufcap, 1);
	}
	if (len > 0)
		memcpy(r->buf + r->buflen, p, len);
	r->buf[r->buflen + len] = '\0';
	if (r->nf == r->fcap) {
		r->fcap = r->fcap ? 2 * r->fcap : 64;
		r->foff = xreallocarray(r->foff, r->fcap, sizeof(*r->foff));
		r->flen = xreallocarray(r->flen, r->fcap, sizeof(*r->flen));
	}
	r->foff[r->nf] = r->buflen;
	r->flen[r->nf] = len;
	r->nf++;
	r->buflen += len + 1;
}

/* Queue the fields pushed since the last queued record as one record. */
static void
push_record(struct reader *r, size_t line)
{
	size_t first;

	first = r->qlen > 0 ? r->queue[r->qlen - 1].first +
	    r->queue[r->qlen - 1].n : 0;
	if (r->qlen == r->qcap) {
		r->qcap = r->qcap ? 2 * r->qcap : 8;
		r->queue = xreallocarray(r->queue, r->qcap, sizeof(*r->queue));
	}
	r->queue[r->qlen].first = first;
	r->queue[r->qlen].n = r->nf - first;
	r->queue[r->qlen].line = line;
	r->qlen++;
}

static void
csv_field_cb(void *s, size_t len, void *data)
{
	push_field(data, s != NULL ? s : "", len);
}

static void
csv_record_cb(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	push_record(r, r->rec_line);
	r->rec_line = r->lineno;
}

/*
 * Drop consumed records, keeping the fields of a record still being
 * parsed (a quoted field may span lines) at the front of the buffer.
 */
static void
compact(struct reader *r)
{
	size_t first, base, i;

	first = r->qlen > 0 ? r->queue[r->qlen - 1].first +
	    r->queue[r->qlen - 1].n : 0;
	r->qhead = r->qlen = 0;
	if (first == 0)
		return;
	if (first == r->nf) {
		r->nf = r->buflen = 0;
		return;
	}
	base = r->foff[first];
	memmove(r->buf, r->buf + base, r->buflen - base);
	r->buflen -= base;
	for (i = first; i < r->nf; i++) {
		r->foff[i - first] = r->foff[i] - base;
		r->flen[i - first] = r->flen[i];
	}
	r->nf -= first;
}

/* Follow quoting through p so an unterminated quote can be located. */
static void
track_quotes(struct reader *r, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (r->qstate) {
		case Q_FIELD_START:
			if (p[i] == '"') {
				r->qstate = Q_QUOTED;
				r->open_quote = r->offset + i + 1;
			} else if (p[i] != r->delim && p[i] != '\n' &&
			    p[i] != '\r')
				r->qstate = Q_UNQUOTED;
			break;
		case Q_UNQUOTED:
			if (p[i] == r->delim || p[i] == '\n' || p[i] == '\r')
				r->qstate = Q_FIELD_START;
			break;
		case Q_QUOTED:
			if (p[i] == '"')
				r->qstate = Q_QUOTE_SEEN;
			break;
		case Q_QUOTE_SEEN:
			if (p[i] == '"')
				r->qstate = Q_QUOTED;
			else
				r->qstate = Q_FIELD_START;
			break;
		}
	}
}

/* Feed one CSV line through libcsv.  Return 0, or -1 on malformed input. */
static int
feed_csv(struct reader *r, const char *p, size_t len)
{
	size_t done;
	const char *what;

	if (r->parser.pstate == CSV_ROW_NOT_BEGUN) {
		r->rec_line = r->lineno;
		r->qstate = Q_FIELD_START;
	}
	track_quotes(r, p, len);
	done = csv_parse(&r->parser, p, len, csv_field_cb, csv_record_cb, r);
	if (done == len)
		return 0;
	if (csv_error(&r->parser) != CSV_EPARSE) {
		set_error(r, r->lineno, "%s",
		    csv_strerror(csv_error(&r->parser)));
		return -1;
	}
	what = p[done] == '"' ? "stray quote in an unquoted field" :
	    "unexpected character after a closing quote";
	set_error(r, r->lineno, "malformed CSV at byte %llu: %s",
	    (unsigned long long)(r->offset + done + 1), what);
	return -1;
}

/* Make room for entry n of r->fields. */
static void
grow_fields(struct reader *r, size_t n)
{
	if (n < r->fieldcap)
		return;
	r->fieldcap = r->fieldcap ? 2 * r->fieldcap : 64;
	r->fields = xreallocarray(r->fields, r->fieldcap, sizeof(*r->fields));
}

/*
 * Split a line with no quote, CR, LF or NUL inside, as libcsv would, in
 * one scan.  The fields are cut in place: each delimiter and the line end
 * become a NUL, and the record points into the line buffer until the next
 * line is read.  Return 0, touching nothing, when the line contains one of
 * those bytes, and the caller's slower path takes it.
 */
static int
split_plain(struct reader *r, char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i, n, start;

	if (r->class_delim != r->delim) {
		memset(r->class, CLASS_TEXT, sizeof(r->class));
		r->class['"'] = r->class['\r'] = r->class['\n'] = CLASS_OTHER;
		r->class['\0'] = CLASS_OTHER;
		r->class[(unsigned char)r->delim] = CLASS_DELIM;
		r->class_delim = r->delim;
	}
	n = 0;
	start = 0;
	for (i = 0; i < len; i++) {
		switch (r->class[u[i]]) {
		case CLASS_TEXT:
			continue;
		case CLASS_DELIM:
			grow_fields(r, n);
			r->fields[n].p = p + start;
			r->fields[n].len = i - start;
			n++;
			start = i + 1;
			continue;
		default:
			return 0;
		}
	}
	grow_fields(r, n);
	r->fields[n].p = p + start;
	r->fields[n].len = len - start;
	n++;
	for (i = 0; i < n; i++)
		((char *)r->fields[i].p)[r->fields[i].len] = '\0';
	r->rec.fields = r->fields;
	r->rec.nfields = n;
	r->rec.line = r->lineno;
	r->direct = 1;
	return 1;
}

/*
 * Split a TSV line in place, undoing the \t \n \r \\ escapes.  Undoing
 * an escape only shortens a field, so it fits where it was.
 */
static void
split_tsv(struct reader *r, char *p, size_t len)
{
	char *out, *start;
	size_t i, n;

	out = start = p;
	n = 0;
	for (i = 0; i <= len; i++) {
		if (i == len || p[i] == '\t') {
			grow_fields(r, n);
			r->fields[n].p = start;
			r->fields[n].len = (size_t)(out - start);
			n++;
			*out++ = '\0';
			start = out;
			continue;
		}
		if (p[i] == '\\' && i + 1 < len) {
			switch (p[i + 1]) {
			case 't': *out++ = '\t'; i++; continue;
			case 'n': *out++ = '\n'; i++; continue;
			case 'r': *out++ = '\r'; i++; continue;
			case '\\': *out++ = '\\'; i++; continue;
			default: break;
			}
		}
		*out++ = p[i];
	}
	r->rec.fields = r->fields;
	r->rec.nfields = n;
	r->rec.line = r->lineno;
	r->direct = 1;
}

/* Length of p without its line end (LF, CRLF or CR). */
static size_t
chomp(const char *p, size_t len)
{
	if (len > 0 && p[len - 1] == '\n')
		len--;
	if (len > 0 && p[len - 1] == '\r')
		len--;
	return len;
}

/*
 * Return the first CR in p that ends a line by itself, outside quotes, or
 * NULL.  A lone CR before the first LF marks a file written for classic
 * Mac OS, whose lines all end in CR.
 */
static const char *
find_lone_cr(const char *p, size_t len)
{
	size_t i;
	int quoted;

	quoted = 0;
	for (i = 0; i < len && p[i] != '\n'; i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (p[i] == '\r' && !quoted && (i + 1 == len ||
		    p[i + 1] != '\n'))
			return p + i;
	}
	return NULL;
}

/*
 * Take the next physical line into r->cur.  Lines end in LF, or in CR
 * when the first line ends in a lone CR.  The buffer read when that is
 * found is split at each CR, and later reads stop at CR.  Return 1 when
 * a line was taken, 0 at the end of input, -1 on an error.
 */
static int
next_line(struct reader *r)
{
	ssize_t n;
	const char *cr;

	r->offset += r->curlen;
	r->curlen = 0;
	if (r->restlen == 0) {
		errno = 0;
		n = getdelim(&r->line, &r->linecap, r->cr_lines ? '\r' : '\n',
		    r->fp);
		if (n < 0) {
			if (ferror(r->fp)) {
				set_error(r, 0, "%s", strerror(errno));
				r->err_io = 1;
				return -1;
			}
			return 0;
		}
		r->rest = r->line;
		r->restlen = (size_t)n;
		if (r->lineno == 0 && find_lone_cr(r->line, (size_t)n) != NULL)
			r->cr_lines = 1;
	}
	r->cur = r->rest;
	r->curlen = r->restlen;
	if (r->cr_lines && (cr = memchr(r->rest, '\r', r->restlen)) != NULL)
		r->curlen = (size_t)(cr - r->rest) + 1;
	r->rest += r->curlen;
	r->restlen -= r->curlen;
	r->lineno++;
	return 1;
}

/*
 * Return the length of the UTF-8 sequence at p (at most n bytes), or 0
 * when it is not valid UTF-8: a stray continuation byte, an overlong
 * form, a surrogate, a code point above U+10FFFF or a cut sequence.
 */
static size_t
utf8_length(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned char lo = 0x80, hi = 0xbf;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

/*
 * Check that a line is UTF-8, and warn once per file when it is not.
 * Excel's plain "CSV" is Windows-1252, whose accented letters are not
 * UTF-8: the bytes pass through, but a report or a spreadsheet reading
 * the output as UTF-8 shows other characters.  Most lines are ASCII,
 * which eight bytes at a time show.
 */
static void
check_utf8(struct reader *r, const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	uint64_t word;
	size_t i = 0, n;

	if (r->warned_utf8)
		return;
	for (; i + 8 <= len; i += 8) {
		memcpy(&word, u + i, 8);
		if (word & 0x8080808080808080ULL)
			break;
	}
	while (i < len) {
		if ((n = utf8_length(u + i, len - i)) == 0) {
			diag_warn(r->name, r->lineno, "invalid UTF-8 at byte "
			    "%llu, so some characters may show wrongly: save "
			    "the file as CSV UTF-8, or convert it with iconv "
			    "-f WINDOWS-1252 -t UTF-8",
			    (unsigned long long)(r->offset + i + 1));
			r->warned_utf8 = 1;
			return;
		}
		i += n;
	}
}

/*
 * Read one physical line and parse it.  Return 1 when a line was read,
 * 0 at the end of input, -1 on an error.
 */
static int
read_line(struct reader *r)
{
	char *p, *nul;
	size_t len, body;
	int n;

	if ((n = next_line(r)) <= 0)
		return n;
	p = r->cur;
	len = r->curlen;
	/* The first line is checked for UTF-16 before UTF-8. */
	if (r->lineno > 1)
		check_utf8(r, p, len);

	/* Most lines of a CSV file are plain: split them at once. */
	if (r->lineno > 1 && r->delim != 0 && r->delim != '\t' &&
	    r->parser.pstate == CSV_ROW_NOT_BEGUN) {
		body = chomp(p, len);
		if (body == 0 || split_plain(r, p, body))
			return 1;
	}

	if ((nul = memchr(p, '\0', len)) != NULL) {
		/* Spreadsheets save "Unicode text" as UTF-16, which has NULs. */
		if (r->lineno == 1 && len >= 2 &&
		    (memcmp(p, "\xff\xfe", 2) == 0 || memcmp(p, "\xfe\xff", 2) == 0))
			set_error(r, r->lineno, "UTF-16 text is not supported: "
			    "save it as UTF-8, or convert it with "
			    "iconv -f UTF-16 -t UTF-8");
		else
			set_error(r, r->lineno, "NUL byte at byte %llu",
			    (unsigned long long)(r->offset +
			    (size_t)(nul - p) + 1));
		return -1;
	}
	if (r->lineno == 1)
		check_utf8(r, p, len);
	if (r->lineno == 1 && len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		len -= 3;
		r->cur = p;
		r->curlen = len;
		r->offset += 3;
	}
	/*
	 * Excel reads and writes a first line "sep=;" that names the
	 * delimiter.  It is not the header: a delimiter of its own (-d or a
	 * .tsv name) wins, and the line is skipped.
	 */
	if (r->lineno == 1 && chomp(p, len) == 5 && memcmp(p, "sep=", 4) == 0 &&
	    p[4] != '"') {
		if (r->delim == 0)
			r->delim = (unsigned char)p[4];
		return 1;
	}
	if (r->delim == 0 && chomp(p, len) > 0)
		r->delim = detect_delim(p, len);
	if (r->delim == 0)
		return 1;
	if (r->delim == '\t') {
		r->tsv = 1;
		split_tsv(r, p, chomp(p, len));
		return 1;
	}
	csv_set_delim(&r->parser, (unsigned char)r->delim);
	body = chomp(p, len);
	if (r->parser.pstate == CSV_ROW_NOT_BEGUN &&
	    (body == 0 || split_plain(r, p, body)))
		return 1;
	return feed_csv(r, p, len) == 0 ? 1 : -1;
}

static int
finish_csv(struct reader *r)
{
	if (r->tsv)
		return 0;
	if (r->parser.pstate != CSV_ROW_NOT_BEGUN && r->qstate == Q_QUOTED) {
		set_error(r, r->rec_line, "malformed CSV at byte %llu: "
		    "unterminated quoted field runs to the end of the input",
		    (unsigned long long)r->open_quote);
		return -1;
	}
	if (csv_fini(&r->parser, csv_field_cb, csv_record_cb, r) != 0) {
		set_error(r, r->rec_line, "malformed CSV: unterminated "
		    "quoted field runs to the end of the input");
		return -1;
	}
	return 0;
}

/* Point r->rec at queued record q. */
static void
load_record(struct reader *r, const struct pending *q)
{
	size_t i;

	if (q->n > r->fieldcap) {
		r->fieldcap = q->n;
		r->fields = xreallocarray(r->fields, r->fieldcap,
		    sizeof(*r->fields));
	}
	for (i = 0; i < q->n; i++) {
		r->fields[i].p = r->buf + r->foff[q->first + i];
		r->fields[i].len = r->flen[q->first + i];
	}
	r->rec.fields = r->fields;
	r->rec.nfields = q->n;
	r->rec.line = q->line;
}

static int
record_is_blank(const struct record *rec)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (rec->fields[i].len > 0)
			return 0;
	return 1;
}

/* Keep rec as the header, trimmed, with owned storage. */
static void
keep_header(struct reader *r, const struct record *rec)
{
	size_t i, total;
	char *p;
	struct field f;

	total = 0;
	for (i = 0; i < rec->nfields; i++)
		total += rec->fields[i].len + 1;
	r->hdrbuf = xmalloc(total ? total : 1);
	r->header.fields = xcalloc(rec->nfields, sizeof(*r->header.fields));
	r->asked = xcalloc(rec->nfields, 1);
	p = r->hdrbuf;
	for (i = 0; i < rec->nfields; i++) {
		f = field_trim(rec->fields[i]);
		memcpy(p, f.p, f.len);
		p[f.len] = '\0';
		r->header.fields[i].p = p;
		r->header.fields[i].len = f.len;
		p += f.len + 1;
	}
	r->header.nfields = rec->nfields;
	r->header.line = rec->line;
	r->have_header = 1;
}

/* Pad a short record, or reject one with extra non-empty fields. */
static int
fit_record(struct reader *r)
{
	size_t i, want;

	want = r->header.nfields;
	if (r->rec.nfields > want) {
		for (i = want; i < r->rec.nfields; i++)
			if (r->rec.fields[i].len > 0) {
				set_error(r, r->rec.line, "too many fields: "
				    "%zu (the header has %zu)",
				    r->rec.nfields, want);
				return -1;
			}
		r->rec.nfields = want;
	}
	if (r->rec.nfields < want) {
		if (want > r->fieldcap) {
			r->fieldcap = want;
			r->fields = xreallocarray(r->fields, want,
			    sizeof(*r->fields));
			r->rec.fields = r->fields;
		}
		for (i = r->rec.nfields; i < want; i++) {
			r->fields[i].p = empty_field;
			r->fields[i].len = 0;
		}
		r->rec.nfields = want;
	}
	return 0;
}

/* Take the next queued record, reading lines as needed. */
static int
next_raw(struct reader *r)
{
	int n;

	for (;;) {
		if (r->direct) {
			r->direct = 0;
			if (record_is_blank(&r->rec))
				continue;
			return 1;
		}
		if (r->qhead < r->qlen) {
			load_record(r, &r->queue[r->qhead++]);
			if (record_is_blank(&r->rec))
				continue;
			return 1;
		}
		if (r->eof)
			return 0;
		compact(r);
		n = read_line(r);
		if (n < 0)
			return -1;
		if (n == 0) {
			r->eof = 1;
			if (finish_csv(r) < 0)
				return -1;
		}
	}
}

static int
read_header(struct reader *r)
{
	int n;

	if ((n = next_raw(r)) < 0)
		return -1;
	if (n == 0) {
		r->header.fields = NULL;
		r->header.nfields = 0;
		r->header.line = 0;
		r->have_header = 1;
		return 0;
	}
	keep_header(r, &r->rec);
	return 1;
}

/* Read the cells that are one of the --null words as empty. */
static void
blank_nulls(struct reader *r)
{
	struct field f;
	size_t i, k;

	for (i = 0; i < r->rec.nfields; i++) {
		f = field_trim(r->rec.fields[i]);
		for (k = 0; k < r->opts->nnulls; k++)
			if (f.len == strlen(r->opts->nulls[k]) &&
			    memcmp(f.p, r->opts->nulls[k], f.len) == 0) {
				r->rec.fields[i].p = empty_field;
				r->rec.fields[i].len = 0;
				break;
			}
	}
}

int
reader_next(struct reader *r, struct record **rec)
{
	int n;

	if (r->failed)
		return -1;
	if (!r->have_header && read_header(r) < 0)
		return -1;
	if ((n = next_raw(r)) <= 0)
		return n;
	if (fit_record(r) < 0)
		return -1;
	if (r->opts->nnulls > 0)
		blank_nulls(r);
	*rec = &r->rec;
	return 1;
}

const char *
reader_error(const struct reader *r)
{
	return r->err;
}

size_t
reader_error_line(const struct reader *r)
{
	return r->errline;
}

int
reader_error_is_io(const struct reader *r)
{
	return r->err_io;
}

int
reader_report_error(const struct reader *r)
{
	diag_error(r->name, r->errline, "%s", r->err);
	if (r->err_io)
		exit(EXIT_TROUBLE);
	return EXIT_DATA;
}

const struct record *
reader_header(const struct reader *r)
{
	struct reader *w = (struct reader *)r;

	/* Reading the header lazily keeps reader_open() free of I/O errors. */
	if (!w->have_header && !w->failed)
		read_header(w);
	return &w->header;
}

const char *
reader_name(const struct reader *r)
{
	return r->name;
}

int
reader_delim(const struct reader *r)
{
	reader_header(r);
	return r->delim ? r->delim : ',';
}

int
reader_column(const struct reader *r, const char *role, size_t *idx)
{
	const struct record *h;
	const char *name;
	size_t i, len, found;

	h = reader_header(r);
	name = table_column_name(r->opts, role);
	len = strlen(name);
	found = NOCOL;
	for (i = 0; i < h->nfields; i++) {
		if (h->fields[i].len != len ||
		    strncasecmp(h->fields[i].p, name, len) != 0)
			continue;
		r->asked[i] = 1;
		if (found != NOCOL) {
			*idx = NOCOL;
			return -1;
		}
		found = i;
	}
	*idx = found;
	return found != NOCOL;
}

/*
 * A hint for the first missing column of a header that does not look like
 * one: a single name with spaces in it (a file split by spaces, or none
 * of the delimiters goalkit detects), or names that are all numbers (a
 * file without a header).  Empty otherwise, and after the first time.
 */
static const char *
header_hint(const struct reader *r)
{
	const struct record *h = &r->header;
	struct field f;
	double v;
	size_t i;

	if (r->hinted)
		return "";
	((struct reader *)r)->hinted = 1;
	if (h->nfields == 1 && memchr(h->fields[0].p, ' ',
	    h->fields[0].len) != NULL)
		return " (the header line is one column: give -d for its "
		    "delimiter)";
	for (i = 0; i < h->nfields; i++) {
		f = field_trim(h->fields[i]);
		if (f.len > 0 && value_number(f, 0, &v, NULL) != 0)
			return "";
	}
	return h->nfields > 0 ? " (the first line contains only numbers: the "
	    "file may have no header line)" : "";
}

size_t
reader_want(const struct reader *r, const char *role, int required, int *bad)
{
	const char *name;
	size_t idx;
	int n;

	/*
	 * A header that could not be read is not a missing column: an I/O
	 * error ends the program as a missing file does, and invalid CSV is
	 * reported once for all the columns looked up.
	 */
	if (reader_header(r)->nfields == 0 && r->failed) {
		if (r->err_io)
			die(EXIT_TROUBLE, "%s: %s", r->name, r->err);
		if (!r->header_error_reported)
			diag_error(r->name, r->errline, "%s", r->err);
		((struct reader *)r)->header_error_reported = 1;
		*bad = 1;
		return NOCOL;
	}
	n = reader_column(r, role, &idx);
	name = table_column_name(r->opts, role);
	if (n < 0) {
		diag_error(r->name, reader_header(r)->line,
		    "column '%s' appears twice", name);
		*bad = 1;
	} else if (n == 0 && required) {
		if (strcasecmp(name, role) != 0)
			diag_error(r->name, reader_header(r)->line,
			    "missing column '%s' (read as %s)%s", name, role,
			    header_hint(r));
		else
			diag_error(r->name, reader_header(r)->line,
			    "missing column '%s'%s", name, header_hint(r));
		*bad = 1;
	}
	return idx;
}

void
reader_warn_duplicates(const struct reader *r)
{
	const struct record *h;
	size_t i, j;

	h = reader_header(r);
	for (i = 0; i < h->nfields; i++) {
		if (h->fields[i].len == 0 || r->asked[i])
			continue;
		for (j = 0; j < i; j++)
			if (h->fields[j].len == h->fields[i].len &&
			    strncasecmp(h->fields[j].p, h->fields[i].p,
			    h->fields[i].len) == 0)
				break;
		if (j < i)
			diag_warn(r->name, h->line, "column '%s' appears "
			    "twice", h->fields[i].p);
	}
}

void
reader_quiet(struct reader *r)
{
	r->warned_utf8 = 1;
}

void
reader_close(struct reader *r)
{
	if (r == NULL)
		return;
	if (r->fp != NULL && r->fp != stdin)
		fclose(r->fp);
	csv_free(&r->parser);
	free(r->name);
	free(r->line);
	free(r->buf);
	free(r->foff);
	free(r->flen);
	free(r->queue);
	free(r->fields);
	free(r->header.fields);
	free(r->hdrbuf);
	free(r->asked);
	free(r);
}

struct field
rec_field(const struct record *rec, size_t idx)
{
	struct field f;

	if (idx == NOCOL || idx >= rec->nfields) {
		f.p = empty_field;
		f.len = 0;
		return f;
	}
	return rec->fields[idx];
}

struct field
field_trim(struct field f)
{
	while (f.len > 0 && (f.p[0] == ' ' || f.p[0] == '\t')) {
		f.p++;
		f.len--;
	}
	while (f.len > 0 && (f.p[f.len - 1] == ' ' || f.p[f.len - 1] == '\t'))
		f.len--;
	return f;
}

int
field_eq(struct field f, const char *s)
{
	return strlen(s) == f.len && memcmp(f.p, s, f.len) == 0;
}

char *
field_dup(struct field f)
{
	return xstrndup(f.p, f.len);
}
