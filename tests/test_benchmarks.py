"""The benchmarks' code paths, at a size that keeps CI quick (figures are not checked)."""

from __future__ import annotations

from tests.benchmarks import extraction, scale


def test_extraction_benchmark_prints_rates(capsys):
    assert extraction.main(["--articles", "20", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "a/s" in out and "geotext" in out


def test_scale_benchmark_prints_the_table(capsys):
    assert scale.main(["--sizes", "60"]) == 0
    out = capsys.readouterr().out
    assert "atlas" in out and "baseline" in out and "MB" in out


def test_index_benchmark_prints_cold_loads(capsys):
    from tests.benchmarks import index

    assert index.main(["--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "cold loads:" in out and "budget" in out


def test_outputs_benchmark_prints_the_table(capsys):
    from tests.benchmarks import outputs

    assert outputs.main(["--sizes", "50", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "kml" in out and "timeline" in out and "seconds" in out
