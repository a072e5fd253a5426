/*
 * mutate_time.c — moving a date or timestamp literal by one unit, for the
 * boundary operator of the mutation generator: '2024-03-15' becomes
 * '2024-03-14' and '2024-03-16', and (when the literal may be a timestamp)
 * '2024-03-14 23:59:59', '2024-03-15 00:00:01', '2024-03-14 23:59:59.999999'
 * and '2024-03-15 00:00:00.000001'.  Proleptic Gregorian calendar from
 * year 1 to 9999, as PostgreSQL's; a zone suffix is kept unchanged (the
 * edit moves the local time it qualifies).  Pure; called by mutate_expr.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutate_internal.h"
#include "strbuf.h"

#define USEC_PER_DAY 86400000000LL

/* Days from 0001-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
static long long
days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe;
}

static void
civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = (int) (yoe + era * 400 + (*m <= 2));
}

static int
digits(const char *s, size_t n, size_t at, size_t count)
{
	int v = 0;

	if (at + count > n)
		return -1;
	for (size_t i = at; i < at + count; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

typedef struct stamp {
	long long usec;         /* since 0001-01-01 00:00:00 */
	bool has_time;
	char sep;               /* ' ' or 'T' */
	size_t rest;            /* offset of what follows the time (a zone) */
} stamp;

static bool
parse_stamp(const char *s, size_t n, stamp *st)
{
	int y = digits(s, n, 0, 4), mo = digits(s, n, 5, 2), d = digits(s, n, 8, 2);
	int dim[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t i = 10;

	memset(st, 0, sizeof *st);
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > dim[mo] || s[4] != '-' || s[7] != '-')
		return false;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	st->usec = days_from_civil(y, mo, d) * USEC_PER_DAY;
	st->sep = ' ';
	if (i < n && (s[i] == ' ' || s[i] == 'T') && digits(s, n, i + 1, 2) >= 0) {
		int h = digits(s, n, i + 1, 2), mi = digits(s, n, i + 4, 2), sec = 0;
		long long frac = 0, scale = 100000;

		if (h > 23 || mi < 0 || mi > 59 || s[i + 3] != ':')
			return false;
		st->sep = s[i];
		i += 6;
		if (i < n && s[i] == ':') {
			sec = digits(s, n, i + 1, 2);
			if (sec < 0 || sec > 59)
				return false;
			i += 3;
			if (i < n && s[i] == '.') {
				for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, scale /= 10)
					if (scale > 0)
						frac += (s[i] - '0') * scale;
			}
		}
		st->has_time = true;
		st->usec += ((h * 60LL + mi) * 60 + sec) * 1000000LL + frac;
	}
	st->rest = i;
	/* what follows may only be a zone: blanks, signs, digits, letters, ':' */
	for (size_t k = i; k < n; k++)
		if (!(s[k] == ' ' || s[k] == '+' || s[k] == '-' || s[k] == ':' || s[k] == '/' ||
			  s[k] == '_' || (s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'z') ||
			  (s[k] >= 'A' && s[k] <= 'Z')))
			return false;
	return true;
}

static char *
format_stamp(const stamp *st, long long usec, bool with_time, const char *s, size_t n)
{
	long long days = usec / USEC_PER_DAY, t = usec % USEC_PER_DAY;
	int y, m, d;
	char buf[64];
	int len;

	civil_from_days(days, &y, &m, &d);
	if (y < 1 || y > 9999)
		return NULL;
	len = snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	if (with_time) {
		long long sec = t / 1000000, us = t % 1000000;

		len += snprintf(buf + len, sizeof buf - (size_t) len, "%c%02lld:%02lld:%02lld",
						st->sep, sec / 3600, sec / 60 % 60, sec % 60);
		if (us)
			len += snprintf(buf + len, sizeof buf - (size_t) len, ".%06lld", us);
	}
	return xasprintf("%s%.*s", buf, (int) (n - st->rest), s + st->rest);
}

int
mut_time_shifts(const char *s, size_t n, bool fine, char *out[6], const char *label[6])
{
	static const struct { long long delta; const char *label; bool fine; } shifts[] = {
		{-USEC_PER_DAY, "-1 day", false}, {USEC_PER_DAY, "+1 day", false},
		{-1000000, "-1 s", true}, {1000000, "+1 s", true},
		{-1, "-1 us", true}, {1, "+1 us", true},
	};
	stamp st;
	int k = 0;

	if (n < 10 || !parse_stamp(s, n, &st))
		return 0;
	for (size_t i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
		char *text;

		if (shifts[i].fine && !fine)
			continue;
		text = format_stamp(&st, st.usec + shifts[i].delta,
							st.has_time || shifts[i].fine, s, n);
		if (text == NULL)
			continue;
		out[k] = text;
		label[k++] = shifts[i].label;
	}
	return k;
}

bool
mut_time_has_zone(const char *s, size_t n)
{
	stamp st;

	if (n < 10 || !parse_stamp(s, n, &st))
		return false;
	for (size_t k = st.rest; k < n; k++)
		if (s[k] != ' ')
			return true;
	return false;
}
