/*
 * check_report.c — rendering a check result (see check_report.h).  A
 * verdict that carries a kind's own detail (plan-reading) is rendered by
 * that detail's renderers instead.
 */
#include "report/check_report.h"

#include <stdlib.h>
#include <string.h>

#include "plan/feedback.h"
#include "error_json.h"
#include "escape.h"
#include "sandbox/template.h"
#include "plan/insight.h"
#include "sql/sql.h"
#include "plan/plan_json.h"
#include "report/verdict.h"
#include "strbuf.h"

/* The plan's insights, in the one shape every insights array of pgdrill's
 * JSON has (insight_list_to_json: also feedback's and explain's). */
static cJSON *
insights_json(const plan *p)
{
	insight_list *l = plan_insights(p);
	cJSON *arr = insight_list_to_json(l);

	insight_list_free(l);
	return arr;
}

/* One measured query; `name_index` false leaves its hottest node's index
 * unnamed (an index drill's reference: its index is the answer). */
static cJSON *
measured_json(const measured *m, bool name_index)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *t = cJSON_AddObjectToObject(o, "time_ms");
	cJSON *runs = cJSON_AddArrayToObject(t, "runs");
	const plan_node *hot = m->plan ? plan_hottest(m->plan) : NULL;

	cJSON_AddNumberToObject(o, "buffers", m->buffers);
	cJSON_AddNumberToObject(t, "median", m->time.median);
	cJSON_AddNumberToObject(t, "p95", m->time.p95);
	cJSON_AddNumberToObject(t, "min", m->time.min);
	cJSON_AddNumberToObject(t, "max", m->time.max);
	for (size_t i = 0; i < m->n; i++)
		cJSON_AddItemToArray(runs, cJSON_CreateNumber(m->times[i]));
	cJSON_AddNumberToObject(o, "planning_ms", m->planning_ms);
	cJSON_AddNumberToObject(o, "cost", m->cost);
	cJSON_AddNumberToObject(o, "rows", m->rows);
	cJSON_AddNumberToObject(o, "plan_nodes", m->plan ? (double) m->plan->n_nodes : 0);
	if (hot) {
		cJSON *h = cJSON_AddObjectToObject(o, "hottest_node");

		cJSON_AddStringToObject(h, "node_type", hot->node_type);
		if (hot->relation)
			cJSON_AddStringToObject(h, "relation", hot->relation);
		if (hot->index_name && name_index)
			cJSON_AddStringToObject(h, "index", hot->index_name);
		cJSON_AddNumberToObject(h, "exclusive_time_ms", hot->exclusive_time_ms);
	}
	cJSON_AddNumberToObject(o, "prep_pages", m->prep_pages);
	cJSON_AddNumberToObject(o, "prep_ms", m->prep_ms);
	if (m->plan)
		cJSON_AddItemToObject(o, "insights", insights_json(m->plan));
	return o;
}

cJSON *
check_report_json(const drill *d, const check_result *r, const char *answer_file)
{
	cJSON *o;

	if (r->detail_ops)
		return r->detail_ops->json(d, r->detail, answer_file);
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "drill", d->id);
	cJSON_AddStringToObject(o, "status", check_status_name(r->status));
	cJSON_AddNumberToObject(o, "exit_code", check_exit_code(r));
	if (r->measured)
		cJSON_AddNumberToObject(o, "score", r->score.score);
	else
		cJSON_AddNullToObject(o, "score");
	cJSON_AddNumberToObject(o, "pass_score", r->pass_score);
	{
		char *message = check_report_message(r);

		cJSON_AddStringToObject(o, "message", message);
		free(message);
	}
	if (answer_file)
		cJSON_AddStringToObject(o, "answer_file", answer_file);
	cJSON_AddNumberToObject(o, "templates_built", r->templates_built);
	if (r->status == CHECK_REJECTED || r->status == CHECK_ERROR || r->err.kind == ERROR_FAILED) {
		error_json_add(cJSON_AddObjectToObject(o, "error"), &r->err);
	}
	if (r->status == CHECK_PASS || r->status == CHECK_FAIL) {
		cJSON *c = cJSON_AddObjectToObject(o, "correctness");

		cJSON_AddBoolToObject(c, "same_rows", r->mismatch_seed == 0 && r->err.kind == ERROR_NONE);
		cJSON_AddBoolToObject(c, "ordered", r->ordered);
		if (r->mismatch_seed) {
			char *what = compare_describe(&r->verdict);

			cJSON_AddNumberToObject(c, "seed", r->mismatch_seed);
			cJSON_AddStringToObject(c, "dataset", r->mismatch_edge ? "edge"
									: r->mismatch_seed == TEMPLATE_SEED_MAIN ? "seed1" : "seed2");
			cJSON_AddStringToObject(c, "difference", what);
			cJSON_AddNumberToObject(c, "expected_rows", (double) r->verdict.expected_rows);
			cJSON_AddNumberToObject(c, "actual_rows", (double) r->verdict.actual_rows);
			if (r->missing_row)
				cJSON_AddStringToObject(c, "missing_row", r->missing_row);
			if (r->extra_row)
				cJSON_AddStringToObject(c, "extra_row", r->extra_row);
			free(what);
		}
		cJSON_AddBoolToObject(o, "same_as_slow", r->same_as_slow);
	}
	if (r->lint)
		cJSON_AddItemToObject(o, "lint", lint_findings_to_json(r->lint));
	if (r->measured) {
		cJSON *m = cJSON_AddObjectToObject(o, "metrics");
		cJSON *s = cJSON_AddObjectToObject(o, "score_detail");
		cJSON *settings = cJSON_AddObjectToObject(o, "settings");

		cJSON_AddItemToObject(m, "slow", measured_json(&r->slow, true));
		cJSON_AddItemToObject(m, "reference",
							  measured_json(&r->reference, !(d->allow & SQL_ALLOW_CREATE_INDEX)));
		cJSON_AddItemToObject(m, "answer", measured_json(&r->answer, true));
		cJSON_AddNumberToObject(m, "runs", r->runs);
		cJSON_AddBoolToObject(m, "shared_baseline", r->shared_baseline);
		cJSON_AddNumberToObject(m, "scale", r->scale);
		cJSON_AddNumberToObject(s, "work_progress", r->score.work_progress);
		cJSON_AddNumberToObject(s, "time_progress", r->score.time_progress);
		cJSON_AddBoolToObject(s, "time_guard_applied", r->score.time_guard_applied);
		if (r->answer.plan)
			cJSON_AddItemToObject(o, "feedback",
								  plan_feedback_json_for(r->answer.plan, r->reference.plan,
														 (d->allow & SQL_ALLOW_CREATE_INDEX) != 0));
		for (size_t i = 0; i < d->n_settings; i++)
			cJSON_AddStringToObject(settings, d->settings[i].name, d->settings[i].value);
	}
	return o;
}

static void
colored(strbuf *sb, bool color, const char *code, const char *text)
{
	if (color)
		strbuf_printf(sb, "\033[%sm%s\033[0m", code, text);
	else
		strbuf_append(sb, text);
}

/* Untrusted text (SQL, row samples, server messages, drill text, plan
 * names) goes into the report through the one terminal escaper. */
static void
put(strbuf *sb, const char *s)
{
	escape_terminal_append(sb, s, strlen(s), true);
}

static void
metrics_line(strbuf *sb, const char *label, const measured *m)
{
	const plan_node *hot = m->plan ? plan_hottest(m->plan) : NULL;

	strbuf_printf(sb, "  %-10s %12.0f buffers   median %9.2f ms   p95 %9.2f ms", label,
				  m->buffers, m->time.median, m->time.p95);
	if (hot) {
		strbuf_append(sb, "   hottest: ");
		put(sb, hot->node_type);
		if (hot->relation) {
			strbuf_append(sb, " on ");
			put(sb, hot->relation);
		}
	}
	strbuf_append_char(sb, '\n');
}

char *
check_report_text(const drill *d, const check_result *r, bool color, const char *program)
{
	strbuf sb = STRBUF_INIT;
	static const char *const codes[] = {"1;32", "1;31", "1;33", "1;31"};
	static const char *const labels[] = {"PASS", "FAIL", "REJECTED", "ERROR"};

	if (r->detail_ops)
		return r->detail_ops->text(d, r->detail, color, program);

	colored(&sb, color, codes[r->status], labels[r->status]);
	strbuf_printf(&sb, "  %s — ", d->id);
	put(&sb, d->title);
	strbuf_append(&sb, "\n\n");
	{
		char *message = check_report_message(r);

		put(&sb, message);
		free(message);
	}
	strbuf_append_char(&sb, '\n');
	if ((r->status != CHECK_PASS && r->status != CHECK_FAIL) || r->err.kind == ERROR_FAILED) {
		if (r->err.detail[0]) {
			put(&sb, r->err.detail);
			strbuf_append_char(&sb, '\n');
		}
		if (r->err.hint[0]) {
			strbuf_append(&sb, "HINT:  ");
			put(&sb, r->err.hint);
			strbuf_append_char(&sb, '\n');
		}
	}
	if (r->measured) {
		strbuf_append(&sb, "\n");
		metrics_line(&sb, "slow", &r->slow);
		metrics_line(&sb, "reference", &r->reference);
		metrics_line(&sb, "answer", &r->answer);
		if (r->shared_baseline)
			strbuf_printf(&sb, "  (%d measured runs each after a warm-up; reference and answer "
						  "interleaved, the slow query measured once for this batch; "
						  "scale %g)\n", r->runs, r->scale);
		else
			strbuf_printf(&sb, "  (%d measured runs each, interleaved, after a warm-up; "
						  "scale %g)\n", r->runs, r->scale);
	}
	/* A pass gets its verdict and figures, not a list of faults; the
	 * advice never suggests what the drill forbids (an index). */
	if (r->measured && r->answer.plan && r->status != CHECK_PASS) {
		char *text = plan_feedback_text_for(r->answer.plan, r->reference.plan, color, 5,
											(d->allow & SQL_ALLOW_CREATE_INDEX) != 0);

		if (text && text[0]) {
			strbuf_append(&sb, "\n");
			strbuf_append(&sb, text);
		}
		free(text);
	}
	if (r->lint && r->lint->n > 0) {
		strbuf_append(&sb, "\nAdvice on your SQL:\n");
		for (size_t i = 0; i < r->lint->n; i++) {
			const lint_finding *f = &r->lint->items[i];

			strbuf_printf(&sb, "  line %d:%d [%s] ", f->line, f->column, f->id);
			put(&sb, f->message);
			strbuf_append(&sb, "\n    ");
			put(&sb, f->advice);
			strbuf_append_char(&sb, '\n');
		}
	}
	if (r->status == CHECK_FAIL && d->n_hints > 0)
		strbuf_printf(&sb, "\nStuck? '%s hint %s' reveals the next hint.\n", program, d->id);
	return strbuf_steal(&sb);
}
