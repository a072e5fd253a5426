/*
 * order_check.h — the static half of "a drill's own rows must not depend on
 * the plan", a check of `author verify`.
 *
 * A LIMIT, OFFSET or DISTINCT ON after an ORDER BY that may tie returns
 * whichever tied rows the plan meets first: a correct answer with another
 * plan then "returns other rows" and fails.  The dynamic half
 * (determinism.h) sees it only when some other plan happens to upset the
 * ties; this half sees it in the SQL: lint's rule
 * limit-without-unique-order (scoring/sql/order_total.c), judged with the
 * unique NOT NULL keys of the database (pg/unique_keys.h).  Every SELECT of
 * slow.sql and of each reference is checked, subqueries, CTEs and
 * materialized views included.  A finding is a problem with psql's caret
 * at the LIMIT (or OFFSET, FETCH, DISTINCT), naming the keys that would
 * make the order total.  It never prints.  Called by determinism.c on its
 * clone of the seed-1 template, and by the load kind on a clone of its own
 * (slow.sql and the endpoints' statements, parameters at their lower
 * bounds: their rows are compared too).
 */
#ifndef PGDRILL_ORDER_CHECK_H
#define PGDRILL_ORDER_CHECK_H

#include <stdbool.h>

#include "catalog/drill.h"
#include "error.h"
#include "grading/verify_report.h"
#include "pg/server.h"
#include "sql/sql.h"

/* Check one script (`file` names it in the problem) against `cat`: adds a
 * problem to r per cut whose order may tie.  A script that does not parse
 * adds nothing (the static checks report it). */
void order_check_script(verify_report *r, const char *file, const char *text,
						const sql_key_catalog *cat);

/* Read the unique keys of database `db` (a clone of the drill's fixture) as
 * the admin, and check the n scripts texts[i] (labels[i] name them).
 * False with err (ERROR_ENV) when the catalog cannot be read. */
bool order_check_texts(server *s, const char *db, const char *const *labels,
					   const char *const *texts, size_t n, verify_report *r, error *err);

/* order_check_texts of slow.sql and every reference. */
bool order_check(server *s, const drill *d, const char *db, verify_report *r, error *err);

#endif
