"""Plumbing shared by every test server: free loopback ports, waiting for them, child processes."""
import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"
PR_SET_PDEATHSIG = 1


def free_port() -> int:
    """Return a TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def accepts(port: int, host: str = HOST) -> bool:
    """Whether a TCP connection to host:port succeeds at once."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_until(check, timeout: float = 10.0, interval: float = 0.01, what: str = "condition") -> None:
    """Poll check() until it is true; servers start in milliseconds, so poll fast."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout:.1f}s")
        time.sleep(interval)


def _die_with_parent() -> None:
    """In the child: own process group (stopped as a whole), SIGTERM when pytest dies."""
    os.setsid()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def spawn(args: list[str], log_path: str | None = None) -> subprocess.Popen:
    """Start a server process in the foreground of its own, output to log_path (or discarded)."""
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL
    try:
        return subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
    finally:
        if log_path:
            out.close()


def stop_process(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
    """Signal proc and reap it; SIGKILL if it does not go within timeout; no group member survives."""
    if proc is None or proc.poll() is not None:
        return
    # A graceful signal goes to the leader alone (a master stops its own children in order);
    # SIGKILL, or whatever is left afterwards, goes to the whole group.
    if sig == signal.SIGKILL:
        _signal_group(proc, sig)
    else:
        proc.send_signal(sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    _signal_group(proc, signal.SIGKILL)


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


class ServerProcess:
    """Life cycle of one server program in a temp dir on a fixed free port: start again on the
    same port after stop() or kill(), so tests can stage an outage and a recovery."""

    name = "server"

    def __init__(self):
        self.host = HOST
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix=f"test-{self.name}-"))
        self._proc = None
        atexit.register(self.close)

    def command(self) -> list[str]:
        raise NotImplementedError

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self):
        """Start unless running, and wait until the port accepts connections."""
        if self.running:
            return self
        if accepts(self.port):
            raise RuntimeError(f"{self.name}: port {self.port} is taken by another program")
        self._proc = spawn(self.command(), log_path=str(self.base / f"{self.name}.out"))
        try:
            wait_until(lambda: accepts(self.port) or not self.running, what=f"{self.name} starting")
        except TimeoutError:
            pass
        if not self.running or not accepts(self.port):
            self.kill()
            raise RuntimeError(f"{self.name} did not start on port {self.port}; logs in {self.base}")
        return self

    def stop(self) -> None:
        """Graceful shutdown."""
        stop_process(self._proc)
        self._proc = None

    def kill(self) -> None:
        """Die at once with every child, as a crashed server would: connections drop."""
        stop_process(self._proc, signal.SIGKILL)
        self._proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        """Kill (all data is throw-away) and delete the temp dir; safe to call twice."""
        self.kill()
        shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()
