# bench/fixture.sh — sourced by the benchmarks that build a fixture by hand.
#
# fixture_scripts DIR [after_vacuum]: the scripts of the fixture in DIR, in
# the order one psql session runs them (fixture.json's "scripts", groups of
# side-by-side scripts flattened in their listed order; with after_vacuum,
# then the "after_vacuum" scripts), one file name per word.  A hand-scripted
# build runs them one after the other: only pgdrill runs a group side by side
# (docs/fixture-format.md).
fixture_scripts() {
    python3 - "$1/fixture.json" "${2:-}" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
names = [x for s in j["scripts"] for x in (s if isinstance(s, list) else [s])]
if sys.argv[2] == "after_vacuum":
    names += j.get("after_vacuum", [])
print(" ".join(names))
PY
}
