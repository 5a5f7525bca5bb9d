"""Waiting for a condition with a deadline: the one wait the Python checks use (no bare sleeps)."""
import time


def poll(condition, what, timeout=15.0, interval=0.1, detail=lambda: ""):
    """Calls condition until it returns something truthy (returned) or the deadline passes (AssertionError)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}{detail()}")
        time.sleep(interval)  # polling interval, not a wait for a condition
