/*
 * track.c — concept order, coverage, the next drill, placement offers and
 * practice sessions (see track.h for the rules).
 *
 * Everything is recomputed from the catalogue and the state on each call:
 * catalogues hold tens of drills, so quadratic scans cost nothing and keep
 * the rules readable.  A drill naming a concept absent from concepts.json is
 * treated as teaching a concept without prerequisites (lint reports it).
 */
#include "learner/track.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* The state seen through the choices made so far (practice treats chosen
 * drills as passed). */
typedef struct view {
	const catalog *c;
	const state *st;
	const theme *t;          /* NULL: the whole catalogue */
	const drill **chosen;
	size_t n_chosen;
} view;

static const char *const status_names[] = {
	"mastered", "skipped", "done", "empty", "open", "locked"
};

const char *
track_status_name(track_status s)
{
	return status_names[s];
}

static bool
drill_passed(const view *v, const drill *d)
{
	for (size_t i = 0; i < v->n_chosen; i++)
		if (v->chosen[i] == d)
			return true;
	return state_drill_passed(v->st, d->id);
}

static bool
teaches(const drill *d, const char *concept_id)
{
	for (size_t i = 0; i < d->n_concepts; i++)
		if (strcmp(d->concepts[i], concept_id) == 0)
			return true;
	return false;
}

/* Whether concept_id is a prerequisite, direct or not, of concept `of`
 * (depth-limited: load rejects cycles, the limit guards hand-built
 * catalogues). */
static bool
required_by(const catalog *c, const char *concept_id, const char *of, int depth)
{
	const concept *k = catalog_concept(c, of);

	if (k == NULL || depth > 64)
		return false;
	for (size_t r = 0; r < k->n_requires; r++)
		if (strcmp(k->requires[r], concept_id) == 0 ||
			required_by(c, concept_id, k->requires[r], depth + 1))
			return true;
	return false;
}

bool
track_in_scope(const catalog *c, const theme *t, const char *concept_id, bool *prerequisite)
{
	if (prerequisite)
		*prerequisite = false;
	if (t == NULL || catalog_theme_has(t, concept_id))
		return true;
	for (size_t i = 0; i < t->n_concepts; i++)
		if (required_by(c, concept_id, t->concepts[i], 0)) {
			if (prerequisite)
				*prerequisite = true;
			return true;
		}
	return false;
}

static bool
scoped(const view *v, const char *concept_id)
{
	return track_in_scope(v->c, v->t, concept_id, NULL);
}

/* Covered: mastered, skipped, or every drill teaching it passed. */
static bool
covered(const view *v, const char *concept_id)
{
	if (state_concept_mastered(v->st, concept_id) ||
		state_concept_skipped(v->st, concept_id))
		return true;
	for (size_t i = 0; i < v->c->n_drills; i++)
		if (teaches(v->c->drills[i], concept_id) && !drill_passed(v, v->c->drills[i]))
			return false;
	return true;
}

/* The first prerequisite of concept_id that is neither covered nor taught
 * by drill `d` itself (NULL: no drill), or NULL when there is none. */
static const char *
blocked_by(const view *v, const char *concept_id, const drill *d)
{
	const concept *k = catalog_concept(v->c, concept_id);

	if (k == NULL)
		return NULL;
	for (size_t r = 0; r < k->n_requires; r++)
		if (!covered(v, k->requires[r]) && !(d && teaches(d, k->requires[r])))
			return k->requires[r];
	return NULL;
}

/* Teaching order: Kahn's algorithm, always taking the first ready concept
 * in file order.  catalog_load_concepts has rejected cycles; should one
 * slip through, the rest follow in file order.  Returns a malloc'd array
 * of indexes into c->concepts. */
static size_t *
teaching_order(const catalog *c)
{
	size_t *order = xcalloc(c->n_concepts + 1, sizeof(size_t));
	bool *placed = xcalloc(c->n_concepts + 1, sizeof(bool));
	size_t n = 0;

	while (n < c->n_concepts) {
		size_t pick = c->n_concepts;

		for (size_t i = 0; i < c->n_concepts && pick == c->n_concepts; i++) {
			bool ready = !placed[i];

			for (size_t r = 0; ready && r < c->concepts[i].n_requires; r++)
				for (size_t j = 0; j < c->n_concepts; j++)
					if (!placed[j] && strcmp(c->concepts[j].id, c->concepts[i].requires[r]) == 0)
						ready = false;
			if (ready)
				pick = i;
		}
		if (pick == c->n_concepts)   /* a cycle: take the first unplaced */
			for (size_t i = 0; i < c->n_concepts && pick == c->n_concepts; i++)
				if (!placed[i])
					pick = i;
		placed[pick] = true;
		order[n++] = pick;
	}
	free(placed);
	return order;
}

/* The position of a concept in teaching order; unknown concepts after all
 * known ones. */
static size_t
rank_of(const catalog *c, const size_t *order, const char *concept_id)
{
	for (size_t i = 0; i < c->n_concepts; i++)
		if (strcmp(c->concepts[order[i]].id, concept_id) == 0)
			return i;
	return c->n_concepts;
}

static bool
is_candidate(const view *v, const drill *d)
{
	bool something_new = false;

	if (drill_passed(v, d))
		return false;
	for (size_t i = 0; i < d->n_concepts; i++) {
		if (covered(v, d->concepts[i]))
			continue;
		if (scoped(v, d->concepts[i]))
			something_new = true;
		if (blocked_by(v, d->concepts[i], d) != NULL)
			return false;
	}
	return something_new;
}

/* Whether some candidate drill teaches concept_id. */
static bool
reachable(const view *v, const char *concept_id)
{
	for (size_t i = 0; i < v->c->n_drills; i++)
		if (teaches(v->c->drills[i], concept_id) && is_candidate(v, v->c->drills[i]))
			return true;
	return false;
}

/* The concept a candidate is taken for: its latest uncovered concept (of
 * the theme's scope) in teaching order, so a drill combining two concepts
 * comes after the drills of each. */
static size_t
candidate_rank(const view *v, const size_t *order, const drill *d)
{
	size_t best = 0;

	for (size_t i = 0; i < d->n_concepts; i++) {
		size_t r = rank_of(v->c, order, d->concepts[i]);

		if (!covered(v, d->concepts[i]) && scoped(v, d->concepts[i]) && r >= best)
			best = r;
	}
	return best;
}

typedef struct ranked {
	const drill *d;
	size_t rank;
} ranked;

static int
cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->d->difficulty != y->d->difficulty)
		return x->d->difficulty - y->d->difficulty;
	if (x->d->minutes != y->d->minutes)
		return x->d->minutes - y->d->minutes;
	return strcmp(x->d->id, y->d->id);
}

/* Candidates of view v in `next` order; ranks in *ranks when not NULL. */
static size_t
candidates(const view *v, const drill ***out, size_t **ranks)
{
	size_t *order = teaching_order(v->c);
	ranked *r = xcalloc(v->c->n_drills + 1, sizeof(ranked));
	size_t n = 0;

	for (size_t i = 0; i < v->c->n_drills; i++)
		if (is_candidate(v, v->c->drills[i])) {
			r[n].d = v->c->drills[i];
			r[n].rank = candidate_rank(v, order, v->c->drills[i]);
			n++;
		}
	if (n > 1)
		qsort(r, n, sizeof(ranked), cmp_ranked);
	*out = xcalloc(n + 1, sizeof(drill *));
	if (ranks)
		*ranks = xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		(*out)[i] = r[i].d;
		if (ranks)
			(*ranks)[i] = r[i].rank < v->c->n_concepts ? order[r[i].rank] : (size_t) -1;
	}
	free(r);
	free(order);
	return n;
}

size_t
track_candidates(const catalog *c, const state *st, const theme *t, const drill ***out)
{
	view v = {c, st, t, NULL, 0};

	return candidates(&v, out, NULL);
}

const drill *
track_next(const catalog *c, const state *st, const theme *t, const concept **why_concept)
{
	view v = {c, st, t, NULL, 0};
	const drill **list;
	const drill *pick = NULL;
	size_t *ranks = NULL;
	size_t n = candidates(&v, &list, &ranks);

	if (why_concept)
		*why_concept = NULL;
	if (n > 0) {
		pick = list[0];
		if (why_concept && ranks[0] != (size_t) -1)
			*why_concept = &c->concepts[ranks[0]];
	}
	free(ranks);
	free(list);
	return pick;
}

size_t
track_concepts(const catalog *c, const state *st, const theme *th, track_concept **out)
{
	view v = {c, st, th, NULL, 0};
	size_t *order = teaching_order(c);
	size_t n = 0;

	*out = xcalloc(c->n_concepts + 1, sizeof(track_concept));
	for (size_t i = 0; i < c->n_concepts; i++) {
		track_concept *t = &(*out)[n];
		const concept *k = &c->concepts[order[i]];

		if (!track_in_scope(c, th, k->id, &t->prerequisite))
			continue;
		n++;
		t->concept = k;
		for (size_t j = 0; j < c->n_drills; j++)
			if (teaches(c->drills[j], k->id)) {
				t->n_drills++;
				if (drill_passed(&v, c->drills[j]))
					t->n_passed++;
			}
		if (state_concept_mastered(st, k->id))
			t->status = TRACK_MASTERED;
		else if (state_concept_skipped(st, k->id))
			t->status = TRACK_SKIPPED;
		else if (t->n_drills == 0)
			t->status = TRACK_EMPTY;
		else if (covered(&v, k->id))
			t->status = TRACK_DONE;
		else if (t->n_passed > 0 || reachable(&v, k->id) ||
				 blocked_by(&v, k->id, NULL) == NULL)
			t->status = TRACK_OPEN;   /* a passed drill never shows as locked */
		else {
			t->status = TRACK_LOCKED;
			t->blocked_by = blocked_by(&v, k->id, NULL);
		}
	}
	free(order);
	return n;
}

/* More demanding first: difficulty, then minutes, then id (ascending). */
static bool
more_demanding(const drill *a, const drill *b)
{
	if (a->difficulty != b->difficulty)
		return a->difficulty > b->difficulty;
	if (a->minutes != b->minutes)
		return a->minutes > b->minutes;
	return strcmp(a->id, b->id) < 0;
}

static bool
is_plan_reading(const drill *d)
{
	return d->kind && strcmp(d->kind, TRACK_PLACEMENT_KIND) == 0;
}

/* Whether a is a better placement offer than b: a plan-reading drill (a
 * short question set) before any other; among plan-reading drills the
 * shortest, then the most demanding; among the others the most demanding. */
static bool
better_offer(const drill *a, const drill *b)
{
	if (is_plan_reading(a) != is_plan_reading(b))
		return is_plan_reading(a);
	if (is_plan_reading(a) && a->minutes != b->minutes)
		return a->minutes < b->minutes;
	return more_demanding(a, b);
}

size_t
track_placement(const catalog *c, const state *st, const theme *t, track_offer **out)
{
	view v = {c, st, t, NULL, 0};
	size_t *order = teaching_order(c);
	size_t n = 0;

	*out = xcalloc(c->n_concepts + 1, sizeof(track_offer));
	for (size_t i = 0; i < c->n_concepts; i++) {
		const concept *k = &c->concepts[order[i]];
		const drill *best = NULL;

		if (!scoped(&v, k->id) || state_concept_mastered(st, k->id) ||
			state_concept_skipped(st, k->id) || covered(&v, k->id))
			continue;
		for (size_t j = 0; j < c->n_drills; j++) {
			const drill *d = c->drills[j];

			if (teaches(d, k->id) && (best == NULL || better_offer(d, best)))
				best = d;
		}
		if (best) {
			(*out)[n].concept = k;
			(*out)[n].drill = best;
			n++;
		}
	}
	free(order);
	return n;
}

size_t
track_practice(const catalog *c, const state *st, const theme *t, int minutes,
			   const drill ***out)
{
	view v = {c, st, t, NULL, 0};
	int left = minutes;

	v.chosen = xcalloc(c->n_drills + 1, sizeof(drill *));
	for (;;) {
		const drill **list;
		size_t n = candidates(&v, &list, NULL);
		const drill *pick = NULL;

		for (size_t i = 0; i < n && pick == NULL; i++)
			if (list[i]->minutes <= left)
				pick = list[i];
		free(list);
		if (pick == NULL)
			break;
		v.chosen[v.n_chosen++] = pick;
		left -= pick->minutes;
	}
	*out = v.chosen;
	return v.n_chosen;
}
