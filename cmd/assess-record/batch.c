/* goalkit: see LICENSE. Formatting records for appending, and checking the record ids they name. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "assess-record.h"

void
batch_init(struct batch *b, const struct logcols *cols)
{
	memset(b, 0, sizeof(*b));
	b->cols = cols;
	if ((b->fp = open_memstream(&b->buf, &b->size)) == NULL)
		die(EXIT_TROUBLE, "%s", strerror(errno));
	writer_init(&b->w, b->fp, cols->delim, 0);
	logcols_write(cols, &b->w);
	b->hdrlen = (size_t)ftello(b->fp);
	strmap_init(&b->ids);
	strmap_init(&b->voided);
}

const char *
batch_file(struct batch *b, const char *name)
{
	if (b->nfiles > 0 && strcmp(b->files[b->nfiles - 1], name) == 0)
		return b->files[b->nfiles - 1];
	b->files = xreallocarray(b->files, b->nfiles + 1, sizeof(*b->files));
	b->files[b->nfiles] = xstrdup(name);
	return b->files[b->nfiles++];
}

static void
add_ref(struct batch *b, struct field id, const struct origin *o,
    const char *file, enum role r)
{
	struct id_ref *ref;

	if (b->nrefs == b->refcap) {
		b->refcap = b->refcap ? 2 * b->refcap : 16;
		b->refs = xreallocarray(b->refs, b->refcap, sizeof(*b->refs));
	}
	ref = &b->refs[b->nrefs++];
	ref->id = field_dup(id);
	ref->file = file;
	ref->line = o->line;
	ref->column = o->file != NULL ? o->column[r] : role_names[r];
	ref->voids = r == R_VOIDS;
}

/* Register an explicit record id of the batch; report a repeat. */
static int
add_explicit_id(struct batch *b, const struct evidence *e,
    const struct origin *o, const char *file)
{
	struct field id = e->out[R_RECORD_ID];
	size_t v;
	int added;

	v = strmap_intern(&b->ids, id.p, id.len, &added);
	if (!added) {
		origin_error(o, R_RECORD_ID, "record id '%.*s' appears twice "
		    "in the input", (int)id.len, id.p);
		return 1;
	}
	if (v >= b->id_void_cap) {
		b->id_void_cap = b->id_void_cap ? 2 * b->id_void_cap : 64;
		b->id_void = xreallocarray(b->id_void, b->id_void_cap, 1);
	}
	b->id_void[v] = e->out[R_VOIDS].len > 0;
	add_ref(b, id, o, file, R_RECORD_ID);
	return 0;
}

/* Write a record id placeholder, to be filled by batch_stamp(). */
static void
add_placeholder(struct batch *b)
{
	char blank[RECID_LEN];

	memset(blank, '0', sizeof(blank));
	writer_field(&b->w, blank, sizeof(blank));
	if (b->nidpos == b->idposcap) {
		b->idposcap = b->idposcap ? 2 * b->idposcap : 1024;
		b->idpos = xreallocarray(b->idpos, b->idposcap,
		    sizeof(*b->idpos));
	}
	b->idpos[b->nidpos++] = (size_t)ftello(b->fp) - RECID_LEN;
}

int
batch_add(struct batch *b, const struct evidence *e, const struct record *rec,
    const size_t *extra, const struct origin *o, const char *file)
{
	const struct logcols *cols = b->cols;
	struct field f;
	size_t j;
	int r, bad = 0;

	if (e->out[R_RECORD_ID].len > 0)
		bad += add_explicit_id(b, e, o, file);
	if (e->out[R_VOIDS].len > 0)
		add_ref(b, e->out[R_VOIDS], o, file, R_VOIDS);
	for (j = 0; j < cols->n; j++) {
		r = cols->role[j];
		if (r == R_RECORD_ID && e->out[r].len == 0)
			add_placeholder(b);
		else if (r >= 0 && cols->has_role[r] == (int)j + 1)
			writer_field(&b->w, e->out[r].p, e->out[r].len);
		else if (r < 0 && rec != NULL && extra != NULL) {
			f = rec_field(rec, extra[j]);
			writer_field(&b->w, f.p, f.len);
		} else
			writer_empty(&b->w);
	}
	writer_end(&b->w);
	b->nrows++;
	return bad;
}

int
batch_finish(struct batch *b)
{
	int rc;

	rc = fclose(b->fp);
	b->fp = NULL;
	return rc == 0 ? 0 : -1;
}

void
batch_stamp(struct batch *b, struct recid *id)
{
	char text[RECID_LEN + 1];
	size_t i;

	recid_stamp(id);
	for (i = 0; i < b->nidpos; i++) {
		recid_next(id, text);
		memcpy(b->buf + b->idpos[i], text, RECID_LEN);
	}
}

void
batch_free(struct batch *b)
{
	size_t i;

	if (b->fp != NULL)
		fclose(b->fp);
	free(b->buf);
	free(b->idpos);
	for (i = 0; i < b->nrefs; i++)
		free(b->refs[i].id);
	free(b->refs);
	strmap_free(&b->ids);
	strmap_free(&b->voided);
	free(b->id_void);
	for (i = 0; i < b->nfiles; i++)
		free(b->files[i]);
	free(b->files);
	memset(b, 0, sizeof(*b));
}

static void
ref_error(const struct id_ref *ref, const char *fmt, const char *id)
{
	if (ref->file == NULL) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: ", prog_name(), ref->column);
		fprintf(stderr, fmt, id);
		fputc('\n', stderr);
	} else {
		char msg[512];

		snprintf(msg, sizeof(msg), fmt, id);
		diag_error(ref->file, ref->line, "%s: %s", ref->column, msg);
	}
}

/* Check that the record a row voids can be voided. */
static int
resolve_void(struct batch *b, const struct id_ref *ref,
    const struct logindex *idx)
{
	size_t len = strlen(ref->id), v;
	int added;

	if (strmap_get(&idx->ids, ref->id, len, &v)) {
		if (idx->flags[v] & LOGREC_VOID) {
			ref_error(ref, "record '%s' is itself a void", ref->id);
			return 1;
		}
		if (idx->flags[v] & LOGREC_VOIDED) {
			ref_error(ref, "record '%s' is already voided",
			    ref->id);
			return 1;
		}
	} else if (strmap_get(&b->ids, ref->id, len, &v)) {
		if (b->id_void[v]) {
			ref_error(ref, "record '%s' is itself a void", ref->id);
			return 1;
		}
	} else {
		ref_error(ref, "unknown record '%s'", ref->id);
		return 1;
	}
	strmap_intern(&b->voided, ref->id, len, &added);
	if (!added) {
		ref_error(ref, "record '%s' is voided twice in the input",
		    ref->id);
		return 1;
	}
	return 0;
}

int
batch_resolve(struct batch *b, const struct logindex *idx)
{
	const struct id_ref *ref;
	size_t i, v;
	int bad = 0;

	for (i = 0; i < b->nrefs; i++) {
		ref = &b->refs[i];
		if (ref->voids)
			bad += resolve_void(b, ref, idx);
		else if (strmap_get(&idx->ids, ref->id, strlen(ref->id), &v)) {
			ref_error(ref, "record id '%s' is already in the log",
			    ref->id);
			bad++;
		}
	}
	return bad;
}

/*
 * Add a record to the index.  A void naming a record not seen yet, as a
 * merge of two logs can leave, is kept in later_voids and marked at the
 * end.
 */
static void
index_add(struct logindex *idx, struct field id, struct field voids,
    size_t line, struct strmap *later_voids)
{
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
		if (added) {
			idx->line[v] = line;
			idx->flags[v] = voids.len > 0 ? LOGREC_VOID : 0;
		}
	}
	if (voids.len == 0)
		return;
	if (strmap_get(&idx->ids, voids.p, voids.len, &v))
		idx->flags[v] |= LOGREC_VOIDED;
	else
		strmap_intern(later_voids, voids.p, voids.len, NULL);
}

/* Mark the records that a void earlier in the log names. */
static void
mark_later_voids(struct logindex *idx, const struct strmap *later_voids)
{
	const char *t;
	size_t i, v;

	for (i = 0; i < later_voids->n; i++) {
		t = strmap_key(later_voids, i);
		if (strmap_get(&idx->ids, t, strlen(t), &v))
			idx->flags[v] |= LOGREC_VOIDED;
	}
}

int
logindex_load(struct logindex *idx, const char *path, const char *want,
    char **wanted, int *status)
{
	struct table_opts o;
	struct reader *r;
	struct record *rec;
	struct field id;
	struct strmap later_voids;
	size_t col[NROLES];
	int n, role;

	memset(idx, 0, sizeof(*idx));
	strmap_init(&idx->ids);
	strmap_init(&later_voids);
	table_opts_init(&o);
	if ((r = reader_open(path, &o)) == NULL) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: %s\n", prog_name(), path,
		    strerror(errno));
		*status = EXIT_TROUBLE;
		return -1;
	}
	for (role = 0; role < NROLES; role++)
		if (reader_column(r, role_names[role], &col[role]) < 0)
			col[role] = NOCOL;
	while ((n = reader_next(r, &rec)) > 0) {
		id = field_trim(rec_field(rec, col[R_RECORD_ID]));
		index_add(idx, id, field_trim(rec_field(rec, col[R_VOIDS])),
		    rec->line, &later_voids);
		if (want != NULL && field_eq(id, want))
			for (role = 0; role < NROLES; role++)
				if (col[role] != NOCOL && wanted[role] == NULL)
					wanted[role] = field_dup(rec_field(rec,
					    col[role]));
	}
	if (n < 0) {
		diag_error(path, reader_error_line(r), "%s", reader_error(r));
		*status = reader_error_is_io(r) ? EXIT_TROUBLE : EXIT_DATA;
	}
	reader_close(r);
	mark_later_voids(idx, &later_voids);
	strmap_free(&later_voids);
	return n < 0 ? -1 : 0;
}

void
logindex_free(struct logindex *idx)
{
	strmap_free(&idx->ids);
	free(idx->line);
	free(idx->flags);
	memset(idx, 0, sizeof(*idx));
}
