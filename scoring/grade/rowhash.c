/*
 * rowhash.c — canonical hashing of result values and rows (see compare.h).
 *
 * Turns the text of one result row, as libpq delivers it, into a 64-bit hash
 * such that two rows that mean the same thing hash alike: float4, float8 and
 * numeric values are rounded to COMPARE_FLOAT_DIGITS significant digits on
 * their decimal text (no strtod: exact, locale-free, no overflow for
 * numerics beyond double's range), -0 equals 0, and NaN / ±Infinity have one
 * spelling each; every other type is compared by its exact text.  NULL is a
 * distinct tag, never a string, and every value is length-prefixed so that
 * column boundaries cannot shift ("ab","c" differs from "a","bc").
 *
 * It does not compare anything or keep rows: compare.c builds digests from
 * these hashes.  Called by compare.c and, through compare_row_hash, by the
 * engine when it re-finds a row named in a verdict.  Pure.
 */
#include "compare.h"

#include <string.h>

#include "fnv.h"

/* Type OIDs (pg_type.dat): the ones compared numerically. */
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

/* Tags that start each value's contribution to a hash. */
#define TAG_NULL 'N'
#define TAG_VALUE 'V'
#define TAG_BAD_KEY 'K'

/* Exponents beyond this are clamped: no numeric reaches them, and clamping
 * keeps the arithmetic far away from overflow. */
#define EXPONENT_CLAMP 1000000000LL

bool
compare_type_is_float(uint32_t type_oid)
{
	return type_oid == OID_FLOAT4 || type_oid == OID_FLOAT8 || type_oid == OID_NUMERIC;
}

/* Case-insensitive: is s[0..n) exactly the NUL-terminated lowercase word? */
static bool
word_equals(const char *s, size_t n, const char *word)
{
	size_t wn = strlen(word);

	if (n != wn)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != word[i])
			return false;
	}
	return true;
}

/* Parse an optional sign and digits of an exponent at s[0..n); clamps. */
static bool
parse_exponent(const char *s, size_t n, long long *exp)
{
	size_t i = 0;
	bool neg = false;
	long long v = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v < EXPONENT_CLAMP)
			v = v * 10 + (s[i] - '0');
	}
	*exp = neg ? -v : v;
	return true;
}

/* Write "[-]d[.ddd]e<exp>" into out (COMPARE_CANON_MAX bytes suffice:
 * sign, 12 digits, point, 'e', sign, 19 exponent digits, NUL). */
static void
write_canonical(char *out, bool neg, const char *digits, size_t nsig, long long exp)
{
	char tmp[24];
	int t = 0;
	unsigned long long m = exp < 0 ? (unsigned long long) -exp : (unsigned long long) exp;

	if (neg)
		*out++ = '-';
	*out++ = digits[0];
	if (nsig > 1) {
		*out++ = '.';
		memcpy(out, digits + 1, nsig - 1);
		out += nsig - 1;
	}
	*out++ = 'e';
	if (exp < 0)
		*out++ = '-';
	do {
		tmp[t++] = (char) ('0' + m % 10);
		m /= 10;
	} while (m > 0);
	while (t > 0)
		*out++ = tmp[--t];
	*out = '\0';
}

bool
compare_canonical_float(const char *text, size_t len, char *out, size_t outsize)
{
	return compare_canonical_float_at(text, len, COMPARE_FLOAT_DIGITS, out, outsize);
}

bool
compare_canonical_float_at(const char *text, size_t len, int ndigits, char *out,
						   size_t outsize)
{
	/* value = 0.d1 d2 d3 ... × 10^(e10 + exp), d1 != 0; written d1.d2... */
	char digits[COMPARE_FLOAT_DIGITS + 1];
	const size_t keep = ndigits < 1 ? 1 : ndigits > COMPARE_FLOAT_DIGITS
		? COMPARE_FLOAT_DIGITS : (size_t) ndigits;
	size_t nsig = 0, i = 0;
	long long e10 = 0, exp = 0;
	bool neg = false, seen_point = false, any_digit = false;
	int round_digit = 0;

	if (outsize < COMPARE_CANON_MAX)
		return false;
	if (i < len && (text[i] == '+' || text[i] == '-'))
		neg = text[i++] == '-';
	if (word_equals(text + i, len - i, "nan")) {
		strcpy(out, "NaN");
		return true;
	}
	if (word_equals(text + i, len - i, "infinity") || word_equals(text + i, len - i, "inf")) {
		strcpy(out, neg ? "-Infinity" : "Infinity");
		return true;
	}
	for (; i < len; i++) {
		char c = text[i];

		if (c >= '0' && c <= '9') {
			any_digit = true;
			if (nsig == 0 && c == '0') {
				if (seen_point)
					e10--;
				continue;
			}
			if (!seen_point)
				e10++;
			if (nsig < keep)
				digits[nsig] = c;
			else if (nsig == keep)
				round_digit = c - '0';
			nsig++;
		} else if (c == '.' && !seen_point) {
			seen_point = true;
		} else if ((c == 'e' || c == 'E') && any_digit) {
			if (!parse_exponent(text + i + 1, len - i - 1, &exp))
				return false;
			break;
		} else {
			return false;
		}
	}
	if (!any_digit)
		return false;
	if (nsig == 0) {
		strcpy(out, "0");
		return true;
	}
	if (nsig > keep)
		nsig = keep;
	/* Round half away from zero: the sign is applied afterwards, so -x
	 * canonicalises to the negation of x. */
	if (round_digit >= 5) {
		size_t k = nsig;

		while (k > 0 && digits[k - 1] == '9')
			digits[--k] = '0';
		if (k == 0) {
			digits[0] = '1';
			nsig = 1;
			e10++;
		} else {
			digits[k - 1]++;
		}
	}
	while (nsig > 1 && digits[nsig - 1] == '0')
		nsig--;

	write_canonical(out, neg, digits, nsig, e10 + exp - 1);
	return true;
}

/* Mix one value (NULL pointer = SQL NULL) of the given type into h, a
 * float rounded to `ndigits` significant digits. */
static uint64_t
hash_value(uint64_t h, uint32_t type_oid, const char *value, int len, int ndigits)
{
	size_t n;
	char canon[COMPARE_CANON_MAX];

	if (value == NULL) {
		unsigned char tag = TAG_NULL;

		return fnv_bytes(h, &tag, 1);
	}
	n = len < 0 ? strlen(value) : (size_t) len;
	if (compare_type_is_float(type_oid) &&
		compare_canonical_float_at(value, n, ndigits, canon, sizeof canon)) {
		value = canon;
		n = strlen(canon);
	}
	{
		unsigned char tag = TAG_VALUE;

		h = fnv_bytes(h, &tag, 1);
	}
	h = fnv_u64(h, (uint64_t) n);
	return fnv_bytes(h, value, n);
}

uint64_t
compare_row_hash(int ncols, const uint32_t *col_types,
				 const char *const *values, const int *lens)
{
	return compare_row_hash_at(ncols, col_types, values, lens, COMPARE_FLOAT_DIGITS);
}

uint64_t
compare_row_hash_at(int ncols, const uint32_t *col_types, const char *const *values,
					const int *lens, int ndigits)
{
	uint64_t h = fnv_u64(FNV_INIT, (uint64_t) (ncols < 0 ? 0 : ncols));

	for (int i = 0; i < ncols; i++)
		h = hash_value(h, col_types[i], values[i], lens ? lens[i] : -1, ndigits);
	return h;
}

uint64_t
compare_key_hash(int ncols, const uint32_t *col_types,
				 const char *const *values, const int *lens,
				 const int *key_cols, int nkeys)
{
	uint64_t h = fnv_u64(FNV_INIT, (uint64_t) (nkeys < 0 ? 0 : nkeys));

	for (int k = 0; k < nkeys; k++) {
		int c = key_cols[k];

		if (c < 0 || c >= ncols) {
			unsigned char tag = TAG_BAD_KEY;

			h = fnv_bytes(h, &tag, 1);
			continue;
		}
		h = hash_value(h, col_types[c], values[c], lens ? lens[c] : -1,
					   COMPARE_FLOAT_DIGITS);
	}
	return h;
}
