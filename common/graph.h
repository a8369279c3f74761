/* goalkit: see LICENSE. Directed graphs over node indexes, without recursion. */
#ifndef GOALKIT_GRAPH_H
#define GOALKIT_GRAPH_H

#include <stddef.h>

/*
 * A graph in compressed adjacency form: the successors of node u are
 * adj[off[u]] .. adj[off[u + 1] - 1], in the order the edges were added.
 * Every algorithm here is iterative, so a chain of any length is fine.
 */
struct graph {
	size_t	 n;
	size_t	 nedges;
	size_t	*off;		/* n + 1 entries */
	size_t	*adj;
};

/* An edge list being collected before graph_build(). */
struct edges {
	size_t	*from;
	size_t	*to;
	size_t	 n;
	size_t	 cap;
};

void	 edges_init(struct edges *);
void	 edges_add(struct edges *, size_t from, size_t to);
void	 edges_free(struct edges *);

/* Build g over n nodes from e (e is left as it was). */
void	 graph_build(struct graph *g, size_t n, const struct edges *e);
void	 graph_free(struct graph *);

/*
 * Topological order: every node after all its predecessors, i.e. for an
 * edge u -> v, u comes first.  Among nodes that are ready at the same time
 * the one with the smallest key[] comes first (key NULL: smallest index).
 * Write the order into order[0..n-1] and the depth of each node (0 for a
 * node without predecessors, else 1 + the largest predecessor depth) into
 * depth[] when non-NULL.  Return the number of nodes ordered: less than n
 * when the graph has a cycle, the unordered nodes being on or behind one.
 */
size_t	 graph_topo(const struct graph *, const size_t *key, size_t *order,
	    size_t *depth);

/*
 * Find cycles by depth-first search from every node in index order.  Each
 * back edge found closes one cycle, reported once through fn with the
 * nodes in edge order (path[0] -> path[1] -> ... -> path[len-1] ->
 * path[0]).  The path array is only valid during the call.  Return the
 * number of cycles reported.
 */
size_t	 graph_cycles(const struct graph *,
	    void (*fn)(const size_t *path, size_t len, void *arg), void *arg);

/*
 * Mark in seen[] (n bytes, cleared by the caller) every node reachable
 * from src by one or more edges.  src itself is marked only when it lies
 * on a cycle.  Return the number of nodes marked.
 */
size_t	 graph_reach(const struct graph *, size_t src, unsigned char *seen);

/*
 * The reverse graph: edge v -> u for every edge u -> v of g.
 */
void	 graph_reverse(const struct graph *g, struct graph *rev);

/*
 * Edges u -> v that are implied by a longer path u -> w -> ... -> v.
 * fn is called once per such edge, in the order of the adjacency lists.
 * Edges on or behind a cycle are skipped.  Return the number found.
 */
size_t	 graph_redundant(const struct graph *,
	    void (*fn)(size_t from, size_t to, void *arg), void *arg);

/*
 * The same, also passing fn a successor via of from (via != to) from
 * which to is reachable, so a message can name the longer path.
 */
size_t	 graph_redundant_via(const struct graph *,
	    void (*fn)(size_t from, size_t via, size_t to, void *arg),
	    void *arg);

#endif
