"""Checks of a whole GeoJSON file against itself and the tree: codes, parents, levels,
boundaries inside their parents, and (for a scoped import) the user's area."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from gongzhi.org import access
from gongzhi.org.choices import ALLOWED_CHILD_LEVELS, LEVEL_ORDER, Level
from gongzhi.org.geometry import outside_parent_problem, parse_boundary
from gongzhi.org.io.geojson_checks import FeaturePlan, check_feature, raw_code
from gongzhi.org.io.problems import ProblemList
from gongzhi.org.models import Node

IN_CHUNK = 500
IMPORT_PERMISSION = "org.import"


@dataclass
class TreePlan:
    """The checked features in write order (parents first) and what the database holds."""

    features: list[FeaturePlan] = field(default_factory=list)
    existing: dict[str, Node] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)


def _label(level: str) -> str:
    return str(Level(level).label)


def _chunks(items: list, size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _nodes_by_code(codes: set[str]) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for chunk in _chunks(sorted(codes)):
        found.update({n.code: n for n in Node.objects.filter(code__in=chunk)})
    return found


def _parent_codes(nodes: list[Node]) -> dict[str, str | None]:
    """Each node's current parent code, by the node's code."""
    steplen = Node.steplen
    paths = sorted({n.path[:-steplen] for n in nodes if n.depth > 1})
    by_path: dict[str, str] = {}
    for chunk in _chunks(paths):
        by_path.update(Node.objects.filter(path__in=chunk).values_list("path", "code"))
    return {n.code: by_path.get(n.path[:-steplen]) if n.depth > 1 else None for n in nodes}


class _Checker:
    def __init__(self, plans: list[FeaturePlan], problems: ProblemList):
        self.plans = plans
        self.problems = problems
        self.in_file = {p.code: p for p in plans}
        wanted = set(self.in_file) | {p.parent_code for p in plans if p.parent_code}
        self.db = _nodes_by_code(wanted)
        self.db_parent = _parent_codes([self.db[c] for c in self.in_file if c in self.db])
        self._db_geometry: dict[str, object] = {}

    def add(self, plan: FeaturePlan, field_name: str, message: str) -> None:
        self.problems.add(plan.position, field_name, message, plan.code)

    def parent_level(self, code: str) -> str | None:
        if code in self.in_file:
            return self.in_file[code].level
        node = self.db.get(code)
        return node.level if node else None

    def parent_geometry(self, code: str):
        if code in self.in_file:
            return self.in_file[code].geometry
        if code not in self._db_geometry:
            node = self.db[code]
            try:
                self._db_geometry[code] = parse_boundary(node.boundary) if node.boundary else None
            except ValidationError:
                self._db_geometry[code] = None
        return self._db_geometry[code]

    def check_existing(self, plan: FeaturePlan, node: Node) -> None:
        if node.level != plan.level:
            self.add(
                plan,
                "level",
                _("This node exists as a %(existing)s; its level cannot change to %(level)s.")
                % {"existing": _label(node.level), "level": _label(plan.level)},
            )
        current = self.db_parent.get(plan.code)
        if current != plan.parent_code:
            self.add(
                plan,
                "parent_code",
                _("This node sits under %(current)s; moving nodes by import is not supported.")
                % {"current": current or _("the top of the tree")},
            )

    def check_parent(self, plan: FeaturePlan, failed_codes: set[str]) -> None:
        if plan.parent_code is None:
            return
        parent_level = self.parent_level(plan.parent_code)
        if parent_level is None and plan.parent_code in failed_codes:
            return  # the parent's feature is bad and already reported
        if parent_level is None:
            self.add(
                plan,
                "parent_code",
                _("No node with code %(code)s in the file or in the database.")
                % {"code": plan.parent_code},
            )
            return
        if plan.level not in ALLOWED_CHILD_LEVELS[parent_level]:
            self.add(
                plan,
                "level",
                _("A %(child)s cannot sit under a %(parent)s.")
                % {"child": _label(plan.level), "parent": _label(parent_level)},
            )
            return
        if plan.geometry is not None:
            parent_geometry = self.parent_geometry(plan.parent_code)
            if parent_geometry is not None:
                problem = outside_parent_problem(plan.geometry, parent_geometry)
                if problem:
                    self.add(plan, "geometry", problem)

    def check_children_stay_inside(self) -> None:
        """An existing node whose boundary changes must still hold its children not in the file."""
        changed = [
            p
            for p in self.plans
            if p.code in self.db
            and p.geometry is not None
            and self.db[p.code].boundary != p.boundary
        ]
        for chunk in _chunks(changed, 50):
            q = Q(pk__in=[])
            for plan in chunk:
                node = self.db[plan.code]
                q |= Q(path__startswith=node.path, depth=node.depth + 1)
            by_path = {self.db[p.code].path: p for p in chunk}
            children: dict[str, list[Node]] = {path: [] for path in by_path}
            for child in (
                Node.objects.filter(q)
                .exclude(boundary__isnull=True)
                .only("path", "code", "boundary")
            ):
                if child.code not in self.in_file:
                    children[child.path[: -Node.steplen]].append(child)
            for path, plan in by_path.items():
                for child in children[path]:
                    try:
                        problem = outside_parent_problem(
                            parse_boundary(child.boundary), plan.geometry
                        )
                    except ValidationError:
                        continue
                    if problem:
                        self.add(
                            plan,
                            "geometry",
                            _("Child node %(code)s would lie outside the new boundary: %(problem)s")
                            % {"code": child.code, "problem": problem},
                        )
                        break

    def check_scope(self, plan: FeaturePlan, user) -> None:
        node = self.db.get(plan.code)
        if node is not None:
            if not access.can(user, IMPORT_PERMISSION, node):
                self.add(plan, "code", _("This node is not in your area."))
            return
        anchor_code, seen = plan.parent_code, {plan.code}
        while anchor_code in self.in_file and anchor_code not in self.db:
            if anchor_code in seen:
                return  # a cycle of parents, reported by the level check
            seen.add(anchor_code)
            anchor_code = self.in_file[anchor_code].parent_code
        anchor = self.db.get(anchor_code) if anchor_code else None
        if anchor_code is None:
            if not access.user_scope(user).is_global:
                self.add(
                    plan,
                    "parent_code",
                    _("Only a platform administrator may add a node at the top of the tree."),
                )
        elif anchor is not None and not access.can(user, IMPORT_PERMISSION, anchor):
            self.add(
                plan,
                "parent_code",
                _("The parent %(code)s is not in your area.") % {"code": plan.parent_code},
            )


def validate_features(features: list, *, user=None) -> TreePlan:
    """Check every feature; with ``user``, also that each lies in their import area."""
    problems = ProblemList()
    plans: list[FeaturePlan] = []
    first_at: dict[str, int] = {}
    failed_codes: set[str] = set()
    for position, feature in enumerate(features, start=1):
        code = raw_code(feature)
        if code and code in first_at:
            problems.add(
                position,
                "code",
                _("The code %(code)s is already used by feature %(number)d.")
                % {"code": code, "number": first_at[code]},
                code,
            )
            continue
        if code:
            first_at[code] = position
        plan = check_feature(feature, position, problems)
        if plan is None:
            failed_codes.add(code)
        else:
            plans.append(plan)
    checker = _Checker(plans, problems)
    for plan in plans:
        node = checker.db.get(plan.code)
        if node is not None:
            checker.check_existing(plan, node)
        checker.check_parent(plan, failed_codes)
        if user is not None:
            checker.check_scope(plan, user)
    checker.check_children_stay_inside()
    # A parent's level always ranks above its child's (ALLOWED_CHILD_LEVELS only goes down),
    # so ordering by level writes parents first and a cycle of parents cannot pass the checks.
    plans.sort(key=lambda p: (LEVEL_ORDER.index(p.level), p.position))
    return TreePlan(features=plans, existing=checker.db, problems=problems)
