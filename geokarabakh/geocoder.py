"""geopy-compatible geocoders: the offline gazetteer, and an opt-in online fallback.

Code written for geopy works offline by swapping the geocoder::

    geocoder = OfflineGeocoder()
    location = geocoder.geocode("Şuşa")          # geopy.location.Location
    location.latitude, location.longitude, location.raw["kind"]

:func:`nominatim_fallback` chains the gazetteer with OpenStreetMap's Nominatim
for names the gazetteer lacks: one request a second at most (geopy's
``RateLimiter``), a user agent you name, answers cached (on disk if asked).
Nothing here reaches the network unless you build that chain yourself.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geopy.location import Location
from geopy.point import Point

from geokarabakh.errors import InvalidInput, PlaceNotFound
from geokarabakh.gazetteer import Gazetteer, Place


def _location(place: Place) -> Location:
    address = ", ".join(part for part in (place.name, place.district, place.country) if part)
    return Location(address, Point(place.lat, place.lon), place.to_dict())


class OfflineGeocoder:
    """The bundled gazetteer behind geopy's ``geocode`` / ``reverse`` interface."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()

    def geocode(
        self, query: str, *, exactly_one: bool = True, limit: int = 10, **_ignored: object
    ) -> Location | list[Location] | None:
        """Like geopy: the best :class:`~geopy.location.Location`, a list, or ``None``."""
        try:
            if exactly_one:
                return _location(self.gazetteer.resolve(query))
            return [_location(p) for p in self.gazetteer.search(query, limit=limit)] or None
        except PlaceNotFound:
            return None

    def reverse(
        self,
        query: str | tuple[float, float] | Point,
        *,
        exactly_one: bool = True,
        **_ignored: object,
    ) -> Location | list[Location] | None:
        """Nearest settlement to ``"lat, lon"``, a ``(lat, lon)`` tuple or a geopy ``Point``."""
        point = Point(query)
        location = _location(self.gazetteer.reverse(point.latitude, point.longitude))
        return location if exactly_one else [location]


GeocodeFunction = Callable[..., "Location | None"]


class FallbackGeocoder:
    """Offline first; an online geocoder only for what the gazetteer lacks, cached."""

    def __init__(
        self,
        offline: OfflineGeocoder,
        online: GeocodeFunction,
        *,
        cache_path: str | os.PathLike[str] | None = None,
    ) -> None:
        self.offline = offline
        self.online = online
        self.cache_path = Path(cache_path) if cache_path else None
        self.cache: dict[str, list | None] = {}
        if self.cache_path and self.cache_path.exists():
            self.cache = json.loads(self.cache_path.read_text(encoding="utf-8"))

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: object) -> Location | None:
        """The gazetteer's answer, else the (cached) online geocoder's."""
        found = self.offline.geocode(query, exactly_one=True)
        if found is not None:
            return found
        key = query.strip().casefold()
        if key not in self.cache:
            answer = self.online(query, exactly_one=True, **kwargs)
            self.cache[key] = (
                None if answer is None else [answer.address, answer.latitude, answer.longitude]
            )
            self._save()
        cached = self.cache[key]
        if cached is None:
            return None
        address, lat, lon = cached
        return Location(address, Point(lat, lon), {"source": "online geocoder (cached)"})

    def reverse(self, query: str | tuple[float, float] | Point, **kwargs: Any) -> Location | None:
        """Reverse lookups never need the network: the gazetteer answers."""
        return self.offline.reverse(query, **kwargs)

    def _save(self) -> None:
        if not self.cache_path:
            return
        from geokarabakh.export import write_atomic  # the one atomic writer (loads geopandas)

        text = json.dumps(self.cache, ensure_ascii=False)
        write_atomic(self.cache_path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def nominatim_fallback(
    user_agent: str,
    *,
    cache_path: str | os.PathLike[str] | None = None,
    gazetteer: Gazetteer | None = None,
) -> FallbackGeocoder:
    """Gazetteer first, then OpenStreetMap Nominatim at one request a second, cached.

    ``user_agent`` must identify your application and a contact, as Nominatim's
    usage policy asks (e.g. ``"mine-survey/1.0 (you@example.org)"``).
    """
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    if (
        not user_agent
        or not user_agent.strip()
        or user_agent.strip().lower() in {"geopy", "geokarabakh"}
    ):
        raise InvalidInput(
            "Nominatim needs a user agent naming your application and a contact", field="user_agent"
        )
    online = RateLimiter(Nominatim(user_agent=user_agent).geocode, min_delay_seconds=1.0)
    return FallbackGeocoder(OfflineGeocoder(gazetteer), online, cache_path=cache_path)
