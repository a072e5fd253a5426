/*
 * test_shared_baseline.c — a batch (CI's `grade`, check_options
 * share_baseline) measures the slow query once, and only when an answer
 * with the right rows needs it (engine/grading/check.h).
 *
 * On the real drill shop-orders-on-a-day: a wrong rewrite from
 * tests/wrong-answers fails on its rows and leaves the slow query
 * unmeasured; the reference is then measured with the shared measurement,
 * made now, and a second reference reuses the very same one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "grading/check.h"
#include "harness.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "sandbox/pool.h"

#define DRILL "shop-orders-on-a-day"

static void
test_measured_when_first_needed(void **state)
{
	const char *src = getenv("PGDRILL_SOURCE_DIR");
	char *drills = paths_join(src, "drills"), *fixtures = paths_join(src, "fixtures");
	char *wrong_path = xasprintf("%s/tests/wrong-answers/" DRILL "/between-days.sql", src);
	check_options co = {.runs = 1, .share_baseline = true};
	check_result r, r2;
	server s;
	error err = {0};
	drill *d;
	fixture *f;
	check_context *ctx;
	char *wrong;
	size_t len;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	d = drill_load(drills, DRILL, &err);
	if (d == NULL)
		fail_msg("%s", err.message);
	f = fixture_load(fixtures, d->fixture, &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	wrong = fileio_read(wrong_path, 1 << 20, &len, &err);
	if (wrong == NULL)
		fail_msg("%s", err.message);
	memset(&s, 0, sizeof s);
	if (!server_open(&s, NULL, NULL, &err))
		fail_msg("server_open: %s", err.message);
	ctx = check_prepare(&s, d, f, &co, &err);
	if (ctx == NULL)
		fail_msg("check_prepare: %s", err.message);
	assert_false(check_context_baseline_measured(ctx));

	/* wrong rows: failed before any measurement, the slow query's included */
	check_answer(ctx, wrong, len, &r);
	assert_int_equal(r.status, CHECK_FAIL);
	assert_true(r.mismatch_seed != 0);
	assert_false(r.measured);
	assert_false(check_context_baseline_measured(ctx));
	check_result_release(&r);

	/* the right rows: measured, with the shared measurement made now (its
	 * verdict is not the point: one round under a loaded machine, and the
	 * sanitizers, may fail the time guard) */
	check_answer(ctx, d->references[0], strlen(d->references[0]), &r);
	if (!r.measured)
		fail_msg("the reference was not measured: status %d: %s", (int) r.status,
				 r.message ? r.message : "");
	assert_true(r.shared_baseline);
	assert_true(check_context_baseline_measured(ctx));
	assert_true(r.slow.buffers > r.reference.buffers);

	/* and once only: the next answer gets the same measurement */
	check_answer(ctx, d->references[0], strlen(d->references[0]), &r2);
	assert_true(r2.measured);
	assert_true(r2.shared_baseline);
	assert_true(r2.slow.buffers == r.slow.buffers);
	assert_true(r2.slow.time.median == r.slow.time.median);
	check_result_release(&r);
	check_result_release(&r2);

	check_context_free(ctx);
	pool_after_command(&s);
	server_close(&s);
	free(wrong);
	free(wrong_path);
	fixture_free(f);
	drill_free(d);
	free(drills);
	free(fixtures);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_measured_when_first_needed),
	};

	return cmocka_run_group_tests(tests, harness_group_setup, NULL);
}
