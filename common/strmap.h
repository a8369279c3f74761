/* goalkit: see LICENSE. A hash map from strings to indexes. */
#ifndef GOALKIT_STRMAP_H
#define GOALKIT_STRMAP_H

#include <stddef.h>

/*
 * Keys are copied into the map and owned by it; values are size_t
 * indexes into the caller's own arrays.  Open addressing, grows as needed.
 */
struct strmap {
	char	**keys;
	size_t	*lens;
	size_t	*vals;
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
 * index) when absent.  *added, when non-NULL, tells which happened.
 */
size_t	 strmap_intern(struct strmap *, const char *key, size_t len,
	    int *added);

/* The key stored for an interned index, or NULL; O(1) after strmap_intern. */
const char *strmap_key(const struct strmap *, size_t val);

#endif
