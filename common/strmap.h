/* goalkit: see LICENSE. A hash map from strings to indexes. */
#ifndef GOALKIT_STRMAP_H
#define GOALKIT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * One slot of the table.  The hash is kept so that a probe compares keys
 * only when their hashes are equal, and the rehash does not compute it
 * again.  A key of up to 8 bytes is compared through head alone, without
 * reading the key's own memory.  key is NULL in an empty slot.
 */
struct strmap_slot {
	char	*key;
	size_t	 len;
	size_t	 val;
	uint64_t hash;
	uint64_t head;		/* the first 8 bytes of key, zero-padded */
};

/*
 * Keys are copied into the map and owned by it; values are size_t
 * indexes into the caller's own arrays.  Open addressing, grows as needed.
 */
struct strmap {
	struct strmap_slot *slots;
	size_t	 cap;
	size_t	 n;
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
