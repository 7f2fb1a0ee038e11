"""Shared fixtures: the bundled corpus, and a way to write articles to a temp dir."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sources.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


_STORE_DIR: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    """Keep the tests' claims cache out of the user's: one temp store per run."""
    if "ATLAS_STORE_URL" not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="atlas-test-store-"))
        _STORE_DIR.append(folder)
        os.environ["ATLAS_STORE_URL"] = f"sqlite:///{folder / 'claims.sqlite'}"


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _STORE_DIR:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("ATLAS_STORE_URL", None)


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
