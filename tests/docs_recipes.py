#!/usr/bin/env python3
"""tests/docs_recipes.py — the authoring docs' examples and recipes, run as
written (meson test docs_recipes, suite db), so they cannot rot.

docs/drill-format.md
- the drill.json at the top and the complete examples (rewrite, index,
  cache) are the shipped drills they name: every field of an example
  drill.json has the shipped value, and each example's slow.sql and
  reference.sql is the shipped file (whitespace aside);
- the rewrite example, laid out as a drill folder (with the shipped hints),
  passes `pgdrill author verify --no-db`, and the query its prompt quotes is
  its slow.sql (verify checks that too).

docs/fixture-format.md, on a private pgdrill cluster of its own (started in
a temporary home, stopped and removed at the end):
- the deterministic-seed example (the `orders` block) runs on seeds 1 and 2
  and gives different but reproducible rows;
- the complete minimal example (`fixtures/tiny/...`) is extracted to files;
- "Checking a fixture by hand": the sh block runs as written with PGHOST,
  PGPORT and PGUSER of the cluster's superuser (its `export` line is the
  placeholder it replaces), twice into two databases whose tables must have
  equal checksums, the roles already existing the second time;
- "Inspecting a built fixture": a scaffolded drill on the tiny fixture is
  started and its psql copy is reachable; a copy of the template made with
  `createdb -T` holds the same rows.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ["PGDRILL_SOURCE_DIR"]
BIN = os.environ["PGDRILL_BIN"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def read(rel):
    with open(os.path.join(SRC, rel)) as f:
        return f.read()


def norm_sql(text):
    text = re.sub(r"--[^\n]*", "", text)
    return " ".join(text.split()).rstrip(";").strip()


def section(doc, title):
    start = doc.index(title)
    nxt = doc.find("\n## ", start + len(title))
    return doc[start:nxt if nxt >= 0 else len(doc)]


def labelled_block(text, label, lang):
    """The ```lang block that follows "`label`:" in text."""
    m = re.search(r"`%s`:\n\n```%s\n(.*?)```" % (re.escape(label), lang), text, re.S)
    if m is None:
        raise SystemExit("no ```%s block after `%s`:" % (lang, label))
    return m.group(1)


def run(args, env, cwd=None, check=True, input=None):
    r = subprocess.run(args, env=env, cwd=cwd, input=input, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if check and r.returncode != 0:
        fail("%s exited %d:\n%s" % (" ".join(args), r.returncode, r.stdout[-3000:]))
    return r


# --- docs/drill-format.md -------------------------------------------------

def check_drill_examples(work):
    doc = read("docs/drill-format.md")
    top = json.loads(re.search(r"## drill.json\n\n```json\n(.*?)```", doc, re.S).group(1))
    examples = section(doc, "## Complete examples")
    pairs = [(top, top["id"])]
    rew_json = json.loads(labelled_block(examples, "drill.json", "json"))
    pairs.append((rew_json, rew_json["id"]))
    for example, drill in pairs:
        shipped = json.loads(read("drills/%s/drill.json" % drill))
        for k, v in example.items():
            if shipped.get(k) != v:
                fail("docs/drill-format.md: %s's %s is %r, the shipped drill has %r"
                     % (drill, k, v, shipped.get(k)))
    # each example's SQL files are the shipped ones
    for m in re.finditer(r"### [a-z-]+: drills/([a-z0-9-]+)\n(.*?)(?=\n### |\Z)", examples, re.S):
        drill, body = m.group(1), m.group(2)
        for name in ("slow.sql", "reference.sql"):
            b = re.search(r"`%s`:\n\n```sql\n(.*?)```" % re.escape(name), body, re.S)
            if b is None:
                continue
            if norm_sql(b.group(1)) != norm_sql(read("drills/%s/%s" % (drill, name))):
                fail("docs/drill-format.md: the %s of %s differs from the shipped file" % (name, drill))
    # the rewrite example as a drill folder passes verify's static checks
    prompt = re.search(r"`prompt.md`:\n\n````markdown\n(.*?)````", examples, re.S).group(1)
    drills = os.path.join(work, "drills")
    d = os.path.join(drills, rew_json["id"])
    os.makedirs(d)
    shutil.copy(os.path.join(SRC, "drills", "concepts.json"), drills)
    with open(os.path.join(d, "drill.json"), "w") as f:
        json.dump(rew_json, f)
    with open(os.path.join(d, "prompt.md"), "w") as f:
        f.write(prompt)
    for name in ("slow.sql", "reference.sql"):
        with open(os.path.join(d, name), "w") as f:
            f.write(labelled_block(examples, name, "sql"))
    shutil.copy(os.path.join(SRC, "drills", rew_json["id"], "hints.md"), d)
    env = dict(os.environ, PGDRILL_DRILLS=drills, PGDRILL_FIXTURES=os.path.join(SRC, "fixtures"))
    r = run([BIN, "author", "verify", rew_json["id"], "--no-db"], env, check=False)
    if r.returncode != 0 or "passes the static checks" not in r.stdout:
        fail("the rewrite example of docs/drill-format.md fails author verify --no-db:\n"
             + r.stdout)
    print("drill-format examples checked", flush=True)


# --- docs/fixture-format.md -----------------------------------------------

def psql(env, db, sql):
    r = run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-d", db, "-c", sql], env)
    return r.stdout.strip()


def check_seed_example(doc, env):
    rules = section(doc, "## Rules for the seed script")
    block = re.search(r"```sql\n(CREATE TABLE orders.*?)```", rules, re.S).group(1)
    sums = {}
    for seed in (1, 2, 1):
        run(["createdb", "seed_example"], env)
        script = "SET pgdrill.seed = '%d'; SET pgdrill.scale = '0.02';\n%s" % (seed, block)
        run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "seed_example"], env, input=script)
        s = psql(env, "seed_example",
                 "SELECT count(*) || ' ' || md5(string_agg(t::text, ',' ORDER BY id)) FROM orders t")
        statuses = psql(env, "seed_example", "SELECT count(DISTINCT status) FROM orders")
        run(["dropdb", "seed_example"], env)
        if statuses != "3":
            fail("the seed example gives %s statuses, not 3" % statuses)
        if seed in sums and sums[seed] != s:
            fail("the seed example is not reproducible on seed %d: %s vs %s" % (seed, sums[seed], s))
        sums[seed] = s
    if sums[1] == sums[2]:
        fail("the seed example gives the same rows on seeds 1 and 2")
    if not sums[1].startswith("5000 "):
        fail("the seed example at scale 0.02 has %s rows, not 5000" % sums[1].split()[0])


def write_tiny(doc, root):
    example = section(doc, "## A complete minimal example")
    tiny = os.path.join(root, "fixtures", "tiny")
    os.makedirs(tiny)
    for name, lang in (("fixture.json", "json"), ("schema.sql", "sql"), ("seed.sql", "sql")):
        with open(os.path.join(tiny, name), "w") as f:
            f.write(labelled_block(example, "fixtures/tiny/" + name, lang))


def check_hand_build(doc, env, root):
    by_hand = section(doc, "## Checking a fixture by hand")
    block = re.search(r"```sh\n(.*?)```", by_hand, re.S).group(1)
    lines = block.splitlines(True)
    if not lines[0].startswith("export PGHOST="):
        fail("the hand-build recipe no longer starts with its export line")
    script = "".join(lines[1:])
    sums = []
    for db in ("tiny_s1", "tiny_again"):
        r = run(["bash", "-e", "-o", "pipefail", "-c", script.replace("tiny_s1", db)], env,
                cwd=root, check=False)
        if r.returncode != 0:
            fail("the hand-build recipe of docs/fixture-format.md fails (into %s):\n%s"
                 % (db, r.stdout[-3000:]))
            return
        if not re.search(r"^\s*100000\s*$", r.stdout[-200:], re.M):
            fail("the learner's count after the hand build is not 100000:\n" + r.stdout[-500:])
        sums.append([psql(env, db, "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM %s t" % t)
                     for t in ("accounts", "entries")])
    if sums[0] != sums[1]:
        fail("two hand builds of the tiny example differ: %s vs %s" % sums)
    for db in ("tiny_s1", "tiny_again"):
        run(["dropdb", db], env)
    print("hand-build recipe checked", flush=True)


def check_inspection(env, root):
    drills = os.path.join(root, "drills")
    os.makedirs(drills, exist_ok=True)
    shutil.copy(os.path.join(SRC, "drills", "concepts.json"), drills)
    denv = dict(env, PGDRILL_DRILLS=drills, PGDRILL_FIXTURES=os.path.join(root, "fixtures"))
    run([BIN, "author", "new", "look-at-tiny", "--fixture", "tiny"], denv)
    r = run([BIN, "start", "look-at-tiny", "--format", "json"], denv, check=False)
    if r.returncode != 0:
        fail("pgdrill start on the scaffold of the tiny fixture:\n" + r.stdout[-2000:])
        return
    started = json.loads(r.stdout[r.stdout.index("{"):])
    q = run(["psql", "-X", "-At", started["conninfo"], "-c", "SELECT count(*) FROM entries"], denv)
    if q.stdout.strip() != "100000":
        fail("the started copy of tiny has %r entries" % q.stdout.strip())
    st = json.loads(run([BIN, "db", "status", "--format", "json"], denv).stdout)
    names = [t["name"] for t in st["templates"]["databases"] if t["fixture"] == "tiny"]
    if not names:
        fail("db status lists no template of fixture tiny")
        return
    run(["createdb", "-T", names[0], "tiny_look"], env)
    if psql(env, "tiny_look", "SELECT count(*) FROM entries") != "100000":
        fail("a createdb -T copy of the tiny template has other rows")
    run(["dropdb", "tiny_look"], env)
    print("inspection recipes checked", flush=True)


def main():
    home = tempfile.mkdtemp(prefix="pgdrill-docsrecipes-")
    os.chmod(home, 0o755)
    cache = os.path.join(home, "cache")
    os.makedirs(cache)
    os.chmod(cache, 0o755)
    env = dict(os.environ, XDG_CACHE_HOME=cache, XDG_STATE_HOME=os.path.join(home, "state"),
               XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_DATA_HOME=os.path.join(home, "data"))
    for k in ("PGDRILL_DB", "PGDRILL_DRILLS", "PGDRILL_FIXTURES", "PGDRILL_SCALE", "PGDATABASE"):
        env.pop(k, None)
    try:
        check_drill_examples(home)
        run([BIN, "db", "start", "-q"], env)
        st = json.loads(run([BIN, "db", "status", "--format", "json"], env).stdout)
        env.update(PGHOST=st["socket_directory"], PGPORT=str(st["port"]), PGUSER=st["superuser"])
        doc = read("docs/fixture-format.md")
        check_seed_example(doc, env)
        write_tiny(doc, home)
        check_hand_build(doc, env, home)
        check_inspection(env, home)
    finally:
        subprocess.run([BIN, "db", "stop", "-q"], env=env)
        shutil.rmtree(home, ignore_errors=True)
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("docs recipes: all ran as written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
