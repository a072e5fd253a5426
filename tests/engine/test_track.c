/*
 * test_track.c — unit tests for engine/learner/track.c, the pure selection logic of
 * `next`, `track`, `placement` and `practice`, table-driven over learner
 * states on one small in-memory catalogue whose concept graph has a chain,
 * a diamond and a concept without drills:
 *
 *   scan ── sargable ── indexes ──┐
 *      └─── joins ────────────────┴── agg (no drills)
 *
 * Each row gives passed drills, skipped and mastered concepts and the
 * expected choice, so the rules of track.h are each exercised by a row that
 * would fail if the rule were dropped.  Themes ("idx": indexes; "jn":
 * joins) restrict every choice to their scope: the theme's concepts and
 * the prerequisites they need.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "learner/state.h"
#include "strbuf.h"
#include "learner/track.h"

/* Comma-separated lists keep the tables readable. */
static char **
split(const char *list, size_t *n)
{
	char **v = xcalloc(16, sizeof(char *));
	const char *p = list;

	*n = 0;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t) (comma - p) : strlen(p);

		v[(*n)++] = xstrndup(p, len);
		p = comma ? comma + 1 : NULL;
	}
	return v;
}

static void
add_concept(catalog *c, const char *id, const char *requires)
{
	concept *k = &c->concepts[c->n_concepts++];

	k->id = xstrdup(id);
	k->title = xstrdup(id);
	k->summary = xstrdup("");
	k->requires = split(requires, &k->n_requires);
}

static drill *
add_drill(catalog *c, const char *id, const char *concepts, int difficulty, int minutes)
{
	drill *d = xcalloc(1, sizeof *d);

	d->id = xstrdup(id);
	d->concepts = split(concepts, &d->n_concepts);
	d->difficulty = difficulty;
	d->minutes = minutes;
	c->drills[c->n_drills++] = d;
	return d;
}

static void
add_theme(catalog *c, const char *id, const char *concepts)
{
	theme *t = &c->themes[c->n_themes++];

	t->id = xstrdup(id);
	t->title = xstrdup(id);
	t->summary = xstrdup("");
	t->concepts = split(concepts, &t->n_concepts);
}

static int
setup(void **st)
{
	catalog *c = xcalloc(1, sizeof *c);

	c->concepts = xcalloc(8, sizeof(concept));
	c->drills = xcalloc(16, sizeof(drill *));
	/* file order deliberately not topological for agg */
	add_concept(c, "scan", "");
	add_concept(c, "agg", "joins,indexes");
	add_concept(c, "sargable", "scan");
	add_concept(c, "joins", "scan");
	add_concept(c, "indexes", "sargable");
	add_drill(c, "a", "scan", 1, 5);
	add_drill(c, "b", "scan", 2, 10);
	add_drill(c, "c", "sargable", 2, 10);
	add_drill(c, "d", "sargable", 4, 20);
	add_drill(c, "e", "joins", 3, 15);
	add_drill(c, "f", "indexes", 3, 10);
	add_drill(c, "g", "joins,indexes", 5, 25);
	add_drill(c, "h", "sargable", 2, 5);   /* ties c on difficulty: fewer minutes */
	c->themes = xcalloc(4, sizeof(theme));
	add_theme(c, "idx", "indexes");
	add_theme(c, "jn", "joins");
	*st = c;
	return 0;
}

static int
teardown(void **st)
{
	catalog_free(*st);   /* frees the concepts' and drills' strings we set */
	return 0;
}

typedef struct learner {
	const char *passed;
	const char *skipped;
	const char *mastered;
} learner;

static state *
make_state(const learner *l)
{
	state *s = state_new();
	size_t n;
	char **v;

	v = split(l->passed, &n);
	for (size_t i = 0; i < n; i++) {
		state_record_attempt(s, v[i], "pass", 90, 1);
		free(v[i]);
	}
	free(v);
	v = split(l->skipped, &n);
	for (size_t i = 0; i < n; i++) {
		state_skip(s, v[i]);
		free(v[i]);
	}
	free(v);
	v = split(l->mastered, &n);
	for (size_t i = 0; i < n; i++) {
		state_master(s, v[i]);
		free(v[i]);
	}
	free(v);
	return s;
}

static const struct {
	learner l;
	const char *next;      /* NULL: nothing left */
	const char *concept;   /* the concept it was chosen for */
	const char *why;
} next_cases[] = {
	{{"", "", ""}, "a", "scan", "easiest drill of the first concept"},
	{{"a", "", ""}, "b", "scan", "passed drills are left out"},
	{{"a,b", "", ""}, "h", "sargable", "prerequisites first, then file order; fewer minutes on a tie"},
	{{"a,b,h", "", ""}, "c", "sargable", "difficulty before minutes"},
	{{"", "scan", ""}, "h", "sargable", "a skipped concept covers its dependants' prerequisite"},
	{{"", "", "scan"}, "h", "sargable", "a mastered concept likewise"},
	{{"a,b", "sargable", ""}, "e", "joins", "skipped sargable unlocks indexes; joins comes first"},
	{{"a,b,c,d,h,e", "", ""}, "f", "indexes", "the combined drill comes after f"},
	{{"a,b,c,d,h,e,f", "", ""}, "g", "indexes", "the combined drill last"},
	{{"a,b,c,d,h", "", "joins"}, "f", "indexes", "mastered joins: g still teaches indexes"},
	{{"a,b,c,d,h,f", "joins", ""}, "g", "indexes", "a skipped concept does not exclude a drill teaching something new"},
	{{"a,b,c,d,e,f,g,h", "", ""}, NULL, NULL, "everything passed"},
	{{"", "scan,sargable,joins,indexes", ""}, NULL, NULL, "everything skipped"},
	{{"a", "", "sargable"}, "b", "scan", "a mastered later concept does not jump the queue"},
};

static void
test_next(void **st)
{
	catalog *c = *st;

	for (size_t i = 0; i < sizeof next_cases / sizeof next_cases[0]; i++) {
		state *s = make_state(&next_cases[i].l);
		const concept *why = NULL;
		const drill *d = track_next(c, s, NULL, &why);
		const char *got = d ? d->id : "(none)";
		const char *want = next_cases[i].next ? next_cases[i].next : "(none)";

		if (strcmp(got, want) != 0)
			fail_msg("next case %zu (%s): got %s, want %s", i, next_cases[i].why, got, want);
		if (next_cases[i].concept &&
			(why == NULL || strcmp(why->id, next_cases[i].concept) != 0))
			fail_msg("next case %zu: chosen for %s, want %s", i, why ? why->id : "(none)",
					 next_cases[i].concept);
		state_free(s);
	}
}

static void
test_candidates_in_order(void **st)
{
	catalog *c = *st;
	learner l = {"a,b", "", ""};
	state *s = make_state(&l);
	const drill **list;
	size_t n = track_candidates(c, s, NULL, &list);
	strbuf sb = STRBUF_INIT;

	for (size_t k = 0; k < n; k++)
		strbuf_printf(&sb, "%s%s", k ? "," : "", list[k]->id);
	/* sargable (h, c, d); joins (e); indexes is locked, so neither f nor g */
	assert_string_equal(strbuf_str(&sb), "h,c,d,e");
	strbuf_free(&sb);
	free(list);
	state_free(s);
}

static const struct {
	learner l;
	const char *statuses;  /* concept:status in teaching order */
} track_cases[] = {
	{{"", "", ""}, "scan:open sargable:locked joins:locked indexes:locked agg:empty"},
	{{"a,b", "joins", ""}, "scan:done sargable:open joins:skipped indexes:locked agg:empty"},
	{{"a", "", "sargable"}, "scan:open sargable:mastered joins:locked indexes:open agg:empty"},
};

static void
test_track_statuses(void **st)
{
	catalog *c = *st;

	for (size_t i = 0; i < sizeof track_cases / sizeof track_cases[0]; i++) {
		state *s = make_state(&track_cases[i].l);
		track_concept *tc;
		size_t n = track_concepts(c, s, NULL, &tc);
		strbuf sb = STRBUF_INIT;

		for (size_t k = 0; k < n; k++)
			strbuf_printf(&sb, "%s%s:%s", k ? " " : "", tc[k].concept->id,
						  track_status_name(tc[k].status));
		if (strcmp(strbuf_str(&sb), track_cases[i].statuses) != 0)
			fail_msg("track case %zu: got \"%s\", want \"%s\"", i, strbuf_str(&sb),
					 track_cases[i].statuses);
		strbuf_free(&sb);
		free(tc);
		state_free(s);
	}
}

static void
test_locked_names_prerequisite(void **st)
{
	catalog *c = *st;
	learner l = {"", "", ""};
	state *s = make_state(&l);
	track_concept *tc;
	size_t n = track_concepts(c, s, NULL, &tc);

	assert_int_equal(n, 5);
	assert_string_equal(tc[3].concept->id, "indexes");
	assert_string_equal(tc[3].blocked_by, "sargable");
	assert_int_equal(tc[2].n_drills, 2);    /* joins: e and g */
	assert_int_equal(tc[0].n_passed, 0);
	free(tc);
	state_free(s);
}

static const struct {
	learner l;
	const char *offers;  /* concept=drill in teaching order */
} placement_cases[] = {
	{{"", "", ""}, "scan=b sargable=d joins=g indexes=g"},
	{{"", "joins", ""}, "scan=b sargable=d indexes=g"},
	{{"a,b", "", "sargable"}, "joins=g indexes=g"},
	{{"a,b,c,d,e,f,g,h", "", ""}, ""},
};

static void
test_placement(void **st)
{
	catalog *c = *st;

	for (size_t i = 0; i < sizeof placement_cases / sizeof placement_cases[0]; i++) {
		state *s = make_state(&placement_cases[i].l);
		track_offer *o;
		size_t n = track_placement(c, s, NULL, &o);
		strbuf sb = STRBUF_INIT;

		for (size_t k = 0; k < n; k++)
			strbuf_printf(&sb, "%s%s=%s", k ? " " : "", o[k].concept->id, o[k].drill->id);
		if (strcmp(strbuf_str(&sb), placement_cases[i].offers) != 0)
			fail_msg("placement case %zu: got \"%s\", want \"%s\"", i, strbuf_str(&sb),
					 placement_cases[i].offers);
		strbuf_free(&sb);
		free(o);
		state_free(s);
	}
}

static const struct {
	learner l;
	int minutes;
	const char *drills;
} practice_cases[] = {
	{{"", "", ""}, 30, "a,b,h,c"},          /* 5+10+5+10 = 30 */
	{{"", "", ""}, 4, ""},                  /* nothing fits */
	{{"", "", ""}, 5, "a"},
	{{"", "", ""}, 12, "a"},                /* b does not fit after a; sargable is still locked */
	{{"a,b", "", ""}, 60, "h,c,d,e,f"},     /* 5+10+20+15+10 = 60; g would not fit */
	{{"", "scan,sargable,joins,indexes", ""}, 30, ""},
};

static void
test_practice(void **st)
{
	catalog *c = *st;

	for (size_t i = 0; i < sizeof practice_cases / sizeof practice_cases[0]; i++) {
		state *s = make_state(&practice_cases[i].l);
		const drill **list;
		size_t n = track_practice(c, s, NULL, practice_cases[i].minutes, &list);
		strbuf sb = STRBUF_INIT;
		int total = 0;

		for (size_t k = 0; k < n; k++) {
			strbuf_printf(&sb, "%s%s", k ? "," : "", list[k]->id);
			total += list[k]->minutes;
		}
		if (strcmp(strbuf_str(&sb), practice_cases[i].drills) != 0)
			fail_msg("practice case %zu: got \"%s\", want \"%s\"", i, strbuf_str(&sb),
					 practice_cases[i].drills);
		assert_true(total <= practice_cases[i].minutes);
		strbuf_free(&sb);
		free(list);
		state_free(s);
	}
}

/* The real catalogue's habit: each drill lists the basic concept it builds
 * on next to the one it teaches.  Such a drill is not blocked by its own
 * basic concept, and skipping the basic concept does not hide it. */
static void
test_prerequisite_taught_by_the_same_drill(void **st)
{
	catalog *c = xcalloc(1, sizeof *c);
	learner l0 = {"", "", ""}, l1 = {"", "base", ""}, l2 = {"p", "", ""};
	state *s;
	track_concept *tc;
	const concept *why;

	(void) st;
	c->concepts = xcalloc(4, sizeof(concept));
	c->drills = xcalloc(4, sizeof(drill *));
	add_concept(c, "base", "");
	add_concept(c, "x", "base");
	add_concept(c, "y", "x");
	add_drill(c, "p", "x,base", 2, 10);
	add_drill(c, "q", "y,base", 2, 10);
	s = make_state(&l0);
	assert_string_equal(track_next(c, s, NULL, &why)->id, "p");
	assert_string_equal(why->id, "x");
	track_concepts(c, s, NULL, &tc);
	assert_int_equal(tc[1].status, TRACK_OPEN);      /* x: p teaches it with base */
	assert_int_equal(tc[2].status, TRACK_LOCKED);    /* y needs x, which q does not teach */
	assert_string_equal(tc[2].blocked_by, "x");
	free(tc);
	state_free(s);
	s = make_state(&l1);
	assert_string_equal(track_next(c, s, NULL, NULL)->id, "p");   /* base skipped: p still teaches x */
	state_free(s);
	s = make_state(&l2);
	assert_string_equal(track_next(c, s, NULL, NULL)->id, "q");   /* x done: y unlocked */
	state_free(s);
	catalog_free(c);
}

/* Themes: the scope is the theme's concepts and their prerequisites, marked
 * as such; next, candidates, placement and practice stay inside it. */
static const struct {
	const char *theme;
	learner l;
	const char *concepts;    /* track: id(p for a prerequisite) in teaching order */
	const char *candidates;
	const char *offers;
	const char *practice60;
} theme_cases[] = {
	{"idx", {"", "", ""}, "scan(p) sargable(p) indexes", "a,b",
	 "scan=b sargable=d indexes=g", "a,b,h,c,d,f"},
	{"idx", {"a,b,c,d,h", "", ""}, "scan(p) sargable(p) indexes", "f,g", "indexes=g", "f,g"},
	{"jn", {"", "", ""}, "scan(p) joins", "a,b", "scan=b joins=g", "a,b,e"},
	/* g teaches joins but also indexes, whose prerequisite is not covered */
	{"jn", {"a,b", "", ""}, "scan(p) joins", "e", "joins=g", "e"},
	{"jn", {"a,b,e", "", ""}, "scan(p) joins", "", "joins=g", ""},
	{"jn", {"", "scan,joins", ""}, "scan(p) joins", "", "", ""},
};

static void
test_themes(void **st)
{
	catalog *c = *st;

	for (size_t i = 0; i < sizeof theme_cases / sizeof theme_cases[0]; i++) {
		const theme *t = catalog_theme(c, theme_cases[i].theme);
		state *s = make_state(&theme_cases[i].l);
		track_concept *tc;
		track_offer *o;
		const drill **list;
		strbuf sb = STRBUF_INIT;
		size_t n = track_concepts(c, s, t, &tc);

		for (size_t k = 0; k < n; k++)
			strbuf_printf(&sb, "%s%s%s", k ? " " : "", tc[k].concept->id,
						  tc[k].prerequisite ? "(p)" : "");
		if (strcmp(strbuf_str(&sb), theme_cases[i].concepts) != 0)
			fail_msg("theme case %zu: track \"%s\", want \"%s\"", i, strbuf_str(&sb),
					 theme_cases[i].concepts);
		free(tc);
		strbuf_reset(&sb);
		n = track_candidates(c, s, t, &list);
		for (size_t k = 0; k < n; k++)
			strbuf_printf(&sb, "%s%s", k ? "," : "", list[k]->id);
		if (strcmp(strbuf_str(&sb), theme_cases[i].candidates) != 0)
			fail_msg("theme case %zu: candidates \"%s\", want \"%s\"", i, strbuf_str(&sb),
					 theme_cases[i].candidates);
		/* next is the first candidate */
		if (n > 0)
			assert_ptr_equal(track_next(c, s, t, NULL), list[0]);
		else
			assert_null(track_next(c, s, t, NULL));
		free(list);
		strbuf_reset(&sb);
		n = track_placement(c, s, t, &o);
		for (size_t k = 0; k < n; k++)
			strbuf_printf(&sb, "%s%s=%s", k ? " " : "", o[k].concept->id, o[k].drill->id);
		if (strcmp(strbuf_str(&sb), theme_cases[i].offers) != 0)
			fail_msg("theme case %zu: placement \"%s\", want \"%s\"", i, strbuf_str(&sb),
					 theme_cases[i].offers);
		free(o);
		strbuf_reset(&sb);
		n = track_practice(c, s, t, 60, &list);
		for (size_t k = 0; k < n; k++)
			strbuf_printf(&sb, "%s%s", k ? "," : "", list[k]->id);
		if (strcmp(strbuf_str(&sb), theme_cases[i].practice60) != 0)
			fail_msg("theme case %zu: practice \"%s\", want \"%s\"", i, strbuf_str(&sb),
					 theme_cases[i].practice60);
		free(list);
		strbuf_free(&sb);
		state_free(s);
	}
	/* the scope helper itself */
	{
		bool prereq = true;

		assert_true(track_in_scope(c, NULL, "agg", &prereq));
		assert_false(prereq);
		assert_false(track_in_scope(c, catalog_theme(c, "jn"), "sargable", NULL));
		assert_true(track_in_scope(c, catalog_theme(c, "idx"), "scan", &prereq));
		assert_true(prereq);
	}
}

/* Placement prefers a plan-reading drill (a short question set): the
 * shortest, then the most demanding; a concept without one gets its most
 * demanding drill; every concept with drills gets an offer. */
static void
test_placement_prefers_plan_reading(void **st)
{
	catalog *c = xcalloc(1, sizeof *c);
	learner l0 = {"", "", ""};
	state *s;
	track_offer *o;
	size_t n;

	(void) st;
	c->concepts = xcalloc(4, sizeof(concept));
	c->drills = xcalloc(8, sizeof(drill *));
	add_concept(c, "plans", "");
	add_concept(c, "rewrites", "plans");
	add_concept(c, "empty", "");
	add_drill(c, "hard-rewrite", "plans", 5, 30)->kind = xstrdup("rewrite");
	add_drill(c, "long-quiz", "plans", 5, 20)->kind = xstrdup("plan-reading");
	add_drill(c, "quiz-a", "plans", 2, 8)->kind = xstrdup("plan-reading");
	add_drill(c, "quiz-b", "plans", 3, 8)->kind = xstrdup("plan-reading");
	add_drill(c, "easy-rewrite", "rewrites", 1, 10)->kind = xstrdup("rewrite");
	add_drill(c, "hard-index", "rewrites", 4, 25)->kind = xstrdup("index");
	s = make_state(&l0);
	n = track_placement(c, s, NULL, &o);
	assert_int_equal(n, 2);     /* "empty" has no drill */
	assert_string_equal(o[0].concept->id, "plans");
	assert_string_equal(o[0].drill->id, "quiz-b");      /* shortest, then more demanding */
	assert_string_equal(o[1].concept->id, "rewrites");
	assert_string_equal(o[1].drill->id, "hard-index");  /* no quiz: most demanding */
	free(o);
	state_free(s);
	catalog_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_candidates_in_order),
		cmocka_unit_test(test_track_statuses),
		cmocka_unit_test(test_locked_names_prerequisite),
		cmocka_unit_test(test_placement),
		cmocka_unit_test(test_practice),
		cmocka_unit_test(test_prerequisite_taught_by_the_same_drill),
		cmocka_unit_test(test_themes),
		cmocka_unit_test(test_placement_prefers_plan_reading),
	};

	return cmocka_run_group_tests_name("track", tests, setup, teardown);
}
