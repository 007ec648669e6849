"""Writes of the portal: stories through their review, their photos, grid contact cards.

Each service checks permission and state, runs in one transaction with the story row locked,
saves only the fields it changes and writes an audit entry.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.access import can
from gongzhi.portal.choices import STORY_TRANSITIONS, StoryState
from gongzhi.portal.images import make_renditions
from gongzhi.portal.models import GridContact, Story, StoryPhoto, Tag
from gongzhi.portal.permissions import EDIT
from gongzhi.portal.sanitize import clean_body, plain_summary

MAX_TAGS = 8
MAX_PHOTOS = 12
TITLE_MAX = 120
BODY_MAX = 50_000
_PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")


def _require(user, permission, node):
    if not can(user, permission, node):
        raise PermissionDenied(_("You may not do this for %(place)s.") % {"place": node})


def _tags(names) -> list[Tag]:
    cleaned = []
    for name in names or []:
        name = " ".join(str(name).split())[:20]
        if name and name not in cleaned:
            cleaned.append(name)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("At most %(n)d tags.") % {"n": MAX_TAGS}})
    tags = []
    for name in cleaned:
        tag, _created = Tag.objects.get_or_create(name=name)
        tags.append(tag)
    return tags


def _clean_fields(*, title, body, summary, byline):
    title = " ".join((title or "").split())
    errors = {}
    if not title:
        errors["title"] = _("A story needs a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("The title may have at most %(n)d characters.") % {"n": TITLE_MAX}
    if len(body or "") > BODY_MAX:
        errors["body"] = _("The text is too long.")
    html = clean_body(body or "")
    if not html and "body" not in errors:
        errors["body"] = _("A story needs some text.")
    if errors:
        raise ValidationError(errors)
    summary = " ".join((summary or "").split())[:300] or plain_summary(html, 120)
    return title, html, summary, " ".join((byline or "").split())[:60]


def story_create(
    *, actor, node, title, body, summary="", byline="", tags=(), published_at=None
) -> Story:
    """A new draft about ``node``."""
    _require(actor, EDIT, node)
    title, html, summary, byline = _clean_fields(
        title=title, body=body, summary=summary, byline=byline
    )
    with transaction.atomic():
        story = Story.objects.create(
            title=title,
            body=html,
            summary=summary,
            byline=byline,
            node=node,
            author=actor if getattr(actor, "is_authenticated", False) else None,
            published_at=published_at,
        )
        story.tags.set(_tags(tags))
        log_action("portal.story.created", actor=actor, obj=story, new={"title": title})
    return story


def _locked(story) -> Story:
    return Story.objects.select_for_update().select_related("node").get(pk=story.pk)


def story_update(
    *, story, actor, node, title, body, summary="", byline="", tags=(), published_at=None
) -> Story:
    """Change a draft (stories in review or published are sent back to draft first)."""
    _require(actor, EDIT, story.node)
    _require(actor, EDIT, node)
    title, html, summary, byline = _clean_fields(
        title=title, body=body, summary=summary, byline=byline
    )
    with transaction.atomic():
        story = _locked(story)
        if story.state != StoryState.DRAFT:
            raise ValidationError(_("Only a draft can be changed; ask the reviewer to return it."))
        old = {"title": story.title, "node": story.node.code}
        story.title, story.body, story.summary, story.byline = title, html, summary, byline
        story.node, story.published_at = node, published_at
        story.save(
            update_fields=[
                "title",
                "body",
                "summary",
                "byline",
                "node",
                "published_at",
                "updated_at",
            ]
        )
        story.tags.set(_tags(tags))
        log_action(
            "portal.story.changed",
            actor=actor,
            obj=story,
            old=old,
            new={"title": title, "node": node.code},
        )
    return story


def _move(story, *, actor, to, note="", verb):
    with transaction.atomic():
        story = _locked(story)
        permission = STORY_TRANSITIONS.get((story.state, to))
        if permission is None:
            raise ValidationError(
                _("A story cannot go from “%(state)s” to “%(target)s”.")
                % {"state": story.get_state_display(), "target": StoryState(to).label}
            )
        _require(actor, permission, story.node)
        old_state = story.state
        story.state = to
        fields = ["state", "updated_at"]
        if to == StoryState.PUBLISHED:
            if story.author_id is not None and story.author_id == getattr(actor, "pk", None):
                raise PermissionDenied(_("Someone other than the author must approve a story."))
            story.approved_by, story.approved_at = actor, timezone.now()
            story.published_at = story.published_at or story.approved_at
            story.review_note = ""
            fields += ["approved_by", "approved_at", "published_at", "review_note"]
        elif note:
            story.review_note = note[:500]
            fields.append("review_note")
        story.save(update_fields=fields)
        log_action(
            f"portal.story.{verb}",
            actor=actor,
            obj=story,
            old={"state": old_state},
            new={"state": to},
            data={"note": note[:500]} if note else None,
        )
    return story


def story_submit(*, story, actor) -> Story:
    """Send a draft for review."""
    return _move(story, actor=actor, to=StoryState.REVIEW, verb="submitted")


def story_approve(*, story, actor) -> Story:
    """Publish a story in review (by someone other than its author)."""
    return _move(story, actor=actor, to=StoryState.PUBLISHED, verb="published")


def story_return(*, story, actor, note="") -> Story:
    """Send a story in review back to its author as a draft, saying why."""
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"note": _("Say what should change.")})
    return _move(story, actor=actor, to=StoryState.DRAFT, note=note, verb="returned")


def story_unpublish(*, story, actor, note="") -> Story:
    """Take a published story down (back to draft)."""
    return _move(story, actor=actor, to=StoryState.DRAFT, note=note, verb="unpublished")


def story_photo_add(*, story, actor, upload, caption="") -> StoryPhoto:
    """Add a photo to a draft: two renditions are made now; the upload itself is not kept."""
    _require(actor, EDIT, story.node)
    renditions = make_renditions(upload)
    caption = " ".join((caption or "").split())[:200]
    with transaction.atomic():
        story = _locked(story)
        if story.state != StoryState.DRAFT:
            raise ValidationError(_("Only a draft can be changed; ask the reviewer to return it."))
        count = story.photos.count()
        if count >= MAX_PHOTOS:
            raise ValidationError({"photo": _("At most %(n)d photos.") % {"n": MAX_PHOTOS}})
        photo = StoryPhoto(
            story=story,
            caption=caption,
            order=count,
            width=renditions.width,
            height=renditions.height,
            thumb_width=renditions.thumb_width,
            thumb_height=renditions.thumb_height,
        )
        photo.image.save(renditions.image.name, renditions.image, save=False)
        photo.thumb.save(renditions.thumb.name, renditions.thumb, save=False)
        photo.save()
        log_action(
            "portal.story.photo_added",
            actor=actor,
            obj=story,
            data={"photo": photo.pk, "caption": caption},
        )
    return photo


def story_photo_remove(*, photo, actor) -> None:
    _require(actor, EDIT, photo.story.node)
    with transaction.atomic():
        story = _locked(photo.story)
        if story.state != StoryState.DRAFT:
            raise ValidationError(_("Only a draft can be changed; ask the reviewer to return it."))
        log_action("portal.story.photo_removed", actor=actor, obj=story, data={"photo": photo.pk})
        photo.delete()


def grid_contact_set(
    *, node, actor, person=None, work_phone="", duty_hours="", is_published=True
) -> GridContact:
    """Publish (or change) the contact card of a grid: its worker and the duty phone."""
    _require(actor, EDIT, node)
    work_phone = (work_phone or "").strip()
    if work_phone and not _PHONE.match(work_phone):
        raise ValidationError({"work_phone": _("Enter a phone number of digits and dashes.")})
    if person is not None and not person.node.path.startswith(node.path[: len(person.node.path)]):
        raise ValidationError({"person": _("This person does not work in this grid.")})
    with transaction.atomic():
        contact, created = GridContact.objects.select_for_update().get_or_create(node=node)
        old = {"person": contact.person_id, "work_phone": contact.work_phone}
        contact.person = person
        contact.work_phone = work_phone
        contact.duty_hours = " ".join((duty_hours or "").split())[:60]
        contact.is_published = bool(is_published)
        contact.save(
            update_fields=["person", "work_phone", "duty_hours", "is_published", "updated_at"]
        )
        log_action(
            "portal.contact.set",
            actor=actor,
            obj=contact,
            old=None if created else old,
            new={"person": contact.person_id, "work_phone": work_phone},
        )
    return contact
