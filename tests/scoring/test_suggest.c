/*
 * test_suggest.c — unit tests for scoring/suggest.c: edit distances (with
 * swaps and the cap), and which misspellings get a suggestion and which do
 * not (a wild guess is worse than none).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "suggest.h"

static void
test_distance(void **state)
{
	static const struct {
		const char *a, *b;
		int cap, want;
	} cases[] = {
		{"check", "check", 3, 0},
		{"chek", "check", 3, 1},      /* deletion */
		{"checkk", "check", 3, 1},    /* insertion */
		{"chock", "check", 3, 1},     /* substitution */
		{"chekc", "check", 3, 1},     /* swap of neighbours */
		{"", "abc", 5, 3},
		{"abc", "", 5, 3},
		{"kitten", "sitting", 5, 3},
		{"list", "explain", 2, 3},    /* capped: cap + 1 */
		{"a", "abcdefgh", 2, 3},      /* length gap alone exceeds the cap */
	};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int d = suggest_distance(cases[i].a, cases[i].b, cases[i].cap);

		if (d != cases[i].want)
			fail_msg("distance(%s, %s) = %d, want %d", cases[i].a, cases[i].b, d,
					 cases[i].want);
	}
}

static void
test_closest(void **state)
{
	static const char *const commands[] = {
		"list", "show", "start", "check", "hint", "watch", "track", "next", "skip",
		"unskip", "placement", "practice", "grade", "db", "author", "lint", "explain",
	};
	static const char *const drills[] = {
		"shop-orders-on-a-day", "shop-order-lookup-numeric", "shop-read-sort-spill",
	};
	static const struct {
		const char *word;
		const char *const *cands;
		size_t n;
		const char *want;  /* NULL: no suggestion */
	} cases[] = {
		{"chek", commands, 17, "check"},
		{"chekc", commands, 17, "check"},
		{"lsit", commands, 17, "list"},
		{"trakc", commands, 17, "track"},
		{"placment", commands, 17, "placement"},
		{"expl", commands, 17, "explain"},      /* a unique prefix */
		{"pra", commands, 17, "practice"},
		{"s", commands, 17, NULL},               /* too short to guess */
		{"frobnicate", commands, 17, NULL},
		{"", commands, 17, NULL},
		{"shop-order-on-a-day", drills, 3, "shop-orders-on-a-day"},
		{"shop-read-sort-spil", drills, 3, "shop-read-sort-spill"},
		{"shop", drills, 3, NULL},               /* a prefix of several */
		{"events-errors", drills, 3, NULL},
	};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = suggest_closest(cases[i].word, cases[i].cands, cases[i].n);

		if (cases[i].want == NULL && got != NULL)
			fail_msg("closest(%s) = %s, want none", cases[i].word, got);
		if (cases[i].want && (got == NULL || strcmp(got, cases[i].want) != 0))
			fail_msg("closest(%s) = %s, want %s", cases[i].word, got ? got : "none",
					 cases[i].want);
	}
	assert_null(suggest_closest("chek", NULL, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_closest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
