"""The portal's vocabularies: a story's states and the moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryState(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("waiting for review")
    PUBLISHED = "published", _("published")


# (from, to) → the permission the move needs.
STORY_TRANSITIONS = {
    (StoryState.DRAFT, StoryState.REVIEW): "portal.edit",
    (StoryState.REVIEW, StoryState.DRAFT): "portal.approve",
    (StoryState.REVIEW, StoryState.PUBLISHED): "portal.approve",
    (StoryState.PUBLISHED, StoryState.DRAFT): "portal.approve",
}


class ResultType(models.TextChoices):
    """What a search hit is."""

    STORY = "story", _("story")
    CASE = "case", _("report")
    ACTIVITY = "activity", _("activity")
    PLACE = "place", _("place")
