"""Role assignments on nodes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.org.roles import Role


class RoleAssignment(models.Model):
    """A user holds a role on a node, which covers the node's whole subtree.

    A department user (a property company's handler, an enforcement officer) is also bound to
    the party they work for.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    node = models.ForeignKey(
        "org.Node",
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("node"),
    )
    party = models.ForeignKey(
        "org.Party",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("party"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "node"], name="role_assignment_unique")
        ]
        ordering = ["node__path", "role"]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.node}"
