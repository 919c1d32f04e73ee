"""Build the dated reference layers in ``gazetteer/layers/*.geojson``.

Run from the repository root (needs network access to the npm registry only):

    python gazetteer/build/build_layers.py            # fetches world-atlas with `npm pack`
    python gazetteer/build/build_layers.py --world-atlas /path/to/world-atlas-2.0.2.tgz

Inputs
------
* ``vertices.csv`` beside this script: every settlement or feature a line is drawn
  through, with its coordinates and the page (or GeoNames id, CC BY 4.0) they were
  taken from, and which side held it. No coordinate here is invented.
* ``control_changes.csv`` beside this script: the dated control of settlements (a row per
  change: date, side, precision, source), from which the area held by Armenian forces is drawn
  for every period between two changes (``control_area.geojson``) and the 2020 peacekeeping
  area is the area held from 1 Dec 2020.
* Natural Earth 1:10m admin-0 countries (public domain), as shipped in the npm
  package ``world-atlas`` 2.0.2 (TopoJSON ``countries-10m.json``; package licence
  ISC, (c) Mike Bostock). Used for country outlines, the Armenia-Azerbaijan border
  and to close the 1994-2020 line into areas held.
* The NKAO outline (1923-1991): its area of 4,388 km2, dates and raions from
  ``NKAO_FACTS`` below; each vertex's side of the outline is the ``nkao_1923_1991``
  column of ``vertices.csv`` and the build fails if the polygon disagrees with it.

Method
------
Lines are straight segments between vertices; a vertex is a cited point, the
midpoint of two settlements known to have been on opposite sides, or a point
derived from a cited fact (stated in ``LINE_1994`` etc. below). Distances and
buffers are computed in UTM zone 38N (EPSG:32638). The runtime reads only the
GeoJSON written here.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import shapely
import shapely.ops
from pyproj import Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping
from shapely.ops import split

HERE = Path(__file__).resolve().parent.parent / "layers"  # what it reads and writes
WORLD_ATLAS = "world-atlas@2.0.2"
NATURAL_EARTH = (
    "Natural Earth 1:10m admin-0 countries (public domain) via npm world-atlas 2.0.2 "
    "(countries-10m.json, ISC licence)"
)
BBOX = (43.4, 38.3, 50.9, 42.0)  # west, south, east, north
CORRIDOR_HALF_WIDTH_M = 2500.0
COUNTRIES = {
    "031": "Azerbaijan",
    "051": "Armenia",
    "268": "Georgia",
    "364": "Iran",
    "792": "Turkey",
    "643": "Russia",
}
STATEMENT_2020 = (
    "Statement by the President of Azerbaijan, the Prime Minister of Armenia and the President of "
    "Russia, 10 Nov 2020 (points 1, 3, 6)"
)

TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)
TO_LONLAT = Transformer.from_crs("EPSG:32638", "EPSG:4326", always_xy=True)

# Vertex specs: ("pt", key) a cited point; ("mid", a, b) midpoint of two settlements held
# by opposite sides; ("toward", a, b, km) the point km from a toward b; the border ends
# are derived in build().
LINE_1994 = [
    ("pt", "omar_pass"),
    ("pt", "murovdag"),
    ("mid", "ashaghi_aghjakand", "talish"),
    ("pt", "tap_qaraqoyunlu"),
    ("mid", "goyarkh", "chayli"),
    ("mid", "chilaburt", "tartar"),
    ("pt", "seysulan"),
    ("mid", "shuraabad", "guzanli"),
    ("mid", "garadaghli", "guzanli"),
    ("pt", "yusifjanli"),
    ("toward", "alkhanli", "yukhari_seyidahmadli", 2.75),
    ("mid", "kurdlar", "horadiz"),
    ("mid", "mehdili", "jojug_marjanli"),
]
# The NKAO outline, clockwise from the north: midpoints of a settlement the sources place in
# one of its five raions and a neighbour placed in a raion outside it.
NKAO_1923 = [
    ("mid", "talish", "tap_qaraqoyunlu"),
    ("mid", "shikharkh", "tartar"),
    ("mid", "martakert", "qizil_kangarli"),
    ("mid", "sirkhavend", "aliaghali"),
    ("mid", "askeran", "aliaghali"),
    ("mid", "askeran", "aghdam"),
    ("mid", "khojavend", "marzili"),
    ("mid", "khojavend", "avshar"),
    ("mid", "khojavend", "yukhari_veysalli"),
    ("mid", "dudukchu", "fuzuli"),
    ("mid", "hadrut", "kurdlar"),
    ("mid", "hadrut", "jabrayil"),
    ("mid", "khandzadzor", "gulabird"),
    ("mid", "hin_shen", "zabukh"),
    ("mid", "mets_shen", "lachin"),
    ("mid", "turshsu", "aghjakend_lachin"),
    ("mid", "vank", "ashaghi_aghjakand_kalbajar"),
    ("mid", "charektar", "dadivank"),
    ("mid", "madagiz", "ashaghi_aghjakand"),
]
NKAO_AREA_KM2 = 4388.0
NKAO_FACTS = (
    "Nagorno-Karabakh Autonomous Oblast: established 7 Jul 1923, area 4,388 km2, five raions "
    "(Mardakert, Askeran, Shusha, Martuni, Hadrut) "
    "(https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Nagorno-"
    "Karabakh_Autonomous_Oblast); abolished by the Law on Abolishment of the NKAO, resolution No. "
    "279-XII of the Azerbaijani parliament, 26 Nov 1991 "
    "(https://gateway.ipfs.io/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/wiki/"
    "Law_on_Abolishment_of_Nagorno-Karabakh_Autonomous_Oblast.html)"
)
# Lambert azimuthal equal-area centred on the region, for areas.
EQUAL_AREA = Transformer.from_crs(
    "EPSG:4326", "+proj=laea +lat_0=39.8 +lon_0=46.8 +ellps=WGS84", always_xy=True
)
ROAD_ORIGINAL = ["khankendi", "karkijahan", "turshsu", "lachin", "sus", "zabukh", "kornidzor"]


def load_vertices(path: Path = HERE / "vertices.csv") -> dict[str, dict]:
    """Cited vertices by key, coordinates as floats; a bad row names itself."""
    rows = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                row["lat"], row["lon"] = float(row["lat"]), float(row["lon"])
            except ValueError:
                raise SystemExit(
                    f"{path}:{line}: lat/lon not numbers: {row['lat']!r}, {row['lon']!r}"
                ) from None
            if not row["source"].strip():
                raise SystemExit(f"{path}:{line}: vertex {row['key']!r} has no source")
            rows[row["key"]] = row
    return rows


CEASEFIRE_1994 = "1994-05-12"
SNAP_M = 2000.0
CEASEFIRE_2023 = "2023-09-20"
ROAD_SWITCH_2023 = "2023-03-30"  # the Aghavno-Tegh section closed in the night of 29-30 Mar 2023
APRIL_2016 = "2016-04-02"  # the Azerbaijani defence ministry announced the capture of Lalatapa
DISARMING = (
    ". From the ceasefire of 20 Sep 2023 the Armenian forces were disarming; the other "
    "settlements passed to Azerbaijani control on days of Sep 2023 that the project's sources do "
    "not give, so they stay in this area until the end of that month"
)
SIDES = {"arm": "Armenian forces", "az": "Azerbaijani forces", "corridor": "the Lachin corridor"}
# Military positions (hills), not settlements: keys of control_changes.csv whose loss takes only the
# ground from the position to the nearest point of the 1994 line, this many metres either side, not
# a
# Voronoi cell. Lalatapa: the Armenian account of April 2016 gives the lost positions as 1.5-2 km
# along
# the front and 0.5-1 km deep (https://radar.am/en/news/politics-2624027485/).
POSITIONS_M = {"lalatapa": 1000.0}


def load_control(path: Path = HERE / "control_changes.csv") -> dict[str, dict]:
    """Dated control per settlement, by key:
    ``{"name", "point", "changes": [(date, side, precision)]}``.

    Each settlement's first row is 1994-05-12 held by Armenian forces; every row cites a source.
    A bad row names its line and field."""
    places: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path}:{line}"
            try:
                point = Point(float(row["lon"]), float(row["lat"]))
            except ValueError:
                raise SystemExit(
                    f"{where}: lat/lon: not numbers ({row['lat']!r}, {row['lon']!r})"
                ) from None
            for field, ok, why in (
                ("source", row["source"].strip(), "no source"),
                ("held_by", row["held_by"] in SIDES, f"not one of {', '.join(SIDES)}"),
                ("date", re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]), "not an ISO date"),
            ):
                if not ok:
                    raise SystemExit(f"{where}: {field}: {why} ({row[field]!r})")
            place = places.setdefault(
                row["key"], {"name": row["name"], "point": point, "changes": []}
            )
            if not place["changes"] and (row["date"], row["held_by"]) != (CEASEFIRE_1994, "arm"):
                raise SystemExit(
                    f"{where}: date: a settlement's first row must be 1994-05-12, held_by arm"
                )
            if place["changes"] and row["date"] <= place["changes"][-1][0]:
                raise SystemExit(
                    f"{where}: date: not after the settlement's previous row ({row['date']!r})"
                )
            place["changes"].append((row["date"], row["held_by"], row["precision"]))
    return places


def control_steps(
    places: dict[str, dict], held_1994, line_1994
) -> list[tuple[shapely.Geometry, dict]]:
    """The area held by Armenian forces, one polygon per period between two dated changes.

    Seeds are the settlements whose changes are dated to the day (or, in Sep 2023, to the end of
    the month, when every remaining settlement passed to Azerbaijani control); each takes its
    Voronoi cell (UTM 38N) within the 1994 held area, so the line between two settlements held by
    different sides runs midway between them, as the hand-drawn lines do. The area of a
    period is the union of the cells of the settlements held by Armenian forces that day, less the
    ground of the positions (``POSITIONS_M``) held by Azerbaijani forces that day.
    """
    patches = {}
    for key, metres in POSITIONS_M.items():
        hill = utm(places[key]["point"])
        if not held_1994.contains(hill):
            raise SystemExit(f"control_changes.csv: position {key!r} lies outside the 1994 area")
        ground = LineString([hill, shapely.ops.nearest_points(line_1994, hill)[0]]).buffer(metres)
        patches[key] = shapely.intersection(ground, held_1994)
    seeds = {
        key: place
        for key, place in places.items()
        if key not in patches
        and not any(precision.startswith("month") for _, _, precision in place["changes"])
    }
    points = [utm(place["point"]) for place in seeds.values()]
    # Natural Earth's generalised Araz leaves a few riverside villages up to 2 km inside Iran, and a
    # vertex on the line lies on its edge: those seeds move to the nearest point of the area.
    points = [
        point
        if held_1994.contains(point) or held_1994.distance(point) > SNAP_M
        else shapely.ops.nearest_points(held_1994.buffer(-1), point)[0]
        for point in points
    ]
    outside = [
        key for key, point in zip(seeds, points, strict=False) if not held_1994.contains(point)
    ]
    if outside:
        raise SystemExit(
            f"control_changes.csv: held on 12 May 1994 but outside the 1994 area: {outside}"
        )
    cells = shapely.voronoi_polygons(
        shapely.MultiPoint(points), extend_to=held_1994, ordered=True
    ).geoms
    cells = [shapely.intersection(cell, held_1994) for cell in cells]
    dates = sorted({date for key in [*seeds, *patches] for date, _, _ in places[key]["changes"]})
    skipped = len(places) - len(seeds) - len(patches)
    steps = []
    for start, end in zip(dates, dates[1:] + [None], strict=False):
        sides = {
            key: [side for date, side, _ in place["changes"] if date <= start][-1]
            for key, place in seeds.items()
        }
        held = [cell for cell, side in zip(cells, sides.values(), strict=False) if side == "arm"]
        if not held:
            break
        lost = [
            patch
            for key, patch in patches.items()
            if [side for date, side, _ in places[key]["changes"] if date <= start][-1] != "arm"
        ]
        changed = [
            f"{places[key]['name']} to {SIDES[side]}"
            for key in [*seeds, *patches]
            for date, side, _ in places[key]["changes"]
            if date == start and date != CEASEFIRE_1994
        ]
        steps.append(
            (
                shapely.difference(shapely.union_all(held), shapely.union_all(lost)),
                {
                    "name": "Area held by Armenian forces (approximate)",
                    "valid_from": start,
                    "valid_to": end,
                    "source": "gazetteer/layers/control_changes.csv: dated control of "
                    f"{len(seeds)} settlements, each row citing its page (GeoNames CC BY 4.0, "
                    f"encyclopedia pages, the statement of 10 Nov 2020); {STATEMENT_2020}; within "
                    f"the 1994 held area ({NATURAL_EARTH})",
                    "accuracy": "Approximate, a few km, more where settlements are sparse: the "
                    "union of the Voronoi cells (UTM 38N) of the "
                    f"{sum(s == 'arm' for s in sides.values())} settlements held by Armenian "
                    f"forces on {start} among the {len(seeds)} whose changes are dated to the day "
                    "(those the sources place only in Sep 2023 change on 1 Oct 2023, after that "
                    f"month), clipped to the 1994 held area; {skipped} settlements known only to "
                    "the month are not used. Dates are those the sources give for each settlement "
                    "(announced or reported). From 2 Apr 2016 the Lalatapa hill and the ground "
                    "between it and the 1994 line, 1 km either side, are Azerbaijani-held; the "
                    "heights around Talish, also lost in April 2016, are not drawn (no coordinate "
                    "for them in the sources). Settlements in the Lachin corridor count as "
                    "outside from 1 Dec 2020.",
                    "derivation": (
                        (f"changes on {start}: " + "; ".join(changed))
                        if changed
                        else "the Bishkek Protocol ceasefire of 12 May 1994: every settlement held"
                    )
                    + (DISARMING if start == CEASEFIRE_2023 else ""),
                },
            )
        )
    if steps[-1][1]["valid_to"] is None:
        raise SystemExit("control_changes.csv: the area is still held after the last change")
    return steps


def utm(geom):
    """Geometry from lon/lat to UTM 38N metres."""
    return shapely.transform(geom, lambda xy: np.column_stack(TO_UTM.transform(xy[:, 0], xy[:, 1])))


def lonlat(geom):
    """Geometry from UTM 38N metres back to lon/lat."""
    return shapely.transform(
        geom, lambda xy: np.column_stack(TO_LONLAT.transform(xy[:, 0], xy[:, 1]))
    )


def vertex(spec: tuple, vertices: dict[str, dict]) -> tuple[Point, str]:
    """A vertex in UTM and a sentence saying where it comes from."""

    def at(key: str) -> Point:
        return utm(Point(vertices[key]["lon"], vertices[key]["lat"]))

    kind, *args = spec
    if kind == "pt":
        return at(args[0]), f"{vertices[args[0]]['name']} (cited point on the line)"
    a, b = at(args[0]), at(args[1])
    if kind == "mid":
        return (
            Point((a.x + b.x) / 2, (a.y + b.y) / 2),
            f"midpoint of {vertices[args[0]]['name']} and {vertices[args[1]]['name']}",
        )
    if kind == "toward":
        point = LineString([a, b]).interpolate(args[2] * 1000)
        return (
            point,
            f"{args[2]} km from {vertices[args[0]]['name']} toward {vertices[args[1]]['name']}",
        )
    raise ValueError(f"unknown vertex kind {kind!r}")


# -- Natural Earth (TopoJSON) -------------------------------------------------------------


def fetch_world_atlas(tarball: Path | None) -> dict:
    """countries-10m.json from the world-atlas tarball (``npm pack`` it when not given)."""
    with tempfile.TemporaryDirectory() as tmp:
        if tarball is None:
            subprocess.run(
                ["npm", "pack", WORLD_ATLAS, "--silent"],
                cwd=tmp,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            tarball = next(Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as archive:
            return json.load(archive.extractfile("package/countries-10m.json"))


def topojson_countries(topology: dict) -> dict[str, shapely.Geometry]:
    """Decode the wanted countries from a quantized TopoJSON topology."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = [
        np.cumsum(np.asarray(arc, dtype=float), axis=0) * scale + translate
        for arc in topology["arcs"]
    ]

    def ring(indices: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        return np.concatenate([parts[0]] + [p[1:] for p in parts[1:]])

    def polygon(rings: list[list[int]]) -> Polygon:
        return Polygon(ring(rings[0]), [ring(r) for r in rings[1:]])

    out = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") not in COUNTRIES:
            continue
        if geometry["type"] == "Polygon":
            shape = polygon(geometry["arcs"])
        else:
            shape = MultiPolygon([polygon(p) for p in geometry["arcs"]])
        out[COUNTRIES[geometry["id"]]] = shapely.make_valid(shape)
    return out


# -- layers ------------------------------------------------------------------------------


def feature(geom, **properties) -> dict:
    """A GeoJSON feature, polygons wound counter-clockwise (RFC 7946), 5 decimals (~1 m)."""
    geom = shapely.orient_polygons(shapely.set_precision(geom, 1e-5))
    return {"type": "Feature", "properties": properties, "geometry": mapping(geom)}


def extend(line: LineString, metres: float) -> LineString:
    """The line lengthened at both ends along its end segments (so it cuts a border cleanly)."""
    xy = np.asarray(line.coords)
    for end, prev in ((0, 1), (-1, -2)):
        direction = xy[end] - xy[prev]
        xy[end] = xy[end] + direction / np.hypot(*direction) * metres
    return LineString(xy)


def build(tarball: Path | None) -> dict[str, list[dict]]:
    """Every layer file name -> its features."""
    vertices = load_vertices()
    countries = topojson_countries(fetch_world_atlas(tarball))
    az, am, iran = (utm(countries[n]) for n in ("Azerbaijan", "Armenia", "Iran"))
    border = shapely.line_merge(shapely.intersection(az.boundary, am.boundary))
    araz = shapely.line_merge(shapely.intersection(az.boundary, iran.boundary))
    khankendi = vertex(("pt", "khankendi"), vertices)[0]
    described = [vertex(spec, vertices) for spec in LINE_1994]
    start = shapely.ops.nearest_points(border, described[0][0])[0]
    # The line met the Araz between Mehdili (Armenian-held until Oct 2020) and Jojug Marjanli
    # (Azerbaijani-held from Jan 1994), 2 km apart.
    end = shapely.ops.nearest_points(araz, described[-1][0])[0]
    loc = LineString([start] + [p for p, _ in described] + [end])
    loc_km = loc.length / 1000
    mainland = max(az.geoms, key=lambda g: g.area) if az.geom_type == "MultiPolygon" else az
    held = [g for g in split(mainland, extend(loc, 3000)).geoms if g.contains(khankendi)]
    if len(held) != 1:
        raise SystemExit("the 1994 line does not split Azerbaijan into two sides")
    vertex_note = "; ".join(text for _, text in described)

    steps = control_steps(load_control(), held[0], loc)
    # From the April 2016 changes the line is the edge of the area held then, away from the borders.
    april_2016, properties_2016 = steps[1]
    loc_2016 = shapely.line_merge(
        shapely.difference(april_2016.boundary, mainland.boundary.buffer(10))
    )
    if properties_2016["valid_from"] != APRIL_2016 or loc_2016.geom_type != "LineString":
        raise SystemExit(
            f"the second control_area period should start on {APRIL_2016} and leave one line"
        )
    source_1994 = (
        "Bishkek Protocol ceasefire of 12 May 1994; vertices: gazetteer/layers/vertices.csv "
        f"(encyclopedia pages, GeoNames CC BY 4.0); ends on {NATURAL_EARTH}"
    )
    accuracy_1994 = (
        f"Approximate, a few km: {loc_km:.0f} km of straight segments from the Armenian border "
        "(point nearest Omar Pass) to the Araz (point nearest the midpoint of Mehdili and Jojug "
        f"Marjanli) through: {vertex_note}. Not a surveyed line. Its course until the April 2016 "
        "changes; the feature from 2 Apr 2016 follows them."
    )
    layers: dict[str, list[dict]] = {}
    layers["line_of_contact_1994.geojson"] = [
        feature(
            lonlat(loc),
            name="Line of contact 1994-2020 (approximate)",
            kind="line_of_contact",
            valid_from=CEASEFIRE_1994,
            valid_to=APRIL_2016,
            source=source_1994,
            accuracy=accuracy_1994,
        ),
        feature(
            lonlat(loc_2016),
            name="Line of contact 1994-2020, from April 2016 (approximate)",
            kind="line_of_contact",
            valid_from=APRIL_2016,
            valid_to="2020-11-10",
            source=source_1994 + "; the April 2016 changes in gazetteer/layers/control_changes.csv",
            accuracy=f"Approximate, a few km: {loc_2016.length / 1000:.0f} km, the 1994 line (the "
            "feature valid until 2 Apr 2016 lists its vertices) except round the Lalatapa hill "
            "and the ground between the hill and the 1994 line, 1 km either side (taken by "
            "Azerbaijani forces, announced 2 Apr 2016, held at the ceasefire of 5 Apr). The "
            "heights around Talish, also lost then, are not drawn: no coordinate for them in the "
            "sources. Not a surveyed line.",
        ),
    ]
    layers["control_area.geojson"] = [
        feature(lonlat(area), kind="control_area", **properties) for area, properties in steps
    ]
    # After the handovers (1 Dec 2020) the area held by Armenian forces is the area the
    # peacekeepers surrounded; the Lachin corridor is a layer of its own.
    after = next(area for area, p in steps if p["valid_from"] <= "2020-12-01" < p["valid_to"])
    ring = after.boundary
    zone_area = equal_area_km2(lonlat(after))
    zone_note = (
        f"{zone_area:,.0f} km2 as drawn. The area held by Armenian forces from 1 Dec 2020 "
        "(control_area.geojson: the Voronoi cells of the settlements control_changes.csv places "
        "on that side that day, within the 1994 held area), so it never reaches beyond the 1994 "
        "line; Shusha, Karin Tak/Dashalty and Sighnag (taken 8-9 Nov 2020) and Hadrut lie outside."
    )
    layers["ceasefire_line_2020.geojson"] = [
        feature(
            lonlat(ring),
            name="Line of contact 2020-2023 (approximate)",
            kind="ceasefire_line",
            valid_from="2020-11-10",
            valid_to="2023-09-20",
            source=STATEMENT_2020 + "; control_changes.csv",
            accuracy="Approximate, 3-10 km: the boundary of the area left to Armenian forces once "
            "Aghdam (20 Nov), Kalbajar (25 Nov) and Lachin (1 Dec 2020) districts were handed "
            "over (before those dates the forces stood further out: see the control_area layer). "
            + zone_note,
        )
    ]
    layers["peacekeeping_zone_2020.geojson"] = [
        feature(
            lonlat(after),
            name="Russian peacekeeping area 2020-2024 (approximate)",
            kind="peacekeeping_zone",
            valid_from="2020-11-10",
            valid_to="2024-06-12",
            source=STATEMENT_2020 + "; withdrawal completed 12 Jun 2024 (Azerbaijani MoD, "
            "https://kyivindependent.com/russian-peacekeepers-leave-karabakh); control_changes.csv",
            accuracy="Approximate, 3-10 km: "
            + zone_note
            + " The Lachin corridor is a separate layer. From the "
            "offensive of 19-20 Sep 2023 it no longer separated any forces.",
        )
    ]

    roads = _corridors(vertices, az, am, border, khankendi)
    layers.update(roads)
    layers["nkao_outline_1923.geojson"] = [_nkao(vertices)]
    layers["border_am_az.geojson"] = [
        feature(
            lonlat(border),
            name="Armenia-Azerbaijan international border",
            kind="border",
            valid_from=None,
            valid_to=None,
            source=NATURAL_EARTH,
            accuracy="Natural Earth 1:10m generalisation (a few hundred metres); not demarcated "
            "on the ground for most of its length.",
        )
    ]
    window = shapely.box(*BBOX)
    layers["countries.geojson"] = [
        feature(
            shapely.intersection(geom, window),
            name=name,
            kind="country",
            valid_from=None,
            valid_to=None,
            source=NATURAL_EARTH,
            accuracy=f"Natural Earth 1:10m, clipped to the region {BBOX}; de jure outlines: "
            "Nagorno-Karabakh is shown within Azerbaijan.",
        )
        for name, geom in sorted(countries.items())
    ]
    return layers


def equal_area_km2(geom_lonlat) -> float:
    """Area in km2 of a lon/lat geometry, in a Lambert azimuthal equal-area projection."""
    projected = shapely.transform(
        geom_lonlat, lambda xy: np.column_stack(EQUAL_AREA.transform(xy[:, 0], xy[:, 1]))
    )
    return projected.area / 1e6


def _nkao(vertices: dict) -> dict:
    """The former NKAO's outline; fails unless it holds every vertex marked ``in`` and none marked
    ``out``, and its area is within 15% of the cited 4,388 km2."""
    described = [vertex(spec, vertices) for spec in NKAO_1923]
    outline = lonlat(Polygon([p for p, _ in described]))
    if not outline.is_valid:
        raise SystemExit(f"NKAO outline is invalid: {shapely.is_valid_reason(outline)}")
    for key, row in vertices.items():
        side = row.get("nkao_1923_1991", "")
        if side and outline.contains(Point(row["lon"], row["lat"])) != (side == "in"):
            raise SystemExit(
                f"vertices.csv: {key!r} is marked {side!r} the NKAO but the outline disagrees"
            )
    area = equal_area_km2(outline)
    if abs(area / NKAO_AREA_KM2 - 1) > 0.15:
        raise SystemExit(
            f"NKAO outline is {area:.0f} km2, not within 15% of {NKAO_AREA_KM2:.0f} km2"
        )
    return feature(
        outline,
        name="Former Nagorno-Karabakh Autonomous Oblast 1923-1991 (approximate outline)",
        kind="nkao_outline",
        valid_from="1923-07-07",
        valid_to="1991-11-26",
        source=NKAO_FACTS
        + "; vertices: gazetteer/layers/vertices.csv (encyclopedia pages placing each "
        "settlement in or outside the NKAO's raions; GeoNames CC BY 4.0)",
        accuracy=f"Approximate, 5-10 km (a context layer, shown for every date): {len(described)} "
        f"straight segments; {area:.0f} km2 in an equal-area projection against the cited "
        f"{NKAO_AREA_KM2:,.0f} km2. Shusha inside, Lachin and Kalbajar outside (the Lachin "
        "corridor joined it to Armenia); Shahumyan raion was not part of it. Drawn through: "
        + "; ".join(text for _, text in described)
        + ".",
    )


def _corridors(vertices: dict, az, am, border, khankendi) -> dict[str, list[dict]]:
    """The two corridor roads, their 5-km corridors, the blockade point and the checkpoint."""
    at = {key: vertex(("pt", key), vertices)[0] for key in vertices}
    # Natural Earth's generalised border leaves Kornidzor on the Azerbaijani side, so both
    # roads end at the border point nearest Kornidzor (where the Hakari bridge stands).
    crossing = shapely.ops.nearest_points(border, at["kornidzor"])[0]
    at["kornidzor"] = crossing
    old = LineString([at[k] for k in ROAD_ORIGINAL])
    approach = LineString([at["karkijahan"], at["turshsu"]])
    junction = approach.interpolate(approach.project(at["shusha"]))
    new = LineString(
        [
            at["khankendi"],
            at["karkijahan"],
            junction,
            at["mets_shen"],
            at["hin_shen"],
            at["kornidzor"],
        ]
    )
    # Until the night of 29-30 Mar 2023 a temporary link ran from the Hakari bridge to the old
    # Aghavno-Tegh
    # road; Azerbaijani forces closed it then and the Tegh-Kornidzor road took over
    # (ROAD_SWITCH_2023).
    old_road_crossing = shapely.ops.nearest_points(border, at["tegh"])[0]
    temporary = LineString(list(new.coords) + [old_road_crossing, at["tegh"]])
    # Zabukh passed to Azerbaijan on 26 Aug 2022 and the new road bypassed it: the corridor stops
    # midway between the village and the drawn road.
    zabukh = at["zabukh"].buffer(
        min(new.distance(at["zabukh"]), temporary.distance(at["zabukh"])) / 2
    )

    def corridor(road, without=None):
        strip = road.buffer(CORRIDOR_HALF_WIDTH_M, cap_style="flat", join_style="round")
        area = shapely.difference(shapely.intersection(strip, az), am)
        return area if without is None else shapely.difference(area, without)

    width = (
        "Corridor: the road buffered 2.5 km each side in UTM 38N (5 km wide per point 6 of the "
        "statement), clipped to Azerbaijan. "
    )
    statement = STATEMENT_2020 + "; vertices.csv"
    old_note = (
        "Approximate: straight segments Stepanakert/Khankendi - Karkijahan - Turshsu/Lisagor - "
        "Lachin - Sus - Zabukh - the border by Kornidzor; the real road winds, up to a few km "
        "off. "
    )
    new_note = (
        "Approximate: straight segments Stepanakert/Khankendi - Karkijahan - Shusha junction "
        "(point of the road nearest Shusha) - Mets Shen - Hin Shen - the Hakari bridge (border "
        "point nearest Kornidzor){}. Zabukh/Aghavno (Azerbaijani from 26 Aug 2022, bypassed by "
        "the road) is left out: the corridor stops midway between it and the drawn road. "
    )
    link = (
        " - the border point nearest Tegh, where the old Aghavno-Tegh road crossed, and on to "
        "Tegh (the temporary link, used until Azerbaijani forces closed the Aghavno-Tegh section "
        "in the night of 29-30 Mar 2023)"
    )
    via_kornidzor = (
        " and on to Kornidzor: the Tegh-Kornidzor road, a dirt road ready on 30 Mar 2023 when the "
        "Aghavno-Tegh section was closed; Armenia's National Security Service gave 1 Apr 2023 as "
        "the day the route would pass there, the day until which, Armenia's prime minister said, "
        "the old route was to operate. The pages date the closure to the night of 29-30 Mar, so "
        "the layer switches on 30 Mar (the review in issue 14 said about 1 Apr)"
    )
    shared = {"valid_from": "2020-11-10", "valid_to": "2022-08-26"}
    first = {"valid_from": "2022-08-30", "valid_to": ROAD_SWITCH_2023}
    moved = {"valid_from": ROAD_SWITCH_2023, "valid_to": "2024-06-12"}
    source_new = (
        statement + "; new route used from 30 Aug 2022 (Artsakh Security Council, "
        "https://massispost.com/2022/08/starting-august-30-artsakh-armenia-connection-to-be-"
        "carried-out-through-new-road-bypassing-lachin/); via Mets Shen and Hin Shen "
        "(https://armenianclub.com/2022/08/23/civilnet-three-days-left-till-armenia-hands-over-"
        "lachin-and-aghavno-to-azerbaijan/amp); the Aghavno-Tegh section closed in the night of "
        "29-30 Mar 2023 and the Tegh-Kornidzor road (JAMnews, 30 Mar 2023: "
        "https://jam-news.net/new-road-in-the-lachin-corrido/ and "
        "https://jam-news.net/entrance-to-old-lachin-corridor-closed/; Armenia's National "
        "Security Service, 30 Mar 2023: "
        "https://asbarez.com/azerbaijani-forces-block-goris-stepanakert-highway/)"
    )
    source_old = (
        statement + "; Lachin, Sus and Zabukh returned to Azerbaijan 26 Aug 2022 "
        "(https://wiki.outremer.quest/content/wikipedia_en_all_maxi_2023-10/A/Sus%2C_Azerbaijan)"
    )
    return {
        "lachin_corridor_2020.geojson": [
            feature(
                lonlat(old),
                name="Lachin corridor road, original route (approximate)",
                kind="corridor_road",
                source=source_old,
                accuracy=old_note,
                **shared,
            ),
            feature(
                lonlat(corridor(old)),
                name="Lachin corridor, original route (approximate)",
                kind="corridor",
                source=source_old,
                accuracy=width + old_note,
                **shared,
            ),
        ],
        "lachin_corridor_2022.geojson": [
            feature(
                lonlat(temporary),
                name="Lachin corridor road, new route with the temporary link to the Tegh road "
                "(approximate)",
                kind="corridor_road",
                source=source_new,
                accuracy=new_note.format(link),
                **first,
            ),
            feature(
                lonlat(corridor(temporary, zabukh)),
                name="Lachin corridor, new route with the temporary link to the Tegh road "
                "(approximate)",
                kind="corridor",
                source=source_new,
                accuracy=width + new_note.format(link),
                **first,
            ),
            feature(
                lonlat(new),
                name="Lachin corridor road, new route via Kornidzor (approximate)",
                kind="corridor_road",
                source=source_new,
                accuracy=new_note.format(via_kornidzor),
                **moved,
            ),
            feature(
                lonlat(corridor(new, zabukh)),
                name="Lachin corridor, new route via Kornidzor (approximate)",
                kind="corridor",
                source=source_new,
                accuracy=width + new_note.format(via_kornidzor),
                **moved,
            ),
        ],
        "blockade_point_2022.geojson": [
            feature(
                lonlat(junction),
                name="Blockade of the Lachin road by a protest camp near Shusha (approximate)",
                kind="blockade_point",
                valid_from="2022-12-12",
                valid_to="2023-04-29",
                source="Sit-in of self-styled environmental activists on the road near Shusha "
                "from about 10:30 on 12 Dec 2022, in front of a Russian peacekeeping post "
                "(https://forrights.am/2022/12/15/lachin-corridor-blocked-by-azerbaijani-eco-"
                "activists/; the Azerbaijani side places it the same way: "
                "https://en.vestikavkaza.ru/material/157898); the protesters suspended it from "
                "18:00 on 28 Apr 2023 after the Hakari checkpoint was set up (AP, 28 Apr 2023: "
                "https://keyt.com/news/2023/04/28/azeri-protesters-say-theyll-end-blockage-of-"
                "key-road/; their statement via TASS: "
                "https://en.armradio.am/2023/04/28/azerbaijani-eco-activists-to-end-the-protest-"
                "in-lachin-corridor/); a report of 4 May 2023 "
                "(https://mirrorspectator.com/2023/05/04/azerbaijani-activists-end-blockade-of-"
                "nagorno-karabakh/) gives both dates and says the demonstration ended on 1 May. "
                "The layer stands through 28 Apr, the day of the suspension (the review in issue "
                "14 ended it a day earlier).",
                accuracy="Approximate, 3-4 km: the pages place the camp on the road near Shusha, "
                "at a Russian peacekeeping post (an Armenian outlet: on the Shushi-Karin section "
                "of the Stepanakert-Goris road, https://infocom.am/94332); none gives a "
                "coordinate, nor the fork below Shusha that the review in issue 14 names, so the "
                "point is the point of the drawn road nearest Shusha, 3.5 km from the town. The "
                "checkpoint layer takes over from 23 Apr 2023.",
            )
        ],
        "hakari_checkpoint_2023.geojson": [
            feature(
                lonlat(crossing),
                name="Azerbaijani checkpoint at the Hakari bridge (approximate)",
                kind="checkpoint",
                valid_from="2023-04-23",
                valid_to=None,
                source="Checkpoint set up 23 Apr 2023 at the Hakari bridge near the Armenian "
                "border "
                "(https://mirrorspectator.com/2023/04/27/azerbaijan-sets-up-checkpoint-at-lachin-"
                "corridor/; "
                "https://warsawpoint.com/news/51251-azerbaijan-sets-up-checkpoint-on-the-only-"
                "road-to-disputed-nagorno-karabakh.html)",
                accuracy="Approximate, 1-2 km: the point of the Natural Earth border nearest "
                "Kornidzor, where the drawn road meets the border; the bridge is just inside "
                "Azerbaijan.",
            )
        ],
    }


def write(layers: dict[str, list[dict]], folder: Path = HERE) -> None:
    """One FeatureCollection per file, no ``crs`` member (RFC 7946)."""
    for name, features in layers.items():
        text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
        (folder / name).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {name}: {len(features)} feature(s)", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world-atlas", type=Path, help="world-atlas-2.0.2.tgz (else npm pack)")
    write(build(parser.parse_args().world_atlas))
