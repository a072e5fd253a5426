/*
 * test_quiz.c — scoring/quiz/: reading questions.json (every error named),
 * reading answer files (line numbers on errors), exact grading against real
 * PostgreSQL 15 plans from tests/plans/ (computed answers: the hottest node,
 * the spill, the worst misestimate and its factor, heap fetches; labels and #numbers;
 * tolerances; choices), and the checks author verify runs on a real plan.
 *
 * No server: plans are captured EXPLAIN JSON files, read here (tests may do
 * I/O; scoring/ may not).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quiz/quiz.h"
#include "scoring/plan/fixtures.h"
#include "strbuf.h"

static quiz *
parse_ok(const char *json)
{
	error err = {0};
	quiz *q = quiz_parse(json, strlen(json), &err);

	if (q == NULL)
		fail_msg("quiz_parse: %s", err.message);
	return q;
}

/* Questions about tests/plans/pg15_sort_spill.json: Limit (#1) over a Sort
 * (#2, external merge: 30,000 temp blocks, 400,000 rows estimated, 1,010
 * read) over a Seq Scan on orders (#3, 6,400 shared buffers). */
static const char *const spill_quiz =
	"{\"questions\": ["
	" {\"id\": \"hot\", \"kind\": \"node\", \"text\": \"Hottest?\","
	"  \"answer\": {\"computed\": \"hottest\"}, \"explanation\": \"The sort.\"},"
	" {\"id\": \"reads\", \"kind\": \"node\", \"text\": \"Buffers?\","
	"  \"answer\": {\"computed\": \"hottest_buffers\"}, \"explanation\": \"The scan.\"},"
	" {\"id\": \"disk\", \"kind\": \"node\", \"text\": \"Spill?\","
	"  \"answer\": {\"computed\": \"spill\"}, \"explanation\": \"work_mem.\"},"
	" {\"id\": \"off\", \"kind\": \"number\", \"text\": \"Factor?\","
	"  \"answer\": {\"computed\": \"misestimate_factor\", \"node\": {\"computed\": \"worst_misestimate\"}},"
	"  \"explanation\": \"Limit.\"},"
	" {\"id\": \"rows\", \"kind\": \"number\", \"text\": \"Rows read?\", \"tolerance\": 0,"
	"  \"answer\": {\"computed\": \"actual_rows\", \"node\": {\"label\": \"Seq Scan on orders\"}},"
	"  \"explanation\": \"All.\"},"
	" {\"id\": \"const\", \"kind\": \"number\", \"text\": \"Workers?\", \"answer\": 0,"
	"  \"explanation\": \"None.\"},"
	" {\"id\": \"why\", \"kind\": \"choice\", \"text\": \"Why?\","
	"  \"choices\": {\"a\": \"stale stats\", \"b\": \"work_mem too small\"}, \"answer\": \"b\","
	"  \"explanation\": \"4 MB.\"}"
	"]}";

typedef struct grade_case {
	const char *answers;
	bool correct[7];
} grade_case;

static void
test_grade_on_real_plan(void **state)
{
	static const grade_case cases[] = {
		{"hot: #2\nreads: 2\ndisk: sort\noff: 396\nrows: 400,000\nconst: 0\nwhy: b\n",
		 {true, true, true, true, true, true, true}},
		{"# labels, spacing and case\nhot:   SORT \nreads:  Sort \n"
		 "disk: #2\noff: 400x\nrows: 400000\nconst: 0.0\nwhy: (B)\n",
		 {true, true, true, true, true, true, true}},
		{"hot: #3\nreads: seq  scan on ORDERS\ndisk: limit\noff: 300\nrows: 399999\nconst: 1\nwhy: a\n",
		 {false, false, false, false, false, false, false}},
		{"hot: 99\nreads: banana\nwhy: b)\n",   /* unanswered ones are wrong */
		 {false, false, false, false, false, false, true}},
	};
	quiz *q = parse_ok(spill_quiz);
	plan *p = fixture_plan("pg15_sort_spill.json");

	(void) state;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		error err = {0};
		quiz_answers *a = quiz_answers_parse(q, cases[c].answers, strlen(cases[c].answers), &err);
		quiz_result *r;
		size_t right = 0;

		if (a == NULL)
			fail_msg("case %zu: %s", c, err.message);
		r = quiz_grade(q, p, a, &err);
		assert_non_null(r);
		assert_int_equal(r->n, 7);
		for (size_t i = 0; i < r->n; i++) {
			if (r->marks[i].correct != cases[c].correct[i])
				fail_msg("case %zu, question %s: given \"%s\", expected \"%s\", graded %s", c,
						 r->marks[i].question->id, r->marks[i].given ? r->marks[i].given : "",
						 r->marks[i].expected, r->marks[i].correct ? "right" : "wrong");
			right += cases[c].correct[i];
		}
		assert_int_equal(r->n_correct, right);
		quiz_result_free(r);
		quiz_answers_free(a);
	}
	{
		/* the expected answers name the node by number and label */
		quiz_result *r = quiz_grade(q, p, NULL, &(error) {0});

		assert_string_equal(r->marks[0].expected, "#2 Sort");
		assert_string_equal(r->marks[1].expected, "#2 Sort");   /* temp blocks */
		assert_string_equal(r->marks[4].expected, "400000 (at #3 Seq Scan on orders)");
		assert_string_equal(r->marks[6].expected, "b) work_mem too small");
		assert_null(r->marks[0].given);
		assert_int_equal(r->n_correct, 0);
		quiz_result_free(r);
	}
	plan_free(p);
	quiz_free(q);
}

/* heap_fetches over tests/plans/pg15_index_only_heap.json: a GroupAggregate over
 * an Index Only Scan using fresh_grp_id (25,000 rows, Heap Fetches 25000). */
static void
test_grade_heap_fetches(void **state)
{
	static const char *const json =
		"{\"questions\": ["
		" {\"id\": \"hf\", \"kind\": \"number\", \"text\": \"How many?\","
		"  \"answer\": {\"computed\": \"heap_fetches\", \"node\": {\"label\": "
		"\"Index Only Scan using fresh_grp_id on fresh\"}}, \"tolerance\": 0.02,"
		"  \"explanation\": \"Heap Fetches.\"},"
		" {\"id\": \"none\", \"kind\": \"number\", \"text\": \"And the GroupAggregate?\","
		"  \"answer\": {\"computed\": \"heap_fetches\", \"node\": {\"label\": \"GroupAggregate\"}},"
		"  \"explanation\": \"Only index-only scans fetch.\"}"
		"]}";
	static const struct { const char *answers; bool hf, none; } cases[] = {
		{"hf: 25,000\nnone: 0\n", true, true},
		{"hf: 24600\nnone: 0\n", true, true},     /* within 2% */
		{"hf: 24000\nnone: 1\n", false, false},
		{"hf: 50\nnone: 25000\n", false, false},   /* the rows of the GroupAggregate */
	};
	quiz *q = parse_ok(json);
	plan *p = fixture_plan("pg15_index_only_heap.json");

	(void) state;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		error err = {0};
		quiz_answers *a = quiz_answers_parse(q, cases[c].answers, strlen(cases[c].answers), &err);
		quiz_result *r;

		if (a == NULL)
			fail_msg("case %zu: %s", c, err.message);
		r = quiz_grade(q, p, a, &err);
		if (r == NULL)
			fail_msg("case %zu: %s", c, err.message);
		if (r->marks[0].correct != cases[c].hf || r->marks[1].correct != cases[c].none)
			fail_msg("case %zu: graded %d %d (expected %s, %s)", c, r->marks[0].correct,
					 r->marks[1].correct, r->marks[0].expected, r->marks[1].expected);
		quiz_result_free(r);
		quiz_answers_free(a);
	}
	plan_free(p);
	quiz_free(q);
}

/* A computed answer that does not exist on the plan is the drill's fault. */
static void
test_grade_impossible(void **state)
{
	quiz *q = parse_ok(spill_quiz);
	plan *p = fixture_plan("pg15_seq_scan_filter.json");   /* one Seq Scan, no spill */
	error err = {0};

	(void) state;
	assert_null(quiz_grade(q, p, NULL, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	assert_non_null(strstr(err.message, "question \"disk\": no node spills to disk"));
	plan_free(p);
	quiz_free(q);
}

typedef struct parse_case {
	const char *json;
	const char *message;     /* a substring of the error */
} parse_case;

#define Q(body) "{\"questions\": [{\"id\": \"q\", \"text\": \"?\", \"explanation\": \"!\", " body "}]}"

static void
test_parse_errors(void **state)
{
	static const parse_case cases[] = {
		{"{\"questions\": [", "not valid JSON"},
		{"{}", "\"questions\" must be an array of 1 to"},
		{"{\"questions\": []}", "\"questions\" must be an array of 1 to"},
		{"{\"questions\": [1]}", "question 1 must be an object"},
		{"{\"questions\": [{\"kind\": \"node\"}]}", "question 1: \"id\" is missing"},
		{"{\"questions\": [], \"extra\": 1}", "must be an array"},
		{"{\"questions\": [{\"id\": \"q\", \"kind\": \"choice\"}], \"extra\": 1}", "unknown field \"extra\""},
		{Q("\"kind\": \"essay\""), "\"kind\" must be choice, node or number"},
		{Q("\"kind\": \"node\", \"answer\": {\"computed\": \"slowest\"}"), "\"computed\" must be hottest"},
		{Q("\"kind\": \"node\", \"answer\": {\"computed\": \"hottest\", \"label\": \"x\"}"), "either"},
		{Q("\"kind\": \"node\""), "\"answer\" is missing"},
		{Q("\"kind\": \"node\", \"answer\": \"Sort\""), "a node must be an object"},
		{Q("\"kind\": \"choice\", \"choices\": {\"a\": \"x\"}, \"answer\": \"a\""), "at least two keys"},
		{Q("\"kind\": \"choice\", \"choices\": {\"a\": \"x\", \"b\": \"y\"}, \"answer\": \"c\""), "not one of the choices"},
		{Q("\"kind\": \"number\", \"answer\": {\"computed\": \"misestimate_factor\"}"), "\"node\" is missing"},
		{Q("\"kind\": \"number\", \"answer\": {\"computed\": \"speed\", \"node\": {\"computed\": \"hottest\"}}"), "must be misestimate_factor"},
		{Q("\"kind\": \"number\", \"answer\": 3, \"tolerance\": 2"), "\"tolerance\" must be a number from 0 to 1"},
		{Q("\"kind\": \"number\", \"answer\": \"3\""), "\"answer\" must be a number or"},
		{Q("\"kind\": \"number\", \"answer\": 3, \"choices\": {\"a\": \"x\", \"b\": \"y\"}"), "only for kind choice"},
		{Q("\"kind\": \"number\", \"answer\": 3, \"hint\": \"x\""), "unknown field \"hint\""},
		{Q("\"kind\": \"number\", \"answer\": 3, \"requires\": []"), "\"requires\" must be a non-empty array"},
		{Q("\"kind\": \"number\", \"answer\": 3, \"requires\": [\"Sort\"]"), "a node must be an object"},
		{"{\"questions\": [{\"id\": \"Bad Id\", \"kind\": \"node\"}]}", "must be 1 to 40 characters"},
		{"{\"questions\": [{\"id\": \"q\", \"kind\": \"number\", \"text\": \"?\", \"answer\": 1}]}",
		 "\"explanation\" is missing"},
		{"{\"questions\": [" "{\"id\": \"q\", \"kind\": \"number\", \"text\": \"?\", \"explanation\": \"!\", \"answer\": 1},"
		 "{\"id\": \"q\", \"kind\": \"number\", \"text\": \"?\", \"explanation\": \"!\", \"answer\": 1}]}",
		 "question \"q\" is defined twice"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		error err = {0};
		quiz *q = quiz_parse(cases[i].json, strlen(cases[i].json), &err);

		if (q != NULL)
			fail_msg("case %zu parsed: %s", i, cases[i].json);
		assert_int_equal(err.kind, ERROR_USAGE);
		if (strstr(err.message, cases[i].message) == NULL)
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.message, cases[i].message);
		assert_non_null(strstr(err.message, "questions.json"));
	}
}

typedef struct answers_case {
	const char *text;
	int line;                /* 0 = parses */
	const char *message;
} answers_case;

static void
test_answers_parse(void **state)
{
	static const answers_case cases[] = {
		{"", 0, NULL},
		{"# only comments\n\n   \n", 0, NULL},
		{"hot: 2\r\nwhy:b", 0, NULL},
		{"hot:\nwhy: \n", 0, NULL},
		{"hot 2\n", 1, "expected \"QUESTION: ANSWER\""},
		{"# c\n\nnope: 1\n", 3, "no question \"nope\""},
		{"hot: 1\nhot: 2\n", 2, "answered twice"},
	};
	quiz *q = parse_ok(spill_quiz);

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		error err = {0};
		quiz_answers *a = quiz_answers_parse(q, cases[i].text, strlen(cases[i].text), &err);

		if (cases[i].line == 0) {
			if (a == NULL)
				fail_msg("case %zu: %s", i, err.message);
			quiz_answers_free(a);
			continue;
		}
		assert_null(a);
		assert_int_equal(err.kind, ERROR_REJECTED);
		assert_int_equal(err.position, cases[i].line);
		if (strstr(err.message, cases[i].message) == NULL)
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.message, cases[i].message);
	}
	{
		error err = {0};
		const char nul[] = "hot: 1\0x";

		assert_null(quiz_answers_parse(q, nul, sizeof nul - 1, &err));
		assert_int_equal(err.kind, ERROR_REJECTED);
	}
	{
		/* blank answers are "not answered", values are trimmed */
		error err = {0};
		const char *text = "hot:   #2  \nwhy:\n";
		quiz_answers *a = quiz_answers_parse(q, text, strlen(text), &err);

		assert_string_equal(a->given[0], "#2");
		assert_null(a->given[6]);
		quiz_answers_free(a);
	}
	quiz_free(q);
}

/* Two nodes with nearly the same self time and no misestimate. */
static const char *const flat_plan =
	"[{\"Plan\": {\"Node Type\": \"Hash Join\", \"Join Type\": \"Inner\", \"Startup Cost\": 0,"
	" \"Total Cost\": 10, \"Plan Rows\": 10, \"Plan Width\": 4, \"Actual Startup Time\": 0,"
	" \"Actual Total Time\": 20, \"Actual Rows\": 10, \"Actual Loops\": 1, \"Plans\": ["
	" {\"Node Type\": \"Seq Scan\", \"Parent Relationship\": \"Outer\", \"Relation Name\": \"a\","
	" \"Alias\": \"a\", \"Startup Cost\": 0, \"Total Cost\": 5, \"Plan Rows\": 10, \"Plan Width\": 4,"
	" \"Actual Startup Time\": 0, \"Actual Total Time\": 10.5, \"Actual Rows\": 10,"
	" \"Actual Loops\": 1}]}, \"Planning Time\": 0.1, \"Execution Time\": 20}]";

static void
test_check_plan(void **state)
{
	const char *json =
		"{\"questions\": ["
		" {\"id\": \"hot\", \"kind\": \"node\", \"text\": \"?\", \"explanation\": \"!\","
		"  \"answer\": {\"computed\": \"hottest\"}},"
		" {\"id\": \"off\", \"kind\": \"node\", \"text\": \"?\", \"explanation\": \"!\","
		"  \"answer\": {\"computed\": \"worst_misestimate\"}},"
		" {\"id\": \"disk\", \"kind\": \"node\", \"text\": \"?\", \"explanation\": \"!\","
		"  \"answer\": {\"computed\": \"spill\"}},"
		" {\"id\": \"named\", \"kind\": \"node\", \"text\": \"?\", \"explanation\": \"!\","
		"  \"answer\": {\"label\": \"Index Scan using a_pkey on a\"}},"
		" {\"id\": \"fine\", \"kind\": \"node\", \"text\": \"?\", \"explanation\": \"!\","
		"  \"answer\": {\"label\": \"Seq Scan on a\"}}"
		"]}";
	quiz *q = parse_ok(json);
	error err = {0};
	plan *flat = plan_parse(flat_plan, strlen(flat_plan), &err);
	plan *spill = fixture_plan("pg15_sort_spill.json");
	char **lines = NULL;
	size_t n = 0;

	(void) state;
	assert_non_null(flat);
	quiz_check_plan(q, flat, &lines, &n);
	assert_int_equal(n, 4);
	assert_non_null(strstr(lines[0], "question \"hot\": the hottest node is not clear-cut"));
	assert_non_null(strstr(lines[1], "question \"off\": every estimate"));
	assert_non_null(strstr(lines[2], "question \"disk\": no node spills to disk"));
	assert_non_null(strstr(lines[3], "question \"named\": no node is \"Index Scan using a_pkey on a\""));
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	lines = NULL;
	n = 0;
	/* on the spilling sort plan, only the missing labelled nodes are wrong */
	quiz_check_plan(q, spill, &lines, &n);
	assert_int_equal(n, 2);
	assert_non_null(strstr(lines[0], "question \"named\""));
	assert_non_null(strstr(lines[1], "question \"fine\": no node is \"Seq Scan on a\""));
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	plan_free(flat);
	plan_free(spill);
	quiz_free(q);
}

/* Constant answers can name what the plan must show for them to be right:
 * author verify reports a plan without it, grading refuses it. */
static void
test_requires(void **state)
{
	const char *json =
		"{\"questions\": ["
		" {\"id\": \"why\", \"kind\": \"choice\", \"text\": \"?\", \"explanation\": \"!\","
		"  \"choices\": {\"a\": \"x\", \"b\": \"y\"}, \"answer\": \"a\","
		"  \"requires\": [{\"computed\": \"spill\"}, {\"label\": \"seq scan on orders\"}]},"
		" {\"id\": \"join\", \"kind\": \"choice\", \"text\": \"?\", \"explanation\": \"!\","
		"  \"choices\": {\"a\": \"x\", \"b\": \"y\"}, \"answer\": \"b\","
		"  \"requires\": [{\"label\": \"Nested Loop\"}]}"
		"]}";
	quiz *q = parse_ok(json);
	plan *spill = fixture_plan("pg15_sort_spill.json");
	plan *filter = fixture_plan("pg15_seq_scan_filter.json");
	char **lines = NULL;
	size_t n = 0;

	(void) state;
	assert_int_equal(q->questions[0].n_requires, 2);
	quiz_check_plan(q, spill, &lines, &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "question \"join\" requires a node \"Nested Loop\""));
	free(lines[0]);
	free(lines);
	lines = NULL;
	n = 0;
	quiz_check_plan(q, filter, &lines, &n);
	assert_int_equal(n, 2);
	assert_non_null(strstr(lines[0], "question \"why\" requires a node that spills to disk"));
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	/* grading refuses a plan the stored answers do not fit (another
	 * --scale's, say): an error, never a verdict */
	{
		error err = {0};
		quiz *spill_only = parse_ok(
			"{\"questions\": [{\"id\": \"why\", \"kind\": \"choice\", \"text\": \"?\","
			" \"explanation\": \"!\", \"choices\": {\"a\": \"x\", \"b\": \"y\"},"
			" \"answer\": \"a\", \"requires\": [{\"computed\": \"spill\"}]}]}");

		assert_false(quiz_plan_fits(q, spill, &err));
		assert_int_equal(err.kind, ERROR_USAGE);
		assert_non_null(strstr(err.message, "question \"join\" is answered for a plan with a "
							   "node \"Nested Loop\", which this plan of slow.sql does not have"));
		err = (error) {0};
		assert_null(quiz_grade(q, spill, NULL, &err));
		assert_int_equal(err.kind, ERROR_USAGE);
		assert_true(quiz_plan_fits(spill_only, spill, &err));
		assert_false(quiz_plan_fits(spill_only, filter, &err));
		assert_non_null(strstr(err.message, "a node that spills to disk"));
		quiz_free(spill_only);
	}
	plan_free(spill);
	plan_free(filter);
	quiz_free(q);
}

/* The legend carries what partition and BRIN questions are read from:
 * an Append's "Subplans Removed" (run-time pruning), a bitmap heap scan's
 * "Rows Removed by Index Recheck" and "Heap Blocks" (as EXPLAIN prints
 * them: the zero kind left out).  A plan-reading drill asked about them
 * (metrics-read-subplans-removed, metrics-read-brin-recheck) before the
 * legend showed them. */
static void
test_legend_pruning_and_recheck(void **state)
{
	plan *p = fixture_parse_sq(
		"{'Plan':{'Node Type':'Append','Plan Rows':4821,'Actual Rows':4811,'Actual Loops':1,"
		"'Subplans Removed':10,'Plans':[{'Node Type':'Bitmap Heap Scan',"
		"'Parent Relationship':'Member','Relation Name':'readings_2024_11','Alias':'r_1',"
		"'Recheck Cond':'(recorded_at >= x)','Rows Removed by Index Recheck':1848,"
		"'Exact Heap Blocks':0,'Lossy Heap Blocks':16,'Plan Rows':134,'Actual Rows':130,"
		"'Actual Loops':1}]}}");
	char *legend = quiz_node_legend(p);

	(void) state;
	assert_non_null(strstr(legend, "#1 Append\n"));
	assert_non_null(strstr(legend, "    Subplans Removed: 10\n"));
	assert_non_null(strstr(legend, "      Rows Removed by Index Recheck: 1848 per loop\n"));
	assert_non_null(strstr(legend, "      Heap Blocks: lossy=16\n"));
	assert_null(strstr(legend, "exact="));
	free(legend);
	plan_free(p);
}

/* The legend shows what a window and an incremental sort did: the Run
 * Condition that cut a WindowAgg's output (PostgreSQL 15) and the key the
 * rows arrived sorted by. */
static void
test_legend_window_details(void **state)
{
	plan *win = fixture_plan("mix/q22.json");
	plan *inc = fixture_plan("composite/shop_right_order.json");
	char *a = quiz_node_legend(win);
	char *b = quiz_node_legend(inc);

	(void) state;
	assert_non_null(strstr(a, " WindowAgg\n"));
	assert_non_null(strstr(a, "Run Condition: (row_number() OVER (?) <= 1)\n"));
	assert_non_null(strstr(b, " Incremental Sort\n"));
	assert_non_null(strstr(b, "Presorted Key: created_at\n"));
	free(a);
	free(b);
	plan_free(win);
	plan_free(inc);
}

static void
test_texts(void **state)
{
	quiz *q = parse_ok(spill_quiz);
	plan *p = fixture_plan("pg15_sort_spill.json");
	char *tpl = quiz_answers_template(q, "some-drill");
	char *qs = quiz_questions_text(q);
	char *legend = quiz_node_legend(p);
	error err = {0};
	quiz_answers *a;

	(void) state;
	/* the fresh answer file parses, with nothing answered */
	a = quiz_answers_parse(q, tpl, strlen(tpl), &err);
	assert_non_null(a);
	for (size_t i = 0; i < a->n; i++)
		assert_null(a->given[i]);
	assert_non_null(strstr(tpl, "pgdrill check some-drill"));
	assert_non_null(strstr(tpl, "\nwhy: \n"));
	assert_non_null(strstr(qs, "7. [why] Why?"));
	assert_non_null(strstr(qs, "b) work_mem too small"));
	assert_int_equal(strncmp(legend, "#1 Limit\n", 9), 0);
	assert_non_null(strstr(legend, "\n  #2 Sort\n      rows 1010 per loop (estimated 400000), loops 1\n"));
	assert_non_null(strstr(legend, "temp read 12747 written 17318"));
	assert_non_null(strstr(legend, "Sort Method: external merge  Disk: 25512kB\n"));
	assert_non_null(strstr(legend, "\n    #3 Seq Scan on orders\n"));
	assert_string_equal(quiz_kind_name(QUIZ_NUMBER), "number");
	quiz_answers_free(a);
	free(tpl);
	free(qs);
	free(legend);
	plan_free(p);
	quiz_free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grade_on_real_plan),
		cmocka_unit_test(test_grade_heap_fetches),
		cmocka_unit_test(test_grade_impossible),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_answers_parse),
		cmocka_unit_test(test_check_plan),
		cmocka_unit_test(test_requires),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_legend_pruning_and_recheck),
		cmocka_unit_test(test_legend_window_details),
	};

	return cmocka_run_group_tests_name("quiz", tests, NULL, NULL);
}
