"""Stories: sanitised bodies, draft → review → published by someone else, photos made small."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.core.models import AuditEntry
from gongzhi.portal.choices import StoryState
from gongzhi.portal.models import Story, StoryPhoto
from gongzhi.portal.sanitize import clean_body
from gongzhi.portal.services import (
    story_approve,
    story_create,
    story_photo_add,
    story_return,
    story_submit,
    story_update,
)
from tests.portal.conftest import image_upload


def test_scripts_handlers_and_javascript_links_are_removed():
    html = clean_body(
        '<h2>标题</h2><p onclick="x()">段落<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">链接</a><img src=x onerror=alert(1)>'
    )
    assert "<h2>标题</h2>" in html
    assert "script" not in html and "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html and "<img" not in html


def test_plain_text_becomes_paragraphs_and_headings():
    html = clean_body("## 小标题\n第一段\n\n第二段 <没有标签>")
    assert html.startswith("<h2>小标题</h2>")
    assert "<p>第一段</p>" in html


def test_a_story_with_a_script_is_stored_safe_and_shown_safe(publish, client):
    story = publish(body='<p>好消息</p><script>alert("x")</script>')
    assert "<script" not in Story.objects.get(pk=story.pk).body
    body = client.get(story.get_absolute_url()).content.decode()
    assert "好消息" in body and 'alert("x")' not in body


def test_a_story_is_public_only_once_approved(world, client):
    staff = world["users"]["staff"]
    story = story_create(actor=staff, node=world["community"], title="草稿", body="内容")
    assert client.get(story.get_absolute_url()).status_code == 404
    story_submit(story=story, actor=staff)
    assert client.get(story.get_absolute_url()).status_code == 404
    story = story_approve(story=story, actor=world["users"]["supervisor"])
    assert story.state == StoryState.PUBLISHED and story.approved_by == world["users"]["supervisor"]
    assert client.get(story.get_absolute_url()).status_code == 200
    actions = set(
        AuditEntry.objects.filter(object_id=str(story.pk)).values_list("action", flat=True)
    )
    assert {"portal.story.created", "portal.story.submitted", "portal.story.published"} <= actions


def test_the_author_cannot_approve_their_own_story(world):
    staff = world["users"]["staff"]
    story = story_create(actor=staff, node=world["community"], title="自己批", body="内容")
    story_submit(story=story, actor=staff)
    with pytest.raises(PermissionDenied):
        story_approve(story=story, actor=staff)
    assert Story.objects.get(pk=story.pk).state == StoryState.REVIEW


def test_someone_without_the_permission_cannot_write(world):
    with pytest.raises(PermissionDenied):
        story_create(
            actor=world["users"]["grid_worker"], node=world["community"], title="x", body="y"
        )


def test_a_draft_needs_a_title_and_text(world):
    with pytest.raises(ValidationError) as raised:
        story_create(actor=world["users"]["staff"], node=world["community"], title=" ", body="")
    assert set(raised.value.message_dict) == {"title", "body"}
    assert not Story.objects.exists()


def test_a_future_publish_date_keeps_it_hidden_until_then(publish, client):
    story = publish(published_at=timezone.now() + timedelta(days=2))
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_returned_story_is_a_draft_with_the_note(world):
    staff = world["users"]["staff"]
    story = story_create(actor=staff, node=world["community"], title="待改", body="内容")
    story_submit(story=story, actor=staff)
    with pytest.raises(ValidationError):
        story_return(story=story, actor=world["users"]["supervisor"], note="")
    story = story_return(story=story, actor=world["users"]["supervisor"], note="请补充照片")
    assert story.state == StoryState.DRAFT and story.review_note == "请补充照片"
    story_update(story=story, actor=staff, node=world["community"], title="已改", body="内容")


def test_photos_are_kept_as_a_thumbnail_and_a_large_copy_only(world):
    staff = world["users"]["staff"]
    story = story_create(actor=staff, node=world["community"], title="有图", body="内容")
    photo = story_photo_add(story=story, actor=staff, upload=image_upload(), caption="活动现场")
    with Image.open(photo.thumb.path) as thumb, Image.open(photo.image.path) as large:
        assert max(thumb.size) == 480 and max(large.size) == 1280
    assert photo.thumb.size < 60_000


def test_a_file_that_is_not_an_image_is_refused_with_its_field(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    staff = world["users"]["staff"]
    story = story_create(actor=staff, node=world["community"], title="有图", body="内容")
    with pytest.raises(ValidationError) as raised:
        story_photo_add(
            story=story, actor=staff, upload=SimpleUploadedFile("x.jpg", b"<script>", "image/jpeg")
        )
    assert "photo" in raised.value.message_dict
    assert not StoryPhoto.objects.exists()


def test_story_pages_load_thumbnails_lazily(world, publish, client):
    story = publish(title="图文")
    story.state = StoryState.DRAFT
    Story.objects.filter(pk=story.pk).update(state=StoryState.DRAFT)
    story_photo_add(story=story, actor=world["users"]["staff"], upload=image_upload())
    story_photo_add(story=story, actor=world["users"]["staff"], upload=image_upload())
    Story.objects.filter(pk=story.pk).update(state=StoryState.PUBLISHED)
    listing = client.get(reverse("portal:story_list")).content.decode()
    assert 'loading="lazy"' in listing and "-t.jpg" in listing
    page = client.get(story.get_absolute_url()).content.decode()
    assert "srcset=" in page and 'loading="lazy"' in page


def test_staff_write_a_draft_through_the_editor(world, as_user):
    client = as_user("staff")
    response = client.post(
        reverse("portal:story_new"),
        {
            "title": "编辑器",
            "node": world["community"].pk,
            "body": "## 标题\n内容",
            "tags": "党建, 志愿",
        },
    )
    story = Story.objects.get(title="编辑器")
    assert response.status_code == 302
    assert sorted(t.name for t in story.tags.all()) == ["党建", "志愿"]
    assert client.post(reverse("portal:story_move", args=[story.pk, "submit"])).status_code == 302
    assert Story.objects.get(pk=story.pk).state == StoryState.REVIEW


def test_the_editor_is_closed_to_people_without_the_permission(world, as_user, publish):
    story = publish()
    assert as_user("grid_worker").get(reverse("portal:manage_stories")).status_code == 403
    assert (
        as_user("grid_worker").get(reverse("portal:story_edit", args=[story.pk])).status_code == 404
    )
