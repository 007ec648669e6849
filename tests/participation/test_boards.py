import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageStat

from gongzhi.participation import images
from gongzhi.participation import services as svc
from gongzhi.participation.choices import PostState
from gongzhi.participation.models import BoardPost
from gongzhi.points.models import Transaction
from tests.participation.conftest import gps_exif, jpeg_bytes


@pytest.fixture
def post(resident):
    upload = SimpleUploadedFile(
        "p.jpg", jpeg_bytes(size=(200, 100), color=(250, 250, 250), exif=gps_exif())
    )
    return svc.post_create(
        board="exposure", node=resident.node, caption="楼道堆物", photo=upload, actor=resident.user
    )


def _read(field) -> Image.Image:
    with field.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


def test_a_post_waits_for_moderation_and_its_stored_photo_has_no_exif(post):
    assert post.state == PostState.PENDING
    assert not BoardPost.objects.public().exists()
    image = _read(post.original)
    assert not image.getexif()
    assert "exif" not in image.info


def test_approving_makes_a_blurred_public_copy(post, staff):
    # Fine detail (like a door number) in the left half; the blur box covers it.
    source = Image.new("L", (200, 100), 255)
    for x in range(0, 100, 4):
        for y in range(0, 100, 4):
            source.paste(0, (x, y, x + 2, y + 2))
    out = io.BytesIO()
    source.convert("RGB").save(out, "JPEG", quality=95)
    with post.original.open("wb") as handle:
        handle.write(out.getvalue())
    post = svc.post_approve(post=post, blur_boxes=[[0, 0, 0.5, 1]], actor=staff)
    assert post.state == PostState.APPROVED
    box = (0, 0, 100, 100)
    public = ImageStat.Stat(_read(post.public_image).convert("L").crop(box)).stddev[0]
    original = ImageStat.Stat(_read(post.original).convert("L").crop(box)).stddev[0]
    assert public < original / 5
    assert not _read(post.public_image).getexif()
    assert BoardPost.objects.public().count() == 1


def test_blur_boxes_outside_the_photo_are_refused(post, staff):
    with pytest.raises(ValidationError) as exc:
        svc.post_approve(post=post, blur_boxes=[[0.5, 0.5, 2, 2]], actor=staff)
    assert "blur_boxes" in exc.value.message_dict
    with pytest.raises(ValidationError):
        images.parse_boxes("not json")
    post.refresh_from_db()
    assert post.state == PostState.PENDING and not post.public_image


def test_reject_needs_a_reason_and_hide_takes_an_approved_post_down(post, staff):
    with pytest.raises(ValidationError):
        svc.post_reject(post=post, reason="", actor=staff)
    svc.post_approve(post=post, actor=staff)
    svc.post_hide(post=post, reason="涉及隐私", actor=staff)
    assert not BoardPost.objects.public().exists()
    with pytest.raises(ValidationError):
        svc.post_approve(post=post, actor=staff)


def test_a_grid_worker_may_not_moderate(post, grid_worker):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        svc.post_approve(post=post, actor=grid_worker)


def test_an_exposure_post_becomes_a_case_in_one_step(post, staff, category):
    post = svc.post_to_case(post=post, category=category, actor=staff)
    assert post.case.photos.count() == 1
    with pytest.raises(ValidationError):
        svc.post_to_case(post=post, category=category, actor=staff)


def test_a_praise_post_awards_good_deed_points_once(resident, staff, points_rules, make_resident):
    helper = make_resident("赵六")
    upload = SimpleUploadedFile("p.jpg", jpeg_bytes())
    post = svc.post_create(
        board="praise",
        node=resident.node,
        caption="赵六帮邻居修车",
        photo=upload,
        actor=resident.user,
    )
    svc.post_approve(post=post, actor=staff)
    svc.post_award_praise(post=post, person=helper, actor=staff)
    with pytest.raises(ValidationError):
        svc.post_award_praise(post=post, person=helper, actor=staff)
    awards = Transaction.objects.filter(reason="good_deed", entries__account__person=helper)
    assert awards.count() == 1


def test_an_oversized_upload_is_refused(resident, settings):
    settings.GONGZHI_PHOTO_MAX_BYTES = 1000
    big = SimpleUploadedFile("big.jpg", jpeg_bytes(size=(800, 800)))
    with pytest.raises(ValidationError) as exc:
        svc.post_create(
            board="praise", node=resident.node, caption="x", photo=big, actor=resident.user
        )
    assert "photo" in exc.value.message_dict
    assert not BoardPost.objects.exists()
