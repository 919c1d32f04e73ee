"""Find the bundled data (``gazetteer/``) from a wheel or a source checkout."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def data_dir() -> Traversable:
    """The ``gazetteer/`` data folder, shipped as package ``geokarabakh.gazetteer_data``."""
    try:
        root = resources.files("geokarabakh.gazetteer_data")
        if root.joinpath("geonames_places.csv").is_file():
            return root
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "gazetteer"
