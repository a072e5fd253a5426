/*
 * fnv.c — FNV-1a 64 (see fnv.h).
 */
#include "fnv.h"

#include <stdio.h>
#include <string.h>

#define FNV_PRIME UINT64_C(0x100000001b3)

uint64_t
fnv_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

uint64_t
fnv_str(uint64_t h, const char *s)
{
	return fnv_bytes(h, s, strlen(s));
}

uint64_t
fnv_u64(uint64_t h, uint64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char) (v >> (8 * i));
	return fnv_bytes(h, b, sizeof b);
}

void
fnv_hex(uint64_t h, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long) h);
}
