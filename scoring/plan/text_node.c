/*
 * text_node.c — one node of an EXPLAIN text plan into a plan_node.
 *
 * The text format prints a node as a header line ("Hash Left Join
 * (cost=1.00..2.00 rows=10 width=8) (actual time=0.1..0.2 rows=10
 * loops=1)") followed by "Key: value" property lines.  This file turns the
 * header's label into the fields the JSON format gives separately (Node
 * Type, Join Type, Strategy, Partial Mode, relation, schema, alias, index,
 * CTE and function names, scan direction, Parallel Aware) and reads the
 * figures and the properties pgdrill reasons about (conditions, rows
 * removed, buffers, sort, hash, memoize, heap blocks, workers).  The
 * mapping follows PostgreSQL's ExplainNode() (src/backend/commands/
 * explain.c) so a text plan and the JSON of the same run give the same
 * node.  It never decides where a line belongs in the tree: parse_text.c
 * does, and calls plan_text_node_header() / plan_text_node_property().
 */
#include "plan/plan_internal.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A finite, non-negative number at *s (advancing *s); false when none. */
static bool
read_number(const char **s, double *out)
{
	char *end;
	double d;

	if (!isdigit((unsigned char) **s) && **s != '-' && **s != '.')
		return false;
	d = strtod(*s, &end);
	if (end == *s || !isfinite(d))
		return false;
	*s = end;
	*out = d > 0 ? (d > 9e15 ? 9e15 : d) : 0;
	return true;
}

/* A number, or 0 when the text does not start with one. */
static double
number_or_zero(const char *s)
{
	double d = 0;

	return read_number(&s, &d) ? d : 0;
}

static int64_t
blocks_of(const char *s)
{
	return (int64_t) number_or_zero(s);
}

/* Store v in *slot unless it holds a value already (the first of
 * duplicated lines wins, as in the JSON reader); frees v otherwise. */
static void
keep_first(char **slot, char *v)
{
	if (*slot == NULL)
		*slot = v;
	else
		free(v);
}

/* Expect `word` at *s; advance past it. */
static bool
expect(const char **s, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*s, word, n) != 0)
		return false;
	*s += n;
	return true;
}

/*
 * An identifier at *s as quote_identifier() prints it: "..." with ""
 * doubling, or a run of characters up to a space or a '.' (when
 * `stop_at_dot`).  Returns a malloc'd copy (NULL when there is none).
 */
static char *
read_ident(const char **s, bool stop_at_dot)
{
	const char *p = *s;
	strbuf sb = STRBUF_INIT;

	if (*p == '"') {
		for (p++; *p; p++) {
			if (*p == '"') {
				if (p[1] != '"')
					break;
				p++;
			}
			strbuf_append_char(&sb, *p);
		}
		if (*p == '"')
			p++;
		*s = p;
		return strbuf_steal(&sb);
	}
	while (*p && *p != ' ' && !(stop_at_dot && *p == '.'))
		p++;
	if (p == *s)
		return NULL;
	strbuf_append_len(&sb, *s, (size_t) (p - *s));
	*s = p;
	return strbuf_steal(&sb);
}

/* "[schema.]name[ alias]" after " on ": fills the name slot, schema and
 * alias (the alias defaults to the name, as JSON prints it). */
static void
read_target(plan_node *n, const char *s, char **name_slot)
{
	char *first = read_ident(&s, true);

	if (first == NULL)
		return;
	if (*s == '.') {
		s++;
		n->schema = first;
		first = read_ident(&s, false);
		if (first == NULL)
			return;
	}
	*name_slot = first;
	if (*s == ' ') {
		s++;
		n->alias = read_ident(&s, false);
	}
	if (n->alias == NULL)
		n->alias = xstrdup(first);
}

/* The join-type word(s) of "Hash Left Join" etc.: "" means Inner. */
static bool
read_join(plan_node *n, const char *head)
{
	static const char *const kinds[] = {"Hash", "Merge", "Nested Loop"};
	static const char *const types[] = {"Hash Join", "Merge Join", "Nested Loop"};
	size_t len = strlen(head);

	for (size_t i = 0; i < 3; i++) {
		size_t k = strlen(kinds[i]);
		const char *rest = head + k;

		if (strncmp(head, kinds[i], k) != 0 || (*rest != '\0' && *rest != ' '))
			continue;
		if (*rest == '\0' && i != 2)
			continue;           /* "Hash" is the Hash node, not a join */
		if (*rest != '\0' && (len < k + 5 || strcmp(head + len - 5, " Join") != 0))
			continue;           /* "Merge Append" */
		n->node_type = xstrdup(types[i]);
		if (*rest == '\0' || strcmp(rest, " Join") == 0)
			n->join_type = xstrdup("Inner");
		else
			n->join_type = xstrndup(rest + 1, len - k - 6);
		return true;
	}
	return false;
}

/* "Aggregate", "GroupAggregate", "HashAggregate", "MixedAggregate" and
 * "HashSetOp X" / "SetOp X" carry their strategy in the name. */
static bool
read_strategy(plan_node *n, const char *head)
{
	static const struct { const char *text, *type, *strategy; } names[] = {
		{"Aggregate", "Aggregate", "Plain"},
		{"GroupAggregate", "Aggregate", "Sorted"},
		{"HashAggregate", "Aggregate", "Hashed"},
		{"MixedAggregate", "Aggregate", "Mixed"},
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(head, names[i].text) == 0) {
			n->node_type = xstrdup(names[i].type);
			n->strategy = xstrdup(names[i].strategy);
			if (n->partial_mode == NULL)
				n->partial_mode = xstrdup("Simple");
			return true;
		}
	if (starts(head, "SetOp ") || starts(head, "HashSetOp ")) {
		n->node_type = xstrdup("SetOp");
		n->strategy = xstrdup(head[0] == 'H' ? "Hashed" : "Sorted");
		return true;
	}
	return false;
}

/* Fill node type and the names from the label ("Parallel Index Scan
 * Backward using i on public.t x"). */
static void
read_label(plan_node *n, const char *label)
{
	const char *on, *using;
	char *head;
	size_t hl;

	if (starts(label, "Parallel ")) {
		n->parallel_aware = true;
		label += 9;
	}
	if (starts(label, "Async "))
		label += 6;
	if (starts(label, "Partial ") || starts(label, "Finalize ")) {
		const char *sp = strchr(label, ' ');

		n->partial_mode = xstrndup(label, (size_t) (sp - label));
		label = sp + 1;
	}
	using = strstr(label, " using ");
	on = strstr(label, " on ");
	hl = using && (!on || using < on) ? (size_t) (using - label)
		: on ? (size_t) (on - label) : strlen(label);
	head = xstrndup(label, hl);
	if (starts(head, "Subquery Scan ") && on == NULL && using == NULL) {
		/* PostgreSQL 8.x: "Subquery Scan name", no "on" */
		n->node_type = xstrdup("Subquery Scan");
		n->alias = xstrdup(head + 14);
		free(head);
		return;
	}
	if (strcmp(head, "Index Scan Backward") == 0 || strcmp(head, "Index Only Scan Backward") == 0) {
		n->node_type = xstrndup(head, hl - 9);
		n->scan_direction = xstrdup("Backward");
	} else if (!read_join(n, head) && !read_strategy(n, head)) {
		if (strcmp(head, "Insert") == 0 || strcmp(head, "Update") == 0 ||
			strcmp(head, "Delete") == 0 || strcmp(head, "Merge") == 0)
			n->node_type = xstrdup("ModifyTable");
		else if (starts(head, "Custom Scan ("))
			n->node_type = xstrdup("Custom Scan");
		else
			n->node_type = xstrdup(head);
	}
	if (n->scan_direction == NULL && (strcmp(n->node_type, "Index Scan") == 0 ||
									  strcmp(n->node_type, "Index Only Scan") == 0))
		n->scan_direction = xstrdup("Forward");
	free(head);
	if (using) {
		const char *s = using + 7;

		n->index_name = read_ident(&s, false);
		on = strstr(s, " on ");
	}
	if (on == NULL)
		return;
	on += 4;
	if (strcmp(n->node_type, "Bitmap Index Scan") == 0) {
		keep_first(&n->index_name, read_ident(&on, false));
	} else if (strcmp(n->node_type, "CTE Scan") == 0 ||
			   strcmp(n->node_type, "WorkTable Scan") == 0) {
		read_target(n, on, &n->cte_name);
	} else if (strcmp(n->node_type, "Function Scan") == 0) {
		read_target(n, on, &n->function_name);
	} else if (strcmp(n->node_type, "Subquery Scan") == 0 ||
			   strcmp(n->node_type, "Values Scan") == 0 ||
			   strcmp(n->node_type, "Table Function Scan") == 0 ||
			   strcmp(n->node_type, "Named Tuplestore Scan") == 0) {
		keep_first(&n->alias, read_ident(&on, false));
	} else {
		read_target(n, on, &n->relation);
	}
}

/* Node types PostgreSQL prints (ExplainNode's sname list, PG 9.x-17). */
static bool
known_type(const char *type)
{
	static const char *const types[] = {
		"Aggregate", "Append", "Bitmap Heap Scan", "Bitmap Index Scan",
		"BitmapAnd", "BitmapOr", "CTE Scan", "Custom Scan", "Foreign Scan",
		"Function Scan", "Gather", "Gather Merge", "Group", "Hash",
		"Hash Join", "Incremental Sort", "Index Only Scan", "Index Scan",
		"Limit", "LockRows", "Materialize", "Memoize", "Merge Append",
		"Merge Join", "ModifyTable", "Named Tuplestore Scan", "Nested Loop",
		"ProjectSet", "Recursive Union", "Result", "Result Cache",
		"Sample Scan", "Seq Scan", "SetOp", "Sort", "Subquery Scan",
		"Table Function Scan", "Tid Range Scan", "Tid Scan", "Unique",
		"Values Scan", "WindowAgg", "WorkTable Scan",
	};

	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(type, types[i]) == 0)
			return true;
	return false;
}

/* Where the label ends: the first " (" that opens figures (PostgreSQL
 * prints two spaces; hand-edited plans sometimes one). */
static const char *
figures_start(const char *s)
{
	for (const char *p = strstr(s, " ("); p; p = strstr(p + 1, " ("))
		if (starts(p + 2, "cost=") || starts(p + 2, "actual ") || starts(p + 2, "never executed)"))
			return p;
	return NULL;
}

/* "(cost=A..B rows=R width=W)". */
static bool
read_cost(plan_node *n, const char **s)
{
	double width;

	return expect(s, "cost=") && read_number(s, &n->startup_cost) &&
		expect(s, "..") && read_number(s, &n->total_cost) &&
		expect(s, " rows=") && read_number(s, &n->plan_rows) &&
		expect(s, " width=") && read_number(s, &width) && expect(s, ")");
}

/* "(actual time=A..B rows=R loops=L)" or "(actual rows=R loops=L)". */
static bool
read_actual(plan_node *n, const char **s, bool *timing)
{
	if (!expect(s, "actual "))
		return false;
	if (expect(s, "time=")) {
		if (!read_number(s, &n->startup_time_ms) || !expect(s, "..") ||
			!read_number(s, &n->loop_time_ms) || !expect(s, " "))
			return false;
		*timing = true;
	}
	n->has_actual = true;
	return expect(s, "rows=") && read_number(s, &n->actual_rows) &&
		expect(s, " loops=") && read_number(s, &n->actual_loops) && expect(s, ")");
}

const char *
plan_text_node_header(plan_node *n, const char *line, const char **at, bool *timing)
{
	const char *fig = figures_start(line);
	const char *le = fig;
	char *label;

	while (le && le > line && le[-1] == ' ')
		le--;
	label = fig ? xstrndup(line, (size_t) (le - line)) : xstrdup(line);
	const char *s;

	*at = line;
	if (label[0] == '\0' || label[0] == ' ' || label[0] == '(') {
		free(label);
		return "a node name such as \"Seq Scan on t\"";
	}
	read_label(n, label);
	free(label);
	/* Without figures (COSTS OFF) only a node name says it is a node. */
	if (fig == NULL)
		return known_type(n->node_type) ? NULL
			: "a plan node such as \"Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\"";
	for (s = fig; *s;) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		*at = s;
		if (!expect(&s, "("))
			return "\"(\" opening the node's figures";
		if (starts(s, "cost=")) {
			if (!read_cost(n, &s))
				return "\"cost=STARTUP..TOTAL rows=N width=N)\"";
		} else if (starts(s, "never executed)")) {
			s += strlen("never executed)");
			n->has_actual = true;
			n->never_executed = true;
		} else if (!read_actual(n, &s, timing))
			return "\"actual time=A..B rows=N loops=N)\", \"actual rows=N loops=N)\" "
				"or \"never executed)\"";
	}
	if (n->has_actual && n->actual_loops == 0)
		n->never_executed = true;
	return NULL;
}

/* "shared hit=1 read=2 dirtied=3 written=4, local ..., temp read=5 written=6" */
static void
read_buffer_line(plan_buffers *b, const char *s)
{
	int64_t *hit = NULL, *read = NULL, *dirtied = NULL, *written = NULL;

	while (*s) {
		while (*s == ' ' || *s == ',')
			s++;
		if (expect(&s, "shared ")) {
			hit = &b->shared_hit, read = &b->shared_read;
			dirtied = &b->shared_dirtied, written = &b->shared_written;
		} else if (expect(&s, "local ")) {
			hit = &b->local_hit, read = &b->local_read;
			dirtied = &b->local_dirtied, written = &b->local_written;
		} else if (expect(&s, "temp ")) {
			hit = NULL, read = &b->temp_read, dirtied = NULL, written = &b->temp_written;
		} else if (hit == NULL && read == NULL) {
			return;             /* not a buffer line we know */
		}
		if (expect(&s, "hit=") && hit)
			*hit = blocks_of(s);
		else if (expect(&s, "read=") && read)
			*read = blocks_of(s);
		else if (expect(&s, "dirtied=") && dirtied)
			*dirtied = blocks_of(s);
		else if (expect(&s, "written=") && written)
			*written = blocks_of(s);
		while (*s && *s != ' ' && *s != ',')
			s++;
	}
}

/* Items of a line like "Buckets: 1024  Batches: 1  Memory Usage: 9kB",
 * each "Key: value" separated by two spaces. */
static void
read_items(plan_node *n, const char *s)
{
	bool hash = strcmp(n->node_type, "Hash") == 0;

	while (*s) {
		const char *colon = strstr(s, ": ");
		const char *gap = strstr(s, "  ");
		const char *v, *next;
		size_t vlen;

		if (colon == NULL || (gap && gap < colon))
			return;
		v = colon + 2;
		while (*v == ' ')
			v++;                /* "Sort Method:  quicksort" (PG 9.x) */
		next = strstr(v, "  ");
		vlen = next ? (size_t) (next - v) : strlen(v);
		if (starts(s, "Sort Method:"))
			keep_first(&n->sort_method, xstrndup(v, vlen));
		else if (starts(s, "Memory:") || starts(s, "Disk:")) {
			keep_first(&n->sort_space_type, xstrndup(s, (size_t) (colon - s)));
			n->sort_space_kb = number_or_zero(v);
		} else if (starts(s, "Buckets:"))
			n->hash_buckets = number_or_zero(v);
		else if (starts(s, "Batches:")) {
			const char *orig = strstr(v, "(originally ");

			if (!hash)
				n->hashagg_batches = number_or_zero(v);
			else {
				n->hash_batches = number_or_zero(v);
				n->original_hash_batches = orig && (!next || orig < next)
					? number_or_zero(orig + 12) : n->hash_batches;
			}
		} else if (starts(s, "Memory Usage:"))
			n->peak_memory_kb = number_or_zero(v);
		else if (starts(s, "Disk Usage:"))
			n->disk_usage_kb = number_or_zero(v);
		else if (starts(s, "Hits:"))
			n->cache_hits = number_or_zero(v);
		else if (starts(s, "Misses:"))
			n->cache_misses = number_or_zero(v);
		else if (starts(s, "Evictions:"))
			n->cache_evictions = number_or_zero(v);
		if (next == NULL)
			return;
		s = next;
		while (*s == ' ')
			s++;
	}
}

/* Expression-valued keys with a field of their own (all also go into
 * expressions, as the JSON reader does). */
static char **
expression_slot(plan_node *n, const char *key, size_t len)
{
	static const struct { const char *key; size_t off; } slots[] = {
		{"Filter", offsetof(plan_node, filter)},
		{"Join Filter", offsetof(plan_node, join_filter)},
		{"Index Cond", offsetof(plan_node, index_cond)},
		{"Recheck Cond", offsetof(plan_node, recheck_cond)},
		{"Hash Cond", offsetof(plan_node, hash_cond)},
		{"Merge Cond", offsetof(plan_node, merge_cond)},
		{"Sort Key", offsetof(plan_node, sort_key)},
		{"Presorted Key", offsetof(plan_node, presorted_key)},
		{"Run Condition", offsetof(plan_node, run_condition)},
	};

	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
		if (strlen(slots[i].key) == len && strncmp(key, slots[i].key, len) == 0)
			return (char **) ((char *) n + slots[i].off);
	return NULL;
}

/* Numeric properties, one value each. */
static bool
read_count(plan_node *n, const char *key, size_t len, const char *v)
{
	static const struct { const char *key; size_t off; } counts[] = {
		{"Rows Removed by Filter", offsetof(plan_node, rows_removed_by_filter)},
		{"Rows Removed by Join Filter", offsetof(plan_node, rows_removed_by_join_filter)},
		{"Rows Removed by Index Recheck", offsetof(plan_node, rows_removed_by_recheck)},
		{"Heap Fetches", offsetof(plan_node, heap_fetches)},
		{"Subplans Removed", offsetof(plan_node, subplans_removed)},
	};

	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
		if (strlen(counts[i].key) == len && strncmp(key, counts[i].key, len) == 0) {
			*(double *) ((char *) n + counts[i].off) = number_or_zero(v);
			return true;
		}
	if (len == 15 && strncmp(key, "Workers Planned", len) == 0)
		n->workers_planned = (int) fmin(number_or_zero(v), 1e6);
	else if (len == 16 && strncmp(key, "Workers Launched", len) == 0)
		n->workers_launched = (int) fmin(number_or_zero(v), 1e6);
	else
		return false;
	return true;
}

const char *
plan_text_node_property(plan_node *n, strbuf *expr, const char *line, bool *buffers)
{
	const char *colon = strstr(line, ": ");
	size_t klen;
	const char *v;
	char **slot;

	if (colon == NULL || colon == line)
		return "\"Key: value\", a child \"->  Node\" or an InitPlan, SubPlan or CTE label";
	klen = (size_t) (colon - line);
	v = colon + 2;
	if (starts(line, "Buffers: ")) {
		read_buffer_line(&n->buffers, v);
		*buffers = true;
	} else if (starts(line, "Heap Blocks: ")) {
		const char *e = strstr(v, "exact="), *l = strstr(v, "lossy=");

		n->exact_heap_blocks = e ? number_or_zero(e + 6) : 0;
		n->lossy_heap_blocks = l ? number_or_zero(l + 6) : 0;
	} else if (starts(line, "Sort Method: ") || starts(line, "Buckets: ") ||
			   starts(line, "Batches: ") || starts(line, "Hits: ") ||
			   starts(line, "Planned Partitions: ")) {
		read_items(n, line);
	} else if (read_count(n, line, klen, v)) {
		/* done */
	} else if ((slot = expression_slot(n, line, klen)) != NULL) {
		if (*slot == NULL)
			*slot = xstrdup(v);
		strbuf_append(expr, v);
		strbuf_append_char(expr, '\n');
	} else if (!isdigit((unsigned char) *v) && strcmp(v, "true") != 0 &&
			   strcmp(v, "false") != 0 && !starts(line, "I/O Timings") &&
			   !starts(line, "WAL") && !starts(line, "Full-sort Groups") &&
			   !starts(line, "Pre-sorted Groups")) {
		strbuf_append(expr, v);   /* Output, Group Key, Cache Key... */
		strbuf_append_char(expr, '\n');
	}
	return NULL;
}
