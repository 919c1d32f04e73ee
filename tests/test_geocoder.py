"""The geopy-compatible offline geocoder and the opt-in online fallback (never called for real)."""

import json

import pytest
from geopy.location import Location
from geopy.point import Point

import geokarabakh as gk
from geokarabakh.geocoder import FallbackGeocoder, OfflineGeocoder


def test_geocode_returns_a_geopy_location():
    location = OfflineGeocoder().geocode("Şuşa")
    assert isinstance(location, Location)
    assert location.raw["name"] == "Shusha" and location.raw["kind"] == "settlement"
    assert abs(location.latitude - 39.76) < 0.01 and abs(location.longitude - 46.75) < 0.01


def test_geocode_unknown_is_none_like_geopy():
    assert OfflineGeocoder().geocode("xyzzy") is None


def test_geocode_many():
    locations = OfflineGeocoder().geocode("Martuni", exactly_one=False)
    assert len(locations) >= 2 and all(isinstance(loc, Location) for loc in locations)


@pytest.mark.parametrize("query", ["39.76, 46.75", (39.76, 46.75), Point(39.76, 46.75)])
def test_reverse_accepts_geopy_query_forms(query):
    assert OfflineGeocoder().reverse(query).raw["name"] == "Shusha"


class FakeOnline:
    """Stands in for Nominatim: records calls, answers one name."""

    def __init__(self):
        self.calls = []

    def __call__(self, query, exactly_one=True, **kwargs):
        self.calls.append(query)
        if query == "Somewhere Far":
            return Location("Somewhere Far, Elsewhere", Point(10.0, 20.0), {})
        return None


def test_fallback_asks_online_only_for_misses_and_caches(tmp_path):
    online = FakeOnline()
    cache = tmp_path / "cache.json"
    chain = FallbackGeocoder(OfflineGeocoder(), online, cache_path=cache)
    assert chain.geocode("Tartar").raw["name"] == "Tartar"
    assert online.calls == []
    assert chain.geocode("Somewhere Far").latitude == 10.0
    assert chain.geocode("somewhere far ").latitude == 10.0
    assert chain.geocode("Nowhere Known") is None
    assert online.calls == ["Somewhere Far", "Nowhere Known"]
    assert json.loads(cache.read_text())["somewhere far"][1:] == [10.0, 20.0]
    again = FallbackGeocoder(OfflineGeocoder(), FakeOnline(), cache_path=cache)
    assert again.geocode("Somewhere Far").longitude == 20.0 and again.online.calls == []


def test_nominatim_fallback_demands_a_real_user_agent():
    with pytest.raises(gk.InvalidInput):
        gk.nominatim_fallback("geopy")


def test_nominatim_fallback_is_rate_limited_to_one_request_a_second():
    chain = gk.nominatim_fallback("geokarabakh-tests/0 (tests@example.org)")
    assert chain.online.min_delay_seconds == 1.0
