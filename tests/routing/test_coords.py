import math
import random

import prcoords
import pytest

from gongzhi.org.coords import from_wgs84, normalise_crs, to_wgs84

# Published pairs, (lon, lat) here whatever order the source uses.
# googollee/eviltransform, python/test.py (TESTS: WGS84 → GCJ-02): Shanghai, Shenzhen, Beijing.
EVILTRANSFORM_WGS_GCJ = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),
]
# wandergis/coordtransform, README.md: wgs84togcj02 and gcj02tobd09 of (116.404, 39.915).
WANDERGIS_WGS_GCJ = ((116.404, 39.915), (116.41024449916938, 39.91640428150164))
WANDERGIS_GCJ_BD = ((116.404, 39.915), (116.41036949371029, 39.92133699351021))
# Glatzel/pyxis, python/tests/test_crypto.py: one point in all three systems.
PYXIS_WGS = (121.0917077, 30.6107779)
PYXIS_GCJ = (121.09626935575027, 30.608604331756705)
PYXIS_BD = (121.10271732371203, 30.61484572185035)

# 5e-7° is about 5 cm: far below a GPS fix, far above what the precise inverses leave.
INVERSE_TOLERANCE = 5e-7


def assert_close(got, expected, tolerance):
    assert math.dist(got, expected) <= tolerance, (got, expected)


@pytest.mark.parametrize(("wgs", "gcj"), [*EVILTRANSFORM_WGS_GCJ, WANDERGIS_WGS_GCJ])
def test_published_gcj02_points_convert_back_to_their_wgs84(wgs, gcj):
    assert_close(to_wgs84(*gcj, "gcj02"), wgs, INVERSE_TOLERANCE)


@pytest.mark.parametrize(("wgs", "gcj"), [*EVILTRANSFORM_WGS_GCJ, WANDERGIS_WGS_GCJ])
def test_wgs84_to_gcj02_matches_published_values(wgs, gcj):
    assert_close(from_wgs84(*wgs, "gcj02"), gcj, 1e-9)


def test_published_point_in_three_systems_converts_to_its_wgs84():
    assert_close(to_wgs84(*PYXIS_GCJ, "gcj02"), PYXIS_WGS, INVERSE_TOLERANCE)
    assert_close(to_wgs84(*PYXIS_BD, "bd09"), PYXIS_WGS, INVERSE_TOLERANCE)
    assert_close(from_wgs84(*PYXIS_WGS, "bd09"), PYXIS_BD, 2e-7)


def test_published_bd09_point_lands_where_its_gcj02_twin_does():
    gcj, bd = WANDERGIS_GCJ_BD
    assert_close(from_wgs84(*to_wgs84(*gcj, "gcj02"), "bd09"), bd, 1e-9)
    assert_close(to_wgs84(*bd, "bd09"), to_wgs84(*gcj, "gcj02"), INVERSE_TOLERANCE)


def test_round_trips_through_gcj02_and_bd09_return_within_a_micro_degree():
    rng = random.Random(20240611)
    for _ in range(2000):
        lon, lat = rng.uniform(73.7, 134.9), rng.uniform(18.2, 53.4)
        gcj = prcoords.wgs_gcj(prcoords.Coords(lat, lon), False)
        bd = prcoords.gcj_bd(gcj)
        assert_close(to_wgs84(gcj.lon, gcj.lat, "gcj02"), (lon, lat), 1e-6)
        assert_close(to_wgs84(bd.lon, bd.lat, "bd09"), (lon, lat), 1e-6)


def test_conversion_moves_points_by_hundreds_of_metres_inside_china():
    lon, lat = to_wgs84(*PYXIS_BD, "baidu")
    assert math.dist((lon, lat), PYXIS_BD) > 0.005


@pytest.mark.parametrize("crs", ["wgs84", "gcj02", "bd09"])
def test_points_outside_china_pass_through_unchanged(crs):
    assert to_wgs84(-0.1276, 51.5072, crs) == (-0.1276, 51.5072)
    assert to_wgs84(151.2093, -33.8688, crs) == (151.2093, -33.8688)


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("WGS84", "wgs84"),
        ("wgs-84", "wgs84"),
        ("GCJ-02", "gcj02"),
        ("gcj", "gcj02"),
        ("AMap", "gcj02"),
        ("Gaode", "gcj02"),
        ("tencent", "gcj02"),
        ("BD-09", "bd09"),
        ("bd", "bd09"),
        (" Baidu ", "bd09"),
    ],
)
def test_common_spellings_of_coordinate_systems_are_accepted(spelling, canonical):
    assert normalise_crs(spelling) == canonical
    assert to_wgs84(*PYXIS_GCJ, spelling) == to_wgs84(*PYXIS_GCJ, canonical)


@pytest.mark.parametrize("crs", ["cgcs2000", "", "gcj03", None, 4326])
def test_unknown_coordinate_system_is_refused_by_name(crs):
    with pytest.raises(ValueError, match="Unknown coordinate system") as raised:
        to_wgs84(120.0, 32.0, crs)
    assert repr(crs) in str(raised.value)


@pytest.mark.parametrize(
    ("lon", "lat", "field"),
    [
        (float("nan"), 32.0, "longitude"),
        (200.0, 32.0, "longitude"),
        ("east", 32.0, "longitude"),
        (True, 32.0, "longitude"),
        (120.0, float("inf"), "latitude"),
        (120.0, -91, "latitude"),
        (120.0, None, "latitude"),
    ],
)
def test_unusable_coordinates_are_refused_naming_the_coordinate(lon, lat, field):
    with pytest.raises(ValueError, match=field):
        to_wgs84(lon, lat, "gcj02")


def test_numeric_strings_are_read_as_numbers():
    assert to_wgs84("120.5", "32.25") == (120.5, 32.25)
