"""The service catalogue (服务清单) and residents' requests for a service."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.participation.choices import Audience, RequestState


class ServiceEntryQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(is_active=True)


class ServiceEntry(models.Model):
    """What one provider offers on a node: a party, a partner unit or a volunteer team.

    ``provider_name`` is kept for display so that the list needs no joins per provider kind.
    """

    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="service_entries", verbose_name=_("area")
    )
    provider_party = models.ForeignKey(
        "org.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider_partner = models.ForeignKey(
        "org.PartnerUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider_team = models.ForeignKey(
        "volunteering.ServiceTeam",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    provider_name = models.CharField(_("provider"), max_length=100)
    title = models.CharField(_("service"), max_length=100)
    description = models.TextField(_("what is offered"), blank=True)
    audience = models.CharField(
        _("for whom"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE
    )
    how_to_request = models.CharField(_("how to request it"), max_length=200, blank=True)
    availability = models.CharField(_("availability"), max_length=100, blank=True)
    is_active = models.BooleanField(_("offered"), default=True)
    labels = models.ManyToManyField(
        "volunteering.Label", blank=True, related_name="services", verbose_name=_("programmes")
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ServiceEntryQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "participation.view"

    class Meta:
        verbose_name = _("service catalogue entry")
        verbose_name_plural = _("service catalogue")
        ordering = ["node__path", "provider_name", "title"]

    def __str__(self):
        return f"{self.provider_name} · {self.title}"

    def get_absolute_url(self):
        return reverse("participation:service_detail", args=[self.pk])


class ServiceRequest(models.Model):
    """A resident asks for a catalogue service; tracked to done like a small demand."""

    entry = models.ForeignKey(ServiceEntry, on_delete=models.PROTECT, related_name="requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("what you need"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=RequestState.choices, default=RequestState.REQUESTED
    )
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "entry__node"
    view_permission = "participation.view"

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.entry} · {self.get_state_display()}"

    @classmethod
    def extra_visibility(cls, user, scope):
        return Q(user=user)
