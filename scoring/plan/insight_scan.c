/*
 * insight_scan.c — rules about how relations are read: a Seq Scan that
 * throws most rows away, a Seq Scan repeated per outer row, an index scan
 * whose filter does the real selection, an Index Only Scan that visits the
 * heap, a lossy bitmap, a materialized CTE.  Thresholds: docs/plans.md.
 * Called by plan_insights() (insight.c).
 */
#include <stdlib.h>
#include <string.h>

#include "plan/insight_internal.h"
#include "strbuf.h"
#include "numfmt.h"

/* A scan must read this many rows before "most rows removed" matters: on a
 * small table a Seq Scan is the right plan. */
#define LARGE_SCAN_ROWS 10000.0
#define REMOVED_LOW 0.5       /* PEV2's bands for rows removed by a filter */
#define REMOVED_HIGH 0.9
#define INDEX_FILTER_MIN_REMOVED 1000.0
#define REPEATED_SCAN_ROWS 100000.0
#define REPEATED_SCAN_ROWS_HIGH 1000000.0
#define HEAP_FETCH_MIN 100.0
#define HEAP_FETCH_SHARE 0.1
#define CTE_FILTER_MIN_REMOVED 1000.0
/* An index scan reading this many pages, and this many per row it reads,
 * is not a seek (docs/plans.md, index_cond_not_leading). */
#define NOT_LEADING_MIN_BUFFERS 100.0
#define NOT_LEADING_PER_ROW 10.0
#define CTE_READ_ONCE_SHARE 0.1

static bool
is_seq_scan(const plan_node *n)
{
	return insight_type_is(n, "Seq Scan");
}

static void
seq_scan_filter(const plan *p, const plan_node *n, insight_list *l)
{
	double removed = n->rows_removed_by_filter * n->actual_loops;
	double read = insight_rows_read(n);
	double frac = read > 0 ? removed / read : 0;
	char a[32], b[32];

	if (!is_seq_scan(n) || !n->has_actual || n->filter == NULL ||
		read < LARGE_SCAN_ROWS || frac <= REMOVED_LOW)
		return;
	insight_add(l, "seq_scan_filter",
				frac > REMOVED_HIGH ? INSIGHT_HIGH : INSIGHT_MEDIUM, n,
				frac, frac > REMOVED_HIGH ? REMOVED_HIGH : REMOVED_LOW,
				xasprintf("reads the whole table and its filter removes %.1f%% of the rows",
						  100 * frac),
				xasprintf("%s of %s rows removed by Filter: %s; %.1f%% of the time",
						  numfmt_count(removed, a), numfmt_count(read, b), n->filter,
						  100 * insight_time_share(p, n->exclusive_time_ms)),
				xasprintf("an index on the column(s) of the filter (%s), so only "
						  "the matching rows are read", n->filter));
}

static void
repeated_seq_scan(const plan *p, const plan_node *n, insight_list *l)
{
	double read = insight_rows_read(n);
	char a[32], b[32];

	if (!is_seq_scan(n) || !n->has_actual || n->under_gather ||
		n->actual_loops < 2 || read < REPEATED_SCAN_ROWS)
		return;
	insight_add(l, "repeated_seq_scan",
				read >= REPEATED_SCAN_ROWS_HIGH ? INSIGHT_HIGH : INSIGHT_MEDIUM, n,
				read, REPEATED_SCAN_ROWS,
				xasprintf("scans the whole table %s times", numfmt_count(n->actual_loops, a)),
				xasprintf("%s rows read in all; %.1f%% of the time",
						  numfmt_count(read, b),
						  100 * insight_time_share(p, n->exclusive_time_ms)),
				xstrdup("an index on the join column so each loop is a lookup, "
						"or let a hash join read the table once"));
}

static bool
is_index_scan(const plan_node *n)
{
	return insight_type_is(n, "Index Scan") || insight_type_is(n, "Index Only Scan") ||
		insight_type_is(n, "Bitmap Heap Scan");
}

static void
index_filter(const plan *p, const plan_node *n, insight_list *l)
{
	double removed = n->rows_removed_by_filter * n->actual_loops;
	double read = insight_rows_read(n);
	double frac = read > 0 ? removed / read : 0;
	const char *cond = n->index_cond ? n->index_cond : n->recheck_cond;
	char a[32], b[32];

	char *sought, *filtered;

	if (!is_index_scan(n) || !n->has_actual || n->filter == NULL ||
		removed < INDEX_FILTER_MIN_REMOVED || frac <= REMOVED_LOW)
		return;
	/* which column the index seeks on, which it only filters: from the plan */
	sought = insight_condition_columns(cond);
	filtered = insight_condition_columns(n->filter);
	insight_add(l, "index_filter",
				frac > REMOVED_HIGH ? INSIGHT_HIGH : INSIGHT_MEDIUM, n, frac,
				frac > REMOVED_HIGH ? REMOVED_HIGH : REMOVED_LOW,
				sought ? xasprintf("the index seeks on %s, but %s is only filtered: "
								   "the filter throws away %.1f%% of the rows found",
								   sought, filtered ? filtered : "the rest", 100 * frac)
				: xasprintf("finds rows through the index, then its filter throws away "
							"%.1f%% of them", 100 * frac),
				xasprintf("%s of %s rows removed by Filter: %s (Index Cond: %s)",
						  numfmt_count(removed, a), numfmt_count(read, b),
						  n->filter, cond ? cond : "none"),
				xasprintf("an index that also covers %s%s%s, so the index finds only the "
						  "rows kept (%.1f%% of the time here)",
						  filtered ? filtered : "the filtered column(s)",
						  sought ? " after " : "", sought ? sought : "",
						  100 * insight_time_share(p, n->exclusive_time_ms)));
	free(sought);
	free(filtered);
}

/*
 * An index scan whose Index Cond names columns but which reads far more
 * pages than a seek would: a B-tree is sorted by its first column, so a
 * condition on a later column (the composite index's columns in the wrong
 * order) is checked on every entry read instead of sought.  The plan does
 * not list the index's columns; what it shows is the Index Cond and the
 * pages read per row (a seek reads a few index pages plus about one heap
 * page per row).
 */
static void
index_cond_not_leading(const plan *p, const plan_node *n, insight_list *l)
{
	double buffers = (double) plan_buffers_work(&n->exclusive_buffers);
	double read = insight_rows_read(n);
	double per_row = buffers / (read > 1 ? read : 1);
	double share = insight_time_share(p, n->exclusive_time_ms);
	char *cols;
	char a[32], b[32];

	if (!(insight_type_is(n, "Index Scan") || insight_type_is(n, "Index Only Scan")) ||
		!n->has_actual || !p->has_buffers || n->index_cond == NULL ||
		buffers < NOT_LEADING_MIN_BUFFERS || per_row < NOT_LEADING_PER_ROW)
		return;
	cols = insight_condition_columns(n->index_cond);
	insight_add(l, "index_cond_not_leading",
				share >= 0.5 ? INSIGHT_HIGH : INSIGHT_MEDIUM, n, per_row, NOT_LEADING_PER_ROW,
				xasprintf("the index is searched on %s but not sought: it reads %s pages "
						  "for %s rows, as a scan of the whole index would",
						  cols ? cols : "its Index Cond", numfmt_count(buffers, a),
						  numfmt_count(read, b)),
				xasprintf("Index Cond: %s; %.0f pages per row (a seek reads a few index "
						  "pages plus about one per row); %.1f%% of the time",
						  n->index_cond, per_row, 100 * share),
				xasprintf("an index whose first column is %s (the column compared with =): "
						  "a B-tree is sorted by its first column, so a condition on a "
						  "later column is checked entry by entry, not sought; put the "
						  "ORDER BY or range columns after it",
						  cols ? cols : "the one of the Index Cond"));
	free(cols);
}

static void
index_only_heap_fetches(const plan_node *n, insight_list *l)
{
	double rows = plan_node_rows_total(n);
	double share = n->heap_fetches / (rows > 1 ? rows : 1);
	char a[32], b[32];

	if (!insight_type_is(n, "Index Only Scan") || !n->has_actual ||
		n->heap_fetches < HEAP_FETCH_MIN || share <= HEAP_FETCH_SHARE)
		return;
	insight_add(l, "index_only_heap_fetches",
				share > 0.5 ? INSIGHT_HIGH : INSIGHT_MEDIUM, n, share, HEAP_FETCH_SHARE,
				xasprintf("is an index-only scan that is not: %.0f%% of its rows "
						  "were checked in the table", 100 * (share > 1 ? 1 : share)),
				xasprintf("%s heap fetches for %s rows", numfmt_count(n->heap_fetches, a),
						  numfmt_count(rows, b)),
				xasprintf("VACUUM %s so the visibility map marks its pages all-visible",
						  n->relation ? n->relation : "the table"));
}

static void
lossy_bitmap(const plan_node *n, insight_list *l)
{
	double total = n->exact_heap_blocks + n->lossy_heap_blocks;
	char a[32], b[32], c[32];

	if (!insight_type_is(n, "Bitmap Heap Scan") || n->lossy_heap_blocks <= 0)
		return;
	/* A bitmap without one exact page is what a BRIN index always builds
	 * (it knows block ranges, never rows), so "it did not fit in work_mem"
	 * would be wrong advice there; the plan does not name the index's
	 * access method, so the words cover both causes. */
	insight_add(l, "lossy_bitmap",
				n->lossy_heap_blocks > n->exact_heap_blocks ? INSIGHT_HIGH : INSIGHT_MEDIUM,
				n, n->lossy_heap_blocks, 0,
				n->exact_heap_blocks <= 0
				? xstrdup("the bitmap holds whole pages, not rows: every row of its pages "
						  "was rechecked (a BRIN index's bitmap always is; a B-tree's only "
						  "when it outgrows work_mem)")
				: xasprintf("the bitmap did not fit in work_mem and became lossy: "
						  "%.0f%% of its pages were rechecked row by row",
						  100 * n->lossy_heap_blocks / total),
				xasprintf("%s lossy and %s exact heap blocks; %s rows removed by "
						  "the recheck", numfmt_count(n->lossy_heap_blocks, a),
						  numfmt_count(n->exact_heap_blocks, b),
						  numfmt_count(n->rows_removed_by_recheck * n->actual_loops, c)),
				xstrdup(n->exact_heap_blocks <= 0
						? "from a BRIN index, a smaller pages_per_range (fewer pages past the "
						  "range's edges); from a B-tree, more work_mem; or a more selective "
						  "condition"
						: "more work_mem for this query, or a more selective condition"));
}

/* A CTE (InitPlan "CTE x") and the CTE Scans that read it: a scan whose
 * filter throws away most of the materialized rows, or a single reader of
 * a CTE that costs a noticeable share of the time. */
static void
cte_materialized(const plan *p, const plan_node *cte, insight_list *l)
{
	const char *name = cte->subplan_name + 4;
	const plan_node *filtering = NULL;
	double best = 0;
	size_t scans = 0;
	char a[32], b[32];

	for (size_t i = 0; i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];
		double removed, read;

		if (!insight_type_is(n, "CTE Scan") || n->cte_name == NULL ||
			strcmp(n->cte_name, name) != 0)
			continue;
		scans++;
		removed = n->rows_removed_by_filter * n->actual_loops;
		read = insight_rows_read(n);
		if (removed >= CTE_FILTER_MIN_REMOVED && removed > REMOVED_LOW * read &&
			removed / read > best) {
			best = removed / read;
			filtering = n;
		}
	}
	if (filtering) {
		double removed = filtering->rows_removed_by_filter * filtering->actual_loops;

		insight_add(l, "cte_materialized", INSIGHT_MEDIUM, cte, best, REMOVED_LOW,
					xasprintf("CTE %s is computed in full, then CTE Scan #%d filters "
							  "away %.0f%% of its rows", name, filtering->id, 100 * best),
					xasprintf("%s of %s rows removed by Filter: %s",
							  numfmt_count(removed, a),
							  numfmt_count(insight_rows_read(filtering), b),
							  filtering->filter ? filtering->filter : "?"),
					xstrdup("move the condition into the CTE, or drop MATERIALIZED "
							"so PostgreSQL can push it down"));
	} else if (scans == 1 &&
			   insight_time_share(p, cte->total_time_ms) >= CTE_READ_ONCE_SHARE) {
		insight_add(l, "cte_materialized", INSIGHT_LOW, cte,
					insight_time_share(p, cte->total_time_ms), CTE_READ_ONCE_SHARE,
					xasprintf("CTE %s is materialized although only one scan reads it",
							  name),
					xasprintf("%s rows materialized, %.1f%% of the time",
							  numfmt_count(plan_node_rows_total(cte), a),
							  100 * insight_time_share(p, cte->total_time_ms)),
					xstrdup("drop MATERIALIZED (PostgreSQL 12+ inlines a CTE read once) "
							"so conditions and indexes reach the underlying tables"));
	}
}

void
insight_rules_scan(const plan *p, insight_list *l)
{
	for (size_t i = 0; i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];

		seq_scan_filter(p, n, l);
		repeated_seq_scan(p, n, l);
		index_filter(p, n, l);
		index_cond_not_leading(p, n, l);
		index_only_heap_fetches(n, l);
		lossy_bitmap(n, l);
		if (insight_rel_is(n, "InitPlan") && n->subplan_name &&
			strncmp(n->subplan_name, "CTE ", 4) == 0 && n->has_actual)
			cte_materialized(p, n, l);
	}
}
