/*
 * fuzz_plan.c — libFuzzer harness for the plan reader and everything that
 * consumes a parsed plan: plan_parse (psql-paste cleaning, cJSON, the node
 * builder, exclusive figures), then the summary, hottest node, insights
 * and their text, the terminal picture (colour and a narrow width), the
 * JSON, the feedback block, and a diff of the plan against itself and
 * against no plan.  Every input also goes to the EXPLAIN text reader
 * (plan_parse_text) even when it looks like JSON, so that reader sees
 * the JSON seeds too, and its plan goes through the same consumers.
 * Any input must give a plan or an error, never a crash, leak or undefined
 * behaviour.  Build and run: docs/fuzzing.md ("## Plans").
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "plan/diff.h"
#include "plan/feedback.h"
#include "plan/insight.h"
#include "plan/plan.h"
#include "plan/plan_internal.h"
#include "plan/plan_json.h"
#include "plan/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Everything that consumes a parsed plan; frees it. */
static void
exercise(plan *p)
{
	insight_list *l;
	plan_diff *d;
	cJSON *j;
	char *text;

	if (p == NULL)
		return;
	free(plan_summary(p));
	(void) plan_hottest(p);
	(void) plan_total_buffers(p);
	l = plan_insights(p);
	free(insight_list_text(l, true));
	j = insight_list_to_json(l);
	cJSON_Delete(j);
	insight_list_free(l);
	free(plan_render(p, true, 40));
	text = plan_render(p, false, 0);
	free(text);
	free(plan_render_flags(p, true, 0, PLAN_RENDER_RAW));
	j = plan_to_json(p);
	cJSON_Delete(j);
	d = plan_diff_compute(p, p, "a", "b");
	free(plan_diff_text(d, 3));
	plan_diff_free(d);
	free(plan_feedback_text(p, p, true, 2));
	j = plan_feedback_json(p, NULL);
	cJSON_Delete(j);
	d = plan_diff_compute(p, NULL, NULL, NULL);
	j = plan_diff_to_json(d);
	cJSON_Delete(j);
	plan_diff_free(d);
	plan_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	error err;

	exercise(plan_parse((const char *) data, size, &err));
	if (size > 0 && !plan_input_is_text((const char *) data, size))
		exercise(plan_parse_text((const char *) data, size, &err));
	return 0;
}
