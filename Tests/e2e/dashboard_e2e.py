"""Drives `vigil demo` in tmux: keys in, screens and the simulator's state out.

Every check is independent: it starts its own vigil (and simulator, if it needs one) in its own tmux
session with its own state folder, and tears all of it down in a `finally`, so any check runs alone
(`--only NAME`) or in any order (`--shuffle`, `--seed N`). Processes are only ever signalled by the PID
this script learnt for them, never by a name pattern, so other Vigils on the machine are left alone.

    python3 Tests/e2e/dashboard_e2e.py VIGIL [--only NAME ...] [--shuffle] [--seed N] [--list]
"""
import argparse
import atexit
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from polling import poll  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("vigil", help="the vigil binary to test")
parser.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="run only this check (its short name, or its full title); repeatable, or comma-separated")
parser.add_argument("--shuffle", action="store_true", help="run the checks in a random order (the seed is printed)")
parser.add_argument("--seed", type=int, help="seed for --shuffle (implies --shuffle)")
parser.add_argument("--list", action="store_true", help="list the checks' short names and titles, then exit")
ARGS = parser.parse_args()

VIGIL = os.path.abspath(ARGS.vigil)
RUN_ID = f"vigil-e2e-{os.getpid()}"
# This run's folder: its tmux socket, and a state folder per check (kept only when the check fails).
RUN_DIR = tempfile.mkdtemp(prefix=f"{RUN_ID}-")
# A tmux server of our own (its own socket, no user config): a developer's tmux sessions are never touched,
# and `kill-server` at the end only ends this run's server.
TMUX = ["tmux", "-S", os.path.join(RUN_DIR, "tmux.sock"), "-f", "/dev/null"]
KEY = "vigil-demo-key"


def tmux(*args, check=True):
    return subprocess.run([*TMUX, *args], check=check, capture_output=True, text=True).stdout


@atexit.register
def _end_tmux_server():
    subprocess.run([*TMUX, "kill-server"], capture_output=True)
    for remove in (lambda: os.remove(os.path.join(RUN_DIR, "tmux.sock")),
                   lambda: os.rmdir(RUN_DIR)):  # only when empty: state folders of failed checks stay
        try:
            remove()
        except OSError:
            pass


# --- processes, by PID only -------------------------------------------------------------------------------------------

def alive(pid):
    """True while pid is a process that has not yet exited (a zombie counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def is_our_vigil(pid):
    """pid is still the vigil this script started (guards against signalling a reused PID)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv0 = f.read().split(b"\0")[0].decode()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return argv0 == VIGIL and alive(pid)


def stop(pid):
    """Ends one process we started: SIGTERM, then SIGKILL if it lingers. Only that PID is signalled."""
    for sig, grace in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 3.0)):
        if not is_our_vigil(pid):
            return
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        try:
            poll(lambda: not alive(pid), f"pid {pid} to end", timeout=grace, interval=0.05)
        except AssertionError:
            continue


class Pane:
    """One tmux session with a bash prompt, its own state folder, and the vigils started in it (by PID)."""
    serial = 0

    def __init__(self, slug, width=120, height=40):
        Pane.serial += 1
        self.session = f"{RUN_ID}-{Pane.serial}-{slug}"
        self.state = tempfile.mkdtemp(prefix=f"{slug}-", dir=RUN_DIR)
        self.width, self.height = width, height
        self.pids = []
        self.simulators = []

    def start(self):
        tmux("new-session", "-d", "-s", self.session, "-c", os.getcwd(), "-x", str(self.width), "-y", str(self.height),
             "-e", f"XDG_STATE_HOME={self.state}", "-e", f"XDG_CONFIG_HOME={self.state}/config", "-e", "PS1=$ ",
             "bash", "--norc", "--noprofile")
        tmux("set-option", "-t", self.session, "remain-on-exit", "on")

    def teardown(self):
        """Ends what this check started, by PID, then its tmux session; safe to call after any failure."""
        for pid in self.pids:
            stop(pid)
        for proc in self.simulators:
            if proc.poll() is None:
                proc.kill()  # Popen.kill signals exactly this child's PID
            proc.wait(timeout=10)
        tmux("kill-session", "-t", self.session, check=False)

    # screen and keys

    def screen(self):
        return tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *k):
        tmux("send-keys", "-t", self.session, *k)

    def wait_for(self, predicate, what, timeout=15.0):
        """Polls the screen until predicate(screen) holds; returns that screen."""
        last = [""]

        def probe():
            last[0] = self.screen()
            return predicate(last[0]) and last[0]

        return poll(probe, what, timeout, detail=lambda: f"; screen was:\n{last[0]}")

    def wait_text(self, text, timeout=15.0):
        return self.wait_for(lambda s: text in s, repr(text), timeout)

    # vigil

    def launch(self, args, env=None):
        """Starts vigil in the pane's shell as a foreground job and returns its PID.

        bash -c writes its own PID to a file and then execs vigil, so that PID is vigil's. env goes through a
        file the script sources, never the typed command line, so a key in it is not echoed to the terminal."""
        n = len(self.pids) + 1
        pidfile = os.path.join(self.state, f"vigil-{n}.pid")
        # ulimit -c 0: the crash check must not leave a core file in the repository (the pane's cwd, for ./themes)
        script = f'ulimit -c 0; echo $$ > {pidfile}.tmp && mv {pidfile}.tmp {pidfile} && exec "$0" "$@"'
        if env:
            envfile = os.path.join(self.state, f"vigil-{n}.env")
            with open(os.open(envfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.writelines(f"export {k}={shlex.quote(v)}\n" for k, v in env.items())
            script = f". {envfile} && {script}"
        self.keys("clear", "Enter")
        self.keys("-l", f"bash -c {shlex.quote(script)} {shlex.quote(VIGIL)} {args}")
        self.keys("Enter")
        pid = int(poll(lambda: os.path.exists(pidfile) and open(pidfile).read().strip(), f"{pidfile} to be written"))
        self.pids.append(pid)
        poll(lambda: is_our_vigil(pid), f"pid {pid} to exec vigil")
        return pid

    def run_demo(self, scenario="ops-room"):
        """Starts `vigil demo` and waits for the dashboard; returns (pid, simulator port)."""
        pid = self.launch(f"demo --scenario {scenario}")
        self.wait_text("Alerts ")
        return pid, self.demo_port("the opsgenie")

    def demo_port(self, source):
        """The port the demo's simulator for `source` answers on, from vigil.log (the status line shortens the host)."""
        log = os.path.join(self.state, "vigil", "vigil.log")
        pattern = re.compile(rf"demo: {re.escape(source)} simulator answers on http://127\.0\.0\.1:(\d+)")
        m = poll(lambda: os.path.exists(log) and pattern.search(open(log).read()), f"{source} simulator's port in {log}")
        return int(m.group(1))

    def wait_exit(self, pid, what="vigil to exit", timeout=15.0):
        """Waits until the process has ended and the dashboard is gone from the screen."""
        poll(lambda: not alive(pid), f"{what} (pid {pid})", timeout, interval=0.05)
        self.wait_for(lambda s: "Alerts " not in s, f"{what}: the dashboard to leave the screen", timeout)

    def stty_is_sane(self):
        out = os.path.join(self.state, "stty.txt")
        self.keys("clear", "Enter")
        self.keys(f"stty -a > {out}.tmp && mv {out}.tmp {out}", "Enter")
        poll(lambda: os.path.exists(out), "stty -a to run in the shell", timeout=10,
             detail=lambda: f"; screen was:\n{self.screen()}")
        text = open(out).read()
        os.remove(out)
        assert re.search(r"(?<!-)icanon", text), f"icanon off: {text}"
        assert re.search(r"(?<!-)echo\b", text), f"echo off: {text}"
        assert re.search(r"(?<!-)icrnl", text), f"icrnl off: {text}"

    def start_simulator(self, *extra):
        log = os.path.join(self.state, f"simulate-{len(self.simulators) + 1}.log")
        proc = subprocess.Popen([VIGIL, "simulate", "--port", "0", "--scenario", "ops-room", *extra],
                                stdout=open(log, "w"), stderr=subprocess.STDOUT)
        self.simulators.append(proc)
        m = poll(lambda: re.search(r"http://127\.0\.0\.1:(\d+)", open(log).read()) or proc.poll() is not None and "exit",
                 "vigil simulate to start", timeout=20)
        assert m != "exit", f"vigil simulate exited: {open(log).read()}"
        return int(m.group(1))


# --- the simulator's API -----------------------------------------------------------------------------------------------

def api(port, path, method="GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=data,
                                     headers={"Authorization": f"GenieKey {KEY}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def alert(port, tiny):
    return api(port, f"/v2/alerts/{tiny}?identifierType=tiny")["data"]


def incident(port, tiny):
    return api(port, f"/v1/incidents/{tiny}?identifierType=tiny")["data"]


def faults(sim_port, rules):
    body = json.dumps({"rules": rules}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{sim_port}/_sim/faults", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=5).read()


def clear_faults(sim_port):
    urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{sim_port}/_sim/faults", method="DELETE"), timeout=5)


# --- screen helpers ----------------------------------------------------------------------------------------------------

def selected_tiny(s):
    # the selected row is the one the detail pane describes
    m = re.search(r"│ #(\d+) P\d ", s)
    return m.group(1) if m else None


def move_down(p):
    """Presses j and waits until the detail pane follows the new selection; returns its tiny id."""
    before = selected_tiny(p.wait_text("│ #"))
    p.keys("j")
    return selected_tiny(p.wait_for(lambda s: selected_tiny(s) not in (before, None), "the selection to move down"))


def move_to_top(p):
    """Presses g and waits until the first row of the list is the one selected."""
    p.keys("g")

    def first(s):
        m = re.search(r"#(\d+)\s{2,}P\d", s)
        return m and m.group(1)

    return selected_tiny(p.wait_for(lambda s: first(s) and selected_tiny(s) == first(s), "the selection to reach the top"))


# --- checks ------------------------------------------------------------------------------------------------------------

CHECKS = []  # (short name, title, function taking a fresh Pane)


def check(slug, title, **pane_options):
    def register(fn):
        CHECKS.append((slug, title, fn, pane_options))
        return fn
    return register


@check("alerts-appear", "alerts, on-call and heartbeats appear")
def alerts_appear(p):
    p.run_demo()
    s = p.wait_for(lambda s: re.search(r"#\d+\s+P1", s) and "now " in s and "/5m" in s, "alerts, on-call and heartbeats")
    assert "On call" in s and "Heartbeats" in s


@check("acknowledge", "a acknowledges the selected alert (pane and simulator agree)")
def acknowledge(p):
    _, port = p.run_demo()
    p.keys("g")
    s = p.wait_text("│ #")
    tiny = selected_tiny(s)
    assert alert(port, tiny)["acknowledged"] is False
    p.keys("a")
    p.wait_text(f"ack #{tiny}: confirmed")
    assert alert(port, tiny)["acknowledged"] is True


@check("snooze", "s snoozes")
def snooze(p):
    _, port = p.run_demo()
    tiny = move_down(p)
    p.keys("s")
    p.wait_text("15 minutes")
    p.keys("Enter")
    p.wait_text(f"snooze #{tiny}: confirmed")
    assert alert(port, tiny)["snoozed"] is True


@check("assign", "o assigns through the user picker")
def assign(p):
    _, port = p.run_demo()
    tiny = move_down(p)
    p.keys("o")
    p.wait_text("Assign #")
    p.keys("-l", "bob")
    p.wait_text("bob@example.com")
    p.keys("Enter")
    p.wait_text(f"assign #{tiny}: confirmed")
    assert alert(port, tiny)["owner"] == "bob@example.com"


@check("close", "c + n does not close; c + y closes")
def close_no_then_yes(p):
    _, port = p.run_demo()
    tiny = move_down(p)
    p.keys("c")
    p.wait_text(f"Close #{tiny}")
    p.keys("n")
    p.wait_text("close cancelled")
    # Nothing was sent: no action is pending, and the alert stays open past the simulator's processing delay.
    assert "pending" not in p.screen().splitlines()[0]
    time.sleep(0.5)  # an observation window for a wrongly sent close (asserts something does NOT happen), not a wait
    assert alert(port, tiny)["status"] == "open"
    p.keys("c")
    p.wait_text(f"Close #{tiny}")
    p.keys("y")
    p.wait_text(f"close #{tiny}: confirmed")
    assert alert(port, tiny)["status"] == "closed"


@check("note", "n adds a note (typing q and ? does not quit or open help)")
def note(p):
    _, port = p.run_demo()
    tiny = move_to_top(p)
    p.keys("n")
    p.wait_text("Note for")
    p.keys("-l", "e2e note: q and ? are text here")
    p.keys("Enter")
    p.wait_text(f"note #{tiny}: confirmed")
    notes = api(port, f"/v2/alerts/{tiny}/notes?identifierType=tiny")["data"]
    assert any(n["note"] == "e2e note: q and ? are text here" for n in notes), notes


@check("help", "? shows help")
def help_screen(p):
    p.run_demo()
    p.keys("?")
    p.wait_text("Help — keys")
    p.keys("Escape")
    p.wait_for(lambda s: "Help — keys" not in s, "help to close")


@check("filter", "/ filters with an alert query")
def filter_query(p):
    p.run_demo()
    p.keys("/")
    p.wait_text("Filter — alert query")
    for _ in range(30):
        p.keys("BSpace")
    p.keys("-l", "priority:P1")
    p.keys("Enter")
    p.wait_text("filter: priority:P1")

    def only_p1(s):
        rows = re.findall(r"│[ ●*!…] #\d+\s+(P\d)", s)
        return "] priority:P1" in s and rows and all(p == "P1" for p in rows)

    p.wait_for(only_p1, "only P1 rows under the filter")


@check("resize", "resize re-lays out (120x40 → 80x24 → too small → back)")
def resize(p):
    p.run_demo()
    p.wait_for(lambda s: "On call" in s and "Heartbeats" in s, "the wide layout first")
    tmux("resize-window", "-t", p.session, "-x", "80", "-y", "24")
    # The same conditions as before, waited for together: a capture can land mid-repaint.
    p.wait_for(lambda s: len(s.splitlines()) > 1 and len(s.splitlines()[1].rstrip()) == 80 and "On call" not in s
               and s.splitlines()[1].startswith("┌─ Alerts"), "80x24 layout")
    tmux("resize-window", "-t", p.session, "-x", "60", "-y", "20")
    p.wait_text("terminal too small: 60×20, need 80×24")
    tmux("resize-window", "-t", p.session, "-x", "120", "-y", "40")
    p.wait_for(lambda s: "On call" in s and "Heartbeats" in s, "wide layout again")


@check("quit", "q exits and stty -a shows a sane terminal")
def quit_restores(p):
    pid, _ = p.run_demo()
    p.keys("q")
    p.wait_exit(pid)
    p.stty_is_sane()


def signal_restores(signal_name, how):
    def run(p):
        pid, _ = p.run_demo()
        if how == "keys":
            p.keys("C-c")
        else:
            assert is_our_vigil(pid), f"pid {pid} is not the vigil this check started"
            os.kill(pid, getattr(signal, f"SIG{signal_name}"))
        p.wait_exit(pid, f"vigil to exit on {signal_name}", timeout=5)
        p.stty_is_sane()
    return run


check("sigint", "Ctrl-C restores the terminal")(signal_restores("INT", "keys"))
check("sigterm", "SIGTERM restores the terminal")(signal_restores("TERM", "kill"))
check("sighup", "SIGHUP restores the terminal")(signal_restores("HUP", "kill"))
check("sigsegv", "a crash (SIGSEGV) restores the terminal")(signal_restores("SEGV", "kill"))


@check("close-terminal", "closing the terminal ends vigil within 2 s")
def closing_terminal_ends_vigil(p):
    pid, _ = p.run_demo()
    tmux("kill-session", "-t", p.session)
    closed = time.monotonic()
    try:
        poll(lambda: not alive(pid), "vigil to end", timeout=5, interval=0.05)
    except AssertionError:
        pass  # measured below; the teardown ends it by PID
    took = time.monotonic() - closed
    assert took < 2, f"vigil took {took:.1f} s to end after its terminal closed"


HOSTILE_PAYLOADS = {
    "CSI colour": b"\x1b[31mRED", "CSI blink": b"\x1b[5mblink", "OSC title": b"\x1b]0;owned", "OSC title in a user name": b"\x1b]0;pwned",
    "OSC 8 hyperlink": b"\x1b]8;;", "any OSC": b"\x1b]", "C1 CSI": b"\xc2\x9b", "C1 NEL": b"\xc2\x85", "C1 OSC": b"\xc2\x9d",
    "bidi override": b"\xe2\x80\xae", "bidi isolate": b"\xe2\x81\xa7", "zero-width space": b"\xe2\x80\x8b", "BOM": b"\xef\xbb\xbf",
    "DEL": b"\x7f", "SOH": b"\x01", "STX": b"\x02", "ETX": b"\x03", "BEL": b"\x07", "form feed": b"\x0c",
}


@check("storm", "scale scenario: the title is the account's true total, old P1s are listed, G reaches the true end")
def storm_numbers_are_the_whole_truth(p):
    _, port = p.run_demo("scale")
    total = api(port, "/v2/alerts/count?query=status%3Aopen")["data"]["count"]
    p1 = api(port, "/v2/alerts/count?query=status%3Aopen%20AND%20priority%3AP1")["data"]["count"]
    assert total == 10_000, f"the scenario has {total} open alerts"
    p.wait_text(f"Alerts {total} [P1:{p1} ")
    # The account's newest 200 alerts span 10 minutes (one every 3 s): paging down through the
    # P1s shows P1s older than that, which a list of "the newest 200" would never show.
    for _ in range(4):
        p.keys("PageDown")
    old_p1 = re.compile(r"#\d+\s+P1 \w+\s+(\d+h|1[5-9]m|[2-5]\dm) ")
    p.wait_for(lambda s: old_p1.search(s), "a P1 raised more than 15 minutes ago on screen")
    p.keys("G")
    s = p.wait_for(lambda s: f"/{total} " in s and f"{total}-{total}" not in s and re.search(r"#\d+\s+P5 .*8h", s)
                   and "loading…" not in s, "the last rows (the oldest P5s) loaded")
    assert f"Alerts {total} " in s


@check("bad-term", "an unknown or dumb TERM says which terminal types work and exits non-zero")
def unusable_terminals_are_refused(p):
    for term, says in (("nosuchterm", "not in this system's terminfo database"), ("dumb", "cannot move the cursor")):
        p.keys("clear", "Enter")
        p.keys("-l", f"TERM={term} {shlex.quote(VIGIL)} demo; echo exit=$?")
        p.keys("Enter")
        s = p.wait_for(lambda s: re.search(r"exit=\d", s), f"vigil with TERM={term} to exit")
        assert says in s and "xterm-256color" in s, s
        assert "exit=0" not in s, s


@check("wall", "the wall view: large counts, read-only, a new P1 flashes until a key, W back to the dashboard")
def wall_view(p):
    pid = p.launch("demo --wall --scenario quiet")  # quiet: no P1 of its own arrives during the check
    # The first frame may come before the first answer: wait for the counts, not just the frame.
    s = p.wait_for(lambda s: "vigil wall" in s and "█" in s and "unacked" in s and "OPEN P1 / P2" in s, "the wall with its counts")
    port = p.demo_port("the opsgenie")
    assert "read-only" in s, s
    p.keys("a")
    p.wait_text("wall view: W returns to the dashboard")
    api(port, "/v2/alerts", "POST", {"message": "[e2e] wall test: fire in the server room", "priority": "P1"})
    p.wait_for(lambda s: "NEW P1" in s and "fire in the server room" in s, "the new P1 to flash on the wall", timeout=30)
    p.keys("x")
    p.wait_for(lambda s: "NEW P1" not in s, "the key to reach the wall")
    # The flash blinks once a second, so "stopped" means: still absent for a whole window of
    # three seconds after that (a check that something does NOT happen).
    end = time.monotonic() + 3.0
    while time.monotonic() < end:
        screen = p.screen()
        assert "NEW P1" not in screen, f"still flashing after a key:\n{screen}"
        time.sleep(0.1)
    p.keys("W")
    p.wait_text("Alerts ")
    p.keys("q")
    p.wait_exit(pid)


@check("jsm", "demo --backend jsm: acknowledge, snooze, close with confirmation (the simulator agrees)")
def jsm_demo_actions(p):
    p.launch("demo --backend jsm")
    s = p.wait_text("demo jsm ")
    port = p.demo_port("the jsm")
    p.keys("g")
    tiny = selected_tiny(p.wait_text("│ #"))
    p.keys("a")
    p.wait_text(f"ack #{tiny}: confirmed")
    assert alert(port, tiny)["acknowledged"] is True
    second = move_down(p)
    p.keys("s")
    p.wait_text("15 minutes")
    p.keys("Enter")
    p.wait_text(f"snooze #{second}: confirmed")
    assert alert(port, second)["snoozed"] is True
    third = move_down(p)
    p.keys("c")
    p.wait_text(f"Close #{third}")
    p.keys("y")
    p.wait_text(f"close #{third}: confirmed")
    assert alert(port, third)["status"] == "closed"


@check("jsm-plan", "demo --backend jsm --plan standard: alerts and on-call live, heartbeats name the plan limit, no STALE")
def jsm_standard_plan(p):
    p.launch("demo --backend jsm --plan standard")
    s = p.wait_for(lambda s: re.search(r"#\d+\s+P1", s) and "now " in s and "heartbeats need JSM Premium" in s,
                   "alerts, on-call and the plan limit in the heartbeats pane")
    assert "STALE" not in s, s
    assert re.search(r"hb n/a", s), "heartbeats the plan lacks are n/a, not failing and not ok: " + s.splitlines()[0]
    acked = re.search(r"#\d+\s+P\d\s+acked", s)
    assert acked, "acknowledged alerts are in the default view on JSM"


@check("ctrl-s", "a stray Ctrl-S does not freeze the screen (no XON/XOFF): what keys do stays in sight")
def ctrl_s_does_not_freeze(p):
    p.run_demo()
    p.wait_text("│ #")
    p.keys("C-s")
    p.keys("?")
    p.wait_text("Help", timeout=5)
    p.keys("Escape")
    p.keys("C-q")


@check("custom-action", "x runs a custom action after y/N; a failing one shows the channel's reason")
def custom_action(p):
    p.run_demo()
    p.keys("g")
    tiny = selected_tiny(p.wait_text("│ #"))
    p.keys("x")
    p.wait_text("Restart service")
    p.keys("Enter")
    p.wait_text(f"Run 'Restart service' on #{tiny}")
    p.keys("y")
    p.wait_text(f"action #{tiny}: confirmed")
    p.keys("x")
    p.wait_text("Fail over")
    p.keys("-l", "fail")
    p.keys("Enter")
    p.wait_text("Run 'Fail over'")
    p.keys("y")
    p.wait_text("no healthy standby")


@check("incident", "Tab to the incidents pane; R + n does not resolve, R + y does (simulator agrees) and the banner goes")
def incident_resolve(p):
    _, port = p.run_demo()
    p.wait_text("P2 INCIDENT #1")
    p.keys("Tab")
    p.wait_text("Detail — incident")
    p.keys("R")
    p.wait_text("Resolve incident #1")
    p.keys("n")
    p.wait_text("resolve cancelled")
    assert incident(port, 1)["status"] == "open", "n must not resolve"
    p.keys("R")
    p.wait_text("Resolve incident #1")
    p.keys("y")
    p.wait_text("resolve incident #1: confirmed")
    poll(lambda: incident(port, 1)["status"] == "resolved", "the simulator to have the incident resolved")
    p.wait_for(lambda s: "P2 INCIDENT" not in s, "the incident banner to leave the status line")


@check("hostile", "hostile scenario: no escape or control from API text reaches the terminal (bytes written)")
def hostile_bytes_never_reach_the_terminal(p):
    raw = os.path.join(p.state, "hostile.bytes")
    tmux("pipe-pane", "-o", "-t", p.session, f"cat >> {raw}")
    pid, _ = p.run_demo("hostile")
    p.wait_text("ESC clear scree")
    for _ in range(10):  # walk every alert so the detail pane shows each description, tag and detail
        move_down(p)
    p.keys("o")  # the user picker lists a user whose name carries escapes
    p.wait_text("Assign #")
    p.keys("evil")
    p.wait_text("live")
    p.keys("Escape")
    s = p.screen()
    lines = s.split("\n")

    def columns(line):
        return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf"
                   else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    wide = [line for line in lines if columns(line) > 120]
    assert not wide, f"lines wider than the terminal: {wide}"
    assert "Alerts " in lines[0] or "Alerts " in s, "layout lost"
    assert re.search(r"\d\d:\d\dZ", lines[0]), f"status line lost:\n{s}"
    p.keys("q")
    p.wait_exit(pid)
    tmux("pipe-pane", "-t", p.session)
    data = open(raw, "rb").read()
    assert len(data) > 10_000, f"only {len(data)} bytes captured"
    found = [name for name, payload in HOSTILE_PAYLOADS.items() if payload in data]
    assert not found, f"raw bytes from the API reached the terminal: {found}"


def selected_source_tiny(s):
    """With several sources, the detail names the selected alert's source: `│ [og-eu] #12 P1 …`
    (both, for a merged row: `[og-eu+jsm]`)."""
    m = re.search(r"│ \[([\w.+-]+)\] #(\d+) P\d ", s)
    return (m.group(1), m.group(2)) if m else None


@check("sources", "demo --sources 2: Opsgenie and JSM rows merged and tagged; jsm failing is named on the status line "
                  "(no STALE banner: og-eu answers) while og-eu stays live, takes an acknowledge, and jsm comes back")
def two_sources_one_failing(p):
    pid = p.launch("demo --sources 2")
    s = p.wait_for(lambda s: "SRC" in s and re.search(r"│\s+og-eu\s+#\d+", s) and re.search(r"│\s+jsm\s+#\d+", s),
                   "rows from both sources, tagged", timeout=30)
    og_port = p.demo_port("og-eu")
    jsm_port = p.demo_port("jsm")
    p.keys("g")
    s = p.wait_for(selected_source_tiny, "the detail naming the source")
    current = selected_source_tiny(s)
    for _ in range(40):
        # A row both simulators have (merged) would ask which source first: one of og-eu's own.
        if current[0] == "og-eu" and not copy_lines(s) and not alert(og_port, current[1])["acknowledged"]:
            break
        before = current
        p.keys("j")
        s = p.wait_for(lambda s: selected_source_tiny(s) not in (before, None), "the selection to move")
        current = selected_source_tiny(s)
    else:
        raise AssertionError("no unacknowledged og-eu alert of its own in the first 40 rows")
    tiny = current[1]

    faults(jsm_port, [{"route": "/jsm", "status": 503}])

    def status(s):
        return s.splitlines()[0] if s else ""

    # Why (HTTP 503) ends the status line where there is room, and is said whole on the message line.
    s = p.wait_for(lambda s: all(w in status(s) for w in ("jsm: stale", "live: og-eu")) and "HTTP 503" in s,
                   "the status line naming jsm as failing and og-eu as live", timeout=45)
    assert "STALE" not in status(s), f"one failing source does not turn the line into the STALE banner: {status(s)}"
    assert re.search(r"│\s+jsm\s+#\d+", s), "jsm's last good rows stay on screen"
    assert "og-eu:" not in status(s), f"og-eu is not named as failing: {status(s)}"

    p.keys("a")
    p.wait_text(f"ack og-eu #{tiny}: confirmed", timeout=20)
    assert alert(og_port, tiny)["acknowledged"] is True, "og-eu's simulator has the acknowledge"

    clear_faults(jsm_port)
    p.wait_for(lambda s: "jsm: stale" not in status(s) and "vigil" in status(s), "jsm answering again (no longer named)", timeout=60)
    p.keys("q")
    p.wait_exit(pid)


def copy_lines(s):
    """The detail's line per source of a merged row: `│   jsm #41 P1 acked · owner …` as (source, tiny, state)."""
    return re.findall(r"│\s+([\w.-]+) #(\d+) P\d (open|acked|closed|snoozed|snz \S+) · owner", s)


@check("sources-merged", "demo --sources 2: an alert both simulators have is one row naming both, counted once; "
                         "acknowledging it (both, the default) reaches both simulators")
def two_sources_merged(p):
    pid = p.launch("demo --sources 2")
    p.wait_for(lambda s: re.search(r"│\s+og-eu\+jsm\s+#\d+", s) and re.search(r"· \d+\+? (in two sources|shared)", s),
               "a row naming both sources and the shared figure", timeout=30)
    ports = {"og-eu": p.demo_port("og-eu"), "jsm": p.demo_port("jsm")}
    p.keys("g")
    s = p.wait_for(selected_source_tiny, "the detail naming the source")
    for _ in range(60):
        copies = copy_lines(s)
        if len(copies) == 2 and all(state == "open" for _, _, state in copies):
            break
        before = (selected_source_tiny(s), tuple(copies))
        p.keys("j")
        s = p.wait_for(lambda s: selected_source_tiny(s) and (selected_source_tiny(s), tuple(copy_lines(s))) != before,
                       "the selection to move")
    else:
        raise AssertionError("no merged row open in both sources in the first 60 rows")
    for source, tiny, _ in copies:
        assert alert(ports[source], tiny)["acknowledged"] is False, f"{source} #{tiny} starts unacknowledged"
    p.keys("a")
    p.wait_text("Which source?")
    p.keys("Enter")
    (a, tiny_a, _), (b, tiny_b, _) = copies
    p.wait_text(f"ack {a} #{tiny_a} + {b} #{tiny_b}: 2 confirmed", timeout=20)
    for source, tiny, _ in copies:
        assert alert(ports[source], tiny)["acknowledged"] is True, f"{source}'s simulator has the acknowledge of #{tiny}"
    p.keys("q")
    p.wait_exit(pid)


def select_unacknowledged(p, sim_port):
    """Moves down until the selected alert is one nobody acknowledged; returns its tiny id."""
    tiny = selected_tiny(p.wait_text("│ #"))
    for _ in range(30):
        if not alert(sim_port, tiny)["acknowledged"]:
            return tiny
        tiny = move_down(p)
    raise AssertionError("no unacknowledged alert in the first 30 rows")


@check("kill-9-journal", "an acknowledge queued in an outage survives kill -9 and is sent after restart")
def an_action_queued_before_kill_9_is_sent_after_restart(p):
    sim_port = p.start_simulator("--processing-delay-ms", "50")
    args = f"--api-url http://127.0.0.1:{sim_port}"
    env = {"OPSGENIE_API_KEY": KEY}
    pid = p.launch(args, env)
    p.wait_for(lambda s: re.search(r"#\d+\s+P\d", s), "alerts from vigil simulate")
    tiny = select_unacknowledged(p, sim_port)
    faults(sim_port, [{"route": "/v2/alerts", "method": "POST", "status": 503}])
    p.keys("a")
    p.wait_text("queued", timeout=20)
    assert is_our_vigil(pid), f"pid {pid} is not the vigil this check started"
    os.kill(pid, signal.SIGKILL)
    poll(lambda: not alive(pid), "vigil to die on kill -9", timeout=5, interval=0.05)
    p.wait_for(lambda s: "Alerts " not in s or "$" in s.splitlines()[-1], "vigil to die", timeout=5)
    p.keys("stty sane; clear", "Enter")
    journal = os.path.join(p.state, "vigil", f"journal-127.0.0.1_{sim_port}.json")
    held = json.load(open(journal))["actions"]
    assert [a["tinyId"] for a in held] == [tiny], f"journal holds {held}"
    assert not alert(sim_port, tiny)["acknowledged"], "applied during the outage?"
    clear_faults(sim_port)
    pid = p.launch(args, env)
    p.wait_text("resuming 1 action", timeout=20)
    poll(lambda: alert(sim_port, tiny)["acknowledged"], "the resumed acknowledge to reach the API", timeout=30, interval=0.2)
    p.wait_for(lambda s: "confirmed" in s, "the confirmation on screen")
    p.keys("q")
    p.wait_exit(pid)
    assert json.load(open(journal))["actions"] == [], "the journal still holds the confirmed action"


def settled_screen(p, quiet=0.3, timeout=10.0):
    """The screen with colours and attributes once it has not changed for `quiet` seconds."""
    last, since = None, time.monotonic()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = tmux("capture-pane", "-p", "-e", "-t", p.session)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return now
        time.sleep(0.05)
    raise AssertionError(f"the screen kept changing for {timeout} s")


@check("themes-redraw", "each theme change leaves the screen exactly as a full repaint (Ctrl-L) draws it")
def themes_match_a_full_repaint(p):
    # A theme change rewrites only the cells whose look it changes; Ctrl-L repaints everything from nothing.
    # If the first missed a cell, the second changes it: the two screens (characters, colours, attributes) differ.
    p.run_demo()
    for n in range(5):
        p.keys("t")
        p.wait_text("theme: ")
        for _ in range(3):  # the demo moves on (the clock's minute): try again if it did between the two reads
            themed = settled_screen(p)
            p.keys("C-l")
            # The repaint clears the screen first: wait for the status line to be back, then for quiet.
            p.wait_for(lambda s: "vigil" in s.splitlines()[0], "the repaint")
            repainted = settled_screen(p)
            if themed == repainted:
                break
            if re.sub(r"\x1b\[[0-9;:]*m", "", themed) == re.sub(r"\x1b\[[0-9;:]*m", "", repainted):
                raise AssertionError(f"theme {n + 1}: the repaint changed colours or attributes the theme change left:\n"
                                     f"{themed!r}\n---\n{repainted!r}")
        else:
            raise AssertionError(f"theme {n + 1}: the screen kept moving")


@check("idle-threads", "the dashboard settles on three threads after a host-name lookup, an action and its confirmation")
def idle_threads(p):
    # Everything async runs on one event loop; libdispatch's global pool never starts, so neither does its
    # monitor, which would wake the process every second for good. Its serial queues (the name lookup, the
    # journal) may run a worker for a moment: those end by themselves.
    sim_port = p.start_simulator("--processing-delay-ms", "50")
    pid = p.launch(f"--api-url http://localhost:{sim_port}", {"OPSGENIE_API_KEY": KEY})
    p.wait_for(lambda s: re.search(r"#\d+\s+P\d", s), "alerts from vigil simulate")
    tiny = select_unacknowledged(p, sim_port)
    p.keys("a")
    p.wait_text(f"ack #{tiny}: confirmed", timeout=20)

    def threads():
        names = []
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                names.append(open(f"/proc/{pid}/task/{tid}/comm").read().strip())
            except FileNotFoundError:  # a thread that ended while we looked
                pass
        return sorted(names)

    poll(lambda: len(threads()) == 3, "vigil to settle on three threads", timeout=30, interval=0.5,
         detail=lambda: f"; threads: {threads()}")
    names = threads()
    assert names[0].startswith("NIO-") and names[1:] == ["vigil", "vigil-terminal"], f"threads: {names}"
    p.keys("q")
    p.wait_exit(pid)


@check("key-not-logged", "the API key never reaches the log file or the terminal")
def key_never_logged_or_shown(p):
    # Everything the terminal receives is kept: a demo (hostile scenario) and the dashboard given the key in
    # OPSGENIE_API_KEY against a simulator, with an action refused in an outage and then confirmed.
    raw = os.path.join(p.state, "terminal.bytes")
    tmux("pipe-pane", "-o", "-t", p.session, f"cat >> {raw}")
    pid, port = p.run_demo("hostile")
    tiny = selected_tiny(p.wait_text("│ #"))
    p.keys("n")
    p.wait_text("Note for")
    p.keys("-l", "e2e note")
    p.keys("Enter")
    p.wait_text(f"note #{tiny}: confirmed")
    p.keys("q")
    p.wait_exit(pid)

    sim_port = p.start_simulator("--processing-delay-ms", "50")
    args = f"--api-url http://127.0.0.1:{sim_port}"
    env = {"OPSGENIE_API_KEY": KEY}
    pid = p.launch(args, env)
    p.wait_for(lambda s: re.search(r"#\d+\s+P\d", s), "alerts from vigil simulate")
    tiny = select_unacknowledged(p, sim_port)
    faults(sim_port, [{"route": "/v2/alerts", "method": "POST", "status": 503}])
    p.keys("a")
    p.wait_text("queued", timeout=20)
    p.keys("q")  # an action is not confirmed yet: vigil asks, and says it is journaled
    p.wait_text("They are journaled")
    p.keys("y")
    p.wait_exit(pid)
    clear_faults(sim_port)
    pid = p.launch(args, env)
    p.wait_text("resuming 1 action", timeout=20)
    poll(lambda: alert(sim_port, tiny)["acknowledged"], "the resumed acknowledge to reach the API", timeout=30, interval=0.2)
    p.wait_text(f"ack #{tiny}: confirmed")
    p.keys("q")
    p.wait_exit(pid)
    tmux("pipe-pane", "-t", p.session)

    text = open(os.path.join(p.state, "vigil", "vigil.log")).read()
    assert "action" in text, "the log file is being written"
    assert KEY not in text, "the API key is in the log file"
    terminal = open(raw, "rb").read()
    assert len(terminal) > 10_000, f"only {len(terminal)} bytes captured"
    assert KEY not in terminal.decode("utf-8", "replace"), "the API key reached the terminal"


def answer(p, *steps):
    """Answers vigil init's questions: for each (prompt, text), waits for the prompt (a string, or a predicate on the
    screen), types the text literally and presses Enter."""
    for prompt, text in steps:
        if callable(prompt):
            p.wait_for(prompt, "the next question")
        else:
            p.wait_text(prompt)
        if text:
            p.keys("-l", text)
        p.keys("Enter")


@check("init", "vigil init against a simulator: the config it writes passes vigil check; key file mode 600; no key on screen or in the log")
def init_first_run(p):
    sim_port = p.start_simulator("--processing-delay-ms", "50")
    raw = os.path.join(p.state, "terminal.bytes")
    tmux("pipe-pane", "-o", "-t", p.session, f"cat >> {raw}")
    pid = p.launch(f"init --api-url http://127.0.0.1:{sim_port}")
    answer(p, ("Choice (1-4)", "1"), ("API key (not shown as you type)", KEY))
    s = p.wait_text("Start the dashboard with: vigil", timeout=30)
    assert "All set" in s and "ok    read alerts" in s, s
    poll(lambda: not alive(pid), "vigil init to end")
    folder = os.path.join(p.state, "config", "vigil")
    key_file, config = os.path.join(folder, "key"), os.path.join(folder, "config.toml")
    assert oct(os.stat(key_file).st_mode & 0o777) == "0o600", oct(os.stat(key_file).st_mode)
    assert oct(os.stat(config).st_mode & 0o777) == "0o600", oct(os.stat(config).st_mode)
    assert open(key_file).read() == KEY + "\n"
    assert KEY not in open(config).read(), "the key is in config.toml"
    p.keys("clear", "Enter")
    p.keys("-l", f"{shlex.quote(VIGIL)} check; echo exit=$?")
    p.keys("Enter")
    s = p.wait_for(lambda s: re.search(r"exit=\d", s), "vigil check on the config init wrote", timeout=30)
    assert "exit=0" in s and "All set" in s, s
    # The dashboard starts from that config alone.
    pid = p.launch("")
    p.wait_for(lambda s: re.search(r"#\d+\s+P\d", s), "alerts from the account init set up")
    p.keys("q")
    p.wait_exit(pid)
    tmux("pipe-pane", "-t", p.session)
    terminal = open(raw, "rb").read().decode("utf-8", "replace")
    assert "Choice (1-4)" in terminal, "the terminal's bytes were captured"
    assert KEY not in terminal, "the key reached the terminal"
    log = os.path.join(p.state, "vigil", "vigil.log")
    assert not os.path.exists(log) or KEY not in open(log).read(), "the key is in the log file"


@check("init-sources", "vigil init, several sources (an Opsgenie and a JSM account on one simulator): each secret in its own 600 file, vigil check passes")
def init_several_sources(p):
    sim_port = p.start_simulator("--processing-delay-ms", "50")
    url = f"http://127.0.0.1:{sim_port}"
    pid = p.launch(f"init --api-url {url}")
    answer(p, ("Choice (1-4)", "4"), ("Source 1: a name", "og"), ("Choice (1-3)", "1"), ("API key (not shown", KEY),
           ("Add another source?", "y"), ("Source 2: a name", "og"),  # taken: asked again
           ("'og' is taken", "jsm"), (lambda s: s.count("Choice (1-3)") == 2, "3"), ("Site (e.g.", url),
           ("account email", "alice@example.com"), ("API token (not shown", "vigil-demo-token"),
           (lambda s: s.count("Add another source?") == 2, ""))
    s = p.wait_text("Start the dashboard with: vigil", timeout=30)
    assert s.count("All set") == 1 and s.count("\nReady: ") == 1 and "source og:" in s and "source jsm:" in s, s  # JSM: incidents live in Jira (a limit)
    assert KEY not in s and "vigil-demo-token" not in s, s
    poll(lambda: not alive(pid), "vigil init to end")
    folder = os.path.join(p.state, "config", "vigil")
    assert sorted(os.listdir(folder)) == ["config.toml", "jsm.token", "og.key"], os.listdir(folder)
    for name in os.listdir(folder):
        assert os.stat(os.path.join(folder, name)).st_mode & 0o777 == 0o600, name
    p.keys("clear", "Enter")
    p.keys("-l", f"{shlex.quote(VIGIL)} check; echo exit=$?")
    p.keys("Enter")
    s = p.wait_for(lambda s: re.search(r"exit=\d", s), "vigil check on both sources", timeout=30)
    assert "exit=0" in s, s


@check("init-cancel", "vigil init: Ctrl-D, an empty answer, Ctrl-C at a question or at the token, and a kept config leave nothing written and a sane terminal")
def init_cancel(p):
    folder = os.path.join(p.state, "config", "vigil")
    for how in ("C-d", "Enter", "C-c", "C-c at the token"):
        pid = p.launch("init")
        p.wait_text("Choice (1-4)")
        if how == "C-c at the token":
            answer(p, ("Choice (1-4)", "3"), ("Site (e.g.", "acme.atlassian.net"), ("account email", "me@example.com"))
            p.wait_text("API token (not shown")
            p.keys("-l", "half-typed-secret")
        p.keys(how.split()[0])
        p.wait_text("nothing was written")
        poll(lambda: not alive(pid), f"vigil init to end on {how}")
        assert not os.path.exists(os.path.join(folder, "config.toml")), f"a config was written after {how}"
        assert not os.path.exists(folder) or os.listdir(folder) == [], f"files left after {how}: {os.listdir(folder)}"
        p.stty_is_sane()
    os.makedirs(folder, exist_ok=True)
    kept = os.path.join(folder, "config.toml")
    with open(kept, "w") as f:
        f.write('region = "eu"\n')
    pid = p.launch("init")
    p.wait_text("exists. Replace it? (y/N)")
    p.keys("Enter")
    p.wait_text("nothing was written")
    poll(lambda: not alive(pid), "vigil init to end")
    assert open(kept).read() == 'region = "eu"\n', "the existing config was changed"


@check("on-new-alert", "on_new_alert runs once for a new P1 raised through the API, with its fields in the environment; not for a P4")
def on_new_alert(p):
    sim_port = p.start_simulator("--scenario", "quiet", "--processing-delay-ms", "50")
    hooks = os.path.join(p.state, "hooks")
    os.mkdir(hooks)
    os.makedirs(os.path.join(p.state, "config", "vigil"))
    command = f"env | grep '^VIGIL_ALERT_' | sort >> {hooks}/\"$VIGIL_ALERT_ID.env\"; echo --- >> {hooks}/\"$VIGIL_ALERT_ID.env\""
    with open(os.path.join(p.state, "config", "vigil", "config.toml"), "w") as f:
        f.write(f"on_new_alert = {json.dumps(command)}\n[poll]\nalerts = 2\n")
    pid = p.launch(f"--api-url http://127.0.0.1:{sim_port}", {"OPSGENIE_API_KEY": KEY})
    p.wait_text("Alerts ")
    p.wait_for(lambda s: "alerts ok" in s or re.search(r"#\d+\s+P\d", s), "the first answer")
    # API text that a shell would run if it ever reached one.
    pwned = os.path.join(p.state, "pwned")
    p1_message = f"[e2e] hook P1 $(touch {pwned}) `touch {pwned}` \"; touch {pwned}"
    api(sim_port, "/v2/alerts", "POST", {"message": "[e2e] hook P4 quiet one", "priority": "P4"})
    api(sim_port, "/v2/alerts", "POST", {"message": p1_message, "priority": "P1"})

    def records():
        found = {}
        for name in os.listdir(hooks):
            text = open(os.path.join(hooks, name)).read()
            found[name[:-4]] = [dict(line.split("=", 1) for line in block.strip().splitlines())
                                for block in text.split("---") if block.strip()]
        return found

    def ours(found):
        return {i: r for i, r in found.items() if any(e.get("VIGIL_ALERT_MESSAGE", "").startswith("[e2e] hook") for e in r)}

    poll(lambda: any(e["VIGIL_ALERT_PRIORITY"] == "P1" for r in ours(records()).values() for e in r),
         "the hook to run for the P1", timeout=30, detail=lambda: f"; hooks: {records()}; screen:\n{p.screen()}")
    p.wait_text("hook P4 quiet one", timeout=20)  # the P4 was polled and is on screen
    # A window of three polls (2 s each) in which neither a second run for the P1 nor one for the P4 may come:
    # checked all through it (a check that something does NOT happen).
    end = time.monotonic() + 6.0
    while True:
        found = ours(records())
        assert len(found) == 1, f"runs for {found}"
        (alert_id, runs), = found.items()
        assert len(runs) == 1, f"the hook ran {len(runs)} times for the P1"
        if time.monotonic() >= end:
            break
        time.sleep(0.2)
    env = runs[0]
    created = api(sim_port, f"/v2/alerts/{alert_id}")["data"]
    assert env["VIGIL_ALERT_ID"] == alert_id and env["VIGIL_ALERT_TINY_ID"] == created["tinyId"], env
    assert env["VIGIL_ALERT_MESSAGE"] == p1_message and env["VIGIL_ALERT_PRIORITY"] == "P1", env
    assert env["VIGIL_ALERT_SOURCE"] == "opsgenie", env
    assert not os.path.exists(pwned), "API text reached a shell"
    p.keys("q")
    p.wait_exit(pid)


@check("wall-kiosk", "--wall: no cursor, stray output repainted away with no key, an SSH drop and return, STALE with the last good time large, recovery by itself")
def wall_kiosk(p):
    pid = p.launch("demo --wall --scenario quiet --wall-redraw 2s")
    s = p.wait_text("vigil wall")
    port = int(re.search(r"demo 127\.0\.0\.1:(\d+)", s).group(1))
    assert tmux("display-message", "-p", "-t", p.session, "#{cursor_flag}").strip() == "0", "the cursor shows"
    tty = tmux("display-message", "-p", "-t", p.session, "#{pane_tty}").strip()

    def stray_output_goes(marker):
        with open(tty, "w") as t:
            t.write(f"\x1b[20;10H{marker}")
        p.wait_text(marker, timeout=5)
        p.wait_for(lambda s: marker not in s and "vigil wall" in s, "the full repaint to clear the stray output", timeout=15)

    stray_output_goes("STRAY-OUTPUT-ONE")

    def attach(columns, rows):
        """A tmux client in a terminal of its own (script's pty) of that size, as an SSH login attaching."""
        command = f"stty cols {columns} rows {rows}; exec " + " ".join(map(shlex.quote, [*TMUX, "attach", "-t", p.session]))
        client = subprocess.Popen(["script", "-qc", command, "/dev/null"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
        poll(lambda: tmux("list-clients", "-t", p.session).strip(), "a client to attach")
        return client

    def drop(client):
        """The client's terminal is gone at once, as when sshd closes a dropped connection's pty (script, our child,
        is killed by its PID)."""
        client.kill()
        client.wait(timeout=10)
        poll(lambda: not tmux("list-clients", "-t", p.session).strip(), "the client to go")
        assert is_our_vigil(pid), "vigil ended with the client"

    # An SSH drop, and a return from a terminal of another size: the wall follows it, no key pressed.
    client = attach(120, 40)
    try:
        drop(client)
        client = attach(90, 30)
        p.wait_for(lambda s: "vigil wall" in s and len(s.splitlines()[0].rstrip()) == 90, "the wall at the returning client's 90x30")
        drop(client)
    finally:
        if client.poll() is None:
            client.kill()
            client.wait(timeout=10)
    tmux("resize-window", "-t", p.session, "-x", "100", "-y", "30")
    p.wait_for(lambda s: "vigil wall" in s and len(s.splitlines()[0].rstrip()) == 100, "the wall at 100x30")
    stray_output_goes("STRAY-OUTPUT-TWO")
    faults(port, [{"route": "/v2/alerts", "status": 503}])
    s = p.wait_text("LAST GOOD DATA", timeout=60)
    assert "■ STALE ■" in s and "█" in s, s
    clear_faults(port)
    p.wait_for(lambda s: "LAST GOOD DATA" not in s and "STALE" not in s, "the wall to recover with no key", timeout=60)
    p.keys("q")
    p.wait_exit(pid)


# --- runner ------------------------------------------------------------------------------------------------------------

def main():
    if ARGS.list:
        for slug, title, _, _ in CHECKS:
            print(f"{slug:16} {title}")
        return 0
    chosen = list(CHECKS)
    if ARGS.only:
        wanted = [w.strip() for arg in ARGS.only for w in arg.split(",") if w.strip()]
        unknown = [w for w in wanted if not any(w in (slug, title) for slug, title, _, _ in CHECKS)]
        if unknown:
            print(f"no check named {', '.join(map(repr, unknown))}; --list shows the names", file=sys.stderr)
            return 2
        chosen = [c for c in CHECKS if c[0] in wanted or c[1] in wanted]
    if ARGS.shuffle or ARGS.seed is not None:
        seed = ARGS.seed if ARGS.seed is not None else random.SystemRandom().randrange(2**32)
        random.Random(seed).shuffle(chosen)
        print(f"shuffled with seed {seed} (rerun this order with --seed {seed})", flush=True)

    passed = failed = 0
    began = time.monotonic()
    for slug, title, fn, pane_options in chosen:
        started = time.monotonic()
        pane = Pane(slug, **pane_options)
        try:
            try:
                pane.start()
                fn(pane)
            finally:
                pane.teardown()
            passed += 1
            print(f"ok   {title} [{slug}, {time.monotonic() - started:.1f} s]", flush=True)
            shutil.rmtree(pane.state, ignore_errors=True)
        except Exception as error:  # noqa: BLE001
            failed += 1
            print(f"FAIL {title} [{slug}, {time.monotonic() - started:.1f} s, state kept in {pane.state}]: {error}", flush=True)
    print(f"e2e: {len(chosen)} checks in {time.monotonic() - began:.1f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not chosen else 0


if __name__ == "__main__":
    sys.exit(main())
