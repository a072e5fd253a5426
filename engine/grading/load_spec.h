/*
 * load_spec.h — what a load drill asks for: its endpoints (pgbench scripts
 * under the drill folder), the workload (clients, threads, rate, duration,
 * rounds, connection per request) and the pool of the drill as shipped,
 * read from drill.json's "load" object (docs/drill-format.md, docs/load.md).
 *
 * Every endpoint script is parsed and every statement analysed here
 * (scoring/load/workload.h), so a drill that loads can be run.  It does not
 * run anything; load_check.c does.
 */
#ifndef PGDRILL_LOAD_SPEC_H
#define PGDRILL_LOAD_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "load/load.h"
#include "load/workload.h"

#define LOAD_MAX_ENDPOINTS 8
#define LOAD_MAX_ROUNDS 10

typedef struct load_endpoint {
	char *name;               /* [A-Za-z_][A-Za-z0-9_]* */
	char *file;               /* relative to the drill folder */
	int weight;               /* 1 .. 1000 */
	load_script script;       /* .transaction from the endpoint's
								 "transaction" (default false) */
} load_endpoint;

typedef struct load_spec {
	load_endpoint endpoints[LOAD_MAX_ENDPOINTS];
	size_t n_endpoints;
	int clients;              /* pgbench -c, 1 .. 64 */
	int threads;              /* pgbench -j, 1 .. clients */
	double rate;              /* transactions per second, all clients (> 0) */
	int duration_s;           /* per round and variant, 1 .. 30 */
	int rounds;               /* 1 .. LOAD_MAX_ROUNDS */
	double latency_limit_ms;  /* 0 = none */
	double scale;             /* fixture scale; 0 = the fixture's default */
	bool connect_each;        /* a new connection per request (pgbench -C) */
	load_pool pool;           /* the pool as shipped (mode NONE: direct) */
	bool pool_allowed;        /* the answer may set pool settings */
	double target_cut;        /* author verify: the reference cuts p95 by at
								 least this fraction (0.27 = 27 %) */
	unsigned write_allow;     /* SQL_ALLOW_INSERT / UPDATE of the drill's allow */
	char **writable;          /* tables the endpoints may write ("writable") */
	size_t n_writable;
	char **state_check;       /* named SELECTs that read the written state
								 ("state_check"); required when a statement
								 writes */
	size_t n_state_check;
	bool writes;              /* some endpoint statement writes */
} load_spec;

/*
 * Read `drill_dir`/drill.json's "load" object and the endpoint scripts it
 * names.  ERROR_USAGE naming the file and field for anything missing, out
 * of bounds or unknown, an endpoint file outside the drill folder, a
 * script that does not parse (load_script_parse with `write_allow`, the
 * drill's SQL_ALLOW_INSERT / UPDATE), a write to a table not in
 * "writable", or writes without a "state_check" of named SELECTs.  Free with
 * load_spec_free.
 */
bool load_spec_read(const char *drill_dir, unsigned write_allow, load_spec *out, error *err);

/* The answer rules of a drill whose allow-list is `allow` (SQL_ALLOW_*). */
load_rules load_spec_rules(const load_spec *spec, unsigned allow);

void load_spec_free(load_spec *spec);

/* The one endpoint script holding statement `name`, or NULL. */
const load_endpoint *load_spec_endpoint_of(const load_spec *spec, const char *name);

#endif
