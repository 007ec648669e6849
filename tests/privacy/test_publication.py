"""Publication is a policy per category with the reporter's word respected; Open311 reports are
private on arrival; staff publish after review through an audited service; the reporting
client always reads back its own requests."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongzhi.cases.choices import Channel, Publication
from gongzhi.cases.models import Case
from gongzhi.cases.services import case_publish, case_report
from gongzhi.core.models import AuditEntry
from tests.casesui.conftest import htmx


def _policy(category, publication):
    category.publication = publication
    category.save(update_fields=["publication"])


def test_open311_report_is_private_and_its_client_reads_it_back(post_report, keys):
    response = post_report(description="电梯坏了，联系13812345678", public="true")
    assert response.status_code == 201
    reference = response.json()[0]["service_request_id"]
    case = Case.objects.get(reference=reference)
    assert case.is_public is False and case.publish_consent is True
    assert (
        "not public" in response.json()[0]["service_notice"] or response.json()[0]["service_notice"]
    )
    assert Client().get(f"/open311/v2/requests/{reference}.json").status_code == 404
    own = Client().get(f"/open311/v2/requests/{reference}.json", {"api_key": keys["reporter"]})
    assert own.status_code == 200
    assert json.loads(own.content)[0]["description"] == "电梯坏了，联系13812345678"
    listed = Client().get("/open311/v2/requests.json", {"api_key": keys["reporter"]})
    assert json.loads(listed.content)[0]["description"] == "电梯坏了，联系13812345678"
    assert json.loads(Client().get("/open311/v2/requests.json").content) == []


def test_a_client_reads_back_its_own_request_even_outside_its_view(world, client, keys):
    from gongzhi.api.keys import apikey_create

    _k, raw = apikey_create(name="kiosk", node=world["grid1"], permissions=["cases.report"])
    answer = client.post(
        "/open311/v2/requests.json",
        {"api_key": raw, "service_code": "noise", "lat": "32.05", "long": "120.05"},
    )
    assert answer.status_code == 201, answer.content
    reference = answer.json()[0]["service_request_id"]
    mine = client.get(f"/open311/v2/requests/{reference}.json", {"api_key": raw})
    assert mine.status_code == 200 and json.loads(mine.content)[0]["lat"] == 32.05


def test_public_feed_holds_only_published_reports(world, report, post_report, client):
    published = report(is_public=True)
    report(is_public=False)
    post_report()
    listed = json.loads(client.get("/open311/v2/requests.json").content)
    feed = client.get("/api/public/cases").json()["items"]
    assert [r["service_request_id"] for r in listed] == [published.reference]
    assert [c["reference"] for c in feed] == [published.reference]


def test_category_policy_decides_publication_on_arrival(world, report):
    _policy(world["lift"], Publication.REVIEW)
    assert report(is_public=True).is_public is False
    _policy(world["lift"], Publication.NEVER)
    assert report(is_public=True).is_public is False
    _policy(world["lift"], Publication.PUBLIC)
    assert report(is_public=True).is_public is True
    assert report(is_public=False).is_public is False


def test_staff_publish_a_reviewed_report_with_an_audit_entry(world, report, client):
    _policy(world["lift"], Publication.REVIEW)
    case = report(is_public=True, description="电梯坏了，电话13812345678")
    assert client.get(f"/report/cases/{case.reference}/").status_code == 404
    case = case_publish(case=case, actor=world["users"]["dispatcher"])
    assert case.is_public
    entry = AuditEntry.objects.get(action="cases.case.published")
    assert entry.actor == world["users"]["dispatcher"] and entry.object_id == str(case.pk)
    page = client.get(f"/report/cases/{case.reference}/")
    assert page.status_code == 200 and "13812345678" not in page.content.decode()
    case_publish(case=case, actor=world["users"]["dispatcher"], publish=False)
    assert client.get(f"/report/cases/{case.reference}/").status_code == 404
    assert AuditEntry.objects.filter(action="cases.case.unpublished").count() == 1


def test_publication_respects_the_reporter_and_the_category(world, report):
    refused = report(is_public=False)
    with pytest.raises(ValidationError):
        case_publish(case=refused, actor=world["users"]["dispatcher"])
    _policy(world["lift"], Publication.NEVER)
    never = report(is_public=True)
    with pytest.raises(ValidationError):
        case_publish(case=never, actor=world["users"]["dispatcher"])
    assert not Case.objects.filter(is_public=True).exists()
    assert not AuditEntry.objects.filter(action="cases.case.published").exists()


def test_only_staff_with_the_permission_publish(world, post_report):
    case = Case.objects.get(reference=post_report().json()[0]["service_request_id"])
    for name in ("handler", "supervisor", "resident"):
        with pytest.raises(PermissionDenied):
            case_publish(case=case, actor=world["users"][name])
    assert case_publish(case=case, actor=world["users"]["staff"]).is_public


def test_hotline_and_open311_reports_wait_for_review_even_in_public_categories(world):
    case = case_report(
        category=world["lift"],
        description="电梯坏了",
        channel=Channel.HOTLINE,
        actor=world["users"]["dispatcher"],
        node=world["grid1"],
        is_public=None,
    )
    assert case.is_public is False and case.publish_consent is None
    assert case_publish(case=case, actor=world["users"]["dispatcher"]).is_public


def test_publish_button_on_the_staff_page(world, post_report, as_user):
    reference = post_report().json()[0]["service_request_id"]
    client = htmx(as_user("dispatcher"))
    page = client.get(f"/cases/{reference}/panel/").content.decode()
    assert f"/cases/{reference}/publication/" in page
    answer = client.post(f"/cases/{reference}/publication/", {"publish": "1"})
    assert answer.status_code == 200
    assert Case.objects.get(reference=reference).is_public
    assert Client().get(f"/open311/v2/requests/{reference}.json").status_code == 200
