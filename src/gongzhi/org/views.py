from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from gongzhi.org.access import get_for
from gongzhi.org.models import Household, Node, Person


@login_required
def node_browser(request):
    roots = Node.get_root_nodes()
    return render(request, "org/browser.html", {"roots": roots})


@login_required
def node_detail(request, code):
    node = get_object_or_404(Node, code=code)
    return render(request, "org/node_detail.html", {"node": node})


@login_required
def person_detail(request, pk):
    person = get_for(request.user, Person, pk=pk)
    return render(request, "org/person_detail.html", {"person": person})


@login_required
def household_detail(request, pk):
    household = get_for(request.user, Household, pk=pk)
    return render(request, "org/household_detail.html", {"household": household})
