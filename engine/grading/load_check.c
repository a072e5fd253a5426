/*
 * load_check.c — grading one answer to a load drill (see load_check.h for
 * the steps).  The measuring is pgbench's (engine/pg/pgbench.c), the
 * figures and the score are scoring/load's; this file puts them in order
 * and cleans up.
 */
#include "grading/load_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade/compare.h"
#include "grade/score.h"
#include "os/clock.h"
#include "pg/db.h"
#include "pg/pgbench.h"
#include "pg/pgbouncer.h"
#include "pg/roles.h"
#include "sandbox/run.h"
#include "sandbox/scratch.h"
#include "sandbox/session.h"
#include "sandbox/template.h"
#include "sql/sql.h"
#include "strbuf.h"

/* Clones: one per variant on the main seed, and the answer's on the check
 * seed (correctness). */
enum { DB_BASELINE = 0, DB_REFERENCE, DB_ANSWER, DB_ANSWER_CHECK, N_DBS };

typedef struct load_ctx {
	server *s;
	const drill *d;
	const fixture *f;
	const load_spec *spec;
	run_limits lim;
	double scale;
	int rounds;
	load_answer answers[LOAD_VARIANTS];   /* the baseline's is empty */
	char *db[N_DBS];
	load_log logs[LOAD_VARIANTS];
} load_ctx;

void
load_check_result_release(load_check_result *r)
{
	if (r == NULL)
		return;
	free(r->message);
	for (int i = 0; i < LOAD_VARIANTS; i++) {
		load_summary_free(&r->v[i].summary);
		free(r->v[i].errors);
	}
	memset(r, 0, sizeof *r);
}

/* Step 1: read and check an answer-format text. */
static bool
read_answer(load_ctx *c, const char *text, size_t len, load_answer *a, error *err)
{
	load_script scripts[LOAD_MAX_ENDPOINTS];
	load_rules rules = load_spec_rules(c->spec, c->d->allow);

	if (!load_answer_parse(text, len, a, err))
		return false;
	for (size_t i = 0; i < c->spec->n_endpoints; i++)
		scripts[i] = c->spec->endpoints[i].script;
	return load_answer_check(a, scripts, c->spec->n_endpoints, &rules, err);
}

/* The drill's settings and deadline for the learner's sessions in `db`:
 * per-role-and-database settings, which DROP DATABASE removes. */
static bool
pin_settings(load_ctx *c, const char *db, error *err)
{
	for (size_t i = 0; i < c->d->n_settings; i++)
		if (!db_execf(c->s->admin, err, "ALTER ROLE %s IN DATABASE %s SET %s = '%s'",
					  ROLE_LEARNER, db, c->d->settings[i].name, c->d->settings[i].value))
			return false;
	return db_execf(c->s->admin, err, "ALTER ROLE %s IN DATABASE %s SET statement_timeout "
					"= '%.0fms'", ROLE_LEARNER, db, c->d->timeout_s * 1000);
}

/* The privileges the drill's write kinds need: "UPDATE", "INSERT" or
 * "INSERT, UPDATE". */
static const char *
write_privileges(const load_spec *sp)
{
	bool ins = sp->write_allow & SQL_ALLOW_INSERT, upd = sp->write_allow & SQL_ALLOW_UPDATE;

	return ins && upd ? "INSERT, UPDATE" : ins ? "INSERT" : "UPDATE";
}

/* A drill whose endpoints write: the learner role may write, with the
 * drill's kinds only, the drill's "writable" tables, and the tables (and
 * their sequences) that the variant's setup created — nothing else of the
 * clone.  Granted as the indexer (a member of the tables' owner), in the
 * clone, which DROP DATABASE removes with its grants. */
static bool
grant_writes(load_ctx *c, const char *db, error *err)
{
	PGconn *conn;
	PGresult *res = NULL;
	bool ok;

	if (!c->spec->writes)
		return true;
	conn = server_connect(c->s, db, ROLE_INDEXER, err);
	ok = conn != NULL;
	for (size_t i = 0; ok && i < c->spec->n_writable; i++) {
		char *id = db_quote_ident(conn, c->spec->writable[i]);

		ok = id != NULL && db_execf(conn, err, "GRANT %s ON TABLE %s TO %s",
									write_privileges(c->spec), id, ROLE_LEARNER);
		free(id);
	}
	if (ok)
		res = db_query(conn, "SELECT format('%I', relname), relkind = 'S' FROM pg_class "
					   "WHERE relowner = current_user::regrole "
					   "AND relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'S')",
					   0, NULL, ERROR_ENV, err);
	ok = ok && res != NULL;
	for (int i = 0; ok && i < PQntuples(res); i++)
		ok = strcmp(PQgetvalue(res, i, 1), "t") == 0
			? db_execf(conn, err, "GRANT USAGE, SELECT ON SEQUENCE %s TO %s",
					   PQgetvalue(res, i, 0), ROLE_LEARNER)
			: db_execf(conn, err, "GRANT SELECT, %s ON TABLE %s TO %s",
					   write_privileges(c->spec), PQgetvalue(res, i, 0), ROLE_LEARNER);
	PQclear(res);
	db_close(conn);
	return ok;
}

/* Step 3: run a setup's statements in `db`, committed, as the role the
 * allow-list implies; then let the learner role read what they created (a
 * materialized view is its creator's: pgbench's sessions, as the learner,
 * must be able to SELECT from it). */
static bool
apply_setup(load_ctx *c, const char *setup, const char *db, error *err)
{
	char *probe = xasprintf("%s\n;SELECT 1", setup);
	sql_script *sc = sql_analyze(probe, strlen(probe), c->d->allow, err);
	PGconn *conn = NULL;
	bool ok = sc != NULL;

	if (ok && sc->n > 1) {
		conn = server_connect(c->s, db, session_role_for(c->d->allow), err);
		ok = conn != NULL;
		for (size_t i = 0; ok && i + 1 < sc->n; i++)
			ok = run_command(conn, sc->stmts[i].text, &c->lim, ERROR_FAILED, err);
		if (ok && strcmp(session_role_for(c->d->allow), ROLE_LEARNER) != 0)
			ok = db_exec(conn, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO "
						 ROLE_LEARNER, ERROR_ENV, err);
	}
	if (conn)
		db_close(conn);
	sql_script_free(sc);
	free(probe);
	return ok;
}

/* `text` with the sample-`k` values of endpoint `ep`'s parameters. */
static char *
sample_text(const load_endpoint *ep, const char *text, int k)
{
	long long values[64];
	size_t nv = ep->script.n_vars < 64 ? ep->script.n_vars : 64;

	load_sample_values(ep->script.vars, nv, k, values);
	return load_substitute(text, ep->script.vars, nv, values);
}

/* The rows of `text` (sample k), in a digest ordered as `orig_text` (the
 * original statement, or a group's UNION ALL, which has no order) orders
 * them: *ordered says whether it does. */
static bool
digest_sample(load_ctx *c, PGconn *conn, const load_endpoint *ep, const char *orig_text,
			  const char *text, int k, error_kind kind, bool *ordered, result_digest **out,
			  error *err)
{
	char *a = sample_text(ep, orig_text, k), *b = sample_text(ep, text, k);
	int *keys = NULL, nkeys = 0;
	bool ok;
	error ignored;
	sql_script *p = sql_analyze(a, strlen(a), SQL_ALLOW_SELECT, &ignored);

	*ordered = p && sql_script_query(p)->top_level_order_by;
	sql_script_free(p);
	if (*ordered && (nkeys = sql_order_key_columns(a, strlen(a), &keys)) < 0)
		nkeys = 0;
	ok = run_digest(conn, b, &c->lim, keys, nkeys, kind, out, err);
	free(keys);
	free(a);
	free(b);
	return ok;
}

/* Two digests the same?  *what (malloc'd) says how not, naming `text`;
 * *out receives the verdict. */
static bool
digests_same(const result_digest *da, const result_digest *db, bool ordered,
			 const char *text, char **what, compare_verdict *out)
{
	compare_verdict v = compare_digests(da, db, ordered);
	char *desc;

	*out = v;
	if (v.outcome == COMPARE_SAME)
		return true;
	desc = compare_describe(&v);
	*what = xasprintf("%s (with %s)", desc, text);
	free(desc);
	return false;
}

/* Step 4 for one statement (or group), one sample, one database: the same
 * rows?  A group's rows are its statements' together (load_stmt_rows_sql),
 * compared as a multiset. */
static bool
same_rows(load_ctx *c, session *ss, const load_endpoint *ep, const load_stmt *orig,
		  const char *repl, int k, bool *same, char **what, load_check_result *r, error *err)
{
	result_digest *da = NULL, *db = NULL;
	bool ordered, ok;
	char *rows_sql = load_stmt_rows_sql(&ep->script, orig);
	char *b = sample_text(ep, repl, k);

	ok = digest_sample(c, ss->conn, ep, rows_sql, rows_sql, k, ERROR_USAGE, &ordered, &da,
					   err) &&
		digest_sample(c, ss->conn, ep, rows_sql, repl, k, ERROR_FAILED, &ordered, &db, err);
	if (ok) {
		*same = digests_same(da, db, ordered, b, what, &r->verdict);
		r->ordered = ordered;
	}
	result_digest_free(da);
	result_digest_free(db);
	free(rows_sql);
	free(b);
	return ok;
}

/* The text a variant runs for statement `st`: the answer's replacement or
 * the original. */
static const char *
text_of(const load_answer *a, const load_stmt *st)
{
	for (size_t i = 0; a && st->name && i < a->n_repl; i++)
		if (strcmp(a->repl[i].name, st->name) == 0)
			return a->repl[i].text;
	return st->text;
}

/* The state check of one variant (NULL: the drill as shipped) in `db`: in
 * one transaction, rolled back, LOAD_STATE_REQUESTS requests of every
 * endpoint run their writes (sample k for request k), then every state
 * check statement is digested with LOAD_STATE_SAMPLES samples into
 * out[i * LOAD_STATE_SAMPLES + k]. */
static bool
state_after(load_ctx *c, const char *db, const load_answer *a, result_digest **out,
			bool *ordered, error *err)
{
	sql_script *one = sql_analyze("SELECT 1", 8, SQL_ALLOW_SELECT, err);
	session ss = {.label = a ? "answer" : "drill", .script = one, .query = "SELECT 1",
		.kind = a ? ERROR_FAILED : ERROR_USAGE, .writes = true};
	bool ok = one != NULL && session_open(c->s, db, ROLE_LEARNER, c->d, &c->lim, &ss, err);

	for (int k = 0; ok && k < LOAD_STATE_REQUESTS; k++)
		for (size_t e = 0; ok && e < c->spec->n_endpoints; e++) {
			const load_endpoint *ep = &c->spec->endpoints[e];

			for (size_t i = 0; ok && i < ep->script.n_stmts; i++) {
				char *t;

				if (!ep->script.stmts[i].writes)
					continue;
				t = sample_text(ep, text_of(a, &ep->script.stmts[i]), k);
				ok = run_command(ss.conn, t, &c->lim, ss.kind, err);
				if (!ok)
					error_prefix(err, "%s, state check, request %d of %s: ", ss.label, k + 1,
								 ep->name);
				free(t);
			}
		}
	for (size_t i = 0; ok && i < c->spec->n_state_check; i++) {
		const load_endpoint *ep = load_spec_endpoint_of(c->spec, c->spec->state_check[i]);
		const load_stmt *st = load_script_find(&ep->script, c->spec->state_check[i]);

		for (int k = 0; ok && k < LOAD_STATE_SAMPLES; k++)
			ok = digest_sample(c, ss.conn, ep, st->text, text_of(a, st), k, ss.kind, ordered,
							   &out[i * LOAD_STATE_SAMPLES + k], err);
	}
	session_close(&ss);
	sql_script_free(one);
	return ok;
}

/* Step 4 for writing endpoints: after the same requests, the drill's
 * state check reads the same rows from the answer's design as from the
 * drill's, on both seeds.  *mismatch (malloc'd) says how not. */
static bool
check_state(load_ctx *c, char **mismatch, load_check_result *r, error *err)
{
	const int dbs[2] = {DB_ANSWER, DB_ANSWER_CHECK};
	const int seeds[2] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK};
	size_t n = c->spec->n_state_check * LOAD_STATE_SAMPLES;
	bool ok = true;

	for (int s = 0; ok && s < 2 && *mismatch == NULL; s++) {
		result_digest **want = xcalloc(n, sizeof *want), **got = xcalloc(n, sizeof *got);
		bool ordered = false;

		ok = state_after(c, c->db[dbs[s]], NULL, want, &ordered, err) &&
			state_after(c, c->db[dbs[s]], &c->answers[LOAD_ANSWER], got, &ordered, err);
		for (size_t i = 0; ok && i < n && *mismatch == NULL; i++) {
			const char *name = c->spec->state_check[i / LOAD_STATE_SAMPLES];
			const load_endpoint *ep = load_spec_endpoint_of(c->spec, name);
			const load_stmt *st = load_script_find(&ep->script, name);
			char *what = NULL, *b = sample_text(ep, text_of(&c->answers[LOAD_ANSWER], st),
												(int) (i % LOAD_STATE_SAMPLES));
			bool ord = false;
			error ignored;
			sql_script *p = sql_analyze(st->text, strlen(st->text), SQL_ALLOW_SELECT, &ignored);

			ord = p && sql_script_query(p)->top_level_order_by;
			sql_script_free(p);
			r->ordered = ord;
			if (!digests_same(want[i], got[i], ord, b, &what, &r->verdict))
				r->mismatch_seed = seeds[s];
			if (r->mismatch_seed)
				*mismatch = xasprintf("After the same %d requests of every endpoint, the "
									  "state check %s reads different rows from your design "
									  "than from the drill's on seed %d: %s.",
									  LOAD_STATE_REQUESTS, name, seeds[s], what);
			free(what);
			free(b);
		}
		for (size_t i = 0; i < n; i++) {
			result_digest_free(want[i]);
			result_digest_free(got[i]);
		}
		free(want);
		free(got);
	}
	return ok;
}

/* Step 4: every replacement of the answer, every sample, both seeds.
 * *mismatch (malloc'd) says how they differ; NULL when they do not. */
static bool
check_rows(load_ctx *c, char **mismatch, load_check_result *r, error *err)
{
	const load_answer *a = &c->answers[LOAD_ANSWER];
	const int dbs[2] = {DB_ANSWER, DB_ANSWER_CHECK};
	const int seeds[2] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK};
	sql_script *one = sql_analyze("SELECT 1", 8, SQL_ALLOW_SELECT, err);
	bool ok = one != NULL;

	*mismatch = NULL;
	for (int s = 0; ok && s < 2 && a->n_repl > 0 && *mismatch == NULL; s++) {
		session ss = {.label = "answer", .script = one, .query = "SELECT 1",
			.kind = ERROR_FAILED};

		ok = session_open(c->s, c->db[dbs[s]], ROLE_LEARNER, c->d, &c->lim, &ss, err);
		for (size_t i = 0; ok && i < a->n_repl && *mismatch == NULL; i++) {
			const load_endpoint *ep = load_spec_endpoint_of(c->spec, a->repl[i].name);
			const load_stmt *orig = load_script_find(&ep->script, a->repl[i].name);

			/* a write has no rows to compare: the state check judges it */
			for (int k = 0; ok && !orig->writes && k < LOAD_CHECK_SAMPLES &&
				 *mismatch == NULL; k++) {
				bool same = true;
				char *what = NULL;

				ok = same_rows(c, &ss, ep, orig, a->repl[i].text, k, &same, &what, r, err);
				if (ok && !same)
					r->mismatch_seed = seeds[s];
				if (ok && !same)
					*mismatch = xasprintf("Your replacement of %s returns different rows "
										  "than the original on seed %d: %s.",
										  a->repl[i].name, seeds[s], what);
				free(what);
			}
		}
		session_close(&ss);
	}
	sql_script_free(one);
	return ok;
}

/* The pool a variant runs with: its answer's, else the drill's. */
static load_pool
pool_of(const load_ctx *c, int variant)
{
	return c->answers[variant].pool.mode != LOAD_POOL_NONE ? c->answers[variant].pool
		: c->spec->pool;
}

static void
log_append(load_log *dst, const load_log *src)
{
	for (size_t i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 1024;
			dst->txns = xrealloc(dst->txns, dst->cap * sizeof *dst->txns);
		}
		dst->txns[dst->n++] = src->txns[i];
	}
	if (src->max_script > dst->max_script)
		dst->max_script = src->max_script;
}

/* Every 0.2 s while pgbench runs: what the clone's active sessions wait on. */
typedef struct wait_sampler {
	PGconn *admin;
	const char *db;
	load_variant *v;
} wait_sampler;

static void
add_wait(load_variant *v, const char *type, const char *event, size_t n)
{
	size_t i = 0;

	while (i < v->n_waits && !(strcmp(v->waits[i].type, type) == 0 &&
							   strcmp(v->waits[i].event, event) == 0))
		i++;
	if (i == v->n_waits) {
		if (v->n_waits == LOAD_MAX_WAITS)
			return;
		snprintf(v->waits[i].type, sizeof v->waits[i].type, "%s", type);
		snprintf(v->waits[i].event, sizeof v->waits[i].event, "%s", event);
		v->n_waits++;
	}
	v->waits[i].count += n;
	v->wait_samples += n;
	if (strcmp(type, "Lock") == 0)
		v->lock_samples += n;
}

static void
sample_waits(void *arg)
{
	wait_sampler *ws = arg;
	const char *params[] = {ws->db};
	error ignored;
	PGresult *res = db_query(ws->admin,
		"SELECT coalesce(wait_event_type, 'CPU'), coalesce(wait_event, 'running'), "
		"count(*) FROM pg_stat_activity WHERE datname = $1 AND state = 'active' "
		"AND backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1, 2",
		1, params, ERROR_ENV, &ignored);

	for (int i = 0; res && i < PQntuples(res); i++)
		add_wait(ws->v, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
				 (size_t) atol(PQgetvalue(res, i, 2)));
	PQclear(res);
}

static int
by_count(const void *a, const void *b)
{
	const load_wait *x = a, *y = b;

	return (x->count < y->count) - (x->count > y->count);
}

/* Step 5 for one variant and round: pgbench, through PgBouncer when the
 * variant has a pool.  Records the round's p95 and keeps the log. */
static bool
run_variant(load_ctx *c, int variant, int round, load_check_result *r, error *err)
{
	const load_spec *sp = c->spec;
	pgbench_script scripts[LOAD_MAX_ENDPOINTS];
	pgbench_options po = {0};
	pgbench_result res = PGBENCH_RESULT_INIT;
	pgbouncer b = {0};
	load_pool pool = pool_of(c, variant);
	char *conninfo = server_conninfo(c->s, c->db[variant], ROLE_LEARNER, err);
	wait_sampler ws = {c->s->admin, c->db[variant], &r->v[variant]};
	bool ok = conninfo != NULL;

	for (size_t i = 0; i < sp->n_endpoints; i++)
		scripts[i] = (pgbench_script) {load_script_render(&sp->endpoints[i].script,
														  &c->answers[variant]),
			sp->endpoints[i].weight};
	if (ok && pool.mode != LOAD_POOL_NONE) {
		pgbouncer_options bo = {0};

		if (!c->s->private_cluster)
			ok = error_set(err, ERROR_ENV, "pooling drills run on pgdrill's private "
						   "cluster, not on --db");
		bo.run_as = c->s->cl.as_root ? c->s->cl.server_user : NULL;
		bo.server_host = c->s->cl.socket_dir;
		bo.server_port = c->s->cl.port;
		bo.dbname = c->db[variant];
		bo.user = ROLE_LEARNER;
		bo.pool = pool;
		bo.max_clients = sp->clients + 10;
		ok = ok && pgbouncer_start(&b, &bo, err);
	}
	po.bindir = c->s->private_cluster ? c->s->cl.bindir : PGDRILL_PG_BINDIR;
	po.conninfo = b.conninfo ? b.conninfo : conninfo;
	po.password = c->s->learner_password;
	po.scripts = scripts;
	po.n_scripts = sp->n_endpoints;
	po.clients = sp->clients;
	po.threads = sp->threads;
	po.duration_s = sp->duration_s;
	po.rate = sp->rate;
	po.latency_limit_ms = sp->latency_limit_ms;
	po.connect_each = sp->connect_each;
	po.sample = sample_waits;
	po.sample_arg = &ws;
	po.sample_every_s = 0.2;
	ok = ok && pgbench_run(&po, &res, err);
	if (ok) {
		load_summary one;

		ok = load_summarise(&res.log, sp->n_endpoints, sp->duration_s, &one, err);
		r->v[variant].round_p95_ms[round] = one.overall.p95_ms;
		load_summary_free(&one);
		log_append(&c->logs[variant], &res.log);
		r->v[variant].connection_ms += res.connection_ms / c->rounds;
		if (res.aborted && r->v[variant].errors == NULL)
			r->v[variant].errors = xstrdup(res.errors ? res.errors : "a client aborted");
	}
	{
		error ignored;

		pgbouncer_stop(&b, &ignored);
	}
	for (size_t i = 0; i < sp->n_endpoints; i++)
		free((char *) scripts[i].text);
	pgbench_result_free(&res);
	free(conninfo);
	return ok;
}

/* The three variants' measures in round k: that round's p95, the guards'
 * counts over every round. */
static void
round_measures(const load_check_result *r, int k, load_measure *m)
{
	for (int v = 0; v < LOAD_VARIANTS; v++) {
		m[v] = r->v[v].measure;
		m[v].p95_ms = r->v[v].round_p95_ms[k];
	}
}

/* The round whose score is the median of the rounds' scores (the lower
 * middle for an even count).  Scoring a round's baseline, reference and
 * answer together pairs measurements taken seconds apart, so load that
 * drifts between rounds cancels; the median drops a round hit by a burst. */
static int
median_round(const load_ctx *c, const load_check_result *r)
{
	int order[LOAD_MAX_ROUNDS];
	double score[LOAD_MAX_ROUNDS];

	for (int k = 0; k < c->rounds; k++) {
		load_measure m[LOAD_VARIANTS];
		load_score_result s;

		round_measures(r, k, m);
		s = load_score_compute(&m[LOAD_BASELINE], &m[LOAD_REFERENCE], &m[LOAD_ANSWER],
							   r->pass_score);
		score[k] = s.progress;
		order[k] = k;
		for (int j = k; j > 0 && score[order[j - 1]] > score[order[j]]; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	}
	return order[(c->rounds - 1) / 2];
}

/* Step 6: each variant's figures, the score and the message. */
static bool
conclude(load_ctx *c, load_check_result *r, error *err)
{
	const double run_s = (double) c->rounds * c->spec->duration_s;
	strbuf sb = STRBUF_INIT;
	char *why;

	for (int v = 0; v < LOAD_VARIANTS; v++) {
		load_variant *lv = &r->v[v];

		if (!load_summarise(&c->logs[v], c->spec->n_endpoints, run_s, &lv->summary, err))
			return false;
		lv->measure.p95_ms = stats_summarise(lv->round_p95_ms, (size_t) c->rounds).median;
		lv->measure.tps = lv->summary.overall.tps;
		lv->measure.completed = lv->summary.overall.completed;
		lv->measure.late = lv->summary.overall.late;
		/* a client that aborted on an error is a failure however many
		 * transactions the others completed */
		lv->measure.failed = lv->summary.overall.failed + (lv->errors ? 1 : 0);
		lv->dominant = load_dominant_endpoint(&c->logs[v], &lv->summary);
		lv->pool = pool_of(c, v);
		qsort(lv->waits, lv->n_waits, sizeof *lv->waits, by_count);
	}
	r->score_round = median_round(c, r);
	{
		load_measure m[LOAD_VARIANTS];

		round_measures(r, r->score_round, m);
		r->score = load_score_compute(&m[LOAD_BASELINE], &m[LOAD_REFERENCE], &m[LOAD_ANSWER],
									  r->pass_score);
		why = load_score_describe(&m[LOAD_BASELINE], &m[LOAD_REFERENCE], &m[LOAD_ANSWER],
								  &r->score, r->pass_score);
	}
	r->status = r->score.passed ? CHECK_PASS : CHECK_FAIL;
	r->measured = true;
	strbuf_printf(&sb, "%s: score %.1f (a pass needs %.0f). %s",
				  r->status == CHECK_PASS ? "Pass" : "Fail", r->score.score, r->pass_score,
				  why);
	if (r->v[LOAD_ANSWER].dominant >= 0)
		strbuf_printf(&sb, " Most of your slowest requests were %s.",
					  r->endpoint_names[r->v[LOAD_ANSWER].dominant]);
	if (r->v[LOAD_ANSWER].lock_samples * 10 > r->v[LOAD_ANSWER].wait_samples)
		strbuf_append(&sb, " Your requests spent over a tenth of their time waiting "
					  "for locks.");
	if (c->spec->connect_each && r->v[LOAD_ANSWER].summary.overall.mean_ms > 0)
		strbuf_printf(&sb, " Connection set-up took %.1f ms per request (%.0f%% of the "
					  "mean latency).", r->v[LOAD_ANSWER].connection_ms,
					  100 * fmin(1.0, r->v[LOAD_ANSWER].connection_ms /
								 r->v[LOAD_ANSWER].summary.overall.mean_ms));
	if (r->v[LOAD_ANSWER].errors)
		strbuf_printf(&sb, "\npgbench: %s", r->v[LOAD_ANSWER].errors);
	free(why);
	r->message = strbuf_steal(&sb);
	return true;
}

/* Steps 2 and 3: templates, clones, settings, setups. */
static bool
prepare_dbs(load_ctx *c, const progress *prog, error *err)
{
	const int seeds[2] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK};
	int built = 0;

	if (!template_ensure(c->s, c->f, seeds, 2, c->scale, prog, &built, err) ||
		scratch_reap(c->s, err) < 0)
		return false;
	pgbench_reap();
	pgbouncer_reap();
	for (int i = 0; i < N_DBS; i++) {
		c->db[i] = template_clone(c->s, c->f, i == DB_ANSWER_CHECK ? seeds[1] : seeds[0],
								  c->scale, prog, err);
		if (c->db[i] == NULL || !pin_settings(c, c->db[i], err))
			return false;
	}
	progress_say(prog, "applying the setup statements");
	if (!apply_setup(c, c->answers[LOAD_REFERENCE].setup, c->db[DB_REFERENCE], err)) {
		error_prefix(err, "drill %s: reference setup: ", c->d->id);
		err->kind = ERROR_USAGE;
		return false;
	}
	if (!apply_setup(c, c->answers[LOAD_ANSWER].setup, c->db[DB_ANSWER], err) ||
		!apply_setup(c, c->answers[LOAD_ANSWER].setup, c->db[DB_ANSWER_CHECK], err)) {
		error_prefix(err, "your setup statements: ");
		return false;
	}
	for (int i = 0; i < N_DBS; i++)
		if (!grant_writes(c, c->db[i], err))
			return false;
	return true;
}

static void
ctx_free(load_ctx *c)
{
	for (int i = 0; i < N_DBS; i++) {
		error ignored;

		if (c->db[i])
			scratch_drop(c->s, c->db[i], &ignored);
		free(c->db[i]);
	}
	for (int v = 0; v < LOAD_VARIANTS; v++) {
		load_answer_free(&c->answers[v]);
		load_log_free(&c->logs[v]);
	}
}

/* Steps 1 to 6; false with err for REJECTED / ERROR. */
static bool
run_steps(load_ctx *c, const char *answer, size_t len, const load_check_options *o,
		  load_check_result *r, error *err)
{
	char *mismatch = NULL;

	if (c->d->n_references == 0 ||
		!read_answer(c, c->d->references[0], strlen(c->d->references[0]),
					 &c->answers[LOAD_REFERENCE], err)) {
		if (c->d->n_references == 0)
			error_set(err, ERROR_USAGE, "no reference solution");
		error_prefix(err, "drill %s: reference: ", c->d->id);
		err->kind = ERROR_USAGE;
		return false;
	}
	if (!read_answer(c, answer, len, &c->answers[LOAD_ANSWER], err))
		return false;
	if (!prepare_dbs(c, o->prog, err))
		return false;
	progress_say(o->prog, "comparing rows of replaced statements on both seeds");
	if (!check_rows(c, &mismatch, r, err))
		return false;
	if (mismatch == NULL && c->spec->writes) {
		progress_say(o->prog, "comparing the state your writes leave on both seeds");
		if (!check_state(c, &mismatch, r, err))
			return false;
	}
	if (mismatch) {
		r->status = CHECK_FAIL;
		r->message = mismatch;
		return true;
	}
	for (int round = 0; round < c->rounds; round++) {
		progress_step(o->prog, round + 1, c->rounds, "load: round %d of %d", round + 1,
					  c->rounds);
		for (int k = 0; k < LOAD_VARIANTS; k++)
			if (!run_variant(c, (round + k) % LOAD_VARIANTS, round, r, err))
				return false;
	}
	return conclude(c, r, err);
}

void
load_check_run(server *s, const drill *d, const fixture *f, const load_spec *spec,
			   const char *answer, size_t len, const load_check_options *o,
			   load_check_result *r)
{
	load_ctx c = {0};
	double t0 = clock_now_s();
	error err = {0};

	memset(r, 0, sizeof *r);
	c.s = s;
	c.d = d;
	c.f = f;
	c.spec = spec;
	c.lim = (run_limits) {d->timeout_s, d->limits.max_rows, d->limits.max_bytes, s->admin};
	c.scale = fixture_scale(f, spec->scale);
	c.rounds = o->rounds > 0 && o->rounds <= LOAD_MAX_ROUNDS ? o->rounds : spec->rounds;
	for (int v = 0; v < LOAD_VARIANTS; v++)
		c.logs[v] = (load_log) LOAD_LOG_INIT;
	r->pass_score = d->pass_score;
	r->rounds = c.rounds;
	r->n_endpoints = spec->n_endpoints;
	for (size_t i = 0; i < spec->n_endpoints; i++)
		r->endpoint_names[i] = spec->endpoints[i].name;
	if (!run_steps(&c, answer, len, o, r, &err)) {
		r->err = err;
		r->status = err.kind == ERROR_REJECTED ? CHECK_REJECTED
			: err.kind == ERROR_FAILED ? CHECK_FAIL : CHECK_ERROR;
		free(r->message);
		r->message = xasprintf("%s%s%s", err.message, err.detail[0] ? "\n" : "", err.detail);
	}
	ctx_free(&c);
	r->wall_s = clock_now_s() - t0;
}
