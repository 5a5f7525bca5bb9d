#!/usr/bin/env python3
"""Vigil through a real HTTP proxy (tinyproxy) on loopback.

Starts the simulator (`vigil simulate`), tinyproxy, and a recording relay in front of the
proxy, then runs `vigil check` for Opsgenie and for JSM with `--proxy` pointing at the relay.
It checks that:
  - check passes and names the proxy in use;
  - every connection to the proxy opens with CONNECT to the configured host and port;
  - the CONNECT head carries no key or token: they travel only inside the tunnel, after it;
  - tinyproxy itself logged the tunnels;
  - with proxy = "none" nothing reaches the proxy.
Usage: proxy_check.py path/to/vigil
"""
import os, re, signal, socket, subprocess, sys, tempfile, threading, time

VIGIL = sys.argv[1]
KEY = "vigil-demo-key"                    # the simulator's documented demo keys
JSM_EMAIL, JSM_TOKEN = "alice@example.com", "vigil-demo-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, deadline=20.0):
    end = time.time() + deadline
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {deadline}s")


class Relay(threading.Thread):
    """Forwards 127.0.0.1:port to the proxy and records what each client sends."""

    def __init__(self, target):
        super().__init__(daemon=True)
        self.target = target
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.streams = []
        self.lock = threading.Lock()

    def run(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            record = bytearray()
            with self.lock:
                self.streams.append(record)
            threading.Thread(target=self.pump, args=(client, upstream, record), daemon=True).start()
            threading.Thread(target=self.pump, args=(upstream, client, None), daemon=True).start()

    @staticmethod
    def pump(source, sink, record):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if record is not None:
                    record.extend(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def recorded(self):
        with self.lock:
            return [bytes(r) for r in self.streams]


def main():
    failures = []

    def expect(ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    work = tempfile.mkdtemp(prefix="vigil-proxy-")
    sim_port, proxy_port = free_port(), free_port()
    log = os.path.join(work, "tinyproxy.log")
    conf = os.path.join(work, "tinyproxy.conf")
    with open(conf, "w") as f:
        # No ConnectPort line: CONNECT is allowed to any port (the simulator is not on 443).
        f.write(f"Port {proxy_port}\nListen 127.0.0.1\nTimeout 30\nLogFile \"{log}\"\nLogLevel Connect\n"
                f"MaxClients 20\nAllow 127.0.0.1\n")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(XDG_STATE_HOME=work, XDG_CONFIG_HOME=work, HOME=work)
    sim = subprocess.Popen([VIGIL, "simulate", "--port", str(sim_port), "--scenario", "quiet"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proxy = subprocess.Popen(["tinyproxy", "-d", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(sim_port)
        wait_for_port(proxy_port)
        relay = Relay(proxy_port)
        relay.start()
        base = f"http://127.0.0.1:{sim_port}"
        via = f"http://127.0.0.1:{relay.port}"

        def check(*args, extra_env=None):
            run_env = dict(env, **(extra_env or {}))
            done = subprocess.run([VIGIL, "check", *args], env=run_env, capture_output=True, text=True, timeout=60)
            return done.returncode, done.stdout + done.stderr

        code, out = check("--api-url", base, "--proxy", via, extra_env={"OPSGENIE_API_KEY": KEY})
        expect(code == 0, f"opsgenie: vigil check through the proxy passes (exit {code})\n{out}")
        expect(f"proxy: {via} (from config or --proxy)" in out, "opsgenie: check names the proxy in use")
        code, out = check("--backend", "jsm", "--site", base, "--api-url", base, "--proxy", via,
                          extra_env={"JSM_EMAIL": JSM_EMAIL, "JSM_API_TOKEN": JSM_TOKEN})
        expect(code == 0, f"jsm: vigil check through the proxy passes (exit {code})\n{out}")
        streams = [s for s in relay.recorded() if s]
        expect(len(streams) >= 2, f"connections went through the proxy ({len(streams)})")
        secrets = [KEY.encode(), JSM_TOKEN.encode()]
        import base64
        secrets.append(base64.b64encode(f"{JSM_EMAIL}:{JSM_TOKEN}".encode()))
        for index, stream in enumerate(streams):
            head, sep, tunnel = stream.partition(b"\r\n\r\n")
            first = head.split(b"\r\n")[0].decode(errors="replace")
            expect(first == f"CONNECT 127.0.0.1:{sim_port} HTTP/1.1", f"connection {index}: opens a tunnel to the configured host: {first!r}")
            expect(not any(s in head for s in secrets) and b"authorization" not in head.lower(),
                   f"connection {index}: no key or token outside the tunnel")
            expect(sep != b"" and (not tunnel or tunnel.split(b"\r\n")[0].split(b" ")[1].startswith((b"/v2/", b"/v1/", b"/jsm/", b"/_edge/", b"/rest/"))),
                   f"connection {index}: requests go inside the tunnel")
        inside = b"".join(s.partition(b"\r\n\r\n")[2] for s in streams)
        expect(any(s in inside for s in secrets), "the credentials did go inside the tunnels (the check is not vacuous)")
        with open(log, errors="replace") as f:
            logged = f.read()
        expect(re.search(rf"CONNECT.*127\.0\.0\.1:{sim_port}", logged) is not None or f"127.0.0.1:{sim_port}" in logged,
               "tinyproxy logged the tunnels")
        before = len(relay.recorded())
        code, out = check("--api-url", base, "--proxy", "none", extra_env={"OPSGENIE_API_KEY": KEY, "HTTPS_PROXY": via, "HTTP_PROXY": via})
        expect(code == 0 and "proxy: none" in out, f"proxy = none goes straight\n{out}")
        expect(len(relay.recorded()) == before, "and nothing reached the proxy")
    finally:
        for p in (sim, proxy):
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    print(f"{len(failures)} failed" if failures else "proxy checks passed")
    sys.exit(1 if failures else 0)


main()
