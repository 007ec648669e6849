"""Admin for the org tree: treebeard's tree list with drag-and-drop, guarded by the level rules.

Boundaries entered here go through ``node_set_boundary`` (validated, bounding box kept, every
process's point→grid index invalidated, audited); a move re-checks the level rules and
invalidates the index too, because a grid's path is part of what the index answers.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from gongzhi.core.audit import log_action
from gongzhi.org.admin.audit import AuditedAdminMixin
from gongzhi.org.choices import ALLOWED_CHILD_LEVELS
from gongzhi.org.geometry import outside_parent_problem, parse_boundary
from gongzhi.org.models import Node
from gongzhi.org.services import bump_boundary_version, node_set_boundary


def level_problem(level: str, parent: Node | None) -> str | None:
    """Why a node of ``level`` cannot sit under ``parent`` (None when it can)."""
    if parent is not None and level not in ALLOWED_CHILD_LEVELS[parent.level]:
        return gettext("A %(child)s cannot sit under a %(parent)s.") % {
            "child": level,
            "parent": parent.get_level_display(),
        }
    return None


class NodeAdminForm(MoveNodeForm):
    """Treebeard's move form, plus the tree's level rules and boundary checks."""

    def _new_parent(self) -> Node | None:
        ref = self.cleaned_data.get("treebeard_ref_node")
        if ref is None:
            return None
        if self.cleaned_data.get("treebeard_position") in {"first-child", "sorted-child"}:
            return ref
        return Node.objects.get_parent(ref)

    def clean_boundary(self):
        boundary = self.cleaned_data.get("boundary")
        if boundary in (None, "", {}):
            return None
        parse_boundary(boundary)
        return boundary

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level")
        if not level or "treebeard_position" not in cleaned:
            return cleaned
        parent = self._new_parent()
        problem = level_problem(level, parent)
        if problem:
            raise ValidationError(problem)
        if self.instance.pk:
            for child in Node.objects.get_children(self.instance):
                if child.level not in ALLOWED_CHILD_LEVELS[level]:
                    self.add_error("level", _("Its sub-units could not sit under this level."))
                    break
        boundary = cleaned.get("boundary")
        if boundary and parent is not None and parent.boundary:
            problem = outside_parent_problem(
                parse_boundary(boundary), parse_boundary(parent.boundary)
            )
            if problem:
                self.add_error("boundary", problem)
        return cleaned


@admin.register(Node)
class NodeAdmin(AuditedAdminMixin, TreeAdmin):
    form = movenodeform_factory(
        Node,
        form=NodeAdminForm,
        fields=[
            "level",
            "name",
            "code",
            "boundary",
            "household_count",
            "population",
            "description",
        ],
    )
    list_display = ["name", "level", "code", "household_count", "population"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    readonly_fields = ["path", "depth", "numchild", "bbox_display"]

    @admin.display(description=_("bounding box"))
    def bbox_display(self, obj):
        return ", ".join(f"{v:.6f}" for v in obj.bbox) if obj.bbox else "—"

    def get_actions(self, request):
        # Deleting a subtree is too large a step for a checkbox in a list.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_form(self, request, form, change):
        """Hold the new boundary back: treebeard writes the node here, the service the boundary."""
        if "boundary" in form.changed_data:
            form.new_boundary = form.cleaned_data.get("boundary")
            form.instance.boundary = (
                Node.objects.filter(pk=form.instance.pk).values_list("boundary", flat=True).first()
                if change
                else None
            )
        return super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        moved = change and bool(
            {"treebeard_ref_node", "treebeard_position"} & set(form.changed_data)
        )
        if hasattr(form, "new_boundary"):
            node_set_boundary(node=obj, boundary=form.new_boundary, actor=request.user)
            obj.refresh_from_db()
        elif moved:
            bump_boundary_version()

    def move_node(self, request):
        """Drag-and-drop in the tree list: refuse moves the level rules forbid."""
        try:
            node = Node.objects.get(pk=request.POST.get("node"))
            target = Node.objects.get(pk=request.POST.get("target"))
        except (Node.DoesNotExist, ValueError):
            return super().move_node(request)
        parent = (
            target if request.POST.get("relation") == "child" else Node.objects.get_parent(target)
        )
        problem = level_problem(node.level, parent)
        if problem:
            messages.error(request, problem)
            return HttpResponseBadRequest(problem)
        with transaction.atomic():
            response = super().move_node(request)
            if response.status_code == 200:
                bump_boundary_version()
                log_action(
                    "org.node.admin_moved",
                    actor=request.user,
                    obj=node,
                    data={"via": "admin", "parent": parent.code if parent else None},
                )
        return response
