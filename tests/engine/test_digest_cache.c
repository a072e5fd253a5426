/*
 * test_digest_cache.c — unit tests for engine/grading/digest_cache.c: a
 * change of any part of the key (pgdrill's version, the server, its
 * version, each dataset's template, the slow query's text, a pinned
 * setting's name or value, each limit, the ORDER BY keys) makes another key
 * and misses; the same key hits and reads back every member of every
 * digest; a file that is truncated, padded or stored under another key text
 * (a hash collision) is a miss.  No server: digests are built by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "grading/digest_cache.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "strbuf.h"

/* A digest of two int/text columns, ordered by the first. */
static result_digest *
sample_digest(int rows, bool named)
{
	const uint32_t types[2] = {23, 25};
	const int keys[1] = {0};
	result_digest *d = result_digest_new(2, types, keys, 1);
	const char *const names[2] = {"integer", "text"};

	if (named)
		result_digest_set_type_names(d, names);
	for (int i = 0; i < rows; i++) {
		char a[16], b[16];
		const char *v[2] = {a, i == 3 ? NULL : b};
		int lens[2];

		snprintf(a, sizeof a, "%d", i);
		snprintf(b, sizeof b, "row %d", i);
		lens[0] = (int) strlen(a);
		lens[1] = (int) strlen(b);
		result_digest_add(d, v, lens);
	}
	return d;
}

typedef struct base {
	drill d;
	drill_setting settings[1];
	int keys[2];
	digest_cache_key k;
} base;

static void
base_init(base *b)
{
	memset(b, 0, sizeof *b);
	b->settings[0] = (drill_setting) {"enable_seqscan", "off"};
	b->d.slow_sql = "SELECT 1";
	b->d.settings = b->settings;
	b->d.n_settings = 1;
	b->d.timeout_s = 10;
	b->d.limits = (drill_limits) {1000, 100000, 4096, 0};
	b->keys[0] = 0;
	b->k = (digest_cache_key) {"0.1.0", "host=/tmp/x dbname=postgres", 150004,
		{"pgdrill_t_shop_1_1_abc", "pgdrill_t_shop_2_1_abc", NULL}, &b->d, b->keys, 1};
}

static void
test_every_key_part_counts(void **state)
{
	base b, v;
	char *ref, *other;
	static drill_setting renamed = {"enable_indexscan", "off"};
	static drill_setting revalued = {"enable_seqscan", "on"};
	int n_variants = 15;

	(void) state;
	base_init(&b);
	ref = digest_cache_key_text(&b.k);
	other = digest_cache_key_text(&b.k);
	assert_string_equal(ref, other);   /* deterministic */
	free(other);
	for (int i = 0; i < n_variants; i++) {
		base_init(&v);
		v.k.d = &v.d;
		v.k.key_cols = v.keys;
		switch (i) {
		case 0: v.k.version = "0.1.1"; break;
		case 1: v.k.server = "host=/tmp/y dbname=postgres"; break;
		case 2: v.k.server_version = 160000; break;
		case 3: v.k.templates[0] = "pgdrill_t_shop_1_1_abd"; break;
		case 4: v.k.templates[1] = "pgdrill_t_shop_2_10_abc"; break;
		case 5: v.k.templates[2] = "pgdrill_t_e_shop_x"; break;
		case 6: v.d.slow_sql = "SELECT 1 "; break;
		case 7: v.settings[0] = renamed; break;
		case 8: v.settings[0] = revalued; break;
		case 9: v.d.limits.max_rows = 1001; break;
		case 10: v.d.limits.max_bytes = 100001; break;
		case 11: v.d.limits.work_mem_kb = 8192; break;
		case 12: v.d.timeout_s = 11; break;
		case 13: v.keys[0] = 1; break;
		case 14: v.k.nkeys = 0; break;
		}
		other = digest_cache_key_text(&v.k);
		if (strcmp(ref, other) == 0)
			fail_msg("key part %d does not change the key", i);
		free(other);
	}
	/* a value cannot run into the next part: moving a character between
	 * the slow query and a setting changes the key */
	base_init(&v);
	v.k.d = &v.d;
	v.k.key_cols = v.keys;
	v.d.n_settings = 0;
	v.d.slow_sql = "SELECT 1\nsetting=14:enable_seqscan";
	other = digest_cache_key_text(&v.k);
	assert_string_not_equal(ref, other);
	free(other);
	free(ref);
}

static char *
make_dir(void)
{
	char *dir = xstrdup("/tmp/pgdrill-digests-XXXXXX");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static void
remove_dir(char *dir)
{
	error err;

	assert_true(fileio_remove_tree(dir, &err));
	free(dir);
}

/* The one file in dir (malloc'd path). */
static char *
only_file(const char *dir)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	char *path = NULL;

	assert_non_null(dh);
	while ((e = readdir(dh)) != NULL)
		if (e->d_name[0] != '.') {
			assert_null(path);
			path = paths_join(dir, e->d_name);
		}
	closedir(dh);
	assert_non_null(path);
	return path;
}

static void
test_round_trip_and_misses(void **state)
{
	char *dir = make_dir();
	base b, v;
	char *key, *key2, *path, *data;
	result_digest *in[DIGEST_CACHE_DATASETS] = {sample_digest(5, true), sample_digest(7, false),
		NULL};
	result_digest *out[DIGEST_CACHE_DATASETS] = {NULL};
	error err;
	size_t len;

	(void) state;
	base_init(&b);
	key = digest_cache_key_text(&b.k);
	assert_false(digest_cache_load(dir, key, out));      /* empty: a miss */
	assert_true(digest_cache_store(dir, key, in, &err));
	assert_true(digest_cache_load(dir, key, out));
	for (int i = 0; i < 2; i++) {
		assert_non_null(out[i]);
		assert_int_equal(out[i]->ncols, in[i]->ncols);
		assert_memory_equal(out[i]->col_types, in[i]->col_types, 2 * sizeof(uint32_t));
		assert_int_equal(out[i]->nkeys, 1);
		assert_int_equal(out[i]->key_cols[0], 0);
		assert_int_equal(out[i]->nrows, in[i]->nrows);
		assert_memory_equal(out[i]->row_hashes, in[i]->row_hashes,
							in[i]->nrows * sizeof(uint64_t));
		assert_memory_equal(out[i]->key_hashes, in[i]->key_hashes,
							in[i]->nrows * sizeof(uint64_t));
		assert_int_equal(compare_digests(in[i], out[i], true).outcome, COMPARE_SAME);
	}
	assert_string_equal(out[0]->col_type_names[1], "text");
	assert_null(out[1]->col_type_names);
	assert_null(out[2]);
	for (int i = 0; i < DIGEST_CACHE_DATASETS; i++) {
		result_digest_free(out[i]);
		out[i] = NULL;
	}

	/* another key: a miss */
	base_init(&v);
	v.k.d = &v.d;
	v.k.key_cols = v.keys;
	v.d.slow_sql = "SELECT 2";
	key2 = digest_cache_key_text(&v.k);
	assert_false(digest_cache_load(dir, key2, out));

	/* the file holds its key text: copied under another key's name (a
	 * hash collision), it is a miss */
	path = only_file(dir);
	data = fileio_read(path, 1 << 20, &len, &err);
	assert_non_null(data);
	{
		char *moved;

		assert_true(digest_cache_store(dir, key2, in, &err));
		remove(path);
		moved = only_file(dir);
		assert_int_equal(rename(moved, path), 0);  /* key2's file under key's name */
		assert_false(digest_cache_load(dir, key, out));
		free(moved);
	}
	/* truncated, padded: misses; intact: a hit again */
	assert_true(fileio_write_atomic(path, data, len - 1, 0600, &err));
	assert_false(digest_cache_load(dir, key, out));
	{
		char *padded = xcalloc(len + 1, 1);

		memcpy(padded, data, len);
		assert_true(fileio_write_atomic(path, padded, len + 1, 0600, &err));
		assert_false(digest_cache_load(dir, key, out));
		free(padded);
	}
	assert_true(fileio_write_atomic(path, data, len, 0600, &err));
	assert_true(digest_cache_load(dir, key, out));
	for (int i = 0; i < DIGEST_CACHE_DATASETS; i++) {
		result_digest_free(out[i]);
		result_digest_free(in[i]);
	}
	free(data);
	free(path);
	free(key);
	free(key2);
	remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key_part_counts),
		cmocka_unit_test(test_round_trip_and_misses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
