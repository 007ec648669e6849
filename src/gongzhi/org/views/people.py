"""A person's and a household's page, read through the access chokepoint."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongzhi.org import selectors
from gongzhi.org.access import get_for
from gongzhi.org.disclosure import sees_full_contacts
from gongzhi.org.models import Household, Person


@login_required
@require_GET
def person_detail(request, pk):
    """A person the user may see (404 otherwise): kinds, contacts, household and hub role."""
    person = get_for(
        request.user,
        Person.objects.select_related("node", "household", "household__building", "user"),
        pk=pk,
    )
    context = {
        "person": person,
        "ancestors": list(person.node.ancestors(include_self=True)),
        "full_contacts": sees_full_contacts(request.user, person.node),
        **selectors.person_with_household(request.user, person),
    }
    return render(request, "org/person_detail.html", context)


@login_required
@require_GET
def household_detail(request, pk):
    """A household the user may see (404 otherwise): members and hub-household links."""
    household = get_for(request.user, Household.objects.select_related("building"), pk=pk)
    context = {
        "household": household,
        "ancestors": list(household.building.ancestors(include_self=True)),
        "full_contacts": sees_full_contacts(request.user, household.building),
        **selectors.household_context(request.user, household),
    }
    return render(request, "org/household_detail.html", context)
