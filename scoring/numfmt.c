/*
 * numfmt.c — counts with thousands separators (see numfmt.h).
 */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>

const char *
numfmt_count(double v, char buf[32])
{
	char digits[32];
	int len, out = 0;

	if (!isfinite(v) || v < 0)
		v = 0;
	if (v > 9e17)
		v = 9e17;
	len = snprintf(digits, sizeof digits, "%.0f", v);
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[out++] = ',';
		buf[out++] = digits[i];
	}
	buf[out] = '\0';
	return buf;
}
