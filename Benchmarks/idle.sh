#!/usr/bin/env bash
# Idle cost of `vigil demo --scenario quiet`: CPU seconds and bytes written to the terminal
# over a measured window (default 60 s), in tmux at 200×60. Build first:
#   swift build -c release --scratch-path .build-release
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bin=${VIGIL_BIN:-.build-release/release/vigil}
[ -x "$bin" ] || { echo "build first: swift build -c release --scratch-path .build-release"; exit 1; }
session=vigil-idle-$$
out=$(mktemp)
state=$(mktemp -d)
tmux new-session -d -s "$session" -x 200 -y 60 "XDG_STATE_HOME=$state $bin demo --scenario quiet"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$out" "$state"' EXIT
sleep 5   # start-up and first polls
pid=$(pgrep -f "$bin demo --scenario quiet" | head -1)
tmux pipe-pane -o -t "$session" "cat >> $out"
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
c0=$(cpu); b0=$(stat -c %s "$out")
sleep "$seconds"
c1=$(cpu); b1=$(stat -c %s "$out")
python3 - "$c0" "$c1" "$ticks" "$seconds" "$b0" "$b1" <<'PY'
import sys
c0, c1, ticks, seconds, b0, b1 = map(float, sys.argv[1:])
cpu = (c1 - c0) / ticks
print(f"idle {seconds:.0f}s (quiet scenario, 200x60): CPU {cpu:.2f}s = {100 * cpu / seconds:.3f}% of one core; "
      f"{b1 - b0:.0f} bytes to the terminal ({(b1 - b0) / seconds:.0f} B/s)")
PY
