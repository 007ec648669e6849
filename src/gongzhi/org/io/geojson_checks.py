"""Checks of one GeoJSON feature on its own: shape, property types, geometry.

The checks that need other features or the database live in ``geojson_validate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry.base import BaseGeometry

from gongzhi.org.choices import Level
from gongzhi.org.geometry import parse_boundary
from gongzhi.org.io.problems import ProblemList
from gongzhi.org.models import Node

# Codes appear in URLs (/org/nodes/<code>/) and in spreadsheets; keep them to one plain token.
CODE_FORBIDDEN = re.compile(r"[\s/\\?#%\x00-\x1f\x7f]")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The counts are stored in integer columns; larger values would fail at the database.
MAX_COUNT = 2_147_483_647
CODE_MAX = Node._meta.get_field("code").max_length
NAME_MAX = Node._meta.get_field("name").max_length


@dataclass
class FeaturePlan:
    """One valid-looking feature, ready for the checks against the tree."""

    position: int
    level: str
    code: str
    name: str
    parent_code: str | None
    household_count: int | None
    population: int | None
    boundary: dict | None
    geometry: BaseGeometry | None


def _text(props, key, problems, position, ref, *, max_length, required=True):
    value = props.get(key)
    if value is None:
        if required:
            problems.add(position, key, _("This property is required."), ref)
        return None
    if not isinstance(value, str):
        problems.add(position, key, _("Must be text."), ref)
        return None
    value = value.strip()
    if not value:
        if required:
            problems.add(position, key, _("This property is required."), ref)
        return None
    if len(value) > max_length:
        problems.add(
            position, key, _("At most %(max)d characters are allowed.") % {"max": max_length}, ref
        )
        return None
    if CONTROL.search(value):
        problems.add(position, key, _("Contains control characters."), ref)
        return None
    return value


def _count(props, key, problems, position, ref):
    value = props.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        problems.add(
            position,
            key,
            _("Must be a whole number from 0 to %(max)d.") % {"max": MAX_COUNT},
            ref,
        )
        return None
    return value


def _geometry(feature, problems, position, ref):
    if "geometry" not in feature:
        problems.add(position, "geometry", _("The feature has no geometry member."), ref)
        return False, None, None
    geojson = feature["geometry"]
    if geojson is None:
        return True, None, None
    try:
        geometry = parse_boundary(geojson)
    except ValidationError as exc:
        problems.add(position, "geometry", " ".join(exc.messages), ref)
        return False, None, None
    return True, geojson, geometry


def raw_code(feature) -> str:
    """The feature's code as written (stripped), or "" when it has none."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    code = props.get("code") if isinstance(props, dict) else None
    return code.strip() if isinstance(code, str) else ""


def check_feature(feature, position: int, problems: ProblemList) -> FeaturePlan | None:
    """A plan for ``feature``, or None after adding its problems to ``problems``."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.add(position, "type", _("A GeoJSON Feature object was expected."))
        return None
    props = feature.get("properties")
    if not isinstance(props, dict):
        problems.add(position, "properties", _("The properties must be an object."))
        return None
    before = problems.total
    raw_code = props.get("code")
    ref = raw_code if isinstance(raw_code, str) else ""
    code = _text(props, "code", problems, position, ref, max_length=CODE_MAX)
    if code is not None and CODE_FORBIDDEN.search(code):
        problems.add(
            position,
            "code",
            _("A code may not contain spaces, slashes, '?', '#' or the percent sign."),
            ref,
        )
    name = _text(props, "name", problems, position, ref, max_length=NAME_MAX)
    level = props.get("level")
    if level is None:
        problems.add(position, "level", _("This property is required."), ref)
    elif level not in Level.values:
        problems.add(
            position,
            "level",
            _("Must be one of: %(choices)s.") % {"choices": ", ".join(Level.values)},
            ref,
        )
    if "parent_code" not in props:
        problems.add(
            position,
            "parent_code",
            _("This property is required (null for a node at the top of the tree)."),
            ref,
        )
    parent_code = _text(
        props, "parent_code", problems, position, ref, max_length=CODE_MAX, required=False
    )
    household_count = _count(props, "household_count", problems, position, ref)
    population = _count(props, "population", problems, position, ref)
    geometry_ok, boundary, geometry = _geometry(feature, problems, position, ref)
    if problems.total > before or not geometry_ok:
        return None
    return FeaturePlan(
        position=position,
        level=level,
        code=code,
        name=name,
        parent_code=parent_code,
        household_count=household_count,
        population=population,
        boundary=boundary.get("geometry")
        if boundary and boundary.get("type") == "Feature"
        else boundary,
        geometry=geometry,
    )
