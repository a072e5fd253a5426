/*
 * lint_order.c — the rule limit-without-unique-order: a LIMIT, an OFFSET
 * or a DISTINCT ON whose rows depend on the plan, because there is no
 * ORDER BY or because its ORDER BY may tie.  Without the catalogue a tie
 * is ruled out only when the keys cover a GROUP BY (groups are unique on
 * their keys) or, in a one-table query, include its `id` (a key by
 * convention); author verify checks against the real unique indexes with
 * the same helper (sql_order_is_total).  Quiet in EXISTS (rows do not
 * matter) and on a single row of aggregates.  Called by lint_select.c.
 */
#include <stdlib.h>
#include <string.h>

#include "lint_internal.h"
#include "strbuf.h"

static bool
one_row_of_aggregates(const cJSON *select)
{
	const cJSON *t;

	if (sql_field_nonempty(select, "groupClause") || !sql_field_nonempty(select, "targetList"))
		return false;
	cJSON_ArrayForEach(t, sql_field(select, "targetList")) {
		const cJSON *f = sql_node_as(sql_field(sql_node_as(t, "ResTarget"), "val"), "FuncCall");

		if (f == NULL || !(sql_field_bool(f, "agg_star") || sql_field(f, "args")) ||
			sql_field(f, "over"))
			return false;
		if (!sql_func_name(f) || (strcmp(sql_func_name(f), "count") != 0 &&
								  strcmp(sql_func_name(f), "sum") != 0 &&
								  strcmp(sql_func_name(f), "min") != 0 &&
								  strcmp(sql_func_name(f), "max") != 0 &&
								  strcmp(sql_func_name(f), "avg") != 0))
			return false;
	}
	return true;
}

/* Are the ORDER BY keys a superset of the GROUP BY's (plain columns)? */
static bool
covers_group(const cJSON *select, const sql_order_key *keys, int n)
{
	const cJSON *g;
	bool any = false;

	cJSON_ArrayForEach(g, sql_field(select, "groupClause")) {
		const cJSON *ref = sql_node_as(g, "ColumnRef");
		int nf = ref ? cJSON_GetArraySize(sql_field(ref, "fields")) : 0;
		const cJSON *last = nf ? cJSON_GetArrayItem(sql_field(ref, "fields"), nf - 1) : NULL;
		const char *col = sql_field_str(sql_node_as(last, "String"), "sval");
		bool found = false;

		if (col == NULL)
			return false;
		for (int i = 0; i < n && !found; i++)
			found = keys[i].column && strcmp(keys[i].column, col) == 0;
		if (!found)
			return false;
		any = true;
	}
	return any;
}

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

void
lint_limit_order(linter *l, const cJSON *select, bool in_exists)
{
	const cJSON *dc = sql_field(select, "distinctClause");
	bool distinct_on = dc && dc->child && sql_node_type(dc->child) != NULL;
	const cJSON *limit = sql_field(select, "limitCount");
	const cJSON *k = sql_node_as(limit, "A_Const");
	const char *single = sql_single_relation(select), *what;
	const char *const id[] = {"id"};
	sql_unique_key conv = {single, id, 1};
	sql_order_key *keys = NULL;
	int n, at;

	if (k && sql_field_bool(k, "isnull"))
		limit = NULL;             /* LIMIT ALL / LIMIT NULL cut nothing */
	if (in_exists || (!limit && !sql_field(select, "limitOffset") && !distinct_on) ||
		!sql_field_nonempty(select, "fromClause") || one_row_of_aggregates(select))
		return;
	at = cut_location(l, select, &what);
	if (!sql_field_nonempty(select, "sortClause")) {
		lint_report(l, "limit-without-unique-order", at,
					"%s without ORDER BY: which rows come back depends on the plan", what);
		return;
	}
	n = sql_order_keys_of(select, &keys);
	if (!(single && sql_order_is_total(keys, (size_t) n, &conv, 1)) &&
		!(!distinct_on && covers_group(select, keys, n))) {
		strbuf sb = STRBUF_INIT;

		strbuf_init(&sb);
		for (int i = 0; i < n; i++)
			strbuf_printf(&sb, "%s%s", i ? ", " : "", keys[i].column ? keys[i].column
						  : "an expression");
		lint_report(l, "limit-without-unique-order", at,
					"%s after ORDER BY %s, which may tie: rows tied at the cut come back in "
					"plan order", what, strbuf_str(&sb));
		strbuf_free(&sb);
	}
	sql_order_keys_free(keys, n);
}
