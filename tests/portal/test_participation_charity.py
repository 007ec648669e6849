"""The participation and charity sections on a community's home and a grid's card, computed
from the records, scrubbed, and absent while their app is not installed."""

import datetime as dt
import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.charity.choices import MovementKind
from gongzhi.charity.models import Drive, DriveGoal, ItemKind, Movement, StoragePlace
from gongzhi.participation.choices import (
    Board,
    CouncilState,
    DemandSource,
    DemandState,
    PostState,
    TaskSource,
    TaskState,
)
from gongzhi.participation.codes import new_short_code
from gongzhi.participation.models import BoardPost, Council, Demand, Task


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 160, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def praise(world):
    def make(caption="帮邻居修好了单车", state=PostState.APPROVED, board=Board.PRAISE):
        post = BoardPost(board=board, node=world["grid1"], caption=caption, state=state)
        post.original.save("o.jpg", ContentFile(_jpeg()), save=False)
        if state == PostState.APPROVED:
            post.public_image.save("p.jpg", ContentFile(_jpeg()), save=False)
        post.save()
        return post

    return make


@pytest.fixture
def demand(world):
    def make(state=DemandState.SUBMITTED):
        return Demand.objects.create(
            title="楼道灯坏了",
            text="三楼楼道灯不亮",
            node=world["grid1"],
            source=DemandSource.GRID_WORKER,
            state=state,
        )

    return make


@pytest.fixture
def task(world):
    def make(state=TaskState.OPEN):
        return Task.objects.create(
            title="修楼道灯",
            node=world["grid1"],
            owner_name="物业",
            source=TaskSource.STAFF,
            due_days=5,
            due_at=timezone.now() + timedelta(days=7),
            state=state,
        )

    return make


@pytest.fixture
def drive(world):
    kind, _ = ItemKind.objects.get_or_create(name="笔记本", defaults={"unit": "本"})
    place = StoragePlace.objects.create(node=world["community"], name="爱心仓库")

    def make(title="玉树助学", state="open", goal=200, received=0):
        d = Drive.objects.create(
            title=title,
            node=world["community"],
            purpose="募集学习用品",
            starts_on=dt.date.today(),
            ends_on=dt.date.today() + timedelta(days=30),
            state=state,
        )
        DriveGoal.objects.create(drive=d, item_kind=kind, quantity=goal)
        if received:
            Movement.objects.create(
                drive=d,
                place=place,
                item_kind=kind,
                kind=MovementKind.RECEIVED,
                quantity=received,
            )
        return d

    return make


def _home(client, world):
    return client.get(reverse("portal:place", args=[world["community"].code]))


def test_the_home_shows_praise_photos_demands_and_tasks_from_the_records(
    world, client, praise, demand, task
):
    shown = praise(caption="张三 13812345678 帮邻居修好了单车")
    praise(caption="待审核", state=PostState.PENDING)
    praise(caption="曝光", board=Board.EXPOSURE)
    demand(state=DemandState.DONE)
    demand()
    demand()
    task(state=TaskState.DONE)
    task()
    body = _home(client, world).content.decode()
    assert 'data-section="participation"' in body
    assert reverse("participation:post_image", args=[shown.pk]) in body
    assert body.count('loading="lazy"') >= 1
    assert "13812345678" not in body
    assert "待审核" not in body and "曝光" not in body
    month = timezone.localtime().strftime("%Y-%m")
    assert (
        f"{reverse('participation:demands')}?node={world['community'].code}&amp;month={month}"
        in body
    )
    context = _home(client, world).context
    block = next(b for b in context["blocks"] if b["key"] == "participation")["context"]
    assert block["demands"] == {"raised": 3, "done": 1}
    assert (block["tasks"]["total"], block["tasks"]["done"], block["tasks_percent"]) == (2, 1, 50)
    assert [p["id"] for p in block["photos"]] == [shown.pk]


def test_the_home_shows_open_drives_with_goal_against_received(world, client, drive):
    open_drive = drive(received=50)
    drive(title="已结束的募捐", state="closed")
    drive(title="草稿募捐", state="draft")
    response = _home(client, world)
    body = response.content.decode()
    assert 'data-section="charity"' in body
    assert reverse("charity:drive_public", args=[open_drive.pk]) in body
    assert "已结束的募捐" not in body and "草稿募捐" not in body
    block = next(b for b in response.context["blocks"] if b["key"] == "charity")["context"]
    assert [(d["goal"], d["received"], d["percent"]) for d in block["drives"]] == [(200, 50, 25)]


def test_the_grid_card_shows_the_councils_held_in_recent_months(world, client):
    recent = Council.objects.create(
        node=world["grid1"],
        title="五月议事会",
        starts_at=timezone.now() - timedelta(days=10),
        place="社区活动室",
        short_code=new_short_code(),
        state=CouncilState.MINUTES_PUBLISHED,
    )
    Council.objects.create(
        node=world["grid1"],
        title="很久以前的议事会",
        starts_at=timezone.now() - timedelta(days=200),
        place="社区活动室",
        short_code=new_short_code(),
        state=CouncilState.CLOSED,
    )
    Council.objects.create(
        node=world["grid1"],
        title="计划中的议事会",
        starts_at=timezone.now() + timedelta(days=3),
        place="社区活动室",
        short_code=new_short_code(),
        state=CouncilState.PLANNED,
    )
    body = client.get(reverse("portal:grid", args=[world["grid1"].code])).content.decode()
    assert 'data-section="councils"' in body
    assert recent.title in body
    assert "很久以前的议事会" not in body and "计划中的议事会" not in body


@pytest.mark.parametrize(
    ("app", "marker"),
    [("gongzhi.participation", "participation"), ("gongzhi.charity", "charity")],
)
def test_a_section_is_absent_while_its_app_is_not_installed(
    world, client, monkeypatch, praise, drive, app, marker
):
    praise()
    drive(received=5)
    assert f'data-section="{marker}"'.encode() in _home(client, world).content
    installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name != app and installed(name))
    assert f'data-section="{marker}"'.encode() not in _home(client, world).content
    if marker == "participation":
        grid = client.get(reverse("portal:grid", args=[world["grid1"].code])).content
        assert b'data-section="councils"' not in grid


def test_the_new_sections_keep_the_home_in_flat_queries(world, client, praise, demand, task, drive):
    praise()
    demand()
    task()
    drive(received=1)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        _home(client, world)
    for i in range(5):
        praise()
        demand(state=DemandState.DONE)
        task(state=TaskState.DONE)
        drive(title=f"募捐{i}", received=i + 1)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        _home(client, world)
    assert len(many.captured_queries) == len(few.captured_queries)
