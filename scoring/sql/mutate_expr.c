/*
 * mutate_expr.c — the mutation operators that edit one expression:
 * relational operators, boundary constants (integers, dates, timestamps,
 * BETWEEN), IN / NOT IN against EXISTS / NOT EXISTS, aggregates (count,
 * min/max), functions and casts removed, timestamp against timestamptz
 * literals, integer against numeric division, and the join type of a
 * JoinExpr.  Each operator stays quiet where its mutant could only mean
 * the same thing (docs/authoring.md lists those cases).  Called by the
 * walk in mutate.c for every expression node.
 */
#include <stdlib.h>
#include <string.h>

#include "mutate_internal.h"
#include "strbuf.h"

/* --- small readers ----------------------------------------------------- */

static const char *
single_name(const cJSON *names)
{
	const cJSON *first = names ? names->child : NULL;

	if (first == NULL || first->next != NULL)
		return NULL;
	return sql_field_str(sql_node_as(first, "String"), "sval");
}

static const char *
last_name(const cJSON *names)
{
	const cJSON *item, *last = NULL;

	cJSON_ArrayForEach(item, names)
		last = item;
	return sql_field_str(sql_node_as(last, "String"), "sval");
}

/* The text of src[start, end) with trailing blanks cut (malloc'd). */
static char *
text_of(const mut_gen *g, size_t start, size_t end)
{
	while (end > start && (g->src[end - 1] == ' ' || g->src[end - 1] == '\n' ||
						   g->src[end - 1] == '\t' || g->src[end - 1] == '\r'))
		end--;
	return xstrndup(g->src + start, end - start);
}

/* The '(' right after a function name at `pos`; 0 when there is none. */
static size_t
open_paren_after(const mut_gen *g, size_t pos)
{
	sql_token name = mut_token(g, pos), p;

	if (name.start != pos)
		return 0;
	p = mut_token(g, name.end);
	return p.kind == SQL_TOKEN_PUNCT && g->src[p.start] == '(' ? p.start : 0;
}

/* --- operators --------------------------------------------------------- */

static void
relop(mut_gen *g, const cJSON *e)
{
	static const struct { const char *from, *to; } swaps[] = {
		{"<", "<="}, {"<=", "<"}, {">", ">="}, {">=", ">"}, {"=", "<>"}, {"<>", "="},
		{"!=", "="},
	};
	int loc = sql_field_int(e, "location", -1);
	sql_token t;

	if (loc < 0 || strcmp(sql_field_str(e, "kind") ? sql_field_str(e, "kind") : "",
						  "AEXPR_OP") != 0 || single_name(sql_field(e, "name")) == NULL)
		return;
	t = mut_token(g, (size_t) loc);
	if (t.start != (size_t) loc || t.kind != SQL_TOKEN_OP)
		return;
	for (size_t i = 0; i < sizeof swaps / sizeof swaps[0]; i++)
		if (t.end - t.start == strlen(swaps[i].from) &&
			strncmp(g->src + t.start, swaps[i].from, t.end - t.start) == 0)
			mut_add(g, MUT_RELOP, t.start, t.start, t.end, swaps[i].to, "%s becomes %s",
					swaps[i].from, swaps[i].to);
}

/* x BETWEEN a AND b  ->  x >= a AND x < b (the upper bound made exclusive). */
static void
between(mut_gen *g, const cJSON *e)
{
	const cJSON *items = sql_field(sql_node_as(sql_field(e, "rexpr"), "List"), "items");
	int loc = sql_field_int(e, "location", -1);
	int xs = mut_min_location(sql_field(e, "lexpr"));
	int as, bs;
	size_t and_at;
	char *x, *with;
	mut_candidate *c;

	if (loc < 0 || xs < 0 || cJSON_GetArraySize(items) != 2 ||
		!mut_word_at(g, (size_t) loc, "between"))
		return;
	as = mut_min_location(cJSON_GetArrayItem(items, 0));
	bs = mut_min_location(cJSON_GetArrayItem(items, 1));
	if (as < 0 || bs <= as || xs >= loc)
		return;
	and_at = mut_word_before(g, (size_t) as, (size_t) bs, "and");
	if (and_at == (size_t) -1 || !mut_balanced(g, (size_t) xs, (size_t) loc))
		return;
	x = text_of(g, (size_t) xs, (size_t) loc);
	with = xasprintf("AND %s <", x);
	c = mut_begin(g, MUT_BETWEEN, (size_t) loc, "BETWEEN becomes >= ... AND < (half-open)");
	mut_edit_add(c, (size_t) loc, (size_t) loc + 7, ">=");
	mut_edit_add(c, and_at, and_at + 3, with);
	free(with);
	free(x);
}

/* Integers +-1; date and timestamp literals by a day, a second, a microsecond. */
static void
boundary(mut_gen *g, const cJSON *k, unsigned flags)
{
	int loc = sql_field_int(k, "location", -1);
	sql_token t;

	if (loc < 0 || (flags & MUT_NO_CONST))
		return;
	t = mut_token(g, (size_t) loc);
	if (t.kind == SQL_TOKEN_WORD)     /* a typed literal: date '2024-03-15' */
		t = mut_token(g, t.end);
	if (sql_field(k, "ival") && t.kind == SQL_TOKEN_NUMBER && t.start == (size_t) loc) {
		char *end;
		long long v;
		size_t n = t.end - t.start;

		if (n > 17 || strspn(g->src + t.start, "0123456789") < n)
			return;
		v = strtoll(g->src + t.start, &end, 10);
		for (int d = -1; d <= 1; d += 2) {
			char *text = v + d < 0 ? xasprintf("(%lld)", v + d) : xasprintf("%lld", v + d);

			mut_add(g, MUT_BOUNDARY, t.start, t.start, t.end, text, "%lld becomes %lld", v,
					v + d);
			free(text);
		}
	} else if (sql_field(k, "sval") && t.kind == SQL_TOKEN_STRING && g->src[t.start] == '\'' &&
			   t.end - t.start >= 2) {
		char *out[6];
		const char *label[6];
		int n = mut_time_shifts(g->src + t.start + 1, t.end - t.start - 2,
								!(flags & MUT_DATE_ONLY), out, label);

		for (int i = 0; i < n; i++) {
			char *text = xasprintf("'%s'", out[i]);

			mut_add(g, MUT_BOUNDARY, t.start, t.start, t.end, text, "%.*s moved %s",
					(int) (t.end - t.start), g->src + t.start, label[i]);
			free(text);
			free(out[i]);
		}
	}
}

/* x [NOT] IN (subquery)  ->  [NOT] EXISTS (... WHERE v = x) */
static void
in_to_exists(mut_gen *g, const cJSON *s, unsigned flags)
{
	int loc = sql_field_int(s, "location", -1);
	int xs = mut_min_location(sql_field(s, "testexpr"));
	bool negated;
	sql_token in, open;
	size_t close;
	char *x, *sub, *text;

	if (loc < 0 || xs < 0 || xs >= loc || sql_node_as(sql_field(s, "testexpr"), "RowExpr") ||
		sql_field(s, "operName"))
		return;
	negated = mut_word_at(g, (size_t) loc, "not");
	in = negated ? mut_token(g, mut_token(g, (size_t) loc).end) : mut_token(g, (size_t) loc);
	if (!sql_token_is_word(g->src, &in, "in") || (!negated && (flags & MUT_IN_FILTER)))
		return;
	open = mut_token(g, in.end);
	if (open.kind != SQL_TOKEN_PUNCT || g->src[open.start] != '(' ||
		(close = mut_paren_end(g, open.start)) == 0 ||
		!mut_balanced(g, (size_t) xs, (size_t) loc))
		return;
	x = text_of(g, (size_t) xs, (size_t) loc);
	sub = text_of(g, open.end, close - 1);
	text = xasprintf("%sEXISTS (SELECT FROM (%s) AS pgdrill_m(pgdrill_v) WHERE pgdrill_v = %s)",
					 negated ? "NOT " : "", sub, x);
	mut_add(g, negated ? MUT_NOT_IN : MUT_IN_EXISTS, (size_t) loc, (size_t) xs, close, text,
			"%s becomes %s", negated ? "NOT IN" : "IN", negated ? "NOT EXISTS" : "EXISTS");
	free(text);
	free(sub);
	free(x);
}

/* Is the ColumnRef qualified by one of the FROM items of `select`? */
static bool
qualified_by_from(const cJSON *ref, const cJSON *node)
{
	const char *q = sql_column_qualifier(ref);
	const cJSON *rv = sql_node_as(node, "RangeVar");
	const cJSON *j = sql_node_as(node, "JoinExpr");

	if (q == NULL)
		return false;
	if (rv) {
		const char *alias = sql_field_str(sql_field(rv, "alias"), "aliasname");

		return strcmp(alias ? alias : sql_field_str(rv, "relname"), q) == 0;
	}
	if (j)
		return qualified_by_from(ref, sql_field(j, "larg")) ||
			qualified_by_from(ref, sql_field(j, "rarg"));
	if (cJSON_IsArray(node)) {
		const cJSON *item;

		cJSON_ArrayForEach(item, node)
			if (qualified_by_from(ref, item))
				return true;
	}
	return false;
}

/* The correlation inner = outer among the subquery's WHERE conjuncts. */
static const cJSON *
correlation(const cJSON *sel, const cJSON **inner, const cJSON **outer)
{
	const cJSON *w = sql_field(sel, "whereClause"), *b = sql_node_as(w, "BoolExpr");
	const cJSON *args = b && strcmp(sql_field_str(b, "boolop"), "AND_EXPR") == 0
		? sql_field(b, "args") : NULL;
	const cJSON *item = args ? args->child : w;

	for (; item; item = args ? item->next : NULL) {
		const cJSON *e = sql_node_as(item, "A_Expr");
		const cJSON *l = e ? sql_node_as(sql_field(e, "lexpr"), "ColumnRef") : NULL;
		const cJSON *r = e ? sql_node_as(sql_field(e, "rexpr"), "ColumnRef") : NULL;
		const cJSON *from = sql_field(sel, "fromClause");

		if (l && r && single_name(sql_field(e, "name")) &&
			strcmp(single_name(sql_field(e, "name")), "=") == 0 &&
			sql_column_qualifier(l) && sql_column_qualifier(r)) {
			bool li = qualified_by_from(l, from), ri = qualified_by_from(r, from);

			if (li != ri) {
				*inner = li ? l : r;
				*outer = li ? r : l;
				return e;
			}
		}
	}
	return NULL;
}

/* [NOT] EXISTS (SELECT .. FROM t WHERE t.k = o.k AND p)  ->
 * o.k [NOT] IN (SELECT t.k FROM t WHERE TRUE AND p)  (NOT binds looser). */
static void
exists_to_in(mut_gen *g, const cJSON *s, unsigned flags)
{
	const cJSON *sel = sql_node_as(sql_field(s, "subselect"), "SelectStmt");
	const cJSON *inner, *outer, *eq;
	int loc = sql_field_int(s, "location", -1), ts, fs, is, os;
	size_t from_at, ie, oe, cs, ce;
	char *it, *ot, *text;
	mut_candidate *c;
	bool negated = (flags & MUT_NEGATED) != 0;

	if (sel == NULL || loc < 0 || !mut_word_at(g, (size_t) loc, "exists") ||
		(!negated && (flags & MUT_IN_FILTER)) || sql_field_nonempty(sel, "distinctClause") ||
		(eq = correlation(sel, &inner, &outer)) == NULL)
		return;
	ts = mut_min_location(sql_field(sel, "targetList"));
	fs = mut_min_location(sql_field(sel, "fromClause"));
	is = sql_field_int(inner, "location", -1);
	os = sql_field_int(outer, "location", -1);
	if (ts < 0 || fs <= ts || is < 0 || os < 0)
		return;
	from_at = mut_word_before(g, (size_t) ts, (size_t) fs, "from");
	if (from_at == (size_t) -1)
		return;
	ie = mut_colref_end(g, (size_t) is);
	oe = mut_colref_end(g, (size_t) os);
	cs = (size_t) (is < os ? is : os);
	ce = is < os ? oe : ie;
	it = text_of(g, (size_t) is, ie);
	ot = text_of(g, (size_t) os, oe);
	text = xasprintf("%s IN", ot);
	c = mut_begin(g, negated ? MUT_NOT_IN : MUT_IN_EXISTS, (size_t) loc, "%s becomes %s",
				  negated ? "NOT EXISTS" : "EXISTS", negated ? "NOT IN" : "IN");
	mut_edit_add(c, (size_t) loc, (size_t) loc + 6, text);
	free(text);
	text = xasprintf("%s ", it);
	mut_edit_add(c, (size_t) ts, from_at, text);
	mut_edit_add(c, cs, ce, "TRUE");
	free(text);
	free(it);
	free(ot);
}

static void
sublink(mut_gen *g, const cJSON *s, unsigned flags)
{
	const char *type = sql_field_str(s, "subLinkType");

	if (type && strcmp(type, "ANY_SUBLINK") == 0)
		in_to_exists(g, s, flags);
	else if (type && strcmp(type, "EXISTS_SUBLINK") == 0)
		exists_to_in(g, s, flags);
}

/* count(col) <-> count(*) / count(DISTINCT col); min <-> max; lower/upper gone. */
static void
funccall(mut_gen *g, const cJSON *f)
{
	const char *name = single_name(sql_field(f, "funcname"));
	int loc = sql_field_int(f, "location", -1);
	const cJSON *args = sql_field(f, "args");
	size_t open, close;
	sql_token nt;

	if (name == NULL || loc < 0 || (open = open_paren_after(g, (size_t) loc)) == 0 ||
		(close = mut_paren_end(g, open)) == 0)
		return;
	nt = mut_token(g, (size_t) loc);
	if (strcmp(name, "count") == 0 && cJSON_GetArraySize(args) == 1 &&
		!sql_field(f, "agg_order")) {
		sql_token first = mut_token(g, open + 1);

		if (sql_field_bool(f, "agg_distinct")) {
			if (sql_token_is_word(g->src, &first, "distinct"))
				mut_add(g, MUT_COUNT, first.start, first.start, mut_token(g, first.end).start,
						"", "count(DISTINCT x) becomes count(x)");
		} else {
			mut_add(g, MUT_COUNT, (size_t) loc, open + 1, close - 1, "*",
					"count(x) becomes count(*)");
			mut_add(g, MUT_COUNT, (size_t) loc, first.start, first.start, "DISTINCT ",
					"count(x) becomes count(DISTINCT x)");
		}
	} else if ((strcmp(name, "min") == 0 || strcmp(name, "max") == 0) &&
			   sql_token_is_word(g->src, &nt, name)) {
		const char *to = name[1] == 'i' ? "max" : "min";

		mut_add(g, MUT_MIN_MAX, nt.start, nt.start, nt.end, to, "%s becomes %s", name, to);
	} else if ((strcmp(name, "lower") == 0 || strcmp(name, "upper") == 0) &&
			   cJSON_GetArraySize(args) == 1 && !sql_node_as(args->child, "A_Const") &&
			   sql_token_is_word(g->src, &nt, name)) {
		mut_add(g, MUT_DROP_FUNCTION, nt.start, nt.start, nt.end, "", "%s(x) becomes x", name);
	}
}

/* coalesce(a, b, ...)  ->  (a) */
static void
coalesce(mut_gen *g, const cJSON *c)
{
	int loc = sql_field_int(c, "location", -1);
	const cJSON *args = sql_field(c, "args");
	int second = cJSON_GetArraySize(args) >= 2 ? mut_min_location(cJSON_GetArrayItem(args, 1)) : -1;
	size_t open, close, comma;
	mut_candidate *m;

	if (loc < 0 || second < 0 || !mut_word_at(g, (size_t) loc, "coalesce") ||
		(open = open_paren_after(g, (size_t) loc)) == 0 || (close = mut_paren_end(g, open)) == 0)
		return;
	comma = (size_t) -1;
	for (sql_token t = mut_token(g, open + 1); t.kind != SQL_TOKEN_END && t.start < (size_t) second;
		 t = mut_token(g, t.end))
		if (t.kind == SQL_TOKEN_PUNCT && g->src[t.start] == ',' &&
			mut_balanced(g, open + 1, t.start))
			comma = t.start;
	if (comma == (size_t) -1)
		return;
	m = mut_begin(g, MUT_DROP_FUNCTION, (size_t) loc, "coalesce(x, ...) becomes x");
	mut_edit_add(m, (size_t) loc, (size_t) loc + 8, "");
	mut_edit_add(m, comma, close - 1, "");
}

/* x::type and CAST(x AS type) removed (not on constants: a literal takes
 * its type from the other side anyway); timestamp <-> timestamptz on
 * literals that name their zone. */
static void
typecast(mut_gen *g, const cJSON *tc)
{
	const cJSON *arg = sql_field(tc, "arg"), *tn = sql_field(tc, "typeName");
	const cJSON *k = sql_node_as(arg, "A_Const");
	const char *type = last_name(sql_field(tn, "names"));
	int loc = sql_field_int(tc, "location", -1), tloc = sql_field_int(tn, "location", -1);
	sql_token t;

	if (tloc < 0 || type == NULL)
		return;
	if (k && sql_field(k, "sval")) {
		int kl = sql_field_int(k, "location", -1);
		sql_token lit = kl >= 0 ? mut_token(g, (size_t) kl) : (sql_token) {0};

		if (lit.kind == SQL_TOKEN_WORD)
			lit = mut_token(g, lit.end);
		if ((strcmp(type, "timestamp") == 0 || strcmp(type, "timestamptz") == 0) &&
			lit.kind == SQL_TOKEN_STRING && g->src[lit.start] == '\'' &&
			mut_time_has_zone(g->src + lit.start + 1, lit.end - lit.start - 2)) {
			const char *to = strcmp(type, "timestamp") == 0 ? "timestamptz" : "timestamp";

			mut_add(g, MUT_TIMESTAMP_ZONE, (size_t) tloc, (size_t) tloc,
					mut_typename_end(g, (size_t) tloc), to, "%s literal becomes %s", type, to);
		}
		return;
	}
	if (k || loc < 0)
		return;
	t = mut_token(g, (size_t) loc);
	if (t.kind == SQL_TOKEN_OP && t.end - t.start == 2 && g->src[t.start] == ':') {
		mut_add(g, MUT_DROP_CAST, t.start, t.start, mut_typename_end(g, (size_t) tloc), "",
				"::%s removed", type);
	} else if (sql_token_is_word(g->src, &t, "cast")) {
		size_t open = open_paren_after(g, t.start), close, as_at;
		int as = mut_min_location(arg);
		mut_candidate *c;

		if (open == 0 || as < 0 || (close = mut_paren_end(g, open)) == 0 ||
			(as_at = mut_word_before(g, (size_t) as, close - 1, "as")) == (size_t) -1)
			return;
		c = mut_begin(g, MUT_DROP_CAST, t.start, "CAST(x AS %s) becomes x", type);
		mut_edit_add(c, t.start, t.end, "");
		mut_edit_add(c, as_at, close - 1, "");
	}
}

/* a / b on integers  ->  a / b::numeric */
static void
division(mut_gen *g, const cJSON *e)
{
	const cJSON *l = sql_field(e, "lexpr"), *r = sql_field(e, "rexpr");
	const cJSON *rk = sql_node_as(r, "A_Const"), *lk = sql_node_as(l, "A_Const");
	const cJSON *rc = sql_node_as(r, "ColumnRef");
	const char *name = single_name(sql_field(e, "name"));
	int rs = mut_min_location(r);
	size_t end;

	if (name == NULL || strcmp(name, "/") != 0 || rs < 0 || sql_node_as(l, "TypeCast") ||
		(lk && !sql_field(lk, "ival")) || !(rc || (rk && sql_field(rk, "ival"))))
		return;
	end = rc ? mut_colref_end(g, (size_t) rs) : mut_token(g, (size_t) rs).end;
	if (end <= (size_t) rs)
		return;
	mut_add(g, MUT_DIVISION, (size_t) sql_field_int(e, "location", rs), end, end, "::numeric",
			"integer division becomes numeric division");
}

void
mut_expression(mut_gen *g, const char *type, const cJSON *body, unsigned flags)
{
	if (strcmp(type, "A_Expr") == 0) {
		const char *kind = sql_field_str(body, "kind");

		relop(g, body);
		division(g, body);
		if (kind && strcmp(kind, "AEXPR_BETWEEN") == 0)
			between(g, body);
	} else if (strcmp(type, "A_Const") == 0)
		boundary(g, body, flags);
	else if (strcmp(type, "SubLink") == 0)
		sublink(g, body, flags);
	else if (strcmp(type, "FuncCall") == 0)
		funccall(g, body);
	else if (strcmp(type, "CoalesceExpr") == 0)
		coalesce(g, body);
	else if (strcmp(type, "TypeCast") == 0)
		typecast(g, body);
	else if (strcmp(type, "JoinExpr") == 0)
		mut_join(g, body);
}
