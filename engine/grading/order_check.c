/*
 * order_check.c — the static determinism check of author verify (see
 * order_check.h): the catalog's keys in, lint's finding out as a verify
 * problem with a caret.
 */
#include "grading/order_check.h"

#include <stdlib.h>
#include <string.h>

#include "pg/db.h"
#include "pg/unique_keys.h"
#include "sql/lint.h"
#include "strbuf.h"

#define ORDER_CHECK_RULE "limit-without-unique-order"

void
order_check_script(verify_report *r, const char *file, const char *text,
				   const sql_key_catalog *cat)
{
	lint_findings *f = NULL;
	error ignored = {0};

	if (!sql_lint_keys(text, strlen(text), cat, &f, &ignored))
		return;
	for (size_t i = 0; i < f->n; i++) {
		const lint_finding *x = &f->items[i];

		if (strcmp(x->id, ORDER_CHECK_RULE) != 0)
			continue;
		verify_problem_caret(r, sql_caret(text, strlen(text), x->position),
							 "%s line %d: %s: its rows depend on the plan, so a correct "
							 "answer can fail [%s]", file, x->line, x->message,
							 ORDER_CHECK_RULE);
	}
	lint_findings_free(f);
}

bool
order_check_texts(server *s, const char *db, const char *const *labels,
				  const char *const *texts, size_t n, verify_report *r, error *err)
{
	PGconn *conn = server_connect(s, db, NULL, err);
	pg_unique_keys keys = {0};
	sql_key_catalog cat;
	bool ok = false;

	if (conn == NULL)
		return false;
	if (!pg_unique_keys_read(conn, &keys, err))
		goto done;
	cat = pg_unique_keys_catalog(&keys);
	for (size_t i = 0; i < n; i++)
		order_check_script(r, labels[i], texts[i], &cat);
	ok = true;
done:
	pg_unique_keys_release(&keys);
	db_close(conn);
	return ok;
}

bool
order_check(server *s, const drill *d, const char *db, verify_report *r, error *err)
{
	const char **labels = xcalloc(d->n_references + 1, sizeof(char *));
	const char **texts = xcalloc(d->n_references + 1, sizeof(char *));
	bool ok;

	labels[0] = "slow.sql";
	texts[0] = d->slow_sql;
	for (size_t i = 0; i < d->n_references; i++) {
		labels[i + 1] = d->reference_files[i];
		texts[i + 1] = d->references[i];
	}
	ok = order_check_texts(s, db, labels, texts, d->n_references + 1, r, err);
	free(labels);
	free(texts);
	return ok;
}
