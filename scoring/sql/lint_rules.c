/*
 * lint_rules.c — the lint rule catalogue (id, severity, what it flags, the
 * advice) and recording a finding of a rule: its position, line and column,
 * and the keyword search the rules use to point at the right token.
 *
 * Split from lint.c so that dependencies run one way: lint.c walks the tree
 * and calls the rule files lint_select.c and lint_expr.c; they report
 * through this file and never call back into lint.c.  A new rule is a row
 * here plus its detector (docs/architecture.md).  Declarations:
 * lint_internal.h (and lint.h for lint_rules, lint_severity_name).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "lint_internal.h"
#include "strbuf.h"
#include "textpos.h"

static const lint_rule_info rules[] = {
	{"non-sargable-function", LINT_WARNING,
	 "a function applied to a column in WHERE or JOIN ... ON",
	 "Compare the bare column (move the function to the other side), or index the expression."},
	{"non-sargable-cast", LINT_WARNING,
	 "a cast applied to a column in WHERE or JOIN ... ON",
	 "Cast the other side to the column's type instead, so an index on the column can be used."},
	{"leading-wildcard-like", LINT_WARNING,
	 "LIKE / ILIKE with a pattern that starts with % or _",
	 "A B-tree index cannot serve a leading wildcard: anchor the pattern, or use a trigram (pg_trgm) index."},
	{"not-in-subquery", LINT_WARNING,
	 "NOT IN (subquery)",
	 "Use NOT EXISTS: NOT IN returns no rows when the subquery yields a NULL, and plans worse."},
	{"offset-pagination", LINT_WARNING,
	 "OFFSET to page through results",
	 "Paginate by key instead: WHERE key > last_seen ORDER BY key LIMIT n."},
	{"select-star", LINT_INFO,
	 "SELECT * (or t.*) in a query's output",
	 "Name the columns you need: fewer bytes, and index-only scans become possible."},
	{"correlated-subquery-in-select", LINT_WARNING,
	 "a subquery in the select list that refers to the outer query",
	 "It runs once per row: rewrite it as a JOIN (with GROUP BY) or a LATERAL join."},
	{"or-across-columns", LINT_INFO,
	 "OR between conditions on different columns",
	 "One index cannot serve both sides: consider a UNION ALL of two queries, or an index per column."},
	{"cartesian-product", LINT_WARNING,
	 "tables in FROM with no join condition between them",
	 "Add the join condition, or write CROSS JOIN if the product is intended."},
	{"order-by-random", LINT_WARNING,
	 "ORDER BY random()",
	 "Pick random keys (or use TABLESAMPLE) instead of sorting the whole table."},
	{"distinct-over-join", LINT_INFO,
	 "DISTINCT over a join",
	 "DISTINCT often hides a join fan-out: use EXISTS for the filtering table instead of joining it."},
	{"count-for-existence", LINT_WARNING,
	 "COUNT(*) compared with 0 or 1 to test whether rows exist",
	 "Use EXISTS (SELECT 1 ...): it stops at the first row instead of counting them all."},
	{"union-without-all", LINT_INFO,
	 "UNION (which removes duplicates) where UNION ALL may do",
	 "If the branches cannot overlap, or duplicates are fine, UNION ALL skips the sort or hash."},
	{"limit-without-unique-order", LINT_WARNING,
	 "LIMIT, OFFSET or DISTINCT ON without an ORDER BY that is provably unique",
	 "End the ORDER BY with a unique key (ORDER BY created_at, id): rows tied at the cut come back in whatever order the plan gives."},
	{"long-in-list", LINT_INFO,
	 "an IN list of more than 100 values",
	 "Pass the values as an array (= ANY($1)) or join a VALUES list / temporary table."},
};

#define N_RULES (sizeof rules / sizeof rules[0])

const lint_rule_info *
lint_rules(size_t *n)
{
	*n = N_RULES;
	return rules;
}

const char *
lint_severity_name(lint_severity severity)
{
	return severity == LINT_WARNING ? "warning" : "info";
}

static const lint_rule_info *
rule_by_id(const char *id)
{
	for (size_t i = 0; i < N_RULES; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

void
lint_report(linter *l, const char *id, int location, const char *fmt, ...)
{
	const lint_rule_info *rule = rule_by_id(id);
	lint_finding *f;
	int position = location >= 0 ? location + 1 : (int) l->st->offset + 1;
	va_list ap;
	strbuf msg = STRBUF_INIT;

	if (rule == NULL)
		return;  /* a typo in a rule: tests catch it (every rule fires) */
	/* one finding per rule and spot */
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].position == position && strcmp(l->items[i].id, id) == 0)
			return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	f = &l->items[l->n++];
	f->id = rule->id;
	f->severity = rule->severity;
	f->advice = rule->advice;
	f->position = position;
	text_line_column(l->t->src, l->t->len, position, &f->line, &f->column);
	strbuf_init(&msg);
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	f->message = strbuf_steal(&msg);
}

int
lint_keyword_before(const linter *l, int location, const char *kw)
{
	const char *src = l->t->src;
	size_t end = (size_t) location;
	size_t pos = l->st->offset;
	int found = location;

	if (location < 0 || end > l->t->len)
		return location;
	for (;;) {
		sql_token tok = sql_lex_next(src, end, pos);

		if (tok.kind == SQL_TOKEN_END)
			return found;
		if (sql_token_is_word(src, &tok, kw))
			found = (int) tok.start;
		pos = tok.end;
	}
}

/* --- walking the tree ------------------------------------------------ */
