"""The command-line contract of ``python -m sources.extract``."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

KEYS = {
    "file",
    "mention",
    "place",
    "place_id",
    "lat",
    "lon",
    "role",
    "exercise",
    "attributed_to",
    "start",
    "end",
    "excerpt",
    "precision_km",
}
OC = "sources/data/articles/oc-media-2025-05-araz-2025.md"


def _run(*paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sources.extract", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_prints_json_lines_with_the_contract_keys(tmp_path):
    plain = tmp_path / "wire.txt"
    plain.write_text("Joint drills were held in Aslan Duz on Sunday.", encoding="utf-8")
    result = _run(OC, str(plain))
    assert result.returncode == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(row.keys() >= KEYS for row in rows)
    assert {row["file"] for row in rows} == {OC, str(plain)}
    body = (ROOT / OC).read_text(encoding="utf-8").split("---\n", 2)[2].lstrip("\n")
    for row in rows:
        if row["file"] == OC:
            assert body[row["start"] : row["end"]] == row["mention"]
            assert row["mention"] in row["excerpt"]
        assert row["role"] in ("exercise", "context")
        assert isinstance(row["lat"], float) and isinstance(row["lon"], float)
        assert row["place_id"].split(":")[0] in ("gn", "ov")
    hadrut = [r for r in rows if r["mention"] == "Hadrut" and r["role"] == "exercise"]
    assert hadrut and hadrut[0]["exercise"] == "aras-2025"
    nk = [r for r in rows if r["place_id"] == "ov:nagorno-karabakh" and r["attributed_to"]]
    assert any(r["attributed_to"] == "Tehran Times" for r in nk)
    wire = [r for r in rows if r["file"] == str(plain)]
    assert [(r["mention"], r["role"]) for r in wire] == [("Aslan Duz", "exercise")]


def test_unreadable_files_are_reported_and_skipped(tmp_path):
    binary = tmp_path / "bad.md"
    binary.write_bytes(b"\x00\x01\x02")
    result = _run(str(binary), OC, str(tmp_path / "missing.md"))
    assert result.returncode == 0
    assert "bad.md" in result.stderr and "missing.md" in result.stderr
    assert result.stdout.strip()
    assert all(json.loads(line)["file"] == OC for line in result.stdout.splitlines())


def test_exit_status_is_non_zero_only_when_nothing_could_be_read(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = _run(str(empty))
    assert result.returncode != 0
    assert result.stdout == ""
    assert "empty" in result.stderr
