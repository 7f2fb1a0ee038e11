"""A throwaway PostgreSQL server for the tests, from Debian's ``postgresql`` binaries.

The server refuses to run as root, so as root it runs as the ``postgres`` user
(FIELD-NOTES §7). pytest-postgresql's process fixture starts ``pg_ctl`` as the
current user and so cannot run as root here; this does the same few steps.
Each test gets a database of its own on the one server.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PostgresServer", "find_bindir", "start_server"]


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<major>/bin`` with initdb, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


class PostgresServer:
    """A running cluster on 127.0.0.1; :meth:`new_database` makes an empty database."""

    def __init__(self, bindir: Path, data: Path, port: int, as_user: list[str]) -> None:
        self.bindir, self.data, self.port, self._as = bindir, data, port, as_user
        self._count = 0

    @property
    def version(self) -> str:
        out = subprocess.run(
            [str(self.bindir / "postgres"), "--version"], capture_output=True, text=True
        )
        return out.stdout.strip()

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://atlas@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        import sqlalchemy as sa

        self._count += 1
        name = f"test_{os.getpid()}_{self._count}"
        engine = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.data, ignore_errors=True)

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        command = [*self._as, str(self.bindir / tool), *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if check and result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {result.stderr.strip() or result.stdout.strip()}")


@contextlib.contextmanager
def start_server() -> Iterator[PostgresServer]:
    """Start a cluster in a temporary directory, and remove it afterwards."""
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("no /usr/lib/postgresql/*/bin/initdb: install Debian's postgresql")
    data = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    server = PostgresServer(bindir, data, _free_port(), as_user)
    try:
        server._run("initdb", "-D", str(data), "-A", "trust", "-U", "atlas", "--no-sync")
        options = (
            f"-p {server.port} -k {data} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        server._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start"
        )
        yield server
    finally:
        server.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
