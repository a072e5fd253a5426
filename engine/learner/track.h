/*
 * track.h — the learner's path through the catalogue: which concepts are
 * done, open or locked, which drill comes next, which drills a placement
 * offers and which drills fit a timeboxed practice session.
 *
 * Pure selection logic: inputs are the loaded catalogue (drills and the
 * concept graph) and the learner state; no I/O, no clock, no printing.  The
 * CLI (cli_track.c, cli_next.c, cli_placement.c, cli_practice.c) loads the
 * inputs and prints the answers.  The rules (docs/learner.md):
 *   - concepts are taught in topological order of "requires", ties in the
 *     order of drills/concepts.json;
 *   - a concept is covered when mastered, skipped, or every drill teaching it
 *     is passed; a concept without drills is covered;
 *   - a drill is a candidate when it is not passed, teaches at least one
 *     concept that is not covered, and each such concept has every
 *     prerequisite covered or taught by the drill itself (drills commonly
 *     list the basic concept they build on next to the one they teach);
 *   - so a skipped or mastered concept leaves out the drills that teach
 *     nothing else, and unlocks the concepts that require it;
 *   - a candidate is taken for its latest uncovered concept in teaching
 *     order (a drill combining two concepts comes after the drills of each);
 *   - a concept with a passed drill is open (in progress) until done, never
 *     locked: track must not contradict a pass;
 *   - `next` is the first candidate of the first concept (in teaching order)
 *     that has one, easiest first (difficulty, then minutes, then id);
 *   - a theme (concepts.json "themes", NULL: none) restricts every choice
 *     to its scope: the theme's concepts and the prerequisites they need,
 *     direct or not.  A candidate must teach an uncovered concept of the
 *     scope; placement offers only for concepts of the scope; track lists
 *     only them, prerequisites marked as such.
 */
#ifndef PGDRILL_TRACK_H
#define PGDRILL_TRACK_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "learner/state.h"

typedef enum track_status {
	TRACK_MASTERED = 0,  /* marked mastered (placement) */
	TRACK_SKIPPED,       /* skipped by the learner */
	TRACK_DONE,          /* covered by passed drills */
	TRACK_EMPTY,         /* no drill teaches it yet (covered) */
	TRACK_OPEN,          /* a candidate teaches it, its prerequisites are covered,
						  * or one of its drills is passed (started) */
	TRACK_LOCKED         /* a prerequisite is not covered, no candidate teaches it
						  * and none of its drills is passed */
} track_status;

typedef struct track_concept {
	const concept *concept;
	bool prerequisite;        /* with a theme: in scope only as a prerequisite */
	track_status status;
	size_t n_drills;          /* drills teaching it */
	size_t n_passed;          /* of which passed */
	const char *blocked_by;   /* LOCKED: the first uncovered prerequisite */
} track_concept;

/* "mastered", "skipped", "done", "empty", "open", "locked". */
const char *track_status_name(track_status s);

/* The kind placement prefers (a short question set on a real plan). */
#define TRACK_PLACEMENT_KIND "plan-reading"

/* Whether concept_id is in the scope of theme t (NULL: every concept is):
 * listed by the theme, or a prerequisite (direct or not) of a concept it
 * lists; *prerequisite (may be NULL) says it is only the latter. */
bool track_in_scope(const catalog *c, const theme *t, const char *concept_id,
					bool *prerequisite);

/* Every concept of c (of theme t's scope; t NULL: all) in teaching order
 * with its status.  Returns the count; *out is a malloc'd array (caller
 * frees; its pointers point into c). */
size_t track_concepts(const catalog *c, const state *st, const theme *t,
					  track_concept **out);

/* The next drill (of theme t's scope; NULL: any), or NULL when no candidate
 * is left (everything covered or skipped).  *why_concept (may be NULL)
 * receives the concept it was chosen for. */
const drill *track_next(const catalog *c, const state *st, const theme *t,
						const concept **why_concept);

/* Every candidate (of theme t's scope) in the order `next` takes them.
 * Returns the count; *out is a malloc'd array of pointers into c (caller
 * frees the array). */
size_t track_candidates(const catalog *c, const state *st, const theme *t,
						const drill ***out);

typedef struct track_offer {
	const concept *concept;
	const drill *drill;
} track_offer;

/*
 * Placement: for every concept (of theme t's scope) that is not mastered,
 * skipped or done, in teaching order, one drill teaching it: a plan-reading
 * drill when one teaches it (the shortest, then the most demanding), else
 * its most demanding drill (highest difficulty, then most minutes, then
 * id).  Concepts without drills are left out.  Returns the count; *out
 * malloc'd.
 */
size_t track_placement(const catalog *c, const state *st, const theme *t,
					   track_offer **out);

/*
 * A practice session of at most `minutes`: candidates in `next` order, each
 * taken when its minutes fit in what is left, and treated as passed for the
 * choices after it (so a finished concept unlocks the next).  Returns the
 * count; *out malloc'd (pointers into c).  0 when nothing fits.
 */
size_t track_practice(const catalog *c, const state *st, const theme *t, int minutes,
					  const drill ***out);

#endif
