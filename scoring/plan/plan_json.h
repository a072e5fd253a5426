/*
 * plan_json.h — plans, insights and diffs as cJSON values, the one JSON
 * shape for `pgdrill explain --format json` and for the plan parts of
 * check/show JSON (documented in docs/plans.md, "JSON").
 *
 * Pure: builds values, prints nothing, never aborts.  The caller owns each
 * returned value (cJSON_Delete it, or add it to an object that it then
 * deletes).  Each function returns NULL when memory runs out (what it had
 * built is freed); the caller reports it.
 */
#ifndef PGDRILL_PLAN_JSON_H
#define PGDRILL_PLAN_JSON_H

#include <cjson/cJSON.h>

#include "plan/diff.h"
#include "plan/insight.h"
#include "plan/plan.h"

/* {"analyzed","has_timing","has_buffers","planning_ms","execution_ms",
 *  "jit_ms","total_buffers","hottest_node","nodes":[{"id","parent","depth",
 *  "node_type","label","relation",...,"exclusive_time_ms",...}]}.
 *  NULL when memory runs out. */
cJSON *plan_to_json(const plan *p);

/* [{"rule","severity","node","title","numbers","advice","value",
 *   "threshold"}] ("node" is the node id, null for the whole plan).  NULL
 * when memory runs out. */
cJSON *insight_list_to_json(const insight_list *l);

/* [{"kind","subject","left","right","left_value","right_value","text"}];
 * NULL when memory runs out. */
cJSON *plan_diff_to_json(const plan_diff *d);

#endif
