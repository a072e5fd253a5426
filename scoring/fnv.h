/*
 * fnv.h — 64-bit non-cryptographic hashing (FNV-1a), incremental.
 *
 * (Not "hash_*": libpg_query exports PostgreSQL's hash_bytes, and a function
 * of ours with that name would be called by libpg_query instead of its own;
 * tests/symbols.sh guards against such clashes.)
 *
 * Used for fixture content hashes (to name templates) and for hashing result
 * rows during comparison.  Not for security: a submission cannot choose the
 * fixture files, and a row-hash collision can at worst hide a difference in
 * one row out of 2^64.
 */
#ifndef PGDRILL_FNV_H
#define PGDRILL_FNV_H

#include <stddef.h>
#include <stdint.h>

#define FNV_INIT UINT64_C(0xcbf29ce484222325)

uint64_t fnv_bytes(uint64_t h, const void *data, size_t len);
uint64_t fnv_str(uint64_t h, const char *s);
/* Mix a 64-bit value in (order matters). */
uint64_t fnv_u64(uint64_t h, uint64_t v);
/* 16 lowercase hex digits into out[17]. */
void fnv_hex(uint64_t h, char out[17]);

#endif
