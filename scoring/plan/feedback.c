/*
 * feedback.c — hottest node + insights + diff for an answer (feedback.h).
 * Composes insight.c, diff.c and plan_json.c; decides nothing itself
 * except the order and the headings.
 */
#include "plan/feedback.h"

#include <stdlib.h>
#include <string.h>

#include "plan/diff.h"
#include "plan/insight.h"
#include "plan/insight_internal.h"
#include "plan/plan_json.h"
#include "escape.h"
#include "strbuf.h"
#include "numfmt.h"

static void
hottest_line(strbuf *sb, const plan *p, bool color)
{
	const plan_node *h = plan_hottest(p);
	char *label, *shown;
	char a[32];

	if (h == NULL || !p->analyzed)
		return;
	shown = plan_node_label(h);
	label = escape_terminal(shown);       /* names from the plan */
	free(shown);
	strbuf_append(sb, "Hottest node: ");
	strbuf_printf(sb, color ? "\033[1;31m#%d %s\033[0m" : "#%d %s", h->id, label);
	if (p->has_timing)
		strbuf_printf(sb, " (%.0f%% of the time, %s buffers)\n",
					  100 * insight_time_share(p, h->exclusive_time_ms),
					  numfmt_count((double) plan_buffers_work(&h->exclusive_buffers), a));
	else
		strbuf_printf(sb, " (%s buffers)\n",
					  numfmt_count((double) plan_buffers_work(&h->exclusive_buffers), a));
	free(label);
}

/* Advice an index-free drill replaces: every rule's index advice starts
 * "an index" (tests/scoring/plan/test_plan_feedback.c keeps it so). */
#define NO_INDEX_ADVICE "rewrite the query so that an existing index applies " \
	"(this drill does not allow creating indexes)"

static char *
feedback_text(const plan *answer, const plan *reference, bool color,
			  size_t max_diff_lines, bool may_create_indexes, bool hide_reference_indexes);

char *
plan_feedback_text(const plan *answer, const plan *reference, bool color,
				   size_t max_diff_lines)
{
	return feedback_text(answer, reference, color, max_diff_lines, true, false);
}

char *
plan_feedback_text_for(const plan *answer, const plan *reference, bool color,
					   size_t max_diff_lines, bool may_create_indexes)
{
	/* a drill whose answer is an index: the reference's index stays unnamed */
	return feedback_text(answer, reference, color, max_diff_lines, may_create_indexes,
						 may_create_indexes);
}

static char *
feedback_text(const plan *answer, const plan *reference, bool color,
			  size_t max_diff_lines, bool may_create_indexes, bool hide_reference_indexes)
{
	strbuf sb = STRBUF_INIT;
	insight_list *l;

	if (answer == NULL)
		return xstrdup("");
	hottest_line(&sb, answer, color);
	l = plan_insights(answer);
	{
		/* the hottest node has its own line above: leave its insight out
		 * (a view sharing the items; only the array is freed) */
		insight_list view = {xcalloc(l->n + 1, sizeof *view.items), 0};

		for (size_t i = 0; i < l->n; i++) {
			if (strcmp(l->items[i].rule, "hottest_node") == 0)
				continue;
			view.items[view.n] = l->items[i];
			if (!may_create_indexes && view.items[view.n].advice &&
				strstr(view.items[view.n].advice, "an index") == view.items[view.n].advice)
				view.items[view.n].advice = (char *) NO_INDEX_ADVICE;
			view.n++;
		}
		if (view.n > 0) {
			char *text = insight_list_text(&view, color);

			strbuf_printf(&sb, "%sWhat your plan shows:\n%s", sb.len ? "\n" : "", text);
			free(text);
		}
		free(view.items);
	}
	insight_list_free(l);
	if (reference) {
		plan_diff *d = plan_diff_against_reference(answer, reference, hide_reference_indexes);

		if (d->n > 0) {
			char *text = plan_diff_text(d, max_diff_lines);
			const char *s = text;

			strbuf_printf(&sb, "%sWhat the reference does differently:\n",
						  sb.len ? "\n" : "");
			/* indent each line by two spaces */
			while (*s) {
				const char *e = s;

				while (*e && *e != '\n')
					e++;
				strbuf_append(&sb, "  ");
				strbuf_append_len(&sb, s, (size_t) (e - s));
				strbuf_append_char(&sb, '\n');
				s = *e ? e + 1 : e;
			}
			free(text);
		}
		plan_diff_free(d);
	}
	if (sb.data == NULL)
		strbuf_append(&sb, "");
	return strbuf_steal(&sb);
}

static cJSON *feedback_json(const plan *answer, const plan *reference,
							bool hide_reference_indexes);

cJSON *
plan_feedback_json(const plan *answer, const plan *reference)
{
	return feedback_json(answer, reference, false);
}

cJSON *
plan_feedback_json_for(const plan *answer, const plan *reference, bool may_create_indexes)
{
	return feedback_json(answer, reference, may_create_indexes);
}

static cJSON *
feedback_json(const plan *answer, const plan *reference, bool hide_reference_indexes)
{
	cJSON *o = cJSON_CreateObject();
	const plan_node *h = answer && answer->analyzed ? plan_hottest(answer) : NULL;
	insight_list *l = plan_insights(answer);
	plan_diff *d = reference && answer ?
		plan_diff_against_reference(answer, reference, hide_reference_indexes) : NULL;

	if (o == NULL)
		goto oom;
	if (h) {
		cJSON *hj = cJSON_AddObjectToObject(o, "hottest_node");
		char *label = plan_node_label(h);

		cJSON_AddNumberToObject(hj, "id", h->id);
		cJSON_AddStringToObject(hj, "label", label);
		cJSON_AddStringToObject(hj, "node_type", h->node_type);
		if (h->relation)
			cJSON_AddStringToObject(hj, "relation", h->relation);
		else
			cJSON_AddNullToObject(hj, "relation");
		if (h->index_name)
			cJSON_AddStringToObject(hj, "index", h->index_name);
		else
			cJSON_AddNullToObject(hj, "index");
		cJSON_AddNumberToObject(hj, "exclusive_time_ms", h->exclusive_time_ms);
		cJSON_AddNumberToObject(hj, "time_share",
								answer->has_timing ? insight_time_share(answer, h->exclusive_time_ms) : 0);
		cJSON_AddNumberToObject(hj, "exclusive_buffers",
								(double) plan_buffers_work(&h->exclusive_buffers));
		free(label);
	} else
		cJSON_AddNullToObject(o, "hottest_node");
	{
		cJSON *ins = insight_list_to_json(l), *diff = plan_diff_to_json(d);
		bool added_ins = ins && cJSON_AddItemToObject(o, "insights", ins);
		bool added_diff = diff && cJSON_AddItemToObject(o, "diff", diff);

		if (!added_ins)
			cJSON_Delete(ins);
		if (!added_diff)
			cJSON_Delete(diff);
		if (!added_ins || !added_diff)
			goto oom;
	}
	insight_list_free(l);
	plan_diff_free(d);
	return o;
oom:
	/* nothing printed, nothing aborted: the caller reports it */
	cJSON_Delete(o);
	insight_list_free(l);
	plan_diff_free(d);
	return NULL;
}
