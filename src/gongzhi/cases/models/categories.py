"""The category tree (部件 / 事件) with each leaf's responsible force, limits and questions."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.cases.choices import (
    CategoryKind,
    Publication,
    PublicPrecision,
    QuestionType,
    Step,
    TimeUnit,
)
from gongzhi.org.choices import Force


def _limit_fields(step_label):
    # format_lazy, not %: the label must be built in the language of whoever reads it, not
    # frozen at import (which also made makemigrations see a change under zh-hans).
    amount = models.PositiveSmallIntegerField(
        format_lazy(_("{step} limit"), step=step_label),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
    )
    unit = models.CharField(
        format_lazy(_("{step} limit unit"), step=step_label),
        max_length=8,
        choices=TimeUnit.choices,
        default=TimeUnit.DAYS,
    )
    return amount, unit


class Category(models.Model):
    """A node of the category tree. Groups (市容环境, 物业服务…) hold leaves; cases use leaves.

    Each leaf says which of the six forces is responsible, whether and how its reports are
    published (``publication``, ``public_precision``), how long each step may take (in
    working hours or working days), what photos are required, whether a revisit (回头看) is due
    after closing, and which extra questions the reporter answers. ``code`` is stable: Open311
    publishes it as ``service_code``.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("group"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CategoryKind.choices)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(
        _("search words"), max_length=200, blank=True, help_text=_("Other words people use.")
    )
    is_group = models.BooleanField(_("group"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "order"), default=0)
    responsible_force = models.CharField(
        _("responsible force"), max_length=20, choices=Force.choices, blank=True
    )
    accept_limit, accept_unit = _limit_fields(_("acceptance"))
    dispatch_limit, dispatch_unit = _limit_fields(_("dispatch"))
    handle_limit, handle_unit = _limit_fields(_("handling"))
    verify_limit, verify_unit = _limit_fields(_("verification"))
    photo_required_at_report = models.BooleanField(
        _("photo required when reporting"), default=False
    )
    photo_required_at_resolution = models.BooleanField(
        _("photo required when resolving"), default=True
    )
    revisit_after_days = models.PositiveSmallIntegerField(
        _("revisit after (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("Leave empty when no revisit is due after closing."),
    )
    publication = models.CharField(
        _("publication"),
        max_length=8,
        choices=Publication.choices,
        default=Publication.PUBLIC,
        help_text=_(
            "Whether reports of this category may be shown publicly: at once when the reporter "
            "agrees, only after staff reviewed them, or never."
        ),
    )
    public_precision = models.CharField(
        _("public location"),
        max_length=12,
        choices=PublicPrecision.choices,
        default=PublicPrecision.APPROXIMATE,
        help_text=_("How precisely the public sees where a report of this category is."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_group=True) | ~models.Q(responsible_force=""),
                name="category_leaf_has_force",
            )
        ]

    def __str__(self):
        return self.name

    def limit_for(self, step: str) -> tuple[int, str]:
        """(amount, unit) of the time limit for ``step``."""
        return {
            Step.ACCEPT: (self.accept_limit, self.accept_unit),
            Step.DISPATCH: (self.dispatch_limit, self.dispatch_unit),
            Step.HANDLE: (self.handle_limit, self.handle_unit),
            Step.VERIFY: (self.verify_limit, self.verify_unit),
        }[step]


class CategoryQuestion(models.Model):
    """An extra question the reporter of a case in this category answers (an Open311 attribute)."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="questions", verbose_name=_("category")
    )
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=16, choices=QuestionType.choices)
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_('For choice questions: a list of {"key": ..., "label": ...}.'),
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "order"), default=0)

    class Meta:
        verbose_name = _("category question")
        verbose_name_plural = _("category questions")
        ordering = ["category", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="category_question_code")
        ]

    def __str__(self):
        return self.label

    @property
    def choice_keys(self) -> list[str]:
        return [str(c.get("key")) for c in self.choices or [] if isinstance(c, dict)]
