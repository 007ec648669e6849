from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Levels of the org tree, from the top down."""

    DISTRICT = "district", _("district")
    STREET = "street", _("street")
    COMMUNITY = "community", _("community")
    GRID = "grid", _("grid")
    MICROGRID = "microgrid", _("microgrid")
    BUILDING = "building", _("building")


LEVEL_ORDER = [choice.value for choice in Level]
# Which level may sit directly below which (a street may hold communities; a development zone
# is modelled as a street-level node).
ALLOWED_CHILD_LEVELS = {
    Level.DISTRICT: {Level.STREET},
    Level.STREET: {Level.COMMUNITY},
    Level.COMMUNITY: {Level.GRID},
    Level.GRID: {Level.MICROGRID, Level.BUILDING},
    Level.MICROGRID: {Level.BUILDING},
    Level.BUILDING: set(),
}


class Force(models.TextChoices):
    """The six forces (六力) that share the work of governing a neighbourhood."""

    PARTY = "party", _("party organisation")
    REGULATOR = "regulator", _("regulator")
    ENFORCEMENT = "enforcement", _("law enforcement")
    OWNERS_COMMITTEE = "owners_committee", _("owners' committee")
    PROPERTY_MANAGER = "property_manager", _("property company")
    RESIDENTS = "residents", _("residents' self-governance")


class PartyMemberKind(models.TextChoices):
    EMPLOYED = "employed", _("employed party member")
    RETIRED = "retired", _("retired party member")
    MOBILE = "mobile", _("mobile party member")
    VETERAN = "veteran", _("veteran party member")


class PartyOrgKind(models.TextChoices):
    """The party tree on the org tree: committee → branch → group (→ hub households)."""

    COMMITTEE = "committee", _("party committee")
    BRANCH = "branch", _("party branch")
    GROUP = "group", _("party group")


PARTY_ORG_LEVEL = {
    PartyOrgKind.COMMITTEE: {Level.COMMUNITY, Level.STREET, Level.DISTRICT},
    PartyOrgKind.BRANCH: {Level.GRID},
    PartyOrgKind.GROUP: {Level.MICROGRID, Level.BUILDING},
}


class PartnerKind(models.TextChoices):
    PARTNER_UNIT = "partner_unit", _("partner unit")
    STREET_MERCHANT = "street_merchant", _("street merchant")


class Gender(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")
