"""Forms of the org pages. They parse and validate input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gongzhi.org import selectors
from gongzhi.org.delegation import grantable_roles
from gongzhi.org.models import Node, RoleAssignment
from gongzhi.org.roles import Role

# Above this many nodes the node is typed by its code instead of picked from a list, so that a
# district-wide administrator's page stays small.
NODE_SELECT_LIMIT = 800


class NodeCodeField(forms.ModelChoiceField):
    """A node, given by its code. Any existing code parses; whether the actor may act there is
    the service's decision (refused with 403), not a silent narrowing of the choices."""

    def label_from_instance(self, obj):
        indent = "\u3000" * max(obj.depth - self.base_depth, 0)
        return f"{indent}{obj.name}（{obj.get_level_display()} · {obj.code}）"

    base_depth = 1


class RoleAssignForm(forms.Form):
    """Give a user a role on a node (optionally bound to one of the six forces' parties)."""

    username = forms.CharField(
        label=_("User"),
        max_length=150,
        help_text=_("The login name of an existing account."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=())
    node = NodeCodeField(
        label=_("Node"),
        queryset=Node.objects.all(),
        to_field_name="code",
        error_messages={"invalid_choice": _("There is no node with this code.")},
    )
    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=None,
        required=False,
        help_text=_(
            "Only for people who work for one of the six forces' parties, such as a property "
            "company's handler."
        ),
        error_messages={"invalid_choice": _("Choose a party that serves your area.")},
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["role"].choices = [("", "---------"), *Role.choices]
        self.fields["party"].queryset = selectors.parties_within_reach(actor)
        self.fields["party"].label_from_instance = lambda p: f"{p.name}（{p.get_force_display()}）"
        nodes = list(selectors.manageable_nodes(actor)[: NODE_SELECT_LIMIT + 1])
        node_field = self.fields["node"]
        if len(nodes) > NODE_SELECT_LIMIT:
            node_field.widget = forms.TextInput(attrs={"autocomplete": "off"})
            node_field.help_text = _("Type the node's code.")
        else:
            node_field.base_depth = min((n.depth for n in nodes), default=1)
            # Offer only where the actor manages roles; the queryset stays wide so that another
            # area's code is refused by the service (403), not mistaken for a typo.
            node_field.widget.choices = [("", "---------")] + [
                (n.code, node_field.label_from_instance(n)) for n in nodes
            ]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user_model = get_user_model()
        try:
            return user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise forms.ValidationError(
                _("There is no account with the login name “%(username)s”."),
                code="unknown_user",
                params={"username": username},
            ) from None

    def clean(self):
        cleaned = super().clean()
        user, role, node = cleaned.get("username"), cleaned.get("role"), cleaned.get("node")
        if user and role and node:
            if RoleAssignment.objects.filter(user=user, role=role, node=node).exists():
                raise forms.ValidationError(
                    _("%(user)s already holds this role on %(node)s."),
                    code="duplicate",
                    params={"user": user.get_username(), "node": node.name},
                )
            if node.pk and role not in grantable_roles(self.actor, node) and self._manages(node):
                self.add_error(
                    "role",
                    _("You may not give this role: it carries rights you do not hold there."),
                )
        return cleaned

    def _manages(self, node) -> bool:
        # Outside the actor's area the service refuses the whole request (403); inside it, a
        # role above the actor's own rights is a correctable mistake shown on the field.
        return bool(grantable_roles(self.actor, node))
