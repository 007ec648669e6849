"""Board posts: post, moderate (approve with blur, reject, hide), turn into a case, praise.

Nothing is public until a moderator of the post's node approves it. Approval burns the
moderator's blur rectangles into a copy of the (already metadata-free) photo; that redacted
rendition is the only image the public ever receives.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.participation import images
from gongzhi.participation import notifications as notes
from gongzhi.participation.choices import POST_TRANSITIONS, Board, PostState
from gongzhi.participation.models import BoardPost
from gongzhi.participation.permissions import MODERATE, person_of
from gongzhi.participation.rewards import award_praise
from gongzhi.participation.services.common import guard, lock, require, text
from gongzhi.participation.services.photos import files_guard, save_file


def post_create(*, board: str, node, caption: str, photo, actor, labels=()) -> BoardPost:
    """Anyone signed in posts one photo with a caption; it waits for moderation."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to post to a board."))
    if board not in Board.values:
        raise ValidationError({"board": _("Choose the praise or the exposure board.")})
    if node is None:
        raise ValidationError({"node": _("Choose the area the photo is from.")})
    caption = text(caption, field="caption", max_length=300, label=_("Write a caption."))
    if not photo:
        raise ValidationError({"photo": _("Choose a photo.")})
    cleaned = images.clean(photo, field="photo")
    with files_guard(), transaction.atomic():
        post = BoardPost(
            board=board,
            node=node,
            author=actor,
            author_person=person_of(actor),
            caption=caption,
            width=cleaned.width,
            height=cleaned.height,
        )
        save_file(post.original, cleaned.content)
        post.save()
        if labels:
            post.labels.set(labels)
        log_action(
            "participation.post.submitted",
            actor=actor,
            obj=post,
            new={"state": post.state, "board": board, "node": node.code},
        )
    return post


def _move(post: BoardPost, target: str, *, actor, fields: dict, data=None) -> BoardPost:
    guard(POST_TRANSITIONS, post.state, target, labels=PostState)
    old = post.state
    post.state = target
    post.moderated_by = actor if getattr(actor, "is_authenticated", False) else None
    post.moderated_at = timezone.now()
    for name, value in fields.items():
        setattr(post, name, value)
    post.save(update_fields=["state", "moderated_by", "moderated_at", *fields])
    log_action(
        f"participation.post.{target}",
        actor=actor,
        obj=post,
        old={"state": old},
        new={"state": target},
        data=data,
    )
    notes.send(
        users=[post.author], verb="post_moderated", data={"what": str(PostState(target).label)}
    )
    return post


def post_approve(*, post: BoardPost, blur_boxes=(), actor=None) -> BoardPost:
    """Approve the post; the public rendition is made now with ``blur_boxes`` blurred."""
    boxes = images.parse_boxes(list(blur_boxes) if blur_boxes else [])
    with files_guard(), transaction.atomic():
        post = lock(BoardPost, post.pk, "node")
        require(actor, MODERATE, post.node)
        guard(POST_TRANSITIONS, post.state, PostState.APPROVED, labels=PostState)
        with post.original.open("rb") as handle:
            original = handle.read()
        save_file(post.public_image, images.redact(original, boxes))
        return _move(
            post,
            PostState.APPROVED,
            actor=actor,
            fields={"public_image": post.public_image, "blur_boxes": boxes},
            data={"blurred": len(boxes)},
        )


def post_reject(*, post: BoardPost, reason: str, actor=None) -> BoardPost:
    reason = text(reason, field="reason", max_length=300, label=_("Say why the post is rejected."))
    with transaction.atomic():
        post = lock(BoardPost, post.pk, "node")
        require(actor, MODERATE, post.node)
        return _move(
            post,
            PostState.REJECTED,
            actor=actor,
            fields={"reject_reason": reason},
            data={"reason": reason},
        )


def post_hide(*, post: BoardPost, reason: str, actor=None) -> BoardPost:
    """Take an approved post off the public board."""
    reason = text(reason, field="reason", max_length=300, label=_("Say why the post is hidden."))
    with transaction.atomic():
        post = lock(BoardPost, post.pk, "node")
        require(actor, MODERATE, post.node)
        return _move(
            post,
            PostState.HIDDEN,
            actor=actor,
            fields={"reject_reason": reason},
            data={"reason": reason},
        )


def post_to_case(*, post: BoardPost, category, actor=None) -> BoardPost:
    """Turn an exposure post into a case in one step (through the intake), linked."""
    from gongzhi.cases.choices import Channel
    from gongzhi.cases.services import case_report

    with transaction.atomic():
        post = lock(BoardPost, post.pk, "node")
        require(actor, MODERATE, post.node)
        if post.board != Board.EXPOSURE:
            raise ValidationError({"board": _("Only exposure posts become cases.")})
        if post.case_id:
            raise ValidationError({"case": _("This post is already a case.")})
        if post.state in (PostState.REJECTED,):
            raise ValidationError({"state": _("A rejected post does not become a case.")})
        with post.original.open("rb") as handle:
            photo = handle.read()
        case = case_report(
            category=category,
            description=post.caption,
            channel=Channel.STAFF,
            actor=actor,
            node=post.node,
            reporter_user=post.author,
            reporter_person=post.author_person,
            photos=[photo],
            idempotency_key=f"participation.post:{post.pk}",
        )
        post.case = case
        post.save(update_fields=["case"])
        log_action(
            "participation.post.to_case", actor=actor, obj=post, data={"case": case.reference}
        )
    return post


def post_award_praise(*, post: BoardPost, person, actor=None) -> BoardPost:
    """Award good-deed points to the resident an approved praise post shows: once per post."""
    if person is None:
        raise ValidationError({"person": _("Choose the resident to praise.")})
    with transaction.atomic():
        post = lock(BoardPost, post.pk, "node")
        require(actor, MODERATE, post.node)
        if post.board != Board.PRAISE:
            raise ValidationError({"board": _("Only praise posts award good-deed points.")})
        if post.state != PostState.APPROVED:
            raise ValidationError({"state": _("Approve the post first.")})
        if post.deed_person_id:
            raise ValidationError({"person": _("This post has already awarded its points.")})
        if not person.node.path.startswith(post.node.path[:12]):
            raise ValidationError({"person": _("This person belongs to another community.")})
        post.deed_person = person
        post.save(update_fields=["deed_person"])
        award_praise(post, person, actor)
        log_action(
            "participation.post.praise_awarded", actor=actor, obj=post, data={"person": person.pk}
        )
    return post
