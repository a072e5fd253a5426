#!/usr/bin/env python3
"""tests/html_report.py — `pgdrill explain --html` in a real browser (meson
test html_report).

For real captured plans of tests/plans/ and for a hostile one (names that
are markup: a <script> relation, an attribute-breaking alias), writes the
page with the built pgdrill, then loads it in headless Chromium through
tests/browser_check.py: no console message (script error, blocked network
load), every plan box drawing as many nodes as the plan has (from `explain
--format json`), and a screenshot saved under the build directory
(html-report-*.png, the CI artifact).  The hostile page must hold exactly
the report's own <script> element and show the names as text.  Skipped
(77) without chromium, except under CI=true.  The grade page and `check
--html`'s are checked by the db test grade (tests/db/test_grade.c), which
needs a server.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ["PGDRILL_SOURCE_DIR"]
BIN = os.environ["PGDRILL_BIN"]
OUT = sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir()
CHECK = os.path.join(SRC, "tests", "browser_check.py")
HOSTILE = [{"Plan": {"Node Type": "Seq Scan", "Relation Name": "<script>alert(1)</script>",
                     "Alias": "x\" onmouseover=\"alert(2)", "Startup Cost": 0, "Total Cost": 1,
                     "Plan Rows": 1, "Plan Width": 4, "Actual Startup Time": 0.01,
                     "Actual Total Time": 0.02, "Actual Rows": 1, "Actual Loops": 1,
                     "Filter": "(a = '\u001b]0;pwned\u0007')", "Rows Removed by Filter": 5,
                     "Shared Hit Blocks": 1, "Shared Read Blocks": 0,
                     "Shared Dirtied Blocks": 0, "Shared Written Blocks": 0,
                     "Local Hit Blocks": 0, "Local Read Blocks": 0, "Local Dirtied Blocks": 0,
                     "Local Written Blocks": 0, "Temp Read Blocks": 0,
                     "Temp Written Blocks": 0},
            "Planning Time": 0.1, "Execution Time": 0.05}]


def node_count(plan_file):
    out = subprocess.run([BIN, "explain", plan_file, "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    return len(json.loads(out)["plan"]["nodes"])


def main():
    if shutil.which("chromium") is None and os.environ.get("CI") != "true":
        print("chromium is not installed (apt-get install chromium): skipped")
        return 77
    work = tempfile.mkdtemp(prefix="pgdrill-html-")
    failures = 0
    try:
        hostile = os.path.join(work, "hostile.json")
        with open(hostile, "w") as f:
            json.dump(HOSTILE, f)
        cases = [os.path.join(SRC, "tests/plans", p) for p in
                 ("pg15_cte_multi.json", "pg15_hash_larger.json")] + [hostile]
        for i, plan_file in enumerate(cases):
            page = os.path.join(work, "explain-%d.html" % i)
            subprocess.run([BIN, "explain", plan_file, "--html", page, "-q"], check=True,
                           stdout=subprocess.DEVNULL)
            shot = os.path.join(OUT, "html-report-explain-%d.png" % i)
            r = subprocess.run([sys.executable, CHECK, page, "--nodes", str(node_count(plan_file)),
                                "--screenshot", shot])
            failures += r.returncode != 0
        text = open(os.path.join(work, "explain-2.html")).read()
        if text.count("<script") != 1 or "&lt;script&gt;alert(1)&lt;/script&gt;" not in text \
                or "\u001b" in text or "\u0007" in text:
            print("FAIL: the hostile names were not escaped")
            failures += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
