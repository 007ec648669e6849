"""Long-term assistance files (帮扶档案): who is helped and why, consent, plan, helpers and
a timeline of visits. The sensitive details live in their own table behind the chokepoint."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.charity.choices import ConsentScope, FileState, VisitKind
from gongzhi.org.access import ScopedQuerySet


class AssistanceFile(models.Model):
    """A person or household in need and the help given to them over the years.

    Public stories use ``pseudonym`` unless consent (``consent_scope``) allows the real name;
    with no consent nothing is published.
    """

    node = models.ForeignKey(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="assistance_files",
        verbose_name=_("community"),
    )
    person = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assistance_files",
        verbose_name=_("person"),
    )
    household = models.ForeignKey(
        "org.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assistance_files",
        verbose_name=_("household"),
    )
    subject_name = models.CharField(_("name"), max_length=50)
    pseudonym = models.CharField(_("pseudonym"), max_length=50)
    categories = models.JSONField(_("categories"), default=list)
    reason = models.TextField(_("why help is needed"), max_length=4000)
    plan = models.TextField(_("plan"), max_length=4000, blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="charity_cases",
        verbose_name=_("caseworker"),
    )
    organisation = models.ForeignKey(
        "charity.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assistance_files",
        verbose_name=_("helping organisation"),
    )
    party_member = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="paired_assistance_files",
        verbose_name=_("paired party member (结对)"),
    )
    volunteers = models.ManyToManyField(
        "org.Person", blank=True, related_name="+", verbose_name=_("volunteers")
    )
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_by = models.CharField(_("consent given by"), max_length=50, blank=True)
    consent_scope = models.CharField(
        _("publication allowed"),
        max_length=10,
        choices=ConsentScope.choices,
        default=ConsentScope.NONE,
    )
    state = models.CharField(
        _("state"), max_length=8, choices=FileState.choices, default=FileState.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "charity.view_assistance"

    class Meta:
        verbose_name = _("assistance file")
        verbose_name_plural = _("assistance files")
        ordering = ["node__path", "-opened_on", "id"]

    def __str__(self):
        return self.pseudonym

    @staticmethod
    def extra_visibility(user, scope):
        return Q(caseworker=user)

    @property
    def public_name(self) -> str:
        """The name public stories use: the real one only when consent says so."""
        if self.consent_scope == ConsentScope.NAMED:
            return self.subject_name
        return self.pseudonym

    @property
    def publishable(self) -> bool:
        return self.consent_scope != ConsentScope.NONE and self.consent_on is not None


class SensitiveDetails(models.Model):
    """An assistance file's sensitive fields. Read only through the chokepoint
    (``get_for(user, SensitiveDetails, file=…)``): the file's caseworker and holders of
    ``charity.view_sensitive`` (the community's charity officer). Every read is audited by
    ``selectors.sensitive_details``."""

    file = models.OneToOneField(
        AssistanceFile, on_delete=models.CASCADE, related_name="sensitive", primary_key=True
    )
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    health = models.TextField(_("health"), max_length=2000, blank=True)
    income = models.CharField(_("income"), max_length=200, blank=True)
    exact_address = models.CharField(_("exact address"), max_length=200, blank=True)
    school = models.CharField(_("child's school"), max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "file__node"
    view_permission = "charity.view_sensitive"

    class Meta:
        verbose_name = _("sensitive details")
        verbose_name_plural = _("sensitive details")

    def __str__(self):
        return str(self.file)

    @staticmethod
    def extra_visibility(user, scope):
        return Q(file__caseworker=user)


class Visit(models.Model):
    """One entry on a file's timeline: a visit, support given or a call."""

    file = models.ForeignKey(AssistanceFile, on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(_("kind"), max_length=10, choices=VisitKind.choices)
    visited_on = models.DateField(_("date"))
    note = models.TextField(_("note"), max_length=4000)
    support = models.CharField(_("support given"), max_length=300, blank=True)
    is_public = models.BooleanField(_("part of the public story"), default=False)
    photo = models.ImageField(_("photo"), upload_to="charity/visits/%Y/%m/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "file__node"
    view_permission = "charity.view_assistance"

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["file", "-visited_on", "-id"]

    def __str__(self):
        return f"{self.file} · {self.visited_on}"

    @staticmethod
    def extra_visibility(user, scope):
        return Q(file__caseworker=user)
