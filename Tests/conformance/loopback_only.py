"""Imported first by every conformance script: a connection to any host but 127.0.0.1 stops the run.

The checks talk to the simulator `run` starts on 127.0.0.1 and nothing else; a client default (the SDK's
host is api.opsgenie.com) must fail loudly here instead of reaching the internet.
"""
import socket

ALLOWED = "127.0.0.1"
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _host(address):
    return address[0] if isinstance(address, tuple) else address


def _refuse(host):
    raise AssertionError(f"conformance checks only talk to {ALLOWED}, not {host!r}")


def _checked_connect(self, address):
    if _host(address) != ALLOWED:
        _refuse(_host(address))
    return _connect(self, address)


def _checked_connect_ex(self, address):
    if _host(address) != ALLOWED:
        _refuse(_host(address))
    return _connect_ex(self, address)


def _checked_getaddrinfo(host, *args, **kwargs):
    if host not in (ALLOWED, ALLOWED.encode()):
        _refuse(host)
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _checked_connect
socket.socket.connect_ex = _checked_connect_ex
socket.getaddrinfo = _checked_getaddrinfo
