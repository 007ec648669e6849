"""The enforcement authority (a street's 综合行政执法局): its policy, wording and numbering."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongzhi.enforcement.choices import DeadlineUnit, DocumentKind

# Legal wording is issued in Chinese whatever language the officer's screen speaks; these are
# the defaults a new authority starts from, edited per authority in the admin.
DEFAULT_BASIS_STOP = "《中华人民共和国城乡规划法》第六十四条、《江苏省城乡规划条例》第六十三条"
DEFAULT_BASIS_DEMOLITION = (
    "《中华人民共和国城乡规划法》第六十四条、《江苏省城乡规划条例》第六十三条"
)
DEFAULT_BASIS_REMINDER = "《中华人民共和国行政强制法》第三十五条、第三十七条"
DEFAULT_BASIS_FORCED = (
    "《中华人民共和国行政强制法》第四十四条、《中华人民共和国城乡规划法》第六十八条"
)


def _rule(label, amount, unit):
    # format_lazy, not %: the label is built in the reader's language, not frozen at import.
    return (
        models.DecimalField(
            format_lazy(_("{step}: time limit"), step=label),
            max_digits=6,
            decimal_places=2,
            default=Decimal(amount),
            validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(365))],
        ),
        models.CharField(
            format_lazy(_("{step}: counted in"), step=label),
            max_length=16,
            choices=DeadlineUnit.choices,
            default=unit,
        ),
    )


def default_revisit_days():
    return [30, 90]


class EnforcementAuthority(models.Model):
    """A law-enforcement bureau and the policy it works by, kept in the database by staff.

    It serves its ``node`` (usually a street) and everything below; a record is handled by the
    authority nearest up the tree from its grid. Time limits are ``(amount, unit)`` pairs: the
    investigation by default by the end of the same working day (查违不过日), forced demolition
    within 7 days after the self-demolition deadline lapsed (拆违不过周).
    """

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]{2,16}$", _("2–16 capital letters or digits."))],
        help_text=_("Short letters used in record references, e.g. XCQ."),
    )
    node = models.OneToOneField(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="enforcement_authority",
        verbose_name=_("serves"),
    )
    party = models.ForeignKey(
        "org.Party",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("party"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    document_prefix = models.CharField(
        _("document number prefix"),
        max_length=12,
        help_text=_(
            "Characters before the kind of document, e.g. 崇开执 in 崇开执拆字〔2026〕第0007号."
        ),
    )
    basis_stop_order = models.TextField(_("legal basis: stop order"), default=DEFAULT_BASIS_STOP)
    basis_demolition_order = models.TextField(
        _("legal basis: demolition order"), default=DEFAULT_BASIS_DEMOLITION
    )
    basis_reminder = models.TextField(_("legal basis: reminder"), default=DEFAULT_BASIS_REMINDER)
    basis_forced_notice = models.TextField(
        _("legal basis: forced-demolition notice"), default=DEFAULT_BASIS_FORCED
    )
    review_body = models.CharField(
        _("administrative review body"),
        max_length=100,
        blank=True,
        help_text=_(
            "Where a party applies for administrative review, e.g. the district government."
        ),
    )
    court = models.CharField(
        _("court"), max_length=100, blank=True, help_text=_("Where a party may sue.")
    )
    investigate_amount, investigate_unit = _rule(_("investigation"), "0", DeadlineUnit.WORKDAY_END)
    stop_order_amount, stop_order_unit = _rule(_("stop order"), "1", DeadlineUnit.WORKING_DAYS)
    demolition_order_amount, demolition_order_unit = _rule(
        _("demolition order"), "5", DeadlineUnit.WORKING_DAYS
    )
    reminder_amount, reminder_unit = _rule(
        _("reminder after the self-demolition deadline"), "1", DeadlineUnit.WORKING_DAYS
    )
    forced_amount, forced_unit = _rule(
        _("forced demolition after the self-demolition deadline"), "7", DeadlineUnit.CALENDAR_DAYS
    )
    default_self_demolition_days = models.PositiveSmallIntegerField(
        _("days given for self-demolition (suggested)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    revisit_days = models.JSONField(
        _("revisits after demolition (days)"),
        default=default_revisit_days,
        help_text=_("A list of day counts after demolition, e.g. [30, 90]."),
    )
    detection_radius_m = models.PositiveIntegerField(
        _("duplicate radius for detections (m)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enforcement authority")
        verbose_name_plural = _("enforcement authorities")
        ordering = ["node__path"]

    def __str__(self):
        return self.name

    def rule(self, name: str) -> tuple[Decimal, str]:
        """``(amount, unit)`` of the time limit ``name`` (investigate, stop_order, …)."""
        return getattr(self, f"{name}_amount"), getattr(self, f"{name}_unit")

    def basis_for(self, kind: str) -> str:
        return {
            DocumentKind.STOP_ORDER: self.basis_stop_order,
            DocumentKind.DEMOLITION_ORDER: self.basis_demolition_order,
            DocumentKind.REMINDER: self.basis_reminder,
            DocumentKind.FORCED_NOTICE: self.basis_forced_notice,
        }[kind]


class NumberCounter(models.Model):
    """The last number handed out per authority, sequence and year.

    ``sequence`` is a document kind (each kind has its own word in the number: 停, 拆, 催, 告)
    or ``record`` for record references. Services lock the row while they take a number.
    """

    authority = models.ForeignKey(EnforcementAuthority, on_delete=models.PROTECT, related_name="+")
    sequence = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "sequence", "year"], name="enforcement_counter_unique"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="enforcement_counter_positive"),
        ]

    def __str__(self):
        return f"{self.authority_id}/{self.sequence}/{self.year}: {self.value}"
