/* goalkit: see LICENSE. Checking an evidence log without changing it. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "assess-record.h"

/* A record that voids another, kept until every record id is known. */
struct void_ref {
	char	*target;
	size_t	 line;
};

struct check {
	const char *path;
	struct logindex idx;
	struct void_ref *voids;
	size_t	 nvoids;
	size_t	 cap;
	size_t	 unscored;
	int	 bad;
};

/*
 * Index the record's id and remember the record it voids.  Rows with
 * other problems are indexed too, so a void naming one is not unknown.
 */
static void
check_ids(struct check *c, struct field id, struct field voids, size_t line)
{
	struct logindex *idx = &c->idx;
	size_t v;
	int added;

	if (id.len > 0) {
		v = strmap_intern(&idx->ids, id.p, id.len, &added);
		if (v >= idx->cap) {
			idx->cap = idx->cap ? 2 * idx->cap : 1024;
			idx->line = xreallocarray(idx->line, idx->cap,
			    sizeof(*idx->line));
			idx->flags = xreallocarray(idx->flags, idx->cap, 1);
		}
		if (!added) {
			diag_error(c->path, line, "record_id: duplicate record "
			    "id '%.*s' (first on line %zu)", (int)id.len, id.p,
			    idx->line[v]);
			c->bad++;
		} else {
			idx->line[v] = line;
			idx->flags[v] = voids.len > 0 ? LOGREC_VOID : 0;
		}
	}
	if (voids.len == 0)
		return;
	if (c->nvoids == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->voids = xreallocarray(c->voids, c->cap, sizeof(*c->voids));
	}
	c->voids[c->nvoids].target = field_dup(voids);
	c->voids[c->nvoids].line = line;
	c->nvoids++;
}

/* Every void must name a record that is not a void and voided once. */
static void
check_voids(struct check *c)
{
	struct logindex *idx = &c->idx;
	struct strmap seen;
	const char *t;
	size_t i, v, first;

	strmap_init(&seen);
	for (i = 0; i < c->nvoids; i++) {
		t = c->voids[i].target;
		if (!strmap_get(&idx->ids, t, strlen(t), &v)) {
			diag_error(c->path, c->voids[i].line, "voids: unknown "
			    "record '%s'", t);
			c->bad++;
		} else if (idx->flags[v] & LOGREC_VOID) {
			diag_error(c->path, c->voids[i].line, "voids: record "
			    "'%s' is itself a void", t);
			c->bad++;
		} else if (!strmap_put(&seen, t, strlen(t), i, &first)) {
			diag_error(c->path, c->voids[i].line, "voids: record "
			    "'%s' is already voided on line %zu", t,
			    c->voids[first].line);
			c->bad++;
		}
	}
	strmap_free(&seen);
}

/* Check each record up to the torn line.  Return -1 on a read error. */
static int
check_records(struct check *c, const struct rules *rules, size_t torn_line,
    int *status)
{
	struct table_opts o;
	struct reader *r;
	struct record *rec;
	struct evidence e;
	struct origin org;
	size_t col[NROLES];
	int n, role, bad;

	table_opts_init(&o);
	if ((r = reader_open(c->path, &o)) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", prog_name(), c->path,
		    strerror(errno));
		*status = EXIT_TROUBLE;
		return -1;
	}
	memset(&org, 0, sizeof(org));
	org.file = c->path;
	for (role = 0; role < NROLES; role++) {
		if (reader_column(r, role_names[role], &col[role]) < 0)
			col[role] = NOCOL;
		org.column[role] = role_names[role];
	}
	while ((n = reader_next(r, &rec)) > 0 && rec->line < torn_line) {
		for (role = 0; role < NROLES; role++)
			e.raw[role] = rec_field(rec, col[role]);
		org.line = rec->line;
		bad = evidence_check(&e, rules, &org);
		if (bad == EVIDENCE_UNSCORED)
			c->unscored++;
		else if (bad > 0)
			c->bad += bad;
		evidence_clear(&e);
		check_ids(c, field_trim(e.raw[R_RECORD_ID]),
		    field_trim(e.raw[R_VOIDS]), rec->line);
	}
	if (n < 0 && reader_error_line(r) < torn_line) {
		diag_error(c->path, reader_error_line(r), "%s",
		    reader_error(r));
		*status = reader_error_is_io(r) ? EXIT_TROUBLE : EXIT_DATA;
		reader_close(r);
		return -1;
	}
	reader_close(r);
	return 0;
}

int
check_log(const char *path, const struct rules *rules)
{
	struct check c;
	struct logfile lf;
	struct logcols cols;
	off_t end;
	size_t torn_line, i;
	int status = EXIT_OK, n;

	memset(&c, 0, sizeof(c));
	memset(&cols, 0, sizeof(cols));
	c.path = path;
	strmap_init(&c.idx.ids);
	if (logfile_lock(&lf, path, 0, 0) != 0)
		return EXIT_TROUBLE;
	if (logfile_whole_end(&lf, log_is_tsv(path), &end, &torn_line) != 0) {
		fprintf(stderr, "%s: %s: %s\n", prog_name(), path,
		    strerror(errno));
		logfile_unlock(&lf);
		return EXIT_TROUBLE;
	}
	if (end == lf.size)
		torn_line = (size_t)-1;
	n = logcols_read(&cols, path, &status);
	if (n > 0 && check_records(&c, rules, torn_line, &status) == 0)
		check_voids(&c);
	if (end < lf.size) {
		diag_error(path, torn_line, "torn last line: %lld %s after "
		    "the last whole record (run assess-record --repair %s)",
		    (long long)(lf.size - end), plural((size_t)(lf.size - end),
		    "byte", "bytes"), path);
		c.bad++;
	}
	if (c.unscored > 0)
		diag_warn(path, 0, "%zu %s without a score", c.unscored,
		    c.unscored == 1 ? "record" : "records");
	logfile_unlock(&lf);
	for (i = 0; i < c.nvoids; i++)
		free(c.voids[i].target);
	free(c.voids);
	logindex_free(&c.idx);
	if (n > 0)
		logcols_free(&cols);
	if (status != EXIT_OK)
		return status;
	return c.bad > 0 ? EXIT_DATA : EXIT_OK;
}
