"""Drives `vigil demo` in tmux: keys in, screens and the simulator's state out."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.request

VIGIL = sys.argv[1]
SESSION = f"vigil-e2e-{os.getpid()}"
STATE = tempfile.mkdtemp(prefix="vigil-e2e-state-")
passed = failed = 0


def tmux(*args, check=True):
    return subprocess.run(["tmux", *args], check=check, capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", SESSION)


def wait_for(predicate, what, timeout=15.0):
    deadline = time.time() + timeout
    last = ""
    while time.time() < deadline:
        last = screen()
        if predicate(last):
            return last
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; screen was:\n{last}")


def wait_text(text, timeout=15.0):
    return wait_for(lambda s: text in s, repr(text), timeout)


def keys(*k):
    tmux("send-keys", "-t", SESSION, *k)


def check(name, fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok   {name}", flush=True)
    except Exception as error:  # noqa: BLE001
        failed += 1
        print(f"FAIL {name}: {error}", flush=True)


def api(port, path, method="GET"):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     headers={"Authorization": "GenieKey vigil-demo-key"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def alert(port, tiny):
    return api(port, f"/v2/alerts/{tiny}?identifierType=tiny")["data"]


def selected_tiny(s):
    # the selected row is the one the detail pane describes
    m = re.search(r"│ #(\d+) P\d ", s)
    return m.group(1)


def move_down():
    """Presses j and waits until the detail pane follows the new selection; returns its tiny id."""
    before = selected_tiny(wait_text("│ #"))
    keys("j")
    return selected_tiny(wait_for(lambda s: selected_tiny(s) != before, "the selection to move down"))


def move_to_top():
    """Presses g and waits until the first row of the list is the one selected."""
    keys("g")
    first = lambda s: re.search(r"#(\d+)\s{2,}P\d", s).group(1)
    return selected_tiny(wait_for(lambda s: selected_tiny(s) == first(s), "the selection to reach the top"))


def start_shell():
    tmux("kill-session", "-t", SESSION, check=False)
    tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", "bash", "--norc", "--noprofile")
    tmux("set-option", "-t", SESSION, "remain-on-exit", "on")
    keys(f"export XDG_STATE_HOME={STATE} XDG_CONFIG_HOME={STATE}/config PS1='$ '", "Enter")


def run_demo():
    keys("clear", "Enter")
    keys(f"{VIGIL} demo --scenario ops-room", "Enter")
    s = wait_text("Alerts ")
    return int(re.search(r"demo 127\.0\.0\.1:(\d+)", s).group(1))


def stty_is_sane():
    out = os.path.join(STATE, "stty.txt")
    keys("clear", "Enter")
    keys(f"stty -a > {out}", "Enter")
    deadline = time.time() + 10
    while time.time() < deadline and not (os.path.exists(out) and os.path.getsize(out) > 0):
        time.sleep(0.1)
    text = open(out).read()
    os.remove(out)
    assert re.search(r"(?<!-)icanon", text), f"icanon off: {text}"
    assert re.search(r"(?<!-)echo\b", text), f"echo off: {text}"
    assert re.search(r"(?<!-)icrnl", text), f"icrnl off: {text}"


start_shell()
port = run_demo()


def alerts_appear():
    s = wait_for(lambda s: re.search(r"#\d+\s+P1", s) and "now " in s and "/5m" in s, "alerts, on-call and heartbeats")
    assert "On call" in s and "Heartbeats" in s


check("alerts, on-call and heartbeats appear", alerts_appear)


def acknowledge():
    keys("g")
    s = wait_text("│ #")
    tiny = selected_tiny(s)
    assert alert(port, tiny)["acknowledged"] is False
    keys("a")
    wait_text(f"ack #{tiny}: confirmed")
    assert alert(port, tiny)["acknowledged"] is True


check("a acknowledges the selected alert (pane and simulator agree)", acknowledge)


def snooze():
    tiny = move_down()
    keys("s")
    wait_text("15 minutes")
    keys("Enter")
    wait_text(f"snooze #{tiny}: confirmed")
    assert alert(port, tiny)["snoozed"] is True


check("s snoozes", snooze)


def assign():
    tiny = move_down()
    keys("o")
    wait_text("Assign to")
    keys("-l", "bob")
    wait_text("bob@example.com")
    keys("Enter")
    wait_text(f"assign #{tiny}: confirmed")
    assert alert(port, tiny)["owner"] == "bob@example.com"


check("o assigns through the user picker", assign)


def close_no_then_yes():
    tiny = move_down()
    keys("c")
    wait_text(f"Close #{tiny}")
    keys("n")
    wait_text("close cancelled")
    # Nothing was sent: no action is pending, and the alert stays open past the simulator's processing delay.
    assert "pending" not in screen().splitlines()[0]
    time.sleep(0.5)  # an observation window for a wrongly sent close, not a wait for a condition
    assert alert(port, tiny)["status"] == "open"
    keys("c")
    wait_text(f"Close #{tiny}")
    keys("y")
    wait_text(f"close #{tiny}: confirmed")
    assert alert(port, tiny)["status"] == "closed"


check("c + n does not close; c + y closes", close_no_then_yes)


def note():
    tiny = move_to_top()
    keys("n")
    wait_text("Note for")
    keys("-l", "e2e note: q and ? are text here")
    keys("Enter")
    wait_text(f"note #{tiny}: confirmed")
    notes = api(port, f"/v2/alerts/{tiny}/notes?identifierType=tiny")["data"]
    assert any(n["note"] == "e2e note: q and ? are text here" for n in notes), notes


check("n adds a note (typing q and ? does not quit or open help)", note)


def help_screen():
    keys("?")
    wait_text("Help — keys")
    keys("Escape")
    wait_for(lambda s: "Help — keys" not in s, "help to close")


check("? shows help", help_screen)


def filter_query():
    keys("/")
    wait_text("Filter — Opsgenie query")
    for _ in range(30):
        keys("BSpace")
    keys("-l", "priority:P1")
    keys("Enter")
    wait_text("filter: priority:P1")

    def only_p1(s):
        rows = re.findall(r"│[ ●*!…] #\d+\s+(P\d)", s)
        return "] priority:P1" in s and rows and all(p == "P1" for p in rows)

    wait_for(only_p1, "only P1 rows under the filter")


check("/ filters with an Opsgenie query", filter_query)


def resize():
    tmux("resize-window", "-t", SESSION, "-x", "80", "-y", "24")
    s = wait_for(lambda s: len(s.splitlines()[1].rstrip()) == 80 and "On call" not in s, "80x24 layout")
    assert s.splitlines()[1].startswith("┌─ Alerts")
    tmux("resize-window", "-t", SESSION, "-x", "60", "-y", "20")
    wait_text("terminal too small: need 80×24")
    tmux("resize-window", "-t", SESSION, "-x", "120", "-y", "40")
    wait_for(lambda s: "On call" in s and "Heartbeats" in s, "wide layout again")


check("resize re-lays out (120x40 → 80x24 → too small → back)", resize)


def quit_restores():
    keys("q")
    wait_for(lambda s: "Alerts " not in s, "vigil to exit")
    stty_is_sane()


check("q exits and stty -a shows a sane terminal", quit_restores)


def signal_restores(signal_name, how):
    def run():
        run_demo()
        if how == "keys":
            keys("C-c")
        else:
            subprocess.run(["pkill", f"-{signal_name}", "-f", f"{VIGIL} demo"], check=True)
        wait_for(lambda s: "Alerts " not in s, f"vigil to exit on {signal_name}", timeout=5)
        stty_is_sane()
    return run


check("Ctrl-C restores the terminal", signal_restores("INT", "keys"))
check("SIGTERM restores the terminal", signal_restores("TERM", "kill"))
check("SIGHUP restores the terminal", signal_restores("HUP", "kill"))
check("a crash (SIGSEGV) restores the terminal", signal_restores("SEGV", "kill"))


def closing_terminal_ends_vigil():
    run_demo()
    pid = subprocess.run(["pgrep", "-f", f"{VIGIL} demo"], capture_output=True, text=True).stdout.split()[0]
    tmux("kill-session", "-t", SESSION)
    closed = time.time()
    while time.time() < closed + 5 and os.path.exists(f"/proc/{pid}"):
        time.sleep(0.05)
    took = time.time() - closed
    if os.path.exists(f"/proc/{pid}"):
        subprocess.run(["kill", "-9", pid])
    assert took < 2, f"vigil took {took:.1f} s to end after its terminal closed"


check("closing the terminal ends vigil within 2 s", closing_terminal_ends_vigil)

HOSTILE_PAYLOADS = {
    "CSI colour": b"\x1b[31mRED", "CSI blink": b"\x1b[5mblink", "OSC title": b"\x1b]0;owned", "OSC title in a user name": b"\x1b]0;pwned",
    "OSC 8 hyperlink": b"\x1b]8;;", "any OSC": b"\x1b]", "C1 CSI": b"\xc2\x9b", "C1 NEL": b"\xc2\x85", "C1 OSC": b"\xc2\x9d",
    "bidi override": b"\xe2\x80\xae", "bidi isolate": b"\xe2\x81\xa7", "zero-width space": b"\xe2\x80\x8b", "BOM": b"\xef\xbb\xbf",
    "DEL": b"\x7f", "SOH": b"\x01", "STX": b"\x02", "ETX": b"\x03", "BEL": b"\x07", "form feed": b"\x0c",
}


def hostile_bytes_never_reach_the_terminal():
    start_shell()
    raw = os.path.join(STATE, "hostile.bytes")
    tmux("pipe-pane", "-o", "-t", SESSION, f"cat >> {raw}")
    keys(f"{VIGIL} demo --scenario hostile", "Enter")
    wait_text("Alerts ")
    wait_text("ESC clear scree")
    for _ in range(10):  # walk every alert so the detail pane shows each description, tag and detail
        move_down()
    keys("o")  # the user picker lists a user whose name carries escapes
    wait_text("Assign to")
    keys("evil")
    wait_text("live")
    keys("Escape")
    s = screen()
    lines = s.split("\n")
    def columns(line):
        return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf"
                   else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    wide = [line for line in lines if columns(line) > 120]
    assert not wide, f"lines wider than the terminal: {wide}"
    assert "Alerts " in lines[0] or "Alerts " in s, "layout lost"
    assert re.search(r"\d\d:\d\d:\d\dZ", s), f"status line lost:\n{s}"
    keys("q")
    wait_for(lambda s: "Alerts " not in s, "vigil to exit")
    tmux("pipe-pane", "-t", SESSION)
    data = open(raw, "rb").read()
    assert len(data) > 10_000, f"only {len(data)} bytes captured"
    found = [name for name, payload in HOSTILE_PAYLOADS.items() if payload in data]
    assert not found, f"raw bytes from the API reached the terminal: {found}"


check("hostile scenario: no escape or control from API text reaches the terminal (bytes written)",
      hostile_bytes_never_reach_the_terminal)


def start_simulator():
    log = os.path.join(STATE, "simulate.log")
    proc = subprocess.Popen([VIGIL, "simulate", "--port", "0", "--scenario", "ops-room", "--processing-delay-ms", "50"],
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 20
    while time.time() < deadline:
        m = re.search(r"http://127\.0\.0\.1:(\d+)", open(log).read())
        if m:
            return proc, int(m.group(1))
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("vigil simulate did not start")


def faults(sim_port, rules):
    body = json.dumps({"rules": rules}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{sim_port}/_sim/faults", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=5).read()


def an_action_queued_before_kill_9_is_sent_after_restart():
    sim, sim_port = start_simulator()
    try:
        start_shell()
        keys("clear", "Enter")
        run = f"OPSGENIE_API_KEY=vigil-demo-key {VIGIL} --api-url http://127.0.0.1:{sim_port}"
        keys(run, "Enter")
        s = wait_for(lambda s: re.search(r"#\d+\s+P\d", s), "alerts from vigil simulate")
        # move to an alert nobody acknowledged
        for _ in range(30):
            tiny = selected_tiny(screen())
            if not alert(sim_port, tiny)["acknowledged"]:
                break
            move_down()
        faults(sim_port, [{"route": "/v2/alerts", "method": "POST", "status": 503}])
        keys("a")
        wait_text("queued", timeout=20)
        subprocess.run(["pkill", "-9", "-f", f"{VIGIL} --api-url"], check=True)
        wait_for(lambda s: "Alerts " not in s or "$" in s.splitlines()[-1], "vigil to die", timeout=5)
        keys("stty sane; clear", "Enter")
        journal = os.path.join(STATE, "vigil", f"journal-127.0.0.1_{sim_port}.json")
        held = json.load(open(journal))["actions"]
        assert [a["tinyId"] for a in held] == [tiny], f"journal holds {held}"
        assert not alert(sim_port, tiny)["acknowledged"], "applied during the outage?"
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{sim_port}/_sim/faults", method="DELETE"), timeout=5)
        keys(run, "Enter")
        wait_text("resuming 1 action", timeout=20)
        deadline = time.time() + 30
        while time.time() < deadline and not alert(sim_port, tiny)["acknowledged"]:
            time.sleep(0.2)
        assert alert(sim_port, tiny)["acknowledged"], "the resumed acknowledge never reached the API"
        wait_for(lambda s: "confirmed" in s, "the confirmation on screen")
        keys("q")
        wait_for(lambda s: "Alerts " not in s, "vigil to exit")
        assert json.load(open(journal))["actions"] == [], "the journal still holds the confirmed action"
    finally:
        sim.kill()


check("an acknowledge queued in an outage survives kill -9 and is sent after restart", an_action_queued_before_kill_9_is_sent_after_restart)


def key_never_logged_or_shown():
    log = os.path.join(STATE, "vigil", "vigil.log")
    text = open(log).read()
    assert "action" in text, "the log file is being written"
    assert "vigil-demo-key" not in text, "the API key is in the log file"
    assert "vigil-demo-key" not in open(os.path.join(STATE, "hostile.bytes"), "rb").read().decode("utf-8", "replace")


check("the API key never reaches the log file or the terminal", key_never_logged_or_shown)

tmux("kill-session", "-t", SESSION, check=False)
print(f"e2e: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
