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

/* The tag of a slot: high bits of the hash, and the length up to 15. */
static uint32_t
tag_of(uint64_t h, size_t len)
{
	return ((uint32_t)(h >> 32) & ~(uint32_t)15) |
	    (uint32_t)(len < 15 ? len : 15);
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
	const struct strmap_entry *e;
	size_t mask = m->cap - 1;
	size_t i = (size_t)h & mask;
	uint64_t w = head_of(key, len);
	uint32_t tag = tag_of(h, len);

	for (;; i = (i + 1) & mask) {
		s = &m->slots[i];
		if (s->entry == 0)
			return i;
		if (s->tag != tag || s->head != w)
			continue;
		/* Equal heads and lengths: a short key is found. */
		if (len <= sizeof(w))
			return i;
		e = &m->entries[s->entry - 1];
		if (e->len == len && memcmp(e->key + sizeof(w),
		    key + sizeof(w), len - sizeof(w)) == 0)
			return i;
	}
}

/* Move every entry into a table of cap slots. */
static void
rehash(struct strmap *m, size_t cap)
{
	const struct strmap_entry *e;
	size_t i, j, mask = cap - 1;

	free(m->slots);
	m->cap = cap;
	m->slots = xcalloc(cap, sizeof(*m->slots));
	for (i = 0; i < m->n; i++) {
		e = &m->entries[i];
		/* Keys are distinct: the first empty slot takes it. */
		for (j = (size_t)e->hash & mask; m->slots[j].entry != 0;
		    j = (j + 1) & mask)
			;
		m->slots[j].head = head_of(e->key, e->len);
		m->slots[j].tag = tag_of(e->hash, e->len);
		m->slots[j].entry = (uint32_t)i + 1;
	}
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
	m->numbered = 1;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->entries[i].key);
	free(m->entries);
	free(m->slots);
	free(m->byval);
	strmap_init(m);
}

int
strmap_get(const struct strmap *m, const char *key, size_t len, size_t *val)
{
	size_t i;

	if (m->n == 0)
		return 0;
	i = find_slot(m, key, len, hash_bytes(key, len));
	if (m->slots[i].entry == 0)
		return 0;
	/* Most maps number their keys: then the value need not be read. */
	*val = m->numbered ? m->slots[i].entry - 1 :
	    m->entries[m->slots[i].entry - 1].val;
	return 1;
}

/* Insert key, known to be absent, and return its stored copy. */
static char *
insert_new(struct strmap *m, const char *key, size_t len, size_t val)
{
	struct strmap_slot *s;
	struct strmap_entry *e;
	uint64_t h = hash_bytes(key, len);
	char *copy;

	if (m->n >= UINT32_MAX - 1)
		die(EXIT_TROUBLE, "too many distinct names");
	if (m->n == m->entries_cap) {
		m->entries_cap = m->entries_cap ? 2 * m->entries_cap :
		    STRMAP_MIN_CAP;
		m->entries = xreallocarray(m->entries, m->entries_cap,
		    sizeof(*m->entries));
	}
	if (val != m->n)
		m->numbered = 0;
	if (m->cap == 0)
		rehash(m, STRMAP_MIN_CAP);
	else if (2 * (m->n + 1) > m->cap)
		rehash(m, 2 * m->cap);
	copy = xmalloc(len + 1);
	memcpy(copy, key, len);
	copy[len] = '\0';
	e = &m->entries[m->n];
	e->key = copy;
	e->len = len;
	e->val = val;
	e->hash = h;
	s = &m->slots[find_slot(m, key, len, h)];
	s->head = head_of(key, len);
	s->tag = tag_of(h, len);
	s->entry = (uint32_t)++m->n;
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
 * given other values by strmap_put() need a scan of the entries.
 */
const char *
strmap_key(const struct strmap *m, size_t val)
{
	size_t i;

	if (val < m->byval_cap && m->byval[val] != NULL)
		return m->byval[val];
	for (i = 0; i < m->n; i++)
		if (m->entries[i].val == val)
			return m->entries[i].key;
	return NULL;
}
