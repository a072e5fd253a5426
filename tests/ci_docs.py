#!/usr/bin/env python3
"""tests/ci_docs.py — docs/ci.md's GitHub Actions workflow and GitLab CI job,
run as written on this checkout (meson test ci_docs, suite ci).

The page promises two files a training repository can copy.  This test takes
them out of the page (the ```yaml blocks holding .github/workflows/grade.yml
and .gitlab-ci.yml), lays out what they expect — a repository with the
pgdrill checkout as the `pgdrill` submodule and an `answers/` folder — and
runs every shell step with bash -e, as the runners do:

- GitHub: the job's `env`, each step's `run` with ${{ matrix.shard }} set to
  each matrix value; `actions/checkout` is the layout made here, and
  `actions/upload-artifact` is checked: its paths must exist afterwards.
- GitLab: `variables`, then `before_script` and `script` with CI_NODE_INDEX
  1..parallel and CI_NODE_TOTAL; the junit report and artifact paths must
  exist afterwards.

Each job runs in a fresh directory for its first shard (so `meson setup`
builds pgdrill from scratch, as on a fresh runner); its later shards reuse
that directory and skip only the step that builds (meson setup refuses a
configured directory; a real runner would build again).  The `postgres:15`
service is replaced by a private cluster of the pgdrill under test, started
here in a home of its own and stopped and removed at the end: PGDRILL_DB is
overridden with its socket conninfo.  The catalogue is the tiny test one
(PGDRILL_DRILLS / PGDRILL_FIXTURES) and the answers are its references, so
every step must succeed (a grading step may exit 1: a reference can lose on
time on a loaded machine, and that is grading, not a broken file).  Also checked statically: every package of
tools/test.sh that a build needs is in both install lines (the workflow
once lacked pkg-config).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

SRC = os.environ["PGDRILL_SOURCE_DIR"]
BIN = os.environ["PGDRILL_BIN"]
# tools/test.sh packages that only the tests need, not a build of pgdrill
# (man-db: the install test renders pgdrill(1)).  pgbouncer is not here: a
# grading job needs it for pooling load drills, so the workflows install it.
TEST_ONLY = {"clang", "python3", "python3-yaml", "postgresql-15", "postgresql-client-15",
             "libxml2-utils", "chromium", "bash-completion", "man-db"}
ANSWERS = ["t-basics-easy", "t-sargable", "t-joins"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def yaml_block(doc, marker):
    for block in re.findall(r"```yaml\n(.*?)```", doc, re.S):
        if marker in block:
            return yaml.safe_load(block)
    raise SystemExit("docs/ci.md has no yaml block with " + marker)


def build_packages():
    text = open(os.path.join(SRC, "tools/test.sh")).read()
    m = re.search(r"packages=\((.*?)\)", text, re.S)
    return set(m.group(1).split()) - TEST_ONLY


def check_packages(name, script):
    listed = set()
    for m in re.finditer(r"apt-get install -y ([^&\n]*)", script.replace("\\\n", " ")):
        listed |= set(m.group(1).split())
    missing = build_packages() - listed
    if missing:
        fail("%s installs no %s (tools/test.sh builds with it)" % (name, ", ".join(sorted(missing))))


def source_files():
    out = subprocess.run(["git", "-C", SRC, "ls-files", "-co", "--exclude-standard"],
                         check=True, capture_output=True, text=True).stdout
    return [f for f in out.splitlines() if f and not f.startswith("build")]


def layout(root):
    """A training repository: pgdrill/ (this checkout) and answers/."""
    for f in source_files():
        src = os.path.join(SRC, f)
        if os.path.isfile(src) and not os.path.islink(src):
            dst = os.path.join(root, "pgdrill", f)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
    os.makedirs(os.path.join(root, "answers"))
    for d in ANSWERS:
        shutil.copy(os.path.join(SRC, "tests/db/catalogue/drills", d, "reference.sql"),
                    os.path.join(root, "answers", d + ".sql"))


def run_step(name, script, cwd, env):
    """Run one step; a grading step may also exit 1 (graded, some answer
    failed: on a loaded machine a reference can lose on time), never 2, 3
    or 4 (a usage error, a rejected answer, a broken environment)."""
    print("== %s" % name, flush=True)
    r = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    tail = "\n".join(r.stdout.splitlines()[-15:])
    print(tail, flush=True)
    ok = (0, 1) if "pgdrill grade" in script else (0,)
    if r.returncode not in ok:
        fail("%s exited %d" % (name, r.returncode))
    return r.stdout


def base_env(job_env, cluster_conninfo, home):
    env = dict(os.environ)
    env.update({k: str(v) for k, v in (job_env or {}).items()})
    env["PGDRILL_DB"] = cluster_conninfo
    env["PGDRILL_DRILLS"] = os.path.join(home, "repo", "pgdrill", "tests/db/catalogue/drills")
    env["PGDRILL_FIXTURES"] = os.path.join(home, "repo", "pgdrill", "tests/db/catalogue/fixtures")
    env["CI"] = "true"
    env.pop("PGDRILL_SCALE", None)
    return env


def github(doc, conninfo, home):
    wf = yaml_block(doc, ".github/workflows/grade.yml")
    job = wf["jobs"]["grade"]
    steps = job["steps"]
    check_packages("the GitHub workflow", "\n".join(s.get("run", "") for s in steps))
    repo = os.path.join(home, "repo")
    for i, shard in enumerate(job["strategy"]["matrix"]["shard"]):
        if i == 0:
            shutil.rmtree(repo, ignore_errors=True)
            layout(repo)
        env = base_env(job.get("env"), conninfo, home)
        for step in steps:
            if "run" in step:
                script = step["run"].replace("${{ matrix.shard }}", str(shard))
                if i > 0 and "meson setup" in script:
                    continue
                out = run_step("github shard %s: %s" % (shard, step.get("name", "")), script,
                               repo, env)
                if "--out github=-" in script and "::notice title=pgdrill grade::" not in out:
                    fail("github shard %s: no annotation on stdout" % shard)
            elif step.get("uses", "").startswith("actions/upload-artifact"):
                for p in str(step["with"]["path"]).split():
                    if not os.path.isfile(os.path.join(repo, p)):
                        fail("github shard %s: artifact %s was not written" % (shard, p))
                    elif p.endswith(".json"):
                        n = json.load(open(os.path.join(repo, p)))["summary"]["total"]
                        if n < 1:
                            fail("github shard %s: %s grades nothing" % (shard, p))
                    os.unlink(os.path.join(repo, p))


def gitlab(doc, conninfo, home):
    job = yaml_block(doc, ".gitlab-ci.yml")["grade"]
    check_packages("the GitLab job", "\n".join(job["before_script"]))
    repo = os.path.join(home, "repo")
    total = int(job.get("parallel", 1))
    for node in range(1, total + 1):
        if node == 1:
            shutil.rmtree(repo, ignore_errors=True)
            layout(repo)
        env = base_env(job.get("variables"), conninfo, home)
        env.update({"CI_NODE_INDEX": str(node), "CI_NODE_TOTAL": str(total)})
        lines = (job["before_script"] if node == 1 else []) + job["script"]
        run_step("gitlab node %d" % node, "\n".join(lines), repo, env)
        art = job["artifacts"]
        for p in [art["reports"]["junit"]] + art.get("paths", []):
            if not os.path.isfile(os.path.join(repo, p)):
                fail("gitlab node %d: artifact %s was not written" % (node, p))
            else:
                os.unlink(os.path.join(repo, p))


def main():
    doc = open(os.path.join(SRC, "docs/ci.md")).read()
    home = tempfile.mkdtemp(prefix="pgdrill-cidocs-")
    os.chmod(home, 0o755)
    cache = os.path.join(home, "cache")
    os.makedirs(cache, mode=0o755)
    os.chmod(cache, 0o755)
    cenv = dict(os.environ, XDG_CACHE_HOME=cache, XDG_STATE_HOME=os.path.join(home, "state"))
    cenv.pop("PGDRILL_DB", None)
    try:
        subprocess.run([BIN, "db", "start", "-q"], env=cenv, check=True)
        st = json.loads(subprocess.run([BIN, "db", "status", "--format", "json"], env=cenv,
                                       check=True, capture_output=True, text=True).stdout)
        github(doc, st["conninfo"], home)
        gitlab(doc, st["conninfo"], home)
    finally:
        subprocess.run([BIN, "db", "stop", "-q"], env=cenv)
        shutil.rmtree(home, ignore_errors=True)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
