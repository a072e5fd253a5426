/*
 * render.h — the plan as a picture for a terminal: an indented tree, a line
 * per node, with bars for each node's share of exclusive time and of
 * buffers, the hottest node marked (or, raw, only what EXPLAIN reports).
 *
 * Pure: returns text; the caller decides colour (the CLI: only on a TTY
 * and never with NO_COLOR) and the width (the terminal's, or 0).  Called
 * by `pgdrill explain` and by check/show.
 */
#ifndef PGDRILL_PLAN_RENDER_H
#define PGDRILL_PLAN_RENDER_H

#include <stdbool.h>

#include "plan/plan.h"

/*
 * Draw `p`.  With `color`, ANSI colours (bars, the hottest node in bold
 * red, never-executed nodes dim); without, plain text with the same
 * layout.  `width` > 0 cuts each line to that many columns (ending in
 * "…"); 0 or less means no limit.  Columns shown depend on what the plan
 * has: time (ANALYZE with timing), buffers (BUFFERS), else the planner's
 * cost.  Returns malloc'd UTF-8 text (caller frees); "" for a NULL plan.
 */
char *plan_render(const plan *p, bool color, int width);

/* Flags of plan_render_flags. */
enum {
	/* Only what EXPLAIN itself reports: no derived columns (self time, self
	 * buffers, self cost) and no hottest-node marker.  For plan-reading
	 * drills, whose questions ask the learner to derive exactly those. */
	PLAN_RENDER_RAW = 1u << 0,
};

/* plan_render with flags (PLAN_RENDER_*); plan_render is flags 0. */
char *plan_render_flags(const plan *p, bool color, int width, unsigned flags);

#endif
