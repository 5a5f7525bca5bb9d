#!/usr/bin/env python3
"""Bytes Vigil writes to its terminal against the cells that change on screen, step by step.

Both the cells a step changed on screen, and Vigil's own count of the cells every frame changed (logged
when it quits) are printed. The first misses a cell that changed and changed back within a step.

Runs `vigil demo` in its own tmux server, keeps every byte Vigil writes (tmux pipe-pane), and after each
step (keys, or waiting for the clock's minute) waits until the output has been quiet for 300 ms, then
reads the screen with its colours and attributes (capture-pane -e) and counts the cells whose character
or style differ from the screen before the step. A cell counts once however it changed.

Usage: Benchmarks/bytes.py [--size 120x40] [--scenario ops-room] [--idle 61] [VIGIL_BIN]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata

ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument("vigil", nargs="?", default=os.environ.get("VIGIL_BIN", ".build-release/release/vigil"))
ARGS.add_argument("--size", default="120x40")
ARGS.add_argument("--scenario", default="ops-room")
ARGS.add_argument("--idle", type=int, default=61, help="seconds of an untouched screen at the end (0: none)")
ARGS = ARGS.parse_args()
WIDTH, HEIGHT = map(int, ARGS.size.split("x"))
SOCKET = f"bytesbench-{os.getpid()}"
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=check, capture_output=True, text=True).stdout


def apply_sgr(style, params):
    """The style after one SGR sequence: (bold, dim, italic, underline, blink, reverse, fg, bg)."""
    bold, dim, italic, underline, blink, reverse, fg, bg = style
    codes = [int(p) if p else 0 for p in re.split("[;:]", params)] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            bold = dim = italic = underline = blink = reverse = False
            fg = bg = None
        elif c == 1: bold = True
        elif c == 2: dim = True
        elif c == 3: italic = True
        elif c == 4: underline = True
        elif c == 5: blink = True
        elif c == 7: reverse = True
        elif c == 22: bold = dim = False
        elif c == 23: italic = False
        elif c == 24: underline = False
        elif c == 25: blink = False
        elif c == 27: reverse = False
        elif 30 <= c <= 37 or 90 <= c <= 97: fg = c
        elif c == 39: fg = None
        elif 40 <= c <= 47 or 100 <= c <= 107: bg = c
        elif c == 49: bg = None
        elif c in (38, 48) and i + 1 < len(codes):
            n = 3 if codes[i + 1] == 5 else 5  # 38;5;N or 38;2;R;G;B
            value = tuple(codes[i + 1:i + n])
            if c == 38: fg = value
            else: bg = value
            i += n - 1
        i += 1
    return (bold, dim, italic, underline, blink, reverse, fg, bg)


def screen():
    """The pane as rows of (character, style) cells."""
    plain = (False,) * 6 + (None, None)
    rows = []
    for line in tmux("capture-pane", "-p", "-e", "-t", "bench").split("\n")[:HEIGHT]:
        style, cells, i = plain, [], 0
        while i < len(line):
            m = SGR.match(line, i)
            if m:
                style = apply_sgr(style, m.group(1))
                i = m.end()
                continue
            ch = line[i]
            cells.append((ch, style))
            if unicodedata.east_asian_width(ch) in ("W", "F"):
                cells.append(("", style))
            i += 1
        rows.append((cells + [(" ", plain)] * WIDTH)[:WIDTH])
    return rows + [[(" ", plain)] * WIDTH] * (HEIGHT - len(rows))


def changed_cells(before, after):
    return sum(a != b for row_a, row_b in zip(before, after) for a, b in zip(row_a, row_b))


def settle(raw, quiet=0.3, deadline=10.0):
    """Waits until nothing has been written for `quiet` seconds; returns the output's size."""
    end = time.monotonic() + deadline
    size, since = os.path.getsize(raw), time.monotonic()
    while time.monotonic() < end:
        time.sleep(0.05)
        now = os.path.getsize(raw)
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return size
    return size


def main():
    work = tempfile.mkdtemp(prefix="vigil-bytes-")
    raw = os.path.join(work, "terminal.bytes")
    env = f"env LANG=C.UTF-8 TERM=tmux-256color XDG_STATE_HOME={work}/state XDG_CONFIG_HOME={work}/config"
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT),
         f"{env} {os.path.abspath(ARGS.vigil)} demo --scenario {ARGS.scenario}")
    try:
        tmux("pipe-pane", "-o", "-t", "bench", f"cat >> {raw}")
        deadline = time.monotonic() + 20
        while not re.search(r"#\d+\s+P\d", tmux("capture-pane", "-p", "-t", "bench")):
            if time.monotonic() > deadline:
                sys.exit("no alert row within 20 s:\n" + tmux("capture-pane", "-p", "-t", "bench"))
            time.sleep(0.05)
        steps = [("j", ["j"])] * 8 + [("k", ["k"])] * 3 + [("G last", ["G"]), ("g first", ["g"]),
                 ("Tab", ["Tab"]), ("Tab", ["Tab"]), ("Tab", ["Tab"]), ("? help", ["?"]), ("Esc", ["Escape"]),
                 ("t theme", ["t"]), ("t theme", ["t"]), ("t theme", ["t"]), ("t theme", ["t"]), ("t theme", ["t"]),
                 ("W wall", ["W"]), ("W back", ["W"])]
        if ARGS.idle:
            steps.append((f"idle {ARGS.idle} s", None))
        size, shown = settle(raw), screen()
        total_bytes = total_cells = 0
        print(f"vigil demo --scenario {ARGS.scenario} at {WIDTH}x{HEIGHT}: bytes written against cells changed")
        print(f"{'step':14} {'bytes':>8} {'cells':>7} {'bytes/cell':>10}")
        for label, keys in steps:
            if keys:
                tmux("send-keys", "-t", "bench", *keys)
                time.sleep(0.05)
            else:
                time.sleep(ARGS.idle)
            now = settle(raw)
            after = screen()
            written, cells = now - size, changed_cells(shown, after)
            total_bytes += written
            total_cells += cells
            ratio = f"{written / cells:10.2f}" if cells else "         -"
            print(f"{label:14} {written:8} {cells:7} {ratio}")
            size, shown = now, after
        print(f"{'total':14} {total_bytes:8} {total_cells:7} {total_bytes / max(total_cells, 1):10.2f}")
        print("(cells: those that differ on screen between the step's start and end; a cell changed twice in a step,")
        print(" as a detail shows 'loading…' and then its notes, counts once)")
        tmux("send-keys", "-t", "bench", "q")
        log = os.path.join(work, "state", "vigil", "vigil.log")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            lines = [l for l in open(log).read().splitlines() if " terminal: " in l] if os.path.exists(log) else []
            if lines:
                print("vigil's own count, every frame (a cell changed twice counts twice): " + lines[-1].split(" terminal: ", 1)[1])
                break
            time.sleep(0.1)
        else:
            print("vigil did not log its output summary on quitting")
    finally:
        tmux("kill-server", check=False)  # gone already when vigil quit and its session ended


if __name__ == "__main__":
    main()
