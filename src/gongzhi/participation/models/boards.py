"""The praise and exposure boards (点赞台 / 曝光台): photo posts moderated before publication."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.participation.choices import Board, PostState


def original_path(instance, filename):
    return f"participation/boards/{timezone.now():%Y/%m}/{uuid.uuid4().hex}_o.jpg"


def public_path(instance, filename):
    return f"participation/boards/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


class BoardPostQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(state=PostState.APPROVED).exclude(public_image="")


class BoardPost(models.Model):
    """A photo with a caption on one board of a node.

    ``original`` is the upload re-encoded without metadata and is never served to the public;
    ``public_image`` is the redacted rendition (the moderator's blur rectangles burnt in) made
    at approval, and the only image the public receives.
    """

    board = models.CharField(_("board"), max_length=10, choices=Board.choices)
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="board_posts", verbose_name=_("area")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=300)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=PostState.choices,
        default=PostState.PENDING,
        db_index=True,
    )
    original = models.FileField(_("photo"), upload_to=original_path)
    public_image = models.FileField(_("public photo"), upload_to=public_path, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    blur_boxes = models.JSONField(_("blurred areas"), default=list, blank=True)
    reject_reason = models.CharField(_("reason"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deed_person = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("praised resident"),
    )
    labels = models.ManyToManyField(
        "volunteering.Label", blank=True, related_name="board_posts", verbose_name=_("programmes")
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)

    objects = BoardPostQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "participation.view"

    class Meta:
        verbose_name = _("board post")
        verbose_name_plural = _("board posts")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["board", "state", "created_at"], name="post_board_month")]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(case__isnull=False), name="post_one_case"
            )
        ]

    def __str__(self):
        return self.caption[:40]

    def get_absolute_url(self):
        return reverse("participation:post_public", args=[self.pk])

    @classmethod
    def extra_visibility(cls, user, scope):
        return Q(author=user)
