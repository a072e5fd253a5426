/*
 * check.c — grading one answer (see check.h for the steps and their order).
 *
 * Each script (slow query, reference, answer) runs in its own session
 * (engine/sandbox/session.h): one connection in one transaction that is always
 * rolled back; the scratch databases are dropped afterwards anyway.
 */
#include "grading/check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading/digest_cache.h"
#include "pg/db.h"
#include "pg/ready_conns.h"
#include "pg/roles.h"
#include "pg/unique_keys.h"
#include "sandbox/edge.h"
#include "sandbox/run.h"
#include "sandbox/scratch.h"
#include "sandbox/session.h"
#include "sql/fingerprint.h"
#include "sql/sql.h"
#include "strbuf.h"
#include "sandbox/template.h"

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
	free(m->plan_json);
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
	if (p == NULL) {
		free(json);
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
		free(m->plan_json);
		m->plan = p;
		m->plan_json = json;
	} else {
		plan_free(p);
		free(json);
	}
	return true;
}

struct check_context {
	server *s;
	const drill *d;
	const fixture *f;
	check_options o;          /* a copy: callers may pass a temporary */
	run_limits lim;
	double scale;
	int runs;
	int templates_built;
	sql_script *slow;
	uint64_t slow_fingerprint;  /* to recognise the slow query as an answer */
	bool has_slow_fingerprint;
	bool ordered;
	int *key_cols;            /* the slow query's ORDER BY keys as output columns */
	int nkeys;                /* 0: none known (order compared on whole rows) */
	char *scratch[4];         /* main seed, check seed, reference (index/cache),
								 edge dataset (NULL when the drill has none) */
	sql_script *ref_script_owned;
	session slow_main;        /* slow query on the main seed, open throughout */
	session slow_check;       /* slow query on the check seed, open throughout */
	session slow_edge;        /* slow query on the edge dataset, if any */
	session ref;              /* reference on the main seed (or its own clone) */
	result_digest *expected[3]; /* the slow query's rows on each seed, edge */
	bool rows_cached;         /* expected[] came from the digest cache */
	bool baseline_measured;   /* slow and reference measured (shared) */
	measured m_slow, m_ref;
	pg_unique_keys keys;      /* the fixture's unique keys, for the lint */
	bool has_keys;
	ready_conns ready;        /* connections made ahead (preconnect) */
};

/* The datasets rows are compared on: 0 = the main seed, 1 = the check
 * seed, 2 = the edge dataset (absent when the drill has no edge rows). */
static const char *
dataset_name(int i)
{
	static const char *const names[] = {"seed 1", "seed 2", "the edge case"};

	return names[i];
}

static const char *
dataset_db(const check_context *ctx, int i)
{
	return ctx->scratch[i == 2 ? 3 : i];
}

static session *
dataset_slow(check_context *ctx, int i)
{
	return i == 0 ? &ctx->slow_main : i == 1 ? &ctx->slow_check : &ctx->slow_edge;
}

int
check_context_templates_built(const check_context *ctx)
{
	return ctx->templates_built;
}

bool
check_context_rows_cached(const check_context *ctx)
{
	return ctx->rows_cached;
}

size_t
check_context_slow_rows(const check_context *ctx, int seed_index)
{
	const result_digest *dg = ctx->expected[seed_index < 0 || seed_index > 2 ? 0 : seed_index];

	return dg ? dg->nrows : 0;
}

bool
check_context_has_edge(const check_context *ctx)
{
	return ctx->scratch[3] != NULL;
}

bool
check_context_seeds_differ(const check_context *ctx)
{
	compare_verdict v;

	if (ctx->expected[0] == NULL || ctx->expected[1] == NULL)
		return false;
	v = compare_digests(ctx->expected[0], ctx->expected[1], ctx->ordered);
	return v.outcome != COMPARE_SAME;
}

size_t
check_context_datasets(const check_context *ctx)
{
	return check_context_has_edge(ctx) ? 3 : 2;
}

const char *
check_context_dataset_db(const check_context *ctx, size_t i)
{
	return dataset_db(ctx, (int) (i > 2 ? 0 : i));
}

bool
check_context_baseline_measured(const check_context *ctx)
{
	return ctx->baseline_measured;
}

const char *
check_context_dataset_label(const check_context *ctx, size_t i)
{
	(void) ctx;
	return dataset_name((int) (i > 2 ? 0 : i));
}

const run_limits *
check_context_limits(const check_context *ctx)
{
	return &ctx->lim;
}

compare_verdict
check_context_compare(const check_context *ctx, size_t i, const result_digest *actual)
{
	return compare_digests(ctx->expected[i > 2 ? 0 : i], actual, ctx->ordered);
}

/* Open a session and record what its preparatory statements cost: their
 * own wall time (session.c times them alone, so a slow connection under
 * load is not charged to the answer) and the pages they created. */
/* Make the connections of the sessions a check opens, all at once: the
 * slow query's and the reference's, and the first answer's on every
 * dataset.  One after the other, their backends' starts were a third of a
 * tiny check (15 ms each); side by side they take two.  An answer graded
 * later in a batch, or a session whose connection is not ready, connects
 * itself: a failure here only costs the head start. */
static void
preconnect(check_context *ctx)
{
	const char *role = session_role_for(ctx->d->allow);
	const char *dbs[READY_CONNS_MAX], *roles[READY_CONNS_MAX];
	size_t n = 0;

	dbs[n] = ctx->scratch[0];                                   /* slow query */
	roles[n++] = ROLE_LEARNER;
	dbs[n] = ctx->scratch[2] ? ctx->scratch[2] : ctx->scratch[0];  /* reference */
	roles[n++] = role;
	for (int i = 0; i < 3; i++)                                 /* the answer */
		if (dataset_db(ctx, i) != NULL) {
			dbs[n] = dataset_db(ctx, i);
			roles[n++] = role;
		}
	ready_conns_open(&ctx->ready, ctx->s, dbs, roles, n);
}

static bool
open_measured(check_context *ctx, const char *db, const char *role, session *ss,
			  measured *m, error *err)
{
	ss->conn = ready_conns_take(&ctx->ready, db, role);
	if (!session_open(ctx->s, db, role, ctx->d, &ctx->lim, ss, err))
		return false;
	if (m && ss->script->n > 1) {
		m->prep_ms = ss->prep_ms;
		if (!session_prep_pages(ss, &m->prep_pages, err))
			return false;
	}
	return true;
}

/* Measure the given sessions: a warm-up, ctx->runs interleaved rounds
 * (TIMING OFF), then one run each with per-node timing. */
static bool
measure_sessions(check_context *ctx, session **ss, measured **ms, int n, error *err)
{
	for (int k = 0; k < n; k++)
		if (!measure_once(ss[k], &ctx->lim, false, false, ms[k], err))
			return false;
	for (int i = 0; i < ctx->runs; i++) {
		progress_step(ctx->o.prog, i + 1, ctx->runs, "measuring: run %d of %d", i + 1,
					  ctx->runs);
		for (int k = 0; k < n; k++)
			if (!measure_once(ss[k], &ctx->lim, false, true, ms[k], err))
				return false;
	}
	progress_say(ctx->o.prog, "measuring: one run with per-node timing");
	for (int k = 0; k < n; k++) {
		if (!measure_once(ss[k], &ctx->lim, true, false, ms[k], err))
			return false;
		ms[k]->time = stats_summarise(ms[k]->times, ms[k]->n);
	}
	return true;
}

/* A deep copy: the plan is parsed again from its JSON, so the copy owns its
 * own (results outlive the context that measured them). */
static void
measured_copy(measured *dst, const measured *src)
{
	error ignored;

	*dst = *src;
	dst->plan = NULL;
	dst->plan_json = NULL;
	if (src->plan_json) {
		dst->plan_json = xstrdup(src->plan_json);
		dst->plan = plan_parse(dst->plan_json, strlen(dst->plan_json), &ignored);
	}
}

/* A drill's own temp_file_limit for its scratch database `db`. */
static bool
limit_temp_files(const check_context *ctx, const char *db, error *err)
{
	return roles_limit_temp_files(ctx->s->admin, db, ctx->d->limits.temp_file_limit_kb, err);
}

/* The drill's own SQL, analysed once: slow.sql (its fingerprint and ORDER
 * BY keys) and the first reference.  False with err (ERROR_USAGE: the
 * drill is broken). */
static bool
prepare_scripts(check_context *ctx, error *err)
{
	const drill *d = ctx->d;

	if (d->n_references == 0) {
		error_set(err, ERROR_USAGE, "drill %s has no reference solution to grade against", d->id);
		return false;
	}
	ctx->slow = sql_analyze(d->slow_sql, strlen(d->slow_sql), SQL_ALLOW_SELECT, err);
	if (ctx->slow == NULL) {
		error_prefix(err, "drill %s: slow.sql: ", d->id);
		err->kind = ERROR_USAGE;
		return false;
	}
	{
		sql_script *ref = sql_analyze(d->references[0], strlen(d->references[0]),
									  d->allow, err);

		if (ref == NULL) {
			error_prefix(err, "drill %s: %s: ", d->id, d->reference_files[0]);
			err->kind = ERROR_USAGE;
			return false;
		}
		ctx->ref_script_owned = ref;
	}
	{
		const sql_statement *q = sql_script_query(ctx->slow);
		error ignored;

		ctx->has_slow_fingerprint = sql_fingerprint(q->text, strlen(q->text),
													&ctx->slow_fingerprint, &ignored);
	}
	ctx->ordered = sql_script_query(ctx->slow)->top_level_order_by;
	if (ctx->ordered) {
		const sql_statement *q = sql_script_query(ctx->slow);

		/* keys we cannot place leave nkeys 0: ties are then compared strictly */
		ctx->nkeys = sql_order_key_columns(q->text, strlen(q->text), &ctx->key_cols);
		if (ctx->nkeys < 0)
			ctx->nkeys = 0;
	}
	return true;
}

/* The key of the slow query's rows in this context (digest_cache.h). */
static char *
rows_cache_key(const check_context *ctx)
{
	char *t0 = template_name(ctx->f, TEMPLATE_SEED_MAIN, ctx->scale);
	char *t1 = template_name(ctx->f, TEMPLATE_SEED_CHECK, ctx->scale);
	char *t2 = ctx->scratch[3] ? edge_template_name(ctx->f, ctx->d, ctx->scale) : NULL;
	digest_cache_key k = {
		.version = PGDRILL_VERSION,
		.server = ctx->s->conninfo,
		.server_version = PQserverVersion(ctx->s->admin),
		.templates = {t0, t1, t2},
		.d = ctx->d,
		.key_cols = ctx->key_cols,
		.nkeys = ctx->nkeys,
	};
	char *text = digest_cache_key_text(&k);

	free(t0);
	free(t1);
	free(t2);
	return text;
}

/* Open the slow query's session on dataset i unless it is open (with rows
 * from the cache, only the main seed's is opened up front: the others only
 * when a failed answer's message needs the slow query's rows there). */
static bool
open_slow(check_context *ctx, int i, error *err)
{
	session *ss = dataset_slow(ctx, i);

	if (ss->conn != NULL)
		return true;
	progress_say(ctx->o.prog, "running the slow query on %s", dataset_name(i));
	ss->conn = ready_conns_take(&ctx->ready, dataset_db(ctx, i), ROLE_LEARNER);
	return session_open(ctx->s, dataset_db(ctx, i), ROLE_LEARNER, ctx->d, &ctx->lim, ss, err);
}

/* The databases of one check: both seeds' templates ensured, stale scratch
 * databases reaped, a clone per seed (and one for a reference that prepares
 * statements, and the edge case's when the drill has edge rows), each with
 * the temp-file limit; then the fixture's unique keys for the lint advice. */
static bool
prepare_databases(check_context *ctx, error *err)
{
	const int seeds[2] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK};
	server *s = ctx->s;
	const drill *d = ctx->d;
	const fixture *f = ctx->f;
	const check_options *o = &ctx->o;

	if (!template_ensure(s, f, seeds, 2, ctx->scale, o->prog, &ctx->templates_built, err))
		return false;
	if (scratch_reap(s, err) < 0)
		return false;
	for (int i = 0; i < 2; i++) {
		ctx->scratch[i] = template_clone(s, f, seeds[i], ctx->scale, o->prog, err);
		if (ctx->scratch[i] == NULL || !limit_temp_files(ctx, ctx->scratch[i], err))
			return false;
	}
	/* A reference with preparatory statements gets its own clone: its
	 * uncommitted index must not share a catalog with the answer's (an index
	 * of the same name would block the answer until the reference's
	 * transaction ends). */
	if (ctx->ref_script_owned->n > 1) {
		ctx->scratch[2] = template_clone(s, f, seeds[0], ctx->scale, o->prog, err);
		if (ctx->scratch[2] == NULL || !limit_temp_files(ctx, ctx->scratch[2], err))
			return false;
	}

	if (edge_present(f, d)) {
		bool built = false;

		ctx->scratch[3] = edge_clone(s, f, d, ctx->scale, o->prog, &built, err);
		if (ctx->scratch[3] == NULL || !limit_temp_files(ctx, ctx->scratch[3], err))
			return false;
		ctx->templates_built += built;
	}

	return true;
}

/* The fixture's unique keys, for the lint advice on an answer (it judges
 * LIMITs by them); advice only, so a catalog that cannot be read leaves the
 * linter's convention.  Read on the slow query's session on the main seed
 * (a connection of their own cost a backend start, 15-20 ms of a tiny
 * check), inside a savepoint: a failure leaves its transaction usable. */
static void
read_unique_keys(check_context *ctx)
{
	PGconn *conn = ctx->slow_main.conn;
	error ignored = {0};

	if (conn == NULL || !db_exec(conn, "SAVEPOINT pgdrill_keys", ERROR_ENV, &ignored))
		return;
	ctx->has_keys = pg_unique_keys_read(conn, &ctx->keys, &ignored);
	if (!ctx->has_keys)
		pg_unique_keys_release(&ctx->keys);
	db_exec(conn, ctx->has_keys ? "RELEASE SAVEPOINT pgdrill_keys"
			: "ROLLBACK TO SAVEPOINT pgdrill_keys", ERROR_ENV, &ignored);
}

/* The slow query's rows: from the cache when this exact key was digested
 * before (digest_cache.h), else digested now on every dataset and stored.
 * Its session on the main seed is opened either way: it is measured. */
static bool
slow_rows(check_context *ctx, error *err)
{
	char *key = rows_cache_key(ctx);
	char *dir = digest_cache_dir(err);
	bool ok = true;

	error_clear(err);
	ctx->rows_cached = dir != NULL && digest_cache_load(dir, key, ctx->expected);
	for (int i = 0; i < 3 && ok; i++) {
		const char *db = dataset_db(ctx, i);

		if (db == NULL || (ctx->rows_cached && i > 0))
			continue;
		if (!open_slow(ctx, i, err) ||
			(!ctx->rows_cached &&
			 !run_digest(dataset_slow(ctx, i)->conn, ctx->slow_main.query, &ctx->lim,
						 ctx->key_cols, ctx->nkeys, ERROR_USAGE, &ctx->expected[i], err))) {
			error_prefix(err, "drill %s: the slow query (%s): ", ctx->d->id, dataset_name(i));
			ok = false;
		}
	}
	if (ok && !ctx->rows_cached && dir != NULL) {
		error ignored;

		digest_cache_store(dir, key, ctx->expected, &ignored);
	}
	free(key);
	free(dir);
	return ok;
}

/* The drill's own SQL failed (slow query, reference): the drill is broken,
 * a usage error, not a graded failure or a rejected answer. */
static void
blame_drill(error *err)
{
	if (err->kind == ERROR_FAILED || err->kind == ERROR_REJECTED)
		err->kind = ERROR_USAGE;
}

check_context *
check_prepare(server *s, const drill *d, const fixture *f, const check_options *o,
			  error *err)
{
	check_context *ctx = xcalloc(1, sizeof *ctx);

	ctx->s = s;
	ctx->d = d;
	ctx->f = f;
	ctx->o = *o;
	ctx->lim = (run_limits) {d->timeout_s, d->limits.max_rows, d->limits.max_bytes,
		s->admin};
	ctx->scale = fixture_scale(f, o->scale);
	ctx->runs = o->runs > 0 ? (o->runs > CHECK_MAX_RUNS ? CHECK_MAX_RUNS : o->runs)
		: CHECK_DEFAULT_RUNS;

	if (!prepare_scripts(ctx, err))
		goto fail;
	if (!prepare_databases(ctx, err))
		goto fail;
	preconnect(ctx);
	ctx->slow_main = (session) {.label = "slow query", .script = ctx->slow,
		.query = sql_script_query(ctx->slow)->text, .kind = ERROR_USAGE};
	ctx->slow_check = ctx->slow_main;
	ctx->slow_edge = ctx->slow_main;
	ctx->ref = (session) {.label = "reference", .script = ctx->ref_script_owned,
		.query = sql_script_query(ctx->ref_script_owned)->text, .kind = ERROR_USAGE};
	if (!slow_rows(ctx, err))
		goto fail;
	read_unique_keys(ctx);
	if (!open_measured(ctx, ctx->scratch[2] ? ctx->scratch[2] : ctx->scratch[0],
					   session_role_for(d->allow), &ctx->ref, &ctx->m_ref, err)) {
		error_prefix(err, "drill %s: ", d->id);
		goto fail;
	}
	/* (with share_baseline, the slow query is measured by the first answer
	 * that gets as far: shared_baseline) */
	return ctx;
fail:
	blame_drill(err);
	check_context_free(ctx);
	return NULL;
}

void
check_context_free(check_context *ctx)
{
	if (ctx == NULL)
		return;
	pg_unique_keys_release(&ctx->keys);
	ready_conns_close(&ctx->ready);
	session_close(&ctx->slow_main);
	session_close(&ctx->slow_check);
	session_close(&ctx->slow_edge);
	session_close(&ctx->ref);
	for (int i = 0; i < 4; i++) {
		if (ctx->scratch[i]) {
			error ignored;

			scratch_release(ctx->s, ctx->scratch[i], &ignored);
		}
		free(ctx->scratch[i]);
	}
	result_digest_free(ctx->expected[0]);
	result_digest_free(ctx->expected[1]);
	result_digest_free(ctx->expected[2]);
	measured_release(&ctx->m_slow);
	measured_release(&ctx->m_ref);
	sql_script_free(ctx->slow);
	sql_script_free(ctx->ref_script_owned);
	free(ctx->key_cols);
	free(ctx);
}

/* Rows that differ in numeric values only: to how many significant digits
 * they agree (0: not a rounding difference).  Re-runs both queries; only a
 * failed answer pays for it. */
static int
rows_agree_digits(check_context *ctx, session *ss, session *sa)
{
	rounding_ladder *e = run_rounding_ladder(ss->conn, ss->query, &ctx->lim);
	rounding_ladder *a = e ? run_rounding_ladder(sa->conn, sa->query, &ctx->lim) : NULL;
	int digits = rounding_agreement(e, a);

	rounding_ladder_free(e);
	rounding_ladder_free(a);
	return digits;
}

/* Compare the answer's rows with the slow query's on dataset i (0 and 1:
 * the seeds, 2: the edge dataset). */
static bool
compare_seed(check_context *ctx, session *ss, session *sa, int i, check_result *r,
			 error *err)
{
	const int seeds[3] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK, TEMPLATE_SEED_MAIN};
	result_digest *actual = NULL;

	if (!run_digest(sa->conn, sa->query, &ctx->lim, NULL, 0, sa->kind, &actual, err)) {
		error_prefix(err, "%s (%s): ", sa->label, dataset_name(i));
		return false;
	}
	r->verdict = compare_digests(ctx->expected[i], actual, ctx->ordered);
	if (r->verdict.outcome != COMPARE_SAME && !open_slow(ctx, i, err)) {
		result_digest_free(actual);
		error_prefix(err, "drill %s: the slow query (%s): ", ctx->d->id, dataset_name(i));
		if (err->kind == ERROR_FAILED)
			err->kind = ERROR_USAGE;
		return false;
	}
	if (r->verdict.outcome != COMPARE_SAME) {
		/* the cause, for the message: seed 1's rows again, or rounding */
		r->rows_of_seed1 = i == 1 &&
			compare_digests(ctx->expected[0], actual, ctx->ordered).outcome == COMPARE_SAME;
		if (r->verdict.outcome == COMPARE_ROWS)
			r->agree_digits = rows_agree_digits(ctx, ss, sa);
	}
	result_digest_free(actual);
	if (r->verdict.outcome != COMPARE_SAME) {
		r->mismatch_seed = seeds[i];
		r->mismatch_edge = i == 2;
		if (r->verdict.has_missing)
			r->missing_row = run_find_row(ss->conn, ss->query, &ctx->lim,
										  r->verdict.missing_hash);
		if (r->verdict.has_extra)
			r->extra_row = run_find_row(sa->conn, sa->query, &ctx->lim,
										r->verdict.extra_hash);
	}
	return true;
}

static score_measure
score_measure_of(const measured *m)
{
	score_measure sm;

	sm.buffers = m->buffers;
	sm.time_ms = m->time.median + m->prep_ms / CHECK_AMORTIZE_EXECUTIONS;
	sm.cost = m->cost;
	sm.extra_buffers = m->prep_pages / CHECK_AMORTIZE_EXECUTIONS;
	return sm;
}

/* The slow query's measurement shared by a batch (check.h), made once, by
 * the first answer that needs it.  Only the slow query is shared: it is the
 * expensive one.  The reference is fast by definition and is measured again
 * with every answer, interleaved, because the time guard compares the two:
 * a burst of load between a shared reference measurement and an answer's
 * would otherwise make the reference itself look slow.  A failure is the
 * drill's (its slow query) or the environment's, never the answer's. */
static bool
shared_baseline(check_context *ctx, error *err)
{
	session *ss[1] = {&ctx->slow_main};
	measured *ms[1] = {&ctx->m_slow};

	if (ctx->baseline_measured)
		return true;
	if (!measure_sessions(ctx, ss, ms, 1, err)) {
		error_prefix(err, "drill %s: ", ctx->d->id);
		blame_drill(err);
		return false;
	}
	ctx->baseline_measured = true;
	return true;
}

/* Measure the answer's open session `sa` with the reference (and the slow
 * query, unless its shared measurement is reused) into r. */
static bool
measure_answer(check_context *ctx, session *sa, check_result *r, error *err)
{
	r->reference.prep_ms = ctx->m_ref.prep_ms;
	r->reference.prep_pages = ctx->m_ref.prep_pages;
	if (ctx->o.share_baseline) {
		session *ss[2] = {&ctx->ref, sa};
		measured *ms[2] = {&r->reference, &r->answer};

		if (!shared_baseline(ctx, err) || !measure_sessions(ctx, ss, ms, 2, err))
			return false;
		measured_copy(&r->slow, &ctx->m_slow);
		r->shared_baseline = true;
		return true;
	} else {
		session *ss[3] = {&ctx->slow_main, &ctx->ref, sa};
		measured *ms[3] = {&r->slow, &r->reference, &r->answer};

		return measure_sessions(ctx, ss, ms, 3, err);
	}
}

void
check_answer(check_context *ctx, const char *answer, size_t len, check_result *r)
{
	const drill *d = ctx->d;
	sql_script *ans = NULL;
	session sa = {0}, sc = {0};
	error *err = &r->err;

	memset(r, 0, sizeof *r);
	r->pass_score = d->pass_score;
	r->runs = ctx->runs;
	r->scale = ctx->scale;
	r->templates_built = ctx->templates_built;
	r->ordered = ctx->ordered;
	r->status = CHECK_ERROR;

	/* 1. the answer's SQL: analysed and linted from one parse (the lint is
	 * advice: it never changes the grade) */
	{
		sql_key_catalog cat = pg_unique_keys_catalog(&ctx->keys);

		ans = sql_analyze_lint(answer, len, d->allow, ctx->has_keys ? &cat : NULL, &r->lint,
							   err);
	}
	if (ans == NULL) {
		r->status = err->kind == ERROR_REJECTED ? CHECK_REJECTED : CHECK_ERROR;
		r->message = xstrdup(err->message);
		return;
	}
	if (ans->n == 1 && ctx->has_slow_fingerprint) {
		const sql_statement *q = sql_script_query(ans);
		uint64_t fp;
		error ignored;

		r->same_as_slow = sql_fingerprint(q->text, strlen(q->text), &fp, &ignored) &&
			fp == ctx->slow_fingerprint;
	}

	/* 2. correctness: the main seed first (keeping the session for the
	 * measurement), then the check seed */
	sa = (session) {.label = "answer", .script = ans,
		.query = sql_script_query(ans)->text, .kind = ERROR_FAILED};
	progress_say(ctx->o.prog, "comparing rows on seed %d", TEMPLATE_SEED_MAIN);
	if (!open_measured(ctx, ctx->scratch[0], session_role_for(d->allow), &sa, &r->answer, err) ||
		!compare_seed(ctx, &ctx->slow_main, &sa, 0, r, err))
		goto failed_run;
	for (int i = 1; i < 3 && !r->mismatch_seed; i++) {
		if (dataset_db(ctx, i) == NULL)
			continue;
		progress_say(ctx->o.prog, "comparing rows on %s", dataset_name(i));
		sc = sa;
		sc.conn = ready_conns_take(&ctx->ready, dataset_db(ctx, i), session_role_for(d->allow));
		if (!session_open(ctx->s, dataset_db(ctx, i), session_role_for(d->allow), d,
						  &ctx->lim, &sc, err) ||
			!compare_seed(ctx, dataset_slow(ctx, i), &sc, i, r, err))
			goto failed_run;
		session_close(&sc);
	}
	if (r->mismatch_seed) {
		r->status = CHECK_FAIL;    /* report/verdict.c says how they differ */
		goto done;
	}

	/* 3. measurement */
	if (!measure_answer(ctx, &sa, r, err))
		goto failed_run;
	r->measured = true;

	/* 4. the score */
	{
		score_measure ms = score_measure_of(&r->slow);
		score_measure mr = score_measure_of(&r->reference);
		score_measure ma = score_measure_of(&r->answer);
		/* the guard judges the answer's time through its rounds paired
		 * with the reference's (docs/scoring.md) */
		stats_ratio q = stats_paired_ratio(r->answer.times, r->reference.times,
										   r->answer.n < r->reference.n ? r->answer.n
										   : r->reference.n);

		if (q.n > 0)
			ma.time_low_ms = r->reference.time.median * q.favourable +
				r->answer.prep_ms / CHECK_AMORTIZE_EXECUTIONS;

		/* The fingerprint ignores constants, so an answer "the same" as the
		 * slow query may still be faster (a constant of the column's type
		 * instead of a cast one): the measurement decides, the fingerprint
		 * only explains a failure. */
		r->score = score_compute(&ms, &mr, &ma, d->pass_score);
		r->status = r->score.passed ? CHECK_PASS : CHECK_FAIL;
	}
	goto done;

failed_run:
	/* The answer failing to run is a graded failure; anything else is an
	 * error of the drill or the environment. */
	if (err->kind == ERROR_FAILED)
		r->status = CHECK_FAIL;
	else
		r->status = CHECK_ERROR;
done:
	session_close(&sa);
	session_close(&sc);
	if ((r->status == CHECK_ERROR || r->status == CHECK_REJECTED) && r->message == NULL)
		r->message = xstrdup(err->message);
	sql_script_free(ans);
}

bool
check_reject_early(const drill *d, const char *answer, size_t len, check_result *r)
{
	error err = {0};
	sql_script *ans = sql_analyze(answer, len, d->allow, &err);

	if (ans != NULL) {
		sql_script_free(ans);
		return false;
	}
	check_result_ungraded(r, err.kind == ERROR_REJECTED ? CHECK_REJECTED : CHECK_ERROR, &err,
						  d->pass_score);
	return true;
}

void
check_result_ungraded(check_result *r, check_status status, const error *err,
					  double pass_score)
{
	memset(r, 0, sizeof *r);
	r->status = status;
	r->err = *err;
	r->pass_score = pass_score;
	r->message = xstrdup(err->message);
}

void
check_result_release(check_result *r)
{
	if (r == NULL)
		return;
	free(r->message);
	lint_findings_free(r->lint);
	free(r->missing_row);
	free(r->extra_row);
	measured_release(&r->slow);
	measured_release(&r->reference);
	measured_release(&r->answer);
	if (r->detail_ops && r->detail)
		r->detail_ops->free(r->detail);
	memset(r, 0, sizeof *r);
}
