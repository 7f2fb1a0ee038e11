"""Country outlines: the committed file, the build from world-atlas TopoJSON, land tests."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from geo import shapes

REGION = "AZ IR AM GE TR RU KZ UZ TM KG TJ UA BY BG RO".split()


def test_committed_file_is_sound_and_small() -> None:
    text = shapes.COUNTRIES_JSON.read_text(encoding="utf-8")
    assert shapes.check_document(json.loads(text)) == []
    assert len(text.encode()) < 600_000
    assert shapes.main(["--check"]) == 0


@pytest.mark.parametrize("code", REGION)
def test_region_countries_have_a_point_on_land(code: str) -> None:
    shape = shapes.shape_of(code)
    assert shape is not None
    assert shape.contains(*shape.point)
    _, south, _, north = shape.bbox
    assert south <= shape.centroid[0] <= north


def test_russia_is_unwrapped_across_the_antimeridian() -> None:
    russia = shapes.shape_of("RU")
    assert russia is not None
    west, _, east, _ = russia.bbox
    assert 19 < west < 21 and 189 < east < 192
    lat, lon = russia.centroid
    assert 55 < lat < 66 and 85 < lon < 105  # Siberia, not the Pacific
    assert russia.contains(66.0, -175.0)  # Chukotka, west of 180°


LAND = [("Baku", 40.41, 49.87), ("Tehran", 35.69, 51.42), ("Yerevan", 40.18, 44.51)]
SEA = [("mid Caspian", 42.0, 50.5), ("Black Sea", 43.0, 34.0), ("Sea of Azov", 46.0, 36.5)]


@pytest.mark.parametrize(("name", "lat", "lon"), LAND)
def test_on_land(name: str, lat: float, lon: float) -> None:
    assert shapes.on_land(lat, lon), name


@pytest.mark.parametrize(("name", "lat", "lon"), SEA)
def test_at_sea(name: str, lat: float, lon: float) -> None:
    assert not shapes.on_land(lat, lon), name


def _square(x: int, y: int, size: int) -> list[list[int]]:
    """A delta-encoded closed arc around a square, in quantized units."""
    return [[x, y], [size, 0], [0, size], [-size, 0], [0, -size]]


def _tarball(path: Path, topology: dict) -> Path:
    data = json.dumps(topology).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("package/countries-50m.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def test_build_decodes_topojson_and_unwraps(tmp_path: Path) -> None:
    # Quantized to 0.01°: Armenia a 2° square at 44°E 40°N; "Russia" cut at ±180°.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [-180, -90]},
        "arcs": [
            _square(22400, 13000, 200),
            _square(35000, 15000, 1000),
            _square(0, 15000, 500),
            _square(22000, 13000, 100),
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "051", "arcs": [[0]], "properties": {"name": "Am"}},
                    {
                        "type": "MultiPolygon",
                        "id": "643",
                        "arcs": [[[1]], [[2]]],
                        "properties": {"name": "Ru"},
                    },
                    {"type": "Polygon", "arcs": [[3]], "properties": {"name": "Kosovo"}},
                ],
            }
        },
    }
    tarball = _tarball(tmp_path / "world-atlas.tgz", topology)
    document = shapes.build_document(tarball)
    assert sorted(document["countries"]) == ["AM", "RU"]
    armenia = document["countries"]["AM"]
    assert armenia["bbox"] == [44.0, 40.0, 46.0, 42.0]
    assert armenia["centroid"] == pytest.approx([41.0, 45.0], abs=0.01)
    russia = document["countries"]["RU"]
    assert russia["bbox"] == [170.0, 60.0, 185.0, 70.0]
    assert russia["main"] == [0, 1]
    out = tmp_path / "countries.json"
    assert shapes.main(["--build", str(tarball), "--path", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == document


def test_check_reports_a_point_off_its_land() -> None:
    document = json.loads(shapes.COUNTRIES_JSON.read_text(encoding="utf-8"))
    document["countries"]["AM"]["point"] = [42.0, 35.0]
    assert any(p.startswith("AM: point") for p in shapes.check_document(document))
