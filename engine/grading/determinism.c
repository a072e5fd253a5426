/*
 * determinism.c — a drill's slow.sql and references run under other plans
 * (see determinism.h for what and why).
 *
 * One session per script on one clone of the seed-1 template: its
 * preparatory statements (CREATE INDEX...) run once; the query runs with
 * the drill's settings, then inside a savepoint per variant (SET the
 * variant, run, ROLLBACK TO the savepoint: the setting and a cancelled
 * run's aborted state both go away).
 */
#include "grading/determinism.h"
#include "grading/order_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/clock.h"
#include "pg/db.h"
#include "sandbox/run.h"
#include "sandbox/scratch.h"
#include "sandbox/session.h"
#include "sandbox/template.h"
#include "sql/sql.h"
#include "strbuf.h"

/* The plan-shaping variants, one at a time.  The last makes a parallel
 * plan cheap (drills pin max_parallel_workers_per_gather to 0). */
static const char *const variants[] = {
	"enable_seqscan = off",
	"enable_indexscan = off",
	"enable_bitmapscan = off",
	"enable_hashjoin = off",
	"enable_mergejoin = off",
	"enable_nestloop = off",
	"enable_hashagg = off",
	"enable_sort = off",
	"max_parallel_workers_per_gather = 2; SET LOCAL parallel_setup_cost = 0; "
	"SET LOCAL parallel_tuple_cost = 0; SET LOCAL min_parallel_table_scan_size = 0; "
	"SET LOCAL min_parallel_index_scan_size = 0",
};

/* The first setting of a variant, for messages ("enable_hashjoin = off",
 * "parallel workers"). */
static const char *
variant_label(size_t i)
{
	return i + 1 == sizeof variants / sizeof variants[0] ? "a parallel plan" : variants[i];
}

/* Run the session's query under variant i; *v is its comparison with
 * `expected` (outcome COMPARE_SAME when equal).  *ran is false when the
 * variant failed to finish (skipped).  False only when the connection is
 * lost. */
static bool
run_variant(session *ss, size_t i, const run_limits *lim, const result_digest *expected,
			bool ordered, compare_verdict *v, bool *ran, error *err)
{
	result_digest *actual = NULL;
	error verr = {0};
	char *set = xasprintf("SAVEPOINT pgdrill_variant; SET LOCAL %s", variants[i]);

	*ran = false;
	if (!db_exec(ss->conn, set, ERROR_USAGE, &verr)) {
		free(set);
		*err = verr;
		return !db_is_lost(ss->conn);
	}
	free(set);
	if (run_digest(ss->conn, ss->query, lim, NULL, 0, ERROR_USAGE, &actual, &verr)) {
		*v = compare_digests(expected, actual, ordered);
		*ran = true;
	}
	result_digest_free(actual);
	if (db_is_lost(ss->conn))
		return error_set(err, ERROR_ENV, "connection lost running %s under %s", ss->label,
						 variant_label(i));
	return db_exec(ss->conn, "ROLLBACK TO SAVEPOINT pgdrill_variant", ERROR_ENV, err);
}

/* Check one script (`file`, its text, what it may use) on database db. */
static bool
check_script(server *s, const drill *d, const char *db, const char *file, const char *text,
			 unsigned allow, const progress *prog, verify_report *r, error *err)
{
	sql_script *sc = sql_analyze(text, strlen(text), allow, err);
	run_limits lim = {d->timeout_s, d->limits.max_rows, d->limits.max_bytes, s->admin};
	run_limits vlim;
	session ss = {0};
	result_digest *expected = NULL;
	int *keys = NULL;
	int nkeys = 0;
	bool ordered, ok = false;
	double t0;

	if (sc == NULL) {
		err->kind = ERROR_USAGE;
		return false;
	}
	ordered = sql_script_query(sc)->top_level_order_by;
	if (ordered) {
		const sql_statement *q = sql_script_query(sc);

		nkeys = sql_order_key_columns(q->text, strlen(q->text), &keys);
		if (nkeys < 0)
			nkeys = 0;
	}
	ss = (session) {.label = file, .script = sc, .query = sql_script_query(sc)->text,
		.kind = ERROR_USAGE};
	progress_say(prog, "%s: running %s under other plans", d->id, file);
	if (!session_open(s, db, session_role_for(allow), d, &lim, &ss, err))
		goto done;
	t0 = clock_now_s();
	if (!run_digest(ss.conn, ss.query, &lim, keys, nkeys, ERROR_USAGE, &expected, err))
		goto done;
	/* a variant gets a few times the plan's own time: a plan forced that
	 * far off proves nothing about rows, and verify must stay quick */
	vlim = lim;
	vlim.timeout_s = DETERMINISM_TIMEOUT_FACTOR * (clock_now_s() - t0);
	if (vlim.timeout_s < DETERMINISM_TIMEOUT_MIN_S)
		vlim.timeout_s = DETERMINISM_TIMEOUT_MIN_S;
	if (vlim.timeout_s > DETERMINISM_TIMEOUT_S)
		vlim.timeout_s = DETERMINISM_TIMEOUT_S;
	if (vlim.timeout_s > lim.timeout_s)
		vlim.timeout_s = lim.timeout_s;
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		compare_verdict v;
		bool ran;

		if (!run_variant(&ss, i, &vlim, expected, ordered, &v, &ran, err))
			goto done;
		if (ran && v.outcome != COMPARE_SAME) {
			char *what = compare_describe(&v);

			verify_problem(r,
				"%s returns other rows under %s (%s): its rows depend on the plan; "
				"order by a unique key before LIMIT/OFFSET/DISTINCT ON (a NOT IN over a "
				"nullable column, or a float sum, can also do this)", file,
				variant_label(i), what);
			free(what);
			break;              /* one line per script is enough */
		}
	}
	ok = true;
done:
	session_close(&ss);
	result_digest_free(expected);
	free(keys);
	sql_script_free(sc);
	return ok;
}

bool
determinism_check(server *s, const drill *d, const fixture *f, double scale,
				  const progress *prog, verify_report *r, error *err)
{
	char *db = template_clone(s, f, TEMPLATE_SEED_MAIN, scale, prog, err);
	bool ok;

	if (db == NULL)
		return false;
	/* the static half first: an ORDER BY that may tie is reported at its
	 * LIMIT, whatever the plans below happen to do */
	ok = order_check(s, d, db, r, err) &&
		check_script(s, d, db, "slow.sql", d->slow_sql, SQL_ALLOW_SELECT, prog, r, err);
	for (size_t i = 0; ok && i < d->n_references; i++) {
		/* a reference's index must not meet the previous one's: each script
		 * rolls back its own transaction before the next opens */
		ok = check_script(s, d, db, d->reference_files[i], d->references[i], d->allow, prog,
						  r, err);
	}
	{
		error ignored;

		scratch_drop(s, db, &ignored);
	}
	free(db);
	return ok;
}
