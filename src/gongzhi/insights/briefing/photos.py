"""The month's photos for a briefing: photos approved on the praise and exposure boards and
photos of stories published in the month, in the node's subtree.

Only what the public already sees is chosen — a board post's redacted rendition (never the
upload), a story's thumbnail — and captions pass through the scrubber. Each photo is kept by
its storage name, so that a frozen briefing keeps the photos it was approved with.
"""

from __future__ import annotations

from django.apps import apps
from django.core.files.storage import default_storage

from gongzhi.core.scrub import scrub_text

BOARD_PHOTOS = 4
STORY_PHOTOS = 2


def _board_photos(node, period) -> list[dict]:
    from gongzhi.participation.kpi_selectors import posts_approved

    posts = (
        posts_approved(path=node.path, start=period.start, end=period.end)
        .exclude(public_image="")
        .select_related("node")
        .order_by("-moderated_at", "pk")[:BOARD_PHOTOS]
    )
    return [
        {
            "file": post.public_image.name,
            "caption": scrub_text(post.caption)[:200],
            "source": post.get_board_display(),
            "where": post.node.name,
        }
        for post in posts
    ]


def _story_photos(node, period) -> list[dict]:
    from gongzhi.portal.selectors import published_stories

    stories = published_stories(node=node).filter(
        node__path__startswith=node.path,
        published_at__gte=period.start,
        published_at__lt=period.end,
    )
    out = []
    for story in stories[: STORY_PHOTOS * 2]:
        photo = next(iter(story.photos.all()), None)
        if photo is None or not photo.thumb:
            continue
        out.append(
            {
                "file": photo.thumb.name,
                "caption": scrub_text(photo.caption or story.title)[:200],
                "source": scrub_text(story.title)[:200],
                "where": story.node.name if story.node_id else "",
            }
        )
        if len(out) == STORY_PHOTOS:
            break
    return out


def month_photos(node, period) -> list[dict]:
    """Up to four board photos and two story photos of the month, newest first."""
    photos = []
    if apps.is_installed("gongzhi.participation"):
        photos += _board_photos(node, period)
    if apps.is_installed("gongzhi.portal"):
        photos += _story_photos(node, period)
    return photos


def photo_url(photo: dict) -> str:
    return default_storage.url(photo["file"])


def photo_bytes(photo: dict, *, limit: int = 4 * 1024 * 1024) -> bytes | None:
    """The stored photo's bytes for an export, or None when it is gone (or oversized)."""
    try:
        with default_storage.open(photo["file"], "rb") as handle:
            data = handle.read(limit + 1)
    except (OSError, ValueError):
        return None
    return data if 0 < len(data) <= limit else None
