/*
 * mutate_query.c — the mutation operators that edit a query block or a
 * join: DISTINCT added or removed, count(*) made count(col) on a column an
 * outer join can make NULL, one conjunct of WHERE / HAVING / ON dropped,
 * one ORDER BY key dropped or reversed (direction, and NULLS where the
 * query states it), one GROUP BY key dropped, UNION <-> UNION ALL, and the
 * join type.  Lists (conjuncts, keys) are cut at the separators the
 * scanner finds between the locations the parse tree gives; a cut that
 * would break a parenthesis is not made.  Called by the walk in mutate.c.
 */
#include <stdlib.h>
#include <string.h>

#include "mutate_internal.h"
#include "strbuf.h"

#define MUT_MAX_LIST 64             /* conjuncts or keys looked at per list */
#define MUT_MAX_OUTER_COLUMNS 3     /* count(*) -> count(col) candidates */

static bool
is_punct(const mut_gen *g, const sql_token *t, char c)
{
	return t->kind == SQL_TOKEN_PUNCT && g->src[t->start] == c;
}

static bool
is_op_named(const cJSON *e, const char *op)
{
	const cJSON *names = sql_field(e, "name");
	const char *n = names && names->child && !names->child->next
		? sql_field_str(sql_node_as(names->child, "String"), "sval") : NULL;

	return n && strcmp(n, op) == 0;
}

/* a.x = b.y between two different relations: a join condition.  Dropping it
 * makes a cross product, which no data is needed to catch and which may
 * run for minutes. */
static bool
is_join_equality(const cJSON *node)
{
	const cJSON *e = sql_node_as(node, "A_Expr");
	const cJSON *l = e ? sql_node_as(sql_field(e, "lexpr"), "ColumnRef") : NULL;
	const cJSON *r = e ? sql_node_as(sql_field(e, "rexpr"), "ColumnRef") : NULL;
	const char *ql, *qr;

	if (!l || !r || !is_op_named(e, "="))
		return false;
	ql = sql_column_qualifier(l);
	qr = sql_column_qualifier(r);
	return !ql || !qr || strcmp(ql, qr) != 0;
}

/* The last ',' at depth 0 in [lo, hi); (size_t) -1 if none. */
static size_t
last_comma(const mut_gen *g, size_t lo, size_t hi)
{
	size_t found = (size_t) -1;
	int depth = 0;

	for (sql_token t = mut_token(g, lo); t.kind != SQL_TOKEN_END && t.start < hi;
		 t = mut_token(g, t.end)) {
		if (is_punct(g, &t, '(') || is_punct(g, &t, '['))
			depth++;
		else if (is_punct(g, &t, ')') || is_punct(g, &t, ']'))
			depth -= depth > 0;
		else if (depth == 0 && is_punct(g, &t, ','))
			found = t.start;
	}
	return found;
}

/* A comma-separated list (ORDER BY / GROUP BY keys): item starts, and each
 * item's end (the next comma, or the end of the clause). */
typedef struct item_spans {
	size_t start[MUT_MAX_LIST], end[MUT_MAX_LIST], sep[MUT_MAX_LIST];
	int n;
} item_spans;

static bool
list_spans(const mut_gen *g, const cJSON *list, const char *field, item_spans *sp)
{
	const cJSON *item;

	sp->n = 0;
	cJSON_ArrayForEach(item, list) {
		const cJSON *body = field ? sql_field(sql_node_body(item), field) : item;
		int loc = mut_min_location(body);

		if (loc < 0 || sp->n == MUT_MAX_LIST)
			return false;
		sp->start[sp->n] = mut_open_start(g, (size_t) loc);
		if (sp->n > 0) {
			sp->sep[sp->n] = last_comma(g, sp->start[sp->n - 1], sp->start[sp->n]);
			if (sp->sep[sp->n] == (size_t) -1)
				return false;
			sp->end[sp->n - 1] = sp->sep[sp->n];
		}
		sp->n++;
	}
	if (sp->n == 0)
		return false;
	sp->end[sp->n - 1] = mut_clause_end(g, sp->start[sp->n - 1], true);
	return true;
}

/* Drop item i of a list; with one item, the whole clause from the keyword
 * two tokens before it (ORDER BY, GROUP BY). */
static void
drop_item(mut_gen *g, int op, const item_spans *sp, int i, const char *what)
{
	size_t s, e;

	if (sp->n == 1) {
		sql_token by = mut_prev_token(g, sp->start[0]), kw = mut_prev_token(g, by.start);

		if (!sql_token_is_word(g->src, &by, "by") || kw.kind != SQL_TOKEN_WORD)
			return;
		s = kw.start;
		e = sp->end[0];
	} else if (i == 0) {
		s = sp->start[0];
		e = sp->start[1];
	} else {
		s = sp->sep[i];
		e = sp->end[i];
	}
	if (mut_balanced(g, s, e))
		mut_add(g, op, sp->start[i], s, e, "", "%s %d of %d dropped", what, i + 1, sp->n);
}

/* One conjunct of WHERE / HAVING / ON dropped (a lone one becomes TRUE). */
static void
conjuncts(mut_gen *g, const cJSON *clause, bool on, const char *where)
{
	const cJSON *b = sql_node_as(clause, "BoolExpr");
	const cJSON *args = b && strcmp(sql_field_str(b, "boolop"), "AND_EXPR") == 0
		? sql_field(b, "args") : NULL;
	size_t start[MUT_MAX_LIST], sep[MUT_MAX_LIST], end_last;
	int n = 0, loc;
	const cJSON *item;

	if (clause == NULL)
		return;
	if (args == NULL) {
		size_t s, e;

		if (is_join_equality(clause) || (loc = mut_min_location(clause)) < 0)
			return;
		s = mut_open_start(g, (size_t) loc);
		e = mut_clause_end(g, s, on);
		if (e > s && mut_balanced(g, s, e))
			mut_add(g, MUT_DROP_CONJUNCT, s, s, e, "TRUE", "the %s condition dropped", where);
		return;
	}
	cJSON_ArrayForEach(item, args) {
		if (n == MUT_MAX_LIST || (loc = mut_min_location(item)) < 0)
			return;
		start[n] = mut_open_start(g, (size_t) loc);
		if (n > 0 && (sep[n] = mut_word_before(g, start[n - 1], start[n], "and")) == (size_t) -1)
			return;
		n++;
	}
	end_last = mut_clause_end(g, start[n - 1], on);
	n = 0;
	cJSON_ArrayForEach(item, args) {
		int count = cJSON_GetArraySize(args);
		size_t s = n == 0 ? start[0] : sep[n];
		size_t e = n == 0 ? start[1] : (n + 1 < count ? sep[n + 1] : end_last);

		if (!is_join_equality(item) && e > s && mut_balanced(g, s, e))
			mut_add(g, MUT_DROP_CONJUNCT, start[n], s, e, "", "%s conjunct %d of %d dropped",
					where, n + 1, count);
		n++;
	}
}

/* The last word kw at depth 0 in [s, e); (size_t) -1 when none. */
static size_t
word_in(const mut_gen *g, size_t s, size_t e, const char *kw)
{
	size_t at = mut_word_before(g, s, e, kw);

	return at != (size_t) -1 && at >= s ? at : (size_t) -1;
}

static void
order_keys(mut_gen *g, const cJSON *sort)
{
	item_spans sp;
	const cJSON *item;
	int i = 0;

	if (!list_spans(g, sort, "node", &sp))
		return;
	cJSON_ArrayForEach(item, sort) {
		const cJSON *sb = sql_node_as(item, "SortBy");
		const char *dir = sql_field_str(sb, "sortby_dir");
		const char *nulls = sql_field_str(sb, "sortby_nulls");
		bool desc = dir && strcmp(dir, "SORTBY_DESC") == 0;
		size_t s = sp.start[i], e = mut_clause_end(g, s, true), at;

		if (e > sp.end[i])
			e = sp.end[i];
		/* not the only key: without ORDER BY the order comes from the plan,
		 * which no data can be relied on to upset */
		if (sp.n > 1)
			drop_item(g, MUT_ORDER_KEY, &sp, i, "ORDER BY key");
		if (dir && strcmp(dir, "SORTBY_USING") == 0) {
			i++;
			continue;
		}
		at = word_in(g, s, e, desc ? "desc" : "asc");
		if (at != (size_t) -1)
			mut_add(g, MUT_ORDER_DIRECTION, at, at, at + (desc ? 4 : 3), desc ? "ASC" : "DESC",
					"%s becomes %s", desc ? "DESC" : "ASC", desc ? "ASC" : "DESC");
		else {
			size_t nl = word_in(g, s, e, "nulls");
			size_t ins = nl != (size_t) -1 ? nl : e;

			mut_add(g, MUT_ORDER_DIRECTION, s, ins, ins, nl != (size_t) -1 ? "DESC " : " DESC",
					"ascending key made DESC");
		}
		/* NULLS only where the query states it: on a NOT NULL key the
		 * mutant would mean the same */
		if (nulls && strcmp(nulls, "SORTBY_NULLS_DEFAULT") != 0) {
			bool first = strcmp(nulls, "SORTBY_NULLS_FIRST") == 0;

			at = word_in(g, s, e, first ? "first" : "last");
			if (at != (size_t) -1)
				mut_add(g, MUT_ORDER_NULLS, at, at, at + (first ? 5 : 4), first ? "LAST" : "FIRST",
						"NULLS %s becomes NULLS %s", first ? "FIRST" : "LAST",
						first ? "LAST" : "FIRST");
		}
		i++;
	}
}

/* Is this GROUP BY key also a plain column of the select list?  Then
 * dropping it is an error or, through a primary key, the same query. */
static bool
key_is_output(const cJSON *key, const cJSON *targets)
{
	const cJSON *ref = sql_node_as(key, "ColumnRef"), *t;
	char a[256], b[256];

	if (sql_node_as(key, "A_Const"))
		return true;        /* an ordinal names an output column */
	if (ref == NULL)
		return false;
	sql_column_name(ref, a, sizeof a);
	cJSON_ArrayForEach(t, targets) {
		const cJSON *v = sql_node_as(sql_field(sql_node_as(t, "ResTarget"), "val"), "ColumnRef");

		if (v) {
			sql_column_name(v, b, sizeof b);
			if (strcmp(a, b) == 0)
				return true;
		}
	}
	return false;
}

static void
group_keys(mut_gen *g, const cJSON *select)
{
	const cJSON *group = sql_field(select, "groupClause"), *item;
	item_spans sp;
	int i = 0;

	if (!list_spans(g, group, NULL, &sp))
		return;
	cJSON_ArrayForEach(item, group) {
		if (!key_is_output(item, sql_field(select, "targetList")) &&
			!sql_node_as(item, "GroupingSet"))
			drop_item(g, MUT_GROUP_KEY, &sp, i, "GROUP BY key");
		i++;
	}
}

static bool
is_aggregate_target(const cJSON *t)
{
	static const char *const aggs[] = {"count", "sum", "min", "max", "avg", "bool_and",
									   "bool_or", "every", "string_agg", "array_agg"};
	const cJSON *f = sql_node_as(sql_field(sql_node_as(t, "ResTarget"), "val"), "FuncCall");
	const char *name = f ? sql_func_name(f) : NULL;

	if (name == NULL || sql_field(f, "over"))
		return false;
	for (size_t i = 0; i < sizeof aggs / sizeof aggs[0]; i++)
		if (strcmp(name, aggs[i]) == 0)
			return true;
	return false;
}

/* One table in FROM and its `id` in the select list: the rows are
 * distinct already (a key by convention; docs/authoring.md). */
static bool
selects_single_table_id(const cJSON *select)
{
	const cJSON *from = sql_field(select, "fromClause"), *t;

	if (cJSON_GetArraySize(from) != 1 || !sql_node_as(from->child, "RangeVar"))
		return false;
	cJSON_ArrayForEach(t, sql_field(select, "targetList")) {
		const cJSON *ref = sql_node_as(sql_field(sql_node_as(t, "ResTarget"), "val"), "ColumnRef");
		const cJSON *fields = ref ? sql_field(ref, "fields") : NULL, *f, *last = NULL;

		cJSON_ArrayForEach(f, fields)
			last = f;
		if (last && sql_node_as(last, "String") &&
			strcmp(sql_field_str(sql_node_as(last, "String"), "sval"), "id") == 0)
			return true;
	}
	return false;
}

/* DISTINCT added (not where it cannot change rows: a UNION arm, the query
 * of EXISTS / IN, a single row of aggregates, groups on output columns, a
 * single table's id selected) or removed. */
static void
distinct(mut_gen *g, const cJSON *select, unsigned flags)
{
	const cJSON *targets = sql_field(select, "targetList"), *dc = sql_field(select, "distinctClause");
	int tl = mut_min_location(targets);
	sql_token prev;

	if (tl < 0)
		return;
	prev = mut_prev_token(g, (size_t) tl);
	if (flags & MUT_IN_SUBLINK)
		return;                 /* IN and EXISTS ignore duplicates */
	if (dc && cJSON_GetArraySize(dc) == 1 && !cJSON_IsObject(dc->child->child) &&
		sql_token_is_word(g->src, &prev, "distinct")) {
		mut_add(g, MUT_DISTINCT, prev.start, prev.start, (size_t) tl, "", "DISTINCT removed");
	} else if (!dc && sql_token_is_word(g->src, &prev, "select") && !(flags & MUT_SET_ARM)) {
		const cJSON *t, *key;
		bool grouped = sql_field_nonempty(select, "groupClause");
		bool all_aggregates = !grouped, keys_out = grouped;

		cJSON_ArrayForEach(t, targets)
			all_aggregates = all_aggregates && is_aggregate_target(t);
		/* grouped on output columns only: the rows are distinct already */
		cJSON_ArrayForEach(key, sql_field(select, "groupClause"))
			keys_out = keys_out && key_is_output(key, targets);
		if (!all_aggregates && !keys_out && !selects_single_table_id(select))
			mut_add(g, MUT_DISTINCT, (size_t) tl, (size_t) tl, (size_t) tl, "DISTINCT ",
					"DISTINCT added");
	}
}

static void
set_operation(mut_gen *g, const cJSON *select)
{
	const char *op = sql_field_str(select, "op");
	int ls = mut_min_location(sql_field(select, "larg"));
	int rs = mut_min_location(sql_field(select, "rarg"));
	size_t u;
	sql_token ut, next;

	if (!op || strcmp(op, "SETOP_UNION") != 0 || ls < 0 || rs <= ls ||
		(u = mut_word_before(g, (size_t) ls, (size_t) rs, "union")) == (size_t) -1)
		return;
	ut = mut_token(g, u);
	next = mut_token(g, ut.end);
	if (sql_field_bool(select, "all")) {
		if (sql_token_is_word(g->src, &next, "all"))
			mut_add(g, MUT_UNION, u, ut.end, next.end, "", "UNION ALL becomes UNION");
	} else if (sql_token_is_word(g->src, &next, "distinct"))
		mut_add(g, MUT_UNION, u, next.start, next.end, "ALL", "UNION becomes UNION ALL");
	else
		mut_add(g, MUT_UNION, u, ut.end, ut.end, " ALL", "UNION becomes UNION ALL");
}

/* --- count(*) -> count(col) ------------------------------------------- */

typedef struct outer_columns {
	size_t start[MUT_MAX_OUTER_COLUMNS], end[MUT_MAX_OUTER_COLUMNS];
	int n;
} outer_columns;

static void
gather_columns(const mut_gen *g, const cJSON *node, outer_columns *oc)
{
	const cJSON *ref = sql_node_as(node, "ColumnRef"), *c;

	if (sql_node_as(node, "SubLink") || sql_node_as(node, "SelectStmt"))
		return;
	if (ref) {
		int loc = sql_field_int(ref, "location", -1);
		size_t e;

		if (loc < 0 || oc->n == MUT_MAX_OUTER_COLUMNS)
			return;
		e = mut_colref_end(g, (size_t) loc);
		for (int i = 0; i < oc->n; i++)
			if (oc->end[i] - oc->start[i] == e - (size_t) loc &&
				strncmp(g->src + oc->start[i], g->src + loc, e - (size_t) loc) == 0)
				return;
		oc->start[oc->n] = (size_t) loc;
		oc->end[oc->n++] = e;
		return;
	}
	for (c = node ? node->child : NULL; c; c = c->next)
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			gather_columns(g, c, oc);
}

/* Columns of the conditions of outer joins in a FROM item (or list). */
static void
outer_join_columns(const mut_gen *g, const cJSON *from, outer_columns *oc)
{
	const cJSON *j = sql_node_as(from, "JoinExpr"), *item;
	const char *type = j ? sql_field_str(j, "jointype") : NULL;

	if (cJSON_IsArray(from)) {
		cJSON_ArrayForEach(item, from)
			outer_join_columns(g, item, oc);
		return;
	}
	if (j == NULL)
		return;
	if (type && strcmp(type, "JOIN_INNER") != 0)
		gather_columns(g, sql_field(j, "quals"), oc);
	outer_join_columns(g, sql_field(j, "larg"), oc);
	outer_join_columns(g, sql_field(j, "rarg"), oc);
}

static void
count_star(mut_gen *g, const cJSON *node, const outer_columns *oc)
{
	const cJSON *f = sql_node_as(node, "FuncCall"), *c;

	if (sql_node_as(node, "SubLink") || sql_node_as(node, "SelectStmt"))
		return;
	if (f && sql_field_bool(f, "agg_star") && sql_func_name(f) &&
		strcmp(sql_func_name(f), "count") == 0) {
		int loc = sql_field_int(f, "location", -1);
		sql_token name = loc >= 0 ? mut_token(g, (size_t) loc) : (sql_token) {0};
		sql_token open = mut_token(g, name.end), star = mut_token(g, open.end);

		if (loc >= 0 && is_punct(g, &open, '(') && star.kind == SQL_TOKEN_OP &&
			star.end - star.start == 1 && g->src[star.start] == '*')
			for (int i = 0; i < oc->n; i++) {
				char *col = xstrndup(g->src + oc->start[i], oc->end[i] - oc->start[i]);

				mut_add(g, MUT_COUNT, (size_t) loc, star.start, star.end, col,
						"count(*) becomes count(%s)", col);
				free(col);
			}
	}
	for (c = node ? node->child : NULL; c; c = c->next)
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			count_star(g, c, oc);
}

/* --- entry points ------------------------------------------------------ */

void
mut_query(mut_gen *g, const cJSON *select, unsigned flags)
{
	outer_columns oc = {0};

	distinct(g, select, flags);
	set_operation(g, select);
	conjuncts(g, sql_field(select, "whereClause"), false, "WHERE");
	conjuncts(g, sql_field(select, "havingClause"), false, "HAVING");
	group_keys(g, select);
	/* ORDER BY changes rows only at the top or under LIMIT / OFFSET */
	if ((flags & MUT_TOP) || sql_field(select, "limitCount") || sql_field(select, "limitOffset"))
		order_keys(g, sql_field(select, "sortClause"));
	outer_join_columns(g, sql_field(select, "fromClause"), &oc);
	if (oc.n > 0) {
		count_star(g, sql_field(select, "targetList"), &oc);
		count_star(g, sql_field(select, "havingClause"), &oc);
	}
}

/* The join keywords ([NATURAL] [INNER | LEFT [OUTER] | ...] JOIN) last
 * before `hi`: their span in *s, *e. */
static bool
join_keywords(const mut_gen *g, size_t lo, size_t hi, size_t *s, size_t *e)
{
	static const char *const prefix[] = {"natural", "inner", "left", "right", "full",
										 "outer", "cross"};
	size_t run = (size_t) -1;
	int depth = 0;
	bool found = false;

	for (sql_token t = mut_token(g, lo); t.kind != SQL_TOKEN_END && t.start < hi;
		 t = mut_token(g, t.end)) {
		bool in_prefix = false;

		if (is_punct(g, &t, '('))
			depth++;
		else if (is_punct(g, &t, ')'))
			depth -= depth > 0;
		if (depth == 0)
			for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
				in_prefix = in_prefix || sql_token_is_word(g->src, &t, prefix[i]);
		if (in_prefix) {
			if (run == (size_t) -1)
				run = t.start;
			continue;
		}
		if (depth == 0 && sql_token_is_word(g->src, &t, "join")) {
			*s = run != (size_t) -1 ? run : t.start;
			*e = t.end;
			found = true;
		}
		run = (size_t) -1;
	}
	return found;
}

void
mut_join(mut_gen *g, const cJSON *j)
{
	const char *type = sql_field_str(j, "jointype");
	bool natural = sql_field_bool(j, "isNatural");
	bool conditioned = natural || sql_field(j, "quals") || sql_field(j, "usingClause");
	int ls = mut_min_location(sql_field(j, "larg")), rs = mut_min_location(sql_field(j, "rarg"));
	const char *to[2] = {NULL, NULL};
	size_t s, e;

	conjuncts(g, sql_field(j, "quals"), true, "ON");
	if (type == NULL || ls < 0 || rs <= ls || !conditioned ||
		!join_keywords(g, (size_t) ls, (size_t) rs, &s, &e))
		return;
	if (strcmp(type, "JOIN_INNER") == 0)
		to[0] = "LEFT JOIN";
	else if (strcmp(type, "JOIN_LEFT") == 0) {
		to[0] = "JOIN";
		to[1] = "RIGHT JOIN";
	} else if (strcmp(type, "JOIN_RIGHT") == 0)
		to[0] = "LEFT JOIN";
	for (int i = 0; i < 2 && to[i]; i++) {
		char *text = xasprintf("%s%s", natural ? "NATURAL " : "", to[i]);

		mut_add(g, MUT_JOIN_TYPE, s, s, e, text, "%s becomes %s",
				strcmp(type, "JOIN_INNER") == 0 ? "JOIN" :
				strcmp(type, "JOIN_LEFT") == 0 ? "LEFT JOIN" : "RIGHT JOIN", to[i]);
		free(text);
	}
}
