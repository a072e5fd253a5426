/*
 * plan_internal.h — what the files of scoring/plan/ share with each other
 * and with nobody else (the engine uses plan.h, insight.h, diff.h, render.h).
 *
 * parse.c calls plan_clean_input() before handing text to cJSON and
 * plan_compute_exclusive() once the tree is built.
 */
#ifndef PGDRILL_PLAN_INTERNAL_H
#define PGDRILL_PLAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/plan.h"
#include "strbuf.h"

/*
 * Turn what a person pasted into JSON text of exactly the same length: the
 * psql header ("QUERY PLAN" and its dashes), the '+' continuation marks and
 * the "(1 row)" footer become spaces, so byte offsets (and so line and
 * column numbers) in the result are offsets in the input.  Raw JSON comes
 * back unchanged.  Returns a malloc'd NUL-terminated copy (caller frees);
 * *cleaned says whether anything was blanked out.
 */
char *plan_clean_input(const char *text, size_t len, bool *cleaned);

/*
 * Deepest nesting of JSON arrays/objects in `text` (strings skipped): when
 * cJSON refuses input, this tells a depth refusal from malformed JSON so
 * the message can say which.
 */
int plan_json_depth(const char *text, size_t len);

/* Is parse.c's table of node keys in strcmp order (bsearch needs it)?
 * For the unit tests. */
bool plan_node_keys_sorted(void);

/*
 * Fill total_time_ms, exclusive_time_ms, exclusive_buffers, exclusive_cost,
 * processes and under_gather for every node of a parsed plan (see
 * exclusive.c for the rules).  Needs p->nodes in pre-order.
 */
void plan_compute_exclusive(plan *p);

/* psql's table decorations, [s, e): the "(N rows)" footer, the rule of
 * dashes under the header (clean.c). */
bool plan_is_psql_footer(const char *s, const char *e);
bool plan_is_psql_rule(const char *s, const char *e);

/* Free one node and its strings (not its children).  Accepts NULL. */
void plan_node_free(plan_node *n);

/* Does the input hold EXPLAIN text rather than JSON?  True when its first
 * line past psql's header is not '[' or '{' (parse_text.c). */
bool plan_input_is_text(const char *text, size_t len);

/* Parse EXPLAIN text format (parse_text.c); plan_parse() calls it for
 * text input.  Same contract as plan_parse(). */
plan *plan_parse_text(const char *text, size_t len, error *err);

/*
 * One node's header line of a text plan ("Hash Left Join  (cost=...)
 * (actual ...)", without the "->  ") into n: node type and names from the
 * label, estimates and actual figures.  Returns NULL, or what was expected
 * with *at pointing where (inside `line`).  Sets *timing when per-node
 * times are printed.  n's strings are malloc'd (plan_node_free).
 */
const char *plan_text_node_header(plan_node *n, const char *line, const char **at,
								  bool *timing);

/*
 * One "Key: value" property line of a node into n; expression texts are
 * appended to `expr` ('\n'-separated).  Returns NULL, or what was expected
 * (the line has no "Key: value" shape).  Sets *buffers on a Buffers line.
 */
const char *plan_text_node_property(plan_node *n, strbuf *expr, const char *line,
									bool *buffers);

#endif
