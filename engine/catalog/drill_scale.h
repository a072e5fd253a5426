/*
 * drill_scale.h — the scale a command runs a drill at, and the drill's
 * refusal of scales its lesson does not hold at.
 *
 * A fixture grows linearly with --scale (docs/fixture-format.md), and most
 * drills' lessons hold at any size (bench/scale.sh proves them at 10).  A
 * few name rows or figures of the data at the default size: the 200,000th
 * order as a page key, a plan's row counts in a question.  Such a drill
 * declares "scale_limit" in drill.json, and every command that builds or
 * grades it asks here first, so a learner at a larger scale gets a clear
 * refusal rather than a verdict against a reference that does not apply.
 */
#ifndef PGDRILL_DRILL_SCALE_H
#define PGDRILL_DRILL_SCALE_H

#include <stdbool.h>

#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "error.h"

/* The scale to run d at: `asked` (--scale or PGDRILL_SCALE; 0 when neither
 * is given) or else f's default, into *scale.  False with ERROR_USAGE,
 * naming the limit and the drill's reason, when it is above d's
 * scale_limit. */
bool drill_scale(const drill *d, const fixture *f, double asked, double *scale,
				 error *err);

#endif
