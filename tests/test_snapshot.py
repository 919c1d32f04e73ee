"""save_png / save_pdf and `geokarabakh map --png/--pdf`: size, not blank, what the print shows.

Headless Chromium with every request of the page blocked (``network=False``, or ``--tiles none``
in the CLI, whose page asks no server for anything).
"""

from __future__ import annotations

import os

import pytest
from PIL import Image
from typer.testing import CliRunner

import geokarabakh as gk
from geokarabakh.cli import app

pytestmark = pytest.mark.browser

if not os.path.exists("/usr/bin/chromium"):
    if os.environ.get("CI"):
        pytest.fail(
            "/usr/bin/chromium is missing (CI must install Debian's chromium)", pytrace=False
        )
    pytest.skip("/usr/bin/chromium is missing", allow_module_level=True)


def _marked(image: Image.Image) -> tuple[float, int]:
    """Share of pixels that differ from the commonest colour, and the count of marker-red ones."""
    pixels = list(image.convert("RGB").get_flattened_data())
    commonest = max(image.convert("RGB").getcolors(1 << 22))[1]
    other = sum(1 for p in pixels if p != commonest)
    red = sum(1 for r, g, b in pixels if r > 180 and g < 90 and b < 80)
    return other / len(pixels), red


@pytest.fixture(scope="module")
def sample_map():
    return gk.incident_map(gk.sample_incidents(), title="Print test")


def test_png_has_the_requested_size_and_is_not_blank(sample_map, tmp_path):
    path = gk.save_png(
        sample_map, tmp_path / "map.png", width=900, height=600, scale=2, network=False
    )
    image = Image.open(path)
    assert image.size == (1800, 1200)
    drawn, red = _marked(image)
    assert drawn > 0.2 and red > 500  # the base, lines, legend and the landmines' markers


def test_pdf_has_the_requested_size_and_is_not_blank(sample_map, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    path = gk.save_pdf(sample_map, tmp_path / "map.pdf", width=1000, height=700, network=False)
    document = pdfium.PdfDocument(str(path))
    assert len(document) == 1
    page = document[0]
    assert page.get_size() == pytest.approx((750, 525), abs=1)  # CSS px at 96 dpi, in points
    drawn, red = _marked(page.render(scale=1).to_pil())
    assert drawn > 0.2 and red > 200
    text = page.get_textpage().get_text_range()
    for needle in (
        "Print test",
        "2020-11-23 – 2024-05-28",
        "How sure the location is",
        "approximate",
        "GeoNames",
        "OpenStreetMap",
    ):
        assert needle in text
    for control in ("Time filter", "Base map (offline data)"):  # no interactive controls
        assert control not in text
    document.close()


def test_cli_writes_html_png_and_pdf(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app,
        [
            "map",
            "--tiles",
            "none",
            "-o",
            "m.html",
            "--png",
            "m.png",
            "--pdf",
            "m.pdf",
            "--size",
            "800x500",
        ],
    )
    assert result.exit_code == 0, result.output
    assert Image.open(tmp_path / "m.png").size == (800, 500)
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "m.html").stat().st_size > 100_000


def test_bad_size_or_missing_browser_leave_old_files_alone(sample_map, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = CliRunner().invoke(app, ["map", "--png", "m.png", "--size", "big"])
    assert bad.exit_code == 2 and "WIDTHxHEIGHT" in bad.output
    assert list(tmp_path.iterdir()) == []
    old = tmp_path / "old.png"
    old.write_bytes(b"old")
    monkeypatch.setenv("GEOKARABAKH_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(gk.GeokarabakhError, match="no Chromium at"):
        gk.save_png(sample_map, old)
    with pytest.raises(gk.InvalidInput, match="scale"):
        gk.save_png(sample_map, old, scale=10)
    assert old.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["old.png"]
