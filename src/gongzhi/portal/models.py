"""The portal's own records: stories with their photos, the grids' public contact cards and
the tiles of the offline basemap. Everything else it shows belongs to the domain apps."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.org.access import ScopedQuerySet, subtree_q
from gongzhi.portal.choices import StoryState


class Tag(models.Model):
    """A word stories are filed under (党建, 志愿服务, 拆违…)."""

    name = models.CharField(_("name"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class StoryQuerySet(ScopedQuerySet):
    def published(self, now):
        """What the public sees: published, with a publish date already reached."""
        return self.filter(state=StoryState.PUBLISHED, published_at__lte=now)


class Story(models.Model):
    """A news item or activity brief (新闻 / 活动简报) about a place.

    Written by staff holding ``portal.edit`` on its node, sent for review, and published by
    someone else holding ``portal.approve`` there (the approver is recorded). ``body`` is HTML
    that has been through ``gongzhi.portal.sanitize.clean_body``; only the services write it.
    """

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"))
    byline = models.CharField(
        _("byline"), max_length=60, blank=True, help_text=_("Who wrote or reported it.")
    )
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="stories", verbose_name=_("place")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="stories", verbose_name=_("tags"))
    state = models.CharField(
        _("state"), max_length=12, choices=StoryState.choices, default=StoryState.DRAFT
    )
    published_at = models.DateTimeField(_("publish date"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    review_note = models.CharField(_("reviewer's note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StoryQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "portal.edit"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["state", "published_at"], name="story_state_published")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=StoryState.PUBLISHED)
                | (Q(published_at__isnull=False) & Q(approved_by__isnull=False)),
                name="story_published_has_date_and_approver",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:story_detail", args=[self.pk])

    @classmethod
    def extra_visibility(cls, user, scope):
        """Approvers see the stories of their subtree too."""
        return subtree_q("node", scope.paths_for("portal.approve"))


class StoryPhoto(models.Model):
    """A photo in a story with its caption. Only re-encoded copies are kept: ``image`` at most
    1280 px on its long side and ``thumb`` at most 480 px; the uploaded original is not."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="portal/stories/%Y/%m/")
    thumb = models.ImageField(_("thumbnail"), upload_to="portal/stories/%Y/%m/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    thumb_width = models.PositiveIntegerField(default=0)
    thumb_height = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("story photo")
        verbose_name_plural = _("story photos")
        ordering = ["story", "order", "id"]

    def __str__(self):
        return self.caption or f"{self.story} #{self.order}"


class GridContact(models.Model):
    """The contact card a community publishes for a grid or microgrid: who looks after it and
    the work phone residents may call (a duty phone, never anyone's private number)."""

    node = models.OneToOneField(
        "org.Node", on_delete=models.CASCADE, related_name="contact", verbose_name=_("grid")
    )
    person = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("grid worker"),
    )
    work_phone = models.CharField(
        _("work phone"),
        max_length=20,
        blank=True,
        help_text=_("The published duty phone of the grid, not a private number."),
    )
    duty_hours = models.CharField(_("duty hours"), max_length=60, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "portal.edit"

    class Meta:
        verbose_name = _("grid contact card")
        verbose_name_plural = _("grid contact cards")

    def __str__(self):
        return str(self.node)


class BasemapTile(models.Model):
    """One tile of the offline basemap (web-mercator z/x/y): roads, buildings and water already
    clipped to the tile, simplified for its zoom and written in tile pixels (see
    ``gongzhi.portal.basemap``)."""

    z = models.PositiveSmallIntegerField()
    x = models.PositiveIntegerField()
    y = models.PositiveIntegerField()
    data = models.TextField()

    class Meta:
        verbose_name = _("basemap tile")
        verbose_name_plural = _("basemap tiles")
        constraints = [models.UniqueConstraint(fields=["z", "x", "y"], name="basemap_tile_zxy")]

    def __str__(self):
        return f"{self.z}/{self.x}/{self.y}"
