/*
 * load_report.c — rendering a load check (see load_report.h).  Bars are
 * ASCII '#' scaled linearly to the largest value shown beside them, so an
 * answer 40x faster than the baseline looks 40x shorter.
 */
#include "grading/load_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error_json.h"
#include "grade/compare.h"
#include "strbuf.h"

#define BAR_WIDTH 30

static const char *const variant_name[LOAD_VARIANTS] = {"baseline", "reference", "answer"};

static void
bar(strbuf *sb, double value, double max, int width)
{
	int n = max > 0 ? (int) lround(width * value / max) : 0;

	if (n == 0 && value > 0)
		n = 1;
	for (int i = 0; i < width; i++)
		strbuf_append_char(sb, i < n ? '#' : ' ');
}

static void
pool_text(strbuf *sb, load_pool p)
{
	if (p.mode == LOAD_POOL_NONE)
		strbuf_append(sb, "direct");
	else if (p.size)
		strbuf_printf(sb, "pgbouncer %s/%d", load_pool_mode_name(p.mode), p.size);
	else
		strbuf_printf(sb, "pgbouncer %s", load_pool_mode_name(p.mode));
}

static void
table(strbuf *sb, const load_check_result *r)
{
	strbuf_append(sb, "             p50 ms   p95 ms   p99 ms   max ms    req/s  late  failed  "
				  "connections\n");
	for (int v = 0; v < LOAD_VARIANTS; v++) {
		const load_stats *st = &r->v[v].summary.overall;

		strbuf_printf(sb, "%-10s %8.2f %8.2f %8.2f %8.2f %8.1f %5zu %7zu  ", variant_name[v],
					  st->p50_ms, r->v[v].measure.p95_ms, st->p99_ms, st->max_ms, st->tps,
					  st->late, r->v[v].measure.failed);
		pool_text(sb, r->v[v].pool);
		strbuf_append_char(sb, '\n');
	}
	strbuf_printf(sb, "(p95: the median of the rounds'; the others pool every round; "
				  "the score is round %d's, the median of the rounds' scores)\n",
				  r->score_round + 1);
	strbuf_append(sb, "p95 per round:");
	for (int v = 0; v < LOAD_VARIANTS; v++) {
		strbuf_printf(sb, "%s %s", v ? " |" : "", variant_name[v]);
		for (int k = 0; k < r->rounds; k++)
			strbuf_printf(sb, " %.1f", r->v[v].round_p95_ms[k]);
	}
	strbuf_append(sb, " ms\n");
}

static void
endpoints(strbuf *sb, const load_check_result *r)
{
	for (size_t e = 0; e < r->n_endpoints; e++) {
		double max = 0;

		for (int v = 0; v < LOAD_VARIANTS; v++)
			max = fmax(max, r->v[v].summary.endpoint[e].p99_ms);
		strbuf_printf(sb, "\nEndpoint %s%s\n", r->endpoint_names[e],
					  (int) e == r->v[LOAD_BASELINE].dominant ? " (dominates the baseline's p95)"
					  : "");
		for (int v = 0; v < LOAD_VARIANTS; v++) {
			const load_stats *st = &r->v[v].summary.endpoint[e];
			static const char *const q[] = {"p50", "p95", "p99"};
			const double x[] = {st->p50_ms, st->p95_ms, st->p99_ms};

			for (int i = 0; i < 3; i++) {
				strbuf_printf(sb, "  %-10s %s ", i == 0 ? variant_name[v] : "", q[i]);
				bar(sb, x[i], max, BAR_WIDTH);
				strbuf_printf(sb, " %.2f ms\n", x[i]);
			}
		}
	}
}

/* What the clones' active sessions waited on (top 4 per variant), and the
 * connection set-up time. */
static void
waits(strbuf *sb, const load_check_result *r)
{
	strbuf_append(sb, "\nWaits of active sessions (pg_stat_activity, sampled every 0.2 s)\n");
	for (int v = 0; v < LOAD_VARIANTS; v++) {
		const load_variant *lv = &r->v[v];

		strbuf_printf(sb, "  %-10s", variant_name[v]);
		if (lv->wait_samples == 0)
			strbuf_append(sb, " (no active session seen)");
		for (size_t i = 0; i < lv->n_waits && i < 4; i++)
			strbuf_printf(sb, "%s %s:%s %.0f%%", i ? "," : "", lv->waits[i].type,
						  lv->waits[i].event,
						  100.0 * (double) lv->waits[i].count / (double) lv->wait_samples);
		if (lv->connection_ms > 0)
			strbuf_printf(sb, "; connecting %.2f ms", lv->connection_ms);
		strbuf_append_char(sb, '\n');
	}
}

static void
histogram(strbuf *sb, const load_check_result *r)
{
	int lo = LOAD_HIST_BUCKETS, hi = -1;
	size_t max = 0;

	for (int v = 0; v < LOAD_VARIANTS; v++)
		for (int b = 0; b < LOAD_HIST_BUCKETS; b++)
			if (r->v[v].summary.overall.hist[b]) {
				lo = b < lo ? b : lo;
				hi = b > hi ? b : hi;
				if (r->v[v].summary.overall.hist[b] > max)
					max = r->v[v].summary.overall.hist[b];
			}
	if (hi < 0)
		return;
	strbuf_append(sb, "\nLatency histogram (requests per bucket, every endpoint)\n");
	strbuf_printf(sb, "  %-12s %-22s %-22s %-22s\n", "", "baseline", "reference", "answer");
	for (int b = lo; b <= hi; b++) {
		char label[32];

		if (b + 1 < LOAD_HIST_BUCKETS)
			snprintf(label, sizeof label, "<%g ms", load_hist_lower_ms(b + 1));
		else
			snprintf(label, sizeof label, ">=%g ms", load_hist_lower_ms(b));
		strbuf_printf(sb, "  %-12s", label);
		for (int v = 0; v < LOAD_VARIANTS; v++) {
			size_t n = r->v[v].summary.overall.hist[b];

			strbuf_append_char(sb, ' ');
			bar(sb, (double) n, (double) max, 14);
			strbuf_printf(sb, " %-6zu ", n);
		}
		strbuf_append_char(sb, '\n');
	}
}

char *
load_report_text(const drill *d, const load_check_result *r, bool color)
{
	static const char *const codes[] = {"1;32", "1;31", "1;33", "1;31"};
	static const char *const labels[] = {"PASS", "FAIL", "REJECTED", "ERROR"};
	strbuf sb = STRBUF_INIT;

	if (color)
		strbuf_printf(&sb, "\033[%sm%s\033[0m", codes[r->status], labels[r->status]);
	else
		strbuf_append(&sb, labels[r->status]);
	strbuf_printf(&sb, "  %s — %s\n\n%s\n", d->id, d->title, r->message ? r->message : "");
	if (r->err.hint[0])
		strbuf_printf(&sb, "HINT:  %s\n", r->err.hint);
	if (r->measured) {
		strbuf_printf(&sb, "\n%d round%s, %.0f s wall\n", r->rounds, r->rounds == 1 ? "" : "s",
					  r->wall_s);
		table(&sb, r);
		endpoints(&sb, r);
		waits(&sb, r);
		histogram(&sb, r);
	}
	return strbuf_steal(&sb);
}

static cJSON *
stats_json(const load_stats *st)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "p50_ms", st->p50_ms);
	cJSON_AddNumberToObject(o, "p95_ms", st->p95_ms);
	cJSON_AddNumberToObject(o, "p99_ms", st->p99_ms);
	cJSON_AddNumberToObject(o, "max_ms", st->max_ms);
	cJSON_AddNumberToObject(o, "mean_ms", st->mean_ms);
	cJSON_AddNumberToObject(o, "lag_p95_ms", st->lag_p95_ms);
	cJSON_AddNumberToObject(o, "tps", st->tps);
	cJSON_AddNumberToObject(o, "completed", (double) st->completed);
	cJSON_AddNumberToObject(o, "late", (double) st->late);
	cJSON_AddNumberToObject(o, "failed", (double) st->failed);
	return o;
}

static cJSON *
variant_json(const load_check_result *r, int v)
{
	const load_variant *lv = &r->v[v];
	cJSON *o = stats_json(&lv->summary.overall);
	cJSON *a, *eps;

	cJSON_AddNumberToObject(o, "score_p95_ms", lv->measure.p95_ms);
	a = cJSON_AddArrayToObject(o, "round_p95_ms");
	for (int k = 0; k < r->rounds; k++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(lv->round_p95_ms[k]));
	cJSON_AddStringToObject(o, "pool_mode", load_pool_mode_name(lv->pool.mode));
	cJSON_AddNumberToObject(o, "pool_size", lv->pool.size);
	if (lv->dominant >= 0)
		cJSON_AddStringToObject(o, "dominant_endpoint", r->endpoint_names[lv->dominant]);
	else
		cJSON_AddNullToObject(o, "dominant_endpoint");
	if (lv->errors)
		cJSON_AddStringToObject(o, "errors", lv->errors);
	a = cJSON_AddArrayToObject(o, "histogram");
	for (int b = 0; b < LOAD_HIST_BUCKETS; b++) {
		cJSON *h = cJSON_CreateObject();

		cJSON_AddNumberToObject(h, "lower_ms", load_hist_lower_ms(b));
		cJSON_AddNumberToObject(h, "count", (double) lv->summary.overall.hist[b]);
		cJSON_AddItemToArray(a, h);
	}
	cJSON_AddNumberToObject(o, "connection_ms", lv->connection_ms);
	a = cJSON_AddArrayToObject(o, "waits");
	for (size_t i = 0; i < lv->n_waits; i++) {
		cJSON *w = cJSON_CreateObject();

		cJSON_AddStringToObject(w, "wait_event_type", lv->waits[i].type);
		cJSON_AddStringToObject(w, "wait_event", lv->waits[i].event);
		cJSON_AddNumberToObject(w, "samples", (double) lv->waits[i].count);
		cJSON_AddItemToArray(a, w);
	}
	eps = cJSON_AddObjectToObject(o, "endpoints");
	for (size_t e = 0; e < r->n_endpoints; e++)
		cJSON_AddItemToObject(eps, r->endpoint_names[e], stats_json(&lv->summary.endpoint[e]));
	return o;
}

cJSON *
load_report_json(const drill *d, const load_check_result *r, const char *answer_file)
{
	static const char *const guards[] = {"none", "failed", "late", "throughput"};
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "drill", d->id);
	cJSON_AddStringToObject(o, "kind", d->kind);
	cJSON_AddStringToObject(o, "status", check_status_name(r->status));
	if (r->measured)
		cJSON_AddNumberToObject(o, "score", r->score.score);
	else
		cJSON_AddNullToObject(o, "score");
	cJSON_AddNumberToObject(o, "pass_score", r->pass_score);
	cJSON_AddStringToObject(o, "message", r->message ? r->message : "");
	if (answer_file)
		cJSON_AddStringToObject(o, "answer_file", answer_file);
	if (r->status == CHECK_REJECTED || r->status == CHECK_ERROR) {
		error_json_add(cJSON_AddObjectToObject(o, "error"), &r->err);
	}
	if (r->status == CHECK_PASS || r->status == CHECK_FAIL) {
		/* the same object as the other kinds' (docs/json.md): whether the
		 * replacements and the state check read the drill's rows */
		cJSON *c = cJSON_AddObjectToObject(o, "correctness");

		cJSON_AddBoolToObject(c, "same_rows", r->mismatch_seed == 0);
		cJSON_AddBoolToObject(c, "ordered", r->ordered);
		if (r->mismatch_seed) {
			char *what = compare_describe(&r->verdict);

			cJSON_AddNumberToObject(c, "seed", r->mismatch_seed);
			cJSON_AddStringToObject(c, "difference", what);
			cJSON_AddNumberToObject(c, "expected_rows", (double) r->verdict.expected_rows);
			cJSON_AddNumberToObject(c, "actual_rows", (double) r->verdict.actual_rows);
			free(what);
		}
	}
	if (r->measured) {
		cJSON *l = cJSON_AddObjectToObject(o, "load");

		cJSON_AddNumberToObject(l, "rounds", r->rounds);
		cJSON_AddNumberToObject(l, "wall_s", r->wall_s);
		cJSON_AddNumberToObject(l, "progress", r->score.progress);
		cJSON_AddNumberToObject(l, "score_round", r->score_round + 1);
		cJSON_AddStringToObject(l, "guard", guards[r->score.guard]);
		for (int v = 0; v < LOAD_VARIANTS; v++)
			cJSON_AddItemToObject(l, variant_name[v], variant_json(r, v));
	}
	return o;
}
