/*
 * lint_order.c — the rule limit-without-unique-order: a LIMIT, an OFFSET
 * or a DISTINCT ON whose rows depend on the plan, because there is no
 * ORDER BY or because its ORDER BY may tie.  Whether it may tie is
 * order_total.c's question, answered with the catalogue's unique keys when
 * the caller has them (check, author verify) and otherwise with the
 * convention that a table's `id` is its key.  The message names the keys
 * that would make the order total.  Quiet in EXISTS (rows do not matter)
 * and on a single row of aggregates.  Called by lint_select.c.
 */
#include <stdlib.h>
#include <string.h>

#include "lint_internal.h"
#include "strbuf.h"

/* Where the clause that cuts rows is: LIMIT / FETCH, else OFFSET, else
 * DISTINCT (ON); and its name for the message. */
static int
cut_location(const linter *l, const cJSON *select, const char **what)
{
	const cJSON *limit = sql_field(select, "limitCount");
	const cJSON *offset = sql_field(select, "limitOffset");
	const cJSON *targets = sql_field(select, "targetList");

	if (limit) {
		int loc = sql_node_location(sql_node_body(limit));
		int at = lint_keyword_before(l, loc, "limit");

		*what = "LIMIT";
		if (at == loc) {
			*what = "FETCH FIRST";
			at = lint_keyword_before(l, loc, "fetch");
		}
		return at;
	}
	if (offset) {
		*what = "OFFSET";
		return lint_keyword_before(l, sql_node_location(sql_node_body(offset)), "offset");
	}
	*what = "DISTINCT ON";
	return lint_keyword_before(l, targets ? sql_node_location(targets->child) : -1, "distinct");
}

/* Does the list "a, t.id, b" name an `id`: a key taken by convention? */
static bool
names_id(const char *list)
{
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		const char *dot = memchr(p, '.', n);
		const char *name = dot ? dot + 1 : p;

		if ((size_t) (p + n - name) == 2 && strncmp(name, "id", 2) == 0)
			return true;
		p += n;
		p += strspn(p, ", ");
	}
	return false;
}

void
lint_limit_order(linter *l, const cJSON *select, bool in_exists)
{
	const cJSON *dc = sql_field(select, "distinctClause");
	bool distinct_on = dc && dc->child && sql_node_type(dc->child) != NULL;
	const cJSON *limit = sql_field(select, "limitCount");
	const cJSON *k = sql_node_as(limit, "A_Const");
	const char *what;
	char *missing = NULL;
	sql_order_key *keys = NULL;
	int n, at;

	if (k && sql_field_bool(k, "isnull"))
		limit = NULL;             /* LIMIT ALL / LIMIT NULL cut nothing */
	if (in_exists || (!limit && !sql_field(select, "limitOffset") && !distinct_on) ||
		(!sql_field_nonempty(select, "fromClause") && sql_field(select, "larg") == NULL) ||
		sql_one_row_of_aggregates(select))
		return;
	at = cut_location(l, select, &what);
	if (!sql_field_nonempty(select, "sortClause")) {
		lint_report(l, "limit-without-unique-order", at,
					"%s without ORDER BY: which rows come back depends on the plan", what);
		return;
	}
	if (sql_order_total_in(select, &l->scope, &missing))
		return;
	n = sql_order_keys_of(select, &keys);
	{
		strbuf sb = STRBUF_INIT;

		strbuf_init(&sb);
		for (int i = 0; i < n; i++)
			strbuf_printf(&sb, "%s%s", i ? ", " : "", keys[i].column ? keys[i].column
						  : "an expression");
		if (missing && missing[0])
			lint_report(l, "limit-without-unique-order", at,
						"%s after ORDER BY %s, which may tie: rows tied at the cut come back in "
						"plan order; adding %s makes the order total%s", what, strbuf_str(&sb),
						missing, !l->scope.catalog && names_id(missing) ?
						" (if id is unique: no catalogue)" : "");
		else
			lint_report(l, "limit-without-unique-order", at,
						"%s after ORDER BY %s, which may tie: rows tied at the cut come back in "
						"plan order; no known unique key makes it total", what,
						strbuf_str(&sb));
		strbuf_free(&sb);
	}
	free(missing);
	sql_order_keys_free(keys, n);
}
