#!/usr/bin/env python3
"""tools/test_totals.py — count test cases across meson builds.

Reads each build's meson-logs/testlog.json and counts cmocka test cases from
each test's output ("[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)."); a
test executable that crashed or timed out without cmocka's summary counts as
one failure.  Prints per-build figures, then the totals on a line of their
own: "N passed, N failed".  Exits 1 if anything failed or nothing ran.
A check made outside meson (tools/test.sh's clean-up) is one more case:
  --case=NAME=passed  or  --case=NAME=failed   (before the build names)
"""
import json
import re
import sys

passed = failed = 0
builds = []
for arg in sys.argv[1:]:
    if arg.startswith("--case="):
        name, _, result = arg[len("--case="):].rpartition("=")
        print(f"{name}: {result}")
        if result == "passed":
            passed += 1
        else:
            failed += 1
    else:
        builds.append(arg)
for build in builds:
    try:
        lines = open(f"{build}/meson-logs/testlog.json").read().splitlines()
    except OSError:
        print(f"{build}: no test log (the build failed)")
        failed += 1
        continue
    bp = bf = 0
    for line in lines:
        t = json.loads(line)
        out = (t.get("stdout") or "") + (t.get("stderr") or "")
        p = sum(int(n) for n in re.findall(r"\[  PASSED  \] (\d+) test", out))
        f = sum(int(n) for n in re.findall(r"\[  FAILED  \] (\d+) test", out))
        if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and f == 0:
            f = 1  # crashed, timed out, or failed outside cmocka
        bp += p
        bf += f
    print(f"{build}: {bp} passed, {bf} failed")
    passed += bp
    failed += bf
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
