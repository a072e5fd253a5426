/*
 * mutants.c — the mutation step of author verify (see mutants.h).
 *
 * The mutants become tasks (one per distinct query to run); the slow query
 * is timed once on every dataset to set the mutant deadline; then
 * MUTANTS_WORKERS threads take tasks in turn, each with its own
 * connections — a session per dataset for plain SELECTs, kept open while
 * its transaction is healthy, and a fresh session for a mutant that brings
 * a materialized view (one such mutant at a time: they all create the same
 * view) — and its own admin connection for run.c's
 * pg_terminate_backend (a PGconn is never shared between threads).  The
 * verdicts are then read against the drill's declarations.
 */
#include "grading/mutants.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/clock.h"
#include "pg/db.h"
#include "pg/roles.h"
#include "sandbox/session.h"
#include "sql/mutate.h"
#include "sql/sql.h"
#include "strbuf.h"

#define MUTANTS_MAX_DATASETS 8

typedef struct task {
	char *id, *what, *caret;
	const char *op;
	char *key;                /* what makes two tasks the same run */
	char *query;              /* the SELECT to run */
	sql_script *script;       /* with a materialized view: run the whole script */
	mutant_fate fate;
	char *how;
} task;

typedef struct runner {
	server *s;
	check_context *ctx;
	const drill *d;
	const progress *prog;
	sql_script *plain;        /* slow.sql's script: opens the plain sessions */
	run_limits lim;           /* the mutant deadline; admin set per worker */
	size_t ndatasets;
	task *tasks;
	size_t n, next, done;
	pthread_mutex_t mu;
	/* held while a mutant that brings a materialized view runs: every such
	 * mutant creates the view under the same name in the same databases, and
	 * a second one would wait for the first's uncommitted catalog row, the
	 * wait counted against its deadline (a "timed out" that is only a queue) */
	pthread_mutex_t views;
	bool abort;
	error err;                /* the first environment failure */
} runner;

typedef struct worker {
	runner *rn;
	run_limits lim;
	session plain[MUTANTS_MAX_DATASETS];
} worker;

/* --- tasks ------------------------------------------------------------ */

static bool
has_matview(const sql_script *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		if (sc->stmts[i].kind == SQL_KIND_CREATE_MATVIEW)
			return true;
	return false;
}

static bool
known_key(const runner *rn, const char *key, char *const *originals, size_t n_orig)
{
	for (size_t i = 0; i < rn->n; i++)
		if (strcmp(rn->tasks[i].key, key) == 0)
			return true;
	for (size_t i = 0; i < n_orig; i++)
		if (originals[i] && strcmp(originals[i], key) == 0)
			return true;
	return false;
}

/* A boundary mutant that moves a literal the way an earlier task (of a
 * reference: they are added first) does asks the data the same question. */
static bool
same_question(const runner *rn, const sql_mutant *m)
{
	if (strcmp(m->op, "boundary") != 0)
		return false;
	for (size_t i = 0; i < rn->n; i++)
		if (rn->tasks[i].op == m->op && strcmp(rn->tasks[i].what, m->what) == 0)
			return true;
	return false;
}

/* The final SELECT of a file, as the check runs it (NULL if it does not
 * parse: the static checks have said so already). */
static char *
final_query(const char *text, unsigned allow)
{
	error ignored;
	sql_script *sc = sql_analyze(text, strlen(text), allow, &ignored);
	char *q = sc ? xstrdup(sql_script_query(sc)->text) : NULL;

	sql_script_free(sc);
	return q;
}

static void
add_tasks(runner *rn, const char *file, const char *text, unsigned allow,
		  char *const *originals, size_t n_orig)
{
	sql_mutants *ms = NULL;
	error err = {0};

	if (!sql_mutate(text, strlen(text), 0, &ms, &err))
		return;
	for (size_t i = 0; i < ms->n; i++) {
		const sql_mutant *m = &ms->items[i];
		sql_script *sc = sql_analyze(m->sql, strlen(m->sql), allow, &err);
		bool view;
		char *query, *key;
		task *t;

		if (sc == NULL) {
			error_clear(&err);
			continue;
		}
		view = has_matview(sc);
		query = xstrdup(sql_script_query(sc)->text);
		key = xstrdup(view ? m->sql : query);
		if (known_key(rn, key, originals, n_orig) || same_question(rn, m)) {
			free(query);
			free(key);
			sql_script_free(sc);
			continue;
		}
		rn->tasks = xrealloc(rn->tasks, (rn->n + 1) * sizeof *rn->tasks);
		t = &rn->tasks[rn->n++];
		memset(t, 0, sizeof *t);
		t->id = xasprintf("%s:%s", file, m->id);
		t->op = m->op;
		t->what = xstrdup(m->what);
		t->caret = sql_caret(text, strlen(text), m->position);
		t->key = key;
		t->query = query;
		t->script = view ? sc : NULL;
		if (!view)
			sql_script_free(sc);
	}
	sql_mutants_free(ms);
}

static void
task_release(task *t)
{
	free(t->id);
	free(t->what);
	free(t->caret);
	free(t->key);
	free(t->query);
	free(t->how);
	sql_script_free(t->script);
}

/* --- running ---------------------------------------------------------- */

static bool
is_timeout(const error *err)
{
	return err->kind == ERROR_FAILED && strstr(err->message, "exceeded the time limit");
}

/* Run t on dataset i; true when it is decided there (killed / timed out).
 * An environment failure sets *env. */
static bool
run_on(worker *w, task *t, size_t i, bool *env, error *err)
{
	runner *rn = w->rn;
	const char *db = check_context_dataset_db(rn->ctx, i);
	const char *label = check_context_dataset_label(rn->ctx, i);
	session own = {0}, *ss = &w->plain[i];
	result_digest *actual = NULL;
	bool decided = false;

	if (t->script) {
		own = (session) {.label = "mutant", .script = t->script, .query = t->query,
			.kind = ERROR_FAILED};
		ss = &own;
		if (!session_open(rn->s, db, session_role_for(rn->d->allow), rn->d, &w->lim, ss, err))
			goto failed;
	} else if (ss->conn == NULL) {
		*ss = (session) {.label = "mutant", .script = rn->plain,
			.query = sql_script_query(rn->plain)->text, .kind = ERROR_FAILED};
		if (!session_open(rn->s, db, ROLE_LEARNER, rn->d, &w->lim, ss, err)) {
			*env = true;
			goto done;
		}
	}
	if (!run_digest(ss->conn, t->query, &w->lim, NULL, 0, ERROR_FAILED, &actual, err))
		goto failed;
	{
		compare_verdict v = check_context_compare(rn->ctx, i, actual);

		if (v.outcome != COMPARE_SAME) {
			char *what = compare_describe(&v);

			t->fate = MUTANT_KILLED;
			t->how = xasprintf("on %s: %s", label, what);
			free(what);
			decided = true;
		}
	}
	goto done;
failed:
	if (err->kind != ERROR_FAILED) {
		*env = true;
	} else {
		t->fate = is_timeout(err) ? MUTANT_TIMED_OUT : MUTANT_KILLED;
		t->how = xasprintf("on %s: %s", label, err->message);
		decided = true;
	}
	session_close(ss);        /* its transaction is aborted: reopen next time */
done:
	session_close(&own);
	result_digest_free(actual);
	return decided;
}

static void *
work(void *arg)
{
	worker *w = arg;
	runner *rn = w->rn;

	for (;;) {
		task *t;
		bool env = false;
		error err = {0};

		pthread_mutex_lock(&rn->mu);
		t = rn->abort || rn->next == rn->n ? NULL : &rn->tasks[rn->next++];
		pthread_mutex_unlock(&rn->mu);
		if (t == NULL)
			break;
		t->fate = MUTANT_SURVIVED;
		if (t->script)
			pthread_mutex_lock(&rn->views);
		/* the last dataset first: edge data, built to kill, comes last */
		for (size_t k = rn->ndatasets; k-- > 0 && !env;) {
			error_clear(&err);
			if (run_on(w, t, k, &env, &err))
				break;
		}
		if (t->script)
			pthread_mutex_unlock(&rn->views);
		pthread_mutex_lock(&rn->mu);
		if (env && !rn->abort) {
			rn->abort = true;
			rn->err = err;
		}
		rn->done++;
		progress_step(rn->prog, (int) rn->done, (int) rn->n, "%s: mutants: %zu of %zu run",
					  rn->d->id, rn->done, rn->n);
		pthread_mutex_unlock(&rn->mu);
	}
	for (size_t i = 0; i < rn->ndatasets; i++)
		session_close(&w->plain[i]);
	return NULL;
}

/* The mutant deadline from the slow query's time on every dataset. */
static bool
time_slow(runner *rn, double *timeout, error *err)
{
	double slowest = 0;
	run_limits lim = *check_context_limits(rn->ctx);

	for (size_t i = 0; i < rn->ndatasets; i++) {
		session ss = {.label = "slow query", .script = rn->plain,
			.query = sql_script_query(rn->plain)->text, .kind = ERROR_USAGE};
		result_digest *dg = NULL;
		double t0;
		bool ok;

		ok = session_open(rn->s, check_context_dataset_db(rn->ctx, i), ROLE_LEARNER, rn->d,
						  &lim, &ss, err);
		t0 = clock_now_s();
		ok = ok && run_digest(ss.conn, ss.query, &lim, NULL, 0, ERROR_USAGE, &dg, err);
		if (clock_now_s() - t0 > slowest)
			slowest = clock_now_s() - t0;
		result_digest_free(dg);
		session_close(&ss);
		if (!ok)
			return false;
	}
	*timeout = slowest * MUTANTS_TIMEOUT_FACTOR;
	if (*timeout < MUTANTS_MIN_TIMEOUT_S)
		*timeout = MUTANTS_MIN_TIMEOUT_S;
	if (*timeout > rn->d->timeout_s)
		*timeout = rn->d->timeout_s;
	return true;
}

static bool
run_all(runner *rn, error *err)
{
	worker w[MUTANTS_WORKERS];
	pthread_t th[MUTANTS_WORKERS];
	int started = 0;

	memset(w, 0, sizeof w);
	pthread_mutex_init(&rn->mu, NULL);
	pthread_mutex_init(&rn->views, NULL);
	for (int k = 0; k < MUTANTS_WORKERS; k++) {
		w[k].rn = rn;
		w[k].lim = rn->lim;
		w[k].lim.admin = server_connect(rn->s, check_context_dataset_db(rn->ctx, 0), NULL, err);
		if (w[k].lim.admin == NULL)
			break;
		if (pthread_create(&th[k], NULL, work, &w[k]) != 0) {
			error_set(err, ERROR_ENV, "cannot start a thread to run mutants");
			db_close(w[k].lim.admin);
			break;
		}
		started++;
	}
	for (int k = 0; k < started; k++) {
		pthread_join(th[k], NULL);
		db_close(w[k].lim.admin);
	}
	pthread_mutex_destroy(&rn->mu);
	pthread_mutex_destroy(&rn->views);
	if (started < MUTANTS_WORKERS) {
		rn->abort = true;
		return false;
	}
	if (rn->abort) {
		*err = rn->err;
		return false;
	}
	return true;
}

/* --- verdicts ---------------------------------------------------------- */

static const drill_equivalent *
declared(const drill *d, const char *id)
{
	for (size_t i = 0; i < d->mutation.n_equivalent; i++)
		if (strcmp(d->mutation.equivalent[i].id, id) == 0)
			return &d->mutation.equivalent[i];
	return NULL;
}

static void
judge(runner *rn, mutants_line_fn line, void *owner, mutation_report *r)
{
	const drill *d = rn->d;
	bool pending = d->mutation.pending != NULL;

	r->items = xcalloc(rn->n + 1, sizeof *r->items);
	for (size_t i = 0; i < rn->n; i++) {
		task *t = &rn->tasks[i];
		mutant_result *m = &r->items[r->n++];
		const drill_equivalent *eq = declared(d, t->id);

		if (t->fate == MUTANT_TIMED_OUT && d->mutation.timeout_kills)
			t->fate = MUTANT_KILLED;
		if (eq && t->fate != MUTANT_KILLED) {
			t->fate = MUTANT_EQUIVALENT;
			free(t->how);
			t->how = xstrdup(eq->reason);
		} else if (eq)
			line(owner, false, xasprintf("mutation.equivalent declares %s, but the data kills "
										 "it (%s): remove the declaration", t->id, t->how));
		r->killed += t->fate == MUTANT_KILLED;
		r->equivalent += t->fate == MUTANT_EQUIVALENT;
		r->survived += t->fate == MUTANT_SURVIVED || t->fate == MUTANT_TIMED_OUT;
		m->id = t->id;
		m->op = t->op;
		m->what = t->what;
		m->caret = t->caret;
		m->fate = t->fate;
		m->how = t->how;
		t->id = t->what = t->caret = t->how = NULL;
	}
	r->total = r->n;
	for (size_t i = 0; i < d->mutation.n_equivalent; i++) {
		bool found = false;

		for (size_t k = 0; k < r->n && !found; k++)
			found = strcmp(r->items[k].id, d->mutation.equivalent[i].id) == 0;
		if (!found)
			line(owner, true, xasprintf("mutation.equivalent names %s, which is no mutant of "
										"this drill (verify prints the ids of survivors)",
										d->mutation.equivalent[i].id));
	}
	if (r->survived > 0)
		line(owner, !pending,
			 xasprintf("%zu mutant%s of %zu survive%s: the data cannot tell %s from the query "
					   "(listed with the mutation score); add rows that do, or declare %s in mutation.equivalent "
					   "with a reason%s%s%s", r->survived, r->survived == 1 ? "" : "s", r->total,
					   r->survived == 1 ? "s" : "", r->survived == 1 ? "it" : "them",
					   r->survived == 1 ? "it" : "them", pending ? " (pending: " : "",
					   pending ? d->mutation.pending : "", pending ? ")" : ""));
}

bool
mutants_verify(server *s, check_context *ctx, const drill *d, const progress *prog,
			   mutants_line_fn line, void *owner, mutation_report *r, error *err)
{
	runner rn;
	double t0 = clock_now_s();
	char **originals = xcalloc(d->n_references + 2, sizeof(char *));
	bool ok = false;

	memset(r, 0, sizeof *r);
	memset(&rn, 0, sizeof rn);
	rn.s = s;
	rn.ctx = ctx;
	rn.d = d;
	rn.prog = prog;
	rn.ndatasets = check_context_datasets(ctx);
	if (rn.ndatasets > MUTANTS_MAX_DATASETS)
		rn.ndatasets = MUTANTS_MAX_DATASETS;
	rn.plain = sql_analyze(d->slow_sql, strlen(d->slow_sql), SQL_ALLOW_SELECT, err);
	if (rn.plain == NULL) {
		error_clear(err);       /* the static checks reported it */
		ok = true;
		goto done;
	}
	/* a mutant equal to slow.sql or to a reference is no mutant */
	originals[0] = final_query(d->slow_sql, SQL_ALLOW_SELECT);
	for (size_t i = 0; i < d->n_references; i++)
		originals[i + 1] = final_query(d->references[i], d->allow);
	/* the references first: fast, and slow.sql's boundary mutants that ask
	 * the same question as theirs are then not run */
	for (size_t i = 0; i < d->n_references; i++)
		add_tasks(&rn, d->reference_files[i], d->references[i], d->allow, originals,
				  d->n_references + 1);
	add_tasks(&rn, "slow.sql", d->slow_sql, SQL_ALLOW_SELECT, originals, d->n_references + 1);
	progress_say(prog, "%s: %zu mutants of slow.sql and the reference%s", d->id, rn.n,
				 d->n_references == 1 ? "" : "s");
	if (!time_slow(&rn, &r->timeout_s, err))
		goto done;
	rn.lim = *check_context_limits(ctx);
	rn.lim.timeout_s = r->timeout_s;
	if (!run_all(&rn, err))
		goto done;
	judge(&rn, line, owner, r);
	r->ran = true;
	ok = true;
done:
	for (size_t i = 0; i < rn.n; i++)
		task_release(&rn.tasks[i]);
	free(rn.tasks);
	for (size_t i = 0; i < d->n_references + 1; i++)
		free(originals[i]);
	free(originals);
	sql_script_free(rn.plain);
	r->seconds = clock_now_s() - t0;
	return ok;
}

double
mutation_score(const mutation_report *r)
{
	return r->total ? 100.0 * (double) (r->killed + r->equivalent) / (double) r->total : 100.0;
}

void
mutation_report_release(mutation_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->items[i].id);
		free(r->items[i].what);
		free(r->items[i].caret);
		free(r->items[i].how);
	}
	free(r->items);
	memset(r, 0, sizeof *r);
}
