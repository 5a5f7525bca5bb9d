#!/usr/bin/env bash
# Idle cost of Vigil side by side with a peer, the Python Opsgenie TUI tygenie (PyPI), in one run
# against ONE `vigil simulate --scenario quiet` on 127.0.0.1.
#
# Usage: Benchmarks/idle.sh [SECONDS] [--warmup S] [--sizes 120x40[,200x60]] [--no-peer] [--wait-build S]
#   SECONDS         measured window per program (default 60)
#   --warmup S      seconds from launch before the window opens (default 10; at least until the first alert row)
#   --sizes LIST    tmux window sizes, comma separated (default 120x40)
#   --no-peer       measure Vigil only
#   --wait-build S  wait up to S seconds for the release binary to appear (default 0)
#   env VIGIL_BIN (default .build-release/release/vigil), PEER_VENV (default Benchmarks/.peer-venv),
#       PEER_VERSION (default 1.15.0: the version whose source this script's peer setup was read against)
# Build first: swift build -c release --scratch-path .build-release
#
# Rows, each in its own tmux session (own server: tmux -L idlebench) at each size, measured one after the other:
#   vigil            Vigil at its defaults (alerts 10 s, heartbeats 30 s, incidents 30 s, on-call 60 s)
#   vigil-60s        Vigil with [poll] alerts = heartbeats = on_call = incidents = 60
#   tygenie-60s      tygenie with refresh_period = 60 (its minimum)
# Columns:
#   task-clock  where `perf stat` works: the program's task-clock over the window (every thread, those
#             started during it too), in ns: the precise figure; CPU is then the cross-check
#   CPU       utime+stime from /proc/PID/stat of exactly the program's process plus its live descendants and
#             reaped children (cutime+cstime) over the window, as % of one core. The program is exec'd as the
#             pane's process, so neither the shell, tmux nor the simulator (a separate process, not a child)
#             is counted.
#   bytes     what the program wrote to its terminal during the window (tmux pipe-pane into a file)
#   peak RSS  VmHWM from /proc/PID/status at the end of the window
#   1st row   launch → first alert row on screen: capture-pane polled every 10 ms from just before the tmux
#             session is created until a row of the alerts table (priority, state, "[service] message") shows
#   +2nd      a SECOND instance with the same settings, started while the first runs, once its first alert row is
#             up and 2 s have passed: Private_Dirty from /proc/PID/smaps_rollup (what it adds on the same host;
#             read-only code and libraries are shared with the first)
#   conns     remote endpoints of the program's TCP/UDP sockets, sampled every second in the window
#
# The peer (tygenie 1.15.0), from reading its package source:
#   - config: $HOME/.config/tygenie/tygenie.json (pathlib.Path.home(); it is read, and rewritten, even with
#     --config), so each instance gets a temporary HOME holding a config derived from the package's sample.
#   - host: "opsgenie.host" is the API base URL handed to its httpx client, so http://127.0.0.1:PORT works
#     without code changes; "opsgenie.api_key" is sent as "Authorization: GenieKey <key>".
#   - refresh: "tygenie.refresh_period" in seconds, clamped to at least 60 (300 if absent): set to 60.
#     Each refresh asks for the alerts page and count, and who is on call for "opsgenie.on_call_schedule_ids"
#     (set to the simulator's sched-platform so it polls on-call like Vigil does); the highlighted alert's
#     detail and notes are fetched when the row is highlighted.
#   - the one connection the config cannot move: at start and every 6 h it GETs
#     https://api.github.com/repos/ovh/tygenie/releases/latest (widgets/alert_actions.py, a plain
#     httpx.AsyncClient, which honours proxy variables) and ignores any failure. Least invasive fix, no code
#     change: HTTPS_PROXY=http://127.0.0.1:9 (a closed loopback port, checked below) so that request dies on
#     loopback before any DNS lookup, and NO_PROXY=127.0.0.1,localhost so the API stays direct.
#     Benchmarks/peer-connections.sh runs tygenie this way under strace and lists every connect().
#   - off: desktop notifications (D-Bus) and on-call shift reminders; log off.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=60 warmup=10 sizes=120x40 peer=1 wait_build=0
while [ $# -gt 0 ]; do
    case $1 in
        --warmup) warmup=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        --no-peer) peer=0; shift ;;
        --wait-build) wait_build=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        [0-9]*) seconds=$1; shift ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 5 ]] || { echo "SECONDS must be a whole number ≥ 5" >&2; exit 2; }
[[ $warmup =~ ^[0-9]+$ ]] || { echo "--warmup must be a whole number" >&2; exit 2; }

bin=${VIGIL_BIN:-.build-release/release/vigil}
deadline=$((SECONDS + wait_build))
until [ -x "$bin" ]; do
    [ $SECONDS -lt $deadline ] || { echo "no $bin: build first: swift build -c release --scratch-path .build-release" >&2; exit 1; }
    sleep 5
done

peer_venv=${PEER_VENV:-$root/Benchmarks/.peer-venv}
peer_version=${PEER_VERSION:-1.15.0}
if [ $peer = 1 ] && [ ! -x "$peer_venv/bin/tygenie" ]; then
    echo "installing tygenie==$peer_version into $peer_venv" >&2
    python3 -m venv "$peer_venv"
    "$peer_venv/bin/pip" install --quiet "tygenie==$peer_version"
fi

tm() { tmux -L idlebench -f /dev/null "$@"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-idle.XXXXXX")
sessions=() pids=() sim_pid=
cleanup() {
    local s p
    for s in "${sessions[@]}"; do tm kill-session -t "$s" 2>/dev/null || true; done
    for p in "${pids[@]}" $sim_pid; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}" $sim_pid; do
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Run a copy, so a rebuild during the run neither fails on a busy binary nor mixes versions.
mkdir "$work/bin"; cp "$bin" "$work/bin/vigil"
vigil=$work/bin/vigil

# The simulator: a separate process (not a child of any measured program), never counted.
"$vigil" simulate --port 0 --scenario quiet >"$work/sim.out" 2>&1 &
sim_pid=$!
url=
for _ in $(seq 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/sim.out" 2>/dev/null | head -1) || true
    [ -n "$url" ] && break
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$url" ] || { echo "simulator did not start:" >&2; cat "$work/sim.out" >&2; exit 1; }
echo "simulator $url (pid $sim_pid, scenario quiet); window ${seconds}s after ${warmup}s warm-up; sizes $sizes" >&2

if [ $peer = 1 ] && (exec 3<>/dev/tcp/127.0.0.1/9) 2>/dev/null; then
    echo "something listens on 127.0.0.1:9; the peer's update check must be refused there" >&2; exit 1
fi

# One launcher per program and settings, exec'ing the program so the pane's process IS the program.
unset_env='-u http_proxy -u HTTP_PROXY -u https_proxy -u HTTPS_PROXY -u all_proxy -u ALL_PROXY -u no_proxy -u NO_PROXY'
base_env='LANG=C.UTF-8 TERM=tmux-256color'
make_vigil() { # name poll-seconds|""
    local d=$work/$1
    mkdir -p "$d/config/vigil" "$d/state"
    if [ -n "$2" ]; then printf '[poll]\nalerts = %s\nheartbeats = %s\non_call = %s\nincidents = %s\n' "$2" "$2" "$2" "$2" >"$d/config/vigil/config.toml"; fi
    printf 'exec env %s %s XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q OPSGENIE_API_KEY=vigil-demo-key %q --api-url %q\n' \
        "$unset_env" "$base_env" "$d/config" "$d/state" "$vigil" "$url" >"$d/run"
}
make_peer() { # name
    local d=$work/$1
    mkdir -p "$d/home/.config/tygenie"
    "$peer_venv/bin/python" - "$peer_venv" "$url" "$d/home/.config/tygenie/tygenie.json" <<'PY'
import glob, json, sys
venv, url, out = sys.argv[1:]
sample = glob.glob(f"{venv}/lib/python*/site-packages/tygenie/assets/tygenie.json")[0]
c = json.load(open(sample))
c["opsgenie"].update(host=url, webapp_url=url, api_key="vigil-demo-key", username="bench@example.invalid",
                     on_call_schedule_ids=["sched-platform"])
t = c["tygenie"]
t["refresh_period"] = 60
t["desktop_notification"]["enable"] = False
t["oncall_notifications"]["enable"] = False
t["log"] = {"enable": False, "file": "/dev/null"}
json.dump(c, open(out, "w"), indent=2)
PY
    printf 'exec env %s -u PYTHONDONTWRITEBYTECODE %s HOME=%q HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost %q\n' \
        "$unset_env" "$base_env" "$d/home" "$peer_venv/bin/tygenie" >"$d/run"
}

ticks=$(getconf CLK_TCK)
# utime+stime of PID and its live descendants, plus cutime+cstime of PID (children already reaped).
tree_ticks() {
    local pid=$1 own=${2:-1} s f kid total=0
    s=$(cat "/proc/$pid/stat" 2>/dev/null) || { echo 0; return; }
    read -r -a f <<<"${s##*) }"
    total=$((f[11] + f[12]))
    [ "$own" = 1 ] && total=$((total + f[13] + f[14]))
    for kid in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
        total=$((total + $(tree_ticks "$kid" 1)))
    done
    echo $total
}
# Remote endpoints of PID's TCP/UDP sockets, one per line (ip:port).
remote_ends() {
    local pid=$1 inodes
    inodes=$(find "/proc/$pid/fd" -lname 'socket:*' -printf '%l\n' 2>/dev/null | tr -dc '0-9\n' | paste -sd, -) || true
    [ -n "$inodes" ] || return 0
    for t in tcp udp tcp6 udp6; do [ -r "/proc/$pid/net/$t" ] && sed 1d "/proc/$pid/net/$t" | sed "s/^/$t /"; done |
        awk -v want="$inodes" '
            function hex(x,   i, n) { n = 0; for (i = 1; i <= length(x); i++) n = n * 16 + index("0123456789ABCDEF", toupper(substr(x, i, 1))) - 1; return n }
            BEGIN { n = split(want, a, ","); for (i = 1; i <= n; i++) w[a[i]] = 1 }
            w[$11] { split($4, r, ":"); h = r[1]; p = hex(r[2])
                     if (length(h) == 8) ip = hex(substr(h, 7, 2)) "." hex(substr(h, 5, 2)) "." hex(substr(h, 3, 2)) "." hex(substr(h, 1, 2))
                     else if (substr(h, 1, 24) == "0000000000000000FFFF0000") ip = "::ffff:" hex(substr(h, 31, 2)) "." hex(substr(h, 29, 2)) "." hex(substr(h, 27, 2)) "." hex(substr(h, 25, 2))
                     else if (h == "00000000000000000000000001000000") ip = "[::1]"
                     else ip = "[v6 " h "]"
                     if (p != 0) print $1 " " ip ":" p }'
}
# An alerts-table row: Vigil "#3  P1 open … [email] certificate…", tygenie "open  P1  [email] certificate…".
row_re='(P[1-5] +(open|acked)|(open|acked) +P[1-5]) .*\[[a-z][a-z0-9-]*\] '
# start SESSION COLSxROWS RUNFILE → sets started_pid, first_row (seconds, or "none")
start() {
    local s=$1 size=$2 run=$3 t0 screen deadline
    sessions+=("$s")
    t0=$EPOCHREALTIME launched_at=$EPOCHREALTIME
    tm new-session -d -s "$s" -x "${size%x*}" -y "${size#*x}" "bash $(printf %q "$run")"
    started_pid=$(tm display-message -p -t "$s" '#{pane_pid}')
    pids+=("$started_pid")
    first_row=none
    deadline=$((SECONDS + 30))
    while [ $SECONDS -lt $deadline ]; do
        screen=$(tm capture-pane -p -t "$s" 2>/dev/null) || break
        if [[ $screen =~ $row_re ]]; then
            first_row=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'); break
        fi
        sleep 0.01
    done
    if [ "$first_row" = none ]; then
        echo "$s: no alert row within 30 s; screen:" >&2; tm capture-pane -p -t "$s" >&2 || true
    fi
}
stop() { # SESSION PID
    tm kill-session -t "$1" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$2" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$2" 2>/dev/null || true
}

results=$work/results
: >"$results"
measure() { # NAME SIZE
    local name=$1 size=$2 s="idle-$$-$1-$2" pid row second second_pid dirty=- c0 c1 t0 t1 b1 hwm ends out
    out=$work/$name-$size.out
    : >"$out"
    start "$s" "$size" "$work/$name/run"; pid=$started_pid; row=$first_row; local launched=$launched_at
    # The second instance, same settings, while the first runs; its Private_Dirty once it shows alerts.
    start "$s-2nd" "$size" "$work/$name/run"; second_pid=$started_pid
    if [ "$first_row" != none ]; then
        sleep 2
        dirty=$(awk '/^Private_Dirty:/ { printf "%.1f", $2 / 1024 }' "/proc/$second_pid/smaps_rollup" 2>/dev/null || echo -)
    fi
    stop "$s-2nd" "$second_pid"
    kill -0 "$pid" 2>/dev/null || { echo "$name exited during start-up" >&2; return 1; }
    # Rest of the warm-up, counted from launch.
    local left
    left=$(awk -v w="$warmup" -v a="$launched" -v b="$EPOCHREALTIME" 'BEGIN { l = w - (b - a); print (l > 0 ? l : 0) }')
    sleep "$left"
    tm pipe-pane -o -t "$s" "cat >> $(printf %q "$out")"
    sleep 0.2
    c0=$(tree_ticks "$pid"); t0=$EPOCHREALTIME
    # Where perf works: task-clock of every thread of the program (those started during the
    # window too), in nanoseconds rather than ticks.
    local clock_file=$work/$name-$size.perf perf_pid=
    if [ $have_perf = 1 ]; then
        perf stat -e task-clock -x, -o "$clock_file" -p "$pid" -- sleep "$seconds" 2>/dev/null & perf_pid=$!
    fi
    local end=$((SECONDS + seconds)) audit=$work/$name-$size.ends
    : >"$audit"
    while [ $SECONDS -lt $end ]; do
        sleep 1
        remote_ends "$pid" >>"$audit" || true
    done
    c1=$(tree_ticks "$pid"); t1=$EPOCHREALTIME
    local task_ms=-
    if [ -n "$perf_pid" ]; then
        wait "$perf_pid" 2>/dev/null || true
        task_ms=$(awk -F, '/task-clock/ { print $1 }' "$clock_file" 2>/dev/null | head -1)
        [ -n "$task_ms" ] || task_ms=-
    fi
    b1=$(stat -c %s "$out")
    hwm=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
    kill -0 "$pid" 2>/dev/null || { echo "$name exited during the window" >&2; return 1; }
    ends=$(sort "$audit" | uniq -c | awk '{ printf "%s%s:%s×%s", (NR > 1 ? " " : ""), $2, $3, $1 }')
    tm pipe-pane -t "$s"
    stop "$s" "$pid"
    echo "$name $size $c0 $c1 $t0 $t1 $b1 $hwm $row $dirty $task_ms ${ends:-none}" >>"$results"
    echo "  $name $size done" >&2
}

have_perf=0
if command -v perf >/dev/null && perf stat -e task-clock -x, -o /dev/null true 2>/dev/null; then have_perf=1; fi
make_vigil vigil ""
make_vigil vigil-60s 60
[ $peer = 1 ] && make_peer tygenie-60s
for size in ${sizes//,/ }; do
    [[ $size =~ ^[0-9]+x[0-9]+$ ]] || { echo "bad size $size" >&2; exit 2; }
    measure vigil "$size"
    measure vigil-60s "$size"
    [ $peer = 1 ] && measure tygenie-60s "$size"
done

python3 - "$ticks" "$results" "$("$vigil" --version 2>/dev/null || echo '?')" \
    "$([ $peer = 1 ] && "$peer_venv/bin/python" -c 'import importlib.metadata as m; print(m.version("tygenie"))' || echo -)" <<'PY'
import sys
ticks, path, vigil_version, peer_version = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rows = [line.split(" ", 11) for line in open(path).read().splitlines()]
print(f"idle cost, quiet scenario, one simulator (not counted); vigil {vigil_version}, tygenie {peer_version}")
head = (f"{'program':<12} {'size':>7} {'window':>7} {'CPU s':>6} {'CPU %':>7} {'task-clock %':>12} {'bytes':>8} {'B/s':>6} "
        f"{'peak RSS MB':>11} {'1st row s':>9} {'+2nd MB':>8}  sockets' remote ends (×samples, 1/s)")
print(head); print("-" * len(head))
cpu, tick_pct, precise = {}, {}, {}
for name, size, c0, c1, t0, t1, b, hwm, row, dirty, task_ms, ends in rows:
    window = float(t1) - float(t0)
    secs = (float(c1) - float(c0)) / ticks
    cpu[(name, size)] = 100 * secs / window
    tick_pct[(name, size)] = 100 / ticks / window
    clock = "-"
    if task_ms != "-":
        precise[(name, size)] = float(task_ms) / 1000 / window * 100
        clock = f"{precise[(name, size)]:.4f}%"
    print(f"{name:<12} {size:>7} {window:>6.1f}s {secs:>6.2f} {cpu[(name, size)]:>6.3f}% {clock:>12} {int(b):>8} {int(b) / window:>6.0f} "
          f"{hwm:>11} {row:>9} {dirty:>8}  {ends}")
for (name, size), value in precise.items():
    if name == "vigil-60s" and ("tygenie-60s", size) in precise:
        print(f"ratio task-clock vigil-60s / tygenie-60s at {size}: {value / precise[('tygenie-60s', size)]:.3f}  "
              f"({value:.4f}% / {precise[('tygenie-60s', size)]:.4f}%)")
for (name, size), value in cpu.items():
    if name == "vigil-60s" and ("tygenie-60s", size) in cpu:
        peer = cpu[("tygenie-60s", size)]
        ratio = f"{value / peer:.3f}" if peer > 0 else "n/a (peer used 0 ticks)"
        # Each reading is whole ticks, so either side can be up to one tick off.
        lo = max(0.0, value - tick_pct[(name, size)]) / (peer + tick_pct[("tygenie-60s", size)])
        low_peer = peer - tick_pct[("tygenie-60s", size)]
        hi = f"{(value + tick_pct[(name, size)]) / low_peer:.2f}" if low_peer > 1e-9 else "∞"
        print(f"ratio CPU vigil-60s / tygenie-60s at {size}: {ratio}  ({value:.3f}% / {peer:.3f}%; "
              f"±1 tick on each side: {lo:.2f}–{hi})")
print(f"CPU from /proc/PID/stat in ticks of 1/{ticks:.0f} s: ±{100 / ticks:.0f} tick over the window is ±"
      f"{100 * 1 / ticks / max(float(r[5]) - float(r[4]) for r in rows):.3f}% of one core")
PY
