"""geokarabakh: map incidents in and around Nagorno-Karabakh, offline.

>>> import geokarabakh as gk
>>> gk.Gazetteer.default().resolve("Şuşa").name
'Shusha'

The public names are imported on first use, so ``import geokarabakh.errors`` or
``geokarabakh resolve`` does not pay for folium and geopandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# public name -> the module that defines it
_HOMES = {
    "analyse_incidents": "analysis",
    "extract_corpus": "corpus",
    "GeokarabakhError": "errors",
    "InvalidInput": "errors",
    "PlaceNotFound": "errors",
    "write_incidents": "export",
    "extract_from_files": "extract",
    "extract_incidents": "extract",
    "Gazetteer": "gazetteer",
    "Place": "gazetteer",
    "OfflineGeocoder": "geocoder",
    "nominatim_fallback": "geocoder",
    "new_incidents": "incidents",
    "read_incidents": "incidents",
    "sample_incidents": "incidents",
    "layers_at": "layers",
    "load_layers": "layers",
    "incident_map": "render",
    "save_png": "snapshot",
    "save_pdf": "snapshot",
}
__all__ = [
    "Gazetteer",
    "GeokarabakhError",
    "InvalidInput",
    "OfflineGeocoder",
    "Place",
    "PlaceNotFound",
    "__version__",
    "analyse_incidents",
    "extract_corpus",
    "extract_from_files",
    "extract_incidents",
    "incident_map",
    "layers_at",
    "load_layers",
    "new_incidents",
    "nominatim_fallback",
    "read_incidents",
    "sample_incidents",
    "save_pdf",
    "save_png",
    "write_incidents",
]

if TYPE_CHECKING:  # for type checkers and IDEs; at run time __getattr__ imports on demand
    from geokarabakh.analysis import analyse_incidents
    from geokarabakh.corpus import extract_corpus
    from geokarabakh.errors import GeokarabakhError, InvalidInput, PlaceNotFound
    from geokarabakh.export import write_incidents
    from geokarabakh.extract import extract_from_files, extract_incidents
    from geokarabakh.gazetteer import Gazetteer, Place
    from geokarabakh.geocoder import OfflineGeocoder, nominatim_fallback
    from geokarabakh.incidents import new_incidents, read_incidents, sample_incidents
    from geokarabakh.layers import layers_at, load_layers
    from geokarabakh.render import incident_map
    from geokarabakh.snapshot import save_pdf, save_png


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is used."""
    if name == "__version__":  # read from the installed metadata on first use (30 ms)
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("geokarabakh")
        except PackageNotFoundError:  # a source checkout that was never installed
            return "0.0.0"
    if name not in _HOMES:
        raise AttributeError(f"module 'geokarabakh' has no attribute {name!r}")
    value = getattr(import_module(f"geokarabakh.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
