/*
 * report_html.c — the self-contained HTML report (see report_html.h).
 */
#include "report/report_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html_escape.h"
#include "strbuf.h"

static const char page_css[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}"
	".verdict{display:inline-block;padding:.1em .6em;border-radius:.3em;color:#fff;"
	"font-weight:bold}.pass{background:#2a7}.fail{background:#c52}"
	".rejected{background:#a3a}.error{background:#777}"
	".plans{display:flex;gap:1em;align-items:flex-start;overflow-x:auto}"
	".plan{flex:1;min-width:22em;border:1px solid #ddd;border-radius:.4em;padding:.5em}"
	".plan h3{margin:.2em 0;font-size:1em}"
	"ul.tree{list-style:none;padding-left:1.1em;margin:0}"
	"ul.tree>li{margin:.25em 0}.label{font-weight:600}"
	".fig{color:#555;font-size:.9em}"
	".bars{display:flex;gap:.4em;margin:.1em 0}"
	".bar{height:.45em;min-width:1px;border-radius:.2em}"
	".bar.t{background:#e67e22}.bar.b{background:#3498db}"
	".hot>.label{color:#c0392b}"
	"table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3em .6em;"
	"text-align:left}th#sort-score{cursor:pointer;text-decoration:underline dotted}"
	"pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap}"
	".insight{margin:.4em 0}.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}";

/* grade's table: sort by score (click), filter by drill and verdict */
static const char page_js[] =
	"(function(){var t=document.getElementById('answers');if(!t)return;"
	"var b=t.tBodies[0],fd=document.getElementById('f-drill'),"
	"fs=document.getElementById('f-status'),asc=false;"
	"function apply(){for(var i=0;i<b.rows.length;i++){var r=b.rows[i];"
	"r.hidden=!((fd.value===''||r.dataset.drill===fd.value)&&"
	"(fs.value===''||r.dataset.status===fs.value));}}"
	"fd.addEventListener('change',apply);fs.addEventListener('change',apply);"
	"document.getElementById('sort-score').addEventListener('click',function(){"
	"asc=!asc;var rows=Array.prototype.slice.call(b.rows);"
	"rows.sort(function(x,y){return (parseFloat(x.dataset.score)-"
	"parseFloat(y.dataset.score))*(asc?1:-1);});"
	"rows.forEach(function(r){b.appendChild(r);});});})();";

static void
page_open(strbuf *sb, const char *title)
{
	strbuf_append(sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
				  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
				  "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
				  "<meta name=\"viewport\" content=\"width=device-width\"><title>");
	html_escape_append(sb, title);
	strbuf_printf(sb, "</title><style>%s</style></head><body>\n<h1>", page_css);
	html_escape_append(sb, title);
	strbuf_append(sb, "</h1>\n");
}

static char *
page_close(strbuf *sb)
{
	strbuf_printf(sb, "<script>%s</script>\n</body></html>\n", page_js);
	return strbuf_steal(sb);
}

static double
self_buffers(const plan_node *n)
{
	const plan_buffers *b = &n->exclusive_buffers;

	return (double) (b->shared_hit + b->shared_read + b->local_hit + b->local_read +
					 b->temp_read + b->temp_written);
}

typedef struct tree_scale {
	double max_ms, max_buffers;
	const plan_node *hottest;
} tree_scale;

static void
node_html(strbuf *sb, const plan_node *n, const tree_scale *sc)
{
	double ms = n->exclusive_time_ms, buf = self_buffers(n);

	strbuf_printf(sb, "<li class=\"node%s\" data-node=\"%d\"><span class=\"label\">",
				  n == sc->hottest ? " hot" : "", n->id);
	html_escape_append(sb, n->node_type);
	if (n->index_name) {
		strbuf_append(sb, " using ");
		html_escape_append(sb, n->index_name);
	}
	if (n->relation) {
		strbuf_append(sb, " on ");
		html_escape_append(sb, n->relation);
	}
	strbuf_printf(sb, "</span> <span class=\"fig\">#%d · rows %.0f (est %.0f)", n->id,
				  n->actual_rows, n->plan_rows);
	if (n->actual_loops > 1)
		strbuf_printf(sb, " × %.0f loops", n->actual_loops);
	strbuf_printf(sb, " · self %.3f ms · %.0f buffers</span>"
				  "<div class=\"bars\"><span class=\"bar t\" style=\"width:%.1f%%\" "
				  "title=\"self time\"></span><span class=\"bar b\" style=\"width:%.1f%%\" "
				  "title=\"self buffers\"></span></div>", ms, buf,
				  sc->max_ms > 0 ? 40 * ms / sc->max_ms : 0,
				  sc->max_buffers > 0 ? 40 * buf / sc->max_buffers : 0);
	if (n->n_children) {
		strbuf_append(sb, "<ul class=\"tree\">");
		for (size_t i = 0; i < n->n_children; i++)
			node_html(sb, n->children[i], sc);
		strbuf_append(sb, "</ul>");
	}
	strbuf_append(sb, "</li>");
}

/* One plan as a tree in a box captioned `caption` ("answer"...). */
static void
plan_html(strbuf *sb, const plan *p, const char *caption)
{
	tree_scale sc = {0, 0, plan_hottest(p)};

	for (size_t i = 0; i < p->n_nodes; i++) {
		if (p->nodes[i]->exclusive_time_ms > sc.max_ms)
			sc.max_ms = p->nodes[i]->exclusive_time_ms;
		if (self_buffers(p->nodes[i]) > sc.max_buffers)
			sc.max_buffers = self_buffers(p->nodes[i]);
	}
	strbuf_printf(sb, "<div class=\"plan\" data-role=\"%s\" data-nodes=\"%zu\"><h3>",
				  caption, p->n_nodes);
	html_escape_append(sb, caption);
	strbuf_append(sb, "</h3><div class=\"fig\">");
	if (p->execution_ms >= 0)
		strbuf_printf(sb, "execution %.3f ms · ", p->execution_ms);
	strbuf_printf(sb, "%lld buffers</div><ul class=\"tree\">",
				  (long long) plan_total_buffers(p));
	if (p->root)
		node_html(sb, p->root, &sc);
	strbuf_append(sb, "</ul></div>\n");
}

static void
insights_html(strbuf *sb, const insight_list *l)
{
	strbuf_printf(sb, "<div class=\"insights\" data-count=\"%zu\">", l->n);
	for (size_t i = 0; i < l->n; i++) {
		const insight *x = &l->items[i];

		strbuf_printf(sb, "<div class=\"insight\"><span class=\"sev\">%s</span> ",
					  insight_severity_name(x->severity));
		if (x->node)
			strbuf_printf(sb, "#%d: ", x->node->id);
		html_escape_append(sb, x->title);
		strbuf_append(sb, "<div class=\"fig\">");
		html_escape_append(sb, x->numbers);
		strbuf_append(sb, "</div><div>Try: ");
		html_escape_append(sb, x->advice);
		strbuf_append(sb, "</div></div>");
	}
	if (l->n == 0)
		strbuf_append(sb, "<p>Nothing stands out in this plan.</p>");
	strbuf_append(sb, "</div>\n");
}

char *
report_html_explain(const char *source, const plan *p, const insight_list *l)
{
	strbuf sb = STRBUF_INIT;
	char *title = xasprintf("pgdrill explain: %s", source);

	page_open(&sb, title);
	free(title);
	strbuf_append(&sb, "<div class=\"plans\">");
	plan_html(&sb, p, "plan");
	strbuf_append(&sb, "</div><h2>What stands out</h2>");
	insights_html(&sb, l);
	return page_close(&sb);
}

/* One verdict: badge, score, message, error, row examples, the three plans
 * and the answer's insights, in <section id=anchor>. */
static void
verdict_html(strbuf *sb, const char *anchor, const char *drill_id, const char *file,
			 const check_result *r)
{
	const char *status = check_status_name(r->status);

	strbuf_printf(sb, "<section class=\"answer\" id=\"%s\" data-status=\"%s\" data-drill=\"",
				  anchor, status);
	html_escape_append(sb, drill_id);
	strbuf_append(sb, "\"><h2>");
	html_escape_append(sb, file);
	strbuf_append(sb, " <span class=\"fig\">(");
	html_escape_append(sb, drill_id);
	strbuf_printf(sb, ")</span></h2><p><span class=\"verdict %s\">%s</span>", status, status);
	if (r->measured)
		strbuf_printf(sb, " score <b>%.1f</b> (a pass needs %.0f)", r->score.score,
					  r->pass_score);
	strbuf_append(sb, "</p><p class=\"message\">");
	html_escape_append(sb, r->message);
	strbuf_append(sb, "</p>");
	if (r->err.message[0]) {
		strbuf_append(sb, "<pre class=\"error\">");
		html_escape_append(sb, r->err.message);
		if (r->err.detail[0]) {
			strbuf_append_char(sb, '\n');
			html_escape_append(sb, r->err.detail);
		}
		strbuf_append(sb, "</pre>");
	}
	if (r->missing_row || r->extra_row) {
		strbuf_append(sb, "<div class=\"rows\"><b>Rows that differ</b>");
		if (r->missing_row) {
			strbuf_append(sb, "<pre class=\"missing\">missing: ");
			html_escape_append(sb, r->missing_row);
			strbuf_append(sb, "</pre>");
		}
		if (r->extra_row) {
			strbuf_append(sb, "<pre class=\"extra\">extra: ");
			html_escape_append(sb, r->extra_row);
			strbuf_append(sb, "</pre>");
		}
		strbuf_append(sb, "</div>");
	}
	if (r->measured && (r->slow.plan || r->reference.plan || r->answer.plan)) {
		strbuf_append(sb, "<div class=\"plans\">");
		if (r->slow.plan)
			plan_html(sb, r->slow.plan, "slow query");
		if (r->reference.plan)
			plan_html(sb, r->reference.plan, "reference");
		if (r->answer.plan)
			plan_html(sb, r->answer.plan, "answer");
		strbuf_append(sb, "</div>");
		if (r->answer.plan) {
			insight_list *l = plan_insights(r->answer.plan);

			strbuf_append(sb, "<h3>What your plan shows</h3>");
			insights_html(sb, l);
			insight_list_free(l);
		}
	}
	strbuf_append(sb, "</section>\n");
}

char *
report_html_check(const drill *d, const check_result *r, const char *answer_file)
{
	strbuf sb = STRBUF_INIT;
	char *title = xasprintf("pgdrill check: %s", d->id);

	page_open(&sb, title);
	free(title);
	verdict_html(&sb, "a-1", d->id, answer_file ? answer_file : "(answer)", r);
	return page_close(&sb);
}

/* <option>s for every distinct drill of the run, in run order. */
static void
drill_options(strbuf *sb, const grade_run *run)
{
	for (size_t i = 0; i < run->n; i++) {
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(run->items[j].drill_id, run->items[i].drill_id) == 0;
		if (seen)
			continue;
		strbuf_append(sb, "<option value=\"");
		html_escape_append(sb, run->items[i].drill_id);
		strbuf_append(sb, "\">");
		html_escape_append(sb, run->items[i].drill_id);
		strbuf_append(sb, "</option>");
	}
}

char *
report_html_grade(const grade_run *run)
{
	strbuf sb = STRBUF_INIT;
	grade_counts c = report_counts(run);

	page_open(&sb, "pgdrill grade");
	strbuf_printf(&sb, "<p>%zu answer%s: %zu passed, %zu failed, %zu rejected, %zu errors "
				  "· %s · %.1f s</p>", run->n, run->n == 1 ? "" : "s", c.pass, c.fail,
				  c.rejected, c.error, run->timestamp ? run->timestamp : "", run->seconds);
	strbuf_append(&sb, "<p>Drill <select id=\"f-drill\"><option value=\"\">all</option>");
	drill_options(&sb, run);
	strbuf_append(&sb, "</select> Verdict <select id=\"f-status\"><option value=\"\">all"
				  "</option><option>pass</option><option>fail</option><option>rejected"
				  "</option><option>error</option></select></p>\n<table id=\"answers\">"
				  "<thead><tr><th>Answer</th><th>Drill</th><th id=\"sort-score\">Score</th>"
				  "<th>Verdict</th></tr></thead><tbody>");
	for (size_t i = 0; i < run->n; i++) {
		const grade_item *it = &run->items[i];
		const char *status = check_status_name(it->r.status);

		strbuf_printf(&sb, "<tr class=\"row\" data-status=\"%s\" data-score=\"%.1f\" "
					  "data-drill=\"", status, it->r.measured ? it->r.score.score : -1.0);
		html_escape_append(&sb, it->drill_id);
		strbuf_printf(&sb, "\"><td><a href=\"#a-%zu\">", i + 1);
		html_escape_append(&sb, it->file);
		strbuf_append(&sb, "</a></td><td>");
		html_escape_append(&sb, it->drill_id);
		if (it->r.measured)
			strbuf_printf(&sb, "</td><td>%.1f</td>", it->r.score.score);
		else
			strbuf_append(&sb, "</td><td>—</td>");
		strbuf_printf(&sb, "<td><span class=\"verdict %s\">%s</span></td></tr>", status,
					  status);
	}
	strbuf_append(&sb, "</tbody></table>\n");
	for (size_t i = 0; i < run->n; i++) {
		char anchor[32];

		snprintf(anchor, sizeof anchor, "a-%zu", i + 1);
		verdict_html(&sb, anchor, run->items[i].drill_id, run->items[i].file,
					 &run->items[i].r);
	}
	return page_close(&sb);
}
