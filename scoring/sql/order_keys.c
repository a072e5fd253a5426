/*
 * order_keys.c — which output columns a SELECT's top-level ORDER BY sorts on.
 *
 * Result comparison (scoring/grade/compare.c) checks order only on the ORDER
 * BY keys, so that rows tied on the keys may come in any order.  It needs the
 * keys as output column positions.  A key maps to a column when it is an
 * ordinal (ORDER BY 2), an output name or alias (ORDER BY total), a column
 * reference that is also an output column, or an expression written exactly
 * as an output expression (locations ignored).  A key that maps to no output
 * column (ORDER BY lower(name) with lower(name) not selected), or any key
 * behind a `*` in the select list, makes the answer "unknown": the caller
 * then compares the full row order strictly, which can only be stricter.
 * Called by the engine once per drill; pure.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf.h"

/* Deep equality of two parse-tree values, ignoring "location" fields. */
static bool
same_tree(const cJSON *a, const cJSON *b)
{
	const cJSON *x;

	if (a == NULL || b == NULL)
		return a == b;
	if ((a->type & 0xFF) != (b->type & 0xFF))
		return false;
	if (cJSON_IsObject(a)) {
		int na = 0, nb = 0;

		cJSON_ArrayForEach(x, a) {
			if (x->string && strcmp(x->string, "location") == 0)
				continue;
			na++;
			if (!same_tree(x, cJSON_GetObjectItemCaseSensitive(b, x->string)))
				return false;
		}
		cJSON_ArrayForEach(x, b)
			if (!(x->string && strcmp(x->string, "location") == 0))
				nb++;
		return na == nb;
	}
	if (cJSON_IsArray(a)) {
		const cJSON *y = b->child;

		cJSON_ArrayForEach(x, a) {
			if (y == NULL || !same_tree(x, y))
				return false;
			y = y->next;
		}
		return y == NULL;
	}
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsNumber(a))
		return a->valuedouble == b->valuedouble;
	return true;                /* true/false/null of the same type */
}

static bool
is_star(const cJSON *val)
{
	const cJSON *ref = sql_node_as(val, "ColumnRef");
	const cJSON *f;

	if (ref == NULL)
		return false;
	cJSON_ArrayForEach(f, sql_field(ref, "fields"))
		if (sql_node_as(f, "A_Star"))
			return true;
	return false;
}

/* The last name of a ColumnRef ("c" of t.c), NULL if it ends in *. */
static const char *
last_name(const cJSON *ref)
{
	const cJSON *fields = sql_field(ref, "fields");
	const cJSON *last = NULL, *f, *s;

	cJSON_ArrayForEach(f, fields)
		last = f;
	s = last ? sql_node_as(last, "String") : NULL;
	return s ? sql_field_str(s, "sval") : NULL;
}

/* Output column (0-based) of one ORDER BY key, or -1. */
static int
key_column(const cJSON *key, const cJSON *targets)
{
	const cJSON *t;
	const cJSON *c = sql_node_as(key, "A_Const");
	const cJSON *ref = sql_node_as(key, "ColumnRef");
	int i = 0;

	if (c && sql_field(c, "ival")) {
		long k = sql_field_int(sql_field(c, "ival"), "ival", 0);

		cJSON_ArrayForEach(t, targets) {
			const cJSON *rt = sql_node_as(t, "ResTarget");

			if (rt == NULL || is_star(sql_field(rt, "val")))
				return -1;
			if (++i == k)
				return i - 1;
		}
		return -1;
	}
	cJSON_ArrayForEach(t, targets) {
		const cJSON *rt = sql_node_as(t, "ResTarget");
		const cJSON *val = rt ? sql_field(rt, "val") : NULL;
		const char *alias = rt ? sql_field_str(rt, "name") : NULL;

		if (rt == NULL || is_star(val))
			return -1;
		if (ref && cJSON_GetArraySize(sql_field(ref, "fields")) == 1 && alias &&
			last_name(ref) && strcmp(alias, last_name(ref)) == 0)
			return i;
		if (!alias && ref && sql_node_as(val, "ColumnRef")) {
			const char *a = last_name(ref), *b = last_name(sql_node_as(val, "ColumnRef"));

			if (a && b && strcmp(a, b) == 0 &&
				(cJSON_GetArraySize(sql_field(ref, "fields")) == 1 || same_tree(key, val)))
				return i;
		}
		if (same_tree(key, val))
			return i;
		i++;
	}
	return -1;
}

int
sql_order_key_columns(const char *src, size_t len, int **cols)
{
	sql_tree t = {0};
	error ignored;
	const cJSON *body, *sort, *key, *targets;
	int n = 0, result = -1;

	*cols = NULL;
	if (!sql_tree_parse(&t, src, len, &ignored) || t.n == 0)
		goto done;
	body = sql_node_as(t.stmts[t.n - 1].node, "SelectStmt");
	if (body == NULL)
		goto done;
	sort = sql_field(body, "sortClause");
	if (!sql_field_nonempty(body, "sortClause")) {
		result = 0;
		goto done;
	}
	/* set operations take their output columns from the leftmost SELECT */
	targets = NULL;
	for (const cJSON *b = body; b; b = sql_field(b, "larg")) {
		const char *op = sql_field_str(b, "op");

		targets = sql_field(b, "targetList");
		if (op == NULL || strcmp(op, "SETOP_NONE") == 0)
			break;
	}
	if (targets == NULL)
		goto done;
	*cols = xcalloc((size_t) cJSON_GetArraySize(sort) + 1, sizeof(int));
	cJSON_ArrayForEach(key, sort) {
		const cJSON *sb = sql_node_as(key, "SortBy");
		int col = sb ? key_column(sql_field(sb, "node"), targets) : -1;

		if (col < 0) {
			free(*cols);
			*cols = NULL;
			goto done;
		}
		(*cols)[n++] = col;
	}
	result = n;
done:
	sql_tree_free(&t);
	return result;
}
