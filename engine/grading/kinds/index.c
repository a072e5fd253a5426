/*
 * index.c — the "index" drill kind: an answer may create indexes and
 * extended statistics (and ANALYZE) before its SELECT; what they cost to
 * build is amortised into the score.
 * Everything but that policy and the scaffold is the SQL-answer machinery
 * (sql_answer.h).  Registered in kinds.c.
 */
#include "grading/kinds/sql_answer.h"

#include "sql/sql.h"

static bool
load(drill *d, error *err)
{
	return sql_answer_load(d, SQL_ALLOW_SELECT | SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_STATISTICS |
						   SQL_ALLOW_ANALYZE, err);
}

static void
scaffold(kind_scaffold *sc)
{
	sql_answer_scaffold(sc, SQL_ANSWER_PREP_NOTE);
}

const drill_kind_ops kind_index = {
	.name = "index",
	.scaffold_allow = "[\"select\", \"create_index\", \"create_statistics\", \"analyze\"]",
	.scaffold_task = "",
	.load = load,
	.scaffold = scaffold,
	SQL_ANSWER_OPS,
};
