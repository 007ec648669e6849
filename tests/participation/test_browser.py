"""Browser journeys (Playwright, phone 390×844 and desktop):

- a council from planning to minutes, with a resolution that becomes a task that reaches done;
- a resident raising a demand, supporting another, and seeing it done;
- a board post moderated with a blur and appearing publicly without EXIF.
"""

import io
import os

import pytest
from django.utils import timezone
from PIL import Image, ImageStat

from gongzhi.participation import services as svc
from gongzhi.participation.choices import DemandState, PostState, TaskState
from gongzhi.participation.models import BoardPost, Council, Demand, Task
from tests.browser.helpers import login, screenshot
from tests.participation.conftest import gps_exif

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests"


def _photo(tmp_path, name="photo.jpg", exif=True):
    image = Image.new("RGB", (400, 300), (255, 255, 255))
    for x in range(0, 200, 6):  # fine detail in the left half (a door number, a face)
        for y in range(0, 300, 6):
            image.paste((0, 0, 0), (x, y, x + 3, y + 3))
    path = tmp_path / name
    image.save(path, "JPEG", quality=95, exif=gps_exif() if exif else b"")
    return str(path)


def test_council_from_planning_to_a_resolution_task_done(
    new_page, live_server, staff, grid_worker, forces, tree, tmp_path
):
    page = new_page()
    login(page, live_server, staff.username, PASSWORD, next_url="/participation/staff/")
    page.click("#plan-council")
    page.select_option("#id_node", tree["grid1"].code)
    page.fill("#id_title", "第1网格五月党群议事会")
    page.fill("#id_starts_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "树下议事厅")
    page.click("#council-form button[type=submit]")
    page.click("#invite-forces")
    page.fill("#id_agenda_title", "加装共享衣架")
    page.click("#agenda-form button[type=submit]")
    page.click("#send-notice")
    page.click("#mark-held")
    page.fill("#id_res_text", "在3幢南侧加装共享衣架")
    page.click("#resolution-form button[type=submit]")
    page.click("#resolutions summary >> nth=0")
    page.select_option(".to-task select[name=owner_party]", label="观河华府物业服务中心")
    page.fill(".to-task input[name=due_days]", "5")
    page.click(".to-task button[type=submit]")
    page.fill("#id_minutes", "与会各方一致同意加装共享衣架。")
    page.click("#publish-minutes")
    assert page.locator("#council-steps #close-council").is_visible()
    screenshot(page, "participation-council-desktop")
    council = Council.objects.get(title="第1网格五月党群议事会")
    assert council.state == "minutes_published"
    task = Task.objects.get(resolution__council=council)

    phone = new_page(phone=True)
    login(
        phone,
        live_server,
        grid_worker.username,
        PASSWORD,
        next_url=f"/participation/staff/tasks/{task.pk}/",
    )
    phone.fill("#id_tp_percent", "50")
    phone.fill("#id_tp_note", "衣架材料已到场")
    phone.set_input_files("#id_tp_photos", _photo(tmp_path, exif=False))
    phone.click("#save-progress")
    phone.click("#task-actions details >> nth=1 >> summary")
    phone.fill("#id_tc_note", "共享衣架已安装")
    phone.click("#complete-task")
    screenshot(phone, "participation-task-phone")
    task.refresh_from_db()
    assert task.state == TaskState.DONE and task.photos.count() == 1
    phone.goto(f"{live_server.url}/participation/staff/councils/{council.pk}/")
    assert phone.locator(f"[data-resolution] [data-state={TaskState.DONE}]").count() == 1
    assert not phone.js_errors


def test_resident_raises_supports_and_sees_done(
    new_page, live_server, resident, grid_worker, staff, tree, tmp_path
):
    other = svc.demand_raise(
        title="设休闲座椅", text_="单元门口没有座椅", node=tree["grid1"], actor=grid_worker
    )
    phone = new_page(phone=True)
    login(
        phone, live_server, resident.user.username, PASSWORD, next_url="/participation/demands/new/"
    )
    phone.fill("#id_title", "建休闲凉亭")
    phone.fill("#id_text", "中心广场缺少遮阳避雨的地方")
    phone.click("#demand-form button[type=submit]")
    mine = Demand.objects.get(title="建休闲凉亭")
    assert f"/participation/demands/{mine.pk}/" in phone.url
    phone.goto(f"{live_server.url}/participation/demands/{other.pk}/")
    phone.click("#support-button")
    assert "1" in phone.locator("#support-count").inner_text()
    screenshot(phone, "participation-demand-phone")
    svc.demand_accept(demand=mine, actor=staff, owner_name="观河华府物业服务中心", due_days=10)
    from django.core.files.uploadedfile import SimpleUploadedFile

    with open(_photo(tmp_path, exif=False), "rb") as handle:
        after = SimpleUploadedFile("after.jpg", handle.read())
    svc.demand_complete(demand=mine, note="凉亭已建成", photos=[after], actor=staff)
    phone.goto(f"{live_server.url}/participation/me/demands/")
    phone.click("text=建休闲凉亭")
    assert phone.locator(f"[data-state={DemandState.DONE}]").count() == 1
    assert "凉亭已建成" in phone.content()
    assert not phone.js_errors


def test_board_post_moderated_with_a_blur_and_public_without_exif(
    new_page, live_server, resident, staff, tmp_path
):
    phone = new_page(phone=True)
    login(
        phone, live_server, resident.user.username, PASSWORD, next_url="/participation/boards/new/"
    )
    phone.select_option("#id_board", "exposure")
    phone.fill("#id_caption", "楼道堆物堵塞通道")
    phone.set_input_files("#id_photo", _photo(tmp_path))
    phone.click("#post-form button[type=submit]")
    post = BoardPost.objects.get(caption="楼道堆物堵塞通道")
    assert post.state == PostState.PENDING

    desk = new_page()
    login(
        desk,
        live_server,
        staff.username,
        PASSWORD,
        next_url=f"/participation/staff/posts/{post.pk}/",
    )
    box = desk.locator("#blur-image").bounding_box()
    desk.mouse.move(box["x"] + 2, box["y"] + 2)
    desk.mouse.down()
    desk.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] - 2, steps=5)
    desk.mouse.up()
    assert desk.locator(".pt-box").count() == 1
    screenshot(desk, "participation-blur-desktop")
    desk.click("#approve-post")
    post.refresh_from_db()
    assert post.state == PostState.APPROVED and len(post.blur_boxes) == 1

    public = new_page(phone=True)
    public.goto(f"{live_server.url}/participation/boards/")
    img = public.locator(f"[data-post='{post.pk}'] img")
    assert img.count() == 1
    response = public.request.get(f"{live_server.url}/participation/boards/posts/{post.pk}/image/")
    served = Image.open(io.BytesIO(response.body()))
    assert not served.getexif() and "exif" not in served.info
    left = ImageStat.Stat(
        served.convert("L").crop((0, 0, served.width // 2 - 10, served.height))
    ).stddev[0]
    assert left < 40  # the fine pattern is blurred away
    screenshot(public, "participation-board-phone")
    assert not public.js_errors
