"""The documents: what the law asks each to say, their numbers, and that a download gives the
document as issued."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from gongzhi.enforcement.choices import DocumentKind, RecordState
from gongzhi.enforcement.documents.wording import chinese_date
from gongzhi.enforcement.errors import ProcedureConflict
from gongzhi.enforcement.models import EnforcementDocument
from tests.enforcement.helpers import (
    SELF_DEMOLITION_DEADLINE_AGO,
    days_ago,
    drive,
    issue,
    record_service,
    serve,
)


def download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    # Reading the stream to its end closes the file (the test client closes the response).
    return b"".join(response.streaming_content)


def pdf_text(document) -> str:
    with document.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", "", text)  # lines wrap anywhere in Chinese


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def served_all(world, open_structure):
    """A record taken to the forced-demolition notice; its four documents by kind."""
    record = drive(open_structure(), RecordState.FORCED_NOTICE_SERVED, world["users"]["officer"])
    return record, {d.kind: d for d in record.documents.all()}


def _common(text, document, authority):
    assert document.number in text
    assert squash(authority.name) in text
    assert chinese_date(document.issued_on) in text
    assert "测试社区3幢北侧" in text  # the structure's address
    assert squash(authority.basis_for(document.kind)) in text


def test_demolition_order_says_what_the_law_asks(world, served_all):
    record, documents = served_all
    order = documents[DocumentKind.DEMOLITION_ORDER]
    text = pdf_text(order)
    _common(text, order, world["authority"])
    assert "限期拆除决定书" in text
    assert "当事人:张三" in text
    assert "测试社区3幢2单元502室" in text  # the party's address
    assert squash(record.facts) in text
    assert "《中华人民共和国城乡规划法》第六十四条" in text
    deadline = chinese_date(days_ago(SELF_DEMOLITION_DEADLINE_AGO))
    assert f"限你(单位)于{deadline}前自行拆除" in text
    assert "六十日内向测试区人民政府申请行政复议" in text
    assert "六个月内依法向测试区人民法院提起行政诉讼" in text
    assert re.search(r"测执拆字〔\d{4}〕第\d{4}号", text)


def test_stop_order_reminder_and_notice_carry_their_elements(world, served_all):
    record, documents = served_all
    stop = documents[DocumentKind.STOP_ORDER]
    text = pdf_text(stop)
    _common(text, stop, world["authority"])
    assert "责令停止违法行为通知书" in text and "立即停止" in text and "行政复议" in text
    reminder = documents[DocumentKind.REMINDER]
    text = pdf_text(reminder)
    _common(text, reminder, world["authority"])
    assert "催告书" in text
    assert documents[DocumentKind.DEMOLITION_ORDER].number in text  # the order it reminds of
    assert "陈述和申辩" in text
    notice = documents[DocumentKind.FORCED_NOTICE]
    text = pdf_text(notice)
    _common(text, notice, world["authority"])
    assert "强制拆除公告" in text and "强制拆除" in text


def test_public_notice_masks_the_party(served_all):
    _record, documents = served_all
    text = pdf_text(documents[DocumentKind.FORCED_NOTICE])
    assert "张三" not in text and "张*" in text
    assert "2单元502室" not in text


def test_numbers_run_per_authority_kind_and_year(world, open_structure):
    officer = world["users"]["officer"]
    first = drive(open_structure(), RecordState.STOP_ORDER_SERVED, officer)
    second = drive(open_structure(address="另一处"), RecordState.STOP_ORDER_SERVED, officer)
    year = days_ago(25).year
    numbers = [d.number for d in EnforcementDocument.objects.order_by("pk")]
    assert numbers == [f"测执停字〔{year}〕第0001号", f"测执停字〔{year}〕第0002号"]
    assert first.documents.get().seq == 1 and second.documents.get().seq == 2


def test_a_withdrawn_number_is_never_given_again(world, open_structure):
    officer = world["users"]["officer"]
    record = drive(open_structure(), RecordState.INVESTIGATED, officer)
    wrong = issue(record, DocumentKind.STOP_ORDER, officer)
    right = issue(record, DocumentKind.STOP_ORDER, officer)
    wrong.refresh_from_db()
    assert wrong.withdrawn_at is not None
    assert (wrong.seq, right.seq) == (1, 2)
    with pytest.raises(ProcedureConflict):
        record_service(wrong, officer)
    record_service(right, officer)
    record.refresh_from_db()
    assert record.state == RecordState.STOP_ORDER_SERVED


def test_download_gives_the_document_as_issued(world, served_all, client):
    _record, documents = served_all
    order = documents[DocumentKind.DEMOLITION_ORDER]
    with order.pdf.open("rb") as handle:
        issued = handle.read()
    authority = world["authority"]
    authority.basis_demolition_order = "《某新条例》第一条"
    authority.name = "改名后的执法局"
    authority.save()
    client.force_login(world["users"]["officer"])
    first = download(client, f"/enforcement/documents/{order.pk}.pdf")
    second = download(client, f"/enforcement/documents/{order.pk}.pdf")
    assert first == second == issued
    assert first.startswith(b"%PDF")
    assert "改名后" not in pdf_text(order)


def test_document_download_is_404_outside_the_readers_area(world, served_all, client):
    _record, documents = served_all
    client.force_login(world["users"]["other_grid_worker"])
    response = client.get(f"/enforcement/documents/{documents['stop_order'].pk}.pdf")
    assert response.status_code == 404
    client.force_login(world["users"]["grid_worker"])
    assert download(client, f"/enforcement/documents/{documents['stop_order'].pk}.pdf")


def test_service_record_is_checked(world, open_structure):
    officer = world["users"]["officer"]
    record = drive(open_structure(), RecordState.STOP_ORDER_SERVED, officer)
    order = issue(record, DocumentKind.DEMOLITION_ORDER, officer)
    for bad, field in [
        ({"served_on": days_ago(SELF_DEMOLITION_DEADLINE_AGO)}, "served_on"),
        ({"served_on": days_ago(30)}, "served_on"),
        ({"served_on": days_ago(-1)}, "served_on"),
        ({"method": "carrier pigeon"}, "method"),
        ({"recipient": " "}, "recipient"),
        ({"receipt_photo": b"not an image"}, "photos"),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            record_service(order, officer, **bad)
        assert field in excinfo.value.message_dict, bad
    record.refresh_from_db()
    assert record.state == RecordState.STOP_ORDER_SERVED
    service = record_service(order, officer, method="left", recipient="李四(家属)")
    assert service.get_method_display() and service.receipt_photo
    record.refresh_from_db()
    assert record.state == RecordState.DEMOLITION_ORDER_SERVED
    assert record.self_demolition_deadline == days_ago(SELF_DEMOLITION_DEADLINE_AGO)
    assert record.forced_deadline_at is not None


def test_demolition_order_needs_a_sane_deadline(world, open_structure):
    officer = world["users"]["officer"]
    record = drive(open_structure(), RecordState.STOP_ORDER_SERVED, officer)
    for deadline in (None, days_ago(21), days_ago(20), days_ago(20 - 181)):
        with pytest.raises(ValidationError) as excinfo:
            issue(record, DocumentKind.DEMOLITION_ORDER, officer, self_demolition_deadline=deadline)
        assert "self_demolition_deadline" in excinfo.value.message_dict
    assert not record.documents.filter(kind=DocumentKind.DEMOLITION_ORDER).exists()


def test_text_from_records_cannot_inject_markup(world, open_structure):
    officer = world["users"]["officer"]
    record = open_structure(party_name="<b>王五</b>&", address="<font size=40>X</font>路")
    record = drive(record, RecordState.INVESTIGATED, officer)
    record, document = serve(record, DocumentKind.STOP_ORDER, officer)
    text = pdf_text(document)
    assert "<b>王五</b>&" in text
    assert "<fontsize=40>X</font>路" in text
