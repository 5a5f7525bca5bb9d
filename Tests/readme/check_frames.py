#!/usr/bin/env python3
"""The frames near the top of the README are what `vigil snapshot` draws today.

Each block between `<!-- frame: ARGS -->` and `<!-- /frame -->` in README.md holds a fenced
block; this check runs `vigil snapshot ARGS` and compares. `--write` rewrites the blocks.

    python3 Tests/readme/check_frames.py path/to/vigil [--write]
"""
import os, re, shlex, subprocess, sys, pathlib, tempfile

VIGIL = sys.argv[1]
WRITE = "--write" in sys.argv[2:]
README = pathlib.Path(__file__).resolve().parent.parent.parent / "README.md"
PATTERN = re.compile(r"(<!-- frame: (.*?) -->\n```\n)(.*?)(```\n<!-- /frame -->)", re.S)

text = README.read_text()
failures, count = [], 0


def render(match):
    global count
    count += 1
    args = match.group(2)
    # No one's own config or theme in the picture.
    env = dict(os.environ, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="vigil-readme-"), TZ="UTC")
    frame = subprocess.run([VIGIL, "snapshot", *shlex.split(args)], capture_output=True, text=True, check=True, env=env).stdout
    frame = "\n".join(line.rstrip() for line in frame.rstrip("\n").split("\n")) + "\n"
    if frame != match.group(3):
        failures.append(args)
    return match.group(1) + frame + match.group(4)


updated = PATTERN.sub(render, text)
if count == 0:
    sys.exit("README.md has no <!-- frame: … --> blocks")
if WRITE:
    README.write_text(updated)
    print(f"README frames written: {count}")
    sys.exit(0)
for args in failures:
    print(f"FAIL  README frame `vigil snapshot {args}` is not what vigil draws now: run Tests/readme/check_frames.py VIGIL --write")
print(f"readme-frames: {count - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
