/*
 * test_plan_corpus.c — the acceptance test over real plans from other
 * tools' users (tests/corpus/plans through PGDRILL_CORPUS) and our own
 * PostgreSQL 15 captures (tests/plans): every plan is read; for each plan
 * without parallelism the exclusive times add up to the root's total time
 * within 1 %; each plan's hottest node and the rules that fire are pinned.  A plan file that is not
 * in the table fails the test, so a new corpus file gets pinned too.  Our
 * captures (tests/plans, tests/plans/mix) must add up too, parallel or not.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "strbuf.h"

typedef struct corpus_case {
	const char *file;
	int hottest;             /* pre-order id of the hottest node */
	const char *hottest_type;
	const char *fired;       /* fixture_fired(): "rule#node ..." sorted */
} corpus_case;

static const corpus_case corpus[] = {
	{"gocmdpev_example.json", 9, "Seq Scan",
	 "cte_materialized#2 hottest_node#9"},
	/* its CTE scans stopped after one row (the joins above came back
	 * empty): no misestimate or hash-side finding from that */
	{"pg_flame_cte.json", 15, "Seq Scan",
	 "cte_materialized#12 cte_materialized#5 cte_materialized#8 hottest_node#15 "
	 "seq_scan_filter#11 seq_scan_filter#15 seq_scan_filter#6"},
	{"pg_flame_plan.json", 6, "Seq Scan",
	 "hottest_node#6 row_misestimate#2 seq_scan_filter#6"},
	{"plan1_source_json.json", 3, "Bitmap Index Scan",
	 "hottest_node#3"},
	{"plan2_source.json", 6, "Hash Join",
	 "hottest_node#6"},
	{"plan5_source.json", 3, "Aggregate",
	 "hottest_node#3"},
	{"plan_many_ctes.json", 33, "Seq Scan",
	 "cte_materialized#18 cte_materialized#3 cte_materialized#31 "
	 "hottest_node#33 row_misestimate#32 row_misestimate#38"},
	{"plan_parallel_source.json", 4, "Seq Scan",
	 "hottest_node#4 workers_not_launched#2"},
};

static const corpus_case *
find_case(const char *file)
{
	for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++)
		if (strcmp(corpus[i].file, file) == 0)
			return &corpus[i];
	return NULL;
}

static void
check_plan(const char *path, const corpus_case *c)
{
	size_t len;
	char *text = fixture_read(path, &len);
	error err = {0};
	plan *p = plan_parse(text, len, &err);
	const plan_node *hot;
	double sum = 0;
	char *fired;

	if (p == NULL)
		fail_msg("%s: %s", path, err.message);
	for (size_t i = 0; i < p->n_nodes; i++) {
		assert_true(p->nodes[i]->exclusive_time_ms >= 0);
		assert_true(p->nodes[i]->exclusive_time_ms <= p->nodes[i]->total_time_ms + 1e-9 ||
					p->nodes[i]->under_gather);
		sum += p->nodes[i]->exclusive_time_ms;
	}
	if (!p->has_parallel && p->has_timing) {
		double root = p->root->total_time_ms;

		if (sum < root * 0.99 - 1e-9 || sum > root * 1.01 + 1e-9)
			fail_msg("%s: exclusive times add up to %.3f, root %.3f", path, sum, root);
	}
	hot = plan_hottest(p);
	if (hot->id != c->hottest || strcmp(hot->node_type, c->hottest_type) != 0)
		fail_msg("%s: hottest is #%d %s, pinned #%d %s", path, hot->id,
				 hot->node_type, c->hottest, c->hottest_type);
	fired = fixture_fired(p);
	if (strcmp(fired, c->fired) != 0)
		fail_msg("%s fires \"%s\", pinned \"%s\"", path, fired, c->fired);
	free(fired);
	plan_free(p);
	free(text);
}

static void
test_corpus(void **state)
{
	const char *corpus_dir = getenv("PGDRILL_CORPUS");
	char *dir_path;
	DIR *dir;
	struct dirent *e;
	size_t seen = 0;

	(void) state;
	if (corpus_dir == NULL)
		fail_msg("PGDRILL_CORPUS is not set (meson test sets it)");
	dir_path = xasprintf("%s/plans", corpus_dir);
	dir = opendir(dir_path);
	if (dir == NULL)
		fail_msg("cannot open %s", dir_path);
	while ((e = readdir(dir)) != NULL) {
		const corpus_case *c;
		char *path;
		size_t n = strlen(e->d_name);

		if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		c = find_case(e->d_name);
		if (c == NULL)
			fail_msg("corpus plan %s is not pinned in test_plan_corpus.c", e->d_name);
		path = xasprintf("%s/%s", dir_path, e->d_name);
		check_plan(path, c);
		free(path);
		seen++;
	}
	closedir(dir);
	free(dir_path);
	assert_int_equal(seen, sizeof corpus / sizeof corpus[0]);
}

/* Every capture in tests/plans and tests/plans/mix (our own PostgreSQL 15
 * plans: CTEs, InitPlans, SubPlans, recursive CTEs, window functions,
 * set operations, LATERAL, Memoize, parallel workers): exclusive times
 * add up to the root's total within 1 %, never negative, never above the
 * node's own total. */
static size_t
check_dir(const char *dir_path)
{
	DIR *dir = opendir(dir_path);
	struct dirent *e;
	size_t seen = 0;

	if (dir == NULL)
		fail_msg("cannot open %s", dir_path);
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name), len;
		char *path, *text;
		plan *p;
		error err = {0};
		double sum = 0;

		if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		path = xasprintf("%s/%s", dir_path, e->d_name);
		text = fixture_read(path, &len);
		p = plan_parse(text, len, &err);
		if (p == NULL)
			fail_msg("%s: %s", path, err.message);
		for (size_t i = 0; i < p->n_nodes; i++) {
			const plan_node *nd = p->nodes[i];

			assert_true(nd->exclusive_time_ms >= 0);
			if (nd->exclusive_time_ms > nd->total_time_ms + 1e-9)
				fail_msg("%s: node %d has %.3f ms exclusive of %.3f", path, nd->id,
						 nd->exclusive_time_ms, nd->total_time_ms);
			sum += nd->exclusive_time_ms;
		}
		if (p->has_timing) {
			double root = p->root->total_time_ms;

			if (sum < root * 0.99 - 1e-9 || sum > root * 1.01 + 1e-9)
				fail_msg("%s: exclusive times add up to %.3f, root %.3f", path, sum, root);
		}
		plan_free(p);
		free(text);
		free(path);
		seen++;
	}
	closedir(dir);
	return seen;
}

static void
test_captures(void **state)
{
	char *plans = fixture_path("");
	char *mix = fixture_path("mix");

	(void) state;
	assert_true(check_dir(plans) >= 20);
	assert_int_equal(check_dir(mix), 28);
	free(plans);
	free(mix);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_captures),
	};
	return cmocka_run_group_tests_name("plan_corpus", tests, NULL, NULL);
}
