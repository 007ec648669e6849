import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from gongzhi.charity.choices import ConsentScope
from gongzhi.charity.models import AssistanceFile
from gongzhi.charity.selectors import sensitive_details
from gongzhi.charity.services import (
    assistance_consent_record,
    assistance_file_open,
    assistance_sensitive_update,
    assistance_visit_add,
)
from gongzhi.core.models import AuditEntry


def test_caseworker_and_charity_officer_see_sensitive_fields_and_each_view_is_audited(
    assistance_file, caseworker, officer
):
    for user in (caseworker, officer):
        details = sensitive_details(user, assistance_file)
        assert details.school == "新胜小学四年级"
    views = AuditEntry.objects.filter(action="charity.assistance.sensitive_viewed")
    assert sorted(views.values_list("actor_id", flat=True)) == sorted([caseworker.pk, officer.pk])
    assert "school" in views.first().data["fields"]


def test_other_staff_see_the_file_but_not_its_sensitive_fields(assistance_file, staff):
    assert AssistanceFile.objects.visible_to(staff).get() == assistance_file
    with pytest.raises(Http404):
        sensitive_details(staff, assistance_file)
    assert not AuditEntry.objects.filter(action="charity.assistance.sensitive_viewed").exists()


def test_sensitive_values_never_enter_the_audit_log(assistance_file):
    logged = " ".join(str(e.data) for e in AuditEntry.objects.all())
    assert "320602201405061234" not in logged
    assert "哮喘" not in logged


def test_only_those_who_see_them_may_change_sensitive_fields(assistance_file, staff, caseworker):
    with pytest.raises(PermissionDenied):
        assistance_sensitive_update(file=assistance_file, actor=staff, health="已康复")
    assistance_sensitive_update(file=assistance_file, actor=caseworker, health="已康复")
    assert assistance_file.sensitive.__class__.objects.get(file=assistance_file).health == "已康复"


def test_id_number_is_checked(assistance_file, caseworker):
    with pytest.raises(ValidationError) as caught:
        assistance_sensitive_update(file=assistance_file, actor=caseworker, id_number="12345")
    assert "id_number" in caught.value.message_dict


def test_public_name_is_the_pseudonym_unless_consent_names(assistance_file, caseworker):
    assert assistance_file.public_name == "小石榴"
    assistance_consent_record(
        file=assistance_file,
        consent_scope=ConsentScope.NAMED,
        consent_on=dt.date(2024, 1, 1),
        consent_by="母亲",
        actor=caseworker,
    )
    assistance_file.refresh_from_db()
    assert assistance_file.public_name == "阿依古丽"


def test_consent_to_publish_needs_date_and_giver(assistance_file, caseworker):
    with pytest.raises(ValidationError) as caught:
        assistance_consent_record(
            file=assistance_file,
            consent_scope=ConsentScope.PSEUDONYM,
            consent_on=None,
            consent_by="",
            actor=caseworker,
        )
    assert "consent_on" in caught.value.message_dict


def test_visit_timeline(assistance_file, caseworker, photo):
    visit = assistance_visit_add(
        file=assistance_file,
        kind="visit",
        visited_on=dt.date(2022, 3, 1),
        note="上门看望，送去学习用品。",
        photo=photo,
        actor=caseworker,
    )
    assert visit.photo.name.endswith(".jpg")
    assert assistance_file.visits.count() == 1


def test_opening_needs_a_category(community, caseworker):
    with pytest.raises(ValidationError) as caught:
        assistance_file_open(
            node=community,
            subject_name="某某",
            pseudonym="小某",
            categories=["nonsense"],
            reason="x",
            caseworker=caseworker,
            opened_on=dt.date(2026, 1, 1),
        )
    assert "categories" in caught.value.message_dict
