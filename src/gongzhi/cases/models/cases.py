"""A case (民情诉求) and what hangs directly off it: answers, supports, timeline events."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.choices import Action, Channel, LinkReason, State, Step
from gongzhi.core.indexes import where_set
from gongzhi.org.access import ScopedQuerySet

HANDLE_PERMISSION = "cases.handle"

# Open cases, written as the partial indexes below state it. A query that wants those indexes
# repeats this condition exactly (``.filter(OPEN_CASE_CONDITION)``): SQLite matches a partial
# index only when the query's terms are the index's own, and a list of bound values
# (``state IN (?, ?, …)``) never matches; one comparison per term does.
OPEN_CASE_CONDITION = ~Q(state=State.CLOSED) & ~Q(state=State.REJECTED) & ~Q(state=State.MERGED)


class CaseQuerySet(ScopedQuerySet):
    """Cases, narrowed by the access chokepoint and by the usual filters."""

    def open(self):
        from gongzhi.cases.choices import OPEN_STATES

        return self.filter(state__in=OPEN_STATES)

    def overdue(self, now):
        return self.open().filter(step_deadline_at__lt=now)

    def in_subtree(self, node):
        return self.filter(node__path__startswith=node.path)


class Case(models.Model):
    """One report of a problem, from intake to closing, rating and revisit.

    The case is placed in the deepest node of the org tree that contains its location, routed to
    the party of the category's responsible force bound nearest up the tree (the routing and its
    explanation are stored), and moved through its states only by the services in
    ``gongzhi.cases.services``. ``step``/``step_started_at``/``step_deadline_at`` are the clock of
    the step the case currently waits on; ``version`` grows with every change so that a client
    can say which version it acted on.
    """

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    category = models.ForeignKey(
        "cases.Category",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("category"),
        db_index=False,
    )
    description = models.TextField(_("description"))
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    node = models.ForeignKey(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("grid"),
        db_index=False,
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # The reporter: a known person and/or a login; contact details for the follow-up call.
    reporter_person = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_cases",
        verbose_name=_("reporter"),
        db_index=False,
    )
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_cases",
        verbose_name=_("reporter's login"),
        db_index=False,
    )
    reporter_name = models.CharField(_("reporter's name"), max_length=50, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=20, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    is_public = models.BooleanField(_("shown publicly"), default=False)
    # The reporter's own word on publication: True agreed, False refused, None not asked (an
    # Open311 client or a hotline call). ``is_public`` is what is published now; see
    # ``gongzhi.cases.publication``.
    publish_consent = models.BooleanField(_("reporter agrees to publication"), null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    external_id = models.CharField(_("external id"), max_length=64, blank=True)
    # A link to a photo elsewhere, as an Open311 client sent it: stored, never fetched.
    media_url = models.URLField(_("media URL"), max_length=500, blank=True)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=128, null=True, blank=True, unique=True
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REPORTED
    )
    step = models.CharField(_("current step"), max_length=12, choices=Step.choices, blank=True)
    step_seq = models.PositiveIntegerField(_("step number"), default=0)
    step_started_at = models.DateTimeField(_("step started"), null=True, blank=True)
    step_deadline_at = models.DateTimeField(_("step deadline"), null=True, blank=True)
    was_overdue = models.BooleanField(_("was overdue"), default=False)
    routed_party = models.ForeignKey(
        "org.Party",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("suggested party"),
    )
    routing = models.JSONField(_("routing"), default=dict, blank=True)
    routing_text = models.CharField(_("routing explanation"), max_length=500, blank=True)
    assigned_party = models.ForeignKey(
        "org.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        verbose_name=_("assigned to"),
        db_index=False,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_cases",
        verbose_name=_("handler"),
        db_index=False,
    )
    rework_count = models.PositiveIntegerField(_("rework count"), default=0)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    close_count = models.PositiveIntegerField(_("times closed"), default=0)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
        verbose_name=_("merged into"),
        db_index=False,
    )
    linked_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="linked_cases",
        verbose_name=_("follows up on"),
        db_index=False,
    )
    link_reason = models.CharField(
        _("link reason"), max_length=16, choices=LinkReason.choices, blank=True
    )
    parked_review_on = models.DateField(_("parked: review on"), null=True, blank=True)
    resolution_note = models.TextField(_("resolution"), blank=True)
    reported_at = models.DateTimeField(_("reported at"))
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    handling_started_at = models.DateTimeField(_("handling started at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    merged_at = models.DateTimeField(_("merged at"), null=True, blank=True)
    parked_at = models.DateTimeField(_("parked at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = CaseQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "cases.view"

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-reported_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~Q(external_id=""),
                name="case_external_id_per_channel",
            ),
            models.CheckConstraint(
                condition=(Q(state=State.MERGED) & Q(merged_into__isnull=False))
                | (~Q(state=State.MERGED) & Q(merged_into__isnull=True)),
                name="case_merged_has_target",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True) | (Q(lat__gte=-90) & Q(lat__lte=90)),
                name="case_lat_range",
            ),
            models.CheckConstraint(
                condition=Q(lon__isnull=True) | (Q(lon__gte=-180) & Q(lon__lte=180)),
                name="case_lon_range",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "step_deadline_at"], name="case_state_deadline"),
            models.Index(fields=["category", "reported_at"], name="case_category_time"),
            models.Index(fields=["lat", "lon"], name="case_latlon"),
            models.Index(fields=["assigned_party", "state"], name="case_party_state"),
            models.Index(fields=["node", "state"], name="case_node_state"),
            models.Index(fields=["state", "closed_at"], name="case_state_closed"),
            models.Index(fields=["reported_at"], name="case_reported_at"),
            # Set on few cases, or not yet when a case is reported (core.indexes): each an
            # index of the rows where it is set. category, node and assigned_party lead the
            # composite indexes above, which serve their lookups.
            where_set("reporter_person", "case_reporter_person"),
            where_set("reporter_user", "case_reporter_user"),
            where_set("handler", "case_handler"),
            where_set("merged_into", "case_merged_into"),
            where_set("linked_from", "case_linked_from"),
            # The duplicate probe: open cases only, so their size follows the backlog, not
            # the history (a million closed cases add nothing to them).
            models.Index(
                fields=["category", "lat", "lon"],
                condition=OPEN_CASE_CONDITION,
                name="case_open_category_place",
            ),
            models.Index(
                fields=["node", "category", "reported_at"],
                condition=OPEN_CASE_CONDITION,
                name="case_open_node_category",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("cases:case_detail", args=[self.reference])

    @classmethod
    def extra_visibility(cls, user, scope) -> Q:
        """Besides their subtree: a resident sees their own reports; a department's handlers
        see the cases dispatched to their party; anyone sees the cases they handle."""
        # Grant.grants: a role's permissions, or an API key's own list when it acts for a party.
        parties = {g.party_id for g in scope.grants if g.party_id and g.grants(HANDLE_PERMISSION)}
        q = Q(reporter_user=user) | Q(handler=user)
        if parties:
            q |= Q(assigned_party_id__in=parties)
        return q

    @property
    def is_open(self) -> bool:
        from gongzhi.cases.choices import OPEN_STATES

        return self.state in OPEN_STATES

    @property
    def summary(self) -> str:
        text = " ".join(self.description.split())
        return text if len(text) <= 40 else text[:39] + "…"


class CaseAnswer(models.Model):
    """The reporter's answer to one of the category's extra questions (cleaned JSON value)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "cases.CategoryQuestion", on_delete=models.PROTECT, related_name="answers"
    )
    value = models.JSONField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["case", "question"], name="case_answer_unique")
        ]

    def __str__(self):
        return f"{self.question.code}={self.value}"


class CaseSupport(models.Model):
    """Another resident says "me too" instead of reporting the same problem again."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(user__isnull=False),
                name="case_support_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=Q(person__isnull=False),
                name="case_support_once_per_person",
            ),
        ]

    def __str__(self):
        return f"+1 {self.case}"


class CaseEvent(models.Model):
    """One entry of a case's timeline, written by the same service that writes the audit entry.

    ``action`` is an ``Action`` code; residents see the entries marked ``public``.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=16, choices=State.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    public = models.BooleanField(_("public"), default=False)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="case_event_time")]

    def __str__(self):
        return f"{self.case} {self.action}"


class CaseCounter(models.Model):
    """The last reference number handed out per prefix and day (XS-20261129-0042)."""

    prefix = models.CharField(max_length=8)
    day = models.DateField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day"], name="case_counter_unique")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.day:%Y%m%d}: {self.value}"
