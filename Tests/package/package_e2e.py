"""The release tarball as a newcomer gets it: packaged, unpacked into an empty folder, run with no toolchain.

    python3 Tests/package/package_e2e.py [--tarball dist/vigil-….tar.gz]

Without --tarball it runs scripts/package (which reuses .build-release). Then, in a new empty folder:
the files are where the README says; `ldd bin/vigil` names no Swift library; `bin/vigil demo` runs in
tmux under `env -i HOME=… TERM=… LANG=… PATH=/usr/bin:/bin` from an empty working folder — with
/opt/swift hidden behind an empty mount when this machine allows (root, unshare) — and shows the dashboard.
"""
import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from polling import poll  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--tarball", help="test this tarball instead of running scripts/package")
ARGS = parser.parse_args()
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOLCHAIN = "/opt/swift"
WORK = tempfile.mkdtemp(prefix="vigil-package-")
TMUX = ["tmux", "-S", os.path.join(WORK, "tmux.sock"), "-f", "/dev/null"]
RESULTS = []


def check(title):
    def register(fn):
        RESULTS.append((title, fn))
        return fn
    return register


def tmux(*args, check=True):
    return subprocess.run([*TMUX, *args], check=check, capture_output=True, text=True).stdout


def package():
    if ARGS.tarball:
        return os.path.abspath(ARGS.tarball)
    out = subprocess.run(["scripts/package"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    m = re.search(r"(dist/\S+\.tar\.gz)", out)
    assert m, f"scripts/package named no tarball: {out}"
    return os.path.join(ROOT, m.group(1))


TARBALL = package()
UNPACKED = os.path.join(WORK, "unpacked")
os.mkdir(UNPACKED)
subprocess.run(["tar", "-xzf", TARBALL, "-C", UNPACKED], check=True)
(PREFIX,) = glob.glob(os.path.join(UNPACKED, "vigil-*"))
VIGIL = os.path.join(PREFIX, "bin", "vigil")
HOME = os.path.join(WORK, "home")
EMPTY = os.path.join(WORK, "cwd")
os.mkdir(HOME)
os.mkdir(EMPTY)
CLEAN_ENV = {"HOME": HOME, "TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}


def hide_toolchain():
    """A command prefix that runs its command with /opt/swift empty (a private mount), or None and why not."""
    if not os.path.isdir(TOOLCHAIN):
        return [], f"{TOOLCHAIN} is not on this machine"
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return None, "hiding the toolchain needs root and unshare"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs none {TOOLCHAIN} && ls -A {TOOLCHAIN}"],
                           capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip():
        return None, f"unshare -m could not hide {TOOLCHAIN}: {probe.stderr.strip()}"
    return ["unshare", "-m", "sh", "-c", f'mount -t tmpfs none {TOOLCHAIN} && exec "$@"', "sh"], None


HIDE, HIDE_REASON = hide_toolchain()


def clean(argv):
    """argv under `env -i` with the clean environment, the toolchain hidden where possible."""
    return [*(HIDE or []), "env", "-i", *(f"{k}={v}" for k, v in CLEAN_ENV.items()), *argv]


@check("the tarball holds the binary, man page, completions, themes, README and notices where the README says")
def layout():
    version = re.search(r"vigil-(.+)-linux-", os.path.basename(TARBALL)).group(1)
    assert os.path.basename(PREFIX) == f"vigil-{version}-linux-{os.uname().machine}", PREFIX
    expect = {
        "bin/vigil": None,
        "share/man/man1/vigil.1": r"^\.Dd|^\.TH",
        "share/bash-completion/completions/vigil": r"complete .*vigil",
        "share/zsh/site-functions/_vigil": r"#compdef vigil",
        "share/fish/vendor_completions.d/vigil.fish": r"complete -c '?vigil",
        "share/doc/vigil/README.md": r"^# Vigil",
        "share/doc/vigil/THIRD-PARTY-NOTICES": r"swift-nio",
    }
    for path, pattern in expect.items():
        full = os.path.join(PREFIX, path)
        assert os.path.isfile(full), f"{path} missing from the tarball"
        if pattern:
            text = open(full, encoding="utf-8", errors="replace").read()
            assert re.search(pattern, text, re.M), f"{path} does not match {pattern!r}"
    man = open(os.path.join(PREFIX, "share/man/man1/vigil.1")).read()
    for sub in ("demo", "check", "simulate", "init"):
        assert re.search(rf"\b{sub}\b", man), f"the man page does not describe {sub}"
    if shutil.which("groff"):  # the page renders without a warning
        lint = subprocess.run(["groff", "-mandoc", "-Tutf8", "-ww", "-z", os.path.join(PREFIX, "share/man/man1/vigil.1")],
                              capture_output=True, text=True)
        assert lint.returncode == 0 and not lint.stderr.strip(), f"groff: {lint.stderr}"
    bash = subprocess.run(["bash", "-n", os.path.join(PREFIX, "share/bash-completion/completions/vigil")], capture_output=True, text=True)
    assert bash.returncode == 0, f"the bash completion does not parse: {bash.stderr}"
    themes = sorted(os.path.basename(t) for t in glob.glob(os.path.join(PREFIX, "share/vigil/themes/*.toml")))
    assert themes == sorted(os.path.basename(t) for t in glob.glob(os.path.join(ROOT, "themes/*.toml"))), themes
    assert os.access(VIGIL, os.X_OK), "bin/vigil is not executable"


@check("ldd bin/vigil names no Swift library and nothing missing")
def no_swift_libraries():
    out = subprocess.run(["ldd", VIGIL], capture_output=True, text=True, check=True).stdout
    libraries = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert libraries, "ldd listed nothing"
    swift = [lib for lib in libraries if re.search(r"swift|Foundation|dispatch|BlocksRuntime|icu", lib, re.I)]
    assert not swift, f"loads {swift} dynamically"
    assert "not found" not in out, out


@check("bin/vigil --version and --help under env -i, with no toolchain")
def version_in_a_clean_environment():
    version = subprocess.run(clean([VIGIL, "--version"]), cwd=EMPTY, capture_output=True, text=True, timeout=30)
    assert version.returncode == 0 and re.fullmatch(r"[0-9][\w.+-]*\n", version.stdout), version
    assert version.stdout.strip() in os.path.basename(TARBALL)
    usage = subprocess.run(clean([VIGIL, "--help"]), cwd=EMPTY, capture_output=True, text=True, timeout=30)
    assert usage.returncode == 0 and "demo" in usage.stdout and "init" in usage.stdout, usage


@check("bin/vigil demo shows the dashboard in tmux under env -i with PATH=/usr/bin:/bin, from an empty folder")
def demo_in_tmux():
    session = "package-demo"
    command = " ".join(shlex.quote(a) for a in clean([VIGIL, "demo"]))
    tmux("new-session", "-d", "-s", session, "-c", EMPTY, "-x", "120", "-y", "40", f"{command}; echo vigil-exit=$?; sleep 600")
    screen = [""]

    def shows(text):
        def probe():
            screen[0] = tmux("capture-pane", "-p", "-t", session)
            return re.search(text, screen[0])
        return probe

    try:
        poll(shows(r"#\d+\s+P1"), "an alert row on the dashboard", timeout=30, detail=lambda: f"; screen was:\n{screen[0]}")
        assert "On call" in screen[0] and "Heartbeats" in screen[0], screen[0]
        tmux("send-keys", "-t", session, "q")
        poll(shows(r"vigil-exit=\d+"), "vigil to quit", detail=lambda: f"; screen was:\n{screen[0]}")
        assert "vigil-exit=0" in screen[0], screen[0]
    finally:
        tmux("kill-session", "-t", session, check=False)
    # Nothing was written next to the binary or into the working folder; the state went to HOME.
    assert os.listdir(EMPTY) == [], os.listdir(EMPTY)
    assert os.path.exists(os.path.join(HOME, ".local/state/vigil/vigil.log")), "no log under HOME"


def main():
    print(f"package: {os.path.relpath(TARBALL, ROOT)}")
    if HIDE is None:
        print(f"note: {TOOLCHAIN} stays visible to the binary: {HIDE_REASON}")
    elif HIDE:
        print(f"{TOOLCHAIN} hidden behind an empty mount for the runs below")
    passed = failed = 0
    try:
        for title, fn in RESULTS:
            try:
                fn()
                passed += 1
                print(f"ok   {title}", flush=True)
            except Exception as error:  # noqa: BLE001
                failed += 1
                print(f"FAIL {title}: {error}", flush=True)
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)
        shutil.rmtree(WORK, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not RESULTS else 0


if __name__ == "__main__":
    sys.exit(main())
