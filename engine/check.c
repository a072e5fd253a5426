/*
 * check.c — grading one answer (see check.h for the steps and their order).
 *
 * Each script (slow query, reference, answer) runs in its own session
 * (engine/session.h): one connection in one transaction that is always
 * rolled back; the scratch databases are dropped afterwards anyway.
 */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "roles.h"
#include "run.h"
#include "scratch.h"
#include "session.h"
#include "sql/sql.h"
#include "strbuf.h"
#include "template.h"

const char *
check_status_name(check_status st)
{
	static const char *const names[] = {"pass", "fail", "rejected", "error"};

	return names[st];
}

int
check_exit_code(const check_result *r)
{
	switch (r->status) {
	case CHECK_PASS:
		return 0;
	case CHECK_FAIL:
		return 1;
	case CHECK_REJECTED:
		return 3;
	case CHECK_ERROR:
		return r->err.kind == ERROR_USAGE ? 2 : 4;
	}
	return 4;
}

static void
measured_release(measured *m)
{
	plan_free(m->plan);
	memset(m, 0, sizeof *m);
}

/* One EXPLAIN ANALYZE run; records into m (timing run keeps the plan). */
static bool
measure_once(session *ss, const run_limits *lim, bool timing, bool record, measured *m,
			 error *err)
{
	char *json = run_explain(ss->conn, ss->query, timing, lim, ss->kind, err);
	plan *p;

	if (json == NULL) {
		error_prefix(err, "%s: ", ss->label);
		return false;
	}
	p = plan_parse(json, strlen(json), err);
	free(json);
	if (p == NULL) {
		err->kind = ERROR_INTERNAL;
		error_prefix(err, "reading the plan of the %s: ", ss->label);
		return false;
	}
	if (record && m->n < CHECK_MAX_RUNS) {
		m->times[m->n++] = p->execution_ms;
		m->buffers = (double) plan_total_buffers(p);
		m->cost = p->root ? p->root->total_cost : 0;
		m->rows = p->root ? p->root->actual_rows * (p->root->actual_loops > 0 ? p->root->actual_loops : 1) : 0;
		m->planning_ms = p->planning_ms;
	}
	if (timing) {
		plan_free(m->plan);
		m->plan = p;
	} else
		plan_free(p);
	return true;
}

/* Compare slow and answer rows on one seed's sessions; fills r on mismatch.
 * Returns false with err when a query failed. */
static bool
compare_rows(session *slow, session *ans, const run_limits *lim, int seed,
			 check_result *r, error *err)
{
	result_digest *expected = NULL, *actual = NULL;
	bool ok = false;

	if (!run_digest(slow->conn, slow->query, lim, NULL, 0, slow->kind, &expected, err)) {
		error_prefix(err, "%s (seed %d): ", slow->label, seed);
		goto done;
	}
	if (!run_digest(ans->conn, ans->query, lim, NULL, 0, ans->kind, &actual, err)) {
		error_prefix(err, "%s (seed %d): ", ans->label, seed);
		goto done;
	}
	r->verdict = compare_digests(expected, actual, r->ordered);
	if (r->verdict.outcome != COMPARE_SAME) {
		r->mismatch_seed = seed;
		if (r->verdict.has_missing)
			r->missing_row = run_find_row(slow->conn, slow->query, lim,
										  r->verdict.missing_hash);
		if (r->verdict.has_extra)
			r->extra_row = run_find_row(ans->conn, ans->query, lim, r->verdict.extra_hash);
	}
	ok = true;
done:
	result_digest_free(expected);
	result_digest_free(actual);
	return ok;
}

static void
fmt_count(strbuf *sb, double v)
{
	/* thousands separators keep big buffer counts readable */
	char raw[64], out[96];
	int len, j = 0;

	snprintf(raw, sizeof raw, "%.0f", v);
	len = (int) strlen(raw);
	for (int i = 0; i < len; i++) {
		out[j++] = raw[i];
		if (raw[i] != '-' && (len - i - 1) % 3 == 0 && i != len - 1)
			out[j++] = ',';
	}
	out[j] = '\0';
	strbuf_append(sb, out);
}

static void
compose_mismatch(check_result *r)
{
	strbuf sb = STRBUF_INIT;
	char *what = compare_describe(&r->verdict);

	if (r->mismatch_seed == TEMPLATE_SEED_CHECK)
		strbuf_printf(&sb, "Your answer returns the same rows as the slow query on seed %d "
					  "but not on seed %d, a database filled from another seed: it depends "
					  "on the data it was written against (hard-coded values?). On seed %d: "
					  "%s.", TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK, TEMPLATE_SEED_CHECK,
					  what);
	else
		strbuf_printf(&sb, "Your answer returns different rows than the slow query (seed %d): "
					  "%s.", r->mismatch_seed, what);
	if (r->verdict.outcome == COMPARE_ORDER) {
		if (r->missing_row)
			strbuf_printf(&sb, "\nAt row %zu the slow query returns: %s",
						  r->verdict.order_position + 1, r->missing_row);
		if (r->extra_row)
			strbuf_printf(&sb, "\nand your answer returns:          %s", r->extra_row);
	} else {
		if (r->missing_row)
			strbuf_printf(&sb, "\nA row the slow query returns but your answer does not: %s",
						  r->missing_row);
		if (r->extra_row)
			strbuf_printf(&sb, "\nA row your answer returns but the slow query does not: %s",
						  r->extra_row);
	}
	free(what);
	r->message = strbuf_steal(&sb);
}

static void
compose_verdict(check_result *r)
{
	strbuf sb = STRBUF_INIT;
	double ws = r->slow.buffers, wr = r->reference.buffers, wa = r->answer.buffers;

	if (r->status == CHECK_PASS)
		strbuf_printf(&sb, "Pass: score %.1f (a pass needs %.0f).", r->score.score,
					  r->pass_score);
	else
		strbuf_printf(&sb, "Fail: score %.1f (a pass needs %.0f).", r->score.score,
					  r->pass_score);
	if (r->same_as_slow)
		strbuf_append(&sb, " Your answer is the slow query unchanged (same parse-tree "
					  "fingerprint): it is not faster.");
	else if (wa >= ws * 0.95 && r->status != CHECK_PASS)
		strbuf_append(&sb, " Your answer is not faster: it does as much work as the slow query.");
	strbuf_append(&sb, " Work: your answer touches ");
	fmt_count(&sb, wa);
	strbuf_append(&sb, " buffers; the slow query ");
	fmt_count(&sb, ws);
	strbuf_append(&sb, ", the reference ");
	fmt_count(&sb, wr);
	strbuf_printf(&sb, ". Median time: %.2f ms (slow %.2f ms, reference %.2f ms).",
				  r->answer.time.median, r->slow.time.median, r->reference.time.median);
	if (r->score.time_guard_applied)
		strbuf_append(&sb, " Your answer touches few buffers but spends far more time than "
					  "the reference, so time lowered the score.");
	r->message = strbuf_steal(&sb);
}

bool
check_run(server *s, const drill *d, const fixture *f, const char *answer, size_t len,
		  const check_options *o, check_result *r)
{
	const int seeds[2] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK};
	sql_script *ans = NULL, *slow = NULL, *ref = NULL;
	char *tpl[2] = {NULL, NULL}, *scratch[2] = {NULL, NULL};
	session ss = {0}, sa = {0}, sr = {0};
	run_limits lim = {d->timeout_s, RUN_DEFAULT_MAX_ROWS, RUN_DEFAULT_MAX_BYTES, s->admin};
	error *err = &r->err;
	double scale = o->scale > 0 ? o->scale : f->default_scale;

	memset(r, 0, sizeof *r);
	r->pass_score = d->pass_score;
	r->runs = o->runs > 0 ? (o->runs > CHECK_MAX_RUNS ? CHECK_MAX_RUNS : o->runs)
		: CHECK_DEFAULT_RUNS;
	r->scale = scale;
	r->status = CHECK_ERROR;

	/* 1. the answer's SQL */
	ans = sql_analyze(answer, len, d->allow, err);
	if (ans == NULL) {
		r->status = err->kind == ERROR_REJECTED ? CHECK_REJECTED : CHECK_ERROR;
		r->message = xstrdup(err->message);
		return true;
	}
	slow = sql_analyze(d->slow_sql, strlen(d->slow_sql), SQL_ALLOW_SELECT, err);
	if (slow == NULL) {
		error_prefix(err, "drill %s: slow.sql: ", d->id);
		err->kind = ERROR_USAGE;
		goto done;
	}
	ref = sql_analyze(d->references[0], strlen(d->references[0]), d->allow, err);
	if (ref == NULL) {
		error_prefix(err, "drill %s: %s: ", d->id, d->reference_files[0]);
		err->kind = ERROR_USAGE;
		goto done;
	}
	r->ordered = sql_script_query(slow)->top_level_order_by;
	r->same_as_slow = ans->n == 1 &&
		sql_same_query(sql_script_query(slow)->text, sql_script_query(ans)->text);

	/* 2-3. templates and scratch databases */
	if (!template_ensure(s, f, seeds, 2, scale, o->prog, &r->templates_built, err))
		goto done;
	if (scratch_reap(s, err) < 0)
		goto done;
	for (int i = 0; i < 2; i++) {
		tpl[i] = template_name(f, seeds[i], scale);
		scratch[i] = scratch_create(s, tpl[i], err);
		if (scratch[i] == NULL)
			goto done;
	}

	/* 4. correctness, second seed first */
	ss = (session) {NULL, "slow query", slow, sql_script_query(slow)->text, ERROR_USAGE};
	sa = (session) {NULL, "answer", ans, sql_script_query(ans)->text, ERROR_FAILED};
	sr = (session) {NULL, "reference", ref, sql_script_query(ref)->text, ERROR_USAGE};
	/* The main seed first, keeping its sessions open for the measurement;
	 * then the check seed, in sessions of its own. */
	for (int i = 0; i < 2; i++) {
		session cs = ss, ca = sa;
		session *ps = i == 0 ? &ss : &cs, *pa = i == 0 ? &sa : &ca;
		bool ok;

		progress_say(o->prog, "comparing rows on seed %d", seeds[i]);
		ok = session_open(s, scratch[i], ROLE_LEARNER, d, &lim, ps, err) &&
			session_open(s, scratch[i], session_role_for(d->allow), d, &lim, pa, err) &&
			compare_rows(ps, pa, &lim, seeds[i], r, err);
		if (i > 0) {
			session_close(ps);
			session_close(pa);
		}
		if (!ok)
			goto failed_run;
		if (r->mismatch_seed) {
			r->status = CHECK_FAIL;
			compose_mismatch(r);
			goto done;
		}
	}

	/* 5. measurement on the main seed, slow / reference / answer interleaved */
	if (!session_open(s, scratch[0], session_role_for(d->allow), d, &lim, &sr, err))
		goto failed_run;
	progress_say(o->prog, "measuring: warm-up");
	if (!measure_once(&ss, &lim, false, false, &r->slow, err) ||
		!measure_once(&sr, &lim, false, false, &r->reference, err) ||
		!measure_once(&sa, &lim, false, false, &r->answer, err))
		goto failed_run;
	for (int i = 0; i < r->runs; i++) {
		progress_step(o->prog, i + 1, r->runs, "measuring: run %d of %d", i + 1, r->runs);
		if (!measure_once(&ss, &lim, false, true, &r->slow, err) ||
			!measure_once(&sr, &lim, false, true, &r->reference, err) ||
			!measure_once(&sa, &lim, false, true, &r->answer, err))
			goto failed_run;
	}
	progress_say(o->prog, "measuring: one run with per-node timing");
	if (!measure_once(&ss, &lim, true, false, &r->slow, err) ||
		!measure_once(&sr, &lim, true, false, &r->reference, err) ||
		!measure_once(&sa, &lim, true, false, &r->answer, err))
		goto failed_run;
	r->slow.time = stats_summarise(r->slow.times, r->slow.n);
	r->reference.time = stats_summarise(r->reference.times, r->reference.n);
	r->answer.time = stats_summarise(r->answer.times, r->answer.n);
	r->measured = true;

	/* 6. the score */
	{
		score_measure ms = {r->slow.buffers, r->slow.time.median, r->slow.cost, 0};
		score_measure mr = {r->reference.buffers, r->reference.time.median,
			r->reference.cost, 0};
		score_measure ma = {r->answer.buffers, r->answer.time.median, r->answer.cost, 0};

		r->score = score_compute(&ms, &mr, &ma, d->pass_score);
		if (r->same_as_slow && r->score.score > 0)
			r->score.passed = false;
		r->status = r->score.passed ? CHECK_PASS : CHECK_FAIL;
		compose_verdict(r);
	}
	goto done;

failed_run:
	/* The answer failing to run is a graded failure; anything else is an
	 * error of the drill or the environment. */
	if (err->kind == ERROR_FAILED) {
		r->status = CHECK_FAIL;
		r->message = xasprintf("Your answer failed to run: %s", err->message);
	} else
		r->status = CHECK_ERROR;
done:
	session_close(&ss);
	session_close(&sa);
	session_close(&sr);
	for (int i = 0; i < 2; i++) {
		if (scratch[i]) {
			error ignored;

			scratch_drop(s, scratch[i], &ignored);
		}
		free(scratch[i]);
		free(tpl[i]);
	}
	if (r->status == CHECK_ERROR && r->message == NULL)
		r->message = xstrdup(err->message);
	sql_script_free(ans);
	sql_script_free(slow);
	sql_script_free(ref);
	return true;
}

void
check_result_release(check_result *r)
{
	if (r == NULL)
		return;
	free(r->message);
	free(r->missing_row);
	free(r->extra_row);
	measured_release(&r->slow);
	measured_release(&r->reference);
	measured_release(&r->answer);
	memset(r, 0, sizeof *r);
}
