"""contrib/vigil-wall.service as shipped: systemd-analyze verifies it, and its own ExecStart and ExecStop lines
start and end the wall in tmux (with %h a temporary home whose .local/bin/vigil runs `vigil demo`).

    python3 Tests/contrib/wall_unit.py VIGIL
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from polling import poll  # noqa: E402

VIGIL = os.path.abspath(sys.argv[1])
UNIT = os.path.join(os.path.dirname(__file__), "..", "..", "contrib", "vigil-wall.service")
RESULTS = []


def unit_lines():
    return dict(re.findall(r"^(\w+)=(.*)$", open(UNIT).read(), re.M))


def verify():
    tool = shutil.which("systemd-analyze")
    if not tool:
        return "skip", "systemd-analyze is not installed (Debian's systemd package brings it; too heavy to install for one check)"
    out = subprocess.run([tool, "verify", "--man=no", os.path.abspath(UNIT)], capture_output=True, text=True)
    noise = (out.stdout + out.stderr).strip()
    assert out.returncode == 0 and not noise, f"systemd-analyze verify: exit {out.returncode}: {noise}"
    return "ok", "systemd-analyze verify --man=no: no complaint"


def exec_lines_run_the_wall():
    lines = unit_lines()
    home = tempfile.mkdtemp(prefix="vigil-unit-")
    try:
        os.makedirs(os.path.join(home, ".local", "bin"))
        wrapper = os.path.join(home, ".local", "bin", "vigil")
        with open(wrapper, "w") as f:  # the unit's vigil, as a demo: no account needed
            f.write(f"#!/bin/sh\nexec {shlex.quote(VIGIL)} demo --scenario quiet \"$@\"\n")
        os.chmod(wrapper, 0o755)
        env = {"HOME": home, "PATH": "/usr/bin:/bin", "XDG_STATE_HOME": os.path.join(home, "state"),
               "XDG_CONFIG_HOME": os.path.join(home, "config"), "TMUX_TMPDIR": home}
        env.update(dict(kv.split("=", 1) for kv in shlex.split(lines["Environment"])))

        def run(line):
            argv = [a.replace("%h", home) for a in shlex.split(line)]
            return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=30)

        started = run(lines["ExecStart"])
        assert started.returncode == 0, f"ExecStart: {started.stderr}"
        try:
            capture = lambda: run("/usr/bin/tmux -L vigil capture-pane -p -t vigil-wall").stdout
            poll(lambda: "vigil wall" in capture(), "the wall in the unit's tmux session")
        finally:
            stopped = run(lines["ExecStop"])
        assert stopped.returncode == 0, f"ExecStop: {stopped.stderr}"
        poll(lambda: run("/usr/bin/tmux -L vigil has-session -t vigil-wall").returncode != 0, "ExecStop to end the session")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return "ok", "ExecStart shows the wall in tmux -L vigil; ExecStop ends it"


passed = failed = 0
for title, fn in (("the unit verifies", verify), ("the unit's ExecStart and ExecStop run the wall", exec_lines_run_the_wall)):
    try:
        outcome, detail = fn()
        if outcome == "skip":
            print(f"skip {title}: {detail}")
            continue
        passed += 1
        print(f"ok   {title} ({detail})")
    except Exception as error:  # noqa: BLE001
        failed += 1
        print(f"FAIL {title}: {error}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
