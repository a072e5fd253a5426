/*
 * feedback.h — the plan part of the feedback on an answer, in one call:
 * the hottest node, the insights that fired, and what the reference plan
 * does differently (diff.h), as text for the terminal or as JSON.
 *
 * Pure.  Meant for `check` (and `show`): the engine measures, parses both
 * plans with plan_parse, and hands them here; it decides colour.
 */
#ifndef PGDRILL_PLAN_FEEDBACK_H
#define PGDRILL_PLAN_FEEDBACK_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "plan/plan.h"

/*
 * Text such as
 *   Hottest node: #3 Seq Scan on orders o (83% of the time, 11,980 buffers)
 *
 *   What your plan shows:
 *   [high] #3 Seq Scan on orders o: reads the whole table and ...
 *          ...
 *
 *   What the reference does differently:
 *     orders: your answer uses Seq Scan, the reference uses Index Scan ...
 * Sections without content are left out (the hottest_node insight too:
 * the first line says it); `reference` may be NULL (no diff).  At most `max_diff_lines` lines of diff (0 = all).  `answer` NULL
 * gives "".  malloc'd; caller frees.
 */
char *plan_feedback_text(const plan *answer, const plan *reference, bool color,
						 size_t max_diff_lines);

/*
 * plan_feedback_text() for a drill: when its answers may not create indexes
 * (`may_create_indexes` false), advice that would have the learner create
 * an index says instead to rewrite the query so that an existing index
 * applies, so feedback never contradicts the drill's `allow`; when they
 * may (an index drill: the answer is an index), the diff does not name an
 * index only the reference reads (plan_diff_against_reference): the
 * insights explain the answer's own plan instead.
 */
char *plan_feedback_text_for(const plan *answer, const plan *reference, bool color,
							 size_t max_diff_lines, bool may_create_indexes);

/*
 * {"hottest_node": {"id","label","node_type","relation","index",
 *   "exclusive_time_ms","time_share","exclusive_buffers"} or null,
 *  "insights": [...as insight_list_to_json...],
 *  "diff": [...as plan_diff_to_json...] (empty without a reference)}
 * Owned by the caller.  NULL when memory runs out (nothing leaks).
 */
cJSON *plan_feedback_json(const plan *answer, const plan *reference);

/* plan_feedback_json() for a drill: with `may_create_indexes` the diff does
 * not name an index only the reference reads (as plan_feedback_text_for). */
cJSON *plan_feedback_json_for(const plan *answer, const plan *reference,
							  bool may_create_indexes);

#endif
