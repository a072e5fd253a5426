/*
 * fixtures.h — helpers the plan test suites share: read a fixture file
 * (tests/plans/ through PGDRILL_SOURCE_DIR, or the corpus through
 * PGDRILL_CORPUS) and parse it.  Test code only; failures fail the test.
 */
#ifndef PGDRILL_TEST_PLAN_FIXTURES_H
#define PGDRILL_TEST_PLAN_FIXTURES_H

#include <stddef.h>

#include "plan/plan.h"

/* Whole file as malloc'd NUL-terminated text (*len set); fails the test
 * when it cannot be read. */
char *fixture_read(const char *path, size_t *len);

/* Path of tests/plans/NAME (malloc'd). */
char *fixture_path(const char *name);

/* Parse tests/plans/NAME; fails the test on error.  Free with plan_free. */
plan *fixture_plan(const char *name);

/* Parse a NUL-terminated JSON string; fails the test on error. */
plan *fixture_parse_string(const char *json);

/* Same, with ' standing for " so JSON reads easily in C source. */
plan *fixture_parse_sq(const char *json);

/* The node with this pre-order id (1 = root); fails the test if absent. */
const plan_node *fixture_node(const plan *p, int id);

/* The insights that fire on `p`, as "rule#node" items (node 0 for the
 * whole plan) sorted and joined by spaces (malloc'd). */
char *fixture_fired(const plan *p);

#endif
