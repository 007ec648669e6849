import io

import pytest
from PIL import Image

from tests.cases.conftest import categories, report, world  # noqa: F401  (shared fixtures)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def encoded(fmt: str, size=(40, 30), mode="RGB", color="blue", **kwargs) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **kwargs)
    return out.getvalue()
