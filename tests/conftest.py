"""Shared fixtures: the bundled corpus, and a way to write articles to a temp dir."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sources.corpus import Corpus, load_corpus
from tests.postgres import PostgresServer, start_server

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


_STORE_DIR: list[Path] = []
# What ran against PostgreSQL, for the summary line CI prints.
_POSTGRES: dict[str, object] = {"version": None, "passed": 0, "failed": 0}


def pytest_configure(config: pytest.Config) -> None:
    """Keep the tests' databases out of the user's: one temp folder of them per run,
    one database per articles folder (each test that writes uses a folder of its own)."""
    folder = Path(tempfile.mkdtemp(prefix="atlas-test-db-"))
    _STORE_DIR.append(folder)
    os.environ["ATLAS_DATA_DIR"] = str(folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _STORE_DIR:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("ATLAS_DATA_DIR", None)


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    """The five bundled articles and every claim extracted from them."""
    return load_corpus(ROOT / "sources" / "data" / "articles")


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[..., Path]:
    """Write ``name`` with ``content`` (str or bytes) into a temp directory."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def front_matter(**fields: str) -> str:
    lines = ["---", *(f'{key}: "{value}"' for key, value in fields.items()), "---", ""]
    return "\n".join(lines)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server. Skipped where Debian's postgresql is missing,
    except in CI, where it must run (``.ci/run`` installs it)."""
    try:
        with start_server() as server:
            _POSTGRES["version"] = f"{server.version} on 127.0.0.1:{server.port}"
            yield server
    except (FileNotFoundError, RuntimeError, OSError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL must run in CI but could not start: {exc}")
        pytest.skip(f"PostgreSQL unavailable here: {exc}")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, once as an SQLite file and once on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and "[postgresql" in report.nodeid:
        _POSTGRES["passed" if report.passed else "failed"] += int(not report.skipped)


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    ran = int(_POSTGRES["passed"]) + int(_POSTGRES["failed"])
    if _POSTGRES["version"] and ran:
        line = (
            f"PostgreSQL: {ran} database tests ran against {_POSTGRES['version']} "
            f"({_POSTGRES['passed']} passed, {_POSTGRES['failed']} failed)"
        )
    else:
        line = "PostgreSQL: no database test ran against PostgreSQL"
    terminalreporter.write_line(line)
