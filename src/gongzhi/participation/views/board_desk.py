"""Board moderation: the queue, a post's page, its original (audited) and the actions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongzhi.org.access import get_for
from gongzhi.org.models import Person
from gongzhi.participation import selectors, services
from gongzhi.participation.models import BoardPost
from gongzhi.participation.permissions import MODERATE, may
from gongzhi.participation.views.desk import (
    category_from,
    leaf_categories,
    person_from,
    require_any,
    run_action,
)


@login_required
@require_GET
def moderation(request):
    require_any(request.user, MODERATE)
    page = Paginator(selectors.pending_posts(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "participation/staff/moderation.html", {"page": page})


def _moderated_post(user, pk, queryset=None):
    """A post the user moderates; its author without the permission gets 404 like anyone."""
    post = get_for(user, queryset if queryset is not None else BoardPost, MODERATE, pk=pk)
    if not may(user, MODERATE, post.node):
        raise Http404
    return post


@login_required
@require_GET
def post_moderate(request, pk):
    post = _moderated_post(
        request.user, pk, BoardPost.objects.select_related("node", "author_person", "case")
    )
    return render(
        request,
        "participation/staff/post_moderate.html",
        {
            "post": post,
            "categories": leaf_categories(),
            "people": Person.objects.filter(node__path__startswith=post.node.path[:12]).order_by(
                "name"
            )[:300],
        },
    )


@login_required
@require_GET
def post_original(request, pk):
    """The unredacted photo, for the post's moderators only (it still has no EXIF)."""
    from gongzhi.participation.views.common import serve_file

    post = _moderated_post(request.user, pk)
    return serve_file(post.original, private=True)


def _post_action(request, post, action):
    user, data = request.user, request.POST
    if action == "approve":
        from gongzhi.participation.images import parse_boxes

        return services.post_approve(
            post=post, blur_boxes=parse_boxes(data.get("blur_boxes", "")), actor=user
        ), _("Approved: the post is public.")
    if action == "reject":
        return services.post_reject(post=post, reason=data.get("reason", ""), actor=user), _(
            "Rejected."
        )
    if action == "hide":
        return services.post_hide(post=post, reason=data.get("reason", ""), actor=user), _(
            "Hidden."
        )
    if action == "to_case":
        return services.post_to_case(post=post, category=category_from(request), actor=user), _(
            "The post is now a case."
        )
    if action == "praise":
        return services.post_award_praise(
            post=post, person=person_from(request, post.node), actor=user
        ), _("Good-deed points awarded.")
    raise Http404


@login_required
@require_POST
def post_act(request, pk, action):
    post = _moderated_post(request.user, pk)
    ok = run_action(request, lambda: _post_action(request, post, action))
    if ok and action in ("approve", "reject"):
        return redirect("participation:moderation")
    return redirect("participation:post_moderate", pk=post.pk)
