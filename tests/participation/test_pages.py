import pytest
from django.urls import reverse

from gongzhi.participation import services as svc
from tests.participation.conftest import jpeg_bytes


def test_public_demand_pages_mask_names_phones_and_doors(client, resident, staff):
    demand = svc.demand_raise(
        title="张三明家门口路灯",
        text_="我是张三明，电话13812345678，住5栋2单元301室",
        node=resident.node,
        actor=resident.user,
    )
    for url in (reverse("participation:demands"), demand.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "张三明" not in page
        assert "13812345678" not in page
        assert "301室" not in page


def test_the_demand_list_counts_done_out_of_raised(client, demand):
    page = client.get(reverse("participation:demands"))
    assert page.status_code == 200
    assert "0 of 1 demands done" in page.content.decode()


def test_a_resident_raises_a_demand_on_the_phone_form(client, resident):
    client.force_login(resident.user)
    form = client.get(reverse("participation:demand_new"))
    assert resident.node.code in form.content.decode()
    answer = client.post(
        reverse("participation:demand_new"),
        {"node": resident.node.code, "title": "", "text": "要座椅"},
    )
    assert answer.status_code == 400
    assert 'id="err-title"' in answer.content.decode()
    answer = client.post(
        reverse("participation:demand_new"),
        {"node": resident.node.code, "title": "休闲座椅", "text": "要座椅"},
    )
    assert answer.status_code == 302


def test_the_public_never_gets_a_pending_photo_or_the_original(client, resident, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    post = svc.post_create(
        board="praise",
        node=resident.node,
        caption="好人",
        photo=SimpleUploadedFile("a.jpg", jpeg_bytes()),
        actor=resident.user,
    )
    assert client.get(reverse("participation:post_image", args=[post.pk])).status_code == 404
    assert client.get(reverse("participation:post_original", args=[post.pk])).status_code == 302
    client.force_login(resident.user)
    assert client.get(reverse("participation:post_original", args=[post.pk])).status_code == 404
    svc.post_approve(post=post, actor=staff)
    client.logout()
    answer = client.get(reverse("participation:post_image", args=[post.pk]))
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    answer.close()


def test_staff_walk_a_council_through_its_pages(client, staff, tree, forces):
    client.force_login(staff)
    answer = client.post(
        reverse("participation:council_new"),
        {
            "node": tree["grid1"].code,
            "kind": "monthly",
            "title": "四月议事会",
            "starts_at": "2026-04-10T19:00",
            "place": "树下议事厅",
        },
    )
    assert answer.status_code == 302
    council_url = answer["Location"]
    pk = int(council_url.rstrip("/").split("/")[-1])
    act = lambda action, **data: client.post(  # noqa: E731
        reverse("participation:council_act", args=[pk, action]), data
    )
    act("invite_forces")
    act("agenda", title="加装共享衣架")
    act("held")
    act("resolution", text="在3幢旁加装共享衣架")
    page = client.get(council_url).content.decode()
    assert "在3幢旁加装共享衣架" in page and "观河华府物业服务中心" in page
    act("minutes", minutes="与会居民一致同意")
    page = client.get(council_url).content.decode()
    assert "与会居民一致同意" in page


def test_staff_pages_answer_404_to_residents(client, resident, council):
    client.force_login(resident.user)
    assert client.get(reverse("participation:council_detail", args=[council.pk])).status_code == 404
    assert client.get(reverse("participation:staff_home")).status_code == 404


def test_public_lists_answer_in_a_flat_number_of_queries(
    client, staff, tree, django_assert_max_num_queries
):
    for i in range(15):
        svc.task_create(
            title=f"任务{i}", node=tree["grid1"], due_days=3, owner_name="物业", actor=staff
        )
    with django_assert_max_num_queries(12):
        assert client.get(reverse("participation:tasks")).status_code == 200


@pytest.mark.parametrize("name", ["demands", "tasks", "services", "boards", "councils"])
def test_public_pages_render(client, db, name):
    assert client.get(reverse(f"participation:{name}")).status_code == 200


def test_staff_pages_render(client, staff, council, tree):
    client.force_login(staff)
    for name in (
        "staff_home",
        "compliance",
        "staff_demands",
        "staff_tasks",
        "moderation",
        "service_requests",
        "worker_home",
        "council_new",
        "task_new",
    ):
        assert client.get(reverse(f"participation:{name}")).status_code == 200, name


def test_published_minutes_mask_the_names_of_those_present(client, held_council, staff, resident):
    svc.attendance_record(council=held_council, person=resident, method="manual", actor=staff)
    svc.council_publish_minutes(
        council=held_council, minutes="张三明提议装衣架，电话13812345678", actor=staff
    )
    page = client.get(reverse("participation:councils")).content.decode()
    assert "装衣架" in page
    assert "张三明" not in page and "13812345678" not in page


def test_the_resident_reads_the_answer_among_their_messages(client, demand, staff):
    svc.demand_decline(demand=demand, reason="已有同类设施", actor=staff)
    client.force_login(demand.raised_by)
    page = client.get(reverse("cases:notifications")).content.decode()
    assert demand.title in page


def test_the_board_answers_in_a_flat_number_of_queries(
    client, resident, staff, photo, django_assert_max_num_queries
):
    for i in range(6):
        post = svc.post_create(
            board="praise",
            node=resident.node,
            caption=f"好事{i}",
            photo=photo(),
            actor=resident.user,
        )
        svc.post_approve(post=post, actor=staff)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("participation:boards")).status_code == 200
