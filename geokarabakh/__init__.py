"""geokarabakh: map incidents in and around Nagorno-Karabakh, offline.

>>> import geokarabakh as gk
>>> gk.Gazetteer.default().resolve("Şuşa").name
'Shusha'
"""

from importlib.metadata import PackageNotFoundError, version

from geokarabakh.analysis import analyse_incidents
from geokarabakh.errors import GeokarabakhError, InvalidInput, PlaceNotFound
from geokarabakh.export import write_incidents
from geokarabakh.extract import extract_from_files, extract_incidents
from geokarabakh.gazetteer import Gazetteer, Place
from geokarabakh.geocoder import OfflineGeocoder, nominatim_fallback
from geokarabakh.incidents import new_incidents, read_incidents, sample_incidents
from geokarabakh.layers import layers_at, load_layers
from geokarabakh.render import incident_map
from geokarabakh.snapshot import save_pdf, save_png

try:
    __version__ = version("geokarabakh")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.0.0"

__all__ = [
    "Gazetteer",
    "GeokarabakhError",
    "InvalidInput",
    "OfflineGeocoder",
    "Place",
    "PlaceNotFound",
    "__version__",
    "analyse_incidents",
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
