/*
 * sql_answer.h — the kind operations shared by the kinds whose answer is
 * SQL graded against reference solutions (rewrite, index, cache): they
 * differ only in what statements an answer may use ("allow") and in their
 * scaffold, so each of rewrite.c, index.c and cache.c is a table of these
 * with its own policy.  The grading itself is check.c's.
 */
#ifndef PGDRILL_SQL_ANSWER_H
#define PGDRILL_SQL_ANSWER_H

#include "grading/kinds/kind.h"

/* The load step: at least one reference*.sql; "allow" defaults to
 * `default_allow` (SQL_ALLOW_*) when drill.json has none. */
bool sql_answer_load(drill *d, unsigned default_allow, error *err);

/* The other operations, as in kind.h. */
char *sql_answer_path(const char *drill_id, error *err);
kind_grader *sql_answer_prepare(kind_env *env, const drill *d, const fixture *f,
								const check_options *o, error *err);
void sql_answer_grade(kind_grader *g, const char *answer, size_t len, check_result *r);
void sql_answer_finish(kind_grader *g);
bool sql_answer_describe(const drill *d, const fixture *f, const slow_plan *sp, bool color,
						 const char *program, kind_description *out, error *err);
bool sql_answer_start(kind_env *env, const drill *d, const fixture *f, double scale,
					  bool color, kind_description *out, error *err);
void sql_answer_verify_static(verify_report *r, const drill *d);
bool sql_answer_verify_db(server *s, verify_report *r, const drill *d, const fixture *f,
						  const verify_options *o, plan **plan_seen, error *err);
double sql_answer_recorded_score(const check_result *r);

/* The operations every SQL-answer kind shares, to put in its
 * drill_kind_ops after its own name, load, scaffold and scaffold texts. */
#define SQL_ANSWER_OPS \
	.answer_ext = ".sql", \
	.answer_path = sql_answer_path, \
	.refuse = check_reject_early, \
	.prepare = sql_answer_prepare, \
	.grade = sql_answer_grade, \
	.finish = sql_answer_finish, \
	.describe = sql_answer_describe, \
	.start = sql_answer_start, \
	.verify_static = sql_answer_verify_static, \
	.verify_db = sql_answer_verify_db, \
	.recorded_score = sql_answer_recorded_score

/* The scaffold's note for kinds with preparatory statements. */
#define SQL_ANSWER_PREP_NOTE "  Preparatory statements\n-- (see \"allow\") come before the final SELECT."

/* The scaffold's reference.sql; `note` (may be "") follows its first
 * comment line. */
void sql_answer_scaffold(kind_scaffold *sc, const char *note);

#endif
