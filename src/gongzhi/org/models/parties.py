"""The six forces' parties, partner units, and the party tree on the org tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.org.choices import Force, PartnerKind, PartyOrgKind


class Party(models.Model):
    """An organisation of one of the six forces: a property company, an owners' committee, a
    street's law-enforcement bureau, a regulator, the party organisation, a residents' group.

    It serves the nodes it is bound to (and their subtrees); case routing looks for the party of
    the responsible force bound nearest up the tree from the case's node.
    """

    name = models.CharField(_("name"), max_length=100)
    force = models.CharField(_("force"), max_length=20, choices=Force.choices, db_index=True)
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    nodes = models.ManyToManyField(
        "org.Node", through="org.PartyBinding", related_name="parties", verbose_name=_("serves")
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["force", "name"]

    def __str__(self):
        return self.name


class PartyBinding(models.Model):
    """A party serves a node (and everything below it)."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="bindings")
    node = models.ForeignKey("org.Node", on_delete=models.CASCADE, related_name="party_bindings")

    class Meta:
        verbose_name = _("party binding")
        verbose_name_plural = _("party bindings")
        constraints = [
            models.UniqueConstraint(fields=["party", "node"], name="party_binding_unique")
        ]

    def __str__(self):
        return f"{self.party} → {self.node}"


class PartnerUnit(models.Model):
    """A partner unit (共建单位) or street merchant (沿街商户) of a grid."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="partners", verbose_name=_("node")
    )
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("partner unit")
        verbose_name_plural = _("partner units")
        ordering = ["node__path", "kind", "name"]

    def __str__(self):
        return self.name


class PartyOrg(models.Model):
    """A party organisation on a node: committee (community), branch (grid), group (microgrid)."""

    node = models.OneToOneField(
        "org.Node", on_delete=models.CASCADE, related_name="party_org", verbose_name=_("node")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PartyOrgKind.choices)
    name = models.CharField(_("name"), max_length=100)
    secretary = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("secretary"),
    )

    class Meta:
        verbose_name = _("party organisation")
        verbose_name_plural = _("party organisations")

    def __str__(self):
        return self.name


class HubHousehold(models.Model):
    """A hub household (党员中心户): a party member's household that looks after its neighbours."""

    household = models.OneToOneField(
        "org.Household", on_delete=models.CASCADE, related_name="hub", verbose_name=_("household")
    )
    member = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("party member")
    )
    group = models.ForeignKey(
        PartyOrg,
        on_delete=models.PROTECT,
        related_name="hub_households",
        verbose_name=_("party group"),
    )
    looked_after = models.ManyToManyField(
        "org.Household", related_name="hub_households", blank=True, verbose_name=_("looks after")
    )

    class Meta:
        verbose_name = _("hub household")
        verbose_name_plural = _("hub households")

    def __str__(self):
        return str(self.household)
