"""Run a Streamlit script on 127.0.0.1 for a browser test, and always stop it.

    with streamlit_server(Path("dashboard.py"), env={"ATLAS_ARTICLES": str(d)}) as srv:
        page.goto(srv.url)

The server runs in its own process group (``start_new_session=True``); on exit,
pass or fail, the group gets SIGTERM, then SIGKILL after a grace period.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ServerError", "StreamlitServer", "free_port", "streamlit_server"]

HEALTH_TIMEOUT_S = 60.0
STOP_GRACE_S = 5.0


class ServerError(RuntimeError):
    """The server did not come up; the message carries its captured output."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    script: Path
    port: int
    process: subprocess.Popen
    stdout_path: Path
    stderr_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def output(self) -> str:
        """What the server printed so far (stdout, then stderr), for failure messages."""
        out = self.stdout_path.read_text("utf-8", errors="replace")
        err = self.stderr_path.read_text("utf-8", errors="replace")
        return f"--- stdout ---\n{out[-4000:]}\n--- stderr ---\n{err[-8000:]}"


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen, grace: float = STOP_GRACE_S) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


@contextlib.contextmanager
def streamlit_server(
    script: Path | str,
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | str | None = None,
    timeout: float = HEALTH_TIMEOUT_S,
    python: str = sys.executable,
) -> Iterator[StreamlitServer]:
    """Start ``streamlit run script`` headless on a free port; stop its process group on exit.

    ``env`` entries are added to (and override) the current environment, so a
    test can point ``ATLAS_ARTICLES`` at its own directory. ``cwd`` defaults to
    the script's folder, as ``streamlit run`` from the project root would.
    """
    script = Path(script).resolve()
    if not script.is_file():
        raise ServerError(f"no Streamlit script at {script}")
    port = free_port()
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("PYTHONUNBUFFERED", "1")
    logs = Path(tempfile.mkdtemp(prefix="streamlit-server-"))
    stdout_path, stderr_path = logs / "stdout.txt", logs / "stderr.txt"
    cmd = [
        python,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        process = subprocess.Popen(
            cmd,
            cwd=str(cwd or script.parent),
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
    server = StreamlitServer(script, port, process, stdout_path, stderr_path)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(port):
            if process.poll() is not None:
                raise ServerError(
                    f"streamlit exited with {process.returncode} before answering\n"
                    + server.output()
                )
            if time.monotonic() > deadline:
                raise ServerError(
                    f"streamlit did not answer /_stcore/health within {timeout:.0f} s\n"
                    + server.output()
                )
            time.sleep(0.2)
        yield server
    finally:
        _stop(process)
        for path in (stdout_path, stderr_path):
            with contextlib.suppress(OSError):
                path.unlink()
        with contextlib.suppress(OSError):
            logs.rmdir()
