/*
 * bench_compare.c — how long comparing a million-row answer takes, against
 * a baseline measured in the same run.
 *
 * Rows i = 0..999,999 of (int8, text, float8, text with a NULL every 7th),
 * the expected result in order, the answer a permutation of it, and a third
 * in order with the middle two rows swapped and the last row changed:
 *   baseline  format every row's values and hash them with FNV (the floor
 *             any row comparison pays: it must look at every value);
 *   compare   result_digest_add of the same rows into three digests, then
 *             compare_digests unordered and ordered (what a check does with
 *             the slow query's and the answer's rows).
 * Rounds alternate baseline and compare so load from other processes hits
 * them alike; prints the median seconds of each and the ratio.  Also checks
 * every verdict (the unit test tests/scoring/grade/test_compare.c runs the
 * same cases on 40,000 rows), exiting 1 when one is wrong — never on
 * figures.  Run: meson test -C build --benchmark compare (or
 * build/bench/bench_compare).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "fnv.h"
#include "grade/compare.h"

#define BIG 1000000
#define ROUNDS 3
#define OID_INT8 20
#define OID_TEXT 25
#define OID_FLOAT8 701

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Row i's values into `values` (the buffers hold their text). */
static void
big_row(size_t i, const char *override_name, char id[32], char name[32], char val[48],
		const char *values[4])
{
	snprintf(id, 32, "%zu", i);
	snprintf(name, 32, "name-%zu", i % 1000);
	snprintf(val, 48, "%.17g", (double) i * 0.1);
	values[0] = id;
	values[1] = override_name ? override_name : name;
	values[2] = val;
	values[3] = i % 7 == 0 ? NULL : name;
}

/* The baseline: every row of the three results formatted and hashed. */
static double
run_baseline(uint64_t *sink)
{
	double start = now_seconds();
	char id[32], name[32], val[48];
	const char *values[4];
	uint64_t h = FNV_INIT;

	for (int copy = 0; copy < 3; copy++)
		for (size_t i = 0; i < BIG; i++) {
			big_row(i, NULL, id, name, val, values);
			for (int c = 0; c < 4; c++)
				h = values[c] ? fnv_str(h, values[c]) : fnv_u64(h, 0);
		}
	*sink ^= h;
	return now_seconds() - start;
}

/* The compare side; false when a verdict is wrong. */
static bool
run_compare(double *seconds)
{
	uint32_t types[] = {OID_INT8, OID_TEXT, OID_FLOAT8, OID_TEXT};
	int keys[] = {0};
	double start = now_seconds();
	result_digest *e = result_digest_new(4, types, keys, 1);
	result_digest *a = result_digest_new(4, types, keys, 1);
	result_digest *b = result_digest_new(4, types, keys, 1);
	char id[32], name[32], val[48];
	const char *values[4];
	compare_verdict same, order, rows;
	bool ok;

	for (size_t i = 0; i < BIG; i++) {
		size_t j = (i * 7919) % BIG;     /* 7919 is prime: a permutation */
		size_t k = i == BIG / 2 ? i + 1 : i == BIG / 2 + 1 ? i - 1 : i;

		big_row(i, NULL, id, name, val, values);
		result_digest_add(e, values, NULL);
		big_row(j, NULL, id, name, val, values);
		result_digest_add(a, values, NULL);
		big_row(k, i == BIG - 1 ? "changed" : NULL, id, name, val, values);
		result_digest_add(b, values, NULL);
	}
	same = compare_digests(e, a, false);
	order = compare_digests(e, a, true);
	rows = compare_digests(e, b, false);
	*seconds = now_seconds() - start;
	ok = same.outcome == COMPARE_SAME && order.outcome == COMPARE_ORDER &&
		order.order_position == 1 && rows.outcome == COMPARE_ROWS &&
		rows.missing_count == 1 && rows.extra_count == 1;
	result_digest_free(e);
	result_digest_free(a);
	result_digest_free(b);
	return ok;
}

static int
compare_double(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	return x < y ? -1 : x > y;
}

int
main(void)
{
	double base[ROUNDS], cmp[ROUNDS];
	uint64_t sink = 0;

	for (int r = 0; r < ROUNDS; r++) {
		base[r] = run_baseline(&sink);
		if (!run_compare(&cmp[r])) {
			fprintf(stderr, "bench_compare: a verdict on %d rows is wrong\n", BIG);
			return 1;
		}
	}
	qsort(base, ROUNDS, sizeof *base, compare_double);
	qsort(cmp, ROUNDS, sizeof *cmp, compare_double);
	printf("compare %d rows x 3 results (median of %d rounds, sink %llx):\n", BIG, ROUNDS,
		   (unsigned long long) (sink & 0xff));
	printf("  baseline (format + FNV every value): %.3f s\n", base[ROUNDS / 2]);
	printf("  digest + compare_digests x 3:        %.3f s   ratio %.2fx\n", cmp[ROUNDS / 2],
		   cmp[ROUNDS / 2] / base[ROUNDS / 2]);
	return 0;
}
