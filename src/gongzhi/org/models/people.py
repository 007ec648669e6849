"""Households under buildings, and the people of the community."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.core import masking
from gongzhi.org.access import ScopedQuerySet
from gongzhi.org.choices import Gender, PartyMemberKind


def validate_id_number(value: str) -> None:
    """An ID number, when given, must be a real one: shape, birth date and check digit."""
    from gongzhi.org.io.idnumber import parse_id_number

    if not value:
        return
    try:
        parse_id_number(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="invalid_id_number") from exc


class Household(models.Model):
    """A household (户) living in a building."""

    building = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="households", verbose_name=_("building")
    )
    unit = models.CharField(_("unit and room"), max_length=40, help_text=_("e.g. 2单元502室"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "building"
    view_permission = "org.view_household"

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(fields=["building", "unit"], name="household_unique_unit")
        ]
        ordering = ["building__path", "unit"]

    def __str__(self):
        return self.address or f"{self.building.name} {self.unit}"

    def get_absolute_url(self):
        return reverse("org:household_detail", args=[self.pk])

    @property
    def public_address(self) -> str:
        return masking.mask_address(str(self))


class Person(models.Model):
    """A person known to the community: resident, party member, grid worker, staff, volunteer.

    ``node`` is the deepest node the person belongs to (their building, or the grid a grid worker
    serves); it is what access is scoped by.
    """

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    id_number = models.CharField(
        _("ID number"), max_length=18, blank=True, validators=[validate_id_number]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="people", verbose_name=_("node")
    )
    household = models.ForeignKey(
        Household,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("household"),
    )
    relation = models.CharField(_("relation to head"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("login"),
    )
    is_resident = models.BooleanField(_("resident"), default=True)
    party_member_kind = models.CharField(
        _("party member"), max_length=16, choices=PartyMemberKind.choices, blank=True
    )
    is_grid_worker = models.BooleanField(_("grid worker"), default=False)
    is_staff_member = models.BooleanField(_("community staff"), default=False)
    is_volunteer = models.BooleanField(_("volunteer"), default=False)
    public_name = models.BooleanField(
        _("show my name publicly"),
        default=False,
        help_text=_("When off, the name appears masked (张*) on public pages and walls."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "org.view_person"

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["node__path", "name", "id"]
        indexes = [models.Index(fields=["phone"])]
        constraints = [
            # One person per ID number; many people may have none recorded.
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~Q(id_number=""),
                name="org_person_id_number_unique",
                violation_error_message=_("Someone with this ID number is already registered."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:person_detail", args=[self.pk])

    @property
    def is_party_member(self) -> bool:
        return bool(self.party_member_kind)

    @property
    def display_name(self) -> str:
        """The name as it may appear on public pages."""
        return self.name if self.public_name else masking.mask_name(self.name)

    @property
    def kinds(self) -> list[str]:
        labels = []
        if self.is_resident:
            labels.append(str(_("resident")))
        if self.party_member_kind:
            labels.append(self.get_party_member_kind_display())
        if self.is_grid_worker:
            labels.append(str(_("grid worker")))
        if self.is_staff_member:
            labels.append(str(_("community staff")))
        if self.is_volunteer:
            labels.append(str(_("volunteer")))
        return labels
