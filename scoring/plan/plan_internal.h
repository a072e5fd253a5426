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

#endif
