/*
 * run_pgdrill.h — the unit tests' way to run the built binary
 * ($PGDRILL_BIN, set by meson) end to end: the arguments after the program
 * name, an optional change to the environment, a minute's deadline; the
 * exit code and both output streams come back in a proc_result.  Shared by
 * the tests of the command line (test_cli.c) and of drills' scale limits
 * (test_drill_scale.c).
 */
#ifndef PGDRILL_TEST_RUN_PGDRILL_H
#define PGDRILL_TEST_RUN_PGDRILL_H

#include "pg/proc.h"

/* Run pgdrill with args (NULL-terminated, at most 14, without the program)
 * and env (proc_options.env: "NAME=value" or "NAME" to unset; NULL for
 * none) into *res, which must be initialised (PROC_RESULT_INIT) and may
 * hold an earlier run (proc_run frees it first); free it with
 * proc_result_free.  A failure to run it at all fails the test. */
void run_pgdrill(const char *const *args, const char *const *env, proc_result *res);

#endif
