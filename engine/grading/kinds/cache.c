/*
 * cache.c — the "cache" drill kind: an answer may create a materialized view
 * before its SELECT; what it costs to build is amortised into the score.
 * Everything but that policy and the scaffold is the SQL-answer machinery
 * (sql_answer.h).  Registered in kinds.c.
 */
#include "grading/kinds/sql_answer.h"

#include "sql/sql.h"

static bool
load(drill *d, error *err)
{
	return sql_answer_load(d, SQL_ALLOW_SELECT | SQL_ALLOW_CREATE_MATVIEW, err);
}

static void
scaffold(kind_scaffold *sc)
{
	sql_answer_scaffold(sc, SQL_ANSWER_PREP_NOTE);
}

const drill_kind_ops kind_cache = {
	.name = "cache",
	.scaffold_allow = "[\"select\", \"create_matview\"]",
	.scaffold_task = "",
	.load = load,
	.scaffold = scaffold,
	SQL_ANSWER_OPS,
};
