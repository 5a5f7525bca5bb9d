#!/usr/bin/env bash
# Every connection the peer (tygenie, as Benchmarks/idle.sh runs it) opens, from strace, against one
# `vigil simulate --scenario quiet` on 127.0.0.1. Exit 0 when every AF_INET/AF_INET6 connect() and every
# addressed sendto/sendmsg goes to loopback, 1 otherwise.
#
# Usage: Benchmarks/peer-connections.sh [SECONDS] [--without-fix]
#   SECONDS        how long tygenie runs (default 20; it refreshes at start, then every 60 s)
#   --without-fix  leave out HTTPS_PROXY=http://127.0.0.1:9, to show what it does without it
#                  (its GitHub release check: a DNS lookup of api.github.com, then https)
#   env VIGIL_BIN, PEER_VENV as in idle.sh. Needs strace; the venv is made by idle.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=20 fix=1
for a in "$@"; do
    case $a in
        --without-fix) fix=0 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        [0-9]*) seconds=$a ;;
        *) echo "unknown argument: $a" >&2; exit 2 ;;
    esac
done
bin=${VIGIL_BIN:-.build-release/release/vigil}
venv=${PEER_VENV:-$PWD/Benchmarks/.peer-venv}
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 1; }
[ -x "$venv/bin/tygenie" ] || { echo "no $venv/bin/tygenie: run Benchmarks/idle.sh once (it installs it)" >&2; exit 1; }
command -v strace >/dev/null || { echo "needs strace" >&2; exit 1; }

tm() { tmux -L idlebench -f /dev/null "$@"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-peer-conn.XXXXXX")
session=peer-conn-$$ sim_pid= pane_pid=
cleanup() {
    tm kill-session -t "$session" 2>/dev/null || true
    for p in $pane_pid $sim_pid; do
        kill "$p" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mkdir "$work/bin"; cp "$bin" "$work/bin/vigil"
"$work/bin/vigil" simulate --port 0 --scenario quiet >"$work/sim.out" 2>&1 &
sim_pid=$!
url=
for _ in $(seq 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/sim.out" 2>/dev/null | head -1) || true
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "simulator did not start" >&2; cat "$work/sim.out" >&2; exit 1; }

mkdir -p "$work/home/.config/tygenie"
"$venv/bin/python" - "$venv" "$url" "$work/home/.config/tygenie/tygenie.json" <<'PY'
import glob, json, sys
venv, url, out = sys.argv[1:]
c = json.load(open(glob.glob(f"{venv}/lib/python*/site-packages/tygenie/assets/tygenie.json")[0]))
c["opsgenie"].update(host=url, webapp_url=url, api_key="vigil-demo-key", username="bench@example.invalid",
                     on_call_schedule_ids=["sched-platform"])
t = c["tygenie"]
t["refresh_period"] = 60
t["desktop_notification"]["enable"] = False
t["oncall_notifications"]["enable"] = False
t["log"] = {"enable": False, "file": "/dev/null"}
json.dump(c, open(out, "w"), indent=2)
PY
proxy=
[ $fix = 1 ] && proxy="HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost"
printf 'exec strace -f -qq -s 160 -e trace=connect,sendto,sendmsg,sendmmsg -o %q env -u http_proxy -u HTTP_PROXY -u https_proxy -u HTTPS_PROXY -u all_proxy -u ALL_PROXY -u no_proxy -u NO_PROXY LANG=C.UTF-8 TERM=tmux-256color HOME=%q %s %q\n' \
    "$work/strace.out" "$work/home" "$proxy" "$venv/bin/tygenie" >"$work/run"
tm new-session -d -s "$session" -x 120 -y 40 "bash $(printf %q "$work/run")"
pane_pid=$(tm display-message -p -t "$session" '#{pane_pid}')
sleep "$seconds"
echo "tygenie $( [ $fix = 1 ] && echo 'with' || echo 'WITHOUT') HTTPS_PROXY=http://127.0.0.1:9, ${seconds}s, simulator $url; screen's first rows:"
tm capture-pane -p -t "$session" | sed -n '1,4p'
tm kill-session -t "$session" 2>/dev/null || true
sleep 0.5

echo "connect() and addressed sends (count × target):"
grep -E '(connect|sendto|sendmsg|sendmmsg)\(' "$work/strace.out" |
    grep -oE 'sa_family=AF_[A-Z0-9]+, (sin6?_port=htons\([0-9]+\), (sin_addr=inet_addr\("[^"]*"\)|sin6_flowinfo=[^,]*, inet_pton\(AF_INET6, "[^"]*")|sun_path=[^}]*)' |
    sed -E 's/sa_family=AF_INET6?, sin6?_port=htons\(([0-9]+)\), (sin_addr=inet_addr\("([^"]*)"\)|sin6_flowinfo=[^,]*, inet_pton\(AF_INET6, "([^"]*)")/inet \3\4:\1/; s/sa_family=AF_UNIX, sun_path=/unix /' |
    sort | uniq -c | sed 's/^/  /'
echo "HTTP requests (first line):"
grep -oE '"(GET|POST|PUT|PATCH|DELETE|CONNECT) [^ ]+' "$work/strace.out" | tr -d '"' | sed -E 's/\?.*//' | sort | uniq -c | sed 's/^/  /'
echo "DNS queries (any send to port 53):"
if grep -qE 'htons\(53\)' "$work/strace.out"; then grep -E 'htons\(53\)' "$work/strace.out" | sed 's/^/  /' | cut -c1-200; else echo "  none"; fi
bad=$(grep -oE 'inet_addr\("[^"]*"\)|inet_pton\(AF_INET6, "[^"]*"' "$work/strace.out" | grep -oE '"[^"]*"' | tr -d '"' |
      grep -vE '^(127\.|::1$|::ffff:127\.)' | sort -u || true)
if [ -n "$bad" ]; then echo "NOT loopback: $bad"; exit 1; fi
echo "every network destination was loopback"
