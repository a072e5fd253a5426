/*
 * order_unique.c — the keys of an ORDER BY as written: column and table
 * (aliases resolved through FROM), for the messages of the rule
 * limit-without-unique-order.  Whether those keys make the order total is
 * order_total.c's question (functional dependencies over the unique keys
 * the caller knows).  Pure; called by lint_order.c.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf.h"

/* The relation a qualifier names in one FROM item (alias or table name),
 * looking into joins. */
static const char *
resolve_item(const cJSON *item, const char *qualifier)
{
	const cJSON *rv = sql_node_as(item, "RangeVar"), *j = sql_node_as(item, "JoinExpr");

	if (rv) {
		const char *alias = sql_field_str(sql_field(rv, "alias"), "aliasname");
		const char *rel = sql_field_str(rv, "relname");

		return strcmp(alias ? alias : rel, qualifier) == 0 ? rel : NULL;
	}
	if (j) {
		const char *r = resolve_item(sql_field(j, "larg"), qualifier);

		return r ? r : resolve_item(sql_field(j, "rarg"), qualifier);
	}
	return NULL;
}

static const char *
resolve(const cJSON *from, const char *qualifier)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, from) {
		const char *r = resolve_item(item, qualifier);

		if (r)
			return r;
	}
	return NULL;
}

const char *
sql_single_relation(const cJSON *select)
{
	const cJSON *from = sql_field(select, "fromClause");
	const cJSON *rv = cJSON_GetArraySize(from) == 1 ? sql_node_as(from->child, "RangeVar")
		: NULL;

	return rv ? sql_field_str(rv, "relname") : NULL;
}

int
sql_order_keys_of(const cJSON *select, sql_order_key **keys)
{
	const cJSON *sort = sql_field(select, "sortClause"), *item;
	const cJSON *from = sql_field(select, "fromClause");
	const char *single = sql_single_relation(select);
	int n = 0;

	*keys = xcalloc((size_t) cJSON_GetArraySize(sort) + 1, sizeof **keys);
	cJSON_ArrayForEach(item, sort) {
		const cJSON *node = sql_field(sql_node_as(item, "SortBy"), "node");
		const cJSON *ref = sql_node_as(node, "ColumnRef");
		sql_order_key *k = &(*keys)[n++];
		int nf = ref ? cJSON_GetArraySize(sql_field(ref, "fields")) : 0;
		const cJSON *last = nf > 0 ? cJSON_GetArrayItem(sql_field(ref, "fields"), nf - 1) : NULL;
		const char *col = sql_field_str(sql_node_as(last, "String"), "sval");
		const char *q = ref ? sql_column_qualifier(ref) : NULL;
		const char *rel = q ? resolve(from, q) : single;

		k->position = sql_node_location(sql_node_body(node)) + 1;
		k->column = col ? xstrdup(col) : NULL;
		k->relation = col && rel ? xstrdup(rel) : NULL;
	}
	return n;
}

int
sql_order_keys(const char *src, size_t len, sql_order_key **keys)
{
	sql_tree t = {0};
	error ignored;
	const cJSON *body;
	int n = -1;

	*keys = NULL;
	if (!sql_tree_parse(&t, src, len, &ignored))
		goto done;
	body = sql_node_as(t.stmts[t.n - 1].node, "SelectStmt");
	n = body ? sql_order_keys_of(body, keys) : 0;
done:
	sql_tree_free(&t);
	return n;
}

void
sql_order_keys_free(sql_order_key *keys, int n)
{
	for (int i = 0; keys && i < n; i++) {
		free(keys[i].relation);
		free(keys[i].column);
	}
	free(keys);
}
