/*
 * slow_plan.c — EXPLAIN ANALYZE of a drill's slow query (see slow_plan.h).
 */
#include "sandbox/slow_plan.h"

#include <stdlib.h>
#include <string.h>

#include "pg/db.h"
#include "pg/roles.h"
#include "sandbox/run.h"
#include "sandbox/scratch.h"
#include "sandbox/session.h"
#include "sql/sql.h"
#include "sandbox/template.h"

/* Tables of the fixture with estimated rows, size, columns and indexes.
 * A partitioned table is listed once, as the learner queries it: its size
 * is its partitions', its indexes are the partitioned ones (without the ONLY
 * that pg_get_indexdef writes for them: the statement made one index per
 * partition), and two more columns give its partition key and its
 * partitions with their bounds; the partitions are not listed on their own
 * (twelve monthly tables would bury the three that a drill is about). */
static const char *const tables_sql =
	"SELECT c.relname, c.reltuples::bigint, "
	"pg_size_pretty(CASE c.relkind WHEN 'p' THEN (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0) "
	"  FROM pg_partition_tree(c.oid) t WHERE t.isleaf) ELSE pg_total_relation_size(c.oid) END), "
	"(SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' "
	"  ORDER BY a.attnum) FROM pg_attribute a "
	"  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), "
	"(SELECT string_agg(replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON '), E'\\n' "
	"  ORDER BY i.indexrelid::regclass::text) "
	"  FROM pg_index i WHERE i.indrelid = c.oid), "
	"CASE c.relkind WHEN 'p' THEN pg_get_partkeydef(c.oid) END, "
	"(SELECT string_agg(p.relname || ' ' || pg_get_expr(p.relpartbound, p.oid), E'\\n' ORDER BY p.relname) "
	"  FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhrelid WHERE h.inhparent = c.oid AND c.relkind = 'p') "
	"FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') "
	"AND NOT c.relispartition "
	"ORDER BY c.relname";

bool
slow_plan_explain(server *s, const drill *d, const char *db, unsigned flags,
				  slow_plan *out, error *err)
{
	run_limits lim = {d->timeout_s, RUN_DEFAULT_MAX_ROWS, RUN_DEFAULT_MAX_BYTES, s->admin};
	sql_script *slow;
	session ss = {0};
	bool ok = false;

	memset(out, 0, sizeof *out);
	slow = sql_analyze(d->slow_sql, strlen(d->slow_sql), SQL_ALLOW_SELECT, err);
	if (slow == NULL) {
		error_prefix(err, "drill %s: slow.sql: ", d->id);
		err->kind = ERROR_USAGE;
		return false;
	}
	ss = (session) {.label = "slow query", .script = slow,
					.query = sql_script_query(slow)->text, .kind = ERROR_USAGE};
	if (!session_open(s, db, ROLE_LEARNER, d, &lim, &ss, err))
		goto done;
	if ((flags & SLOW_PLAN_TABLES) &&
		(out->tables = db_query(ss.conn, tables_sql, 0, NULL, ERROR_ENV, err)) == NULL)
		goto done;
	out->json = run_explain(ss.conn, ss.query, (flags & SLOW_PLAN_TIMING) != 0, &lim,
							ERROR_USAGE, err);
	if (out->json == NULL) {
		if (err->kind == ERROR_USAGE)
			error_prefix(err, "drill %s: slow.sql: ", d->id);
		goto done;
	}
	out->plan = plan_parse(out->json, strlen(out->json), err);
	if (out->plan == NULL) {
		err->kind = ERROR_INTERNAL;
		goto done;
	}
	ok = true;
done:
	session_close(&ss);
	sql_script_free(slow);
	if (!ok)
		slow_plan_release(out);
	return ok;
}

bool
slow_plan_on_clone(server *s, const drill *d, const fixture *f, double scale,
				   const progress *prog, unsigned flags, slow_plan *out, error *err)
{
	char *db;
	bool ok;
	error ignored;

	memset(out, 0, sizeof *out);
	if (scratch_reap(s, err) < 0)
		return false;
	db = template_clone(s, f, TEMPLATE_SEED_MAIN, scale, prog, err);
	if (db == NULL)
		return false;
	progress_say(prog, "running EXPLAIN ANALYZE of the slow query");
	ok = slow_plan_explain(s, d, db, flags, out, err);
	scratch_drop(s, db, &ignored);
	free(db);
	return ok;
}

void
slow_plan_release(slow_plan *sp)
{
	free(sp->json);
	plan_free(sp->plan);
	PQclear(sp->tables);
	memset(sp, 0, sizeof *sp);
}
