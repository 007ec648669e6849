"""Reading a GeoJSON file into a list of features, refusing files that cannot be one."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from gongzhi.org.io import limits
from gongzhi.org.io.problems import FileRefused


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is not a number GeoJSON allows.") % {"name": name})


def load_features(raw: bytes) -> list:
    """The ``features`` list of a FeatureCollection in ``raw``; ``FileRefused`` says why not."""
    if len(raw) > limits.GEOJSON_MAX_BYTES:
        raise FileRefused(
            _("The file is larger than %(limit)d MB.")
            % {"limit": limits.GEOJSON_MAX_BYTES // limits.MB}
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(_("The file is not UTF-8 text.")) from exc
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise FileRefused(
            _("The file is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    except ValueError as exc:
        raise FileRefused(str(exc)) from exc
    except RecursionError as exc:
        raise FileRefused(_("The file is nested too deeply to be GeoJSON.")) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise FileRefused(_("The file must hold a GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list):
        raise FileRefused(_("The FeatureCollection has no list of features."))
    if not features:
        raise FileRefused(_("The FeatureCollection has no features."))
    if len(features) > limits.GEOJSON_MAX_FEATURES:
        raise FileRefused(
            _("The file holds %(count)d features; at most %(limit)d are accepted.")
            % {"count": len(features), "limit": limits.GEOJSON_MAX_FEATURES}
        )
    return features
