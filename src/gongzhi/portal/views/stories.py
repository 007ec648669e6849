"""Stories for the public: the list (by place and tag) and a story's page."""

from __future__ import annotations

from django.shortcuts import render

from gongzhi.portal import selectors
from gongzhi.portal.models import Tag
from gongzhi.portal.views.common import paginate


def story_list(request):
    place = selectors.place_from_query(request.GET.get("place"))
    tag = (request.GET.get("tag") or "")[:20]
    stories = selectors.published_stories(node=place, tag=tag)
    page, query = paginate(request, stories, per_page=10)
    return render(
        request,
        "portal/story_list.html",
        {
            "page": page,
            "query": query,
            "place": place,
            "tag": tag,
            "tags": Tag.objects.filter(stories__state="published").distinct(),
        },
    )


def story_detail(request, pk: int):
    story = selectors.public_story(pk)
    return render(
        request,
        "portal/story_detail.html",
        {"story": story, "photos": list(story.photos.all()), "tags": list(story.tags.all())},
    )
