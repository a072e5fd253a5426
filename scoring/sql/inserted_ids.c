/*
 * inserted_ids.c — the literal ids a script inserts (sql_inserted_ids in
 * sql.h), for `author verify`'s rule on edge rows: an edge row must stay
 * past every seed's ids at every --scale, or a larger seed already holds
 * its id (a unique violation at scale 10 that scale 1 never shows).
 *
 * Three forms of INSERT are read from libpg_query's tree: VALUES rows of
 * `INSERT INTO t (id, ...)`, whose constant in the id position is taken;
 * `INSERT INTO t (id, ...) SELECT 3000000003, ... FROM ...`, whose constant
 * in the id position of the SELECT list is taken; and `INSERT INTO t ...
 * SELECT ... FROM (VALUES ...) AS v(..., id, ...)`, whose VALUES column
 * named id is taken (edge scripts write rows those ways when they take the
 * other columns from the seed).  A constant is an integer literal,
 * possibly cast; ids a query computes are not read.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The integer value of a constant (A_Const, maybe under a TypeCast),
 * read from the source text at its location: libpg_query's JSON leaves
 * out a zero and also a negative value ("ival": {}), and writes a value
 * past 2^31 as a float's text. */
static bool
const_value(const char *src, size_t len, const cJSON *node, long long *v, int *location)
{
	const cJSON *body;
	char *end;

	if ((body = sql_node_as(node, "TypeCast")) != NULL)
		return const_value(src, len, sql_field(body, "arg"), v, location);
	if ((body = sql_node_as(node, "A_Const")) == NULL ||
		(sql_field(body, "ival") == NULL && sql_field(body, "fval") == NULL))
		return false;
	*location = sql_field_int(body, "location", -1);
	if (*location < 0 || (size_t) *location >= len)
		return false;
	*v = strtoll(src + *location, &end, 10);
	return end > src + *location && (*end < '0' || *end > '9') && *end != '.' && *end != 'e' &&
		*end != 'E';
}

typedef struct found {
	const char *src;
	size_t len;
	sql_inserted_id *out;
	int max;
	int n;
	const char *table;
} found;

/* Record `node` when it is a constant id. */
static void
take_const(found *f, const cJSON *node)
{
	long long v;
	int location;

	if (!const_value(f->src, f->len, node, &v, &location))
		return;
	if (f->n < f->max) {
		sql_inserted_id *e = &f->out[f->n];

		strncpy(e->table, f->table, sizeof e->table - 1);
		e->table[sizeof e->table - 1] = '\0';
		e->id = v;
		e->position = location;
	}
	f->n++;
}

/* Take column `col` of every row of a SelectStmt body's VALUES lists. */
static void
take_values(found *f, const cJSON *select, int col)
{
	const cJSON *row;

	cJSON_ArrayForEach(row, sql_field(select, "valuesLists"))
		take_const(f, cJSON_GetArrayItem(sql_field(sql_node_as(row, "List"), "items"), col));
}

/* Take entry `col` of a SelectStmt's SELECT list. */
static void
take_target(found *f, const cJSON *select, int col)
{
	const cJSON *rt = sql_node_as(cJSON_GetArrayItem(sql_field(select, "targetList"), col),
								  "ResTarget");

	if (rt != NULL)
		take_const(f, sql_field(rt, "val"));
}

/* The index of the String named "id" in a list of String nodes (a VALUES
 * alias's colnames), or -1. */
static int
id_index(const cJSON *names)
{
	const cJSON *s;
	int i = 0;

	cJSON_ArrayForEach(s, names) {
		const cJSON *body = sql_node_as(s, "String");
		const char *name = body ? sql_field_str(body, "sval") : NULL;

		if (name && strcmp(name, "id") == 0)
			return i;
		i++;
	}
	return -1;
}

/* Every VALUES list in FROM below `node` whose alias names an id column. */
static void
take_values_in_from(found *f, const cJSON *node)
{
	const cJSON *child;
	const cJSON *sub = sql_node_as(node, "RangeSubselect");

	if (sub != NULL) {
		const cJSON *select = sql_node_as(sql_field(sub, "subquery"), "SelectStmt");
		const cJSON *alias = sql_field(sub, "alias");
		int col = alias ? id_index(sql_field(alias, "colnames")) : -1;

		if (select != NULL && col >= 0)
			take_values(f, select, col);
	}
	cJSON_ArrayForEach(child, node) {
		if (cJSON_IsObject(child) || cJSON_IsArray(child))
			take_values_in_from(f, child);
	}
}

int
sql_inserted_ids(const char *src, size_t len, sql_inserted_id *out, int max, error *err)
{
	sql_tree t;
	found f = {NULL, 0, out, max, 0, NULL};

	if (!sql_tree_parse(&t, src, len, err)) {
		sql_tree_free(&t);
		return -1;
	}
	f.src = t.src;
	f.len = t.len;
	for (size_t i = 0; i < t.n; i++) {
		const cJSON *ins = sql_node_as(t.stmts[i].node, "InsertStmt");
		const cJSON *select, *col;
		char *table;
		int k = 0, idcol = -1;

		if (ins == NULL)
			continue;
		cJSON_ArrayForEach(col, sql_field(ins, "cols")) {
			const cJSON *rt = sql_node_as(col, "ResTarget");
			const char *name = rt ? sql_field_str(rt, "name") : NULL;

			if (name && strcmp(name, "id") == 0)
				idcol = k;
			k++;
		}
		if (idcol < 0)
			continue;
		table = sql_relation_name(sql_field(ins, "relation"));
		f.table = table ? table : "?";
		select = sql_node_as(sql_field(ins, "selectStmt"), "SelectStmt");
		if (select != NULL && sql_field_nonempty(select, "valuesLists"))
			take_values(&f, select, idcol);
		else if (select != NULL) {
			take_target(&f, select, idcol);
			take_values_in_from(&f, sql_field(select, "fromClause"));
		}
		free(table);
	}
	/* locations are 0-based in the parsed text: make them 1-based bytes */
	for (int i = 0; i < f.n && i < max; i++)
		out[i].position = out[i].position >= 0 ? out[i].position + 1 : 0;
	sql_tree_free(&t);
	return f.n;
}
