"""Fixtures for the case pages: the cases app's small world (grids, categories, one user per
role), clients signed in as each of them, and a few cases."""

import pytest
from django.test import Client

from tests.cases.conftest import (  # noqa: F401 - fixtures shared with the domain tests
    GRID1_POINT,
    GRID2_POINT,
    categories,
    jpeg_bytes,
    report,
    world,
)


@pytest.fixture
def as_user(world):  # noqa: F811 - the imported fixture, requested by name
    """``as_user("dispatcher")`` → a test client signed in as that user of the world."""

    def make(name):
        client = Client()
        client.force_login(world["users"][name])
        return client

    return make


def htmx(client):
    """Send the next requests as htmx would."""
    client.defaults["HTTP_HX_REQUEST"] = "true"
    return client
