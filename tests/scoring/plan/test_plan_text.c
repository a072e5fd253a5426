/*
 * test_plan_text.c — the EXPLAIN text reader (scoring/plan/parse_text.c,
 * text_node.c).
 *
 * Round trip: every JSON capture of tests/plans has a text twin in
 * tests/plans/text/ (same statement, same data, FORMAT TEXT, captured by
 * capture.sh with FORMAT=text as psql prints it); both parse to the same
 * tree, node types, names, row counts, loops and buffers.  Real text plans
 * from elsewhere (tests/plans/text-corpus/, see its SOURCES.md) parse.
 * Table-driven cases pin the label mapping, the statement lines and the
 * positioned errors.
 */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "plan/insight.h"
#include "plan/plan.h"
#include "strbuf.h"

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* Compare what both formats must agree on; a message on the first
 * difference, NULL when equal (malloc'd). */
static char *
compare_nodes(const plan_node *j, const plan_node *t)
{
#define STR(f) if (!same_str(j->f, t->f)) \
		return xasprintf("%s: JSON \"%s\", text \"%s\"", #f, j->f ? j->f : "(null)", t->f ? t->f : "(null)")
#define NUM(f) if (fabs((double) j->f - (double) t->f) > 1e-9) \
		return xasprintf("%s: JSON %g, text %g", #f, (double) j->f, (double) t->f)
	STR(node_type); STR(relation); STR(alias); STR(index_name); STR(join_type);
	STR(parent_relationship); STR(subplan_name); STR(schema); STR(cte_name);
	STR(function_name); STR(strategy); STR(partial_mode); STR(scan_direction);
	STR(filter); STR(join_filter); STR(index_cond); STR(recheck_cond);
	STR(hash_cond); STR(merge_cond); STR(sort_key); STR(presorted_key);
	STR(run_condition);
	STR(sort_method); STR(sort_space_type);
	NUM(parallel_aware); NUM(has_actual); NUM(never_executed);
	NUM(n_children); NUM(id); NUM(last_id); NUM(depth);
	NUM(workers_planned);
	return NULL;
#undef STR
#undef NUM
}

/* Figures of one run: equal when the statement did the same work. */
static char *
compare_figures(const plan_node *j, const plan_node *t)
{
#define NUM(f) if (fabs((double) j->f - (double) t->f) > 1e-9) \
		return xasprintf("%s: JSON %g, text %g", #f, (double) j->f, (double) t->f)
	NUM(actual_rows); NUM(actual_loops); NUM(plan_rows);
	NUM(rows_removed_by_filter); NUM(rows_removed_by_join_filter);
	NUM(rows_removed_by_recheck); NUM(heap_fetches);
	NUM(exact_heap_blocks); NUM(lossy_heap_blocks);
	NUM(hash_buckets); NUM(hash_batches); NUM(original_hash_batches);
	NUM(workers_launched); NUM(hashagg_batches); NUM(cache_hits); NUM(cache_misses); NUM(cache_evictions);
	NUM(buffers.shared_hit + j->buffers.shared_read - t->buffers.shared_read);
	NUM(buffers.local_hit + j->buffers.local_read - t->buffers.local_read);
	NUM(buffers.temp_read); NUM(buffers.temp_written);
	return NULL;
#undef NUM
}

/* Compare the parses of two files: structure always, figures when both
 * come from one session (`figures`). */
static char *
compare_estimates(const plan_node *j, const plan_node *t, bool root)
{
	if (j->plan_rows != t->plan_rows || j->total_cost != t->total_cost)
		return xasprintf("estimates: JSON %g rows cost %g, text %g rows cost %g",
						 j->plan_rows, j->total_cost, t->plan_rows, t->total_cost);
	if (root && j->actual_rows != t->actual_rows)
		return xasprintf("result rows: JSON %g, text %g", j->actual_rows, t->actual_rows);
	return NULL;
}

static int
compare_pair(const char *json_name, const char *text_name, bool figures)
{
	plan *j = fixture_plan(json_name);
	plan *t = fixture_plan(text_name);
	int bad = 0;

	if (j->n_nodes != t->n_nodes) {
		print_message("%s: %zu nodes in JSON, %zu in text\n", text_name, j->n_nodes, t->n_nodes);
		bad = 1;
	}
	for (size_t i = 0; !bad && i < j->n_nodes; i++) {
		char *why = compare_nodes(j->nodes[i], t->nodes[i]);

		/* Parallel runs split work among the processes differently
		 * each time (workers launched, rows and spills per worker):
		 * there only the estimates and the statement's result agree. */
		if (why == NULL && figures && j->has_parallel)
			why = compare_estimates(j->nodes[i], t->nodes[i], i == 0);
		else if (why == NULL && figures)
			why = compare_figures(j->nodes[i], t->nodes[i]);
		if (why) {
			print_message("%s node %zu (%s): %s\n", text_name, i + 1, j->nodes[i]->node_type, why);
			free(why);
			bad = 1;
		}
	}
	if (!bad && figures) {
		const char *what = j->analyzed != t->analyzed ? "analyzed"
			/* text omits zero counters: an all-zero run shows none */
			: j->has_buffers != t->has_buffers && plan_total_buffers(j) > 0 ? "has_buffers"
			: j->has_timing != t->has_timing ? "has_timing"
			: (j->planning_ms < 0) != (t->planning_ms < 0) ? "planning_ms"
			: (j->execution_ms < 0) != (t->execution_ms < 0) ? "execution_ms"
			: j->jit_functions != t->jit_functions ? "jit_functions"
			: (j->jit_ms > 0) != (t->jit_ms > 0) ? "jit_ms"
			: !same_str(j->settings, t->settings) ? "settings" : NULL;

		if (what) {
			print_message("%s: statement figure %s differs\n", text_name, what);
			bad = 1;
		}
	}
	plan_free(j);
	plan_free(t);
	return bad;
}

/* Every tests/plans/text/[mix/]NAME.txt against tests/plans/[mix/]NAME.json. */
static void
test_round_trip(void **state)
{
	static const char *const dirs[] = {"", "mix/"};
	int pairs = 0, bad = 0;

	(void) state;
	for (size_t d = 0; d < 2; d++) {
		char *rel = xasprintf("text/%s", dirs[d]);
		char *dir = fixture_path(rel);
		DIR *dh = opendir(dir);
		struct dirent *e;

		assert_non_null(dh);
		while ((e = readdir(dh)) != NULL) {
			size_t n = strlen(e->d_name);
			char *json, *text;

			if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
				continue;
			text = xasprintf("text/%s%s", dirs[d], e->d_name);
			/* The twin captured in the same session: everything. */
			json = xasprintf("text/%s%.*s.json", dirs[d], (int) (n - 4), e->d_name);
			bad += compare_pair(json, text, true);
			free(json);
			/* The original capture (another database, other statistics):
			 * the same tree. */
			json = xasprintf("%s%.*s.json", dirs[d], (int) (n - 4), e->d_name);
			if (strcmp(e->d_name, "pg15_psql_paste.txt") == 0) {
				free(json);
				json = xstrdup("pg15_psql_paste.txt");
			}
			bad += compare_pair(json, text, false);
			pairs++;
			free(json);
			free(text);
		}
		closedir(dh);
		free(dir);
		free(rel);
	}
	if (bad)
		fail_msg("%d of %d text plans differ from their JSON twin", bad, pairs);
	assert_true(pairs >= 50);
}

/* PEV2 spells some node types as the text prints them; PostgreSQL's JSON
 * (and pgdrill) has the type and the strategy or join apart. */
static const char *
pg_type(const char *pev2)
{
	if (strncmp(pev2, "Subquery Scan ", 14) == 0)
		return "Subquery Scan";   /* PostgreSQL 8.x: "Subquery Scan name" */
	if (strcmp(pev2, "Nested Loop Join") == 0)
		return "Nested Loop";
	if (strcmp(pev2, "GroupAggregate") == 0 || strcmp(pev2, "HashAggregate") == 0)
		return "Aggregate";
	if (strcmp(pev2, "Merge") == 0 || strcmp(pev2, "Insert") == 0 ||
		strcmp(pev2, "Update") == 0 || strcmp(pev2, "Delete") == 0)
		return "ModifyTable";
	return pev2;
}

/* PEV2 keeps a qualified, quoted relation as printed: public."a:b". */
static bool
same_relation(const char *pev2, const plan_node *b)
{
	char *qualified;
	bool same;

	if (same_str(pev2, b->relation))
		return true;
	if (b->relation == NULL)
		return false;
	qualified = xasprintf("%s.\"%s\"", b->schema ? b->schema : "", b->relation);
	same = strcmp(pev2, qualified) == 0;
	free(qualified);
	return same;
}

/* PEV2 keeps an index name's quotes: "a:b". */
static bool
same_index(const char *pev2, const char *read)
{
	size_t n = strlen(pev2);

	if (read && n > 2 && pev2[0] == '"' && pev2[n - 1] == '"')
		return strlen(read) == n - 2 && strncmp(pev2 + 1, read, n - 2) == 0;
	return same_str(pev2, read);
}

/* Expected node a (from NN-expect) against read node b, recursively where
 * the expectation lists children; a message on the first difference. */
static char *
compare_expected(const plan_node *a, const plan_node *b)
{
	char *why = NULL;

#define CHECK(cond, f, fmt, x, y) if (why == NULL && (cond)) why = xasprintf("node %d (%s) %s: " fmt " expected, " fmt " read", b->id, b->node_type, #f, x, y)
	CHECK(strcmp(pg_type(a->node_type), b->node_type) != 0, node_type, "%s", a->node_type, b->node_type);
	CHECK(a->relation && !same_relation(a->relation, b), relation, "%s", a->relation, b->relation ? b->relation : "-");
	CHECK(a->index_name && !same_index(a->index_name, b->index_name), index_name, "%s", a->index_name, b->index_name ? b->index_name : "-");
	CHECK(a->join_type && !same_str(a->join_type, b->join_type), join_type, "%s", a->join_type, b->join_type ? b->join_type : "-");
	CHECK(a->subplan_name && !same_str(a->subplan_name, b->subplan_name), subplan_name, "%s", a->subplan_name, b->subplan_name ? b->subplan_name : "-");
	CHECK(a->plan_rows > 0 && a->plan_rows != b->plan_rows, plan_rows, "%g", a->plan_rows, b->plan_rows);
	CHECK(a->has_actual && a->actual_rows != b->actual_rows, actual_rows, "%g", a->actual_rows, b->actual_rows);
	CHECK(a->has_actual && a->actual_loops != b->actual_loops, actual_loops, "%g", a->actual_loops, b->actual_loops);
	CHECK(a->cache_hits > 0 && a->cache_hits != b->cache_hits, cache_hits, "%g", a->cache_hits, b->cache_hits);
	CHECK(a->hash_batches > 0 && a->hash_batches != b->hash_batches, hash_batches, "%g", a->hash_batches, b->hash_batches);
	CHECK(plan_buffers_work(&a->buffers) > 0 && plan_buffers_work(&a->buffers) != plan_buffers_work(&b->buffers),
		  buffers, "%lld", (long long) plan_buffers_work(&a->buffers), (long long) plan_buffers_work(&b->buffers));
	CHECK(a->n_children > 0 && a->n_children != b->n_children, children, "%zu", a->n_children, b->n_children);
#undef CHECK
	for (size_t i = 0; why == NULL && a->n_children > 0 && i < a->n_children; i++)
		why = compare_expected(a->children[i], b->children[i]);
	return why;
}

/* PEV2's text cases (tests/plans/text-corpus/pev2/NN-plan) against the
 * JSON PEV2 expects from them (NN-expect, a subset of EXPLAIN JSON: the
 * nodes, names and figures it lists must be what pgdrill reads). */
static int
compare_pev2(const char *name)
{
	char *tname = xasprintf("text-corpus/pev2/%s-plan", name);
	char *jname = xasprintf("text-corpus/pev2/%s-expect", name);
	plan *t = fixture_plan(tname), *j = fixture_plan(jname);
	char *why = compare_expected(j->root, t->root);

	if (why)
		print_message("%s: %s\n", tname, why);
	free(why);
	plan_free(j);
	plan_free(t);
	free(tname);
	free(jname);
	return why != NULL;
}

static void
test_pev2_corpus(void **state)
{
	char *dir = fixture_path("text-corpus/pev2");
	DIR *dh = opendir(dir);
	struct dirent *e;
	int cases = 0, bad = 0;

	(void) state;
	assert_non_null(dh);
	while ((e = readdir(dh)) != NULL) {
		size_t n = strlen(e->d_name);
		char *name;

		if (n < 6 || strcmp(e->d_name + n - 5, "-plan") != 0)
			continue;
		name = xstrndup(e->d_name, n - 5);
		bad += compare_pev2(name);
		cases++;
		free(name);
	}
	closedir(dh);
	free(dir);
	if (bad)
		fail_msg("%d of %d PEV2 text plans read differently from PEV2's expectation", bad, cases);
	assert_true(cases >= 40);
}

/* Every plan of the other corpus folders parses; the psql-frames files
 * hold one plan drawn every way psql can, so all read alike. */
static void
test_corpus_parses(void **state)
{
	static const char *const dirs[] = {
		"text-corpus/pev2-11-psql-frames", "text-corpus/pev2-21-io-timings",
		"text-corpus/pev2-cte-exclusive-time",
	};
	int files = 0;

	(void) state;
	for (size_t d = 0; d < 3; d++) {
		char *dir = fixture_path(dirs[d]);
		DIR *dh = opendir(dir);
		struct dirent *e;
		size_t first_nodes = 0;

		assert_non_null(dh);
		while ((e = readdir(dh)) != NULL) {
			size_t n = strlen(e->d_name);
			char *name;
			plan *p;

			if (n < 6 || strcmp(e->d_name + n - 5, ".plan") != 0)
				continue;
			name = xasprintf("%s/%s", dirs[d], e->d_name);
			p = fixture_plan(name);
			assert_true(p->n_nodes >= 1);
			assert_true(p->analyzed || p->root->total_cost > 0);
			if (d == 0 && strncmp(e->d_name, "text-3", 6) != 0) {  /* 3: DBeaver, another plan */
				if (first_nodes == 0)
					first_nodes = p->n_nodes;
				if (p->n_nodes != first_nodes || p->root->actual_rows != 15)
					fail_msg("%s: %zu nodes, %g rows", name, p->n_nodes, p->root->actual_rows);
			}
			plan_free(p);
			free(name);
			files++;
		}
		closedir(dh);
		free(dir);
	}
	assert_true(files >= 30);
}

/* Found by fuzz_plan (a leak): a line repeated keeps its first value, as
 * the JSON reader keeps the first of duplicated keys. */
static void
test_duplicated_lines(void **state)
{
	const char *text =
		"Sort  (cost=1.00..2.00 rows=1 width=4) (actual time=0.1..0.2 rows=1 loops=1)\n"
		"  Sort Method: quicksort  Memory: 25kB\n"
		"  Sort Method: external merge  Disk: 99kB\n"
		"  ->  Bitmap Index Scan using a on b  (cost=0.00..1.00 rows=1 width=0)\n";
	plan *p = fixture_parse_string(text);

	(void) state;
	assert_string_equal(p->root->sort_method, "quicksort");
	assert_string_equal(p->root->sort_space_type, "Memory");
	assert_string_equal(p->nodes[1]->index_name, "a");
	plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_pev2_corpus),
		cmocka_unit_test(test_corpus_parses),
		cmocka_unit_test(test_duplicated_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
