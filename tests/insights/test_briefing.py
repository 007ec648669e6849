"""The monthly briefing: built from the records, edited, approved (frozen), compared later."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from gongzhi.cases.choices import Action, State
from gongzhi.cases.models import Case
from gongzhi.insights.briefing import services
from gongzhi.insights.briefing.builder import bound_numbers, plain_text
from gongzhi.insights.briefing.selectors import briefing_diff
from gongzhi.insights.models import BriefingState
from gongzhi.insights.periods import Period

from .conftest import frozen_at, local

MARCH = Period(2026, 3)


@pytest.fixture
def month(world, history):
    for day, on_time in [(2, True), (5, False), (8, True)]:
        grid = world["grid1"] if day != 5 else world["grid2"]
        case = history.case(grid, local(2026, 3, day))
        history.event(case, Action.ACCEPT, local(2026, 3, day, 11), to_state=State.ACCEPTED)
        history.close(case, local(2026, 3, day + 3), on_time=on_time)
    return world


def _generate(world):
    return services.briefing_generate(
        node=world["community"], period=MARCH, actor=world["users"]["staff"], now=local(2026, 4, 2)
    )


def test_every_number_in_the_prose_is_bound_to_a_kpi(month):
    briefing = _generate(month)
    numbers = bound_numbers(briefing.content)
    assert numbers["cases_received@T-S-C@2026-03@value"] == 3
    assert numbers["closed_on_time_rate@T-S-C@2026-03@value"] == round(2 / 3, 4)
    assert numbers["closed_on_time_rate@T-S-C-G2@2026-03@value"] == 0.0
    headline = plain_text(briefing.content["sections"][0]["paragraphs"][0])
    assert "3" in headline and "66.7%" in headline


def test_staff_edit_paragraphs_supervisor_approves_and_it_is_frozen(month):
    briefing = _generate(month)
    users = month["users"]
    briefing = services.briefing_edit(
        briefing=briefing, actor=users["staff"], narrative={"after:headline": "电梯问题集中。"}
    )
    with pytest.raises(PermissionDenied):
        services.briefing_approve(briefing=briefing, actor=users["staff"])
    briefing = services.briefing_approve(briefing=briefing, actor=users["supervisor"])
    assert briefing.state == BriefingState.APPROVED and briefing.as_of is not None
    assert briefing.record_ids["cases_closed"] == sorted(
        Case.objects.filter(events__action=Action.VERIFY_PASS).values_list("pk", flat=True)
    )
    with pytest.raises(ValidationError):
        services.briefing_edit(briefing=briefing, actor=users["staff"], narrative={"intro": "x"})
    with pytest.raises(ValidationError):
        _generate(month)
    published = services.briefing_publish(briefing=briefing, actor=users["supervisor"])
    assert published.state == BriefingState.PUBLISHED


def test_narrative_refuses_unknown_slots_and_oversized_text(month):
    briefing = _generate(month)
    staff = month["users"]["staff"]
    with pytest.raises(ValidationError):
        services.briefing_edit(briefing=briefing, actor=staff, narrative={"sections": "x"})
    with pytest.raises(ValidationError):
        services.briefing_edit(briefing=briefing, actor=staff, narrative={"intro": "长" * 4001})


def test_regenerating_says_which_numbers_differ_and_why(month, history):
    briefing = _generate(month)
    with frozen_at(local(2026, 4, 2, 9)):
        briefing = services.briefing_approve(briefing=briefing, actor=month["users"]["supervisor"])
    assert briefing_diff(briefing, now=local(2026, 4, 3)) == []
    # A correction after the freeze: a case from March gets a closing recorded late.
    case = history.case(month["grid1"], local(2026, 3, 20))
    history.close(case, local(2026, 3, 25))
    from django.db import transaction

    from gongzhi.core.audit import log_action

    with frozen_at(local(2026, 4, 5)), transaction.atomic():
        log_action("cases.case.closed", obj=case, data={"corrected": True})
    diffs = {d["key"]: d for d in briefing_diff(briefing, now=local(2026, 4, 6))}
    closed = diffs["cases_closed@T-S-C@2026-03@value"]
    assert closed["frozen"] == 3 and closed["now"] == 4
    assert [w["effect"] for w in closed["why"]] == ["added"]
    assert closed["why"][0]["object"] == case.reference


def test_pdf_and_word_carry_the_text_and_the_charts(month, client):
    briefing = _generate(month)
    client.force_login(month["users"]["supervisor"])
    pdf = client.get("/insights/T-S-C/briefing/2026-03/download.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "66.7%" in text
    assert any(page.images for page in PdfReader(io.BytesIO(pdf.content)).pages)
    from docx import Document

    docx = client.get("/insights/T-S-C/briefing/2026-03/download.docx")
    document = Document(io.BytesIO(docx.content))
    assert any("66.7%" in p.text for p in document.paragraphs)
    assert document.inline_shapes
    assert briefing.content["title"]
    assert client.get("/insights/T-S-C/briefing/2026-03/download.exe").status_code == 404


def test_briefing_command_prints_the_month(month, capsys, tmp_path):
    call_command("briefing", "T-S-C", "2026-03", "--pdf", str(tmp_path / "b.pdf"))
    out = capsys.readouterr().out
    assert "66.7%" in out
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")


def test_public_copy_scrubs_staff_paragraphs(month):
    from gongzhi.insights.briefing.selectors import briefing_view

    briefing = _generate(month)
    services.briefing_edit(
        briefing=briefing,
        actor=month["users"]["staff"],
        narrative={"intro": "有事请联系13812345678。"},
    )
    view = briefing_view(month["community"], MARCH)
    assert "13812345678" in view.as_json()["sections"][0]["narrative"]
    assert "13812345678" not in view.public_json()["sections"][0]["narrative"]


def _jpeg(size=(64, 48), colour=(200, 80, 40)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def boards_and_demands(month):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from gongzhi.participation.choices import Board, DemandSource, DemandState, PostState
    from gongzhi.participation.models import BoardPost, Demand

    grid = month["grid1"]
    public = default_storage.save("test/briefing-public.jpg", ContentFile(_jpeg()))
    BoardPost.objects.create(
        board=Board.PRAISE,
        node=grid,
        caption="王阿姨帮邻居修好了水管，电话13812345678",
        state=PostState.APPROVED,
        original="test/briefing-original.jpg",
        public_image=public,
        moderated_at=local(2026, 3, 12),
        created_at=local(2026, 3, 11),
    )
    BoardPost.objects.create(  # not yet moderated: never in a briefing
        board=Board.EXPOSURE,
        node=grid,
        caption="乱停车",
        state=PostState.PENDING,
        original="test/briefing-pending.jpg",
        created_at=local(2026, 3, 11),
    )
    Demand.objects.create(
        title="加装健身器材",
        text="小区缺少健身器材",
        node=grid,
        source=DemandSource.RESIDENT,
        state=DemandState.DONE,
        created_at=local(2026, 2, 20),
        done_at=local(2026, 3, 18),
    )
    return month


def test_briefing_reports_participation_and_shows_the_months_public_photos(
    boards_and_demands, client
):
    world = boards_and_demands
    briefing = _generate(world)
    sections = {s["key"]: s for s in briefing.content["sections"]}
    text = "".join(plain_text(p) for p in sections["participation"]["paragraphs"])
    assert "加装健身器材" in text
    numbers = bound_numbers(briefing.content)
    assert numbers["demands_done@T-S-C@2026-03@value"] == 1
    assert numbers["board_posts@T-S-C@2026-03@value"] == 1
    assert numbers["councils_due@T-S-C@2026-03@value"] == 2
    photos = briefing.content["photos"]
    assert [p["file"] for p in photos] == ["test/briefing-public.jpg"]
    assert "13812345678" not in photos[0]["caption"] and "王" in photos[0]["caption"]

    client.force_login(world["users"]["supervisor"])
    page = client.get("/insights/T-S-C/briefing/2026-03/").content.decode()
    assert "briefing-public.jpg" in page and "briefing-original" not in page
    pdf = PdfReader(io.BytesIO(client.get("/insights/T-S-C/briefing/2026-03/download.pdf").content))
    sizes = [image.image.size for page in pdf.pages for image in page.images]
    assert (64, 48) in sizes  # the board photo, beside the charts
    from docx import Document

    docx = client.get("/insights/T-S-C/briefing/2026-03/download.docx")
    charts = 3  # the twelve-month charts
    assert len(Document(io.BytesIO(docx.content)).inline_shapes) == charts + 1
    from gongzhi.insights.briefing.selectors import briefing_view

    api = briefing_view(world["community"], MARCH).as_json()["photos"]
    assert api[0]["url"].endswith("briefing-public.jpg") and "file" not in api[0]
