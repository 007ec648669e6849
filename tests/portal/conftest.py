"""Fixtures for the portal: the cases app's small world with public reports, a volunteer team
with activities, and helpers to write stories through the services."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from gongzhi.portal.services import story_approve, story_create, story_submit
from tests.cases.conftest import (  # noqa: F401 - fixtures shared with the domain tests
    GRID1_POINT,
    GRID2_POINT,
    categories,
    report,
    world,
)
from tests.volunteering.conftest import (  # noqa: F401
    make_activity,
    make_person,
    now,
    team,
)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Figures and API answers are cached; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def as_user(world):  # noqa: F811
    def make(name):
        client = Client()
        client.force_login(world["users"][name])
        return client

    return make


@pytest.fixture
def publish(world):  # noqa: F811
    """Write a story as community staff and have the supervisor publish it."""

    def make(title="社区新闻", body="<p>正文</p>", node=None, **fields):
        story = story_create(
            actor=world["users"]["staff"],
            node=node or world["community"],
            title=title,
            body=body,
            **fields,
        )
        story_submit(story=story, actor=world["users"]["staff"])
        return story_approve(story=story, actor=world["users"]["supervisor"])

    return make


def image_upload(size=(2400, 1600), fmt="JPEG", name="photo.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
