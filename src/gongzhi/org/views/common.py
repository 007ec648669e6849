"""Small helpers the org views share."""

from django.utils.http import urlencode


def base_query(**params) -> str:
    """The query string a pagination link starts with (``"q=…&"``), empty values left out."""
    kept = {key: value for key, value in params.items() if value}
    return f"{urlencode(kept)}&" if kept else ""
