/*
 * digest_cache.c — the slow query's row digests kept in the cache directory
 * (see digest_cache.h for what is cached and what the key holds).
 *
 * File format (native byte order: a cache belongs to one machine):
 *   "pgdrill digests <format>\n", the key text's length (u64) and the text,
 *   then per dataset a presence byte and, when present: ncols (i32), the
 *   column type OIDs (u32 each), per column a type name (i32 length, -1 for
 *   none, then the bytes), nkeys (i32), the key columns (i32 each), nrows
 *   (u64), the row hashes (u64 each) and, when nkeys > 0, the key hashes.
 */
#include "grading/digest_cache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "strbuf.h"

/* A part of the key: its name and length, so no value can run into the
 * next one. */
static void
key_part(strbuf *sb, const char *name, const char *value)
{
	if (value == NULL)
		value = "(none)";
	strbuf_printf(sb, "%s=%zu:", name, strlen(value));
	strbuf_append(sb, value);
	strbuf_append_char(sb, '\n');
}

char *
digest_cache_key_text(const digest_cache_key *k)
{
	strbuf sb = STRBUF_INIT;
	const drill *d = k->d;

	strbuf_printf(&sb, "format=%d\n", DIGEST_CACHE_FORMAT);
	key_part(&sb, "version", k->version);
	key_part(&sb, "server", k->server);
	strbuf_printf(&sb, "server_version=%d\n", k->server_version);
	for (int i = 0; i < DIGEST_CACHE_DATASETS; i++) {
		char name[32];

		snprintf(name, sizeof name, "template%d", i);
		key_part(&sb, name, k->templates[i]);
	}
	key_part(&sb, "slow_sql", d->slow_sql);
	for (size_t i = 0; i < d->n_settings; i++) {
		key_part(&sb, "setting", d->settings[i].name);
		key_part(&sb, "value", d->settings[i].value);
	}
	strbuf_printf(&sb, "limits=%zu,%zu,%d,%d,%.17g\n", d->limits.max_rows,
				  d->limits.max_bytes, d->limits.work_mem_kb, d->limits.temp_file_limit_kb,
				  d->timeout_s);
	strbuf_printf(&sb, "keys=%d:", k->nkeys);
	for (int i = 0; i < k->nkeys; i++)
		strbuf_printf(&sb, "%d,", k->key_cols[i]);
	strbuf_append_char(&sb, '\n');
	return strbuf_steal(&sb);
}

char *
digest_cache_dir(error *err)
{
	char *cache = paths_cache_dir(err);
	char *dir;

	if (cache == NULL)
		return NULL;
	dir = paths_join(cache, "digests");
	free(cache);
	return dir;
}

static char *
file_of(const char *dir, const char *key_text)
{
	char hex[17], name[32];

	fnv_hex(fnv_str(FNV_INIT, key_text), hex);
	snprintf(name, sizeof name, "%s.bin", hex);
	return paths_join(dir, name);
}

/* ---- writing ---- */

static void
put(strbuf *sb, const void *p, size_t n)
{
	strbuf_append_len(sb, (const char *) p, n);
}

static void
put_i32(strbuf *sb, int32_t v)
{
	put(sb, &v, sizeof v);
}

static void
put_u64(strbuf *sb, uint64_t v)
{
	put(sb, &v, sizeof v);
}

bool
digest_cache_store(const char *dir, const char *key_text,
				   result_digest *const in[DIGEST_CACHE_DATASETS], error *err)
{
	strbuf sb = STRBUF_INIT;
	char *path;
	bool ok;

	strbuf_printf(&sb, "pgdrill digests %d\n", DIGEST_CACHE_FORMAT);
	put_u64(&sb, strlen(key_text));
	put(&sb, key_text, strlen(key_text));
	for (int i = 0; i < DIGEST_CACHE_DATASETS; i++) {
		const result_digest *dg = in[i];
		char present = dg != NULL;

		put(&sb, &present, 1);
		if (!present)
			continue;
		put_i32(&sb, dg->ncols);
		put(&sb, dg->col_types, (size_t) dg->ncols * sizeof *dg->col_types);
		for (int c = 0; c < dg->ncols; c++) {
			const char *name = dg->col_type_names ? dg->col_type_names[c] : NULL;

			put_i32(&sb, name ? (int32_t) strlen(name) : -1);
			if (name)
				put(&sb, name, strlen(name));
		}
		put_i32(&sb, dg->nkeys);
		for (int c = 0; c < dg->nkeys; c++)
			put_i32(&sb, dg->key_cols[c]);
		put_u64(&sb, dg->nrows);
		put(&sb, dg->row_hashes, dg->nrows * sizeof *dg->row_hashes);
		if (dg->nkeys > 0)
			put(&sb, dg->key_hashes, dg->nrows * sizeof *dg->key_hashes);
	}
	ok = paths_mkdir_p(dir, 0700, err);
	path = file_of(dir, key_text);
	ok = ok && fileio_write_atomic(path, sb.data ? sb.data : "", sb.len, 0600, err);
	free(path);
	strbuf_free(&sb);
	return ok;
}

/* ---- reading ---- */

typedef struct reader {
	const char *p, *end;
	bool ok;
} reader;

static void
get(reader *r, void *dst, size_t n)
{
	if (!r->ok || (size_t) (r->end - r->p) < n) {
		r->ok = false;
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, r->p, n);
	r->p += n;
}

static int32_t
get_i32(reader *r)
{
	int32_t v;

	get(r, &v, sizeof v);
	return v;
}

static uint64_t
get_u64(reader *r)
{
	uint64_t v;

	get(r, &v, sizeof v);
	return v;
}

/* One digest, or NULL when the data is short or out of bounds. */
static result_digest *
get_digest(reader *r)
{
	int32_t ncols = get_i32(r), nkeys;
	uint32_t *types;
	char **names;
	int *keys;
	uint64_t nrows;
	result_digest *dg = NULL;
	size_t left;

	if (!r->ok || ncols < 0 || ncols > 100000)
		return NULL;
	types = xcalloc((size_t) ncols + 1, sizeof *types);
	names = xcalloc((size_t) ncols + 1, sizeof *names);
	get(r, types, (size_t) ncols * sizeof *types);
	for (int c = 0; c < ncols && r->ok; c++) {
		int32_t len = get_i32(r);

		if (len < -1 || len > 1024 || !r->ok) {
			r->ok = false;
			break;
		}
		if (len >= 0) {
			names[c] = xcalloc((size_t) len + 1, 1);
			get(r, names[c], (size_t) len);
		}
	}
	nkeys = get_i32(r);
	if (!r->ok || nkeys < 0 || nkeys > ncols + 1000)
		r->ok = false;
	keys = xcalloc((size_t) (r->ok ? nkeys : 0) + 1, sizeof *keys);
	for (int c = 0; r->ok && c < nkeys; c++)
		keys[c] = get_i32(r);
	nrows = get_u64(r);
	left = (size_t) (r->end - r->p);
	if (r->ok && nrows <= left / sizeof(uint64_t) / (nkeys > 0 ? 2 : 1)) {
		dg = result_digest_new(ncols, types, keys, nkeys);
		bool any_name = false;

		for (int c = 0; c < ncols; c++)
			any_name = any_name || names[c] != NULL;
		if (any_name)
			result_digest_set_type_names(dg, (const char *const *) names);
		dg->cap = dg->nrows = (size_t) nrows;
		dg->row_hashes = xcalloc((size_t) nrows + 1, sizeof *dg->row_hashes);
		get(r, dg->row_hashes, (size_t) nrows * sizeof *dg->row_hashes);
		if (nkeys > 0) {
			dg->key_hashes = xcalloc((size_t) nrows + 1, sizeof *dg->key_hashes);
			get(r, dg->key_hashes, (size_t) nrows * sizeof *dg->key_hashes);
		}
	} else
		r->ok = false;
	for (int c = 0; c < ncols; c++)
		free(names[c]);
	free(names);
	free(types);
	free(keys);
	if (!r->ok) {
		result_digest_free(dg);
		return NULL;
	}
	return dg;
}

bool
digest_cache_load(const char *dir, const char *key_text,
				  result_digest *out[DIGEST_CACHE_DATASETS])
{
	char *path = file_of(dir, key_text);
	char header[64];
	size_t len = 0, hlen;
	error ignored;
	char *data;
	reader r;
	result_digest *got[DIGEST_CACHE_DATASETS] = {NULL};
	uint64_t klen;

	data = fileio_exists(path) ? fileio_read(path, (size_t) 1 << 31, &len, &ignored) : NULL;
	free(path);
	if (data == NULL)
		return false;
	snprintf(header, sizeof header, "pgdrill digests %d\n", DIGEST_CACHE_FORMAT);
	hlen = strlen(header);
	r = (reader) {data, data + len, len >= hlen && memcmp(data, header, hlen) == 0};
	r.p += r.ok ? hlen : 0;
	klen = get_u64(&r);
	if (r.ok && (klen != strlen(key_text) || (size_t) (r.end - r.p) < klen ||
				 memcmp(r.p, key_text, klen) != 0))
		r.ok = false;
	r.p += r.ok ? klen : 0;
	for (int i = 0; r.ok && i < DIGEST_CACHE_DATASETS; i++) {
		char present = 0;

		get(&r, &present, 1);
		if (r.ok && present)
			got[i] = get_digest(&r);
	}
	if (r.ok && r.p != r.end)
		r.ok = false;       /* trailing bytes: not a file this code wrote */
	free(data);
	if (!r.ok) {
		for (int i = 0; i < DIGEST_CACHE_DATASETS; i++)
			result_digest_free(got[i]);
		return false;
	}
	for (int i = 0; i < DIGEST_CACHE_DATASETS; i++)
		out[i] = got[i];
	return true;
}
