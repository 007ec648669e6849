"""The story editor for staff: write, add photos, send for review; approve, return, take down."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongzhi.org.access import get_for
from gongzhi.portal import selectors, services
from gongzhi.portal.choices import StoryState
from gongzhi.portal.forms import NoteForm, PhotoForm, StoryForm
from gongzhi.portal.models import Story, StoryPhoto
from gongzhi.portal.permissions import may_approve, may_edit, may_edit_anywhere


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def story_manage(request):
    if not may_edit_anywhere(request):
        raise PermissionDenied
    stories = list(selectors.stories_to_edit(request.user)[:200])
    return render(request, "portal/manage/list.html", {"stories": stories})


@login_required
def story_new(request):
    if not may_edit_anywhere(request):
        raise PermissionDenied
    form = StoryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Draft saved. Add photos, then send it for review."))
            return redirect("portal:story_edit", story.pk)
    return render(request, "portal/manage/edit.html", {"form": form, "story": None})


def _story(request, pk) -> Story:
    return get_for(
        request.user, Story.objects.select_related("node", "author", "approved_by"), pk=pk
    )


@login_required
def story_edit(request, pk: int):
    story = _story(request, pk)
    initial = {
        "title": story.title,
        "node": story.node,
        "summary": story.summary,
        "body": story.body,
        "byline": story.byline,
        "tags": ", ".join(t.name for t in story.tags.all()),
        "published_on": story.published_at.date() if story.published_at else None,
    }
    form = StoryForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_update(story=story, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("portal:story_edit", story.pk)
    return render(
        request,
        "portal/manage/edit.html",
        {
            "form": form,
            "story": story,
            "photos": list(story.photos.all()),
            "photo_form": PhotoForm(),
            "note_form": NoteForm(),
            "is_draft": story.state == StoryState.DRAFT,
            "may_edit": may_edit(request.user, story),
            "may_approve": may_approve(request.user, story) and story.author_id != request.user.pk,
        },
    )


@login_required
@require_POST
def photo_add(request, pk: int):
    story = _story(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("portal:story_edit", story.pk)
    try:
        services.story_photo_add(
            story=story,
            actor=request.user,
            upload=form.cleaned_data["photo"],
            caption=form.cleaned_data["caption"],
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Photo added."))
    return redirect("portal:story_edit", story.pk)


@login_required
@require_POST
def photo_delete(request, pk: int, photo_pk: int):
    story = _story(request, pk)
    photo = get_object_or_404(StoryPhoto, story=story, pk=photo_pk)
    try:
        services.story_photo_remove(photo=photo, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("portal:story_edit", story.pk)


MOVES = {
    "submit": (services.story_submit, gettext_lazy("Sent for review.")),
    "approve": (services.story_approve, gettext_lazy("Published.")),
    "return": (services.story_return, gettext_lazy("Returned to the author.")),
    "unpublish": (services.story_unpublish, gettext_lazy("Taken down; it is a draft again.")),
}


@login_required
@require_POST
def story_move(request, pk: int, action: str):
    story = _story(request, pk)
    if action not in MOVES:
        raise Http404
    service, done = MOVES[action]
    kwargs = {}
    if action in {"return", "unpublish"}:
        form = NoteForm(request.POST)
        kwargs["note"] = form.data.get("note", "")[:500]
    try:
        service(story=story, actor=request.user, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, str(done))
    return redirect("portal:story_edit", story.pk)
