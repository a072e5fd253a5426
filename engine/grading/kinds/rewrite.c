/*
 * rewrite.c — the "rewrite" drill kind: an answer is one SELECT that returns
 * the slow query's rows with less work.
 * Everything but that policy and the scaffold is the SQL-answer machinery
 * (sql_answer.h).  Registered in kinds.c.
 */
#include "grading/kinds/sql_answer.h"

#include "sql/sql.h"


static bool
load(drill *d, error *err)
{
	return sql_answer_load(d, SQL_ALLOW_SELECT, err);
}

static void
scaffold(kind_scaffold *sc)
{
	sql_answer_scaffold(sc, "");
}

const drill_kind_ops kind_rewrite = {
	.name = "rewrite",
	.scaffold_allow = "[\"select\"]",
	.scaffold_task = "",
	.load = load,
	.scaffold = scaffold,
	SQL_ANSWER_OPS,
};
