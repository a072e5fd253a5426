/*
 * drill_scale.c — the scale a command runs a drill at (see drill_scale.h).
 */
#include "catalog/drill_scale.h"

bool
drill_scale(const drill *d, const fixture *f, double asked, double *scale, error *err)
{
	*scale = fixture_scale(f, asked);
	if (d->scale_limit.max > 0 && *scale > d->scale_limit.max) {
		error_set(err, ERROR_USAGE, "drill %s holds only up to --scale %g, not %g: %s",
				  d->id, d->scale_limit.max, *scale, d->scale_limit.why);
		error_hint(err, "Run it at --scale %g or below (the fixture's default is %g; "
				   "PGDRILL_SCALE also sets the scale).", d->scale_limit.max,
				   f->default_scale);
		return false;
	}
	return true;
}
