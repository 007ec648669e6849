"""The portal's demo: the seed briefs as published stories with small photos, the grids'
contact cards and a basemap generated from the demo boundaries."""

from django.urls import reverse

from gongzhi.org.demo import places
from gongzhi.portal.choices import StoryState
from gongzhi.portal.demo_stories import STORIES
from gongzhi.portal.models import BasemapTile, GridContact, Story


def test_the_seed_briefs_are_published_stories_with_photos(demo_db, client):
    stories = Story.objects.all()
    assert stories.count() == len(STORIES)
    assert set(stories.values_list("state", flat=True)) == {StoryState.PUBLISHED}
    for story in stories:
        assert story.approved_by_id and story.approved_by_id != story.author_id
        photo = story.photos.first()
        assert photo is not None and photo.thumb.size < 40_000
    first = stories.get(title__startswith="新胜社区以党建引领")
    assert "<h2>" in first.body
    assert client.get(first.get_absolute_url()).status_code == 200


def test_xinsheng_grids_publish_their_work_phones(demo_db):
    cards = GridContact.objects.filter(node__code__in=places.XINSHENG_GRID_CODES)
    assert cards.count() == len(places.XINSHENG_GRID_CODES)
    assert all(c.person_id and c.work_phone.startswith("0513-") for c in cards)


def test_the_demo_basemap_is_small_and_covers_the_compound(demo_db, client):
    tiles = BasemapTile.objects.all()
    assert tiles.filter(z=16).exists() and tiles.filter(z=11).exists()
    assert max(len(t.data) for t in tiles) < 20_000
    assert any('"building"' in t.data for t in tiles.filter(z=16))


def test_the_community_home_shows_live_figures(demo_db, client):
    body = client.get(reverse("portal:place", args=[places.XINSHENG_CODE])).content.decode()
    assert 'data-figure="reports_received"' in body and 'data-figure="volunteer_hours"' in body
