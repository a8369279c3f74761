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

/* Return the first 8 bytes of key, zero-padded. */
static uint64_t
head_of(const char *key, size_t len)
{
	uint64_t w = 0;

	memcpy(&w, key, len < sizeof(w) ? len : sizeof(w));
	return w;
}

/*
 * Return the slot containing key, whose hash is h, or the empty slot where
 * it would go.  The table always has an empty slot because it grows before
 * it is half full.
 */
static size_t
find_slot(const struct strmap *m, const char *key, size_t len, uint64_t h)
{
	const struct strmap_slot *s;
	size_t mask = m->cap - 1;
	size_t i = (size_t)h & mask;
	uint64_t w = head_of(key, len);

	for (;;) {
		s = &m->slots[i];
		if (s->key == NULL)
			return i;
		if (s->hash == h && s->len == len && s->head == w &&
		    (len <= sizeof(w) || memcmp(s->key + sizeof(w),
		    key + sizeof(w), len - sizeof(w)) == 0))
			return i;
		i = (i + 1) & mask;
	}
}

/* Move every entry into a table of cap slots. */
static void
rehash(struct strmap *m, size_t cap)
{
	struct strmap_slot *old = m->slots;
	size_t oldcap = m->cap, i, j, mask = cap - 1;

	m->cap = cap;
	m->slots = xcalloc(cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		/* Keys are distinct: the first empty slot takes it. */
		for (j = (size_t)old[i].hash & mask; m->slots[j].key != NULL;
		    j = (j + 1) & mask)
			;
		m->slots[j] = old[i];
	}
	free(old);
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
		free(m->slots[i].key);
	free(m->slots);
	free(m->byval);
	memset(m, 0, sizeof(*m));
}

int
strmap_get(const struct strmap *m, const char *key, size_t len, size_t *val)
{
	size_t i;

	if (m->n == 0)
		return 0;
	i = find_slot(m, key, len, hash_bytes(key, len));
	if (m->slots[i].key == NULL)
		return 0;
	*val = m->slots[i].val;
	return 1;
}

/* Insert key, known to be absent, and return its stored copy. */
static char *
insert_new(struct strmap *m, const char *key, size_t len, size_t val)
{
	struct strmap_slot *s;
	uint64_t h = hash_bytes(key, len);
	char *copy;

	if (m->cap == 0)
		rehash(m, STRMAP_MIN_CAP);
	else if (2 * (m->n + 1) > m->cap)
		rehash(m, 2 * m->cap);
	copy = xmalloc(len + 1);
	memcpy(copy, key, len);
	copy[len] = '\0';
	s = &m->slots[find_slot(m, key, len, h)];
	s->key = copy;
	s->len = len;
	s->val = val;
	s->hash = h;
	s->head = head_of(key, len);
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
		if (m->slots[i].key != NULL && m->slots[i].val == val)
			return m->slots[i].key;
	return NULL;
}
