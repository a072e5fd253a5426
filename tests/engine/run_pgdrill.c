/*
 * run_pgdrill.c — running the built binary from a unit test (see
 * run_pgdrill.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "run_pgdrill.h"

void
run_pgdrill(const char *const *args, const char *const *env, proc_result *res)
{
	const char *argv[16] = {getenv("PGDRILL_BIN")};
	proc_options po = {.env = env, .timeout_s = 60};
	error err;
	int n = 1;

	for (; args[n - 1] && n < 15; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	if (!proc_run(argv, &po, res, &err))
		fail_msg("%s", err.message);
}
