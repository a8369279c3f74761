/* goalkit: see LICENSE. Directed graphs over node indexes, without recursion. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

/* Topological position of a node that graph_topo() could not order. */
#define UNORDERED	SIZE_MAX

void
edges_init(struct edges *e)
{
	memset(e, 0, sizeof(*e));
}

void
edges_add(struct edges *e, size_t from, size_t to)
{
	if (e->n == e->cap) {
		e->cap = e->cap == 0 ? 64 : 2 * e->cap;
		e->from = xreallocarray(e->from, e->cap, sizeof(*e->from));
		e->to = xreallocarray(e->to, e->cap, sizeof(*e->to));
	}
	e->from[e->n] = from;
	e->to[e->n] = to;
	e->n++;
}

void
edges_free(struct edges *e)
{
	free(e->from);
	free(e->to);
	memset(e, 0, sizeof(*e));
}

/* Counting sort of the edges by source keeps each node's edges in order. */
void
graph_build(struct graph *g, size_t n, const struct edges *e)
{
	size_t *next;
	size_t i, u;

	g->n = n;
	g->nedges = e->n;
	g->off = xcalloc(n + 1, sizeof(*g->off));
	g->adj = xreallocarray(NULL, e->n == 0 ? 1 : e->n, sizeof(*g->adj));
	for (i = 0; i < e->n; i++)
		g->off[e->from[i] + 1]++;
	for (u = 0; u < n; u++)
		g->off[u + 1] += g->off[u];
	next = xreallocarray(NULL, n == 0 ? 1 : n, sizeof(*next));
	memcpy(next, g->off, n * sizeof(*next));
	for (i = 0; i < e->n; i++)
		g->adj[next[e->from[i]]++] = e->to[i];
	free(next);
}

void
graph_free(struct graph *g)
{
	free(g->off);
	free(g->adj);
	memset(g, 0, sizeof(*g));
}

/*
 * A binary min-heap of ready nodes, ordered by key (then index), for
 * Kahn's algorithm.
 */
struct heap {
	size_t	*nodes;
	size_t	 n;
	const size_t *key;
};

static int
heap_less(const struct heap *h, size_t a, size_t b)
{
	if (h->key != NULL && h->key[a] != h->key[b])
		return h->key[a] < h->key[b];
	return a < b;
}

static void
heap_push(struct heap *h, size_t node)
{
	size_t i = h->n++, parent;

	while (i > 0) {
		parent = (i - 1) / 2;
		if (!heap_less(h, node, h->nodes[parent]))
			break;
		h->nodes[i] = h->nodes[parent];
		i = parent;
	}
	h->nodes[i] = node;
}

static size_t
heap_pop(struct heap *h)
{
	size_t top = h->nodes[0], last = h->nodes[--h->n];
	size_t i = 0, child;

	for (;;) {
		child = 2 * i + 1;
		if (child >= h->n)
			break;
		if (child + 1 < h->n &&
		    heap_less(h, h->nodes[child + 1], h->nodes[child]))
			child++;
		if (!heap_less(h, h->nodes[child], last))
			break;
		h->nodes[i] = h->nodes[child];
		i = child;
	}
	if (h->n > 0)
		h->nodes[i] = last;
	return top;
}

size_t
graph_topo(const struct graph *g, const size_t *key, size_t *order,
    size_t *depth)
{
	struct heap heap;
	size_t *indegree;
	size_t u, v, i, count = 0;

	indegree = xcalloc(g->n == 0 ? 1 : g->n, sizeof(*indegree));
	for (i = 0; i < g->nedges; i++)
		indegree[g->adj[i]]++;
	if (depth != NULL)
		memset(depth, 0, g->n * sizeof(*depth));
	heap.nodes = xreallocarray(NULL, g->n == 0 ? 1 : g->n,
	    sizeof(*heap.nodes));
	heap.n = 0;
	heap.key = key;
	for (u = 0; u < g->n; u++)
		if (indegree[u] == 0)
			heap_push(&heap, u);
	while (heap.n > 0) {
		u = heap_pop(&heap);
		order[count++] = u;
		for (i = g->off[u]; i < g->off[u + 1]; i++) {
			v = g->adj[i];
			if (depth != NULL && depth[v] < depth[u] + 1)
				depth[v] = depth[u] + 1;
			if (--indegree[v] == 0)
				heap_push(&heap, v);
		}
	}
	free(heap.nodes);
	free(indegree);
	return count;
}

/*
 * Depth-first search with an explicit stack.  A node is white before it
 * is reached, grey while it is on the stack and black once all its edges
 * were followed.  An edge to a grey node is a back edge, and the cycle it
 * closes is the stack from that node to the top.  Black nodes are never
 * entered again, so every back edge, and with it every cycle reported, is
 * found once.
 */
enum { WHITE, GREY, BLACK };

size_t
graph_cycles(const struct graph *g,
    void (*fn)(const size_t *path, size_t len, void *arg), void *arg)
{
	unsigned char *color;
	size_t *stack, *next, *pos;
	size_t start, top, u, v, count = 0;

	if (g->n == 0)
		return 0;
	color = xcalloc(g->n, 1);
	stack = xreallocarray(NULL, g->n, sizeof(*stack));
	next = xreallocarray(NULL, g->n, sizeof(*next));
	pos = xreallocarray(NULL, g->n, sizeof(*pos));
	for (start = 0; start < g->n; start++) {
		if (color[start] != WHITE)
			continue;
		top = 0;
		stack[top] = start;
		next[top] = g->off[start];
		pos[start] = top;
		color[start] = GREY;
		for (;;) {
			u = stack[top];
			if (next[top] == g->off[u + 1]) {
				color[u] = BLACK;
				if (top-- == 0)
					break;
				continue;
			}
			v = g->adj[next[top]++];
			if (color[v] == GREY) {
				fn(stack + pos[v], top - pos[v] + 1, arg);
				count++;
			} else if (color[v] == WHITE) {
				top++;
				stack[top] = v;
				next[top] = g->off[v];
				pos[v] = top;
				color[v] = GREY;
			}
		}
	}
	free(pos);
	free(next);
	free(stack);
	free(color);
	return count;
}

size_t
graph_reach(const struct graph *g, size_t src, unsigned char *seen)
{
	size_t *stack;
	size_t top = 0, u, v, i, count = 0;

	stack = xreallocarray(NULL, g->n == 0 ? 1 : g->n, sizeof(*stack));
	stack[top++] = src;
	while (top > 0) {
		u = stack[--top];
		for (i = g->off[u]; i < g->off[u + 1]; i++) {
			v = g->adj[i];
			if (seen[v])
				continue;
			seen[v] = 1;
			count++;
			stack[top++] = v;
		}
	}
	free(stack);
	return count;
}

void
graph_reverse(const struct graph *g, struct graph *rev)
{
	struct edges e;
	size_t u, i;

	e.n = e.cap = g->nedges;
	e.from = xreallocarray(NULL, e.n == 0 ? 1 : e.n, sizeof(*e.from));
	e.to = xreallocarray(NULL, e.n == 0 ? 1 : e.n, sizeof(*e.to));
	for (u = 0; u < g->n; u++)
		for (i = g->off[u]; i < g->off[u + 1]; i++) {
			e.from[i] = g->adj[i];
			e.to[i] = u;
		}
	graph_build(rev, g->n, &e);
	edges_free(&e);
}

/*
 * State of graph_redundant(): the graph, its reverse, two topological
 * orders, and two breadth-first searches that meet in the middle.  A node
 * is marked by one search when its mark equals the current stamp, so the
 * marks need no clearing between edges.
 */
struct redundancy {
	const struct graph *g;
	struct graph rev;
	size_t	*position;	/* in the topological order by index */
	size_t	*position2;	/* in an order that breaks ties the other way */
	size_t	*forward;	/* queue of the search from the source's side */
	size_t	*backward;	/* queue of the search from the target */
	size_t	*forward_mark;
	size_t	*backward_mark;
	size_t	*origin;	/* the successor each forward node came from */
	size_t	 stamp;
};

/*
 * Tell whether node w can lie on a path from u to x: it must come after
 * u and before x in both topological orders.  A node that graph_topo()
 * could not order has position UNORDERED, after every x.
 */
static int
between(const struct redundancy *r, size_t u, size_t w, size_t x)
{
	return r->position[u] < r->position[w] &&
	    r->position[w] < r->position[x] &&
	    r->position2[u] < r->position2[w] &&
	    r->position2[w] < r->position2[x];
}

/* Queue node w, reached from successor via, in the forward search. */
static void
forward_push(struct redundancy *r, size_t *tail, size_t w, size_t via)
{
	r->forward_mark[w] = r->stamp;
	r->origin[w] = via;
	r->forward[(*tail)++] = w;
}

/*
 * Find a successor of u other than x from which x is reachable, which
 * makes the edge u -> x redundant.  Return it, or UNORDERED when there
 * is none.  Every node on such a path lies strictly between u and x in
 * both topological orders, so both searches skip the nodes outside that
 * window.  The side with the smaller queue is expanded first, which keeps
 * both searches small when the two sets are large but meet early.
 */
static size_t
implying_successor(struct redundancy *r, size_t u, size_t x)
{
	const struct graph *g = r->g;
	size_t fhead = 0, ftail = 0, bhead = 0, btail = 0;
	size_t i, w, a;

	r->stamp++;
	r->backward_mark[x] = r->stamp;
	r->backward[btail++] = x;
	for (i = g->off[u]; i < g->off[u + 1]; i++) {
		w = g->adj[i];
		if (w != x && between(r, u, w, x) &&
		    r->forward_mark[w] != r->stamp)
			forward_push(r, &ftail, w, w);
	}
	while (fhead < ftail && bhead < btail) {
		if (ftail - fhead <= btail - bhead) {
			a = r->forward[fhead++];
			for (i = g->off[a]; i < g->off[a + 1]; i++) {
				w = g->adj[i];
				if (r->backward_mark[w] == r->stamp)
					return r->origin[a];
				if (r->forward_mark[w] != r->stamp &&
				    between(r, u, w, x))
					forward_push(r, &ftail, w,
					    r->origin[a]);
			}
		} else {
			a = r->backward[bhead++];
			for (i = r->rev.off[a]; i < r->rev.off[a + 1]; i++) {
				w = r->rev.adj[i];
				if (r->forward_mark[w] == r->stamp)
					return r->origin[w];
				if (r->backward_mark[w] == r->stamp ||
				    !between(r, u, w, x))
					continue;
				r->backward_mark[w] = r->stamp;
				r->backward[btail++] = w;
			}
		}
	}
	return UNORDERED;
}

/* Set position[] from the first nordered entries of order[]. */
static void
set_positions(size_t *position, const size_t *order, size_t nordered,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		position[i] = UNORDERED;
	for (i = 0; i < nordered; i++)
		position[order[i]] = i;
}

/* Compute both topological orders of r->g. */
static void
order_twice(struct redundancy *r)
{
	const struct graph *g = r->g;
	size_t *order;
	size_t nordered, u;

	order = xreallocarray(NULL, g->n == 0 ? 1 : g->n, sizeof(*order));
	nordered = graph_topo(g, NULL, order, NULL);
	set_positions(r->position, order, nordered, g->n);

	/*
	 * A path runs forward in every topological order.  The second order
	 * prefers the ready node that came last in the first, so that many
	 * pairs of unrelated nodes are in opposite orders and fail between().
	 */
	for (u = 0; u < g->n; u++)
		r->position2[u] = r->position[u] == UNORDERED ? 0 :
		    nordered - 1 - r->position[u];
	graph_topo(g, r->position2, order, NULL);
	set_positions(r->position2, order, nordered, g->n);
	free(order);
}

/*
 * Edges that touch a node graph_topo() could not order (one on or behind
 * a cycle) are skipped.
 */
size_t
graph_redundant_via(const struct graph *g,
    void (*fn)(size_t from, size_t via, size_t to, void *arg), void *arg)
{
	struct redundancy r;
	size_t u, i, x, via, count = 0;
	size_t n = g->n == 0 ? 1 : g->n;

	r.g = g;
	r.position = xreallocarray(NULL, n, sizeof(*r.position));
	r.position2 = xreallocarray(NULL, n, sizeof(*r.position2));
	order_twice(&r);
	graph_reverse(g, &r.rev);
	r.forward = xreallocarray(NULL, n, sizeof(*r.forward));
	r.backward = xreallocarray(NULL, n, sizeof(*r.backward));
	r.forward_mark = xcalloc(n, sizeof(*r.forward_mark));
	r.backward_mark = xcalloc(n, sizeof(*r.backward_mark));
	r.origin = xreallocarray(NULL, n, sizeof(*r.origin));
	r.stamp = 0;
	for (u = 0; u < g->n; u++) {
		if (r.position[u] == UNORDERED)
			continue;
		for (i = g->off[u]; i < g->off[u + 1]; i++) {
			x = g->adj[i];
			if (r.position[x] == UNORDERED)
				continue;
			via = implying_successor(&r, u, x);
			if (via == UNORDERED)
				continue;
			fn(u, via, x, arg);
			count++;
		}
	}
	free(r.origin);
	free(r.backward_mark);
	free(r.forward_mark);
	free(r.backward);
	free(r.forward);
	graph_free(&r.rev);
	free(r.position2);
	free(r.position);
	return count;
}

/* The callback of graph_redundant() and its argument. */
struct redundant_callback {
	void	(*fn)(size_t from, size_t to, void *arg);
	void	*arg;
};

static void
drop_via(size_t from, size_t via, size_t to, void *arg)
{
	struct redundant_callback *cb = arg;

	(void)via;
	cb->fn(from, to, cb->arg);
}

size_t
graph_redundant(const struct graph *g,
    void (*fn)(size_t from, size_t to, void *arg), void *arg)
{
	struct redundant_callback cb;

	cb.fn = fn;
	cb.arg = arg;
	return graph_redundant_via(g, drop_via, &cb);
}
