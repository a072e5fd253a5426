/*
 * test_load.c — unit tests for scoring/load/: the pgbench log parser
 * (every column, the status words, every malformed-line error with its line
 * number), the summary on hand-written logs whose percentiles are worked out
 * below, the summary of two real PostgreSQL 15 logs (tests/scoring/load/,
 * made by capture.sh; expected figures computed with sort(1) when they were
 * captured), the dominant endpoint, the load score and its guards, and the
 * pool-setting allow-list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "grade/score.h"
#include "load/load.h"
#include "scoring/plan/fixtures.h"
#include "strbuf.h"

static const load_log_columns plain = {false, false};
static const load_log_columns with_lag = {true, false};
static const load_log_columns with_retries = {false, true};
static const load_log_columns with_both = {true, true};

static void
parse_ok(load_log *log, const char *text, load_log_columns cols)
{
	error err = {0};

	if (!load_log_parse(log, text, strlen(text), cols, &err))
		fail_msg("unexpected: %s (%s)", err.message, err.detail);
}

/* ---- parsing -------------------------------------------------------------- */

static void
test_parse_columns(void **state)
{
	load_log log = LOAD_LOG_INIT;

	(void) state;
	parse_ok(&log, "0 1 3211 0 1796507806 597107\n"
			 "12 7 250 2 1796507807 000001\n", plain);
	assert_int_equal(log.n, 2);
	assert_int_equal(log.max_script, 2);
	assert_int_equal(log.txns[0].client, 0);
	assert_int_equal(log.txns[0].status, LOAD_TXN_OK);
	assert_float_equal(log.txns[0].latency_ms, 3.211, 1e-9);
	assert_int_equal(log.txns[0].script, 0);
	assert_true(log.txns[0].end_us == INT64_C(1796507806597107));
	assert_int_equal(log.txns[1].client, 12);
	assert_int_equal(log.txns[1].script, 2);
	assert_true(log.txns[1].end_us == INT64_C(1796507807000001));
	assert_float_equal(log.txns[1].lag_ms, 0, 0);
	load_log_free(&log);
	assert_null(log.txns);
	assert_int_equal(log.n, 0);

	parse_ok(&log, "3 9 1500 1 1796507806 5 420\n", with_lag);
	assert_float_equal(log.txns[0].lag_ms, 0.420, 1e-9);
	assert_int_equal(log.txns[0].retries, 0);
	parse_ok(&log, "3 10 1500 1 1796507806 5 2\n", with_retries);
	assert_int_equal(log.txns[1].retries, 2);
	assert_float_equal(log.txns[1].lag_ms, 0, 0);
	parse_ok(&log, "3 11 1500 1 1796507806 5 77 3\n", with_both);
	assert_float_equal(log.txns[2].lag_ms, 0.077, 1e-9);
	assert_int_equal(log.txns[2].retries, 3);
	assert_int_equal(log.n, 3);  /* appended */
	load_log_free(&log);
	load_log_free(NULL);
}

static void
test_parse_status_words(void **state)
{
	static const struct {
		const char *word;
		load_txn_status status;
	} c[] = {
		{"skipped", LOAD_TXN_LATE},
		{"failed", LOAD_TXN_FAILED},
		{"serialization", LOAD_TXN_FAILED},
		{"deadlock", LOAD_TXN_FAILED},
		{"0", LOAD_TXN_OK},
	};

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_log log = LOAD_LOG_INIT;
		char *line = xasprintf("1 1 %s 0 1796507806 1 0\n", c[i].word);

		parse_ok(&log, line, with_lag);
		assert_int_equal(log.txns[0].status, c[i].status);
		assert_float_equal(log.txns[0].latency_ms, 0, 0);
		load_log_free(&log);
		free(line);
	}
}

static void
test_parse_layout(void **state)
{
	load_log log = LOAD_LOG_INIT;
	const char two[] = "0 1 10 0 1 0\r\n\n   \n0 2 20 0 1 1";  /* CRLF, blanks, no final NL */

	(void) state;
	parse_ok(&log, two, plain);
	assert_int_equal(log.n, 2);
	assert_float_equal(log.txns[1].latency_ms, 0.020, 1e-12);
	load_log_free(&log);
	parse_ok(&log, "", plain);
	assert_int_equal(log.n, 0);
	assert_int_equal(log.max_script, -1);
	load_log_free(&log);
}

static void
test_parse_errors(void **state)
{
	static const struct {
		const char *text;
		load_log_columns cols;
		int line;
		const char *what;
	} c[] = {
		{"0 1 10 0 1 0 5\n", {false, false}, 1, "wrong number of columns"},
		{"0 1 10 0 1 0\n", {true, false}, 1, "wrong number of columns"},
		{"0 1 10 0 1 0 5\n", {true, true}, 1, "wrong number of columns"},
		{"0 1 10 0 1 0\n0 2 10 0 1\n", {false, false}, 2, "wrong number of columns"},
		{"x 1 10 0 1 0\n", {false, false}, 1, "client_id"},
		{"-1 1 10 0 1 0\n", {false, false}, 1, "client_id"},
		{"0 1e3 10 0 1 0\n", {false, false}, 1, "transaction_no"},
		{"0 1 fast 0 1 0\n", {false, false}, 1, "time is neither"},
		{"0 1 -10 0 1 0\n", {false, false}, 1, "time is neither"},
		{"0 1 10.5 0 1 0\n", {false, false}, 1, "time is neither"},
		{"0 1 10 10000 1 0\n", {false, false}, 1, "script_no"},
		{"0 1 10 0 1 1000000\n", {false, false}, 1, "time stamp"},
		{"0 1 10 0 now 0\n", {false, false}, 1, "time stamp"},
		{"0 1 10 0 1 0 lag\n", {true, false}, 1, "schedule_lag"},
		{"0 1 10 0 1 0 -1\n", {false, true}, 1, "retries"},
		{"\n\n0 1 99999999999999999999 0 1 0\n", {false, false}, 3, "time is neither"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_log log = LOAD_LOG_INIT;
		error err = {0};

		assert_false(load_log_parse(&log, c[i].text, strlen(c[i].text), c[i].cols, &err));
		assert_int_equal(err.kind, ERROR_ENV);
		assert_int_equal(err.position, c[i].line);
		if (strstr(err.message, c[i].what) == NULL)
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.message, c[i].what);
		assert_non_null(strstr(err.detail, "Line: "));
		/* the lines before the bad one were kept */
		assert_int_equal(log.n, (size_t) (c[i].line > 1 && c[i].text[0] == '0' ? 1 : 0));
		load_log_free(&log);
	}
	{
		/* a NUL byte inside a line, and a line longer than any of pgbench's */
		const char nul[] = "0 1 10\0 0 1 0\n";
		strbuf longline = STRBUF_INIT;
		load_log log = LOAD_LOG_INIT;
		error err = {0};

		assert_false(load_log_parse(&log, nul, sizeof nul - 1, plain, &err));
		assert_non_null(strstr(err.message, "NUL"));
		strbuf_append(&longline, "0 1 10 0 1 0");
		for (int k = 0; k < 300; k++)
			strbuf_append_char(&longline, ' ');
		assert_false(load_log_parse(&log, longline.data, longline.len, plain, &err));
		assert_non_null(strstr(err.message, "too long"));
		strbuf_free(&longline);
		load_log_free(&log);
	}
}

/* ---- summaries of hand-written logs --------------------------------------- */

/*
 * Endpoint 0: 100 transactions of 1, 2, ..., 100 ms (written in a shuffled
 * order); endpoint 1: 20 transactions of 200 .. 219 ms; 3 late and 2 failed
 * transactions of endpoint 1; a 2 s run.  Nearest rank, n = 120 completed:
 * p50 = 60th = 60 ms, p95 = 114th = 213 ms, p99 = 119th = 218 ms.
 */
static char *
synthetic_log(void)
{
	strbuf sb = STRBUF_INIT;

	for (int i = 0; i < 100; i++) {
		int ms = (i * 37) % 100 + 1;  /* 37 is prime to 100: a permutation */

		strbuf_printf(&sb, "%d %d %d 0 1796507806 %d %d\n", i % 4, i, ms * 1000, i,
					  ms * 10);
	}
	for (int i = 0; i < 20; i++)
		strbuf_printf(&sb, "%d %d %d 1 1796507807 %d 0\n", i % 4, 100 + i,
					  (219 - i) * 1000, i);
	strbuf_append(&sb, "1 200 skipped 1 1796507807 1 0\n2 201 skipped 1 1796507807 2 0\n"
				  "3 202 skipped 1 1796507807 3 0\n0 203 failed 1 1796507807 4 0\n"
				  "1 204 failed 1 1796507807 5 0\n");
	return strbuf_steal(&sb);
}

static void
test_summary_synthetic(void **state)
{
	char *text = synthetic_log();
	load_log log = LOAD_LOG_INIT;
	load_summary s;
	error err = {0};
	const load_stats *all, *e0, *e1;

	(void) state;
	parse_ok(&log, text, with_lag);
	assert_true(load_summarise(&log, 2, 2.0, &s, &err));
	all = &s.overall;
	e0 = &s.endpoint[0];
	e1 = &s.endpoint[1];
	assert_int_equal(s.n_endpoints, 2);
	assert_int_equal(all->completed, 120);
	assert_int_equal(all->late, 3);
	assert_int_equal(all->failed, 2);
	assert_float_equal(all->p50_ms, 60, 1e-9);
	assert_float_equal(all->p95_ms, 213, 1e-9);
	assert_float_equal(all->p99_ms, 218, 1e-9);
	assert_float_equal(all->max_ms, 219, 1e-9);
	assert_float_equal(all->tps, 60, 1e-9);
	assert_float_equal(all->mean_ms, (5050.0 + 4190.0) / 120.0, 1e-9);
	/* endpoint 0: 1..100 ms */
	assert_int_equal(e0->completed, 100);
	assert_int_equal(e0->late + e0->failed, 0);
	assert_float_equal(e0->p50_ms, 50, 1e-9);
	assert_float_equal(e0->p95_ms, 95, 1e-9);
	assert_float_equal(e0->p99_ms, 99, 1e-9);
	assert_float_equal(e0->max_ms, 100, 1e-9);
	assert_float_equal(e0->lag_p95_ms, 0.95, 1e-9);  /* lag = ms / 100 */
	assert_float_equal(e0->tps, 50, 1e-9);
	/* endpoint 1: 200..219 ms, n = 20: ranks 10, 19, 20 */
	assert_int_equal(e1->completed, 20);
	assert_int_equal(e1->late, 3);
	assert_int_equal(e1->failed, 2);
	assert_float_equal(e1->p50_ms, 209, 1e-9);
	assert_float_equal(e1->p95_ms, 218, 1e-9);
	assert_float_equal(e1->p99_ms, 219, 1e-9);
	/* histogram on the 1-2-5 scale */
	{
		static const size_t want0[LOAD_HIST_BUCKETS] = {0, 0, 1, 3, 5, 10, 30, 50, 1, 0, 0, 0};
		static const size_t want1[LOAD_HIST_BUCKETS] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0};

		for (int b = 0; b < LOAD_HIST_BUCKETS; b++) {
			assert_int_equal(e0->hist[b], want0[b]);
			assert_int_equal(e1->hist[b], want1[b]);
			assert_int_equal(all->hist[b], want0[b] + want1[b]);
		}
	}
	/* the slow tail (>= 213 ms) is all endpoint 1 */
	assert_int_equal(load_dominant_endpoint(&log, &s), 1);
	load_summary_free(&s);
	load_summary_free(NULL);

	/* a script the run did not have is an error, not a silent drop */
	assert_false(load_summarise(&log, 1, 2.0, &s, &err));
	assert_int_equal(err.kind, ERROR_ENV);
	assert_non_null(strstr(err.message, "script 1"));
	load_log_free(&log);
	free(text);
}

static void
test_summary_edges(void **state)
{
	load_log log = LOAD_LOG_INIT;
	load_summary s;
	error err = {0};

	(void) state;
	/* nothing completed: zeros, no dominant endpoint */
	assert_true(load_summarise(&log, 2, 1.0, &s, &err));
	assert_int_equal(s.overall.completed, 0);
	assert_float_equal(s.overall.p95_ms, 0, 0);
	assert_int_equal(load_dominant_endpoint(&log, &s), -1);
	load_summary_free(&s);
	/* one transaction; no duration given: the span of time stamps (1 ms
	 * floor); a duration of 0.5 s from two stamps 500 ms apart */
	parse_ok(&log, "0 1 7000 0 100 0\n", plain);
	assert_true(load_summarise(&log, 1, 0, &s, &err));
	assert_float_equal(s.overall.p50_ms, 7, 1e-9);
	assert_float_equal(s.overall.p99_ms, 7, 1e-9);
	assert_float_equal(s.duration_s, 0.001, 1e-12);
	load_summary_free(&s);
	parse_ok(&log, "0 2 1000 0 100 500000\n", plain);
	assert_true(load_summarise(&log, 1, 0, &s, &err));
	assert_float_equal(s.duration_s, 0.5, 1e-12);
	assert_float_equal(s.overall.tps, 4, 1e-9);
	/* bucket edges: a bound belongs to the bucket it starts */
	assert_float_equal(load_hist_lower_ms(0), 0, 0);
	assert_float_equal(load_hist_lower_ms(2), 1, 0);
	assert_float_equal(load_hist_lower_ms(LOAD_HIST_BUCKETS - 1), 1000, 0);
	assert_float_equal(load_hist_lower_ms(LOAD_HIST_BUCKETS), 0, 0);
	assert_int_equal(s.overall.hist[2], 1);  /* 1.000 ms */
	assert_int_equal(s.overall.hist[4], 1);  /* 7 ms in [5, 10) */
	load_summary_free(&s);
	load_log_free(&log);
}

static void
test_percentile_rule(void **state)
{
	double v[20];

	(void) state;
	for (int i = 0; i < 20; i++)
		v[i] = 20 - i;
	stats_sort(v, 20);
	assert_float_equal(v[0], 1, 0);
	assert_float_equal(stats_percentile_sorted(v, 20, 95), 19, 0);  /* not 20 */
	assert_float_equal(stats_percentile_sorted(v, 20, 50), 10, 0);
	assert_float_equal(stats_percentile_sorted(v, 20, 100), 20, 0);
	assert_float_equal(stats_percentile_sorted(v, 20, 0.1), 1, 0);
	assert_float_equal(stats_percentile_sorted(v, 0, 95), 0, 0);
	assert_float_equal(stats_percentile_sorted(NULL, 3, 95), 0, 0);
}

/* ---- real PostgreSQL 15 logs ---------------------------------------------- */

static char *
real_log(const char *name, size_t *len)
{
	const char *src = getenv("PGDRILL_SOURCE_DIR");
	char *path = xasprintf("%s/tests/scoring/load/%s", src ? src : ".", name);
	char *text = fixture_read(path, len);

	free(path);
	return text;
}

static void
test_real_rate_two_scripts(void **state)
{
	size_t len;
	char *text = real_log("pg15_rate_two_scripts.log", &len);
	load_log log = LOAD_LOG_INIT;
	load_summary s;
	error err = {0};

	(void) state;
	/* -f read.sql@3 -f write.sql@1 --rate 400 --latency-limit 5 */
	assert_true(load_log_parse(&log, text, len, with_lag, &err));
	assert_int_equal(log.n, 795);
	assert_int_equal(log.max_script, 1);
	assert_true(load_summarise(&log, 2, 2.0, &s, &err));
	assert_int_equal(s.overall.completed, 794);
	assert_int_equal(s.overall.late, 1);
	assert_int_equal(s.overall.failed, 0);
	assert_float_equal(s.overall.p50_ms, 0.460, 1e-9);
	assert_float_equal(s.overall.p95_ms, 3.493, 1e-9);
	assert_float_equal(s.overall.p99_ms, 6.087, 1e-9);
	assert_float_equal(s.overall.max_ms, 7.549, 1e-9);
	assert_float_equal(s.overall.lag_p95_ms, 1.251, 1e-9);
	assert_float_equal(s.overall.tps, 397, 1e-9);
	assert_int_equal(s.endpoint[0].completed, 605);
	assert_float_equal(s.endpoint[0].p50_ms, 0.428, 1e-9);
	assert_float_equal(s.endpoint[0].p95_ms, 3.194, 1e-9);
	assert_float_equal(s.endpoint[0].p99_ms, 4.971, 1e-9);
	assert_float_equal(s.endpoint[0].max_ms, 7.362, 1e-9);
	assert_int_equal(s.endpoint[1].completed, 189);
	assert_int_equal(s.endpoint[1].late, 1);
	assert_float_equal(s.endpoint[1].p50_ms, 0.579, 1e-9);
	assert_float_equal(s.endpoint[1].p95_ms, 4.557, 1e-9);
	assert_float_equal(s.endpoint[1].p99_ms, 7.165, 1e-9);
	assert_float_equal(s.endpoint[1].max_ms, 7.549, 1e-9);
	load_summary_free(&s);
	load_log_free(&log);

	/* read as if pgbench had run without --rate: refused at line 1 */
	assert_false(load_log_parse(&log, text, len, plain, &err));
	assert_int_equal(err.position, 1);
	assert_int_equal(log.n, 0);
	free(text);
}

static void
test_real_retries_failed(void **state)
{
	size_t len;
	char *text = real_log("pg15_retries_failed.log", &len);
	load_log log = LOAD_LOG_INIT;
	load_summary s;
	error err = {0};

	(void) state;
	/* repeatable-read updates of one row, --max-tries 2, no --rate */
	assert_true(load_log_parse(&log, text, len, with_retries, &err));
	assert_int_equal(log.n, 697);
	assert_true(load_summarise(&log, 1, 1.0, &s, &err));
	assert_int_equal(s.overall.completed, 293);
	assert_int_equal(s.overall.failed, 404);
	assert_int_equal(s.overall.retried, 443);
	assert_int_equal(s.overall.late, 0);
	assert_true(s.overall.p50_ms <= s.overall.p95_ms);
	assert_true(s.overall.p95_ms <= s.overall.p99_ms);
	assert_true(s.overall.p99_ms <= s.overall.max_ms);
	load_summary_free(&s);
	load_log_free(&log);
	free(text);
}

/* ---- the score ------------------------------------------------------------- */

static load_measure
measure(double p95, double tps, size_t completed, size_t late, size_t failed)
{
	return (load_measure) {p95, tps, completed, late, failed};
}

static void
test_score_table(void **state)
{
	static const struct {
		double base, ref, ans;
		double score;
		bool passed;
	} c[] = {
		{40, 5, 5, 100.0, true},       /* as good as the reference */
		{40, 5, 40, 0.0, false},       /* no better than the baseline */
		{40, 5, 14.142136, 50.0, false}, /* halfway on a log scale: sqrt(40 x 5) */
		{40, 5, 7.071068, 83.3, true},  /* ln(40/7.07)/ln 8 = 0.8333 */
		{40, 5, 2.5, 120.0, true},     /* beyond the reference: capped */
		{40, 5, 80, 0.0, false},       /* worse than the baseline */
		{6, 5, 5, 100.0, true},        /* reference < 1.5x: anchored scale */
		{6, 5, 6, 55.0, false},        /* 1 + ln(5/6)/ln 1.5 = 0.5503 */
		{40, 5, 0, 120.0, true},       /* floored at 0.01 ms */
	};

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_measure b = measure(c[i].base, 100, 1000, 0, 0);
		load_measure r = measure(c[i].ref, 100, 1000, 0, 0);
		load_measure a = measure(c[i].ans, 100, 1000, 0, 0);
		load_score_result res = load_score_compute(&b, &r, &a, 0);

		if (fabs(res.score - c[i].score) > 1e-9 || res.passed != c[i].passed)
			fail_msg("case %zu: score %.1f passed %d, want %.1f %d", i, res.score,
					 res.passed, c[i].score, c[i].passed);
		assert_int_equal(res.guard, LOAD_GUARD_NONE);
	}
	{
		/* a custom pass mark */
		load_measure b = measure(40, 100, 1000, 0, 0), r = measure(5, 100, 1000, 0, 0);
		load_measure a = measure(14.142136, 100, 1000, 0, 0);

		assert_true(load_score_compute(&b, &r, &a, 50).passed);
		assert_false(load_score_compute(&b, &r, &a, 50.1).passed);
	}
}

static void
test_score_guards(void **state)
{
	static const struct {
		load_measure ans;
		load_guard guard;
	} c[] = {
		{{5, 100, 1000, 0, 1}, LOAD_GUARD_FAILED},      /* one error */
		{{5, 100, 1000, 25, 0}, LOAD_GUARD_LATE},       /* 2.4 % late vs 0.5 % */
		{{5, 100, 1000, 15, 0}, LOAD_GUARD_NONE},       /* 1.5 % late: within 1 % */
		{{5, 79, 790, 0, 0}, LOAD_GUARD_THROUGHPUT},    /* < 80 % of 100 tps */
		{{5, 80, 800, 0, 0}, LOAD_GUARD_NONE},
		{{0, 0, 0, 0, 0}, LOAD_GUARD_THROUGHPUT},       /* nothing completed */
	};
	load_measure b = measure(40, 100, 1000, 0, 0);
	load_measure r = measure(5, 100, 1000, 5, 0);

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_score_result res = load_score_compute(&b, &r, &c[i].ans, 0);
		char *text = load_score_describe(&b, &r, &c[i].ans, &res, 0);

		if (res.guard != c[i].guard)
			fail_msg("case %zu: guard %d, want %d", i, res.guard, c[i].guard);
		if (c[i].guard != LOAD_GUARD_NONE) {
			assert_float_equal(res.score, 0, 0);
			assert_false(res.passed);
			assert_non_null(strstr(text, "cannot pass"));
		} else {
			assert_true(res.passed);
			assert_null(strstr(text, "cannot pass"));
		}
		free(text);
	}
}

/* The throughput guard allows for Poisson noise in short runs: at about 20
 * arrivals a second for one second, 15 completed against the reference's 25
 * is chance (k-load in tests/db/kinds once failed a right answer on it),
 * while 10 against 100 is a real loss. */
static void
test_score_throughput_noise(void **state)
{
	load_measure b = measure(700, 20, 20, 0, 0);
	load_measure r = measure(21, 24.7, 25, 0, 0);
	load_measure noisy = measure(25, 15, 15, 0, 0);
	load_measure big_r = measure(21, 100, 100, 0, 0);
	load_measure lost = measure(25, 10, 10, 0, 0);

	(void) state;
	assert_int_equal(load_score_compute(&b, &r, &noisy, 30).guard, LOAD_GUARD_NONE);
	assert_true(load_score_compute(&b, &r, &noisy, 30).passed);
	assert_int_equal(load_score_compute(&b, &big_r, &lost, 30).guard, LOAD_GUARD_THROUGHPUT);
}

static void
test_score_describe(void **state)
{
	load_measure b = measure(40, 100, 1000, 0, 0), r = measure(5, 100, 1000, 0, 0);
	load_measure a = measure(7.071068, 100, 1000, 0, 0);
	load_score_result res = load_score_compute(&b, &r, &a, 0);
	char *text = load_score_describe(&b, &r, &a, &res, 0);

	(void) state;
	assert_string_equal(text, "p95 40.0 ms -> 7.1 ms: 5.7x faster than the baseline, "
						"of a possible 8.0x (reference 5.0 ms): 83% of the way. "
						"Score 83.3, passed (pass at 70.0).");
	free(text);
	a = measure(80, 100, 1000, 0, 0);
	res = load_score_compute(&b, &r, &a, 0);
	text = load_score_describe(&b, &r, &a, &res, 0);
	assert_non_null(strstr(text, "2.0x slower than the baseline"));
	free(text);
	a = b;
	res = load_score_compute(&b, &r, &a, 0);
	text = load_score_describe(&b, &r, &a, &res, 0);
	assert_non_null(strstr(text, "the same as the baseline"));
	free(text);
	a = measure(30, 95, 950, 0, 1);
	res = load_score_compute(&b, &r, &a, 0);
	text = load_score_describe(&b, &r, &a, &res, 0);
	assert_non_null(strstr(text, "1 transaction failed with an error"));
	free(text);
}

/* ---- pool settings ---------------------------------------------------------- */

static void
test_pool_allow_list(void **state)
{
	static const struct {
		const char *key, *value;
		bool ok;
		load_pool_mode mode;
		int size;
	} c[] = {
		{"pool_mode", "transaction", true, LOAD_POOL_TRANSACTION, 0},
		{"pool_mode", "session", true, LOAD_POOL_SESSION, 0},
		{"pool_mode", "statement", true, LOAD_POOL_STATEMENT, 0},
		{"pool_mode", "Transaction", false, LOAD_POOL_NONE, 0},
		{"pool_mode", "transaction ", false, LOAD_POOL_NONE, 0},
		{"pool_mode", "", false, LOAD_POOL_NONE, 0},
		{"pool_size", "1", true, LOAD_POOL_NONE, 1},
		{"pool_size", "64", true, LOAD_POOL_NONE, 64},
		{"pool_size", "0", false, LOAD_POOL_NONE, 0},
		{"pool_size", "65", false, LOAD_POOL_NONE, 0},
		{"pool_size", "-4", false, LOAD_POOL_NONE, 0},
		{"pool_size", "+4", false, LOAD_POOL_NONE, 0},
		{"pool_size", "4 ", false, LOAD_POOL_NONE, 0},
		{"pool_size", "0004", true, LOAD_POOL_NONE, 4},
		{"pool_size", "99999999999", false, LOAD_POOL_NONE, 0},
		{"pool_size", "", false, LOAD_POOL_NONE, 0},
		{"logfile", "/etc/passwd", false, LOAD_POOL_NONE, 0},
		{"auth_file", "/tmp/x", false, LOAD_POOL_NONE, 0},
		{"max_client_conn", "10", false, LOAD_POOL_NONE, 0},
		{"pool_mode\nlisten_addr", "*", false, LOAD_POOL_NONE, 0},
	};

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_pool pool = {LOAD_POOL_NONE, 0};
		error err = {0};
		bool ok = load_pool_set(&pool, c[i].key, c[i].value, &err);

		if (ok != c[i].ok)
			fail_msg("case %zu (%s=%s): %d", i, c[i].key, c[i].value, ok);
		assert_int_equal(pool.mode, c[i].mode);
		assert_int_equal(pool.size, c[i].size);
		if (!ok) {
			assert_int_equal(err.kind, ERROR_REJECTED);
			assert_true(err.hint[0] != '\0');
		}
	}
	assert_string_equal(load_pool_mode_name(LOAD_POOL_TRANSACTION), "transaction");
	assert_string_equal(load_pool_mode_name(LOAD_POOL_NONE), "none");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_columns),
		cmocka_unit_test(test_parse_status_words),
		cmocka_unit_test(test_parse_layout),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_summary_synthetic),
		cmocka_unit_test(test_summary_edges),
		cmocka_unit_test(test_percentile_rule),
		cmocka_unit_test(test_real_rate_two_scripts),
		cmocka_unit_test(test_real_retries_failed),
		cmocka_unit_test(test_score_table),
		cmocka_unit_test(test_score_guards),
		cmocka_unit_test(test_score_throughput_noise),
		cmocka_unit_test(test_score_describe),
		cmocka_unit_test(test_pool_allow_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
