/*
 * suggest.c — "did you mean" by edit distance (see suggest.h).
 *
 * Optimal string alignment (Damerau-Levenshtein without repeated edits of one
 * substring), three rows of at most 65 ints on the stack: names are short
 * (commands, drill ids, concepts), so nothing cleverer is needed.
 */
#include "suggest.h"

#include <string.h>

#define SUGGEST_MAX 64

static int
min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

int
suggest_distance(const char *a, const char *b, int cap)
{
	int rows[3][SUGGEST_MAX + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	size_t la = strlen(a), lb = strlen(b);

	if (la > SUGGEST_MAX)
		la = SUGGEST_MAX;
	if (lb > SUGGEST_MAX)
		lb = SUGGEST_MAX;
	if ((la > lb ? la - lb : lb - la) > (size_t) cap)
		return cap + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int) j;
	for (size_t i = 1; i <= la; i++) {
		int best;
		int *t;

		cur[0] = (int) i;
		best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
				prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > cap)
			return cap + 1;
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > cap ? cap + 1 : prev[lb];
}

const char *
suggest_closest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word);
	int cap = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *best = NULL, *prefixed = NULL;
	int best_d = cap + 1;
	size_t n_prefixed = 0;

	if (len == 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int d = suggest_distance(word, candidates[i], cap);

		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
		if (len >= 3 && strncmp(word, candidates[i], len) == 0) {
			prefixed = candidates[i];
			n_prefixed++;
		}
	}
	if (best)
		return best;
	return n_prefixed == 1 ? prefixed : NULL;
}
