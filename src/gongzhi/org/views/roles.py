"""Staff pages to give and take away roles within the subtrees they manage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongzhi.org import selectors, services
from gongzhi.org.delegation import grantable_roles, manages_roles_anywhere
from gongzhi.org.forms import RoleAssignForm
from gongzhi.org.models import Node
from gongzhi.org.names import display_name
from gongzhi.org.roles import Role
from gongzhi.org.views.common import base_query

PAGE_SIZE = 50


def _require_role_manager(user) -> None:
    if not manages_roles_anywhere(user):
        raise PermissionDenied(_("You do not manage roles anywhere."))


@login_required
@require_http_methods(["GET"])
def role_list(request):
    """The role assignments in every subtree where the user manages roles."""
    _require_role_manager(request.user)
    assignments = selectors.manageable_assignments(request.user)
    node_code = request.GET.get("node", "").strip()[:64]
    node = None
    if node_code:
        node = get_object_or_404(
            selectors.manageable_nodes(request.user, exclude_levels=()), code=node_code
        )
        assignments = assignments.filter(node__path__startswith=node.path)
    role = request.GET.get("role", "")
    if role in Role.values:
        assignments = assignments.filter(role=role)
    else:
        role = ""
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("page"))
    for assignment in page:
        assignment.revocable = assignment.role in grantable_roles(request.user, assignment.node)
    return render(
        request,
        "org/roles.html",
        {
            "page": page,
            "filter_node": node,
            "filter_role": role,
            "roles": Role.choices,
            "base_query": base_query(node=node.code if node else "", role=role),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_add(request):
    """Give a user a role; the service checks the actor's rights at the node and audits it."""
    _require_role_manager(request.user)
    initial = {}
    if request.method == "GET" and request.GET.get("node"):
        initial["node"] = request.GET["node"][:64]
    form = RoleAssignForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A node outside the actor's area raises PermissionDenied here: answered with 403.
        assignment = services.role_assign(
            user=data["username"],
            role=data["role"],
            node=data["node"],
            party=data["party"],
            actor=request.user,
        )
        messages.success(
            request,
            _("%(user)s is now %(role)s on %(node)s.")
            % {
                "user": display_name(assignment.user),
                "role": assignment.get_role_display(),
                "node": assignment.node.name,
            },
        )
        return _roles_at(assignment.node)
    return render(request, "org/role_add.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def role_revoke(request, pk):
    """Confirm, then take a role away (only one the user could also have given)."""
    _require_role_manager(request.user)
    assignment = get_object_or_404(selectors.manageable_assignments(request.user), pk=pk)
    if request.method == "POST":
        node: Node = assignment.node
        services.role_revoke(assignment=assignment, actor=request.user)
        messages.success(
            request,
            _("%(user)s is no longer %(role)s on %(node)s.")
            % {
                "user": display_name(assignment.user),
                "role": assignment.get_role_display(),
                "node": node.name,
            },
        )
        return _roles_at(node)
    if assignment.role not in grantable_roles(request.user, assignment.node):
        raise PermissionDenied(_("You may not take this role away."))
    return render(request, "org/role_revoke.html", {"assignment": assignment})


def _roles_at(node: Node):
    return redirect(f"{reverse('org:roles')}?{urlencode({'node': node.code})}")
