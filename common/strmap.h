/* goalkit: see LICENSE. A hash map from strings to indexes. */
#ifndef GOALKIT_STRMAP_H
#define GOALKIT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * One slot of the table: 16 bytes, so a table of many keys stays small
 * in the cache.  tag contains the hash's high bits with the key's length
 * (up to 15) in its low four, and head the key's first 8 bytes,
 * zero-padded, so a key of up to 8 bytes is found without reading the
 * entry.  entry is the index + 1 of the entry, 0 in an empty slot.
 */
struct strmap_slot {
	uint64_t head;
	uint32_t tag;
	uint32_t entry;
};

/* A key, its stored copy and its value, in insertion order. */
struct strmap_entry {
	char	*key;
	size_t	 len;
	size_t	 val;
	uint64_t hash;
};

/*
 * Keys are copied into the map and owned by it; values are size_t
 * indexes into the caller's own arrays.  Open addressing, grows as needed.
 */
struct strmap {
	struct strmap_slot *slots;
	size_t	 cap;
	size_t	 n;
	struct strmap_entry *entries;
	size_t	 entries_cap;
	int	 numbered;	/* every value is its key's entry index */
	char	**byval;	/* byval[v] is the key interned as v */
	size_t	 byval_cap;
};

void	 strmap_init(struct strmap *);
void	 strmap_free(struct strmap *);

/*
 * Find key (len bytes).  Return 1 and set *val when present, 0 when
 * absent.
 */
int	 strmap_get(const struct strmap *, const char *key, size_t len,
	    size_t *val);

/*
 * Insert key with val unless present.  Return 1 when inserted, 0 when the
 * key was already there (*old, when non-NULL, gets its value).
 */
int	 strmap_put(struct strmap *, const char *key, size_t len, size_t val,
	    size_t *old);

/*
 * Intern key: return its value, inserting it with value m->n (the next
 * index) when absent.  *added, when non-NULL, is set to 1 on insertion,
 * else 0.
 */
size_t	 strmap_intern(struct strmap *, const char *key, size_t len,
	    int *added);

/* The key stored for an interned index, or NULL; O(1) after strmap_intern. */
const char *strmap_key(const struct strmap *, size_t val);

#endif
