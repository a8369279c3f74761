/* goalkit: see LICENSE. A hash map from strings to indexes. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

/* Slots in a new map.  The capacity is always a power of two. */
#define STRMAP_MIN_CAP	16

/* FNV-1a, 64 bits. */
static uint64_t
hash_bytes(const char *key, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/*
 * Return the slot containing key, or the empty slot where it would go.
 * The table always has an empty slot because it grows before it is half
 * full.
 */
static size_t
find_slot(const struct strmap *m, const char *key, size_t len)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)hash_bytes(key, len) & mask;

	while (m->keys[i] != NULL) {
		if (m->lens[i] == len && memcmp(m->keys[i], key, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

/* Move every entry into a table of cap slots. */
static void
rehash(struct strmap *m, size_t cap)
{
	struct strmap old = *m;
	size_t i, j;

	m->cap = cap;
	m->keys = xcalloc(cap, sizeof(*m->keys));
	m->lens = xcalloc(cap, sizeof(*m->lens));
	m->vals = xcalloc(cap, sizeof(*m->vals));
	for (i = 0; i < old.cap; i++) {
		if (old.keys[i] == NULL)
			continue;
		j = find_slot(m, old.keys[i], old.lens[i]);
		m->keys[j] = old.keys[i];
		m->lens[j] = old.lens[i];
		m->vals[j] = old.vals[i];
	}
	free(old.keys);
	free(old.lens);
	free(old.vals);
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->lens);
	free(m->vals);
	free(m->byval);
	memset(m, 0, sizeof(*m));
}

int
strmap_get(const struct strmap *m, const char *key, size_t len, size_t *val)
{
	size_t i;

	if (m->n == 0)
		return 0;
	i = find_slot(m, key, len);
	if (m->keys[i] == NULL)
		return 0;
	*val = m->vals[i];
	return 1;
}

/* Insert key, known to be absent, and return its stored copy. */
static char *
insert_new(struct strmap *m, const char *key, size_t len, size_t val)
{
	size_t i;
	char *copy;

	if (m->cap == 0)
		rehash(m, STRMAP_MIN_CAP);
	else if (2 * (m->n + 1) > m->cap)
		rehash(m, 2 * m->cap);
	copy = xmalloc(len + 1);
	memcpy(copy, key, len);
	copy[len] = '\0';
	i = find_slot(m, key, len);
	m->keys[i] = copy;
	m->lens[i] = len;
	m->vals[i] = val;
	m->n++;
	return copy;
}

int
strmap_put(struct strmap *m, const char *key, size_t len, size_t val,
    size_t *old)
{
	size_t prev;

	if (strmap_get(m, key, len, &prev)) {
		if (old != NULL)
			*old = prev;
		return 0;
	}
	insert_new(m, key, len, val);
	return 1;
}

size_t
strmap_intern(struct strmap *m, const char *key, size_t len, int *added)
{
	size_t val, cap;
	char *copy;

	if (strmap_get(m, key, len, &val)) {
		if (added != NULL)
			*added = 0;
		return val;
	}
	val = m->n;
	if (val >= m->byval_cap) {
		cap = m->byval_cap == 0 ? STRMAP_MIN_CAP : 2 * m->byval_cap;
		while (cap <= val)
			cap *= 2;
		m->byval = xreallocarray(m->byval, cap, sizeof(*m->byval));
		memset(m->byval + m->byval_cap, 0,
		    (cap - m->byval_cap) * sizeof(*m->byval));
		m->byval_cap = cap;
	}
	copy = insert_new(m, key, len, val);
	m->byval[val] = copy;
	if (added != NULL)
		*added = 1;
	return val;
}

/*
 * Keys inserted by strmap_intern() are found through byval, but keys
 * given other values by strmap_put() need a scan of the table.
 */
const char *
strmap_key(const struct strmap *m, size_t val)
{
	size_t i;

	if (val < m->byval_cap && m->byval[val] != NULL)
		return m->byval[val];
	for (i = 0; i < m->cap; i++)
		if (m->keys[i] != NULL && m->vals[i] == val)
			return m->keys[i];
	return NULL;
}
