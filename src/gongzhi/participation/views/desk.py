"""What the staff pages share: reading a category, party, person or id from a form, and
running one service with its refusal shown as a message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from gongzhi.org.models import Party, Person
from gongzhi.participation.views.common import errors_of


def require_any(user, permission):
    from gongzhi.org.access import user_scope

    scope = user_scope(user)
    if not (scope.is_global or scope.paths_for(permission)):
        raise Http404


def category_from(request):
    from gongzhi.cases.models import Category

    code = (request.POST.get("category") or "").strip()
    category = Category.objects.filter(code=code[:40], is_group=False, is_active=True).first()
    if category is None:
        raise ValidationError({"category": _("Choose a category from the list.")})
    return category


def leaf_categories():
    from gongzhi.cases.models import Category

    return Category.objects.filter(is_group=False, is_active=True).order_by("code")


def party_from(request, name="owner_party"):
    value = (request.POST.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValidationError({name: _("Choose a party from the list.")})
    party = Party.objects.filter(pk=int(value), is_active=True).first()
    if party is None:
        raise ValidationError({name: _("Choose a party from the list.")})
    return party


def person_from(request, node, name="person"):
    value = (request.POST.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValidationError({name: _("Choose a person from the list.")})
    person = Person.objects.filter(pk=int(value)).select_related("node").first()
    if person is None or not person.node.path.startswith(node.path[:12]):
        raise ValidationError({name: _("This person belongs to another community.")})
    return person


def parties_for(node):
    from gongzhi.org.selectors import parties_serving

    return sorted(
        {b.party for f in parties_serving(node) for b in f.bindings},
        key=lambda p: (p.force, p.name),
    )


def int_from(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def run_action(request, func):
    try:
        _result, message = func()
    except ValidationError as exc:
        for msgs in errors_of(exc).values():
            for msg in msgs:
                messages.error(request, msg)
        return False
    except PermissionDenied:
        messages.error(request, _("You may not do this here."))
        return False
    messages.success(request, message)
    return True
