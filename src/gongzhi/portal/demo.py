"""Demo data for the portal: the seed briefs as published stories with small generated photos,
the contact cards of 新胜社区's grids and a generated basemap of the district.

Idempotent: stories are matched by title, cards by grid, and the basemap is generated only when
none is stored. Stories are written and approved through the services, by two different people:
the community's staff (``shequ``) write 新胜社区's, the district's editor (``bianji``) approves
them; the other communities' briefs are entered by ``admin`` and approved by ``bianji``.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from gongzhi.org.models import Node, Person
from gongzhi.org.roles import Role
from gongzhi.portal.basemap import build_tiles, store_tiles
from gongzhi.portal.basemap.demo import DEMO_MAX_ZOOM, DEMO_MIN_ZOOM, demo_features
from gongzhi.portal.demo_stories import STORIES, XINSHENG
from gongzhi.portal.models import BasemapTile, GridContact, Story
from gongzhi.portal.services import (
    grid_contact_set,
    story_approve,
    story_create,
    story_photo_add,
    story_submit,
)

EDITOR = "bianji"
PALETTE = [(183, 28, 28), (255, 183, 77), (46, 125, 50), (21, 101, 192), (109, 76, 65)]


def demo_photo(seed: str, *, size=(640, 420)) -> SimpleUploadedFile:
    """A small generated JPEG (a few KB): sky, ground and a few shapes."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (200, 225, 240))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle([0, int(h * 0.62), w, h], fill=(120, 170, 110))
    for _ in range(5):
        x, y = rng.randint(0, w - 120), rng.randint(int(h * 0.25), int(h * 0.6))
        colour = rng.choice(PALETTE)
        draw.rectangle([x, y, x + rng.randint(60, 140), y + rng.randint(60, 150)], fill=colour)
    draw.ellipse([w - 110, 20, w - 40, 90], fill=(255, 236, 150))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile(f"{seed}.jpg", out.getvalue(), content_type="image/jpeg")


def _editor(run, district):
    from gongzhi.org.services import role_assign

    User = get_user_model()
    user = User.objects.filter(username=EDITOR).first()
    if user is None:
        # Not in the login table (that lists the org demo's logins); docs/demo.md names it.
        user = User.objects.create_user(
            username=EDITOR, password=run.password, first_name="区融媒体中心编辑"
        )
        role_assign(user=user, role=Role.SUPERVISOR, node=district)
        run.count("logins")
    return user


def _stories(run, district):
    User = get_user_model()
    editor = _editor(run, district)
    staff = User.objects.filter(username="shequ").first()
    admin = User.objects.filter(username="admin").first()
    existing = set(Story.objects.values_list("title", flat=True))
    base = timezone.now() - timedelta(days=2)
    for index, (title, byline, code, tags, paragraphs) in enumerate(STORIES):
        if title in existing:
            continue
        node = Node.objects.filter(code=code).first()
        author = staff if code == XINSHENG and staff is not None else admin
        if node is None or author is None:
            continue
        story = story_create(
            actor=author,
            node=node,
            title=title,
            body="\n\n".join(paragraphs),
            byline=byline,
            tags=tags,
            published_at=base - timedelta(days=3 * index),
        )
        photos = 2 if index == 0 else 1
        for n in range(photos):
            story_photo_add(
                story=story,
                actor=author,
                upload=demo_photo(f"story-{index}-{n}"),
                caption=f"{node.name}·{tags[0]}",
            )
        story_submit(story=story, actor=author)
        story_approve(story=story, actor=editor)
        run.count("stories")


def _contacts(run):
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is None:
        return
    grids = Node.objects.filter(code__startswith=XINSHENG + "-", level="grid").order_by("path")
    taken = set(GridContact.objects.values_list("node_id", flat=True))
    workers = {
        p.node_id: p for p in Person.objects.filter(is_grid_worker=True, node__in=list(grids))
    }
    for number, grid in enumerate(grids, start=1):
        if grid.pk in taken:
            continue
        grid_contact_set(
            node=grid,
            actor=admin,
            person=workers.get(grid.pk),
            work_phone=f"0513-8559{number:04d}",
            duty_hours="工作日 8:30–17:30",
        )
        run.count("grid contact cards")


def build_demo_basemap(run=None) -> int:
    """Generate the demo basemap from the stored boundaries (skipped when one is stored)."""
    if BasemapTile.objects.exists():
        return 0
    nodes = Node.objects.exclude(boundary__isnull=True).only("level", "boundary", "code")
    features, bbox = demo_features(nodes)
    if not features:
        return 0
    tiles = build_tiles(features, bbox=bbox, min_zoom=DEMO_MIN_ZOOM, max_zoom=DEMO_MAX_ZOOM)
    count = store_tiles(tiles, source="demo")
    if run is not None:
        run.count("basemap tiles", count)
    return count


def build_portal_demo(run) -> None:
    district = Node.objects.filter(level="district").order_by("path").first()
    if district is None:
        return
    run.say("portal: stories, grid contact cards, basemap")
    _stories(run, district)
    _contacts(run)
    build_demo_basemap(run)
